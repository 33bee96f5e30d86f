package bant

import "strings"

// Constructions found by grouping fresh French misses by cause, each
// written in the four languages:
//
//   - the writer has (or no longer has) control of the budget or the
//     decision, said with a possession idiom ("j'ai la main sur ce
//     budget", "je n'ai plus la main", "das Budget liegt bei mir", "ich
//     verantworte Auswahl und Vergabe", "I'll make the decision", "la
//     decisión la tomo yo");
//   - decisions are taken somewhere else, said impersonally ("les
//     décisions se prennent au siège", "Entscheidungen werden in der
//     Zentrale getroffen", "decisions are made at HQ", "las decisiones se
//     toman en la matriz");
//   - a deciding body named before a relative clause ("à l'assemblée
//     générale, qui votera", "to the board, which decides", "dem
//     Vorstand, der entscheidet", "a la junta, que votará");
//   - the deciding verb put first and the decider after a modal
//     ("bestellen muss mein Chef", "signer, c'est mon patron");
//   - a business the writer keeps ("je tiens la boulangerie avec ma
//     femme", "ich betreibe eine Bäckerei").

var (
	// controlRe finds the writer holding the budget or the decision.
	controlRe = mustPattern(`\bj'ai (?:toute |bien |enti(?:è|e)rement |seul(?:e)? )?la main (?:sur|pour) (?:le |la |les |l'|ce |cet |cette |ces |notre |nos |mon |ma |mes )?(?:\pL+ )?(?:budget|finances|bourse|d(?:é|e)cision|choix|achats?|projet|dossier|investissement|enveloppe|sujet)s?\b` +
		`|\bc'est moi qui ai la main\b` +
		`|\b(?:le|ce|notre) budget (?:est|reste) (?:chez moi|(?:à|a) moi|entre mes mains)` +
		`|\bje suis (?:le |la )?(?:seule? )?responsable (?:du choix|de la d(?:é|e)cision|de la s(?:é|e)lection|de l'enveloppe)\b` +
		`|\b(?:das|dieses|unser|mein|der) (?:budget|etat|topf) (?:liegt|ist|bleibt) (?:\pL+ )?(?:bei mir|in meiner hand)\b` +
		`|\bich verantworte (?:\pL+ ){0,3}?(?:auswahl|vergabe|beschaffung|kaufentscheidung|entscheidung|budget|anschaffung)\b` +
		`|\bich (?:habe|trage) (?:die )?(?:budgethoheit|budgetverantwortung|entscheidungshoheit|entscheidungsbefugnis|entscheidungsgewalt)\b` +
		`|\bi(?:'ll| will| get to| would|'d)? (?:make|take) (?:the|this|that) (?:final |ultimate |purchasing |buying )?(?:decision|call)\b` +
		`|\b(?:the |this |our )?budget (?:is|sits|lies|stays) (?:with me|mine|in my hands)\b` +
		`|\b(?:ich )?(?:zeichne|unterschreibe) (?:das |es |den vertrag |die bestellung )?(?:selbst|selber|allein)\b|\b(?:zeichne|unterschreibe) ich (?:das )?(?:selbst|selber)\b|\bje (?:le )?signe moi-m(?:ê|e)me\b|\blo firmo yo mism[oa]\b` +
		`|\b(?:ich )?mache (?:hier )?alles (?:allein|alleine|selbst|selber)\b|\bi do (?:it )?all (?:myself|on my own)\b|\blo hago todo (?:yo )?(?:sol[oa]|yo)\b` +
		`|\b(?:la decisi(?:ó|o)n|el presupuesto) (?:la |lo )?(?:tomo|llevo|manejo|tengo) yo\b|\byo tomo (?:la|las) decisi(?:ó|o)n(?:es)?\b|\b(?:la decisi(?:ó|o)n|el presupuesto) (?:est(?:á|a) )?en mis manos\b`)

	// lostControlRe finds the writer saying the budget or decision is not
	// (or no longer) in their hands.
	lostControlRe = mustPattern(`\bn'(?:ai|avons) (?:plus|pas) (?:vraiment |du tout )?la main\b` +
		`|\b(?:liegt|ist) (?:nicht mehr|nicht) in meiner hand\b` +
		`|\bi (?:no longer|don't|do not) (?:have|hold|control|own) the budget\b|\b(?:is|are) (?:no longer |not )?out of my hands\b` +
		`|\b(?:ya )?no (?:est(?:á|a) )?en mis manos\b`)

	// elsewhereRe finds decisions taken elsewhere, said impersonally;
	// elsewhereWriter drops the ones the writer takes ("par moi").
	elsewhereRe = mustPattern(`\b(?:d(?:é|e)cisions?|choix|arbitrages?)(?: [^.;\n]{0,40}?)? se (?:prennent|prend|d(?:é|e)cident|d(?:é|e)cide|font|fait|valident|valide|jouent|joue|tranchent|tranche) (?:\pL+ )?(?:au|aux|(?:à|a) la|(?:à|a) l'|chez|par|en haut|plus haut|du c(?:ô|o)t(?:é|e))` +
		`|\b(?:arr(?:ê|e)t(?:é|e)e?s?|d(?:é|e)cid(?:é|e)e?s) par (?:le |la |les |l'|notre |nos )` +
		`|[a-z\pL]*entscheidungen?(?: [^.;\n]{0,40}?)? (?:werden|wird) (?:\pL+ ){0,3}?(?:in der|im|in|bei der|beim|von der|vom|von|durch die|durch den|an der|am) (?:\pL+ ){0,2}?(?:getroffen|gef(?:ä|ae)llt)` +
		`|\bdecisions?(?: [^.;\n]{0,40}?)? (?:are|is|get|gets) (?:\pL+ )?(?:made|taken) (?:at|by|in) (?:the |our )?(?:\pL+ )?(?:hq|headquarters|head office|group|parent company|corporate|board|management|leadership|level)\b` +
		`|\bdecisi(?:ó|o)n(?:es)?(?: [^.;\n]{0,40}?)? se (?:toman?|deciden?) (?:\pL+ )?(?:en|por|desde) (?:la |el |los |las )?(?:sede|central|matriz|casa matriz|direcci(?:ó|o)n|junta|corporativo|grupo|consejo|gerencia|oficina central)`)

	// relDeciderRe finds a body named before a relative clause whose verb
	// decides; group 1 (and the word after it) is checked by
	// isDeciderWord.
	relDeciderRe = mustPattern(`(?:^|\s)(?:à|a|au|aux|devant|to|before|an|vor|dem|der|al|ante|para)\s+(?:l'|la |le |les |notre |nos |the |our |den |die |das |unseren |unsere |el |los |las |nuestra |nuestro )?([\pL-]+)((?: [\pL-]+)?),? (?:qui|which|who|that|der|die|das|que|quien|quienes|la que|el que) (?:\pL+ )?(?:vote|votera|voteront|votent|d(?:é|e)cide|d(?:é|e)cidera|d(?:é|e)cident|d(?:é|e)cideront|tranchera|tranche|validera|valide|choisira|signera|will vote|votes|decides|will decide|will choose|signs|will sign|approves|will approve|entscheidet|abstimmt|beschlie(?:ß|ss)t|entscheiden wird|decide|decidir(?:á|a)|votar(?:á|a)|vota|aprobar(?:á|a)|aprueba|elegir(?:á|a)|prend (?:\pL+ ){0,3}?d(?:é|e)cisions?|prendra (?:\pL+ ){0,3}?d(?:é|e)cisions?|makes? (?:\pL+ ){0,3}?decisions?|trifft (?:\pL+ ){0,3}?entscheidungen?|toma (?:\pL+ ){0,3}?decisi(?:ó|o)n(?:es)?)(?:[^\pL]|$)`)

	// frontVerbRe finds the deciding verb put first and the decider after
	// a modal ("bestellen muss mein Chef"); group 1 is the decider.
	frontVerbRe = mustPattern(`\b(?:bestellen|kaufen|unterschreiben|entscheiden|freigeben|bezahlen|genehmigen|unterzeichnen|absegnen|beauftragen|zahlen) (?:muss|m(?:ü|ue)ssen|wird|werden|tut|darf|d(?:ü|ue)rfen|kann|k(?:ö|oe)nnen) (?:(?:das|es|dann|aber|letztlich|am ende|allerdings|jedoch|leider) )*(?:mein|meine|unser|unsere|der|die|das) ([\pL-]+)` +
		`|\b(?:signer|commander|valider|d(?:é|e)cider|payer|trancher),? c'est (?:mon|ma|notre|le|la|nos|les) ([\pL-]+)` +
		`|\b(?:firmar|comprar|decidir|aprobar|pagar),? (?:lo hace|le toca a|es cosa de|es de) (?:mi|nuestro|nuestra|el|la) ([\pL-]+)`)

	// laterDeciderRe finds the decider named after the deciding verb and
	// a few filler words ("entscheiden werden am Ende die beiden
	// Seniorpartner", "über die Anschaffung entscheidet allerdings der
	// Träger", "le contrat sera signé par notre secrétaire générale", "das
	// Go muss von unserer Personalleiterin kommen", "the go-ahead has to
	// come from our CFO"); the group names the decider, checked by
	// isDeciderWord.
	laterDeciderRe = mustPattern(`\b(?:entscheidet|entscheiden|unterschreibt|unterschreiben|genehmigt|genehmigen|zeichnet|zeichnen|bestellt) (?:werden |wird |muss |m(?:ü|ue)ssen |dann |aber |allerdings |letztlich |am ende |jedoch |leider )*(?:der|die|das|mein|meine|unser|unsere) (?:beiden |zwei |drei )?(?:\pL+ )?([\pL-]+)` +
		`|\b(?:sera|seront|doit (?:(?:ê|e)tre)|devra (?:(?:ê|e)tre)|est) (?:sign(?:é|e)e?s?|valid(?:é|e)e?s?|approuv(?:é|e)e?s?|d(?:é|e)cid(?:é|e)e?s?) par (?:notre|nos|mon|ma|mes|le|la|les|l') ?(?:\pL+ )?([\pL'-]+)` +
		`|\b(?:will|must|has to|have to|needs to|need to) be (?:signed|approved|decided|authori[sz]ed) (?:off )?by (?:our|my|the) (?:\pL+ )?([\pL-]+)` +
		`|\b(?:ser(?:á|a)|tiene que ser|debe ser) (?:firmad|aprobad|autorizad)[oa]s? por (?:nuestro|nuestra|mi|el|la|los|las) (?:\pL+ )?([\pL-]+)` +
		`|\b(?:go|okay|ok|freigabe|zusage|unterschrift|gr(?:ü|ue)ne licht) (?:muss|soll|m(?:ü|ue)sste|wird|kommt) (?:\pL+ ){0,2}?(?:von|vom) (?:unserer|unserem|unseren|meiner|meinem|der|dem|den) (?:\pL+ )?([\pL-]+)` +
		`|\b(?:feu vert|go|accord|aval) (?:doit|devra|viendra) (?:\pL+ )?(?:venir )?(?:de|du|des) (?:notre|nos|mon|ma|la|le|l') ?(?:\pL+ )?([\pL'-]+)` +
		`|\b(?:go-ahead|green light|sign-off|approval) (?:has to|must|will|needs to) (?:\pL+ )?come from (?:our|my|the) (?:\pL+ )?([\pL-]+)` +
		`|\b(?:visto bueno|luz verde|aprobaci(?:ó|o)n) (?:tiene que|debe|va a) venir de (?:nuestro|nuestra|mi|el|la) (?:\pL+ )?([\pL-]+)`)

	// keepBusinessRe finds the writer keeping or running a business
	// ("je tiens la boulangerie", "ich betreibe eine Bäckerei").
	keepBusinessRe = mustPattern(`\b(?:je|on|nous) (?:tiens|tient|tenons) (?:la |le |l'|une |un |ma |mon |notre |nos |les |cette |ce |deux |trois |\d+ )(?:(?:petite?s?|grande?s?|vieille|vieux|modeste|seule?|belle) )?(?:boulangerie|commerce|boutique|magasin|restaurant|bar|caf(?:é|e)|h(?:ô|o)tel|pharmacie|librairie|garage|salon|(?:é|e)picerie|fromagerie|boucherie|charcuterie|p(?:â|a)tisserie|fleuriste|auberge|g(?:î|i)te|camping|pizzeria|cr(?:ê|e)perie|brasserie|bistrot|tabac|pressing|institut|affaire|exploitation|ferme|chambres d'h(?:ô|o)tes)s?\b` +
		`|(?:^|[\s,])(?:ich )?hab(?:e)? (?:ein|eine|einen|zwei|drei|vier|\d+) (?:kleine[sn]? |eigene[sn]? )?(?:wirtshaus|gasthaus|gasthof|caf(?:é|e)|restaurant|laden|gesch(?:ä|ae)ft|salon|friseursalon|studio|hotel|pension|b(?:ä|ae)ckerei|werkstatt|imbiss|kiosk|weingut|betrieb|firma|ferienwohnungen|boutique)(?:[^\pL]|$)` +
		`|\bj'ai (?:un|une|deux|trois|\d+) (?:petite? )?(?:restaurant|salon|boutique|magasin|caf(?:é|e)|bar|h(?:ô|o)tel|g(?:î|i)tes?|boulangerie|commerce|(?:é|e)picerie|garage|ferme|food truck)(?:s|[^\pLs]|$)` +
		`|\b(?:ich|wir) (?:betreibe|betreiben|f(?:ü|ue)hre|f(?:ü|ue)hren) (?:\pL+ )?(?:den|die|das|einen|eine|ein|unseren|unsere|unser|meinen|meine|mein|zwei|drei|\d+) (?:\pL+ )?(?:b(?:ä|ae)ckerei|laden|betrieb|restaurant|hotel|caf(?:é|e)|salon|apotheke|werkstatt|metzgerei|konditorei|gastst(?:ä|ae)tte|kneipe|pension|hof|firma|gesch(?:ä|ae)ft|boutique|studio|buchhandlung|gasthof|imbiss)(?:en|e|s)?\b`)
)

