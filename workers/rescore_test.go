package workers_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/connectors"
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

// warmContacts ingests n warm leads, runs what they enqueued and returns
// their contacts, ascending.
func (b *testBundle) warmContacts(t *testing.T, prefix string, n int) []int64 {
	t.Helper()
	var ids []int64
	for i := range n {
		ids = append(ids, b.warmContact(t, fmt.Sprintf("%s%d", prefix, i)))
	}
	b.drain(t)
	return ids
}

// warmContact ingests one warm lead (leaving its follow-up tasks queued)
// and returns its contact.
func (b *testBundle) warmContact(t *testing.T, name string) int64 {
	t.Helper()
	ctx := context.Background()
	ev, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: connectors.GenericName, Source: "website",
		EventID: name, ReceivedAt: b.now, Payload: fmt.Appendf(nil,
			`{"type":"lead.created","data":{"email":"%s@example.com","company":"Example",
			"answers":{"budget":"10k_50k","authority":"decision_maker","need":"important"}}}`, name)})
	require.NoError(t, err)
	require.NoError(t, b.handlers.Ingest(ctx, ingestTask(t, ev)))
	var id int64
	require.NoError(t, testPool(b).QueryRow(ctx, `SELECT contact_id FROM touchpoints WHERE inbound_event_id = $1`, ev.ID).Scan(&id))
	return id
}

// sweepChain is what a run of the sweep did: the contacts each score:batch
// rescored, in order, and how many pages ran.
type sweepChain struct {
	rescored []int64
	pages    int
}

// runChain processes pending tasks as drain does, recording the sweep's
// pages and batches; between is called after each page.
func (b *testBundle) runChain(t *testing.T, between func(page workers.SweepPayload)) sweepChain {
	t.Helper()
	insp := asynq.NewInspector(b.redisOpt)
	defer insp.Close()
	mux := b.handlers.NewMux()
	var c sweepChain
	for range 100 {
		var pending []*asynq.TaskInfo
		for _, q := range workers.Queues() {
			tasks, err := insp.ListPendingTasks(q)
			if errors.Is(err, asynq.ErrQueueNotFound) {
				continue // nothing was ever enqueued on it
			}
			require.NoError(t, err)
			pending = append(pending, tasks...)
		}
		if len(pending) == 0 {
			return c
		}
		for _, ti := range pending {
			require.NoError(t, mux.ProcessTask(context.Background(), asynq.NewTask(ti.Type, ti.Payload)), ti.Type)
			require.NoError(t, insp.DeleteTask(ti.Queue, ti.ID))
			switch ti.Type {
			case workers.TypeScoreBatch:
				var p workers.RescoreBatchPayload
				require.NoError(t, json.Unmarshal(ti.Payload, &p))
				c.rescored = append(c.rescored, p.ContactIDs...)
			case workers.TypeScoreSweep:
				c.pages++
				if between != nil {
					var p workers.SweepPayload
					require.NoError(t, json.Unmarshal(ti.Payload, &p))
					between(p)
				}
			}
		}
	}
	t.Fatal("queue did not drain")
	return c
}

// startSweep enqueues the first page of a run of pages of size pageSize.
func (b *testBundle) startSweep(t *testing.T, runKey string, pageSize int) {
	t.Helper()
	task, err := workers.NewSweepPageTask(workers.SweepPayload{RunKey: runKey, PageSize: pageSize})
	require.NoError(t, err)
	_, err = b.client.Enqueue(task)
	require.NoError(t, err)
}

// TestSweepChain: a run of the sweep is a chain of pages, each enqueueing
// one batch; together they rescore every candidate exactly once, and a
// contact whose activity left the window is forgotten by the page that
// read it.
func TestSweepChain(t *testing.T) {
	for _, c := range []struct {
		name     string
		contacts int
		pageSize int
		pages    int
	}{
		{name: "several pages, the last one partial", contacts: 5, pageSize: 2, pages: 3},
		{name: "pages exactly full: an empty last page", contacts: 4, pageSize: 2, pages: 3},
		{name: "one page", contacts: 3, pageSize: 10, pages: 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := setup(t)
			ids := b.warmContacts(t, "c", c.contacts)
			b.startSweep(t, "sweep:test", c.pageSize)
			chain := b.runChain(t, nil)
			require.ElementsMatch(t, ids, chain.rescored, "every contact once")
			require.Equal(t, c.pages, chain.pages)

			// A year later their activity is outside the window: the next
			// run rescores nobody and forgets them all.
			b.now = b.now.Add(365 * 24 * time.Hour)
			b.startSweep(t, "sweep:later", c.pageSize)
			chain = b.runChain(t, nil)
			require.Empty(t, chain.rescored)
			var left int
			require.NoError(t, testPool(b).QueryRow(context.Background(), `SELECT count(*) FROM rescore_candidates`).Scan(&left))
			require.Zero(t, left, "forgotten")
		})
	}
}

