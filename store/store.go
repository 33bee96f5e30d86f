// Package store is leadflow's PostgreSQL access layer (pgx/v5): one file per
// table or aggregate, parameterized SQL only, transactions where several rows
// must change together, and no business rules — callers decide, the store
// records. It depends on the lead package only.
package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"leadflow/lead"
)

// ErrNotFound is returned (wrapped) when a looked-up row does not exist. It
// is lead.ErrNotFound, so callers that only know the domain can test for it.
var ErrNotFound = lead.ErrNotFound

// Store reads and writes leadflow's tables through a connection pool.
type Store struct {
	pool *pgxpool.Pool
	// derived writes what the lead path derives from a stored webhook
	// (contact, touchpoint, score, deal, enrollment, queued email, the
	// event's processed mark); see WithDerivedPool.
	derived *pgxpool.Pool
}

// New returns a Store on an open pool. The caller owns the pool.
func New(pool *pgxpool.Pool) *Store { return &Store{pool: pool, derived: pool} }

// WithDerivedPool returns a Store that writes the lead path's derived rows
// through pool, normally one from OpenDerived (asynchronous commit).
//
// Why that is safe: the raw webhook is committed synchronously before it is
// acknowledged, and every derived write is idempotent on a natural key. An
// asynchronous commit is lost only in a PostgreSQL crash, and only from the
// tail of the WAL; the event's processed mark is the last write of its lead
// path, so if any of its rows were lost the mark was too, and the relay runs
// the event again. Anything that must not happen twice (an email leaving
// for Mailgun, a suppression, a rep's click) commits synchronously, and a
// synchronous commit flushes every earlier WAL record, so nothing it
// depends on can be lost behind it. In exchange the lead path waits for no
// WAL flush: PostgreSQL's own group commit was the bound on leads per second.
func (s *Store) WithDerivedPool(pool *pgxpool.Pool) *Store {
	c := *s
	c.derived = pool
	return &c
}

// OpenDerived is Open for a pool whose sessions commit asynchronously
// (synchronous_commit = off); see WithDerivedPool.
func OpenDerived(ctx context.Context, databaseURL string) (*pgxpool.Pool, error) {
	return open(ctx, databaseURL, map[string]string{"synchronous_commit": "off"})
}

// DefaultMaxConns is the pool size when the database URL sets no
// pool_max_conns: enough for a worker's default concurrency plus intake,
// small enough that several processes fit PostgreSQL's default 100
// connections.
const DefaultMaxConns = 16

// Open connects a pool to databaseURL. It does not wait for the server:
// the first query does, so a process can start while PostgreSQL restarts.
func Open(ctx context.Context, databaseURL string) (*pgxpool.Pool, error) {
	return open(ctx, databaseURL, nil)
}

func open(ctx context.Context, databaseURL string, params map[string]string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("parse database URL: %w", err)
	}
	for k, v := range params {
		cfg.ConnConfig.RuntimeParams[k] = v
	}
	// pgxpool's default (the CPU count, at least 4) starves a worker
	// running tens of tasks at once and intake's concurrent group commits;
	// pool_max_conns in the URL still wins.
	if !strings.Contains(databaseURL, "pool_max_conns") {
		cfg.MaxConns = DefaultMaxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("create database pool: %w", err)
	}
	return pool, nil
}

// Ping checks that PostgreSQL answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("ping postgres: %w", err)
	}
	return nil
}

// inTx runs fn in a transaction, committing when fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return inTx(ctx, s.pool, fn)
}

// inDerivedTx is inTx on the derived pool.
func (s *Store) inDerivedTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return inTx(ctx, s.derived, fn)
}

func inTx(ctx context.Context, pool *pgxpool.Pool, fn func(pgx.Tx) error) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit transaction: %w", err)
	}
	return nil
}
