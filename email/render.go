package email

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Data is everything a template may use. Every field is optional: the
// built-in templates read well with any of them empty. Render cleans a copy
// before use (trimmed, one line per field, valid UTF-8), so templates can
// test a field with {{if}} or {{or}} and get the same answer a reader would.
type Data struct {
	// Contact is the person the email is about (and, for marketing email,
	// to).
	Contact ContactInfo
	// Need is what the lead asked about: their own words ("our CRM is too
	// slow") or a need answer ("urgent", "just_exploring"). Render moves a
	// need answer to NeedLevel, and quotes the lead's words as an Excerpt,
	// so templates show .Need only in quotes, never after "about".
	Need string
	// NeedLevel is NeedUrgent, NeedImportant, NeedExploring or "". Render
	// fills it from a need answer in Need.
	NeedLevel string
	// Timeline is when they want it: an answer code ("this_quarter",
	// "THIS YEAR") or words. Render turns codes into words that read after
	// "get started" ("this quarter"), and empties an answer that names no
	// date ("no_timeline").
	Timeline string
	// Message is the lead's own message, for rep notifications; Render
	// cuts it to an excerpt.
	Message string
	// Trigger is what the contact last did, for an email that answers it
	// (heating-up): "form" (they wrote in again; Message holds their
	// words), "pricing" (a form on the pricing page; Message likewise) or
	// "reply" (they answered one of our emails). Empty when nothing is
	// known: templates then make no claim about what the contact did.
	Trigger string
	// LeadEmailed reports that an email already went to the lead in the
	// rep's name (the heating-up email), so the rep does not repeat it.
	LeadEmailed bool
	// Campaign is the campaign the lead came from.
	Campaign string
	// Authority is who decides, as the score read it: one of the
	// Authority* constants, or "" when unknown (Render drops anything
	// else). The meeting agenda (Agenda) uses it.
	Authority string
	// Rep is the owner rep: the voice of stage and heating-up emails, the
	// addressee of rep notifications.
	Rep RepInfo
	// Deal is the open deal, when there is one.
	Deal DealInfo
	// Score is the lead's score, for rep notifications.
	Score ScoreInfo
	// UnsubscribeURL is the one-click link (Unsubscriber.URL); marketing
	// templates show it, and fall back to "reply with unsubscribe" without
	// it.
	UnsubscribeURL string
	// Subject and Preheader are set by Render: the rendered subject (the
	// HTML <title>) and the first sentence of the text part (the hidden
	// preview line mail clients show after the subject). Values passed in
	// are ignored.
	Subject, Preheader string
	// Items are the notifications a digest (rep-digest) gathers, one per
	// lead, oldest first; empty in every other email.
	Items []DigestItem
	// Extra carries anything else a template directory wants
	// ({{.Extra.case_study_url}}); a missing key renders as empty.
	Extra map[string]string

	// lang is the language of the template being rendered (LangEnglish,
	// or the translation Render picked), so helpers such as greeting
	// speak it. Render sets it; templates cannot see it.
	lang string
	// timelineWords marks a Timeline that is the lead's own words, not an
	// answer cleaned turned into a phrase: a translation quotes it rather
	// than reading it into a sentence of another language.
	timelineWords bool
}

// ContactInfo is the contact's side of Data. Render fixes the case of a
// name or company typed all upper or all lower case (PersonName,
// CompanyName).
type ContactInfo struct {
	FirstName, LastName, Company, Title, Email string
	// Phone is the contact's number (E.164), for rep notifications.
	Phone string
	// Country is an ISO 3166-1 alpha-2 code or a country name.
	Country string
	// FamilyNameFirst says the name is written family name first (LastName
	// holds the family name either way): the full name then reads
	// "LastName FirstName" and greetings use it whole. Set it only when the
	// data says so; Render never guesses from the name.
	FamilyNameFirst bool
}

// DigestItem is one lead of a rep's digest: what the rep needs to call it
// and open its deal.
type DigestItem struct {
	// Name is the lead's full name, "" when not given.
	Name, Company, Title, Phone, Email string
	// Score and Band are the lead's score ("hot" 82); zero when unscored.
	Score int
	Band  string
	// DealURL is the deal's page in the web app, "" when unknown.
	DealURL string
}

