package bant

import "strings"

// Constructions found by reading how new writers state authority, each in
// the four languages:
//
//   - the decision is someone else's, said with a possessive pronoun ("the
//     final choice will be hers", "le choix final sera le sien", "la
//     decisión será suya", "die Entscheidung liegt bei ihm");
//   - a decider wants the writer's recommendation ("my boss wants a
//     recommendation from me by Friday", "mein Chef will eine Empfehlung
//     von mir"): the writer recommends, the boss decides;
//   - the writer prepares a proposal for a decider ("I'm preparing a
//     business case for the board", "erarbeite zuhanden der Spitalleitung
//     einen Antrag", "une note pour le comité de direction");
//   - a form field names the decider ("Decision: Procurement Committee",
//     "Entscheidung: Vorstandssitzung am 12.06.");
//   - the writer writes for a person named with an honorific ("on behalf of Mr.
//     Tanaka", "im Auftrag von Frau Dr. Roth", "de la part de M. Benali",
//     "en nombre del Sr. Errázuriz"): an assistant, and that person decides;
//   - the writer holds the money ("I hold the purse strings", "je tiens
//     les cordons de la bourse", "ich bin der, der das Geld hergibt",
//     "manejo el presupuesto", "für das Budget zuständig");
//   - partners counted ("on est 3 associés", "somos 3 socios", "we're two
//     partners") and a business of one's own named after its noun
//     ("consultorio propio"), or working alone ("seul à bosser").

