package bant

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A writer defers in many more ways than a list of phrases can hold: "our
// GM signs the PO", "Principal Madam will take the decision", "über die
// Vergabe entscheidet der Bürgermeister", "c'est le conseil municipal qui
// vote les dépenses", "la compra la firma el director". What they share is
// a construction: a deciding verb (decide, sign, approve, award, choose;
// entscheiden, genehmigen, freigeben; décider, valider, trancher; decidir,
// firmar, aprobar) whose subject or agent is someone other than the
// writer: a person or body who can decide (boss, board, council, owner,
// GM, Vorstand, direction, jefe) or a third-person pronoun. decideVerbs*
// find the verbs; deferByOther checks the clause around each for who is
// doing it.

var (
	decideVerbsEN = mustPattern(`\b(?:decides|decide|will decide|'ll decide|decided by|make the (?:final )?(?:decisions?|call)|makes the (?:final )?(?:decisions?|call)|take the (?:final )?decision|takes the (?:final )?decision|final (?:decision|call|say|word|decide|sign[- ]?off|approval|choice)|last word|signs|sign off|signs off|will sign|'ll be the one signing|be the one (?:signing|deciding|approving)|signed by|signing authority|approves|approve|approved by|authori[sz]es|authori[sz]e|authori[sz]ed by|awards|award|awarded by|finali[sz]es|finali[sz]e|chooses|will choose|picks|will pick|calls the shots|green[- ]?light|go[- ]ahead|veto|votes on|vote on|agree to|agrees to|have to agree|has to agree|to ok|to okay|pays|will pay|foots the bill|hold the purse strings|holds the purse strings|purse strings are held|goes through|go through|has to go through|have to go through|must go through|needs to go through|will go through|(?:decision|choice|say) (?:sits|lies|rests|stays|is|will be) with)\b`)
	decideVerbsDE = mustPattern(`\b(?:entscheidet|entscheiden|[a-z]*entscheidung|[a-z]*entscheid\b|vorleg\pL*|entschieden|beschlie(?:ß|ss)t|beschlossen|beschlie(?:ß|ss)en|genehmigt|genehmigen|genehmigung|freigeben|gibt (?:\pL+ )?frei|freigabe|freigegeben|unterschreibt|unterschreiben|unterschrift|unterschrieben|unterzeichnet|zuschlag|vergibt|absegnen|segnet|abgesegnet|letzte wort|gr(?:ü|ue)nes licht|w(?:ä|ae)hlt (?:\pL+ )?aus|(?:l(?:ä|ae)uft|laufen|geht|gehen|muss|m(?:ü|ue)ssen) (?:\pL+ )?(?:(?:ü|ue)ber|via)|erfolg(?:t|en) (?:(?:ü|ue)ber|durch)|zahlt|bezahlt|zustimmen|stimmt zu|zustimmung)`)
	decideVerbsFR = mustPattern(`\b(?:attribution|attribu(?:é|e)e?s? par|attribuera|d(?:é|e)cide|d(?:é|e)cident|d(?:é|e)cidera|d(?:é|e)cideront|d(?:é|e)cid(?:é|e)e? par|tranche|tranchera|arbitre|arbitrera|valide|valident|validera|valideront|valid(?:é|e)e? par|signe|signent|signera|signeront|sign(?:é|e)e? par|choisit|choisira|choisiront|choix final|approuve|approuvera|approbation|vote|votent|votera|vot(?:é|e)e? par|go final|le go|feu vert|dernier mot|revient (?:à|a)|lui revient|leur revient|passera (?:forc(?:é|e)ment )?par|passe (?:forc(?:é|e)ment )?par|sera (?:fait|faite|prise) par|d(?:é|e)cision finale|donne le go|donnera le go|(?:sera|seront|est|sont) (?:fait|faits|faite|faites|pris|prise|prises) par|transmise? (?:à|a)|a tranch(?:é|e)|a d(?:é|e)cid(?:é|e)|a dit (?:non|niet)|verra)`)
	decideVerbsES = mustPattern(`\b(?:decide|deciden|decidir(?:á|a)|decidir(?:á|a)n|decidir(?:í|i)a|decidido por|firma|firman|firmar(?:á|a)|firmar(?:í|i)a|firmar|aprueba|aprueban|aprobar(?:á|a)|aprobar|aprobado por|aprobaci(?:ó|o)n|autoriza|autorizar|autorizar(?:á|a)|autorizaci(?:ó|o)n|adjudica|adjudicar(?:á|a)|adjudicaci(?:ó|o)n|resuelve|resolver(?:á|a)|elige|elegir(?:á|a)|escoge|escoger(?:á|a)|visto bueno|ultima palabra|luz verde|toma la decisi(?:ó|o)n|tomar(?:á|a) la decisi(?:ó|o)n|decisi(?:ó|o)n final|pasar por|pasa por|pasan por|pasar(?:á|a) por|paga|pagar(?:á|a)|la hace|lo hace|la har(?:á|a)|las tomar(?:á|a)|la tomar(?:á|a)|dijo que no)|(?:^|[^\pL])última palabra`)
)

