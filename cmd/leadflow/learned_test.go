package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
)

// historyCSV writes a synthetic labelled history: referrals mostly win,
// newsletter sign-ups mostly do not, more visits help.
func historyCSV(t *testing.T, rows int) string {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 7))
	var b strings.Builder
	b.WriteString("lead id;source;visits;Outcome\n")
	sources := []string{"referral", "newsletter", "webinar"}
	for i := range rows {
		src := sources[rng.IntN(3)]
		visits := rng.IntN(20)
		p := map[string]float64{"referral": 0.75, "newsletter": 0.1, "webinar": 0.4}[src] + float64(visits)/100
		outcome := "lost"
		if rng.Float64() < p {
			outcome = "won"
		}
		fmt.Fprintf(&b, "L%d;%s;%d;\"%s\"\n", i, src, visits, outcome)
	}
	path := filepath.Join(t.TempDir(), "history.csv")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o600))
	return path
}

func TestImportTrainAndLearnedScoring(t *testing.T) {
	// Not parallel: the commands read the process environment.
	dbURL := testenv.DatabaseURL(t)
	t.Setenv(config.EnvDatabaseURL, dbURL)
	csvPath := historyCSV(t, 600)
	ctx := context.Background()
	runCmd := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := run(ctx, args, &out, &errOut)
		return code, out.String(), errOut.String()
	}

	code, _, stderr := runCmd("score", "train")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "import history first")

	code, stdout, stderr := runCmd("import", "--csv", csvPath, "--label", "Outcome", "--positive", "won", "--id", "lead id")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stdout, "imported 600 leads")
	code, _, stderr = runCmd("import", "--csv", csvPath, "--label", "Outcome")
	require.Equal(t, 2, code, "a missing flag is a usage error")
	require.Contains(t, stderr, "--positive is required")

	code, stdout, stderr = runCmd("score", "train")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stdout, "activated")

	// A referral now gets a learned contribution naming what moved it.
	b := setup(t, dbURL, testenv.RedisURL(t))
	body := []byte(`{"type":"lead.created","data":{"email":"ref@example.com","source":"referral","attributes":{"visits":15}}}`)
	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_learned", time.Now(), body).Status)
	b.waitRouted(t, 1)
	breakdown := b.query(t, `SELECT breakdown::text FROM scores`)
	require.Len(t, breakdown, 1)
	require.Contains(t, breakdown[0], `"group": "learned"`)
	require.Contains(t, breakdown[0], "source: referral (raises it)")
}

func TestScoreEvalCommand(t *testing.T) {
	t.Parallel()
	csvPath := historyCSV(t, 600)
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"score", "eval", "--csv", csvPath, "--label", "Outcome", "--positive", "won",
		"--exclude", "lead id", "--seeds", "1-2", "--json"}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	require.Contains(t, out.String(), `"auc"`)

	out.Reset()
	errOut.Reset()
	code = run(context.Background(), []string{"score", "calibrate", "--csv", csvPath, "--label", "Outcome", "--positive", "won",
		"--exclude", "lead id", "--precision", "0.7"}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	require.Contains(t, out.String(), "suggested hot threshold")

	errOut.Reset()
	code = run(context.Background(), []string{"score", "eval", "--csv", csvPath, "--label", "Outcome", "--positive", "won", "--exclude", "nope"}, &out, &errOut)
	require.Equal(t, 1, code)
	require.Contains(t, errOut.String(), "nope")
}
