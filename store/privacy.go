package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/lead"
	"leadflow/store/internal/identitydb"
	"leadflow/store/internal/privacydb"
)

// Privacy requests: reading everything held about a person (ContactRecords)
// and erasing it (EraseContact). What an erasure rewrites and into what is
// decided by package privacy and handed in as an ErasurePolicy; the SQL is
// in internal/privacydb/queries.sql. This file only reads and writes.

// ContactByIdentity returns the contact owning a normalized email address
// or E.164 phone number (kind "email" or "phone").
func (s *Store) ContactByIdentity(ctx context.Context, kind, value string) (int64, error) {
	id, err := identitydb.New(s.pool).ContactByIdentity(ctx, identitydb.ContactByIdentityParams{Kind: kind, Value: value})
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("contact with this %s: %w", kind, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("find contact by %s: %w", kind, err)
	}
	return id, nil
}

// The rows of ContactRecords, as the queries read them (every list oldest
// first).
type (
	// PersonContact is the profile of a contact, as the rep API's
	// contact reads it too.
	PersonContact = identitydb.ContactProfileRow
	// PersonIdentity is one normalized email address or E.164 phone
	// number, the row the rep API's contact reads.
	PersonIdentity = Identity
	// PersonTouchpoint is one touchpoint with everything it recorded, the
	// row the rep API's contact reads.
	PersonTouchpoint = TouchpointRow
	// PersonEvent is one raw inbound webhook; FetchedPayload is nil when
	// none was fetched.
	PersonEvent = privacydb.ExportInboundEventsRow
	// PersonLedgerEntry is one identity-resolution decision.
	PersonLedgerEntry = privacydb.ExportIdentityLedgerRow
	// PersonScore is one scoring run.
	PersonScore = privacydb.ExportScoresRow
	// PersonBandChange is one band crossing.
	PersonBandChange = privacydb.ExportBandChangesRow
	// PersonDeal is one deal.
	PersonDeal = privacydb.ExportDealsRow
	// PersonStageChange is one stage move of one of the deals, the row
	// the rep API's deal reads.
	PersonStageChange = StageHistoryEntry
	// PersonActivity is one rep activity on one of the deals, the row the
	// rep API's deal reads.
	PersonActivity = ActivityEntry
	// PersonRoutingDecision is one routing decision.
	PersonRoutingDecision = privacydb.ExportRoutingDecisionsRow
	// PersonEnrollment is one nurture enrollment.
	PersonEnrollment = privacydb.ExportNurtureEnrollmentsRow
	// PersonEmail is one outbox email.
	PersonEmail = privacydb.ExportEmailsRow
	// PersonSinkMail is one message of the local mail sink.
	PersonSinkMail = privacydb.ExportSinkMailRow
	// PersonEngagement is one email engagement event.
	PersonEngagement = privacydb.ExportEngagementsRow
	// PersonSuppression is one suppression; a hashed one's Email reads
	// "sha256:<hex>".
	PersonSuppression = privacydb.Suppression
	// PersonErasure is one erasure already applied.
	PersonErasure = privacydb.ExportErasuresRow
)

// PersonRecords is every row held about one person, read in one
// repeatable-read transaction so the lists agree with each other.
type PersonRecords struct {
	Contact     PersonContact
	Identities  []PersonIdentity
	Touchpoints []PersonTouchpoint
	// InboundEvents are the raw webhooks the touchpoints, ledger entries
	// and engagements came from.
	InboundEvents  []PersonEvent
	IdentityLedger []PersonLedgerEntry
	Scores         []PersonScore
	BandChanges    []PersonBandChange
	Deals          []PersonDeal
	// StageHistory and Activities are those of Deals, each naming its deal.
	StageHistory       []PersonStageChange
	Activities         []PersonActivity
	RoutingDecisions   []PersonRoutingDecision
	NurtureEnrollments []PersonEnrollment
	// Emails are every outbox email to or about the contact.
	Emails []PersonEmail
	// SinkMail are the sink's messages for those emails or addresses.
	SinkMail []PersonSinkMail
	// Engagements include unmatched ones carrying one of its addresses.
	Engagements []PersonEngagement
	// Suppressions are those of its addresses, plain or by hash.
	Suppressions []PersonSuppression
	Erasures     []PersonErasure
}

