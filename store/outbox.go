package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
)

const outboxColumns = `id, dedupe_key, contact_id, template, kind, to_address, send_after, COALESCE(enrollment_id, 0),
	COALESCE(deal_id, 0), COALESCE(rep_id, 0), trigger, status, COALESCE(provider_message_id, ''), attempts, last_error`

func scanOutbox(row pgx.Row) (lead.OutboxEmail, error) {
	var e lead.OutboxEmail
	err := row.Scan(&e.ID, &e.DedupeKey, &e.ContactID, &e.Template, &e.Kind, &e.To, &e.SendAfter, &e.EnrollmentID,
		&e.DealID, &e.RepID, &e.Trigger, &e.Status, &e.ProviderID, &e.Attempts, &e.LastError)
	return e, err
}

func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// Purposes of per-contact locks (lockContactTx): each names one decision
// that must be taken for a contact as a whole, one transaction at a time.
const (
	// lockContactSend guards a contact's send schedule: weekly cap and
	// minimum gap are checked and a send is claimed under it.
	lockContactSend = "contact-send"
	// lockBandChange guards the recording of a contact's band crossings.
	lockBandChange = "band-change"
	// lockRepDigest guards the folding of a rep's pending notifications
	// into a digest (a rep id, not a contact id, is locked).
	lockRepDigest = "rep-digest"
)

// lockContactTx takes a transaction-scoped advisory lock on one contact for
// one purpose, held until the transaction ends. Row locks cannot do this:
// the rows that decide (a contact's other emails, its crossings) may not
// exist yet. Two keys hashing alike only serialize more than needed.
func lockContactTx(ctx context.Context, tx pgx.Tx, purpose string, contactID int64) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, $2))`, purpose, contactID); err != nil {
		return fmt.Errorf("lock contact %d for %s: %w", contactID, purpose, err)
	}
	return nil
}

// QueueEmail adds an email to the outbox unless one with the same dedupe
// key exists, which is then returned with created false: however often a
// trigger fires, one email.
func (s *Store) QueueEmail(ctx context.Context, e lead.OutboxEmail) (lead.OutboxEmail, bool, error) {
	out, err := scanOutbox(s.derived.QueryRow(ctx, `
		INSERT INTO email_outbox (dedupe_key, contact_id, template, kind, to_address, send_after, enrollment_id, deal_id, rep_id, trigger)
		VALUES ($1, $2, $3, $4, lower($5), $6, $7, $8, $9, $10)
		ON CONFLICT (dedupe_key) DO NOTHING
		RETURNING `+outboxColumns,
		e.DedupeKey, e.ContactID, e.Template, e.Kind, e.To, e.SendAfter, nullID(e.EnrollmentID), nullID(e.DealID), nullID(e.RepID), e.Trigger))
	if err == nil {
		return out, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return lead.OutboxEmail{}, false, fmt.Errorf("queue email %s: %w", e.Template, err)
	}
	out, err = scanOutbox(s.derived.QueryRow(ctx, `SELECT `+outboxColumns+` FROM email_outbox WHERE dedupe_key = $1`, e.DedupeKey))
	if err != nil {
		return lead.OutboxEmail{}, false, fmt.Errorf("read queued email: %w", err)
	}
	return out, false, nil
}

// QueueEmails is QueueEmail for several emails in one statement (a nurture
// sequence is queued whole when a lead is enrolled). It returns every
// email's row, queued now or before, in the order given.
func (s *Store) QueueEmails(ctx context.Context, es []lead.OutboxEmail) ([]lead.OutboxEmail, error) {
	n := len(es)
	if n == 0 {
		return nil, nil
	}
	keys, templates, kinds, tos, triggers := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	contacts, enrollments, deals, reps := make([]int64, n), make([]*int64, n), make([]*int64, n), make([]*int64, n)
	after := make([]time.Time, n)
	for i, e := range es {
		keys[i], templates[i], kinds[i], tos[i], triggers[i] = e.DedupeKey, e.Template, e.Kind, e.To, e.Trigger
		contacts[i], enrollments[i], deals[i], reps[i] = e.ContactID, nullID(e.EnrollmentID), nullID(e.DealID), nullID(e.RepID)
		after[i] = e.SendAfter
	}
	rows, err := s.derived.Query(ctx, `
		INSERT INTO email_outbox (dedupe_key, contact_id, template, kind, to_address, send_after, enrollment_id, deal_id, rep_id, trigger)
		SELECT k, c, t, kd, lower(a), sa, en, d, r, tr
		FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::bigint[], $8::bigint[], $9::bigint[], $10::text[])
			AS u(k, c, t, kd, a, sa, en, d, r, tr)
		ON CONFLICT (dedupe_key) DO NOTHING
		RETURNING `+outboxColumns,
		keys, contacts, templates, kinds, tos, after, enrollments, deals, reps, triggers)
	if err != nil {
		return nil, fmt.Errorf("queue %d emails: %w", n, err)
	}
	queued, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (lead.OutboxEmail, error) { return scanOutbox(r) })
	if err != nil {
		return nil, fmt.Errorf("queue %d emails: %w", n, err)
	}
	idx := make(map[string]lead.OutboxEmail, n)
	for _, e := range queued {
		idx[e.DedupeKey] = e
	}
	if len(queued) < n {
		// Queued before (a retried task): read them back.
		got, err := s.derived.Query(ctx, `SELECT `+outboxColumns+` FROM email_outbox WHERE dedupe_key = ANY($1)`, keys)
		if err != nil {
			return nil, fmt.Errorf("read %d queued emails: %w", n, err)
		}
		existing, err := pgx.CollectRows(got, func(r pgx.CollectableRow) (lead.OutboxEmail, error) { return scanOutbox(r) })
		if err != nil {
			return nil, fmt.Errorf("read %d queued emails: %w", n, err)
		}
		for _, e := range existing {
			idx[e.DedupeKey] = e
		}
	}
	out := make([]lead.OutboxEmail, n)
	for i, k := range keys {
		out[i] = idx[k]
	}
	return out, nil
}

// GetEmail returns one outbox email.
func (s *Store) GetEmail(ctx context.Context, id int64) (lead.OutboxEmail, error) {
	e, err := scanOutbox(s.pool.QueryRow(ctx, `SELECT `+outboxColumns+` FROM email_outbox WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return e, fmt.Errorf("outbox email %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("read outbox email %d: %w", id, err)
	}
	return e, nil
}

