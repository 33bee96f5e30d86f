package bant

import "strings"

// Round-7 constructions, grouped by cause from an unseen batch's misses and
// written for the four languages:
//   - a chat answer to "who decides?" that names someone else ("el dueño,
//     yo soy el administrativo", "das macht unser Office Manager", "non
//     c'est mon patron"): the agent's question is cut from the text, so
//     the answer is read by its shape, a bare noun phrase naming a decider
//     at the start of a turn;
//   - a quote passed on to someone who will confirm it ("forwarded your
//     quote to our Company Secretary, who will confirm", "an unsere
//     Kämmerin weitergeleitet, die entscheidet");
//   - the writer's place as one of the team or at a workplace that is not
//     a title ("I work on reception", "trabajo en el mostrador", "je
//     suis à l'accueil", "je fais la compta"): a user;
//   - a business the writer launched ("j'ai lancé une petite marque",
//     "I launched my own brand", "he montado una tienda online");
//   - a department the writer leads in German ("ich leite das
//     Controlling"): a mid-level head, an influencer;
//   - a title in brackets after the pronoun ("Ich (Geschäftsführer, 15
//     MA)", "I (owner) ...").

var (
	// answerDeferRe finds a turn or line that is only a decider: an
	// optional "no", an optional "it's"/"das macht"/"c'est", a determiner
	// and up to three words, then the clause ends or the writer turns to
	// themself ("el dueño, yo soy ..."; not "La présidente, Odile
	// Garnier", a signature, nor "unser Lagerleiter, Herr Nowak, drängt").
	// Group 1 holds the
	// words; routeCands checks that the last names a decider.
	answerDeferRe = mustPattern(`(?:^|\n)\s*(?:(?:no|non|nein|nope|not me|pas moi|ich nicht|yo no)[,.!]?\s+)?(?:(?:c'est|ce serait|ce sera|das macht|das entscheidet|das ist|that's|that is|that would be|it's|it is|es|ser(?:í|i)a|lo (?:decide|aprueba|hace|firma)|la (?:decide|aprueba)|eso lo (?:decide|aprueba|lleva))\s+)?(?:my|our|the|mon|ma|notre|nos|le|la|mein|meine|unser|unsere|der|die|mi|nuestro|nuestra|el)\s+((?:[\pL'-]+\s+){0,2}[\pL'-]+)\s*(?:[.;!]|\n|$|,\s*(?:yo|moi|ich|i|je|i'm|me)\b)`)
	// forwardWhoRe finds a quote passed on to someone who decides or
	// confirms. Group 1 holds the words between "to" and "who".
	forwardWhoRe = mustPattern(`\b(?:forwarded|passed|sent|handed|given|shared)\b[^.;\n]{0,40}?\bto (?:my|our|the) ((?:[\pL'-]+\s+){0,3}?[\pL'-]+),? who(?:'ll| will| would| must| has to| needs to| can)? (?:confirm|decide|approve|sign|make the (?:call|decision)|give)` +
		`|\b(?:an|zu) (?:meinen|meine|meinem|unseren|unsere|unserem|den|die|dem) ((?:[\pL'-]+\s+){0,2}?[\pL'-]+) (?:weitergeleitet|weitergegeben|geschickt|geleitet|gegeben),? (?:der|die) (?:\pL+ ){0,3}?(?:entscheidet|entscheiden wird|bestätigt|bestaetigt|freigibt|genehmigt|zusagt)` +
		`|\b(?:transmise?|transf(?:é|e)r(?:é|e)|envoy(?:é|e)|pass(?:é|e))[^.;\n]{0,40}?(?:^|[^\pL])(?:à|a|au) (?:mon|ma|notre|nos|la|le|l')? ?((?:[\pL'-]+\s+){0,2}?[\pL'-]+),? qui (?:\pL+ ){0,2}?(?:confirmera|d(?:é|e)cidera|validera|tranchera|signera|donnera)` +
		`|\b(?:reenviado|reenvi(?:é|e)|pasado|pas(?:é|e)|enviado|envi(?:é|e))[^.;\n]{0,40}?\ba (?:mi|nuestro|nuestra|la|el|al) ?((?:[\pL'-]+\s+){0,2}?[\pL'-]+),? (?:que|quien) (?:\pL+ ){0,2}?(?:confirmar(?:á|a)|decidir(?:á|a)|aprobar(?:á|a)|firmar(?:á|a)|validar(?:á|a))`)
	// teamMemberRe finds the writer as one of the team or at a place of
	// work, without a title: a user.
	teamMemberRe = mustPattern(`\b(?:i'm|i am) (?:just |only |simply )?(?:one of the (?:team|staff|crew)|a (?:regular )?member of (?:the|our) (?:team|staff)|part of the (?:team|staff))\b` +
		`|\bi work (?:on|at|in) (?:reception|the reception desk|the front desk|front desk|the counter|the till|the tills|the shop floor|the warehouse|the kitchen)\b` +
		`|\bich bin (?:nur |einfach )?(?:ein|eine) (?:ganz normale[r]? )?(?:mitarbeiter(?:in)?|kolleg(?:e|in)) (?:im|in der|aus dem)\b|\bich arbeite (?:am|an der) (?:empfang|rezeption|kasse|theke|tresen)\b` +
		`|\bje (?:suis|travaille|bosse) (?:(?:à|a) l'accueil|au comptoir|(?:à|a) la caisse|en caisse|au standard|en cuisine|au guichet)\b|\bje fais (?:la compta|la comptabilit(?:é|e)|les exp(?:é|e)ditions|le secr(?:é|e)tariat|l'accueil)|\bje (?:suis|fais) (?:juste |seulement )?partie de l'(?:é|e)quipe\b` +
		`|\btrabajo (?:en|detr(?:á|a)s de)l? (?:el |la )?(?:mostrador|recepci(?:ó|o)n|caja|almac(?:é|e)n|cocina|barra|ventanilla|centralita)\b|\bsoy (?:solo |s(?:ó|o)lo )?(?:un[ao]? )?(?:m(?:á|a)s )?del equipo\b`)
	// launchedRe finds a business the writer launched or set up.
	launchedRe = mustPattern(`\bi (?:launched|started|set up|built) (?:my own|my|a|a small|our) (?:\pL+ )?(?:brand|label|shop|online shop|store|business|company|startup|agency|studio)\b` +
		`|\bich habe (?:meine|eine|mein|ein) (?:eigene[ns]? |kleine[ns]? )?(?:marke|firma|shop|onlineshop|unternehmen|label|agentur|laden) (?:\pL+ ){0,2}?(?:gegr(?:ü|ue)ndet|aufgebaut|gestartet)\b` +
		`|\bj'ai (?:lanc(?:é|e)|cr(?:é|e)(?:é|e)|mont(?:é|e)|fond(?:é|e)) (?:ma|mon|une|un|notre) (?:petite |petit |propre )?(?:marque|bo(?:î|i)te|entreprise|soci(?:é|e)t(?:é|e)|boutique|e-shop|startup|start-up|agence|atelier|label)` +
		`|\b(?:he|hemos) (?:lanzado|montado|creado|fundado|abierto) (?:mi|una|un|nuestra) (?:peque(?:ñ|n)a |propia )?(?:marca|empresa|tienda|tienda online|startup|agencia|negocio|taller)\b|\b(?:lanc(?:é|e)|mont(?:é|e)|fund(?:é|e)) (?:mi|una) (?:peque(?:ñ|n)a |propia )?(?:marca|empresa|tienda|startup|agencia|negocio)\b`)
	// leadDeptDE finds a German writer leading a named function ("ich
	// leite das Controlling", "ich leite den Einkauf"); group 1 is the
	// noun, which must not be the whole business.
	leadDeptDE = mustPattern(`\bich (?:leite|verantworte) (?:das|die|den|unser|unsere|unseren) (?:gesamte[n]? )?([\pL-]+)`)
	// parenTitleRe finds a title in brackets after the writer's pronoun:
	// "Ich (Geschäftsführer, ...)", "I (owner) ...", "moi (gérante)".
	parenTitleRe = mustPattern(`\b(?:i|ich|je|moi|yo)\s*\(\s*`)
)

