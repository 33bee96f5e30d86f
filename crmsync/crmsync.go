// Package crmsync is the domain of syncing leadflow with CRMs (issue 21,
// docs/crm-sync.md): what a push sends and in which order, which failure is
// retried, dead-lettered or pauses a target, how a change pulled from a CRM
// is judged against leadflow's own (echoes, stale edits, the per-field last
// writer) before it is applied like a rep's move. It knows no CRM's API
// (package crm and its clients do) and has no I/O of its own: it works
// through the Store it is given.
package crmsync

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"leadflow/crm"
)

// ContactKey is leadflow's external id of a contact in every CRM.
func ContactKey(contactID int64) string { return "lf-contact-" + strconv.FormatInt(contactID, 10) }

// DealKey is leadflow's external id of a deal in every CRM.
func DealKey(dealID int64) string { return "lf-deal-" + strconv.FormatInt(dealID, 10) }

// ParseDealKey reads a DealKey back; ok is false for anything else.
func ParseDealKey(key string) (int64, bool) {
	s, ok := strings.CutPrefix(key, "lf-deal-")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s {
		return 0, false
	}
	return id, true
}

// Origin is the change origin of a change pulled from target
// (store.DealUpdate.Origin, the "changed by" of its stage history).
func Origin(target string) string { return "crm:" + target }

// Claim is a deal leased from a target's change log.
type Claim struct {
	DealID, Version int64
	// Attempts counts the claims since the last success, this one included.
	Attempts       int
	FirstChangedAt time.Time
}

// DealState is a deal and its contact as they are now, as a push sends
// them; CRM ids are "" when the record was never pushed to the target.
type DealState struct {
	Deal    crm.Deal
	Contact crm.Contact
	// DealID and ContactID are leadflow's ids.
	DealID, ContactID int64
	// StageKind is open, won or lost.
	StageKind string
	// DealCRMID and ContactCRMID are the target's ids of what was pushed.
	DealCRMID, ContactCRMID string
}

// Link is a record a CRM stored (what a push records).
type Link struct {
	// Kind is "contact" or "deal".
	Kind       string
	LeadflowID int64
	CRMID      string
	// Stage, AmountCents and LostReason are the deal's as pushed.
	Stage       string
	AmountCents *int64
	LostReason  string
}

// Retry holds a deal back until NextAt.
type Retry struct {
	DealID int64
	NextAt time.Time
	Error  string
}

// DeadLetter is a record a CRM refused for good.
type DeadLetter struct {
	DealID   int64
	Kind     string
	CRMID    string
	Message  string
	Attempts int
}

// PushOutcome is what one push did, recorded in one transaction.
type PushOutcome struct {
	Links []Link
	// Done ends the claims' log rows (unless changed since the claim).
	Done  []Claim
	Retry []Retry
	// Dead and DeadClaims are the refused records and their claims.
	Dead       []DeadLetter
	DeadClaims []Claim
	LastError  string
}

// Pushed is what leadflow last pushed of a deal to a target.
type Pushed struct {
	DealID      int64
	CRMID       string
	Stage       string
	AmountCents *int64
	LostReason  string
}

// Clock is a deal's synced fields and when leadflow last wrote each.
type Clock struct {
	Stage           string
	StageEnteredAt  time.Time
	AmountCents     int64
	AmountChangedAt time.Time
	LostReason      string
	Closed          bool
}

// Inbound is a stored change from a CRM waiting to be applied.
type Inbound struct {
	ID         int64
	Change     crm.Change
	ReceivedAt time.Time
}

// Update is a change to apply to a deal; nil fields stay.
type Update struct {
	Stage       *string
	AmountCents *int64
	LostReason  *string
	// Origin is Origin(target): the change is not logged back to it.
	Origin string
}

// RefusedError is a pulled change leadflow's deal rules refuse (won
// without an amount, a lost reason not configured, a closed deal moved):
// it is dead-lettered, not retried. The Store's UpdateDeal wraps such
// refusals in it.
type RefusedError struct{ Err error }

func (e *RefusedError) Error() string { return "refused by the deal rules: " + e.Err.Error() }

