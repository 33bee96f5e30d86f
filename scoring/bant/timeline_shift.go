package bant

import (
	"regexp"
	"strings"
)

// Several purchase dates in one text: the horizon rule takes the latest
// (tlLatest), and a date the writer moved the plan to, or settled on
// after a first guess, beats the dates it replaces: "we wanted March,
// now it's autumn", "auf Herbst verschoben", "donc avant avril", "lo
// hemos pasado a octubre".

// tlShiftBeforeRe finds, just before a date, a verb that moves a plan
// (any inflection, a few words between), "now", or a conclusion ("so",
// "also", "donc", "o sea") that restates the date.
var tlShiftBeforeRe = regexp.MustCompile(`(?:^|[^\pL])(?:` +
	// Moved: en, de, fr, es.
	`(?:pushed|pushing|moved|moving|postponed|postponing|delayed|slipped|slipping|shifted|rescheduled|deferred|bumped|` +
	`verschoben|verschieben|verlegt|geschoben|gerutscht|rutscht|verz(?:ö|oe|o)gert|` +
	`report\pL*|d[ée]cal\pL*|repouss\pL*|gliss\pL*|` +
	`pasad[oa]|pasamos|movid[oa]|movimos|aplaz\pL*|pospu\pL*|pospon\pL*|retras\pL*|corri\pL*)(?:\s+\S+){0,3}|` +
	// Now, at last.
	`(?:now|jetzt|nun|inzwischen|mittlerweile|maintenant|d[ée]sormais|finalement|ahora|finalmente)(?:\s+\S+){0,4}|` +
	// A conclusion restating the date.
	`(?:so|i\.e\.|that is|meaning|also|d\.h\.|sprich|donc|soit|c'est-[àa]-dire|o sea|es decir|entonces)[,:]?(?:\s+\S+){0,1}` +
	`)\s+$`)

// tlShifted reports a date phrase at m that the writer moved the plan to
// or settled on. A date already read as someone else's (a meeting's, a
// quote's) stays so.
func tlShifted(d *doc, m []int) bool {
	lo := max(d.clauseStart(m[0]), m[0]-48)
	return tlShiftBeforeRe.MatchString(d.lower[lo:m[0]])
}

// tlOfBeforeRe finds "of", "de", "del" or "des" right before a date
// phrase, and the word before it.
var tlOfBeforeRe = regexp.MustCompile(`(\pL+)\s+(?:of|de|del|des|d')\s*$`)

// tlQualifiesEvent reports a date phrase that only says which event is
// meant ("avant le Black Friday de cette année", "the launch of next
// year"): not a purchase date of its own. "fin de cette année" and "a
// finales de este año" are dates.
func tlQualifiesEvent(d *doc, m []int) bool {
	g := tlOfBeforeRe.FindStringSubmatch(d.lower[max(d.clauseStart(m[0]), m[0]-32):m[0]])
	if g == nil {
		return false
	}
	w := g[1]
	for _, p := range []string{"fin", "final", "end", "ende", "mitte", "mediado", "principio", "début", "debut", "start", "beginning", "middle", "anfang", "course", "courant", "cours", "lo largo"} {
		if strings.HasPrefix(w, p) {
			return false
		}
	}
	return true
}
