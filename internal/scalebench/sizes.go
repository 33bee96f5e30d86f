package scalebench

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Table is one table's exact row count and its bytes on disk, indexes and
// TOAST included.
type Table struct {
	Name  string `json:"name"`
	Rows  int64  `json:"rows"`
	Bytes int64  `json:"bytes"`
}

// Sizes is the database on disk.
type Sizes struct {
	DatabaseBytes int64   `json:"database_bytes"`
	Tables        []Table `json:"tables"`
}

// Row returns a table's rows, 0 when it is not there.
func (s Sizes) Row(name string) int64 {
	for _, t := range s.Tables {
		if t.Name == name {
			return t.Rows
		}
	}
	return 0
}

// DatabaseBytes is pg_database_size of the pool's database.
func DatabaseBytes(ctx context.Context, pool *pgxpool.Pool) (int64, error) {
	var n int64
	if err := pool.QueryRow(ctx, sqlText("dbsize.sql")).Scan(&n); err != nil {
		return 0, fmt.Errorf("read the database size: %w", err)
	}
	return n, nil
}

// Measure reads the database's size and every table's size and exact row
// count (count(*): at 10M contacts a few seconds per large table, read
// once after seeding).
func Measure(ctx context.Context, pool *pgxpool.Pool) (Sizes, error) {
	var s Sizes
	var err error
	if s.DatabaseBytes, err = DatabaseBytes(ctx, pool); err != nil {
		return s, err
	}
	rows, err := pool.Query(ctx, sqlText("tables.sql"))
	if err != nil {
		return s, fmt.Errorf("list table sizes: %w", err)
	}
	s.Tables, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (Table, error) {
		var t Table
		return t, r.Scan(&t.Name, &t.Bytes)
	})
	if err != nil {
		return s, fmt.Errorf("list table sizes: %w", err)
	}
	for i, t := range s.Tables {
		// A table name cannot be a parameter; it comes from pg_class and is
		// quoted as an identifier.
		q := "SELECT count(*) FROM " + pgx.Identifier{t.Name}.Sanitize()
		if err := pool.QueryRow(ctx, q).Scan(&s.Tables[i].Rows); err != nil {
			return s, fmt.Errorf("count rows of %s: %w", t.Name, err)
		}
	}
	return s, nil
}

// EnrollmentsAbove counts the nurture enrollments with an id above id; with
// MaxEnrollment it counts those a phase created.
func EnrollmentsAbove(ctx context.Context, pool *pgxpool.Pool, id int64) (int64, error) {
	var n int64
	if err := pool.QueryRow(ctx, sqlText("counts_since.sql"), id).Scan(&n); err != nil {
		return 0, fmt.Errorf("count nurture enrollments: %w", err)
	}
	return n, nil
}

// MaxEnrollment is the highest nurture enrollment id, 0 when none.
func MaxEnrollment(ctx context.Context, pool *pgxpool.Pool) (int64, error) {
	var n int64
	if err := pool.QueryRow(ctx, sqlText("max_enrollment.sql")).Scan(&n); err != nil {
		return 0, fmt.Errorf("read the last nurture enrollment: %w", err)
	}
	return n, nil
}
