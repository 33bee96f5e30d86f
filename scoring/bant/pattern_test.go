package bant

import (
	"os"
	"path/filepath"
	"regexp/syntax"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// corpus returns every text the tests know: the table phrases and the
// golden emails.
func corpus(t testing.TB) []string {
	var out []string
	for _, tc := range extractCases {
		out = append(out, tc.text)
	}
	paths, err := filepath.Glob(filepath.Join("testdata", "emails", "*.txt"))
	require.NoError(t, err)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		out = append(out, string(b))
	}
	return out
}

// requireLiteralsComplete checks, for every pattern part, that running it
// only on the clauses the literal automaton picks finds exactly what
// running it on every clause finds: no required literal is missing.
func requireLiteralsComplete(t *testing.T, text string) {
	t.Helper()
	d := prepare(text)
	for _, part := range allParts {
		var want, got [][]int
		picked := d.clausesFor(part)
		for k := 0; k <= len(d.breaks); k++ {
			c := d.clauseSpan(k)
			ms := part.re.FindAllStringSubmatchIndex(d.lower[c[0]:c[1]], -1)
			want = append(want, ms...)
			if part.lits == nil || slices.Contains(picked, k) {
				got = append(got, ms...)
			}
		}
		require.Equal(t, want, got, "part %q (literals %q) on %q", part.re, part.lits, text)
	}
}

func TestPatternLiteralsComplete(t *testing.T) {
	t.Parallel()
	for _, text := range corpus(t) {
		requireLiteralsComplete(t, text)
	}
}

// FuzzPatternLiterals looks for texts on which a pattern's derived
// literals would make findAll miss a match.
func FuzzPatternLiterals(f *testing.F) {
	for _, text := range corpus(f) {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		requireLiteralsComplete(t, text)
	})
}

func TestRequiredLiterals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		expr string
		want []string
	}{
		{name: "alternation of words", expr: `\b(?:asap|right away)\b`, want: []string{"asap", "right away"}},
		{name: "factored prefix is recombined", expr: `\b(?:pay|paid|price)\b`, want: []string{"paid", "pay", "price"}},
		{name: "optional parts enumerate", expr: `\bbudgets?\b`, want: []string{"budget", "budgets"}},
		{name: "best part of a concatenation", expr: `\b(?:in|within)\s+\d+\s+(?:weeks|months)\b`, want: []string{"months", "weeks"}},
		{name: "space within a clause", expr: `no\s(?:rush|hurry)`, want: []string{"no hurry", "no rush"}},
		{name: "nothing required", expr: `\d*x?`, want: nil},
		{name: "branch without literal", expr: `abc|\w+`, want: nil},
		{name: "newline is not a clause literal", expr: `(?:^|\n)title:`, want: []string{"title:"}},
		{name: "small classes enumerate", expr: `[$€][0-2]`, want: []string{"$0", "$1", "$2", "€0", "€1", "€2"}},
		{name: "large class is no literal", expr: `[a-z]+ing`, want: []string{"ing"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			re, err := syntax.Parse(tc.expr, syntax.Perl)
			require.NoError(t, err)
			require.Equal(t, tc.want, requiredLiterals(re))
		})
	}
}

func TestSplitLargePatterns(t *testing.T) {
	t.Parallel()
	compilePatterns()
	for _, p := range allPatterns {
		for _, part := range p.parts {
			tree, err := syntax.Parse(part.re.String(), syntax.Perl)
			require.NoError(t, err)
			if tree.MaxCap() == 0 && len(p.parts) > 1 {
				require.LessOrEqual(t, progSize(tree), 500, "split part %q still too large for the backtracker", part.re)
			}
		}
	}
}

// TestPatternsCompile compiles every pattern, which mustPattern defers to
// the first prepare: a bad expression panics here, not in production.
func TestPatternsCompile(t *testing.T) {
	t.Parallel()
	require.NotPanics(t, compilePatterns)
	require.NotEmpty(t, allParts)
	require.NotNil(t, literalIndex)
	for i, part := range allParts {
		require.Equal(t, i, part.id)
	}
}

// BenchmarkCompilePatterns measures what the first Extract pays once:
// compiling every pattern and building the literal automaton.
func BenchmarkCompilePatterns(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ps := make([]*pattern, len(allPatterns))
		for i, p := range allPatterns {
			ps[i] = &pattern{expr: p.expr}
		}
		buildPatterns(ps)
	}
}
