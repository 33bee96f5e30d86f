package bant

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Days named without a month or by an occasion: "bis nächsten Freitag",
// "before the 24th", "avant les Fêtes", "antes de Semana Santa", and dates
// split by the clause breaker ("zum 1. Juli": the dot after "1" ends a
// clause for the shared tokenizer).

var (
	// tlWeekdayXRe: a weekday after a deadline preposition, any language.
	tlWeekdayXRe = mustPattern(`\b(by|before|until|till|no later than|bis|bis zum|bis sp(?:ä|ae|a)testens|vor|avant|d'ici|antes del|para el|hasta el)(?: (next|this|n(?:ä|ae|a)chsten|kommenden|diesen|le|el|ce))? (monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)\b(?: (prochain|pr[óo]ximo|que viene)\b)?`)
	// tlOrdinalDayRe: "before the 24th", "bis zum 15.", "avant le 24",
	// "antes del 24": a day of this month (or the next, if it has passed).
	// A bare "on the 31st", "per 31.", "am 27.", "el día 25", "le 30"
	// names a day too, but as often a meeting's: those need purchase
	// words to count (tlDayBareConf).
	tlOrdinalDayRe = mustPattern(`\b(by|before|until|till|no later than|on|bis zum|bis|zum|per|am|vor dem|avant le|d'ici le|au plus tard le|pour le|antes del|para el|hasta el|el d[íi]a)\s+(?:the\s+|d[íi]a\s+)?(\d{1,2})(st|nd|rd|th|\.)?(?:\s*$|[^\d/.,:\pL%€$£h\s]|\s+[^\d%€$£\s]|[.,:](?:\s|$))`)
	// tlHolidayRe: an occasion after a deadline preposition.
	tlHolidayRe = mustPattern(`\b(before|by|until|till|ahead of|in time for|around|for|(?:bis )?sp(?:ä|ae|a)testens zu[mr]|bis zu[mr]|rechtzeitig (?:zu[mr]|vor)|p(?:ü|ue|u)nktlich zu[mr]|rund um|um|gegen|zu[mr]|vor|bis|bis zu|zu|vers|avant|d'ici|pour|antes del|antes de|para el|para|hasta el|hasta|` + tlAfterPrepX + `)\s+(?:the |den |dem |der |les |le |la |el |las |los )?(?:(?:vacances|vacaciones|ferien)\s+(?:de\s+|d'|der\s+)?)?(pfingsten|whitsun|pentecost|pentec[ôo]te|pentecost[ée]s|allerheiligen|all saints'? day|all saints|toussaint|todos los santos|himmelfahrt|christi himmelfahrt|ascension day|ascension|heiligabend|heiligen abend|christmas eve|r[ée]veillon|nochebuena|aschermittwoch|ash wednesday|mercredi des cendres|mi[ée]rcoles de ceniza|karneval|fasching|fastnacht|carnival|carnaval|mardi gras|nikolaus|saint-nicolas|st\. nicholas|halloween|los reyes|reyes|dreik(?:ö|oe|o)nig|christmas|xmas|the holidays|holidays|holiday season|valentine's day|valentine's|valentinstag|saint-valentin|la saint-valentin|san valent[íi]n|jahreswechsel|the turn of the year|black friday|buen fin|hot sale|cyber monday|thanksgiving|easter|new year's|new year|weihnachten|ostern|silvester|neujahr|feiertagen|f[êe]tes|no[ëe]l|p[âa]ques|nouvel an|navidad|semana santa|pascua|a(?:ñ|n)o nuevo|fiestas)\b`)
)

// tlWeekdayNames maps weekday names of the four languages.
var tlWeekdayNames = map[string]time.Weekday{
	"monday": time.Monday, "montag": time.Monday, "lundi": time.Monday, "lunes": time.Monday,
	"tuesday": time.Tuesday, "dienstag": time.Tuesday, "mardi": time.Tuesday, "martes": time.Tuesday,
	"wednesday": time.Wednesday, "mittwoch": time.Wednesday, "mercredi": time.Wednesday, "miércoles": time.Wednesday, "miercoles": time.Wednesday,
	"thursday": time.Thursday, "donnerstag": time.Thursday, "jeudi": time.Thursday, "jueves": time.Thursday,
	"friday": time.Friday, "freitag": time.Friday, "vendredi": time.Friday, "viernes": time.Friday,
	"saturday": time.Saturday, "samstag": time.Saturday, "samedi": time.Saturday, "sábado": time.Saturday, "sabado": time.Saturday,
	"sunday": time.Sunday, "sonntag": time.Sunday, "dimanche": time.Sunday, "domingo": time.Sunday,
}

