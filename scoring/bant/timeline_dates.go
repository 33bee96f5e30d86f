package bant

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Dated phrases in German, French and Spanish, and the forms no language's
// month names cover: seasons, halves of the year and numeric dates.

// tlPrepX are the prepositions and modifiers in front of a month, season or
// half in German, French and Spanish, longest first (regexp prefers the
// first alternative that matches).
const tlPrepX = `vers|gegen|hacia|diesen|dieses|kommenden|ce mois de|ce|cet|este|el pr[óo]ximo|f(?:ü|ue|u)rs|f(?:ü|ue|u)r|per|bis sp(?:ä|ae|a)testens ende|bis sp(?:ä|ae|a)testens|sp(?:ä|ae|a)testens ende|sp(?:ä|ae|a)testens|bis ende|bis anfang|bis mitte|bis zum|bis|noch im|ende|anfang|mitte|im|ab|vor|zum|am|` +
	`d'ici(?: la)? fin|d'ici(?: le)? d[ée]but|d'ici(?: à)?|avant(?: la)? fin|avant(?: le)?|au plus tard(?: fin| le)?|jusqu'(?:à|au)|à partir d[eu]|a partir d[eu]|au mois de|courant|d[ée]but|fin|mi|pour|en|le|d[èe]s|` +
	`at[ée] o (?:fim|final) de|at[ée]|antes de (?:terminar|acabar|que (?:termine|acabe))|[àa]|auf|eher|a m[áa]s tardar|antes de finales de|antes del final de|antes de fin de|antes del|antes de|a principios de|a mediados de|a finales de|a fines de|para finales de|para principios de|para mediados de|para el|para|hasta el|hasta|desde el|desde|au|en el mes de|en|el|finales de|principios de|mediados de|de`

// Confidence of dated phrases by precision: a month beats "this year", a
// day beats a month.
const (
	tlMonthConf = 0.6
	tlDayBonus  = 0.03
)

// tlMonthsX are month names in German, French and Spanish (English ones
// are in monthPat), with and without accents.
var tlMonthsX = map[string]time.Month{
	"januar": 1, "jänner": 1, "jaenner": 1, "janvier": 1, "enero": 1,
	"februar": 2, "feber": 2, "février": 2, "fevrier": 2, "febrero": 2,
	"märz": 3, "maerz": 3, "marz": 3, "mars": 3, "marzo": 3,
	"april": 4, "avril": 4, "abril": 4,
	"mai": 5, "mayo": 5,
	"juni": 6, "juin": 6, "junio": 6,
	"juli": 7, "juillet": 7, "julio": 7,
	"august": 8, "août": 8, "aout": 8, "agosto": 8,
	"september": 9, "septembre": 9, "septiembre": 9, "setiembre": 9,
	"oktober": 10, "octobre": 10, "octubre": 10,
	"november": 11, "novembre": 11, "noviembre": 11,
	"dezember": 12, "décembre": 12, "decembre": 12, "diciembre": 12,
	// Portuguese, for the Portuñol of Brazilian writers.
	"janeiro": 1, "fevereiro": 2, "maio": 5, "junho": 6, "julho": 7, "setembro": 9, "outubro": 10, "dezembro": 12,
}

var tlMonthXPat = func() string {
	names := make([]string, 0, len(tlMonthsX))
	for k := range tlMonthsX {
		names = append(names, k)
	}
	// Longest first, so "juillet" is not read as "juli" + "et".
	sortByLenDesc(names)
	return strings.Join(names, "|")
}()

