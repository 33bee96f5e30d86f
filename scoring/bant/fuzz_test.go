package bant

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// FuzzExtract checks that Extract never panics on any text, is
// deterministic, and keeps its output within the documented ranges. It is
// seeded from the table test and testdata/emails; crashers found later live
// in testdata/fuzz/FuzzExtract and run as regular cases.
func FuzzExtract(f *testing.F) {
	for _, tc := range extractCases {
		f.Add(tc.text, int64(0))
	}
	paths, err := filepath.Glob(filepath.Join("testdata", "emails", "*.txt"))
	require.NoError(f, err)
	for _, p := range paths {
		text, err := os.ReadFile(p)
		require.NoError(f, err)
		f.Add(string(text), int64(86400*45))
	}
	f.Fuzz(func(t *testing.T, text string, offsetSeconds int64) {
		// Any instant within ±30 years of the test date, in a zone with a
		// non-whole-hour offset to catch calendar edge cases.
		offsetSeconds %= 30 * 365 * 86400
		now := testNow.Add(time.Duration(offsetSeconds) * time.Second).In(time.FixedZone("X", 5*3600+45*60))
		s := Extract(text, now)
		require.Equal(t, s, Extract(text, now), "Extract must be deterministic")
		requireWellFormed(t, s)
		b, a, n, tl := s.Answers()
		require.Contains(t, []string{"", "over_50k", "10k_50k", "under_10k", "none"}, b)
		require.Contains(t, []string{"", LevelDecisionMaker, LevelDefers, LevelInfluencer, LevelUser}, a)
		require.Contains(t, []string{"", "urgent", "important", "exploring"}, n)
		require.Contains(t, []string{"", "this_month", "this_quarter", "this_year", "no_timeline"}, tl)
	})
}

// requireWellFormed checks the invariants every Signals must satisfy.
func requireWellFormed(t *testing.T, s Signals) {
	t.Helper()
	conf := func(c float64) {
		require.False(t, math.IsNaN(c))
		require.GreaterOrEqual(t, c, 0.0)
		require.LessOrEqual(t, c, 0.95)
	}
	evidence := func(e string) {
		require.NotEmpty(t, e)
		require.True(t, utf8.ValidString(e))
		require.LessOrEqual(t, len(e), MaxInputBytes)
	}
	finite := func(v float64) {
		require.False(t, math.IsNaN(v) || math.IsInf(v, 0), "%v", v)
		require.GreaterOrEqual(t, v, 0.0)
	}
	if b := s.Budget; b != nil {
		conf(b.Confidence)
		evidence(b.Evidence)
		finite(b.Amount)
		finite(b.Max)
		require.GreaterOrEqual(t, b.Seats, 0)
		require.Contains(t, []string{"", PeriodMonth, PeriodYear, PeriodOneOff}, b.Period)
		require.Contains(t, []string{"", BoundExact, BoundMax, BoundMin, BoundRange}, b.Bound)
		if b.Bound == BoundRange {
			require.Less(t, b.Amount, b.Max)
		}
	}
	if tl := s.Timeline; tl != nil {
		conf(tl.Confidence)
		evidence(tl.Evidence)
		finite(tl.Months)
		require.Contains(t, []string{LabelASAP, LabelThisMonth, LabelThisQuarter, LabelThisYear, LabelLater, LabelResearching}, tl.Label)
		require.Equal(t, tl.Label == LabelResearching, tl.Researching)
	}
	if a := s.Authority; a != nil {
		conf(a.Confidence)
		evidence(a.Evidence)
		require.Contains(t, []string{LevelDecisionMaker, LevelDefers, LevelInfluencer, LevelUser}, a.Level)
		require.True(t, utf8.ValidString(a.Role))
	}
	if n := s.Need; n != nil {
		conf(n.Confidence)
		evidence(n.Evidence)
		require.True(t, utf8.ValidString(n.Pain))
		require.LessOrEqual(t, utf8.RuneCountInString(n.Pain), maxPainRunes)
		require.False(t, n.Urgent && !n.Stated, "only a stated need is urgent")
	}
}

// TestExtractWellFormed runs the fuzz invariants over the table cases, so
// they hold in every `go test` run and not only while fuzzing.
func TestExtractWellFormed(t *testing.T) {
	t.Parallel()
	for _, tc := range extractCases {
		requireWellFormed(t, Extract(tc.text, testNow))
	}
}
