package bant

import (
	"regexp"
	"strings"
)

// Several purchase dates in one text: the horizon rule takes the latest
// (tlLatest), and a date the writer moved the plan to, or settled on
// after a first guess, beats the dates it replaces: "we wanted March,
// now it's autumn", "auf Herbst verschoben", "donc avant avril", "lo
// hemos pasado a octubre".

// tlShiftBeforeRe finds, just before a date, a verb that moves a plan
// (any inflection, a few words between), "now", or a conclusion ("so",
// "also", "donc", "o sea") that restates the date.
var tlShiftBeforeRe = regexp.MustCompile(`(?:^|[^\pL])(?:` +
	// Moved to: en, de, fr, es ("pushed back to", "verschoben auf",
	// "reporté à", "pasado a"); the preposition may open the date phrase.
	`(?:pushed|pushing|moved|moving|postponed|postponing|delayed|slipped|slipping|shifted|rescheduled|deferred|bumped|brought forward|forward|vorgezogen|vorverlegt|avanc[ée]e?|adelantad[oa]|adelantamos|` +
	`verschoben|verschieben|verlegt|geschoben|gerutscht|rutscht|verz(?:ö|oe|o)gert|` +
	`report\pL*|d[ée]cal\pL*|repouss\pL*|gliss\pL*|` +
	`pasad[oa]|pasamos|movid[oa]|movimos|aplaz\pL*|pospu\pL*|pospon\pL*|retras\pL*|corri\pL*)(?:\s+\S+){0,3}\s+(?:to|until|till|into|for|auf|nach|bis|[àa]|au|al|para|hasta)|` +
	// Now, at last.
	`(?:(?:ce sera|ça sera|ca sera|c'est|it'll be|it will be|more|eher|wird es|es wird|ser[áa]|es) (?:plut[ôo]t|rather|likely|probably|wohl|eher|m[áa]s bien)|plut[ôo]t (?:vers|en|pour|au)|m[áa]s bien (?:en|para|hacia)|now (?:it's|it is|it(?:'ll| will| would) be|it's going to be|we're|we are|we'll|we will|looking|more like|rather|probably|likely|the (?:plan|target|goal) is|expected|planned)|jetzt (?:wird es|eher|doch|erst)|inzwischen|mittlerweile|maintenant (?:c'est|plut[ôo]t|ce sera)|d[ée]sormais|finalement|ahora (?:es|ser[áa]|m[áa]s bien)|finalmente)(?:\s+\S+){0,4}|` +
	// A new plan.
	`(?:new plan|neuer plan|nouveau plan|nouveau calendrier|nuevo plan|neue planung)[:,]?(?:\s+\S+){0,3}|` +
	// A conclusion restating the date.
	`(?:so|i\.e\.|that is|meaning|also|d\.h\.|sprich|donc|, soit|c'est-[àa]-dire|o sea|es decir|entonces)[,:]?(?:\s+\S+){0,1}` +
	`)\s+$`)

// tlShifted reports a date phrase at m that the writer moved the plan to
// or settled on. A date already read as someone else's (a meeting's, a
// quote's) stays so.
func tlShifted(d *doc, m []int) bool {
	lo := max(d.clauseStart(m[0]), m[0]-48)
	if tlShiftBeforeRe.MatchString(d.lower[lo:m[0]]) {
		return true
	}
	// "auf Herbst verschoben" has its preposition in the date phrase.
	return tlShiftPrepRe.MatchString(d.lower[m[0]:m[1]]) && tlShiftVerbRe.MatchString(d.lower[lo:m[0]])
}

// tlMovedTo reports a date the plan was moved to by a verb ("pushed to
// Q4", "verschoben auf Herbst", "reporté à l'automne", "pasado a
// octubre"), not merely restated after "so" or "now".
func tlMovedTo(d *doc, m []int) bool {
	lo := max(d.clauseStart(m[0]), m[0]-48)
	if tlMovedBeforeRe.MatchString(d.lower[lo:m[0]]) {
		return true
	}
	return tlShiftPrepRe.MatchString(d.lower[m[0]:m[1]]) && tlShiftVerbRe.MatchString(d.lower[lo:m[0]])
}

var (
	// tlMovedBeforeRe is tlShiftBeforeRe's first branch: a verb that
	// moves a plan and its preposition.
	tlMovedBeforeRe = regexp.MustCompile(`(?:^|[^\pL])(?:pushed|pushing|moved|moving|postponed|postponing|delayed|slipped|slipping|shifted|rescheduled|deferred|bumped|` +
		`verschoben|verschieben|verlegt|geschoben|gerutscht|rutscht|verz(?:ö|oe|o)gert|report\pL*|d[ée]cal\pL*|repouss\pL*|gliss\pL*|` +
		`pasad[oa]|pasamos|movid[oa]|movimos|aplaz\pL*|pospu\pL*|pospon\pL*|retras\pL*)(?:\s+\S+){0,3}\s+(?:to|until|till|into|for|auf|nach|bis|[àa]|au|al|para|hasta)\s+(?:\S+\s+)?$`)
	tlShiftPrepRe = regexp.MustCompile(`^(?:to|until|till|into|auf|nach|[àa]|au|al|para|hasta)\s`)
	tlShiftVerbRe = regexp.MustCompile(`(?:^|[^\pL])(?:pushed|moved|postponed|delayed|slipped|shifted|rescheduled|deferred|bumped|verschoben|verlegt|geschoben|gerutscht|report\pL*|d[ée]cal\pL*|repouss\pL*|gliss\pL*|pasad[oa]|pasamos|movid[oa]|movimos|aplaz\pL*|pospu\pL*|pospon\pL*|retras\pL*)(?:\s+\S+){0,3}\s+$`)
)

