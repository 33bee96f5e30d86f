package bant

import (
	"os"
	"path/filepath"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

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
			ms := part.regexp().FindAllStringSubmatchIndex(d.lower[c[0]:c[1]], -1)
			want = append(want, ms...)
			if part.lits == nil || slices.Contains(picked, k) {
				got = append(got, ms...)
			}
		}
		require.Equal(t, want, got, "part %q (literals %q) on %q", part.expr, part.lits, text)
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
		for i := range p.parts {
			part := &p.parts[i]
			tree, err := syntax.Parse(part.expr, syntax.Perl)
			require.NoError(t, err)
			if tree.MaxCap() == 0 && len(p.parts) > 1 {
				require.LessOrEqual(t, progSize(tree), 500, "split part %q still too large for the backtracker", part.expr)
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
		require.NotPanics(t, func() { part.regexp() }, "part %q", part.expr)
	}
}

// BenchmarkCompilePatterns measures what the first Extract pays once:
// splitting every pattern, deriving literals and building the literal
// automaton (each part's regexp is compiled on its first use).
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

// TestWordBoundaryAccents fails on any pattern with a \b against a
// character that can be an accented letter (see pattern): such a boundary
// fails at the word's edge, where it was meant to hold, and holds inside a
// word, where it was meant to fail.
func TestWordBoundaryAccents(t *testing.T) {
	t.Parallel()
	for _, p := range allPatterns {
		tree, err := syntax.Parse(p.expr, syntax.Perl)
		require.NoError(t, err)
		if bad := accentBoundaries(tree); len(bad) > 0 {
			t.Errorf("\\b against an accented letter in %.60q: %q", p.expr, bad)
		}
	}
	for _, tc := range []struct {
		expr string
		want int
	}{
		{`\bsoci[eé]t[eé]\b|\bje\b|\bété`, 2},
		{`soci[eé]t(?:e\b|é)|(?:été|ete\b)|\bje\b`, 0},
		// A \b every branch of a group starts with counts at the
		// group's edge; one that another branch can stand in for
		// ("$", a non-letter) does not keep the word from matching.
		{`(?:\bà|\ba) l'`, 1},
		{`(?:levé|perdu)(?:\b)`, 1},
		{`(?:levé|perdu)(?:\b|$|[^a-z])`, 0},
		{`(\b(?:a|en) l'|à l')été`, 0},
	} {
		re, err := syntax.Parse(tc.expr, syntax.Perl)
		require.NoError(t, err)
		require.Len(t, accentBoundaries(re), tc.want, tc.expr)
	}
}

// accentBoundaries returns, for each \b in re next to a subexpression that
// can start (after the \b) or end (before it) with a non-ASCII rune, that
// subexpression. A \b counts too where every match of a group starts (or
// ends) with it: "(?:\bà|\ba)" puts one before "à".
func accentBoundaries(re *syntax.Regexp) []string {
	var out []string
	if re.Op == syntax.OpConcat {
		for i := 0; i+1 < len(re.Sub); i++ {
			a, b := re.Sub[i], re.Sub[i+1]
			if b.Op != syntax.OpWordBoundary && edgeBoundary(b, false) &&
				slices.ContainsFunc(edgeRunes(a, true), nonASCII) {
				out = append(out, a.String())
			}
			if a.Op != syntax.OpWordBoundary && edgeBoundary(a, true) &&
				slices.ContainsFunc(edgeRunes(b, false), nonASCII) {
				out = append(out, b.String())
			}
		}
		for i, sub := range re.Sub {
			if sub.Op != syntax.OpWordBoundary {
				continue
			}
			if i+1 < len(re.Sub) && slices.ContainsFunc(edgeRunes(re.Sub[i+1], false), nonASCII) {
				out = append(out, re.Sub[i+1].String())
			}
			if i > 0 && slices.ContainsFunc(edgeRunes(re.Sub[i-1], true), nonASCII) {
				out = append(out, re.Sub[i-1].String())
			}
		}
	}
	for _, sub := range re.Sub {
		out = append(out, accentBoundaries(sub)...)
	}
	return out
}

