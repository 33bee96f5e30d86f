package workers_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/internal/node"
	"leadflow/internal/testenv"
	"leadflow/spend"
	"leadflow/store"
	"leadflow/workers"
)

// TestSpendSyncMeta runs spend:sync against a stand-in of Meta's insights
// edge (the documented answers of spend/testdata/meta) and the real
// store: the first run backfills, a re-sync of the same days changes
// nothing, a revoked token is not retried and a throttle waits as asked.
func TestSpendSyncMeta(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var answer atomic.Value
	answer.Store("")
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Type", "application/json")
		if f := answer.Load().(string); f != "" {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write(readFixture(t, f))
			return
		}
		var tr struct{ Since, Until string }
		require.NoError(t, json.Unmarshal([]byte(r.URL.Query().Get("time_range")), &tr))
		switch {
		case tr.Until < "2026-03-02" || tr.Since > "2026-03-01":
			_, _ = w.Write([]byte(`{"data":[]}`))
		case r.URL.Query().Get("after") == "MQZDZD":
			_, _ = w.Write(readFixture(t, "meta/insights_page2.json"))
		default:
			_, _ = w.Write(readFixture(t, "meta/insights_page1.json"))
		}
	}))
	defer srv.Close()
	meta, err := spend.NewMeta(spend.MetaConfig{GraphURL: srv.URL, AccessToken: "EAAfakeTokenForTests", Client: srv.Client()})
	require.NoError(t, err)
	pool := testenv.Pool(t)
	st := store.New(pool)
	now := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
	syncer, err := spend.NewSyncer(spend.SyncConfig{Sources: []spend.Source{meta}, Store: node.SpendStore{Store: st},
		NowFunc: func() time.Time { return now }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	require.NoError(t, err)
	h := &workers.SpendHandler{Syncer: syncer}
	task := workers.NewSpendSyncTask("meta", "act_42")

	require.NoError(t, h.Sync(ctx, task))
	require.EqualValues(t, 4, requests.Load(), "90 days in three chunks, the last with two pages")
	got, err := st.SpendByCampaign(ctx, time.Time{}, time.Time{})
	require.NoError(t, err)
	require.Len(t, got, 2)
	through, ok, err := st.SpendSyncedThrough(ctx, "meta", "act_42")
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "2026-03-02", through.UTC().Format(time.DateOnly))
	var fetched time.Time
	require.NoError(t, pool.QueryRow(ctx, "SELECT max(fetched_at) FROM ad_spend").Scan(&fetched))

	// A re-sync an hour later reads the rolling window only, and the same
	// answers change nothing.
	now = now.Add(time.Hour)
	requests.Store(0)
	require.NoError(t, h.Sync(ctx, task))
	require.EqualValues(t, 2, requests.Load(), "one chunk, two pages")
	var rows int
	var fetchedAgain time.Time
	require.NoError(t, pool.QueryRow(ctx, "SELECT count(*), max(fetched_at) FROM ad_spend").Scan(&rows, &fetchedAgain))
	require.Equal(t, 2, rows)
	require.True(t, fetched.Equal(fetchedAgain), "nothing was rewritten")

	answer.Store("meta/invalid_token.json")
	err = h.Sync(ctx, task)
	require.ErrorIs(t, err, asynq.SkipRetry, "a revoked token is not retried")
	require.NotContains(t, err.Error(), "EAAfake")

	answer.Store("meta/rate_limited.json")
	err = h.Sync(ctx, task)
	require.Error(t, err)
	require.False(t, errors.Is(err, asynq.SkipRetry))
	require.Equal(t, 5*time.Minute, workers.RetryDelay(1, err, task), "Meta's throttle is waited out")

	err = h.Sync(ctx, workers.NewSpendSyncTask("tiktok", "1"))
	require.ErrorIs(t, err, asynq.SkipRetry, "a platform without a client is not retried")
}

func TestSpendSyncTasks(t *testing.T) {
	t.Parallel()
	require.Empty(t, workers.SpendSyncTasks([]workers.SpendAccount{{Platform: "meta", Account: "act_1"}}, 0))
	tasks := workers.SpendSyncTasks([]workers.SpendAccount{{Platform: "meta", Account: "act_1"}, {Platform: "google-ads", Account: "123"}}, 6*time.Hour)
	require.Len(t, tasks, 2)
	require.Equal(t, "@every 6h0m0s", tasks[0].Cronspec)
	require.Equal(t, workers.TypeSpendSync, tasks[1].Task.Type())
	require.JSONEq(t, `{"platform":"google-ads","account":"123"}`, string(tasks[1].Task.Payload()))
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../spend/testdata/" + name)
	require.NoError(t, err)
	return b
}
