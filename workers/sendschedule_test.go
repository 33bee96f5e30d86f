package workers_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/email"
	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/workers"
)

// raceTrials is how often each concurrency test below runs its race; each
// trial starts raceWorkers goroutines released together.
const (
	raceTrials  = 10
	raceWorkers = 8
)

// together runs fn in n goroutines released at once and returns their
// errors.
func together(n int, fn func(i int) error) []error {
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = fn(i)
		}()
	}
	close(start)
	wg.Wait()
	return errs
}

// newLead ingests a warm lead through the generic connector and returns
// its contact.
func (b *testBundle) newLead(t *testing.T, name string) int64 {
	t.Helper()
	ctx := context.Background()
	ev, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: connectors.GenericName, Source: "website", EventID: "msg_" + name,
		ReceivedAt: b.now, Payload: []byte(fmt.Sprintf(`{"type":"lead.created","data":{"email":"%s@example.com","first_name":"Ada","company":"Example",
		"answers":{"budget":"10k_50k","authority":"decision_maker","need":"important"}}}`, name))})
	require.NoError(t, err)
	require.NoError(t, b.handlers.Ingest(ctx, ingestTask(t, ev)))
	b.drain(t)
	var contact int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT contact_id FROM touchpoints WHERE inbound_event_id = $1`, ev.ID).Scan(&contact))
	return contact
}

// TestConcurrentRescoresHeatUpOnce: several rescorings of one warm contact
// running at once after it replied all compute hot; the crossing is
// recorded once and the heating-up email queued and sent once, every trial.
func TestConcurrentRescoresHeatUpOnce(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	ctx := context.Background()
	for trial := range raceTrials {
		contact := b.newLead(t, fmt.Sprint("heat", trial))
		require.Equal(t, []string(nil), b.bands(t, contact))
		mg, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "mailgun-inbound", Source: "mailgun-inbound", EventID: fmt.Sprint("reply-", trial),
			ReceivedAt: b.now, Payload: []byte(`{}`), Kind: lead.EventKindEngagement})
		require.NoError(t, err)
		_, err = b.store.RecordEngagements(ctx, mg.ID, []lead.Engagement{{Kind: lead.EngagementReplied,
			Email: fmt.Sprintf("heat%d@example.com", trial), Text: "Thanks, talk soon.", OccurredAt: b.now}}, b.now)
		require.NoError(t, err)
		for _, err := range together(raceWorkers, func(i int) error {
			task, err := workers.NewRescoreTask(contact, fmt.Sprintf("engagement:%d:%d", trial, i))
			if err != nil {
				return err
			}
			return b.handlers.Rescore(ctx, task)
		}) {
			require.NoError(t, err)
		}
		b.drain(t)
		require.Equal(t, []string{"warm->hot"}, b.bands(t, contact), "trial %d: one crossing", trial)
		var queued int
		require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM email_outbox WHERE contact_id = $1 AND template = 'heating-up'`,
			contact).Scan(&queued))
		require.Equal(t, 1, queued, "trial %d: one heating-up email", trial)
	}
}