// controlCands adds the readings of the constructions above.
func controlCands(d *doc, cands []authCand) []authCand {
	add := func(level string, conf float64, start, end int, own bool) {
		cands = append(cands, authCand{
			a:   Authority{Level: level, Confidence: conf, Evidence: d.snippet(start, end)},
			pos: start, own: own,
		})
	}
	negated := func(p int) bool { return d.negatedBefore(p) || authNegatedLang(d, p) }
	for _, m := range controlRe.findAll(d) {
		if negated(m[0]) {
			continue
		}
		add(LevelDecisionMaker, 0.85, m[0], m[1], true)
	}
	for _, m := range lostControlRe.findAll(d) {
		add(LevelDefers, 0.85, m[0], m[1], false)
	}
	for _, m := range elsewhereRe.findAll(d) {
		if elsewhereWriter(d, m[1]) || negated(m[0]) {
			continue
		}
		add(LevelDefers, 0.85, m[0], m[1], false)
	}
	for _, m := range relDeciderRe.findAll(d) {
		if negated(m[0]) {
			continue
		}
		w := d.lower[m[2]:m[3]]
		second := strings.TrimSpace(d.lower[m[4]:m[5]])
		if !isDeciderWord(w) && (second == "" || !isDeciderWord(second)) {
			continue
		}
		add(LevelDefers, 0.85, m[0], m[1], false)
	}
	for _, m := range frontVerbRe.findAll(d) {
		for g := 1; g <= 3; g++ {
			if m[2*g] >= 0 && isDeciderWord(d.lower[m[2*g]:m[2*g+1]]) && !negated(m[0]) {
				add(LevelDefers, 0.85, m[0], m[1], false)
				break
			}
		}
	}
	for _, m := range laterDeciderRe.findAll(d) {
		for g := 1; 2*g+1 < len(m); g++ {
			if m[2*g] < 0 || negated(m[0]) {
				continue
			}
			// The decider is the last word or the one before it ("unserer
			// Personalleiterin kommen", "notre directeur").
			ps, pe := prevWord(d.lower, m[0], m[2*g])
			if laterDecider(d.lower[m[2*g]:m[2*g+1]]) || ps >= 0 && laterDecider(d.lower[ps:pe]) {
				add(LevelDefers, 0.85, m[0], m[1], false)
				break
			}
		}
	}
	for _, m := range keepBusinessRe.findAll(d) {
		if negated(m[0]) {
			continue
		}
		add(LevelDecisionMaker, 0.8, m[0], m[1], false)
	}
	return cands
}

