package store

import (
	"context"
	"fmt"

	"leadflow/store/internal/secretsdb"
)

// AppSecret returns the deployment-wide secret stored under name, storing
// candidate first when there is none yet (migrations/00021_app_secrets.sql).
//
// The first candidate stored wins: every later call, from this process,
// another role of the same deployment or the same process after a restart,
// returns those bytes and discards its own candidate. The insert and the read
// are two statements on purpose: under READ COMMITTED the read takes a fresh
// snapshot, so it sees a row that a concurrent caller committed while the
// insert waited on it. candidate must be at least 32 bytes (the table's
// CHECK); the caller generates it, the store only keeps it. Never log the
// result.
func (s *Store) AppSecret(ctx context.Context, name string, candidate []byte) ([]byte, error) {
	q := secretsdb.New(s.pool)
	if err := q.InsertAppSecret(ctx, secretsdb.InsertAppSecretParams{Name: name, Value: candidate}); err != nil {
		return nil, fmt.Errorf("store app secret %q: %w", name, err)
	}
	value, err := q.AppSecret(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("read app secret %q: %w", name, err)
	}
	return value, nil
}
