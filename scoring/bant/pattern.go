package bant

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
)

// pattern is a regular expression over doc.lower that is only run on the
// clauses that can contain a match.
//
// Go's regexp has no literal-prefix speed-up for patterns that start with
// \b or an alternation, which is most of ours, and falls back to its slow
// NFA for large ones; run over a whole email, each costs tens to hundreds
// of microseconds. But every match contains one of a few literals (for
// "\b(?:asap|as soon as possible|...)\b" these are the alternatives
// themselves), and no match crosses a clause break, so finding the
// literals with strings.Index and running the expression only on their
// clauses gives the same matches an order of magnitude faster. A large
// alternation without capture groups is also split into branches small
// enough for regexp's backtracker. TestPatternMatchesRegexp
// checks the equivalence on the test corpus.
//
// Word boundaries and accents: regexp's \b knows only ASCII word
// characters. To it é, ß or ñ are punctuation, so a \b next to an accented
// letter holds only where that letter touches an ASCII letter, that is
// inside a word: `\bété` matches in "compété" but not in "l'été", and
// `soci[eé]t[eé]\b` misses "société " while it finds "societe ". The
// idiom: put \b only on an edge whose character is ASCII and give an
// accented edge none, accepting a longer word there: "soci[eé]t(?:e\b|é)",
// "(?:été|ete\b)". Where a longer word must not match, "(?:$|[^\pL])"
// checks the next rune but consumes it: the match ends one rune later, and
// "(?:^|[^\pL])" before a word starts it one rune earlier. needWords
// and tlWords build word lists this way; TestWordBoundaryAccents fails on
// any pattern that puts \b against an accented letter.
type pattern struct {
	// expr is the expression as written; it is parsed, split into parts
	// and indexed, with every other pattern, by compilePatterns on first
	// use, and each part is compiled by regexp on its own first use.
	expr  string
	parts []patternPart
	// idx is the pattern's index in allPatterns.
	idx int
}

// patternMatches caches one pattern's findAll result on a doc.
type patternMatches struct {
	m    [][]int
	done bool
}

// patternPart is one branch of a pattern (or all of it).
type patternPart struct {
	// expr is the part's expression, compiled to re by regexp on the
	// part's first use: a process keeps only the parts its texts needed
	// (a text wakes a few hundred of the thousands).
	expr string
	once sync.Once
	re   atomic.Pointer[regexp.Regexp]
	// lits are literals one of which every match contains; nil when none
	// could be derived, and the part then runs over the whole text.
	lits []string
	// id indexes allParts and the doc's literal hits.
	id int
}

// regexp returns the part's compiled expression, compiling it on the
// first call.
func (part *patternPart) regexp() *regexp.Regexp {
	if re := part.re.Load(); re != nil {
		return re
	}
	return part.compileRegexp()
}

// compileRegexp is regexp's first call, kept apart so that regexp's
// closure-free fast path is inlined.
func (part *patternPart) compileRegexp() *regexp.Regexp {
	part.once.Do(func() { part.re.Store(regexp.MustCompile(part.expr)) })
	return part.re.Load()
}

// splitAboveInsts is the compiled size above which a pattern without
// capture groups is split into its alternatives: regexp's backtracker,
// much faster than its NFA, only takes programs of up to 500
// instructions.
const splitAboveInsts = 400

// mustPattern registers expr as a pattern. Nothing is compiled here:
// patterns are package-level variables, and compiling ~1,600 expression
// parts and their literal automaton takes tens of milliseconds that every
// program linking the package would pay at start even if it never reads a
// text. compilePatterns does it once, on the first prepare, except for
// compiling each part's regexp, which waits for the part's first use; an
// invalid expression panics there (TestPatternsCompile catches it).
func mustPattern(expr string) *pattern {
	if compiled.Load() {
		panic("bant: mustPattern after the first prepare; declare patterns as package-level variables")
	}
	p := &pattern{expr: expr, idx: len(allPatterns)}
	allPatterns = append(allPatterns, p)
	return p
}

// compilePatterns splits every registered pattern into parts, derives
// their literals and builds literalIndex, once. It is called by prepare, so any pattern used on a
// doc is ready.
func compilePatterns() { compileOnce.Do(compileAll) }

var (
	compileOnce sync.Once
	compiled    atomic.Bool
)

func compileAll() {
	compiled.Store(true)
	allParts, literalIndex = buildPatterns(allPatterns)
}

