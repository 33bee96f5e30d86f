package main

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
)

func (b *testBundle) get(t *testing.T, path string) (int, string) {
	t.Helper()
	res, err := http.Get(b.baseURL + path)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(body)
}

// metric returns the value of one exposed sample, 0 when absent.
func (b *testBundle) metric(t *testing.T, sample string) float64 {
	t.Helper()
	_, body := b.get(t, "/metrics")
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(sample) + ` (\S+)$`).FindStringSubmatch(body)
	if m == nil {
		return 0
	}
	v, err := strconv.ParseFloat(m[1], 64)
	require.NoError(t, err)
	return v
}

// relayPasses counts the relay's passes through its clock, which it reads
// once at the start of each: after n further calls, n-1 whole passes ran.
type relayPasses struct{ n atomic.Int64 }

func (r *relayPasses) now() time.Time {
	r.n.Add(1)
	return time.Now()
}

// waitPasses waits until the relay has made n whole passes from now on.
func (r *relayPasses) waitPasses(t *testing.T, n int64) {
	t.Helper()
	from := r.n.Load()
	require.Eventually(t, func() bool { return r.n.Load() > from+n }, 20*time.Second, 10*time.Millisecond,
		"the relay did not make %d passes", n)
}

func TestRedisDownWebhookAcceptedThenRelayed(t *testing.T) {
	t.Parallel()
	rd := testenv.OwnRedis(t)
	logs := &lockedBuffer{}
	relay := &relayPasses{}
	b := setupWith(t, testenv.DatabaseURL(t), rd.URL(0), options{
		env: map[string]string{config.EnvLogLevel: "warn"}, logs: logs, relayNow: relay.now})
	ctx := context.Background()

	code, _ := b.get(t, "/readyz")
	require.Equal(t, http.StatusOK, code)
	require.NoError(t, rd.Stop(ctx))
	code, body := b.get(t, "/readyz")
	require.Equal(t, http.StatusServiceUnavailable, code)
	require.Contains(t, body, `"redis":"unavailable"`)

	res := b.post(t, testSecret, "msg_outage", time.Now(), leadBody("ada@example.com", true))
	require.Equal(t, http.StatusAccepted, res.Status, "stored durably, so accepted without Redis")
	var enqueued *time.Time
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT enqueued_at FROM inbound_events`).Scan(&enqueued))
	require.Nil(t, enqueued, "the event is waiting for the relay")
	require.Equal(t, float64(1), b.metric(t, "leadflow_relay_backlog"), "operators see the backlog")

	// Intake's own enqueue runs after the answer and gives up within its
	// 2 s bound, saying so in the log; after that only the relay can bring
	// the event back.
	require.Eventually(t, func() bool {
		return strings.Contains(logs.String(), "events stored but not enqueued")
	}, 20*time.Second, 10*time.Millisecond, "the intake's enqueue did not give up:\n%s", logs.String())
	require.NoError(t, rd.Start(ctx))
	c := b.waitRouted(t, 1)
	require.Equal(t, map[string]int{"inbound_events": 1, "contacts": 1, "touchpoints": 1, "scores": 1,
		"deals": 1, "nurture_enrollments": 0, "deal_stage_history": 1}, c, "processed exactly once")
	require.Equal(t, float64(1), b.metric(t, "leadflow_relay_enqueued_total"))
	// Further relay passes (two whole ones, seen through its clock) find
	// nothing to do.
	relay.waitPasses(t, 2)
	require.Equal(t, c, b.counts(t))
	require.Equal(t, float64(1), b.metric(t, "leadflow_relay_enqueued_total"))
}

func TestPostgresDownWebhookGets503(t *testing.T) {
	t.Parallel()
	pg, dbURL := testenv.OwnPostgres(t)
	redisURL := testenv.RedisURL(t)
	b := setup(t, dbURL, redisURL)
	ctx := context.Background()

	require.NoError(t, pg.Stop(ctx))
	res := b.post(t, testSecret, "msg_pgdown", time.Now(), leadBody("ada@example.com", true))
	require.Equal(t, http.StatusServiceUnavailable, res.Status, res.Body)
	require.NotEmpty(t, res.Body["error"])
	code, body := b.get(t, "/readyz")
	require.Equal(t, http.StatusServiceUnavailable, code)
	require.Contains(t, body, `"postgres":"unavailable"`)
	require.Equal(t, float64(1), b.metric(t, `leadflow_intake_requests_total{connector="generic",outcome="unavailable"}`))

	inspector := asynq.NewInspector(b.app.RedisConnOpt())
	defer inspector.Close()
	queues, err := inspector.Queues()
	require.NoError(t, err)
	for _, q := range queues {
		info, err := inspector.GetQueueInfo(q)
		require.NoError(t, err)
		require.Zero(t, info.Size, "nothing is enqueued for an event that was not stored")
	}

	// Once PostgreSQL is back, the sender's retry is accepted and processed.
	require.NoError(t, pg.Start(ctx))
	require.Eventually(t, func() bool {
		return b.post(t, testSecret, "msg_pgdown", time.Now(), leadBody("ada@example.com", true)).Status == http.StatusAccepted
	}, 10*time.Second, 100*time.Millisecond)
	b.waitRouted(t, 1)
}

func TestMetricsMove(t *testing.T) {
	t.Parallel()
	b := setup(t, testenv.DatabaseURL(t), testenv.RedisURL(t))
	accepted := `leadflow_intake_requests_total{connector="generic",outcome="accepted"}`
	ingested := `leadflow_tasks_processed_total{outcome="success",type="lead:ingest"}`
	routed := `leadflow_leads_routed_total{destination="deal"}`
	require.Zero(t, b.metric(t, accepted))

	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_m1", time.Now(), leadBody("ada@example.com", true)).Status)
	require.Equal(t, http.StatusUnauthorized, b.post(t, otherSecret, "msg_m2", time.Now(), leadBody("bob@example.com", true)).Status)
	b.waitRouted(t, 1)
	require.Equal(t, float64(1), b.metric(t, accepted))
	require.Equal(t, float64(1), b.metric(t, `leadflow_intake_requests_total{connector="generic",outcome="unauthorized"}`))
	require.Equal(t, float64(1), b.metric(t, ingested))
	require.Equal(t, float64(1), b.metric(t, routed))
	require.Equal(t, float64(1), b.metric(t, `leadflow_task_duration_seconds_count{type="lead:ingest"}`), "one task takes a lead from webhook to route")
	_, text := b.get(t, "/metrics")
	require.Contains(t, text, `leadflow_queue_latency_seconds{queue="default"}`)
	require.Contains(t, text, `leadflow_intake_duration_seconds_count{connector="generic"} 2`)
	_, body := b.get(t, "/metrics")
	require.NotContains(t, body, "ada@example.com", "no personal data in metrics")
}
