package deploy

import (
	"context"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/stretchr/testify/require"

	"leadflow/config"
)

// repoRoot is the repository root seen from this package's directory, where
// `go test` runs.
const repoRoot = ".."

// composeFile is the compose file under test, relative to the package.
var composeFile = filepath.Join(repoRoot, "docker-compose.yml")

// requiredEnv satisfies the compose file's required variables so
// interpolation passes; none of these values is used to sign or log in to
// anything.
var requiredEnv = map[string]string{
	"LEADFLOW_WEBHOOK_SECRETS": "whsec_dGVzdC1vbmx5LW5vdC1hLXJlYWwtc2VjcmV0",
	"POSTGRES_PASSWORD":        "test-only-postgres-password",
	"GRAFANA_ADMIN_PASSWORD":   "test-only-grafana-admin-password",
	"GRAFANA_DB_PASSWORD":      "test-only-grafana-db-password",
}

// requiredEnvList is requiredEnv as KEY=VALUE, leaving out the names in skip.
func requiredEnvList(skip ...string) []string {
	var out []string
	for k, v := range requiredEnv {
		if !slices.Contains(skip, k) {
			out = append(out, k+"="+v)
		}
	}
	slices.Sort(out)
	return out
}

// leadflowRoles maps each compose service that runs the leadflow image to the
// subcommand it must run. The keys are also the roles Prometheus scrapes,
// except migrate, which exits before it could be scraped.
var leadflowRoles = map[string][]string{
	"migrate":   {"migrate", "up"},
	"serve":     {"serve"},
	"worker":    {"worker"},
	"scheduler": {"scheduler"},
}

// scrapedRoles are the long-running leadflow roles, each serving /metrics.
var scrapedRoles = []string{"serve", "worker", "scheduler"}

// expectedServices is the whole stack; a service added or removed must be
// reflected here, so the change is deliberate.
var expectedServices = []string{
	"postgres", "redis",
	"migrate", "serve", "worker", "scheduler",
	"prometheus", "grafana-db-role", "grafana",
}

// loadProject loads docker-compose.yml with the variables a user must set
// and, after them, env (KEY=VALUE). It fails the test when loading fails.
func loadProject(t *testing.T, env ...string) *types.Project {
	t.Helper()
	project, err := loadProjectWithEnv(t, append(requiredEnvList(), env...))
	require.NoError(t, err, "load %s", composeFile)
	return project
}

// loadProjectWithEnv loads docker-compose.yml the way `docker compose` would,
// with exactly the variables in env: no OS environment and no .env file, so
// the result does not depend on the machine running the test.
func loadProjectWithEnv(t *testing.T, env []string) (*types.Project, error) {
	t.Helper()
	opts, err := cli.NewProjectOptions(
		[]string{composeFile},
		cli.WithWorkingDirectory(repoRoot),
		cli.WithEnv(env),
		cli.WithResolvedPaths(true),
	)
	require.NoError(t, err, "build compose project options")
	return opts.LoadProject(context.Background())
}

// envValue returns a service's environment value, failing when it is unset.
func envValue(t *testing.T, svc types.ServiceConfig, name string) string {
	t.Helper()
	v, ok := svc.Environment[name]
	require.True(t, ok && v != nil, "service %s: %s is not set", svc.Name, name)
	return *v
}

func TestComposeServices(t *testing.T) {
	t.Parallel()
	project := loadProject(t)

	require.Equal(t, "leadflow", project.Name)
	require.ElementsMatch(t, expectedServices, project.ServiceNames())

	for name, svc := range project.Services {
		// An untagged or :latest image changes under the user between two
		// `docker compose pull`s.
		ref := svc.Image
		require.NotEmpty(t, ref, "service %s has no image", name)
		tag := ref[strings.LastIndex(ref, ":")+1:]
		require.True(t, strings.Contains(ref, ":") && tag != "latest", "service %s: pin image %q to a tag", name, ref)
	}
}

// TestComposeRequiresSecrets: without any one of the secrets, or with it
// empty, compose refuses to start and names the variable, rather than run
// with a value everybody can read in this public file (issue 14 item 9: no
// default database or Grafana password).
func TestComposeRequiresSecrets(t *testing.T) {
	t.Parallel()
	_, err := loadProjectWithEnv(t, requiredEnvList())
	require.NoError(t, err, "every required variable set")
	for name := range requiredEnv {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := loadProjectWithEnv(t, requiredEnvList(name))
			require.Error(t, err, "compose starts without %s", name)
			require.Contains(t, err.Error(), name)
			_, err = loadProjectWithEnv(t, append(requiredEnvList(name), name+"="))
			require.Error(t, err, "compose starts with an empty %s", name)
		})
	}
}

