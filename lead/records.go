package lead

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
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
	// TaskID is the Asynq id of the task that processes the event (one
	// task may carry a group of events); empty when none was assigned.
	TaskID string
}

// PendingEvent is a stored event not yet routed nor dead-lettered, as the
// relay walks them: its place in (ReceivedAt, ID) order and the task that
// carries it. The zero value is the place before the first event.
type PendingEvent struct {
	ID         int64
	ReceivedAt time.Time
	TaskID     string
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
	// TimeZone, WorkingHours ("09:00-17:30"), WorkingDays (mon..sun) and
	// OutOfOffice say when the rep can take leads; empty = always.
	TimeZone     string
	WorkingHours string
	WorkingDays  []string
	OutOfOffice  []TimeRange
	// BookingURL is the rep's scheduling page (an https URL), through which
	// the Initial contact email proposes the first meeting; "" for none.
	BookingURL string
}

// DealRequest asks for a deal for a contact in a named pipeline and stage.
type DealRequest struct {
	ContactID    int64
	TouchpointID int64
	Pipeline     string
	Stage        string
	Title        string
	Now          time.Time
	// EstimatedAmountCents is the amount the deal opens with, marked as an
	// estimate until a rep sets one (pipeline.EstimateAmount: the lead's
	// stated budget, else the pipeline's default); 0 opens it without an
	// amount. A deal already open keeps its own.
	EstimatedAmountCents int64
	// Team, when set, assigns within that routing team through PickFunc
	// (fair weighted assignment) instead of the pipeline's round robin.
	Team string
	// Rule names the routing rule that chose the team (for the ledger).
	Rule string
	// PickFunc chooses among the team's members; required with Team.
	PickFunc func([]TeamMember) Assignment
	// SLA, when positive, starts the owner's first-touch deadline (Now +
	// SLA) with the deal, in the transaction that opens it: a retry that
	// finds the deal already open never finds it without its deadline.
	// A deal without an owner gets none.
	SLA time.Duration
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
	// SLADue is when the owner's first touch is due; zero when no
	// speed-to-lead timer runs (read by OpenDeal, and returned by
	// CreateDeal(s) for a deal they opened).
	SLADue time.Time
	// MeetingAt is the meeting time a rep set; zero when none (read by
	// OpenDeal only). The Initial contact email invites the lead to it.
	MeetingAt time.Time
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

// ClosedDeal is a contact's closed deal, as routing needs it.
type ClosedDeal struct {
	ID int64
	// Won is true for a won deal, false for a lost one.
	Won bool
	// ClosedAt is when it was won or lost.
	ClosedAt time.Time
}

// ContactText is one free text a contact wrote, for scoring: a
// touchpoint's message or a reply to our email.
type ContactText struct {
	// Text is what they wrote.
	Text string
	// At is when they wrote it.
	At time.Time
	// Reply is true for a reply to an email, false for a touchpoint's
	// message.
	Reply bool
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
	// EmailDigested: a rep notification folded into a digest, the outbox
	// row its DigestID names, which is sent instead (migration 00025).
	EmailDigested = "digested"
)

// DueTimer is a deal's timer that is due: a parked deal's reminder
// (callback) or its owner's first-touch deadline (SLA, with the owner whose
// touch was due).
type DueTimer struct {
	DealID     int64
	OwnerRepID int64
	At         time.Time
}

// DueEmail is a pending outbox email that is due: what the relay needs to
// hand it to a worker (its id, kind for the queue, and due time, which
// names the task so each due time is enqueued once).
type DueEmail struct {
	ID        int64
	Kind      string
	SendAfter time.Time
}

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

// RepDigestPolicy says when a rep notification goes as part of a digest:
// when at least Min other pending notifications (of Templates) to the same
// rep are due by Now+Window.
type RepDigestPolicy struct {
	// Template is the digest's template; Templates those it may gather.
	Template  string
	Templates []string
	Min       int
	Window    time.Duration
	Now       time.Time
}

// RepDigestKey is the dedupe key of the digest that gathers the rep
// notification outbox row id (the one whose send folded the others): a
// row is folded at most once, so one digest per burst.
func RepDigestKey(outboxID int64) string {
	return "rep-digest:" + strconv.FormatInt(outboxID, 10)
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
	// MinGap is the least time between two marketing emails to one
	// contact; 0 = none. Emails held by it or by WeeklyCap are spread
	// MinGap apart (at least a second) rather than all released at once.
	MinGap time.Duration
	Now    time.Time
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
	// Closed reports a move into Won or Lost; Won tells which.
	Closed bool
	Won    bool
	// Pipeline names the deal's pipeline; AmountCents is its amount after
	// the move.
	Pipeline    string
	AmountCents int64
}

// StageEmailKey is the dedupe key of the email sent when a deal enters a
// stage: one per deal and stage, however often the deal re-enters it.
func StageEmailKey(dealID int64, stage string) string {
	return "stage:" + strconv.FormatInt(dealID, 10) + ":" + strings.ToLower(strings.TrimSpace(stage))
}

// ActivityProposal is the kind of the rep activity "proposal sent"; logging
// one on an open deal queues the proposal follow-up email.
const ActivityProposal = "proposal"

// ProposalEmailKeyPrefix starts the dedupe key of every proposal follow-up.
const ProposalEmailKeyPrefix = "proposal:"

// ProposalEmailKey is the dedupe key of a deal's proposal follow-up: one
// per deal, however many proposals are logged on it. Unlike a stage email
// it survives a move between open stages (a proposal is usually followed
// by the move to Negotiation); closing the deal cancels it.
func ProposalEmailKey(dealID int64) string {
	return ProposalEmailKeyPrefix + strconv.FormatInt(dealID, 10)
}

// StageEmailKeyStage returns the stage (lower case) a StageEmailKey names,
// and false for any other key (including the per-history-row keys
// "stage:<id>" of earlier versions).
func StageEmailKeyStage(key string) (string, bool) {
	rest, ok := strings.CutPrefix(key, "stage:")
	if !ok {
		return "", false
	}
	deal, stage, ok := strings.Cut(rest, ":")
	if !ok || deal == "" || strings.Trim(deal, "0123456789") != "" {
		return "", false
	}
	return stage, true
}

// TimeRange is a period, e.g. a rep's out-of-office.
type TimeRange struct {
	From time.Time `json:"from" yaml:"from"`
	To   time.Time `json:"to" yaml:"to"`
}

// TeamMember is a rep as a member of a routing team, with what assignment
// needs to know: share (weight, virtual time), load and availability.
type TeamMember struct {
	RepID        int64
	Weight       float64
	VTime        float64
	Capacity     int
	OpenDeals    int
	Active       bool
	TimeZone     string
	WorkingHours string
	WorkingDays  []string
	OutOfOffice  []TimeRange
}

// SkippedRep says why a rep did not get a lead.
type SkippedRep struct {
	RepID  int64  `json:"rep_id"`
	Reason string `json:"reason"`
}

// Assignment is the outcome of choosing a rep in a team.
type Assignment struct {
	// RepID is the chosen rep; 0 when nobody was eligible.
	RepID int64
	// NewVTime is the chosen rep's virtual time after this assignment.
	NewVTime float64
	// Skipped lists the reps passed over and why.
	Skipped []SkippedRep
}

// StalledDeal is an open, active deal and since when it sits in its stage.
type StalledDeal struct {
	DealID, ContactID, OwnerRepID int64
	Stage                         string
	EnteredAt                     time.Time
}

// RecordedLead is a lead once recorded: its touchpoint, and the lead as
// the touchpoint and its contact now say it (the contact's merged profile,
// first email and phone) — what scoring and routing read, carried in
// memory so that the lead path does not read back what it just wrote.
type RecordedLead struct {
	Touchpoint Touchpoint
	Lead       Lead
}
