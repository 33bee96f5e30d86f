package preflight

import (
	"context"

	"leadflow/store"
)

// OpenStore connects to databaseURL, checked to answer (see Postgres), for
// a one-shot command; close releases the connections.
func OpenStore(ctx context.Context, databaseURL string) (st *store.Store, close func(), err error) {
	pool, err := store.Open(ctx, databaseURL)
	if err != nil {
		return nil, nil, err
	}
	if err := Postgres(ctx, pool, databaseURL); err != nil {
		pool.Close()
		return nil, nil, err
	}
	return store.New(pool), pool.Close, nil
}