// buildPatterns splits ps into parts, numbering their parts from 0, and builds the
// literal automaton over those parts.
func buildPatterns(ps []*pattern) ([]*patternPart, *acAutomaton) {
	var parts []*patternPart
	for _, p := range ps {
		p.compile(len(parts))
		for i := range p.parts {
			parts = append(parts, &p.parts[i])
		}
	}
	return parts, buildAutomaton(parts)
}

// compile parses p.expr, splits it if it is large, and derives the
// required literals of each part, numbering the parts from firstID.
func (p *pattern) compile(firstID int) {
	tree, err := syntax.Parse(p.expr, syntax.Perl)
	if err != nil {
		panic("bant: parse " + p.expr + ": " + err.Error())
	}
	branches := []*syntax.Regexp{tree}
	if tree.MaxCap() == 0 {
		branches = splitLarge(tree, map[*syntax.Regexp]int{})
	}
	memo := map[*syntax.Regexp]string{}
	for _, b := range branches {
		expr := p.expr
		if len(branches) > 1 {
			expr = exprString(b, memo)
		}
		lits := requiredLiterals(b)
		for i, l := range lits {
			if len(l) > maxLiteralLen {
				lits[i] = l[:maxLiteralLen] // a prefix of a required literal is required too
			}
		}
		slices.Sort(lits)
		p.parts = append(p.parts, patternPart{
			expr: expr,
			lits: slices.Compact(lits),
			id:   firstID + len(p.parts),
		})
	}
}

// maxLiteralLen caps literals, which keeps the automaton small: "i'm the
// one who makes the final call" is as selective cut to "i'm the one ".
const maxLiteralLen = 12

// allPatterns registers every pattern, in creation order (patterns are
// package-level variables, so all exist before the first Extract);
// allParts lists their parts by id once compilePatterns has run.
var (
	allPatterns []*pattern
	allParts    []*patternPart
)

// progSize returns the number of instructions re compiles to.
func progSize(re *syntax.Regexp) int {
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0
	}
	return len(prog.Inst)
}

// splitLarge splits re until every part compiles to at most
// splitAboveInsts instructions or cannot be split further: a top-level
// alternation into its branches, a concatenation around its largest
// alternation ("a(?:b|c)d" into "abd" and "acd"). The parts match, between
// them, exactly what re matches.
//
// sizes memoizes progSize of the alternations inside concatenations,
// which the branches of one split share.
func splitLarge(re *syntax.Regexp, sizes map[*syntax.Regexp]int) []*syntax.Regexp {
	if progSize(re) <= splitAboveInsts {
		return []*syntax.Regexp{re}
	}
	var branches []*syntax.Regexp
	switch re.Op {
	case syntax.OpAlternate:
		branches = re.Sub
	case syntax.OpConcat:
		alt, size := -1, 0
		for i, sub := range re.Sub {
			if sub.Op != syntax.OpAlternate {
				continue
			}
			n, ok := sizes[sub]
			if !ok {
				n = progSize(sub)
				sizes[sub] = n
			}
			if n > size {
				alt, size = i, n
			}
		}
		if alt < 0 {
			return []*syntax.Regexp{re}
		}
		for _, branch := range re.Sub[alt].Sub {
			subs := slices.Clone(re.Sub)
			subs[alt] = branch
			branches = append(branches, &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: subs})
		}
	default:
		return []*syntax.Regexp{re}
	}
	var out []*syntax.Regexp
	for _, b := range branches {
		out = append(out, splitLarge(b, sizes)...)
	}
	return out
}

// exprString returns re in regexp syntax, for compiling the parts
// splitLarge makes. It is not re.String() because that is slow here: it
// checks case folding rune by rune across each character class (most of
// Unicode for [^.!?;\n] or \pL), again for every part sharing the class.
// Classes are printed as their ranges, those holding \pL as "[\pL...]"
// (memoized: the parts of one pattern share most subtrees, and regexp
// keeps every part's expression), and every subexpression self-contained in a
// non-capturing group, which changes nothing in what the whole matches.
func exprString(re *syntax.Regexp, classes map[*syntax.Regexp]string) string {
	var b strings.Builder
	writeExpr(&b, re, classes)
	return b.String()
}

