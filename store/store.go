// Package store is leadflow's PostgreSQL access layer (pgx/v5): one file per
// table or aggregate, parameterized SQL only, transactions where several rows
// must change together, and no business rules — callers decide, the store
// records. It depends on the lead package only.
package store

import (
	"context"
	"fmt"

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
}

// New returns a Store on an open pool. The caller owns the pool.
func New(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

// Open connects a pool to databaseURL. It does not wait for the server:
// the first query does, so a process can start while PostgreSQL restarts.
func Open(ctx context.Context, databaseURL string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("parse database URL: %w", err)
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
	tx, err := s.pool.Begin(ctx)
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
