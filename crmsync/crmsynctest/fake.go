// Package crmsynctest is a fake CRM for testing the sync without a real
// one: an honest crm.Target (idempotent upserts by Key, deals associated to
// their contacts, CRM ids of its own), with switchable failures (429 with a
// wait, 5xx, permanent refusals, expired credentials, partial batch
// failures) and CRM-side edits read back by polling (Poller) or delivered
// as signed webhooks (Receiver). It models no particular CRM: the real
// clients' stand-ins are crm/odoo/odootest and crm/hubspot/hubspottest.
package crmsynctest

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"leadflow/crm"
)

// Record is a contact or a deal as the fake CRM holds it.
type Record struct {
	CRMID string
	// Writes counts the upserts that wrote it (1 = created once, never
	// updated).
	Writes int
	// Contact or Deal is the last pushed version.
	Contact crm.Contact
	Deal    crm.Deal
	// ContactCRMID is a deal's associated contact.
	ContactCRMID string
}

// Fake is an in-memory CRM. The zero value is not usable: use New.
type Fake struct {
	name string
	mu   sync.Mutex
	next int
	// contacts and deals are keyed by leadflow's Key: the idempotency.
	contacts, deals map[string]*Record
	byCRMID         map[string]string
	calls           []Call
	faults          []Fault
	recordFaults    map[string][]error
	changes         []crm.Change
	validateErr     error
	// BeforePushDealsFunc, when set, runs at the start of each PushDeals
	// call (after the contacts were stored): a chaos test kills the pusher
	// there.
	BeforePushDealsFunc func(ctx context.Context)
	// EchoPushes makes every deal upsert come back as a change flagged
	// ByIntegration, as HubSpot's webhooks and Odoo's write_uid report
	// the integration's own writes.
	EchoPushes bool
}

// Call is one push call the fake received.
type Call struct {
	// Kind is "contacts" or "deals"; Keys the records in the call.
	Kind string
	Keys []string
}

// Fault is a whole-call failure the next call of Kind ("contacts",
// "deals" or "" for either) answers instead of writing anything.
type Fault struct {
	Kind string
	Err  error
}

// New returns an empty fake CRM named name.
func New(name string) *Fake {
	return &Fake{name: name, contacts: map[string]*Record{}, deals: map[string]*Record{}, byCRMID: map[string]string{},
		recordFaults: map[string][]error{}}
}

// Errors like a CRM's, for the switches.
var (
	// RateLimited is a 429 asking to wait 7s.
	RateLimited = &crm.RetryableError{After: 7 * time.Second, Err: errors.New("fake crm: 429 too many requests")}
	// Unavailable is a 503 without a wait.
	Unavailable = &crm.RetryableError{Err: errors.New("fake crm: 503 service unavailable")}
	// ErrExpired is a refused credential.
	ErrExpired = fmt.Errorf("fake crm: 401 token expired: %w", crm.ErrUnauthorized)
)

// Refused is a permanent refusal of a record with the CRM's message.
func Refused(msg string) error {
	return &crm.PermanentError{Message: "fake crm: " + msg, Err: errors.New(msg)}
}

// FailCalls makes the next calls answer faults, in order.
func (f *Fake) FailCalls(faults ...Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults = append(f.faults, faults...)
}

// FailRecord makes the next pushes of the record keyed key fail with errs,
// one per push, while the rest of its batch succeeds (a partial batch
// failure).
func (f *Fake) FailRecord(key string, errs ...error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.recordFaults[key] = append(f.recordFaults[key], errs...)
}

// SetValidateError makes Validate answer err (nil: valid).
func (f *Fake) SetValidateError(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.validateErr = err
}

// Name implements crm.Target.
func (f *Fake) Name() string { return f.name }

// Validate implements crm.Target.
func (f *Fake) Validate(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.validateErr
}

