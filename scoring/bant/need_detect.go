package bant

import (
	"sort"
	"strings"
)

// needTier is a family of need cues, with the confidence one cue of it
// carries alone.
type needTier int

const (
	needTierGoal needTier = iota
	needTierPainRule
	needTierStrong
	needTierMid
	needTierManual
	needTierTrouble
	needTierTime
	needTierObject
	needTierCount
)

// needTierConf is each tier's confidence. Only strong pains, the precise
// English rules and goals reach AnswerThreshold alone; weaker cues
// combine (see needScore).
var needTierConf = [needTierCount]float64{
	needTierGoal:     0.7,
	needTierPainRule: 0, // per rule, see painRules
	needTierStrong:   0.75,
	needTierMid:      0.6,
	needTierManual:   0.45,
	needTierTrouble:  0.4,
	needTierTime:     0.3,
	needTierObject:   0.2,
}

// needCue is one cue found in a text.
type needCue struct {
	start, end int
	clause     int
	tier       needTier
	conf       float64
}

// needPainPatterns are the pain tiers and their patterns, strongest
// first, so a weaker cue inside a stronger one's match is dropped.
var needPainPatterns = []struct {
	tier needTier
	re   *pattern
}{
	{needTierStrong, needPainStrongRe},
	{needTierMid, needPainMidRe},
	{needTierManual, needManualRe},
	{needTierTrouble, needTroubleRe},
	{needTierTime, needTimeRe},
	{needTierObject, needObjectRe},
}

// needFindCues returns the cues of d in text order, and whether a
// problem word was negated or marked solved ("no problems with our
// current tool", "we solved that last year").
func needFindCues(d *doc) (cues []needCue, denied []needCue) {
	overlaps := func(s, e int) bool {
		for _, c := range cues {
			if s < c.end && c.start < e {
				return true
			}
		}
		return false
	}
	add := func(c needCue) {
		if overlaps(c.start, c.end) {
			return
		}
		if c.tier != needTierObject && c.tier != needTierGoal && (needNegationAt(d, c.start) >= 0 || needSolved(d, c.start, c.end)) {
			if c.tier <= needTierMid {
				denied = append(denied, c)
			}
			return
		}
		cues = append(cues, c)
	}
	for _, g := range needGoals(d) {
		add(g)
	}
	for _, r := range painRules {
		for _, m := range r.re.findAll(d) {
			add(needCue{start: m[0], end: m[1], clause: d.clauseIndex(m[0]), tier: needTierPainRule, conf: r.conf})
		}
	}
	for _, p := range needPainPatterns {
		for _, m := range p.re.findAll(d) {
			add(needCue{start: m[0], end: m[1], clause: d.clauseIndex(m[0]), tier: p.tier, conf: needTierConf[p.tier]})
		}
	}
	sort.Slice(cues, func(i, j int) bool { return cues[i].start < cues[j].start })
	return cues, denied
}

// needGoals returns the goal cues of d: a goal phrase in one piece
// (needGoalRe), or a wish followed in its clause by an action verb with
// no request for information in between ("wir möchten die Auftragserfassung
// automatisieren", not "wir möchten ein Angebot erhalten").
func needGoals(d *doc) []needCue {
	var out []needCue
	for _, m := range needGoalRe.findAll(d) {
		if needInfoRe.matchesIn(d, m[0], m[1]) {
			continue
		}
		out = append(out, needCue{start: m[0], end: m[1], clause: d.clauseIndex(m[0]), tier: needTierGoal, conf: needTierConf[needTierGoal]})
	}
	wishes := needGoalWishRe.findAll(d)
	if len(wishes) == 0 {
		return out
	}
	verbs := needGoalVerbRe.findAll(d)
	for _, w := range wishes {
		k := d.clauseIndex(w[0])
		for _, v := range verbs {
			if v[0] < w[1] || d.clauseIndex(v[0]) != k {
				continue
			}
			if needInfoBetween(d, w[1], v[0]) {
				break
			}
			out = append(out, needCue{start: w[0], end: v[1], clause: k, tier: needTierGoal, conf: needTierConf[needTierGoal]})
			break
		}
	}
	return out
}

// needInfoBetween reports a request for information between lo and hi
// ("wir möchten gerne ein Angebot, um ... zu automatisieren" is still a
// request for a quote).
func needInfoBetween(d *doc, lo, hi int) bool {
	return hi > lo && needInfoRe.matchesIn(d, lo, hi)
}

