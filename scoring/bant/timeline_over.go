package bant

import (
	"strings"
	"time"
)

// tlMonthOverRe: a month that must not be over yet, the month's end as
// the deadline: "bevor der Oktober rum ist", "ehe der März vorbei ist",
// "before October is out", "avant que octobre ne se termine", "antes de
// que acabe octubre", "antes de que termine el mes de octubre".
var tlMonthOverRe = mustPattern(`\b(?:bevor|ehe|before|avant que|avant qu'|antes de que)\s+(?:der |the |le mois d'|le mois de |l'|el mes de |el mes d')?(` + tlMonthXPat + `|` + monthPat + `)\s+(?:(?:rum|um|vorbei|vor(?:ü|ue|u)ber|zu ende|herum)\s+ist|is (?:out|over|up|done|through)|ends|ne (?:se )?(?:termine|finisse|soit (?:finie?|termin(?:é|e)e?|pass(?:é|e)e?))|(?:ne )?(?:se )?(?:termine|finisse))(?:[^\pL]|$)` +
	`|\b(?:antes de que|avant que|avant qu')\s+(?:acabe|termine|finalice|se acabe|se termine|finisse|se termine|s'ach[èe]ve)\s+(?:el mes de |le mois d'|le mois de )?(` + tlMonthXPat + `|` + monthPat + `)\b`)

// tlMonthOver reads tlMonthOverRe as the named month's end.
func tlMonthOver(d *doc, m []int, now time.Time) (Timeline, bool) {
	name := group(d.lower, m, 1)
	if name == "" {
		name = group(d.lower, m, 2)
	}
	mo := tlMonthOf(strings.TrimSpace(name))
	if mo == 0 {
		mo = monthNames[name]
	}
	if mo == 0 {
		return Timeline{}, false
	}
	return tlDatedMonth(now, mo, "", "", "end", true, 0.55)
}

// tlMonthRangeRe: a span of months, whose last month's end is the
// horizon: "zwischen Oktober und November", "von Oktober bis November",
// "between October and November", "from October to November", "entre
// octobre et novembre", "d'octobre à novembre", "entre octubre y
// noviembre", "de octubre a noviembre".
var tlMonthRangeRe = mustPattern(`\b(?:zwischen|between|entre|von|from|d'|de|du mois d'|del mes de)\s*(?:dem |le |el |la |the )?(?:(?:anfang|mitte|ende|early|mid|late|d[ée]but|fin|principios de|mediados de|finales de)\s+)?(?:\d{1,2}\.?\s+(?:de\s+)?)?(` + tlMonthXPat + `|` + monthPat + `)\s+(?:and|und|bis|to|through|till|until|et|à|au|y|a|hasta)\s+(?:(?:zum|dem|le|el|la|the|fin|ende|end of|late|finales de|fin de)\s+)*(?:\d{1,2}\.?\s+(?:de\s+)?)?(` + tlMonthXPat + `|` + monthPat + `)\b`)

// tlMonthRange reads tlMonthRangeRe as the end of its last month; a span
// whose first month has passed is next year's.
func tlMonthRange(d *doc, m []int, now time.Time) (Timeline, bool) {
	first, last := tlMonthOf(group(d.lower, m, 1)), tlMonthOf(group(d.lower, m, 2))
	if first == 0 || last == 0 {
		return Timeline{}, false
	}
	y := now.Year()
	if first < now.Month() {
		if !tlIntentAround(d, m) {
			return Timeline{}, false // "de mars à mai nous avons testé": the past
		}
		y++
	}
	if last < first {
		y++ // "von November bis Februar"
	}
	end := time.Date(y, last+1, 1, 0, 0, 0, 0, now.Location()).Add(-time.Nanosecond)
	return tlByHorizon(now, end, 0.6), true
}
