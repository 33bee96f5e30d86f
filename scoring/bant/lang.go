package bant

import (
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// Languages the extractor reads, as ISO 639-1 codes.
const (
	LangEnglish = "en"
	LangGerman  = "de"
	LangFrench  = "fr"
	LangSpanish = "es"
)

// LanguageName is the English name of a language code, for reasons
// ("read as German"); "" for an unknown code.
func LanguageName(code string) string {
	switch code {
	case LangEnglish:
		return "English"
	case LangGerman:
		return "German"
	case LangFrench:
		return "French"
	case LangSpanish:
		return "Spanish"
	}
	return ""
}

// functionWords are frequent short words that belong to one of the four
// languages only (words two of them share, such as "de", "en", "die" in
// English-German mixes, are left out or kept where the other language
// rarely writes them). Inquiries are short, often without accents and
// full of English loanwords ("Tool", "Budget", "Deadline"), so content
// words say little about the language; the glue between them says a lot.
// A character n-gram model (whatlanggo, lingua) was considered: the first
// is unmaintained and mislabels short texts, the second embeds models for
// 75 languages (tens of megabytes) to tell four apart.
var functionWords = map[string]string{
	// English
	"the": LangEnglish, "and": LangEnglish, "we": LangEnglish, "our": LangEnglish, "you": LangEnglish,
	"is": LangEnglish, "are": LangEnglish, "to": LangEnglish, "of": LangEnglish, "for": LangEnglish,
	"with": LangEnglish, "this": LangEnglish, "that": LangEnglish, "have": LangEnglish, "it": LangEnglish,
	"my": LangEnglish, "i": LangEnglish, "be": LangEnglish, "would": LangEnglish, "can": LangEnglish,
	"your": LangEnglish, "looking": LangEnglish, "need": LangEnglish, "from": LangEnglish, "what": LangEnglish,
	"not": LangEnglish, "at": LangEnglish, "us": LangEnglish, "they": LangEnglish, "been": LangEnglish,
	"hi": LangEnglish, "hello": LangEnglish, "thanks": LangEnglish, "please": LangEnglish, "just": LangEnglish,
	"but": LangEnglish, "all": LangEnglish, "our team": LangEnglish, "about": LangEnglish,
	// German
	"der": LangGerman, "und": LangGerman, "wir": LangGerman, "ich": LangGerman, "ist": LangGerman,
	"nicht": LangGerman, "mit": LangGerman, "für": LangGerman, "fuer": LangGerman, "uns": LangGerman,
	"das": LangGerman, "ein": LangGerman, "eine": LangGerman, "einen": LangGerman, "sie": LangGerman,
	"auf": LangGerman, "zu": LangGerman, "bei": LangGerman, "haben": LangGerman, "sind": LangGerman,
	"wird": LangGerman, "unser": LangGerman, "unsere": LangGerman, "unseren": LangGerman, "auch": LangGerman,
	"noch": LangGerman, "aber": LangGerman, "oder": LangGerman, "bitte": LangGerman, "wie": LangGerman,
	"den": LangGerman, "dem": LangGerman, "im": LangGerman, "ihr": LangGerman, "ihre": LangGerman,
	"gibt": LangGerman, "kein": LangGerman, "keine": LangGerman, "suchen": LangGerman, "hallo": LangGerman,
	"grüße": LangGerman, "gruesse": LangGerman, "grüsse": LangGerman, "freundlichen": LangGerman, "mfg": LangGerman,
	"würde": LangGerman, "wuerde": LangGerman, "können": LangGerman, "koennen": LangGerman, "jetzt": LangGerman,
	// French
	"le": LangFrench, "les": LangFrench, "et": LangFrench, "nous": LangFrench,
	"je": LangFrench, "est": LangFrench, "pour": LangFrench, "avec": LangFrench, "une": LangFrench,
	"des": LangFrench, "pas": LangFrench, "vous": LangFrench, "notre": LangFrench,
	"nos": LangFrench, "sur": LangFrench, "dans": LangFrench, "qui": LangFrench, "sont": LangFrench,
	"avons": LangFrench, "ne": LangFrench, "au": LangFrench, "aux": LangFrench, "mais": LangFrench,
	"ou": LangFrench, "cette": LangFrench, "ce": LangFrench, "bonjour": LangFrench, "merci": LangFrench,
	"cordialement": LangFrench, "j'ai": LangFrench, "c'est": LangFrench, "nous avons": LangFrench, "très": LangFrench,
	"tres": LangFrench, "votre": LangFrench, "vos": LangFrench, "être": LangFrench, "etre": LangFrench,
	// Spanish
	"el": LangSpanish, "los": LangSpanish, "las": LangSpanish, "y": LangSpanish, "para": LangSpanish, "con": LangSpanish, "una": LangSpanish, "por": LangSpanish, "nuestro": LangSpanish, "nuestra": LangSpanish, "nuestros": LangSpanish, "nuestras": LangSpanish, "tenemos": LangSpanish,
	"estamos": LangSpanish, "somos": LangSpanish, "del": LangSpanish, "lo": LangSpanish, "al": LangSpanish,
	"pero": LangSpanish, "muy": LangSpanish, "hola": LangSpanish, "gracias": LangSpanish, "saludos": LangSpanish,
	"buenos": LangSpanish, "buenas": LangSpanish, "necesitamos": LangSpanish, "quiero": LangSpanish, "queremos": LangSpanish,
	"usted": LangSpanish, "ustedes": LangSpanish, "su": LangSpanish, "sus": LangSpanish, "mi": LangSpanish,
	"este": LangSpanish, "esta": LangSpanish, "como": LangSpanish, "más": LangSpanish, "pero no": LangSpanish,
}

// DetectLanguage returns the language of text among English, German,
// French and Spanish (LangEnglish, ...) by counting each language's
// function words, or "" when the text holds none of them (a bare
// amount, a name). Ties go to English, the language most mixed into the
// others. Quoted history is not skipped here; Extract passes its own
// prepared text.
func DetectLanguage(text string) string {
	return detectLanguage(strings.ToLower(text))
}

// detectLanguage is DetectLanguage on lower-cased text. Extract's
// readers each ask about the same doc.lower, so the last answer is kept:
// comparing the same string costs nothing (equal pointers), and any other
// text of equal content has the same answer.
func detectLanguage(lower string) string {
	if c := lastLanguage.Load(); c != nil && c.lower == lower {
		return c.lang
	}
	lang := countLanguage(lower)
	lastLanguage.Store(&languageMemo{lower: lower, lang: lang})
	return lang
}

// languageMemo is detectLanguage's last answer.
type languageMemo struct{ lower, lang string }

var lastLanguage atomic.Pointer[languageMemo]

// countLanguage counts each language's function words in lower.
func countLanguage(lower string) string {
	var counts [4]int
	langs := [4]string{LangEnglish, LangGerman, LangFrench, LangSpanish}
	index := func(l string) int {
		for i, x := range langs {
			if x == l {
				return i
			}
		}
		return -1
	}
	// Words are runs of letters and apostrophes, walked in place (no
	// slice of words: this runs on every text).
	isWordRune := func(r rune) bool {
		return r == '\'' || r >= 'a' && r <= 'z' || r >= 0xC0 && r != 0xD7 && r != 0xF7
	}
	prev := ""
	for i := 0; i < len(lower); {
		r, n := utf8.DecodeRuneInString(lower[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		for i < len(lower) {
			r, n := utf8.DecodeRuneInString(lower[i:])
			if !isWordRune(r) {
				break
			}
			i += n
		}
		w := lower[start:i]
		if l, ok := functionWords[w]; ok {
			counts[index(l)]++
		}
		if prev != "" {
			if l, ok := functionWords[prev+" "+w]; ok {
				counts[index(l)]++
			}
		}
		prev = w
		// French elisions ("l'outil", "qu'on", "d'une") and Spanish
		// inverted marks are strong cues that no word list catches.
		if len(w) > 2 && w[1] == '\'' && strings.ContainsRune("ldjmnstcq", rune(w[0])) {
			counts[index(LangFrench)]++
		}
	}
	if strings.ContainsAny(lower, "¿¡ñ") {
		counts[index(LangSpanish)] += 2
	}
	if strings.ContainsAny(lower, "ßäöü") {
		counts[index(LangGerman)] += 2
	}
	if strings.ContainsAny(lower, "çèêàùœ") {
		counts[index(LangFrench)] += 2
	}
	best := -1
	for i, c := range counts {
		if c > 0 && (best < 0 || c > counts[best]) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return langs[best]
}
