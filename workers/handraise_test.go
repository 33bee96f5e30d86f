package workers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/email"
	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/store"
	"leadflow/workers"
)

// outbox lists the queued emails as "template to_address", in order.
func (b *testBundle) outbox(t *testing.T) []string {
	t.Helper()
	rows, err := b.pool.Query(context.Background(), `SELECT template || ' ' || to_address FROM email_outbox ORDER BY id`)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		out = append(out, s)
	}
	return out
}

// sentTo returns the messages of template sent to addr.
func (c *countingSender) sentTo(template, addr string) []email.Message {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []email.Message
	for _, m := range c.msgs {
		if m.To == addr && len(m.Tags) > 0 && m.Tags[0] == template {
			out = append(out, m)
		}
	}
	return out
}

// sendAll runs the send of every queued email still pending, at b.now.
func (b *testBundle) sendAll(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	rows, err := b.pool.Query(ctx, `SELECT id FROM email_outbox WHERE status = 'pending' ORDER BY id`)
	require.NoError(t, err)
	var ids []int64
	for rows.Next() {
		var id int64
		require.NoError(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		task, err := workers.NewEmailTask(id)
		require.NoError(t, err)
		require.NoError(t, b.handlers.SendEmail(ctx, task))
	}
}

func (b *testBundle) ingestLead(t *testing.T, eventID, data string) {
	t.Helper()
	ev, _, err := b.store.InsertEvent(context.Background(), lead.Event{Connector: "generic", Source: "website", EventID: eventID,
		ReceivedAt: b.now, Payload: []byte(`{"type":"lead.created","data":` + data + `}`)})
	require.NoError(t, err)
	require.NoError(t, b.handlers.Ingest(context.Background(), ingestTask(t, ev)))
	b.drain(t)
}

// reply records a reply of the contact at addr and runs its rescore, as
// the inbound route does.
func (b *testBundle) reply(t *testing.T, eventID, addr, text string) int64 {
	t.Helper()
	ctx := context.Background()
	mg, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "mailgun-inbound", Source: "mailgun-inbound", EventID: eventID,
		ReceivedAt: b.now, Payload: []byte(`{}`), Kind: lead.EventKindEngagement})
	require.NoError(t, err)
	res, err := b.store.RecordEngagements(ctx, mg.ID, []lead.Engagement{{Kind: lead.EngagementReplied, Email: addr,
		Text: text, OccurredAt: b.now}}, b.now)
	require.NoError(t, err)
	contact := res[0].ContactID
	require.NotZero(t, contact)
	task, err := newRescore(contact, "engagement:"+eventID)
	require.NoError(t, err)
	require.NoError(t, b.handlers.Rescore(ctx, task))
	b.drain(t)
	return contact
}

func (b *testBundle) openDeal(t *testing.T, contactID int64) (lead.Deal, bool) {
	t.Helper()
	d, err := b.store.OpenDeal(context.Background(), contactID, "Sales")
	if err != nil {
		require.ErrorIs(t, err, lead.ErrNotFound)
		return lead.Deal{}, false
	}
	return d, true
}

