package lead

import (
	"strings"
	"sync"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// CountryCode reads a country as people and forms write it and returns its
// ISO 3166-1 alpha-2 code, or "" when it names no country this package
// knows. It accepts alpha-2 and alpha-3 codes ("de", "DEU"), the country's
// name in English, German, French or Spanish in any case, with or without
// accents or a leading "the" ("Deutschland", "Österreich", "oesterreich",
// "España", "The Netherlands"), and the common "UK", "USA", "England".
//
// This is the one home of reading a country: routing rules compare
// countries through it (a rule for "DE" matches a lead who wrote
// "Germany") and email picks a contact's language from it. Stored leads
// keep the country as written (normalizeCountry only tidies codes), so
// nothing a person typed is lost.
func CountryCode(raw string) string {
	k := countryKey(raw)
	if k == "" {
		return ""
	}
	return countryIndex()[k]
}

// countryNameLanguages are the languages whose country names CountryCode
// reads: those of the forms and emails leadflow handles.
var countryNameLanguages = []language.Tag{language.English, language.German, language.French, language.Spanish}

// countryAliases are names people write that no display-name table holds.
var countryAliases = map[string]string{
	"uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB",
	"wales": "GB", "northern ireland": "GB", "grossbritannien": "GB",
	"usa": "US", "us": "US", "united states of america": "US", "america": "US",
	"estados unidos": "US", "etats unis": "US", "vereinigte staaten": "US",
	"holland": "NL", "czech republic": "CZ", "russia": "RU", "south korea": "KR",
	"korea": "KR", "uae": "AE", "emirates": "AE",
}

// countryIndex maps every folded code and name to its alpha-2 code. The
// regions are those the phone library (already the home of phone regions)
// supports; names come from golang.org/x/text's CLDR display tables.
var countryIndex = sync.OnceValue(func() map[string]string {
	idx := map[string]string{}
	add := func(name, code string) {
		k := countryKey(name)
		if k == "" {
			return
		}
		if _, taken := idx[k]; !taken {
			idx[k] = code
		}
	}
	for code := range phonenumbers.GetSupportedRegions() {
		r, err := language.ParseRegion(code)
		if err != nil || !r.IsCountry() {
			continue
		}
		add(code, code)
		add(r.ISO3(), code)
		for _, tag := range countryNameLanguages {
			name := display.Regions(tag).Name(r)
			add(name, code)
			// German names are also written without umlauts: Oesterreich.
			add(umlautSpelling.Replace(strings.ToLower(name)), code)
		}
	}
	for alias, code := range countryAliases {
		idx[countryKey(alias)] = code
	}
	return idx
})

var umlautSpelling = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss")

// countryKey folds a country for lookup: lower case, accents dropped, dots
// and other punctuation dropped ("U.S.A." → "usa"), hyphens as spaces,
// runs of space collapsed, and a leading "the" dropped.
func countryKey(s string) string {
	s = FoldAccents(strings.ToLower(strings.TrimSpace(s)))
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '.' || r == '\'' || r == '’':
			// dropped: "U.S.A.", "Cote d'Ivoire"
		default:
			space = true
		}
	}
	return strings.TrimPrefix(b.String(), "the ")
}
