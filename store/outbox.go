package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/outboxdb"
)

// outboxEmail is an outbox row as the rest of leadflow sees it: absent
// links are 0, an absent provider id is empty.
func outboxEmail(r outboxdb.EmailOutbox) lead.OutboxEmail {
	return lead.OutboxEmail{ID: r.ID, DedupeKey: r.DedupeKey, ContactID: r.ContactID, Template: r.Template, Kind: r.Kind,
		To: r.ToAddress, SendAfter: r.SendAfter, EnrollmentID: orZero(r.EnrollmentID), DealID: orZero(r.DealID),
		RepID: orZero(r.RepID), Trigger: r.Trigger, Status: r.Status, ProviderID: orZero(r.ProviderMessageID),
		Attempts: int(r.Attempts), LastError: r.LastError}
}

func outboxEmails(rows []outboxdb.EmailOutbox) []lead.OutboxEmail {
	out := make([]lead.OutboxEmail, len(rows))
	for i, r := range rows {
		out[i] = outboxEmail(r)
	}
	return out
}

// orZero reads a nullable column, NULL as the zero value.
func orZero[T any](v *T) T {
	if v == nil {
		var zero T
		return zero
	}
	return *v
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
	if err := outboxdb.New(tx).AdvisoryXactLock(ctx, outboxdb.AdvisoryXactLockParams{Purpose: purpose, Key: contactID}); err != nil {
		return fmt.Errorf("lock contact %d for %s: %w", contactID, purpose, err)
	}
	return nil
}

// QueueEmail adds an email to the outbox unless one with the same dedupe
// key exists, which is then returned with created false: however often a
// trigger fires, one email.
func (s *Store) QueueEmail(ctx context.Context, e lead.OutboxEmail) (lead.OutboxEmail, bool, error) {
	q := outboxdb.New(s.derived)
	row, err := q.QueueEmail(ctx, outboxdb.QueueEmailParams{DedupeKey: e.DedupeKey, ContactID: e.ContactID, Template: e.Template,
		Kind: e.Kind, ToAddress: e.To, SendAfter: e.SendAfter, EnrollmentID: nullID(e.EnrollmentID), DealID: nullID(e.DealID),
		RepID: nullID(e.RepID), Trigger: e.Trigger})
	if err == nil {
		return outboxEmail(row), true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return lead.OutboxEmail{}, false, fmt.Errorf("queue email %s: %w", e.Template, err)
	}
	row, err = q.EmailByDedupeKey(ctx, e.DedupeKey)
	if err != nil {
		return lead.OutboxEmail{}, false, fmt.Errorf("read queued email: %w", err)
	}
	return outboxEmail(row), false, nil
}

// QueueEmails is QueueEmail for several emails in one statement (a nurture
// sequence is queued whole when a lead is enrolled). It returns every
// email's row, queued now or before, in the order given.
func (s *Store) QueueEmails(ctx context.Context, es []lead.OutboxEmail) ([]lead.OutboxEmail, error) {
	n := len(es)
	if n == 0 {
		return nil, nil
	}
	p := outboxdb.QueueEmailsParams{DedupeKeys: make([]string, n), ContactIds: make([]int64, n), Templates: make([]string, n),
		Kinds: make([]string, n), ToAddresses: make([]string, n), SendAfters: make([]time.Time, n), EnrollmentIds: make([]int64, n),
		DealIds: make([]int64, n), RepIds: make([]int64, n), Triggers: make([]string, n)}
	for i, e := range es {
		p.DedupeKeys[i], p.ContactIds[i], p.Templates[i], p.Kinds[i], p.ToAddresses[i] = e.DedupeKey, e.ContactID, e.Template, e.Kind, e.To
		p.SendAfters[i], p.EnrollmentIds[i], p.DealIds[i], p.RepIds[i], p.Triggers[i] = e.SendAfter, e.EnrollmentID, e.DealID, e.RepID, e.Trigger
	}
	q := outboxdb.New(s.derived)
	queued, err := q.QueueEmails(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("queue %d emails: %w", n, err)
	}
	idx := make(map[string]lead.OutboxEmail, n)
	for _, e := range queued {
		idx[e.DedupeKey] = outboxEmail(e)
	}
	if len(queued) < n {
		// Queued before (a retried task): read them back.
		existing, err := q.EmailsByDedupeKeys(ctx, p.DedupeKeys)
		if err != nil {
			return nil, fmt.Errorf("read %d queued emails: %w", n, err)
		}
		for _, e := range existing {
			idx[e.DedupeKey] = outboxEmail(e)
		}
	}
	out := make([]lead.OutboxEmail, n)
	for i, k := range p.DedupeKeys {
		out[i] = idx[k]
	}
	return out, nil
}