func (f *Fake) fault(kind string) error {
	for i, ft := range f.faults {
		if ft.Kind == "" || ft.Kind == kind {
			f.faults = append(f.faults[:i], f.faults[i+1:]...)
			return ft.Err
		}
	}
	return nil
}

func (f *Fake) recordFault(key string) error {
	errs := f.recordFaults[key]
	if len(errs) == 0 {
		return nil
	}
	f.recordFaults[key] = errs[1:]
	return errs[0]
}

func (f *Fake) newID(prefix string) string {
	f.next++
	return prefix + strconv.Itoa(f.next)
}

// PushContacts implements crm.Target: an upsert by Key.
func (f *Fake) PushContacts(ctx context.Context, cs []crm.Contact) ([]crm.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	call := Call{Kind: "contacts"}
	for _, c := range cs {
		call.Keys = append(call.Keys, c.Key)
	}
	f.calls = append(f.calls, call)
	if err := f.fault("contacts"); err != nil {
		return nil, err
	}
	out := make([]crm.Result, len(cs))
	for i, c := range cs {
		out[i].Key = c.Key
		if c.Key == "" {
			out[i].Err = Refused("contact without a key")
			continue
		}
		if err := f.recordFault(c.Key); err != nil {
			out[i].Err = err
			continue
		}
		r := f.contacts[c.Key]
		if r == nil {
			r = &Record{CRMID: f.newID("c")}
			f.contacts[c.Key] = r
			f.byCRMID[r.CRMID] = c.Key
		}
		r.Contact, r.Writes = c, r.Writes+1
		out[i].CRMID = r.CRMID
	}
	return out, nil
}

// PushDeals implements crm.Target: an upsert by Key, associated with the
// contact's CRM id (which must exist: a deal without its contact is
// refused, as the real CRMs refuse an association to a missing record).
func (f *Fake) PushDeals(ctx context.Context, ds []crm.Deal, contacts map[string]string) ([]crm.Result, error) {
	if hook := f.BeforePushDealsFunc; hook != nil {
		hook(ctx)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	call := Call{Kind: "deals"}
	for _, d := range ds {
		call.Keys = append(call.Keys, d.Key)
	}
	f.calls = append(f.calls, call)
	if err := f.fault("deals"); err != nil {
		return nil, err
	}
	out := make([]crm.Result, len(ds))
	for i, d := range ds {
		out[i].Key = d.Key
		if err := f.recordFault(d.Key); err != nil {
			out[i].Err = err
			continue
		}
		cid := contacts[d.ContactKey]
		if cid == "" || f.byCRMID[cid] != d.ContactKey {
			out[i].Err = Refused(fmt.Sprintf("deal %s: association to unknown contact %q", d.Key, cid))
			continue
		}
		r := f.deals[d.Key]
		if r == nil {
			r = &Record{CRMID: f.newID("d")}
			f.deals[d.Key] = r
			f.byCRMID[r.CRMID] = d.Key
		}
		r.Deal, r.ContactCRMID, r.Writes = d, cid, r.Writes+1
		out[i].CRMID = r.CRMID
		if f.EchoPushes {
			stage, amount := d.Stage, d.AmountCents
			f.changes = append(f.changes, crm.Change{CRMID: r.CRMID, Stage: &stage, AmountCents: &amount, ChangedAt: d.ChangedAt, ByIntegration: true})
		}
	}
	return out, nil
}

// Edit is a change a CRM user makes to a pushed deal.
type Edit struct {
	Stage       *string
	AmountCents *int64
	LostReason  *string
	At          time.Time
}

// EditDeal applies a CRM user's edit to the deal leadflow pushed as key,
// and records it as a change for Changes and Webhook bodies. It returns
// the change (with the CRM id only, as a CRM reports it).
func (f *Fake) EditDeal(key string, e Edit) (crm.Change, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := f.deals[key]
	if r == nil {
		return crm.Change{}, fmt.Errorf("fake crm: no deal %s", key)
	}
	if e.Stage != nil {
		r.Deal.Stage = *e.Stage
	}
	if e.AmountCents != nil {
		r.Deal.AmountCents = *e.AmountCents
	}
	if e.LostReason != nil {
		r.Deal.LostReason = *e.LostReason
	}
	ch := crm.Change{CRMID: r.CRMID, Stage: e.Stage, AmountCents: e.AmountCents, LostReason: e.LostReason, ChangedAt: e.At}
	f.changes = append(f.changes, ch)
	return ch, nil
}

// Contact returns the contact stored under key.
func (f *Fake) Contact(key string) (Record, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.contacts[key]
	if !ok {
		return Record{}, false
	}
	return *r, true
}

// Deal returns the deal stored under key.
func (f *Fake) Deal(key string) (Record, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.deals[key]
	if !ok {
		return Record{}, false
	}
	return *r, true
}

// Counts are how many contacts and deals the CRM holds.
func (f *Fake) Counts() (contacts, deals int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.contacts), len(f.deals)
}

