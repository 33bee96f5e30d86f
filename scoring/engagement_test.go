package scoring_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/scoring"
)

// engagementRules has no fit rules, so a Result holds engagement only.
func engagementRules(halfLife time.Duration, maxPoints int, points map[string]int) scoring.Rules {
	return scoring.Rules{
		ModelVersion: "t", HotThreshold: 70, WarmThreshold: 40,
		Engagement: scoring.EngagementRules{HalfLife: halfLife, MaxPoints: maxPoints, Points: points},
	}
}

// TestEngagementDecay uses the fake clock to check that an event's points
// halve exactly every half-life.
func TestEngagementDecay(t *testing.T) {
	t.Parallel()

	const hl = 14 * 24 * time.Hour
	r := engagementRules(hl, 100, map[string]int{"replied": 64})
	require.NoError(t, r.Validate())
	reply := scoring.Input{Engagements: []scoring.Engagement{{Kind: "replied", At: now}}}

	tests := []struct {
		name  string
		after time.Duration
		want  int
	}{
		{name: "fresh", after: 0, want: 64},
		{name: "one half-life", after: hl, want: 32},
		{name: "two half-lives", after: 2 * hl, want: 16},
		{name: "three half-lives", after: 3 * hl, want: 8},
		{name: "six half-lives", after: 6 * hl, want: 1},
		{name: "half a half-life", after: hl / 2, want: 45}, // 64/√2 = 45.25
		{name: "long gone", after: 20 * hl, want: 0},
		{name: "event in the future counts as fresh", after: -time.Hour, want: 64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := scoring.Score(reply, r, now.Add(tt.after))
			require.Equal(t, tt.want, got.Total, got.Explain())
			require.Len(t, got.Contributions, 1, "a kind present always has its contribution, even at +0")
			require.Equal(t, scoring.GroupEngagement, got.Contributions[0].Group)
		})
	}
}

func TestEngagementContributions(t *testing.T) {
	t.Parallel()

	day := 24 * time.Hour
	tests := []struct {
		name  string
		rules scoring.Rules
		in    scoring.Input
		want  []scoring.Contribution
	}{
		{
			name:  "one contribution per kind, in kind order",
			rules: scoring.DefaultRules(),
			in: scoring.Input{Engagements: []scoring.Engagement{
				{Kind: "page_visit", At: now.Add(-time.Hour), Count: 4},
				{Kind: "opened", At: now.Add(-2 * day)},
				{Kind: "opened", At: now.Add(-3 * day)},
				{Kind: "opened", At: now.Add(-30 * day)},
				{Kind: "delivered", At: now},
				{Kind: "form_fill", At: now.Add(-14 * day)},
			}},
			// opens: 2×(0.906+0.862+0.226) = 3.99 → 4; page visits: 4×1×0.998 = 3.99 → 4; form fill 8×0.5 = 4.
			want: []scoring.Contribution{
				{Rule: "opened", Group: "engagement", Points: 4, Reason: "3 email opens, last 2 days ago (+4)"},
				{Rule: "form_fill", Group: "engagement", Points: 4, Reason: "1 form fill, last 14 days ago (+4)"},
				{Rule: "page_visit", Group: "engagement", Points: 4, Reason: "4 page visits, last 1 hour ago (+4)"},
			},
		},
		{
			name:  "cap scales every kind and still sums exactly",
			rules: engagementRules(time.Hour, 10, map[string]int{"replied": 10, "clicked": 5, "opened": 5}),
			in: scoring.Input{Engagements: []scoring.Engagement{
				{Kind: "replied", At: now}, {Kind: "clicked", At: now}, {Kind: "opened", At: now},
			}},
			// 20 fresh points scaled by 1/2: 5 + 2.5 + 2.5 = 10; the
			// remainders go to the earlier kind.
			want: []scoring.Contribution{
				{Rule: "opened", Group: "engagement", Points: 3, Reason: "1 email open, last just now, scaled to the 10-point engagement cap (+3)"},
				{Rule: "clicked", Group: "engagement", Points: 2, Reason: "1 email click, last just now, scaled to the 10-point engagement cap (+2)"},
				{Rule: "replied", Group: "engagement", Points: 5, Reason: "1 reply, last just now, scaled to the 10-point engagement cap (+5)"},
			},
		},
		{
			name:  "kind without points scores zero but is explained",
			rules: engagementRules(time.Hour, 10, map[string]int{}),
			in:    scoring.Input{Engagements: []scoring.Engagement{{Kind: "clicked", At: now.Add(-3 * time.Minute)}}},
			want:  []scoring.Contribution{{Rule: "clicked", Group: "engagement", Points: 0, Reason: "1 email click, last 3 minutes ago (+0)"}},
		},
		{
			name:  "disabled",
			rules: engagementRules(time.Hour, 0, map[string]int{"replied": 10}),
			in:    scoring.Input{Engagements: []scoring.Engagement{{Kind: "replied", At: now}}},
		},
		{
			name: "page visits from attributes",
			rules: func() scoring.Rules {
				r := engagementRules(time.Hour, 30, map[string]int{"page_visit": 1})
				r.Engagement.PageVisitAttributes = []string{"page_visits", "total_visits"}
				return r
			}(),
			in: scoring.Input{Lead: mkLead(lead.Inbound{
				OccurredAt: now.Add(-time.Hour),
				Attributes: map[string]any{"page_visits": "6", "total_visits": 2.0, "other": 100},
			})},
			// 8 visits an hour (one half-life) ago: 4.
			want: []scoring.Contribution{{Rule: "page_visit", Group: "engagement", Points: 4, Reason: "8 page visits, last 1 hour ago (+4)"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, tt.rules.Validate())
			got := scoring.Score(tt.in, tt.rules, now)
			if tt.want == nil {
				require.Empty(t, got.Contributions)
			} else {
				require.Equal(t, tt.want, got.Contributions)
			}
			requireInvariants(t, tt.rules, got)
		})
	}
}

func TestFromLeadEngagements(t *testing.T) {
	t.Parallel()

	at := now.Add(-time.Hour)
	got := scoring.FromLeadEngagements([]lead.Engagement{
		{Kind: lead.EngagementDelivered, OccurredAt: at},
		{Kind: lead.EngagementOpened, OccurredAt: at},
		{Kind: lead.EngagementClicked, OccurredAt: at, URL: "https://example.com"},
		{Kind: lead.EngagementReplied, OccurredAt: at, Text: "sounds good"},
		{Kind: lead.EngagementOpened, OccurredAt: at, Test: true},
		{Kind: lead.EngagementUnsubscribed, OccurredAt: at},
		{Kind: lead.EngagementFailed, OccurredAt: at, Severity: "permanent"},
	})
	require.Equal(t, []scoring.Engagement{
		{Kind: "opened", At: at}, {Kind: "clicked", At: at}, {Kind: "replied", At: at},
	}, got)
}
