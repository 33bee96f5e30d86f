package lead

import (
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Length limits from RFC 5321 §4.5.3.1 (path 256 minus the angle brackets).
const (
	maxEmailLen  = 254
	maxLocalLen  = 64
	maxDomainLen = 253
	maxLabelLen  = 63
	// maxEmailInputLen allows a display name and comments around a
	// maximal address.
	maxEmailInputLen = 1024
)

// NormalizeEmail returns raw as a bare, lower-cased address
// ("ada@example.com"), or a *FieldError for "email" when it is not one.
//
// It accepts what people and form tools actually send: surrounding space,
// "<ada@example.com>", `"Ada Example" <ADA@Example.COM>` (parsed with
// net/mail; the display name is dropped), and a "mailto:" prefix.
//
// The whole address is lower-cased. RFC 5321 lets a server treat the local
// part case-sensitively, but no mainstream provider does, and leads are
// matched to contacts by email: "Ada@x.com" and "ada@x.com" must collide.
//
// Beyond what net/mail accepts, the address must be a plain dot-atom
// local part (quoted-string forms are accepted only when their content is a
// dot-atom) and a host name with at least two labels whose last label is
// not all digits. That rejects domain literals, IP hosts, "localhost" and
// bare "user@example", none of which a real prospect has, and it keeps the
// output re-parseable so NormalizeEmail is idempotent. Letters outside
// ASCII are allowed (RFC 6532 addresses and IDN domains); other non-ASCII
// characters such as spaces, symbols and U+FFFD are not.
func NormalizeEmail(raw string) (string, error) {
	addr, _, err := parseEmail(cleanText(raw))
	return addr, err
}

// parseEmail is NormalizeEmail that also returns the display name (cleaned,
// "" when absent), which Normalize uses when a lead has no name.
func parseEmail(s string) (addr, displayName string, err error) {
	if s == "" {
		return "", "", &FieldError{Field: "email", Reason: "is empty"}
	}
	if len(s) > maxEmailInputLen {
		// Bounds the work net/mail does on hostile input.
		return "", "", &FieldError{Field: "email", Reason: "is too long"}
	}
	if len(s) >= len("mailto:") && strings.EqualFold(s[:len("mailto:")], "mailto:") {
		s = strings.TrimSpace(s[len("mailto:"):])
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		// net/mail's error is not kept: some of its messages quote the input,
		// and the input is personal data.
		return "", "", &FieldError{Field: "email", Reason: "is not a valid address"}
	}
	addr = strings.ToLower(a.Address)
	if reason := checkAddress(addr); reason != "" {
		return "", "", &FieldError{Field: "email", Reason: reason}
	}
	return addr, cleanLine(a.Name), nil
}

// checkAddress applies the stricter shape rules described on NormalizeEmail
// and returns why addr fails them, or "" when it passes.
func checkAddress(addr string) string {
	if len(addr) > maxEmailLen {
		return "is too long"
	}
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return "is not a valid address"
	}
	local, domain := addr[:at], addr[at+1:]
	if local == "" || len(local) > maxLocalLen || !isDotAtom(local) {
		return "has an invalid local part"
	}
	if !isHostName(domain) {
		return "has an invalid domain"
	}
	return ""
}

// isDotAtom reports whether s is atoms of atext joined by single dots.
func isDotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for _, r := range s {
		if r == '.' {
			continue
		}
		if r < utf8.RuneSelf {
			if !isASCIIAtext(byte(r)) {
				return false
			}
			continue
		}
		if !isIntlLetter(r) {
			return false
		}
	}
	return true
}

// isASCIIAtext reports whether b is RFC 5322 atext.
func isASCIIAtext(b byte) bool {
	switch {
	case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-/=?^_`{|}~", b) >= 0
}

// isIntlLetter reports whether a non-ASCII rune may appear in an
// internationalized address: letters, combining marks and digits only.
func isIntlLetter(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r))
}

// isHostName reports whether s is LDH labels (letters may be non-ASCII, for
// IDNs) joined by dots, at least two of them, the last not all digits.
func isHostName(s string) bool {
	if len(s) > maxDomainLen {
		return false
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > maxLabelLen || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			switch {
			case r == '-', '0' <= r && r <= '9', 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
			case r >= utf8.RuneSelf && isIntlLetter(r):
			default:
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	return strings.Trim(tld, "0123456789") != ""
}
