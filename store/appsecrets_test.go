package store_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/store"
)

// TestAppSecretFirstCandidateWins: processes starting at once against one
// database each offer a random candidate; exactly one is kept and every
// process, and a later one (a restart), reads that same key back.
func TestAppSecretFirstCandidateWins(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL := testenv.DatabaseURL(t)

	const processes = 8
	got := make([][]byte, processes)
	candidates := make([][]byte, processes)
	var wg sync.WaitGroup
	for i := range processes {
		candidates[i] = bytes.Repeat([]byte{byte('a' + i)}, 32)
		// One pool per "process": no shared connection or cache.
		pool, err := pgxpool.New(ctx, dbURL)
		require.NoError(t, err)
		t.Cleanup(pool.Close)
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := store.New(pool).AppSecret(ctx, "test-key", candidates[i])
			if err == nil {
				got[i] = v
			} else {
				t.Errorf("process %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	require.Contains(t, candidates, got[0], "the stored key is one of the candidates")
	for i := range got {
		require.Equal(t, got[0], got[i], "process %d reads another key", i)
	}

	// A restart offers a new candidate and still gets the stored key.
	pool, err := pgxpool.New(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	st := store.New(pool)
	again, err := st.AppSecret(ctx, "test-key", bytes.Repeat([]byte{'z'}, 32))
	require.NoError(t, err)
	require.Equal(t, got[0], again)

	// Names are independent.
	other, err := st.AppSecret(ctx, "other-key", bytes.Repeat([]byte{'y'}, 32))
	require.NoError(t, err)
	require.Equal(t, bytes.Repeat([]byte{'y'}, 32), other)
}

func TestAppSecretRefusesShortKey(t *testing.T) {
	b := setup(t)
	_, err := b.store.AppSecret(context.Background(), "short", []byte("too short"))
	require.Error(t, err, "a key under 256 bits is refused by the table")
}
