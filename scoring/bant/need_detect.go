package bant

import (
	"regexp"
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
	needTierForced
	needTierLack
	needTierStory
	needTierMid
	needTierManual
	needTierTrouble
	needTierWant
	needTierTime
	needTierSupport
	needTierObject
	needTierCount
)

// needTierConf is each tier's confidence. Goals, strong pains, forced
// changes, lacks, problem words and the precise English rules reach
// AnswerThreshold alone; weaker cues combine (see needScore).
var needTierConf = [needTierCount]float64{
	needTierGoal:     0.7,
	needTierPainRule: 0, // per rule, see painRules
	needTierStrong:   0.75,
	needTierForced:   0.65,
	needTierLack:     0.6,
	needTierStory:    0.6,
	needTierMid:      0.6,
	needTierManual:   0.45,
	needTierTrouble:  0.4,
	needTierWant:     0.35,
	needTierTime:     0.3,
	needTierSupport:  0.1,
	needTierObject:   0.2,
}

// needSupportOnly reports a tier that adds to a pain but never makes one:
// an object of work or "because" next to a wish to buy is not a pain.
func needSupportOnly(t needTier) bool { return t == needTierSupport || t == needTierObject }

// needCue is one cue found in a text.
type needCue struct {
	start, end int
	clause     int
	tier       needTier
	conf       float64
	// request reports that the cue's clause asks something of us.
	request bool
	// renewal marks a contract or licence running out (see needRenewals),
	// which is no pain when the writer says they are content.
	renewal bool
}

// needLangs returns the lexicons to read d with: English (which other
// languages borrow from), the detected language, and any other language
// whose function words come close, as a short text ("Se nos pierden
// pedidos") can tie between two of them.
func needLangs(d *doc) []*needPatterns {
	langs := [4]string{LangEnglish, LangGerman, LangFrench, LangSpanish}
	var counts [4]int
	words := strings.FieldsFunc(d.lower, func(r rune) bool {
		return !(r == '\'' || r >= 'a' && r <= 'z' || r >= 0xC0 && r != 0xD7 && r != 0xF7)
	})
	for _, w := range words {
		if l, ok := functionWords[w]; ok {
			for i, x := range langs {
				if x == l {
					counts[i]++
				}
			}
		}
	}
	best := max(counts[0], counts[1], counts[2], counts[3])
	if detected := detectLanguage(d.lower); detected != "" && detected != LangEnglish {
		for i, x := range langs {
			if x == detected {
				counts[i] = max(counts[i], best)
			}
		}
	}
	out := []*needPatterns{needCompiled[LangEnglish]}
	for i := 1; i < 4; i++ {
		if best == 0 || counts[i] > 0 && 2*counts[i] >= best { // no function word at all: read every language
			out = append(out, needCompiled[langs[i]])
		}
	}
	return out
}

// needTierPatterns returns the pattern of tier t in p, nil if none.
func needTierPatterns(p *needPatterns, t needTier) *pattern {
	switch t {
	case needTierStrong:
		return p.strong
	case needTierForced:
		return p.forced
	case needTierLack:
		return p.lack
	case needTierStory:
		return p.story
	case needTierMid:
		return p.mid
	case needTierManual:
		return p.manual
	case needTierTrouble:
		return p.trouble
	case needTierWant:
		return p.want
	case needTierTime:
		return p.time
	case needTierSupport:
		return p.support
	case needTierObject:
		return p.object
	}
	return nil
}

