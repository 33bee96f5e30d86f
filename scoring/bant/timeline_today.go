package bant

import (
	"regexp"
	"time"
)

// "Today" and a bare weekday are dates only in a plan's clause: "we need
// this set up today", "Lizenz läuft am Freitag aus", "expire vendredi",
// "vence el viernes"; not in "today we copy orders by hand" or "I'm out
// on Friday".

var (
	// tlTodayRe: today in four languages, with the particles that make it
	// a deadline ("heute noch", "dès aujourd'hui", "hoy mismo").
	tlTodayRe = mustPattern(`\b(?:today|tonight|heute|aujourd'hui|aujourd hui|hoy|ya)\b`)
	// tlBareWeekdayRe: a weekday without a deadline preposition (those
	// are tlWeekdayXRe's), with an optional article or "on"/"am"/"this".
	tlOrdinalBeforeRe = regexp.MustCompile(`(?:first|second|third|last|erste[nmr]?|zweite[nmr]?|letzte[nmr]?|premier|dernier|primer|[úu]ltimo)\s+$`)
	tlOfMonthAfterRe  = regexp.MustCompile(`^\s+(?:of|in|im|de|del|en)\s+(?:the\s+)?\pL`)
	tlRoutineRe       = regexp.MustCompile(`(?:^|[^\pL])(?:usually|always|often|regularly|regelm(?:ä|ae|a)(?:ß|ss)ig|immer|oft|meistens|souvent|toujours|r[ée]guli[èe]rement|siempre|suelen|normalmente|a menudo)(?:$|[^\pL])`)
	tlBareWeekdayRe   = mustPattern(`\b(?:on |am |this |el |ce |diesen |dieser |este |para este |next |n(?:ä|ae|a)chsten )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)\b`)

	// tlTodayPastRe: "until today", "bis heute", "jusqu'à aujourd'hui",
	// "hasta hoy", "as of today", "seit heute" describe the present state.
	tlTodayPastRe = regexp.MustCompile(`(?:until|till|up to|as of|since|bis|seit|ab|jusqu'[àa]|jusqu'|depuis|hasta|desde|a partir de|a d[íi]a de|à ce jour|a fecha de)\s+$`)
	// tlTodayDeadlineRe: words right around "today" that make it a
	// deadline: "noch", "dès", "by", "for", "mismo", "même".
	tlTodayBeforeRe = regexp.MustCompile(`(?:^|[^\pL])(?:noch|d[èe]s|by|for|para|pour|ideally|idealerweise|id[ée]alement|idealmente)\s+$`)
	// tlYaAfterRe: Spanish "ya" means "now" only at a clause's end ("lo
	// quiero ya", "conciliación YA:", "lo arranco ya").
	tlYaAfterRe    = regexp.MustCompile(`^\s*(?:mismo|$|[.!?;,:)])`)
	tlTodayAfterRe = regexp.MustCompile(`^\s*(?:noch|mismo|m[êe]me|if|please|bitte|si|s'il|por favor|$|[.!?;,])`)
	// tlTodayNeedRe: a plan's verb before "today" in its clause.
	tlTodayNeedRe = regexp.MustCompile(`(?:^|[^\pL])(?:need|needs|needed|want|must|have to|got to|set up|setup|up and running|live|start|sign|order|buy|brauch\pL*|ben(?:ö|oe|o)tig\pL*|muss|m(?:ü|ue|u)ssen|wollen|m(?:ö|oe|o)chten|bestell\pL*|starten|faut|besoin|voulons|veux|devons|doit|commander|signer|d[ée]marrer|necesit\pL*|quer\pL*|tenemos que|tengo que|hay que|firmar|comprar|get|add|added|arranc\pL*|empiez\pL*|empez\pL*|lo quiero|lo queremos)(?:$|[^\pL])`)
)

func tlToday(d *doc, m []int, _ time.Time) (Timeline, bool) {
	s := d.lower
	cs := d.clauseStart(m[0])
	before := s[max(cs, m[0]-24):m[0]]
	if tlTodayPastRe.MatchString(before) {
		return Timeline{}, false
	}
	after := s[m[1]:min(len(s), m[1]+12)]
	if s[m[0]:m[1]] == "ya" && !tlYaAfterRe.MatchString(after) {
		return Timeline{}, false // "ya tenemos", "ya lo probamos": already
	}
	if !tlTodayBeforeRe.MatchString(before) && !tlTodayAfterRe.MatchString(after) {
		return Timeline{}, false // "today we copy orders by hand": the present
	}
	if !tlTodayNeedRe.MatchString(s[max(cs, m[0]-80):m[0]]) {
		return Timeline{}, false
	}
	return Timeline{Months: 0.03, Label: LabelASAP, Confidence: 0.5}, true
}

// tlBareWeekday reads "on Friday" as the next such day; it stays below
// the confidence floor unless purchase or expiry words lift it, and a
// routine ("every Monday", "le lundi") is no date.
func tlBareWeekday(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	if tlHabitualRe.MatchString(s[max(0, m[0]-16):m[0]]) || tlOrdinalBeforeRe.MatchString(s[max(0, m[0]-12):m[0]]) ||
		tlOfMonthAfterRe.MatchString(s[m[1]:min(len(s), m[1]+16)]) ||
		tlRoutineRe.MatchString(s[d.clauseStart(m[0]):d.clauseEnd(m[1])]) {
		return Timeline{}, false // "every Monday", "the first Sunday of September", "am Montag regelmäßig"
	}
	if tlNegationAt(d, m) >= 0 || tlNegationAfter(d, m) >= 0 {
		return Timeline{}, false // "am Sonntag keiner da": an incident, not a plan
	}
	name := group(s, m, 1)
	wd, ok := tlWeekdayNames[name]
	if !ok {
		wd, ok = weekdays[name]
	}
	if !ok {
		return Timeline{}, false
	}
	days := (int(wd) - int(now.Weekday()) + 7) % 7
	if days == 0 {
		days = 7
	}
	months := round2(float64(days) / daysPerMonth)
	return Timeline{Months: months, Label: labelFor(months), Confidence: 0.3}, true
}

// tlAnchorRe finds an event the plan must precede ("before the holiday
// season starts mid-November", "antes de las vacaciones de agosto", "vor
// der Messe im März"): its date is the deadline, not a meeting's.
var tlAnchorRe = regexp.MustCompile(`(?:^|[^\pL])(?:before|ahead of|prior to|in time for|ready for|antes de|para|avant|pour|vor|bis zu[mr]?|zu[mr])\s+(?:(?:the|our|their|la|las|el|los|les|le|l'|notre|nos|nuestr[oa]s?|der|dem|den|die|das|unsere[mnr]?)\s+)?(?:\S+\s+)?(?:holidays?|holiday season|vacations?|vacaciones|vacances|cong[ée]s|urlaub\pL*|betriebsferien|sommerpause|trade ?show|trade fair|expo|messe|salon|feria|event|season|saison|temporada|rentr[ée]e|lancement|launch|opening|er(?:ö|oe|o)ffnung|apertura|ouverture)`)
