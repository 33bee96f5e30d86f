package bant

import (
	"regexp"
	"strings"
)

// Dated phrases built around digits (years, numeric dates, "15 octobre")
// are found from their digits, not by large expressions: the preposition
// in front is read afterwards from a short window. A regular expression
// that starts with an alternation of forty prepositions in four languages
// falls back to regexp's slow NFA on every clause holding a number.

var (
	// tlYearCoreRe, tlNumDateCoreRe: the digits alone.
	tlYearCoreRe   = mustPattern(`\b20\d\d\b`)
	tlNumDateTokRe = regexp.MustCompile(`^(?:(20\d\d)-(\d\d)-(\d\d)|(\d{1,2})/(\d{1,2})(?:/(20\d\d|\d\d))?|(\d{1,2})\.(\d{1,2})(?:\.(20\d\d))?)`)

	// Prepositions read just before the digits, anchored at the end.
	tlYearPrepRe    = regexp.MustCompile(`(?:^|[^\pL'])(for the|en vue de|with a view to|im hinblick auf|de cara a|con vistas a|by|before|in|until|till|during|for|early|mid|late|end of|the end of|by the end of|start of|beginning of|within|bis ende|bis|ende|anfang|mitte|im jahr|im jahre|im laufe|(?:im laufe|w(?:ä|ae|a)hrend|ende|anfang|mitte|bis ende) des jahres|(?:in |during |over )?the course of the year|(?:over|during|by the end of|end of|the end of) the year|(?:au cours|dans le courant|courant|fin|d'ici la fin|avant la fin) de l'ann[ée]e|(?:a lo largo|en el transcurso|durante el transcurso|a finales|antes de finales|antes de fin|para finales) del a(?:ñ|n)o|d'ici fin|d'ici la fin|d'ici|jusqu'en|jusqu'[àa] (?:la )?fin|jusqu'[àa]|hasta (?:finales|fin) de|hasta|avant fin|avant la fin|avant|pour|vor|f(?:ü|ue|u)r|fin|d[ée]but|courant|en|para finales de|antes de finales de|antes de fin de|a finales de|a principios de|a mediados de|antes de|para|durante)\s+$`)
	tlNumDatePrepRe = regexp.MustCompile(`(?:^|[^\pL'])(by|before|until|till|on|no later than|bis zum|bis|zum|vor dem|am|ab dem|sp(?:ä|ae|a)testens(?: am| zum| bis)?|avant le|d'ici le|pour le|le|jusqu'au|au plus tard le|antes del|para el|hasta el|el|a m[áa]s tardar el)\s+$`)
)

// tlPrepWindow is how far before the digits a preposition is looked for.
const tlPrepWindow = 32

// tlWithPrep prepends the preposition that prepRe finds right before m to
// m's groups: the result is laid out as the expression "(prep)\s+core"
// would have matched it, starting at the preposition when there is one.
func tlWithPrep(d *doc, m []int, prepRe *regexp.Regexp) []int {
	lo := max(d.clauseStart(m[0]), m[0]-tlPrepWindow)
	out := make([]int, 0, len(m)+2)
	out = append(out, m[0], m[1], -1, -1)
	if p := prepRe.FindStringSubmatchIndex(d.lower[lo:m[0]]); p != nil {
		out[0], out[2], out[3] = lo+p[2], lo+p[2], lo+p[3]
	}
	return append(out, m[2:]...)
}

// tlYears finds "in 2027", "bis Ende 2026", "d'ici 2027": a year after a
// preposition, laid out as yearRe's (prep, year) groups.
func tlYears(d *doc) [][]int {
	var out [][]int
	for _, m := range tlYearCoreRe.findAll(d) {
		mm := tlWithPrep(d, []int{m[0], m[1], m[0], m[1]}, tlYearPrepRe)
		if mm[2] < 0 && !tlEarliest(d, m) && !tlSchoolYearAround(d, m) && !tlNotBeforeRe.MatchString(d.lower[max(d.clauseStart(m[0]), m[0]-40):m[0]]) &&
			!tlYearOrYearRe.MatchString(d.lower[m[1]:min(len(d.lower), m[1]+12)]) && !tlYearOrYearBeforeRe.MatchString(d.lower[max(0, m[0]-12):m[0]]) {
			continue // a bare year is a founding date or a budget's
		}
		out = append(out, mm)
	}
	return out
}

// tlNotBeforeRe finds "not before" a few words ahead of a year ("nicht
// vor dem Doppelhaushalt 2028/29", "not before the 2028 budget", "pas
// avant l'exercice 2028", "no antes del presupuesto de 2028"): the year is
// a date the writer names, read by its horizon.
var tlNotBeforeRe = regexp.MustCompile(`(?:^|[^\pL])(?:nicht|not|pas|no)\s+(?:\S+\s+)?(?:vor|before|avant|antes)(?:\s+\S+){0,3}\s+$`)

// tlYearOrYearRe and tlYearOrYearBeforeRe find a choice of years ("2026
// oder 2027", "2026 or 2027", "2026 ou 2027", "2026 o 2027"): the writer
// names the years they may buy in, the latest is the horizon.
var (
	tlYearOrYearRe       = regexp.MustCompile(`^\s*(?:oder|or|ou|o|bzw\.?)\s+20\d\d\b`)
	tlYearOrYearBeforeRe = regexp.MustCompile(`\b20\d\d\s+(?:oder|or|ou|o|bzw\.?)\s+$`)
)