// laterDecider reports a decider word, or a German compound naming
// partners or the body that bears the cost ("die beiden Seniorpartner",
// "der Sachaufwandsträger"), which only a deciding verb before it makes
// the decider ("die Kosten trägt der Träger" does not).
func laterDecider(w string) bool {
	return isDeciderWord(w) || len(w) > 8 && (strings.HasSuffix(w, "partner") || strings.HasSuffix(w, "träger") || strings.HasSuffix(w, "traeger"))
}

// elsewhereWriter reports the writer as the agent right after an
// impersonal decision ("werden von mir getroffen", "par moi-même") or a
// decision taken together ("se prennent à deux", "im Team"), which the
// writer takes part in.
func elsewhereWriter(d *doc, end int) bool {
	if ws, we := nextWord(d.lower, end, len(d.lower)); ws >= 0 {
		switch d.lower[ws:we] {
		case "me", "moi", "moi-même", "mir", "mich", "uns", "mí", "mi", "deux", "trois", "plusieurs", "nous", "us":
			return true
		}
	}
	// The agent may precede the past participle in German: "von mir
	// getroffen".
	seg := d.lower[max(end-30, 0):end]
	for _, w := range []string{" mir ", " by me", " par moi", " team", " équipe", " equipe", " equipo", " gemeinsam", " ensemble", " juntos", " together"} {
		if strings.Contains(seg, w) {
			return true // the team the writer is part of decides together
		}
	}
	return false
}
