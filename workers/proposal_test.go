package workers_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/email"
	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/workers"
)

// TestProposalFollowUpFollowsTheProposal (issue 16 item 12): entering
// Negotiation queues no proposal email; logging a proposal does, once per
// deal however many proposals are logged; a move between open stages keeps
// it and closing the deal cancels it.
func TestProposalFollowUpFollowsTheProposal(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	tmpl, err := email.LoadTemplates("")
	require.NoError(t, err)
	b.reconfigure(t, workers.EmailConfig{Templates: tmpl, Sender: sender, From: "Sales <sales@mg.example.test>",
		Stages: map[string]string{"Initial contact": "stage-initial-contact", "Value proposition": "stage-value-proposition"}},
		workers.Routing{})
	ctx := context.Background()
	followUps := func(dealID int64) []lead.OutboxEmail {
		rows, err := b.pool.Query(ctx, `SELECT id, status, send_after FROM email_outbox WHERE deal_id = $1 AND template = 'stage-negotiation'`, dealID)
		require.NoError(t, err)
		defer rows.Close()
		var out []lead.OutboxEmail
		for rows.Next() {
			var e lead.OutboxEmail
			require.NoError(t, rows.Scan(&e.ID, &e.Status, &e.SendAfter))
			out = append(out, e)
		}
		require.NoError(t, rows.Err())
		return out
	}
	move := func(dealID int64, stage, reason string) {
		ch, changed, err := b.store.MoveDealStage(ctx, dealID, stage, "test", reason, b.now)
		require.NoError(t, err)
		require.True(t, changed)
		task, err := workers.NewStageEmailTask(ch)
		require.NoError(t, err)
		require.NoError(t, b.handlers.StageEmail(ctx, task))
	}
	propose := func(dealID int64) {
		id, err := b.store.AddActivity(ctx, dealID, 0, lead.ActivityProposal, "v1 sent", b.now)
		require.NoError(t, err)
		task, err := workers.NewProposalEmailTask(dealID, id, b.now)
		require.NoError(t, err)
		require.NoError(t, b.handlers.ProposalEmail(ctx, task))
	}
	sent := func() int {
		sender.mu.Lock()
		defer sender.mu.Unlock()
		n := 0
		for _, m := range sender.msgs {
			if m.Tags[0] == "stage-negotiation" {
				n++
			}
		}
		return n
	}

	contact := b.newLead(t, "proposal")
	d, _, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: contact, Pipeline: "Sales", Stage: "Qualification", Now: b.now}, pipeline.RoundRobin)
	require.NoError(t, err)
	move(d.ID, "negotiation", "")
	require.Empty(t, followUps(d.ID), "entering Negotiation sends no proposal email")

	move(d.ID, "value proposition", "")
	propose(d.ID)
	loggedAt := b.now
	b.now = b.now.Add(time.Hour)
	propose(d.ID)
	got := followUps(d.ID)
	require.Len(t, got, 1, "one follow-up per deal")
	require.Equal(t, lead.EmailPending, got[0].Status)
	require.WithinDuration(t, loggedAt.Add(workers.DefaultProposalFollowUpAfter), got[0].SendAfter, time.Second)
	move(d.ID, "negotiation", "")
	require.Equal(t, lead.EmailPending, followUps(d.ID)[0].Status, "a move between open stages keeps it")

	b.now = got[0].SendAfter.Add(time.Minute)
	send, err := workers.NewEmailTask(got[0].ID)
	require.NoError(t, err)
	require.NoError(t, b.handlers.SendEmail(ctx, send))
	require.NoError(t, b.handlers.SendEmail(ctx, send))
	require.Equal(t, 1, sent())
	propose(d.ID)
	require.Len(t, followUps(d.ID), 1, "a later proposal sends no second follow-up")

	// A deal closed before its follow-up goes: cancelled, never sent.
	other := b.newLead(t, "proposal-lost")
	d2, _, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: other, Pipeline: "Sales", Stage: "Qualification", Now: b.now}, pipeline.RoundRobin)
	require.NoError(t, err)
	propose(d2.ID)
	move(d2.ID, "lost", "no budget")
	got = followUps(d2.ID)
	require.Len(t, got, 1)
	require.Equal(t, lead.EmailCancelled, got[0].Status, "closing the deal cancels its follow-up")
	b.now = b.now.Add(72 * time.Hour)
	send, err = workers.NewEmailTask(got[0].ID)
	require.NoError(t, err)
	require.NoError(t, b.handlers.SendEmail(ctx, send))
	propose(d2.ID)
	require.Len(t, followUps(d2.ID), 1, "a proposal on a closed deal queues nothing")
	require.Equal(t, 1, sent())
}
