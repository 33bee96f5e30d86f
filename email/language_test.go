package email

import (
	htmlstd "html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLanguage(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, country, want string }{
		{name: "germany code", country: "DE", want: LangGerman},
		{name: "austria code lower case", country: "at", want: LangGerman},
		{name: "switzerland is german", country: "CH", want: LangGerman},
		{name: "liechtenstein", country: "LI", want: LangGerman},
		{name: "germany name", country: "Germany", want: LangGerman},
		{name: "deutschland", country: "Deutschland", want: LangGerman},
		{name: "österreich", country: "Österreich", want: LangGerman},
		{name: "schweiz", country: " schweiz ", want: LangGerman},
		{name: "alpha-3", country: "DEU", want: LangGerman},
		{name: "france code", country: "FR", want: LangFrench},
		{name: "belgium is french", country: "BE", want: LangFrench},
		{name: "luxembourg", country: "LU", want: LangFrench},
		{name: "monaco", country: "MC", want: LangFrench},
		{name: "france name", country: "France", want: LangFrench},
		{name: "belgique", country: "Belgique", want: LangFrench},
		{name: "spain code", country: "ES", want: LangSpanish},
		{name: "mexico", country: "MX", want: LangSpanish},
		{name: "argentina", country: "AR", want: LangSpanish},
		{name: "colombia", country: "CO", want: LangSpanish},
		{name: "chile", country: "CL", want: LangSpanish},
		{name: "peru", country: "PE", want: LangSpanish},
		{name: "españa", country: "España", want: LangSpanish},
		{name: "méxico", country: "México", want: LangSpanish},
		{name: "spain name", country: "spain", want: LangSpanish},
		{name: "united kingdom", country: "GB", want: LangEnglish},
		{name: "united states", country: "United States", want: LangEnglish},
		{name: "netherlands", country: "The Netherlands", want: LangEnglish},
		{name: "empty", country: "", want: LangEnglish},
		{name: "garbage", country: "¿?", want: LangEnglish},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, Language(tt.country))
		})
	}
}

// leadFacing are the templates written to the contact; each must have a
// translation into every language.
var leadFacing = []string{
	"heating-up", "lead-acknowledgement", "nurture-1", "nurture-2", "nurture-3",
	"stage-initial-contact", "stage-negotiation", "stage-value-proposition",
}

// localChecks are, by language, the marks of an English leak or a missing
// value in translated copy.
var localChecks = map[string][]struct {
	name string
	re   *regexp.Regexp
}{}

func init() {
	common := []struct {
		name string
		re   *regexp.Regexp
	}{
		{name: "english stock phrase", re: regexp.MustCompile(`\bHi |\bHello\b|\bThanks\b|\bBest\b|\bThe team\b|\bunsubscribe\b|\byou\b|\byour\b`)},
		{name: "no value", re: regexp.MustCompile(`<no value>`)},
		{name: "space before punctuation", re: regexp.MustCompile(`\S [,.;:!?)»“]`)},
		{name: "doubled punctuation", re: regexp.MustCompile(`[,;:]\s*[,;:.]|\.\.|\(\s*\)`)},
		{name: "doubled space", re: regexp.MustCompile(`\S  +\S`)},
		{name: "empty quotes", re: regexp.MustCompile(`„\s*“|«\s*»|""`)},
		{name: "internal code", re: regexp.MustCompile(`\b[a-z]+_[a-z_]+\b`)},
	}
	for lang, dangling := range map[string]string{
		LangGerman:  `(?i)(?:^|\s)(für|mit|bei|wie|von|über)\s*[.,:;]|\b(hallo|tag)\s+[,.!]`,
		LangFrench:  `(?i)(?:^|\s)(pour|avec|chez|comme|de|à|sur|par)\s*[.,:;]|\bbonjour\s+[,.!]`,
		LangSpanish: `(?i)(?:^|\s)(para|con|en|como|de|a|sobre|por)\s*[.,:;]|\bhola\s+[,.!]`,
	} {
		localChecks[lang] = append(slices.Clone(common), struct {
			name string
			re   *regexp.Regexp
		}{name: "dangling clause", re: regexp.MustCompile(dangling)})
	}
}

