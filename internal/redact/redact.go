// Package redact makes a third party's message safe to copy into errors
// and logs: the connectors' social APIs and the ad platforms' spend APIs
// both echo credentials and arbitrary bytes back in their error texts.
package redact

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Message replaces the given secrets and whatever credentials matches
// with "[redacted]" (credentials' groups 1 and 2, a parameter name or
// "bearer ", are kept), control characters with spaces and invalid UTF-8
// with "?", and cuts the text to at most max bytes on a rune boundary,
// marking the cut with "...".
func Message(s string, credentials *regexp.Regexp, max int, secrets ...string) string {
	for _, secret := range secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	s = credentials.ReplaceAllString(s, "${1}${2}[redacted]")
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "?"))
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}
