package localsvc

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pgUser is both the OS user that runs the server when we are root and the
// database superuser initdb creates.
const pgUser = "postgres"

// pgTimeoutSeconds bounds pg_ctl's own waits for start and stop.
const pgTimeoutSeconds = "60"

// PostgresOptions configures StartPostgres.
type PostgresOptions struct {
	// Port is the TCP port on 127.0.0.1 the server listens on.
	// Default 0: a free port chosen by FreePort (retried if it is taken).
	Port int
	// Fsync keeps fsync on. Default false adds `-c fsync=off` and runs
	// initdb with --no-sync: the cluster is throwaway, and skipping fsync
	// makes initdb, CREATE DATABASE and commits several times faster. A
	// machine crash may then corrupt the cluster; a process crash does not.
	Fsync bool
	// Settings are extra server settings ("name=value", passed as -c), e.g.
	// "shared_preload_libraries=pg_stat_statements" for a profiling run.
	Settings []string
	// Logf receives one line per lifecycle event (initdb, start, stop).
	// Default: discard.
	Logf func(format string, args ...any)
}

// Postgres is a PostgreSQL server whose cluster lives in dir/pg. It is safe
// to Stop and Start it repeatedly; the port stays the same.
type Postgres struct {
	bin      string // directory holding initdb and pg_ctl
	dataDir  string // dir/pg: the cluster, its log and postmaster.pid
	port     int
	fsync    bool
	settings []string
	logf     func(string, ...any)
	// asPostgres is true when we are root and must run the server binaries
	// as the postgres OS user, because the server refuses to run as root.
	asPostgres bool
}

// FindPostgresBin returns the directory holding the PostgreSQL server
// binaries (initdb, pg_ctl): $LEADFLOW_PG_BIN if set, else the newest
// /usr/lib/postgresql/*/bin (Debian's layout, never on PATH), else the
// directory of initdb found on PATH.
func FindPostgresBin() (string, error) {
	if dir := os.Getenv("LEADFLOW_PG_BIN"); dir != "" {
		if err := hasPostgresBinaries(dir); err != nil {
			return "", fmt.Errorf("use LEADFLOW_PG_BIN=%s: %w", dir, err)
		}
		return dir, nil
	}
	if dir := newestDebianPostgresBin(); dir != "" {
		return dir, nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if err := hasPostgresBinaries(dir); err == nil {
			return dir, nil
		}
	}
	return "", errors.New("find postgresql server binaries: no initdb in $LEADFLOW_PG_BIN, /usr/lib/postgresql/*/bin or PATH; " +
		"install them with `apt-get install -y postgresql` (or set LEADFLOW_PG_BIN to the directory holding initdb and pg_ctl)")
}

// newestDebianPostgresBin returns /usr/lib/postgresql/N/bin for the highest
// major version N that has initdb, or "" when there is none.
func newestDebianPostgresBin() string {
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	version := func(p string) float64 {
		v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(filepath.Dir(p))), 64)
		return v
	}
	sort.Slice(matches, func(i, j int) bool { return version(matches[i]) > version(matches[j]) })
	for _, m := range matches {
		if dir := filepath.Dir(m); hasPostgresBinaries(dir) == nil {
			return dir
		}
	}
	return ""
}

func hasPostgresBinaries(dir string) error {
	for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			return fmt.Errorf("find %s: %w", name, err)
		}
		if st.Mode()&0o111 == 0 {
			return fmt.Errorf("%s in %s is not executable", name, dir)
		}
	}
	return nil
}

