package deploy

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
)

// Secrets and exposure of the compose stack (issue 14 item 9): .env is the
// one place secrets live, .env.example documents it, Grafana is neither
// open to anonymous viewers nor logged in to the database as a writer.

var (
	envExampleFile  = filepath.Join(repoRoot, ".env.example")
	grafanaRoleSQL  = filepath.Join("postgres", "grafana-role.sql")
	composeVarRE    = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)`)
	envExampleVarRE = regexp.MustCompile(`^#?\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$`)
)

// envExample reads .env.example: every documented variable (commented out
// or not) and the values of those set, as compose would read them.
func envExample(t *testing.T) (documented map[string]bool, set map[string]string) {
	t.Helper()
	f, err := os.Open(envExampleFile)
	require.NoError(t, err)
	defer f.Close()
	documented, set = map[string]bool{}, map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		m := envExampleVarRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		documented[m[1]] = true
		if !strings.HasPrefix(line, "#") {
			set[m[1]] = m[2]
		}
	}
	require.NoError(t, sc.Err())
	return documented, set
}

func TestEnvExampleDocumentsEveryVariable(t *testing.T) {
	t.Parallel()
	documented, set := envExample(t)

	raw, err := os.ReadFile(composeFile)
	require.NoError(t, err)
	var names []string
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue // comments may show the syntax
		}
		for _, m := range composeVarRE.FindAllStringSubmatch(line, -1) {
			names = append(names, m[1])
		}
	}
	require.Contains(t, names, "POSTGRES_PASSWORD", "the variables of docker-compose.yml were found")
	for _, v := range config.EnvVars() {
		names = append(names, v.Name)
	}
	for _, name := range names {
		require.True(t, documented[name], ".env.example does not document %s", name)
	}

	// The required secrets are there, empty: copying the example without
	// filling them in must not start a stack with known passwords.
	for name := range requiredEnv {
		v, ok := set[name]
		require.True(t, ok, ".env.example must list %s uncommented", name)
		require.Empty(t, v, ".env.example must not suggest a value for %s", name)
	}
	var asIs []string
	for k, v := range set {
		asIs = append(asIs, k+"="+v)
	}
	_, err = loadProjectWithEnv(t, asIs)
	require.Error(t, err, ".env.example used as is starts the stack")
	_, err = loadProjectWithEnv(t, append(asIs, requiredEnvList()...))
	require.NoError(t, err, ".env.example with the secrets filled in")
}

// gitignored reports whether git ignores the file rel at the repository
// root, for patterns without a slash (last match wins, ! re-includes).
func gitignored(patterns []string, rel string) bool {
	ignored := false
	for _, p := range patterns {
		negate := strings.HasPrefix(p, "!")
		if ok, _ := filepath.Match(strings.TrimPrefix(p, "!"), rel); ok {
			ignored = !negate
		}
	}
	return ignored
}

func TestGitignoreKeepsEnvOut(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join(repoRoot, ".gitignore"))
	require.NoError(t, err)
	var patterns []string
	for _, line := range strings.Split(string(raw), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			patterns = append(patterns, line)
		}
	}
	for _, rel := range []string{".env", ".env.local", ".env.production"} {
		require.True(t, gitignored(patterns, rel), ".gitignore lets %s be committed", rel)
	}
	require.False(t, gitignored(patterns, ".env.example"), ".env.example must stay tracked")
	require.True(t, dockerignored(dockerignorePatterns(t), ".env"), ".dockerignore lets .env into the image build")
}

// TestComposeGrafanaLogin: Grafana's admin password is the one from .env
// (there is no default) and anonymous viewing is off unless asked.
func TestComposeGrafanaLogin(t *testing.T) {
	t.Parallel()
	grafana, err := loadProject(t).GetService("grafana")
	require.NoError(t, err)
	require.Equal(t, requiredEnv["GRAFANA_ADMIN_PASSWORD"], envValue(t, grafana, "GF_SECURITY_ADMIN_PASSWORD"))
	require.Equal(t, "false", envValue(t, grafana, "GF_AUTH_ANONYMOUS_ENABLED"), "anonymous Grafana viewers by default")

	grafana, err = loadProject(t, "GRAFANA_ANONYMOUS_ENABLED=true").GetService("grafana")
	require.NoError(t, err)
	require.Equal(t, "true", envValue(t, grafana, "GF_AUTH_ANONYMOUS_ENABLED"))
	require.Equal(t, "Viewer", envValue(t, grafana, "GF_AUTH_ANONYMOUS_ORG_ROLE"), "anonymous viewers only ever view")
}