func tlWeekdayX(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	wd, ok := tlWeekdayNames[group(s, m, 3)]
	if !ok {
		return Timeline{}, false
	}
	days := (int(wd) - int(now.Weekday()) + 7) % 7
	if days == 0 {
		days = 7
	}
	if mod := group(s, m, 2); mod == "next" || strings.Contains(mod, "chsten") || mod == "kommenden" || group(s, m, 4) != "" {
		if days < 4 {
			days += 7 // "next Friday" on a Wednesday is the week after
		}
	}
	end := time.Date(now.Year(), now.Month(), now.Day()+days+1, 0, 0, 0, 0, now.Location())
	return tlByHorizon(now, end, 0.55), true
}

func tlOrdinalDay(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	prep, suffix := group(s, m, 1), group(s, m, 3)
	if suffix == "" && m[1] < len(s) && s[m[1]] == '.' {
		suffix = "." // the clause breaker took the dot of "per 31."
	}
	if suffix == "" && (prep == "by" || prep == "before" || prep == "until" || prep == "till" || prep == "no later than" ||
		strings.HasPrefix(prep, "bis") || prep == "zum" || tlDayBarePreps[prep]) && !tlDiaRe.MatchString(s[m[0]:m[1]]) {
		return Timeline{}, false // "by 5" is no day; English and German need "5th", "5."
	}
	if tlDayBarePreps[prep] && (prep == "on") == (suffix == ".") {
		return Timeline{}, false // "on the 5th" but "am 5."; "on 5." is a list
	}
	// A month name after it makes it a month date, read by the month rules.
	rest := strings.TrimLeft(s[min(len(s), group2End(m)):min(len(s), group2End(m)+16)], ". ")
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, "of "), "de ")
	for _, w := range strings.Fields(rest)[:min(1, len(strings.Fields(rest)))] {
		w = strings.Trim(w, ".,")
		if _, ok := monthNames[w]; ok {
			return Timeline{}, false
		}
		if _, ok := tlMonthsX[w]; ok {
			return Timeline{}, false
		}
	}
	// A clause break right after "15." may hide the month in the next clause.
	if suffix == "." && tlMonthAtBreak(d, m[0]+strings.LastIndexByte(s[m[0]:m[1]], '.')) >= 0 {
		return Timeline{}, false
	}
	day, _ := strconv.Atoi(group(s, m, 2))
	if day < 1 || day > 31 {
		return Timeline{}, false
	}
	end := time.Date(now.Year(), now.Month(), day+1, 0, 0, 0, 0, now.Location())
	if mo := tlMonthBefore(s[max(d.clauseStart(m[0]), m[0]-50):m[0]]); mo != 0 {
		// "before the January sales end on the 31st": that month's day.
		end = time.Date(now.Year(), mo, day+1, 0, 0, 0, 0, now.Location())
		if !end.After(now) {
			end = end.AddDate(1, 0, 0)
		}
	}
	if !end.After(now) {
		end = time.Date(now.Year(), now.Month()+1, day+1, 0, 0, 0, 0, now.Location())
	}
	conf := 0.5 + tlDayBonus
	if tlDayBarePreps[prep] || strings.HasPrefix(prep, "el ") {
		conf = tlDayBareConf
	}
	return tlByHorizon(now, end, conf), true
}

// tlDayBarePreps are the prepositions of a day named without a deadline
// word ("on the 31st", "am 27.", "per 31."), which need an ordinal
// suffix.
var tlDayBarePreps = map[string]bool{"on": true, "am": true, "per": true, "vor dem": true}

// tlDayBareConf is the confidence of a day with no deadline word ("on
// the 31st", "el día 25"): below AnswerThreshold, so only purchase words
// in its clause make it the timeline.
const tlDayBareConf = 0.45