var (
	// possDeferRe finds a decision that is his, hers or theirs.
	possDeferRe = mustPattern(`\b(?:decision|call|choice|say|final word|last word)s? (?:is|will be|'ll be|would be|remains|rests|lies) (?:all )?(?:his|hers|theirs|with (?:him|her|them))\b` +
		`|\b(?:d(?:é|e)cision|choix|dernier mot|arbitrage|validation)(?: finale?| d(?:é|e)finitive?)? (?:sera|serait|est|reste|restera|lui revient|leur revient)\s*(?:la sienne|le sien|la leur|le leur|(?:à|a) (?:lui|elle|eux))` +
		`|\b(?:d(?:é|e)cision|choix|dernier mot|validation)(?: finale?)? (?:lui|leur) (?:revient|reviendra|appartient|appartiendra)\b` +
		`|\b(?:es|ser(?:á|a)|ser(?:í|i)a) cosa (?:suya|de (?:él|ella|ellos))\b|\bc'est (?:son|leur) affaire\b|\bce (?:sera|serait) (?:(?:à|a) (?:lui|elle|eux) de (?:d(?:é|e)cider|trancher|voir)|son choix|leur choix)|\b(?:ist|w(?:ä|ae)re) (?:dann )?(?:seine|ihre) (?:sache|entscheidung)\b` +
		`|\b(?:decisi(?:ó|o)n|elecci(?:ó|o)n)(?: final| definitiva)? (?:es|ser(?:á|a)|ser(?:í|i)a|queda|quedar(?:á|a)) (?:suya|de (?:él|ella|ellos)|en (?:sus|manos de (?:él|ella)))` +
		`|\b(?:[a-z]*entscheidung|[a-z]*entscheid|letzte wort) (?:liegt|ist|bleibt|trifft|l(?:ä|ae)ge) (?:\pL+ )?(?:bei (?:ihm|ihr|ihnen)|seine|ihre|seiner|ihrer)\b`)

	// recoFromMeRe finds a recommendation asked of the writer; a decider
	// named before it in the clause (recoDecider) makes it a deferral.
	recoFromMeRe = mustPattern(`\b(?:recommendation|shortlist|proposal)s? (?:\pL+ ){0,3}?from me\b` +
		`|\b(?:empfehlung|vorauswahl|entscheidungsvorlage|einsch(?:ä|ae)tzung) (?:\pL+ ){0,3}?von mir\b` +
		`|\b(?:recommandation|pr(?:é|e)conisation|s(?:é|e)lection|avis) (?:\pL+ ){0,3}?(?:de ma part|de moi)` +
		`|\b(?:recomendaci(?:ó|o)n|propuesta|selecci(?:ó|o)n) (?:\pL+ ){0,3}?(?:de mi parte|m(?:í|i)a\b)`)

	// forDeciderRe finds a proposal prepared for a decider; the free word
	// after the determiner is checked by isDeciderWord.
	forDeciderRe = mustPattern(`\b(?:a|the|my|our) (?:\pL+ )?(?:proposal|business case|recommendation|report|memo|paper|shortlist) (?:\pL+ ){0,2}?(?:for|to) (?:the|our|my) ((?:[\pL-]+ )?[\pL'-]+)` +
		`|\b(?:einen|eine|den|die|meine|meinen) (?:\pL+ )?(?:antrag|vorlage|entscheidungsvorlage|beschlussvorlage|empfehlung|vorauswahl) (?:\pL+ ){0,2}?(?:f(?:ü|ue)r|an|zuhanden) (?:den|die|das|der|dem|unsere[nmr]?|unser|meine[nmr]?|mein) ((?:[\pL-]+ )?[\pL-]+)` +
		`|\bzuhanden (?:des|der|unseres|unserer|meines|meiner) ((?:[\pL-]+ )?[\pL-]+)` +
		`|\b(?:une|un|la|le|ma|mon|notre) (?:\pL+ )?(?:note|dossier|proposition|recommandation|comparatif|synth(?:è|e)se) (?:\pL+ ){0,2}?(?:pour|(?:à|a)) (?:le|la|l'|notre|mon|ma|nos|les) ?((?:[\pL-]+ )?[\pL'-]+)` +
		`|\b(?:una|un|la|el|mi|nuestra|nuestro) (?:\pL+ )?(?:propuesta|informe|recomendaci(?:ó|o)n|comparativa) (?:\pL+ ){0,2}?(?:para|a) (?:el|la|los|las|nuestro|nuestra|mi|al) ((?:[\pL-]+ )?[\pL-]+)`)

	// decisionFieldRe finds a form field naming who decides.
	decisionFieldRe = mustPattern(`(?:^|\n)\s*[-*•]?\s*(?:decision(?: maker| by)?|decided by|approval|approver|sign[- ]?off|entscheidung|entscheider|freigabe|genehmigung|d(?:é|e)cision|d(?:é|e)cideur|validation|attribution|decisi(?:ó|o)n|aprobaci(?:ó|o)n|adjudicaci(?:ó|o)n)\s*:\s*`)

	// behalfRe finds the writer writing for a named person or a decider;
	// behalfOf checks what follows.
	behalfRe = mustPattern(`\b(?:on behalf of|writing for|im auftrag (?:von|des|der|unseres|unserer|meines|meiner)|in vertretung (?:von|f(?:ü|ue)r)|de la part d[e']|au nom d[e']|pour le compte d[e']|en nombre d(?:el|e)|de parte d(?:el|e)|a nombre d(?:el|e))\s*`)

	// moneyHolderRe finds the writer holding the money or the budget.
	moneyHolderRe = mustPattern(`\bje (?:tiens|d(?:é|e)tiens|contr(?:ô|o)le|g(?:è|e)re) (?:les cordons de la bourse|le budget|les finances)\b|\bj'ai la main sur (?:le budget|les finances|la bourse)\b|\bc'est moi qui (?:tiens|d(?:é|e)tiens|g(?:è|e)re) (?:les cordons|le budget)` +
		`|\bje suis (?:le |la )?(?:seule? )?responsable (?:du budget|de (?:l'achat|cet achat|ce projet d'achat))\b` +
		`|\bich (?:verwalte|kontrolliere|verantworte|halte|habe die hand auf) (?:das|den|dem) (?:budget|geld|geldbeutel)\b|\bich bin (?:der|die)(?:jenige)?,? (?:der|die) (?:das |des |die )?(?:geld|budget|kohle|rechnung)` +
		`|\b(?:ich bin|bin ich) (?:\pL+ ){0,3}?f(?:ü|ue)r (?:das|den|die) (?:budget|einkauf|kaufentscheidung|beschaffung) (?:zust(?:ä|ae)ndig|verantwortlich)\b` +
		`|\b(?:manejo|controlo|gestiono|administro|llevo) (?:el|la|los) (?:presupuesto|chequera|dinero|fondos)\b|\bsoy (?:el |la )?(?:(?:ú|u)nic[oa] )?responsable del presupuesto\b|\bel presupuesto (?:lo (?:manejo|controlo|llevo) yo|es m(?:í|i)o|depende de m(?:í|i))` +
		`|\beu decido\b`)

	// partnersRe finds partners or owners counted ("on est 3 associés").
	partnersRe = mustPattern(`\bwe(?:'re| are) (?:two|three|four|five|\d+) (?:co-?founders|co-?owners|partners|founders|owners)\b` +
		`|\bwir sind (?:zwei|drei|vier|f(?:ü|ue)nf|\d+) (?:gesellschafter|partner|inhaber|gr(?:ü|ue)nder|mitinhaber)` +
		`|\b(?:on est|nous sommes) (?:deux|trois|quatre|cinq|\d+) (?:associ(?:é|e)|co-?fondat|fondat|g(?:é|e)rant|co-?g(?:é|e)rant)` +
		`|\bsomos (?:dos|tres|cuatro|cinco|\d+) (?:socios|socias|due(?:ñ|n)os|fundadores|cofundadores)\b`)

	// gatherRe finds the writer gathering information or options: an
	// evaluator ("estoy recopilando información para un informe", "je
	// rassemble des infos", "ich trage Informationen zusammen").
	gatherRe = mustPattern(`\b(?:estoy|ando) (?:recopilando|recabando|reuniendo|juntando) (?:informaci(?:ó|o)n|info|opciones|propuestas|herramientas|proveedores|soluciones)` +
		`|\bje (?:rassemble|recueille|collecte|compile) (?:des |les )?(?:informations|infos|options|offres|solutions)\b` +
		`|\bich (?:trage|stelle) (?:gerade )?(?:informationen|infos|angebote|optionen|l(?:ö|oe)sungen) zusammen\b` +
		`|\bi(?:'m| am) (?:collecting|compiling|pulling together) (?:info|information|options|quotes)\b` +
		`|\bich (?:schaue|schau|sehe) mir (?:gerade |mal |aktuell |zurzeit )?(?:an|um)\b|\bich (?:sehe|schaue) mich (?:gerade |mal |aktuell )?um\b|\bich informiere mich\b` +
		`|\b(?:estoy|ando) (?:mirando|viendo|explorando|investigando) (?:opciones|herramientas|soluciones|proveedores|alternativas|qu(?:é|e) hay)`)

	// ownUseRe finds the writer using it themselves ("lo uso yo", "je
	// l'utilise moi-même", "ich nutze es selbst", "I use it myself").
	ownUseRe = mustPattern(`\b(?:lo|la) (?:uso|usar(?:í|i)a|utilizo) yo\b|\bje l'utilise(?:rai)? moi-m(?:ê|e)me\b|\bich (?:nutze|benutze|verwende) (?:es|das|die app|das tool) (?:selbst|selber|privat)\b|\bi(?:'d| would)? use it myself\b`)

	// ownCallRe finds the writer taking the decision after their title
	// ("I'm the HR Director and will make the final call", "Ich bin
	// Personalleiterin und treffe die Entscheidung selbst", "et je prends
	// la décision", "y tomo la decisión yo"): first-person verbs.
	ownCallRe = mustPattern(`\bi(?:'m| am) [^.;\n]{0,60}? and (?:will |'ll |also )?(?:make|take) the (?:final |ultimate )?(?:call|decision)\b` +
		`|\b(?:und|,) treffe (?:die |diese |auch die )?(?:finale |letzte |endg(?:ü|ue)ltige )?entscheidung\b` +
		`|\bje (?:prends|prendrai) (?:seule? )?(?:la|les) d(?:é|e)cisions?\b` +
		`|\b(?:tomo|tomar(?:é|e)) (?:yo )?(?:la|las) decisi(?:ó|o)n` +
		`|\b(?:decision|d(?:é|e)cision|decisi(?:ó|o)n|entscheidung|decide|decidimos|d(?:é|e)cidons|entscheiden)[^.;\n]{0,40}?\b(?:between|entre|zwischen) [^.;\n]{1,40}? (?:and me|and myself|et moi|y yo|und mir)\b`)

	// notMineRe finds the writer saying they do not decide or sign, said
	// plainly ("yo no decido nada", "je n'ai aucun pouvoir de signature",
	// "je n'ai pas la main sur la signature", "ich unterschreibe nicht").
	notMineRe = mustPattern(`\b(?:yo )?no (?:decido|firmo|apruebo)\b` +
		`|\bn'(?:ai|avons|a) (?:pas|aucun|aucune) (?:de |la |le )?(?:(?:d(?:é|e)l(?:é|e)gation|pouvoir) de signature|main sur (?:la signature|le budget|la d(?:é|e)cision))` +
		`|\bich (?:unterschreibe|entscheide|genehmige) (?:das |es |hier )?nicht\b` +
		`|\bi (?:don't|do not) (?:decide|sign|approve) (?:anything|it|the contract|contracts)?\b`)

	// studyRe finds research for a thesis or school project: a student's
	// own work, not an evaluation for a buyer.
	studyRe = mustPattern(`\b(?:thesis|dissertation|school project|term paper|bachelorarbeit|masterarbeit|projektarbeit|hausarbeit|seminararbeit|abschlussarbeit|m(?:é|e)moire|th(?:è|e)se|tfg|tfm|tesis|trabajo de fin de (?:grado|m(?:á|a)ster))\b`)

	// aloneRunRe finds the writer running a business alone ("je gère seul
	// mon food truck", "ich führe allein ein kleines Übersetzungsbüro",
	// "llevo sola la tienda", "my freelance design business").
	aloneRunRe = mustPattern(`\bje (?:g(?:è|e)re|tiens|fais tourner) seule? (?:mon|ma|le|la|l'|une?) ` +
		`|\bich (?:f(?:ü|ue)hre|betreibe|leite|mache) (?:allein|alleine|selbst|selbstst(?:ä|ae)ndig) (?:ein|eine|einen|mein|meine|meinen|das|die|den) ` +
		`|\b(?:llevo|gestiono|manejo|atiendo) (?:yo )?sol[oa] (?:el|la|mi|un|una) ` +
		`|\bmy (?:\pL+ )?(?:freelance|one-person|solo|one-man|one-woman) (?:\pL+ )?(?:business|practice|studio|shop|agency|company)\b|(?:^|[.!] )just me[.!]`)

	// ownAfterRe finds a business of one's own named after its noun
	// ("consultorio propio", "cabinet à moi") or the writer working alone.
	ownAfterRe = mustPattern(`\b(?:empresa|negocio|consultorio|cl(?:í|i)nica|despacho|taller|tienda|restaurante|agencia|estudio|local|farmacia|bar|hotel) propi[oa]\b` +
		`|(?:^|[^\pL])seule? (?:(?:à|a) (?:tout )?(?:bosser|travailler|g(?:é|e)rer|faire)|dans (?:ma|la) bo(?:î|i)te)|\bje bosse seule?\b`)
)