// writeExpr writes re to b for exprString.
func writeExpr(b *strings.Builder, re *syntax.Regexp, classes map[*syntax.Regexp]string) {
	group := func(sub *syntax.Regexp) {
		b.WriteString("(?:")
		writeExpr(b, sub, classes)
		b.WriteByte(')')
	}
	count := func(n int) { b.WriteString(strconv.Itoa(n)) }
	switch re.Op {
	case syntax.OpNoMatch:
		b.WriteString(`[^\x00-\x{10FFFF}]`)
	case syntax.OpEmptyMatch:
		b.WriteString(`(?:)`)
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			b.WriteString("(?i:" + regexp.QuoteMeta(string(re.Rune)) + ")")
		} else {
			b.WriteString(regexp.QuoteMeta(string(re.Rune)))
		}
	case syntax.OpCharClass:
		s, ok := classes[re]
		if !ok {
			s = shortClassString(re.Rune)
			classes[re] = s
		}
		b.WriteString(s)
	case syntax.OpAnyCharNotNL:
		b.WriteString(`(?-s:.)`)
	case syntax.OpAnyChar:
		b.WriteString(`(?s:.)`)
	case syntax.OpBeginLine:
		b.WriteString(`(?m:^)`)
	case syntax.OpEndLine:
		b.WriteString(`(?m:$)`)
	case syntax.OpBeginText:
		b.WriteString(`\A`)
	case syntax.OpEndText:
		if re.Flags&syntax.WasDollar != 0 {
			b.WriteString(`(?-m:$)`)
		} else {
			b.WriteString(`\z`)
		}
	case syntax.OpWordBoundary:
		b.WriteString(`\b`)
	case syntax.OpNoWordBoundary:
		b.WriteString(`\B`)
	case syntax.OpCapture:
		if re.Name != "" {
			b.WriteString("(?P<" + re.Name + ">")
		} else {
			b.WriteByte('(')
		}
		writeExpr(b, re.Sub[0], classes)
		b.WriteByte(')')
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		group(re.Sub[0])
		switch {
		case re.Op == syntax.OpStar:
			b.WriteByte('*')
		case re.Op == syntax.OpPlus:
			b.WriteByte('+')
		case re.Op == syntax.OpQuest:
			b.WriteByte('?')
		case re.Max == -1:
			b.WriteByte('{')
			count(re.Min)
			b.WriteString(",}")
		case re.Min == re.Max:
			b.WriteByte('{')
			count(re.Min)
			b.WriteByte('}')
		default:
			b.WriteByte('{')
			count(re.Min)
			b.WriteByte(',')
			count(re.Max)
			b.WriteByte('}')
		}
		if re.Flags&syntax.NonGreedy != 0 {
			b.WriteByte('?')
		}
	case syntax.OpConcat, syntax.OpAlternate:
		for i, sub := range re.Sub {
			if i > 0 && re.Op == syntax.OpAlternate {
				b.WriteByte('|')
			}
			group(sub)
		}
	default:
		b.WriteString(re.String())
	}
}

// classString prints a character class's ranges (pairs, as in
// syntax.Regexp.Rune) as a bracket expression.
func classString(ranges []rune) string {
	if len(ranges) == 0 {
		return `[^\x00-\x{10FFFF}]`
	}
	b := appendRanges([]byte{'['}, ranges)
	return string(append(b, ']'))
}

// appendRanges appends ranges to b as the inside of a bracket expression.
func appendRanges(b []byte, ranges []rune) []byte {
	for i := 0; i+1 < len(ranges); i += 2 {
		b = append(b, `\x{`...)
		b = strconv.AppendInt(b, int64(ranges[i]), 16)
		b = append(b, '}')
		if ranges[i+1] != ranges[i] {
			b = append(b, `-\x{`...)
			b = strconv.AppendInt(b, int64(ranges[i+1]), 16)
			b = append(b, '}')
		}
	}
	return b
}

// shortClassString is classString, but writes a class holding all of
// \pL (or none of it) as "[\pL...]" ("[^\pL...]") plus the other ranges.
// Regexp keeps each part's expression for its String method, and a
// split pattern's parts each print the pattern's \pL classes: as ranges
// they are 10 KB each, megabytes over all parts. The short form is used
// only if it parses back to exactly the same ranges.
func shortClassString(ranges []rune) string {
	if len(ranges) < 2*minShortClass {
		return classString(ranges)
	}
	key := uint64(14695981039346656037) // FNV-1a over the runes
	for _, r := range ranges {
		key = (key ^ uint64(r)) * 1099511628211
	}
	shortClasses.Lock()
	defer shortClasses.Unlock()
	for _, c := range shortClasses.m[key] {
		if slices.Equal(c.ranges, ranges) {
			return c.s
		}
	}
	s := makeShortClass(ranges)
	if shortClasses.m == nil {
		shortClasses.m = map[uint64][]shortClass{}
	}
	shortClasses.m[key] = append(shortClasses.m[key], shortClass{slices.Clone(ranges), s})
	return s
}