// needFindCues returns the cues of d in text order, and the problem words
// that were negated or marked solved ("no problems with our current
// tool", "we solved that last year").
func needFindCues(d *doc, langs []*needPatterns) (cues []needCue, denied []needCue) {
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
		c.request = needRequestAt(d, c.clause, c.start)
		if needSomedayGoal(d, c) {
			denied = append(denied, c) // "algún día me gustaría digitalizar": no need now
			return
		}
		if needWithoutBudget(d, c) || needNotAPain(d, c) {
			return // "el proyecto se queda sin presupuesto": a budget, not a pain
		}
		if (c.tier == needTierMid || c.tier == needTierStrong || c.tier == needTierStory) && needSolverBefore(d, c.start) {
			return // "we solve delivery problems for retailers": their trade, not their pain
		}
		if c.tier != needTierGoal && !needSupportOnly(c.tier) && needYoursBefore(d, c.start) {
			return // "your contact form doesn't work on mobile": our pain, not theirs
		}
		if c.tier == needTierMid && needDeniedAfter(d, c.end) {
			denied = append(denied, c) // "Probleme haben wir keine mehr"
			return
		}
		if c.tier != needTierGoal && !needSupportOnly(c.tier) && needDeniedAfterAny(d, c.end) {
			return // "Konkrete Anforderungen habe ich noch keine"
		}
		if needKnowWhenAfter(d, c.start, c.end) {
			return // "personne ne sait quand": the timing is open, nothing hurts
		}
		if !needSupportOnly(c.tier) && c.tier != needTierGoal && c.tier != needTierLack &&
			(needNegationAt(d, c.start) >= 0 || needSolved(d, langs, c.start, c.end)) {
			if c.tier <= needTierMid && needNegationAt(d, c.start) >= 0 && needAboutSomething(d, c.start, c.end) {
				denied = append(denied, c) // "no problems": a solved one says nothing
			}
			return
		}
		cues = append(cues, c)
	}
	for _, g := range needGoals(d, langs) {
		add(g)
	}
	for _, r := range painRules {
		for _, m := range r.re.findAll(d) {
			add(needCue{start: m[0], end: m[1], clause: d.clauseIndex(m[0]), tier: needTierPainRule, conf: r.conf})
		}
	}
	// "not happy with our current tool" is a pain.
	for _, p := range langs {
		for _, m := range p.denial.findAll(d) {
			if at := needNegationAt(d, m[0]); at >= 0 && !needHasNegator(d.lower[m[0]:m[1]]) {
				add(needCue{start: at, end: m[1], clause: d.clauseIndex(m[0]), tier: needTierStrong, conf: needTierConf[needTierStrong]})
			}
		}
	}
	for _, p := range langs {
		for _, c := range needTimeCostCues(d, p) {
			add(c)
		}
	}
	// Falling figures and renewals before the word lists, whose objects
	// ("licences", "sales") would hide them.
	for _, p := range langs {
		if p.decline == nil {
			continue
		}
		for _, m := range p.decline.findAll(d) {
			c := needCue{start: m[0], end: m[1], clause: d.clauseIndex(m[0]), tier: needTierStory, conf: needTierConf[needTierStory]}
			if lo := needWordStart(d, max(d.clauseStart(m[0]), m[0]-25)); needGoodNews(d.lower[lo:m[1]]) {
				// "our error rate fell": good news, which also keeps its
				// words ("error") from counting as trouble.
				c.start, c.tier, c.conf = lo, needTierSupport, 0
			}
			add(c)
		}
	}
	for _, p := range langs {
		if p.renewal == nil {
			continue
		}
		for _, m := range p.renewal.findAll(d) {
			if needRenewingWithUs(d, m[0]) || needWishToRenew(d, m[0]) {
				continue
			}
			add(needCue{start: m[0], end: m[1], clause: d.clauseIndex(m[0]), tier: needTierForced, conf: needTierConf[needTierForced], renewal: true})
		}
	}
	for t := needTierStrong; t < needTierCount; t++ {
		for _, p := range langs {
			re := needTierPatterns(p, t)
			if re == nil {
				continue
			}
			for _, m := range re.findAll(d) {
				if m[0] > 0 && isLetter(d.lower[m[0]-1]) {
					continue // inside a word: Go's \b takes "é" for a boundary ("opérateur")
				}
				c := needCue{start: m[0], end: m[1], clause: d.clauseIndex(m[0]), tier: t, conf: needTierConf[t]}
				if t == needTierWant && needInfoInClause(d, langs, c.clause) {
					continue // "we need a quote for 25 tablets"
				}
				add(c)
			}
		}
	}
	sort.Slice(cues, func(i, j int) bool { return cues[i].start < cues[j].start })
	return cues, denied
}

// needInfoInClause reports a request for information or prices in clause
// k.
func needInfoInClause(d *doc, langs []*needPatterns, k int) bool {
	c := d.clauseSpan(k)
	return needInfoBetween(d, langs, c[0], c[1])
}

