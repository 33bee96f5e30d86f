package workers_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/email"
	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/workers"
)

// countingSender stands in for Mailgun (a third party): it counts sends.
type countingSender struct {
	n    atomic.Int64
	mu   sync.Mutex
	msgs []email.Message
}

func (c *countingSender) Send(_ context.Context, m email.Message) (string, error) {
	c.n.Add(1)
	c.mu.Lock()
	c.msgs = append(c.msgs, m)
	c.mu.Unlock()
	return "<x@sender.test>", nil
}

// ingestAda ingests the lead of Ada, with an email address and no other
// signal: a cold lead that joins the default nurture.
func (b *testBundle) ingestAda(t *testing.T) {
	t.Helper()
	ev := b.storeEvent(t, `{"type":"lead.created","data":{"email":"ada@example.com","first_name":"Ada"}}`)
	require.NoError(t, b.handlers.Ingest(context.Background(), ingestTask(t, ev)))
}

func (b *testBundle) withEmail(t *testing.T, sender email.Sender) {
	t.Helper()
	tmpl, err := email.LoadTemplates("")
	require.NoError(t, err)
	unsub, err := email.NewUnsubscriber([]byte("0123456789abcdef0123456789abcdef"), "http://127.0.0.1:8080", "")
	require.NoError(t, err)
	b.reconfigure(t, workers.EmailConfig{Templates: tmpl, Sender: sender, Unsubscriber: unsub, From: "Sales <sales@mg.example.test>",
		WeeklyCap: 10, Nurture: map[string][]workers.NurtureStep{"default": {{Template: "nurture-1"}, {Template: "nurture-2", After: 72 * time.Hour}}},
		HeatingUp: "heating-up", RepNotification: "rep-new-lead", Stages: map[string]string{"Initial contact": "stage-initial-contact"}},
		workers.Routing{})
}

// TestHundredTriggersOneEmail: the same stage change triggering 100 times
// at once, and its send task running 100 times at once, sends one email.
func TestHundredTriggersOneEmail(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	ctx := context.Background()
	b.ingestAda(t)
	b.drain(t)
	sum, err := b.store.Summarize(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(1), sum.Contacts)
	// Open a deal by hand and move it to Initial contact.
	d, _, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: 1, Pipeline: "Sales", Stage: "Qualification", Now: b.now}, pipeline.RoundRobin)
	require.NoError(t, err)
	ch, changed, err := b.store.MoveDealStage(ctx, d.ID, "initial contact", "test", "", b.now)
	require.NoError(t, err)
	require.True(t, changed)
	sentBefore := sender.n.Load()
	b.now = b.now.Add(workers.DefaultEmailMinGap) // past the minimum gap after the nurture email

	task, err := workers.NewStageEmailTask(ch)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			require.NoError(t, b.handlers.StageEmail(ctx, task))
		}()
	}
	wg.Wait()
	var outboxID int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT id FROM email_outbox WHERE template = 'stage-initial-contact'`).Scan(&outboxID))
	send, err := workers.NewEmailTask(outboxID)
	require.NoError(t, err)
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = b.handlers.SendEmail(ctx, send)
		}()
	}
	wg.Wait()
	require.Equal(t, sentBefore+1, sender.n.Load(), "one stage email")
}

// TestNurtureStopsOnReply: step 1 goes out, the contact replies, step 2
// (due three days later, fake clock) is cancelled at claim time.
func TestNurtureStopsOnReply(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	ctx := context.Background()
	b.ingestAda(t)
	b.drain(t)
	require.Equal(t, int64(1), sender.n.Load(), "nurture step 1")

	mg, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "mailgun-inbound", Source: "mailgun-inbound", EventID: "r1",
		ReceivedAt: b.now, Payload: []byte(`{}`), Kind: lead.EventKindEngagement})
	require.NoError(t, err)
	_, err = b.store.RecordEngagements(ctx, mg.ID, []lead.Engagement{{Kind: lead.EngagementReplied, Email: "ada@example.com", OccurredAt: b.now}}, b.now)
	require.NoError(t, err)

	b.now = b.now.Add(73 * time.Hour)
	var step2 int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT id FROM email_outbox WHERE template = 'nurture-2'`).Scan(&step2))
	send, err := workers.NewEmailTask(step2)
	require.NoError(t, err)
	require.NoError(t, b.handlers.SendEmail(ctx, send))
	require.Equal(t, int64(1), sender.n.Load(), "no step 2 after a reply")
	var status string
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT status FROM email_outbox WHERE id = $1`, step2).Scan(&status))
	require.Equal(t, "cancelled", status)
	_ = asynq.SkipRetry
}

// TestSuppressedAddressGetsNoMarketing: after a Mailgun unsubscribed event,
// no trigger's marketing email reaches the address; a transactional rep
// notification is unaffected.
func TestSuppressedAddressGetsNoMarketing(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	ctx := context.Background()
	mg, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "mailgun-events", Source: "mailgun", EventID: "u1",
		ReceivedAt: b.now, Payload: []byte(`{}`), Kind: lead.EventKindEngagement})
	require.NoError(t, err)
	_, err = b.store.RecordEngagements(ctx, mg.ID, []lead.Engagement{{Kind: lead.EngagementUnsubscribed, Email: "ada@example.com", OccurredAt: b.now}}, b.now)
	require.NoError(t, err)

	b.ingestAda(t)
	b.drain(t)
	require.Zero(t, sender.n.Load(), "no nurture email to a suppressed address")
	var status, reason string
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT status, last_error FROM email_outbox WHERE template = 'nurture-1'`).Scan(&status, &reason))
	require.Equal(t, "suppressed", status)
	require.Contains(t, reason, "unsubscribed")
}

// TestNurtureStopsWhenHot: once the contact gets a deal (it became hot),
// the next nurture step is cancelled at claim time.
func TestNurtureStopsWhenHot(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	ctx := context.Background()
	b.ingestAda(t)
	b.drain(t)
	require.Equal(t, int64(1), sender.n.Load(), "nurture step 1")
	_, created, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: 1, Pipeline: "Sales", Stage: "Qualification", Now: b.now}, pipeline.RoundRobin)
	require.NoError(t, err)
	require.True(t, created)

	b.now = b.now.Add(73 * time.Hour)
	var step2 int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT id FROM email_outbox WHERE template = 'nurture-2'`).Scan(&step2))
	send, err := workers.NewEmailTask(step2)
	require.NoError(t, err)
	require.NoError(t, b.handlers.SendEmail(ctx, send))
	require.Equal(t, int64(1), sender.n.Load(), "no more nurture for a lead in the pipeline")
	var reason string
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT last_error FROM email_outbox WHERE id = $1`, step2).Scan(&reason))
	require.Equal(t, "nurture promoted", reason)
}
