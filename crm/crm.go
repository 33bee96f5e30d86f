// Package crm is the shape every CRM leadflow syncs with has to fit: the
// records leadflow pushes (a contact and its deal, keyed by leadflow's own
// ids so an upsert is idempotent), the changes it pulls back (stage moves,
// won, lost, amounts), and the errors that tell the sync worker whether to
// retry. One package per CRM (crm/odoo, crm/hubspot) implements Target; the
// sync worker (crmsync) owns the change log, cursors, retries and
// dead letters and knows nothing of any CRM's API.
//
// The package has no I/O and imports the standard library only.
package crm

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Contact is a person as leadflow pushes it. Key is leadflow's stable
// external id for the contact ("lf-contact-<id>"); a CRM stores it in a
// field of its own (HubSpot: a custom unique property used as idProperty;
// Odoo: ref on res.partner) so that pushing the same contact twice updates
// it instead of creating a second one.
type Contact struct {
	Key       string
	Email     string
	FirstName string
	LastName  string
	Company   string
	Phone     string
	// Country is ISO 3166-1 alpha-2 when known.
	Country string
}

// Deal is an opportunity as leadflow pushes it. Key is leadflow's stable
// external id ("lf-deal-<id>"); ContactKey names the Contact it belongs to
// (pushed first, in the same batch or before).
type Deal struct {
	Key        string
	ContactKey string
	Title      string
	// Stage is leadflow's stage name ("Prospecting", "Qualification",
	// "Initial contact", "Value proposition", "Negotiation", "Won", "Lost");
	// the target maps it to its own stage id through its configuration.
	Stage string
	// Pipeline is leadflow's pipeline name; the target maps it.
	Pipeline string
	// OwnerEmail is the assigned rep's email ("" unassigned); the target
	// maps it to a CRM user through its configuration.
	OwnerEmail string
	// AmountCents is the deal's amount in hundredths of Currency (ISO 4217),
	// as every amount in leadflow is (also for currencies without cents).
	AmountCents int64
	Currency    string
	// AmountEstimated is true while the amount is leadflow's estimate.
	AmountEstimated bool
	// Probability is the stage's win probability, 0..1.
	Probability float64
	// Score and Band are leadflow's qualification (0..100, hot/warm/cold).
	Score int
	Band  string
	// Source and Campaign say where the lead came from (channel, UTM
	// campaign), for the CRM's own reports.
	Source   string
	Campaign string
	// LostReason is set when Stage is the lost stage.
	LostReason string
	// ClosedAt is set when the deal was won or lost.
	ClosedAt *time.Time
	// ChangedAt is when leadflow last changed the deal.
	ChangedAt time.Time
}

// Ref is where a pushed record lives in the CRM: the CRM's own id for the
// record leadflow keys as Key.
type Ref struct {
	Key   string
	CRMID string
}

// Result is the outcome of pushing one record of a batch. Err is nil on
// success; otherwise it is a *RetryableError, a *PermanentError, or any
// other error (treated as retryable).
type Result struct {
	Ref
	Err error
}

// Change is one change made in the CRM to a deal leadflow pushed (or that
// the CRM knows leadflow's key for). Nil fields did not change.
type Change struct {
	// CRMID is the CRM's id of the deal; Key is leadflow's key when the CRM
	// returned it ("" otherwise: the sync worker looks CRMID up).
	CRMID string
	Key   string
	// Stage is leadflow's stage name, mapped back from the CRM's stage.
	Stage       *string
	AmountCents *int64
	Currency    string
	LostReason  *string
	// ChangedAt is when the change was made in the CRM (its own clock):
	// the sync worker keeps the later of a field's values by this time.
	ChangedAt time.Time
	// ByIntegration is true when the CRM says the change was written by
	// leadflow's own integration (HubSpot changeSource/sourceId, Odoo
	// write_uid of the API user): such a change is an echo and is dropped.
	ByIntegration bool
}