// TestConcurrentSendsKeepCapAndGap: with weekly_cap 1, a contact's due
// marketing emails sent by concurrent workers leave one at a time: one
// now, the others held to distinct later slots, every trial.
func TestConcurrentSendsKeepCapAndGap(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	ctx := context.Background()
	for trial := range raceTrials {
		contact := b.newLead(t, fmt.Sprint("cap", trial))
		_, err := b.pool.Exec(ctx, `UPDATE email_outbox SET status = 'cancelled' WHERE contact_id = $1 AND status = 'pending'`, contact)
		require.NoError(t, err)
		ids := make([]int64, raceWorkers)
		for i := range ids {
			e, _, err := b.store.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: fmt.Sprintf("cap:%d:%d", trial, i), ContactID: contact,
				Template: "nurture-1", Kind: lead.EmailMarketing, To: fmt.Sprintf("cap%d@example.com", trial), SendAfter: b.now})
			require.NoError(t, err)
			ids[i] = e.ID
		}
		var sentBefore int
		require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM email_outbox WHERE contact_id = $1 AND status = 'sent'`, contact).Scan(&sentBefore))
		b.now = b.now.Add(workers.DefaultEmailMinGap) // past the nurture email's gap
		for _, err := range together(raceWorkers, func(i int) error {
			task, err := workers.NewEmailTask(ids[i])
			if err != nil {
				return err
			}
			return b.handlers.SendEmail(ctx, task)
		}) {
			require.NoError(t, err)
		}
		var sent, distinctHolds, held int
		require.NoError(t, b.pool.QueryRow(ctx, `
			SELECT count(*) FILTER (WHERE status = 'sent'), count(DISTINCT send_after) FILTER (WHERE status = 'pending'),
				count(*) FILTER (WHERE status = 'pending')
			FROM email_outbox WHERE id = ANY($1)`, ids).Scan(&sent, &distinctHolds, &held))
		require.Equal(t, 1, sent, "trial %d: one email leaves", trial)
		require.Equal(t, raceWorkers-1, held, "trial %d", trial)
		require.Equal(t, held, distinctHolds, "trial %d: held emails are spread", trial)
	}
}

// TestStageEmailsFollowTheDeal: re-entering a stage sends its email once;
// moving the deal on or losing it cancels the stage email still pending,
// including one a late stage task queues after the move.
func TestStageEmailsFollowTheDeal(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	tmpl, err := email.LoadTemplates("")
	require.NoError(t, err)
	b.reconfigure(t, workers.EmailConfig{Templates: tmpl, Sender: sender, From: "Sales <sales@mg.example.test>",
		Nurture: map[string][]workers.NurtureStep{"default": {{Template: "nurture-1"}}},
		Stages:  map[string]string{"Initial contact": "stage-initial-contact", "Negotiation": "stage-negotiation"}}, workers.Routing{})
	ctx := context.Background()
	contact := b.newLead(t, "stage")
	d, _, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: contact, Pipeline: "Sales", Stage: "Qualification", Now: b.now}, pipeline.RoundRobin)
	require.NoError(t, err)
	b.now = b.now.Add(workers.DefaultEmailMinGap)
	stageEmails := func() int {
		n := 0
		sender.mu.Lock()
		defer sender.mu.Unlock()
		for _, m := range sender.msgs {
			if m.Tags[0] == "stage-initial-contact" {
				n++
			}
		}
		return n
	}
	move := func(stage, reason string) lead.StageChange {
		ch, changed, err := b.store.MoveDealStage(ctx, d.ID, stage, "test", reason, b.now)
		require.NoError(t, err)
		require.True(t, changed)
		return ch
	}
	stageTask := func(ch lead.StageChange) {
		task, err := workers.NewStageEmailTask(ch)
		require.NoError(t, err)
		require.NoError(t, b.handlers.StageEmail(ctx, task))
	}

	stageTask(move("initial contact", ""))
	b.drain(t)
	require.Equal(t, 1, stageEmails())
	move("qualification", "")
	b.now = b.now.Add(time.Minute)
	stageTask(move("initial contact", ""))
	b.drain(t)
	require.Equal(t, 1, stageEmails(), "re-entering a stage sends nothing again")

	// The Negotiation email waits (minimum gap); the deal is lost first.
	b.now = b.now.Add(time.Minute)
	negotiation := move("negotiation", "")
	stageTask(negotiation)
	var status string
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT status FROM email_outbox WHERE dedupe_key = $1`,
		lead.StageEmailKey(d.ID, "Negotiation")).Scan(&status))
	require.Equal(t, lead.EmailPending, status)
	move("lost", "no budget")
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT status FROM email_outbox WHERE dedupe_key = $1`,
		lead.StageEmailKey(d.ID, "Negotiation")).Scan(&status))
	require.Equal(t, lead.EmailCancelled, status, "losing the deal cancels its pending email")
	before := sender.n.Load()
	b.now = b.now.Add(7 * 24 * time.Hour)
	stageTask(negotiation) // a retry of the old stage task, late
	b.drain(t)
	require.Equal(t, before, sender.n.Load(), "nothing goes to the lead of a lost deal")
}