func (e *RefusedError) Unwrap() error { return e.Err }

// ErrDealGone is returned (wrapped) by the Store's UpdateDeal and DealClock
// for a deal that no longer exists.
var ErrDealGone = errors.New("deal no longer exists")

// ErrUnknownTarget is returned (wrapped) for a target name not configured.
var ErrUnknownTarget = errors.New("unknown crm target")

// ErrPaused is returned (wrapped) when a paused target is asked to sync.
var ErrPaused = errors.New("crm target paused: its credentials were refused")

// Store is what the sync reads and writes (package store, through an
// adapter in internal/node). Every method is one transaction.
type Store interface {
	ClaimChanges(ctx context.Context, target string, limit int, leaseUntil, now time.Time) ([]Claim, error)
	ReleaseClaims(ctx context.Context, target string, dealIDs []int64) error
	DealsForPush(ctx context.Context, target string, dealIDs []int64) ([]DealState, error)
	RecordPush(ctx context.Context, target string, o PushOutcome, now time.Time) error
	PauseTarget(ctx context.Context, target, reason string, now time.Time) error
	// TargetPaused says whether target is paused.
	TargetPaused(ctx context.Context, target string) (bool, error)

	PullCursor(ctx context.Context, target string) (string, error)
	// RecordPull stores a poll's changes and moves the cursor, together.
	RecordPull(ctx context.Context, target string, changes []crm.Change, cursor string, now time.Time) error
	RecordInbound(ctx context.Context, target string, changes []crm.Change, receivedAt time.Time) error
	ClaimInbound(ctx context.Context, target string, limit int, leaseUntil, now time.Time) ([]Inbound, error)
	FinishInbound(ctx context.Context, id int64, outcome string, now time.Time) error
	ReleaseInbound(ctx context.Context, ids []int64) error
	DeadInbound(ctx context.Context, target string, id, dealID int64, crmID, message string, now time.Time) error
	DealByCRMID(ctx context.Context, target, crmID string) (Pushed, bool, error)
	DealLink(ctx context.Context, target string, dealID int64) (Pushed, bool, error)
	DealClock(ctx context.Context, dealID int64) (Clock, error)
	// UpdateDeal applies u as by at (store.UpdateDeal with the deal
	// rules); a refusal is a *RefusedError, a missing deal ErrDealGone.
	UpdateDeal(ctx context.Context, dealID int64, u Update, by string, at time.Time) error
}

// Filter says which deals are pushed the first time; a deal already in
// the CRM is always pushed again when it changes, so its outcome (won,
// lost) reaches the CRM even after its score cooled.
type Filter struct {
	// Bands are the score bands that qualify; empty: any. Default hot.
	Bands []string
	// Stages are the stages that qualify; empty: any.
	Stages []string
}

// Qualifies reports whether a deal not yet in the CRM is pushed.
func (f Filter) Qualifies(band, stage string) bool {
	return (len(f.Bands) == 0 || containsFold(f.Bands, band)) && (len(f.Stages) == 0 || containsFold(f.Stages, stage))
}

// Config configures a Syncer; zero fields take the documented defaults.
type Config struct {
	// Targets are the CRM clients, by Name (the one wiring point of the
	// real clients: internal/node builds them from the configuration).
	Targets []crm.Target
	Store   Store
	// Filters are per target (by Name); a target without one pushes hot
	// leads' deals (DefaultFilter).
	Filters map[string]Filter
	// BatchSize bounds the deals of one push; default 50 (HubSpot's batch
	// upsert takes 100 records, and a deal pushes its contact too).
	BatchSize int
	// Lease is how long a claim is held by one pusher; a pusher killed
	// mid-push leaves its deals to the next after it; default 2m
	// (LEADFLOW_CRM_PUSH_LEASE). It must outlast a push: a claim that
	// runs out mid-push lets a second pusher send the same deals.
	Lease time.Duration
	// BaseBackoff and MaxBackoff shape the retry delay of a retryable
	// failure: BaseBackoff × 2^(attempts-1) with jitter, at most
	// MaxBackoff, and never shorter than the CRM's Retry-After; defaults
	// 10s and 30m.
	BaseBackoff, MaxBackoff time.Duration
	// MaxAttempts dead-letters a record still failing retryably after this
	// many pushes; default 25 (about 10 hours at the defaults).
	MaxAttempts int
	// NowFunc is the clock; default time.Now. RandFunc is the jitter's
	// source in [0,1); default math/rand/v2.
	NowFunc  func() time.Time
	RandFunc func() float64
	Logger   *slog.Logger
}

