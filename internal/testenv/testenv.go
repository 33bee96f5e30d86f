// Package testenv gives tests real PostgreSQL and Redis servers, isolated per
// test, and never mocks.
//
// Every package whose tests touch a database or Redis calls Main from its
// TestMain:
//
//	func TestMain(m *testing.M) { testenv.Main(m) }
//
// and then, in a test:
//
//	pool := testenv.Pool(t)          // a fresh migrated database
//	redisURL := testenv.RedisURL(t)  // an empty Redis logical database
//
// Where the servers come from: LEADFLOW_TEST_DATABASE_URL and
// LEADFLOW_TEST_REDIS_URL when set (`make test` starts one pair and sets
// them, so all test binaries share it); otherwise each test binary starts its
// own pair on first use via internal/localsvc, with fsync off, and Main stops
// them when the tests are done. When a server cannot be started or reached
// the test is skipped, so a laptop without PostgreSQL still runs the pure
// tests; with CI=true it fails instead, so CI never passes by skipping.
//
// Isolation must hold across test binaries running at the same time against
// the same servers, so nothing here relies on in-process state alone:
//   - Each DatabaseURL is a new database cloned (CREATE DATABASE ... TEMPLATE)
//     from a template migrated once. The template's name is derived from a
//     hash of the embedded migration files, so a changed migration gets a new
//     template instead of a stale one, and it is built under a PostgreSQL
//     advisory lock, so concurrent binaries build it once.
//   - Each RedisURL is a logical database index handed out by INCR on a
//     counter in DB 0, cycling through 1..N-1 (servers started here have 512
//     databases).
package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	mathrand "math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"

	"leadflow/internal/localsvc"
	"leadflow/migrations"
)

// Environment variables that point the harness at servers someone else
// runs, instead of starting its own.
const (
	// EnvDatabaseURL names a PostgreSQL database the harness connects to as
	// its admin connection; the role must be allowed to CREATE DATABASE.
	EnvDatabaseURL = "LEADFLOW_TEST_DATABASE_URL"
	// EnvRedisURL names a Redis server; the harness uses DB 0 for its
	// counter and hands out the other logical databases.
	EnvRedisURL = "LEADFLOW_TEST_REDIS_URL"
)

// redisDatabases is how many logical databases servers started here get:
// enough that concurrent tests of all packages never reuse a live index.
const redisDatabases = 512

// setupTimeout bounds starting servers and building the template, which
// includes initdb on a cold machine.
const setupTimeout = 2 * time.Minute

var (
	// inMain records that Main is running the tests, so servers started
	// here will be stopped; without it starting one would leak a daemon.
	inMain atomic.Bool

	rootOnce sync.Once
	rootDir  string
	rootErr  error

	// stops are the shutdown functions of servers this binary started,
	// run by Main after the tests.
	stopsMu sync.Mutex
	stops   []func(context.Context) error
)

// Main runs the tests of m, then stops the servers this test binary started
// and removes their files, and exits with the tests' status. Call it from
// TestMain in every package that uses testenv.
func Main(m *testing.M) {
	inMain.Store(true)
	code := m.Run()
	if err := shutdown(); err != nil {
		fmt.Fprintf(os.Stderr, "testenv: shut down test servers: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// shutdown closes shared clients and stops servers, newest first.
func shutdown() error {
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	stopsMu.Lock()
	defer stopsMu.Unlock()
	var errs []error
	for i := len(stops) - 1; i >= 0; i-- {
		errs = append(errs, stops[i](ctx))
	}
	stops = nil
	if rootDir != "" {
		errs = append(errs, os.RemoveAll(rootDir))
	}
	return errors.Join(errs...)
}

func onShutdown(fn func(context.Context) error) {
	stopsMu.Lock()
	defer stopsMu.Unlock()
	stops = append(stops, fn)
}

// workDir returns this binary's directory for server files, created once.
// It is world-traversable because the PostgreSQL server runs as the
// postgres user when tests run as root.
func workDir() (string, error) {
	rootOnce.Do(func() {
		rootDir, rootErr = os.MkdirTemp("", "leadflow-testenv-")
		if rootErr == nil {
			rootErr = os.Chmod(rootDir, 0o755)
		}
		if rootErr != nil {
			rootErr = fmt.Errorf("create test server directory: %w", rootErr)
		}
	})
	return rootDir, rootErr
}

// errNoMain is a programming error, never a reason to skip.
var errNoMain = errors.New("testenv: this package's TestMain must call testenv.Main(m), " +
	"which stops the servers testenv starts (or set " + EnvDatabaseURL + " and " + EnvRedisURL + ")")

// unavailable skips the test because a service is missing, or fails it
// under CI=true, where a skipped integration test would hide a broken setup.
func unavailable(t testing.TB, err error) {
	t.Helper()
	if errors.Is(err, errNoMain) {
		t.Fatal(err)
	}
	Missing(t, "testenv: %v", err)
}

// InCI reports whether the tests run under CI=true, where nothing may be
// skipped for want of a tool, a server or a data set.
func InCI() bool { return os.Getenv("CI") == "true" }

// Missing is the one way a test gives up because something it needs is not
// on this machine (a server binary, chromium, promtool): it skips, so a
// laptop without the tool still runs everything else, and under CI=true it
// fails instead, so CI never passes by skipping. The message says what is
// missing and how to install it.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if InCI() {
		t.Fatalf("%s (CI=true: a missing prerequisite fails the test)", msg)
		return
	}
	t.Skipf("%s (skipped; with CI=true this fails)", msg)
}

func setupContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), setupTimeout)
}

