package email

import (
	htmlstd "html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// agendaContact is one contact of the agenda table: what it says in each
// language (need and timeline in the lead's words differ by language, as
// real leads write in their own).
type agendaContact struct {
	name string
	data func(lang string) Data
}

// agendaContacts are contacts with odd and missing data, each rendered in
// every language the Initial contact email is written in.
func agendaContacts() []agendaContact {
	rep := RepInfo{Name: "Ann Rep", Email: "ann@reps.example.com", Signature: "Ann Rep", BookingURL: "https://cal.example.com/ann"}
	meeting := time.Date(2026, 3, 4, 14, 30, 0, 0, time.UTC)
	words := func(en, de, fr, es string) func(string) string {
		return func(lang string) string {
			return map[string]string{LangEnglish: en, LangGerman: de, LangFrench: fr, LangSpanish: es}[lang]
		}
	}
	need := words("our CRM loses leads", "unser CRM verliert Leads", "notre CRM perd des prospects", "nuestro CRM pierde clientes potenciales")
	later := words("after the summer holidays", "nach den Sommerferien", "après les vacances d'été", "después de las vacaciones de verano")
	longNeed := words("our spreadsheets lose leads, nobody knows who called whom last week, the regional managers keep their own lists in email folders, and every quarter we rebuild the forecast by hand from three exports that never agree",
		"unsere Tabellen verlieren Leads, niemand weiß, wer letzte Woche wen angerufen hat, die Regionalleiter führen eigene Listen in Mailordnern, und jedes Quartal bauen wir die Prognose von Hand aus drei Exporten neu, die nie übereinstimmen",
		"nos tableurs perdent des prospects, personne ne sait qui a appelé qui la semaine dernière, les responsables régionaux tiennent leurs propres listes dans leurs e-mails, et chaque trimestre nous refaisons la prévision à la main",
		"nuestras hojas de cálculo pierden clientes, nadie sabe quién llamó a quién la semana pasada, los responsables regionales llevan sus propias listas en el correo y cada trimestre rehacemos la previsión a mano")
	return []agendaContact{
		{name: "everything-known-meeting-set", data: func(lang string) Data {
			return Data{Contact: ContactInfo{FirstName: "Ada", LastName: "Lovelace", Company: "Acme", Email: "ada@example.com"},
				Need: need(lang), Timeline: "this_quarter", Authority: AuthorityDecisionMaker, Rep: rep, Deal: DealInfo{MeetingAt: meeting}}
		}},
		{name: "booking-link-no-meeting", data: func(lang string) Data {
			return Data{Contact: ContactInfo{FirstName: "Ada", Company: "Acme"}, Need: need(lang), Timeline: "3_months",
				Authority: AuthorityInfluencer, Rep: rep}
		}},
		{name: "nothing-known", data: func(string) Data {
			return Data{Rep: RepInfo{Name: "Ann Rep", Signature: "Ann Rep"}}
		}},
		{name: "codes-shouted", data: func(string) Data {
			return Data{Contact: ContactInfo{FirstName: "JOHN", LastName: "SMITH", Company: "BIGCORP INTERNATIONAL"}, Need: "URGENT",
				Timeline: "THIS_MONTH", Authority: AuthorityDefers, Rep: rep}
		}},
		{name: "timeline-in-own-words", data: func(lang string) Data {
			return Data{Contact: ContactInfo{FirstName: "Mr", LastName: "Picard"}, Timeline: later(lang), Authority: AuthorityUser, Rep: rep}
		}},
		{name: "long-names-long-pains", data: func(lang string) Data {
			return Data{Contact: ContactInfo{FirstName: "Maximiliane-Alexandra Friederike", LastName: "von Hohenzollern-Sigmaringen",
				Company: "Internationale Verwaltungs- und Beteiligungsgesellschaft für Kommunikationstechnik mbH"},
				Need: longNeed(lang), Rep: rep, Deal: DealInfo{MeetingAt: time.Date(2026, 9, 30, 9, 5, 0, 0, time.UTC)}}
		}},
		{name: "non-latin-names", data: func(string) Data {
			return Data{Contact: ContactInfo{FirstName: "太郎", LastName: "山田", FamilyNameFirst: true, Company: "株式会社山田商事"},
				Need: "営業チームの案件管理 — Анна просит демо", Rep: rep,
				Deal: DealInfo{MeetingAt: time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)}}
		}},
		{name: "unsafe-link-punctuation-only-name", data: func(string) Data {
			return Data{Contact: ContactInfo{FirstName: " , ", LastName: ".", Company: "  "}, Need: "  ", Timeline: "no_timeline",
				Rep: RepInfo{Name: "Ann Rep", BookingURL: "javascript:alert(1)"}}
		}},
	}
}

