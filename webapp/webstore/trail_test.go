package webstore

import (
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/scoring"
	"leadflow/webapp"
)

// TestTrailWords: the trail's details lose the identifiers a rep does not
// read, and a detail the rewording does not know stays as it was.
func TestTrailWords(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, step, detail, want string }{
		{name: "webhook", step: "webhook received", detail: "generic / website (event 12)", want: "from website"},
		{name: "webhook, source with slash", step: "webhook received", detail: "meta / a / b (event 3)", want: "from b"},
		{name: "processed", step: "event processed", detail: "event 12 processed", want: ""},
		{name: "dead-lettered", step: "event processed", detail: "event 12 dead", want: "dead"},
		{name: "dedupe", step: "dedupe", detail: "created (email)", want: "created by email"},
		{name: "email", step: "email sent", detail: "rep-new-lead", want: "New lead for you"},
		{name: "own email", step: "email sent", detail: "spring-offer", want: "Spring offer"},
		{name: "scored", step: "scored", detail: "88 hot (score-v2+ebm-1a2b3c4d5e6f)", want: "88 hot"},
		{name: "scored, no version", step: "scored", detail: "88 hot", want: "88 hot"},
		{name: "opened by routing", step: "stage", detail: "— → Qualification by router", want: "Qualification by routing"},
		{name: "moved by a rep", step: "stage", detail: "Qualification → Won by web:rep:3", want: "Qualification → Won by the rep"},
		{name: "moved in the CRM", step: "stage", detail: "Qualification → Lost by crm:hubspot", want: "Qualification → Lost in the CRM"},
		{name: "moved by someone else", step: "stage", detail: "Qualification → Lost by cli", want: "Qualification → Lost"},
		{name: "deal opened", step: "deal opened", detail: "deal 4 in Sales, assigned to Ann", want: "in Sales, assigned to Ann"},
		{name: "first touch", step: "first touch", detail: "deal 4, 5 min after assignment", want: "5 min after assignment"},
		{name: "activity", step: "call logged", detail: "deal 4", want: ""},
		{name: "unknown step", step: "routed", detail: "deal by rule hot", want: "deal by rule hot"},
		{name: "empty", step: "scored", detail: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := trailWords(webapp.TrailStep{Step: tt.step, Detail: tt.detail})
			require.Equal(t, tt.step, got.Step, "the step names stay the store's")
			require.Equal(t, tt.want, got.Detail)
		})
	}
}

// TestBANTLabel: a BANT line is labelled only when its reason does not
// already say the dimension.
func TestBANTLabel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		dim    scoring.BANTDimension
		reason string
		want   string
	}{
		{name: "authority", dim: scoring.BANTAuthority, reason: "decision maker", want: "Authority"},
		{name: "budget said", dim: scoring.BANTBudget, reason: "budget of $50k or more", want: ""},
		{name: "need said", dim: scoring.BANTNeed, reason: "urgent need", want: ""},
		{name: "timeline", dim: scoring.BANTTimeline, reason: "buying within a month", want: "Timeline"},
		{name: "none", dim: scoring.BANTNone, reason: "company given", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, bantLabel(tt.dim, tt.reason))
		})
	}
}
