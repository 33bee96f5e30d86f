package workers_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/store"
	"leadflow/workers"
)

func TestMain(m *testing.M) { testenv.Main(m) }

type testBundle struct {
	reg      *connectors.Registry
	pool     *pgxpool.Pool
	store    *store.Store
	client   *asynq.Client
	handlers *workers.Handlers
	redisOpt asynq.RedisConnOpt
	now      time.Time
}

func setup(t *testing.T) *testBundle {
	t.Helper()
	t.Parallel()
	opt, err := asynq.ParseRedisURI(testenv.RedisURL(t))
	require.NoError(t, err)
	client := asynq.NewClient(opt)
	t.Cleanup(func() { client.Close() })
	gen, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: []string{"whsec_c3RhbmRhcmQtd2ViaG9va3MtdGVzdC1rZXktMzJieXQ="}})
	require.NoError(t, err)
	reg, err := connectors.NewRegistry(gen)
	require.NoError(t, err)
	pool := testenv.Pool(t)
	b := &testBundle{reg: reg, pool: pool, store: store.New(pool), client: client, redisOpt: opt, now: time.Date(2026, 1, 1, 0, 1, 0, 0, time.UTC)}
	b.handlers, err = workers.NewHandlers(workers.Config{
		Store: b.store, Connectors: reg, Enqueuer: client, NowFunc: func() time.Time { return b.now },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	require.NoError(t, err)
	return b
}

func (b *testBundle) storeEvent(t *testing.T, payload string) lead.Event {
	t.Helper()
	ev, _, err := b.store.InsertEvent(context.Background(), lead.Event{
		Connector: connectors.GenericName, Source: "website", EventID: "msg_w1", ReceivedAt: b.now, Payload: []byte(payload)})
	require.NoError(t, err)
	return ev
}

func ingestTask(t *testing.T, ev lead.Event) *asynq.Task {
	t.Helper()
	task, err := workers.NewIngestTask(ev.ID, ev.Connector, ev.Source, ev.EventID)
	require.NoError(t, err)
	return task
}

func TestIngestRunsTwiceCreatesOnce(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ev := b.storeEvent(t, `{"type":"lead.created","data":{"email":" Ada@Example.com","name":"Ada Example","utm":{"campaign":"spring"}}}`)
	task := ingestTask(t, ev)
	require.NoError(t, b.handlers.Ingest(ctx, task))
	require.NoError(t, b.handlers.Ingest(ctx, task), "a redelivered task is harmless")
	stored, err := b.store.GetEvent(ctx, ev.ID)
	require.NoError(t, err)
	require.Equal(t, lead.EventProcessed, stored.Status)
	sum, err := b.store.Summarize(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(1), sum.Contacts)
	require.Equal(t, []store.Count{{Label: "website", N: 1}}, sum.TouchpointsBySource)
}

func TestIngestBadPayloadFailsPermanently(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	// Stored bytes that cannot become a lead (an invalid phone): retrying
	// cannot help, so the task must not be retried and the event records why.
	ev := b.storeEvent(t, `{"type":"lead.created","data":{"phone":"12"}}`)
	err := b.handlers.Ingest(ctx, ingestTask(t, ev))
	require.Error(t, err)
	require.True(t, errors.Is(err, asynq.SkipRetry), err)
	stored, err := b.store.GetEvent(ctx, ev.ID)
	require.NoError(t, err)
	require.Equal(t, lead.EventFailed, stored.Status)
	require.Contains(t, stored.LastError, "phone")
}

func TestIngestScoresAndRoutesInOneRun(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ev := b.storeEvent(t, `{"type":"lead.created","data":{"email":"ceo@example.com","title":"CEO","company":"Example",
		"answers":{"budget":"over_50k","authority":"decision_maker","need":"urgent","timeline":"this_month"}}}`)
	require.NoError(t, b.handlers.Ingest(ctx, ingestTask(t, ev)))
	require.NoError(t, b.handlers.Ingest(ctx, ingestTask(t, ev)), "a redelivered task is harmless")
	sum, err := b.store.Summarize(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(1), sum.Contacts)
	require.Equal(t, []store.Count{{Label: "unassigned", N: 1}}, sum.OpenDealsByRep, "one deal, no reps to assign")
	require.Zero(t, sum.ActiveNurture)
	stored, err := b.store.GetEvent(ctx, ev.ID)
	require.NoError(t, err)
	require.Equal(t, lead.EventProcessed, stored.Status, "processed once routed")

	// The separate route task (rescoring) agrees and changes nothing.
	var tpID, contactID int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT id, contact_id FROM touchpoints WHERE inbound_event_id = $1`, ev.ID).Scan(&tpID, &contactID))
	sc, err := b.store.LatestContactScore(ctx, contactID)
	require.NoError(t, err)
	require.Equal(t, "hot", sc.Band)
	routeTask, err := workers.NewRouteTask(workers.RoutePayload{ContactID: contactID, TouchpointID: tpID}, "route:test")
	require.NoError(t, err)
	require.NoError(t, b.handlers.Route(ctx, routeTask))
	sum, err = b.store.Summarize(ctx)
	require.NoError(t, err)
	require.Equal(t, []store.Count{{Label: "unassigned", N: 1}}, sum.OpenDealsByRep)
}

func TestIngestGroupDeadLettersOnlyThePoison(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	var ids []int64
	for i, payload := range []string{
		`{"type":"lead.created","data":{"email":"one@example.com"}}`,
		`{"type":"lead.created","data":{"phone":"12"}}`, // cannot become a lead
		`{"type":"lead.created","data":{"email":"three@example.com"}}`,
	} {
		ev, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: connectors.GenericName, Source: "website",
			EventID: fmt.Sprintf("g%d", i), ReceivedAt: b.now, Payload: []byte(payload)})
		require.NoError(t, err)
		ids = append(ids, ev.ID)
	}
	task, err := workers.NewIngestGroupTask("ingest:g:test", ids)
	require.NoError(t, err)
	require.NoError(t, b.handlers.Ingest(ctx, task), "a poison event must not make the group retry")
	want := []string{lead.EventProcessed, lead.EventFailed, lead.EventProcessed}
	for i, id := range ids {
		ev, err := b.store.GetEvent(ctx, id)
		require.NoError(t, err)
		require.Equal(t, want[i], ev.Status, "event %d", i)
	}
	ev, err := b.store.GetEvent(ctx, ids[1])
	require.NoError(t, err)
	require.Contains(t, ev.LastError, "phone", "the dead letter says why")
	sum, err := b.store.Summarize(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(2), sum.Contacts)
}

func TestIngestTaskIDIsStable(t *testing.T) {
	t.Parallel()
	a := workers.IngestTaskID("generic", "website", "msg_1")
	require.Equal(t, a, workers.IngestTaskID("generic", "website", "msg_1"))
	require.NotEqual(t, a, workers.IngestTaskID("generic", "webinar", "msg_1"))
	require.NotEqual(t, workers.IngestTaskID("generic", "a\x00b", "c"), workers.IngestTaskID("generic", "a", "b\x00c"))
}

func testPool(b *testBundle) *pgxpool.Pool { return b.pool }

// store_Count is a label/count pair compared in tests.
type store_Count struct {
	Label string
	N     int64
}

func counts(cs []store.Count) []store_Count {
	out := []store_Count{}
	for _, c := range cs {
		out = append(out, store_Count{c.Label, c.N})
	}
	return out
}

func newRescore(contactID int64, runKey string) (*asynq.Task, error) {
	return workers.NewRescoreTask(contactID, runKey)
}

// reconfigure rebuilds the handlers with an email configuration.
func (b *testBundle) reconfigure(t *testing.T, ec workers.EmailConfig, routing workers.Routing) {
	t.Helper()
	h, err := workers.NewHandlers(workers.Config{Store: b.store, Connectors: b.reg, Enqueuer: b.client, Routing: routing,
		NowFunc: func() time.Time { return b.now }, Email: ec, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	require.NoError(t, err)
	b.handlers = h
}

// interruptAt is the generic connector, except that decoding the payload
// that contains marker interrupts the task (cancels its context), as a
// task timeout or a stopping worker does.
type interruptAt struct {
	connectors.Connector
	marker string
	cancel context.CancelFunc
}

func (c interruptAt) Decode(d connectors.Delivery) ([]lead.Inbound, error) {
	if strings.Contains(string(d.Payload), c.marker) {
		c.cancel()
	}
	return c.Connector.Decode(d)
}

// TestIngestGroupKeepsFinishedChunks: a group of 70 events interrupted in
// its second chunk keeps the first chunk's events processed, so the retry
// redoes only the rest — and leaves one contact per event.
func TestIngestGroupKeepsFinishedChunks(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	taskCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	gen, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: []string{"whsec_c3RhbmRhcmQtd2ViaG9va3MtdGVzdC1rZXktMzJieXQ="}})
	require.NoError(t, err)
	b.reg, err = connectors.NewRegistry(interruptAt{Connector: gen, marker: "interrupt-here", cancel: cancel})
	require.NoError(t, err)
	b.reconfigure(t, workers.EmailConfig{}, workers.Routing{})
	require.Less(t, workers.IngestChunk, 40, "the interruption falls in a later chunk")
	evs := make([]lead.Event, 70)
	for i := range evs {
		name := fmt.Sprintf("lead%d", i)
		if i == 40 {
			name = "interrupt-here"
		}
		evs[i] = lead.Event{Connector: connectors.GenericName, Source: "website", EventID: fmt.Sprintf("c%d", i), ReceivedAt: b.now,
			Payload: []byte(fmt.Sprintf(`{"type":"lead.created","data":{"email":"%s@example.com"}}`, name))}
	}
	ids, err := b.store.InsertEvents(ctx, evs)
	require.NoError(t, err)
	task, err := workers.NewIngestGroupTask("ingest:g:chunks", ids)
	require.NoError(t, err)

	require.Error(t, b.handlers.Ingest(taskCtx, task), "interrupted")
	var processed int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM inbound_events WHERE status = 'processed'`).Scan(&processed))
	require.Equal(t, workers.IngestChunk, processed, "the first chunk's events stay done")

	require.NoError(t, b.handlers.Ingest(ctx, task), "the retry")
	var contacts int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM inbound_events WHERE status = 'processed'`).Scan(&processed))
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM contacts`).Scan(&contacts))
	require.Equal(t, []int{70, 70}, []int{processed, contacts})
}