// TestHandRaiserGoesToARep: a cold-scored lead writing "please call me
// today about pricing for 25 seats" gets a deal with a rep, not nurture;
// the routing decision records why; the rep is told and the lead is
// thanked with the rep's name.
func TestHandRaiserGoesToARep(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	ctx := context.Background()
	b.reps(t, "rita")
	require.NoError(t, b.store.SyncTeam(ctx, store.TeamSpec{Name: "sales", Members: []store.TeamMemberSpec{{Email: "rita@reps.example.com", Weight: 1}}}))
	rules := &pipeline.RoutingRules{Rules: []pipeline.RoutingRule{{Name: "hot leads", Team: "sales", When: pipeline.RouteCondition{Bands: []string{"hot"}}}},
		Fallback: "sales"}
	tmpl, err := email.LoadTemplates("")
	require.NoError(t, err)
	b.reconfigure(t, workers.EmailConfig{Templates: tmpl, Sender: sender, From: "Sales <sales@mg.example.test>", WeeklyCap: 10,
		Nurture:   map[string][]workers.NurtureStep{"default": {{Template: "nurture-1"}}},
		HeatingUp: "heating-up", RepNotification: "rep-new-lead"}, workers.Routing{Rules: rules})

	b.ingestLead(t, "hand-1", `{"email":"ada@example.com","first_name":"Ada","phone":"+15555550100",
		"message":"Please call me today about pricing for 25 seats."}`)
	sc, err := b.store.LatestContactScore(ctx, 1)
	require.NoError(t, err)
	require.Equal(t, "cold", sc.Band, "the score alone would nurture")
	deal, ok := b.openDeal(t, 1)
	require.True(t, ok, "a stated request for contact goes to a rep whatever the band")
	require.NotZero(t, deal.OwnerRepID)
	var nurtured int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM nurture_enrollments WHERE contact_id = 1`).Scan(&nurtured))
	require.Zero(t, nurtured, "not nurture")
	var rule string
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT rule FROM routing_decisions WHERE deal_id = $1`, deal.ID).Scan(&rule))
	require.Contains(t, rule, "asked to be contacted")

	b.sendAll(t)
	require.Len(t, sender.sentTo("rep-new-lead", "rita@reps.example.com"), 1, "the rep is told")
	ack := sender.sentTo("lead-acknowledgement", "ada@example.com")
	require.Len(t, ack, 1, "the lead is told who will call")
	require.Contains(t, ack[0].Text, "I'm rita, and I'll call you shortly")
	require.Empty(t, sender.sentTo("nurture-1", "ada@example.com"))
}

// TestNegatedRequestIsNurtured: "don't call me" is not a hand-raise.
func TestNegatedRequestIsNurtured(t *testing.T) {
	b := setup(t)
	b.ingestLead(t, "neg-1", `{"email":"ada@example.com","message":"Please don't call me, just send the brochure."}`)
	_, ok := b.openDeal(t, 1)
	require.False(t, ok)
}

// TestHotFirstTouchIsAcknowledged: a lead hot on its first form gets a
// deal and a short acknowledgement naming its rep, once, however often
// the lead writes again while the deal is open.
func TestHotFirstTouchIsAcknowledged(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	b.reps(t, "rita")
	hotLead := `{"email":"ada@example.com","first_name":"Ada","company":"Example",
		"answers":{"budget":"over_50k","authority":"decision_maker","need":"urgent","timeline":"this_month"}}`
	b.ingestLead(t, "hot-1", hotLead)
	_, ok := b.openDeal(t, 1)
	require.True(t, ok, "hot: a deal")
	b.sendAll(t)
	ack := sender.sentTo("lead-acknowledgement", "ada@example.com")
	require.Len(t, ack, 1)
	require.Contains(t, ack[0].Text, "I'm rita")
	require.Contains(t, ack[0].Text, "Unsubscribe", "marketing: consent and unsubscribe rules apply")
	// The rep's notification says the lead hears from them (issue 16 item 8).
	note := sender.sentTo("rep-new-lead", "rita@reps.example.com")
	require.Len(t, note, 1)
	require.Contains(t, note[0].Text, "The lead also gets an email from you")

	b.now = b.now.Add(2 * time.Hour)
	b.ingestLead(t, "hot-2", hotLead)
	b.sendAll(t)
	require.Len(t, sender.sentTo("lead-acknowledgement", "ada@example.com"), 1, "one acknowledgement per deal")
}

// warmLead is in nurture; a second form or a reply heats it up.
const warmLead = `{"email":"ada@example.com","first_name":"Ada","company":"Example",
	"answers":{"budget":"10k_50k","authority":"decision_maker","need":"important"}}`

