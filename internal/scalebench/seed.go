// Package scalebench measures leadflow at a size: it seeds N contacts with a
// year of realistic history by SQL (set-based, in chunks: no statement per
// row), then times one run of each periodic job and the marketing reports
// on that database and saves EXPLAIN (ANALYZE, BUFFERS) of their queries.
// `leadflow bench --contacts N` (package internal/bench) runs it between
// its empty-database phases and the same phases at size.
package scalebench

import (
	"context"
	"embed"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed sql/*.sql sql/explain/*.sql
var sqlFiles embed.FS

// sqlText is one embedded SQL file; a missing one is a build mistake.
func sqlText(name string) string {
	b, err := sqlFiles.ReadFile("sql/" + name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// DefaultChunk is the contacts seeded per transaction: large enough that
// per-statement overhead vanishes, small enough that a chunk's temporary
// tables stay in memory and progress shows every few seconds.
const DefaultChunk = 50000

// SeedOptions describe one seeding.
type SeedOptions struct {
	// Contacts is how many contacts to seed.
	Contacts int
	// Chunk is the contacts per transaction; default DefaultChunk.
	Chunk int
	// Now is the seed's clock: history spans the year before it.
	Now time.Time
	// Progress gets a line per chunk; nil discards them.
	Progress io.Writer
}

// Seeded is what one seeding did and took.
type Seeded struct {
	Contacts int `json:"contacts"`
	// Seconds is the whole seeding, VacuumSeconds its final VACUUM
	// (ANALYZE) part.
	Seconds       float64 `json:"seconds"`
	VacuumSeconds float64 `json:"vacuum_seconds"`
	// DeadLetters are pending events whose tasks were archived, Failed the
	// dead-lettered (failed) ones.
	DeadLetters int `json:"dead_letter_events"`
	Failed      int `json:"failed_events"`
}

// deadLetterCount and failedCount size the relay's mix: a few thousand at
// any real size, a tenth and a twentieth of the contacts below that.
func deadLetterCount(contacts int) int { return min(max(contacts/10, 1), 3000) }
func failedCount(contacts int) int     { return min(max(contacts/20, 1), 2000) }

// Seed writes o.Contacts contacts with their history into the database of
// pool (see docs/performance.md for the ratios), then the dead letters,
// then vacuums and analyzes as autovacuum would after a bulk load.
func Seed(ctx context.Context, pool *pgxpool.Pool, o SeedOptions) (Seeded, error) {
	if o.Chunk <= 0 {
		o.Chunk = DefaultChunk
	}
	if o.Progress == nil {
		o.Progress = io.Discard
	}
	start := time.Now()
	res := Seeded{Contacts: o.Contacts, DeadLetters: deadLetterCount(o.Contacts), Failed: failedCount(o.Contacts)}
	pooled, err := pool.Acquire(ctx)
	if err != nil {
		return res, fmt.Errorf("seed: connect: %w", err)
	}
	// The session's temporary function and table go with the connection,
	// which never returns to the pool.
	conn := pooled.Hijack()
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, sqlText("setup.sql")); err != nil {
		return res, fmt.Errorf("seed: set up the session: %w", err)
	}
	var cb, eb, tb, db, nb int64
	if err := conn.QueryRow(ctx, sqlText("bases.sql")).Scan(&cb, &eb, &tb, &db, &nb); err != nil {
		return res, fmt.Errorf("seed: read the id bases: %w", err)
	}
	chunk := sqlText("chunk.sql")
	for lo := 1; lo <= o.Contacts; lo += o.Chunk {
		hi := min(lo+o.Chunk-1, o.Contacts)
		if _, err := conn.Exec(ctx, sqlText("params.sql"), lo, hi, o.Now, cb, eb, tb, db, nb); err != nil {
			return res, fmt.Errorf("seed contacts %d-%d: parameters: %w", lo, hi, err)
		}
		if _, err := conn.Exec(ctx, chunk); err != nil {
			return res, fmt.Errorf("seed contacts %d-%d: %w", lo, hi, err)
		}
		el := time.Since(start).Seconds()
		fmt.Fprintf(o.Progress, "  seeded %d of %d contacts (%.0f s, %.0f contacts/s)\n", hi, o.Contacts, el, float64(hi)/el)
	}
	for _, step := range []struct {
		what, file string
		args       []any
	}{
		{"move the id sequences", "sequences.sql", nil},
		{"seed dead letters", "pending.sql", []any{res.DeadLetters, o.Now}},
		{"seed failed events", "failed.sql", []any{res.Failed, o.Now}},
	} {
		if _, err := conn.Exec(ctx, sqlText(step.file), step.args...); err != nil {
			return res, fmt.Errorf("seed: %s: %w", step.what, err)
		}
	}
	fmt.Fprintln(o.Progress, "  VACUUM (ANALYZE) …")
	vac := time.Now()
	if _, err := conn.Exec(ctx, sqlText("vacuum.sql")); err != nil {
		return res, fmt.Errorf("seed: vacuum: %w", err)
	}
	res.VacuumSeconds = time.Since(vac).Seconds()
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}
