package email

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/require"
)

// TestInitialContactReadsWell renders the Initial contact email for a
// table of contacts with odd and missing data and reads it as the lead
// would: no empty greeting or quotes, no answer codes, no doubled words,
// no placeholder left, every agenda topic present, and the meeting
// proposed exactly one way.
func TestInitialContactReadsWell(t *testing.T) {
	t.Parallel()
	tpl := loadDefaults(t)
	meeting := time.Date(2026, 3, 4, 14, 30, 0, 0, time.UTC)
	rep := RepInfo{Name: "Ann Rep", Email: "ann@reps.example.com", Signature: "Ann Rep", BookingURL: "https://cal.example.com/ann"}
	longPain := strings.Repeat("our spreadsheets lose leads and nobody knows who called whom ", 8)
	tests := []struct {
		name string
		data Data
		// want are phrases the text must hold; not, phrases it must not.
		want, not []string
	}{
		{name: "everything known, booking link",
			data: Data{Contact: ContactInfo{FirstName: "Ada", Company: "Acme"}, Need: "our CRM loses leads", Timeline: "this_quarter",
				Authority: AuthorityDecisionMaker, Rep: rep},
			want: []string{"Hi Ada,", "Pick a time that suits you here: https://cal.example.com/ann", "\u201cOur CRM loses leads\u201d",
				"you would like to start this quarter", "Who decides: you make the call"},
			not: []string{"invitation", "Which times suit you"}},
		{name: "no name, no need, no timeline, no booking link",
			data: Data{Rep: RepInfo{Name: "Ann Rep", Signature: "Ann Rep"}},
			want: []string{"Hello,", "Which times suit you this week or next?", "what prompted the search",
				"when you would like to start", "who makes the call"},
			not: []string{"Pick a time", "\u201c\u201d", "http"}},
		{name: "need given as an answer code, urgent",
			data: Data{Contact: ContactInfo{FirstName: "bo"}, Need: "urgent", Timeline: "THIS_MONTH", Authority: AuthorityDefers, Rep: rep},
			want: []string{"Hi Bo,", "what makes this urgent", "this month", "who signs off"},
			not:  []string{"urgent\u201d", "THIS_MONTH", "this_month"}},
		{name: "long pains are cut",
			data: Data{Contact: ContactInfo{FirstName: "Ada"}, Need: longPain, Rep: rep},
			want: []string{"Need and pains: \u201cOur spreadsheets lose leads", "…\u201d"}},
		{name: "non-ASCII name, company and pains",
			data: Data{Contact: ContactInfo{FirstName: "JOSÉ", LastName: "Núñez", Company: "Müller & Søn"}, Need: "nuestro CRM es lento — 速度",
				Timeline: "this_year", Rep: rep},
			want: []string{"Hi José,", "\u201cNuestro CRM es lento — 速度\u201d", "this year"}},
		{name: "meeting set: the invitation is mentioned, the link offered to move it",
			data: Data{Contact: ContactInfo{FirstName: "Ada"}, Rep: rep, Deal: DealInfo{MeetingAt: meeting}},
			want: []string{"I've set up our call for Wednesday 4 March, 14:30 UTC; the invitation is attached",
				"If that time doesn't suit you, pick another here: https://cal.example.com/ann"},
			not: []string{"Pick a time that suits you here", "Which times suit you"}},
		{name: "an unsafe booking link is never sent",
			data: Data{Contact: ContactInfo{FirstName: "Ada"}, Rep: RepInfo{Name: "Ann", BookingURL: "javascript:alert(1)"}},
			want: []string{"Which times suit you"},
			not:  []string{"javascript", "Pick a time"}},
	}
	codes := regexp.MustCompile(`\b[a-z]+_[a-z_]+\b|<no value>|\{\{|\}\}`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := tpl.Render("stage-initial-contact", tt.data)
			require.NoError(t, err)
			for _, part := range []string{r.Subject, r.Text} {
				require.Empty(t, codes.FindAllString(part, -1), "codes or placeholders in %q", part)
				require.Empty(t, doubledWord(part), "a doubled word in %q", part)
				require.NotContains(t, part, " ,")
				require.NotContains(t, part, "()")
			}
			for _, w := range tt.want {
				require.Contains(t, r.Text, w)
			}
			for _, n := range tt.not {
				require.NotContains(t, r.Text, n)
			}
			for _, topic := range []string{"1. Need and pains:", "2. Timeline:", "3. Who decides:", "4. A short demo", "5. Next steps"} {
				require.Contains(t, r.Text, topic)
			}
			require.NotContains(t, r.HTML, "<li></li>")
			require.NotContains(t, r.HTML, "<p></p>")
			require.Equal(t, strings.Count(r.Text, "Need and pains"), 1, "the agenda once")
		})
	}
}

// TestAgendaForTheRepMatchesTheLeads: the rep's agenda lists the same
// topics as the lead's, in the third person.
func TestAgendaForTheRepMatchesTheLeads(t *testing.T) {
	t.Parallel()
	d := Data{Need: "our CRM loses leads", Timeline: "this quarter", Authority: AuthorityDecisionMaker}.cleaned(LangEnglish)
	lead, rep := Agenda(d, AudienceLead), Agenda(d, AudienceRep)
	require.Len(t, rep, len(lead))
	require.Equal(t, "Who decides: they make the call; who else should be involved", rep[2])
	require.Equal(t, "Who decides: you make the call; who else should be involved", lead[2])
	require.Equal(t, lead, AgendaOf(Data{Need: "our CRM loses leads", Timeline: "this_quarter", Authority: AuthorityDecisionMaker}, AudienceLead))
}

// doubledWord returns the first word written twice in a row ("the the"),
// "" when none is.
func doubledWord(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i := 1; i < len(words); i++ {
		if words[i] == words[i-1] && strings.IndexFunc(words[i], unicode.IsLetter) >= 0 {
			return words[i]
		}
	}
	return ""
}
