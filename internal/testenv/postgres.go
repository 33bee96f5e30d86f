package testenv

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"leadflow/internal/localsvc"
	"leadflow/migrations"
)

// templateLockKey is the pg_advisory_lock key serialising template builds
// across test binaries; any constant works as long as nothing else uses it.
const templateLockKey int64 = 0x6c65_6164_666c_6f77 // "leadflow"

// templateVersion is mixed into the template name so a change to how the
// template is built (not only to the migrations) invalidates old ones.
const templateVersion = "1"

// sharedPostgres is the server every DatabaseURL of this binary clones from.
type sharedPostgres struct {
	base     *url.URL // admin connection URL; its path is replaced per database
	admin    *pgxpool.Pool
	template string
}

var (
	pgOnce   sync.Once
	pgShared *sharedPostgres
	pgErr    error
)

// DatabaseURL creates a new database for this test, cloned from a template
// holding every migration, and returns its URL. The database is dropped when
// the test ends (connections still open are terminated first).
func DatabaseURL(t testing.TB) string {
	t.Helper()
	sp, err := postgresServer()
	if err != nil {
		unavailable(t, err)
	}
	ctx, cancel := setupContext()
	defer cancel()
	name := "leadflow_test_" + randomSuffix()
	if _, err := sp.admin.Exec(ctx, "CREATE DATABASE "+ident(name)+" TEMPLATE "+ident(sp.template)); err != nil {
		t.Fatalf("testenv: create test database from template %s: %v", sp.template, err)
	}
	t.Cleanup(func() {
		ctx, cancel := setupContext()
		defer cancel()
		if _, err := sp.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+ident(name)+" WITH (FORCE)"); err != nil {
			t.Errorf("testenv: drop test database %s: %v", name, err)
		}
	})
	return withPath(sp.base, name)
}

// postgresServer connects to (or starts) the shared server and makes sure
// the template exists, once per binary.
func postgresServer() (*sharedPostgres, error) {
	pgOnce.Do(func() { pgShared, pgErr = connectPostgres() })
	return pgShared, pgErr
}

func connectPostgres() (*sharedPostgres, error) {
	ctx, cancel := setupContext()
	defer cancel()
	adminURL := os.Getenv(EnvDatabaseURL)
	if adminURL == "" {
		if !inMain.Load() {
			return nil, errNoMain
		}
		root, err := workDir()
		if err != nil {
			return nil, err
		}
		p, err := localsvc.StartPostgres(ctx, filepath.Join(root, "postgres"), localsvc.PostgresOptions{})
		if err != nil {
			return nil, err
		}
		onShutdown(p.Stop)
		adminURL = p.URL("postgres")
	}
	base, err := url.Parse(adminURL)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", EnvDatabaseURL, err)
	}
	cfg, err := pgxpool.ParseConfig(adminURL)
	if err != nil {
		return nil, fmt.Errorf("parse postgres url: %w", err)
	}
	// Admin work is a CREATE or DROP per test; a few connections suffice
	// and keep many concurrent binaries under max_connections.
	cfg.MaxConns = 4
	admin, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to test postgres: %w", err)
	}
	if err := admin.Ping(ctx); err != nil {
		admin.Close()
		return nil, fmt.Errorf("connect to test postgres at %s:%s: %w", base.Hostname(), portOf(base), err)
	}
	onShutdown(func(context.Context) error { admin.Close(); return nil })

	name, err := templateName()
	if err != nil {
		return nil, err
	}
	if err := ensureTemplate(ctx, admin, base, name); err != nil {
		return nil, err
	}
	return &sharedPostgres{base: base, admin: admin, template: name}, nil
}

// templateName is derived from the content of the embedded migrations, so
// binaries built from the same migrations share one template and a changed
// migration can never be served a stale one.
func templateName() (string, error) {
	h := sha256.New()
	h.Write([]byte(templateVersion + "\x00"))
	err := fs.WalkDir(migrations.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS(), path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hash embedded migrations: %w", err)
	}
	return "leadflow_tmpl_" + hex.EncodeToString(h.Sum(nil))[:16], nil
}

// ensureTemplate builds the template database name unless it exists.
//
// Invariant: a database with the template's name is always fully migrated,
// because it is built under another name and renamed only when complete; a
// binary killed half-way leaves a *_building database the next build drops.
// The template refuses connections, so nothing can block CREATE DATABASE
// ... TEMPLATE, which requires the source to have no sessions.
func ensureTemplate(ctx context.Context, admin *pgxpool.Pool, base *url.URL, name string) error {
	if ok, err := databaseExists(ctx, admin, name); err != nil || ok {
		return err
	}
	conn, err := admin.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("acquire connection to build template: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", templateLockKey); err != nil {
		return fmt.Errorf("lock template build: %w", err)
	}
	defer func() {
		_, _ = conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", templateLockKey)
	}()
	// Another binary may have built it while we waited for the lock.
	if ok, err := databaseExists(ctx, conn, name); err != nil || ok {
		return err
	}

	building := name + "_building"
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident(building)+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop unfinished template %s: %w", building, err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident(building)); err != nil {
		return fmt.Errorf("create template %s: %w", building, err)
	}
	if _, err := migrations.Up(ctx, withPath(base, building)); err != nil {
		return fmt.Errorf("migrate template %s: %w", building, err)
	}
	if _, err := conn.Exec(ctx, "ALTER DATABASE "+ident(building)+" WITH ALLOW_CONNECTIONS false"); err != nil {
		return fmt.Errorf("close template %s to connections: %w", building, err)
	}
	// The migration's connections are closed, but their server processes
	// may still be exiting; RENAME fails while any session remains.
	if err := retryInUse(ctx, func() error {
		_, err := conn.Exec(ctx, "ALTER DATABASE "+ident(building)+" RENAME TO "+ident(name))
		return err
	}); err != nil {
		return fmt.Errorf("publish template %s: %w", name, err)
	}
	if _, err := conn.Exec(ctx, "ALTER DATABASE "+ident(name)+" WITH IS_TEMPLATE true"); err != nil {
		return fmt.Errorf("mark %s as a template: %w", name, err)
	}
	return nil
}

// retryInUse retries fn for a few seconds while it fails with
// object_in_use (55006), the error for a database that still has sessions.
func retryInUse(ctx context.Context, fn func() error) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := fn()
		var pgErr *pgconn.PgError
		if err == nil || !errors.As(err, &pgErr) || pgErr.Code != "55006" || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// queryRower is a pool or one connection of it.
type queryRower interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// databaseExists reports whether a database exists. Called with the lock
// holder's own connection: asking the pool could wait forever for a
// connection held by goroutines queued on the same lock.
func databaseExists(ctx context.Context, admin queryRower, name string) (bool, error) {
	var ok bool
	err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("check for database %s: %w", name, err)
	}
	return ok, nil
}

func ident(name string) string { return pgx.Identifier{name}.Sanitize() }
