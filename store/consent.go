package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/identitydb"
	"leadflow/store/internal/outboxdb"
)

// Consent is a contact's marketing consent (its latest statement and
// whether its latest explicit one is a refusal); what it allows is lead's
// decision (lead.ContactConsent.MarketingBlock).
type Consent = lead.ContactConsent

// consentOf reads a contact's consent through db (ClaimEmail's
// transaction, or the pool). The latest statement is the one made last
// (occurred_at), ties broken by arrival, so a form retried out of order
// does not reverse a newer answer.
func consentOf(ctx context.Context, db outboxdb.DBTX, contactID int64) (Consent, error) {
	row, err := outboxdb.New(db).Consent(ctx, outboxdb.ConsentParams{ContactID: contactID, NotGiven: lead.ConsentStatementNotGiven})
	if err != nil {
		return Consent{}, fmt.Errorf("read marketing consent of contact %d: %w", contactID, err)
	}
	return Consent{Latest: row.Latest, Refused: row.Explicit == lead.ConsentStatementRefused}, nil
}

// ConsentOf returns a contact's current marketing consent.
func (s *Store) ConsentOf(ctx context.Context, contactID int64) (Consent, error) {
	return consentOf(ctx, s.pool, contactID)
}

// ConsentEvent is one recorded consent statement.
type ConsentEvent struct {
	// TouchpointID is the submission it came with; 0 for an unsubscribe.
	TouchpointID int64
	State        string
	// Source is "touchpoint" or "unsubscribe".
	Source     string
	OccurredAt time.Time
}

// ConsentHistory lists a contact's consent statements, oldest first: the
// proof of what the person agreed to, refused or withdrew, and when.
func (s *Store) ConsentHistory(ctx context.Context, contactID int64) ([]ConsentEvent, error) {
	rows, err := outboxdb.New(s.pool).ConsentHistory(ctx, contactID)
	if err != nil {
		return nil, fmt.Errorf("list consent of contact %d: %w", contactID, err)
	}
	out := make([]ConsentEvent, len(rows))
	for i, r := range rows {
		out[i] = ConsentEvent(r)
	}
	return out, nil
}

// UnsubscribeContact records a one-click unsubscribe for the contact whose
// ref (lead_…) an unsubscribe link carried: every email address of the
// contact is added to the suppression list (first reason wins) and a
// refusal is added to its consent history, in one transaction. It returns
// the contact's id, or ErrNotFound for an unknown ref. An erased contact
// has no addresses left to suppress (their hashes already are); the call
// then succeeds and changes nothing but the history.
func (s *Store) UnsubscribeContact(ctx context.Context, ref, reason string, at time.Time) (int64, error) {
	var contactID int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		q := outboxdb.New(tx)
		var err error
		contactID, err = identitydb.New(tx).ContactByRef(ctx, ref)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("unsubscribe contact: %w", ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("unsubscribe contact: %w", err)
		}
		if err := q.SuppressContactAddresses(ctx, outboxdb.SuppressContactAddressesParams{ContactID: contactID, Reason: reason, CreatedAt: at}); err != nil {
			return fmt.Errorf("suppress addresses of contact %d: %w", contactID, err)
		}
		if err := q.RecordUnsubscribe(ctx, outboxdb.RecordUnsubscribeParams{ContactID: contactID, State: lead.ConsentStatementRefused, At: at}); err != nil {
			return fmt.Errorf("record unsubscribe of contact %d: %w", contactID, err)
		}
		return nil
	})
	return contactID, err
}
