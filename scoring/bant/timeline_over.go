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