// agendaCountries are a country for each language the email is written in.
var agendaCountries = map[string]string{LangEnglish: "GB", LangGerman: "DE", LangFrench: "FR", LangSpanish: "ES"}

// agendaEnglish are the English words of the Initial contact email (its
// topics, its proposal and the invitation's title) that must never show
// in a translation.
var agendaEnglish = regexp.MustCompile(`Need and pains|Timeline|Who decides|Next steps|\bdemo of\b|\bcall\b|Call with|Pick a|invitation is|\bUTC\b[^)]`)

// TestInitialContactInEveryLanguage renders the Initial contact email, its
// invitation and the rep's agenda for every contact of agendaContacts in
// every language, reads each as its recipient would, and compares it with
// testdata/agenda/<contact>.<lang>.txt (go test ./email -run
// TestInitialContactInEveryLanguage -update).
func TestInitialContactInEveryLanguage(t *testing.T) {
	t.Parallel()
	tpl := loadDefaults(t)
	dir := filepath.Join("testdata", "agenda")
	want := map[string]bool{}
	for _, c := range agendaContacts() {
		for _, lang := range []string{LangEnglish, LangGerman, LangFrench, LangSpanish} {
			d := c.data(lang)
			d.Contact.Country = agendaCountries[lang]
			what := c.name + "." + lang
			require.Equal(t, lang, tpl.Language("stage-initial-contact", d), what)
			r, err := tpl.Render("stage-initial-contact", d)
			require.NoError(t, err, what)
			if lang == LangEnglish {
				checkProse(t, what, KindMarketing, r)
			} else {
				checkLocalized(t, what, lang, r)
			}
			summary, description := InvitationText(lang, d)
			inv := Invitation{UID: "deal-1-meeting@leadflow", Start: d.Deal.MeetingAt, End: d.Deal.MeetingAt.Add(30 * time.Minute),
				Summary: summary, Description: description}
			ics := strings.ReplaceAll(string(inv.ICS()), "\r\n ", "")
			rep := AgendaOf(d, AudienceRep)
			lead := Agenda(d.cleaned(lang), AudienceLead)

			html := htmlstd.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(r.HTML, " "))
			for _, part := range []struct{ name, s string }{{"subject", r.Subject}, {"text", r.Text}, {"html", html},
				{"summary", summary}, {"description", description}} {
				s := regexp.MustCompile(`\S+@\S+|https?://\S+`).ReplaceAllString(part.s, "")
				require.Empty(t, internalCodes.FindAllString(s, -1), "%s %s: codes", what, part.name)
				require.Empty(t, doubledWord(s), "%s %s: a doubled word", what, part.name)
				require.NotContains(t, s, "{{", what)
				if lang != LangEnglish {
					require.Empty(t, agendaEnglish.FindAllString(s, -1), "%s %s: English in a %s email", what, part.name, lang)
				}
			}
			// The agenda once, topic for topic the one in the invitation,
			// and the rep's in English with as many topics.
			require.Len(t, lead, 5, what)
			require.Len(t, rep, len(lead), what)
			for i, item := range lead {
				require.Equal(t, 1, strings.Count(r.Text, item), "%s: %q once in the text", what, item)
				require.Contains(t, description, item, what)
				require.Contains(t, r.HTML, "<li>"+htmlEscape(item)+"</li>", what)
				require.True(t, strings.HasPrefix(rep[i], []string{"Need and pains:", "Timeline:", "Who decides:", "A short demo", "Next steps"}[i]), "%s: rep topic %d %q", what, i, rep[i])
			}
			require.Equal(t, 5, strings.Count(r.HTML, "<li>"), what)
			// The meeting is proposed one way: the set time (and the link
			// to move it), or the link, or a question.
			booking := bookingURL(d.Rep.BookingURL)
			at := meetingTimeIn(lang, d.Deal.MeetingAt)
			switch {
			case at != "":
				require.Contains(t, r.Subject, SingleLine(at, 0), what, "a subject is one line of plain spaces")
				require.Equal(t, 1, strings.Count(r.Text, at), what)
				require.Contains(t, ics, "SUMMARY:"+icsText(summary)+"\r\n", what)
			case booking != "":
				require.Contains(t, r.Text, booking, what)
			default:
				require.NotContains(t, r.Text, "http", what)
				require.Contains(t, r.Text, "?", what, "asks for times")
			}
			if booking != "" {
				require.Equal(t, 1, strings.Count(r.Text, booking), what)
				require.Equal(t, 1, strings.Count(r.HTML, `href="`+booking+`"`), what)
			}
			require.NotContains(t, r.Text+r.HTML, "javascript", what)
			// The rep's notification lists the rep's agenda and says which
			// language the lead's went out in.
			note, err := tpl.Render("rep-new-lead", d)
			require.NoError(t, err, what)
			for _, item := range rep {
				require.Equal(t, 1, strings.Count(note.Text, item), "%s: rep notification lists %q once", what, item)
			}
			if name := languageNames[lang]; name != "" {
				require.Contains(t, note.Text, "the lead gets the same one, in "+name+", when", what)
			} else {
				require.Contains(t, note.Text, "the lead gets the same one when", what)
			}

			var got strings.Builder
			got.WriteString("Subject: " + r.Subject + "\n\n" + r.Text + "\n--- invitation.ics\nSUMMARY: " + summary + "\nDESCRIPTION:\n" + description +
				"\n\n--- the rep's agenda\n" + strings.Join(rep, "\n") + "\n")
			file := filepath.Join(dir, what+".txt")
			want[filepath.Base(file)] = true
			if *update {
				require.NoError(t, os.MkdirAll(dir, 0o755))
				require.NoError(t, os.WriteFile(file, []byte(got.String()), 0o644))
				continue
			}
			golden, err := os.ReadFile(file)
			require.NoError(t, err, "missing golden file: run go test ./email -run TestInitialContactInEveryLanguage -update")
			require.Equal(t, string(golden), got.String(), "%s differs; run with -update if the change is intended", file)
		}
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if !want[e.Name()] {
			if *update {
				require.NoError(t, os.Remove(filepath.Join(dir, e.Name())))
				continue
			}
			t.Errorf("stale golden file %s", e.Name())
		}
	}
}

