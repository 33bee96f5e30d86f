package main

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/cmdline"
	"leadflow/internal/testenv"
)

// TestPostgresProblemsAreOneActionableLine is issue 15 item 7: a database
// that is down, or a database that does not exist, is said in one line
// naming the setting and what to try — not as the first statement that
// failed ("sync pipelines from LEADFLOW_CONFIG: begin transaction: ...").
func TestPostgresProblemsAreOneActionableLine(t *testing.T) {
	noServers(t)
	for _, args := range [][]string{{"serve"}, {"migrate", "status"}, {"reps", "ls"}, {"explain", "ada@example.com"}, {"contacts", "export", "ada@example.com"}, {"mail", "ls"}} {
		code, stdout, stderr := runCLI(args...)
		require.Equal(t, cmdline.ExitFailure, code, stderr)
		require.Empty(t, stdout)
		require.Equal(t, 1, strings.Count(strings.TrimSpace(stderr), "\n")+1, "one line: %q", stderr)
		require.Contains(t, stderr, "PostgreSQL at 127.0.0.1:1 is not reachable (connection refused)")
		require.Contains(t, stderr, "point LEADFLOW_DATABASE_URL at it")
		for _, noise := range []string{"begin transaction", "LEADFLOW_CONFIG", "dial tcp", "failed to connect"} {
			require.NotContains(t, stderr, noise)
		}
	}

	// A server that answers, a database that is not there.
	u, err := url.Parse(testenv.DatabaseURL(t))
	require.NoError(t, err)
	u.Path = "/no_such_database_for_leadflow"
	t.Setenv(config.EnvDatabaseURL, u.String())
	code, _, stderr := runCLI("migrate", "status")
	require.Equal(t, cmdline.ExitFailure, code, stderr)
	require.Contains(t, stderr, "has no such database (3D000): create it (createdb) or fix the database name in LEADFLOW_DATABASE_URL")
}
