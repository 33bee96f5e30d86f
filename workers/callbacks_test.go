package workers_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/workers"
)

// TestStalledDealParkedThenReactivated: a deal older than its stage's
// threshold moves to Future callback with a reminder and its owner is told;
// when the reminder fires and the lead is still hot it is reactivated.
func TestStalledDealParkedThenReactivated(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	ctx := context.Background()
	b.reps(t, "owner")
	ev := b.storeEvent(t, `{"type":"lead.created","data":{"email":"ceo@example.com","title":"CEO","company":"Example",
		"answers":{"budget":"over_50k","authority":"decision_maker","need":"urgent","timeline":"this_month"}}}`)
	require.NoError(t, b.handlers.Ingest(ctx, ingestTask(t, ev)))
	b.drain(t)
	var dealID int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT id FROM deals`).Scan(&dealID))

	b.now = b.now.Add(8 * 24 * time.Hour)
	require.NoError(t, b.handlers.StallSweep(ctx, asynq.NewTask(workers.TypeStallSweep, nil)))
	var callbackAt *time.Time
	var parked *time.Time
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT parked_at, callback_at FROM deals WHERE id = $1`, dealID).Scan(&parked, &callbackAt))
	require.NotNil(t, parked, "stalled in Qualification for 8 days (threshold 7)")
	require.True(t, callbackAt.Equal(b.now.Add(14*24*time.Hour)))
	var templates []string
	rows, err := b.pool.Query(ctx, `SELECT template FROM email_outbox WHERE deal_id = $1 ORDER BY id`, dealID)
	require.NoError(t, err)
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		templates = append(templates, s)
	}
	require.Contains(t, templates, "rep-deal-parked", "the owner is told")
	// A second sweep leaves a parked deal alone.
	require.NoError(t, b.handlers.StallSweep(ctx, asynq.NewTask(workers.TypeStallSweep, nil)))

	// The reminder two weeks away is the deal's callback_at, not a Redis
	// task; the relay hands it to a worker once due.
	insp := asynq.NewInspector(b.redisOpt)
	t.Cleanup(func() { insp.Close() })
	require.Empty(t, callbackTasks(t, insp), "two weeks away: no task in Redis")
	relay := b.relay(insp, workers.RelayConfig{})
	_, err = relay.RunOnce(ctx)
	require.NoError(t, err)
	require.Empty(t, callbackTasks(t, insp), "not due yet")
	b.now = callbackAt.Add(time.Minute + time.Second)
	for range 2 {
		_, err = relay.RunOnce(ctx)
		require.NoError(t, err)
	}
	due := callbackTasks(t, insp)
	require.Len(t, due, 1, "due: one reminder, however many passes")
	var payload workers.CallbackPayload
	require.NoError(t, json.Unmarshal(due[0].Payload, &payload))
	require.Equal(t, dealID, payload.DealID)
	require.True(t, payload.CallbackAt.Equal(*callbackAt))
	require.NoError(t, b.handlers.Callback(ctx, asynq.NewTask(due[0].Type, due[0].Payload)))
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT parked_at FROM deals WHERE id = $1`, dealID).Scan(&parked))
	require.Nil(t, parked, "still hot: back in the pipeline")
	var band string
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT band FROM scores ORDER BY id DESC LIMIT 1`).Scan(&band))
	require.Equal(t, "hot", band, "the contact was rescored at the reminder")
}

// callbackTasks lists the deal:callback tasks in Redis (pending or
// scheduled).
func callbackTasks(t *testing.T, insp *asynq.Inspector) []*asynq.TaskInfo {
	t.Helper()
	var found []*asynq.TaskInfo
	for _, list := range []func(string, ...asynq.ListOption) ([]*asynq.TaskInfo, error){insp.ListPendingTasks, insp.ListScheduledTasks} {
		tasks, err := list(workers.QueueDefault)
		if err != nil {
			continue
		}
		for _, ti := range tasks {
			if ti.Type == workers.TypeDealCallback {
				found = append(found, ti)
			}
		}
	}
	return found
}
