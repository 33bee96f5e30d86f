package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
)

// Privacy requests: a person's right to see everything held about them
// (ExportContact) and to have it erased (EraseContact).
//
// Erasure anonymizes in place rather than deleting: the contact, its
// touchpoints, scores and deals stay as rows with their counts, campaigns,
// bands, stages, amounts and times, so the funnel and the attribution
// reports do not move, while every field that says who the person is or
// what they wrote is blanked, hashed or replaced by a tombstone. The email
// address survives only as a SHA-256 in suppression_hashes, which is what
// keeps ClaimEmail from ever emailing them again.

// ExportFormat names the layout of ContactExport. It changes only when a
// field is removed or changes meaning; added fields keep it.
const ExportFormat = "leadflow.contact-export.v1"

// ErasedTitle replaces the title of an erased contact's deals ("Company —
// First Last" names the person).
const ErasedTitle = "(erased)"

// hashedPrefix marks a value replaced by the hex SHA-256 of the normalized
// email address (email_outbox.to_address of an erased contact).
const hashedPrefix = "sha256:"

// tombstone replaces the raw payloads of an erased contact's inbound events.
var tombstone = []byte(`{"erased":true}`)

// EmailSHA256 is the SHA-256 of a normalized (trimmed, lower-cased) email
// address: the only form in which an erased person's address is kept.
// An address already written as "sha256:<hex>" (an erased outbox row)
// yields the hash it carries.
func EmailSHA256(address string) []byte {
	a := strings.ToLower(strings.TrimSpace(address))
	if h, ok := strings.CutPrefix(a, hashedPrefix); ok {
		if b, err := hex.DecodeString(h); err == nil && len(b) == sha256.Size {
			return b
		}
	}
	sum := sha256.Sum256([]byte(a))
	return sum[:]
}

// hashedEmail is the "sha256:<hex>" form stored in place of an address.
func hashedEmail(address string) string {
	return hashedPrefix + hex.EncodeToString(EmailSHA256(address))
}

// ContactByIdentity returns the contact owning a normalized email address
// or E.164 phone number (kind "email" or "phone").
func (s *Store) ContactByIdentity(ctx context.Context, kind, value string) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT contact_id FROM contact_identities WHERE kind = $1 AND value = $2`, kind, value).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("contact with this %s: %w", kind, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("find contact by %s: %w", kind, err)
	}
	return id, nil
}

// ContactExport is everything leadflow holds about one person, as one
// document (leadflow contacts export, GET /v1/contacts/{id}/export). Field
// names are stable (see ExportFormat); every list is present, empty when
// there is nothing, and ordered oldest first.
type ContactExport struct {
	// Format is ExportFormat.
	Format     string    `json:"format"`
	ExportedAt time.Time `json:"exported_at"`
	// Contact is the profile.
	Contact ExportContact `json:"contact"`
	// Identities are the normalized email addresses and E.164 phone
	// numbers that resolve to the contact.
	Identities []ExportIdentity `json:"identities"`
	// Touchpoints are the submissions, with answers, consent, UTM and
	// click ids.
	Touchpoints []ExportTouchpoint `json:"touchpoints"`
	// InboundEvents are the raw webhooks the touchpoints, ledger entries
	// and engagements came from, as received.
	InboundEvents []ExportEvent `json:"inbound_events"`
	// IdentityLedger is every identity-resolution decision about the contact.
	IdentityLedger []ExportLedgerEntry `json:"identity_ledger"`
	// Scores are every scoring run with its breakdown (scoring.Result).
	Scores []ExportScore `json:"scores"`
	// BandChanges are the band crossings (cold → hot, …).
	BandChanges []ExportBandChange `json:"band_changes"`
	// Deals are the contact's deals with stage history and activities.
	Deals []ExportDeal `json:"deals"`
	// RoutingDecisions say which rule, team and rep each deal went to.
	RoutingDecisions []ExportRoutingDecision `json:"routing_decisions"`
	// NurtureEnrollments are the nurture programs the contact was in.
	NurtureEnrollments []ExportEnrollment `json:"nurture_enrollments"`
	// Emails are the outbox: every email queued to or about the contact
	// (rep notifications go to the rep's address).
	Emails []ExportEmail `json:"emails"`
	// SinkMail are the messages the local mail sink stored for those
	// emails (only without Mailgun), with their bodies.
	SinkMail []ExportSinkMail `json:"sink_mail"`
	// Engagements are email events (delivered, opened, clicked, replied,
	// bounced, …), including unmatched ones carrying the contact's address.
	Engagements []ExportEngagement `json:"engagements"`
	// Suppressions are the contact's addresses on the suppression list;
	// an erased address shows as "sha256:<hex>".
	Suppressions []ExportSuppression `json:"suppressions"`
	// Erasures are the erasures already applied to the contact.
	Erasures []ExportErasure `json:"erasures"`
}

// ExportContact is the profile of a contact.
type ExportContact struct {
	ID        int64     `json:"id"`
	Ref       string    `json:"ref"`
	FirstName string    `json:"first_name"`
	LastName  string    `json:"last_name"`
	Company   string    `json:"company"`
	Title     string    `json:"title"`
	Country   string    `json:"country"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// FirstTouchAt is the first non-test touchpoint's time.
	FirstTouchAt *time.Time `json:"first_touch_at"`
	// ErasedAt is set once the contact was erased.
	ErasedAt *time.Time `json:"erased_at"`
}

// ExportIdentity is one email or phone of a contact.
type ExportIdentity struct {
	Kind      string    `json:"kind"`
	Value     string    `json:"value"`
	CreatedAt time.Time `json:"created_at"`
}