// localOptOut is the opt-out line of each language's footer.
var localOptOut = map[string]string{LangGerman: "abmelden", LangFrench: "désabonner", LangSpanish: "baja"}

// checkLocalized fails on English leaking into a translation, on what a
// missing value leaves behind, and on a footer without its opt-out line.
func checkLocalized(t *testing.T, what, lang string, r Rendered) {
	t.Helper()
	require.NotEmpty(t, r.Subject, what)
	html := regexp.MustCompile(`</?a\b[^>]*>`).ReplaceAllString(r.HTML, "")
	html = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(html, " ")
	html = regexp.MustCompile(`[ \t\n]+`).ReplaceAllString(htmlstd.UnescapeString(html), " ")
	for _, part := range []struct{ name, s string }{{"subject", r.Subject}, {"text", r.Text}, {"html", html}} {
		s := regexp.MustCompile(`\S+@\S+|https?://\S+`).ReplaceAllString(part.s, "link")
		for _, c := range localChecks[lang] {
			if m := c.re.FindString(s); m != "" {
				t.Errorf("%s %s: %s: %q", what, part.name, c.name, m)
			}
		}
	}
	require.Contains(t, strings.ToLower(r.Text), localOptOut[lang], what)
	require.Contains(t, strings.ToLower(r.HTML), localOptOut[lang], what)
	require.Contains(t, r.HTML, `<html lang="`+lang+`">`, what)
}

// localSample is sampleData for a contact in country, with the Extra
// values a template directory would give in that contact's language.
func localSample(country string) Data {
	d := sampleData()
	d.Contact.Country = country
	d.Need = map[string]string{"DE": "25 Plätze für das Vertriebsteam", "FR": "25 licences pour l'équipe commerciale",
		"ES": "25 licencias para el equipo comercial"}[country]
	d.Message = ""
	d.Extra = map[string]string{"viewed": map[string]string{"DE": "unsere Preisseite", "FR": "notre page de tarifs",
		"ES": "nuestra página de precios"}[country], "case_study_url": "https://example.com/customers/northwind"}
	return d
}

// TestLocalizedTemplates renders every translation for a contact in its
// language, with full and with empty data, and checks it reads as written
// in that language.
func TestLocalizedTemplates(t *testing.T) {
	t.Parallel()
	tpl := loadDefaults(t)
	for _, name := range tpl.Names() {
		if !slices.Contains(leadFacing, name) {
			require.Empty(t, tpl.Languages(name), "%s: rep-facing templates stay English", name)
			continue
		}
		require.Equal(t, translations, tpl.Languages(name), name)
	}
	for _, country := range []string{"DE", "FR", "ES"} {
		lang := Language(country)
		for _, name := range tpl.Names() {
			if len(tpl.Languages(name)) == 0 {
				continue
			}
			for _, v := range []struct {
				name string
				data Data
			}{
				{name: "full", data: localSample(country)},
				{name: "empty", data: Data{Contact: ContactInfo{Country: country}}},
				{name: "codes", data: Data{Contact: ContactInfo{FirstName: "Dr", LastName: "Weber", Country: country},
					Need: "urgent", Timeline: "3 months", Trigger: "pricing", Message: "Was kostet es?"}},
				{name: "reply", data: Data{Contact: ContactInfo{FirstName: "ada", Country: country}, Need: "just_exploring",
					Timeline: "no_timeline", Trigger: "reply", Rep: RepInfo{Name: "Grace Hopper"}}},
			} {
				what := name + "." + lang + "." + v.name
				r, err := tpl.Render(name, v.data)
				require.NoError(t, err, what)
				checkLocalized(t, what, lang, r)
			}
		}
	}
}

