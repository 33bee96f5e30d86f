package bant

// The writer's own standing, said in ways titles and deciding verbs do not
// cover, in the four languages: authority delegated to the writer ("full
// authority to select", "carte blanche", "Vollmacht", "carta blanca"), a
// budget of their own ("out of my own budget line", "eigene Kostenstelle",
// "partida propia"), running an organisation ("I own and run", "je dirige
// une ONG"), sitting on its executive board ("Mitglied der
// Geschäftsleitung"); research the writer was given to do ("given the job
// of comparing", "soll eine Marktübersicht erstellen", "ma tutrice m'a
// demandé de lister", "me pidió comparar"); and an individual
// contributor's own work ("ich bin im Außendienst", "dev front ici").

var (
	// ownAuthRe finds authority delegated to the writer and a budget of
	// their own.
	ownAuthRe = mustPattern(`\b(?:full|sole|final|complete) (?:authority|mandate|power) to (?:select|sign|contract|choose|decide|buy|purchase|pick|award)\b|\b(?:free hand|carte blanche|free rein)\b|\b(?:my|our) own (?:budget|cost cent(?:er|re)|p&l)\b|\bout of my (?:own )?budget\b` +
		`|\bvollmacht\b|\bfreie hand\b|\b(?:eine |meine |unsere )?eigene(?:n)? (?:kostenstelle|budgetlinie|etat)\b` +
		`|\bplein(?:s)? pouvoir(?:s)?\b|\bmandat pour (?:choisir|signer|s(?:é|e)lectionner|contracter)\b|\b(?:mon|notre) propre budget\b|\b(?:ma|notre) propre enveloppe\b` +
		`|\bcarta blanca\b|\bplenos poderes\b|\bmano libre\b|\b(?:partida|presupuesto) propi[oa]\b|\bmi propio presupuesto\b` +
		`|\b(?:la )?(?:firma|decisi(?:ó|o)n|(?:ú|u)ltima palabra) es m(?:í|i)a\b|\bla (?:d(?:é|e)cision|signature) est (?:la )?mienne\b|\b(?:die )?(?:unterschrift|entscheidung) ist meine\b`)
	// soloBizRe finds a one-person business: a sole trader decides.
	soloBizRe = mustPattern(`\bone[- ](?:man|woman|person) (?:\pL+ )?(?:workshop|operation|outfit|firm|garage|practice|studio|show|shop|business|company|band)\b|\bein-?(?:mann|frau|personen)-?(?:betrieb|firma|unternehmen|werkstatt)\b|\beinzelk(?:ä|ae)mpfer(?:in)?\b|\bentreprise unipersonnelle\b|\b(?:empresa|negocio|taller) unipersonal\b`)
	// ownedRe finds a business that belongs to the writer: "Mir gehören
	// zwei Salons", "la boutique m'appartient".
	ownedRe = mustPattern(`\bmir geh(?:ö|oe)r(?:t|en)\b|\bgeh(?:ö|oe)r(?:t|en) mir\b|\bm'appartien(?:t|nent)\b`)
	// runOrgRe finds the writer running an organisation of any kind.
	runOrgRe = mustPattern(`\bi (?:own and run|run and own|own and manage|own & run)\b` +
		`|\bi (?:run|lead|head|direct|founded) (?:a|an|the|our|my|this) (?:\pL+ ){0,2}?(?:ngo|charity|nonprofit|non-profit|association|foundation|cooperative|co-op|trust)\b` +
		`|\bich (?:leite|f(?:ü|ue)hre) (?:einen|eine|den|die|unseren|unsere) (?:\pL+ ){0,2}?(?:\pL*verein|\pL*stiftung|\pL*genossenschaft|ngo)\b` +
		`|\bje (?:dirige|g(?:è|e)re|pr(?:é|e)side) (?:une|un|l'|la|le|notre) ?(?:\pL+ ){0,2}?(?:ong|association|fondation|coop(?:é|e)rative|scop|mutuelle)\b` +
		`|\b(?:dirijo|presido|llevo) (?:una|un|la|el|nuestra|nuestro) (?:\pL+ ){0,2}?(?:ong|asociaci(?:ó|o)n|fundaci(?:ó|o)n|cooperativa)\b`)
	// boardSeatRe finds a seat on the executive board.
	boardSeatRe = mustPattern(`\b(?:mitglied|member|membre|miembro) (?:der|des|of the|of our|of|du|de la|del|de l'|de notre|de nuestra|de nuestro|unserer|unseres) (?:gesch(?:ä|ae)ftsleitung|gesch(?:ä|ae)ftsf(?:ü|ue)hrung|vorstands?|executive (?:board|team|committee)|board of directors|leadership team|management board|senior leadership team|comit(?:é|e) de direction|direction g(?:é|e)n(?:é|e)rale|codir|comex|directoire|junta directiva|comit(?:é|e) de direcci(?:ó|o)n|direcci(?:ó|o)n general|consejo de administraci(?:ó|o)n)\b`)
	// researchTaskRe finds research the writer was given or is doing.
	researchTaskRe = mustPattern(`\b(?:given|handed|got) the (?:job|task) of (?:compar|research|find|evaluat|look|review|shortlist)\pL*` +
		`|\b(?:my|our) (?:team lead|lead|line manager|tutor|mentor|supervisor) (?:asked|told|tasked) me to (?:find|look|research|evaluate|compare|shortlist|list)\b` +
		`|\b(?:ich )?soll (?:\pL+ ){0,4}?\pL*(?:(?:ü|ue)bersicht|vergleich|recherche|auswahl|shortlist)\b|\b(?:recherchiere|vergleiche|evaluiere|sondiere)\b` +
		`|\bm'(?:a|ont) (?:demand(?:é|e)|charg(?:é|e)e?|confi(?:é|e)) (?:de |d'|une |un )|\bon me demande (?:de |d'|une |un )|\bj'(?:é|e)value\b|\bj'(?:é|e)tudie (?:les|des|plusieurs|diff)|\bgetting (?:a feel|a sense|an idea|an overview)\b|\bich informiere mich\b|\bme estoy informando\b|(?:^|[^\pL])(?:(?:é|e)tude|analyse) comparative\b|\bf(?:ai|ais|ait|aisons) le tour des\b` +
		`|\bme (?:pidi(?:ó|o)|pide|ha pedido|encarg(?:ó|o)|encomend(?:ó|o)) (?:que )?(?:compar|busc|evalu|investig|list|recopil|analiz)\pL*`)
	// headUpRe finds the writer heading a function: "I head up IT",
	// a department head (an influencer).
	headUpRe = mustPattern(`\bi(?:'m| am)? head(?:s|ing)? up\b`)
	// notApprovedRe finds a purchase or budget that still waits for
	// approval: someone else approves it ("the budget hasn't been
	// approved yet", "budget non validé", "noch nicht genehmigt", "aún no
	// está aprobado"). What waits must be named just before.
	notApprovedRe = mustPattern(`\b(?:budget|project|purchase|request|proposal|funding|spend|it|this|projekt|antrag|anschaffung|kauf|mittel|projet|dossier|achat|demande|enveloppe|presupuesto|proyecto|compra|solicitud|partida)(?: \pL+){0,3}? (?:(?:has|have|is|was|were|are)(?:n't| not) (?:yet )?(?:been )?(?:approved|signed off|authori[sz]ed)|not (?:yet )?(?:been )?approved|(?:ist |wurde |sind )?noch nicht (?:genehmigt|freigegeben|bewilligt|abgesegnet)|(?:n'est |n'a |ne sont )?(?:pas encore|non|pas) (?:encore )?(?:(?:é|e)t(?:é|e) )?(?:valid(?:é|e)|approuv(?:é|e)|vot(?:é|e))|(?:a(?:ú|u)n |todav(?:í|i)a )?no (?:est(?:á|a) |ha sido |fue )?(?:aprobad[oa]|autorizad[oa]|validad[oa]))`)
	// weResearchRe finds the writer's company researching ("wir
	// informieren uns", "on se renseigne", "nos estamos informando",
	// "we're looking around"): the writer's part in it is told only by a
	// title of theirs (see ownCands).
	weResearchRe = mustPattern(`\b(?:nous nous|on se) renseign\pL*|\bwir informieren uns\b|\bnos estamos informando\b|\bestamos inform(?:á|a)ndonos\b|\bwe(?:'re| are) (?:just )?(?:looking around|getting (?:a feel|quotes|an overview)|researching|comparing)\b`)
	// icWorkRe finds an individual contributor's place of work in German
	// ("ich bin im Außendienst"), as userDE does for "ich arbeite im".
	icWorkRe = mustPattern(`\bich bin (?:im|in der) (?:au(?:ß|ss)endienst|kundendienst|service|lager|versand|empfang|verkauf|kundenservice|schichtdienst|support|vertrieb)\b`)
	// hereTitleRe finds a title signing in at a clause start: "dev front
	// ici", "Buchhalterin hier", "enfermera aquí", "nurse here".
	hereTitleRe = mustPattern(`(?:^|[.!?\n:,]\s*)((?:[\pL'-]+ ){0,2}[\pL'-]+) (?:(?:here|ici|hier|aqui)\b|aquí)`)
)