// personKeys are what ties rows to a person beyond contact_id: their email
// addresses (identities, and where marketing email went) and the raw
// events, engagement events and sent messages about them.
type personKeys struct {
	emails     []string
	events     []int64
	engs       []int64
	providerID []string
}

// readPersonKeys collects personKeys for a contact inside tx.
func readPersonKeys(ctx context.Context, q *privacydb.Queries, contactID int64) (personKeys, error) {
	var (
		k   personKeys
		err error
	)
	if k.emails, err = q.PersonEmails(ctx, contactID); err != nil {
		return k, fmt.Errorf("read email addresses of contact %d: %w", contactID, err)
	}
	sort.Strings(k.emails)
	if k.engs, err = q.PersonEngagementIDs(ctx, privacydb.PersonEngagementIDsParams{ContactID: contactID, Emails: k.emails}); err != nil {
		return k, fmt.Errorf("read engagement events of contact %d: %w", contactID, err)
	}
	if k.events, err = q.PersonInboundEventIDs(ctx, privacydb.PersonInboundEventIDsParams{ContactID: contactID, EngagementIds: k.engs}); err != nil {
		return k, fmt.Errorf("read inbound events of contact %d: %w", contactID, err)
	}
	if k.providerID, err = q.PersonProviderMessageIDs(ctx, contactID); err != nil {
		return k, fmt.Errorf("read sent messages of contact %d: %w", contactID, err)
	}
	return k, nil
}