// edgeBoundary reports whether every match of re starts (or, if last,
// ends) with a \b.
func edgeBoundary(re *syntax.Regexp, last bool) bool {
	switch re.Op {
	case syntax.OpWordBoundary:
		return true
	case syntax.OpCapture, syntax.OpPlus:
		return edgeBoundary(re.Sub[0], last)
	case syntax.OpRepeat:
		return re.Min > 0 && edgeBoundary(re.Sub[0], last)
	case syntax.OpAlternate:
		return !slices.ContainsFunc(re.Sub, func(sub *syntax.Regexp) bool { return !edgeBoundary(sub, last) })
	case syntax.OpConcat:
		if len(re.Sub) == 0 {
			return false
		}
		if last {
			return edgeBoundary(re.Sub[len(re.Sub)-1], true)
		}
		return edgeBoundary(re.Sub[0], false)
	}
	return false
}

func nonASCII(r rune) bool { return r >= utf8.RuneSelf }

// edgeRunes returns the runes a match of re can start with (or end with,
// if last), as far as literals and small classes tell.
func edgeRunes(re *syntax.Regexp, last bool) []rune {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil
		}
		if last {
			return re.Rune[len(re.Rune)-1:]
		}
		return re.Rune[:1]
	case syntax.OpCharClass:
		var out []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] < 64 {
				for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
					out = append(out, r)
				}
			}
		}
		return out
	case syntax.OpCapture, syntax.OpPlus, syntax.OpQuest, syntax.OpStar, syntax.OpRepeat:
		return edgeRunes(re.Sub[0], last)
	case syntax.OpAlternate:
		var out []rune
		for _, sub := range re.Sub {
			out = append(out, edgeRunes(sub, last)...)
		}
		return out
	case syntax.OpConcat:
		if len(re.Sub) == 0 {
			return nil
		}
		if last {
			return edgeRunes(re.Sub[len(re.Sub)-1], true)
		}
		return edgeRunes(re.Sub[0], false)
	}
	return nil
}

// TestShortClassString checks that the short form of a class parses back
// to the same ranges, and that it is used for the \pL classes.
func TestShortClassString(t *testing.T) {
	t.Parallel()
	for _, expr := range []string{`[\pL]`, `[^\pL]`, `[\pL',\-]`, `[\w\pL'\-]`, `[^\pL\d.]`, `[a-z]`, `[^.!?;\n]`, `\PN`} {
		re, err := syntax.Parse(expr, syntax.Perl)
		require.NoError(t, err)
		require.Equal(t, syntax.OpCharClass, re.Op, expr)
		s := shortClassString(re.Rune)
		back, err := syntax.Parse(s, syntax.Perl)
		require.NoError(t, err)
		require.Equal(t, re.Rune, back.Rune, "%s printed as %s", expr, s)
		if strings.Contains(expr, `\pL`) {
			require.Contains(t, s, `\pL`, expr)
			require.Less(t, len(s), 40, expr)
		}
	}
}

// TestAutomatonSparse checks the automaton's transitions, dense near the
// root and trie edges with failure links elsewhere, against the complete
// table, and that building with uint32 states (used beyond 65,536 states)
// gives the same automaton as the uint16 build (on the longest prefix of
// the parts whose trie fits uint16 states, as the patterns outgrew them in
// round 6).
func TestAutomatonSparse(t *testing.T) {
	t.Parallel()
	compilePatterns()
	a := literalIndex
	ref := &acAutomaton{class: a.class, nclass: a.nclass}
	delta, out := buildTrie[uint32](ref, allParts, trieSize(allParts))
	completeDelta(ref, delta, out)
	require.Len(t, a.row, len(out))
	for st := range out {
		for c := 0; c < a.nclass; c++ {
			if got, want := a.next(int32(st), uint8(c)), int32(delta[st*a.nclass+c]); got != want {
				require.Equal(t, want, got, "state %d class %d", st, c)
			}
		}
		outs := append([]acOut{}, out[st]...)
		require.Equal(t, outs, a.outs[a.outStart[st]:a.outStart[st+1]:a.outStart[st+1]], "state %d", st)
	}
	sub := allParts
	for trieSize(sub) > 1<<16 {
		sub = sub[:len(sub)*9/10]
	}
	narrow := buildAutomaton(sub)
	wide := &acAutomaton{class: narrow.class, nclass: narrow.nclass, nparts: narrow.nparts}
	buildSparse[uint32](wide, sub, trieSize(sub))
	require.Equal(t, narrow.row, wide.row)
	require.Equal(t, narrow.dense, wide.dense)
	require.Equal(t, narrow.edgeStart, wide.edgeStart)
	require.Equal(t, narrow.edges, wide.edges)
	require.Equal(t, narrow.fail, wide.fail)
}
