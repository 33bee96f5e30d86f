package email

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// templateTitles names each built-in template as a rep or marketer says
// it, for pages and lists that show which email was sent (the contact
// page's emails and trail). The template's name ("rep-new-lead") is an
// identifier for configuration and the API, not for people.
var templateTitles = map[string]string{
	"nurture-1":               "Nurture email 1",
	"nurture-2":               "Nurture email 2",
	"nurture-3":               "Nurture email 3",
	"heating-up":              "Lead heating up: shall we talk?",
	"lead-acknowledgement":    "Thanks for your enquiry",
	"stage-initial-contact":   "Initial contact email",
	"stage-value-proposition": "Value proposition email",
	"stage-negotiation":       "Negotiation email",
	"rep-new-lead":            "New lead for you",
	"rep-sla-breach":          "Lead reassigned: not contacted in time",
	"rep-deal-parked":         "Deal moved to Future callback",
	"rep-lead-replied":        "Lead replied",
	"rep-digest":              "New leads digest",
}

// TemplateTitle names template name in words: a built-in's title ("New lead for you"), or
// an operator's own template's name with its dashes and underscores as
// spaces, first letter capitalised ("spring-offer" → "Spring offer").
// Empty for an empty name.
func TemplateTitle(name string) string {
	name = strings.TrimSpace(name)
	if t, ok := templateTitles[name]; ok {
		return t
	}
	words := strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == '.' || unicode.IsSpace(r) }), " ")
	if words == "" {
		return ""
	}
	r, size := utf8.DecodeRuneInString(words)
	return string(unicode.ToUpper(r)) + words[size:]
}
