// Package migrations holds leadflow's PostgreSQL schema as numbered goose SQL
// files embedded in the binary, and applies them.
//
// Files are named NNNNN_description.sql and are never edited once released:
// a schema change is a new file. Up takes a PostgreSQL session lock, so
// several processes starting at once (docker-compose, scaled workers) apply
// each migration exactly once.
package migrations

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed *.sql
var files embed.FS

// FS returns the embedded migration files.
func FS() fs.FS { return files }

// Status is one migration and whether it has been applied.
type Status struct {
	// Version is the numeric prefix of the file name.
	Version int64
	// Name is the file name.
	Name string
	// Applied reports whether the database has run this migration.
	Applied bool
}

// Up applies every pending migration to the database at databaseURL and
// returns the file names it applied, in order.
func Up(ctx context.Context, databaseURL string) ([]string, error) {
	var applied []string
	err := withProvider(databaseURL, func(p *goose.Provider) error {
		results, err := p.Up(ctx)
		for _, r := range results {
			if r.Error == nil {
				applied = append(applied, r.Source.Path)
			}
		}
		if err != nil {
			return fmt.Errorf("apply migrations: %w", err)
		}
		return nil
	})
	return applied, err
}

// List reports every embedded migration and whether it is applied.
func List(ctx context.Context, databaseURL string) ([]Status, error) {
	var out []Status
	err := withProvider(databaseURL, func(p *goose.Provider) error {
		st, err := p.Status(ctx)
		if err != nil {
			return fmt.Errorf("read migration status: %w", err)
		}
		for _, s := range st {
			out = append(out, Status{
				Version: s.Source.Version,
				Name:    s.Source.Path,
				Applied: s.State == goose.StateApplied,
			})
		}
		return nil
	})
	return out, err
}

func withProvider(databaseURL string, fn func(*goose.Provider) error) error {
	db, err := openDB(databaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return fmt.Errorf("create migration lock: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, files,
		goose.WithSessionLocker(locker),
		goose.WithDisableGlobalRegistry(true),
	)
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	return fn(p)
}

func openDB(databaseURL string) (*sql.DB, error) {
	db, err := sql.Open("pgx", databaseURL)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db, nil
}

// Keep the pgx database/sql driver registered: goose needs *sql.DB.
var _ = stdlib.GetDefaultDriver