// ExportTouchpoint is one touchpoint with everything it recorded.
type ExportTouchpoint struct {
	ID             int64           `json:"id"`
	InboundEventID int64           `json:"inbound_event_id"`
	Source         string          `json:"source"`
	Channel        string          `json:"channel"`
	ExternalID     string          `json:"external_id"`
	UTMSource      string          `json:"utm_source"`
	UTMMedium      string          `json:"utm_medium"`
	UTMCampaign    string          `json:"utm_campaign"`
	UTMTerm        string          `json:"utm_term"`
	UTMContent     string          `json:"utm_content"`
	CampaignIDs    json.RawMessage `json:"campaign_ids"`
	ClickIDs       json.RawMessage `json:"click_ids"`
	LandingURL     string          `json:"landing_url"`
	Consent        ExportConsent   `json:"consent"`
	Message        string          `json:"message"`
	Answers        json.RawMessage `json:"answers"`
	Attributes     json.RawMessage `json:"attributes"`
	IsTest         bool            `json:"is_test"`
	OccurredAt     time.Time       `json:"occurred_at"`
	CreatedAt      time.Time       `json:"created_at"`
}

// ExportConsent is the marketing consent a touchpoint recorded.
type ExportConsent struct {
	Marketing bool       `json:"marketing"`
	Text      string     `json:"text"`
	At        *time.Time `json:"at"`
}

// ExportEvent is one raw inbound webhook. Payload is the body as JSON when
// it is JSON, else a JSON string (or {"base64": …} for binary).
type ExportEvent struct {
	ID         int64           `json:"id"`
	Connector  string          `json:"connector"`
	Source     string          `json:"source"`
	EventID    string          `json:"event_id"`
	Kind       string          `json:"kind"`
	Status     string          `json:"status"`
	ReceivedAt time.Time       `json:"received_at"`
	Payload    json.RawMessage `json:"payload"`
	// FetchedPayload is the provider's full lead fetched for a thin
	// notification; null when none was fetched.
	FetchedPayload json.RawMessage `json:"fetched_payload"`
}

// ExportLedgerEntry is one identity-resolution decision.
type ExportLedgerEntry struct {
	ID             int64     `json:"id"`
	Decision       string    `json:"decision"`
	IdentityKind   string    `json:"identity_kind"`
	IdentityValue  string    `json:"identity_value"`
	OtherContactID *int64    `json:"other_contact_id"`
	InboundEventID *int64    `json:"inbound_event_id"`
	CreatedAt      time.Time `json:"created_at"`
}

// ExportScore is one scoring run.
type ExportScore struct {
	ID           int64           `json:"id"`
	TouchpointID *int64          `json:"touchpoint_id"`
	Total        int             `json:"total"`
	Band         string          `json:"band"`
	ModelVersion string          `json:"model_version"`
	Breakdown    json.RawMessage `json:"breakdown"`
	ComputedAt   time.Time       `json:"computed_at"`
}

// ExportBandChange is one band crossing.
type ExportBandChange struct {
	ScoreID   int64     `json:"score_id"`
	FromBand  string    `json:"from_band"`
	ToBand    string    `json:"to_band"`
	ChangedAt time.Time `json:"changed_at"`
}

// ExportDeal is one deal with its history.
type ExportDeal struct {
	ID           int64               `json:"id"`
	Pipeline     string              `json:"pipeline"`
	Stage        string              `json:"stage"`
	OwnerRepID   *int64              `json:"owner_rep_id"`
	Team         string              `json:"team"`
	Title        string              `json:"title"`
	AmountCents  int64               `json:"amount_cents"`
	Currency     string              `json:"currency"`
	LostReason   string              `json:"lost_reason"`
	CreatedAt    time.Time           `json:"created_at"`
	ClosedAt     *time.Time          `json:"closed_at"`
	StageHistory []StageHistoryEntry `json:"stage_history"`
	Activities   []ActivityEntry     `json:"activities"`
}

// ExportRoutingDecision is one routing decision about the contact.
type ExportRoutingDecision struct {
	DealID    *int64          `json:"deal_id"`
	Kind      string          `json:"kind"`
	Rule      string          `json:"rule"`
	Team      string          `json:"team"`
	RepID     *int64          `json:"rep_id"`
	Skipped   json.RawMessage `json:"skipped"`
	CreatedAt time.Time       `json:"created_at"`
}

// ExportEnrollment is one nurture enrollment.
type ExportEnrollment struct {
	ID         int64      `json:"id"`
	Program    string     `json:"program"`
	Band       string     `json:"band"`
	Status     string     `json:"status"`
	EnrolledAt time.Time  `json:"enrolled_at"`
	EndedAt    *time.Time `json:"ended_at"`
}

// ExportEmail is one outbox email.
type ExportEmail struct {
	ID                int64      `json:"id"`
	Template          string     `json:"template"`
	Kind              string     `json:"kind"`
	To                string     `json:"to"`
	Subject           string     `json:"subject"`
	Status            string     `json:"status"`
	Trigger           string     `json:"trigger"`
	ProviderMessageID string     `json:"provider_message_id"`
	CreatedAt         time.Time  `json:"created_at"`
	SendAfter         time.Time  `json:"send_after"`
	SentAt            *time.Time `json:"sent_at"`
}

// ExportSinkMail is one message stored by the local mail sink.
type ExportSinkMail struct {
	MessageID string    `json:"message_id"`
	To        string    `json:"to"`
	From      string    `json:"from"`
	Subject   string    `json:"subject"`
	Text      string    `json:"text"`
	HTML      string    `json:"html"`
	CreatedAt time.Time `json:"created_at"`
}

// ExportEngagement is one email engagement event.
type ExportEngagement struct {
	ID             int64     `json:"id"`
	InboundEventID int64     `json:"inbound_event_id"`
	Kind           string    `json:"kind"`
	Email          string    `json:"email"`
	MessageID      string    `json:"message_id"`
	URL            string    `json:"url"`
	Severity       string    `json:"severity"`
	Reason         string    `json:"reason"`
	Text           string    `json:"text"`
	IsTest         bool      `json:"is_test"`
	OccurredAt     time.Time `json:"occurred_at"`
}