// tlLocalSupport reports purchase words in the date's own part of the
// clause (after the last comma or conjunction before it): "firmar en marzo
// y celebramos el aniversario en octubre" lifts March, not October.
func tlLocalSupport(d *doc, m []int) bool {
	lo := tlScopeStart(d, m[0], 80)
	hi := min(d.clauseEnd(m[1]), m[1]+40)
	rest := d.lower[m[1]:hi]
	for _, stop := range tlScopeStops {
		if i := strings.Index(rest, stop); i >= 0 {
			hi = m[1] + i
			rest = rest[:i]
		}
	}
	return tlNear(tlContextRe, tlContextXRe, d, lo, hi) || tlNear(tlContextRe, tlContextXRe, d, m[0], m[1])
}

// tlOfBeforeRe finds "of", "de", "del" or "des" right before a date
// phrase, and the word before it.
var tlOfBeforeRe = regexp.MustCompile(`(\pL+)\s+(?:of|de|del|des|d')\s*$`)

// tlQualifiesEvent reports a date phrase that only says which event is
// meant ("avant le Black Friday de cette année", "the launch of next
// year"): not a purchase date of its own. "fin de cette année" and "a
// finales de este año" are dates.
func tlQualifiesEvent(d *doc, m []int) bool {
	g := tlOfBeforeRe.FindStringSubmatch(d.lower[max(d.clauseStart(m[0]), m[0]-32):m[0]])
	if g == nil {
		return false
	}
	w := g[1]
	for _, p := range []string{"fin", "final", "end", "ende", "mitte", "mediado", "principio", "début", "debut", "start", "beginning", "middle", "anfang", "course", "courant", "cours", "lo largo",
		"antes", "despu", "cerca", "alrededor", "partir", "dentro", "trav", "près", "pres", "autour", "avant", "lors", "hors", "instead", "ahead", "because", "out"} {
		if strings.HasPrefix(w, p) {
			return false
		}
	}
	return true
}

// tlOldPlanRe finds, before a date, words that make it a plan the writer
// has given up ("we had planned to launch in April", "eigentlich war März
// geplant", "nous visions décembre", "íbamos a empezar en marzo"): the
// date is no longer theirs.
var tlOldPlanRe = regexp.MustCompile(`(?:^|[^\pL])(?:had (?:planned|wanted|hoped|intended)|originally|initially|were going to|was (?:supposed|going) to|was planned|were planning|was scheduled|` +
	`urspr(?:ü|ue|u)nglich|eigentlich|hatten (?:\S+ ){0,3}(?:geplant|vor)|war (?:\S+ ){0,2}geplant|wollten|` +
	`avions pr[ée]vue?s?|avait pr[ée]vue?s?|[ée]tait pr[ée]vue?s?|devait|devions|pensions|voulions|visions|initialement|` +
	`ten[íi]amos (?:previst|pensad|planead)[oa]s?|[íi]bamos a|iba a|quer[íi]amos|estaba previsto|en principio|inicialmente|originalmente)(?:$|[^\pL])`)

// tlOldPlan reports a date phrase at m that names a dropped plan.
func tlOldPlan(d *doc, m []int) bool {
	lo := tlScopeStart(d, m[0], 70)
	return tlOldPlanRe.MatchString(d.lower[lo:m[0]])
}

// tlEarliestRe finds "at the earliest" around a date: "frühestens 2026",
// "2026 at the earliest", "au plus tôt en 2027", "como pronto en marzo".
// The date is when buying may begin; the horizon stays open: no timeline.
var tlEarliestRe = regexp.MustCompile(`(?:^|[^\pL])(?:at the earliest|earliest|fr(?:ü|ue|u)hestens|au plus t[ôo]t|como (?:muy )?pronto)(?:$|[^\pL])`)

// tlEarliest reports an earliest-date marker just before or after m.
func tlEarliest(d *doc, m []int) bool {
	// 40 bytes reach past a noun between marker and date: "frühestens mit
	// dem Haushalt 2026".
	lo := max(d.clauseStart(m[0]), m[0]-40)
	hi := min(d.clauseEnd(m[1]), m[1]+40)
	return tlEarliestRe.MatchString(d.lower[lo:m[1]]) || tlEarliestRe.MatchString(d.lower[m[1]:hi])
}

// tlGrowthRe finds a headcount's growth ("from 40 to 110 people", "von
// 35 auf 90", "de 20 à 45 personnes"): a date beside it is the growth's.
var tlGrowthRe = regexp.MustCompile(`(?:^|[^\pL])(?:from|von|de|desde)\s+\d+\s+(?:to|auf|à|a|hasta)\s+\d+`)