// needPurposeWords, just before a negation, make it part of a goal
// rather than a denial: "so we don't lose orders", "damit keine Anfragen
// verloren gehen", "pour ne plus perdre", "para no perder".
var needPurposeWords = map[string]bool{
	"so": true, "that": true, "avoid": true, "damit": true, "um": true, "vermeiden": true,
	"pour": true, "afin": true, "éviter": true, "eviter": true, "para": true, "evitar": true, "que": true,
}

// needNegationAt returns the offset of a negation among the four words
// before p in p's clause, in any of the four languages ("keine Probleme",
// "pas de soucis", "sin problemas", "ne ... plus de problèmes"), or -1.
// A negation that follows a purpose word ("so we don't lose leads") does
// not count: it states a goal.
func needNegationAt(d *doc, p int) int {
	cs := d.clauseStart(p)
	lo := max(cs, p-48)
	if c := strings.LastIndexByte(d.lower[lo:p], ','); c >= 0 {
		lo += c + 1
	}
	seg := d.lower[lo:p]
	end := len(seg)
	for seen := 0; end > 0 && seen < 4; seen++ {
		for end > 0 && isSep(seg[end-1]) {
			end--
		}
		start := end
		for start > 0 && !isSep(seg[start-1]) {
			start--
		}
		if start == end || start == 0 && lo > cs && !isSep(d.lower[lo-1]) {
			break
		}
		w := seg[start:end]
		neg := needNegators[w] || strings.HasSuffix(w, "n't") || w == "cannot"
		if w == "plus" { // "n'avons plus de", not "plus de clients"
			neg = strings.Contains(d.lower[cs:lo+start], "n'") || strings.Contains(d.lower[cs:lo+start], "ne ")
		}
		if neg {
			if needPurposeBefore(d, cs, lo+start) {
				return -1
			}
			return lo + start
		}
		end = start
	}
	return -1
}

// needPurposeBefore reports a purpose word among the three words before
// p (not before cs).
func needPurposeBefore(d *doc, cs, p int) bool {
	seg := d.lower[max(cs, p-30):p]
	fields := strings.Fields(seg)
	for i := len(fields) - 1; i >= 0 && i >= len(fields)-3; i-- {
		if needPurposeWords[strings.Trim(fields[i], ",.")] {
			return true
		}
	}
	return false
}

// needSolved reports a solved-pain marker in the clause of [start, end)
// with no contrast word between them ("we solved that last year", but not
// "we solved invoicing but scheduling is still a mess").
func needSolved(d *doc, start, end int) bool {
	k := d.clauseIndex(start)
	for _, m := range needSolvedRe.findAll(d) {
		if d.clauseIndex(m[0]) != k || m[0] < end && start < m[1] {
			continue
		}
		lo, hi := min(m[1], start), max(m[0], end)
		if hi <= lo || !containsAny(d.lower[lo:hi], needContrastWords) {
			return true
		}
	}
	return false
}

// needScore returns the confidence that cues[i] states a need, with the
// indices of the cues that support it: a noisy-or of its own confidence
// and those of the other cues in its sentence (the neighbouring sentences
// count at 60 %), so "Excel" + "every Monday" + "orders" add up to a
// story of manual work while "Excel" alone stays below AnswerThreshold.
// A tier's second and later cues count half, and objects once.
func needScore(cues []needCue, i int, support *[4]int) (float64, int) {
	a := cues[i]
	miss := 1 - a.conf
	var seen [needTierCount]int
	seen[a.tier]++
	n := 0
	for j, c := range cues {
		if j == i {
			continue
		}
		dk := c.clause - a.clause
		if dk < -1 || dk > 1 {
			continue
		}
		w := c.conf
		if dk != 0 {
			w *= 0.6
		}
		if seen[c.tier] > 0 {
			if c.tier == needTierObject {
				continue
			}
			w /= 2
		}
		seen[c.tier]++
		miss *= 1 - w
		if n < len(support) && (dk == 0 || c.tier != needTierObject) {
			support[n] = j
			n++
		}
	}
	return min(1-miss, 0.9), n
}

// needEvidence names the anchor cue and its strongest supporters, in text
// order, joined by " … ".
func needEvidence(d *doc, cues []needCue, i int, support []int) string {
	idx := append([]int{i}, support...)
	sort.Slice(idx, func(x, y int) bool {
		return cues[idx[x]].conf > cues[idx[y]].conf
	})
	if len(idx) > 3 {
		idx = idx[:3]
	}
	sort.Ints(idx)
	parts := make([]string, 0, len(idx))
	for _, j := range idx {
		parts = append(parts, d.snippet(cues[j].start, cues[j].end))
	}
	return strings.Join(parts, " … ")
}