// needGoals returns the goal cues of d: a goal phrase in one piece, or a
// wish followed in its clause by an action verb with no request for
// information in between ("wir möchten die Auftragserfassung
// automatisieren", not "wir möchten ein Angebot erhalten").
func needGoals(d *doc, langs []*needPatterns) []needCue {
	var out []needCue
	for _, p := range langs {
		if p.goal != nil {
			for _, m := range p.goal.findAll(d) {
				if needInfoBetween(d, langs, m[0], m[1]) {
					continue
				}
				out = append(out, needCue{start: m[0], end: m[1], clause: d.clauseIndex(m[0]), tier: needTierGoal, conf: needTierConf[needTierGoal]})
			}
		}
		var goalVerbs [][]int
		goalVerbsDone := false
		verbsOf := func() [][]int {
			if !goalVerbsDone && p.goalVerb != nil {
				goalVerbs = p.goalVerb.findAll(d)
			}
			goalVerbsDone = true
			return goalVerbs
		}
		if p.goalWish != nil {
			if ws := p.goalWish.findAll(d); len(ws) > 0 {
				out = needWishGoals(d, langs, ws, verbsOf(), false, out)
			}
		}
		if p.wish != nil {
			if ws := p.wish.findAll(d); len(ws) > 0 {
				if p.wishVerb != nil {
					out = needWishGoals(d, langs, ws, p.wishVerb.findAll(d), true, out)
				}
				out = needWishGoals(d, langs, ws, verbsOf(), true, out)
			}
		}
	}
	return out
}

// needWishGoals appends to out a goal cue for each wish in wishes that is
// followed in its clause by an action in verbs, with no request for
// information in between (nor in the action itself when withVerb: "I want
// to know what it costs").
func needWishGoals(d *doc, langs []*needPatterns, wishes, verbs [][]int, withVerb bool, out []needCue) []needCue {
	if len(verbs) == 0 {
		return out
	}
	for _, w := range wishes {
		k := d.clauseIndex(w[0])
		for _, v := range verbs {
			if v[0] < w[1] || d.clauseIndex(v[0]) != k {
				continue
			}
			hi := v[0]
			if withVerb {
				hi = v[1]
			}
			if !needInfoBetween(d, langs, w[1], hi) {
				out = append(out, needCue{start: w[0], end: v[1], clause: k, tier: needTierGoal, conf: needTierConf[needTierGoal]})
			}
			break
		}
	}
	return out
}

// needInfoBetween reports a request for information between lo and hi
// ("wir möchten gerne ein Angebot, um ... zu automatisieren" is still a
// request for a quote).
func needInfoBetween(d *doc, langs []*needPatterns, lo, hi int) bool {
	if hi <= lo {
		return false
	}
	for _, p := range langs {
		if p.info != nil && p.info.matchesIn(d, lo, hi) {
			return true
		}
	}
	return false
}