// ExportSuppression is one suppression of the contact's addresses.
type ExportSuppression struct {
	Email     string    `json:"email"`
	Reason    string    `json:"reason"`
	CreatedAt time.Time `json:"created_at"`
}

// ExportErasure is one erasure already applied.
type ExportErasure struct {
	ID       int64     `json:"id"`
	ErasedAt time.Time `json:"erased_at"`
	ErasedBy string    `json:"erased_by"`
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

// readPersonKeys collects personKeys for a contact inside q (a pool or a tx).
func readPersonKeys(ctx context.Context, q pgx.Tx, contactID int64) (personKeys, error) {
	var k personKeys
	rows, err := q.Query(ctx, `
		SELECT value FROM contact_identities WHERE contact_id = $1 AND kind = 'email'
		UNION
		SELECT lower(to_address) FROM email_outbox
		WHERE contact_id = $1 AND kind = 'marketing' AND to_address NOT LIKE 'sha256:%' AND to_address <> ''`, contactID)
	if err != nil {
		return k, fmt.Errorf("read email addresses of contact %d: %w", contactID, err)
	}
	if k.emails, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		return k, fmt.Errorf("read email addresses of contact %d: %w", contactID, err)
	}
	sort.Strings(k.emails)
	// Unmatched engagement events (no contact_id) are found by address.
	rows, err = q.Query(ctx, `
		SELECT id FROM engagement_events
		WHERE contact_id = $1 OR (contact_id IS NULL AND email <> '' AND lower(email) = ANY($2))
		ORDER BY id`, contactID, k.emails)
	if err != nil {
		return k, fmt.Errorf("read engagement events of contact %d: %w", contactID, err)
	}
	if k.engs, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
		return k, fmt.Errorf("read engagement events of contact %d: %w", contactID, err)
	}
	rows, err = q.Query(ctx, `
		SELECT inbound_event_id FROM touchpoints WHERE contact_id = $1
		UNION SELECT inbound_event_id FROM identity_ledger WHERE contact_id = $1 AND inbound_event_id IS NOT NULL
		UNION SELECT inbound_event_id FROM engagement_events WHERE id = ANY($2)
		ORDER BY 1`, contactID, k.engs)
	if err != nil {
		return k, fmt.Errorf("read inbound events of contact %d: %w", contactID, err)
	}
	if k.events, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
		return k, fmt.Errorf("read inbound events of contact %d: %w", contactID, err)
	}
	rows, err = q.Query(ctx, `
		SELECT provider_message_id FROM email_outbox WHERE contact_id = $1 AND provider_message_id IS NOT NULL`, contactID)
	if err != nil {
		return k, fmt.Errorf("read sent messages of contact %d: %w", contactID, err)
	}
	if k.providerID, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		return k, fmt.Errorf("read sent messages of contact %d: %w", contactID, err)
	}
	return k, nil
}

