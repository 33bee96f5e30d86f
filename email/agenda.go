package email

import (
	"net/url"
	"strings"
	"time"
)

// Authority levels a Data.Authority may hold: who decides, as the score
// read it from the lead's form or words (scoring's authority answers).
const (
	AuthorityDecisionMaker = "decision_maker"
	AuthorityInfluencer    = "influencer"
	AuthorityDefers        = "defers"
	AuthorityUser          = "user"
)

// Audiences of an agenda: the lead reads "you", the rep reads "they".
const (
	AudienceLead = "lead"
	AudienceRep  = "rep"
)

// Agenda is the first meeting's agenda, built from what the lead told us:
// their need and pains (in their words when we have them), their timeline
// and who decides. It is the one builder of that agenda: the Initial
// contact email (AudienceLead), the rep's notification and the deal page
// (AudienceRep) all list these items, so the rep walks in with the agenda
// the lead was sent. Every item reads well with any field missing: a
// topic with nothing known is asked about, never shown empty. d must be
// cleaned (Render does it), or come from AgendaOf.
func Agenda(d Data, audience string) []string {
	you, your := "you", "your"
	if audience == AudienceRep {
		you, your = "they", "their"
	}
	var items []string
	// Need and pains.
	switch {
	case d.Need != "":
		items = append(items, "Need and pains: \u201c"+d.Need+"\u201d, and what a good outcome looks like")
	case d.NeedLevel == NeedUrgent:
		items = append(items, "Need and pains: what makes this urgent, and what a good outcome looks like")
	default:
		items = append(items, "Need and pains: what prompted the search, and what a good outcome looks like")
	}
	// Timeline.
	if d.Timeline != "" {
		items = append(items, "Timeline: "+you+" would like to start "+d.Timeline+"; what has to happen before then")
	} else {
		items = append(items, "Timeline: when "+you+" would like to start, and what it depends on")
	}
	// Who decides.
	switch d.Authority {
	case AuthorityDecisionMaker:
		items = append(items, "Who decides: "+you+" make the call; who else should be involved")
	case AuthorityInfluencer, AuthorityDefers:
		items = append(items, "Who decides: who signs off, and how to bring them in early")
	default:
		items = append(items, "Who decides: who makes the call, and who else should be involved")
	}
	items = append(items, "A short demo of the parts that matter to "+your+" team", "Next steps")
	return items
}

// AgendaOf is Agenda for data that was not rendered (the web app's deal
// page): it cleans d as Render would, then builds the agenda.
func AgendaOf(d Data, audience string) []string {
	return Agenda(d.cleaned(LangEnglish), audience)
}

// bookingURL returns s when it is an https link safe to put in an email,
// "" otherwise: a booking link goes to the lead as a link, and a
// javascript: or http: one must never.
func bookingURL(s string) string {
	s = SingleLine(s, 0)
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" || strings.ContainsAny(s, " <>\"") {
		return ""
	}
	return s
}

// meetingTime writes a meeting's time for the email's reader, in UTC
// (the attached invitation carries the exact instant, and calendar
// clients show it in the reader's zone): "Wednesday 4 March, 14:30 UTC".
func meetingTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("Monday 2 January, 15:04 UTC")
}
