package demo

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestOutcomeOf: outcomes are deterministic per seed and person, follow
// the hidden profile (never the score, which outcomeOf cannot see), and
// won deals carry an amount the deal rules accept.
func TestOutcomeOf(t *testing.T) {
	t.Parallel()
	hooks := Generate(7, 2000, time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC))
	again := Generate(7, 2000, time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC))
	wins := map[profile]int{}
	people := map[profile]int{}
	for i, h := range hooks {
		o := outcomeOf(7, h)
		require.Equal(t, o, outcomeOf(7, again[i]), "same seed, same outcome")
		require.False(t, o.won && o.lost)
		if o.won {
			require.Positive(t, o.amountCents)
			require.Zero(t, o.amountCents%10000, "whole hundreds of dollars")
			wins[h.profile]++
		}
		if o.lost {
			require.Contains(t, lostReasons, o.lostReason)
		}
		people[h.profile]++
	}
	rate := func(p profile) float64 { return float64(wins[p]) / float64(people[p]) }
	require.Greater(t, rate(profileHot), rate(profileWarm))
	require.Greater(t, rate(profileWarm), rate(profileCold))
	require.InDelta(t, outcomeOdds[profileHot].won, rate(profileHot), 0.06)

	// A repeat person's events share one outcome: which of them opened the
	// deal depends on processing order.
	for i, h := range hooks {
		for _, k := range hooks[:i] {
			if k.person == h.person {
				require.Equal(t, outcomeOf(7, k), outcomeOf(7, h))
			}
		}
	}
	require.NotEqual(t, outcomeOf(7, hooks[0]), outcomeOf(8, hooks[0]), "another seed, other outcomes (for this lead)")
}

func TestDollars(t *testing.T) {
	t.Parallel()
	require.Equal(t, "$0.05", dollars(5))
	require.Equal(t, "$1,001,400.00", dollars(100140000))
	require.Equal(t, "$999.99", dollars(99999))
}
