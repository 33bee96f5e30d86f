package workers_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/workers"
)

// TestRelayRecoversEventsWhoseTaskIsGone is Redis restarting empty: the
// rows still name their group's task, Redis no longer knows it, and the
// relay enqueues the pending events again — once, however often it runs.
func TestRelayRecoversEventsWhoseTaskIsGone(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	var ids []int64
	for i := range 3 {
		ev, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "generic", Source: "website", EventID: fmt.Sprintf("r%d", i),
			ReceivedAt: b.now.Add(-time.Minute), Payload: []byte(`{}`), TaskID: "ingest:g:lost-with-redis"})
		require.NoError(t, err)
		ids = append(ids, ev.ID)
	}
	require.NoError(t, b.store.MarkEventsProcessed(ctx, ids[2:], b.now), "a routed event needs no help")
	insp := asynq.NewInspector(b.redisOpt)
	t.Cleanup(func() { insp.Close() })
	relay := b.relay(insp, workers.RelayConfig{})
	n, err := relay.RunOnce(ctx)
	require.NoError(t, err)
	require.Equal(t, 2, n)
	n, err = relay.RunOnce(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "the new task exists: a second pass must not double it")

	pending, err := insp.ListPendingTasks(workers.QueueDefault)
	require.NoError(t, err)
	require.Len(t, pending, 1, "one task carries the recovered group")
	require.Equal(t, workers.TypeLeadIngest, pending[0].Type)
	require.JSONEq(t, fmt.Sprintf(`{"event_ids":[%d,%d]}`, ids[0], ids[1]), string(pending[0].Payload))
}

// TestRelayLeavesDeadLettersAlone: an event whose task was archived after
// its retries is a dead letter for `leadflow replay`, not work for the
// relay — re-enqueuing it would retry a poison event forever.
func TestRelayLeavesDeadLettersAlone(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ev, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "generic", Source: "website", EventID: "dead",
		ReceivedAt: b.now.Add(-time.Minute), Payload: []byte(`{}`), TaskID: "ingest:g:dead-letter"})
	require.NoError(t, err)
	task, err := workers.NewIngestGroupTask("ingest:g:dead-letter", []int64{ev.ID})
	require.NoError(t, err)
	_, err = b.client.EnqueueContext(ctx, task)
	require.NoError(t, err)
	insp := asynq.NewInspector(b.redisOpt)
	t.Cleanup(func() { insp.Close() })
	require.NoError(t, insp.ArchiveTask(workers.QueueDefault, "ingest:g:dead-letter"))

	relay := b.relay(insp, workers.RelayConfig{})
	n, err := relay.RunOnce(ctx)
	require.NoError(t, err)
	require.Zero(t, n)
	pending, err := insp.ListPendingTasks(workers.QueueDefault)
	require.NoError(t, err)
	require.Empty(t, pending)
}

// pendingEvents stores n pending events named prefix-i, each received and
// carried by the task that of(i) says, and returns their ids.
func (b *testBundle) pendingEvents(t *testing.T, prefix string, n int, of func(i int) (time.Time, string)) []int64 {
	t.Helper()
	evs := make([]lead.Event, n)
	for i := range evs {
		at, task := of(i)
		evs[i] = lead.Event{Connector: "generic", Source: "website", EventID: fmt.Sprintf("%s-%d", prefix, i),
			ReceivedAt: at, Payload: []byte(`{}`), TaskID: task}
	}
	ids, err := b.store.InsertEvents(context.Background(), evs)
	require.NoError(t, err)
	require.Len(t, ids, n)
	return ids
}

// relay is the scheduler's relay over the bundle's store, queue and clock;
// c sets the rest (sizes).
func (b *testBundle) relay(insp *asynq.Inspector, c workers.RelayConfig) *workers.Relay {
	c.Store, c.Enqueuer, c.TaskExists = b.store, b.client, taskExists(insp)
	c.NowFunc = func() time.Time { return b.now }
	return workers.NewRelay(c)
}

// taskExists asks Redis about a task the way the scheduler role does.
func taskExists(insp *asynq.Inspector) func(context.Context, string) (bool, error) {
	return func(_ context.Context, id string) (bool, error) {
		_, err := insp.GetTaskInfo(workers.QueueDefault, id)
		if errors.Is(err, asynq.ErrTaskNotFound) || errors.Is(err, asynq.ErrQueueNotFound) {
			return false, nil
		}
		return err == nil, err
	}
}

