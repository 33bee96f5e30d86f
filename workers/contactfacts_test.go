package workers_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/email"
	"leadflow/lead"
	"leadflow/scoring"
	"leadflow/workers"
)

// latestScore returns the contact's newest score and its reasons.
func (b *testBundle) latestScore(t *testing.T, contactID int64) (lead.Score, []string) {
	t.Helper()
	sc, err := b.store.LatestContactScore(context.Background(), contactID)
	require.NoError(t, err)
	var res scoring.Result
	require.NoError(t, json.Unmarshal(sc.Breakdown, &res))
	var reasons []string
	for _, c := range res.Contributions {
		reasons = append(reasons, c.Reason)
	}
	return sc, reasons
}

// TestNewsletterKeepsTheStatedNeed (issue 17): a form stating need,
// budget, authority and timeline, then a plain newsletter sign-up from the
// same address. The sign-up says nothing about any of them, so the score
// and the rep's email keep what the form said.
func TestNewsletterKeepsTheStatedNeed(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	ctx := context.Background()
	rita := b.reps(t, "rita")[0]

	b.ingestLead(t, "form-1", `{"email":"ada@example.com","first_name":"Ada","company":"Example","title":"Head of Operations",
		"answers":{"budget":"10k_50k","authority":"influencer","need":"important","timeline":"this_quarter"}}`)
	form, _ := b.latestScore(t, 1)
	t.Logf("after the form: %d %s", form.Total, form.Band)

	b.now = b.now.Add(24 * time.Hour)
	b.ingestLead(t, "news-1", `{"email":"ada@example.com"}`)
	after, reasons := b.latestScore(t, 1)
	t.Logf("after the newsletter: %d %s %q", after.Total, after.Band, reasons)
	require.GreaterOrEqual(t, after.Total, form.Total, "a sign-up that says nothing takes nothing away")
	require.Contains(t, reasons, `stated a need (from a form answer on 1 Jan: important) (+12)`)
	require.Contains(t, reasons, `VP or director title (from the title as of 2 Jan: "Head of Operations") (+8)`)

	// The rep's email about this contact shows the need the form stated.
	_, queued, err := b.store.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: "test:rep-new-lead", ContactID: 1, Template: "rep-new-lead",
		Kind: lead.EmailTransactional, To: "rita@reps.example.com", SendAfter: b.now, RepID: rita})
	require.NoError(t, err)
	require.True(t, queued)
	b.sendAll(t)
	note := sender.sentTo("rep-new-lead", "rita@reps.example.com")
	require.NotEmpty(t, note)
	for _, n := range note {
		t.Logf("rep email:\n%s", n.Text)
		require.Contains(t, n.Text, "Need:      a clear need")
		require.Contains(t, n.Text, "Timeline:  this quarter")
	}
}

// TestLostDealIsNotWelcomedAgain (issue 17): a contact nurtured, then hot
// on a reply (a deal), whose deal is lost; weeks later its engagement has
// aged and it cools to warm. It is not a new lead: the welcome sequence is
// not sent again (no nurture, or the re-engagement program when one is
// configured). The loss itself takes no points: its score is its twin's,
// who did the same and whose deal is still open.
func TestLostDealIsNotWelcomedAgain(t *testing.T) {
	for _, reengage := range []string{"", "win-back"} {
		t.Run("reengage="+reengage, func(t *testing.T) {
			b := setup(t)
			sender := &countingSender{}
			tmpl, err := email.LoadTemplates("")
			require.NoError(t, err)
			b.reconfigure(t, workers.EmailConfig{Templates: tmpl, Sender: sender, From: "Sales <sales@mg.example.test>", WeeklyCap: 10,
				Nurture:   map[string][]workers.NurtureStep{"default": {{Template: "nurture-1"}}, "win-back": {{Template: "nurture-3"}}},
				HeatingUp: "heating-up", RepNotification: "rep-new-lead"}, workers.Routing{ReengageProgram: reengage})
			ctx := context.Background()
			b.reps(t, "rita")

			const answers = `"company":"Example","answers":{"budget":"10k_50k","authority":"decision_maker","need":"important","timeline":"this_quarter"}`
			b.ingestLead(t, "form-ada", `{"email":"ada@example.com","first_name":"Ada",`+answers+`}`)
			b.ingestLead(t, "form-bob", `{"email":"bob@example.com","first_name":"Bob",`+answers+`}`)
			b.sendAll(t)
			require.Len(t, sender.sentTo("nurture-1", "ada@example.com"), 1, "welcomed once, as a new lead")

			b.now = b.now.Add(time.Hour)
			b.reply(t, "reply-ada", "ada@example.com", "Thanks, talk soon.")
			b.reply(t, "reply-bob", "bob@example.com", "Thanks, talk soon.")
			hot, _ := b.latestScore(t, 1)
			t.Logf("hot: %d %s", hot.Total, hot.Band)
			require.Equal(t, "hot", hot.Band)
			deal, ok := b.openDeal(t, 1)
			require.True(t, ok)
			_, ok = b.openDeal(t, 2)
			require.True(t, ok)
			b.sendAll(t)

			b.now = b.now.Add(3 * 24 * time.Hour)
			_, changed, err := b.store.MoveDealStage(ctx, deal.ID, "Lost", "rita", "no budget this year", b.now)
			require.NoError(t, err)
			require.True(t, changed)

			// Two months later the sweep rescores both: the reply has aged.
			b.now = b.now.Add(60 * 24 * time.Hour)
			require.NoError(t, b.handlers.Sweep(ctx, asynq.NewTask("score:sweep", nil)))
			b.drain(t)
			lost, reasons := b.latestScore(t, 1)
			twin, _ := b.latestScore(t, 2)
			t.Logf("after the loss: %d %s (twin with an open deal: %d %s) %q", lost.Total, lost.Band, twin.Total, twin.Band, reasons)
			require.Equal(t, twin.Total, lost.Total, "the loss itself takes no points")
			require.Equal(t, []string{"warm->hot", "hot->warm"}, b.bands(t, 1))

			var programs []string
			rows, err := b.pool.Query(ctx, `SELECT program FROM nurture_enrollments WHERE contact_id = 1 ORDER BY id`)
			require.NoError(t, err)
			for rows.Next() {
				var p string
				require.NoError(t, rows.Scan(&p))
				programs = append(programs, p)
			}
			rows.Close()
			b.sendAll(t)
			t.Logf("enrollments: %v", programs)
			require.Len(t, sender.sentTo("nurture-1", "ada@example.com"), 1, "no second welcome after a loss")
			if reengage == "" {
				require.Equal(t, []string{"default"}, programs)
				return
			}
			require.Equal(t, []string{"default", reengage}, programs)
			require.Len(t, sender.sentTo("nurture-3", "ada@example.com"), 1, "the re-engagement sequence")
		})
	}
}