// RepInfo is the owner rep's side of Data. Signature may span lines.
type RepInfo struct {
	Name, Email, Signature string
	// BookingURL is the rep's scheduling page, through which the Initial
	// contact email proposes the meeting; Render drops a link that is not
	// https.
	BookingURL string
}

// DealInfo is the deal's side of Data. Title is internal ("Hooli — Vik
// Jansen"): only rep notifications may show it.
type DealInfo struct {
	// Stage is the stage name or slug; Render turns a slug into words.
	Stage string
	Title string
	// URL is the deal's page in the web app
	// (LEADFLOW_PUBLIC_URL + "/app/deals/{id}").
	URL string
	// SLADue is when the owner's first contact is due; zero when no
	// speed-to-lead deadline applies.
	SLADue time.Time
	// MeetingAt is the meeting time the rep set; zero when none. With it
	// the Initial contact email says the invitation is attached.
	MeetingAt time.Time
}

// ScoreInfo is the lead score as a rep sees it: the total, the band (e.g.
// "hot") and the human-readable reasons behind it.
type ScoreInfo struct {
	Total   int
	Band    string
	Reasons []string
}

// Rendered is one email rendered from a template. Subject is always a
// single line; Text ends with one newline.
type Rendered struct {
	Subject, Text, HTML string
}

// maxSubjectRunes bounds a subject: contact data (a long "need") must not
// turn it into a paragraph, and mail clients show about this much anyway.
// Render cuts a longer subject on a word boundary.
const maxSubjectRunes = 78

// Excerpt lengths: a need quoted to the contact, a message shown to a rep,
// and the preheader.
const (
	maxNeedRunes      = 160
	maxMessageRunes   = 400
	maxPreheaderRunes = 110
)

// Render renders the named template with d. The subject and text parts go
// through text/template, the HTML part through html/template, which escapes
// contact data for its context. The subject is forced onto one line, so
// data containing "\r\nBcc: ..." cannot add a header.
//
// When the template has a translation into the contact's language
// (Language(d.Contact.Country)), Render uses it, with greetings and answer
// codes in that language too; otherwise it renders the English template.
// Only lead-facing templates have translations: rep notifications are
// written to the rep, whose language the lead's country does not tell.
func (t *Templates) Render(name string, d Data) (Rendered, error) {
	ct, ok := t.byName[name]
	if !ok {
		return Rendered{}, fmt.Errorf("render email %q: %w; known: %s", name, ErrUnknownTemplate, strings.Join(t.names, ", "))
	}
	lang := Language(d.Contact.Country)
	if v, ok := ct.translations[lang]; ok {
		return v.render(name+"."+lang, lang, d)
	}
	return ct.render(name, LangEnglish, d)
}

// Language is the language Render writes the named template in for d:
// the contact's language (Language) when the template has that
// translation, English otherwise (an unknown name, or a template directory
// that replaced the English copy without translating it). The meeting
// invitation attached to the email uses it, so its title and agenda are in
// the email's language.
func (t *Templates) Language(name string, d Data) string {
	ct, ok := t.byName[name]
	if !ok {
		return LangEnglish
	}
	if lang := Language(d.Contact.Country); ct.translations[lang] != nil {
		return lang
	}
	return LangEnglish
}

// render renders ct, written in lang, with d; name is for errors.
func (ct *compiledTemplate) render(name, lang string, d Data) (Rendered, error) {
	d = d.cleaned(lang)
	var b strings.Builder
	if err := ct.subject.Execute(&b, d); err != nil {
		return Rendered{}, fmt.Errorf("render email %q subject: %w", name, err)
	}
	out := Rendered{Subject: cutWords(SingleLine(b.String(), 0), maxSubjectRunes)}
	d.Subject = out.Subject
	b.Reset()
	if err := ct.text.Execute(&b, d); err != nil {
		return Rendered{}, fmt.Errorf("render email %q text: %w", name, err)
	}
	out.Text = tidyText(b.String())
	d.Preheader = preheader(out.Text, contactGreeting(d.Contact, lang))
	b.Reset()
	if err := ct.html.Execute(&b, d); err != nil {
		return Rendered{}, fmt.Errorf("render email %q html: %w", name, err)
	}
	out.HTML = strings.TrimSpace(b.String()) + "\n"
	return out, nil
}