// TestRelayReachesOrphansBehindDeadLetters: 500 dead letters (one group
// whose task was archived) are older than an orphan whose task Redis lost.
// Reading only the oldest page, the relay saw the 500 every pass and never
// the orphan; it walks on now, and still leaves the dead letters alone.
func TestRelayReachesOrphansBehindDeadLetters(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	deadIDs := b.pendingEvents(t, "dead", 500, func(int) (time.Time, string) { return b.now.Add(-time.Hour), "ingest:g:archived" })
	task, err := workers.NewIngestGroupTask("ingest:g:archived", deadIDs)
	require.NoError(t, err)
	_, err = b.client.EnqueueContext(ctx, task)
	require.NoError(t, err)
	insp := asynq.NewInspector(b.redisOpt)
	t.Cleanup(func() { insp.Close() })
	require.NoError(t, insp.ArchiveTask(workers.QueueDefault, "ingest:g:archived"))
	orphan, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "generic", Source: "website", EventID: "orphan",
		ReceivedAt: b.now.Add(-time.Minute), Payload: []byte(`{}`), TaskID: "ingest:g:lost-with-redis"})
	require.NoError(t, err)

	relay := b.relay(insp, workers.RelayConfig{})
	n, err := relay.RunOnce(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n, "the orphan behind the dead letters")
	pending, err := insp.ListPendingTasks(workers.QueueDefault)
	require.NoError(t, err)
	require.Len(t, pending, 1)
	require.JSONEq(t, fmt.Sprintf(`{"event_ids":[%d]}`, orphan.ID), string(pending[0].Payload))
	for range 3 {
		n, err = relay.RunOnce(ctx)
		require.NoError(t, err)
		require.Zero(t, n, "later passes wrap around and find nothing new")
	}
}

// TestRelayScanLimitCarriesOn: a pass that stops at its scan limit goes on
// from there in the next one, and the walk wraps around at the end.
func TestRelayScanLimitCarriesOn(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ids := b.pendingEvents(t, "e", 6, func(i int) (time.Time, string) {
		if i == 5 {
			return b.now.Add(-time.Hour + 5*time.Second), "ingest:g:lost" // the newest: its task is gone
		}
		return b.now.Add(-time.Hour).Add(time.Duration(i) * time.Second), "ingest:g:live"
	})
	task, err := workers.NewIngestGroupTask("ingest:g:live", ids[:5])
	require.NoError(t, err)
	_, err = b.client.EnqueueContext(ctx, task)
	require.NoError(t, err)
	insp := asynq.NewInspector(b.redisOpt)
	t.Cleanup(func() { insp.Close() })
	relay := b.relay(insp, workers.RelayConfig{BatchSize: 2, ScanLimit: 3})
	var got []int
	for range 4 {
		n, err := relay.RunOnce(ctx)
		require.NoError(t, err)
		got = append(got, n)
	}
	// Pass 1 looks at four live events and stops (limit 3); pass 2 goes on
	// from the fifth, finds the orphan and reaches the end; passes 3 and 4
	// start again from the oldest and find every task live.
	require.Equal(t, []int{0, 1, 0, 0}, got)
}

// TestNurtureStepsWaitAsRows: enrolling a contact puts only the sends due
// now in Redis; the step due in three days is a pending outbox row with no
// task (at millions of nurtured contacts Redis would hold every step of
// every sequence for weeks). Once due, the relay hands it to a worker, once.
func TestNurtureStepsWaitAsRows(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	ctx := context.Background()
	b.ingestAda(t)
	var step2 int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT id FROM email_outbox WHERE template = 'nurture-2' AND status = 'pending'`).Scan(&step2))
	insp := asynq.NewInspector(b.redisOpt)
	t.Cleanup(func() { insp.Close() })
	require.Empty(t, emailTasksOf(t, insp, step2), "a step three days away has no task in Redis")
	b.drain(t)
	require.Equal(t, int64(1), sender.n.Load(), "step 1 went at once")

	relay := b.relay(insp, workers.RelayConfig{})
	_, err := relay.RunOnce(ctx)
	require.NoError(t, err)
	require.Empty(t, emailTasksOf(t, insp, step2), "not due yet")

	b.now = b.now.Add(72*time.Hour + time.Minute + time.Second)
	for range 3 {
		_, err = relay.RunOnce(ctx)
		require.NoError(t, err)
	}
	require.Len(t, emailTasksOf(t, insp, step2), 1, "due: one task, however many passes")
	b.drain(t)
	require.Equal(t, int64(2), sender.n.Load(), "step 2 sent")
	_, err = relay.RunOnce(ctx)
	require.NoError(t, err)
	b.drain(t)
	require.Equal(t, int64(2), sender.n.Load(), "and only once")
}

// emailTasksOf lists the email:send tasks in Redis (any queue, any state
// but completed) that carry outbox email id.
func emailTasksOf(t *testing.T, insp *asynq.Inspector, id int64) []*asynq.TaskInfo {
	t.Helper()
	var found []*asynq.TaskInfo
	for _, q := range workers.Queues() {
		for _, list := range []func(string, ...asynq.ListOption) ([]*asynq.TaskInfo, error){
			insp.ListPendingTasks, insp.ListScheduledTasks, insp.ListRetryTasks, insp.ListActiveTasks,
		} {
			tasks, err := list(q)
			if err != nil {
				continue
			}
			for _, ti := range tasks {
				if ti.Type == workers.TypeEmailSend && string(ti.Payload) == fmt.Sprintf(`{"outbox_id":%d}`, id) {
					found = append(found, ti)
				}
			}
		}
	}
	return found
}
