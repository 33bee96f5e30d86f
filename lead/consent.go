package lead

import (
	"strings"
	"time"
	"unicode"
)

// Consent records what the person said about marketing email when
// submitting. It is tri-state (see State): a yes, a no, or nothing said.
// The difference between "no" and "nothing" matters: an explicit refusal
// suppresses marketing email in every mode, while a submission that said
// nothing only fails consent mode (email.require_consent).
type Consent struct {
	// Marketing is true when the person agreed to marketing email.
	Marketing bool `json:"marketing"`
	// Stated is true when the sender said yes or no: a consent box whose
	// value was sent (a JSON true or false, a "yes"/"no" answer), or a
	// refusal written in the message. False with Marketing false means the
	// person was not asked, or the sender did not say. Marketing true alone
	// reads as given, so senders and callers that predate Stated keep their
	// meaning.
	Stated bool `json:"stated,omitempty"`
	// Text is the consent wording the person saw.
	Text string `json:"text,omitempty"`
	// At is when consent was given or refused; zero means at OccurredAt.
	At time.Time `json:"at,omitzero"`
}

// ConsentState is what a submission said about marketing email.
type ConsentState string

// Consent states, as Consent.State returns them.
const (
	// ConsentGiven: the person agreed to marketing email.
	ConsentGiven ConsentState = "given"
	// ConsentRefused: the person was asked and said no, or wrote that they
	// want no marketing email.
	ConsentRefused ConsentState = "refused"
	// ConsentUnknown: the submission said nothing about consent.
	ConsentUnknown ConsentState = "unknown"
)

// State returns the consent the submission stated: given when Marketing is
// set, refused when the sender stated a no, unknown otherwise.
func (c Consent) State() ConsentState {
	switch {
	case c.Marketing:
		return ConsentGiven
	case c.Stated:
		return ConsentRefused
	default:
		return ConsentUnknown
	}
}

// ParseConsentAnswer reads a form's answer to a consent question: yes, true,
// 1, on, y (any case) are given; no, false, 0, off, n are refused; anything
// else is unknown, since a sender's odd value must not be read as a refusal
// nor as a consent.
func ParseConsentAnswer(s string) ConsentState {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "true", "1", "on", "y":
		return ConsentGiven
	case "no", "false", "0", "off", "n":
		return ConsentRefused
	}
	return ConsentUnknown
}

// RefusesMarketing reports whether text (a lead's message) asks not to be
// sent marketing email: "please do not send me marketing emails", "no
// newsletter please", "keine Werbung", "pas de newsletter", "no me envíen
// publicidad". Normalize applies it, so every connector's leads are read
// the same way.
//
// It looks for a refusal cue ("do not send", "keine", "pas de", "no
// quiero") followed, with at most three filler words between ("me", "any",
// "more", "to receive"), by a marketing noun ("marketing emails",
// "newsletter", "Werbung", "publicité"), or for one of a few phrases that
// refuse on their own ("unsubscribe me"). A bare "marketing" is not a
// marketing noun: "we have no marketing team" is a lead describing itself,
// not a refusal. The text is lower-cased, accents are folded and
// punctuation separates words, so "Don't send me Marketing-E-Mails!"
// matches.
func RefusesMarketing(text string) bool {
	if text == "" {
		return false
	}
	words := consentWords(text)
	if len(words) == 0 {
		return false
	}
	joined := " " + strings.Join(words, " ") + " "
	for _, p := range refusalPhrases {
		if strings.Contains(joined, " "+p+" ") {
			return true
		}
	}
	for i := range words {
		for _, cue := range refusalCues {
			if !hasWordsAt(words, i, cue) {
				continue
			}
			j := i + len(cue)
			for skipped := 0; j <= len(words); skipped++ {
				for _, noun := range marketingNouns {
					if hasWordsAt(words, j, noun) {
						return true
					}
				}
				if skipped == maxFillers || j == len(words) || !refusalFillers[words[j]] {
					break
				}
				j++
			}
		}
	}
	return false
}

// maxFillers is how many filler words may stand between a refusal cue and
// its marketing noun ("do not send me any more newsletters").
const maxFillers = 3