// DefaultFilter pushes hot leads' deals in any stage.
var DefaultFilter = Filter{Bands: []string{"hot"}}

// Defaults of Config.
const (
	DefaultBatchSize   = 50
	DefaultLease       = 2 * time.Minute
	DefaultBaseBackoff = 10 * time.Second
	DefaultMaxBackoff  = 30 * time.Minute
	DefaultMaxAttempts = 25
)

// Syncer pushes leadflow's changes to the targets and applies theirs.
type Syncer struct {
	cfg     Config
	targets map[string]crm.Target
}

// New fills cfg's defaults. Two targets with one Name are an error.
func New(cfg Config) (*Syncer, error) {
	if cfg.Store == nil {
		return nil, errors.New("crmsync: Config.Store is required")
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.Lease <= 0 {
		cfg.Lease = DefaultLease
	}
	if cfg.BaseBackoff <= 0 {
		cfg.BaseBackoff = DefaultBaseBackoff
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	if cfg.NowFunc == nil {
		cfg.NowFunc = time.Now
	}
	if cfg.RandFunc == nil {
		cfg.RandFunc = rand.Float64
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Syncer{cfg: cfg, targets: map[string]crm.Target{}}
	for _, t := range cfg.Targets {
		if _, dup := s.targets[t.Name()]; dup {
			return nil, fmt.Errorf("crmsync: target %q configured twice", t.Name())
		}
		s.targets[t.Name()] = t
	}
	return s, nil
}

// Lease is how long a push holds the deals it claimed (Config.Lease with
// its default filled).
func (s *Syncer) Lease() time.Duration { return s.cfg.Lease }

// Targets are the configured targets' names, in configuration order.
func (s *Syncer) Targets() []string {
	out := make([]string, 0, len(s.cfg.Targets))
	for _, t := range s.cfg.Targets {
		out = append(out, t.Name())
	}
	return out
}

// Pollers are the names of the targets read by polling.
func (s *Syncer) Pollers() []string {
	var out []string
	for _, t := range s.cfg.Targets {
		if _, ok := t.(crm.Poller); ok {
			out = append(out, t.Name())
		}
	}
	return out
}

// Validate checks every target's mapping against its CRM (start-up): the
// first error names the target and what is missing.
func (s *Syncer) Validate(ctx context.Context) error {
	for _, t := range s.cfg.Targets {
		if err := t.Validate(ctx); err != nil {
			return fmt.Errorf("crm target %s: %w", t.Name(), err)
		}
	}
	return nil
}

func (s *Syncer) target(name string) (crm.Target, error) {
	t, ok := s.targets[name]
	if !ok {
		return nil, fmt.Errorf("%w %q (configured: %s)", ErrUnknownTarget, name, strings.Join(s.Targets(), ", "))
	}
	return t, nil
}

// Backoff is the wait before the attempts-th retry: base × 2^(attempts-1),
// capped at max, with "equal jitter" (half fixed, half random, so retries
// of one failed batch spread out), and never less than the CRM's after.
func Backoff(attempts int, after, base, max time.Duration, rnd func() float64) time.Duration {
	d := base
	for i := 1; i < attempts && d < max; i++ {
		d *= 2
	}
	d = min(d, max)
	d = d/2 + time.Duration(rnd()*float64(d/2))
	return maxDuration(d, after)
}

func maxDuration(a, b time.Duration) time.Duration {
	if a > b {
		return a
	}
	return b
}

func containsFold(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(strings.TrimSpace(x), strings.TrimSpace(v)) {
			return true
		}
	}
	return false
}