// sortByLenDesc sorts s by decreasing length, then alphabetically, so
// the pattern built from it is deterministic.
func sortByLenDesc(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && (len(s[j]) > len(s[j-1]) || len(s[j]) == len(s[j-1]) && s[j] < s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

var (
	// tlMonthXRe: "bis Ende März", "d'ici fin mars", "a finales de marzo",
	// "am 15. Oktober", "avant le 15 octobre", "antes del 15 de octubre".
	// The expression is the date alone; the preposition in front is read
	// by tlMonthsXFound from a short window (see tlWithPrep).
	tlMonthXRe     = mustPattern(`(?:\b(\d{1,2})(?:\.|er)?\s+(?:de\s+)?)?\b(` + tlMonthXPat + `)\b(?:\s+(?:de\s+|del\s+)?(20\d\d))?`)
	tlMonthXPrepRe = regexp.MustCompile(`(?:^|[^\pL']|qu')(` + tlPrepX + `)(?:\s+|-)(?:(?:le|el|den|dem|de|du|del) |d')?$`)
	// tlSeasonRe: a season with the words that make it a time ("this
	// summer", "im Herbst", "cet été", "en primavera", "l'été prochain").
	tlSeasonRe = mustPattern(`(\b(?:this|next|the coming|for|in the|in|by the|by|like|around|towards?|to|into|auf den|auf|eher|fr(?:ü|ue|u)hestens|sp(?:ä|ae|a)testens|before the|before|over the|during the|until|till|early|late|mid|the end of|end of|by the end of|start of|beginning of|` +
		`diesen|dieses|im|in den|w(?:ä|ae|a)hrend der|in|bis zum|bis|vor dem|ab dem|ab|n(?:ä|ae|a)chsten|n(?:ä|ae|a)chstes|kommenden|kommendes|anfang|mitte|ende|bis ende|sp(?:ä|ae|a)testens im|noch im|` +
		`cet|cette|ce|en|au|a l'|l'|d'ici l'|d'ici le|d'ici|avant l'|avant le|pour l'|pour le|d[ée]but de l'|d[ée]but du|fin de l'|fin du|courant de l'|courant du|mi-|le|` +
		`este|esta|en|para|para el|para la|antes del|antes de la|antes de|el|la|en el|en la|a principios del|a mediados del|a finales del|a principios de la|a mediados de la|a finales de la|` + tlProx + `|el ` + tlProx + `|la ` + tlProx + `)|à l')(?:\s+|-|)(spring|summer|autumn|fall|winter|fr(?:ü|ue|u)hjahr|fr(?:ü|ue|u)hling|sommer|herbst|printemps|[ée]t[ée]|automne|hiver|primavera|verano|oto(?:ñ|n)o|invierno)(?:\s+(?:de\s+|del\s+|of\s+)?(20\d\d)\b|\s+(prochaine?|que viene|` + tlProx + `)\b)?`)
	// tlHalfRe: "H2", "second half of 2027", "zweites Halbjahr", "2e
	// semestre", "segundo semestre".
	tlHalfRe = mustPattern(`\b(?:(in|by|during|for|within|im|bis|bis ende|ende|au|en|d'ici|pour|durante el|en el|para el|el|a lo largo del)\s+)?(?:the )?(?:(h[12]|[12]h)|(first|second|1st|2nd|erste[nms]?|zweite[nms]?|1\.|2\.|premier|1er|second|deuxi[èe]me|2e|2[èe]me|2nd|primer|segundo|1er|2do|1º|2º|1°|2°) (?:half|halbjahr|halbjahres|jahresh(?:ä|ae|a)lfte|semestre))(?:\s*(?:of\s+(?:the year\s+)?|de\s+|del\s+)?(20\d\d)\b|\s+(?:of\s+)?(next year|n(?:ä|ae|a)chsten jahres|kommenden jahres|de l'ann[ée]e prochaine|del ` + tlProx + ` a(?:ñ|n)o|del a(?:ñ|n)o que viene))?`)
	// tlRelXRe: "in zwei Wochen", "innerhalb von 3 Monaten", "dans 15 jours",
	// "d'ici deux mois", "en dos semanas", "dentro de un mes".
	tlRelXRe = mustPattern(`\b(in den n(?:ä|ae|a)chsten|in den kommenden|innerhalb der n(?:ä|ae|a)chsten|innerhalb von|innerhalb|binnen|in|dans les (?:prochains|prochaines)|dans les|d'ici(?: les)?|dans|sous|en los ` + tlProx + `s|en las ` + tlProx + `s|en (?:las|los)|dentro de|en un plazo de|de aqu[íi] a|en)\s+(?:ca\.? |etwa |rund |environ |à peu près |unos |unas |aproximadamente )?(\d+|` + tlNumWordsX + `)(?:\s*(?:-|bis|à|a|o|u|ou|oder|,)\s*(\d+|` + tlNumWordsX + `))?\s*(?:` + tlProx + `s\s+|prochaine?s\s+|n(?:ä|ae|a)chsten\s+|kommenden\s+)?(tagen|tage|tag|wochen|woche|monaten|monate|monat|jahren|jahre|jahr|jours|jour|semaines|semaine|mois|ans|ann[ée]es|d[íi]as|d[íi]a|semanas|semana|meses|mes|a(?:ñ|n)os)\b`)
	// tlComingXRe: "in den kommenden Wochen", "dans les prochains mois",
	// "en las próximas semanas", "dans les mois à venir".
	tlComingXRe = mustPattern(`\b(?:(?:in|innerhalb|im laufe|w(?:ä|ae|a)hrend) (?:den|der) (?:kommenden|n(?:ä|ae|a)chsten)(?: paar)?|(?:dans|au cours|durant|pendant) (?:les|des) (?:prochaines|prochains)|(?:en|dentro de|durante|a lo largo de) (?:las|los) ` + tlProx + `s|dans les|au cours des|en (?:las|los)) (wochen|monaten|semaines|mois|semanas|meses)(?: (?:à venir|a venir|qui viennent|que vienen))?\b`)
)

// tlNumWordsX are spelled counts in German, French and Spanish.
const tlNumWordsX = `ein paar|einigen|wenigen|einem|einer|eines|ein|eine|zwei|drei|vier|f(?:ü|ue|u)nf|sechs|acht|zehn|zw(?:ö|oe|o)lf|quelques|un|une|deux|trois|quatre|cinq|six|huit|dix|douze|quinze|unos pocos|unas pocas|unos|unas|un|una|dos|tres|cuatro|cinco|seis|ocho|diez|doce|quince`

// tlNumWordValues are the values of tlNumWordsX; "ein paar" and "quelques"
// count as three, like "a few".
var tlNumWordValues = map[string]float64{
	"ein paar": 3, "einigen": 3, "wenigen": 3, "einem": 1, "einer": 1, "eines": 1, "ein": 1, "eine": 1,
	"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "fuenf": 5, "funf": 5, "sechs": 6, "acht": 8, "zehn": 10,
	"zwölf": 12, "zwoelf": 12, "zwolf": 12, "quelques": 3, "un": 1, "une": 1, "deux": 2, "trois": 3,
	"quatre": 4, "cinq": 5, "six": 6, "huit": 8, "dix": 10, "douze": 12, "quinze": 15,
	"unos pocos": 3, "unas pocas": 3, "unos": 3, "unas": 3, "una": 1, "dos": 2, "tres": 3,
	"cuatro": 4, "cinco": 5, "seis": 6, "ocho": 8, "diez": 10, "doce": 12, "quince": 15,
}

// tlPrepKindX maps a German, French or Spanish preposition to startKind's
// vocabulary: "bis März" aims at its start, "Mitte März" at its middle,
// "Anfang März" early, "im März" or "fin mars" at its end.
func tlPrepKindX(prep string) string {
	switch {
	case strings.Contains(prep, "ende") || strings.Contains(prep, "fin") || strings.Contains(prep, "final") ||
		strings.Contains(prep, "termin") || strings.Contains(prep, "acab") ||
		prep == "im" || prep == "noch im" || prep == "en" || prep == "courant" || prep == "pour" ||
		prep == "para" || prep == "en el mes de" || strings.HasPrefix(prep, "au mois"):
		return "end"
	case strings.Contains(prep, "anfang") || strings.Contains(prep, "but") || strings.Contains(prep, "principio"):
		return "early"
	case strings.Contains(prep, "mitte") || prep == "mi" || strings.Contains(prep, "mediados"):
		return "mid"
	case prep == "ab" || strings.Contains(prep, "partir") || strings.HasPrefix(prep, "d") && strings.Contains(prep, "s") && len(prep) <= 3 ||
		strings.HasPrefix(prep, "desde"):
		return "from"
	case strings.HasPrefix(prep, "bis") || prep == "vor" || prep == "vor dem" || strings.HasPrefix(prep, "sp") ||
		strings.HasPrefix(prep, "avant") || strings.HasPrefix(prep, "d'ici") || strings.HasPrefix(prep, "antes") ||
		strings.HasPrefix(prep, "hasta") || strings.HasPrefix(prep, "jusqu") || strings.HasPrefix(prep, "a m") ||
		strings.HasPrefix(prep, "au plus tard"):
		return "start"
	}
	return "end" // im, en, au, pour, für, per, courant
}

// tlMonthX reads a German, French or Spanish month phrase.
func tlMonthX(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	prep, dayS, name, yearS := group(s, m, 1), group(s, m, 2), group(s, m, 3), group(s, m, 4)
	mo := tlMonthsX[name]
	if mo == 0 {
		return Timeline{}, false
	}
	if (prep == "le" || prep == "el" || prep == "am" || prep == "zum") && dayS == "" {
		return Timeline{}, false // "le mars" is no date; "am" needs a day
	}
	conf := tlMonthConf
	if prep == "de" || prep == "d" {
		// "la haute saison de décembre", "la temporada alta de diciembre":
		// an event's month, a date only where purchase words lift it.
		conf = 0.3
	}
	if prep == "" {
		conf = 0.45 - tlDayBonus // a bare "1. Juli" (split by the clause breaker)
	}
	kind := tlPrepKindX(prep)
	if (prep == "de" || prep == "d" || prep == "im" || prep == "en") && dayS == "" && tlBreakBeforeRe.MatchString(s[max(d.clauseStart(m[0]), m[0]-60):m[0]]) {
		// "antes de las vacaciones de agosto", "vor den Ferien im Juli",
		// "avant les congés d'août": the purchase precedes the month.
		kind, conf = "start", tlMonthConf
	}
	return tlDatedMonth(now, mo, dayS, yearS, kind, mo >= now.Month() || tlIntentAround(d, m), conf)
}

// tlDatedMonth is the timeline of a month (and optional day and year)
// aimed at by kind. A month without a year that has passed is next
// year's; a day that has passed, or a year in the past, is no timeline.
func tlDatedMonth(now time.Time, mo time.Month, dayS, yearS, kind string, intent bool, conf float64) (Timeline, bool) {
	curY := now.Year()
	y := curY
	if yearS != "" {
		y, _ = strconv.Atoi(yearS)
		if y < curY || y == curY && mo < now.Month() || y > curY+10 {
			return Timeline{}, false
		}
	} else if mo < now.Month() {
		if !intent && !tlWrapsAhead(now, mo, dayS != "") {
			return Timeline{}, false // "en abril levantamos la ronda": past, not next April
		}
		y = curY + 1
	}
	if dayS != "" {
		day, _ := strconv.Atoi(dayS)
		if day < 1 || day > 31 {
			return Timeline{}, false
		}
		end := time.Date(y, mo, day+1, 0, 0, 0, 0, now.Location())
		if !end.After(now) {
			return Timeline{}, false
		}
		return tlByHorizon(now, end, conf+tlDayBonus), true
	}
	start, end := monthStart(now, y, mo), monthStart(now, y, mo+1)
	if kind == "from" {
		// "ab März" says when it starts, not by when: the month's end.
		kind = "end"
	}
	return tlByHorizon(now, pointIn(now, start, end, kind), conf), true
}

// tlSeasonMonths maps a season to the month it starts in (northern
// hemisphere, meteorological seasons: spring March to May, ...).
func tlSeasonStart(name string) time.Month {
	switch {
	case name == "spring" || strings.HasPrefix(name, "fr") || name == "printemps" || name == "primavera":
		return time.March
	case name == "summer" || name == "sommer" || name == "verano" || strings.HasSuffix(name, "t\u00e9") ||
		name == "ete" || name == "\u00e9te" || name == "et\u00e9":
		return time.June
	case name == "autumn" || name == "fall" || name == "herbst" || name == "automne" || strings.HasPrefix(name, "oto"):
		return time.September
	}
	return time.December
}

// tlSeason reads a season phrase. "this summer" and "im Sommer" are the
// current season if it is on, else the coming one; "next summer" the
// first one that starts after now; the horizon is the season's end, its
// start for "by"/"bis"/"avant", and earlier for "early".
func tlSeason(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	prep, name, yearS, post := group(s, m, 1), group(s, m, 2), group(s, m, 3), group(s, m, 4)
	if prep == "" {
		return Timeline{}, false
	}
	if rest := tlWordRest(s, m[5]); rest != "" && !tlSeasonMonthsRe.MatchString(rest) {
		return Timeline{}, false // "in Winterthur", "en invernadero": a longer word, not the season
	}
	if (prep == "le" || prep == "el" || prep == "la") && post == "" && yearS == "" {
		return Timeline{}, false // "le printemps" alone says no when
	}
	startMo := tlSeasonStart(name)
	next := strings.HasPrefix(prep, "next") || strings.Contains(prep, "chste") || strings.HasPrefix(prep, "kommend") ||
		strings.Contains(prep, "xim") || post != ""
	// The season's start in the year it is current or next.
	y := now.Year()
	start := monthStart(now, y, startMo)
	if startMo == time.December && now.Month() <= time.February {
		start = monthStart(now, y-1, startMo) // the winter that began last December
	}
	end := start.AddDate(0, 3, 0)
	if !end.After(now) {
		start, end = start.AddDate(1, 0, 0), end.AddDate(1, 0, 0)
	}
	if next && !start.After(now) {
		start, end = start.AddDate(1, 0, 0), end.AddDate(1, 0, 0)
	}
	if yearS != "" {
		yy, _ := strconv.Atoi(yearS)
		start = monthStart(now, yy, startMo)
		end = start.AddDate(0, 3, 0)
		if !end.After(now) || yy > now.Year()+10 {
			return Timeline{}, false
		}
	}
	kind := "end"
	switch {
	case prep == "by" || prep == "by the" || prep == "before" || prep == "before the" || prep == "until" || prep == "till" ||
		prep == "bis" || prep == "bis zum" || prep == "vor dem" || strings.HasPrefix(prep, "avant") ||
		strings.HasPrefix(prep, "d'ici") || strings.HasPrefix(prep, "antes"):
		kind = "start"
	case prep == "early" || prep == "start of" || prep == "beginning of" || prep == "anfang" ||
		strings.Contains(prep, "but d") || strings.Contains(prep, "principios"):
		kind = "early"
	case prep == "mid" || prep == "mitte" || prep == "mi-" || strings.Contains(prep, "mediados"):
		kind = "mid"
	case prep == "ab" || prep == "ab dem":
		kind = "end"
	}
	// As precise as a quarter, more than "this year".
	return tlByHorizon(now, pointIn(now, start, end, kind), 0.6), true
}

// tlSeasonMonthsRe is the one continuation that keeps a season a season
// in a German compound: "in den Sommermonaten", "Wintermonate".
var tlSeasonMonthsRe = regexp.MustCompile(`^monate?n?$`)

// tlWordRest returns the letters that continue a word at i ("thur" after
// "in Winter" in "in Winterthur"), "" at a word's end.
func tlWordRest(s string, i int) string {
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	return s[i:j]
}

// tlHalf reads "H2", "second half of 2027", "zweites Halbjahr": the
// horizon is the half's end (its start after "bis"/"by").
func tlHalf(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	prep, code, ord, yearS, nextYear := group(s, m, 1), group(s, m, 2), group(s, m, 3), group(s, m, 4), group(s, m, 5)
	half := 0
	switch {
	case code != "":
		if strings.Contains(code, "2") {
			half = 1
		}
	case strings.HasPrefix(ord, "2") || strings.HasPrefix(ord, "s") || strings.HasPrefix(ord, "z") || strings.HasPrefix(ord, "d"):
		half = 1
	}
	if code != "" && prep == "" && yearS == "" && nextYear == "" {
		return Timeline{}, false // a bare "H2" may be a heading or a product
	}
	y := now.Year()
	switch {
	case yearS != "":
		y, _ = strconv.Atoi(yearS)
	case nextYear != "":
		y++
	case half == 0 && now.Month() > time.June:
		y++
	}
	start := monthStart(now, y, time.Month(1+6*half))
	end := start.AddDate(0, 6, 0)
	if !end.After(now) || y > now.Year()+10 {
		return Timeline{}, false
	}
	kind := "end"
	if prep == "by" || prep == "bis" || prep == "d'ici" {
		kind = "start"
	}
	return tlByHorizon(now, pointIn(now, start, end, kind), 0.55), true
}

// tlNumDate reads a numeric date. English writes month/day (10/15),
// German day.month. (15.10.), French and Spanish day/month (15/10); ISO
// dates are year-month-day everywhere. A date without a year that has
// just passed is a past reference, not a deadline; one that passed long
// ago is next year's.
func tlNumDate(d *doc, m []int, now time.Time) (Timeline, bool) {
	s := d.lower
	prep := group(s, m, 1)
	var y, mo, day int
	yearGiven := false
	atoi := func(i int) int { v, _ := strconv.Atoi(group(s, m, i)); return v }
	switch {
	case group(s, m, 2) != "":
		y, mo, day, yearGiven = atoi(2), atoi(3), atoi(4), true
	case group(s, m, 5) != "":
		a, b := atoi(5), atoi(6)
		if group(s, m, 7) == "" && (a == 24 && b == 7 || b == 365) {
			return Timeline{}, false // "24/7"
		}
		if detectLanguage(s) == LangEnglish {
			mo, day = a, b
		} else {
			day, mo = a, b
		}
		if mo > 12 && day <= 12 {
			mo, day = day, mo // a British writer, or a short text in the wrong language
		}
		if ys := group(s, m, 7); ys != "" {
			y, yearGiven = atoi(7), true
			if y < 100 {
				y += 2000
			}
		}
		if !yearGiven && prep == "" && (mo <= 12 && day <= 12 || a <= 12 && b <= 12) && !tlLabelled(d, m[0]) {
			return Timeline{}, false // a bare "3/4" is as often a fraction or a score; "6/15" is a date
		}
	default:
		day, mo = atoi(8), atoi(9)
		if ys := group(s, m, 10); ys != "" {
			y, yearGiven = atoi(10), true
		}
		// A following digit means a number ("1.500"); without a year,
		// a date needs its closing dot ("15.10.") or a two-digit month
		// after a preposition ("bis 15.10"), so "2.5 Mio" is no date.
		if m[1] < len(s) && isDigit(s[m[1]]) {
			return Timeline{}, false
		}
		if group(s, m, 10) == "" && !(m[1] < len(s) && s[m[1]] == '.') &&
			!(prep != "" && len(group(s, m, 9)) == 2) {
			return Timeline{}, false
		}
	}
	if mo < 1 || mo > 12 || day < 1 || day > 31 {
		return Timeline{}, false
	}
	if !yearGiven {
		y = now.Year()
		end := time.Date(y, time.Month(mo), day+1, 0, 0, 0, 0, now.Location())
		if !end.After(now) {
			if now.Sub(end) < 61*24*time.Hour {
				return Timeline{}, false // just passed: a past event
			}
			y++
		}
	}
	if y < now.Year() || y > now.Year()+10 {
		return Timeline{}, false
	}
	end := time.Date(y, time.Month(mo), day+1, 0, 0, 0, 0, now.Location())
	if !end.After(now) {
		return Timeline{}, false
	}
	// A numeric date may be anything (a payment due, a delivery, a
	// reply deadline): purchase words around it lift it to an answer.
	conf := 0.4
	if prep == "" && tlLabelled(d, m[0]) {
		conf = 0.5 // "Go-live 15.3.", "Arranque: 15/03"
	}
	if prep != "" && prep != "on" && prep != "am" && prep != "le" && prep != "el" {
		conf = 0.45 // "on 15.10." is as often a meeting as a deadline
		if tlNotUntil(prep) || startsWithAny(prep, "by", "no later", "d'ici", "au plus tard", "sp", "a m", "zum", "per") {
			conf = 0.5 // a deadline ("vor dem 23.12.", "avant le 15/01") answers alone
		}
	}
	return tlByHorizon(now, end, conf), true
}

// tlRelX reads "in zwei Wochen", "dans 15 jours", "en dos semanas".
func tlRelX(d *doc, m []int, _ time.Time) (Timeline, bool) {
	s := d.lower
	n, ok := tlCountX(group(s, m, 2))
	if hi := group(s, m, 3); hi != "" {
		if h, okh := tlCountX(hi); okh {
			n, ok = h, true
		}
	}
	if !ok || n <= 0 || n > 1000 {
		return Timeline{}, false
	}
	unit := group(s, m, 4)
	var months float64
	switch {
	case strings.HasPrefix(unit, "tag") || strings.HasPrefix(unit, "jour") || strings.HasPrefix(unit, "d"):
		months = n / 30
	case strings.HasPrefix(unit, "woche") || strings.HasPrefix(unit, "semaine") || strings.HasPrefix(unit, "semana"):
		months = n / 4
	case strings.HasPrefix(unit, "mo") || strings.HasPrefix(unit, "me"):
		months = n
	default:
		months = n * 12
	}
	return Timeline{Months: months, Label: labelFor(months), Confidence: 0.55}, true
}

// tlCountX parses a count in digits or a tlNumWordsX word.
func tlCountX(s string) (float64, bool) {
	if v, ok := tlNumWordValues[s]; ok {
		return v, true
	}
	return countOf(s)
}

// tlComingX reads "in den kommenden Wochen": three weeks, or three months.
func tlComingX(d *doc, m []int, _ time.Time) (Timeline, bool) {
	unit := group(d.lower, m, 1)
	months := 3.0
	if strings.HasPrefix(unit, "woche") || strings.HasPrefix(unit, "semaine") || strings.HasPrefix(unit, "semana") {
		months = 0.75
	}
	return Timeline{Months: months, Label: labelFor(months), Confidence: 0.55}, true
}

// tlQuarterPrepX are German, French and Spanish words in front of a
// quarter ("bis Ende Q3", "d'ici la fin du T3", "antes del tercer trimestre").
const tlQuarterPrepX = `bis ende|bis anfang|bis mitte|bis sp(?:ä|ae|a)testens|sp(?:ä|ae|a)testens|bis zum|bis|ende|anfang|mitte|im|ab|noch im|im laufe des|w(?:ä|ae|a)hrend des|` +
	`d'ici la fin du|d'ici fin|d'ici le|d'ici|avant la fin du|avant le|avant fin|avant|fin du|fin|d[ée]but du|d[ée]but|au cours du|courant du|courant|pour le|pour|au|en|d[èe]s le|` +
	`antes de finales del|antes del final del|antes de fin de|antes del|antes de|a finales del|a principios del|a mediados del|finales del|para finales del|para el|para|durante el|en el|hasta el|hasta|desde el|a partir del`

// tlQuarterOrdX are spelled quarter ordinals in German, French and Spanish.
const tlQuarterOrdX = `erste[nms]?|zweite[nms]?|dritte[nms]?|vierte[nms]?|premier|1er|deuxi[èe]me|second|troisi[èe]me|quatri[èe]me|primer|primero|segundo|tercer|tercero|cuarto`

// tlQuarterIndex maps a spelled quarter ordinal (any language) to 0..3,
// or -1.
func tlQuarterIndex(w string) int {
	switch {
	case strings.HasPrefix(w, "fir") || strings.HasPrefix(w, "1") || strings.HasPrefix(w, "erst") ||
		strings.HasPrefix(w, "prem") || strings.HasPrefix(w, "prim"):
		return 0
	case strings.HasPrefix(w, "sec") || strings.HasPrefix(w, "2") || strings.HasPrefix(w, "zwei") ||
		strings.HasPrefix(w, "deux") || strings.HasPrefix(w, "seg"):
		return 1
	case strings.HasPrefix(w, "thi") || strings.HasPrefix(w, "3") || strings.HasPrefix(w, "drit") ||
		strings.HasPrefix(w, "troi") || strings.HasPrefix(w, "terc"):
		return 2
	case strings.HasPrefix(w, "fou") || strings.HasPrefix(w, "4") || strings.HasPrefix(w, "vier") ||
		strings.HasPrefix(w, "quat") || strings.HasPrefix(w, "cuar"):
		return 3
	}
	return -1
}

// tlMonthsXFound finds German, French and Spanish month dates after a
// preposition, laid out as (prep, day, month, year) for tlMonthX.
func tlMonthsXFound(d *doc) [][]int {
	var out [][]int
	for _, m := range tlMonthXRe.findAll(d) {
		mm := tlWithPrep(d, m, tlMonthXPrepRe)
		if mm[2] < 0 && m[0] >= 2 && d.lower[m[0]-2:m[0]] == "d'" {
			// "le SIAL d'octobre 2026": an elided "de", read as "de".
			mm[0], mm[2], mm[3] = m[0]-2, m[0]-2, m[0]-1
		}
		if mm[2] < 0 {
			continue // a bare "15 octobre" is tlBareDates' business
		}
		out = append(out, mm)
	}
	return out
}