// recoDecider reports a decider word before p in its clause.
func recoDecider(d *doc, p int) bool {
	lo := d.clauseStart(p)
	for n := 0; n < 10; n++ {
		ws, we := prevWord(d.lower, lo, p)
		if ws < 0 {
			return false
		}
		if isDecider(d, lo, ws, we) {
			return true
		}
		p = ws
	}
	return false
}

// honorifics open a named person's name.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "herr": true, "herrn": true,
	"frau": true, "m": true, "mme": true, "monsieur": true, "madame": true, "me": true, "sr": true,
	"sra": true, "srta": true, "don": true, "doña": true, "dona": true, "señor": true, "señora": true,
	"senor": true, "senora": true, "ing": true, "lic": true,
}

// behalfOf reports a person named with an honorific at p ("Mr. Tanaka",
// "Frau Prof. Dr. Hartmann", "M. Benali", "Sr. Errázuriz"): an assistant
// writing for their principal, who decides. "On behalf of my manager"
// stays an influencer (the spec: acting for someone without saying who
// decides).
func behalfOf(d *doc, p int) bool {
	ws, we := nextWord(d.lower, p, d.clauseEnd(p))
	return ws >= 0 && ws <= p+2 && honorifics[d.lower[ws:we]]
}

// fieldDecider reports a decider among the first four words after p, or
// a German compound that starts with one ("Vorstandssitzung").
func fieldDecider(d *doc, p int) bool {
	end := d.clauseEnd(p)
	for n := 0; n < 4; n++ {
		ws, we := nextWord(d.lower, p, end)
		if ws < 0 {
			return false
		}
		w := d.lower[ws:we]
		if isDeciderWord(w) || extraDeciders[w] {
			return true
		}
		for _, pre := range []string{"vorstand", "geschäftsführ", "geschaeftsfuehr", "geschäftsleitung", "aufsichtsrat", "gemeinderat", "stadtrat", "verwaltungsrat"} {
			if strings.HasPrefix(w, pre) {
				return true
			}
		}
		p = we
	}
	return false
}

