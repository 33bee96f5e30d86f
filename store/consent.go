package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Marketing consent states, as recorded in consent_events (migration
// 00023). A contact's consent is its latest statement, not whether it ever
// agreed: see ConsentOf.
const (
	// ConsentGiven: the person ticked the marketing consent box.
	ConsentGiven = "given"
	// ConsentRefused: the person was asked and said no. It suppresses
	// marketing email in every mode until a later ConsentGiven.
	ConsentRefused = "refused"
	// ConsentNotGiven: a submission without consent. It ends consent in
	// consent mode but is not a refusal.
	ConsentNotGiven = "not_given"
)

// Consent is a contact's marketing consent: Latest is its most recent
// statement (ConsentNotGiven when it never made one), Refused whether its
// most recent explicit statement (given or refused) is a refusal.
type Consent struct {
	Latest  string
	Refused bool
}

// consentOf reads a contact's consent inside tx (ClaimEmail's
// transaction). The latest statement is the one made last (occurred_at),
// ties broken by arrival, so a form retried out of order does not reverse
// a newer answer.
func consentOf(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}, contactID int64) (Consent, error) {
	var c Consent
	var explicit string
	err := q.QueryRow(ctx, `
		SELECT
			COALESCE((SELECT state FROM consent_events WHERE contact_id = $1
				ORDER BY occurred_at DESC, id DESC LIMIT 1), 'not_given'),
			COALESCE((SELECT state FROM consent_events WHERE contact_id = $1 AND state <> 'not_given'
				ORDER BY occurred_at DESC, id DESC LIMIT 1), '')`, contactID).Scan(&c.Latest, &explicit)
	if err != nil {
		return Consent{}, fmt.Errorf("read marketing consent of contact %d: %w", contactID, err)
	}
	c.Refused = explicit == ConsentRefused
	return c, nil
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
	rows, err := s.pool.Query(ctx, `
		SELECT COALESCE(touchpoint_id, 0), state, source, occurred_at FROM consent_events
		WHERE contact_id = $1 ORDER BY occurred_at, id`, contactID)
	if err != nil {
		return nil, fmt.Errorf("list consent of contact %d: %w", contactID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (ConsentEvent, error) {
		var e ConsentEvent
		return e, r.Scan(&e.TouchpointID, &e.State, &e.Source, &e.OccurredAt)
	})
	if err != nil {
		return nil, fmt.Errorf("list consent of contact %d: %w", contactID, err)
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
		err := tx.QueryRow(ctx, `SELECT id FROM contacts WHERE ref = $1`, ref).Scan(&contactID)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("unsubscribe contact: %w", ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("unsubscribe contact: %w", err)
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO suppressions (email, reason, created_at)
			SELECT lower(value), $2, $3 FROM contact_identities WHERE contact_id = $1 AND kind = 'email'
			ON CONFLICT (email) DO NOTHING`, contactID, reason, at); err != nil {
			return fmt.Errorf("suppress addresses of contact %d: %w", contactID, err)
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO consent_events (contact_id, state, source, occurred_at, created_at)
			VALUES ($1, 'refused', 'unsubscribe', $2, $2)`, contactID, at); err != nil {
			return fmt.Errorf("record unsubscribe of contact %d: %w", contactID, err)
		}
		return nil
	})
	return contactID, err
}
