package bant

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// tlWeekNumRe: a calendar week by number, as German, Dutch and Nordic
// planners write it and others copy: "ab KW 10", "bis KW12", "in
// Kalenderwoche 14", "semaine 10", "en la semana 12", "by week 14", "CW
// 22". Only "KW"/"CW"/"Kalenderwoche" stand alone; "week"/"semaine"/
// "semana" need a preposition of a deadline or start, since "in week 2
// of the onboarding" is no date.
var (
	tlWeekNumRe = regexp.MustCompile(`(kw|cw|kalenderwoche|calendar week|week|wk|semaine|semana)\s*\.?\s*(\d{1,2})(?:$|[^\pL\d])`)
	// tlWeekOrdRe is the German ordinal form: "in der 14. KW", "ab der
	// 20. Kalenderwoche" (group 1 the week number).
	tlWeekOrdRe = regexp.MustCompile(`(?:^|[^\pL\d.])(\d{1,2})\.\s*(?:kw|kalenderwoche)(?:$|[^\pL])`)
	// tlWeekPrepRe is the preposition a "week"/"semaine"/"semana" needs.
	tlWeekPrepRe = regexp.MustCompile(`(?:^|[^\pL])(?:by|from|before|until|starting|d[èe]s la|d'ici la|à partir de la|avant la|desde la|hasta la|antes de la|a partir de la)\s+$`)
)

// tlWeekHints are substrings one of which every tlWeekNumRe match holds:
// most texts have none and skip the expression.
var tlWeekHints = []string{"kw", "cw", "woche", "week", "wk", "semaine", "semana"}

// tlWeekNums finds tlWeekNumRe's matches as rule matches (group 1 the
// week number).
func tlWeekNums(d *doc) [][]int {
	hit := false
	for _, h := range tlWeekHints {
		if strings.Contains(d.lower, h) {
			hit = true
			break
		}
	}
	if !hit {
		return nil
	}
	var out [][]int
	for _, m := range tlWeekNumRe.FindAllStringSubmatchIndex(d.lower, -1) {
		if m[2] > 0 && tlLetterAt(d.lower, m[2]-1) {
			continue // "kw" inside a word
		}
		switch d.lower[m[2]:m[3]] {
		case "week", "wk", "semaine", "semana":
			if !tlWeekPrepRe.MatchString(d.lower[max(0, m[2]-24):m[2]]) {
				continue
			}
		}
		out = append(out, []int{m[0], m[1], m[4], m[5]})
	}
	for _, m := range tlWeekOrdRe.FindAllStringSubmatchIndex(d.lower, -1) {
		out = append(out, []int{m[2], m[1], m[2], m[3]})
	}
	return out
}

// tlWeekNum reads a calendar week as the end of that ISO week, this year
// or, for a week already past, next year.
func tlWeekNum(d *doc, m []int, now time.Time) (Timeline, bool) {
	w, err := strconv.Atoi(d.lower[m[2]:m[3]])
	if err != nil || w < 1 || w > 53 {
		return Timeline{}, false
	}
	end := tlISOWeekEnd(now.Year(), w, now.Location())
	if end.Before(now) {
		end = tlISOWeekEnd(now.Year()+1, w, now.Location())
	}
	return tlByHorizon(now, end, 0.6), true
}

// tlISOWeekEnd is the day after the Sunday of ISO week w of year y.
func tlISOWeekEnd(y, w int, loc *time.Location) time.Time {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, loc)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	return monday.AddDate(0, 0, 7*w)
}

// tlWeekOfMonthRe: a week named by its place in a month, "the first week
// of June", "in der ersten Juniwoche", "erste Woche im Juni", "la
// première semaine de juin", "la primera semana de junio"; group 1 the
// ordinal, group 2 the month (either order of month and week noun).
var tlWeekOfMonthRe = regexp.MustCompile(`(?:^|[^\pL])(first|1st|second|2nd|third|3rd|fourth|4th|last|erste[nmr]?|zweite[nmr]?|dritte[nmr]?|vierte[nmr]?|letzte[nmr]?|premi[èe]re|deuxi[èe]me|seconde|troisi[èe]me|quatri[èe]me|derni[èe]re|primera|segunda|tercera|cuarta|[úu]ltima)\s+(?:week (?:of|in)|woche (?:im|in|des)|semaine (?:de|d'|du mois de)|semana (?:de|del mes de))\s*(\pL+)|(?:^|[^\pL])(erste[nmr]?|zweite[nmr]?|dritte[nmr]?|vierte[nmr]?|letzte[nmr]?)\s+(\pL+?)woche`)

// tlWeeksOfMonth finds tlWeekOfMonthRe's matches whose month word is a
// month, laid out as (ordinal, month).
func tlWeeksOfMonth(d *doc) [][]int {
	if !strings.Contains(d.lower, "week") && !strings.Contains(d.lower, "woche") && !strings.Contains(d.lower, "semaine") && !strings.Contains(d.lower, "semana") {
		return nil
	}
	var out [][]int
	for _, m := range tlWeekOfMonthRe.FindAllStringSubmatchIndex(d.lower, -1) {
		o, n := 2, 4
		if m[2] < 0 {
			o, n = 6, 8
		}
		if tlMonthOf(d.lower[m[n]:m[n+1]]) == 0 {
			continue
		}
		out = append(out, []int{m[o], m[n+1], m[o], m[o+1], m[n], m[n+1]})
	}
	return out
}

// tlMonthOf is the month a name or abbreviation stands for in any of the
// four languages, or 0.
func tlMonthOf(w string) time.Month {
	if mo, ok := monthNames[w]; ok && len(w) > 3 {
		return mo
	}
	return tlMonthsX[w]
}

// tlWeekOfMonth reads the n-th week of a month as that month's 7n-th day
// (the last week as its end).
func tlWeekOfMonth(d *doc, m []int, now time.Time) (Timeline, bool) {
	ord, name := group(d.lower, m, 1), group(d.lower, m, 2)
	mo := tlMonthOf(name)
	if mo == 0 {
		return Timeline{}, false
	}
	day := "7"
	switch {
	case startsWithAny(ord, "sec", "2nd", "zwei", "deux", "segu"):
		day = "14"
	case startsWithAny(ord, "thi", "3rd", "drit", "trois", "terc"):
		day = "21"
	case startsWithAny(ord, "fou", "4th", "vier", "quat", "cuar"):
		day = "28"
	case startsWithAny(ord, "last", "letzt", "dern", "últ", "ult"):
		day = ""
	}
	return tlDatedMonth(now, mo, day, "", "end", mo >= now.Month() || tlIntentAround(d, m), tlMonthConf)
}