// randomSuffix returns 16 hex characters, unique enough that concurrent
// test binaries never pick the same database name.
func randomSuffix() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// ownDir creates a world-traversable directory for a dedicated server,
// removed when the test ends.
func ownDir(t testing.TB, prefix string) (string, error) {
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return "", fmt.Errorf("create server directory: %w", err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		return "", fmt.Errorf("make %s traversable: %w", dir, err)
	}
	return dir, nil
}

// OwnPostgres starts a PostgreSQL server for this test alone, so the test
// may Stop and Start it (to exercise reconnects) without disturbing others.
// It returns the server and the URL of a migrated database on it. The server
// is stopped and its files removed when the test ends.
//
// Each call costs a server start (~0.15 s) plus copying a cluster that is
// initialised and migrated once per test binary.
func OwnPostgres(t testing.TB) (*localsvc.Postgres, string) {
	t.Helper()
	seed, err := seedCluster()
	if err != nil {
		unavailable(t, err)
	}
	dir, err := ownDir(t, "leadflow-ownpg-")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := setupContext()
	defer cancel()
	// cp -a keeps the postgres owner and the 0700 mode the server demands.
	if out, err := runCommand(ctx, "cp", "-a", filepath.Join(seed, "pg"), filepath.Join(dir, "pg")); err != nil {
		t.Fatalf("testenv: copy seed cluster: %v: %s", err, out)
	}
	var p *localsvc.Postgres
	err = onRestartablePort(t, func(port int) error {
		p, err = localsvc.StartPostgres(ctx, dir, localsvc.PostgresOptions{Port: port, Logf: t.Logf})
		return err
	})
	if err != nil {
		unavailable(t, err)
	}
	t.Cleanup(func() {
		if err := p.Stop(context.Background()); err != nil {
			t.Errorf("testenv: stop own postgres: %v", err)
		}
	})
	return p, p.URL(ownDatabase)
}

// onRestartablePort runs start with a port that nothing else on this
// machine picks by itself, retrying on another when it is taken.
//
// Servers from OwnPostgres and OwnRedis are stopped and started again on
// the same port, which is free in between. A port from the kernel's
// ephemeral range (what binding port 0 returns) could be handed meanwhile
// to any of the listeners and outgoing connections the other tests open
// by the hundred, and the restart would fail with "address already in
// use". Ports just below that range are only ever chosen explicitly, here
// and by other test binaries doing the same, at random among thousands.
func onRestartablePort(t testing.TB, start func(port int) error) error {
	t.Helper()
	low := ephemeralLow()
	for attempt := 1; ; attempt++ {
		port := low - restartablePorts + mathrand.IntN(restartablePorts)
		err := start(port)
		if err == nil || attempt == 5 || !strings.Contains(err.Error(), "already in use") {
			return err
		}
		t.Logf("testenv: port %d was taken, retrying on another", port)
	}
}