// TestMeetingTimeIn writes a meeting time the way each language does.
func TestMeetingTimeIn(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 4, 14, 30, 0, 0, time.FixedZone("CET", 3600))
	first := time.Date(2026, 5, 1, 8, 5, 0, 0, time.UTC)
	tests := []struct {
		name, lang string
		at         time.Time
		want       string
	}{
		{name: "english, in UTC", lang: LangEnglish, at: at, want: "Wednesday 4 March, 13:30 UTC"},
		{name: "german", lang: LangGerman, at: at, want: "Mittwoch, 4. März, 13:30 Uhr (UTC)"},
		{name: "french", lang: LangFrench, at: at, want: "mercredi 4 mars à 13\u00a0h\u00a030 (UTC)"},
		{name: "french, the first", lang: LangFrench, at: first, want: "vendredi 1er mai à 8\u00a0h\u00a005 (UTC)"},
		{name: "spanish", lang: LangSpanish, at: at, want: "miércoles 4 de marzo a las 13:30 (UTC)"},
		{name: "unknown language is english", lang: "nl", at: first, want: "Friday 1 May, 08:05 UTC"},
		{name: "no time", lang: LangGerman, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, meetingTimeIn(tt.lang, tt.at))
		})
	}
}

// TestTemplatesLanguageFollowsTheTranslationsLoaded: a directory that
// replaces the English Initial contact email without translating it
// drops the built-in translations, and the invitation then follows the
// email into English.
func TestTemplatesLanguageFollowsTheTranslationsLoaded(t *testing.T) {
	t.Parallel()
	d := Data{Contact: ContactInfo{Country: "DE"}}
	require.Equal(t, LangGerman, loadDefaults(t).Language("stage-initial-contact", d))
	require.Equal(t, LangEnglish, loadDefaults(t).Language("rep-new-lead", d), "rep email is English")
	require.Equal(t, LangEnglish, loadDefaults(t).Language("no-such-template", d))
	dir := t.TempDir()
	writeFile(t, dir, "stage-initial-contact.subject.tmpl", "Our call")
	writeFile(t, dir, "stage-initial-contact.txt.tmpl", "{{greeting .}}\n")
	writeFile(t, dir, "stage-initial-contact.html.tmpl", "<p>{{greeting .}}</p>")
	tpl, err := LoadTemplates(dir)
	require.NoError(t, err)
	require.Equal(t, LangEnglish, tpl.Language("stage-initial-contact", d))
	summary, _ := InvitationText(tpl.Language("stage-initial-contact", d), Data{Rep: RepInfo{Name: "Ann"}})
	require.Equal(t, "Call with Ann", summary)
}