// minShortClass is the number of ranges from which shortClassString
// tries the short form: below it, classString is short enough.
const minShortClass = 64

// shortClasses memoizes shortClassString by the class's ranges, a hash
// of which is the map key: the same few \pL classes recur in many
// patterns.
var shortClasses struct {
	sync.Mutex
	m map[uint64][]shortClass
}

type shortClass struct {
	ranges []rune
	s      string
}

// makeShortClass computes shortClassString.
func makeShortClass(ranges []rune) string {
	long := classString(ranges)
	letters := letterRanges()
	var b []byte
	switch {
	case len(subtractRanges(letters, ranges)) == 0:
		b = appendRanges([]byte(`[\pL`), subtractRanges(ranges, letters))
	case len(rangesIntersect(letters, ranges)) == 0:
		b = appendRanges([]byte(`[^\pL`), subtractRanges(complementRanges(ranges), letters))
	default:
		return long
	}
	short := string(append(b, ']'))
	if len(short) >= len(long) {
		return long
	}
	re, err := syntax.Parse(short, syntax.Perl)
	if err != nil || re.Op != syntax.OpCharClass || !slices.Equal(re.Rune, ranges) {
		return long
	}
	return short
}

// letterRanges returns the ranges of \pL as the parser builds them.
var letterRanges = sync.OnceValue(func() []rune {
	re, err := syntax.Parse(`\pL`, syntax.Perl)
	if err != nil || re.Op != syntax.OpCharClass {
		panic("bant: cannot parse \\pL")
	}
	return re.Rune
})

// subtractRanges returns the ranges of a not in b (both sorted, disjoint
// pairs).
func subtractRanges(a, b []rune) []rune {
	var out []rune
	j := 0
	for i := 0; i+1 < len(a); i += 2 {
		lo, hi := a[i], a[i+1]
		for j+1 < len(b) && b[j+1] < lo {
			j += 2
		}
		for k := j; k+1 < len(b) && b[k] <= hi && lo <= hi; k += 2 {
			if b[k] > lo {
				out = append(out, lo, b[k]-1)
			}
			lo = max(lo, b[k+1]+1)
		}
		if lo <= hi {
			out = append(out, lo, hi)
		}
	}
	return out
}

// rangesIntersect returns the ranges of a that are also in b.
func rangesIntersect(a, b []rune) []rune {
	return subtractRanges(a, subtractRanges(a, b))
}

// complementRanges returns the ranges of every rune not in r.
func complementRanges(r []rune) []rune {
	var out []rune
	next := rune(0)
	for i := 0; i+1 < len(r); i += 2 {
		if r[i] > next {
			out = append(out, next, r[i]-1)
		}
		next = r[i+1] + 1
	}
	if next <= unicode.MaxRune {
		out = append(out, next, unicode.MaxRune)
	}
	return out
}

// isEmptyWidth reports an assertion that matches the empty string.
func isEmptyWidth(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	return false
}

// Limits for exactStrings: sets beyond them are not worth enumerating.
const (
	maxExactStrings   = 64
	maxClassLiterals  = 10
	maxExactStringLen = 48
)

// exactStrings returns every string re can match within a clause, if
// there are at most maxExactStrings of them. Within a clause the only
// whitespace is ' ' (prepare folds the rest and '\n' ends clauses), so
// \s counts as a space.
func exactStrings(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || slices.Contains(re.Rune, '\n') {
			return nil, false // '\n' never occurs inside a clause
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				switch r {
				case '\t', '\n', '\v', '\f', '\r':
					continue
				}
				if len(out) == maxClassLiterals {
					return nil, false
				}
				out = append(out, string(r))
			}
		}
		return out, len(out) > 0
	case syntax.OpCapture:
		return exactStrings(re.Sub[0])
	case syntax.OpQuest:
		sub, ok := exactStrings(re.Sub[0])
		if !ok {
			return nil, false
		}
		return unionStrings(sub, []string{""})
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			set, ok := exactStrings(sub)
			if !ok {
				return nil, false
			}
			if out, ok = productStrings(out, set); !ok {
				return nil, false
			}
		}
		return out, true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			set, ok := exactStrings(sub)
			if !ok {
				return nil, false
			}
			if out, ok = unionStrings(out, set); !ok {
				return nil, false
			}
		}
		return out, true
	}
	if isEmptyWidth(re) {
		return []string{""}, true
	}
	return nil, false
}

