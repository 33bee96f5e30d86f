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
// find the verbs; subjectOf reads the clause around each for who is
// doing it.

var (
	decideVerbsEN = mustPattern(`\b(?:decides|decide|will decide|'ll decide|decided by|make the (?:final )?(?:decisions?|call)|makes the (?:final )?(?:decisions?|call)|take the (?:final )?decision|takes the (?:final )?decision|final (?:decision|call|say|word|decide|sign[- ]?off|approval|choice)|last word|signs|sign off|signs off|will sign|'ll be the one signing|be the one (?:signing|deciding|approving)|signed by|signing authority|approves|approve|approved by|authori[sz]es|authori[sz]e|authori[sz]ed by|awards|award|awarded by|finali[sz]es|finali[sz]e|chooses|will choose|picks|will pick|calls the shots|green[- ]?light|go[- ]ahead|veto|votes on|vote on|votes|agree to|agrees to|agreeing to|agreeing|dictates|dictate|awarded|approved|choose|choosing|deciding|approving|(?:approvals?|sign[- ]?offs?) (?:are|is|lie|lies|sit|sits|rest|rests|will be) with|authori[sz]ed|have to agree|has to agree|to ok|to okay|pays|will pay|foots the bill|hold the purse strings|holds the purse strings|(?:holds|owns|has|hold|own) the budget|gives? the (?:final )?(?:ok|okay)|(?:is|are) the (?:final |ultimate )?decision[- ]?makers?|purse strings are held|goes through|go through|has to go through|have to go through|must go through|needs to go through|will go through|(?:decision|choice|say) (?:sits|lies|rests|stays|is|will be) with|rejected|refused|turned down|vetoed|said no|(?:selection|sign-off) (?:is|will be|sits|lies|rests) with)\b`)
	decideVerbsDE = mustPattern(`\b(?:entscheidet|entscheiden|entscheide|unterschreibe|unterzeichne|genehmige|[a-z]*entscheidung|[a-z]*entscheid\b|vorleg\pL*|entschieden|beschlie(?:ß|ss)t|beschlossen|beschlie(?:ß|ss)en|genehmigt|genehmigen|genehmigung|freigeben|gibt (?:\pL+ )?frei|freigabe|freigegeben|unterschreibt|unterschreiben|unterschrift|unterschrieben|unterzeichnet|zuschlag|vergibt|absegnen|segnet|abgesegnet|letzte wort|gr(?:ü|ue)nes licht|w(?:ä|ae)hlt|w(?:ä|ae)hlen (?:\pL+ )?aus|ausw(?:ä|ae)hl\pL*|(?:l(?:ä|ae)uft|laufen|geht|gehen|muss|m(?:ü|ue)ssen) (?:\pL+ )?(?:(?:ü|ue)ber|via)|erfolg(?:t|en) (?:(?:ü|ue)ber|durch)|zahlt|bezahlt|zustimm\pL*|stimm(?:t|en) (?:\pL+ )?zu|zusag\pL*|sag(?:t|en) (?:\pL+ )?zu|(?:muss|m(?:ü|ue)ssen|geht|gehen|l(?:ä|ae)uft|laufen) (?:\pL+ ){0,3}?durch|abgelehnt|lehnt\pL* (?:\pL+ ){0,3}?ab|abzeichnen|zeichnet (?:\pL+ )?ab|abgezeichnet|abstimmen)`)
	decideVerbsFR = mustPattern(`\b(?:attribution|attribu(?:é|e)e?s? par|attribuera|d(?:é|e)cide|d(?:é|e)cident|d(?:é|e)cidera|d(?:é|e)cideront|d(?:é|e)cid(?:é|e)e? par|tranche|tranchera|arbitre|arbitrera|valide|valident|validera|valideront|valid(?:é|e)e? par|signe|signent|signera|signeront|sign(?:é|e)e? par|choisit|choisira|choisiront|choix final|approuve|approuvera|approbation|vote|votent|votera|vot(?:é|e)e? par|go final|le go|feu vert|dernier mot|revient (?:à|a)|lui revient|leur revient|passera (?:forc(?:é|e)ment )?par|passe (?:forc(?:é|e)ment )?par|sera (?:fait|faite|prise) par|d(?:é|e)cision finale|donne le go|donnera le go|(?:sera|seront|est|sont) (?:fait|faits|faite|faites|pris|prise|prises) par|transmise? (?:à|a)|a tranch(?:é|e)|a d(?:é|e)cid(?:é|e)|a dit (?:non|niet)|verra|(?:d(?:é|e)cid|valid|sign|approuv|arbitr|tranch|accept|autoris|homologu)(?:é|e)e?s? par|choisie?s? par|pass(?:e|ent|era|eront) par|choisir|d(?:é|e)cider|trancher|valider|approuver|homologu\pL*|votent|se vote|vot(?:é|e)e?s?|(?:l'|son |leur )accord (?:de|des|du|d')|aval (?:de|des|du|d')|a refus(?:é|e)|ont refus(?:é|e)|refus(?:é|e)e? par|a rejet(?:é|e)|ont rejet(?:é|e)|passera (?:la )?commande|passe (?:la )?commande|commandera)`)
	decideVerbsES = mustPattern(`\b(?:decide|deciden|decidir(?:á|a)|decidir(?:á|a)n|decidir(?:í|i)a|decidido por|firma|firman|firmar(?:á|a)|firmar(?:í|i)a|firmar|aprueba|aprueban|aprobar(?:á|a)|aprobar|aprobado por|aprobaci(?:ó|o)n|autoriza|autorizar|autorizar(?:á|a)|autorizaci(?:ó|o)n|adjudica|adjudicar(?:á|a)|adjudicaci(?:ó|o)n|resuelve|resolver(?:á|a)|elige|elegir(?:á|a)|escoge|escoger(?:á|a)|visto bueno|ultima palabra|luz verde|toma la decisi(?:ó|o)n|tomar(?:á|a) la decisi(?:ó|o)n|decisi(?:ó|o)n final|pasar por|pasa por|pasan por|pasar(?:á|a) por|paga|pagar(?:á|a)|la hace|lo hace|la realiza|lo realiza|homolog\pL*|firmo|decido|apruebo|autorizo|elijo|escojo|firme|decida|apruebe|autorice|elija|decidir|elegir|escoger|(?:aprobar|firmar|autorizar|validar|decidir|elegir)(?:lo|la|los|las)|la har(?:á|a)|las tomar(?:á|a)|la tomar(?:á|a)|dijo que no|rechaz(?:ó|o)|rechazaron|ha rechazado|han rechazado|deneg(?:ó|o)|denegaron|votar(?:á|a)n?|votan)|(?:^|[^\pL])última palabra`)
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
	"präsident": true, "präsidentin": true, "praesident": true, "vorsitzende": true, "vorsitzender": true,
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
	"bureau": true, "collège": true, "drh": true,
	// "notre secrétaire générale", "l'administrateur délégué", "la
	// direction générale": the qualifier ends the decider's name.
	"général": true, "générale": true, "administrateur": true, "administratrice": true, "délégué": true, "déléguée": true, "commission": true, "trust": true,
	"comisión": true, "comision": true, "kommission": true, "assembly": true,
	"assemblée": true, "assemblee": true, "asamblea": true, "mesa": true, "cooperative": true, "co-op": true,
	"genossenschaft": true, "coopérative": true, "cooperativa": true,
	"they": true, "they'll": true, "they'd": true, "she'd": true, "he'd": true, "ils": true, "elles": true, "eux": true,
	"ellos": true, "ellas": true, "vets": true, "doctors": true, "ärzte": true, "aerzte": true, "médecins": true,
	"médicos": true, "medicos": true, "mère": true, "mere": true, "hr": true, "rh": true, "rrhh": true,
	"encargado": true, "encargada": true, "capataz": true, "foreman": true, "forewoman": true,
	"vorarbeiter": true, "meister": true, "contremaître": true, "contremaitre": true, "personalabteilung": true,
	"ausschuss": true, "associées": true, "pleno": true, "fd": true, "vicar": true, "maître": true, "maitre": true, "vecinos": true, "propietarios": true, "behörde": true, "behoerde": true, "ministerium": true,
	"ministère": true, "ministere": true, "ministerio": true, "diputación": true, "diputacion": true, "consejería": true, "consejeria": true, "cabinet": true, "cabinets": true, "leiter": true, "officer": true, "chief": true,
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
	// A plural: "los presidentes", "les directeurs", "the GMs".
	if len(w) > 3 && w[len(w)-1] == 's' && deciderWords[w[:len(w)-1]] {
		return true
	}
	if len(w) > 7 {
		// An authority: "Schulamt", "Landratsamt", "Jugendamt" (not
		// "insgesamt").
		if strings.HasSuffix(w, "amt") && !strings.HasSuffix(w, "gesamt") {
			return true
		}
		for _, suf := range []string{"leiter", "leiterin", "leitung", "vorstand", "einkauf", "ausschuss", "direktion",
			"kommission", "versammlung", "gremium", "mutter", "vater",
			// "der Hauptgeschäftsführer", "die Oberbürgermeisterin",
			// "der Vereinspräsident": a compound of a decider.
			"geschäftsführer", "geschäftsführerin", "geschaeftsfuehrer", "geschäftsführung", "geschaeftsfuehrung",
			"bürgermeister", "bürgermeisterin", "buergermeister", "präsident", "präsidentin", "praesident", "vorsitzende", "vorsitzender"} {
			if strings.HasSuffix(w, suf) {
				return true
			}
		}
		// A council: "Stiftungsrat", "Gemeinderat", "Beirat", not "Vorrat".
		for _, suf := range []string{"srat", "derat", "dtrat", "beirat", "enrat", "tsrat"} {
			if strings.HasSuffix(w, suf) {
				return true
			}
		}
	}
	// A hyphenated compound naming one: "Konzern-IT", "IT-Kommission",
	// "owner-physios".
	if i := strings.IndexByte(w, '-'); i > 0 && i < len(w)-1 && !productCompound(w) {
		for _, part := range strings.Split(w, "-") {
			if len(part) > 2 && part != w && isDeciderWord(part) {
				return true
			}
		}
	}
	return false
}

