package bant

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Timing said through a break or a season that must pass first ("right
// after the summer break", "nach der Sommerpause", "après les vacances",
// "pasado el verano", "once the holidays are over"), and a bare month or
// season the writer moved the plan to ("now it will be autumn", "jetzt
// wird es wohl Herbst", "slipped to October").

// tlBreakNouns name a break or season: summer and its holidays, winter,
// Christmas and the turn of the year, Easter, and holidays with no season
// (read by the received month).
const tlBreakNouns = `summer(?: break| holidays?| vacations?| shutdown| season| months| lull)?|winter(?: break| holidays?| season)?|` +
	`christmas(?: break| holidays?)?|xmas|new year|(?:the )?holidays?(?: season)?|vacations?|easter(?: break| holidays?)?|` +
	`sommerpause|sommerferien|sommerurlaub|sommer|winterpause|winter|weihnachtsferien|weihnachten|feiertagen|feiertage|jahreswechsel|neujahr|ostern|osterferien|ferien|urlaubszeit|betriebsferien|` +
	`[ée]t[ée]|pause estivale|tr[êe]ve estivale|vacances(?: d'[ée]t[ée]| estivales| de no[ëe]l| de p[âa]ques| d'hiver)?|cong[ée]s(?: d'[ée]t[ée]| estivaux)?|hiver|f[êe]tes(?: de fin d'ann[ée]e)?|no[ëe]l|p[âa]ques|` +
	`verano|vacaciones(?: de verano| de navidad| de invierno| de semana santa)?|invierno|navidad(?:es)?|fiestas|semana santa|pascua|receso de verano`

// tlAfterBreakRe: "after the summer break", "nach den Sommerferien",
// "après l'été", "después de las vacaciones", "tras el verano"; "once
// the summer is over", "sobald der Sommer vorbei ist", "une fois l'été
// passé", "cuando pase el verano", "pasado el verano". An "until" in
// front ("not until after the summer") keeps a negation from dropping it.
var tlAfterBreakRe = mustPattern(`(?:\b(?:until |till |bis |jusqu'|hasta )?(?:right |straight |directly |just |soon |shortly |gleich |direkt |kurz |sofort |juste |directement |peu |justo |inmediatamente |poco )?` +
	`(?:after|post|nach|apr[èe]s|d[ée]s la fin d[eu]s?|despu[ée]s|tras|a la vuelta d|al volver d|au retour d|[àa] la sortie d|[àa] la fin d)(?:-|\s+)` +
	`(?:the |our |de |des |du |de la |de l'|d'|del |de las |de los |der |dem |den |die |das |unsere[mnr]? |l'|la |le |les |el |las |los )?(` + tlBreakNouns + `)` +
	`|\b(?:once|when) (?:the |our )?(` + tlBreakNouns + `) (?:is|are) (?:over|done|behind us)\b` +
	`|\b(?:wenn|sobald) (?:der |die |das |unsere )?(` + tlBreakNouns + `) (?:vorbei|vor(?:ü|ue|u)ber|rum|durch) (?:ist|sind)\b` +
	`|\bune fois (?:l'|les |la |le )?(` + tlBreakNouns + `) (?:pass|termin|fini)\pL*` +
	`|\b(?:cuando|una vez que?) (?:pase|pasen|termine|terminen|acabe|acaben) (?:el |las |la |los )?(` + tlBreakNouns + `)` +
	`|\bpasad[oa]s? (?:el |las |la |los )?(` + tlBreakNouns + `))`)

// tlBreakNoun returns the break or season tlAfterBreakRe matched.
func tlBreakNoun(s string, m []int) string {
	for i := 1; 2*i+1 < len(m); i++ {
		if g := group(s, m, i); g != "" {
			return g
		}
	}
	return ""
}

// tlAfterBreak reads "after the summer break" as the end of the month
// after the break: September for summer, January for Christmas and the
// turn of the year, April for winter, a month after Easter. Holidays with
// no season are the summer's from May to September, Christmas's from
// October to January, Easter's otherwise.
func tlAfterBreak(d *doc, m []int, now time.Time) (Timeline, bool) {
	if tlLetterAt(d.lower, m[1]) {
		return Timeline{}, false // "after summerfest": another word
	}
	noun := tlBreakNoun(d.lower, m)
	kind := tlBreakKind(noun, now.Month())
	y := now.Year()
	var end time.Time
	switch kind {
	case "summer":
		end = monthStart(now, y, time.October)
	case "winter":
		end = monthStart(now, y, time.April)
	case "christmas":
		end = monthStart(now, y+1, time.February)
		if now.Month() == time.January {
			end = monthStart(now, y, time.February)
		}
	default: // easter
		end = tlEaster(y, now.Location()).AddDate(0, 1, 0)
	}
	if !end.After(now) {
		end = end.AddDate(1, 0, 0)
	}
	return tlByHorizon(now, end, 0.6), true
}

// tlBreakKind classifies a break noun as summer, winter, christmas or
// easter.
func tlBreakKind(noun string, mo time.Month) string {
	has := func(subs ...string) bool { return containsAny(noun, subs) }
	switch {
	case has("christmas", "xmas", "new year", "weihnacht", "jahreswechsel", "neujahr", "noël", "noel", "fêtes", "fetes", "navidad", "fiestas"):
		return "christmas"
	case has("summer", "sommer", "estiva", "verano") || tlSummerFrRe.MatchString(noun):
		return "summer"
	case has("winter", "hiver", "invierno"):
		return "winter"
	case has("easter", "oster", "pâques", "paques", "semana santa", "pascua"):
		return "easter"
	}
	switch {
	case mo >= time.May && mo <= time.September:
		return "summer"
	case mo >= time.October || mo == time.January:
		return "christmas"
	}
	return "easter"
}

// tlSummerFrRe is French "été" with or without accents.
var tlSummerFrRe = regexp.MustCompile(`(?:^|[^\pL])[ée]t[ée](?:$|[^\pL])`)

// tlShiftedBareRe finds a month or season named with no preposition;
// tlShiftedBare reads it only after a shift cue ("now it will be autumn",
// "jetzt wird es wohl Herbst", "slipped to October"). English "may" (the
// verb) and abbreviations are left out.
var tlShiftedBareRe = mustPattern(`ét[ée]|\bet[ée]|\b(?:january|february|march|april|june|july|august|september|october|november|december|` +
	tlMonthXPat + `|spring|summer|autumn|fall|winter|fr(?:ü|ue|u)hjahr|fr(?:ü|ue|u)hling|sommer|herbst|printemps|automne|hiver|primavera|verano|oto(?:ñ|n)o|invierno)`)

// tlShiftedBare reads a bare month or season after a shift cue: the
// month's end, the season's end (the current one if it is on).
func tlShiftedBare(d *doc, m []int, now time.Time) (Timeline, bool) {
	if tlLetterAt(d.lower, m[1]) || !tlShifted(d, m) {
		return Timeline{}, false
	}
	name := d.lower[m[0]:m[1]]
	if mo, ok := monthNames[name]; ok {
		return tlDatedMonth(now, mo, "", "", "end", true, tlMonthConf)
	}
	if mo, ok := tlMonthsX[name]; ok {
		return tlDatedMonth(now, mo, "", "", "end", true, tlMonthConf)
	}
	start := monthStart(now, now.Year(), tlSeasonStart(name))
	if start.Month() == time.December && now.Month() <= time.February {
		start = start.AddDate(-1, 0, 0)
	}
	end := start.AddDate(0, 3, 0)
	if !end.After(now) {
		end = end.AddDate(1, 0, 0)
	}
	return tlByHorizon(now, end, 0.6), true
}

// tlLetterAt reports a letter starting at byte i of s: the expressions
// above cannot end in \b after an accented letter ("été").
func tlLetterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// tlWrapsAhead reports a day and month that has passed this year but
// comes within the next four months when the year turns ("am 4. Januar"
// in December, "le 1er avril" in December): a coming date even without
// words of intent. Past events are told by tense (tlPast) before.
func tlWrapsAhead(now time.Time, mo time.Month, hasDay bool) bool {
	return hasDay && now.Month() >= time.September && (int(mo)-int(now.Month())+12)%12 <= 4
}

// tlBreakBeforeRe is a break the purchase must precede, ending right
// before its month: "antes de las vacaciones de", "vor den Sommerferien
// im", "before the shutdown in". A break fills its month, so the purchase
// is due at the month's start; an event in a month ("antes de las juntas
// de marzo") may fall on its last day.
var tlBreakBeforeRe = regexp.MustCompile(`(?:^|[^\pL])(?:before|ahead of|prior to|antes de|avant|vor)\s+(?:(?:the|our|las|los|les|nos|den|der|die|dem|unsere[mn]?|el|la|l')\s*)?(?:\S+\s+)?(?:holidays?|vacations?|break|vacaciones|vacances|cong[ée]s|\pL*ferien|urlaub\pL*|\pL*pause|fermeture|cierre|closure|shutdown|betriebsruhe)(?:\s+\S+)?\s*$`)

// tlNeverAgainRe finds "never again" around a date: the date is an
// incident's ("so ein Bußgeld wie im Mai soll nie wieder vorkommen").
var tlNeverAgainRe = regexp.MustCompile(`(?:^|[^\pL])(?:never again|never happen again|nie wieder|nie mehr|plus jamais|nunca m[áa]s)(?:$|[^\pL])`)

// tlNotBeforeActionRe finds a buying, starting or changing verb between a
// negation and "before": "we won't buy anything before 2027", "on ne
// lancera rien avant 2028" say when it may begin at the earliest, an open
// horizon; "we don't need it before June" keeps June as the deadline.
var tlNotBeforeActionRe = regexp.MustCompile(`(?:^|[^\pL])(?:buy\pL*|purchas\pL*|plan\pL*|order\pL*|achat\pL*|pr[ée]v\pL*|pr[ée]vu\pL*|command\pL*|beauftrag\pL*|bestell\pL*|vorgesehen|geplant|prev[ée]\pL*|previst\pL*|sign\pL*|commit\pL*|start\pL*|chang\pL*|switch\pL*|invest\pL*|happen\pL*|launch\pL*|kauf\pL*|anschaff\pL*|wechsel\pL*|unterschreib\pL*|investier\pL*|passier\pL*|achet\pL*|ach[èe]t\pL*|lanc\pL*|d[ée]marr\pL*|investi\pL*|compr\pL*|firm\pL*|empez\pL*|cambi\pL*|invert\pL*|contrat\pL*|pasar\pL*)(?:$|[^\pL])`)

// tlNotBeforeAction reports a negated action dated by "before" at m, the
// negation at at.
func tlNotBeforeAction(d *doc, at int, m []int) bool {
	if !startsWithAny(d.lower[m[0]:], "before", "vor ", "vor dem", "avant", "antes") || at >= m[0] {
		return false
	}
	return tlNotBeforeActionRe.MatchString(d.lower[at:m[0]])
}

// tlAtRoutineRe finds "at", "am", "al", "en" right before a bare period
// end: "at month-end", "am Monatsende", "al final del mes", "en fin de
// mois" tell when something recurs, a deadline says "by" ("bis", "para",
// "d'ici"). Purchase words may still lift it.
var tlAtRoutineRe = regexp.MustCompile(`(?:^|[^\pL])(?:at|am|al|en|a)\s+(?:the\s+)?$`)

// tlAtRoutineConf is the confidence of such a routine period end: below
// minTimelineConfidence, so alone it says nothing.
const tlAtRoutineConf = 0.3

// tlGreetingRe finds a wish right before a period: "bonne fin d'année",
// "happy end of the year", "schönes Jahresende", "feliz fin de año".
var tlGreetingRe = regexp.MustCompile(`(?:^|[^\pL])(?:bonne|belle|joyeuse|happy|nice|great|sch(?:ö|oe|o)ne[ns]?|gute[ns]?|frohe[ns]?|feliz|buen|buena|felices)\s+(?:\S+\s+)?$`)

// tlNextYearConf is the confidence of a bare "next year" (no timeline):
// below a month or a day in the same text ("el año que viene toca
// renovar; el contrato termina el 31/03/2027"), which says when.
const tlNextYearConf = 0.58

// tlEventInvite reports an occasion within 60 bytes of the date and a
// proposal to meet or come in its clause (tlEventDeadline's negative).
func tlEventInvite(d *doc, m []int, cs, ce int) bool {
	lo := max(cs, m[0]-60)
	if c := strings.LastIndexByte(d.lower[lo:m[0]], ','); c >= 0 {
		lo += c + 1
	}
	hi := ce
	if c := strings.IndexByte(d.lower[m[1]:ce], ','); c >= 0 {
		hi = m[1] + c
	}
	return tlEventNounRe.MatchString(d.lower[lo:min(hi, m[1]+60)]) && tlEventProposalRe.MatchString(d.lower[lo:hi])
}

// tlBudgetOnlyNegRe finds a negator that negates money ("zero budget
// for", "kein Budget für", "pas de budget pour", "sin presupuesto para").
var tlBudgetOnlyNegRe = regexp.MustCompile(`^\S+\s+(?:\S+\s+)?(?:budget|money|funding|funds|geld|\pL*budget\pL*|mittel|presupuesto|dinero|fondos|dotaci[óo]n|partida|cr[ée]dits?|enveloppe)(?:$|[^\pL])`)

// tlMoneyFrontRe finds money fronted just before a period: "Budget
// haben wir für", "presupuesto este año".
var tlMoneyFrontRe = regexp.MustCompile(`(?:^|[^\pL])(?:budget|money|funding|funds|geld|\pL*budget|mittel|presupuesto|dinero|fondos|cr[ée]dits?|enveloppe)\s+(?:\S+\s+){0,4}$`)

// tlPlainNegRe is a plain "none" after fronted money ("keins", "ninguno",
// "aucun"); a cut word there ("agotado", "gestrichen") stops the plan
// itself.
var tlPlainNegRe = regexp.MustCompile(`^(?:kein\pL*|none|no|nada|ningun\pL*|aucun\pL*|pas|n(?:ü|ue)t|zero|null)(?:$|[^\pL])`)

// tlBudgetOnlyNeg reports a period negated only through its money, with
// no plan or buying verb in between ("we have zero budget for training
// this year"): the writer says what money there is, not when they buy.
func tlBudgetOnlyNeg(d *doc, at int, m []int) bool {
	if at >= m[1] {
		// Money fronted, its negation after the period: "Budget haben
		// wir aktuell keins", "Budget gibt's dieses Jahr keins mehr",
		// "de budget, cette année on n'en a pas".
		seg := d.lower[max(d.clauseStart(m[0]), m[0]-40):m[0]]
		return tlPlainNegRe.MatchString(d.lower[at:]) && tlMoneyFrontRe.MatchString(seg) && !tlNotBeforeActionRe.MatchString(d.lower[m[1]:min(len(d.lower), at+12)]) &&
			!tlPlanWordRe.MatchString(d.lower[m[1]:min(d.clauseEnd(at), at+24)])
	}
	if at >= m[0] {
		return false
	}
	seg := d.lower[at:m[0]]
	return tlBudgetOnlyNegRe.MatchString(seg) && !tlNotBeforeActionRe.MatchString(seg) && !tlPlanWordRe.MatchString(seg)
}

// tlPlanWordRe finds a plan in a negated money phrase: "no budget planned
// this year" is no plan this year.
var tlPlanWordRe = regexp.MustCompile(`(?:^|[^\pL])(?:plan\pL*|geplant|vorgesehen|pr[ée]vu\pL*|previst\pL*|allocat\pL*|eingeplant|asignad\pL*)(?:$|[^\pL])`)

// tlInsteadRe finds a comparison right after a date: "by Friday night
// instead of the Tuesday after" is a process's target, not a purchase date.
var tlInsteadRe = regexp.MustCompile(`^\s*,?\s*(?:\pL+\s+)?(?:instead of|rather than|statt|anstatt|au lieu d|plut[ôo]t que|en lugar de|en vez de)`)

// tlSignQuoteRe finds signing or accepting a quote: "sign your quote",
// "das Angebot unterschreiben", "signer votre devis", "firmar la propuesta".
var tlSignQuoteRe = regexp.MustCompile(`(?:^|[^\pL])(?:sign|accept|approve|unterschreib\pL*|unterzeichn\pL*|annehm\pL*|signer|sign[ée]|accepter|valider|firmar|aceptar|aprobar)\s+(?:\S+\s+)?(?:quote|proposal|offer|angebot|offerte|devis|offre|propuesta|cotizaci[óo]n|presupuesto)(?:$|[^\pL])`)

// tlBackRefWindow is how far after a date a back-reference to it is
// looked for (about two sentences).
const tlBackRefWindow = 200

// tlBackRefRe finds a later reference to a date as a deadline: "by then",
// "before that date", "bis dahin", "d'ici là", "antes de esa fecha",
// "para entonces".
var tlBackRefRe = regexp.MustCompile(`(?:^|[^\pL])(?:by then|before then|before that date|until then|in time for that|bis dahin|bis zu diesem (?:tag|datum|termin)|vor diesem (?:tag|datum|termin)|d'ici là|d'ici la\s*[.,;!?]|avant cette date|avant cette [ée]ch[ée]ance|antes de esa fecha|antes de ese d[íi]a|para entonces|para esa fecha|hasta entonces)(?:$|[^\pL])`)

// tlGivenRe: a span the writer is given or has left: "nos dan 20 días
// para", "we have 3 weeks to", "on a deux mois pour", "wir haben noch 4
// Wochen, um", "they gave us six months to fix it".
var tlGivenRe = mustPattern(`\b(?:nos dan|nos dieron|nos han dado|tenemos|on a|on nous donne|on nous a donn[ée]|nous avons|nous disposons de|we have|we've got|we got|they gave us|they give us|gave us|gives us|wir haben|man gibt uns|man hat uns|uns bleiben|bleiben uns|haben wir)\s+(?:noch |only |just |nur |solo |s[óo]lo |plus que |encore |exactly |genau )?(\d+|` + tlNumWordsX + `|` + durNumPat + `)\s+(days?|weeks?|months?|d[íi]as|semanas|meses|jours|semaines|mois|tagen?|wochen|monaten?)\s*,?\s+(?:to|in which to|left|para|pour|um|de plazo|de d[ée]lai|zeit)\b`)

// tlGiven reads tlGivenRe as that many days, weeks or months from now.
func tlGiven(d *doc, m []int, _ time.Time) (Timeline, bool) {
	s := d.lower
	n, ok := countOf(group(s, m, 1))
	if !ok {
		n, ok = tlNumWordValues[group(s, m, 1)]
	}
	if !ok || n <= 0 || n > 1000 {
		return Timeline{}, false
	}
	unit := group(s, m, 2)
	months := n // months, meses, mois, Monate
	switch {
	case strings.HasPrefix(unit, "d") || strings.HasPrefix(unit, "j") || strings.HasPrefix(unit, "tag"):
		months = n / 30
	case strings.HasPrefix(unit, "w") || strings.HasPrefix(unit, "sem"):
		months = n / 4
	}
	return Timeline{Months: months, Label: labelFor(months), Confidence: 0.65}, true
}

// tlMonthBefore returns the last full month name (any language; not
// English "may" nor abbreviations) in s, the clause before a bare day
// ("the January sales end on the 31st", "im Januar, spätestens am 15."),
// or 0.
func tlMonthBefore(s string) time.Month {
	var mo time.Month
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if v, ok := monthNames[w]; ok && len(w) > 4 {
			mo = v
		} else if v, ok := tlMonthsX[w]; ok && len(w) > 3 {
			mo = v
		}
	}
	return mo
}