// ContactRecords reads every row held about a contact, in one
// repeatable-read transaction so its lists agree with each other. Package
// privacy turns them into the export document.
func (s *Store) ContactRecords(ctx context.Context, contactID int64) (PersonRecords, error) {
	var r PersonRecords
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return r, fmt.Errorf("begin export of contact %d: %w", contactID, err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // read-only
	q := privacydb.New(tx)
	r.Contact, err = identitydb.New(tx).ContactProfile(ctx, contactID)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("contact %d: %w", contactID, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("read contact %d: %w", contactID, err)
	}
	k, err := readPersonKeys(ctx, q, contactID)
	if err != nil {
		return r, err
	}
	// Each list is one query; the suppressions' hashes come from the
	// emails, read before them.
	wrap := func(what string, err error) error {
		return fmt.Errorf("export %s of contact %d: %w", what, contactID, err)
	}
	if r.Identities, err = contactIdentities(ctx, tx, contactID); err != nil {
		return r, wrap("identities", err)
	}
	if r.Touchpoints, err = contactTouchpoints(ctx, tx, contactID); err != nil {
		return r, wrap("touchpoints", err)
	}
	if r.InboundEvents, err = q.ExportInboundEvents(ctx, k.events); err != nil {
		return r, wrap("inbound events", err)
	}
	if r.IdentityLedger, err = q.ExportIdentityLedger(ctx, contactID); err != nil {
		return r, wrap("identity ledger", err)
	}
	if r.Scores, err = q.ExportScores(ctx, contactID); err != nil {
		return r, wrap("scores", err)
	}
	if r.BandChanges, err = q.ExportBandChanges(ctx, contactID); err != nil {
		return r, wrap("band changes", err)
	}
	if r.Deals, err = q.ExportDeals(ctx, contactID); err != nil {
		return r, wrap("deals", err)
	}
	if len(r.Deals) > 0 {
		ids := make([]int64, len(r.Deals))
		for i, d := range r.Deals {
			ids[i] = d.ID
		}
		if r.StageHistory, r.Activities, err = dealHistory(ctx, tx, ids); err != nil {
			return r, wrap("deal history", err)
		}
	}
	if r.RoutingDecisions, err = q.ExportRoutingDecisions(ctx, contactID); err != nil {
		return r, wrap("routing decisions", err)
	}
	if r.NurtureEnrollments, err = q.ExportNurtureEnrollments(ctx, contactID); err != nil {
		return r, wrap("nurture enrollments", err)
	}
	if r.Emails, err = q.ExportEmails(ctx, contactID); err != nil {
		return r, wrap("emails", err)
	}
	if r.SinkMail, err = q.ExportSinkMail(ctx, privacydb.ExportSinkMailParams{MessageIds: k.providerID, Emails: k.emails}); err != nil {
		return r, wrap("sink mail", err)
	}
	if r.Engagements, err = q.ExportEngagements(ctx, k.engs); err != nil {
		return r, wrap("engagements", err)
	}
	// The outbox (read just before) names the hashed addresses of an
	// erased contact.
	if r.Suppressions, err = q.ExportSuppressions(ctx, privacydb.ExportSuppressionsParams{
		Emails: k.emails, Hashes: emailHashes(k.emails, r.Emails)}); err != nil {
		return r, wrap("suppressions", err)
	}
	if r.Erasures, err = q.ExportErasures(ctx, contactID); err != nil {
		return r, wrap("erasures", err)
	}
	return r, nil
}

// emailHashes are the SHA-256s of addresses, plus those an erased outbox
// row carries (lead.HashedEmail).
func emailHashes(emails []string, outbox []PersonEmail) [][]byte {
	out := make([][]byte, 0, len(emails))
	for _, e := range emails {
		out = append(out, lead.EmailSHA256(e))
	}
	for _, e := range outbox {
		if lead.IsHashedEmail(e.ToAddress) {
			out = append(out, lead.EmailSHA256(e.ToAddress))
		}
	}
	return out
}

// ErasurePolicy decides what EraseContact writes in place of personal
// data; package privacy implements it (privacy.NewErasurePolicy). The
// store reads the rows, asks, and writes the answers.
type ErasurePolicy interface {
	// LedgerToken is the erased form of an identity in the identity
	// ledger.
	LedgerToken(kind, value string) string
	// RedactBreakdown is the erased form of a stored score breakdown.
	RedactBreakdown(breakdown []byte) []byte
	// HashedAddress is the erased form of an outbox address.
	HashedAddress(address string) string
	// Tombstone replaces the raw payloads of the person's inbound events.
	Tombstone() []byte
	// DealTitle replaces the titles of the person's deals.
	DealTitle() string
	// HashedSuppressions are the suppression_hashes rows for the erased
	// addresses, given the plain suppressions of them just removed.
	HashedSuppressions(emails []string, removed []PersonSuppression, now time.Time) []HashedSuppression
}

// HashedSuppression is one row of suppression_hashes.
type HashedSuppression struct {
	EmailSHA256 []byte
	Reason      string
	CreatedAt   time.Time
}

// Erasure is the record of one erasure: when, who asked, and how many rows
// of each table were anonymized, deleted or moved. It holds no personal
// data.
type Erasure struct {
	ID        int64
	ContactID int64
	ErasedAt  time.Time
	ErasedBy  string
	// Rows counts the rows changed per table name.
	Rows map[string]int64
}

// EraseContact rewrites everything personal held about a contact as
// policy decides, in one transaction, and records the erasure (package
// privacy documents what changes and what stays). by says who asked
// ("cli", "api", "rep:12"), never a name.
//
// It serializes with RecordLead on the contact's identities (the same
// advisory locks), so a lead of the same person arriving meanwhile either
// lands first and is erased too, or lands after and makes a new contact.
// Erasing an erased contact again is harmless and recorded again.
func (s *Store) EraseContact(ctx context.Context, contactID int64, by string, now time.Time, policy ErasurePolicy) (Erasure, error) {
	er := Erasure{ContactID: contactID, ErasedAt: now, ErasedBy: by, Rows: map[string]int64{}}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		q := privacydb.New(tx)
		// RecordLead takes its identity locks before it touches the
		// contact row; so does this, or the two could deadlock. Both
		// lock lead.LockKeys with the same statement, so they cannot
		// drift apart.
		rows, err := identitydb.New(tx).ContactIdentities(ctx, contactID)
		if err != nil {
			return fmt.Errorf("read identities of contact %d: %w", contactID, err)
		}
		ids := make([]lead.Identity, len(rows))
		for i, r := range rows {
			ids[i] = lead.Identity{Kind: r.Kind, Value: r.Value}
		}
		if err := identitydb.New(tx).LockIdentities(ctx, lead.LockKeys(ids)); err != nil {
			return fmt.Errorf("lock identities of contact %d: %w", contactID, err)
		}
		_, err = q.LockContact(ctx, contactID)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("contact %d: %w", contactID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock contact %d: %w", contactID, err)
		}
		k, err := readPersonKeys(ctx, q, contactID)
		if err != nil {
			return err
		}
		if err := eraseLedger(ctx, q, contactID, policy, er.Rows); err != nil {
			return err
		}
		if err := eraseScores(ctx, q, contactID, policy, er.Rows); err != nil {
			return err
		}
		hashed, err := eraseOutboxAddresses(ctx, q, contactID, policy, er.Rows)
		if err != nil {
			return err
		}
		emails := append(append([]string(nil), k.emails...), hashed...)
		tombstone := policy.Tombstone()
		steps := []struct {
			table, what string
			run         func() (int64, error)
		}{
			{"contacts", "blank the profile", func() (int64, error) {
				return q.BlankProfile(ctx, privacydb.BlankProfileParams{ContactID: contactID, Now: now})
			}},
			{"contact_identities", "delete identities", func() (int64, error) { return q.DeleteIdentities(ctx, contactID) }},
			{"touchpoints", "blank touchpoints", func() (int64, error) { return q.BlankTouchpoints(ctx, contactID) }},
			{"inbound_events", "replace payloads", func() (int64, error) {
				return q.ReplaceEventPayloads(ctx, privacydb.ReplaceEventPayloadsParams{Ids: k.events, Tombstone: tombstone})
			}},
			// Events not yet turned into touchpoints (pending, or
			// dead-lettered) are found by the address they carry.
			{"inbound_events", "replace unprocessed payloads", func() (int64, error) {
				return q.ReplaceUnprocessedPayloads(ctx, privacydb.ReplaceUnprocessedPayloadsParams{
					Emails: k.emails, Tombstone: tombstone, ReplacedIds: k.events})
			}},
			{"engagement_events", "blank engagement events", func() (int64, error) { return q.BlankEngagements(ctx, k.engs) }},
			{"mail_sink", "delete sink mail", func() (int64, error) {
				return q.DeleteSinkMail(ctx, privacydb.DeleteSinkMailParams{MessageIds: k.providerID, Emails: emails})
			}},
			{"deals", "replace deal titles", func() (int64, error) {
				return q.ReplaceDealTitles(ctx, privacydb.ReplaceDealTitlesParams{ContactID: contactID, Title: policy.DealTitle()})
			}},
			{"deal_activities", "blank activity notes", func() (int64, error) { return q.BlankActivityNotes(ctx, contactID) }},
			{"nurture_enrollments", "stop nurture", func() (int64, error) {
				return q.StopNurture(ctx, privacydb.StopNurtureParams{ContactID: contactID, Now: now})
			}},
		}
		for _, st := range steps {
			n, err := st.run()
			if err != nil {
				return fmt.Errorf("erase contact %d: %s: %w", contactID, st.what, err)
			}
			er.Rows[st.table] += n
		}
		if err := hashSuppressions(ctx, q, emails, policy, now, er.Rows); err != nil {
			return err
		}
		counts, err := json.Marshal(er.Rows)
		if err != nil {
			return fmt.Errorf("encode erasure counts: %w", err)
		}
		if er.ID, err = q.InsertErasure(ctx, privacydb.InsertErasureParams{
			ContactID: contactID, ErasedAt: now, ErasedBy: by, Rows: counts}); err != nil {
			return fmt.Errorf("record erasure of contact %d: %w", contactID, err)
		}
		return nil
	})
	return er, err
}