// restartablePorts is how many ports below the ephemeral range
// onRestartablePort picks from.
const restartablePorts = 8000

// ephemeralLow returns the first port of the kernel's ephemeral range
// (Linux's ip_local_port_range; 32768 by default and when unreadable).
func ephemeralLow() int {
	low := 32768
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		if f := strings.Fields(string(b)); len(f) == 2 {
			if n, err := strconv.Atoi(f[0]); err == nil && n > restartablePorts+1024 {
				low = n
			}
		}
	}
	return low
}

// ownDatabase is the migrated database in clusters made by OwnPostgres.
const ownDatabase = "leadflow"

var (
	seedOnce sync.Once
	seedDir  string
	seedErr  error
)

// seedCluster initialises, once per binary, a stopped cluster holding a
// migrated database that OwnPostgres copies instead of running initdb and
// the migrations for every test.
func seedCluster() (string, error) {
	seedOnce.Do(func() {
		if !inMain.Load() {
			seedErr = errNoMain
			return
		}
		root, err := workDir()
		if err != nil {
			seedErr = err
			return
		}
		ctx, cancel := setupContext()
		defer cancel()
		dir := filepath.Join(root, "seed")
		p, err := localsvc.StartPostgres(ctx, dir, localsvc.PostgresOptions{})
		if err != nil {
			seedErr = err
			return
		}
		defer func() {
			if err := p.Stop(ctx); err != nil && seedErr == nil {
				seedErr = err
			}
		}()
		if err := p.CreateDatabase(ctx, ownDatabase); err != nil {
			seedErr = err
			return
		}
		if _, err := migrations.Up(ctx, p.URL(ownDatabase)); err != nil {
			seedErr = fmt.Errorf("migrate seed cluster: %w", err)
			return
		}
		seedDir = dir
	})
	return seedDir, seedErr
}

// OwnRedis starts a Redis server for this test alone, so the test may Stop
// and Start it without disturbing others. It is stopped and its files
// removed when the test ends.
func OwnRedis(t testing.TB) *localsvc.Redis {
	t.Helper()
	dir, err := ownDir(t, "leadflow-ownredis-")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := setupContext()
	defer cancel()
	var r *localsvc.Redis
	err = onRestartablePort(t, func(port int) error {
		r, err = localsvc.StartRedis(ctx, dir, localsvc.RedisOptions{Port: port, Logf: t.Logf})
		return err
	})
	if err != nil {
		unavailable(t, err)
	}
	t.Cleanup(func() {
		if err := r.Stop(context.Background()); err != nil {
			t.Errorf("testenv: stop own redis: %v", err)
		}
	})
	return r
}

// withPath returns base with its path replaced, keeping user, host and
// query (sslmode, passwords) as the caller configured them.
func withPath(base *url.URL, path string) string {
	u := *base
	u.Path = "/" + path
	u.RawPath = ""
	return u.String()
}

// redisClient opens a client without go-redis's managed-cluster handshake,
// which only adds noise against a plain server.
func redisClient(opt *redis.Options) *redis.Client {
	opt.MaintNotificationsConfig = &maintnotifications.Config{Mode: maintnotifications.ModeDisabled}
	opt.DisableIdentity = true
	return redis.NewClient(opt)
}

// redisIndex maps the n-th allocation (counting from 1) to a logical
// database in 1..databases-1; DB 0 holds the counter.
func redisIndex(n int64, databases int) int {
	return 1 + int((n-1)%int64(databases-1))
}

// Pool returns a pgx pool on a new migrated database (see DatabaseURL). The
// pool is closed, and the database dropped, when the test ends.
func Pool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	dbURL := DatabaseURL(t)
	ctx, cancel := setupContext()
	defer cancel()
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		t.Fatalf("testenv: open pool: %v", err)
	}
	// Registered after DatabaseURL's cleanup, so it runs first: the pool
	// is closed before its database is dropped.
	t.Cleanup(pool.Close)
	return pool
}

// portOf is for messages: which server a test used.
func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	return strconv.Itoa(5432)
}

// runCommand runs a command and returns its combined output.
func runCommand(ctx context.Context, name string, args ...string) ([]byte, error) {
	return exec.CommandContext(ctx, name, args...).CombinedOutput()
}