// deciderWords are the people and bodies who decide for a writer, in the
// four languages, and the third-person pronouns that stand for them.
var deciderWords = map[string]bool{
	// English.
	"boss": true, "bosses": true, "manager": true, "ceo": true, "cto": true,
	"cfo": true, "coo": true, "cmo": true, "cio": true, "cro": true, "chro": true, "ciso": true,
	"vp": true, "svp": true, "evp": true, "director": true, "directors": true, "head": true,
	"founder": true, "founders": true, "cofounder": true, "co-founder": true, "owner": true,
	"owners": true, "partner": true, "partners": true, "president": true, "chairman": true,
	"chairwoman": true, "chair": true, "board": true, "council": true, "committee": true,
	"management": true, "leadership": true, "executive": true, "executives": true, "exec": true,
	"execs": true, "procurement": true, "purchasing": true, "finance": true, "gm": true,
	"md": true, "principal": true, "pastor": true, "headmaster": true, "headteacher": true,
	"headmistress": true, "dean": true, "superintendent": true, "mayor": true, "trustees": true,
	"hq": true, "headquarters": true, "corporate": true, "supervisor": true, "superior": true,
	"superiors": true, "higher-ups": true, "dad": true, "father": true, "mom": true, "mum": true,
	"mother": true, "wife": true, "husband": true, "he": true, "she": true,
	"he'll": true, "she'll": true, "he's": true, "she's": true, "him": true,
	"madam": true, "dr": true, "doctor": true, "doctora": true, "docteur": true, "doktor": true, "regents": true, "governors": true,
	// German.
	"chef": true, "chefin": true, "chefs": true, "vorgesetzte": true, "vorgesetzter": true,
	"vorgesetzten": true, "geschäftsführer": true, "geschaeftsfuehrer": true, "geschäftsführerin": true,
	"geschaeftsfuehrerin": true, "gf": true, "gl": true, "geschäftsleitung": true, "geschaeftsleitung": true,
	"geschäftsführung": true, "geschaeftsfuehrung": true, "vorstand": true, "vorstands": true,
	"inhaber": true, "inhaberin": true, "gesellschafter": true, "eigentümer": true, "eigentuemer": true,
	"aufsichtsrat": true, "gemeinderat": true, "stadtrat": true, "rat": true, "bürgermeister": true,
	"bürgermeisterin": true, "buergermeister": true, "einkauf": true, "einkaufsabteilung": true,
	"zentraleinkauf": true, "zentrale": true, "konzern": true, "holding": true, "mutterkonzern": true,
	"schulleitung": true, "schulträger": true, "direktor": true, "direktorin": true, "leitung": true,
	"ärztin": true, "arzt": true, "aerztin": true, "chefarzt": true, "chefärztin": true,
	"partnern": true, "er": true, "sie": true, "vater": true, "mutter": true, "mann": true,
	"gemeindevorstand": true, "kreistag": true, "verwaltungsrat": true,
	// French.
	"patron": true, "patronne": true, "cheffe": true, "direction": true, "directeur": true,
	"directrice": true, "directoire": true, "dg": true, "pdg": true, "daf": true, "dsi": true,
	"gérant": true, "gérante": true, "gerant": true, "gerante": true, "associé": true,
	"associés": true, "associes": true, "conseil": true, "comité": true, "comite": true, "codir": true,
	"comex": true, "achats": true, "siège": true, "siege": true, "groupe": true, "maison-mère": true,
	"maire": true, "mairie": true, "président": true, "présidente": true, "responsable": true,
	"supérieur": true, "superieur": true, "hiérarchie": true, "hierarchie": true, "n+1": true,
	"il": true, "elle": true, "lui": true, "propriétaire": true,
	"proprietaire": true, "père": true, "mari": true, "proviseur": true, "rectorat": true,
	// Spanish.
	"jefe": true, "jefa": true, "jefes": true, "gerente": true, "gerencia": true, "dirección": true,
	"direccion": true, "directora": true, "directivos": true, "dueño": true, "dueña": true,
	"dueno": true, "duena": true, "socio": true, "socios": true, "socia": true, "junta": true,
	"consejo": true, "concejo": true, "secretaría": true, "hacienda": true, "compras": true,
	"finanzas": true, "papá": true, "papa": true, "padre": true, "madre": true, "esposo": true,
	"esposa": true, "superiores": true, "administración": true, "él": true, "ella": true,
	"alcalde": true, "alcaldesa": true, "alcaldía": true,
	"matriz": true, "corporativo": true, "rector": true, "rectoría": true, "presidente": true,
	"presidenta": true, "patrón": true, "patrona": true, "central": true, "sede": true,
	"others": true, "andere": true, "autres": true, "otros": true, "otras": true, "upstairs": true,
	"träger": true, "traeger": true, "gemeinde": true, "kämmerer": true, "kaemmerer": true, "stadt": true,
	"cabildo": true, "ca": true, "municipalité": true, "municipalite": true, "pcc": true,
	"patronato": true, "directorio": true, "sostenedor": true, "sostenedora": true, "ayuntamiento": true,
	"direktion": true, "gremium": true, "eigentümern": true, "inhabern": true, "gesellschaftern": true,
	"district": true, "diocese": true, "franchisor": true, "franchiseur": true, "réseau": true, "reseau": true,
	"bureau": true, "collège": true, "drh": true, "commission": true, "trust": true,
	"ausschuss": true, "associées": true, "cabinet": true, "cabinets": true, "leiter": true, "officer": true, "chief": true,
}

