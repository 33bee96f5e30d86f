package lead

import (
	"fmt"
	"strings"
	"time"
)

// The rules ClaimEmail (package store) applies under its row lock: the
// store reads the rows, these decide. They live here so they are tested
// without a database and stated once.

// DefaultStaleClaim is how long a claim blocks others when
// ClaimPolicy.StaleClaim is unset: a worker that died mid-send.
const DefaultStaleClaim = 10 * time.Minute

// sendWindow is the window of ClaimPolicy.WeeklyCap.
const sendWindow = 7 * 24 * time.Hour

// WithDefaults returns p with its documented defaults filled in.
func (p ClaimPolicy) WithDefaults() ClaimPolicy {
	if p.StaleClaim <= 0 {
		p.StaleClaim = DefaultStaleClaim
	}
	return p
}

// SendWindowStart is how far back sends count against WeeklyCap.
func (p ClaimPolicy) SendWindowStart() time.Time { return p.Now.Add(-sendWindow) }

// SendSlot returns when a marketing email may leave under WeeklyCap and
// MinGap, given the contact's sends in the window (newest first), and why
// it waits; p.Now and "" when it may leave now.
func (p ClaimPolicy) SendSlot(sends []time.Time) (time.Time, string) {
	at, reason := p.Now, ""
	if p.WeeklyCap > 0 && len(sends) >= p.WeeklyCap {
		// Newest first: the cap-th newest send leaves the window first
		// among those that keep it full.
		at, reason = sends[p.WeeklyCap-1].Add(sendWindow), fmt.Sprintf("weekly cap of %d reached", p.WeeklyCap)
	}
	if p.MinGap > 0 && len(sends) > 0 && sends[0].Add(p.MinGap).After(at) {
		at = sends[0].Add(p.MinGap)
		if reason == "" {
			reason = fmt.Sprintf("minimum gap of %s since the last email", p.MinGap)
		}
	}
	if !at.After(p.Now) {
		return p.Now, ""
	}
	return at, reason
}

// SpreadGap is the least time between two held emails of one contact:
// MinGap, at least a second, so held emails leave one by one instead of
// all in the same second.
func (p ClaimPolicy) SpreadGap() time.Duration {
	if p.MinGap <= 0 {
		return time.Second
	}
	return p.MinGap
}

// SpreadSlot moves a held email's slot at past the contact's other
// pending emails planned from at-SpreadGap on (ascending), to the first
// slot at least SpreadGap away from each of them.
func (p ClaimPolicy) SpreadSlot(at time.Time, planned []time.Time) time.Time {
	gap := p.SpreadGap()
	for _, other := range planned {
		if !other.Before(at.Add(gap)) {
			break // free slot before it
		}
		at = other.Add(gap)
	}
	return at
}

// DealEmailState is what the store found of the deal a marketing email is
// tied to.
type DealEmailState struct {
	// Found is false when the deal is gone.
	Found  bool
	Closed bool
	// Stage is the deal's current stage.
	Stage string
}

// StaleDealEmail says why a marketing email tied to a deal must not leave
// any more ("" when it may): its deal is gone or closed, or, for a stage
// email (StageEmailKey), the deal is no longer in the stage that queued
// it. Moving a deal cancels such emails; this catches one queued after
// the move by a late stage task.
func StaleDealEmail(e OutboxEmail, d DealEmailState) string {
	switch {
	case !d.Found:
		return "deal gone"
	case d.Closed:
		return "deal closed"
	}
	if want, ok := StageEmailKeyStage(e.DedupeKey); ok && !strings.EqualFold(want, d.Stage) {
		return "deal left stage " + want
	}
	return ""
}