// tlNumDates finds numeric dates with an optional preposition, laid out
// as (prep, iso year, month, day, a, b, year, day, month, year).
func tlNumDates(d *doc) [][]int {
	s := d.lower
	var out [][]int
	for i := 1; i+1 < len(s); i++ {
		c := s[i]
		if c != '/' && c != '.' && c != '-' || !isDigit(s[i-1]) || !isDigit(s[i+1]) {
			continue
		}
		a := i - 1
		for a > 0 && isDigit(s[a-1]) {
			a--
		}
		b := i + 1
		for b < len(s) && (isDigit(s[b]) || s[b] == '/' || s[b] == '.' || s[b] == '-') {
			b++
		}
		if a > 0 && (isWordByte(s[a-1]) || s[a-1] == '.' || s[a-1] == '/' || s[a-1] == '-') {
			i = b
			continue // "v2.1", "a-15/10"
		}
		m := tlNumDateTokRe.FindStringSubmatchIndex(s[a:b])
		i = b
		if m == nil || a+m[1] < len(s) && isWordByte(s[a+m[1]]) {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += a
			}
		}
		out = append(out, tlWithPrep(d, m, tlNumDatePrepRe))
	}
	return out
}

// tlBareDates finds a day next to a month name with no preposition, laid
// out as (month, day) or (day, month) plus year: "15 octobre", "15th of
// March", "15 de octubre", "Oct 15", "March 15th".
func tlBareDates(d *doc) [][]int {
	s := d.lower
	var out [][]int
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || i > 0 && (isWordByte(s[i-1]) || s[i-1] == '.' || s[i-1] == ',' || s[i-1] == '/') {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i > 2 {
			i = j
			continue
		}
		digits := j
		for _, suf := range []string{"st", "nd", "rd", "th", "er", "."} {
			if strings.HasPrefix(s[j:], suf) {
				j += len(suf)
				break
			}
		}
		if j < len(s) && isWordByte(s[j]) {
			i = j
			continue
		}
		// "15 octobre", "15th of March", "15 de octubre"
		if j < len(s) && s[j] == ' ' {
			k := j + 1
			for _, p := range []string{"of ", "de "} {
				if strings.HasPrefix(s[k:], p) {
					k += len(p)
				}
			}
			if ws, we, ok := tlMonthWordAt(s, k); ok {
				m := []int{i, we, -1, -1, -1, -1, i, digits, ws, we, -1, -1}
				if ys, ye, ok := tlYearAfter(s, we); ok {
					m[1], m[10], m[11] = ye, ys, ye
				}
				out = append(out, m)
				i = j
				continue
			}
		}
		// "Oct 15", "March 15th"
		if ws, we, ok := tlMonthWordBefore(s, i); ok {
			m := []int{ws, j, ws, we, i, digits, -1, -1, -1, -1, -1, -1}
			if ys, ye, ok := tlYearAfter(s, j); ok {
				m[1], m[10], m[11] = ye, ys, ye
			}
			out = append(out, m)
		}
		i = j
	}
	return out
}

// tlMonthWordAt reports a month name (any language) starting at k.
func tlMonthWordAt(s string, k int) (start, end int, ok bool) {
	e := k
	for e < len(s) && (s[e] >= 'a' && s[e] <= 'z' || s[e] >= 0x80) {
		e++
	}
	if e == k || e-k > 12 {
		return 0, 0, false
	}
	w := s[k:e]
	if _, ok := monthNames[w]; ok {
		return k, e, true
	}
	if _, ok := tlMonthsX[w]; ok {
		return k, e, true
	}
	return 0, 0, false
}

// tlMonthWordBefore reports an English month name (with an optional
// period) and a space just before i.
func tlMonthWordBefore(s string, i int) (start, end int, ok bool) {
	if i < 2 || s[i-1] != ' ' {
		return 0, 0, false
	}
	e := i - 1
	if s[e-1] == '.' {
		e--
	}
	b := e
	for b > 0 && s[b-1] >= 'a' && s[b-1] <= 'z' {
		b--
	}
	if b == e || b > 0 && isWordByte(s[b-1]) {
		return 0, 0, false
	}
	if _, ok := monthNames[s[b:e]]; !ok {
		return 0, 0, false
	}
	return b, e, true
}

// tlYearAfter reports a year ("2027", ", 2027", " de 2027") right after p.
func tlYearAfter(s string, p int) (start, end int, ok bool) {
	k := p
	if strings.HasPrefix(s[k:], ",") {
		k++
	}
	if !strings.HasPrefix(s[k:], " ") {
		return 0, 0, false
	}
	k++
	if strings.HasPrefix(s[k:], "de ") {
		k += 3
	}
	if k+4 <= len(s) && s[k] == '2' && s[k+1] == '0' && isDigit(s[k+2]) && isDigit(s[k+3]) &&
		(k+4 == len(s) || !isWordByte(s[k+4])) {
		return k, k + 4, true
	}
	return 0, 0, false
}

// tlSchoolYearLabelRe finds a school year named by its year ("the 2028
// school year", "Schuljahr 2028/29", "année scolaire 2027-2028", "curso
// 2027-28").
var (
	tlSchoolYearBeforeRe = regexp.MustCompile(`(?:schuljahr|school year|academic year|ann[ée]e scolaire|curso|a(?:ñ|n)o escolar|ciclo escolar)\s+$`)
	tlSchoolYearAfterRe  = regexp.MustCompile(`^(?:[/-]\d{2,4})?\s+(?:school|academic) year`)
)

// tlSchoolYearAround reports a year that names a school year.
func tlSchoolYearAround(d *doc, m []int) bool {
	return tlSchoolYearBeforeRe.MatchString(d.lower[max(0, m[0]-24):m[0]]) ||
		tlSchoolYearAfterRe.MatchString(d.lower[m[1]:min(len(d.lower), m[1]+24)])
}
