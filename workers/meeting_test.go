package workers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/store"
	"leadflow/workers"
)

// TestInitialContactInvitesToTheMeeting: a rep with a booking link sets a
// meeting time and moves the deal to Initial contact in one change; the
// lead's email proposes the meeting with the agenda and carries an
// invitation.ics for that time, whose description is the same agenda.
// Without a meeting time the email carries none and offers the link. A
// lead in Germany gets the email and the invitation's title and agenda in
// German.
func TestInitialContactInvitesToTheMeeting(t *testing.T) {
	for _, tc := range []struct {
		name        string
		withMeeting bool
		country     string
	}{{"meeting set", true, ""}, {"no meeting time", false, ""}, {"meeting set, lead in Germany", true, "DE"}} {
		withMeeting := tc.withMeeting
		t.Run(tc.name, func(t *testing.T) {
			b := setup(t)
			sender := &countingSender{}
			b.withEmail(t, sender)
			ctx := context.Background()
			ev := b.storeEvent(t, `{"type":"lead.created","data":{"email":"ada@example.com","first_name":"Ada","country":"`+tc.country+`",
				"message":"Our spreadsheets lose leads.","answers":{"timeline":"this_quarter","authority":"decision_maker"}}}`)
			require.NoError(t, b.handlers.Ingest(ctx, ingestTask(t, ev)))
			b.drain(t)
			repID, err := b.store.UpsertRep(ctx, lead.Rep{Name: "Ann Rep", Email: "ann@reps.example.com", Active: true,
				BookingURL: "https://cal.example.com/ann"})
			require.NoError(t, err)
			var contactID int64
			require.NoError(t, b.pool.QueryRow(ctx, `SELECT id FROM contacts`).Scan(&contactID))
			d, err := b.store.OpenDeal(ctx, contactID, "Sales")
			if err != nil {
				d, _, err = b.store.CreateDeal(ctx, lead.DealRequest{ContactID: contactID, Pipeline: "Sales", Stage: "Qualification", Now: b.now},
					func([]lead.Rep, int64) int64 { return repID })
				require.NoError(t, err)
			}
			_, err = b.pool.Exec(ctx, `UPDATE deals SET owner_rep_id = $1 WHERE id = $2`, repID, d.ID)
			require.NoError(t, err)
			meeting := time.Date(2026, 1, 8, 15, 0, 0, 0, time.UTC)
			u := store.DealUpdate{Stage: ptrTo("Initial contact"), CheckFunc: func(store.DealCheck) (string, error) { return "", nil }}
			if withMeeting {
				u.MeetingAt = &meeting
			}
			ch, changed, err := b.store.UpdateDeal(ctx, d.ID, u, "test", b.now)
			require.NoError(t, err)
			require.True(t, changed)
			b.now = b.now.Add(workers.DefaultEmailMinGap)
			task, err := workers.NewStageEmailTask(ch)
			require.NoError(t, err)
			require.NoError(t, b.handlers.StageEmail(ctx, task))
			var outboxID int64
			require.NoError(t, b.pool.QueryRow(ctx, `SELECT id FROM email_outbox WHERE template = 'stage-initial-contact'`).Scan(&outboxID))
			send, err := workers.NewEmailTask(outboxID)
			require.NoError(t, err)
			require.NoError(t, b.handlers.SendEmail(ctx, send))

			msg := sender.msgs[len(sender.msgs)-1]
			require.Equal(t, "stage-initial-contact", msg.Tags[0])
			if tc.country == "DE" {
				require.Contains(t, msg.Subject, "Einladung: unser Gespräch am Donnerstag, 8. Januar, 15:00 Uhr (UTC)")
				require.Contains(t, msg.Text, "1. Bedarf und Herausforderungen: „Spreadsheets lose leads“")
				require.Contains(t, msg.Text, "2. Zeitplan: Sie möchten noch in diesem Quartal starten")
				require.Len(t, msg.Attachments, 1)
				ics := strings.ReplaceAll(string(msg.Attachments[0].Data), "\r\n ", "")
				require.Contains(t, ics, "SUMMARY:Gespräch mit Ann Rep\r\n")
				require.Contains(t, ics, `DESCRIPTION:Agenda:\n1. Bedarf und Herausforderungen`)
				require.Contains(t, ics, `\n3. Entscheidung: Sie entscheiden\; wer sonst noch beteiligt sein sollte`)
				require.NotContains(t, ics, "Who decides")
				return
			}
			require.Contains(t, msg.Text, "1. Need and pains: \u201cSpreadsheets lose leads\u201d")
			require.Contains(t, msg.Text, "you would like to start this quarter")
			require.Contains(t, msg.Text, "Who decides: you make the call")
			if !withMeeting {
				require.Empty(t, msg.Attachments)
				require.Contains(t, msg.Text, "Pick a time that suits you here: https://cal.example.com/ann")
				return
			}
			require.Contains(t, msg.Subject, "Thursday 8 January, 15:00 UTC")
			require.Len(t, msg.Attachments, 1)
			require.Equal(t, "invitation.ics", msg.Attachments[0].Filename)
			ics := strings.ReplaceAll(string(msg.Attachments[0].Data), "\r\n ", "")
			require.Contains(t, ics, "DTSTART:20260108T150000Z\r\n")
			require.Contains(t, ics, "DTEND:20260108T153000Z\r\n")
			require.Contains(t, ics, "ORGANIZER;CN=Ann Rep:mailto:ann@reps.example.com\r\n")
			require.Contains(t, ics, ":mailto:ada@example.com\r\n")
			require.Contains(t, ics, `\n3. Who decides: you make the call\; who else should be involved`)
		})
	}
}

func ptrTo[T any](v T) *T { return &v }
