package crmsync_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/crm"
	"leadflow/crmsync"
	"leadflow/crmsync/crmsynctest"
)

func ptr[T any](v T) *T { return &v }

func TestDealKeyRoundTrip(t *testing.T) {
	id, ok := crmsync.ParseDealKey(crmsync.DealKey(42))
	require.True(t, ok)
	require.EqualValues(t, 42, id)
	for _, bad := range []string{"", "lf-deal-", "lf-deal-0", "lf-deal--1", "lf-deal-042", "lf-deal-1x", "lf-contact-1", "lf-deal-99999999999999999999"} {
		_, ok := crmsync.ParseDealKey(bad)
		require.False(t, ok, bad)
	}
}

func TestFilterQualifies(t *testing.T) {
	tests := []struct {
		name        string
		f           crmsync.Filter
		band, stage string
		want        bool
	}{
		{name: "default hot", f: crmsync.DefaultFilter, band: "hot", stage: "Qualification", want: true},
		{name: "default warm", f: crmsync.DefaultFilter, band: "warm", stage: "Qualification"},
		{name: "any", f: crmsync.Filter{}, band: "cold", stage: "Won", want: true},
		{name: "stage listed", f: crmsync.Filter{Stages: []string{"negotiation"}}, band: "warm", stage: "Negotiation", want: true},
		{name: "stage not listed", f: crmsync.Filter{Stages: []string{"Negotiation"}}, band: "hot", stage: "Qualification"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, tt.f.Qualifies(tt.band, tt.stage))
		})
	}
}

func TestBackoff(t *testing.T) {
	half := func() float64 { return 0.5 }
	tests := []struct {
		name     string
		attempts int
		after    time.Duration
		want     time.Duration
	}{
		{name: "first", attempts: 1, want: 7500 * time.Millisecond},
		{name: "third doubles twice", attempts: 3, want: 30 * time.Second},
		{name: "capped", attempts: 40, want: 22*time.Minute + 30*time.Second},
		{name: "retry-after wins when longer", attempts: 1, after: time.Minute, want: time.Minute},
		{name: "backoff wins when longer", attempts: 5, after: time.Second, want: 120 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, crmsync.Backoff(tt.attempts, tt.after, 10*time.Second, 30*time.Minute, half))
		})
	}
	// Jitter stays within [d/2, d].
	require.Equal(t, 5*time.Second, crmsync.Backoff(1, 0, 10*time.Second, time.Hour, func() float64 { return 0 }))
}

func TestClassify(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{crmsynctest.RateLimited, crmsync.ClassRateLimited},
		{crmsynctest.Unavailable, crmsync.ClassRetryable},
		{errors.New("connection reset"), crmsync.ClassRetryable},
		{crmsynctest.Refused("bad"), crmsync.ClassPermanent},
		{crmsynctest.ErrExpired, crmsync.ClassUnauthorized},
		{fmt.Errorf("wrapped: %w", &crm.PermanentError{Message: "no", Err: crm.ErrUnauthorized}), crmsync.ClassUnauthorized},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, crmsync.Classify(tt.err), tt.err.Error())
	}
}

// TestDecide is the documented conflict rule, field by field.
func TestDecide(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	now := t0.Add(24 * time.Hour)
	clock := crmsync.Clock{Stage: "Qualification", StageEnteredAt: t0, AmountCents: 1000, AmountChangedAt: t0}
	pushed := &crmsync.Pushed{Stage: "Qualification", AmountCents: ptr(int64(1000))}
	at := func(d time.Duration) time.Time { return t0.Add(d) }
	tests := []struct {
		name    string
		clock   crmsync.Clock
		pushed  *crmsync.Pushed
		changes []crm.Change
		want    crmsync.Decision
	}{
		{name: "newer stage applies", changes: []crm.Change{{Stage: ptr("Negotiation"), ChangedAt: at(time.Hour)}},
			want: crmsync.Decision{Apply: true, Outcome: crmsync.OutcomeApplied, Update: crmsync.Update{Stage: ptr("Negotiation")}, At: at(time.Hour)}},
		{name: "older stage is stale", changes: []crm.Change{{Stage: ptr("Negotiation"), ChangedAt: at(-time.Hour)}},
			want: crmsync.Decision{Outcome: crmsync.OutcomeStale}},
		{name: "same stage is an echo", changes: []crm.Change{{Stage: ptr("qualification"), ChangedAt: at(time.Hour)}},
			want: crmsync.Decision{Outcome: crmsync.OutcomeEcho}},
		{name: "what was pushed is an echo", clock: crmsync.Clock{Stage: "Negotiation", StageEnteredAt: t0}, pushed: pushed,
			changes: []crm.Change{{Stage: ptr("Qualification"), ChangedAt: at(time.Hour)}}, want: crmsync.Decision{Outcome: crmsync.OutcomeEcho}},
		{name: "latest of a field wins", changes: []crm.Change{{AmountCents: ptr(int64(3)), ChangedAt: at(2 * time.Hour)}, {AmountCents: ptr(int64(2)), ChangedAt: at(time.Hour)}},
			want: crmsync.Decision{Apply: true, Outcome: crmsync.OutcomeApplied, Update: crmsync.Update{AmountCents: ptr(int64(3))}, At: at(2 * time.Hour)}},
		{name: "per field: stale stage, newer amount", clock: crmsync.Clock{Stage: "Qualification", StageEnteredAt: at(3 * time.Hour), AmountCents: 1000, AmountChangedAt: t0},
			changes: []crm.Change{{Stage: ptr("Won"), AmountCents: ptr(int64(5000)), ChangedAt: at(2 * time.Hour)}},
			want:    crmsync.Decision{Apply: true, Outcome: crmsync.OutcomeApplied, Update: crmsync.Update{AmountCents: ptr(int64(5000))}, At: at(2 * time.Hour)}},
		{name: "lost with its reason", changes: []crm.Change{{Stage: ptr("Lost"), ChangedAt: at(time.Hour)}, {LostReason: ptr(" price "), ChangedAt: at(time.Hour)}},
			want: crmsync.Decision{Apply: true, Outcome: crmsync.OutcomeApplied, Update: crmsync.Update{Stage: ptr("Lost"), LostReason: ptr("price")}, At: at(time.Hour)}},
		{name: "a reason alone is dropped", changes: []crm.Change{{LostReason: ptr("price"), ChangedAt: at(time.Hour)}},
			want: crmsync.Decision{Outcome: crmsync.OutcomeEcho}},
		{name: "a CRM clock ahead is dated now", changes: []crm.Change{{Stage: ptr("Won"), ChangedAt: now.Add(time.Hour)}},
			want: crmsync.Decision{Apply: true, Outcome: crmsync.OutcomeApplied, Update: crmsync.Update{Stage: ptr("Won")}, At: now}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := clock
			if !tt.clock.StageEnteredAt.IsZero() {
				c = tt.clock
			}
			require.Equal(t, tt.want, crmsync.Decide(c, tt.pushed, tt.changes, now))
		})
	}
}