// routeCands adds the readings of this file's patterns.
func routeCands(d *doc, cands []authCand) []authCand {
	add := func(level, role string, conf float64, start, end int) {
		cands = append(cands, authCand{
			a:   Authority{Level: level, Role: role, Confidence: conf, Evidence: d.snippet(start, end)},
			pos: start,
		})
	}
	negated := func(p int) bool { return d.negatedBefore(p) || authNegatedLang(d, p) }
	for _, m := range answerDeferRe.findAll(d) {
		words := strings.Fields(d.lower[m[2]:m[3]])
		last := words[len(words)-1]
		manager := strings.HasSuffix(last, "manager") || strings.HasSuffix(last, "managerin")
		if (isDeciderWord(last) || manager) && !writerWords[last] && !pronounDecider[last] {
			add(LevelDefers, "", 0.8, m[2], m[3])
		}
	}
	for _, m := range forwardWhoRe.findAll(d) {
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 && !negated(m[0]) && !writerWords[d.lower[m[g]:m[g+1]]] {
				add(LevelDefers, "", 0.85, m[0], m[1])
				break
			}
		}
	}
	for _, m := range teamMemberRe.findAll(d) {
		if !negated(m[0]) {
			add(LevelUser, "", 0.6, m[0], m[1])
		}
	}
	for _, m := range launchedRe.findAll(d) {
		if !negated(m[0]) {
			add(LevelDecisionMaker, "Founder", 0.75, m[0], m[1])
		}
	}
	for _, m := range leadDeptDE.findAll(d) {
		noun := d.lower[m[2]:m[3]]
		if negated(m[0]) || companyNouns[noun] || strings.HasSuffix(noun, "betrieb") || strings.HasSuffix(noun, "firma") ||
			strings.HasSuffix(noun, "unternehmen") || strings.HasSuffix(noun, "büro") || strings.HasSuffix(noun, "praxis") {
			continue // "ich leite das Ingenieurbüro" runs the business
		}
		add(LevelInfluencer, "", 0.7, m[0], m[1])
	}
	for _, m := range parenTitleRe.findAll(d) {
		if level, role, end, ok := parseTitle(d, m[1], false); ok {
			add(level, role, titleConfidence(level), m[0], end)
		}
	}
	return cands
}

// pronounDecider are the decider words that are pronouns or too loose to
// stand alone as an answer ("the others", "le groupe").
var pronounDecider = map[string]bool{
	"he": true, "she": true, "him": true, "they": true, "er": true, "sie": true, "il": true, "elle": true,
	"lui": true, "él": true, "ella": true, "ellos": true, "others": true, "andere": true, "autres": true,
	"otros": true, "groupe": true, "stadt": true, "central": true, "mesa": true, "it": true, "zentrale": true,
	"bureau": true, "rat": true, "conseil": true, "trust": true, "gemeinde": true, "sede": true, "réseau": true,
	"reseau": true, "cabinet": true, "ca": true, "head": true,
}
