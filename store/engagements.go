package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/eventsdb"
	"leadflow/store/internal/identitydb"
)

// RecordEngagements stores the engagement events of one inbound event, each
// resolved to a contact by, in order: the reference we gave the provider,
// the Message-Id of an email we sent, the email address. Unsubscribes,
// complaints and permanent failures add a suppression for the address. It
// is idempotent per event (a retry stores nothing new) and marks the event
// processed.
func (s *Store) RecordEngagements(ctx context.Context, eventID int64, engs []lead.Engagement, now time.Time) ([]lead.EngagementResult, error) {
	results := make([]lead.EngagementResult, len(engs))
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		q := identitydb.New(tx)
		for i, e := range engs {
			contactID, err := resolveEngagementContact(ctx, q, e)
			if err != nil {
				return err
			}
			var cid *int64
			if contactID != 0 {
				cid = &contactID
			}
			err = q.InsertEngagement(ctx, identitydb.InsertEngagementParams{
				InboundEventID: eventID, Seq: int32(i), ContactID: cid, Kind: e.Kind, Email: e.Email, MessageID: e.MessageID,
				Url: e.URL, Severity: e.Severity, Reason: e.Reason, IsTest: e.Test, OccurredAt: e.OccurredAt, CreatedAt: now, Text: e.Text,
			})
			if err != nil {
				return fmt.Errorf("insert engagement event: %w", err)
			}
			results[i].ContactID = contactID
			if err := reconcileOutbox(ctx, tx, e); err != nil {
				return err
			}
			// A reply means a conversation: automated nurture must stop.
			if e.Kind == lead.EngagementReplied && contactID != 0 {
				if err := q.StopNurtureOnReply(ctx, identitydb.StopNurtureOnReplyParams{ContactID: contactID, EndedAt: now}); err != nil {
					return fmt.Errorf("stop nurture on reply: %w", err)
				}
			}
			if e.Suppresses() && e.Email != "" && !e.Test {
				added, err := q.AddSuppression(ctx, identitydb.AddSuppressionParams{Email: e.Email, Reason: e.SuppressionReason(), CreatedAt: now})
				if err != nil {
					return fmt.Errorf("add suppression: %w", err)
				}
				results[i].Suppressed = added == 1
			}
		}
		if err := eventsdb.New(tx).MarkEventProcessed(ctx, eventsdb.MarkEventProcessedParams{ID: eventID, ProcessedAt: now}); err != nil {
			return fmt.Errorf("mark inbound event %d processed: %w", eventID, err)
		}
		return nil
	})
	return results, err
}

// resolveEngagementContact finds the contact of an engagement by the first
// key it carries that matches: our reference, the Message-Id of an email we
// sent, the email address. 0 when none matches.
func resolveEngagementContact(ctx context.Context, q *identitydb.Queries, e lead.Engagement) (int64, error) {
	for _, p := range []struct {
		ok     bool
		lookup func(context.Context, string) (int64, error)
		arg    string
	}{
		{e.ContactRef != "", q.ContactByRef, e.ContactRef},
		{e.MessageID != "", q.ContactBySentMessage, e.MessageID},
		{e.Email != "", q.ContactByEmail, e.Email},
	} {
		if !p.ok {
			continue
		}
		id, err := p.lookup(ctx, p.arg)
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
	id, err := identitydb.New(s.pool).ContactBySentMessage(ctx, messageID)
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
	ref, err := identitydb.New(s.pool).ContactRef(ctx, contactID)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("contact %d: %w", contactID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("read contact %d ref: %w", contactID, err)
	}
	return ref, nil
}
