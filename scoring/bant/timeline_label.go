package bant

import (
	"regexp"
	"strings"
	"time"
)

// Dates without a preposition: after a label ("Go-live 15.3.", "Start:
// März", "Timeline: January", "Fecha de arranque: 1 de febrero", "Mise en
// service visée : 10/01") and German compounds that glue the period to
// its start or end ("Juliende", "Herbstanfang", "Jahresanfang",
// "Quartalsbeginn", "Halbjahresende").

// tlLabelWords name a plan's date in a form or a list.
const tlLabelWords = `last (?:working )?day|renewal|letzter (?:arbeits)?tag|verl(?:ä|ae|a)ngerung|dernier jour|renouvellement|renovaci[óo]n|timeline|time ?frame|target(?: date)?|go[- ]?live|start(?: date)?|kick[- ]?off|launch|roll[- ]?out|deadline|due date|cut[- ]?over|implementation|migration|purchase|decision|` +
	`zeitplan|zeitrahmen|zeithorizont|starttermin|projektstart|einf(?:ü|ue|u)hrung|umstellung|stichtag|frist|inbetriebnahme|livegang|wunschtermin|zieltermin|kauf|entscheidung|umsetzung|beginn|` +
	`d[ée]marrage|lancement|mise en (?:service|production|place|route)|d[ée]ploiement|d[ée]lai|date (?:de d[ée]marrage|cible|souhait[ée]e|pr[ée]vue|butoir|de lancement)|calendrier|bascule|` +
	`inicio|arranque|lanzamiento|puesta en (?:marcha|producci[óo]n)|implantaci[óo]n|implementaci[óo]n|fecha(?: de (?:inicio|arranque|salida|lanzamiento|implantaci[óo]n|compra))?|fecha l[íi]mite|plazo|comienzo`

// tlAllMonthPat is every month name and abbreviation, four languages,
// longest first.
var tlAllMonthPat = func() string {
	var names []string
	for k := range monthNames {
		names = append(names, k)
	}
	for k := range tlMonthsX {
		if _, dup := monthNames[k]; !dup {
			names = append(names, k)
		}
	}
	sortByLenDesc(names)
	return strings.Join(names, "|")
}()

var (
	// tlLabelMonthRe: a label, up to two words ("souhaité", "previsto"),
	// an optional colon or dash, then a month with an optional day and
	// year.
	tlLabelMonthRe = mustPattern(`\b(?:` + tlLabelWords + `)(?:\s+[\pL'-]+){0,2}?\s*[:=-]?\s*(?:(?:ende|anfang|mitte|beginn|fin|d[ée]but|mi-|finales de|principios de|mediados de|end of|the end of|early|mid|late)[\s-]*)?(?:(?:the |le |el |am |den )?(\d{1,2})(?:st|nd|rd|th|er|\.|º)?\s+(?:of\s+|de\s+)?)?(` + tlAllMonthPat + `)\b\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(?:de\s+|del\s+)?(20\d\d)\b)?`)
	// tlLabelBeforeRe: a label right before a numeric date.
	tlLabelBeforeRe = regexp.MustCompile(`(?:^|[^\pL])(?:` + tlLabelWords + `)(?:\s+[\pL'-]+){0,2}?\s*[:=-]?\s*$`)
	// tlCompoundRe: German compounds of a month, season or period with
	// its end, start or middle.
	tlCompoundRe = mustPattern(`\b(januar|februar|m(?:ä|ae|a)rz|april|mai|juni|juli|august|september|oktober|november|dezember|` +
		`fr(?:ü|ue|u)hjahr|fr(?:ü|ue|u)hling|sommer|herbst|winter|halbjahr|jahr|quartal|monat)(?:es|en|s|n)?-?(ende|anfang|beginn|mitte|start)\b`)
)

