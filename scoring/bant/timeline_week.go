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