// writerWords are the first-person words: a deciding verb next to one of
// them is the writer deciding ("I sign", "je valide", "wir entscheiden").
var writerWords = map[string]bool{
	"i": true, "i'll": true, "i'd": true, "i'm": true, "we": true, "we'll": true, "we're": true,
	"we'd": true, "me": true, "myself": true, "us": true, "ich": true, "wir": true, "mir": true,
	"mich": true, "je": true, "j'ai": true, "nous": true, "moi": true, "on": true,
	"yo": true, "nosotros": true, "tengo": true, "puedo": true, "debo": true, "podemos": true,
	"tenemos": true, "mí": true,
}

// isDeciderWord reports a word naming someone who decides, including
// German compounds ("Abteilungsleiter", "Schulleitung", "Gemeinderat").
func isDeciderWord(w string) bool {
	// "the council's cabinet", "our parent company's board".
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "s'")
	if deciderWords[w] {
		return true
	}
	// A German feminine form: "unsere Partnerin", "die Direktorin".
	if len(w) > 5 && strings.HasSuffix(w, "in") && deciderWords[w[:len(w)-2]] {
		return true
	}
	if len(w) > 7 {
		for _, suf := range []string{"leiter", "leiterin", "leitung", "vorstand", "einkauf", "ausschuss", "direktion"} {
			if strings.HasSuffix(w, suf) {
				return true
			}
		}
	}
	return false
}