// ClaimEmail decides, in one transaction holding the row, whether the email
// may leave now, and if so marks it claimed. For marketing email it checks
// the suppression list, consent (when required), that its nurture
// enrollment is still active and the weekly cap — at claim time, so an
// unsubscribe that arrived after the email was queued still wins.
func (s *Store) ClaimEmail(ctx context.Context, id int64, p lead.ClaimPolicy) (lead.Claim, error) {
	if p.StaleClaim <= 0 {
		p.StaleClaim = 10 * time.Minute
	}
	var c lead.Claim
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		e, err := scanOutbox(tx.QueryRow(ctx, `SELECT `+outboxColumns+` FROM email_outbox WHERE id = $1 FOR UPDATE`, id))
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("outbox email %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock outbox email %d: %w", id, err)
		}
		c.Email = e
		stop := func(status, reason string) error {
			c.Reason = reason
			_, err := tx.Exec(ctx, `UPDATE email_outbox SET status = $2, last_error = $3 WHERE id = $1`, id, status, reason)
			if err != nil {
				return fmt.Errorf("mark outbox email %d %s: %w", id, status, err)
			}
			c.Email.Status = status
			return nil
		}
		switch e.Status {
		case lead.EmailSent, lead.EmailSuppressed, lead.EmailCancelled, lead.EmailFailed, lead.EmailDigested:
			c.Reason = "already " + e.Status
			return nil
		case lead.EmailClaimed:
			var claimedAt time.Time
			if err := tx.QueryRow(ctx, `SELECT claimed_at FROM email_outbox WHERE id = $1`, id).Scan(&claimedAt); err != nil {
				return fmt.Errorf("read claim of outbox email %d: %w", id, err)
			}
			if p.Now.Sub(claimedAt) < p.StaleClaim {
				c.Reason, c.RetryAt = "being sent by another worker", claimedAt.Add(p.StaleClaim)
				return nil
			}
		}
		if e.Kind == lead.EmailMarketing {
			// An erased person's address is kept only as its SHA-256
			// (suppression_hashes, see EraseContact), so both lists are asked.
			var suppressed string
			err := tx.QueryRow(ctx, `
				SELECT reason FROM suppressions WHERE email = $1
				UNION ALL
				SELECT reason FROM suppression_hashes WHERE email_sha256 = $2
				LIMIT 1`, e.To, EmailSHA256(e.To)).Scan(&suppressed)
			if err == nil {
				return stop(lead.EmailSuppressed, "address suppressed: "+suppressed)
			}
			if !errors.Is(err, pgx.ErrNoRows) {
				return fmt.Errorf("check suppressions: %w", err)
			}
			// Consent is the contact's latest statement (consent.go): an
			// explicit refusal stops marketing email in every mode; consent
			// mode also needs the latest statement to be a "yes".
			consent, err := consentOf(ctx, tx, e.ContactID)
			if err != nil {
				return fmt.Errorf("check consent: %w", err)
			}
			if consent.Refused {
				return stop(lead.EmailSuppressed, "marketing consent refused")
			}
			if p.RequireConsent && consent.Latest != ConsentGiven {
				return stop(lead.EmailSuppressed, "no current marketing consent")
			}
			if e.EnrollmentID != 0 {
				var status string
				if err := tx.QueryRow(ctx, `SELECT status FROM nurture_enrollments WHERE id = $1`, e.EnrollmentID).Scan(&status); err != nil {
					return fmt.Errorf("check nurture enrollment: %w", err)
				}
				if status != "active" {
					return stop(lead.EmailCancelled, "nurture "+status)
				}
			}
			if e.DealID != 0 {
				if reason, err := staleDealEmailTx(ctx, tx, e); err != nil {
					return err
				} else if reason != "" {
					return stop(lead.EmailCancelled, reason)
				}
			}
			if p.WeeklyCap > 0 || p.MinGap > 0 {
				// The contact's whole schedule decides, so one claim at a
				// time per contact: two concurrent claims would each see
				// the other's email unsent and both pass.
				if err := lockContactTx(ctx, tx, lockContactSend, e.ContactID); err != nil {
					return err
				}
				at, reason, err := nextSendSlotTx(ctx, tx, e, p)
				if err != nil {
					return err
				}
				if at.After(p.Now) {
					if _, err := tx.Exec(ctx, `
						UPDATE email_outbox SET status = 'pending', send_after = $2, last_error = $3 WHERE id = $1`,
						id, at, reason); err != nil {
						return fmt.Errorf("hold outbox email %d: %w", id, err)
					}
					c.Email.Status, c.Email.SendAfter = lead.EmailPending, at
					c.Reason, c.RetryAt = reason, at
					return nil
				}
			}
		}
		if _, err := tx.Exec(ctx, `
			UPDATE email_outbox SET status = 'claimed', claimed_at = $2, attempts = attempts + 1 WHERE id = $1`, id, p.Now); err != nil {
			return fmt.Errorf("claim outbox email %d: %w", id, err)
		}
		c.Email.Status, c.Send = lead.EmailClaimed, true
		return nil
	})
	return c, err
}

