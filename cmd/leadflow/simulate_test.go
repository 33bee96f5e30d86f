package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
	"leadflow/lead"
)

// TestRouteSimulate: recent hot leads replayed through a proposed team
// config show, per rep, what they would have got beside what they got —
// and nothing is written.
func TestRouteSimulate(t *testing.T) {
	// Not parallel: the command reads the process environment.
	dbURL := testenv.DatabaseURL(t)
	b := setup(t, dbURL, testenv.RedisURL(t))
	for i := range 6 {
		// Distinct phones too: one shared phone would make them one person.
		body := bytes.Replace(leadBody(fmt.Sprintf("p%d@example.com", i), true), []byte("+1 555 555 0100"), fmt.Appendf(nil, "+1 555 555 010%d", i), 1)
		require.Equal(t, http.StatusAccepted, b.post(t, testSecret, fmt.Sprint("msg_sim", i), time.Now(), body).Status)
	}
	b.waitRouted(t, 6)
	_, err := b.app.Store().UpsertRep(context.Background(), lead.Rep{Name: "Two", Email: "two@reps.example.com", Active: true})
	require.NoError(t, err)
	proposed := filepath.Join(t.TempDir(), "proposed.yaml")
	require.NoError(t, os.WriteFile(proposed, []byte(`routing:
  reps:
    - {name: Rep One, email: one@reps.example.com}
    - {name: Two, email: two@reps.example.com}
  teams:
    - {name: sales, members: [{email: one@reps.example.com, weight: 1}, {email: two@reps.example.com, weight: 2}]}
  fallback_team: sales
`), 0o600))
	t.Setenv(config.EnvDatabaseURL, dbURL)
	before := b.counts(t)
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"route", "simulate", "--since", "1d", "--config", proposed}, &out, &errOut), errOut.String())
	text := out.String()
	require.Contains(t, text, "replayed 6 leads")
	lines := map[string][]string{}
	for _, l := range strings.Split(text, "\n") {
		f := strings.Fields(l)
		switch {
		case len(f) == 4 && strings.Contains(f[1], "@"):
			lines[f[0]+" "+f[1]] = f[2:]
		case len(f) == 3 && strings.Contains(f[0], "@"): // no team: round robin
			lines[" "+f[0]] = f[1:]
		}
	}
	require.Equal(t, []string{"2", "0"}, lines["sales one@reps.example.com"], text)
	require.Equal(t, []string{"4", "0"}, lines["sales two@reps.example.com"], text)
	require.Equal(t, []string{"0", "6"}, lines[" one@reps.example.com"], "round robin gave them all to the only rep: "+text)
	require.Equal(t, before, b.counts(t), "a simulation writes nothing")

	errOut.Reset()
	require.Equal(t, 2, run(context.Background(), []string{"route", "simulate", "--since", "yesterday"}, &out, &errOut), "a bad flag value is a usage error")
	require.Contains(t, errOut.String(), "--since")
}