// tlLabelMonth reads a month after a label: a plan's date, so a month
// that has passed this year is next year's.
func tlLabelMonth(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	name := group(s, m, 2)
	mo, ok := monthNames[name]
	if !ok {
		mo = tlMonthsX[name]
	}
	if mo == 0 || name == "may" && d.clean[m[4]] != 'M' || name == "mar" || tlLetterAt(s, m[5]) {
		return Timeline{}, false // "may" the verb, "mar" the sea
	}
	if tlHabitualRe.MatchString(s[max(0, m[4]-16):m[4]]) {
		return Timeline{}, false // "start every January"
	}
	day := group(s, m, 1)
	if day == "" {
		day = group(s, m, 3)
	}
	return tlDatedMonth(now, mo, day, group(s, m, 4), "end", true, tlMonthConf-0.05)
}

// tlCompound reads "Juliende", "Herbstanfang", "Jahresanfang".
func tlCompound(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	if tlHabitualRe.MatchString(s[max(0, m[0]-16):m[0]]) {
		return Timeline{}, false // "jedes Monatsende": a routine
	}
	if tlAfterNextRe.MatchString(s[m[1]:min(len(s), m[1]+16)]) || tlBeforeNextRe.MatchString(s[max(0, m[0]-16):m[0]]) {
		return Timeline{}, false // "Jahresende nächsten Jahres": too rare to read
	}
	base, part := group(s, m, 1), group(s, m, 2)
	kind := map[string]string{"ende": "end", "anfang": "early", "beginn": "early", "start": "early", "mitte": "mid"}[part]
	conf := 0.5
	if tlByPrepRe.MatchString(s[max(0, m[0]-12):m[0]]) {
		conf = 0.55
	} else if tlAtRoutineRe.MatchString(s[max(0, m[0]-16):m[0]]) {
		// "prüft am Monatsende", "zum Jahresanfang immer": when something
		// recurs, as the lexicon reads "am Monatsende"; purchase words
		// may still lift it.
		conf = tlAtRoutineConf
	}
	y, mo := now.Year(), now.Month()
	day := 24 * time.Hour
	switch base {
	case "jahr":
		switch kind {
		case "end":
			return tlByHorizon(now, monthStart(now, y+1, 1), conf), true
		case "mid":
			t := monthStart(now, y, 7)
			if !t.After(now) {
				t = monthStart(now, y+1, 7)
			}
			return tlByHorizon(now, t, conf), true
		}
		return tlByHorizon(now, monthStart(now, y+1, 2), conf), true // January
	case "quartal":
		q := quarterOf(mo)
		if kind == "end" {
			return tlWindowTimeline(now, quarterStart(now, y, q+1), LabelThisQuarter, conf), true
		}
		return tlByHorizon(now, quarterStart(now, y, q+1).Add(day), conf), true
	case "monat":
		if kind == "end" {
			return tlWindowTimeline(now, monthStart(now, y, mo+1), LabelThisMonth, conf), true
		}
		return tlByHorizon(now, monthStart(now, y, mo+1).Add(day), conf), true
	case "halbjahr":
		h := monthStart(now, y, 7)
		if mo > 6 {
			h = monthStart(now, y+1, 1)
		}
		if kind == "end" {
			return tlByHorizon(now, h, conf), true
		}
		return tlByHorizon(now, h.Add(day), conf), true
	}
	if mo, ok := tlMonthsX[base]; ok {
		return tlDatedMonth(now, mo, "", "", kind, mo >= now.Month() || tlIntentAround(d, m), conf)
	}
	if base == "marz" || base == "maerz" {
		return tlDatedMonth(now, time.March, "", "", kind, time.March >= now.Month() || tlIntentAround(d, m), conf)
	}
	// A season: the current one if it is on, else the next.
	start := monthStart(now, y, tlSeasonStart(base))
	if start.Month() == time.December && mo <= time.February {
		start = monthStart(now, y-1, time.December)
	}
	end := start.AddDate(0, 3, 0)
	if !end.After(now) {
		start, end = start.AddDate(1, 0, 0), end.AddDate(1, 0, 0)
	}
	return tlByHorizon(now, pointIn(now, start, end, kind), conf), true
}

// tlLabelled reports a timing label right before p in its clause.
func tlLabelled(d *doc, p int) bool {
	return tlLabelBeforeRe.MatchString(d.lower[max(d.clauseStart(p), p-40):p])
}