// productStrings returns every a+b, within the exactStrings limits.
func productStrings(as, bs []string) ([]string, bool) {
	if len(as)*len(bs) > maxExactStrings {
		return nil, false
	}
	out := make([]string, 0, len(as)*len(bs))
	for _, a := range as {
		for _, b := range bs {
			if len(a)+len(b) > maxExactStringLen {
				return nil, false
			}
			out = append(out, a+b)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), true
}

// unionStrings returns as ∪ bs, within the exactStrings limits.
func unionStrings(as, bs []string) ([]string, bool) {
	out := append(slices.Clone(as), bs...)
	slices.Sort(out)
	out = slices.Compact(out)
	return out, len(out) <= maxExactStrings
}

// requiredLiterals returns literals one of which every match of re
// contains, or nil if it cannot tell. For a concatenation any one part
// will do, including a run of adjacent parts whose strings can be
// enumerated ("p" followed by "ay|aid|rice" gives "pay", "paid",
// "price"); it picks the most selective. An alternation needs every
// branch's literals.
func requiredLiterals(re *syntax.Regexp) []string {
	if set, ok := exactStrings(re); ok {
		if slices.Contains(set, "") {
			return nil
		}
		return set
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		var best []string
		consider := func(lits []string) {
			if lits != nil && !slices.Contains(lits, "") && moreSelective(lits, best) {
				best = lits
			}
		}
		run := []string{""} // product of the current run of enumerable parts
		for _, sub := range re.Sub {
			set, ok := exactStrings(sub)
			if !ok {
				consider(run)
				run = []string{""}
				consider(requiredLiterals(sub))
				continue
			}
			next, ok := productStrings(run, set)
			if !ok {
				consider(run)
				next, ok = productStrings([]string{""}, set)
				if !ok {
					next = []string{""}
				}
			}
			run = next
		}
		consider(run)
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			lits := requiredLiterals(sub)
			if lits == nil {
				return nil
			}
			all = append(all, lits...)
		}
		slices.Sort(all)
		return slices.Compact(all)
	}
	return nil
}

// moreSelective reports whether searching for literal set a is likely to
// cost less than b (nil b is the worst), by literalCost, then by the
// longer shortest literal.
func moreSelective(a, b []string) bool {
	if b == nil {
		return true
	}
	ca, cb := literalCost(a), literalCost(b)
	if ca != cb {
		return ca < cb
	}
	shortest := func(l []string) int {
		n := len(l[0])
		for _, s := range l[1:] {
			n = min(n, len(s))
		}
		return n
	}
	return shortest(a) > shortest(b)
}

// literalCost estimates how often a literal set wakes a part up for
// nothing: the automaton finds any number of literals in one pass, so only
// how common they are matters ("with" is in most emails, "i'd be the
// main" in few).
func literalCost(lits []string) int {
	c := 0
	for _, l := range lits {
		t := strings.TrimSpace(l)
		switch {
		case strings.Trim(t, " .,:;-/'\"") == "":
			c += 1000 // " " alone wakes every clause
		case commonWords[t] || len(t) <= 1:
			c += 200
		case len(t) == 2:
			c += 40
		case len(t) == 3:
			c += 10
		default:
			c++
		}
	}
	return c
}

// commonWords are too frequent in English mail to be worth searching for.
var commonWords = map[string]bool{
	"the": true, "and": true, "or": true, "in": true, "on": true, "at": true,
	"to": true, "of": true, "for": true, "with": true, "is": true, "are": true,
	"be": true, "it": true, "this": true, "that": true, "we": true, "my": true,
	"our": true, "you": true, "your": true, "not": true, "no": true,
	"have": true, "has": true, "as": true, "by": true, "from": true,
	"me": true, "us": true, "up": true, "so": true, "but": true, "if": true,
	"all": true, "can": true, "will": true, "would": true, "do": true,
	"i'm": true, "i am": true, "i have": true, "we are": true, "we're": true,
	"need": true, "want": true, "get": true, "just": true, "any": true,
	"some": true, "time": true, "more": true, "about": true, "what": true,
}