// deferByOther reports whether the deciding verb at [vs, ve) has someone
// other than the writer as its subject or agent: the nearest decider word
// in the clause (within eight words) is nearer than the nearest
// first-person word, and is not negated ("without my boss").
func deferByOther(d *doc, vs, ve int, lang string) (noun int, ok bool) {
	if ps, pe := prevWord(d.lower, d.clauseStart(vs), vs); ps >= 0 {
		switch d.lower[ps:pe] {
		case "sin", "sans", "without", "ohne":
			return -1, false // "sin pasar por el directorio"
		}
	}
	isWriter := func(w string) bool { return writerWords[w] && (w != "on" || lang == LangFrench) }
	c := d.clauseSpan(d.clauseIndex(vs))
	bestNoun, nounDist := -1, 9
	writerDist := 99
	// visit weighs the word at [ws, we), dist words from the verb.
	visit := func(ws, we, dist int) {
		if isWriter(d.lower[ws:we]) && dist < writerDist {
			writerDist = dist
		}
		if dist < nounDist && isDecider(d, c[0], ws, we) {
			bestNoun, nounDist = ws, dist
		}
	}
	// Words before the verb, nearest first, then after it. A first-person
	// word behind a comma or a "but" belongs to another statement: "I
	// lead the evaluation, but the final call is with our board".
	crossed := false
	for p, dist := vs, 1; p > c[0] && dist <= 12; dist++ {
		ws, we := prevWord(d.lower, c[0], p)
		if ws < 0 {
			break
		}
		if strings.IndexByte(d.lower[we:p], ',') >= 0 {
			crossed = true
		}
		if crossed && isWriter(d.lower[ws:we]) {
			p = ws
			continue
		}
		visit(ws, we, dist)
		switch d.lower[ws:we] {
		case "but", "mais", "aber", "pero", "however", "jedoch", "sin embargo":
			crossed = true
		}
		p = ws
	}
	for p, dist := ve, 1; p < c[1] && dist <= 12; dist++ {
		ws, we := nextWord(d.lower, p, c[1])
		if ws < 0 || strings.IndexByte(d.lower[p:ws], ',') >= 0 {
			break // "it's the board that decides, I just compare": a new clause
		}
		switch d.lower[ws:we] {
		case "whether", "if", "ob", "si", "how", "wie", "comment", "cómo", "como", "which", "welche", "welches", "quel", "quelle", "cuál", "cual":
			// "our head of sales, who will decide whether we take it
			// further": what is decided, not who decides.
			p = c[1]
			continue
		}
		visit(ws, we, dist)
		p = we
	}
	if bestNoun < 0 || writerDist <= nounDist {
		return -1, false
	}
	if d.negatedBefore(bestNoun) || authNegatedLang(d, bestNoun) {
		return -1, false
	}
	return bestNoun, true
}

// isDecider reports whether the word at [ws, we) names someone else who
// decides: a decider word that is a pronoun, follows a determiner or
// possessive ("our GM", "la directora") or is capitalised as a name of a
// role ("Principal Madam", "City Council"), and is not the writer's own
// title ("I'm the CFO").
func isDecider(d *doc, lo, ws, we int) bool {
	w := d.lower[ws:we]
	if !isDeciderWord(w) {
		// "Herr Baumann entscheidet", "Mr. Tanaka will decide": a person
		// named with an honorific.
		// The honorific may end the clause before: "M. Dupont", "Sr. Ortiz".
		ps, pe := prevWord(d.lower, max(lo-6, 0), ws)
		return ps >= 0 && honorifics[d.lower[ps:pe]] && ws < len(d.clean) && isUpper(d.clean[ws])
	}
	pronoun := false
	switch w {
	case "he", "she", "he'll", "she'll", "he's", "him", "er", "sie", "il", "elle", "lui", "él", "ella",
		"others", "andere", "autres", "otros", "otras", "upstairs",
		// Functions named without an article: "procurement will decide".
		"procurement", "purchasing", "finance", "management", "leadership", "corporate", "hq", "upper":
		pronoun = true
	}
	r, _ := utf8.DecodeRuneInString(d.clean[ws:])
	determined := pronoun || unicode.IsUpper(r)
	p := ws
	for k := 0; k < 3; k++ {
		ps, pe := prevWord(d.lower, lo, p)
		if ps < 0 {
			break
		}
		if strings.HasSuffix(d.lower[ps:pe], "'s") && k < 2 {
			determined = true // "our parent company's group board"
		}
		if d.lower[ps:pe] == "am" {
			// "I am the CFO", not German "am Ende unsere Partnerin".
			if is, ie := prevWord(d.lower, lo, ps); is >= 0 && d.lower[is:ie] == "i" {
				return false
			}
		}
		switch d.lower[ps:pe] {
		case "we're":
			return false // "we're two partners and decide"
		case "sind", "are", "sommes", "somos":
			// "wir sind drei Gesellschafter und entscheiden": the
			// writer is one of them.
			if w2s, w2e := prevWord(d.lower, lo, ps); d.lower[ps:pe] == "somos" || w2s >= 0 && writerWords[d.lower[w2s:w2e]] {
				return false
			}
		case "i'm", "bin", "suis", "soy", "as", "als", "tant", "como", "comme", "was", "war", "étais", "era":
			return false // the writer's own title
		case "my", "our", "the", "his", "her", "their", "a", "an", "mein", "meine", "meinem", "meiner",
			"meinen", "unser", "unsere", "unserem", "unserer", "unseren", "der", "die", "dem", "den", "des",
			"vom", "beim", "mon", "ma", "mes", "notre", "nos", "le", "la", "les", "l'", "au", "du", "son", "sa",
			"mi", "mis", "nuestro", "nuestra", "nuestros", "nuestras", "el", "los", "las", "al", "del", "su":
			determined = true
		}
		p = ps
	}
	return determined
}

