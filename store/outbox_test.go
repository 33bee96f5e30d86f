package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
)

func TestClaimEmailPolicies(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	tp, err := b.store.RecordLead(ctx, b.event(t, "m"), person("ada@example.com", ""), b.now)
	require.NoError(t, err)
	queue := func(key, kind string) lead.OutboxEmail {
		e, created, err := b.store.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: key, ContactID: tp.ContactID, Template: "nurture-1",
			Kind: kind, To: "Ada@Example.com", SendAfter: b.now})
		require.NoError(t, err)
		require.True(t, created)
		return e
	}
	policy := lead.ClaimPolicy{WeeklyCap: 2, Now: b.now}

	// Two sends fill the weekly cap; the third waits a week from the first.
	for i := range 2 {
		e := queue(fmt.Sprint("k", i), lead.EmailMarketing)
		c, err := b.store.ClaimEmail(ctx, e.ID, policy)
		require.NoError(t, err)
		require.True(t, c.Send, c.Reason)
		require.NoError(t, b.store.MarkEmailSent(ctx, e.ID, "id", "subject", b.now))
		again, err := b.store.ClaimEmail(ctx, e.ID, policy)
		require.NoError(t, err)
		require.False(t, again.Send, "a recorded send is never claimed again")
	}
	third := queue("k2", lead.EmailMarketing)
	c, err := b.store.ClaimEmail(ctx, third.ID, policy)
	require.NoError(t, err)
	require.False(t, c.Send)
	require.Contains(t, c.Reason, "weekly cap")
	require.True(t, c.RetryAt.Equal(b.now.Add(7*24*time.Hour)))

	// Consent mode: no consent recorded → suppressed.
	noConsent := queue("k3", lead.EmailMarketing)
	c, err = b.store.ClaimEmail(ctx, noConsent.ID, lead.ClaimPolicy{RequireConsent: true, Now: b.now})
	require.NoError(t, err)
	require.False(t, c.Send)
	require.Equal(t, lead.EmailSuppressed, c.Email.Status)

	// A suppressed address gets no marketing, but transactional mail still goes.
	require.NoError(t, b.store.Suppress(ctx, "ADA@example.com", "complained", b.now))
	mk := queue("k4", lead.EmailMarketing)
	c, err = b.store.ClaimEmail(ctx, mk.ID, lead.ClaimPolicy{Now: b.now})
	require.NoError(t, err)
	require.False(t, c.Send)
	require.Contains(t, c.Reason, "complained")
	tr := queue("k5", lead.EmailTransactional)
	c, err = b.store.ClaimEmail(ctx, tr.ID, lead.ClaimPolicy{Now: b.now})
	require.NoError(t, err)
	require.True(t, c.Send)

	// A live claim blocks a second sender; a stale one can be taken over.
	c, err = b.store.ClaimEmail(ctx, tr.ID, lead.ClaimPolicy{Now: b.now.Add(time.Minute)})
	require.NoError(t, err)
	require.False(t, c.Send)
	require.False(t, c.RetryAt.IsZero())
	c, err = b.store.ClaimEmail(ctx, tr.ID, lead.ClaimPolicy{Now: b.now.Add(time.Hour)})
	require.NoError(t, err)
	require.True(t, c.Send)
}

