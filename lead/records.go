package lead

import (
	"encoding/json"
	"errors"
	"time"
)

// ErrNotFound reports that a looked-up record does not exist. Stores wrap it,
// so callers test with errors.Is without importing the store.
var ErrNotFound = errors.New("not found")

// Event is a raw inbound webhook delivery as stored before it was
// acknowledged. (Connector, Source, EventID) is unique: a provider retry
// finds the existing row instead of creating another.
type Event struct {
	ID         int64
	Connector  string
	Source     string
	EventID    string
	ReceivedAt time.Time
	Payload    []byte
	// Kind is EventKindLead or EventKindEngagement.
	Kind string
	// Fetched is the provider's full lead fetched for a thin notification;
	// nil until fetched or when none is needed.
	Fetched []byte
	// Status is "received", "processed" or "failed".
	Status     string
	LastError  string
	EnqueuedAt *time.Time
}

// Event processing states.
const (
	EventReceived  = "received"
	EventProcessed = "processed"
	EventFailed    = "failed"
)

// Event kinds: what a stored delivery carries.
const (
	EventKindLead       = "lead"
	EventKindEngagement = "engagement"
)

// Touchpoint is one interaction of a contact with our marketing, kept for
// attribution: which source, campaign and click brought them, and when.
type Touchpoint struct {
	ID         int64
	ContactID  int64
	EventID    int64
	Source     string
	Channel    string
	UTM        UTM
	OccurredAt time.Time
	// NewContact reports whether this touchpoint created its contact.
	NewContact bool
	// Conflicts counts identities of the lead that belong to another
	// contact and were therefore not merged (see the identity ledger).
	Conflicts int
}

// EngagementResult is how one recorded engagement resolved.
type EngagementResult struct {
	// ContactID is the contact it belongs to; 0 when none matched.
	ContactID int64
	// Suppressed reports whether it added a suppression.
	Suppressed bool
}

// Score is one stored scoring run; runs are never updated, so the history
// shows how a contact's qualification moved.
type Score struct {
	ID           int64
	ContactID    int64
	TouchpointID int64
	Total        int
	Band         string
	ModelVersion string
	// Breakdown is the JSON explanation (every contribution and its reason).
	Breakdown  json.RawMessage
	ComputedAt time.Time
}

// Rep is a sales rep who can own deals.
type Rep struct {
	ID        int64
	Name      string
	Email     string
	Territory string
	// Capacity is the maximum open deals; 0 means unlimited.
	Capacity int
	Active   bool
	// OpenDeals is the number of open deals the rep owns, when the reader
	// filled it in (routing does).
	OpenDeals int
}

// DealRequest asks for a deal for a contact in a named pipeline and stage.
type DealRequest struct {
	ContactID    int64
	TouchpointID int64
	Pipeline     string
	Stage        string
	Title        string
	Now          time.Time
}

// Deal is an opportunity in a sales pipeline.
type Deal struct {
	ID         int64
	ContactID  int64
	PipelineID int64
	StageID    int64
	Stage      string
	// OwnerRepID is 0 when no active rep could take the deal.
	OwnerRepID int64
	CreatedAt  time.Time
}

// Enrollment is a contact's membership of a nurture program.
type Enrollment struct {
	ID           int64
	ContactID    int64
	TouchpointID int64
	Program      string
	Band         string
	Status       string
	EnrolledAt   time.Time
}

// Activity is one engagement signal of a contact, for engagement scoring.
type Activity struct {
	// Kind is opened, clicked, replied, form_fill or page_visit.
	Kind string
	// At is when it happened.
	At time.Time
	// Count aggregates several page visits reported at once (≥ 1).
	Count int
}

// Email kinds: marketing email needs consent and honours suppressions;
// transactional email (rep notifications) does not market to anyone.
const (
	EmailMarketing     = "marketing"
	EmailTransactional = "transactional"
)

// Outbox email states.
const (
	EmailPending    = "pending"
	EmailClaimed    = "claimed"
	EmailSent       = "sent"
	EmailSuppressed = "suppressed"
	EmailCancelled  = "cancelled"
	EmailFailed     = "failed"
)

// OutboxEmail is one email leadflow intends to send. DedupeKey names the
// intent (contact, template, trigger): a trigger firing twice finds the
// existing row.
type OutboxEmail struct {
	ID           int64
	DedupeKey    string
	ContactID    int64
	Template     string
	Kind         string
	To           string
	SendAfter    time.Time
	EnrollmentID int64
	DealID       int64
	RepID        int64
	Trigger      string
	Status       string
	ProviderID   string
	Attempts     int
	LastError    string
}

// ClaimPolicy is what must hold for a marketing email to leave.
type ClaimPolicy struct {
	// RequireConsent sends marketing email only to contacts who gave
	// marketing consent (GDPR mode).
	RequireConsent bool
	// WeeklyCap is the most marketing emails per contact in 7 days; 0 = no cap.
	WeeklyCap int
	// StaleClaim is how long a claim blocks others (a worker that died
	// mid-send); default 10m.
	StaleClaim time.Duration
	Now        time.Time
}

// Claim is the outcome of claiming an outbox email.
type Claim struct {
	Email OutboxEmail
	// Send is true when the caller must send now.
	Send bool
	// Reason says why not (already sent, suppressed, no consent,
	// cancelled, weekly cap, claimed elsewhere).
	Reason string
	// RetryAt, when set, is when to try again (weekly cap, live claim).
	RetryAt time.Time
}

// StageChange is a deal moving from one stage to another.
type StageChange struct {
	// HistoryID identifies the change (deal_stage_history row); emails it
	// triggers are keyed by it.
	HistoryID  int64
	DealID     int64
	ContactID  int64
	OwnerRepID int64
	From, To   string
	// Closed reports a move into Won or Lost.
	Closed bool
}
