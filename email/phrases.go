package email

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"leadflow/lead"
)

// This file is the one home of the words customers and reps read in place of
// internal values: qualification answer codes ("this_quarter",
// "exploring"), stage and campaign slugs, and names typed in the wrong
// case. The answer vocabulary is scoring's (scoring/facts.go and
// scoring/bant); the email package may not import scoring, so
// phrases_test.go checks these tables against its constants.

// Need levels: what a need answer says about priority. A need answer is a
// level, never a topic, so templates must not put it after "about".
const (
	NeedUrgent    = "urgent"
	NeedImportant = "important"
	NeedExploring = "exploring"
)

// needLevels maps every need answer scoring understands to its level.
var needLevels = map[string]string{
	"urgent": NeedUrgent, "critical": NeedUrgent, "high": NeedUrgent,
	"important": NeedImportant, "medium": NeedImportant, "yes": NeedImportant,
	"exploring": NeedExploring, "just_exploring": NeedExploring, "low": NeedExploring,
	"nice_to_have": NeedExploring, "curious": NeedExploring, "none": NeedExploring,
	"no": NeedExploring, "no_need": NeedExploring,
}

// timelinePhrases maps every timeline answer scoring understands to words
// that read after "get started" ("get started this quarter"). An empty
// phrase means the answer names no date, and the clause is dropped.
var timelinePhrases = map[string]string{
	"asap": "as soon as possible", "immediately": "as soon as possible", "now": "as soon as possible",
	"this_week": "this week", "this_month": "this month", "within_a_month": "within a month",
	"next_month": "next month", "this_quarter": "this quarter", "next_quarter": "next quarter",
	"this_year": "this year", "within_a_year": "within a year", "next_year": "next year",
	"later": "", "no_timeline": "", "not_sure": "", "none": "",
	"researching": "", "just_researching": "", "just_looking": "", "just_browsing": "",
}

// timelineCountRe reads a timeline answer given as a count of units after
// lead.AnswerKey ("3_months", "within_6_months", "1_3_months").
var timelineCountRe = regexp.MustCompile(`^(?:within_|in_)?(\d{1,3})(?:_(?:to_)?(\d{1,3}))?_?(weeks?|months?|years?|w|m|y)$`)

// budgetPhrases maps the budget buckets to words for reps.
var budgetPhrases = map[string]string{
	"over_50k": "$50k or more", "10k_50k": "$10k to $50k", "under_10k": "under $10k",
	"none": "no budget yet", "no_budget": "no budget yet",
}

// authorityPhrases maps authority levels to words for reps.
var authorityPhrases = map[string]string{
	"decision_maker": "decision maker", "influencer": "influences the decision", "defers": "defers to someone else",
	"user": "would use it",
}

// NeedLevel reports the level (NeedUrgent, NeedImportant, NeedExploring) of
// a need answer, in any case or spelling scoring accepts ("Just exploring",
// "urgent"), and false for anything else, such as the lead's own words.
func NeedLevel(answer string) (string, bool) {
	l, ok := needLevels[lead.AnswerKey(answer)]
	return l, ok
}

// TimelinePhrase turns a timeline answer into words that read after "get
// started" ("this_quarter" → "this quarter", "3 months" → "within 3
// months"). ok is false when the answer is not in the vocabulary; the
// phrase is "" for an answer that names no date ("no_timeline").
func TimelinePhrase(answer string) (phrase string, ok bool) {
	k := lead.AnswerKey(answer)
	if p, ok := timelinePhrases[k]; ok {
		return p, true
	}
	m := timelineCountRe.FindStringSubmatch(k)
	if m == nil {
		return "", false
	}
	n := m[1]
	if m[2] != "" {
		n = m[2]
	}
	unit := map[byte]string{'w': "week", 'm': "month", 'y': "year"}[m[3][0]]
	if n != "1" {
		unit += "s"
	}
	return "within " + n + " " + unit, true
}

// AnswerPhrase turns any answer code (budget, authority, need, timeline)
// into words, and false when s is not a code.
func AnswerPhrase(s string) (string, bool) {
	k := lead.AnswerKey(s)
	if p, ok := budgetPhrases[k]; ok {
		return p, true
	}
	if p, ok := authorityPhrases[k]; ok {
		return p, true
	}
	if l, ok := needLevels[k]; ok {
		return localNeedPhrases[LangEnglish][l], true
	}
	if p, ok := TimelinePhrase(k); ok {
		if p == "" {
			p = localNoTimeline[LangEnglish]
		}
		return p, true
	}
	return "", false
}

