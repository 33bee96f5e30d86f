package email

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// unfold undoes RFC 5545 folding, as a calendar client reads the lines.
func unfold(ics string) []string {
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(ics, "\r\n ", ""), "\r\n"), "\r\n")
}

func TestInvitationICS(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 3, 4, 15, 30, 0, 0, time.FixedZone("CET", 3600))
	long := strings.Repeat("Ünïcødé pains, and; more\\ ", 12)
	tests := []struct {
		name string
		inv  Invitation
		want []string // unfolded lines that must appear
		not  []string // substrings that must not
	}{
		{
			name: "escaped text, UTC times, both people",
			inv: Invitation{UID: "deal-42@leadflow", Start: start, End: start.Add(30 * time.Minute), Stamp: start.Add(-time.Hour),
				Summary: "Call: Acme, Inc.; intro", Description: "1. Need: slow CRM\n2. Timeline, Q2", URL: "https://cal.example.com/ann",
				Organizer: Person{Name: "Ann Rep", Email: "ann@reps.example.com"}, Attendee: Person{Name: "Doe, Jane", Email: "jane@example.com"}},
			want: []string{"BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST", "UID:deal-42@leadflow",
				"DTSTART:20260304T143000Z", "DTEND:20260304T150000Z", "DTSTAMP:20260304T133000Z",
				`SUMMARY:Call: Acme\, Inc.\; intro`, `DESCRIPTION:1. Need: slow CRM\n2. Timeline\, Q2`,
				"URL:https://cal.example.com/ann", "ORGANIZER;CN=Ann Rep:mailto:ann@reps.example.com",
				`ATTENDEE;CN="Doe, Jane";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:jane@example.com`,
				"END:VEVENT", "END:VCALENDAR"},
		},
		{
			name: "no attendee name, no description, no link",
			inv:  Invitation{UID: "u", Start: start, End: start, Stamp: start, Summary: "Call", Attendee: Person{Email: "x@example.com"}},
			want: []string{"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:x@example.com"},
			not:  []string{"DESCRIPTION", "URL:", "ORGANIZER", "CN="},
		},
		{
			name: "a long non-ASCII description folds and unfolds intact",
			inv:  Invitation{UID: "u", Start: start, End: start, Stamp: start, Summary: "Call", Description: long},
			want: []string{"DESCRIPTION:" + icsText(long)},
		},
		{
			name: "quotes and line breaks cannot break a name or a link",
			inv: Invitation{UID: "u", Start: start, End: start, Stamp: start, Summary: "Call", URL: "https://x.example/a\r\nX-EVIL:1",
				Organizer: Person{Name: "Ann \"The\"\nRep", Email: "a@example.com"}},
			want: []string{"URL:https://x.example/aX-EVIL:1", "ORGANIZER;CN=Ann The Rep:mailto:a@example.com"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			raw := string(tt.inv.ICS())
			require.True(t, strings.HasSuffix(raw, "\r\n"))
			for _, l := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
				require.LessOrEqual(t, len(l), 75, "physical line %q", l)
				require.True(t, utf8.ValidString(l), "a fold split a character: %q", l)
				require.NotContains(t, l, "\n")
			}
			lines := unfold(raw)
			for _, w := range tt.want {
				require.Contains(t, lines, w)
			}
			for _, n := range tt.not {
				require.NotContains(t, raw, n)
			}
		})
	}
}

func TestWriteFoldedBoundaries(t *testing.T) {
	t.Parallel()
	for _, n := range []int{74, 75, 76, 149, 150, 151, 300} {
		for _, unit := range []string{"a", "é", "€", "😀"} {
			s := strings.Repeat(unit, n/len(unit)+1)[:0]
			for len(s)+len(unit) <= n {
				s += unit
			}
			var b strings.Builder
			writeFolded(&b, s)
			out := b.String()
			for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
				require.LessOrEqual(t, len(l), 75)
				require.True(t, utf8.ValidString(l))
			}
			require.Equal(t, s, strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""), "n=%d unit=%q", n, unit)
		}
	}
}
