package bant

import (
	"regexp"
	"strings"
	"unicode"
)

// deniedDecisionVerb are the deciding verbs a writer who says they cannot
// do them defers with: signing and approving ("Verträge kann ich nicht
// selbst unterschreiben", "I'm not able to approve", "je ne peux pas
// valider", "yo no firmo"). Deciding and choosing count only with "alone"
// (deniedAlone): "I can't decide between the two" is indecision.
var deniedDecisionVerb = []string{"sign", "unterschreib", "unterzeichn", "approv", "genehmig", "freigeb", "gibt",
	"firm", "aprob", "aprueb", "autori", "valid", "absegn", "abzeichn"}

// deniedAlone are the words that make a denied decision one the writer
// cannot take alone ("nicht allein entscheiden", "not decide on my own").
var deniedAlone = []string{"allein", "alleine", "selbst", "selber", "alone", "on my own", "by myself", "myself",
	"seul", "seule", "solo", "sola", "por mi cuenta"}

// writerDenied reports a deciding verb at [vs, ve) whose subject is the
// writer alone and which a negation before it, in its clause, denies: the
// writer says they cannot sign or approve, so someone else does (spec:
// "I can't sign contracts" defers). A question or a condition ("if I
// don't sign today") says nothing about who signs.
func writerDenied(d *doc, vs, ve int, writer string) bool {
	switch writer {
	case "i", "i'll", "i'd", "i'm", "ich", "je", "j'ai", "yo", "me", "moi", "mí":
	default:
		return false
	}
	v := d.lower[vs:ve]
	lo := d.clauseStart(vs)
	hi := min(d.clauseEnd(vs), ve+40)
	verbOK := false
	for _, stem := range deniedDecisionVerb {
		if strings.Contains(v, stem) {
			verbOK = true
			break
		}
	}
	if !verbOK && (strings.Contains(v, "decid") || strings.Contains(v, "entscheid") || strings.Contains(v, "décid")) {
		around := d.lower[max(lo, vs-30):hi]
		for _, w := range deniedAlone {
			if strings.Contains(around, w) {
				verbOK = true
				break
			}
		}
	}
	if !verbOK || strings.Contains(d.lower[lo:hi], "?") {
		return false
	}
	negated := false
	for p, n := vs, 0; n < 6; n++ {
		ps, pe := prevWord(d.lower, lo, p)
		if ps < 0 {
			break
		}
		switch d.lower[ps:pe] {
		case "if", "wenn", "falls", "si", "unless", "sofern", "ob", "whether":
			return false
		case "not", "can't", "cannot", "don't", "won't", "nicht", "kein", "keine", "ne", "n'", "pas", "no", "never", "nie", "jamais", "nunca":
			negated = true
		}
		p = ps
	}
	if !negated {
		// "unterschreibe ich nicht", "je ne signe pas": the negation after it.
		for p, n := ve, 0; n < 2; n++ {
			ws, we := nextWord(d.lower, p, hi)
			if ws < 0 {
				break
			}
			switch d.lower[ws:we] {
			case "nicht", "pas":
				negated = true
			}
			p = we
		}
	}
	return negated
}

// asWriterSubjects are the first-person singular subjects that make "as
// <title>" next to them the writer's own title.
var asWriterSubjects = map[string]bool{"i": true, "ich": true, "je": true, "yo": true}

// asWriterTitle reports an "as <title>" at [as, end) said of the writer:
// the writer is the subject just before it or just after it ("Ich
// bereite als IT-Leiter die Ausschreibung vor", "Als Projektleiterin
// bereite ich ...", "I, as head of IT, ...", "yo como jefa de compras
// ..."), not "as the CTO mentioned", whose title is someone else's.
func asWriterTitle(d *doc, as, end int) bool {
	lo, hi := d.clauseStart(as), d.clauseEnd(as)
	for p, n := as, 0; n < 2; n++ {
		ps, pe := prevWord(d.lower, lo, p)
		if ps < 0 {
			break
		}
		if asWriterSubjects[d.lower[ps:pe]] {
			return true
		}
		p = ps
	}
	for p, n := end, 0; n < 2; n++ {
		ws, we := nextWord(d.lower, p, hi)
		if ws < 0 {
			break
		}
		if asWriterSubjects[d.lower[ws:we]] {
			return true
		}
		p = we
	}
	return false
}

// productHeads end a hyphenated compound that names a product, not a body:
// "Campus-Management-System" is software, not the management.
var productHeads = []string{"system", "systems", "systeme", "systemen", "software", "tool", "tools", "lösung", "loesung",
	"plattform", "platform", "modul", "suite", "app", "portal"}

// productCompound reports a hyphenated word whose last part is a product.
func productCompound(w string) bool {
	last := w[strings.LastIndexByte(w, '-')+1:]
	for _, h := range productHeads {
		if last == h {
			return true
		}
	}
	return false
}

// capWord reports a word that starts with a capital letter and goes on in
// letters (a name, not "IT" or "GmbH").
func capWord(w string) bool {
	r := []rune(w)
	if len(r) < 2 || !unicode.IsUpper(r[0]) {
		return false
	}
	for _, c := range r[1:] {
		if !unicode.IsLower(c) && c != '-' {
			return false
		}
	}
	return true
}

