package email

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Invitation is a meeting invitation sent as an iCalendar attachment
// (RFC 5545, METHOD:REQUEST as iTIP, RFC 5546, uses it): calendar clients
// show "add to calendar" for it. No maintained Go iCalendar library is in
// the module proxy's approved list, and a VEVENT takes a few lines; what
// matters, and is tested, is the escaping of TEXT values (§3.3.11) and the
// folding of lines longer than 75 octets (§3.1) without splitting a UTF-8
// character.
type Invitation struct {
	// UID identifies the meeting across updates; a stable value such as
	// "deal-42-initial-contact@leadflow" makes a resent invitation update
	// the event instead of adding a second one.
	UID string
	// Start and End bound the meeting; they are written in UTC.
	Start, End time.Time
	// Stamp is when the invitation was made (DTSTAMP).
	Stamp time.Time
	// Summary is the event's title, Description its body (the agenda),
	// URL a link to join or reschedule (the rep's booking link).
	Summary, Description, URL string
	// Organizer is the rep, Attendee the lead; an empty Email leaves the
	// property out.
	Organizer, Attendee Person
}

// Person is an organizer or attendee of an Invitation.
type Person struct {
	Name, Email string
}

// ICSContentType is the MIME type of an Invitation's ICS, with the method
// that lets mail clients offer to accept it.
const ICSContentType = `text/calendar; charset=utf-8; method=REQUEST`

// ICS writes the invitation as an iCalendar object: CRLF line ends, long
// lines folded, TEXT values escaped.
func (inv Invitation) ICS() []byte {
	var b strings.Builder
	line := func(name, value string) { writeFolded(&b, name+":"+value) }
	stamp := func(t time.Time) string { return t.UTC().Format("20060102T150405Z") }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//leadflow//meeting invitation//EN")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "REQUEST")
	line("BEGIN", "VEVENT")
	line("UID", icsText(inv.UID))
	line("DTSTAMP", stamp(inv.Stamp))
	line("DTSTART", stamp(inv.Start))
	line("DTEND", stamp(inv.End))
	line("SUMMARY", icsText(inv.Summary))
	if inv.Description != "" {
		line("DESCRIPTION", icsText(inv.Description))
	}
	if inv.URL != "" {
		// URL is a URI value (§3.3.13): not TEXT-escaped, but it must not
		// break the line.
		line("URL", strings.NewReplacer("\r", "", "\n", "").Replace(inv.URL))
	}
	if inv.Organizer.Email != "" {
		writeFolded(&b, "ORGANIZER"+icsCN(inv.Organizer.Name)+":mailto:"+inv.Organizer.Email)
	}
	if inv.Attendee.Email != "" {
		writeFolded(&b, "ATTENDEE"+icsCN(inv.Attendee.Name)+";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:"+inv.Attendee.Email)
	}
	line("STATUS", "CONFIRMED")
	line("SEQUENCE", "0")
	line("END", "VEVENT")
	line("END", "VCALENDAR")
	return []byte(b.String())
}

// icsText escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon
// and comma get a backslash, a line break becomes \n.
func icsText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// icsCN is a ";CN=..." parameter for a name, "" for none. A parameter
// value is quoted when it holds ":", ";" or ","; DQUOTE cannot appear in
// one at all (§3.1), so it is dropped, and control characters become
// spaces.
func icsCN(name string) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case r == '"':
			return -1
		case r < 0x20 || r == 0x7f:
			return ' '
		}
		return r
	}, name)
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return ""
	}
	if strings.ContainsAny(name, ":;,") {
		name = `"` + name + `"`
	}
	return ";CN=" + name
}

// icsMaxLine is the longest content line in octets, not counting CRLF
// (RFC 5545 §3.1).
const icsMaxLine = 75

// writeFolded writes one content line, folded so that no physical line
// exceeds icsMaxLine octets: a continuation starts with a space (which
// counts towards its length), and a fold never splits a UTF-8 sequence.
func writeFolded(b *strings.Builder, s string) {
	limit := icsMaxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = icsMaxLine - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