func TestLocalizedGreeting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, lang string
		c          ContactInfo
		want       string
	}{
		{name: "german", lang: LangGerman, c: ContactInfo{FirstName: "Ada"}, want: "Hallo Ada,"},
		{name: "german no name", lang: LangGerman, want: "Guten Tag,"},
		{name: "german title", lang: LangGerman, c: ContactInfo{FirstName: "Mr", LastName: "Weber"}, want: "Hallo Herr Weber,"},
		{name: "french", lang: LangFrench, c: ContactInfo{FirstName: "Ada"}, want: "Bonjour Ada,"},
		{name: "french no name", lang: LangFrench, want: "Bonjour,"},
		{name: "french title", lang: LangFrench, c: ContactInfo{FirstName: "Mrs.", LastName: "Martin"}, want: "Bonjour Mme Martin,"},
		{name: "spanish", lang: LangSpanish, c: ContactInfo{FirstName: "Ada"}, want: "Hola Ada,"},
		{name: "spanish no name", lang: LangSpanish, want: "Hola,"},
		{name: "english", lang: LangEnglish, c: ContactInfo{FirstName: "Dr", LastName: "Lovelace"}, want: "Hi Dr. Lovelace,"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, contactGreeting(tt.c, tt.lang))
		})
	}
}

// TestLocalizedLayouts keeps each translated layout the English one but
// for its lang attribute.
func TestLocalizedLayouts(t *testing.T) {
	t.Parallel()
	en, err := defaultFS.ReadFile("templates/_layout.html.tmpl")
	require.NoError(t, err)
	for _, lang := range translations {
		got, err := defaultFS.ReadFile("templates/_layout." + lang + ".html.tmpl")
		require.NoError(t, err)
		require.Equal(t, strings.Replace(string(en), `lang="en"`, `lang="`+lang+`"`, 1), string(got), lang)
	}
}

func TestLocalizedPhrasesCoverEnglish(t *testing.T) {
	t.Parallel()
	for _, lang := range translations {
		for code, en := range timelinePhrases {
			if en != "" {
				require.NotEmpty(t, localTimelinePhrases[lang][en], "%s %s", lang, code)
			}
		}
		for code := range budgetPhrases {
			require.NotEmpty(t, localBudgetPhrases[lang][code], "%s %s", lang, code)
		}
		for code := range authorityPhrases {
			require.NotEmpty(t, localAuthorityPhrases[lang][code], "%s %s", lang, code)
		}
		for _, level := range []string{NeedUrgent, NeedImportant, NeedExploring} {
			require.NotEmpty(t, localNeedPhrases[lang][level], "%s %s", lang, level)
		}
	}
	for _, tt := range []struct{ lang, in, want string }{
		{LangGerman, "this_quarter", "noch in diesem Quartal"},
		{LangGerman, "3 months", "innerhalb von 3 Monaten"},
		{LangGerman, "1w", "innerhalb einer Woche"},
		{LangFrench, "asap", "dès que possible"},
		{LangFrench, "6 months", "d'ici 6 mois"},
		{LangSpanish, "next_year", "el año que viene"},
		{LangSpanish, "2 years", "en los próximos 2 años"},
		{LangSpanish, "no_timeline", ""},
		{LangEnglish, "3 months", "within 3 months"},
	} {
		got, ok := TimelinePhraseIn(tt.lang, tt.in)
		require.True(t, ok, tt.in)
		require.Equal(t, tt.want, got, tt.lang+" "+tt.in)
	}
	p, ok := AnswerPhraseIn(LangGerman, "decision_maker")
	require.True(t, ok)
	require.Equal(t, "trifft die Entscheidung", p)
	p, _ = AnswerPhraseIn(LangSpanish, "no_timeline")
	require.Equal(t, "sin plazo definido", p)
}
