package privacy

import (
	"encoding/json"
	"time"
	"unicode/utf8"

	"leadflow/store"
)

// ExportFormat names the layout of Document. It changes only when a field
// is removed or changes meaning; added fields keep it.
const ExportFormat = "leadflow.contact-export.v1"

// Document is everything leadflow holds about one person, as one document
// (leadflow contacts export, GET /v1/contacts/{id}/export). Field names are
// stable (see ExportFormat); every list is present, empty when there is
// nothing, and ordered oldest first.
type Document struct {
	// Format is ExportFormat.
	Format     string    `json:"format"`
	ExportedAt time.Time `json:"exported_at"`
	// Contact is the profile.
	Contact Contact `json:"contact"`
	// Identities are the normalized email addresses and E.164 phone
	// numbers that resolve to the contact.
	Identities []Identity `json:"identities"`
	// Touchpoints are the submissions, with answers, consent, UTM and
	// click ids.
	Touchpoints []Touchpoint `json:"touchpoints"`
	// InboundEvents are the raw webhooks the touchpoints, ledger entries
	// and engagements came from, as received.
	InboundEvents []Event `json:"inbound_events"`
	// IdentityLedger is every identity-resolution decision about the contact.
	IdentityLedger []LedgerEntry `json:"identity_ledger"`
	// Scores are every scoring run with its breakdown (scoring.Result).
	Scores []Score `json:"scores"`
	// BandChanges are the band crossings (cold → hot, …).
	BandChanges []BandChange `json:"band_changes"`
	// Deals are the contact's deals with stage history and activities.
	Deals []Deal `json:"deals"`
	// RoutingDecisions say which rule, team and rep each deal went to.
	RoutingDecisions []RoutingDecision `json:"routing_decisions"`
	// NurtureEnrollments are the nurture programs the contact was in.
	NurtureEnrollments []Enrollment `json:"nurture_enrollments"`
	// Emails are the outbox: every email queued to or about the contact
	// (rep notifications go to the rep's address).
	Emails []Email `json:"emails"`
	// SinkMail are the messages the local mail sink stored for those
	// emails (only without Mailgun), with their bodies.
	SinkMail []SinkMail `json:"sink_mail"`
	// Engagements are email events (delivered, opened, clicked, replied,
	// bounced, …), including unmatched ones carrying the contact's address.
	Engagements []Engagement `json:"engagements"`
	// Suppressions are the contact's addresses on the suppression list;
	// an erased address shows as "sha256:<hex>".
	Suppressions []Suppression `json:"suppressions"`
	// Erasures are the erasures already applied to the contact.
	Erasures []Erasure `json:"erasures"`
}