// group2End is where the day digits of a tlOrdinalDayRe match end.
func group2End(m []int) int { return m[5] }

// tlEaster returns Easter Sunday of year y (anonymous Gregorian algorithm).
func tlEaster(y int, loc *time.Location) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, loc)
}

// tlHolidayDate returns the day an occasion falls on in year y.
func tlHolidayDate(name string, y int, loc *time.Location) time.Time {
	switch {
	case strings.HasPrefix(name, "asch") || strings.HasPrefix(name, "ash") || strings.Contains(name, "cendres") || strings.Contains(name, "ceniza") ||
		strings.HasPrefix(name, "karn") || strings.HasPrefix(name, "fas") || strings.HasPrefix(name, "carn") || name == "mardi gras":
		// Carnival ends on Ash Wednesday, 46 days before Easter.
		return tlEaster(y, loc).AddDate(0, 0, -46)
	case strings.HasPrefix(name, "pfingst") || name == "whitsun" || strings.HasPrefix(name, "pentec"):
		return tlEaster(y, loc).AddDate(0, 0, 49)
	case strings.Contains(name, "himmelfahrt") || strings.HasPrefix(name, "ascension"):
		return tlEaster(y, loc).AddDate(0, 0, 39)
	case name == "allerheiligen" || strings.HasPrefix(name, "all saints") || name == "toussaint" || name == "todos los santos":
		return time.Date(y, time.November, 1, 0, 0, 0, 0, loc)
	case strings.Contains(name, "valent"):
		return time.Date(y, time.February, 14, 0, 0, 0, 0, loc)
	case name == "jahreswechsel" || strings.Contains(name, "turn of"):
		return time.Date(y, time.December, 31, 0, 0, 0, 0, loc)
	case name == "nikolaus" || name == "saint-nicolas" || strings.Contains(name, "nicholas"):
		return time.Date(y, time.December, 6, 0, 0, 0, 0, loc)
	case name == "halloween":
		return time.Date(y, time.October, 31, 0, 0, 0, 0, loc)
	case strings.Contains(name, "reyes") || strings.HasPrefix(name, "dreik"):
		return time.Date(y, time.January, 6, 0, 0, 0, 0, loc)
	case name == "buen fin":
		// Mexico's Buen Fin: the weekend around 16 November.
		return time.Date(y, time.November, 16, 0, 0, 0, 0, loc)
	case name == "hot sale":
		// Mexico's Hot Sale: the end of May.
		return time.Date(y, time.May, 31, 0, 0, 0, 0, loc)
	case strings.Contains(name, "friday") || strings.Contains(name, "cyber") || name == "thanksgiving":
		// The fourth Thursday of November, and the days after it.
		first := time.Date(y, time.November, 1, 0, 0, 0, 0, loc)
		thu := first.AddDate(0, 0, (int(time.Thursday)-int(first.Weekday())+7)%7+21)
		switch {
		case strings.Contains(name, "friday"):
			return thu.AddDate(0, 0, 1)
		case strings.Contains(name, "cyber"):
			return thu.AddDate(0, 0, 4)
		}
		return thu
	case name == "easter" || name == "ostern" || strings.HasPrefix(name, "p") || name == "semana santa":
		return tlEaster(y, loc)
	case strings.Contains(name, "new") || name == "silvester" || name == "neujahr" || name == "nouvel an" || strings.HasPrefix(name, "a"):
		return time.Date(y, time.December, 31, 0, 0, 0, 0, loc)
	}
	return time.Date(y, time.December, 24, 0, 0, 0, 0, loc) // Christmas, the holidays, les Fêtes, las fiestas
}

func tlHoliday(d *doc, m []int, now time.Time) (Timeline, bool) {
	name := group(d.lower, m, 2)
	t := tlHolidayDate(name, now.Year(), now.Location())
	if !t.After(now) {
		// Passed this year: "before Easter" in May means next Easter, but
		// "before the holidays" on 30 December is about the note itself.
		if now.Sub(t) < 30*24*time.Hour {
			return Timeline{}, false
		}
		t = tlHolidayDate(name, now.Year()+1, now.Location())
	}
	if tlAfterPrepRe.MatchString(group(d.lower, m, 1)) {
		// "direkt nach Aschermittwoch starten": the plan begins about a
		// week after the occasion.
		t = t.AddDate(0, 0, 7)
	}
	return tlByHorizon(now, t, 0.55), true
}

