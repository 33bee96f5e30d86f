package bant

import "strings"

// painRules are pain statements, strongest first. A match preceded by a
// negation ("we're not struggling") becomes an exploratory statement.
var painRules = []struct {
	re   *pattern
	conf float64
}{
	{mustPattern(`\bstruggl(?:e|es|ed|ing) (?:with|to)\b|\b(?:having|have|had|facing|running into|experiencing|dealing with) (?:a lot of |lots of |some |any |many |serious |major |real |big |constant |ongoing |huge |a hard time |a tough time )?(?:trouble|issues|problems|difficult(?:y|ies)|challenges|headaches|pain)\b|\blos(?:e|es|ing|t) (?:\w+ ){0,2}?(?:leads|customers|clients|deals|sales|revenue|money|business|prospects|opportunities|track|visibility|data)\b|\bneed (?:a|an) (?:better|new|easier|faster|simpler|proper|real|more efficient|automated|reliable|cheaper|modern|scalable|single|central|centralized|centralised) (?:way|tool|solution|system|process|platform|crm|approach|option|place)\b|\b(?:the|our|my|biggest|main|key|major|real) (?:problem|issue|challenge|pain|pain point|bottleneck|concern) (?:is|we have|we're facing|we are facing|right now is|at the moment is)\b|\b(?:fall|falls|falling|slip|slips|slipping) through the cracks\b`), 0.8},
	{mustPattern(`\b(?:current|existing|old|legacy|present) (?:[a-z-]+ ){0,2}?(?:tool|tools|system|systems|solution|process|processes|crm|software|vendor|provider|setup|platform|stack|workflow|app|spreadsheet|spreadsheets)\s+(?:is|are|has been|have been|keeps|keep|isn't|is not|aren't|doesn't|does not|don't|can't|cannot|just|simply|really)\b[^.!?;\n]{0,60}?\b(?:slow|expensive|clunky|broken|unreliable|mess|messy|painful|outdated|limited|buggy|crash\w*|fail\w*|scale|work|cut it|keep up|complicated|complex|hard|difficult|manual|costly|frustrating|terrible|awful|bad|poor|inefficient|error[- ]prone|unusable|dated)\b|\blooking to (?:replace|switch|migrate|move away|automate|improve|fix|solve|streamline|consolidate|upgrade|reduce|cut|speed up|get rid)\b|\b(?:replace|replacing|switch(?:ing)? (?:away )?from|move away from|moving away from|migrate (?:away )?from|migrating (?:away )?from|get rid of|ditch|ditching|outgrown|outgrew) (?:our|the|my)\b|\bneed to (?:fix|solve|improve|automate|reduce|increase|speed up|streamline|scale|get (?:a handle|control)|consolidate|centralize|centralise|replace|cut|stop)\b`), 0.75},
	{mustPattern(`\b(?:wasting|waste|wastes|wasted) (?:\w+ ){0,2}?(?:time|hours|days|money|effort)\b|\bspend(?:ing|s)? (?:way )?too much (?:time|money)\b|\b(?:frustrat(?:ed|ing)|fed up|sick of|tired of|overwhelmed|drowning in|a nightmare|bottleneck|bogged down|can't keep up|cannot keep up|couldn't keep up|not scalable|doesn't scale|does not scale|don't scale|isn't working|is not working|not working for us|no longer works|doesn't work for us|does not work for us|too slow|too expensive|too complicated|too complex|too manual|too clunky|too buggy|too costly|too time[- ]consuming|takes (?:us )?(?:forever|too long|hours|days))\b|\blooking for (?:a|an) (?:better |simpler |easier |more reliable |reliable |cheaper |faster |replacement )(?:solution|tool|platform|system|way|crm|software|vendor|provider|option)\b|\blooking for (?:a|an) (?:new |good |simple |proper |modern |affordable )?(?:solution|way|replacement|alternative)\b`), 0.7},
	{mustPattern(`\b(?:we|i) (?:\w+ ){0,2}?(?:manually|by hand)\b|\bmanual (?:process|processes|work|entry|data entry|follow[- ]ups?|effort)\b|\b(?:we|i) (?:want|would like|'d like|wanted|hope|are hoping|'re hoping) to (?:automate|improve|fix|solve|streamline|reduce|increase|speed up|scale|simplify|consolidate|replace|centralize|centralise|grow|boost)\b|\bneed help with\b|\b(?:pain|problem|issue|challenge)s? (?:with|around|in) (?:our|the)\b`), 0.6},
}