// Who does a deciding verb: subjectOf's answers.
const (
	subjectNone = iota
	subjectWriter
	subjectOther
)

// subjectOf reads who does the deciding verb at [vs, ve) from its clause:
// the writer (a first-person subject: I, we, ich, wir, je, nous, yo,
// nosotros, or a Spanish first-person verb "firmo"), someone else (a
// decider word: boss, board, Herr X, la dirección, a third-person
// pronoun), or neither. It reads the clause's grammar rather than
// distance alone, in four ways that hold in every language:
//   - A verb that routes the decision or names its agent ("goes through",
//     "approved by", "passe par", "validé par", "pasa por", "aprobado
//     por", "muss durch", "genehmigt von") has its decider after it; a
//     first person before it is the buyer, not the decider ("anything we
//     buy has to go through the committee").
//   - Object and prepositional first persons ("for us", "chez nous",
//     "bei uns", "para nosotros", "me") are not subjects before the verb.
//   - A decider introduced by "according to" (laut, selon, según) is a
//     rule's source, not the subject.
//   - Otherwise the nearest subject within eight words wins, a first
//     person on a tie; a first person behind a comma or a "but" belongs
//     to another statement ("I lead the evaluation, but the final call is
//     with our board").
func subjectOf(d *doc, vs, ve int, lang string) (who, noun int, writer string) {
	if ps, pe := prevWord(d.lower, d.clauseStart(vs), vs); ps >= 0 {
		switch d.lower[ps:pe] {
		case "sin", "sans", "without", "ohne":
			return subjectNone, -1, "" // "sin pasar por el directorio"
		}
	}
	c := d.clauseSpan(d.clauseIndex(vs))
	agentFrom, agentAfter := agentVerb(d, vs, ve, c[1])
	bestNoun, nounDist := -1, 9
	writerDist := 99
	// visit weighs the word at [ws, we), dist words from the verb.
	visit := func(ws, we, dist int, before bool) {
		if isWriterSubject(d, c[0], ws, we, lang, before) && dist < writerDist {
			writerDist, writer = dist, d.lower[ws:we]
		}
		if dist < nounDist && isDecider(d, c[0], ws, we) && !sourceOnly(d, c[0], ws) {
			bestNoun, nounDist = ws, dist
		}
	}
	// Words before the verb, nearest first, then after it.
	crossed, infinitive := false, false
	for p, dist := vs, 1; !agentAfter && p > c[0] && dist <= 12; dist++ {
		ws, we := prevWord(d.lower, c[0], p)
		if ws < 0 {
			break
		}
		switch w := d.lower[ws:we]; {
		case w == "to" || w == "pour" || w == "zu" || w == "para" || w == "de" || w == "d'":
			infinitive = true
		case infinitive && !crossed && (w == "me" || w == "mir" || w == "mich" || strings.HasPrefix(w, "m'")) && dist < nounDist:
			// "the owners gave me full authority to choose", "la
			// direction m'a donné carte blanche pour choisir": the
			// infinitive's subject is its object, the writer; who
			// decides is then not this verb's to tell.
			return subjectWriter, -1, "obj"
		}
		if strings.IndexByte(d.lower[we:p], ',') >= 0 {
			crossed = true
		}
		if crossed && writerWords[d.lower[ws:we]] {
			p = ws
			continue
		}
		visit(ws, we, dist, true)
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
		if agentAfter {
			// A route's or a passive's decider is its object, right
			// after it: not "they" in "customers go through three
			// screens before they can pay".
			if ws >= agentFrom && routeEnds[d.lower[ws:we]] {
				break
			}
			if ws >= agentFrom && len(strings.Fields(d.lower[agentFrom:ws])) >= 5 {
				break
			}
			if ws < agentFrom {
				p = we
				continue
			}
		}
		visit(ws, we, dist, false)
		p = we
	}
	if firstPersonVerb(d, vs, ve, lang) && (bestNoun < 0 || spanishFirstPerson(d.lower[vs:ve])) {
		writerDist, writer = 0, "i" // "firmo yo", "decido", "selbst unterschreiben"
	}
	switch {
	case writerDist < 99 && writerDist <= nounDist:
		return subjectWriter, -1, writer
	case bestNoun < 0:
		return subjectNone, -1, ""
	case d.negatedBefore(bestNoun) || authNegatedLang(d, bestNoun):
		return subjectNone, -1, ""
	}
	return subjectOther, bestNoun, ""
}

