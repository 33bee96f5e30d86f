package bant

import "strings"

// contactRequestRe finds an explicit request to be called or contacted, in
// English, German, French and Spanish. It is deliberately narrow: a lead
// who writes one of these wants a person now, whatever else the text says,
// so a loose phrase ("contact", "talk") would hand reps leads who only
// mentioned a word.
var contactRequestRe = mustPattern(`\bcall me\b|\bplease (?:give (?:me|us) a )?call\b|\bgive (?:me|us) a (?:call|ring)\b|` +
	`\b(?:can|could|would) (?:you|someone|somebody) (?:please )?(?:call|contact|ring) (?:me|us)\b|` +
	`\bcontact me\b|\bget in touch with me\b|\breach out to me\b|` +
	`\bcan we (?:please )?(?:talk|speak|chat|have a (?:call|chat)|(?:schedule|set up|book|arrange) a call)\b|` +
	`\brufen sie mich (?:(?:bitte|doch|gerne|gern|morgen|heute|kurz|zurück) )*an\b|\bruf(?:e)? mich (?:(?:bitte|doch|gerne|gern|kurz|zurück) )*an\b|` +
	`\bum (?:einen |kurzen |baldigen )?rückruf\b|\brückruf erbeten\b|\bkontaktieren sie mich\b|` +
	`\b(?:r?appelez|r?appelle|contactez)[- ]moi\b|` +
	`\bll[áa]m(?:ame|enme|eme)\b|\bcont[áa]ct(?:ame|enme|eme)\b`)

// foreignNegators are the German, French and Spanish words that, among the
// few before a contact request, negate it ("bitte nicht um Rückruf"); the
// English ones are the extractor's own (doc.negationAt).
var foreignNegators = map[string]bool{
	"nicht": true, "kein": true, "keinen": true, "keine": true, "nie": true,
	"ne": true, "pas": true, "jamais": true, "nunca": true,
}

// ContactRequest reports whether text explicitly asks to be called or
// contacted ("please call me tomorrow at 10", "can we talk?", "bitte um
// Rückruf", "rappelez-moi", "llámame"), and the phrase it read that from.
// A negated request ("don't call me", "please do not contact me", "bitte
// nicht um Rückruf") does not count, nor does quoted email history;
// "don't hesitate to call me" does. It is the one reading of a hand-raiser:
// routing sends such a lead to a rep whatever its score.
func ContactRequest(text string) (evidence string, ok bool) {
	d := prepare(text)
	for _, m := range contactRequestRe.findAll(d) {
		if contactNegated(d, m[0]) {
			continue
		}
		return d.snippet(m[0], m[1]), true
	}
	return "", false
}

// contactNegated reports a negation among the three words before p in its
// clause: an English one (unless it is "don't hesitate to", which invites
// the call) or a foreign one.
func contactNegated(d *doc, p int) bool {
	if at := d.negationAt(p); at >= 0 && !strings.Contains(d.lower[at:p], "hesitat") {
		return true
	}
	before := d.lower[d.clauseStart(p):p]
	if c := strings.LastIndexByte(before, ','); c >= 0 {
		before = before[c+1:] // "Nein, rufen Sie mich an": the comma ends the reach
	}
	words := strings.FieldsFunc(before, func(r rune) bool { return r == ' ' || r == '\'' || r == '"' || r == '(' })
	for i := len(words) - 1; i >= 0 && i >= len(words)-3; i-- {
		if foreignNegators[words[i]] {
			return true
		}
	}
	return false
}
