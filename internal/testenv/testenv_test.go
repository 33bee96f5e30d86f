package testenv

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"leadflow/migrations"
)

func TestMain(m *testing.M) { Main(m) }

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	ctx := testContext(t)
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

func TestDatabaseURLIsIsolatedAndMigrated(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	a, b := DatabaseURL(t), DatabaseURL(t)
	require.NotEqual(t, a, b)

	for _, u := range []string{a, b} {
		st, err := migrations.List(ctx, u)
		require.NoError(t, err)
		require.NotEmpty(t, st)
		for _, s := range st {
			require.True(t, s.Applied, "migration %s not applied in %s", s.Name, u)
		}
	}

	_, err := connect(t, a).Exec(ctx, "CREATE TABLE only_in_a (id int)")
	require.NoError(t, err)
	var visible bool
	require.NoError(t, connect(t, b).QueryRow(ctx, "SELECT to_regclass('only_in_a') IS NOT NULL").Scan(&visible))
	require.False(t, visible, "a table created in one test database leaked into another")
}

func TestDatabaseURLIsDroppedAfterTest(t *testing.T) {
	t.Parallel()
	var name string
	t.Run("uses a database", func(t *testing.T) {
		conn := connect(t, DatabaseURL(t))
		require.NoError(t, conn.QueryRow(testContext(t), "SELECT current_database()").Scan(&name))
		// Left open on purpose: cleanup must drop the database anyway.
	})
	sp, err := postgresServer()
	require.NoError(t, err)
	exists, err := databaseExists(testContext(t), sp.admin, name)
	require.NoError(t, err)
	require.False(t, exists, "database %s survived its test", name)
}

func TestPool(t *testing.T) {
	t.Parallel()
	pool := Pool(t)
	var one int
	require.NoError(t, pool.QueryRow(testContext(t), "SELECT 1").Scan(&one))
	require.Equal(t, 1, one)
}

// TestEnsureTemplateConcurrent builds one template from several goroutines
// at once, as several test binaries do on a shared server: all succeed and
// the template is built once.
func TestEnsureTemplateConcurrent(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	sp, err := postgresServer()
	if err != nil {
		unavailable(t, err)
	}
	name := "leadflow_tmpl_concurrent_" + randomSuffix()
	t.Cleanup(func() {
		// A template cannot be dropped until it is an ordinary database.
		_, _ = sp.admin.Exec(context.Background(), "ALTER DATABASE "+ident(name)+" WITH IS_TEMPLATE false")
		_, _ = sp.admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+ident(name))
	})
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { errs[i] = ensureTemplate(ctx, sp.admin, sp.base, name) })
	}
	wg.Wait()
	require.NoError(t, errors.Join(errs...))
	exists, err := databaseExists(ctx, sp.admin, name)
	require.NoError(t, err)
	require.True(t, exists)
	exists, err = databaseExists(ctx, sp.admin, name+"_building")
	require.NoError(t, err)
	require.False(t, exists)
}

func TestRedisURLIsIsolated(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	a, b := RedisURL(t), RedisURL(t)
	require.NotEqual(t, a, b)
	ca, cb := redisFor(t, a), redisFor(t, b)
	require.NoError(t, ca.Set(ctx, "key", "a", 0).Err())
	require.ErrorIs(t, cb.Get(ctx, "key").Err(), redis.Nil)
	n, err := cb.DBSize(ctx).Result()
	require.NoError(t, err)
	require.Zero(t, n, "a fresh redis database must be empty")
}

func TestRedisIndex(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		n         int64
		databases int
		want      int
	}{
		{name: "first allocation skips the counter's DB 0", n: 1, databases: 512, want: 1},
		{name: "last index", n: 511, databases: 512, want: 511},
		{name: "wraps to 1 after the last index", n: 512, databases: 512, want: 1},
		{name: "default 16 databases", n: 16, databases: 16, want: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, redisIndex(tt.n, tt.databases))
		})
	}
}

func TestOwnPostgresSurvivesRestart(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	p, url := OwnPostgres(t)
	_, err := connect(t, url).Exec(ctx, "CREATE TABLE kept (id int)")
	require.NoError(t, err)

	require.NoError(t, p.Stop(ctx))
	_, err = pgx.Connect(ctx, url)
	require.True(t, errors.Is(err, syscall.ECONNREFUSED), "want connection refused, got %v", err)

	require.NoError(t, p.Start(ctx))
	st, err := migrations.List(ctx, url)
	require.NoError(t, err)
	for _, s := range st {
		require.True(t, s.Applied, s.Name)
	}
	_, err = connect(t, url).Exec(ctx, "SELECT count(*) FROM kept")
	require.NoError(t, err)
}

func TestOwnRedisRestarts(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	r := OwnRedis(t)
	c := redisFor(t, r.URL(0))
	require.NoError(t, c.Ping(ctx).Err())
	require.NoError(t, r.Stop(ctx))
	require.Error(t, c.Ping(ctx).Err())
	require.NoError(t, r.Start(ctx))
	require.NoError(t, c.Ping(ctx).Err())
}

func redisFor(t *testing.T, url string) *redis.Client {
	t.Helper()
	opt, err := redis.ParseURL(url)
	require.NoError(t, err)
	opt.MaxRetries = -1
	opt.DialerRetries = 1
	c := redisClient(opt)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// recordingTB records how a helper gave up instead of ending the test.
type recordingTB struct {
	testing.TB
	fatal, skip string
}

func (r *recordingTB) Helper()                           {}
func (r *recordingTB) Fatalf(format string, args ...any) { r.fatal = fmt.Sprintf(format, args...) }
func (r *recordingTB) Skipf(format string, args ...any)  { r.skip = fmt.Sprintf(format, args...) }

func TestMissingSkipsButFailsUnderCI(t *testing.T) {
	tests := []struct {
		name, ci            string
		wantFatal, wantSkip bool
	}{
		{name: "laptop", ci: "", wantSkip: true},
		{name: "CI", ci: "true", wantFatal: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			r := &recordingTB{TB: t}
			Missing(r, "promtool not installed (%s)", "apt-get install prometheus")
			require.Equal(t, tt.wantFatal, r.fatal != "", "fatal: %q", r.fatal)
			require.Equal(t, tt.wantSkip, r.skip != "", "skip: %q", r.skip)
			require.Contains(t, r.fatal+r.skip, "promtool not installed (apt-get install prometheus)")
		})
	}
}

func TestOnRestartablePortAvoidsEphemeralRange(t *testing.T) {
	t.Parallel()
	low := ephemeralLow()
	var ports []int
	err := onRestartablePort(t, func(port int) error {
		ports = append(ports, port)
		if len(ports) < 3 {
			return fmt.Errorf("start redis-server on port %d: bind: Address already in use", port)
		}
		return nil
	})
	require.NoError(t, err)
	require.Len(t, ports, 3, "a taken port is retried on another")
	for _, p := range ports {
		require.Less(t, p, low, "below the ephemeral range, which bind(0) and connect() use")
		require.GreaterOrEqual(t, p, low-restartablePorts)
	}
	err = onRestartablePort(t, func(int) error { return errors.New("no redis-server") })
	require.EqualError(t, err, "no redis-server", "other errors are not retried")
}