// ExportContact reads everything held about a contact into one document,
// in one repeatable-read transaction so its sections agree with each other.
func (s *Store) ExportContact(ctx context.Context, contactID int64, now time.Time) (ContactExport, error) {
	x := ContactExport{Format: ExportFormat, ExportedAt: now}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return x, fmt.Errorf("begin export of contact %d: %w", contactID, err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // read-only
	c := &x.Contact
	err = tx.QueryRow(ctx, `
		SELECT id, ref, first_name, last_name, company, title, country, created_at, updated_at, first_touch_at, erased_at
		FROM contacts WHERE id = $1`, contactID).
		Scan(&c.ID, &c.Ref, &c.FirstName, &c.LastName, &c.Company, &c.Title, &c.Country, &c.CreatedAt, &c.UpdatedAt, &c.FirstTouchAt, &c.ErasedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return x, fmt.Errorf("contact %d: %w", contactID, ErrNotFound)
	}
	if err != nil {
		return x, fmt.Errorf("read contact %d: %w", contactID, err)
	}
	k, err := readPersonKeys(ctx, tx, contactID)
	if err != nil {
		return x, err
	}
	// Each section is one query; the suppressions' hashes come from the
	// emails section, read before them.
	type section struct {
		what  string
		query string
		args  []any
		scan  func(pgx.CollectableRow) error
	}
	sections := []section{
		{"identities", `SELECT kind, value, created_at FROM contact_identities WHERE contact_id = $1 ORDER BY created_at, kind, value`,
			[]any{contactID}, func(r pgx.CollectableRow) error {
				var v ExportIdentity
				err := r.Scan(&v.Kind, &v.Value, &v.CreatedAt)
				x.Identities = append(x.Identities, v)
				return err
			}},
		{"touchpoints", `
			SELECT id, inbound_event_id, source, channel, external_id, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
				campaign_ids, click_ids, landing_url, consent_marketing, consent_text, consent_at, message, answers, attributes,
				is_test, occurred_at, created_at
			FROM touchpoints WHERE contact_id = $1 ORDER BY occurred_at, id`,
			[]any{contactID}, func(r pgx.CollectableRow) error {
				var v ExportTouchpoint
				err := r.Scan(&v.ID, &v.InboundEventID, &v.Source, &v.Channel, &v.ExternalID, &v.UTMSource, &v.UTMMedium, &v.UTMCampaign,
					&v.UTMTerm, &v.UTMContent, &v.CampaignIDs, &v.ClickIDs, &v.LandingURL, &v.Consent.Marketing, &v.Consent.Text,
					&v.Consent.At, &v.Message, &v.Answers, &v.Attributes, &v.IsTest, &v.OccurredAt, &v.CreatedAt)
				x.Touchpoints = append(x.Touchpoints, v)
				return err
			}},
		{"inbound events", `
			SELECT id, connector, source, event_id, kind, status, received_at, payload, fetched_payload
			FROM inbound_events WHERE id = ANY($1) ORDER BY received_at, id`,
			[]any{k.events}, func(r pgx.CollectableRow) error {
				var v ExportEvent
				var payload, fetched []byte
				err := r.Scan(&v.ID, &v.Connector, &v.Source, &v.EventID, &v.Kind, &v.Status, &v.ReceivedAt, &payload, &fetched)
				v.Payload = payloadJSON(payload)
				if fetched != nil {
					v.FetchedPayload = payloadJSON(fetched)
				}
				x.InboundEvents = append(x.InboundEvents, v)
				return err
			}},
		{"identity ledger", `
			SELECT id, decision, identity_kind, identity_value, other_contact_id, inbound_event_id, created_at
			FROM identity_ledger WHERE contact_id = $1 ORDER BY created_at, id`,
			[]any{contactID}, func(r pgx.CollectableRow) error {
				var v ExportLedgerEntry
				err := r.Scan(&v.ID, &v.Decision, &v.IdentityKind, &v.IdentityValue, &v.OtherContactID, &v.InboundEventID, &v.CreatedAt)
				x.IdentityLedger = append(x.IdentityLedger, v)
				return err
			}},
		{"scores", `
			SELECT id, touchpoint_id, total, band, model_version, breakdown, computed_at
			FROM scores WHERE contact_id = $1 ORDER BY computed_at, id`,
			[]any{contactID}, func(r pgx.CollectableRow) error {
				var v ExportScore
				err := r.Scan(&v.ID, &v.TouchpointID, &v.Total, &v.Band, &v.ModelVersion, &v.Breakdown, &v.ComputedAt)
				x.Scores = append(x.Scores, v)
				return err
			}},
		{"band changes", `
			SELECT score_id, from_band, to_band, changed_at FROM score_band_changes WHERE contact_id = $1 ORDER BY changed_at, id`,
			[]any{contactID}, func(r pgx.CollectableRow) error {
				var v ExportBandChange
				err := r.Scan(&v.ScoreID, &v.FromBand, &v.ToBand, &v.ChangedAt)
				x.BandChanges = append(x.BandChanges, v)
				return err
			}},
		{"deals", `
			SELECT d.id, p.name, st.name, d.owner_rep_id, d.team, d.title, d.amount_cents, d.currency, d.lost_reason, d.created_at, d.closed_at
			FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages st ON st.id = d.stage_id
			WHERE d.contact_id = $1 ORDER BY d.created_at, d.id`,
			[]any{contactID}, func(r pgx.CollectableRow) error {
				v := ExportDeal{StageHistory: []StageHistoryEntry{}, Activities: []ActivityEntry{}}
				err := r.Scan(&v.ID, &v.Pipeline, &v.Stage, &v.OwnerRepID, &v.Team, &v.Title, &v.AmountCents, &v.Currency, &v.LostReason,
					&v.CreatedAt, &v.ClosedAt)
				x.Deals = append(x.Deals, v)
				return err
			}},
		{"routing decisions", `
			SELECT deal_id, kind, rule, team, rep_id, skipped, created_at FROM routing_decisions WHERE contact_id = $1 ORDER BY created_at, id`,
			[]any{contactID}, func(r pgx.CollectableRow) error {
				var v ExportRoutingDecision
				err := r.Scan(&v.DealID, &v.Kind, &v.Rule, &v.Team, &v.RepID, &v.Skipped, &v.CreatedAt)
				x.RoutingDecisions = append(x.RoutingDecisions, v)
				return err
			}},
		{"nurture enrollments", `
			SELECT id, program, band, status, enrolled_at, ended_at FROM nurture_enrollments WHERE contact_id = $1 ORDER BY enrolled_at, id`,
			[]any{contactID}, func(r pgx.CollectableRow) error {
				var v ExportEnrollment
				err := r.Scan(&v.ID, &v.Program, &v.Band, &v.Status, &v.EnrolledAt, &v.EndedAt)
				x.NurtureEnrollments = append(x.NurtureEnrollments, v)
				return err
			}},
		{"emails", `
			SELECT id, template, kind, to_address, subject, status, trigger, COALESCE(provider_message_id, ''), created_at, send_after, sent_at
			FROM email_outbox WHERE contact_id = $1 ORDER BY created_at, id`,
			[]any{contactID}, func(r pgx.CollectableRow) error {
				var v ExportEmail
				err := r.Scan(&v.ID, &v.Template, &v.Kind, &v.To, &v.Subject, &v.Status, &v.Trigger, &v.ProviderMessageID,
					&v.CreatedAt, &v.SendAfter, &v.SentAt)
				x.Emails = append(x.Emails, v)
				return err
			}},
		{"sink mail", `
			SELECT message_id, to_address, from_address, subject, text_body, html_body, created_at
			FROM mail_sink WHERE message_id = ANY($1) OR lower(to_address) = ANY($2) ORDER BY created_at, id`,
			[]any{k.providerID, k.emails}, func(r pgx.CollectableRow) error {
				var v ExportSinkMail
				err := r.Scan(&v.MessageID, &v.To, &v.From, &v.Subject, &v.Text, &v.HTML, &v.CreatedAt)
				x.SinkMail = append(x.SinkMail, v)
				return err
			}},
		{"engagements", `
			SELECT id, inbound_event_id, kind, email, message_id, url, severity, reason, text, is_test, occurred_at
			FROM engagement_events WHERE id = ANY($1) ORDER BY occurred_at, id`,
			[]any{k.engs}, func(r pgx.CollectableRow) error {
				var v ExportEngagement
				err := r.Scan(&v.ID, &v.InboundEventID, &v.Kind, &v.Email, &v.MessageID, &v.URL, &v.Severity, &v.Reason, &v.Text,
					&v.IsTest, &v.OccurredAt)
				x.Engagements = append(x.Engagements, v)
				return err
			}},
		{"suppressions", `
			SELECT email, reason, created_at FROM suppressions WHERE email = ANY($1)
			UNION ALL
			SELECT 'sha256:' || encode(email_sha256, 'hex'), reason, created_at FROM suppression_hashes WHERE email_sha256 = ANY($2)
			ORDER BY 3, 1`,
			[]any{k.emails, nil}, func(r pgx.CollectableRow) error {
				var v ExportSuppression
				err := r.Scan(&v.Email, &v.Reason, &v.CreatedAt)
				x.Suppressions = append(x.Suppressions, v)
				return err
			}},
		{"erasures", `SELECT id, erased_at, erased_by FROM erasures WHERE contact_id = $1 ORDER BY erased_at, id`,
			[]any{contactID}, func(r pgx.CollectableRow) error {
				var v ExportErasure
				err := r.Scan(&v.ID, &v.ErasedAt, &v.ErasedBy)
				x.Erasures = append(x.Erasures, v)
				return err
			}},
	}
	for _, sec := range sections {
		if sec.what == "suppressions" {
			// The outbox (read just before) names the hashed addresses of
			// an erased contact.
			sec.args[1] = emailHashes(k.emails, x.Emails)
		}
		rows, err := tx.Query(ctx, sec.query, sec.args...)
		if err != nil {
			return x, fmt.Errorf("export %s of contact %d: %w", sec.what, contactID, err)
		}
		if _, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (struct{}, error) { return struct{}{}, sec.scan(r) }); err != nil {
			return x, fmt.Errorf("export %s of contact %d: %w", sec.what, contactID, err)
		}
	}
	if err := s.exportDealHistory(ctx, tx, x.Deals); err != nil {
		return x, err
	}
	x.fillEmptyLists()
	return x, nil
}

