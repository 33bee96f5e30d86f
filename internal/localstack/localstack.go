// Package localstack starts what `leadflow demo` and `leadflow bench` run
// against: PostgreSQL and Redis under one directory on free loopback ports
// (internal/localsvc), with a fresh, migrated "leadflow" database.
package localstack

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jackc/pgx/v5"

	"leadflow/internal/localsvc"
	"leadflow/migrations"
)

// Database is the name of the database the stack migrates.
const Database = "leadflow"

// Stack is a running PostgreSQL and Redis.
type Stack struct {
	// Dir is the absolute directory holding both servers' data.
	Dir string
	// DatabaseURL reaches the migrated database, RedisURL Redis's DB 0.
	DatabaseURL, RedisURL string

	pg *localsvc.Postgres
	rd *localsvc.Redis
}

// Start starts PostgreSQL (with pgOpts: the benchmark keeps fsync on) and
// Redis under dir, created if missing, and recreates and migrates the
// "leadflow" database. The caller stops the stack with Stop.
func Start(ctx context.Context, dir string, pgOpts localsvc.PostgresOptions) (*Stack, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("--dir: %w", err)
	}
	if err := os.MkdirAll(absDir, 0o755); err != nil {
		return nil, fmt.Errorf("--dir: %w", err)
	}
	// The postgres user must traverse into the directory.
	_ = os.Chmod(absDir, 0o755)
	pg, err := localsvc.StartPostgres(ctx, absDir, pgOpts)
	if err != nil {
		return nil, err
	}
	rd, err := localsvc.StartRedis(ctx, absDir, localsvc.RedisOptions{})
	if err != nil {
		_ = pg.Stop(context.WithoutCancel(ctx))
		return nil, err
	}
	s := &Stack{Dir: absDir, DatabaseURL: pg.URL(Database), RedisURL: rd.URL(0), pg: pg, rd: rd}
	if err := recreateDatabase(ctx, pg.URL("postgres"), Database); err != nil {
		s.Stop(ctx)
		return nil, err
	}
	if _, err := migrations.Up(ctx, s.DatabaseURL); err != nil {
		s.Stop(ctx)
		return nil, err
	}
	return s, nil
}

// Stop stops Redis and PostgreSQL, even when ctx has ended.
func (s *Stack) Stop(ctx context.Context) {
	_ = s.rd.Stop(context.WithoutCancel(ctx))
	_ = s.pg.Stop(context.WithoutCancel(ctx))
}

// recreateDatabase gives every run a fresh database: the demo's generator
// is seeded, so a second run would otherwise be all duplicates. The
// statements name a database, which no query parameter can: they stay
// dynamic, the name quoted as an identifier.
func recreateDatabase(ctx context.Context, adminURL, name string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("connect to the demo PostgreSQL: %w", err)
	}
	defer conn.Close(ctx)
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop demo database: %w", err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		return fmt.Errorf("create demo database: %w", err)
	}
	return nil
}