// The detector's vocabulary, written as people write it; init folds it the
// way consentWords folds a message. English, German, French and Spanish,
// the languages of our users' forms.
var (
	refusalCues = foldAll(
		"do not send", "don't send", "dont send", "never send", "stop sending", "no more",
		"do not want", "don't want", "dont want", "do not wish", "don't wish",
		"not interested in", "do not subscribe", "don't subscribe", "do not add", "don't add",
		"remove me from", "take me off", "unsubscribe me from", "opt me out of", "no",
		"keine", "keinen", "kein", "nicht",
		"pas de", "ne m'envoyez pas", "sans", "pas",
		"no me envíen", "no me envien", "no me envíes", "no me manden", "no me mandes",
		"no quiero", "no deseo", "sin", "ningún", "ninguna",
	)
	marketingNouns = foldAll(
		"marketing email", "marketing emails", "marketing e-mail", "marketing e-mails", "marketing mail",
		"marketing mails", "marketing messages", "marketing communications", "marketing material",
		"marketing materials", "marketing newsletters", "marketing spam",
		"newsletter", "newsletters", "promotional", "promotions", "promo emails", "advertising",
		"advertisements", "mailing list", "mailing lists", "mailings", "sales emails",
		"werbung", "werbemails", "werbe-e-mails", "werbe-mails", "werbemail", "marketingmails", "marketing-mails",
		"publicité", "publicités", "pub", "courriels promotionnels", "mails publicitaires", "offres promotionnelles",
		"e-mails marketing", "emails marketing", "prospection",
		"publicidad", "promociones", "boletín", "boletines", "correos comerciales", "correos publicitarios",
		"correos promocionales", "comunicaciones comerciales",
	)
	refusalPhrases = joinAll(foldAll(
		"unsubscribe me", "opt me out", "i opt out", "no marketing please", "no marketing thanks",
		"no marketing thank you", "newsletter nicht erwünscht", "werbung nicht erwünscht",
		"désinscrivez-moi", "darme de baja",
	))
	// refusalFillers may stand between a cue and its noun.
	refusalFillers = wordSet(
		"me", "any", "more", "your", "you", "to", "receive", "receiving", "get", "getting", "further", "of", "from",
		"please", "us", "anymore",
		"mir", "uns", "bitte", "mehr", "ihre", "ihren", "eure", "euren", "weitere", "weiteren", "zusenden", "senden",
		"de", "d", "des", "votre", "vos", "plus", "recevoir", "m",
		"recibir", "mas", "su", "sus", "ni", "por", "favor", "correos",
	)
)

// consentWords lower-cases text, folds the accents of Latin letters, drops
// apostrophes ("don't" → "dont") and returns its words: runs of letters and
// digits.
func consentWords(text string) []string {
	text = FoldAccents(strings.ToLower(text))
	text = strings.NewReplacer("'", "", "’", "").Replace(text)
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// FoldAccents replaces the accented Latin letters of English, German,
// French and Spanish by their base letters ("Österreich" → "Osterreich"
// once lower-cased, "ß" → "ss"), so words match however they were typed.
// Lower-case the text first: only lower-case letters are folded.
func FoldAccents(s string) string { return accentFolder.Replace(s) }

// accentFolder folds the accented letters of the languages of our forms.
var accentFolder = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ä", "a", "ç", "c", "è", "e", "é", "e", "ê", "e", "ë", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ñ", "n", "ò", "o", "ó", "o", "ô", "o", "ö", "o",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ß", "ss",
)

func hasWordsAt(words []string, i int, phrase []string) bool {
	if i+len(phrase) > len(words) {
		return false
	}
	for k, w := range phrase {
		if words[i+k] != w {
			return false
		}
	}
	return true
}

func foldAll(phrases ...string) [][]string {
	out := make([][]string, len(phrases))
	for i, p := range phrases {
		out[i] = consentWords(p)
	}
	return out
}

func joinAll(phrases [][]string) []string {
	out := make([]string, len(phrases))
	for i, p := range phrases {
		out[i] = strings.Join(p, " ")
	}
	return out
}

func wordSet(words ...string) map[string]bool {
	out := make(map[string]bool, len(words))
	for _, w := range words {
		for _, f := range consentWords(w) {
			out[f] = true
		}
	}
	return out
}
