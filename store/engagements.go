package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
)

// suppressionReason maps a suppressing engagement to the stored reason.
func suppressionReason(e lead.Engagement) string {
	switch e.Kind {
	case lead.EngagementUnsubscribed:
		return "unsubscribed"
	case lead.EngagementComplained:
		return "complained"
	default:
		return "bounced"
	}
}

// RecordEngagements stores the engagement events of one inbound event, each
// resolved to a contact by, in order: the reference we gave the provider,
// the Message-Id of an email we sent, the email address. Unsubscribes,
// complaints and permanent failures add a suppression for the address. It
// is idempotent per event (a retry stores nothing new) and marks the event
// processed.
func (s *Store) RecordEngagements(ctx context.Context, eventID int64, engs []lead.Engagement, now time.Time) ([]lead.EngagementResult, error) {
	results := make([]lead.EngagementResult, len(engs))
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		for i, e := range engs {
			contactID, err := resolveEngagementContact(ctx, tx, e)
			if err != nil {
				return err
			}
			var cid *int64
			if contactID != 0 {
				cid = &contactID
			}
			_, err = tx.Exec(ctx, `
				INSERT INTO engagement_events (inbound_event_id, seq, contact_id, kind, email, message_id, url, severity, reason, is_test, occurred_at, created_at, text)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
				ON CONFLICT (inbound_event_id, seq) DO NOTHING`,
				eventID, i, cid, e.Kind, e.Email, e.MessageID, e.URL, e.Severity, e.Reason, e.Test, e.OccurredAt, now, e.Text)
			if err != nil {
				return fmt.Errorf("insert engagement event: %w", err)
			}
			results[i].ContactID = contactID
			if err := reconcileOutbox(ctx, tx, e); err != nil {
				return err
			}
			// A reply means a conversation: automated nurture must stop.
			if e.Kind == lead.EngagementReplied && contactID != 0 {
				if _, err := tx.Exec(ctx, `
					UPDATE nurture_enrollments SET status = 'stopped', ended_at = $2
					WHERE contact_id = $1 AND status = 'active'`, contactID, now); err != nil {
					return fmt.Errorf("stop nurture on reply: %w", err)
				}
			}
			if e.Suppresses() && e.Email != "" && !e.Test {
				tag, err := tx.Exec(ctx, `
					INSERT INTO suppressions (email, reason, created_at) VALUES (lower($1), $2, $3)
					ON CONFLICT (email) DO NOTHING`, e.Email, suppressionReason(e), now)
				if err != nil {
					return fmt.Errorf("add suppression: %w", err)
				}
				results[i].Suppressed = tag.RowsAffected() == 1
			}
		}
		_, err := tx.Exec(ctx, `
			UPDATE inbound_events SET status = 'processed', processed_at = $2, last_error = '', attempts = attempts + 1
			WHERE id = $1`, eventID, now)
		if err != nil {
			return fmt.Errorf("mark inbound event %d processed: %w", eventID, err)
		}
		return nil
	})
	return results, err
}

func resolveEngagementContact(ctx context.Context, tx pgx.Tx, e lead.Engagement) (int64, error) {
	type probe struct {
		ok    bool
		query string
		arg   string
	}
	for _, p := range []probe{
		{e.ContactRef != "", `SELECT id FROM contacts WHERE ref = $1`, e.ContactRef},
		{e.MessageID != "", `SELECT contact_id FROM email_outbox WHERE provider_message_id = $1 LIMIT 1`, e.MessageID},
		{e.Email != "", `SELECT contact_id FROM contact_identities WHERE kind = 'email' AND value = lower($1)`, e.Email},
	} {
		if !p.ok {
			continue
		}
		var id int64
		err := tx.QueryRow(ctx, p.query, p.arg).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return 0, fmt.Errorf("resolve engagement contact: %w", err)
		}
	}
	return 0, nil
}

// ContactBySentMessage returns the contact an email we sent (by its
// provider Message-Id, without angle brackets) went to.
func (s *Store) ContactBySentMessage(ctx context.Context, messageID string) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT contact_id FROM email_outbox WHERE provider_message_id = $1 LIMIT 1`, messageID).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("sent message: %w", ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("look up sent message: %w", err)
	}
	return id, nil
}

// ContactRef returns the opaque reference of a contact.
func (s *Store) ContactRef(ctx context.Context, contactID int64) (string, error) {
	var ref string
	err := s.pool.QueryRow(ctx, `SELECT ref FROM contacts WHERE id = $1`, contactID).Scan(&ref)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("contact %d: %w", contactID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("read contact %d ref: %w", contactID, err)
	}
	return ref, nil
}