// The tables below say the same answers in the languages lead-facing
// email is translated into (see Language), keyed by the English phrase or
// code. phrases_test.go checks that every English phrase has a
// translation in each language.

// localTimelinePhrases translate timelinePhrases' words, keyed by the
// English phrase; each reads where the English one does, after the verb
// for starting ("Sie möchten noch in diesem Quartal starten", "vous
// souhaitez démarrer ce trimestre", "le gustaría empezar este trimestre").
var localTimelinePhrases = map[string]map[string]string{
	LangGerman: {
		"as soon as possible": "so bald wie möglich", "this week": "noch diese Woche",
		"this month": "noch in diesem Monat", "within a month": "innerhalb eines Monats",
		"next month": "im nächsten Monat", "this quarter": "noch in diesem Quartal",
		"next quarter": "im nächsten Quartal", "this year": "noch in diesem Jahr",
		"within a year": "innerhalb eines Jahres", "next year": "im nächsten Jahr",
	},
	LangFrench: {
		"as soon as possible": "dès que possible", "this week": "cette semaine",
		"this month": "ce mois-ci", "within a month": "d'ici un mois",
		"next month": "le mois prochain", "this quarter": "ce trimestre",
		"next quarter": "le trimestre prochain", "this year": "cette année",
		"within a year": "d'ici un an", "next year": "l'année prochaine",
	},
	LangSpanish: {
		"as soon as possible": "lo antes posible", "this week": "esta semana",
		"this month": "este mes", "within a month": "en el plazo de un mes",
		"next month": "el mes que viene", "this quarter": "este trimestre",
		"next quarter": "el próximo trimestre", "this year": "este año",
		"within a year": "en el plazo de un año", "next year": "el año que viene",
	},
}

// localTimelineCounts say "within n units" in each language: the phrase
// for one unit, and the pattern for more (%s is the number), by unit.
var localTimelineCounts = map[string]map[string][2]string{
	LangGerman: {
		"week":  {"innerhalb einer Woche", "innerhalb von %s Wochen"},
		"month": {"innerhalb eines Monats", "innerhalb von %s Monaten"},
		"year":  {"innerhalb eines Jahres", "innerhalb von %s Jahren"},
	},
	LangFrench: {
		"week":  {"d'ici une semaine", "d'ici %s semaines"},
		"month": {"d'ici un mois", "d'ici %s mois"},
		"year":  {"d'ici un an", "d'ici %s ans"},
	},
	LangSpanish: {
		"week":  {"en el plazo de una semana", "en las próximas %s semanas"},
		"month": {"en el plazo de un mes", "en los próximos %s meses"},
		"year":  {"en el plazo de un año", "en los próximos %s años"},
	},
}

// localNoTimeline is AnswerPhraseIn's words for an answer that names no
// date.
var localNoTimeline = map[string]string{
	LangEnglish: "no fixed timeline", LangGerman: "noch kein fester Zeitplan",
	LangFrench: "pas encore de calendrier", LangSpanish: "sin plazo definido",
}

// localNeedPhrases say each need level, by language.
var localNeedPhrases = map[string]map[string]string{
	LangEnglish: {NeedUrgent: "an urgent need", NeedImportant: "a clear need", NeedExploring: "just exploring"},
	LangGerman:  {NeedUrgent: "dringender Bedarf", NeedImportant: "klarer Bedarf", NeedExploring: "informiert sich erst"},
	LangFrench:  {NeedUrgent: "besoin urgent", NeedImportant: "besoin clair", NeedExploring: "simple prise d'information"},
	LangSpanish: {NeedUrgent: "necesidad urgente", NeedImportant: "necesidad clara", NeedExploring: "solo está explorando"},
}

// localBudgetPhrases translate budgetPhrases, keyed by the same codes.
var localBudgetPhrases = map[string]map[string]string{
	LangGerman: {
		"over_50k": "50.000 $ oder mehr", "10k_50k": "10.000 bis 50.000 $", "under_10k": "unter 10.000 $",
		"none": "noch kein Budget", "no_budget": "noch kein Budget",
	},
	LangFrench: {
		"over_50k": "50\u00a0000\u00a0$ ou plus", "10k_50k": "de 10\u00a0000 à 50\u00a0000\u00a0$",
		"under_10k": "moins de 10\u00a0000\u00a0$", "none": "pas encore de budget", "no_budget": "pas encore de budget",
	},
	LangSpanish: {
		"over_50k": "50.000 $ o más", "10k_50k": "de 10.000 a 50.000 $", "under_10k": "menos de 10.000 $",
		"none": "todavía sin presupuesto", "no_budget": "todavía sin presupuesto",
	},
}