// StartPostgres starts a PostgreSQL server on 127.0.0.1 whose cluster lives
// in dir/pg. It runs initdb only when dir/pg holds no cluster yet, so a
// second call on the same dir reuses the databases of the first. If a server
// is already running on that cluster (a previous run that was not stopped),
// it is adopted when o.Port is 0 or matches, and restarted on o.Port
// otherwise.
func StartPostgres(ctx context.Context, dir string, o PostgresOptions) (*Postgres, error) {
	bin, err := FindPostgresBin()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("resolve postgres directory %s: %w", dir, err)
	}
	if err := makeDirs(abs); err != nil {
		return nil, fmt.Errorf("prepare postgres directory: %w", err)
	}
	p := &Postgres{
		bin:        bin,
		dataDir:    filepath.Join(abs, "pg"),
		port:       o.Port,
		fsync:      o.Fsync,
		settings:   o.Settings,
		logf:       o.Logf,
		asPostgres: os.Geteuid() == 0,
	}
	if p.logf == nil {
		p.logf = nopLogf
	}
	if p.asPostgres {
		if err := checkTraversable(abs); err != nil {
			return nil, err
		}
	}
	if err := p.initCluster(ctx); err != nil {
		return nil, err
	}

	if running, port := p.running(ctx); running {
		if o.Port == 0 || o.Port == port {
			p.port = port
			p.logf("postgres: reusing server already running on port %d for %s", port, p.dataDir)
			return p, nil
		}
		if err := p.Stop(ctx); err != nil {
			return nil, fmt.Errorf("stop server left running on port %d before restarting on %d: %w", port, o.Port, err)
		}
	}

	// A port chosen by FreePort can be taken before the server binds it;
	// only then is picking another one the right fix.
	for attempt := 1; ; attempt++ {
		if o.Port == 0 {
			if p.port, err = FreePort(); err != nil {
				return nil, err
			}
		}
		logFrom := fileSize(p.logPath())
		err = p.Start(ctx)
		if err == nil {
			return p, nil
		}
		if o.Port != 0 || attempt == 3 || !strings.Contains(logTail(p.logPath(), logFrom), "already in use") {
			return nil, err
		}
		p.logf("postgres: port %d was taken, retrying on another", p.port)
	}
}

// URL returns a connection URL for database on this server, as the
// passwordless superuser postgres.
func (p *Postgres) URL(database string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable", pgUser, p.port, url.PathEscape(database))
}

// Port returns the TCP port the server listens on.
func (p *Postgres) Port() int { return p.port }

// DataDir returns the cluster directory (dir/pg), where server.log lives.
func (p *Postgres) DataDir() string { return p.dataDir }

