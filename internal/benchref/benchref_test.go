package benchref_test

import (
	"context"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"leadflow/internal/benchref"
	"leadflow/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

func TestAsynqNoop(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	redisURL := testenv.RedisURL(t)
	opt, err := asynq.ParseRedisURI(redisURL)
	require.NoError(t, err)

	res, err := benchref.AsynqNoop(ctx, opt, 2000)
	require.NoError(t, err)
	require.Equal(t, 2000, res.Enqueue.N)
	require.Equal(t, 2000, res.Process.N)
	require.Positive(t, res.Enqueue.PerSecond)
	require.Positive(t, res.Process.PerSecond)
	t.Logf("asynq: enqueue %.0f tasks/s (%s), process %.0f tasks/s (%s)",
		res.Enqueue.PerSecond, res.Enqueue.Elapsed.Round(time.Millisecond), res.Process.PerSecond, res.Process.Elapsed.Round(time.Millisecond))

	// Nothing is left: not the queue, its tasks, its counters, nor the
	// server's heartbeat keys. The database was empty before.
	ropt, err := redis.ParseURL(redisURL)
	require.NoError(t, err)
	rc := redis.NewClient(ropt)
	defer rc.Close()
	keys, err := rc.Keys(ctx, "*").Result()
	require.NoError(t, err)
	require.Empty(t, keys)
}

func TestAsynqNoopCancelledCleansUp(t *testing.T) {
	t.Parallel()
	redisURL := testenv.RedisURL(t)
	opt, err := asynq.ParseRedisURI(redisURL)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()

	_, err = benchref.AsynqNoop(ctx, opt, 10_000_000) // far more than fit in 50 ms
	require.ErrorIs(t, err, context.DeadlineExceeded)

	ropt, err := redis.ParseURL(redisURL)
	require.NoError(t, err)
	rc := redis.NewClient(ropt)
	defer rc.Close()
	keys, err := rc.Keys(context.Background(), "asynq:{benchref-*").Result()
	require.NoError(t, err)
	require.Empty(t, keys)
}

func TestPostgresInsert(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL := testenv.DatabaseURL(t)

	res, err := benchref.PostgresInsert(ctx, dbURL, 300*time.Millisecond)
	require.NoError(t, err)
	require.Positive(t, res.SingleRow.PerSecond)
	require.Positive(t, res.Batched.PerSecond)
	require.Zero(t, res.Batched.N%100, "batches are whole")
	t.Logf("postgres: single-row %.0f rows/s (n=%d), 100-row batches %.0f rows/s (n=%d)",
		res.SingleRow.PerSecond, res.SingleRow.N, res.Batched.PerSecond, res.Batched.N)
	require.Empty(t, benchrefTables(t, dbURL))
}

func TestPostgresInsertCancelledDropsTable(t *testing.T) {
	t.Parallel()
	dbURL := testenv.DatabaseURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()

	_, err := benchref.PostgresInsert(ctx, dbURL, time.Minute)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Empty(t, benchrefTables(t, dbURL))
}

func TestRejectsNonPositiveSizes(t *testing.T) {
	t.Parallel()
	_, err := benchref.AsynqNoop(context.Background(), asynq.RedisClientOpt{Addr: "127.0.0.1:1"}, 0)
	require.Error(t, err)
	_, err = benchref.PostgresInsert(context.Background(), "postgres://127.0.0.1:1/x", 0)
	require.Error(t, err)
}

// benchrefTables lists tables a measurement may have left behind.
func benchrefTables(t *testing.T, dbURL string) []string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	require.NoError(t, err)
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT tablename FROM pg_tables WHERE tablename LIKE 'benchref\_%'`)
	require.NoError(t, err)
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	return names
}