// localAuthorityPhrases translate authorityPhrases, keyed by the same
// codes.
var localAuthorityPhrases = map[string]map[string]string{
	LangGerman: {"decision_maker": "trifft die Entscheidung", "influencer": "wirkt an der Entscheidung mit",
		"defers": "jemand anderes entscheidet", "user": "würde es selbst nutzen"},
	LangFrench: {"decision_maker": "prend la décision", "influencer": "influence la décision",
		"defers": "quelqu'un d'autre décide", "user": "l'utiliserait"},
	LangSpanish: {"decision_maker": "toma la decisión", "influencer": "influye en la decisión",
		"defers": "otra persona decide", "user": "lo usaría"},
}

// TimelinePhraseIn is TimelinePhrase in lang (LangGerman, LangFrench,
// LangSpanish; any other language gets English): words that read after
// the language's verb for starting ("this_quarter" → "noch in diesem
// Quartal", "3 months" → "d'ici 3 mois"). ok and the empty phrase mean
// what they do for TimelinePhrase.
func TimelinePhraseIn(lang, answer string) (phrase string, ok bool) {
	return timelinePhraseIn(lang, answer)
}

// timelinePhraseIn is TimelinePhraseIn, for cleaned.
func timelinePhraseIn(lang, answer string) (string, bool) {
	p, ok := TimelinePhrase(answer)
	if !ok || p == "" || localTimelinePhrases[lang] == nil {
		return p, ok
	}
	if l, found := localTimelinePhrases[lang][p]; found {
		return l, true
	}
	// A count: "within <n> <unit>[s]", as TimelinePhrase built it.
	var n, unit string
	if f := strings.Fields(p); len(f) == 3 && f[0] == "within" {
		n, unit = f[1], strings.TrimSuffix(f[2], "s")
	}
	forms, found := localTimelineCounts[lang][unit]
	if !found {
		return p, true
	}
	if n == "1" {
		return forms[0], true
	}
	return fmt.Sprintf(forms[1], n), true
}

// AnswerPhraseIn is AnswerPhrase in lang (LangGerman, LangFrench,
// LangSpanish; any other language gets English).
func AnswerPhraseIn(lang, s string) (string, bool) {
	if localTimelinePhrases[lang] == nil {
		return AnswerPhrase(s)
	}
	k := lead.AnswerKey(s)
	if p, ok := localBudgetPhrases[lang][k]; ok {
		return p, true
	}
	if p, ok := localAuthorityPhrases[lang][k]; ok {
		return p, true
	}
	if l, ok := needLevels[k]; ok {
		return localNeedPhrases[lang][l], true
	}
	if p, ok := timelinePhraseIn(lang, k); ok {
		if p == "" {
			p = localNoTimeline[lang]
		}
		return p, true
	}
	return "", false
}

// Slug turns an internal slug ("value-proposition", "spring_webinar_2024")
// into words a person reads ("Value proposition", "Spring webinar 2024").
// Text that is not a slug is returned as is.
func Slug(s string) string {
	if s == "" || strings.ContainsRune(s, ' ') || !strings.ContainsAny(s, "-_") {
		return s
	}
	w := strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' }), " ")
	return upperFirst(strings.ToLower(w))
}

// nameParticles stay lower case inside a family name ("van der Berg",
// "da Silva") when a name typed all upper or all lower case is recased.
var nameParticles = map[string]bool{
	"van": true, "der": true, "den": true, "de": true, "del": true, "della": true, "di": true, "da": true,
	"dos": true, "das": true, "du": true, "la": true, "le": true, "von": true, "zu": true, "ter": true,
	"ten": true, "bin": true, "al": true, "y": true,
}