// CreateDatabase creates database name unless it already exists. Concurrent
// callers creating the same name all succeed.
func (p *Postgres) CreateDatabase(ctx context.Context, name string) error {
	conn, err := pgx.Connect(ctx, p.URL("postgres"))
	if err != nil {
		return fmt.Errorf("connect to create database %s: %w", name, err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return fmt.Errorf("check whether database %s exists: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		var pgErr *pgconn.PgError
		// 42P04 duplicate_database; 23505 when a concurrent CREATE won the
		// race on pg_database's unique index.
		if errors.As(err, &pgErr) && (pgErr.Code == "42P04" || pgErr.Code == "23505") {
			return nil
		}
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}

// Start starts the server on its cluster and port, waiting until it accepts
// connections. Starting a running server is a no-op.
func (p *Postgres) Start(ctx context.Context) error {
	if running, port := p.running(ctx); running && port == p.port {
		return nil
	}
	opts := fmt.Sprintf("-p %d -k /tmp -c listen_addresses=127.0.0.1", p.port)
	if !p.fsync {
		opts += " -c fsync=off"
	}
	for _, kv := range p.settings {
		opts += " -c " + kv
	}
	logFrom := fileSize(p.logPath())
	began := time.Now()
	out, err := p.run(ctx, "pg_ctl", "-D", p.dataDir, "-l", p.logPath(), "-w", "-t", pgTimeoutSeconds, "-o", opts, "start")
	if err != nil {
		return fmt.Errorf("start postgres on port %d for %s: %w%s", p.port, p.dataDir, err, detail(out, p.logPath(), logFrom))
	}
	p.logf("postgres: started on port %d in %s (%s)", p.port, p.dataDir, time.Since(began).Round(time.Millisecond))
	return nil
}

// Stop shuts the server down in "fast" mode (roll back open transactions,
// disconnect clients) and waits until it has exited. Stopping a stopped
// server is a no-op.
func (p *Postgres) Stop(ctx context.Context) error {
	stopped, err := stopCluster(ctx, p.bin, p.dataDir, p.asPostgres)
	if stopped {
		p.logf("postgres: stopped server on port %d", p.port)
	}
	return err
}

// StopPostgresDir stops the server running on the cluster in dir/pg, if any,
// without needing the *Postgres that started it: for a later process (make's
// cleanup step) to stop servers an earlier one left running.
func StopPostgresDir(ctx context.Context, dir string) error {
	dataDir := filepath.Join(dir, "pg")
	if _, err := os.Stat(filepath.Join(dataDir, "postmaster.pid")); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	bin, err := FindPostgresBin()
	if err != nil {
		return err
	}
	_, err = stopCluster(ctx, bin, dataDir, os.Geteuid() == 0)
	return err
}

// stopCluster stops the server on dataDir and reports whether one was
// running.
func stopCluster(ctx context.Context, bin, dataDir string, asPostgres bool) (bool, error) {
	p := &Postgres{bin: bin, dataDir: dataDir, asPostgres: asPostgres}
	if running, _ := p.running(ctx); !running {
		return false, nil
	}
	out, err := p.run(ctx, "pg_ctl", "-D", dataDir, "-m", "fast", "-w", "-t", pgTimeoutSeconds, "stop")
	if err != nil {
		return true, fmt.Errorf("stop postgres in %s: %w%s", dataDir, err, detail(out, p.logPath(), 0))
	}
	return true, nil
}

func (p *Postgres) logPath() string { return filepath.Join(p.dataDir, "server.log") }

// initCluster runs initdb unless dataDir already holds a cluster.
func (p *Postgres) initCluster(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(p.dataDir, "PG_VERSION")); err == nil {
		p.logf("postgres: reusing cluster in %s", p.dataDir)
		return nil
	}
	if p.asPostgres {
		out, err := runCommand(ctx, "/", "install", "-d", "-o", pgUser, "-g", pgUser, "-m", "700", p.dataDir)
		if err != nil {
			return fmt.Errorf("create %s owned by %s: %w: %s", p.dataDir, pgUser, err, strings.TrimSpace(string(out)))
		}
	} else if err := os.MkdirAll(p.dataDir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", p.dataDir, err)
	}
	args := []string{"-D", p.dataDir, "-U", pgUser, "-A", "trust", "-E", "UTF8", "--no-locale"}
	if !p.fsync {
		args = append(args, "--no-sync")
	}
	began := time.Now()
	out, err := p.run(ctx, "initdb", args...)
	if err != nil {
		return fmt.Errorf("initdb %s: %w\n--- initdb output ---\n%s", p.dataDir, err, tailString(string(out)))
	}
	p.logf("postgres: initdb %s (%s)", p.dataDir, time.Since(began).Round(time.Millisecond))
	return nil
}

// running reports whether a server is running on the cluster, and its port
// as recorded in postmaster.pid.
func (p *Postgres) running(ctx context.Context) (bool, int) {
	if _, err := os.Stat(filepath.Join(p.dataDir, "postmaster.pid")); err != nil {
		return false, 0
	}
	// pg_ctl status checks that the recorded pid is alive, which a stale
	// postmaster.pid (left by a killed server) is not.
	if _, err := p.run(ctx, "pg_ctl", "-D", p.dataDir, "status"); err != nil {
		return false, 0
	}
	b, err := os.ReadFile(filepath.Join(p.dataDir, "postmaster.pid"))
	if err != nil {
		return true, 0
	}
	// Line 4 of postmaster.pid is the port.
	lines := strings.Split(string(b), "\n")
	if len(lines) < 4 {
		return true, 0
	}
	port, _ := strconv.Atoi(strings.TrimSpace(lines[3]))
	return true, port
}

// run runs a PostgreSQL binary, as the postgres user when we are root. The
// working directory is / because root's may not be readable by postgres.
func (p *Postgres) run(ctx context.Context, name string, args ...string) ([]byte, error) {
	path := filepath.Join(p.bin, name)
	if p.asPostgres {
		return runCommand(ctx, "/", "runuser", append([]string{"-u", pgUser, "--", path}, args...)...)
	}
	return runCommand(ctx, "", path, args...)
}

// checkTraversable returns an error wrapping ErrNotTraversable naming the
// first of dir and its parents that the postgres user cannot enter.
func checkTraversable(dir string) error {
	u, err := user.Lookup(pgUser)
	if err != nil {
		return fmt.Errorf("look up the %s user the server must run as (install it with `apt-get install -y postgresql`): %w", pgUser, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	for d := dir; ; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err != nil {
			return fmt.Errorf("inspect %s: %w", d, err)
		}
		mode := st.Mode().Perm()
		ok := mode&0o001 != 0
		if sys, isUnix := st.Sys().(*syscall.Stat_t); isUnix {
			ok = ok || (int(sys.Uid) == uid && mode&0o100 != 0) || (int(sys.Gid) == gid && mode&0o010 != 0)
		}
		if !ok {
			return fmt.Errorf("postgres data directory %s: parent %s has mode %o, which the %s user cannot traverse "+
				"(run `chmod o+x %s` or choose a directory elsewhere, e.g. under /tmp): %w", dir, d, mode, pgUser, d, ErrNotTraversable)
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

// tailString keeps the last logTailLines lines of s.
func tailString(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > logTailLines {
		lines = lines[len(lines)-logTailLines:]
	}
	return strings.Join(lines, "\n")
}