// exploreRe finds exploratory and no-need statements (besides
// researchRe): they make the need "exploring".
var exploreRe = mustPattern(`\b(?:just )?curious\b|\binterested in (?:learning|seeing|hearing|knowing|finding out)\b|\bwant(?:ed)? to (?:learn|see|know|understand|find out) (?:more|how|what|if|whether)\b|\bnice to have\b|\bno (?:immediate|real|pressing|urgent|current|specific|particular) need\b|\bno need for (?:a|an|new|another)\b|\b(?:happy|satisfied|fine|content) with (?:our|the|my) (?:current|existing|present)\b|\bnot (?:really )?looking (?:to (?:buy|switch|replace|change)|for (?:a|anything))\b|\bexploring (?:options|the market|what's out there|alternatives|possibilities)\b|\bkeeping (?:an eye|tabs) on\b`)

// urgentRe finds urgency cues; a negated cue ("no deadline", "not
// critical") does not count.
var urgentRe = mustPattern(`\b(?:urgent(?:ly)?|asap|as soon as possible|immediately|right away|critical|business[- ]critical|mission[- ]critical|top priority|high priority|highest priority|time[- ]sensitive|can't wait|cannot wait|emergency|deadline|costing us|hurting (?:us|our)|blocking|blocker|pressing|need (?:it|this) (?:now|yesterday)|losing (?:money|customers|clients|deals|revenue|sales|business))\b`)

// noRushWords pick the laterRe matches that deny urgency, rather than
// merely putting the purchase later.
var noRushWords = []string{"rush", "hurry", "urgen", "pressing", "priority", "sensitive", "pressure"}

// needExploreConf is the confidence of an exploratory or "no need"
// statement.
const needExploreConf = 0.6

// Thresholds a stated need must reach: more when the writer also says
// they are exploring, more again when they say what they have works
// ("our spreadsheet works okay, so we're comparing vendors" is no pain,
// however many spreadsheets it names).
const (
	needStatedOverExplore = 0.6
	needStatedOverDenial  = 0.75
)

// needProblemWords mark a denial that is only politeness when nothing
// follows it ("no problem", "kein Problem", "pas de problème").
var needProblemWords = []string{"problem", "probl", "issue", "souci"}

// extractNeedRules returns the need statement of d by the rules, or nil. A stated pain or
// goal (see need_detect.go) wins over an exploratory statement in the same
// text, as the writer who says "just researching" and then tells of lost
// orders has a need; a negated or solved pain reads as no need. tl is the
// extracted timeline: an ASAP timeline makes a stated need urgent, and a
// "no rush" one keeps it from being urgent.
func extractNeedRules(d *doc, tl *Timeline) *Need {
	langs := needLangs(d)
	cues, denied := needFindCues(d, langs)
	var explore, denial *Need
	denialEnd := -1 // where the denial ends, to see a contrast after it
	for _, p := range langs {
		for _, pair := range []struct {
			re  *pattern
			out **Need
		}{{p.denial, &denial}, {p.explore, &explore}} {
			if *pair.out != nil || pair.re == nil {
				continue
			}
			for _, m := range pair.re.findAll(d) {
				if needNegationAt(d, m[0]) >= 0 || pair.out == &explore && !needCuriousAt(d, m[0], m[1]) || needConditionalBefore(d, m[0]) {
					continue // "I want to know what your app costs" asks for a price
				}
				if pair.out == &denial && needPoliteDenial(d.lower[m[0]:m[1]]) && !needAboutSomething(d, m[0], m[1]) {
					continue // "no problem, talk soon"
				}
				*pair.out = &Need{Confidence: needExploreConf, Evidence: d.snippet(m[0], m[1])}
				if pair.out == &denial {
					denialEnd = m[1]
				}
				break
			}
		}
	}
	if explore == nil {
		explore = needCuriousMatch(d, langs)
	}
	if explore == nil {
		for _, re := range []*pattern{exploreRe, researchRe} {
			for _, m := range re.findAll(d) {
				if needNegationAt(d, m[0]) < 0 && needCuriousAt(d, m[0], m[1]) {
					explore = &Need{Confidence: needExploreConf, Evidence: d.snippet(m[0], m[1])}
					break
				}
			}
			if explore != nil {
				break
			}
		}
	}
	if explore == nil && !needAnyPainCue(cues) {
		if m := needDelegated.findAll(d); len(m) > 0 && needNegationAt(d, m[0][0]) < 0 {
			explore = &Need{Confidence: needExploreConf, Evidence: d.snippet(m[0][0], m[0][1])}
		}
	}
	if denial == nil && len(denied) > 0 {
		c := denied[0]
		lo := c.start
		if at := needNegationAt(d, c.start); at >= 0 {
			lo = at
		}
		denial = &Need{Confidence: needExploreConf, Evidence: d.snippet(lo, c.end)}
		denialEnd = c.end
	}
	if denial != nil || explore != nil {
		// "happy with our system, but the licence expires", "just keeping
		// tabs for when our contract ends in 2027": a renewal is the
		// occasion to look around, not a pain.
		kept := cues[:0:0]
		for _, c := range cues {
			if !c.renewal {
				kept = append(kept, c)
			}
		}
		cues = kept
	}
	var best *Need
	bestConf := 0.0
	var support [4]int
	for i, c := range cues {
		if needSupportOnly(c.tier) {
			continue
		}
		conf, n := needScore(cues, i, &support)
		conf = clamp01(conf)
		if conf <= bestConf {
			continue
		}
		pain := c.start
		for _, j := range support[:n] {
			if cues[j].clause == c.clause && cues[j].start < pain {
				pain = cues[j].start
			}
		}
		bestConf = conf
		best = &Need{Stated: true, Pain: d.clauseFrom(pain), Confidence: conf, Evidence: needEvidence(d, cues, i, support[:n])}
	}
	threshold := AnswerThreshold
	switch {
	case denial != nil && best != nil && needContrastAfter(d, denialEnd, best):
		// "no stock problems since last year; on the other hand, retyping
		// delivery notes takes me half a day a week": the denial is of
		// another matter, and the pain after the contrast stands alone.
		threshold = needStatedOverExplore
	case denial != nil:
		threshold = needStatedOverDenial
	case explore != nil:
		threshold = needStatedOverExplore
	}
	if best != nil && best.Confidence >= threshold {
		best.Urgent = urgent(d, tl, langs)
		if best.Urgent {
			best.Confidence = clamp01(best.Confidence + 0.05)
		}
		return best
	}
	if denial != nil {
		return denial
	}
	return explore // nil when neither: a lone weak cue ("we use Excel") states nothing
}