// Target is one CRM account leadflow syncs with. Implementations must be
// safe for concurrent use and must make Push idempotent by Key: pushing the
// same record twice leaves one record in the CRM.
type Target interface {
	// Name is the target's stable name ("odoo", "hubspot"), used in the
	// change log, metrics labels and the CLI.
	Name() string
	// Validate checks the configured mapping against the CRM (every
	// mapped stage, pipeline and user exists; the credentials work) and
	// returns an error naming what is missing.
	Validate(ctx context.Context) error
	// PushContacts upserts contacts by Key, one Result per input in order.
	// A non-nil error means the whole call failed (nothing known written).
	PushContacts(ctx context.Context, cs []Contact) ([]Result, error)
	// PushDeals upserts deals by Key and associates each with its contact
	// (contacts maps ContactKey to the contact's CRM id, from PushContacts
	// or an earlier sync), one Result per input in order.
	PushDeals(ctx context.Context, ds []Deal, contacts map[string]string) ([]Result, error)
}

// Poller is a Target whose changes are read by polling (Odoo: write_date
// with a cursor). Webhook-driven targets (HubSpot) hand their changes to the
// sync worker from the HTTP handler instead.
type Poller interface {
	// Changes returns the changes made after cursor ("" on the first call:
	// the target starts from now) and the cursor to pass next time.
	Changes(ctx context.Context, cursor string) ([]Change, string, error)
}

// WebhookReceiver is a Target whose changes arrive as webhooks (HubSpot).
// Webhook authenticates one delivery (signature, replay window, in constant
// time) and returns its changes; an authentication failure is an error
// wrapping ErrBadSignature, a body it cannot read wraps ErrBadPayload.
type WebhookReceiver interface {
	Webhook(ctx context.Context, d Delivery) ([]Change, error)
}

// Delivery is one webhook request as received: the full request URI as the
// CRM called it (scheme and host included, as signatures cover them), the
// headers, the body (already size-bounded by the HTTP layer) and when it
// arrived.
type Delivery struct {
	Method     string
	URL        string
	Header     map[string][]string
	Body       []byte
	ReceivedAt time.Time
}

// ErrBadSignature and ErrBadPayload classify a refused webhook delivery
// (401 and 400).
var (
	ErrBadSignature = errors.New("crm webhook: signature invalid or outside the replay window")
	ErrBadPayload   = errors.New("crm webhook: payload unreadable")
)

// RetryableError is a failure that may succeed later: 429, 5xx, timeouts.
// After is how long the CRM asked to wait (Retry-After, rate-limit
// headers), zero when it did not say.
type RetryableError struct {
	After time.Duration
	Err   error
}

func (e *RetryableError) Error() string {
	if e.After > 0 {
		return fmt.Sprintf("%v (retry after %s)", e.Err, e.After)
	}
	return e.Err.Error()
}

func (e *RetryableError) Unwrap() error { return e.Err }

// PermanentError is a failure retrying cannot fix (a 4xx other than 429,
// a record the CRM refuses). Message is the CRM's own error, redacted of
// personal data, kept on the dead letter.
type PermanentError struct {
	Message string
	Err     error
}

func (e *PermanentError) Error() string { return e.Message }

func (e *PermanentError) Unwrap() error { return e.Err }

// ErrUnauthorized wraps a rejected credential (expired token, revoked API
// key). It is permanent for the record but the sync worker pauses the
// whole target instead of dead-lettering every change.
var ErrUnauthorized = errors.New("crm: credentials rejected")

// IsPermanent reports whether err should not be retried.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p) && !errors.Is(err, ErrUnauthorized)
}

// RetryAfter returns the wait a *RetryableError in err's chain asked for.
func RetryAfter(err error) (time.Duration, bool) {
	var r *RetryableError
	if errors.As(err, &r) {
		return r.After, true
	}
	return 0, false
}
