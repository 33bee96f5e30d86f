package pipeline

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDealRulesCheck(t *testing.T) {
	p := func(v string) *string { return &v }
	cents := func(v int64) *int64 { return &v }
	open := DealChange{FromStage: "Qualification", FromKind: KindOpen, ToStage: "Qualification", ToKind: KindOpen}
	to := func(c DealChange, stage string, kind StageKind) DealChange {
		c.ToStage, c.ToKind = stage, kind
		return c
	}
	won := DealChange{FromStage: "Won", FromKind: KindWon, Closed: true, ToStage: "Won", ToKind: KindWon, CurrentAmountCents: 500}
	with := func(c DealChange, f func(*DealChange)) DealChange { f(&c); return c }
	listed := DealRules{LostReasons: []string{"price", "timing"}, MaxAmountCents: 1000}
	tests := []struct {
		name       string
		rules      DealRules
		change     DealChange
		wantField  string
		wantReason string
	}{
		{name: "open move", change: to(open, "Negotiation", KindOpen)},
		{name: "won with an amount given", change: with(to(open, "Won", KindWon), func(c *DealChange) { c.AmountCents = cents(1) })},
		{name: "won with an amount set before", change: with(to(open, "Won", KindWon), func(c *DealChange) { c.CurrentAmountCents = 9 })},
		{name: "won without an amount", change: to(open, "Won", KindWon), wantField: "amount_cents"},
		{name: "won at zero", change: with(to(open, "Won", KindWon), func(c *DealChange) { c.AmountCents = cents(0) }), wantField: "amount_cents"},
		{name: "won at an amount stored above the maximum", rules: listed,
			change: with(to(open, "Won", KindWon), func(c *DealChange) { c.CurrentAmountCents = 1001 }), wantField: "amount_cents"},
		{name: "negative amount", change: with(open, func(c *DealChange) { c.AmountCents = cents(-1) }), wantField: "amount_cents"},
		{name: "int64 maximum", change: with(open, func(c *DealChange) { c.AmountCents = cents(math.MaxInt64) }), wantField: "amount_cents"},
		{name: "the default maximum", change: with(open, func(c *DealChange) { c.AmountCents = cents(DefaultMaxAmountCents) })},
		{name: "past the default maximum", change: with(open, func(c *DealChange) { c.AmountCents = cents(DefaultMaxAmountCents + 1) }), wantField: "amount_cents"},
		{name: "past a configured maximum", rules: listed, change: with(open, func(c *DealChange) { c.AmountCents = cents(1001) }), wantField: "amount_cents"},
		{name: "a configured maximum past the hard one is capped", rules: DealRules{MaxAmountCents: math.MaxInt64},
			change: with(open, func(c *DealChange) { c.AmountCents = cents(HardMaxAmountCents + 1) }), wantField: "amount_cents"},
		{name: "lost without a reason", change: to(open, "Lost", KindLost), wantField: "lost_reason"},
		{name: "lost with a blank reason", change: with(to(open, "Lost", KindLost), func(c *DealChange) { c.LostReason = p("  ") }), wantField: "lost_reason"},
		{name: "lost with any reason", change: with(to(open, "Lost", KindLost), func(c *DealChange) { c.LostReason = p(" went dark ") }), wantReason: "went dark"},
		{name: "lost for a listed reason", rules: listed, change: with(to(open, "Lost", KindLost), func(c *DealChange) { c.LostReason = p("Price") }), wantReason: "Price"},
		{name: "lost for an unlisted reason", rules: listed, change: with(to(open, "Lost", KindLost), func(c *DealChange) { c.LostReason = p("vibes") }), wantField: "lost_reason"},
		{name: "a reason without a lost move", change: with(open, func(c *DealChange) { c.LostReason = p("price") }), wantField: "lost_reason"},
		{name: "reopening a won deal", change: to(won, "Negotiation", KindOpen), wantField: "stage"},
		{name: "winning a won deal again", change: won, wantField: "stage"},
		{name: "losing a won deal", change: with(to(won, "Lost", KindLost), func(c *DealChange) { c.LostReason = p("price") }), wantField: "stage"},
		{name: "changing a won deal's amount", change: with(won, func(c *DealChange) { c.AmountCents = cents(600) }), wantField: "amount_cents"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reason, err := tt.rules.Check(tt.change)
			if tt.wantField == "" {
				require.NoError(t, err)
				require.Equal(t, tt.wantReason, reason)
				return
			}
			var re *RuleError
			require.True(t, errors.As(err, &re), "got %v", err)
			require.Equal(t, tt.wantField, re.InvalidField(), re.Msg)
			// A rep reads the refusal on a page: words, not API fields.
			words := re.Words()
			require.NotEqual(t, re.Msg, words, "no rep's words for %q", re.Msg)
			require.NotContains(t, words, "_", "a field name in %q", words)
			require.True(t, strings.HasSuffix(words, "."), "a sentence: %q", words)
		})
	}
}