// seatIntro are the words that make a board seat the writer's own.
var seatIntro = map[string]bool{"am": true, "i'm": true, "bin": true, "suis": true, "soy": true, "als": true,
	"as": true, "comme": true, "como": true, "que": true}

// ownCands adds the readings of ownAuthRe, runOrgRe, boardSeatRe,
// researchTaskRe, icWorkRe and hereTitleRe.
func ownCands(d *doc, cands []authCand) []authCand {
	add := func(level, role string, conf float64, start, end int) {
		cands = append(cands, authCand{
			a:   Authority{Level: level, Role: role, Confidence: conf, Evidence: d.snippet(start, end)},
			pos: start,
		})
	}
	negated := func(p int) bool { return d.negatedBefore(p) || authNegatedLang(d, p) }
	for _, m := range ownAuthRe.findAll(d) {
		if !negated(m[0]) {
			add(LevelDecisionMaker, "", 0.85, m[0], m[1])
			cands[len(cands)-1].own = true
		}
	}
	for _, p := range []*pattern{soloBizRe, ownedRe, runOrgRe} {
		for _, m := range p.findAll(d) {
			if !negated(m[0]) {
				add(LevelDecisionMaker, "", 0.8, m[0], m[1])
			}
		}
	}
	for _, m := range boardSeatRe.findAll(d) {
		// The writer's own seat: at a clause start (a signature) or
		// after "I'm a", "ich bin", "je suis", "soy", "als", "as".
		lo := d.clauseStart(m[0])
		ps, pe := prevWord(d.lower, lo, m[0])
		if ps >= 0 {
			switch d.lower[ps:pe] {
			case "a", "an", "ein", "eine", "un", "une", "una":
				// "I'm a member of", not "our IT lead and a member of".
				if qs, qe := prevWord(d.lower, lo, ps); qs >= 0 && !seatIntro[d.lower[qs:qe]] {
					continue
				}
			default:
				if !seatIntro[d.lower[ps:pe]] {
					continue
				}
			}
		}
		add(LevelDecisionMaker, "", 0.8, m[0], m[1])
	}
	for _, p := range []*pattern{researchTaskRe, headUpRe} {
		for _, m := range p.findAll(d) {
			if !negated(m[0]) {
				add(LevelInfluencer, "", 0.7, m[0], m[1])
			}
		}
	}
	for _, m := range notApprovedRe.findAll(d) {
		// Whose approval it waits for must be said nearby ("we'll only
		// know after the board meeting", "j'en ai parlé à ma direction"):
		// a bare "the budget is not yet approved" is a budget, not a
		// boss.
		if deciderNear(d, max(0, m[0]-150), min(len(d.lower), m[1]+150)) {
			add(LevelDefers, "", 0.75, m[0], m[1])
		}
	}
	if ms := weResearchRe.findAll(d); len(ms) > 0 {
		// A team researching makes an individual contributor who writes
		// for it an evaluator; without a title it says nothing about the
		// writer.
		for _, c := range cands {
			if c.a.Level == LevelUser && c.a.Role != "" {
				add(LevelInfluencer, "", 0.7, ms[0][0], ms[0][1])
				break
			}
		}
	}
	for _, m := range icWorkRe.findAll(d) {
		if !negated(m[0]) {
			add(LevelUser, "", 0.65, m[0], m[1])
		}
	}
	for _, m := range hereTitleRe.findAll(d) {
		if level, role, end, ok := parseTitleIn(d, m[2], m[3], false); ok && level != LevelDecisionMaker {
			add(level, role, titleConfidence(level), m[2], end) // "CEO here" is hereRe's
		}
	}
	return cands
}

// deciderNear reports a decider word (isDecider) in d.lower[lo:hi].
func deciderNear(d *doc, lo, hi int) bool {
	for p := lo; p < hi; {
		ws, we := nextWord(d.lower, p, hi)
		if ws < 0 {
			return false
		}
		if w := d.lower[ws:we]; w != "he" && w != "she" && w != "il" && w != "elle" && w != "er" && w != "sie" && isDecider(d, lo, ws, we) {
			return true
		}
		p = we
	}
	return false
}
