package email

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
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
// answerKey ("3_months", "within_6_months", "1_3_months").
var timelineCountRe = regexp.MustCompile(`^(?:within_|in_)?(\d{1,3})(?:_(?:to_)?(\d{1,3}))?_?(weeks?|months?|years?|w|m|y)$`)

// budgetPhrases maps the budget buckets to words for reps.
var budgetPhrases = map[string]string{
	"over_50k": "$50k or more", "10k_50k": "$10k to $50k", "under_10k": "under $10k",
	"none": "no budget yet", "no_budget": "no budget yet",
}

// authorityPhrases maps authority levels to words for reps.
var authorityPhrases = map[string]string{
	"decision_maker": "decision maker", "influencer": "influences the decision", "user": "would use it",
}

// answerKey folds an answer to the vocabulary's form, the way scoring
// does: lower case, runs of spaces, hyphens and slashes as one underscore
// ("This Quarter", "this-quarter", "THIS_QUARTER" → "this_quarter").
func answerKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	var b strings.Builder
	under := false
	for _, r := range s {
		if r == ' ' || r == '-' || r == '_' || r == '/' || r == '\t' {
			if !under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = true
			continue
		}
		under = false
		b.WriteRune(r)
	}
	return strings.TrimSuffix(b.String(), "_")
}

// NeedLevel reports the level (NeedUrgent, NeedImportant, NeedExploring) of
// a need answer, in any case or spelling scoring accepts ("Just exploring",
// "urgent"), and false for anything else, such as the lead's own words.
func NeedLevel(answer string) (string, bool) {
	l, ok := needLevels[answerKey(answer)]
	return l, ok
}

// TimelinePhrase turns a timeline answer into words that read after "get
// started" ("this_quarter" → "this quarter", "3 months" → "within 3
// months"). ok is false when the answer is not in the vocabulary; the
// phrase is "" for an answer that names no date ("no_timeline").
func TimelinePhrase(answer string) (phrase string, ok bool) {
	k := answerKey(answer)
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
	k := answerKey(s)
	if p, ok := budgetPhrases[k]; ok {
		return p, true
	}
	if p, ok := authorityPhrases[k]; ok {
		return p, true
	}
	if l, ok := needLevels[k]; ok {
		return map[string]string{NeedUrgent: "an urgent need", NeedImportant: "a clear need", NeedExploring: "just exploring"}[l], true
	}
	if p, ok := TimelinePhrase(k); ok {
		if p == "" {
			p = "no fixed timeline"
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