// tradeSurname reports a role read from a signature that is a person's
// name whose surname is a trade: "Lena Maurer", "Peter Koch", "Anna
// Schreiner", "Marie Boucher" — a given name, then one trade word that is
// also a common surname, both capitalised.
func tradeSurname(role string) bool {
	f := strings.Fields(role)
	if len(f) != 2 || !capWord(f[0]) || !capWord(f[1]) {
		return false
	}
	first, last := strings.ToLower(f[0]), strings.ToLower(f[1])
	return !isTitleWord(first) && !strings.HasSuffix(first, "-") && surnameTrades[last]
}

// surnameTrades are trade words that are also common surnames; "Data
// Analyst" and "Senior Developer" stay titles.
var surnameTrades = map[string]bool{"maurer": true, "koch": true, "schreiner": true, "tischler": true, "kellner": true,
	"lehrer": true, "schneider": true, "zimmermann": true, "weber": true, "becker": true, "fischer": true,
	"cook": true, "baker": true, "carpenter": true, "mason": true, "taylor": true, "boucher": true, "boulanger": true,
	"carpentier": true, "herrero": true, "zapatero": true}

// deptUserRe finds the writer placing themself in an operational
// department: "ich bin im Vertriebsinnendienst", "ich arbeite in der
// Buchhaltung", "I work in dispatch", "I'm in accounts", "je travaille à
// l'accueil", "je suis au SAV", "trabajo en el almacén". Group 1 is the
// department, checked against deptUserWords.
var deptUserRe = mustPattern(`\bich (?:arbeite|bin) (?:hier |selbst |auch )?(?:im|in der|am|beim) ([\pL-]+)` +
	`|\bi(?:'m| am| work) (?:in|on) (?:the )?([a-z-]+)` +
	`|\bje (?:travaille|suis|bosse) (?:(?:à|a) l'|au |(?:à|a) la |en |dans l'|dans le |dans la )([\pL-]+)` +
	`|\b(?:trabajo|estoy) en (?:el |la |)([\pL-]+)`)

// deptUserWords are departments whose people use the product rather than
// choose it (not purchasing, IT or a management function), and the
// endings of German compounds naming one ("Vertriebsinnendienst").
var deptUserWords = []string{
	"lager", "versand", "empfang", "buchhaltung", "disposition", "support", "service", "verkauf", "produktion",
	"pflege", "küche", "kueche", "kasse", "werkstatt", "sekretariat", "backoffice", "innendienst", "außendienst",
	"aussendienst", "kundendienst", "schichtdienst", "montage", "wareneingang", "warenausgang",
	"warehouse", "dispatch", "accounts", "accounting", "bookkeeping", "reception", "kitchen", "shipping", "payroll",
	"entrepôt", "entrepot", "compta", "comptabilité", "comptabilite", "accueil", "expédition", "expedition", "sav",
	"cuisine", "caisse", "atelier", "secrétariat", "secretariat",
	"almacén", "almacen", "contabilidad", "recepción", "recepcion", "cocina", "caja", "taller", "soporte", "expedición",
}

// isDeptUserWord reports a department of deptUserWords, also as the end
// of a German compound ("Vertriebsinnendienst", "Ersatzteillager").
func isDeptUserWord(w string) bool {
	w = strings.Trim(w, ".,;:()")
	for _, dep := range deptUserWords {
		if w == dep || len(dep) >= 5 && len(w) > len(dep)+2 && strings.HasSuffix(w, dep) && !strings.Contains(w, "-") {
			return true
		}
	}
	return false
}

// deptSigRe finds a signature line of a first name and a department:
// "Dennis, Lager", "Tim (Disposition)", "Marie – compta".
var deptSigRe = regexp.MustCompile(`(?m)^\s*\p{Lu}[\pL.-]+(?: \p{Lu}[\pL.-]+)?\s*(?:,|\(|-|–)\s*([\pL-]+(?: [\pL-]+)?)\)?\s*$`)

// closingWords open a sign-off line: "Regards, Accounts" is the accounts
// team signing, not a person in it.
var closingWords = map[string]bool{"regards": true, "thanks": true, "cheers": true, "best": true, "gruß": true, "gruss": true,
	"grüße": true, "gruesse": true, "grüsse": true, "danke": true, "mfg": true, "merci": true, "cordialement": true,
	"amitiés": true, "saludos": true, "gracias": true, "atentamente": true, "kind": true, "viele": true, "beste": true}

// deptUserCands adds a user for a writer who names an operational
// department as their place ("ich bin im Vertriebsinnendienst") or signs
// with one ("Dennis, Lager"): an individual contributor with no role in
// the decision (spec: user). A stated title or decision outranks it.
func deptUserCands(d *doc, cands []authCand) []authCand {
	for _, m := range deptUserRe.findAll(d) {
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 && isDeptUserWord(d.lower[m[g]:m[g+1]]) && !d.negatedBefore(m[0]) {
				cands = append(cands, authCand{
					a:   Authority{Level: LevelUser, Confidence: 0.6, Evidence: d.snippet(m[0], m[1])},
					pos: m[0],
				})
			}
		}
	}
	lo := max(0, len(d.lower)-300)
	for _, m := range deptSigRe.FindAllStringSubmatchIndex(d.clean[lo:], -1) {
		dep := d.lower[lo+m[2] : lo+m[3]]
		f := strings.Fields(dep)
		name := strings.ToLower(strings.Fields(d.clean[lo+m[0] : lo+m[1]])[0])
		if isDeptUserWord(f[len(f)-1]) && !closingWords[strings.Trim(name, ",(-")] {
			cands = append(cands, authCand{
				a:   Authority{Level: LevelUser, Confidence: 0.5, Evidence: d.snippet(lo+m[0], lo+m[1])},
				pos: lo + m[0],
			})
		}
	}
	return cands
}