func TestComposeLeadflowRoles(t *testing.T) {
	t.Parallel()
	project := loadProject(t)

	root, err := filepath.Abs(repoRoot)
	require.NoError(t, err)
	var image string
	for name, command := range leadflowRoles {
		svc, err := project.GetService(name)
		require.NoError(t, err)

		require.Equal(t, command, []string(svc.Command), "service %s runs the wrong subcommand", name)
		// One image for every role: roles built from different sources
		// would disagree about the schema and the task payloads.
		if image == "" {
			image = svc.Image
		}
		require.Equal(t, image, svc.Image, "service %s uses another image", name)
		require.NotNil(t, svc.Build, "service %s has no build section", name)
		require.Equal(t, root, svc.Build.Context, "service %s builds from elsewhere", name)
		dockerfile := svc.Build.Dockerfile
		if dockerfile == "" {
			dockerfile = "Dockerfile"
		}
		require.FileExists(t, filepath.Join(svc.Build.Context, dockerfile))

		// The binary defaults to loopback, which no other container (and
		// not Prometheus) can reach.
		host, port, err := net.SplitHostPort(envValue(t, svc, config.EnvHTTPAddr))
		require.NoError(t, err, "service %s: parse %s", name, config.EnvHTTPAddr)
		require.Equal(t, "0.0.0.0", host, "service %s must listen on all interfaces", name)
		require.NotEmpty(t, port)

		envValue(t, svc, config.EnvRedisURL)
		envValue(t, svc, config.EnvDatabaseURL)
	}

	migrate, err := project.GetService("migrate")
	require.NoError(t, err)
	require.Equal(t, "no", migrate.Restart, "migrate is a one-shot job")
	requireDependsOn(t, migrate, "postgres", types.ServiceConditionHealthy)

	for _, role := range scrapedRoles {
		svc, err := project.GetService(role)
		require.NoError(t, err)
		// Starting before the migration finished would run against an old
		// schema.
		requireDependsOn(t, svc, "migrate", types.ServiceConditionCompletedSuccessfully)
		requireDependsOn(t, svc, "redis", types.ServiceConditionHealthy)
	}

	serve, err := project.GetService("serve")
	require.NoError(t, err)
	require.True(t, slices.ContainsFunc(serve.Ports, func(p types.ServicePortConfig) bool {
		return p.Target == 8080 && p.Published == "8080"
	}), "serve must publish 8080:8080, got %+v", serve.Ports)
}

// TestComposePublishesOnLoopback: serve's port carries /metrics and the web
// app besides webhooks, so no port is published on every interface unless
// LEADFLOW_BIND asks for it (issue 14 item 9).
func TestComposePublishesOnLoopback(t *testing.T) {
	t.Parallel()
	project := loadProject(t)
	for name, svc := range project.Services {
		for _, p := range svc.Ports {
			require.Equal(t, "127.0.0.1", p.HostIP, "service %s publishes %s:%d on every interface", name, p.Published, p.Target)
		}
	}

	public := loadProject(t, "LEADFLOW_BIND=0.0.0.0")
	serve, err := public.GetService("serve")
	require.NoError(t, err)
	require.Len(t, serve.Ports, 1)
	require.Equal(t, "0.0.0.0", serve.Ports[0].HostIP, "LEADFLOW_BIND chooses serve's host address")
	require.Equal(t, "8080", serve.Ports[0].Published)
	for _, name := range []string{"prometheus", "grafana"} {
		svc, err := public.GetService(name)
		require.NoError(t, err)
		for _, p := range svc.Ports {
			require.Equal(t, "127.0.0.1", p.HostIP, "LEADFLOW_BIND must not publish %s, which has no TLS", name)
		}
	}
}

// TestComposePassesEveryBinaryVariable: every variable the binary reads can
// be set in .env and reaches every leadflow role unchanged, so no setting
// (Mailgun, the unsubscribe secret, the public URL, the config file, the
// intake limits...) needs this file edited (issue 14 item 9).
func TestComposePassesEveryBinaryVariable(t *testing.T) {
	t.Parallel()
	var env []string
	want := map[string]string{}
	for _, v := range config.EnvVars() {
		want[v.Name] = "from-dotenv-" + strings.ToLower(v.Name)
		env = append(env, v.Name+"="+want[v.Name])
	}
	project := loadProject(t, env...)
	for role := range leadflowRoles {
		svc, err := project.GetService(role)
		require.NoError(t, err)
		for name, value := range want {
			got, ok := svc.Environment[name]
			require.True(t, ok && got != nil, "service %s does not pass %s from .env", role, name)
			require.Equal(t, value, *got, "service %s: %s", role, name)
		}
	}
}

// TestComposeDefaultsValidForBinary: with only the required variables set,
// every role's environment is one the binary accepts; empty values take the
// binary's defaults.
func TestComposeDefaultsValidForBinary(t *testing.T) {
	t.Parallel()
	project := loadProject(t)
	for role := range leadflowRoles {
		svc, err := project.GetService(role)
		require.NoError(t, err)
		cfg, err := config.Load(func(name string) string {
			if v := svc.Environment[name]; v != nil {
				return *v
			}
			return ""
		})
		require.NoError(t, err, "service %s", role)
		require.Empty(t, cfg.Mail.UnsubscribeSecret, "no unsubscribe secret by default: the roles share the key stored in the database")
		require.Equal(t, "postgres", func() string { u, _ := url.Parse(cfg.DatabaseURL); return u.Hostname() }())
	}
}