// cleaned returns a copy of d, for a template written in lang, with every
// field trimmed and made one line (the signature keeps its line breaks) and
// answer codes in lang's words. The copy shares nothing with d.
func (d Data) cleaned(lang string) Data {
	c := d
	c.lang = lang
	c.Contact = ContactInfo{
		FirstName:       PersonName(wordsOnly(d.Contact.FirstName)),
		LastName:        PersonName(wordsOnly(d.Contact.LastName)),
		Company:         CompanyName(wordsOnly(d.Contact.Company)),
		Title:           SingleLine(d.Contact.Title, 0),
		Email:           SingleLine(d.Contact.Email, 0),
		Phone:           SingleLine(d.Contact.Phone, 0),
		Country:         SingleLine(d.Contact.Country, 0),
		FamilyNameFirst: d.Contact.FamilyNameFirst,
	}
	c.Need = SingleLine(d.Need, 0)
	c.NeedLevel, _ = NeedLevel(d.NeedLevel)
	if level, ok := NeedLevel(c.Need); ok {
		c.Need = ""
		if c.NeedLevel == "" {
			c.NeedLevel = level
		}
	}
	c.Need = Excerpt(c.Need, maxNeedRunes)
	c.Timeline = SingleLine(d.Timeline, 0)
	c.timelineWords = false
	if p, ok := timelinePhraseIn(lang, c.Timeline); ok {
		c.Timeline = p
	} else if c.Timeline != "" {
		c.timelineWords = true
		if isOneCase(c.Timeline) {
			c.Timeline = strings.ToLower(c.Timeline)
		}
	}
	c.Message = Excerpt(d.Message, maxMessageRunes)
	c.Campaign = Slug(SingleLine(d.Campaign, 0))
	c.Subject, c.Preheader = "", ""
	c.Rep = RepInfo{
		Name:       SingleLine(d.Rep.Name, 0),
		Email:      SingleLine(d.Rep.Email, 0),
		Signature:  strings.Join(signatureLines(d.Rep.Signature), "\n"),
		BookingURL: bookingURL(d.Rep.BookingURL),
	}
	c.Deal = DealInfo{Stage: Slug(SingleLine(d.Deal.Stage, 0)), Title: SingleLine(d.Deal.Title, 0),
		URL: SingleLine(d.Deal.URL, 0), SLADue: d.Deal.SLADue, MeetingAt: d.Deal.MeetingAt}
	switch d.Authority {
	case AuthorityDecisionMaker, AuthorityInfluencer, AuthorityDefers, AuthorityUser:
	default:
		c.Authority = ""
	}
	c.Score.Band = SingleLine(d.Score.Band, 0)
	c.Score.Reasons = nil
	for _, r := range d.Score.Reasons {
		if r = Reason(SingleLine(r, 0)); r != "" {
			c.Score.Reasons = append(c.Score.Reasons, r)
		}
	}
	c.UnsubscribeURL = SingleLine(d.UnsubscribeURL, 0)
	if d.Extra != nil {
		c.Extra = make(map[string]string, len(d.Extra))
		for k, v := range d.Extra {
			c.Extra[k] = SingleLine(v, 0)
		}
	}
	return c
}

// wordsOnly is SingleLine(s, 0), or "" when s has no letter or digit (a
// "," typed to get past a required field).
func wordsOnly(s string) string {
	if nameOnly(s) == "" {
		return ""
	}
	return SingleLine(s, 0)
}

// SingleLine makes s safe for a one-line context such as a header: invalid
// UTF-8 and control characters become spaces, every run of white space
// (including CR, LF and the Unicode line separators) becomes one space, and
// the ends are trimmed. When max > 0 the result is cut to at most max runes,
// ending in "…". Render applies it to subjects; the sender applies it again
// to Message.Subject.
func SingleLine(s string, max int) string {
	if s == "" {
		return ""
	}
	s = strings.ToValidUTF8(s, " ")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if max > 0 && utf8.RuneCountInString(s) > max {
		runes := []rune(s)
		s = strings.TrimSpace(string(runes[:max-1])) + "…"
	}
	return s
}