// exportDealHistory fills the stage history and activities of deals.
func (s *Store) exportDealHistory(ctx context.Context, tx pgx.Tx, deals []ExportDeal) error {
	if len(deals) == 0 {
		return nil
	}
	ids := make([]int64, len(deals))
	at := make(map[int64]*ExportDeal, len(deals))
	for i := range deals {
		ids[i], at[deals[i].ID] = deals[i].ID, &deals[i]
	}
	rows, err := tx.Query(ctx, `
		SELECT h.deal_id, COALESCE(f.name, ''), t.name, h.changed_at, h.changed_by
		FROM deal_stage_history h JOIN stages t ON t.id = h.to_stage_id LEFT JOIN stages f ON f.id = h.from_stage_id
		WHERE h.deal_id = ANY($1) ORDER BY h.changed_at, h.id`, ids)
	if err != nil {
		return fmt.Errorf("export stage history: %w", err)
	}
	_, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (struct{}, error) {
		var id int64
		var h StageHistoryEntry
		err := r.Scan(&id, &h.From, &h.To, &h.ChangedAt, &h.ChangedBy)
		at[id].StageHistory = append(at[id].StageHistory, h)
		return struct{}{}, err
	})
	if err != nil {
		return fmt.Errorf("export stage history: %w", err)
	}
	rows, err = tx.Query(ctx, `
		SELECT deal_id, id, COALESCE(rep_id, 0), kind, note, occurred_at FROM deal_activities
		WHERE deal_id = ANY($1) ORDER BY occurred_at, id`, ids)
	if err != nil {
		return fmt.Errorf("export deal activities: %w", err)
	}
	_, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (struct{}, error) {
		var id int64
		var a ActivityEntry
		err := r.Scan(&id, &a.ID, &a.RepID, &a.Kind, &a.Note, &a.OccurredAt)
		at[id].Activities = append(at[id].Activities, a)
		return struct{}{}, err
	})
	if err != nil {
		return fmt.Errorf("export deal activities: %w", err)
	}
	return nil
}

// fillEmptyLists makes every empty section [] rather than null.
func (x *ContactExport) fillEmptyLists() {
	orEmpty(&x.Identities)
	orEmpty(&x.Touchpoints)
	orEmpty(&x.InboundEvents)
	orEmpty(&x.IdentityLedger)
	orEmpty(&x.Scores)
	orEmpty(&x.BandChanges)
	orEmpty(&x.Deals)
	orEmpty(&x.RoutingDecisions)
	orEmpty(&x.NurtureEnrollments)
	orEmpty(&x.Emails)
	orEmpty(&x.SinkMail)
	orEmpty(&x.Engagements)
	orEmpty(&x.Suppressions)
	orEmpty(&x.Erasures)
}

func orEmpty[T any](s *[]T) {
	if *s == nil {
		*s = []T{}
	}
}

// ExportContactJSON is ExportContact encoded, for callers that may not
// import this package (httpapi serves it as is).
func (s *Store) ExportContactJSON(ctx context.Context, contactID int64, now time.Time) (json.RawMessage, error) {
	x, err := s.ExportContact(ctx, contactID, now)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(x)
	if err != nil {
		return nil, fmt.Errorf("encode export of contact %d: %w", contactID, err)
	}
	return b, nil
}

// emailHashes are the SHA-256s of addresses, plus those an erased outbox
// row carries ("sha256:<hex>").
func emailHashes(emails []string, outbox []ExportEmail) [][]byte {
	out := make([][]byte, 0, len(emails))
	for _, e := range emails {
		out = append(out, EmailSHA256(e))
	}
	for _, e := range outbox {
		if strings.HasPrefix(e.To, hashedPrefix) {
			out = append(out, EmailSHA256(e.To))
		}
	}
	return out
}

// payloadJSON shows a raw body in a JSON document: itself when it is JSON,
// else as a string, or {"base64": …} when it is not text.
func payloadJSON(b []byte) json.RawMessage {
	if json.Valid(b) {
		return b
	}
	var v any = string(b)
	if !utf8.Valid(b) {
		v = map[string][]byte{"base64": b}
	}
	out, _ := json.Marshal(v) // a string or a map of bytes always encodes
	return out
}

// Erasure is the record of one erasure: when, who asked, and how many rows
// of each table were anonymized, deleted or moved. It holds no personal
// data.
type Erasure struct {
	ID        int64            `json:"erasure_id"`
	ContactID int64            `json:"contact_id"`
	ErasedAt  time.Time        `json:"erased_at"`
	ErasedBy  string           `json:"erased_by"`
	Rows      map[string]int64 `json:"rows"`
}