// TestComposeGrafanaRoleJob: the grafana-db-role service runs
// deploy/postgres/grafana-role.sql against the compose database after the
// migrations, with the passwords from .env.
func TestComposeGrafanaRoleJob(t *testing.T) {
	t.Parallel()
	project := loadProject(t, "POSTGRES_PASSWORD=s3cret")
	job, err := project.GetService("grafana-db-role")
	require.NoError(t, err)
	require.Equal(t, "no", job.Restart, "a one-shot job")
	requireDependsOn(t, job, "migrate", "service_completed_successfully")
	target := mountTarget(t, project, "grafana-db-role", grafanaRoleSQL)
	require.Equal(t, []string{"psql", "-X", "-v", "ON_ERROR_STOP=1", "-f", target}, []string(job.Command))
	require.Equal(t, "postgres", envValue(t, job, "PGHOST"))
	pg, err := project.GetService("postgres")
	require.NoError(t, err)
	require.Equal(t, envValue(t, pg, "POSTGRES_USER"), envValue(t, job, "PGUSER"))
	require.Equal(t, envValue(t, pg, "POSTGRES_DB"), envValue(t, job, "PGDATABASE"))
	require.Equal(t, "s3cret", envValue(t, job, "PGPASSWORD"))
	require.Equal(t, requiredEnv["GRAFANA_DB_PASSWORD"], envValue(t, job, "GRAFANA_DB_PASSWORD"))
}

// TestGrafanaRoleScript runs deploy/postgres/grafana-role.sql with psql as
// grafana-db-role does, on a migrated database: the role may then log in,
// its sessions are read-only, and it can neither write nor read the
// deployment's secrets.
func TestGrafanaRoleScript(t *testing.T) {
	t.Parallel()
	psql, err := exec.LookPath("psql")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("psql is needed to test deploy/postgres/grafana-role.sql")
		}
		t.Skip("psql is not installed")
	}
	dbURL := testenv.DatabaseURL(t)
	ctx := context.Background()
	run := func(password string) ([]byte, error) {
		cmd := exec.CommandContext(ctx, psql, "-X", "-v", "ON_ERROR_STOP=1", "-d", dbURL, "-f", grafanaRoleSQL)
		cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "GRAFANA_DB_PASSWORD=") }),
			"GRAFANA_DB_PASSWORD="+password)
		return cmd.CombinedOutput()
	}
	out, err := run("")
	require.Error(t, err, "an empty password is refused: %s", out)
	// Quotes in the password must not break out of the literal.
	out, err = run(`it's a "test"; DROP TABLE deals; --`)
	require.NoError(t, err, "%s", out)

	conn, err := pgx.Connect(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	var canLogin bool
	var settings []string
	require.NoError(t, conn.QueryRow(ctx, `SELECT rolcanlogin, coalesce(rolconfig, '{}') FROM pg_roles WHERE rolname = $1`, grafanaRole).
		Scan(&canLogin, &settings))
	require.True(t, canLogin)
	require.Contains(t, settings, "default_transaction_read_only=on")
	var deals int
	require.NoError(t, conn.QueryRow(ctx, `SELECT count(*) FROM deals`).Scan(&deals), "the script dropped nothing")

	// As the role: no writes, no secrets (app_secrets holds the
	// unsubscribe key).
	for _, stmt := range []string{
		`SELECT value FROM app_secrets`,
		`INSERT INTO pipelines (name) VALUES ('x')`,
		`DELETE FROM deals`,
	} {
		tx, err := conn.Begin(ctx)
		require.NoError(t, err)
		_, err = tx.Exec(ctx, "SET LOCAL ROLE "+grafanaRole)
		require.NoError(t, err)
		_, err = tx.Exec(ctx, stmt)
		var pgErr *pgconn.PgError
		require.True(t, errors.As(err, &pgErr), "%s as %s: %v", stmt, grafanaRole, err)
		require.Equal(t, "42501", pgErr.Code, "%s as %s: want insufficient_privilege", stmt, grafanaRole)
		require.NoError(t, tx.Rollback(ctx))
	}
}