func TestReconcileSendFromProviderEvent(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	tp, err := b.store.RecordLead(ctx, b.event(t, "rc"), person("ada@example.com", ""), b.now)
	require.NoError(t, err)
	e, _, err := b.store.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: "rc", ContactID: tp.ContactID, Template: "nurture-1",
		Kind: lead.EmailMarketing, To: "ada@example.com", SendAfter: b.now})
	require.NoError(t, err)
	due, err := b.store.DueEmails(ctx, b.now.Add(time.Minute), 10)
	require.NoError(t, err)
	require.Len(t, due, 1)
	require.Equal(t, e.ID, due[0].ID)
	require.Equal(t, lead.EmailMarketing, due[0].Kind)
	require.True(t, due[0].SendAfter.Equal(b.now))
	c, err := b.store.ClaimEmail(ctx, e.ID, lead.ClaimPolicy{Now: b.now})
	require.NoError(t, err)
	require.True(t, c.Send)
	// The process dies after Mailgun accepted the message; its delivered
	// event carries our outbox id.
	ev, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "mailgun-events", Source: "mailgun", EventID: "d1",
		ReceivedAt: b.now, Payload: []byte(`{}`), Kind: lead.EventKindEngagement})
	require.NoError(t, err)
	_, err = b.store.RecordEngagements(ctx, ev.ID, []lead.Engagement{{Kind: lead.EngagementDelivered, Email: "ada@example.com",
		MessageID: "abc@mg.example.test", OutboxID: fmt.Sprint(e.ID), OccurredAt: b.now}}, b.now)
	require.NoError(t, err)
	got, err := b.store.GetEmail(ctx, e.ID)
	require.NoError(t, err)
	require.Equal(t, lead.EmailSent, got.Status)
	require.Equal(t, "abc@mg.example.test", got.ProviderID)
	c, err = b.store.ClaimEmail(ctx, e.ID, lead.ClaimPolicy{Now: b.now.Add(time.Hour)})
	require.NoError(t, err)
	require.False(t, c.Send, "a reconciled email is never sent again")
}

func TestMoveDealStageReportsPipelineAndAmount(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	tp, err := b.store.RecordLead(ctx, b.event(t, "mv"), person("ada@example.com", ""), b.now)
	require.NoError(t, err)
	d, _, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: tp.ContactID, Pipeline: "Sales", Stage: "Qualification", Now: b.now}, func([]lead.Rep, int64) int64 { return 0 })
	require.NoError(t, err)
	_, err = b.pool.Exec(ctx, `UPDATE deals SET amount_cents = 990000 WHERE id = $1`, d.ID)
	require.NoError(t, err)
	ch, changed, err := b.store.MoveDealStage(ctx, d.ID, "won", "test", "", b.now)
	require.NoError(t, err)
	require.True(t, changed)
	require.True(t, ch.Closed)
	require.True(t, ch.Won)
	require.Equal(t, "Sales", ch.Pipeline)
	require.Equal(t, int64(990000), ch.AmountCents)
}

func TestQueueEmailsOnceEach(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	tp, err := b.store.RecordLead(ctx, b.event(t, "seq"), person("ada@example.com", ""), b.now)
	require.NoError(t, err)
	step := func(i int) lead.OutboxEmail {
		return lead.OutboxEmail{DedupeKey: fmt.Sprint("nurture:test:", i), ContactID: tp.ContactID, Template: fmt.Sprint("nurture-", i+1),
			Kind: lead.EmailMarketing, To: "Ada@Example.com", SendAfter: b.now.Add(time.Duration(i) * 24 * time.Hour)}
	}
	first, _, err := b.store.QueueEmail(ctx, step(0))
	require.NoError(t, err)

	got, err := b.store.QueueEmails(ctx, []lead.OutboxEmail{step(0), step(1), step(2)})
	require.NoError(t, err)
	require.Len(t, got, 3)
	require.Equal(t, first.ID, got[0].ID, "queued before: the existing row")
	for i, e := range got {
		require.Equal(t, fmt.Sprint("nurture-", i+1), e.Template, "in the order given")
		require.Equal(t, "ada@example.com", e.To)
		require.Equal(t, lead.EmailPending, e.Status)
	}
	again, err := b.store.QueueEmails(ctx, []lead.OutboxEmail{step(0), step(1), step(2)})
	require.NoError(t, err)
	require.Equal(t, got, again, "a retry queues nothing new")
	var n int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM email_outbox`).Scan(&n))
	require.Equal(t, 3, n)
}