// EraseContact deletes or irreversibly anonymizes everything personal
// held about a contact, in one transaction, and records the erasure. by
// says who asked ("cli", "api", "rep:12"), never a name.
//
// What changes (the rows themselves stay, so reports keep their numbers):
//   - contacts: names, company and title blanked; erased_at set
//   - contact_identities: deleted (a new lead from them is a new contact)
//   - touchpoints: message, answers, attributes, landing URL, click ids,
//     consent text and external id blanked (source, UTM, campaign ids,
//     consent flag and times kept)
//   - inbound_events: payload and fetched payload replaced by
//     {"erased":true} for the contact's events, and for events not yet
//     processed or dead-lettered whose payload carries one of their
//     addresses (those are marked failed, "payload erased")
//   - identity_ledger: identity values replaced by a keyed hash whose key
//     is discarded ("erased:<hex>"): rows about the same identity still
//     match each other, but no one can test a value against them
//   - scores: every contribution's reason replaced (rule, group and
//     points kept), as reasons may quote the message or answers
//   - email_outbox: the contact's address replaced by "sha256:<hex>",
//     subjects and errors blanked; pending marketing email cancelled
//   - mail_sink: the messages sent to or about the contact deleted
//   - engagement_events: address, URL, reason and text blanked (also
//     unmatched ones carrying one of the contact's addresses)
//   - deals: title replaced by ErasedTitle; deal_activities notes blanked
//   - nurture_enrollments: active ones stopped
//   - suppressions: the addresses move to suppression_hashes (SHA-256,
//     reason kept, else "erased"), which ClaimEmail checks
//
// It serializes with RecordLead on the contact's identities (the same
// advisory locks), so a lead of the same person arriving meanwhile either
// lands first and is erased too, or lands after and makes a new contact.
// Erasing an erased contact again is harmless and recorded again.
func (s *Store) EraseContact(ctx context.Context, contactID int64, by string, now time.Time) (Erasure, error) {
	er := Erasure{ContactID: contactID, ErasedAt: now, ErasedBy: by, Rows: map[string]int64{}}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return er, fmt.Errorf("erase contact %d: make ledger key: %w", contactID, err)
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// RecordLead takes its identity locks before it touches the
		// contact row; so does this, or the two could deadlock.
		rows, err := tx.Query(ctx, `SELECT kind, value FROM contact_identities WHERE contact_id = $1`, contactID)
		if err != nil {
			return fmt.Errorf("read identities of contact %d: %w", contactID, err)
		}
		ids, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (identity, error) {
			var id identity
			err := r.Scan(&id.kind, &id.value)
			return id, err
		})
		if err != nil {
			return fmt.Errorf("read identities of contact %d: %w", contactID, err)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i].kind+ids[i].value < ids[j].kind+ids[j].value })
		lockKeys := make([]string, len(ids))
		for i, id := range ids {
			lockKeys[i] = id.kind + ":" + id.value
		}
		if _, err := tx.Exec(ctx, `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM unnest($1::text[]) WITH ORDINALITY AS u(k, n)`,
			lockKeys); err != nil {
			return fmt.Errorf("lock identities of contact %d: %w", contactID, err)
		}
		var found int64
		err = tx.QueryRow(ctx, `SELECT id FROM contacts WHERE id = $1 FOR UPDATE`, contactID).Scan(&found)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("contact %d: %w", contactID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock contact %d: %w", contactID, err)
		}
		k, err := readPersonKeys(ctx, tx, contactID)
		if err != nil {
			return err
		}
		exec := func(table, what, sql string, args ...any) error {
			tag, err := tx.Exec(ctx, sql, args...)
			if err != nil {
				return fmt.Errorf("erase contact %d: %s: %w", contactID, what, err)
			}
			er.Rows[table] += tag.RowsAffected()
			return nil
		}
		if err := eraseLedger(ctx, tx, contactID, key, er.Rows); err != nil {
			return err
		}
		if err := eraseScores(ctx, tx, contactID, er.Rows); err != nil {
			return err
		}
		hashed, err := eraseOutboxAddresses(ctx, tx, contactID, er.Rows)
		if err != nil {
			return err
		}
		emails := append(append([]string(nil), k.emails...), hashed...)
		steps := []struct {
			table, what, sql string
			args             []any
		}{
			{"contacts", "blank the profile", `
				UPDATE contacts SET first_name = '', last_name = '', company = '', title = '', updated_at = $2, erased_at = $2
				WHERE id = $1`, []any{contactID, now}},
			{"contact_identities", "delete identities", `DELETE FROM contact_identities WHERE contact_id = $1`, []any{contactID}},
			{"touchpoints", "blank touchpoints", `
				UPDATE touchpoints SET external_id = '', click_ids = '{}', landing_url = '', consent_text = '', message = '',
					answers = '{}', attributes = '{}'
				WHERE contact_id = $1`, []any{contactID}},
			{"inbound_events", "replace payloads", `
				UPDATE inbound_events SET payload = $2::bytea, fetched_payload = CASE WHEN fetched_payload IS NULL THEN NULL ELSE $2::bytea END,
					last_error = ''
				WHERE id = ANY($1)`, []any{k.events, tombstone}},
			// Events not yet turned into touchpoints (pending, or
			// dead-lettered) are found by the address they carry: few rows,
			// the processed ones are excluded first.
			{"inbound_events", "replace unprocessed payloads", `
				UPDATE inbound_events SET payload = $2::bytea, fetched_payload = CASE WHEN fetched_payload IS NULL THEN NULL ELSE $2::bytea END,
					status = 'failed', last_error = 'payload erased'
				WHERE status <> 'processed' AND NOT (id = ANY($3)) AND EXISTS (
					SELECT 1 FROM unnest($1::text[]) AS a(email)
					WHERE strpos(lower(encode(payload, 'escape')), a.email) > 0
					   OR strpos(lower(encode(COALESCE(fetched_payload, ''::bytea), 'escape')), a.email) > 0)`,
				[]any{k.emails, tombstone, k.events}},
			{"engagement_events", "blank engagement events", `
				UPDATE engagement_events SET email = '', url = '', reason = '', text = '' WHERE id = ANY($1)`, []any{k.engs}},
			{"mail_sink", "delete sink mail", `
				DELETE FROM mail_sink WHERE message_id = ANY($1) OR lower(to_address) = ANY($2)`, []any{k.providerID, emails}},
			{"deals", "replace deal titles", `UPDATE deals SET title = $2 WHERE contact_id = $1`, []any{contactID, ErasedTitle}},
			{"deal_activities", "blank activity notes", `
				UPDATE deal_activities SET note = '' WHERE deal_id IN (SELECT id FROM deals WHERE contact_id = $1)`, []any{contactID}},
			{"nurture_enrollments", "stop nurture", `
				UPDATE nurture_enrollments SET status = 'stopped', ended_at = $2 WHERE contact_id = $1 AND status = 'active'`,
				[]any{contactID, now}},
		}
		for _, st := range steps {
			if err := exec(st.table, st.what, st.sql, st.args...); err != nil {
				return err
			}
		}
		if err := hashSuppressions(ctx, tx, emails, now, er.Rows); err != nil {
			return err
		}
		counts, err := json.Marshal(er.Rows)
		if err != nil {
			return fmt.Errorf("encode erasure counts: %w", err)
		}
		if err := tx.QueryRow(ctx, `
			INSERT INTO erasures (contact_id, erased_at, erased_by, rows) VALUES ($1, $2, $3, $4) RETURNING id`,
			contactID, now, by, counts).Scan(&er.ID); err != nil {
			return fmt.Errorf("record erasure of contact %d: %w", contactID, err)
		}
		return nil
	})
	return er, err
}