// urgent reports an urgency cue in d or an ASAP timeline, unless the
// timeline says there is no rush.
func urgent(d *doc, tl *Timeline, langs []*needPatterns) bool {
	for _, m := range laterRe.findAll(d) {
		if containsAny(d.lower[m[0]:m[1]], noRushWords) {
			return false // "no rush", "not urgent"
		}
	}
	if tl != nil && tl.Label == LabelASAP && tl.Confidence >= AnswerThreshold {
		return true
	}
	res := []*pattern{urgentRe}
	for _, p := range langs {
		res = append(res, p.urgent)
	}
	for _, re := range res {
		for _, m := range re.findAll(d) {
			if needNegationAt(d, m[0]) < 0 {
				return true
			}
		}
	}
	return false
}

// needContrastMarks turn from one matter to another: after a denial,
// what follows them is not denied.
var needContrastMarks = []string{
	" but ", " however", " on the other hand", " what we do need", " the real issue",
	" aber ", " jedoch", " allerdings", " dafür ", " dafuer ", " andererseits",
	" mais ", " en revanche", " par contre", " cependant", " toutefois",
	" pero ", " sin embargo", " en cambio", " por otro lado",
}

// needContrastAfter reports a contrast word between the denial ending at
// end and the stated need best (whose Pain starts its clause).
func needContrastAfter(d *doc, end int, best *Need) bool {
	if end < 0 || best.Pain == "" {
		return false
	}
	at := strings.Index(d.lower[end:], strings.ToLower(best.Pain[:min(len(best.Pain), 20)]))
	if at < 0 {
		return false
	}
	return containsAny(" "+d.lower[end:end+at], needContrastMarks)
}

// needIfWords open a condition: "si todo va bien", "if all goes well",
// "wenn alles gut läuft" are hedges, not contentment.
var needIfWords = map[string]bool{"if": true, "si": true, "wenn": true, "falls": true, "sofern": true, "s'il": true}

// needConditionalBefore reports an if-word among the two words before p.
func needConditionalBefore(d *doc, p int) bool {
	fields := strings.Fields(d.lower[max(0, p-20):p])
	for i := len(fields) - 1; i >= 0 && i >= len(fields)-2; i-- {
		if needIfWords[strings.Trim(fields[i], ",.:;¿¡")] {
			return true
		}
	}
	return false
}

// needNotThat open a denial in earnest ("not that we've had any
// problem", "no es que", "nicht, dass"), never a polite "no problem".
var needNotThat = []string{"not that", "no es que", "nicht dass", "nicht, dass"}

// needPoliteDenial reports a denial that may be politeness: it names a
// problem word and starts with a negator ("no problem", "kein Problem",
// "sin problema"); "las actuales funcionan sin problema" says what works.
func needPoliteDenial(s string) bool {
	if needHasPrefix(s, needNotThat) {
		return false // "not that we've had any problem" denies in earnest
	}
	f := strings.Fields(s)
	return containsAny(s, needProblemWords) && len(f) > 0 && (needNegators[f[0]] || strings.HasSuffix(f[0], "n't") || f[0] == "pas")
}