// findAll returns the submatch indices of every match of p in d.lower, in
// order, as regexp's FindAllStringSubmatchIndex would, except that matches
// crossing a clause break are not found. Results are cached on d, as
// several extractors share patterns.
func (p *pattern) findAll(d *doc) [][]int {
	if d.matches == nil {
		d.matches = make([]patternMatches, len(allPatterns))
	}
	if c := &d.matches[p.idx]; c.done {
		return c.m
	}
	var out [][]int
	// A pattern's parts have consecutive ids, so one search finds the
	// first hit among them and the rest follow in d.hits.parts.
	h, j := d.literalHits(), -1
	for i := range p.parts {
		part := &p.parts[i]
		if part.lits == nil || literalIndex == nil {
			out = append(out, part.regexp().FindAllStringSubmatchIndex(d.lower, -1)...)
			continue
		}
		if j < 0 {
			j, _ = slices.BinarySearchFunc(h.parts, int32(part.id), comparePartHits)
		}
		for j < len(h.parts) && h.parts[j].part < int32(part.id) {
			j++
		}
		if j == len(h.parts) || h.parts[j].part != int32(part.id) {
			continue
		}
		for _, k := range h.partClauses(j) {
			c := d.clauseSpan(k)
			for _, m := range part.regexp().FindAllStringSubmatchIndex(d.lower[c[0]:c[1]], -1) {
				for i := range m {
					if m[i] >= 0 {
						m[i] += c[0]
					}
				}
				out = append(out, m)
			}
		}
	}
	if len(p.parts) > 1 {
		slices.SortStableFunc(out, func(a, b []int) int { return a[0] - b[0] })
	}
	d.matches[p.idx] = patternMatches{m: out, done: true}
	return out
}

// matchesIn reports whether p matches within d.lower[lo:hi], a span too
// short for the literal search to pay off.
func (p *pattern) matchesIn(d *doc, lo, hi int) bool {
	for i := range p.parts {
		if p.parts[i].regexp().MatchString(d.lower[lo:hi]) {
			return true
		}
	}
	return false
}

// clausesFor returns the indices of the clauses of d that contain one of
// part's literals, ascending. The first call runs literalIndex over the
// whole text once, for every part.
func (d *doc) clausesFor(part *patternPart) []int {
	h := d.literalHits()
	j, ok := slices.BinarySearchFunc(h.parts, int32(part.id), comparePartHits)
	if !ok {
		return nil
	}
	return h.partClauses(j)
}

// literalHits returns d's literal hits, running literalIndex over the
// text on the first call.
func (d *doc) literalHits() *literalHits {
	if !d.scanned {
		literalIndex.scan(d)
	}
	return &d.hits
}

// partClauses returns the clauses of the part at h.parts[j].
func (h *literalHits) partClauses(j int) []int {
	start := int32(0)
	if j > 0 {
		start = h.parts[j-1].end
	}
	end := h.parts[j].end
	return h.clauses[start:end:end]
}

func comparePartHits(p partHits, id int32) int { return int(p.part - id) }

// literalHits is what literalIndex.scan found in a doc: for each part
// with a literal in the text (and only those: there are thousands of
// parts and a text wakes a few hundred), the clauses holding one.
type literalHits struct {
	// parts are ascending by part id; part i's clauses are
	// clauses[parts[i-1].end:parts[i].end].
	parts   []partHits
	clauses []int
}

// partHits locates one part's clauses in literalHits.clauses.
type partHits struct {
	part, end int32
}

// literalIndex is an Aho-Corasick automaton over the literals of every
// pattern part: one pass over a text finds which clauses each part must
// run on.
var literalIndex *acAutomaton

