package store_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRecordLeadLedgerAndProfile checks what RecordLead writes besides the
// touchpoint: every resolution decision in the identity ledger, in order,
// a conflict left unmerged, and a profile refreshed but never erased.
func TestRecordLeadLedgerAndProfile(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ada, err := b.store.RecordLead(ctx, b.event(t, "ada"), person("ada@example.com", "+15555550100"), b.now)
	require.NoError(t, err)
	bob, err := b.store.RecordLead(ctx, b.event(t, "bob"), person("bob@example.com", ""), b.now)
	require.NoError(t, err)

	// Bob again, with Ada's phone and a company, but no first name.
	l := person("bob@example.com", "+15555550100")
	l.FirstName, l.Company = "", "Acme"
	again, err := b.store.RecordLead(ctx, b.event(t, "bob-again"), l, b.now)
	require.NoError(t, err)
	require.Equal(t, bob.ContactID, again.ContactID, "the email's owner wins")
	require.False(t, again.NewContact)
	require.Equal(t, 1, again.Conflicts, "Ada's phone stays hers")

	type entry struct {
		Contact  int64
		Decision string
		Kind     string
		Other    *int64
	}
	rows, err := b.pool.Query(ctx, `SELECT contact_id, decision, identity_kind, other_contact_id FROM identity_ledger ORDER BY id`)
	require.NoError(t, err)
	var got []entry
	for rows.Next() {
		var e entry
		require.NoError(t, rows.Scan(&e.Contact, &e.Decision, &e.Kind, &e.Other))
		got = append(got, e)
	}
	require.NoError(t, rows.Err())
	adaID := ada.ContactID
	require.Equal(t, []entry{
		{ada.ContactID, "created", "email", nil},
		{ada.ContactID, "created", "phone", nil},
		{bob.ContactID, "created", "email", nil},
		{bob.ContactID, "matched_email", "email", nil},
		{bob.ContactID, "conflict_phone", "phone", &adaID},
	}, got)

	var firstName, company string
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT first_name, company FROM contacts WHERE id = $1`, bob.ContactID).Scan(&firstName, &company))
	require.Equal(t, "Ada", firstName, "an empty field never erases")
	require.Equal(t, "Acme", company, "a new detail fills the profile")
	// The first-touch trigger sees a contact created in the same statement.
	var firstTouch int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT first_touchpoint_id FROM contacts WHERE id = $1`, ada.ContactID).Scan(&firstTouch))
	require.Equal(t, ada.ID, firstTouch)
	var owner int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT contact_id FROM contact_identities WHERE kind = 'phone'`).Scan(&owner))
	require.Equal(t, ada.ContactID, owner)
}