// eraseLedger replaces the identity values of the contact's ledger (and of
// other contacts' conflict entries naming one of its identities) by the
// policy's tokens.
func eraseLedger(ctx context.Context, q *privacydb.Queries, contactID int64, policy ErasurePolicy, counts map[string]int64) error {
	ids, err := q.LedgerIdentities(ctx, contactID)
	if err != nil {
		return fmt.Errorf("read ledger of contact %d: %w", contactID, err)
	}
	if len(ids) == 0 {
		return nil
	}
	p := privacydb.ReplaceLedgerIdentitiesParams{ContactID: contactID}
	for _, id := range ids {
		p.Kinds = append(p.Kinds, id.IdentityKind)
		p.IdentityValues = append(p.IdentityValues, id.IdentityValue)
		p.Tokens = append(p.Tokens, policy.LedgerToken(id.IdentityKind, id.IdentityValue))
	}
	n, err := q.ReplaceLedgerIdentities(ctx, p)
	if err != nil {
		return fmt.Errorf("erase ledger of contact %d: %w", contactID, err)
	}
	counts["identity_ledger"] += n
	return nil
}

// eraseScores replaces every score breakdown of the contact by its
// redacted form.
func eraseScores(ctx context.Context, q *privacydb.Queries, contactID int64, policy ErasurePolicy, counts map[string]int64) error {
	rows, err := q.ScoreBreakdowns(ctx, contactID)
	if err != nil {
		return fmt.Errorf("read scores of contact %d: %w", contactID, err)
	}
	if len(rows) == 0 {
		return nil
	}
	var p privacydb.ReplaceScoreBreakdownsParams
	for _, r := range rows {
		p.Ids, p.Breakdowns = append(p.Ids, r.ID), append(p.Breakdowns, policy.RedactBreakdown(r.Breakdown))
	}
	n, err := q.ReplaceScoreBreakdowns(ctx, p)
	if err != nil {
		return fmt.Errorf("erase scores of contact %d: %w", contactID, err)
	}
	counts["scores"] += n
	return nil
}

