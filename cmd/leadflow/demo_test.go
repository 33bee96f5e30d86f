package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/cmdline"
	"leadflow/internal/demo"
	"leadflow/internal/localsvc"
	"leadflow/internal/testenv"
)

// demoTestDir prepares a demo run: it needs the PostgreSQL and Redis
// binaries (testenv.Missing otherwise), listens on no fixed port (the demo
// listens where LEADFLOW_HTTP_ADDR says), reads no config file, and gets a
// data directory under the system temp dir (t.TempDir's parent is not
// traversable by postgres), removed after the test.
func demoTestDir(t *testing.T, prefix string) string {
	t.Helper()
	if _, err := localsvc.FindPostgresBin(); err != nil {
		testenv.Missing(t, "demo test: %v", err)
	}
	if _, err := localsvc.FindRedisBin(); err != nil {
		testenv.Missing(t, "demo test: %v", err)
	}
	t.Setenv(config.EnvHTTPAddr, "127.0.0.1:0")
	t.Setenv(config.EnvConfigFile, "")
	dir, err := os.MkdirTemp("", prefix)
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

// TestDemoShowsTheProduct runs `leadflow demo` as `make demo` does (its own
// PostgreSQL and Redis under --dir, every role in process) and checks that
// its report leads somewhere: the web app's sign-in tokens work for a rep
// and a manager, sample emails are shown, and the printed `leadflow post`
// line, run as printed, sends a lead that becomes a deal.
func TestDemoShowsTheProduct(t *testing.T) {
	// Not parallel: the demo and the post command read the environment.
	dir := demoTestDir(t, "leadflow-demo-test-")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lockedBuffer{}
	done := make(chan error, 1)
	go func() { done <- runDemo(ctx, []string{"--dir", dir, "--leads", "40"}, out, out) }()
	require.Eventually(t, func() bool {
		select {
		case err := <-done:
			require.NoError(t, err, out.String())
			require.Fail(t, "the demo returned before Ctrl-C", out.String())
		default:
		}
		return strings.Contains(out.String(), "Press Ctrl-C")
	}, 3*time.Minute, 50*time.Millisecond, "the demo did not finish its report")
	report := out.String()

	// Simulated outcomes, labelled as such, and the pareto table over them.
	require.Contains(t, report, "Simulated outcomes (not real sales")
	require.Contains(t, report, "leadflow report pareto")
	require.Contains(t, report, "top 20%")
	require.Contains(t, report, "What each campaign cost and brought")
	require.Regexp(t, `brand_search\s+USD\s+560\.00\s+\d+\s+[\d.]+`, report, "CPL of a campaign with spend and leads")
	require.Regexp(t, `display_awareness\s+USD\s+280\.00\s+0\s+-.*spend, no leads`, report)
	// Spend without leads: no revenue, no pipeline, not paid back.
	require.Regexp(t, `display_awareness\s+USD\s+280\.00\s+0\s+-\s+0\.00\s+0\.00\s+0\.00\s+0\.00\s+not yet\s+spend, no leads`, report)

	// Sample emails, as a recipient sees them.
	require.Contains(t, report, "Sample nurture-1 email")
	// The rep's notice: one email per lead, or one digest when a burst of
	// leads reached the rep at once (how the demo's leads were grouped).
	require.Regexp(t, `Sample (rep-new-lead|rep-digest) email`, report)
	require.Contains(t, report, "  From:    Sales <sales@example.com>")
	require.Regexp(t, `  To:      \w+@reps\.example\.com\n  Subject: \S`, report, "the rep's notice")

	// The web app and its sign-ins.
	m := regexp.MustCompile(`The web app: (http://127\.0\.0\.1:\d+)/app/`).FindStringSubmatch(report)
	require.NotNil(t, m, report)
	base := m[1]
	repToken := regexp.MustCompile(`as a rep\s+Avery Rep\s+(lfr_\S+)`).FindStringSubmatch(report)
	require.NotNil(t, repToken, report)
	mgrToken := regexp.MustCompile(`as a manager\s+Morgan Manager\s+(lfr_\S+)`).FindStringSubmatch(report)
	require.NotNil(t, mgrToken, report)

	rep, _ := webLogin(t, base, repToken[1])
	status, page := webDo(t, rep, http.MethodGet, base+"/app/inbox", nil)
	require.Equal(t, http.StatusOK, status, page)
	status, _ = webDo(t, rep, http.MethodGet, base+"/app/manager", nil)
	require.Equal(t, http.StatusForbidden, status, "a rep is not a manager")
	mgr, _ := webLogin(t, base, mgrToken[1])
	status, page = webDo(t, mgr, http.MethodGet, base+"/app/manager", nil)
	require.Equal(t, http.StatusOK, status, page)
	require.Equal(t, http.StatusOK, bearerGet(t, base+"/v1/deals", repToken[1]), "the rep API takes the rep's token")
	require.Equal(t, http.StatusOK, bearerGet(t, base+"/v1/dev/mail", mgrToken[1]), "the mail sink takes the manager's token")

	// The secret is the directory's, kept private.
	st, err := os.Stat(filepath.Join(dir, demo.SecretFile))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	saved, err := os.ReadFile(filepath.Join(dir, demo.SecretFile))
	require.NoError(t, err)
	require.Contains(t, report, config.EnvWebhookSecrets+"="+strings.TrimSpace(string(saved)))

	// The post line, run as printed (its environment, then its arguments).
	line := regexp.MustCompile(`(?s)\n  (LEADFLOW_DATABASE_URL=.*?\./bin/leadflow post.*?)\n[^ ]`).FindStringSubmatch(report)
	require.NotNil(t, line, report)
	words := shellWords(t, line[1])
	i := 0
	for ; strings.HasPrefix(words[i], "LEADFLOW_"); i++ {
		k, v, _ := strings.Cut(words[i], "=")
		t.Setenv(k, v)
	}
	require.Equal(t, "./bin/leadflow", words[i])
	code, stdout, stderr := runCLI(words[i+1:]...)
	require.Equal(t, cmdline.ExitOK, code, stderr)
	require.Contains(t, stdout, "HTTP 202 Accepted")
	require.Regexp(t, `Processed: contact \d+ \(lead_\w+\), score \d+ \(hot\)`, stdout)
	require.Regexp(t, `Deal \d+ in Sales / Qualification, assigned to \w+ \w+ <\w+@reps\.example\.com>`, stdout)

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(time.Minute):
		t.Fatal("the demo did not stop on Ctrl-C")
	}
	require.Contains(t, out.String(), "stopped.")
}