// agentVerb reports a deciding verb whose decider comes after it: a route
// ("goes through", "passe par", "pasa por", "muss durch") or a passive
// with its agent ("approved by", "validé par", "aprobado por",
// "genehmigt von", "awarded after a tender by"). from is where the
// decider's noun phrase starts (after the route or the "by").
func agentVerb(d *doc, vs, ve, hi int) (from int, ok bool) {
	v := d.lower[vs:ve]
	for _, suf := range []string{" through", " by", " par", " por", " durch", " via", " von", " über", " ueber"} {
		if strings.HasSuffix(v, suf) {
			return ve, true
		}
	}
	// A participle followed by its agent within four words.
	if !strings.HasSuffix(v, "ed") && !strings.HasSuffix(v, "é") && !strings.HasSuffix(v, "ée") &&
		!strings.HasSuffix(v, "ado") && !strings.HasSuffix(v, "ada") && !strings.HasPrefix(v, "ge") {
		return 0, false
	}
	for p, n := ve, 0; n < 5; n++ {
		ws, we := nextWord(d.lower, p, hi)
		if ws < 0 {
			return 0, false
		}
		switch d.lower[ws:we] {
		case "by", "par", "por", "von", "vom", "durch":
			return we, true
		}
		p = we
	}
	return 0, false
}