// eraseOutboxAddresses replaces the contact's own address in its outbox
// rows by the policy's hashed form (rep notifications keep the rep's
// address), blanks subjects and errors, and cancels what had not left
// yet. It returns the addresses it replaced, normalized, which are
// suppressed by hash.
func eraseOutboxAddresses(ctx context.Context, q *privacydb.Queries, contactID int64, policy ErasurePolicy, counts map[string]int64) ([]string, error) {
	addrs, err := q.OutboxAddresses(ctx, contactID)
	if err != nil {
		return nil, fmt.Errorf("read outbox addresses of contact %d: %w", contactID, err)
	}
	hashes := make([]string, len(addrs))
	lowered := make([]string, len(addrs))
	for i, a := range addrs {
		hashes[i], lowered[i] = policy.HashedAddress(a), lead.SuppressionAddress(a)
	}
	if len(addrs) > 0 {
		if err := q.ReplaceOutboxAddresses(ctx, privacydb.ReplaceOutboxAddressesParams{
			ContactID: contactID, Addresses: addrs, Hashed: hashes}); err != nil {
			return nil, fmt.Errorf("erase outbox addresses of contact %d: %w", contactID, err)
		}
	}
	n, err := q.BlankOutboxSubjects(ctx, contactID)
	if err != nil {
		return nil, fmt.Errorf("erase outbox subjects of contact %d: %w", contactID, err)
	}
	counts["email_outbox"] += n
	return lowered, nil
}

// hashSuppressions removes the plain suppressions of addresses and writes
// the policy's suppression_hashes rows for them.
func hashSuppressions(ctx context.Context, q *privacydb.Queries, emails []string, policy ErasurePolicy, now time.Time, counts map[string]int64) error {
	if len(emails) == 0 {
		return nil
	}
	moved, err := q.DeletePlainSuppressions(ctx, emails)
	if err != nil {
		return fmt.Errorf("remove plain suppressions: %w", err)
	}
	counts["suppressions"] += int64(len(moved))
	var p privacydb.InsertSuppressionHashesParams
	for _, h := range policy.HashedSuppressions(emails, moved, now) {
		p.Hashes = append(p.Hashes, h.EmailSHA256)
		p.Reasons = append(p.Reasons, h.Reason)
		p.CreatedAts = append(p.CreatedAts, h.CreatedAt)
	}
	n, err := q.InsertSuppressionHashes(ctx, p)
	if err != nil {
		return fmt.Errorf("suppress erased addresses: %w", err)
	}
	counts["suppression_hashes"] += n
	return nil
}