// PersonName fixes the case of a name typed all upper case ("JOHN") or all
// lower case ("zoë", "van der berg", "o'brien", "mcdonald"): each part gets
// a capital, particles before the last word stay lower case, and "Mc" and
// "O'" names get their inner capital. A name in mixed case is kept as
// written, since "McDonald" or "de Vries" are already right.
func PersonName(s string) string {
	if !isOneCase(s) {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	last := len(words) - 1
	for i, w := range words {
		if i < last && nameParticles[w] {
			continue // "van der Berg": the family name itself comes last
		}
		words[i] = capitalParts(w)
	}
	return strings.Join(words, " ")
}

// capitalParts capitalises each hyphen and apostrophe part of one word
// ("anne-marie" → "Anne-Marie", "o'brien" → "O'Brien", "mcdonald" →
// "McDonald").
func capitalParts(w string) string {
	var b strings.Builder
	start := true
	for _, r := range w {
		if start {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(r)
		}
		start = r == '-' || r == '\'' || r == '’'
	}
	out := b.String()
	if strings.HasPrefix(out, "Mc") && utf8.RuneCountInString(out) > 3 {
		r, n := utf8.DecodeRuneInString(out[2:])
		out = "Mc" + string(unicode.ToUpper(r)) + out[2+n:]
	}
	return out
}

// companySuffixes are legal-form words with their usual spelling.
var companySuffixes = map[string]string{
	"inc": "Inc", "inc.": "Inc.", "ltd": "Ltd", "ltd.": "Ltd.", "llc": "LLC", "gmbh": "GmbH", "ag": "AG",
	"sa": "SA", "sas": "SAS", "sarl": "SARL", "bv": "BV", "nv": "NV", "plc": "PLC", "co": "Co", "co.": "Co.",
	"corp": "Corp", "corp.": "Corp.", "kg": "KG", "oy": "Oy", "ab": "AB", "as": "AS", "srl": "SRL", "sl": "SL", "spa": "SpA",
}

// CompanyName fixes the case of a company name typed all upper case
// ("BIGCORP INC" → "Bigcorp Inc") or all lower case ("acme gmbh" → "Acme
// GmbH"). A short all-capitals name is kept: "IBM" and "SAP AG" are
// spelt that way. Mixed case is kept as written.
func CompanyName(s string) string {
	if !isOneCase(s) {
		return s
	}
	words := strings.Fields(s)
	if strings.ToUpper(s) == s {
		long := false
		for _, w := range words {
			if _, suffix := companySuffixes[strings.ToLower(w)]; !suffix && utf8.RuneCountInString(w) > 4 {
				long = true
			}
		}
		if !long {
			return s
		}
	}
	for i, w := range words {
		if sp, ok := companySuffixes[strings.ToLower(w)]; ok && i > 0 {
			words[i] = sp
			continue
		}
		words[i] = capitalParts(strings.ToLower(w))
	}
	return strings.Join(words, " ")
}

// isOneCase reports whether s has at least two letters, all of them upper
// case or all lower case.
func isOneCase(s string) bool {
	upper, lower := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	return upper+lower >= 2 && (upper == 0 || lower == 0)
}

// honorifics are titles a name may start with, compared lower case
// without the dot.
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "mx": true, "dr": true, "prof": true, "miss": true}

// isHonorific reports whether w is one of honorifics.
func isHonorific(w string) bool {
	return honorifics[strings.TrimSuffix(strings.ToLower(w), ".")]
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Excerpt makes the lead's own words quotable: one line, a capital first
// letter, no trailing full stop, shouting toned down, and cut on a word
// boundary at max runes with "…".
func Excerpt(s string, max int) string {
	s = SingleLine(s, 0)
	if isOneCase(s) && strings.ToUpper(s) == s && utf8.RuneCountInString(s) > 12 {
		s = strings.ToLower(s)
	}
	s = strings.TrimRight(s, " .")
	s = upperFirst(s)
	return cutWords(s, max)
}

// cutWords cuts s to at most max runes on a word boundary, ending in "…";
// max <= 0 means no limit.
func cutWords(s string, max int) string {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	runes := []rune(s)
	cut := string(runes[:max-1])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.-–—") + "…"
}

// pointsRe matches a reason ending in its points twice, "(+20) (+20)".
var pointsRe = regexp.MustCompile(`(\([+-]\d+\))(\s*\([+-]\d+\))+$`)

// codeRe matches a word that looks like an internal code.
var codeRe = regexp.MustCompile(`\b[a-z0-9]+(?:_[a-z0-9]+)+\b`)

// Reason tidies one score reason for a rep: its points once, and answer
// codes in words.
func Reason(s string) string {
	s = pointsRe.ReplaceAllString(s, "$1")
	return codeRe.ReplaceAllStringFunc(s, func(c string) string {
		if p, ok := AnswerPhrase(c); ok {
			return p
		}
		return strings.ReplaceAll(c, "_", " ")
	})
}