// Contact is the profile of a contact.
type Contact struct {
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

// Identity is one email or phone of a contact.
type Identity struct {
	Kind      string    `json:"kind"`
	Value     string    `json:"value"`
	CreatedAt time.Time `json:"created_at"`
}

// Touchpoint is one touchpoint with everything it recorded.
type Touchpoint struct {
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
	Consent        Consent         `json:"consent"`
	Message        string          `json:"message"`
	Answers        json.RawMessage `json:"answers"`
	Attributes     json.RawMessage `json:"attributes"`
	IsTest         bool            `json:"is_test"`
	OccurredAt     time.Time       `json:"occurred_at"`
	CreatedAt      time.Time       `json:"created_at"`
}

// Consent is the marketing consent a touchpoint recorded.
type Consent struct {
	Marketing bool       `json:"marketing"`
	Text      string     `json:"text"`
	At        *time.Time `json:"at"`
}

// Event is one raw inbound webhook. Payload is the body as JSON when it is
// JSON, else a JSON string (or {"base64": …} for binary).
type Event struct {
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

// LedgerEntry is one identity-resolution decision.
type LedgerEntry struct {
	ID             int64     `json:"id"`
	Decision       string    `json:"decision"`
	IdentityKind   string    `json:"identity_kind"`
	IdentityValue  string    `json:"identity_value"`
	OtherContactID *int64    `json:"other_contact_id"`
	InboundEventID *int64    `json:"inbound_event_id"`
	CreatedAt      time.Time `json:"created_at"`
}

// Score is one scoring run.
type Score struct {
	ID           int64           `json:"id"`
	TouchpointID *int64          `json:"touchpoint_id"`
	Total        int             `json:"total"`
	Band         string          `json:"band"`
	ModelVersion string          `json:"model_version"`
	Breakdown    json.RawMessage `json:"breakdown"`
	ComputedAt   time.Time       `json:"computed_at"`
}

// BandChange is one band crossing.
type BandChange struct {
	ScoreID   int64     `json:"score_id"`
	FromBand  string    `json:"from_band"`
	ToBand    string    `json:"to_band"`
	ChangedAt time.Time `json:"changed_at"`
}

// Deal is one deal with its history.
type Deal struct {
	ID           int64         `json:"id"`
	Pipeline     string        `json:"pipeline"`
	Stage        string        `json:"stage"`
	OwnerRepID   *int64        `json:"owner_rep_id"`
	Team         string        `json:"team"`
	Title        string        `json:"title"`
	AmountCents  int64         `json:"amount_cents"`
	Currency     string        `json:"currency"`
	LostReason   string        `json:"lost_reason"`
	CreatedAt    time.Time     `json:"created_at"`
	ClosedAt     *time.Time    `json:"closed_at"`
	StageHistory []StageChange `json:"stage_history"`
	Activities   []Activity    `json:"activities"`
}

// StageChange is one recorded stage move of a deal; From is left out for
// the first stage.
type StageChange struct {
	From      string    `json:"from,omitempty"`
	To        string    `json:"to"`
	ChangedAt time.Time `json:"changed_at"`
	ChangedBy string    `json:"changed_by"`
}

// Activity is one rep activity on a deal.
type Activity struct {
	ID         int64     `json:"id"`
	RepID      int64     `json:"rep_id,omitempty"`
	Kind       string    `json:"kind"`
	Note       string    `json:"note"`
	OccurredAt time.Time `json:"occurred_at"`
}

// RoutingDecision is one routing decision about the contact.
type RoutingDecision struct {
	DealID    *int64          `json:"deal_id"`
	Kind      string          `json:"kind"`
	Rule      string          `json:"rule"`
	Team      string          `json:"team"`
	RepID     *int64          `json:"rep_id"`
	Skipped   json.RawMessage `json:"skipped"`
	CreatedAt time.Time       `json:"created_at"`
}

// Enrollment is one nurture enrollment.
type Enrollment struct {
	ID         int64      `json:"id"`
	Program    string     `json:"program"`
	Band       string     `json:"band"`
	Status     string     `json:"status"`
	EnrolledAt time.Time  `json:"enrolled_at"`
	EndedAt    *time.Time `json:"ended_at"`
}

// Email is one outbox email.
type Email struct {
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

// SinkMail is one message stored by the local mail sink.
type SinkMail struct {
	MessageID string    `json:"message_id"`
	To        string    `json:"to"`
	From      string    `json:"from"`
	Subject   string    `json:"subject"`
	Text      string    `json:"text"`
	HTML      string    `json:"html"`
	CreatedAt time.Time `json:"created_at"`
}

// Engagement is one email engagement event.
type Engagement struct {
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

// Suppression is one suppression of the contact's addresses.
type Suppression struct {
	Email     string    `json:"email"`
	Reason    string    `json:"reason"`
	CreatedAt time.Time `json:"created_at"`
}

// Erasure is one erasure already applied.
type Erasure struct {
	ID       int64     `json:"id"`
	ErasedAt time.Time `json:"erased_at"`
	ErasedBy string    `json:"erased_by"`
}

// NewDocument lays out the rows held about a person as the export
// document, exported at now.
func NewDocument(r store.PersonRecords, now time.Time) Document {
	c := r.Contact
	d := Document{
		Format: ExportFormat, ExportedAt: now,
		Contact: Contact{ID: c.ID, Ref: c.Ref, FirstName: c.FirstName, LastName: c.LastName, Company: c.Company, Title: c.Title,
			Country: c.Country, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, FirstTouchAt: c.FirstTouchAt, ErasedAt: c.ErasedAt},
		Identities:         each(r.Identities, func(v store.PersonIdentity) Identity { return Identity(v) }),
		Touchpoints:        each(r.Touchpoints, touchpoint),
		InboundEvents:      each(r.InboundEvents, event),
		IdentityLedger:     each(r.IdentityLedger, func(v store.PersonLedgerEntry) LedgerEntry { return LedgerEntry(v) }),
		Scores:             each(r.Scores, score),
		BandChanges:        each(r.BandChanges, func(v store.PersonBandChange) BandChange { return BandChange(v) }),
		Deals:              deals(r),
		RoutingDecisions:   each(r.RoutingDecisions, routingDecision),
		NurtureEnrollments: each(r.NurtureEnrollments, func(v store.PersonEnrollment) Enrollment { return Enrollment(v) }),
		Emails:             each(r.Emails, email),
		SinkMail:           each(r.SinkMail, sinkMail),
		Engagements:        each(r.Engagements, engagement),
		Suppressions:       each(r.Suppressions, func(v store.PersonSuppression) Suppression { return Suppression(v) }),
		Erasures:           each(r.Erasures, func(v store.PersonErasure) Erasure { return Erasure(v) }),
	}
	return d
}

// each maps rows to document entries; the result is never nil, so every
// empty list encodes as [] rather than null.
func each[R, V any](rows []R, f func(R) V) []V {
	out := make([]V, 0, len(rows))
	for _, r := range rows {
		out = append(out, f(r))
	}
	return out
}

func touchpoint(v store.PersonTouchpoint) Touchpoint {
	return Touchpoint{ID: v.ID, InboundEventID: v.InboundEventID, Source: v.Source, Channel: v.Channel, ExternalID: v.ExternalID,
		UTMSource: v.UTMSource, UTMMedium: v.UTMMedium, UTMCampaign: v.UTMCampaign, UTMTerm: v.UTMTerm, UTMContent: v.UTMContent,
		CampaignIDs: v.CampaignIDs, ClickIDs: v.ClickIDs, LandingURL: v.LandingURL,
		Consent: Consent{Marketing: v.ConsentMarketing, Text: v.ConsentText, At: v.ConsentAt},
		Message: v.Message, Answers: v.Answers, Attributes: v.Attributes, IsTest: v.IsTest, OccurredAt: v.OccurredAt, CreatedAt: v.CreatedAt}
}

func event(v store.PersonEvent) Event {
	e := Event{ID: v.ID, Connector: v.Connector, Source: v.Source, EventID: v.EventID, Kind: v.Kind, Status: v.Status,
		ReceivedAt: v.ReceivedAt, Payload: payloadJSON(v.Payload)}
	if v.FetchedPayload != nil {
		e.FetchedPayload = payloadJSON(v.FetchedPayload)
	}
	return e
}

func score(v store.PersonScore) Score {
	return Score{ID: v.ID, TouchpointID: v.TouchpointID, Total: int(v.Total), Band: v.Band, ModelVersion: v.ModelVersion,
		Breakdown: v.Breakdown, ComputedAt: v.ComputedAt}
}

// deals are the deals with their stage history and activities, each list
// in the order read (oldest first).
func deals(r store.PersonRecords) []Deal {
	out := make([]Deal, 0, len(r.Deals))
	at := make(map[int64]int, len(r.Deals))
	for _, v := range r.Deals {
		at[v.ID] = len(out)
		out = append(out, Deal{ID: v.ID, Pipeline: v.Pipeline, Stage: v.Stage, OwnerRepID: v.OwnerRepID, Team: v.Team, Title: v.Title,
			AmountCents: v.AmountCents, Currency: v.Currency, LostReason: v.LostReason, CreatedAt: v.CreatedAt, ClosedAt: v.ClosedAt,
			StageHistory: []StageChange{}, Activities: []Activity{}})
	}
	for _, h := range r.StageHistory {
		if i, ok := at[h.DealID]; ok {
			out[i].StageHistory = append(out[i].StageHistory,
				StageChange{From: h.From, To: h.To, ChangedAt: h.ChangedAt, ChangedBy: h.ChangedBy})
		}
	}
	for _, a := range r.Activities {
		if i, ok := at[a.DealID]; ok {
			out[i].Activities = append(out[i].Activities,
				Activity{ID: a.ID, RepID: a.RepID, Kind: a.Kind, Note: a.Note, OccurredAt: a.OccurredAt})
		}
	}
	return out
}

func routingDecision(v store.PersonRoutingDecision) RoutingDecision {
	return RoutingDecision{DealID: v.DealID, Kind: v.Kind, Rule: v.Rule, Team: v.Team, RepID: v.RepID, Skipped: v.Skipped,
		CreatedAt: v.CreatedAt}
}

func email(v store.PersonEmail) Email {
	return Email{ID: v.ID, Template: v.Template, Kind: v.Kind, To: v.ToAddress, Subject: v.Subject, Status: v.Status, Trigger: v.Trigger,
		ProviderMessageID: v.ProviderMessageID, CreatedAt: v.CreatedAt, SendAfter: v.SendAfter, SentAt: v.SentAt}
}

func sinkMail(v store.PersonSinkMail) SinkMail {
	return SinkMail{MessageID: v.MessageID, To: v.ToAddress, From: v.FromAddress, Subject: v.Subject, Text: v.TextBody, HTML: v.HtmlBody,
		CreatedAt: v.CreatedAt}
}

func engagement(v store.PersonEngagement) Engagement {
	return Engagement{ID: v.ID, InboundEventID: v.InboundEventID, Kind: v.Kind, Email: v.Email, MessageID: v.MessageID, URL: v.Url,
		Severity: v.Severity, Reason: v.Reason, Text: v.Text, IsTest: v.IsTest, OccurredAt: v.OccurredAt}
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