// acAutomaton is an Aho-Corasick automaton over a compressed alphabet
// (the bytes that occur in literals, plus one class for all others).
//
// A complete transition table would be states × classes (tens of
// thousands × ~70): megabytes, nearly all of it failure transitions of
// deep states that a text rarely reaches. So only the states near the
// root, where a scan spends most of its time, have a complete (dense)
// row; the others keep their trie edges and a failure link.
type acAutomaton struct {
	class  [256]uint8
	nclass int
	// row[s] >= 0: state s's transitions are
	// dense[row[s]*nclass:][:nclass], failures folded in; state 0, the
	// root, is dense. row[s] < 0: s's trie edges are
	// edges[edgeStart[s]:edgeStart[s+1]], ascending by class, and any
	// other class goes where fail[s] goes.
	row       []int32
	dense     []int32
	edgeStart []int32
	edges     []acEdge
	fail      []int32
	// outs[outStart[s]:outStart[s+1]] lists the parts one of whose
	// literals ends at state s, with that literal's length (the shortest,
	// if several).
	outStart []int32
	outs     []acOut
	nparts   int
}

// acDenseDepth is the depth (literal prefix length) up to which states
// get a dense row.
const acDenseDepth = 2

// acEdge is a trie edge of a sparse state.
type acEdge struct {
	next  int32
	class uint8
}

// acOut is one literal ending at an automaton state.
type acOut struct {
	part, length int32
}

// next returns the state after st on a byte of class c.
func (a *acAutomaton) next(st int32, c uint8) int32 {
	for {
		if r := a.row[st]; r >= 0 {
			return a.dense[int(r)*a.nclass+int(c)]
		}
		for _, e := range a.edges[a.edgeStart[st]:a.edgeStart[st+1]] {
			if e.class == c {
				return e.next
			}
			if e.class > c {
				break
			}
		}
		st = a.fail[st]
	}
}

// buildAutomaton builds the automaton for parts' literals.
func buildAutomaton(parts []*patternPart) *acAutomaton {
	a := &acAutomaton{nparts: len(parts)}
	a.nclass = 1 // class 0: bytes in no literal
	for _, p := range parts {
		for _, l := range p.lits {
			for i := 0; i < len(l); i++ {
				if a.class[l[i]] == 0 {
					a.class[l[i]] = uint8(a.nclass)
					a.nclass++
				}
			}
		}
	}
	// The complete table is built, then kept for the dense rows only; it
	// takes uint16 states while they fit.
	var out [][]acOut
	if size := trieSize(parts); size <= 1<<16 {
		out = buildSparse[uint16](a, parts, size)
	} else {
		out = buildSparse[uint32](a, parts, size)
	}
	a.outStart = make([]int32, len(out)+1)
	n := 0
	for _, o := range out {
		n += len(o)
	}
	a.outs = make([]acOut, 0, n)
	for st, o := range out {
		a.outs = append(a.outs, o...)
		a.outStart[st+1] = int32(len(a.outs))
	}
	return a
}

// buildSparse builds a's transitions, for size states (trieSize), and
// returns the literals ending at each state.
func buildSparse[T uint16 | uint32](a *acAutomaton, parts []*patternPart, size int) [][]acOut {
	delta, out := buildTrie[T](a, parts, size)
	n := len(out)
	// The trie edges, before completeDelta fills in the failures.
	depth := make([]uint8, n)
	a.row = make([]int32, n)
	a.edgeStart = make([]int32, n+1)
	a.edges = make([]acEdge, 0, n-1)
	dense := 0
	for st := 0; st < n; st++ {
		a.row[st] = -1
		if depth[st] <= acDenseDepth {
			a.row[st] = int32(dense)
			dense++
		}
		for c, next := range delta[st*a.nclass : (st+1)*a.nclass] {
			if next != 0 {
				depth[next] = min(depth[st]+1, 255)
				a.edges = append(a.edges, acEdge{next: int32(next), class: uint8(c)})
			}
		}
		a.edgeStart[st+1] = int32(len(a.edges))
	}
	fail := completeDelta(a, delta, out)
	a.fail = make([]int32, n)
	for st, f := range fail {
		a.fail[st] = int32(f)
	}
	a.dense = make([]int32, 0, dense*a.nclass)
	for st := 0; st < n; st++ {
		if a.row[st] >= 0 {
			for _, next := range delta[st*a.nclass : (st+1)*a.nclass] {
				a.dense = append(a.dense, int32(next))
			}
		}
	}
	return out
}