// tlAfterPrepX are the prepositions that put a plan right after an
// occasion ("nach Ostern", "after Christmas", "après le carnaval",
// "después de Semana Santa").
const tlAfterPrepX = `(?:gleich |direkt |kurz |right |just |juste |justo |sitôt |nada más )?(?:nach|after|apr[èe]s|despu[ée]s de)`

// tlAfterPrepRe matches tlAfterPrepX alone.
var tlAfterPrepRe = regexp.MustCompile(`^` + tlAfterPrepX + `$`)

func tlBareDate(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	name, dayS := group(s, m, 1), group(s, m, 2)
	if name == "" {
		name, dayS = group(s, m, 4), group(s, m, 3)
	}
	mo, ok := monthNames[name]
	if !ok {
		mo = tlMonthsX[name]
	}
	if mo == 0 {
		return Timeline{}, false
	}
	if _, english := monthNames[name]; english && tlMonthsX[name] == 0 {
		// English month names are capitalised; "may 5" is rarely a date.
		if p := strings.Index(s[m[0]:m[1]], name); p < 0 || d.clean[m[0]+p] < 'A' || d.clean[m[0]+p] > 'Z' {
			return Timeline{}, false
		}
	}
	return tlDatedMonth(now, mo, dayS, group(s, m, 5), "end", mo >= now.Month() || tlIntentAround(d, m), 0.45-tlDayBonus)
}

// tlMonthAtBreak returns the end of a month name starting right after the
// clause break at b ("1. Juli"), or -1.
func tlMonthAtBreak(d *doc, b int) int {
	s := d.lower
	if b < 0 || b+2 >= len(s) || s[b] != '.' || s[b+1] != ' ' {
		return -1
	}
	i := b + 2
	j := i
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 0x80) {
		j++
	}
	w := s[i:j]
	if _, ok := tlMonthsX[w]; ok {
		return j
	}
	if _, ok := monthNames[w]; ok && len(w) > 3 {
		return j
	}
	return -1
}

// tlDotDayPreps are the words before "1." that make "1. Juli" a deadline.
var tlDotDayPreps = []string{"soll der", "ist der", "wäre der", "waere der", "wird der", "sein der", "bis spätestens zum", "bis spätestens", "spätestens zum", "spätestens am", "bis zum", "ab dem", "vor dem", "zum", "per", "bis", "am", "ab", "für den", "fuer den"}

// tlSplitDayMonths finds "zum 1. Juli" split by a clause break after
// "1.", and returns matches laid out as tlMonthXRe's (prep, day, month,
// year) so tlMonthX reads them.
func tlSplitDayMonths(d *doc) [][]int {
	s := d.lower
	var out [][]int
	for _, b := range d.breaks {
		if s[b] != '.' || b == 0 || !isDigit(s[b-1]) {
			continue
		}
		ds := b - 1
		if ds > 0 && isDigit(s[ds-1]) {
			ds--
		}
		if ds > 0 && (isDigit(s[ds-1]) || s[ds-1] == '.') {
			continue // "1.500." or "15.10."
		}
		me := tlMonthAtBreak(d, b)
		if me < 0 {
			continue
		}
		m := []int{ds, me, -1, -1, ds, b, me - len(strings.Fields(s[b+2 : me])[0]), me, -1, -1}
		if strings.HasPrefix(s[me:], " 20") && me+5 <= len(s) && isDigit(s[me+3]) && isDigit(s[me+4]) {
			m[8], m[9], m[1] = me+1, me+5, me+5
		}
		before := s[max(0, ds-24):ds]
		for _, p := range tlDotDayPreps {
			if strings.HasSuffix(before, p+" ") {
				m[0], m[2], m[3] = ds-len(p)-1, ds-len(p)-1, ds-1
				break
			}
		}
		out = append(out, m)
	}
	return out
}

// tlDiaRe finds "día" before a day number ("antes del día 25"), which
// makes it a day without a suffix.
var tlDiaRe = regexp.MustCompile(`d[íi]a\s+\d`)
