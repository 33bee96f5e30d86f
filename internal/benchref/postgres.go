package benchref

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Settings of the PostgreSQL measurement: the single-row phase is the
// one-INSERT-per-webhook design, the batched phase the group-commit one.
const (
	pgSingleWorkers  = 8
	pgBatchWorkers   = 4
	pgBatchRows      = 100
	pgCleanupTimeout = 30 * time.Second
)

// pgPayload is a webhook-like JSON document of about 300 bytes.
var pgPayload = []byte(`{"type":"lead.created","data":{"external_id":"benchref-0000000000","email":"someone@example.com",` +
	`"first_name":"Bench","last_name":"Reference","title":"Head of Operations","company":"Example Manufacturing Ltd",` +
	`"answers":{"budget":"over_50k","authority":"decision_maker","need":"urgent","timeline":"this_month"}}}`)

// PGResult is the PostgreSQL insert ceiling.
type PGResult struct {
	// SingleRow is rows per second inserted one per autocommitted
	// statement by 8 connections.
	SingleRow Rate
	// Batched is rows per second inserted 100 per multi-row statement
	// (one transaction each) by 4 connections.
	Batched Rate
}

// PostgresInsert measures, for about d each, single-row and 100-row INSERTs
// of webhook-like rows (text primary key, ~300-byte jsonb, timestamptz)
// into a fresh table benchref_<random> in the database at databaseURL,
// with the server's synchronous_commit setting. The table is dropped
// before it returns, also on error.
func PostgresInsert(ctx context.Context, databaseURL string, d time.Duration) (res PGResult, err error) {
	if d <= 0 {
		return PGResult{}, fmt.Errorf("measure postgres inserts: duration must be positive, got %s", d)
	}
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return PGResult{}, fmt.Errorf("measure postgres inserts: parse database url: %w", err)
	}
	cfg.MaxConns = max(pgSingleWorkers, pgBatchWorkers)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return PGResult{}, fmt.Errorf("measure postgres inserts: connect: %w", err)
	}
	defer pool.Close()

	table := pgx.Identifier{"benchref_" + randomSuffix()}.Sanitize()
	defer func() {
		// A cancelled benchmark must still clean up, even when the
		// cancel came while CREATE TABLE was committing: the client then
		// sees an error for a table that exists.
		dctx, cancel := context.WithTimeout(context.Background(), pgCleanupTimeout)
		defer cancel()
		if _, derr := pool.Exec(dctx, `DROP TABLE IF EXISTS `+table); derr != nil {
			err = errors.Join(err, fmt.Errorf("drop benchmark table %s: %w", table, derr))
		}
	}()

	if _, err := pool.Exec(ctx, `CREATE TABLE `+table+` (
		event_id    text PRIMARY KEY,
		payload     jsonb NOT NULL,
		received_at timestamptz NOT NULL)`); err != nil {
		return PGResult{}, fmt.Errorf("measure postgres inserts: create table: %w", err)
	}
	single := `INSERT INTO ` + table + ` (event_id, payload, received_at) VALUES ($1, $2, $3)`
	res.SingleRow, err = insertFor(ctx, d, pgSingleWorkers, func(ctx context.Context, g, i int) (int, error) {
		_, err := pool.Exec(ctx, single, "s-"+strconv.Itoa(g)+"-"+strconv.Itoa(i), pgPayload, time.Now())
		return 1, err
	})
	if err != nil {
		return res, fmt.Errorf("measure single-row inserts: %w", err)
	}

	batch := batchInsert(table, pgBatchRows)
	args := make([][]any, pgBatchWorkers) // one reused argument slice per worker
	res.Batched, err = insertFor(ctx, d, pgBatchWorkers, func(ctx context.Context, g, i int) (int, error) {
		if args[g] == nil {
			args[g] = make([]any, 0, 3*pgBatchRows)
		}
		a := args[g][:0]
		now := time.Now()
		prefix := "b-" + strconv.Itoa(g) + "-" + strconv.Itoa(i) + "-"
		for r := range pgBatchRows {
			a = append(a, prefix+strconv.Itoa(r), pgPayload, now)
		}
		_, err := pool.Exec(ctx, batch, a...)
		return pgBatchRows, err
	})
	if err != nil {
		return res, fmt.Errorf("measure batched inserts: %w", err)
	}
	return res, nil
}

// batchInsert returns one INSERT statement of rows rows.
func batchInsert(table string, rows int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO ` + table + ` (event_id, payload, received_at) VALUES `)
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "($%d, $%d, $%d)", 3*r+1, 3*r+2, 3*r+3)
	}
	return b.String()
}

// insertFor runs insert in a loop on workers goroutines for about d and
// returns the rows inserted per second. insert gets its worker number and
// a per-worker statement counter (for unique keys) and returns rows written.
// The first error stops every worker.
func insertFor(parent context.Context, d time.Duration, workers int, insert func(ctx context.Context, g, i int) (int, error)) (Rate, error) {
	// Cancelled on the first error, so the other workers stop too.
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	rows := make([]int, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil && time.Now().Before(deadline); i++ {
				n, err := insert(ctx, g, i)
				if err != nil {
					if ctx.Err() == nil {
						errs[g] = err
					}
					cancel()
					return
				}
				rows[g] += n
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return Rate{}, err
	}
	if err := parent.Err(); err != nil {
		return Rate{}, err
	}
	total := 0
	for _, n := range rows {
		total += n
	}
	return newRate(total, elapsed), nil
}