// fieldWriter reports the writer among the first three words after p:
// "Decision maker: me", "Entscheider: ich selbst".
func fieldWriter(d *doc, p int) bool {
	end := d.clauseEnd(p)
	for n := 0; n < 3; n++ {
		ws, we := nextWord(d.lower, p, end)
		if ws < 0 {
			return false
		}
		switch d.lower[ws:we] {
		case "me", "myself", "i", "ich", "moi", "yo", "mí", "mi":
			return true
		}
		p = we
	}
	return false
}

// moreCands adds the readings of the constructions above.
func moreCands(d *doc, cands []authCand) []authCand {
	add := func(level string, conf float64, start, end int, own bool) {
		cands = append(cands, authCand{
			a:   Authority{Level: level, Confidence: conf, Evidence: d.snippet(start, end)},
			pos: start, own: own,
		})
	}
	negated := func(p int) bool { return d.negatedBefore(p) || authNegatedLang(d, p) }
	for _, m := range possDeferRe.findAll(d) {
		if !negated(m[0]) {
			add(LevelDefers, 0.85, m[0], m[1], false)
		}
	}
	for _, m := range recoFromMeRe.findAll(d) {
		if !negated(m[0]) && recoDecider(d, m[0]) {
			add(LevelDefers, 0.8, m[0], m[1], false)
		}
	}
	for _, m := range forDeciderRe.findAll(d) {
		w := ""
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 {
				w = d.lower[m[g]:m[g+1]]
			}
		}
		named := false
		for _, f := range strings.Fields(w) {
			named = named || isDeciderWord(f) || extraDeciders[f]
		}
		if named && !negated(m[0]) {
			add(LevelDefers, 0.8, m[0], m[1], false)
		}
	}
	for _, m := range decisionFieldRe.findAll(d) {
		switch {
		case fieldWriter(d, m[1]):
			add(LevelDecisionMaker, 0.85, m[1], d.clauseEnd(m[1]), true) // "Decision maker: me (owner)"
		case fieldDecider(d, m[1]):
			add(LevelDefers, 0.85, m[1], d.clauseEnd(m[1]), false)
		}
	}
	for _, m := range behalfRe.findAll(d) {
		if behalfOf(d, m[1]) && !negated(m[0]) {
			add(LevelDefers, 0.8, m[0], min(m[1]+20, d.clauseEnd(m[1])), false)
		}
	}
	for _, m := range moneyHolderRe.findAll(d) {
		if !negated(m[0]) {
			add(LevelDecisionMaker, 0.9, m[0], m[1], true)
		}
	}
	for _, m := range partnersRe.findAll(d) {
		if !negated(m[0]) {
			add(LevelDecisionMaker, 0.8, m[0], m[1], false)
		}
	}
	for _, m := range gatherRe.findAll(d) {
		if !negated(m[0]) {
			// Above a user's signature title, below an owner's.
			add(LevelInfluencer, 0.58, m[0], m[1], false)
		}
	}
	for _, m := range ownUseRe.findAll(d) {
		if !negated(m[0]) {
			add(LevelUser, 0.65, m[0], m[1], false)
		}
	}
	for _, m := range ownCallRe.findAll(d) {
		if !negated(m[0]) {
			add(LevelDecisionMaker, 0.85, m[0], m[1], true)
		}
	}
	for _, m := range notMineRe.findAll(d) {
		add(LevelDefers, 0.85, m[0], m[1], false)
	}
	if ms := studyRe.findAll(d); len(ms) > 0 {
		// Research for a thesis is the student's own work: their
		// comparing is no evaluation for a buyer, and a stated title
		// ("I'm a student") keeps its evidence.
		for i := range cands {
			if cands[i].a.Level == LevelInfluencer {
				cands[i].a.Confidence = min(cands[i].a.Confidence, 0.5)
			}
		}
		add(LevelUser, 0.55, ms[0][0], ms[0][1], false)
	}
	for _, m := range aloneRunRe.findAll(d) {
		if !negated(m[0]) {
			add(LevelDecisionMaker, 0.8, m[0], m[1], false)
		}
	}
	for _, m := range ownAfterRe.findAll(d) {
		if !negated(m[0]) {
			add(LevelDecisionMaker, 0.8, m[0], m[1], false)
		}
	}
	return cands
}
