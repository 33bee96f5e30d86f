package workers_test

import (
	"context"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/workers"
)

// drain runs every pending task through the handlers until the queue is
// empty, as a worker would, and returns the task types in the order run.
func (b *testBundle) drain(t *testing.T) []string {
	t.Helper()
	insp := asynq.NewInspector(b.redisOpt)
	defer insp.Close()
	mux := b.handlers.NewMux()
	var ran []string
	for range 100 {
		var pending []*asynq.TaskInfo
		for _, q := range workers.Queues() {
			tasks, err := insp.ListPendingTasks(q)
			if err == nil {
				pending = append(pending, tasks...)
			}
		}
		if len(pending) == 0 {
			return ran
		}
		for _, ti := range pending {
			require.NoError(t, mux.ProcessTask(context.Background(), asynq.NewTask(ti.Type, ti.Payload)), ti.Type)
			require.NoError(t, insp.DeleteTask(ti.Queue, ti.ID))
			ran = append(ran, ti.Type)
		}
	}
	t.Fatal("queue did not drain")
	return nil
}

func (b *testBundle) bands(t *testing.T, contactID int64) []string {
	t.Helper()
	rows, err := testPool(b).Query(context.Background(),
		`SELECT from_band || '->' || to_band FROM score_band_changes WHERE contact_id = $1 ORDER BY id`, contactID)
	require.NoError(t, err)
	var out []string
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		out = append(out, s)
	}
	return out
}

// TestHeatingUpAndCoolingDown: a warm lead in nurture replies to an email,
// its score crosses into hot and it becomes a deal; two months later the
// sweep applies decay and it cools to warm (the deal stays with its rep).
func TestHeatingUpAndCoolingDown(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ev := b.storeEvent(t, `{"type":"lead.created","data":{"email":"ada@example.com","company":"Example",
		"answers":{"budget":"10k_50k","authority":"decision_maker","need":"important"}}}`)
	require.NoError(t, b.handlers.Ingest(ctx, ingestTask(t, ev)))
	b.drain(t)
	sum, err := b.store.Summarize(ctx)
	require.NoError(t, err)
	require.Equal(t, []store_Count{{"warm", 1}}, counts(sum.LatestBands))
	require.Equal(t, int64(1), sum.ActiveNurture)

	// She replies: an engagement of a known contact triggers a rescore.
	b.now = b.now.Add(time.Hour)
	mg, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "mailgun-inbound", Source: "mailgun-inbound", EventID: "reply-1",
		ReceivedAt: b.now, Payload: []byte(`{}`), Kind: lead.EventKindEngagement})
	require.NoError(t, err)
	res, err := b.store.RecordEngagements(ctx, mg.ID, []lead.Engagement{{Kind: lead.EngagementReplied, Email: "ada@example.com",
		Text: "Thanks, talk soon.", OccurredAt: b.now}}, b.now)
	require.NoError(t, err)
	contact := res[0].ContactID
	require.NotZero(t, contact)
	task, err := newRescore(contact, "engagement:reply-1")
	require.NoError(t, err)
	require.NoError(t, b.handlers.Rescore(ctx, task))
	ran := b.drain(t)
	require.Contains(t, ran, "lead:route")
	require.Equal(t, []string{"warm->hot"}, b.bands(t, contact))
	sum, err = b.store.Summarize(ctx)
	require.NoError(t, err)
	require.Equal(t, []store_Count{{"unassigned", 1}}, counts(sum.OpenDealsByRep), "heated up: a deal")
	require.Zero(t, sum.ActiveNurture, "and out of nurture")

	// Two months of silence: decay brings it back below hot.
	b.now = b.now.Add(60 * 24 * time.Hour)
	require.NoError(t, b.handlers.Sweep(ctx, asynq.NewTask("score:sweep", nil)))
	b.drain(t)
	require.Equal(t, []string{"warm->hot", "hot->warm"}, b.bands(t, contact))
	// A second sweep in the same hour changes nothing.
	require.NoError(t, b.handlers.Sweep(ctx, asynq.NewTask("score:sweep", nil)))
	b.drain(t)
	require.Equal(t, []string{"warm->hot", "hot->warm"}, b.bands(t, contact))
	sum, err = b.store.Summarize(ctx)
	require.NoError(t, err)
	require.Equal(t, []store_Count{{"unassigned", 1}}, counts(sum.OpenDealsByRep), "the deal stays with its rep")
}