// requireDependsOn checks that svc waits for dep to reach condition.
func requireDependsOn(t *testing.T, svc types.ServiceConfig, dep, condition string) {
	t.Helper()
	d, ok := svc.DependsOn[dep]
	require.True(t, ok, "service %s does not depend on %s", svc.Name, dep)
	require.Equal(t, condition, d.Condition, "service %s waits for the wrong %s condition", svc.Name, dep)
}

func TestComposeHealthchecks(t *testing.T) {
	t.Parallel()
	project := loadProject(t)

	// service_healthy conditions hang forever on a service without a
	// healthcheck.
	for name, svc := range project.Services {
		for dep, d := range svc.DependsOn {
			if d.Condition != types.ServiceConditionHealthy {
				continue
			}
			target, err := project.GetService(dep)
			require.NoError(t, err)
			require.NotNil(t, target.HealthCheck, "%s waits for %s to be healthy but it has no healthcheck", name, dep)
			require.NotEmpty(t, target.HealthCheck.Test)
		}
	}
}

func TestComposeEnvVarsKnownToBinary(t *testing.T) {
	t.Parallel()
	project := loadProject(t)

	known := map[string]bool{}
	for _, v := range config.EnvVars() {
		known[v.Name] = true
	}
	for name, svc := range project.Services {
		for key := range svc.Environment {
			if !strings.HasPrefix(key, "LEADFLOW_") {
				continue
			}
			require.True(t, known[key], "service %s sets %s, which config.EnvVars() does not list: the binary ignores it", name, key)
		}
	}
}

func TestComposeConnectionURLs(t *testing.T) {
	t.Parallel()
	project := loadProject(t,
		// A password that needs no URL escaping and differs from
		// requiredEnv's, so a hard-coded password in the URL is caught.
		"POSTGRES_PASSWORD=s3cret",
	)

	postgres, err := project.GetService("postgres")
	require.NoError(t, err)
	wantUser := envValue(t, postgres, "POSTGRES_USER")
	wantPassword := envValue(t, postgres, "POSTGRES_PASSWORD")
	wantDB := envValue(t, postgres, "POSTGRES_DB")
	require.Equal(t, "s3cret", wantPassword)

	for name := range leadflowRoles {
		svc, err := project.GetService(name)
		require.NoError(t, err)

		db, err := url.Parse(envValue(t, svc, config.EnvDatabaseURL))
		require.NoError(t, err, "service %s: parse %s", name, config.EnvDatabaseURL)
		require.Equal(t, "postgres", db.Hostname(), "service %s: database host is not the postgres service", name)
		require.Equal(t, wantUser, db.User.Username())
		password, _ := db.User.Password()
		require.Equal(t, wantPassword, password, "service %s: database password differs from POSTGRES_PASSWORD", name)
		require.Equal(t, "/"+wantDB, db.Path)

		rdb, err := url.Parse(envValue(t, svc, config.EnvRedisURL))
		require.NoError(t, err, "service %s: parse %s", name, config.EnvRedisURL)
		require.Equal(t, "redis", rdb.Scheme)
		_, ok := project.Services[rdb.Hostname()]
		require.True(t, ok, "service %s: redis host %q is not a compose service", name, rdb.Hostname())
	}
}

func TestComposeMountsExist(t *testing.T) {
	t.Parallel()
	project := loadProject(t)

	root, err := filepath.Abs(repoRoot)
	require.NoError(t, err)
	for name, svc := range project.Services {
		for _, v := range svc.Volumes {
			switch v.Type {
			case types.VolumeTypeBind:
				// Docker creates a missing bind source as an empty root-owned
				// directory, which hides the mistake until Grafana starts
				// without dashboards.
				_, err := os.Stat(v.Source)
				require.NoError(t, err, "service %s mounts %s, which does not exist", name, v.Source)
				rel, err := filepath.Rel(root, v.Source)
				require.NoError(t, err)
				require.False(t, strings.HasPrefix(rel, ".."), "service %s mounts %s from outside the repository", name, v.Source)
			case types.VolumeTypeVolume:
				_, ok := project.Volumes[v.Source]
				require.True(t, ok, "service %s uses undeclared volume %s", name, v.Source)
			}
		}
	}
}

// mountTarget returns where service mounts the host path source.
func mountTarget(t *testing.T, project *types.Project, service, source string) string {
	t.Helper()
	abs, err := filepath.Abs(source)
	require.NoError(t, err)
	svc, err := project.GetService(service)
	require.NoError(t, err)
	for _, v := range svc.Volumes {
		if v.Type == types.VolumeTypeBind && v.Source == abs {
			return v.Target
		}
	}
	require.Failf(t, "mount missing", "service %s does not mount %s", service, abs)
	return ""
}