// needScopeEnds are conjunctions that end a negation's reach.
var needScopeEnds = map[string]bool{
	"and": true, "but": true, "so": true, "because": true, "while": true,
	"und": true, "aber": true, "weil": true, "denn": true, "sondern": true,
	"et": true, "mais": true, "car": true, "donc": true,
	"y": true, "pero": true, "porque": true, "pues": true,
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
	if c := strings.LastIndexAny(d.lower[lo:p], ",:;"); c >= 0 {
		lo += c + 1 // "no hay prisa ninguna: no vamos a comprar" negates only the hurry
	}
	if c := strings.LastIndex(d.lower[lo:p], " - "); c >= 0 {
		lo += c + 2 // "I can't sign contracts - I'm collecting info" likewise
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
		if needScopeEnds[w] {
			break // "kaum erreichbar und Patienten beschweren sich"
		}
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

// needSolved reports a solved-pain or past marker in the clause of
// [start, end): after the pain ("we had double bookings, but that is
// solved"), or before it with no contrast word in between ("we solved
// invoicing, but scheduling is still a mess" is a pain).
func needSolved(d *doc, langs []*needPatterns, start, end int) bool {
	k := d.clauseIndex(start)
	for _, p := range langs {
		if p.solved == nil {
			continue
		}
		for _, m := range p.solved.findAll(d) {
			if d.clauseIndex(m[0]) != k || m[0] < end && start < m[1] {
				continue
			}
			if m[0] >= end || !containsAny(d.lower[m[1]:start], needContrastWords) {
				return true
			}
		}
	}
	return false
}

// needScore returns the confidence that cues[i] states a need, with the
// indices of the cues that support it: a noisy-or of its own confidence
// and those of the other cues in its sentence (the neighbouring sentences
// count at 60 %), so "Excel" + "every Monday" + "orders" add up to a
// story of manual work while "Excel" alone stays below AnswerThreshold.
// A tier's second and later cues count half, supports (objects,
// "because", "today") once and only next to a pain word, and without a
// pain word or goal in reach the result stays below AnswerThreshold.
func needScore(cues []needCue, i int, support *[4]int) (float64, int) {
	a := cues[i]
	painNear := needPainWord(a.tier)
	for _, c := range cues {
		if dk := c.clause - a.clause; dk >= -1 && dk <= 1 && needPainWord(c.tier) {
			painNear = true
			break
		}
	}
	miss := 1 - a.weight()
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
		if needSupportOnly(c.tier) && !painNear {
			continue
		}
		w := c.weight()
		if dk != 0 {
			w *= 0.6
		}
		if seen[c.tier] > 0 {
			if needSupportOnly(c.tier) {
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
	conf := min(1-miss, 0.9)
	if !painNear {
		// Time spent and wishes to buy are no pain by themselves: "we need
		// 25 seats, our office hours are 9-5" states nothing.
		conf = min(conf, AnswerThreshold-0.05)
	}
	return conf, n
}

// needPainWord reports a tier that names a pain or a goal, which a stated
// need must contain (time spent and a wish to buy only add to one).
func needPainWord(t needTier) bool { return t <= needTierTrouble }

// weight is the cue's confidence as evidence: a weak cue or a story cue
// (whose words are broad: "last-minute", "overtime") inside a request or
// question ("could you tell me whether your tool supports Excel
// export?", "please call me, I'm late") counts half, as it describes what
// the writer asks for rather than what goes wrong.
func (c needCue) weight() float64 {
	if c.request && (c.conf < AnswerThreshold || c.tier == needTierStory) {
		return c.conf / 2
	}
	return c.conf
}

// needRequestWords mark a clause as a request to us.
var needRequestWords = []string{
	"please", "could you", "can you", "would you", "let me know",
	"bitte", "können sie", "koennen sie", "könnten sie", "koennten sie", "könnt ihr", "koennt ihr",
	"merci de", "pourriez", "pouvez-vous", "pouvez vous", "auriez-vous",
	"por favor", "podrían", "podrian", "pueden", "podéis", "podeis", "me pueden",
}

// needRequestAt reports that the cue at p, in clause k, is part of what
// the writer asks of us: the clause holds a request word, or it ends in a
// question mark and p lies in the question, which starts at an opening
// "¿" when there is one ("cada trimestre me paso un fin de semana
// pasando notas, ¿su app hace eso?" tells a pain, then asks) and at the
// clause start otherwise.
func needRequestAt(d *doc, k, p int) bool {
	c := d.clauseSpan(k)
	if c[1] < len(d.lower) && d.lower[c[1]] == '?' {
		if p >= c[0]+max(0, strings.LastIndex(d.lower[c[0]:c[1]], "¿")) {
			return true
		}
	}
	return containsAny(d.lower[c[0]:c[1]], needRequestWords)
}

// needEvidence names the cue a stated need was read from: the anchor
// alone when it states a need by itself ("struggling with"), else the
// anchor and its strongest supporters, in text order, joined by " … "
// ("Excel … every Monday … orders"), as together they made the answer.
func needEvidence(d *doc, cues []needCue, i int, support []int) string {
	if cues[i].conf >= AnswerThreshold {
		return d.snippet(cues[i].start, cues[i].end)
	}
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

// needHasNegator reports a negating word in s ("no complaints" is itself
// a denial, so a negation before it does not make a pain).
func needHasNegator(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
		if needNegators[w] || strings.HasSuffix(w, "n't") {
			return true
		}
	}
	return false
}

// needSolvers are verbs that make a problem word the writer's trade
// rather than their pain ("we solve delivery problems for retailers").
var needSolvers = map[string]bool{
	"solve": true, "solves": true, "solving": true, "fix": true, "fixes": true,
	"lösen": true, "loesen": true, "löst": true, "loest": true,
	"résout": true, "resout": true, "résoudre": true, "resoudre": true, "résolvons": true,
	"resolver": true, "resolvemos": true, "resuelve": true, "solucionar": true, "solucionamos": true,
	// helping and advising others with their problems is a trade too
	"help": true, "helps": true, "helping": true, "advise": true, "advises": true,
	"helfen": true, "hilft": true, "beraten": true, "berät": true, "unterstützen": true, "unterstützt": true,
	"aidons": true, "accompagnons": true, "accompagne": true, "conseillons": true,
	"ayudamos": true, "asesoramos": true, "acompañamos": true,
	"soluciona": true, "solucionan": true, "resuelven": true, "résolvent": true,
	"beheben": true, "behebt": true, "accompagnent": true, "conseille": true, "asesora": true, "asesoran": true,
}

// needSolverBefore reports a solving or helping verb among the six words
// before p in p's clause, not beyond a comma or a conjunction.
func needSolverBefore(d *doc, p int) bool {
	fields := strings.Fields(d.lower[max(d.clauseStart(p), p-70):p])
	for i := len(fields) - 1; i >= 0 && i >= len(fields)-6; i-- {
		w := strings.Trim(fields[i], ",.:")
		if needSolvers[w] {
			return true
		}
		if needScopeEnds[w] || w != fields[i] {
			return false // "ending support for our version, and treasurers can't export"
		}
	}
	return false
}

// needAboutWords, just after a negated problem word, tie it to the
// writer's tools or work ("no problems with our CRM"); without one, "no
// problem, talk soon" is politeness, not a statement about needs.
var needAboutWords = []string{
	" with ", " mit ", " avec ", " con ", " bei ", " in ", " im ", " dans ", " en ", " at ", " on ",
	" our ", " unser", " notre ", " nos ", " nuestr", " current", " aktuell", " actuel", " actual", " here", " hier", " ici", " aquí", " aqui",
	" so far", " bisher", " jusqu", " hasta ", " particul", " besonder", " real", " major", " big", " gro",
}

// needAboutSomething reports that a negated problem word at [start, end)
// is about the writer's situation: a have-verb shortly before it or an
// about-word shortly after it.
func needAboutSomething(d *doc, start, end int) bool {
	lo := max(d.clauseStart(start), start-30)
	if containsAny(" "+d.lower[lo:start], needHaveWords) {
		return true // "ya no tenemos ese problema", "we have no issues"
	}
	hi := min(d.clauseEnd(end), end+40)
	if hi <= end {
		return false
	}
	after := d.lower[end:hi] + " "
	for _, p := range needPoliteTails {
		if strings.HasPrefix(after, p) {
			return false // "no problem at all", "no issues on our side"
		}
	}
	return containsAny(after, needAboutWords)
}

// needPoliteTails, right after a negated problem word, keep it politeness
// ("no problem at all, talk next week", "no issues on our side").
var needPoliteTails = []string{
	" at all", " on our side", " on my side", " on our end", " on my end", " from our side", " from my side",
	" meinerseits", " unsererseits", " de mon c", " de notre c", " por mi parte", " por nuestra parte",
}

// needHaveWords, before a negated problem word, make it a statement about
// the writer's situation.
var needHaveWords = []string{
	" have ", " had ", " having ", " haben ", " hatten ", " habe ", " gibt ", " avons ", " avait ", " avions ", " a pas ", " tenemos ", " tuvimos ", " tengo ", " hay ",
}

// needWordStart returns p, moved forward to the start of a word if it lies
// inside one.
func needWordStart(d *doc, p int) int {
	if p == 0 || isSep(d.lower[p-1]) {
		return p
	}
	for p < len(d.lower) && !isSep(d.lower[p]) {
		p++
	}
	return p
}

// needPostDenial is a problem word's denial that follows it, as German,
// French and Spanish put the object first: "Probleme haben wir keine
// (mehr)", "des soucis, on n'en a plus", "problemas no tenemos",
// "problems, we have none".
var needPostDenial = regexp.MustCompile(`^[^.!?;:]{0,30}?\b(?:(?:haben|hatten|habe|gibt es|gab es|gibt's) (?:[\pL\w'-]+ ){0,6}?(?:keine?n?|kaum)|(?:on|nous|j') ?n'en (?:a|avons|ai|avait|avions) (?:plus|pas|aucun|jamais)|(?:ya )?no (?:tenemos|tengo|hay|tuvimos)|(?:we|i) (?:have|had) (?:none|no more))\b`)

// needDeniedAfter reports a denial right after a problem word ending at
// end, in its clause (see needPostDenial).
func needDeniedAfter(d *doc, end int) bool {
	hi := min(d.clauseEnd(end), end+70)
	if hi <= end {
		return false
	}
	loc := needPostDenial.FindStringIndex(d.lower[end:hi])
	// "deja de funcionar y todavía no tenemos alternativa": a conjunction
	// starts another statement, which denies nothing before it.
	return loc != nil && !containsAny(" "+d.lower[end:end+loc[1]], needJoinWords)
}

// needDeniedAfterAny reports a denial after a pain word of any tier: only
// the forms that put the object first and deny it with "none" ("Konkrete
// Anforderungen habe ich noch keine"), as "... y no tenemos alternativa"
// adds a pain rather than denying one.
func needDeniedAfterAny(d *doc, end int) bool {
	hi := min(d.clauseEnd(end), end+70)
	if hi <= end || !needDeniedAfter(d, end) {
		return false
	}
	loc := needPostDenial.FindStringIndex(d.lower[end:hi])
	return containsAny(d.lower[end:end+loc[1]], []string{"kein", "kaum", "none", "n'en"})
}

// needJoinWords join two statements; a denial after one is not about a
// problem word before it.
var needJoinWords = []string{" and ", " und ", " et ", " y ", " but ", " aber ", " mais ", " pero ", " weil ", " because ", " car ", " porque "}

// needYourWords are second-person possessives; needOwnWords the writer's
// own words (first person, and "on", which French writers use for "we").
var (
	needYourWords = map[string]bool{"your": true, "yours": true, "votre": true, "vos": true, "vuestro": true, "vuestra": true, "vuestros": true, "vuestras": true, "euer": true, "eure": true, "euren": true, "eurem": true, "eures": true}
	needOwnWords  = map[string]bool{
		"we": true, "our": true, "us": true, "i": true, "my": true, "we're": true, "i'm": true, "we've": true, "i've": true,
		"wir": true, "unser": true, "unsere": true, "unseren": true, "unserem": true, "unserer": true, "uns": true, "ich": true, "mein": true, "meine": true, "meinen": true, "meinem": true, "mir": true, "mich": true,
		"nous": true, "notre": true, "nos": true, "on": true, "je": true, "j'ai": true, "mon": true, "ma": true, "mes": true, "me": true, "m'a": true,
		"nosotros": true, "nuestro": true, "nuestra": true, "nuestros": true, "nuestras": true, "mi": true, "mis": true, "yo": true, "tenemos": true,
	}
)

// needOurFaces are the parts of our own web presence a writer may report
// broken ("your contact form doesn't work on mobile"): that is our pain.
// A product of ours that the writer owns ("your charger started
// smoking") is theirs, so it is not listed.
var needOurFaces = []string{"site", "web", "homepage", "page", "seite", "pagina", "página", "form", "kontaktformular", "link", "lien", "enlace", "newsletter", "webinar", "chat", "shop", "tienda", "boutique", "portal", "portail", "checkout", "login"}

// needYoursBefore reports that the clause of a cue at p speaks of our web
// presence ("your contact form", "votre formulaire", "vuestra web") with
// no word of the writer's own before the cue: a bug report to us, not
// the writer's pain. German "Ihr" is also "their" and "her", so it does
// not count.
func needYoursBefore(d *doc, p int) bool {
	lo := max(d.clauseStart(p), p-60)
	split := func(r rune) bool { return r == ' ' || r == ',' || r == ':' || r == '(' }
	words := strings.FieldsFunc(d.lower[lo:p], split)
	// the cue itself may start with what is ours ("website ... crashes")
	next := append(words[:len(words):len(words)], strings.FieldsFunc(d.lower[p:min(d.clauseEnd(p), p+30)], split)...)
	yours := false
	for i, w := range words {
		if needOwnWords[w] {
			return false
		}
		if needYourWords[w] {
			for _, n := range next[i+1 : min(len(next), i+4)] {
				if needHasPrefix(n, needOurFaces) {
					yours = true
				}
			}
		}
	}
	return yours
}

// needKnowWhen, in or right after a cue, make "nobody knows" uncertainty
// about timing ("personne ne sait quand", "nobody knows when"), not a
// pain.
var needKnowWhen = []string{"sait quand", "knows when", "weiß wann", "weiss wann", "sabe cuándo", "sabe cuando"}

// needKnowWhenAfter reports a know-when in the cue at [start, end) or in
// the few characters after it.
func needKnowWhenAfter(d *doc, start, end int) bool {
	return containsAny(d.lower[start:min(len(d.lower), end+16)], needKnowWhen)
}