// buildTrie returns the trie of parts' literals as a transition table
// for size states (0 is "no child": the root is nobody's child), with the
// literals ending at each state. A child's number is above its parent's.
func buildTrie[T uint16 | uint32](a *acAutomaton, parts []*patternPart, size int) ([]T, [][]acOut) {
	delta := make([]T, a.nclass, size*a.nclass)
	out := [][]acOut{nil}
	for _, p := range parts {
		for _, l := range p.lits {
			st := T(0)
			for i := 0; i < len(l); i++ {
				at := int(st)*a.nclass + int(a.class[l[i]])
				next := delta[at]
				if next == 0 {
					next = T(len(out))
					delta[at] = next
					delta = append(delta, make([]T, a.nclass)...)
					out = append(out, nil)
				}
				st = next
			}
			out[st] = addOut(out[st], acOut{part: int32(p.id), length: int32(len(l))})
		}
	}
	return delta, out
}

// completeDelta turns the trie delta into the complete automaton,
// breadth first, adding to each state's outputs those of its failure
// state, and returns the failure links.
func completeDelta[T uint16 | uint32](a *acAutomaton, delta []T, out [][]acOut) []T {
	fail := make([]T, len(out))
	queue := make([]T, 1, len(out))
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		row, frow := delta[int(st)*a.nclass:], delta[int(fail[st])*a.nclass:]
		for c := 0; c < a.nclass; c++ {
			next := row[c]
			if next == 0 {
				if st != 0 {
					row[c] = frow[c]
				}
				continue
			}
			if st != 0 {
				fail[next] = frow[c]
			}
			for _, o := range out[fail[next]] {
				out[next] = addOut(out[next], o)
			}
			queue = append(queue, next)
		}
	}
	return fail
}

// trieSize returns the number of nodes of the trie of parts' literals,
// root included: sorted, each literal adds the bytes it does not share
// with the one before.
func trieSize(parts []*patternPart) int {
	var lits []string
	for _, p := range parts {
		lits = append(lits, p.lits...)
	}
	slices.Sort(lits)
	n, prev := 1, ""
	for _, l := range lits {
		common := 0
		for common < len(l) && common < len(prev) && l[common] == prev[common] {
			common++
		}
		n += len(l) - common
		prev = l
	}
	return n
}

// addOut adds o to outs, keeping one entry per part with the shortest
// length (any occurrence of a part's literal locates its clause).
func addOut(outs []acOut, o acOut) []acOut {
	for i := range outs {
		if outs[i].part == o.part {
			outs[i].length = min(outs[i].length, o.length)
			return outs
		}
	}
	return append(outs, o)
}

// scanScratch is scan's reusable working memory.
type scanScratch struct {
	// found holds part<<32 | clause for each literal occurrence, deduped
	// against last.
	found []uint64
	// last is, per part id, 1 + the last clause recorded for it (0:
	// none); entries are reset after each scan.
	last []int32
}

var scanPool = sync.Pool{New: func() any { return new(scanScratch) }}

// scan records in d.hits, per part, the ascending indices of the clauses
// of d in which one of the part's literals starts.
func (a *acAutomaton) scan(d *doc) {
	d.scanned = true
	sc := scanPool.Get().(*scanScratch)
	if len(sc.last) < a.nparts {
		sc.last = make([]int32, a.nparts)
	}
	found := sc.found[:0]
	s := d.lower
	st := int32(0)
	cur := 0 // the clause holding s[i]
	for i := 0; i < len(s); i++ {
		for cur < len(d.breaks) && d.breaks[cur] < i {
			cur++
		}
		c := a.class[s[i]]
		if r := a.row[st]; r >= 0 {
			st = a.dense[int(r)*a.nclass+int(c)]
		} else {
			st = a.next(st, c)
		}
		for _, o := range a.outs[a.outStart[st]:a.outStart[st+1]] {
			k := cur
			if p := i - int(o.length) + 1; cur > 0 && p <= d.breaks[cur-1] {
				k = d.clauseIndex(p) // a literal spanning a break
			}
			if sc.last[o.part] != int32(k+1) {
				sc.last[o.part] = int32(k + 1)
				found = append(found, uint64(o.part)<<32|uint64(k))
			}
		}
	}
	slices.Sort(found)
	found = slices.Compact(found)
	var h literalHits
	h.clauses = make([]int, len(found))
	for i, f := range found {
		part := int32(f >> 32)
		h.clauses[i] = int(uint32(f))
		if n := len(h.parts); n > 0 && h.parts[n-1].part == part {
			h.parts[n-1].end++
		} else {
			h.parts = append(h.parts, partHits{part: part, end: int32(i + 1)})
		}
		sc.last[part] = 0
	}
	d.hits = h
	sc.found = found
	scanPool.Put(sc)
}