// GetEmail returns one outbox email.
func (s *Store) GetEmail(ctx context.Context, id int64) (lead.OutboxEmail, error) {
	row, err := outboxdb.New(s.pool).Email(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.OutboxEmail{}, fmt.Errorf("outbox email %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return lead.OutboxEmail{}, fmt.Errorf("read outbox email %d: %w", id, err)
	}
	return outboxEmail(row), nil
}

// ClaimEmail decides, in one transaction holding the row, whether the email
// may leave now, and if so marks it claimed. For marketing email it checks
// the suppression list, consent (when required), that its nurture
// enrollment is still active and the weekly cap — at claim time, so an
// unsubscribe that arrived after the email was queued still wins.
func (s *Store) ClaimEmail(ctx context.Context, id int64, p lead.ClaimPolicy) (lead.Claim, error) {
	p = p.WithDefaults()
	var c lead.Claim
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		q := outboxdb.New(tx)
		row, err := q.LockEmail(ctx, id)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("outbox email %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock outbox email %d: %w", id, err)
		}
		e := outboxEmail(row)
		c.Email = e
		stop := func(status, reason string) error {
			c.Reason = reason
			err := q.StopEmail(ctx, outboxdb.StopEmailParams{ID: id, Status: status, Reason: reason})
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
			claimedAt, err := q.EmailClaimedAt(ctx, id)
			if err != nil {
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
			suppressed, err := q.AddressSuppression(ctx, outboxdb.AddressSuppressionParams{Email: e.To, EmailSha256: lead.EmailSHA256(e.To)})
			if err == nil {
				return stop(lead.EmailSuppressed, "address suppressed: "+suppressed)
			}
			if !errors.Is(err, pgx.ErrNoRows) {
				return fmt.Errorf("check suppressions: %w", err)
			}
			// Consent is the contact's latest statement (consent.go); what
			// it allows is lead's rule (ContactConsent.MarketingBlock).
			consent, err := consentOf(ctx, tx, e.ContactID)
			if err != nil {
				return fmt.Errorf("check consent: %w", err)
			}
			if reason := consent.MarketingBlock(p.RequireConsent); reason != "" {
				return stop(lead.EmailSuppressed, reason)
			}
			if e.EnrollmentID != 0 {
				status, err := q.EnrollmentStatus(ctx, e.EnrollmentID)
				if err != nil {
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
					if err := q.HoldEmail(ctx, outboxdb.HoldEmailParams{ID: id, SendAfter: at, Reason: reason}); err != nil {
						return fmt.Errorf("hold outbox email %d: %w", id, err)
					}
					c.Email.Status, c.Email.SendAfter = lead.EmailPending, at
					c.Reason, c.RetryAt = reason, at
					return nil
				}
			}
		}
		if err := q.ClaimEmail(ctx, outboxdb.ClaimEmailParams{ID: id, ClaimedAt: &p.Now}); err != nil {
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
		q := outboxdb.New(tx)
		repID, err := q.RepOfEmail(ctx, id)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("outbox email %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("read outbox email %d: %w", id, err)
		}
		if repID == 0 {
			return nil
		}
		if err := q.AdvisoryXactLock(ctx, outboxdb.AdvisoryXactLockParams{Purpose: lockRepDigest, Key: repID}); err != nil {
			return fmt.Errorf("lock rep %d for %s: %w", repID, lockRepDigest, err)
		}
		row, err := q.LockEmail(ctx, id)
		if err != nil {
			return fmt.Errorf("lock outbox email %d: %w", id, err)
		}
		e := outboxEmail(row)
		if e.Status != lead.EmailPending || !slices.Contains(p.Templates, e.Template) {
			return nil
		}
		others, err := q.PendingRepNotifications(ctx, outboxdb.PendingRepNotificationsParams{RepID: &repID, ID: id,
			Templates: p.Templates, Due: p.Now.Add(p.Window)})
		if err != nil {
			return fmt.Errorf("read pending notifications of rep %d: %w", repID, err)
		}
		if len(others) < max(p.Min, 1) {
			return nil
		}
		inserted, err := q.InsertDigest(ctx, outboxdb.InsertDigestParams{DedupeKey: lead.RepDigestKey(id), ContactID: e.ContactID,
			Template: p.Template, Kind: lead.EmailTransactional, ToAddress: e.To, SendAfter: p.Now, RepID: &repID,
			Trigger: fmt.Sprintf("%d rep notifications at once", len(others)+1)})
		if err != nil {
			return fmt.Errorf("queue digest of rep %d: %w", repID, err)
		}
		digest = outboxEmail(inserted)
		if err := q.FoldIntoDigest(ctx, outboxdb.FoldIntoDigestParams{DigestID: &digest.ID,
			Reason: "in digest " + strconv.FormatInt(digest.ID, 10), Ids: append(others, id)}); err != nil {
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
	rows, err := outboxdb.New(s.pool).DigestedEmails(ctx, &digestID)
	if err != nil {
		return nil, fmt.Errorf("list emails of digest %d: %w", digestID, err)
	}
	return outboxEmails(rows), nil
}

// staleDealEmailTx reads the deal a marketing email is tied to and asks
// lead.StaleDealEmail whether the email must not leave any more ("" when
// it may).
func staleDealEmailTx(ctx context.Context, tx pgx.Tx, e lead.OutboxEmail) (string, error) {
	deal, err := outboxdb.New(tx).DealOfEmail(ctx, e.DealID)
	if errors.Is(err, pgx.ErrNoRows) {
		return lead.StaleDealEmail(e, lead.DealEmailState{}), nil
	}
	if err != nil {
		return "", fmt.Errorf("check deal of outbox email %d: %w", e.ID, err)
	}
	return lead.StaleDealEmail(e, lead.DealEmailState{Found: true, Closed: deal.Closed, Stage: deal.Stage}), nil
}

// nextSendSlotTx returns when a marketing email of a contact may leave
// under the weekly cap and the minimum gap, and why it waits (p.Now when
// it may leave now): it reads the contact's sends and schedule, and
// lead.ClaimPolicy decides (SendSlot, SpreadSlot). Sends count from their
// claim, so an email being sent right now counts. The caller holds the
// contact's send lock.
func nextSendSlotTx(ctx context.Context, tx pgx.Tx, e lead.OutboxEmail, p lead.ClaimPolicy) (time.Time, string, error) {
	q := outboxdb.New(tx)
	since, freshSince := p.SendWindowStart(), p.Now.Add(-p.StaleClaim)
	sends, err := q.RecentSends(ctx, outboxdb.RecentSendsParams{ContactID: e.ContactID, ID: e.ID,
		Since: &since, FreshSince: &freshSince})
	if err != nil {
		return time.Time{}, "", fmt.Errorf("read send history of contact %d: %w", e.ContactID, err)
	}
	at, reason := p.SendSlot(sends)
	if !at.After(p.Now) {
		return p.Now, "", nil
	}
	planned, err := q.PlannedSends(ctx, outboxdb.PlannedSendsParams{ContactID: e.ContactID, ID: e.ID, After: at.Add(-p.SpreadGap())})
	if err != nil {
		return time.Time{}, "", fmt.Errorf("read schedule of contact %d: %w", e.ContactID, err)
	}
	return p.SpreadSlot(at, planned), reason, nil
}

// MarkEmailSent records the provider's acceptance of a claimed email.
func (s *Store) MarkEmailSent(ctx context.Context, id int64, providerID, subject string, at time.Time) error {
	err := outboxdb.New(s.pool).MarkEmailSent(ctx, outboxdb.MarkEmailSentParams{ID: id, ProviderMessageID: &providerID,
		Subject: subject, SentAt: &at})
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
	err := outboxdb.New(s.pool).ReleaseEmail(ctx, outboxdb.ReleaseEmailParams{ID: id, Status: status, Reason: reason})
	if err != nil {
		return fmt.Errorf("release outbox email %d: %w", id, err)
	}
	return nil
}

// Postpone puts a pending email off until at.
func (s *Store) Postpone(ctx context.Context, id int64, at time.Time, reason string) error {
	err := outboxdb.New(s.pool).PostponeEmail(ctx, outboxdb.PostponeEmailParams{ID: id, SendAfter: at, Reason: reason})
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
	err = outboxdb.New(tx).ReconcileEmail(ctx, outboxdb.ReconcileEmailParams{ID: id, MessageID: e.MessageID, OccurredAt: &e.OccurredAt})
	if err != nil {
		return fmt.Errorf("reconcile outbox email %d: %w", id, err)
	}
	return nil
}

// SinkMail is a message stored by the local mail sink.
type SinkMail struct {
	ID        int64
	MessageID string
	To        string
	From      string
	Subject   string
	Text      string
	HTML      string
	Headers   map[string]string
	Tags      []string
	Variables map[string]string
	CreatedAt time.Time
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
	err = outboxdb.New(s.pool).InsertSinkMail(ctx, outboxdb.InsertSinkMailParams{MessageID: m.MessageID, ToAddress: m.To,
		FromAddress: m.From, Subject: m.Subject, TextBody: m.Text, HtmlBody: m.HTML, Headers: headers, Tags: m.Tags, Variables: vars})
	if err != nil {
		return fmt.Errorf("store sink mail: %w", err)
	}
	return nil
}

// SinkMails lists the newest messages of the local sink.
func (s *Store) SinkMails(ctx context.Context, limit int) ([]SinkMail, error) {
	rows, err := outboxdb.New(s.pool).SinkMails(ctx, int32(min(limit, math.MaxInt32)))
	if err != nil {
		return nil, fmt.Errorf("list sink mail: %w", err)
	}
	out := make([]SinkMail, 0, len(rows))
	for _, r := range rows {
		m := SinkMail{ID: r.ID, MessageID: r.MessageID, To: r.ToAddress, From: r.FromAddress, Subject: r.Subject,
			Text: r.TextBody, HTML: r.HtmlBody, Tags: r.Tags, CreatedAt: r.CreatedAt}
		if err := json.Unmarshal(r.Headers, &m.Headers); err != nil {
			return nil, fmt.Errorf("list sink mail: read headers of %d: %w", r.ID, err)
		}
		if err := json.Unmarshal(r.Variables, &m.Variables); err != nil {
			return nil, fmt.Errorf("list sink mail: read variables of %d: %w", r.ID, err)
		}
		out = append(out, m)
	}
	return out, nil
}

// Suppress adds an address to the suppression list (first reason wins).
func (s *Store) Suppress(ctx context.Context, email, reason string, at time.Time) error {
	err := outboxdb.New(s.pool).Suppress(ctx, outboxdb.SuppressParams{Email: email, Reason: reason, CreatedAt: at})
	if err != nil {
		return fmt.Errorf("suppress address: %w", err)
	}
	return nil
}

// DueEmails lists pending emails due before a time, oldest first: the relay
// sends them (a send due later than workers' short horizon waits here as a
// row, not in Redis; one whose task was lost with Redis is found too).
func (s *Store) DueEmails(ctx context.Context, before time.Time, limit int) ([]lead.DueEmail, error) {
	rows, err := outboxdb.New(s.pool).DueEmails(ctx, outboxdb.DueEmailsParams{Before: before, MaxRows: int32(min(limit, math.MaxInt32))})
	if err != nil {
		return nil, fmt.Errorf("list due emails: %w", err)
	}
	due := make([]lead.DueEmail, len(rows))
	for i, r := range rows {
		due[i] = lead.DueEmail{ID: r.ID, Kind: r.Kind, SendAfter: r.SendAfter}
	}
	return due, nil
}

// DealLeadEmailed reports whether an email to the lead of a deal (its
// acknowledgement, the heating-up email: marketing kind, tied to the deal)
// is sent or on its way, so the rep's notification can say that the lead
// hears from them.
func (s *Store) DealLeadEmailed(ctx context.Context, dealID int64) (bool, error) {
	ok, err := outboxdb.New(s.pool).DealLeadEmailed(ctx, &dealID)
	if err != nil {
		return false, fmt.Errorf("read emails of deal %d: %w", dealID, err)
	}
	return ok, nil
}