// EraseContactJSON is EraseContact with its record encoded, for callers
// that may not import this package (httpapi answers it as is).
func (s *Store) EraseContactJSON(ctx context.Context, contactID int64, by string, now time.Time) (json.RawMessage, error) {
	er, err := s.EraseContact(ctx, contactID, by, now)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(er)
	if err != nil {
		return nil, fmt.Errorf("encode erasure of contact %d: %w", contactID, err)
	}
	return b, nil
}

// eraseLedger replaces the identity values of the contact's ledger (and of
// other contacts' conflict entries naming one of its identities) by a
// keyed hash under a key that is then discarded.
func eraseLedger(ctx context.Context, tx pgx.Tx, contactID int64, key []byte, counts map[string]int64) error {
	rows, err := tx.Query(ctx, `
		SELECT DISTINCT identity_kind, identity_value FROM identity_ledger
		WHERE (contact_id = $1 OR other_contact_id = $1) AND identity_value NOT LIKE 'erased:%'`, contactID)
	if err != nil {
		return fmt.Errorf("read ledger of contact %d: %w", contactID, err)
	}
	ids, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (identity, error) {
		var id identity
		err := r.Scan(&id.kind, &id.value)
		return id, err
	})
	if err != nil {
		return fmt.Errorf("read ledger of contact %d: %w", contactID, err)
	}
	if len(ids) == 0 {
		return nil
	}
	kinds, values, tokens := make([]string, len(ids)), make([]string, len(ids)), make([]string, len(ids))
	for i, id := range ids {
		kinds[i], values[i], tokens[i] = id.kind, id.value, ledgerToken(key, id)
	}
	// Another contact's own entries stay: only a conflict there that
	// names this contact's identity is about this person.
	tag, err := tx.Exec(ctx, `
		UPDATE identity_ledger l SET identity_value = m.token
		FROM unnest($2::text[], $3::text[], $4::text[]) AS m(kind, value, token)
		WHERE l.identity_kind = m.kind AND l.identity_value = m.value
		  AND (l.contact_id = $1 OR (l.other_contact_id = $1 AND l.decision LIKE 'conflict_%'))`,
		contactID, kinds, values, tokens)
	if err != nil {
		return fmt.Errorf("erase ledger of contact %d: %w", contactID, err)
	}
	counts["identity_ledger"] += tag.RowsAffected()
	return nil
}

// ledgerToken is the erased form of a ledger identity: HMAC-SHA256 under a
// per-erasure random key, shortened; equal identities get equal tokens
// within one erasure only.
func ledgerToken(key []byte, id identity) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id.kind + ":" + id.value))
	return "erased:" + hex.EncodeToString(m.Sum(nil)[:12])
}

// eraseScores replaces the reasons of every score breakdown of the contact.
func eraseScores(ctx context.Context, tx pgx.Tx, contactID int64, counts map[string]int64) error {
	rows, err := tx.Query(ctx, `SELECT id, breakdown FROM scores WHERE contact_id = $1`, contactID)
	if err != nil {
		return fmt.Errorf("read scores of contact %d: %w", contactID, err)
	}
	var ids []int64
	var redacted [][]byte
	_, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (struct{}, error) {
		var id int64
		var b []byte
		if err := r.Scan(&id, &b); err != nil {
			return struct{}{}, err
		}
		ids, redacted = append(ids, id), append(redacted, RedactBreakdown(b))
		return struct{}{}, nil
	})
	if err != nil {
		return fmt.Errorf("read scores of contact %d: %w", contactID, err)
	}
	if len(ids) == 0 {
		return nil
	}
	tag, err := tx.Exec(ctx, `
		UPDATE scores s SET breakdown = u.b FROM unnest($1::bigint[], $2::jsonb[]) AS u(id, b) WHERE s.id = u.id`, ids, redacted)
	if err != nil {
		return fmt.Errorf("erase scores of contact %d: %w", contactID, err)
	}
	counts["scores"] += tag.RowsAffected()
	return nil
}