// isAuthWordByte reports a byte that belongs to a word for deferByOther:
// letters, digits, apostrophes, hyphens, '+' (n+1) and non-ASCII bytes.
func isAuthWordByte(c byte) bool {
	return isWordByte(c) || c >= 0x80 || c == '\'' || c == '-' || c == '+'
}

// prevWord returns the word ending before p (not before lo), trimmed of
// edge punctuation, or -1.
func prevWord(s string, lo, p int) (int, int) {
	for p > lo && !isAuthWordByte(s[p-1]) {
		p--
	}
	e := p
	for p > lo && isAuthWordByte(s[p-1]) {
		p--
	}
	if p == e {
		return -1, -1
	}
	for p < e && (s[p] == '\'' || s[p] == '-') {
		p++
	}
	for e > p && (s[e-1] == '\'' || s[e-1] == '-') {
		e--
	}
	if p == e {
		return p, p
	}
	return p, e
}

// nextWord returns the word starting at or after p (before hi), or -1.
func nextWord(s string, p, hi int) (int, int) {
	for p < hi && !isAuthWordByte(s[p]) {
		p++
	}
	b := p
	for p < hi && isAuthWordByte(s[p]) {
		p++
	}
	if p == b {
		return -1, -1
	}
	e := p
	for b < e && (s[b] == '\'' || s[b] == '-') {
		b++
	}
	for e > b && (s[e-1] == '\'' || s[e-1] == '-') {
		e--
	}
	return b, e
}

// deferCands adds a defers reading for every deciding verb of the text's
// language (and English, which the others mix in) that someone else does.
func deferCands(d *doc, lang string, cands []authCand) []authCand {
	pats := []*pattern{decideVerbsEN}
	switch lang {
	case "":
		// Too short to tell: every language's verbs.
		pats = append(pats, decideVerbsDE, decideVerbsFR, decideVerbsES)
	case LangGerman:
		pats = append(pats, decideVerbsDE)
	case LangFrench:
		pats = append(pats, decideVerbsFR)
	case LangSpanish:
		pats = append(pats, decideVerbsES)
	}
	for _, p := range pats {
		for _, m := range p.findAll(d) {
			noun, ok := deferByOther(d, m[0], m[1], lang)
			if !ok {
				continue
			}
			start, end := min(noun, m[0]), max(m[1], noun)
			if noun > m[1] {
				_, end = nextWord(d.lower, noun, len(d.lower))
			}
			cands = append(cands, authCand{
				a:   Authority{Level: LevelDefers, Confidence: 0.8, Evidence: d.snippet(start, end)},
				pos: start,
			})
		}
	}
	return cands
}