// signatureLines splits a multi-line signature into cleaned lines, dropping
// blank lines at either end.
func signatureLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var out []string
	for _, l := range strings.Split(s, "\n") {
		out = append(out, SingleLine(l, 0))
	}
	for len(out) > 0 && out[0] == "" {
		out = out[1:]
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// tidyText removes what conditional template sections leave behind:
// trailing spaces, runs of blank lines, and blank lines at either end. Keeping
// this here lets the templates stay readable instead of trimming every
// action.
func tidyText(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := true // drops leading blank lines too
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\r")
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n") + "\n"
}

// templateFuncs are the helpers every template part may call. They take
// cleaned data, so a name of only spaces counts as missing.
var templateFuncs = map[string]any{
	// greeting opens an email to the contact in the template's language:
	// "Hi Ada," or, with no first name, "Hello," ("Hallo Ada," / "Guten
	// Tag,", "Bonjour Ada," / "Bonjour,", "Hola Ada," / "Hola,"). Never
	// "Hi ,". See contactGreeting.
	"greeting": func(d Data) string { return contactGreeting(d.Contact, d.lang) },
	// hi is greeting for any name: {{hi .Rep.Name}}.
	"hi": hi,
	// callName is the name greeting uses for the contact ("Ada", "Dr.
	// Lovelace", "Yamada Taro"), or "": for subjects such as "Welcome, Ada".
	"callName": func(d Data) string { return contactName(d.Contact, d.lang) },
	// needWords says a NeedLevel in words for a rep: "urgent", "a clear
	// need", "just exploring", or "".
	"needWords": func(level string) string {
		return map[string]string{NeedUrgent: "urgent", NeedImportant: "a clear need", NeedExploring: "just exploring"}[level]
	},
	// fullName is the contact's full name in the order the data gives, or "".
	"fullName": func(d Data) string { return fullName(d.Contact) },
	// firstWord is the first word of a name, for greeting someone we only
	// know by full name (a rep): "Grace Hopper" → "Grace".
	"firstWord": func(s string) string {
		if f := strings.Fields(s); len(f) > 0 {
			return f[0]
		}
		return ""
	},
	// lines splits a multi-line value (the rep's signature) so an HTML part
	// can join the lines with <br> and still escape each one.
	"lines": signatureLines,
	// inc numbers a list from 1: {{range $i, $x := ...}}{{inc $i}}.
	"inc": func(i int) int { return i + 1 },
	// leadLanguage names, in English, the language lead-facing email to
	// the contact is written in when it is not English ("German"), so a
	// rep's notification can say which language the lead's agenda went
	// out in; "" for English.
	"leadLanguage": func(d Data) string { return languageNames[Language(d.Contact.Country)] },
	// agenda lists the first meeting's agenda for "lead" or "rep" (Agenda).
	"agenda": Agenda,
	// meetingTime writes a meeting time in English (meetingTime); kept
	// for template directories written before the translations.
	"meetingTime": meetingTime,
	// meetingWhen is the deal's meeting time in the template's language
	// ("Mittwoch, 4. März, 14:30 Uhr (UTC)"), "" when none is set.
	"meetingWhen": func(d Data) string { return meetingTimeIn(d.lang, d.Deal.MeetingAt) },
	// clock formats a deadline for a rep ("14:05 UTC, Tue 3 Mar"); "" for
	// the zero time.
	"clock": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("15:04 UTC, Mon 2 Jan")
	},
}

// fullName joins a contact's names in the order the data says.
func fullName(c ContactInfo) string {
	if c.FamilyNameFirst {
		return strings.TrimSpace(c.LastName + " " + c.FirstName)
	}
	return strings.TrimSpace(c.FirstName + " " + c.LastName)
}

// contactGreeting greets a contact in lang (LangEnglish when unknown) by
// the name contactName gives, or without a name ("Hello,").
func contactGreeting(c ContactInfo, lang string) string {
	g, ok := greetings[lang]
	if !ok {
		g = greetings[LangEnglish]
	}
	if name := contactName(c, lang); name != "" {
		return g.named + name + ","
	}
	return g.unnamed
}

