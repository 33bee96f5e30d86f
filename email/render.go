package email

import (
	"fmt"
	"strings"
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
	// Need is what the lead asked about, already humanised
	// ("25 seats for the sales team").
	Need string
	// Timeline is when they want it, already humanised ("this quarter").
	Timeline string
	// Campaign is the campaign the lead came from.
	Campaign string
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
	// Extra carries anything else a template directory wants
	// ({{.Extra.case_study_url}}); a missing key renders as empty.
	Extra map[string]string
}

// ContactInfo is the contact's side of Data.
type ContactInfo struct {
	FirstName, LastName, Company, Title, Email string
}

// RepInfo is the owner rep's side of Data. Signature may span lines.
type RepInfo struct {
	Name, Email, Signature string
}

// DealInfo is the deal's side of Data.
type DealInfo struct {
	Stage string
	Title string
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
const maxSubjectRunes = 150

// Render renders the named template with d. The subject and text parts go
// through text/template, the HTML part through html/template, which escapes
// contact data for its context. The subject is forced onto one line, so
// data containing "\r\nBcc: ..." cannot add a header.
func (t *Templates) Render(name string, d Data) (Rendered, error) {
	ct, ok := t.byName[name]
	if !ok {
		return Rendered{}, fmt.Errorf("render email %q: %w; known: %s", name, ErrUnknownTemplate, strings.Join(t.names, ", "))
	}
	d = d.cleaned()
	var b strings.Builder
	if err := ct.subject.Execute(&b, d); err != nil {
		return Rendered{}, fmt.Errorf("render email %q subject: %w", name, err)
	}
	out := Rendered{Subject: SingleLine(b.String(), maxSubjectRunes)}
	b.Reset()
	if err := ct.text.Execute(&b, d); err != nil {
		return Rendered{}, fmt.Errorf("render email %q text: %w", name, err)
	}
	out.Text = tidyText(b.String())
	b.Reset()
	if err := ct.html.Execute(&b, d); err != nil {
		return Rendered{}, fmt.Errorf("render email %q html: %w", name, err)
	}
	out.HTML = strings.TrimSpace(b.String()) + "\n"
	return out, nil
}

// cleaned returns a copy of d with every field trimmed and made one line
// (the signature keeps its line breaks). The copy shares nothing with d.
func (d Data) cleaned() Data {
	c := d
	c.Contact = ContactInfo{
		FirstName: SingleLine(d.Contact.FirstName, 0),
		LastName:  SingleLine(d.Contact.LastName, 0),
		Company:   SingleLine(d.Contact.Company, 0),
		Title:     SingleLine(d.Contact.Title, 0),
		Email:     SingleLine(d.Contact.Email, 0),
	}
	c.Need = SingleLine(d.Need, 0)
	c.Timeline = SingleLine(d.Timeline, 0)
	c.Campaign = SingleLine(d.Campaign, 0)
	c.Rep = RepInfo{
		Name:      SingleLine(d.Rep.Name, 0),
		Email:     SingleLine(d.Rep.Email, 0),
		Signature: strings.Join(signatureLines(d.Rep.Signature), "\n"),
	}
	c.Deal = DealInfo{Stage: SingleLine(d.Deal.Stage, 0), Title: SingleLine(d.Deal.Title, 0)}
	c.Score.Band = SingleLine(d.Score.Band, 0)
	c.Score.Reasons = nil
	for _, r := range d.Score.Reasons {
		if r = SingleLine(r, 0); r != "" {
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
	// greeting opens an email to the contact: "Hi Ada," or, with no first
	// name, "Hello,". Never "Hi ,".
	"greeting": func(d Data) string { return hi(d.Contact.FirstName) },
	// hi is greeting for any name: {{hi .Rep.Name}}.
	"hi": hi,
	// fullName is the contact's first and last name, either alone, or "".
	"fullName": func(d Data) string {
		return strings.TrimSpace(d.Contact.FirstName + " " + d.Contact.LastName)
	},
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
}

// hi greets name, or says "Hello," when there is none. Punctuation around
// the name is dropped ("Ada." from a form, "," typed to get past a required
// field), and a "name" without a letter or digit counts as none.
func hi(name string) string {
	name = strings.TrimFunc(SingleLine(name, 0), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if name == "" {
		return "Hello,"
	}
	return "Hi " + name + ","
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
		},
		Need:     "25 seats for the sales team",
		Timeline: "this quarter",
		Campaign: "spring-webinar",
		Rep: RepInfo{
			Name:      "Grace Hopper",
			Email:     "grace@leads.example.com",
			Signature: "Grace Hopper\nAccount Executive\n+1 555 0100",
		},
		Deal: DealInfo{Stage: "negotiation", Title: "Analytical Engines: 25 seats"},
		Score: ScoreInfo{
			Total:   82,
			Band:    "hot",
			Reasons: []string{"Asked for pricing", "Company size 50-200", "Timeline this quarter"},
		},
		UnsubscribeURL: "https://leads.example.com/u/TOKEN",
		Extra:          map[string]string{"viewed": "the pricing page", "case_study_url": "https://example.com/customers/northwind", "lead_url": "https://leads.example.com/leads/42"},
	}
}