// TestHeatingUpSaysWhatHappened: the heating-up email names what the
// contact did (here, a reply) and never claims a site visit.
func TestHeatingUpSaysWhatHappened(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	b.reps(t, "rita")
	b.ingestLead(t, "warm-1", warmLead)
	_, ok := b.openDeal(t, 1)
	require.False(t, ok, "warm: nurture")

	b.now = b.now.Add(2 * time.Hour)
	contact := b.reply(t, "reply-1", "ada@example.com", "Thanks, sounds useful.")
	require.Equal(t, []string{"warm->hot"}, b.bands(t, contact))
	b.sendAll(t)
	heating := sender.sentTo("heating-up", "ada@example.com")
	require.Len(t, heating, 1)
	require.Contains(t, heating[0].Text, "Thanks for your reply.")
	require.NotContains(t, heating[0].Text, "looking at")
}

// TestHeatingUpQuotesTheSecondForm: a second form heats the lead up; the
// heating-up email thanks them for writing again and quotes the question.
func TestHeatingUpQuotesTheSecondForm(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	b.reps(t, "rita")
	b.ingestLead(t, "warm-1", warmLead)
	b.now = b.now.Add(2 * time.Hour)
	b.ingestLead(t, "warm-2", `{"email":"ada@example.com","first_name":"Ada","company":"Example",
		"answers":{"budget":"10k_50k","authority":"decision_maker","need":"urgent","timeline":"this_month"},
		"message":"How long does onboarding take for a team of 25?"}`)
	require.Equal(t, []string{"warm->hot"}, b.bands(t, 1))
	b.sendAll(t)
	heating := sender.sentTo("heating-up", "ada@example.com")
	require.Len(t, heating, 1, fmt.Sprint(b.outbox(t)))
	require.Contains(t, heating[0].Text, `Thanks for writing to us again. You asked: "How long does onboarding take for a team of 25?"`)
	require.NotContains(t, heating[0].Text, "looking at")
	require.Empty(t, sender.sentTo("lead-acknowledgement", "ada@example.com"), "heated up: the heating-up email, not both")
}

// TestReplyAskingForACallGoesToARep: a nurtured lead who replies "call me
// tomorrow at 10" gets a deal and its owner reads the reply; no automatic
// "reply with a time" email goes to the lead.
func TestReplyAskingForACallGoesToARep(t *testing.T) {
	for _, tc := range []struct {
		name, lead string
	}{
		{name: "warm, heats up", lead: warmLead},
		{name: "cold, stays below hot", lead: `{"email":"ada@example.com","first_name":"Ada"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := setup(t)
			sender := &countingSender{}
			b.withEmail(t, sender)
			b.reps(t, "rita")
			b.ingestLead(t, "lead-1", tc.lead)
			_, ok := b.openDeal(t, 1)
			require.False(t, ok, "nurture first")

			b.now = b.now.Add(2 * time.Hour)
			contact := b.reply(t, "reply-1", "ada@example.com", "Yes, interested. Call me tomorrow at 10.")
			deal, ok := b.openDeal(t, contact)
			require.True(t, ok, "a person asked for a person")
			require.NotZero(t, deal.OwnerRepID)
			// A retried rescore forwards nothing twice.
			task, err := newRescore(contact, "engagement:reply-1")
			require.NoError(t, err)
			require.NoError(t, b.handlers.Rescore(context.Background(), task))
			b.drain(t)
			b.sendAll(t)
			forwarded := sender.sentTo("rep-lead-replied", "rita@reps.example.com")
			require.Len(t, forwarded, 1, "the owner reads the reply: %v", b.outbox(t))
			require.Contains(t, forwarded[0].Text, "Call me tomorrow at 10")
			require.Len(t, sender.sentTo("rep-new-lead", "rita@reps.example.com"), 1)
			for _, m := range sender.msgs {
				if m.To == "ada@example.com" {
					require.NotContains(t, m.Text, "reply with a time", "no automatic answer to %s", strings.Join(m.Tags, ","))
				}
			}
			require.Empty(t, sender.sentTo("heating-up", "ada@example.com"))
		})
	}
}