// TestSweepPageRedelivered: a page run twice (its worker died after it
// enqueued) neither forks the chain nor rescores a contact twice, even
// when the second delivery reads a different page because the first one
// forgot a contact.
func TestSweepPageRedelivered(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ids := b.warmContacts(t, "r", 5)
	// The second contact's activity is made old: the first page forgets it,
	// so a redelivery of that page reads further.
	_, err := testPool(b).Exec(ctx, `UPDATE rescore_candidates SET active_at = $2 WHERE contact_id = $1`,
		ids[1], b.now.Add(-365*24*time.Hour))
	require.NoError(t, err)
	page, err := workers.NewSweepPageTask(workers.SweepPayload{RunKey: "sweep:redelivered", PageSize: 2})
	require.NoError(t, err)
	require.NoError(t, b.handlers.Sweep(ctx, page))
	require.NoError(t, b.handlers.Sweep(ctx, page), "the redelivery")
	chain := b.runChain(t, nil)
	require.ElementsMatch(t, []int64{ids[0], ids[2], ids[3], ids[4]}, chain.rescored, "each active contact once")
	require.Equal(t, 2, chain.pages, "pages 1 and 2; the redelivery enqueued nothing")
}

// TestSweepContactActiveMidChain: a contact that becomes a candidate while
// the chain runs is rescored by this run when its id is past the cursor;
// one behind the cursor waits for the next run (its activity rescored it
// at once anyway).
func TestSweepContactActiveMidChain(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ids := b.warmContacts(t, "m", 4)
	// A contact between the first two, out of the list (cold, no
	// engagement), becomes active after the first page has passed it.
	_, err := testPool(b).Exec(ctx, `DELETE FROM rescore_candidates WHERE contact_id = $1`, ids[1])
	require.NoError(t, err)
	var late int64
	b.startSweep(t, "sweep:mid", 2)
	chain := b.runChain(t, func(p workers.SweepPayload) {
		if p.Page != 0 {
			return
		}
		_, err := testPool(b).Exec(ctx, `INSERT INTO rescore_candidates (contact_id, active_at) VALUES ($1, $2)`, ids[1], b.now)
		require.NoError(t, err)
		late = b.warmContact(t, "late")
	})
	require.NotZero(t, late)
	require.Greater(t, late, ids[3], "a new contact's id is past the cursor")
	require.ElementsMatch(t, []int64{ids[0], ids[2], ids[3], late}, chain.rescored,
		"the late contact in this run, the one behind the cursor not")
	next := b.runChainFrom(t, "sweep:next")
	require.ElementsMatch(t, []int64{ids[0], ids[1], ids[2], ids[3], late}, next.rescored, "the next run has everyone")
}

// runChainFrom starts a run with pages of 2 and runs it.
func (b *testBundle) runChainFrom(t *testing.T, runKey string) sweepChain {
	t.Helper()
	b.startSweep(t, runKey, 2)
	return b.runChain(t, nil)
}

// failNextPage is an enqueuer that refuses score:sweep tasks, as Redis
// failing between a page's batch and its next page would.
type failNextPage struct{ *asynq.Client }

func (f failNextPage) EnqueueContext(ctx context.Context, task *asynq.Task, opts ...asynq.Option) (*asynq.TaskInfo, error) {
	if task.Type() == workers.TypeScoreSweep {
		return nil, errors.New("redis: connection refused")
	}
	return f.Client.EnqueueContext(ctx, task, opts...)
}

// TestSweepPageRetriedAfterFailedEnqueue: a page that enqueued its batch
// but failed to enqueue the next page is retried; the retry reads the same
// page (the contacts it forgets are forgotten only once the next page is
// enqueued), so the next page starts where the batch ended and no contact
// is skipped.
func TestSweepPageRetriedAfterFailedEnqueue(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ids := b.warmContacts(t, "f", 5)
	_, err := testPool(b).Exec(ctx, `UPDATE rescore_candidates SET active_at = $2 WHERE contact_id = $1`,
		ids[1], b.now.Add(-365*24*time.Hour))
	require.NoError(t, err)
	failing, err := workers.NewHandlers(workers.Config{Store: b.store, Connectors: b.reg, Enqueuer: failNextPage{b.client},
		NowFunc: func() time.Time { return b.now }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	require.NoError(t, err)
	page, err := workers.NewSweepPageTask(workers.SweepPayload{RunKey: "sweep:retried", PageSize: 2})
	require.NoError(t, err)
	require.Error(t, failing.Sweep(ctx, page), "the next page could not be enqueued")
	require.NoError(t, b.handlers.Sweep(ctx, page), "the retry")
	chain := b.runChain(t, nil)
	require.ElementsMatch(t, []int64{ids[0], ids[2], ids[3], ids[4]}, chain.rescored, "each active contact once, none skipped")
}