// FoldRepDigest gathers a burst of rep notifications into one digest: when
// the pending notification id has at least p.Min other pending ones (of
// p.Templates) to the same rep due by p.Now+p.Window, it queues a digest
// (template p.Template, key lead.RepDigestKey(id), pending, due now) and
// marks id and those others digested, naming the digest. It returns the
// digest and true; false when id goes alone (no rep, no longer pending, too
// few others). One transaction under the rep's lock, holding the rows: two
// concurrent folds for one rep run one after the other and the second finds
// its row digested, so every notification is in at most one digest and a
// digested one is never claimed for its own send (ClaimEmail).
func (s *Store) FoldRepDigest(ctx context.Context, id int64, p lead.RepDigestPolicy) (lead.OutboxEmail, bool, error) {
	var digest lead.OutboxEmail
	folded := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var repID int64
		err := tx.QueryRow(ctx, `SELECT COALESCE(rep_id, 0) FROM email_outbox WHERE id = $1`, id).Scan(&repID)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("outbox email %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("read outbox email %d: %w", id, err)
		}
		if repID == 0 {
			return nil
		}
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, $2))`, lockRepDigest, repID); err != nil {
			return fmt.Errorf("lock rep %d for %s: %w", repID, lockRepDigest, err)
		}
		e, err := scanOutbox(tx.QueryRow(ctx, `SELECT `+outboxColumns+` FROM email_outbox WHERE id = $1 FOR UPDATE`, id))
		if err != nil {
			return fmt.Errorf("lock outbox email %d: %w", id, err)
		}
		if e.Status != lead.EmailPending || !slices.Contains(p.Templates, e.Template) {
			return nil
		}
		rows, err := tx.Query(ctx, `
			SELECT id FROM email_outbox
			WHERE rep_id = $1 AND id <> $2 AND status = 'pending' AND template = ANY($3) AND send_after <= $4
			ORDER BY send_after, id FOR UPDATE`, repID, id, p.Templates, p.Now.Add(p.Window))
		if err != nil {
			return fmt.Errorf("read pending notifications of rep %d: %w", repID, err)
		}
		others, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return fmt.Errorf("read pending notifications of rep %d: %w", repID, err)
		}
		if len(others) < max(p.Min, 1) {
			return nil
		}
		digest, err = scanOutbox(tx.QueryRow(ctx, `
			INSERT INTO email_outbox (dedupe_key, contact_id, template, kind, to_address, send_after, rep_id, trigger)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			RETURNING `+outboxColumns,
			lead.RepDigestKey(id), e.ContactID, p.Template, lead.EmailTransactional, e.To, p.Now, repID,
			fmt.Sprintf("%d rep notifications at once", len(others)+1)))
		if err != nil {
			return fmt.Errorf("queue digest of rep %d: %w", repID, err)
		}
		if _, err := tx.Exec(ctx, `
			UPDATE email_outbox SET status = 'digested', digest_id = $1, last_error = $2 WHERE id = ANY($3)`,
			digest.ID, "in digest "+strconv.FormatInt(digest.ID, 10), append(others, id)); err != nil {
			return fmt.Errorf("fold notifications into digest %d: %w", digest.ID, err)
		}
		folded = true
		return nil
	})
	if err != nil || !folded {
		return lead.OutboxEmail{}, false, err
	}
	return digest, true, nil
}

// DigestedEmails lists the notifications folded into a digest, oldest
// first.
func (s *Store) DigestedEmails(ctx context.Context, digestID int64) ([]lead.OutboxEmail, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+outboxColumns+` FROM email_outbox WHERE digest_id = $1 ORDER BY send_after, id`, digestID)
	if err != nil {
		return nil, fmt.Errorf("list emails of digest %d: %w", digestID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (lead.OutboxEmail, error) { return scanOutbox(r) })
	if err != nil {
		return nil, fmt.Errorf("list emails of digest %d: %w", digestID, err)
	}
	return out, nil
}

// staleDealEmailTx says why a marketing email tied to a deal must not leave
// any more ("" when it may): its deal closed, or, for a stage email, the
// deal is no longer in the stage that queued it. moveStageTx cancels such
// emails when the deal moves; this catches one queued after the move by a
// late stage task.
func staleDealEmailTx(ctx context.Context, tx pgx.Tx, e lead.OutboxEmail) (string, error) {
	var closed bool
	var stage string
	err := tx.QueryRow(ctx, `
		SELECT d.closed_at IS NOT NULL, st.name FROM deals d JOIN stages st ON st.id = d.stage_id WHERE d.id = $1`,
		e.DealID).Scan(&closed, &stage)
	if errors.Is(err, pgx.ErrNoRows) {
		return "deal gone", nil
	}
	if err != nil {
		return "", fmt.Errorf("check deal of outbox email %d: %w", e.ID, err)
	}
	if closed {
		return "deal closed", nil
	}
	if want, ok := lead.StageEmailKeyStage(e.DedupeKey); ok && !strings.EqualFold(want, stage) {
		return "deal left stage " + want, nil
	}
	return "", nil
}

// nextSendSlotTx returns when a marketing email of a contact may leave
// under the weekly cap and the minimum gap, and why it waits (p.Now or
// earlier when it may leave now). Sends count from their claim, so an email
// being sent right now counts. A held email gets the first slot at least
// MinGap away from every other email of the contact still pending, so
// that held emails leave one by one instead of all in the same second.
// The caller holds the contact's send lock.
func nextSendSlotTx(ctx context.Context, tx pgx.Tx, e lead.OutboxEmail, p lead.ClaimPolicy) (time.Time, string, error) {
	const week = 7 * 24 * time.Hour
	rows, err := tx.Query(ctx, `
		SELECT COALESCE(sent_at, claimed_at) FROM email_outbox
		WHERE contact_id = $1 AND id <> $2 AND kind = 'marketing'
			AND (status = 'sent' OR (status = 'claimed' AND claimed_at > $4))
			AND COALESCE(sent_at, claimed_at) > $3
		ORDER BY 1 DESC`,
		e.ContactID, e.ID, p.Now.Add(-week), p.Now.Add(-p.StaleClaim))
	if err != nil {
		return time.Time{}, "", fmt.Errorf("read send history of contact %d: %w", e.ContactID, err)
	}
	sends, err := pgx.CollectRows(rows, pgx.RowTo[time.Time])
	if err != nil {
		return time.Time{}, "", fmt.Errorf("read send history of contact %d: %w", e.ContactID, err)
	}
	at, reason := p.Now, ""
	if p.WeeklyCap > 0 && len(sends) >= p.WeeklyCap {
		// Newest first: the cap-th newest send leaves the window first
		// among those that keep it full.
		at, reason = sends[p.WeeklyCap-1].Add(week), fmt.Sprintf("weekly cap of %d reached", p.WeeklyCap)
	}
	if p.MinGap > 0 && len(sends) > 0 && sends[0].Add(p.MinGap).After(at) {
		at = sends[0].Add(p.MinGap)
		if reason == "" {
			reason = fmt.Sprintf("minimum gap of %s since the last email", p.MinGap)
		}
	}
	if !at.After(p.Now) {
		return p.Now, "", nil
	}
	gap := p.MinGap
	if gap <= 0 {
		gap = time.Second
	}
	rows, err = tx.Query(ctx, `
		SELECT send_after FROM email_outbox
		WHERE contact_id = $1 AND id <> $2 AND kind = 'marketing' AND status = 'pending' AND send_after > $3
		ORDER BY send_after`, e.ContactID, e.ID, at.Add(-gap))
	if err != nil {
		return time.Time{}, "", fmt.Errorf("read schedule of contact %d: %w", e.ContactID, err)
	}
	planned, err := pgx.CollectRows(rows, pgx.RowTo[time.Time])
	if err != nil {
		return time.Time{}, "", fmt.Errorf("read schedule of contact %d: %w", e.ContactID, err)
	}
	for _, other := range planned {
		if !other.Before(at.Add(gap)) {
			break // free slot before it
		}
		at = other.Add(gap)
	}
	return at, reason, nil
}

// MarkEmailSent records the provider's acceptance of a claimed email.
func (s *Store) MarkEmailSent(ctx context.Context, id int64, providerID, subject string, at time.Time) error {
	_, err := s.pool.Exec(ctx, `
		UPDATE email_outbox SET status = 'sent', provider_message_id = $2, subject = $3, sent_at = $4, last_error = ''
		WHERE id = $1`, id, providerID, subject, at)
	if err != nil {
		return fmt.Errorf("mark outbox email %d sent: %w", id, err)
	}
	return nil
}

// ReleaseEmail records a failed send: permanently (status failed) or for a
// retry (status pending again, so the retry claims it anew).
func (s *Store) ReleaseEmail(ctx context.Context, id int64, reason string, permanent bool) error {
	status := lead.EmailPending
	if permanent {
		status = lead.EmailFailed
	}
	_, err := s.pool.Exec(ctx, `UPDATE email_outbox SET status = $2, last_error = $3 WHERE id = $1 AND status = 'claimed'`, id, status, reason)
	if err != nil {
		return fmt.Errorf("release outbox email %d: %w", id, err)
	}
	return nil
}

// Postpone puts a pending email off until at.
func (s *Store) Postpone(ctx context.Context, id int64, at time.Time, reason string) error {
	_, err := s.pool.Exec(ctx, `UPDATE email_outbox SET send_after = $2, last_error = $3 WHERE id = $1 AND status = 'pending'`, id, at, reason)
	if err != nil {
		return fmt.Errorf("postpone outbox email %d: %w", id, err)
	}
	return nil
}

// reconcileOutbox marks an email sent from the provider's event when our
// own record of the send was lost (a crash between the provider's
// acceptance and MarkEmailSent).
func reconcileOutbox(ctx context.Context, tx pgx.Tx, e lead.Engagement) error {
	id, err := strconv.ParseInt(e.OutboxID, 10, 64)
	if err != nil || id <= 0 {
		return nil
	}
	_, err = tx.Exec(ctx, `
		UPDATE email_outbox SET status = 'sent', provider_message_id = COALESCE(provider_message_id, NULLIF($2, '')),
			sent_at = COALESCE(sent_at, $3), last_error = ''
		WHERE id = $1 AND status IN ('claimed', 'pending')`, id, e.MessageID, e.OccurredAt)
	if err != nil {
		return fmt.Errorf("reconcile outbox email %d: %w", id, err)
	}
	return nil
}

// SinkMail is a message stored by the local mail sink.
type SinkMail struct {
	ID        int64             `json:"id"`
	MessageID string            `json:"message_id"`
	To        string            `json:"to"`
	From      string            `json:"from"`
	Subject   string            `json:"subject"`
	Text      string            `json:"text"`
	HTML      string            `json:"html"`
	Headers   map[string]string `json:"headers"`
	Tags      []string          `json:"tags"`
	Variables map[string]string `json:"variables"`
	CreatedAt time.Time         `json:"created_at"`
}

// StoreSinkMail keeps a message the local sink "sent".
func (s *Store) StoreSinkMail(ctx context.Context, m SinkMail) error {
	headers, err := json.Marshal(m.Headers)
	if err != nil {
		return fmt.Errorf("encode headers: %w", err)
	}
	vars, err := json.Marshal(m.Variables)
	if err != nil {
		return fmt.Errorf("encode variables: %w", err)
	}
	if m.Tags == nil {
		m.Tags = []string{}
	}
	_, err = s.pool.Exec(ctx, `
		INSERT INTO mail_sink (message_id, to_address, from_address, subject, text_body, html_body, headers, tags, variables)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (message_id) DO NOTHING`,
		m.MessageID, m.To, m.From, m.Subject, m.Text, m.HTML, headers, m.Tags, vars)
	if err != nil {
		return fmt.Errorf("store sink mail: %w", err)
	}
	return nil
}

// SinkMails lists the newest messages of the local sink.
func (s *Store) SinkMails(ctx context.Context, limit int) ([]SinkMail, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT id, message_id, to_address, from_address, subject, text_body, html_body, headers, tags, variables, created_at
		FROM mail_sink ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("list sink mail: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (SinkMail, error) {
		var m SinkMail
		var headers, vars []byte
		if err := r.Scan(&m.ID, &m.MessageID, &m.To, &m.From, &m.Subject, &m.Text, &m.HTML, &headers, &m.Tags, &vars, &m.CreatedAt); err != nil {
			return m, err
		}
		if err := json.Unmarshal(headers, &m.Headers); err != nil {
			return m, err
		}
		return m, json.Unmarshal(vars, &m.Variables)
	})
	if err != nil {
		return nil, fmt.Errorf("list sink mail: %w", err)
	}
	return out, nil
}

// Suppress adds an address to the suppression list (first reason wins).
func (s *Store) Suppress(ctx context.Context, email, reason string, at time.Time) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO suppressions (email, reason, created_at) VALUES (lower($1), $2, $3) ON CONFLICT (email) DO NOTHING`,
		email, reason, at)
	if err != nil {
		return fmt.Errorf("suppress address: %w", err)
	}
	return nil
}

// DueEmails lists pending emails due before a time, oldest first: the relay
// re-enqueues those whose task was lost (Redis down when they were queued).
func (s *Store) DueEmails(ctx context.Context, before time.Time, limit int) ([]int64, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT id FROM email_outbox WHERE status = 'pending' AND send_after < $1 ORDER BY send_after, id LIMIT $2`, before, limit)
	if err != nil {
		return nil, fmt.Errorf("list due emails: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("list due emails: %w", err)
	}
	return ids, nil
}

// DealLeadEmailed reports whether an email to the lead of a deal (its
// acknowledgement, the heating-up email: marketing kind, tied to the deal)
// is sent or on its way, so the rep's notification can say that the lead
// hears from them.
func (s *Store) DealLeadEmailed(ctx context.Context, dealID int64) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM email_outbox
		               WHERE deal_id = $1 AND kind = 'marketing' AND status IN ('pending', 'claimed', 'sent'))`, dealID).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("read emails of deal %d: %w", dealID, err)
	}
	return ok, nil
}
