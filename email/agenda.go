package email

import (
	"net/url"
	"strconv"
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

// agendaWords are an agenda's sentences in one language. A %s stands for
// the lead's words (need, or a timeline no phrase matched, both quoted)
// or a timeline phrase. English has two audiences (englishAgenda): rep
// email and the deal page are written in English, in the third person.
type agendaWords struct {
	needQuoted, needUrgent, needUnknown string
	// timeline reads a timeline phrase (TimelinePhraseIn), timelineWords
	// quotes the lead's own words that no phrase matched, timelineUnknown
	// asks.
	timeline, timelineWords, timelineUnknown string
	decides, signsOff, whoDecides            string
	demo, next                               string
}

// agendaLanguages hold the agenda in every language lead-facing email is
// written in; English is built by englishAgenda (it has two audiences).
// Quotes are each language's own („…“, « … », «…»); French puts a
// no-break space before a colon or semicolon, as its translated templates
// do.
var agendaLanguages = map[string]agendaWords{
	LangGerman: {
		needQuoted:      "Bedarf und Herausforderungen: „%s“ – und wie ein gutes Ergebnis aussieht",
		needUrgent:      "Bedarf und Herausforderungen: was die Sache dringend macht und wie ein gutes Ergebnis aussieht",
		needUnknown:     "Bedarf und Herausforderungen: was den Anstoß zur Suche gegeben hat und wie ein gutes Ergebnis aussieht",
		timeline:        "Zeitplan: Sie möchten %s starten; was bis dahin geschehen muss",
		timelineWords:   "Zeitplan: „%s“ – und was bis dahin geschehen muss",
		timelineUnknown: "Zeitplan: wann Sie starten möchten und wovon es abhängt",
		decides:         "Entscheidung: Sie entscheiden; wer sonst noch beteiligt sein sollte",
		signsOff:        "Entscheidung: wer zustimmen muss und wie wir diese Person früh einbeziehen",
		whoDecides:      "Entscheidung: wer entscheidet und wer sonst noch beteiligt sein sollte",
		demo:            "Eine kurze Demo der Teile, die für Ihr Team wichtig sind",
		next:            "Die nächsten Schritte",
	},
	LangFrench: {
		needQuoted:      "Besoins et difficultés\u00a0: «\u00a0%s\u00a0», et ce à quoi ressemblerait un bon résultat",
		needUrgent:      "Besoins et difficultés\u00a0: ce qui rend le sujet urgent, et ce à quoi ressemblerait un bon résultat",
		needUnknown:     "Besoins et difficultés\u00a0: ce qui a motivé la recherche, et ce à quoi ressemblerait un bon résultat",
		timeline:        "Calendrier\u00a0: vous souhaitez démarrer %s\u00a0; ce qui doit être fait d'ici là",
		timelineWords:   "Calendrier\u00a0: «\u00a0%s\u00a0», et ce qui doit être fait d'ici là",
		timelineUnknown: "Calendrier\u00a0: quand vous souhaitez démarrer, et de quoi cela dépend",
		decides:         "Décision\u00a0: c'est vous qui décidez\u00a0; qui d'autre devrait être impliqué",
		signsOff:        "Décision\u00a0: qui valide, et comment l'impliquer dès le début",
		whoDecides:      "Décision\u00a0: qui prend la décision, et qui d'autre devrait être impliqué",
		demo:            "Une courte démo des fonctions qui comptent pour votre équipe",
		next:            "Les prochaines étapes",
	},
	LangSpanish: {
		needQuoted:      "Necesidades y problemas: «%s», y cómo sería un buen resultado",
		needUrgent:      "Necesidades y problemas: qué lo hace urgente y cómo sería un buen resultado",
		needUnknown:     "Necesidades y problemas: qué les llevó a buscar una solución y cómo sería un buen resultado",
		timeline:        "Plazos: le gustaría empezar %s; qué tiene que ocurrir antes",
		timelineWords:   "Plazos: «%s», y qué tiene que ocurrir antes",
		timelineUnknown: "Plazos: cuándo le gustaría empezar y de qué depende",
		decides:         "Quién decide: usted toma la decisión; quién más debería participar",
		signsOff:        "Quién decide: quién da el visto bueno y cómo contar con esa persona desde el principio",
		whoDecides:      "Quién decide: quién toma la decisión y quién más debería participar",
		demo:            "Una breve demostración de lo que más le interesa a su equipo",
		next:            "Próximos pasos",
	},
}

// englishAgenda is the English agenda: "you" for the lead, "they" for the
// rep.
func englishAgenda(audience string) agendaWords {
	you, your := "you", "your"
	if audience == AudienceRep {
		you, your = "they", "their"
	}
	return agendaWords{
		needQuoted:      "Need and pains: \u201c%s\u201d, and what a good outcome looks like",
		needUrgent:      "Need and pains: what makes this urgent, and what a good outcome looks like",
		needUnknown:     "Need and pains: what prompted the search, and what a good outcome looks like",
		timeline:        "Timeline: " + you + " would like to start %s; what has to happen before then",
		timelineWords:   "Timeline: \u201c%s\u201d, and what has to happen before then",
		timelineUnknown: "Timeline: when " + you + " would like to start, and what it depends on",
		decides:         "Who decides: " + you + " make the call; who else should be involved",
		signsOff:        "Who decides: who signs off, and how to bring them in early",
		whoDecides:      "Who decides: who makes the call, and who else should be involved",
		demo:            "A short demo of the parts that matter to " + your + " team",
		next:            "Next steps",
	}
}

// Agenda is the first meeting's agenda, built from what the lead told us:
// their need and pains (in their words when we have them), their timeline
// and who decides. It is the one builder of that agenda: the Initial
// contact email (AudienceLead), the rep's notification and the deal page
// (AudienceRep) all list these items, topic for topic, so the rep walks in
// with the agenda the lead was sent. Every item reads well with any field
// missing: a topic with nothing known is asked about, never shown empty.
//
// The lead's agenda is in the language d was cleaned for (Render cleans
// it for the template it renders: the lead's language when the template
// has that translation); the rep's is in English, the language of rep
// email and the web app. d must be cleaned (Render does it), or come from
// AgendaOf or AgendaIn.
func Agenda(d Data, audience string) []string {
	w, ok := agendaLanguages[d.lang]
	if !ok || audience == AudienceRep {
		w = englishAgenda(audience)
	}
	var items []string
	switch {
	case d.Need != "":
		items = append(items, strings.Replace(w.needQuoted, "%s", d.Need, 1))
	case d.NeedLevel == NeedUrgent:
		items = append(items, w.needUrgent)
	default:
		items = append(items, w.needUnknown)
	}
	switch {
	case d.Timeline == "":
		items = append(items, w.timelineUnknown)
	case d.timelineWords:
		items = append(items, strings.Replace(w.timelineWords, "%s", d.Timeline, 1))
	default:
		items = append(items, strings.Replace(w.timeline, "%s", d.Timeline, 1))
	}
	switch d.Authority {
	case AuthorityDecisionMaker:
		items = append(items, w.decides)
	case AuthorityInfluencer, AuthorityDefers:
		items = append(items, w.signsOff)
	default:
		items = append(items, w.whoDecides)
	}
	return append(items, w.demo, w.next)
}

// AgendaOf is Agenda in English for data that was not rendered (the web
// app's deal page): it cleans d as Render would, then builds the agenda.
func AgendaOf(d Data, audience string) []string {
	return Agenda(d.cleaned(LangEnglish), audience)
}

// AgendaIn is the lead's agenda in lang (LangEnglish, LangGerman,
// LangFrench, LangSpanish; another language gets English) for data that
// was not rendered: the invitation's description in the language of the
// email it is attached to.
func AgendaIn(lang string, d Data) []string {
	if _, ok := agendaLanguages[lang]; !ok {
		lang = LangEnglish
	}
	return Agenda(d.cleaned(lang), AudienceLead)
}

// invitationWords are an invitation's title (with and without the rep's
// name) and the heading of its description, by language.
var invitationWords = map[string]struct{ with, alone, agenda string }{
	LangEnglish: {with: "Call with %s", alone: "Call", agenda: "Agenda:"},
	LangGerman:  {with: "Gespräch mit %s", alone: "Gespräch", agenda: "Agenda:"},
	LangFrench:  {with: "Échange avec %s", alone: "Échange", agenda: "Ordre du jour\u00a0:"},
	LangSpanish: {with: "Llamada con %s", alone: "Llamada", agenda: "Orden del día:"},
}

// InvitationText is the title (SUMMARY) and description (DESCRIPTION) of
// the meeting invitation attached to an email written in lang (see
// Templates.Language): "Gespräch mit Ann Rep", and the numbered agenda the
// email lists, under a heading in the same language.
func InvitationText(lang string, d Data) (summary, description string) {
	w, ok := invitationWords[lang]
	if !ok {
		lang, w = LangEnglish, invitationWords[LangEnglish]
	}
	summary = w.alone
	if rep := SingleLine(d.Rep.Name, 0); rep != "" {
		summary = strings.Replace(w.with, "%s", rep, 1)
	}
	lines := []string{w.agenda}
	for i, item := range AgendaIn(lang, d) {
		lines = append(lines, strconv.Itoa(i+1)+". "+item)
	}
	return summary, strings.Join(lines, "\n")
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

// meetingTime writes a meeting's time for the email's reader in English,
// in UTC (the attached invitation carries the exact instant, and calendar
// clients show it in the reader's zone): "Wednesday 4 March, 14:30 UTC".
// Templates written before translations had a meeting call it; they call
// meetingWhen now.
func meetingTime(t time.Time) string {
	return meetingTimeIn(LangEnglish, t)
}

// dateNames are weekday (Sunday first) and month names by language.
var dateNames = map[string]struct{ days, months []string }{
	LangGerman: {
		days:   []string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
		months: []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	},
	LangFrench: {
		days:   []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
		months: []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	},
	LangSpanish: {
		days:   []string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
		months: []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	},
}

// meetingTimeIn writes a meeting's time in UTC the way lang writes a date
// and hour, to read after the language's preposition for "on/at":
// "Wednesday 4 March, 14:30 UTC", "Mittwoch, 4. März, 14:30 Uhr (UTC)",
// "mercredi 4 mars à 9 h 30 (UTC)", "miércoles 4 de marzo a las 14:30
// (UTC)". "" for the zero time.
func meetingTimeIn(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	names, ok := dateNames[lang]
	if !ok {
		return t.Format("Monday 2 January, 15:04 UTC")
	}
	day, month, d := names.days[t.Weekday()], names.months[t.Month()-1], strconv.Itoa(t.Day())
	switch lang {
	case LangGerman:
		return day + ", " + d + ". " + month + ", " + t.Format("15:04") + " Uhr (UTC)"
	case LangFrench:
		if d == "1" {
			d = "1er"
		}
		return day + " " + d + " " + month + " à " + strconv.Itoa(t.Hour()) + "\u00a0h\u00a0" + t.Format("04") + " (UTC)"
	default:
		return day + " " + d + " de " + month + " a las " + t.Format("15:04") + " (UTC)"
	}
}