// contactName is what to call a contact. A first name that starts with an
// honorific drops it ("Dr. Ada" → "Ada"); an honorific alone is kept with
// the last name ("Dr" + "Lovelace" → "Dr. Lovelace"), written the way
// lang writes it ("Mr" + "Picard" → "Herr Picard", "M. Picard"). A
// family-name-first contact is called by full name, in their order. ""
// when there is no usable name.
func contactName(c ContactInfo, lang string) string {
	if c.FamilyNameFirst && c.LastName != "" {
		return fullName(c)
	}
	words := strings.Fields(c.FirstName)
	if len(words) > 0 && isHonorific(words[0]) {
		if len(words) > 1 {
			return nameOnly(strings.Join(words[1:], " "))
		}
		if c.LastName == "" {
			return ""
		}
		key := strings.ToLower(strings.TrimSuffix(words[0], "."))
		title, ok := localHonorifics[lang][key]
		if !ok {
			title = upperFirst(key)
			if title != "Miss" {
				title += "."
			}
		}
		return title + " " + nameOnly(c.LastName)
	}
	return nameOnly(c.FirstName)
}

// nameOnly trims what is not a letter or digit from both ends of a name
// ("Ada." from a form, "," typed to get past a required field).
func nameOnly(name string) string {
	return strings.TrimFunc(SingleLine(name, 0), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// hi greets name, or says "Hello," when there is none. Punctuation around
// the name is dropped, and a "name" without a letter or digit counts as
// none.
func hi(name string) string {
	if name = nameOnly(name); name == "" {
		return "Hello,"
	}
	return "Hi " + name + ","
}

// preheader is the preview line of an email: the first paragraph of its
// text after the greeting (greeting, or an English "Hi …"/"Hello…"), cut on
// a word boundary.
func preheader(text, greeting string) string {
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || (i == 0 && (line == greeting || strings.HasPrefix(line, "Hi ") || strings.HasPrefix(line, "Hello"))) {
			continue
		}
		return cutWords(line, maxPreheaderRunes)
	}
	return ""
}

// sampleData is a fully filled Data: LoadTemplates executes every template
// with it (and with an empty Data) to surface errors at start-up, and the
// golden tests render it.
func sampleData() Data {
	return Data{
		Contact: ContactInfo{
			FirstName: "Ada",
			LastName:  "Lovelace",
			Company:   "Analytical Engines Ltd",
			Title:     "Head of Operations",
			Email:     "ada@example.com",
			Phone:     "+15555550100",
			Country:   "GB",
		},
		Message:  "We track 40 reps in spreadsheets and lose leads. Can we talk this week?",
		Trigger:  "form",
		Need:     "25 seats for the sales team",
		Timeline: "this quarter",
		Campaign: "spring-webinar",
		Rep: RepInfo{
			Name:      "Grace Hopper",
			Email:     "grace@leads.example.com",
			Signature: "Grace Hopper\nAccount Executive\n+1 555 0100",
		},
		Deal: DealInfo{Stage: "Negotiation", Title: "Analytical Engines: 25 seats", URL: "https://leads.example.com/app/deals/42",
			SLADue: time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)},
		Score: ScoreInfo{
			Total:   82,
			Band:    "hot",
			Reasons: []string{"Asked for pricing", "Company size 50-200", "Timeline this quarter"},
		},
		UnsubscribeURL: "https://leads.example.com/u/TOKEN",
		Items: []DigestItem{
			{Name: "Ada Lovelace", Company: "Analytical Engines Ltd", Title: "Head of Operations", Phone: "+15555550100",
				Email: "ada@example.com", Score: 82, Band: "hot", DealURL: "https://leads.example.com/app/deals/42"},
			{Name: "Charles Babbage", Company: "Difference Works", Phone: "+15555550101", Email: "charles@example.com",
				Score: 64, Band: "warm", DealURL: "https://leads.example.com/app/deals/43"},
			{Email: "anon@example.com"},
		},
		Extra: map[string]string{"viewed": "the pricing page", "case_study_url": "https://example.com/customers/northwind", "lead_url": "https://leads.example.com/leads/42"},
	}
}