// routeEnds are the words that end a route's object: "customers go
// through three screens before they pay" names no decider.
var routeEnds = map[string]bool{
	"before": true, "after": true, "and": true, "so": true, "because": true, "when": true, "to": true,
	"bevor": true, "nachdem": true, "und": true, "weil": true, "wenn": true, "avant": true, "après": true,
	"et": true, "parce": true, "quand": true, "antes": true, "después": true, "y": true, "porque": true,
	"cuando": true,
}

// partWord reports a match that ends inside a noun: "valideurs" is no
// "valide", "signatures" no "signa". Other continuations are verb endings
// the alternation stopped short of ("tranchera", "validera").
func partWord(d *doc, end int) bool {
	if end <= 0 || end >= len(d.lower) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(d.lower[:end])
	next, _ := utf8.DecodeRuneInString(d.lower[end:])
	if !unicode.IsLetter(prev) || !unicode.IsLetter(next) {
		return false
	}
	we := end
	for we < len(d.lower) && isAuthWordByte(d.lower[we]) {
		we++
	}
	w := d.lower[:we]
	for _, suf := range []string{"eur", "eurs", "euse", "euses", "ment", "ments", "ures", "ure"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// spanishFirstPerson reports a Spanish deciding verb in the first person
// singular.
func spanishFirstPerson(v string) bool {
	switch v {
	case "firmo", "decido", "apruebo", "autorizo", "elijo", "adjudico", "resuelvo":
		return true
	}
	return false
}

// isWriterSubject reports a first-person word at [ws, we) that can be the
// subject of a deciding verb. Before the verb, object and prepositional
// forms are not ("for us", "chez nous", "bei uns", "para nosotros");
// after it they are the decider a route or a "with" names ("it sits with
// me", "goes through me").
func isWriterSubject(d *doc, lo, ws, we int, lang string, before bool) bool {
	w := d.lower[ws:we]
	if !writerWords[w] || w == "on" && lang != LangFrench {
		return false
	}
	if !before {
		return true
	}
	switch w {
	case "me", "us", "mir", "mich", "moi", "mí", "myself":
		// "c'est moi qui valide", "it's me who signs": a cleft's subject.
		ns, ne := nextWord(d.lower, we, len(d.lower))
		return ns >= 0 && (d.lower[ns:ne] == "qui" || d.lower[ns:ne] == "who" || d.lower[ns:ne] == "quien" || d.lower[ns:ne] == "que")
	case "nous", "nosotros", "uns":
		if ps, pe := prevWord(d.lower, lo, ws); ps >= 0 {
			switch d.lower[ps:pe] {
			case "chez", "pour", "avec", "para", "con", "entre", "de", "à", "a", "por", "bei", "für":
				return false
			}
		}
	}
	return true
}

// sourceOnly reports a decider word introduced as the source of a rule,
// not its subject: "laut Träger", "selon la direction", "según la
// normativa del jefe", "according to our CFO".
func sourceOnly(d *doc, lo, ws int) bool {
	p := ws
	for k := 0; k < 2; k++ {
		ps, pe := prevWord(d.lower, lo, p)
		if ps < 0 {
			return false
		}
		switch d.lower[ps:pe] {
		case "laut", "selon", "según", "segun", "per":
			return true
		case "to":
			if as, ae := prevWord(d.lower, lo, ps); as >= 0 && d.lower[as:ae] == "according" {
				return true
			}
		}
		p = ps
	}
	return false
}

// firstPersonVerb reports a Spanish deciding verb in the first person
// singular ("firmo", "decido", "apruebo", "autorizo", "elijo"), which
// needs no pronoun, and a verb done by the writer's own hand ("selbst
// unterschreiben", "sign it myself", "je signe moi-même").
func firstPersonVerb(d *doc, vs, ve int, lang string) bool {
	if (lang == LangSpanish || lang == "") && spanishFirstPerson(d.lower[vs:ve]) {
		return true
	}
	lo, hi := d.clauseStart(vs), d.clauseEnd(vs)
	own := func(w string) bool {
		switch w {
		case "selbst", "selber", "myself", "personally", "moi-même", "moi-meme", "mismo", "misma", "personalmente":
			return true
		}
		return false
	}
	if ps, pe := prevWord(d.lower, lo, vs); ps >= 0 && own(d.lower[ps:pe]) {
		return true
	}
	for p, n := ve, 0; n < 3; n++ {
		ws, we := nextWord(d.lower, p, hi)
		if ws < 0 {
			break
		}
		if own(d.lower[ws:we]) {
			return true
		}
		p = we
	}
	return false
}

// isDecider reports whether the word at [ws, we) names someone else who
// decides: a decider word that is a pronoun, follows a determiner or
// possessive ("our GM", "la directora") or is capitalised as a name of a
// role ("Principal Madam", "City Council"), and is not the writer's own
// title ("I'm the CFO").
func isDecider(d *doc, lo, ws, we int) bool {
	w := d.lower[ws:we]
	if w == "humanos" {
		// "Recursos Humanos tiene que aprobarlo".
		ps, pe := prevWord(d.lower, lo, ws)
		return ps >= 0 && d.lower[ps:pe] == "recursos"
	}
	if w == "office" {
		// "head office dictates", "the main office approves".
		ps, pe := prevWord(d.lower, lo, ws)
		return ps >= 0 && (d.lower[ps:pe] == "head" || d.lower[ps:pe] == "main" || d.lower[ps:pe] == "central")
	}
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
		"procurement", "purchasing", "finance", "management", "leadership", "corporate", "hq", "upper",
		"they", "they'll", "they'd", "she'd", "he'd", "ils", "elles", "eux", "ellos", "ellas", "hr", "rh", "rrhh",
		// Bodies named without an article: "votes en assemblée générale".
		"assembly", "assemblée", "assemblee", "asamblea":
		pronoun = true
	}
	r, _ := utf8.DecodeRuneInString(d.clean[ws:])
	determined := pronoun || unicode.IsUpper(r)
	p := ws
	for k := 0; k < 3; k++ {
		ps, pe := prevWord(d.lower, lo, p)
		if ps < 0 || strings.IndexByte(d.lower[pe:p], ',') >= 0 {
			// "Ich bin Referentin, mein Bereichsleiter hat das
			// abgesegnet": the title before the comma is the writer's,
			// the decider after it someone else.
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

// isAuthWordByte reports a byte that belongs to a word for subjectOf:
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
			switch d.lower[m[0]:m[1]] {
			case "approved", "awarded", "authorised", "authorized", "voté", "votée", "votés", "votées":
				if _, ok := agentVerb(d, m[0], m[1], d.clauseEnd(m[0])); !ok {
					continue // "our boss approved the overtime": a past event, no agent
				}
			}
			if partWord(d, m[1]) {
				continue // "valideurs" is no "valide"
			}
			who, noun, writer := subjectOf(d, m[0], m[1], lang)
			if who == subjectWriter && writerDecides(d, m[0], m[1], writer) && !writerDenied(d, m[0], m[1], writer) {
				cands = append(cands, authCand{
					a:   Authority{Level: LevelDecisionMaker, Confidence: 0.85, Evidence: d.snippet(d.clauseStart(m[0]), m[1])},
					pos: m[0], own: true,
				})
				continue
			}
			if who == subjectWriter && writerDenied(d, m[0], m[1], writer) {
				cands = append(cands, authCand{
					a:   Authority{Level: LevelDefers, Confidence: 0.8, Evidence: d.snippet(d.clauseStart(m[0]), m[1])},
					pos: m[0],
				})
				continue
			}
			if who != subjectOther {
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

// ownDecisionVerb finds the verbs whose first-person subject decides:
// deciding, signing, approving, settling (not choosing, paying, voting or
// a route, which a buyer or an evaluator also does).
var ownDecisionVerb = []string{"decid", "décid", "entscheid", "sign", "firm", "unterschreib", "unterzeichn",
	"approv", "aprob", "aprueb", "genehmig", "freigeb", "gibt", "valid", "tranch", "autori", "final call",
	"choos", "pick", "elij", "escoj", "choisi", "wähl", "waehl",
	"final say", "last word", "letzte wort", "dernier mot", "ltima palabra", "make the call", "makes the call"}

// writerDecides reports a deciding verb at [vs, ve) whose subject is the
// writer alone (I, ich, je, yo, "firmo", "selbst unterschreiben"; not
// "we", which may be a team the writer only belongs to), stated as a fact:
// not negated ("I can't sign" defers elsewhere), not a condition or a
// question ("if I sign up", "before I decide", "wenn ich unterschreibe"),
// not a wish to be helped ("help me decide"), and a verb of deciding.
func writerDecides(d *doc, vs, ve int, writer string) bool {
	switch writer {
	case "i", "i'll", "i'd", "i'm", "ich", "je", "j'ai", "yo", "me", "moi", "mí":
	default:
		return false
	}
	v := d.lower[vs:ve]
	if strings.Contains(v, "sign up") || strings.Contains(v, "signup") {
		return false
	}
	ok := false
	for _, stem := range ownDecisionVerb {
		if strings.Contains(v, stem) {
			ok = true
			break
		}
	}
	if !ok || d.negatedBefore(vs) || authNegatedLang(d, vs) || approvalLimit(d, ve) {
		return false // a signing limit ("I can approve up to 20k") is no decision
	}
	lo := d.clauseStart(vs)
	if strings.Contains(d.lower[lo:vs], "?") || strings.HasPrefix(strings.TrimSpace(d.lower[ve:min(len(d.lower), ve+2)]), "?") {
		return false
	}
	for p, n := vs, 0; n < 6; n++ {
		ps, pe := prevWord(d.lower, lo, p)
		if ps < 0 {
			break
		}
		switch d.lower[ps:pe] {
		case "if", "before", "once", "when", "whether", "help", "helps", "wenn", "falls", "bevor", "ob", "sobald",
			"si", "avant", "quand", "lorsque", "antes", "cuando", "hasta", "need", "needs", "brauche", "besoin", "necesito",
			"nicht", "kein", "keine", "ne", "n'", "no", "pas", "not", "never", "nie", "jamais", "nunca", "nadie":
			return false
		}
		p = ps
	}
	return true
}
