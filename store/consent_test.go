package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/store"
)

// TestConsentIsTheLatestStatement is issue 16 item 3: a contact who gave
// consent on one form and withdrew it on a later one got nurture email,
// because the claim asked whether any touchpoint ever had consent.
func TestConsentIsTheLatestStatement(t *testing.T) {
	t.Parallel()
	// consent is a stated yes or no, as connectors report a consent box.
	consent := func(marketing bool, text string) lead.Consent {
		return lead.Consent{Marketing: marketing, Stated: true, Text: text}
	}
	tests := []struct {
		name string
		// statements are the consent of each form the contact sends, in order.
		statements []lead.Consent
		// sendsInConsentMode and sendsOtherwise are whether a nurture email
		// may leave with email.require_consent on and off.
		sendsInConsentMode, sendsOtherwise bool
		reason                             string
	}{
		{"given", []lead.Consent{consent(true, "Send me news")}, true, true, ""},
		{"never asked", []lead.Consent{{}}, false, true, "no current marketing consent"},
		{"given then a form without consent", []lead.Consent{consent(true, "Send me news"), {}}, false, true, "no current marketing consent"},
		{"given then refused", []lead.Consent{consent(true, "Send me news"), consent(false, "Please do not send me marketing emails")},
			false, false, "marketing consent refused"},
		{"refused then a form without consent", []lead.Consent{consent(false, "Send me news"), {}}, false, false, "marketing consent refused"},
		{"refused then given again", []lead.Consent{consent(false, "Send me news"), consent(true, "Send me news")}, true, true, ""},
		{"refused without wording", []lead.Consent{consent(true, ""), consent(false, "")}, false, false, "marketing consent refused"},
		// Wording with no stated answer is not a refusal: the sender did
		// not say whether the box was ticked.
		{"given then wording without an answer", []lead.Consent{consent(true, "Send me news"), {Text: "Send me news"}},
			false, true, "no current marketing consent"},
		// Marketing alone (callers predating Stated) keeps meaning given.
		{"marketing alone", []lead.Consent{{Marketing: true}}, true, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := setup(t)
			ctx := context.Background()
			var contactID int64
			for i, c := range tt.statements {
				l := person("ada@example.com", "")
				l.OccurredAt = l.OccurredAt.Add(time.Duration(i) * time.Hour)
				l.Consent = c
				tp, err := b.store.RecordLead(ctx, b.event(t, fmt.Sprint("form-", i)), l, b.now)
				require.NoError(t, err)
				contactID = tp.ContactID
			}
			history, err := b.store.ConsentHistory(ctx, contactID)
			require.NoError(t, err)
			require.Len(t, history, len(tt.statements), "every submission is kept in the history")

			for _, mode := range []struct {
				requireConsent, sends bool
			}{{true, tt.sendsInConsentMode}, {false, tt.sendsOtherwise}} {
				e, _, err := b.store.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: fmt.Sprint("n1-", mode.requireConsent), ContactID: contactID,
					Template: "nurture-1", Kind: lead.EmailMarketing, To: "ada@example.com", SendAfter: b.now})
				require.NoError(t, err)
				c, err := b.store.ClaimEmail(ctx, e.ID, lead.ClaimPolicy{RequireConsent: mode.requireConsent, Now: b.now})
				require.NoError(t, err)
				require.Equal(t, mode.sends, c.Send, "require_consent=%v: %s", mode.requireConsent, c.Reason)
				if !mode.sends {
					require.Equal(t, lead.EmailSuppressed, c.Email.Status)
					require.Equal(t, tt.reason, c.Reason)
				}
			}
			// Transactional email (a rep's notification about the contact)
			// is never a matter of marketing consent.
			tr, _, err := b.store.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: "tr", ContactID: contactID,
				Template: "rep-new-lead", Kind: lead.EmailTransactional, To: "rep@example.com", SendAfter: b.now})
			require.NoError(t, err)
			c, err := b.store.ClaimEmail(ctx, tr.ID, lead.ClaimPolicy{RequireConsent: true, Now: b.now})
			require.NoError(t, err)
			require.True(t, c.Send, c.Reason)
		})
	}
}

// TestConsentFollowsWhenItWasGiven: a form retried late does not reverse
// a newer answer; the statement made last wins, whatever arrived last.
func TestConsentFollowsWhenItWasGiven(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	refusal := person("ada@example.com", "")
	refusal.Consent = lead.Consent{Stated: true, Text: "Send me news", At: refusal.OccurredAt.Add(time.Hour)}
	tp, err := b.store.RecordLead(ctx, b.event(t, "newer-refusal"), refusal, b.now)
	require.NoError(t, err)
	given := person("ada@example.com", "")
	given.Consent = lead.Consent{Marketing: true, Text: "Send me news"}
	_, err = b.store.RecordLead(ctx, b.event(t, "older-consent"), given, b.now.Add(time.Minute))
	require.NoError(t, err)

	got, err := b.store.ConsentOf(ctx, tp.ContactID)
	require.NoError(t, err)
	require.Equal(t, store.Consent{Latest: lead.ConsentStatementRefused, Refused: true}, got)
}

func TestUnsubscribeContact(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	l := person("ada@example.com", "")
	l.Consent = lead.Consent{Marketing: true}
	tp, err := b.store.RecordLead(ctx, b.event(t, "u1"), l, b.now)
	require.NoError(t, err)
	ref, err := b.store.ContactRef(ctx, tp.ContactID)
	require.NoError(t, err)

	id, err := b.store.UnsubscribeContact(ctx, ref, "unsubscribed", b.now)
	require.NoError(t, err)
	require.Equal(t, tp.ContactID, id)
	// Twice (the one-click POST and the page's button) is harmless.
	_, err = b.store.UnsubscribeContact(ctx, ref, "unsubscribed", b.now.Add(time.Minute))
	require.NoError(t, err)

	e, _, err := b.store.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: "n1", ContactID: tp.ContactID, Template: "nurture-1",
		Kind: lead.EmailMarketing, To: "ada@example.com", SendAfter: b.now.Add(time.Hour)})
	require.NoError(t, err)
	c, err := b.store.ClaimEmail(ctx, e.ID, lead.ClaimPolicy{Now: b.now.Add(time.Hour)})
	require.NoError(t, err)
	require.False(t, c.Send)
	require.Equal(t, "address suppressed: unsubscribed", c.Reason)

	history, err := b.store.ConsentHistory(ctx, tp.ContactID)
	require.NoError(t, err)
	require.Len(t, history, 3)
	require.Equal(t, lead.ConsentStatementGiven, history[0].State)
	require.Equal(t, lead.ConsentStatementRefused, history[1].State)
	require.Equal(t, "unsubscribe", history[1].Source)
	require.Zero(t, history[1].TouchpointID)
	require.True(t, history[1].OccurredAt.Equal(b.now))

	_, err = b.store.UnsubscribeContact(ctx, "lead_00000000000000000000000000000000", "unsubscribed", b.now)
	require.ErrorIs(t, err, store.ErrNotFound)
}