// RedactBreakdown returns a stored score breakdown (scoring.Result as
// JSON) with only what carries no personal data: total, band, model
// version, and per contribution its rule, group and points; each reason
// becomes "reason erased (+N)". Reasons may quote the lead's message,
// answers or the learned model's feature values, so none is kept. Fields
// unknown here are dropped rather than trusted.
func RedactBreakdown(raw []byte) []byte {
	var in struct {
		Total         int    `json:"total"`
		Band          string `json:"band"`
		ModelVersion  string `json:"model_version"`
		Contributions []struct {
			Rule   string `json:"rule"`
			Group  string `json:"group"`
			Points int    `json:"points"`
		} `json:"contributions"`
	}
	if json.Unmarshal(raw, &in) != nil {
		return tombstone
	}
	type contribution struct {
		Rule   string `json:"rule"`
		Group  string `json:"group"`
		Points int    `json:"points"`
		Reason string `json:"reason"`
	}
	out := struct {
		Total         int            `json:"total"`
		Band          string         `json:"band"`
		ModelVersion  string         `json:"model_version"`
		Contributions []contribution `json:"contributions"`
		Erased        bool           `json:"erased"`
	}{Total: in.Total, Band: in.Band, ModelVersion: in.ModelVersion, Contributions: []contribution{}, Erased: true}
	for _, c := range in.Contributions {
		out.Contributions = append(out.Contributions, contribution{Rule: c.Rule, Group: c.Group, Points: c.Points,
			Reason: fmt.Sprintf("reason erased (%+d)", c.Points)})
	}
	b, err := json.Marshal(out)
	if err != nil {
		return tombstone
	}
	return b
}

// eraseOutboxAddresses replaces the contact's own address in its outbox
// rows by "sha256:<hex>" (rep notifications keep the rep's address), blanks
// subjects and errors, and cancels what had not left yet. It returns the
// addresses it replaced, which are suppressed by hash.
func eraseOutboxAddresses(ctx context.Context, tx pgx.Tx, contactID int64, counts map[string]int64) ([]string, error) {
	rows, err := tx.Query(ctx, `
		SELECT DISTINCT o.to_address FROM email_outbox o
		WHERE o.contact_id = $1 AND o.to_address NOT LIKE 'sha256:%'
		  AND NOT EXISTS (SELECT 1 FROM reps r WHERE lower(r.email) = lower(o.to_address))`, contactID)
	if err != nil {
		return nil, fmt.Errorf("read outbox addresses of contact %d: %w", contactID, err)
	}
	addrs, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("read outbox addresses of contact %d: %w", contactID, err)
	}
	hashes := make([]string, len(addrs))
	lowered := make([]string, len(addrs))
	for i, a := range addrs {
		hashes[i], lowered[i] = hashedEmail(a), strings.ToLower(strings.TrimSpace(a))
	}
	if len(addrs) > 0 {
		if _, err := tx.Exec(ctx, `
			UPDATE email_outbox o SET to_address = m.hashed,
				status = CASE WHEN o.status IN ('pending', 'claimed') THEN 'cancelled' ELSE o.status END,
				last_error = CASE WHEN o.status IN ('pending', 'claimed') THEN 'contact erased' ELSE '' END
			FROM unnest($2::text[], $3::text[]) AS m(address, hashed)
			WHERE o.contact_id = $1 AND o.to_address = m.address`, contactID, addrs, hashes); err != nil {
			return nil, fmt.Errorf("erase outbox addresses of contact %d: %w", contactID, err)
		}
	}
	tag, err := tx.Exec(ctx, `
		UPDATE email_outbox SET subject = '', last_error = CASE WHEN status = 'cancelled' THEN last_error ELSE '' END
		WHERE contact_id = $1`, contactID)
	if err != nil {
		return nil, fmt.Errorf("erase outbox subjects of contact %d: %w", contactID, err)
	}
	counts["email_outbox"] += tag.RowsAffected()
	return lowered, nil
}

// hashSuppressions moves the plain suppressions of addresses to
// suppression_hashes (keeping their reason) and suppresses every other
// address by hash with reason "erased".
func hashSuppressions(ctx context.Context, tx pgx.Tx, emails []string, now time.Time, counts map[string]int64) error {
	if len(emails) == 0 {
		return nil
	}
	rows, err := tx.Query(ctx, `DELETE FROM suppressions WHERE email = ANY($1) RETURNING email, reason, created_at`, emails)
	if err != nil {
		return fmt.Errorf("remove plain suppressions: %w", err)
	}
	type sup struct {
		email, reason string
		at            time.Time
	}
	moved, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sup, error) {
		var v sup
		err := r.Scan(&v.email, &v.reason, &v.at)
		return v, err
	})
	if err != nil {
		return fmt.Errorf("remove plain suppressions: %w", err)
	}
	counts["suppressions"] += int64(len(moved))
	byEmail := make(map[string]sup, len(moved))
	for _, m := range moved {
		byEmail[m.email] = m
	}
	var hashes [][]byte
	var reasons []string
	var ats []time.Time
	seen := map[string]bool{}
	for _, e := range emails {
		h := EmailSHA256(e)
		if seen[string(h)] {
			continue
		}
		seen[string(h)] = true
		reason, at := "erased", now
		if m, ok := byEmail[strings.ToLower(strings.TrimSpace(e))]; ok {
			reason, at = m.reason, m.at
		}
		hashes, reasons, ats = append(hashes, h), append(reasons, reason), append(ats, at)
	}
	tag, err := tx.Exec(ctx, `
		INSERT INTO suppression_hashes (email_sha256, reason, created_at)
		SELECT * FROM unnest($1::bytea[], $2::text[], $3::timestamptz[])
		ON CONFLICT (email_sha256) DO NOTHING`, hashes, reasons, ats)
	if err != nil {
		return fmt.Errorf("suppress erased addresses: %w", err)
	}
	counts["suppression_hashes"] += tag.RowsAffected()
	return nil
}