// bearerGet returns the status of a GET with a bearer token.
func bearerGet(t *testing.T, u, token string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	return res.StatusCode
}

// shellWords splits a command line the way a POSIX shell does for the
// forms the demo prints: words, 'single-quoted' strings and
// backslash-newline continuations.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	line = strings.ReplaceAll(line, "\\\n", " ")
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range line {
		switch {
		case quoted && r == '\'':
			quoted = false
		case quoted:
			cur.WriteRune(r)
		case r == '\'':
			quoted, inWord = true, true
		case r == ' ' || r == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			require.NotContains(t, `"$\`+"`", string(r), "unquoted shell syntax in %q", line)
			cur.WriteRune(r)
			inWord = true
		}
	}
	require.False(t, quoted, "unterminated quote in %q", line)
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// TestDemoTopScoreIsRanked runs the README's demo (300 leads, seed 1) to the
// end of its report: no more than 2 % of contacts share the top score (a
// clamp at 100 once gave it to one in eight). A run of its own, because
// with 300 leads which rep notices go out singly and which fold into a
// digest depends on timing, and TestDemoShowsTheProduct reads a sample.
func TestDemoTopScoreIsRanked(t *testing.T) {
	// Not parallel: the demo reads the environment.
	dir := demoTestDir(t, "leadflow-demo-top-")
	var out lockedBuffer
	require.NoError(t, runDemo(context.Background(), []string{"--dir", dir, "--leads", "300", "--seed", "1", "--exit"}, &out, &out), out.String())

	top := regexp.MustCompile(`top score (\d+), held by (\d+) of (\d+) contacts`).FindStringSubmatch(out.String())
	require.NotNil(t, top, out.String())
	holders, _ := strconv.Atoi(top[2])
	contacts, _ := strconv.Atoi(top[3])
	require.LessOrEqual(t, float64(holders), 0.02*float64(contacts), top[0])
}
