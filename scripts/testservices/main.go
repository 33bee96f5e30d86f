// Command testservices starts and stops the PostgreSQL and Redis servers
// that `make test` shares between all test binaries.
//
//	testservices start -dir .leadflow/test -env .leadflow/test/env.sh
//	testservices stop  -dir .leadflow/test
//
// start writes shell `export` lines for LEADFLOW_TEST_DATABASE_URL and
// LEADFLOW_TEST_REDIS_URL to the -env file; internal/testenv then uses those
// servers instead of starting a pair per test binary. The servers are
// daemons, so they outlive this command; stop (run from make's exit trap)
// ends them. start first stops anything a previous, interrupted run left in
// the same directory, and drops the test databases it left behind.
//
// The PostgreSQL cluster is kept between runs (it saves initdb); when the
// postgres user cannot traverse -dir (a clone under /root, say) the cluster
// goes to a directory under /tmp instead, recorded in -dir so stop finds it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/internal/localsvc"
)

// redisDatabases matches internal/testenv: enough logical databases that
// concurrent tests never share one.
const redisDatabases = 512

// pgDirFile, inside -dir, records where the cluster lives when it had to
// be placed outside -dir.
const pgDirFile = "postgres-dir"

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	dir := fs.String("dir", ".leadflow/test", "directory for server state")
	envFile := fs.String("env", "", "file to write export lines to (start; default stdout)")
	_ = fs.Parse(os.Args[2:])

	abs, err := filepath.Abs(*dir)
	if err != nil {
		fail(fmt.Errorf("resolve %s: %w", *dir, err))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	switch os.Args[1] {
	case "start":
		err = start(ctx, abs, *envFile)
	case "stop":
		err = stop(ctx, abs)
	default:
		usage()
	}
	if err != nil {
		fail(err)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: testservices start|stop [-dir DIR] [-env FILE]")
	os.Exit(2)
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "testservices: %v\n", err)
	os.Exit(1)
}

func logf(format string, args ...any) { fmt.Fprintf(os.Stderr, "testservices: "+format+"\n", args...) }

func start(ctx context.Context, dir, envFile string) error {
	if err := stop(ctx, dir); err != nil {
		return fmt.Errorf("stop servers left by an earlier run: %w", err)
	}
	pg, err := startPostgres(ctx, dir)
	if err != nil {
		return err
	}
	if err := dropLeftovers(ctx, pg.URL("postgres")); err != nil {
		_ = pg.Stop(ctx)
		return err
	}
	rd, err := localsvc.StartRedis(ctx, filepath.Join(dir, "redis"), localsvc.RedisOptions{Databases: redisDatabases, Logf: logf})
	if err != nil {
		_ = pg.Stop(ctx)
		return err
	}
	env := fmt.Sprintf("export LEADFLOW_TEST_DATABASE_URL='%s'\nexport LEADFLOW_TEST_REDIS_URL='%s'\n", pg.URL("postgres"), rd.URL(0))
	if envFile == "" {
		_, err = os.Stdout.WriteString(env)
		return err
	}
	if err := os.WriteFile(envFile, []byte(env), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", envFile, err)
	}
	return nil
}

// startPostgres starts the cluster in dir/postgres, or in a fresh directory
// under /tmp when the postgres user cannot reach dir.
func startPostgres(ctx context.Context, dir string) (*localsvc.Postgres, error) {
	opts := localsvc.PostgresOptions{Logf: logf}
	pg, err := localsvc.StartPostgres(ctx, filepath.Join(dir, "postgres"), opts)
	if !errors.Is(err, localsvc.ErrNotTraversable) {
		return pg, err
	}
	tmp, err := os.MkdirTemp("", "leadflow-make-test-")
	if err != nil {
		return nil, fmt.Errorf("create fallback postgres directory: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("make %s traversable: %w", tmp, err)
	}
	if err := os.WriteFile(filepath.Join(dir, pgDirFile), []byte(tmp+"\n"), 0o644); err != nil {
		return nil, fmt.Errorf("record fallback postgres directory: %w", err)
	}
	logf("postgres user cannot traverse %s; using %s", dir, tmp)
	return localsvc.StartPostgres(ctx, tmp, opts)
}

// dropLeftovers drops the databases internal/testenv creates, left behind
// by a run that was killed before its cleanups ran. Templates go too: they
// are rebuilt in well under a second, and keeping only current ones would
// need to know the migrations' hash.
func dropLeftovers(ctx context.Context, adminURL string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("connect to drop leftover test databases: %w", err)
	}
	defer conn.Close(ctx)
	// A database whose DROP was interrupted is left invalid
	// (datconnlimit -2): it cannot be altered, only dropped, so only valid
	// templates are unmarked first.
	rows, err := conn.Query(ctx, `SELECT datname, datistemplate AND datconnlimit <> -2
		FROM pg_database WHERE datname LIKE 'leadflow\_%'`)
	if err != nil {
		return fmt.Errorf("list leftover test databases: %w", err)
	}
	type leftover struct {
		Name     string
		Template bool
	}
	dbs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[leftover])
	if err != nil {
		return fmt.Errorf("list leftover test databases: %w", err)
	}
	for _, db := range dbs {
		name := db.Name
		id := pgx.Identifier{name}.Sanitize()
		if db.Template {
			if _, err := conn.Exec(ctx, "ALTER DATABASE "+id+" WITH IS_TEMPLATE false"); err != nil {
				return fmt.Errorf("unmark template %s: %w", name, err)
			}
		}
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+id+" WITH (FORCE)"); err != nil {
			return fmt.Errorf("drop leftover database %s: %w", name, err)
		}
	}
	if len(dbs) > 0 {
		logf("dropped %d test databases and templates left by the last run", len(dbs))
	}
	return nil
}

// stop stops both servers; each is a no-op when not running.
func stop(ctx context.Context, dir string) error {
	pgDir := filepath.Join(dir, "postgres")
	fallback := ""
	if b, err := os.ReadFile(filepath.Join(dir, pgDirFile)); err == nil {
		fallback = strings.TrimSpace(string(b))
		pgDir = fallback
	}
	errPG := localsvc.StopPostgresDir(ctx, pgDir)
	errRedis := localsvc.StopRedisDir(ctx, filepath.Join(dir, "redis"))
	if errPG == nil && fallback != "" {
		// A /tmp cluster is not reused: a later run may pick another.
		_ = os.RemoveAll(fallback)
		_ = os.Remove(filepath.Join(dir, pgDirFile))
	}
	return errors.Join(errPG, errRedis)
}
