package lead

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestClaimPolicyWithDefaults(t *testing.T) {
	t.Parallel()
	require.Equal(t, DefaultStaleClaim, ClaimPolicy{}.WithDefaults().StaleClaim)
	require.Equal(t, time.Minute, ClaimPolicy{StaleClaim: time.Minute}.WithDefaults().StaleClaim)
}

func TestClaimPolicySendSlot(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 8, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	for _, tt := range []struct {
		name       string
		policy     ClaimPolicy
		sends      []time.Time // newest first
		wantAt     time.Time
		wantReason string
	}{
		{"no rules", ClaimPolicy{}, []time.Time{now.Add(-time.Minute)}, now, ""},
		{"under the cap", ClaimPolicy{WeeklyCap: 2}, []time.Time{now.Add(-day)}, now, ""},
		{"cap reached: the cap-th newest send leaves the window first", ClaimPolicy{WeeklyCap: 2},
			[]time.Time{now.Add(-day), now.Add(-3 * day), now.Add(-6 * day)}, now.Add(4 * day), "weekly cap of 2 reached"},
		{"gap not yet over", ClaimPolicy{MinGap: 2 * time.Hour}, []time.Time{now.Add(-time.Hour)}, now.Add(time.Hour),
			"minimum gap of 2h0m0s since the last email"},
		{"gap over", ClaimPolicy{MinGap: 2 * time.Hour}, []time.Time{now.Add(-3 * time.Hour)}, now, ""},
		{"cap later than the gap keeps the cap's reason", ClaimPolicy{WeeklyCap: 1, MinGap: time.Hour},
			[]time.Time{now.Add(-6 * day)}, now.Add(day), "weekly cap of 1 reached"},
		{"gap later than the cap moves the slot, cap's reason", ClaimPolicy{WeeklyCap: 2, MinGap: 3 * day},
			[]time.Time{now.Add(-day), now.Add(-6 * day)}, now.Add(2 * day), "weekly cap of 2 reached"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := tt.policy
			p.Now = now
			at, reason := p.SendSlot(tt.sends)
			require.Equal(t, tt.wantAt, at)
			require.Equal(t, tt.wantReason, reason)
		})
	}
}

func TestClaimPolicySpreadSlot(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 8, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name    string
		minGap  time.Duration
		planned []time.Time
		want    time.Time
	}{
		{"nothing planned", time.Hour, nil, at},
		{"planned well after", time.Hour, []time.Time{at.Add(2 * time.Hour)}, at},
		{"too close: after it", time.Hour, []time.Time{at.Add(30 * time.Minute)}, at.Add(90 * time.Minute)},
		{"a row of them", time.Hour, []time.Time{at, at.Add(time.Hour), at.Add(3 * time.Hour)}, at.Add(2 * time.Hour)},
		{"no gap set: a second apart", 0, []time.Time{at}, at.Add(time.Second)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, ClaimPolicy{MinGap: tt.minGap}.SpreadSlot(at, tt.planned))
		})
	}
}

func TestStaleDealEmail(t *testing.T) {
	t.Parallel()
	stageEmail := OutboxEmail{DealID: 7, DedupeKey: StageEmailKey(7, "Proposal")}
	for _, tt := range []struct {
		name  string
		email OutboxEmail
		deal  DealEmailState
		want  string
	}{
		{"deal gone", stageEmail, DealEmailState{}, "deal gone"},
		{"deal closed", stageEmail, DealEmailState{Found: true, Closed: true, Stage: "Won"}, "deal closed"},
		{"still in its stage (any case)", stageEmail, DealEmailState{Found: true, Stage: "PROPOSAL"}, ""},
		{"left its stage", stageEmail, DealEmailState{Found: true, Stage: "Negotiation"}, "deal left stage proposal"},
		{"not a stage email", OutboxEmail{DealID: 7, DedupeKey: "nurture:1"}, DealEmailState{Found: true, Stage: "Negotiation"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, StaleDealEmail(tt.email, tt.deal))
		})
	}
}

func TestEngagementSuppressionReason(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		kind string
		want string
	}{
		{EngagementUnsubscribed, "unsubscribed"},
		{EngagementComplained, "complained"},
		{EngagementFailed, "bounced"},
	} {
		t.Run(tt.kind, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, Engagement{Kind: tt.kind, Severity: "permanent"}.SuppressionReason())
		})
	}
}

func TestConsentStatedAt(t *testing.T) {
	t.Parallel()
	submitted := time.Date(2026, 1, 8, 12, 0, 0, 0, time.UTC)
	stated := submitted.Add(-time.Hour)
	for _, tt := range []struct {
		name    string
		consent Consent
		want    time.Time
	}{
		{"the sender's time", Consent{Marketing: true, At: stated}, stated},
		{"else the submission's", Consent{Marketing: true}, submitted},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, tt.consent.StatedAt(submitted))
		})
	}
}