// Calls returns the push calls received so far.
func (f *Fake) Calls() []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Call(nil), f.calls...)
}

// Poller is the fake read by polling: Changes pages through the edits
// (and echoes) in order; the cursor is the count already read.
type Poller struct{ *Fake }

// Changes implements crm.Poller. An empty cursor starts from the
// beginning (the fake keeps every change; a real CRM starts from now).
func (p Poller) Changes(ctx context.Context, cursor string) ([]crm.Change, string, error) {
	if err := ctx.Err(); err != nil {
		return nil, cursor, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.fault("changes"); err != nil {
		return nil, cursor, err
	}
	from := 0
	if cursor != "" {
		n, err := strconv.Atoi(cursor)
		if err != nil || n < 0 || n > len(p.changes) {
			return nil, cursor, &crm.PermanentError{Message: fmt.Sprintf("fake crm: bad cursor %q", cursor), Err: errors.New("bad cursor")}
		}
		from = n
	}
	out := append([]crm.Change(nil), p.changes[from:]...)
	return out, strconv.Itoa(len(p.changes)), nil
}

// SignatureHeader carries the Receiver's signature: hex HMAC-SHA256 of
// the body under its secret.
const SignatureHeader = "X-Fake-Crm-Signature"

// Receiver is the fake delivering changes as signed webhooks: a JSON body
// {"changes": [crm.Change...]}.
type Receiver struct {
	*Fake
	Secret []byte
}

// WebhookBody is the body of a Receiver delivery.
type WebhookBody struct {
	Changes []crm.Change `json:"changes"`
}

// Sign returns the signature header value of body.
func (r Receiver) Sign(body []byte) string {
	m := hmac.New(sha256.New, r.Secret)
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Webhook implements crm.WebhookReceiver: the signature is checked in
// constant time before the body is read.
func (r Receiver) Webhook(_ context.Context, d crm.Delivery) ([]crm.Change, error) {
	var sig string
	if v := d.Header[SignatureHeader]; len(v) == 1 {
		sig = v[0]
	}
	got, err := hex.DecodeString(sig)
	if err != nil || !hmac.Equal(got, mustHex(r.Sign(d.Body))) {
		return nil, fmt.Errorf("fake crm delivery: %w", crm.ErrBadSignature)
	}
	var b WebhookBody
	if err := json.Unmarshal(d.Body, &b); err != nil {
		return nil, fmt.Errorf("fake crm delivery: %w: %v", crm.ErrBadPayload, err)
	}
	for i, ch := range b.Changes {
		if ch.CRMID == "" && ch.Key == "" {
			return nil, fmt.Errorf("fake crm delivery: change %d names no deal: %w", i, crm.ErrBadPayload)
		}
	}
	return b.Changes, nil
}

func mustHex(s string) []byte {
	b, _ := hex.DecodeString(s)
	return b
}
