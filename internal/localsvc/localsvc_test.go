package localsvc

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// needBinary skips (or, under CI, fails) when a server binary is missing:
// a developer without PostgreSQL can still run the rest of the suite, CI
// must not silently skip.
func needBinary(t *testing.T, find func() (string, error)) {
	t.Helper()
	if _, err := find(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

// serviceDir returns a fresh directory the postgres user can traverse
// (t.TempDir is 0700), removed when the test ends.
func serviceDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "leadflow-localsvc-test-")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o755))
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func TestFreePort(t *testing.T) {
	t.Parallel()
	// Another process on a busy machine can take a port between FreePort
	// closing it and this test binding it (the servers retry on another
	// port for that reason), so one taken port is not a failure; every
	// one of five being taken would be.
	var errs []error
	for range 5 {
		port, err := FreePort()
		require.NoError(t, err)
		require.True(t, port > 0 && port < 65536, "port %d", port)
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err == nil {
			require.NoError(t, l.Close())
			return
		}
		require.ErrorIs(t, err, syscall.EADDRINUSE)
		errs = append(errs, err)
	}
	t.Fatalf("no port FreePort returned was bindable: %v", errs)
}

func TestPostgresLifecycle(t *testing.T) {
	t.Parallel()
	needBinary(t, FindPostgresBin)
	ctx := testContext(t)
	dir := serviceDir(t)

	p, err := StartPostgres(ctx, dir, PostgresOptions{Logf: t.Logf})
	require.NoError(t, err)
	t.Cleanup(func() { _ = p.Stop(context.Background()) })
	require.NotZero(t, p.Port())

	// CreateDatabase is idempotent, and the URL reaches the new database.
	require.NoError(t, p.CreateDatabase(ctx, "app"))
	require.NoError(t, p.CreateDatabase(ctx, "app"))
	execSQL(t, p.URL("app"), "CREATE TABLE kept (id int)")

	// A second StartPostgres on a running cluster adopts it.
	again, err := StartPostgres(ctx, dir, PostgresOptions{Logf: t.Logf})
	require.NoError(t, err)
	require.Equal(t, p.Port(), again.Port())

	require.NoError(t, p.Stop(ctx))
	require.NoError(t, p.Stop(ctx), "stopping a stopped server is a no-op")
	_, err = pgx.Connect(ctx, p.URL("app"))
	require.Error(t, err)
	require.True(t, errors.Is(err, syscall.ECONNREFUSED), "want connection refused, got %v", err)

	// Start on the same dir and port: data survives.
	require.NoError(t, p.Start(ctx))
	execSQL(t, p.URL("app"), "SELECT count(*) FROM kept")
	require.NoError(t, p.Stop(ctx))

	// A new StartPostgres reuses the cluster (no initdb) on a new port.
	reused, err := StartPostgres(ctx, dir, PostgresOptions{Logf: t.Logf})
	require.NoError(t, err)
	t.Cleanup(func() { _ = reused.Stop(context.Background()) })
	execSQL(t, reused.URL("app"), "SELECT count(*) FROM kept")
	require.NoError(t, StopPostgresDir(ctx, dir))
	require.NoError(t, StopPostgresDir(ctx, dir), "no server running is not an error")
}

func TestStartPostgresRejectsUntraversableParent(t *testing.T) {
	t.Parallel()
	if os.Geteuid() != 0 {
		// CI runs as root, so there this must run, not skip.
		if os.Getenv("CI") == "true" {
			t.Fatal("only root runs the server as another user, and CI=true runs as root")
		}
		t.Skip("only root runs the server as another user")
	}
	needBinary(t, FindPostgresBin)
	parent := serviceDir(t)
	private := filepath.Join(parent, "private")
	require.NoError(t, os.Mkdir(private, 0o700))
	require.NoError(t, os.Chmod(private, 0o700))

	_, err := StartPostgres(testContext(t), filepath.Join(private, "svc"), PostgresOptions{})
	require.ErrorIs(t, err, ErrNotTraversable)
	require.ErrorContains(t, err, private)
}

func TestFindPostgresBinHonoursEnv(t *testing.T) {
	t.Setenv("LEADFLOW_PG_BIN", "/nonexistent/pg/bin")
	_, err := FindPostgresBin()
	require.ErrorContains(t, err, "LEADFLOW_PG_BIN=/nonexistent/pg/bin")
}

func TestFindRedisBinHonoursEnv(t *testing.T) {
	t.Setenv("LEADFLOW_REDIS_BIN", "/nonexistent/redis-server")
	_, err := FindRedisBin()
	require.ErrorContains(t, err, "LEADFLOW_REDIS_BIN=/nonexistent/redis-server")
}

func TestRedisLifecycle(t *testing.T) {
	t.Parallel()
	needBinary(t, FindRedisBin)
	ctx := testContext(t)
	dir := serviceDir(t)

	r, err := StartRedis(ctx, dir, RedisOptions{Databases: 32, Logf: t.Logf})
	require.NoError(t, err)
	t.Cleanup(func() { _ = r.Stop(context.Background()) })

	// The last of the requested databases exists.
	c := redisClient(t, r.URL(31))
	require.NoError(t, c.Set(ctx, "k", "v", 0).Err())

	require.NoError(t, r.Stop(ctx))
	require.NoError(t, r.Stop(ctx), "stopping a stopped server is a no-op")
	_, err = net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(r.Port()), time.Second)
	require.True(t, errors.Is(err, syscall.ECONNREFUSED), "want connection refused, got %v", err)

	// Start again on the same port; nothing was persisted.
	require.NoError(t, r.Start(ctx))
	require.ErrorIs(t, c.Get(ctx, "k").Err(), redis.Nil)

	require.NoError(t, StopRedisDir(ctx, dir))
	_, err = os.Stat(filepath.Join(dir, "redis.pid"))
	require.ErrorIs(t, err, os.ErrNotExist)
}

func execSQL(t *testing.T, url, sql string) {
	t.Helper()
	ctx := testContext(t)
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	require.NoError(t, err)
}

func redisClient(t *testing.T, url string) *redis.Client {
	t.Helper()
	opt, err := redis.ParseURL(url)
	require.NoError(t, err)
	opt.MaxRetries = -1
	c := redis.NewClient(opt)
	t.Cleanup(func() { _ = c.Close() })
	return c
}
