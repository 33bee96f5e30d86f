package bant

import "strings"

// Three readings the statement lists miss, shared by the four languages:
//
//   - deciding together: "my co-founder and I decide", "wir entscheiden
//     gemeinsam", "avec mon associée, on décide ensemble", "mi socia y yo
//     decidimos". The writer is one of those who decide: a decision maker.
//   - a contrast after a deferral: "my partner will also validate, but I
//     decide", "mais c'est moi qui tranche". The writer's own decision,
//     said after "but", wins over the deferral before it.
//   - a pain story that names a decider: "every Friday my manager signs
//     timesheets by hand", "mi jefe firma todos los albaranes a mano". A
//     routine, manual act on paperwork is the problem told, not who buys.

// jointRe finds the writer deciding together with someone: "X and I"
// with a deciding verb, or a first-person plural deciding "together".
var jointRe = mustPattern(`\b(?:and i|& i|and myself)\s+(?:\pL+ ){0,2}?(?:decide|make (?:the|all|these|such) (?:\pL+ )?(?:decisions?|calls?)|sign|choose|call the shots)\b` +
	`|\bwe\s+(?:\pL+ ){0,2}?(?:decide|make (?:the|all|these|such|this|that) (?:\pL+ )?(?:decisions?|calls?)|sign off)\s+(?:\pL+ ){0,3}?(?:together|jointly|between us|ourselves|on our own)\b` +
	`|\bdecide (?:it |this |that |everything )?(?:together|jointly|between us)\b|\bjoint decision between\b` +
	`|\bund ich (?:\pL+ ){0,2}?(?:entscheiden|unterschreiben)|\b(?:wir|wir beide|wir zwei) (?:\pL+ ){0,2}?entscheiden (?:\pL+ ){0,2}?(?:gemeinsam|zusammen|zu zweit|selbst)\b|\bentscheiden wir (?:\pL+ ){0,2}?(?:gemeinsam|zusammen|zu zweit|selbst)\b|\b(?:gemeinsam|zusammen|zu zweit) entscheiden\b` +
	`|\b(?:on|nous) (?:\pL+ ){0,2}?(?:d(?:é|e)cide|d(?:é|e)cidons|d(?:é|e)cidera|d(?:é|e)ciderons|tranche|tranchons|valide|validons|signe|signons) (?:\pL+ ){0,2}?(?:ensemble|(?:à|a) deux|entre nous|nous-m(?:ê|e)mes)|\bet moi,? (?:on|nous) (?:\pL+ )?(?:d(?:é|e)cid|tranch|valid|sign)` +
	`|\by yo (?:lo |la )?(?:decidimos|decidiremos|firmamos|aprobamos|elegimos)|\b(?:lo |la )?(?:decidimos|decidiremos|firmamos|elegimos) (?:\pL+ ){0,2}?(?:juntos|juntas|entre (?:los|las) dos|entre nosotr[oa]s|nosotr[oa]s mism[oa]s)`)

// familyOwnerRe finds the owner or boss named as the writer's relative:
// "the owner's my dad", "der Chef ist mein Vater", "le patron, c'est mon
// père", "el dueño es mi padre". Someone else decides.
var familyOwnerRe = mustPattern(`\bthe (?:owner|boss|ceo|founder|president|md)(?:'s| is) (?:my|our) (?:\pL+ )?(?:dad|father|mum|mom|mother|uncle|aunt|brother|sister|wife|husband|grandfather|grandmother|father-in-law|mother-in-law|parents)\b` +
	`|\b(?:chef|chefin|inhaber|inhaberin|gesch(?:ä|ae)ftsf(?:ü|ue)hrer|gesch(?:ä|ae)ftsf(?:ü|ue)hrerin) ist (?:mein|meine) (?:vater|mutter|onkel|tante|bruder|schwester|mann|frau|schwiegervater)\b` +
	`|\b(?:le patron|la patronne|le g(?:é|e)rant|la g(?:é|e)rante|le propri(?:é|e)taire|la propri(?:é|e)taire|le boss),? (?:c'est|est) (?:mon|ma) (?:p(?:è|e)re|m(?:è|e)re|oncle|tante|fr(?:è|e)re|s(?:œ|oe|o)ur|mari|femme|beau-p(?:è|e)re)\b` +
	`|\b(?:el due(?:ñ|n)o|la due(?:ñ|n)a|el jefe|la jefa|el patr(?:ó|o)n|el gerente),? es (?:mi) (?:(?:padre|madre|papa|mama|t(?:í|i)o|t(?:í|i)a|hermano|hermana|marido|esposo|esposa|mujer|suegro)\b|papá|mamá)`)

// ownSayRe finds the writer's own decision or business said sideways:
// "it's my call", "its our farm so its our decision", "c'est moi qui gère
// l'exploitation", "soy yo quien paga y decide", "la agencia es mía",
// "entscheiden tu ich das", "bin ich für die Zuschlagserteilung
// verantwortlich", "we're the owners", "nous sommes propriétaires".
var ownSayRe = mustPattern(`\b(?:it'?s|its|it is|so|so it'?s|that'?s) (?:my|our) (?:own )?(?:call|decision|money)\b|\b(?:it'?s|its|it is) (?:my|our) (?:own )?(?:business|company|farm|firm|shop|store|agency|practice|restaurant|salon|place|ranch|clinic|bakery)\b` +
	`|\b(?:we(?:'re| are)|we both are|we're both|we are both) (?:the )?(?:co-?)?(?:owners|founders|partners of|proprietors)\b|\bwe (?:co-?)?own (?:the|a|an|this|two|three|four|five|\d+)\b` +
	`|\bc'est moi qui (?:\pL+ et )?(?:d(?:é|e)cid|sign|valid|tranch|g(?:è|e)r|dirig|pa[iy]|financ|choisi|port)\pL*|\bc'est (?:ma|mon|notre) (?:propre )?(?:(?:bo(?:î|i)te|entreprise|soci(?:é|e)te|affaire|ferme|exploitation|agence|magasin|commerce|argent)\b|soci(?:é|e)té)` +
	`|\b(?:nous sommes|on est|on (?:en )?est les|nous en sommes) (?:les )?(?:co)?(?:propri(?:é|e)taires|fondateurs|fondatrices|g(?:é|e)rants|associ(?:é|e)s|dirigeants)\b|\bet moi,? (?:on |nous )?(?:\pL+ )?(?:d(?:é|e)cid|tranch|valid|sign)\pL*` +
	`|\b(?:soy yo|yo soy|soy) (?:quien|el que|la que) (?:\pL+ y )?(?:decid|firm|aprueb|pag|autoriz|eleg|mand)\pL*|\b(?:la|el) (?:agencia|empresa|negocio|tienda|cl(?:í|i)nica|restaurante|hotel|despacho|taller|rancho|granja|finca|farmacia) es m(?:í|i)[oa]\b|\bes mi (?:decisi(?:ó|o)n|dinero|negocio|empresa)\b` +
	`|\bsomos (?:los |las )?(?:propietari[oa]s|due(?:ñ|n)[oa]s|soci[oa]s|fundador(?:es|as))\b` +
	`|\b(?:entscheiden|unterschreiben) (?:tu|tue|tut|mach|mache) ich\b|\b(?:das )?ist (?:mein|unser) (?:eigener |eigenes )?(?:betrieb|laden|hof|geld|budget)\b|\b(?:das )?ist (?:meine|unsere) (?:eigene )?(?:firma|entscheidung|praxis|kanzlei)\b` +
	`|\bwir sind (?:die )?(?:inhaber|eigent(?:ü|ue)mer|gr(?:ü|ue)nder|gesellschafter)\b` +
	`|\b(?:bin ich|ich bin) f(?:ü|ue)r (?:die|den|das) (?:\pL+ )?(?:zuschlag\pL*|vergabe|kaufentscheidung|auftragsvergabe|entscheidung|beschaffungsentscheidung) (?:zust(?:ä|ae)ndig|verantwortlich)`)

// crewRe finds a writer who has a crew, vans or staff of their own ("me
// and four vans", "ich hab drei Kolonnen", "mes 4 gars", "tengo 5
// empleados"): a small business owner. Weaker than a stated title: a
// manager also has people.
var crewRe = mustPattern(`\b(?:i(?:'ve)? (?:got|have)|i run|ich hab(?:e)?|j'ai|tengo) (?:\pL+ )?(?:two|three|four|five|six|seven|eight|nine|ten|zwei|drei|vier|f(?:ü|ue)nf|sechs|deux|trois|quatre|cinq|six|dos|tres|cuatro|cinco|seis|\d+) (?:crews|vans|trucks|lorries|lads|guys|employees|techs|kolonnen|angestellte|gesellen|transporter|camions|gars|salari(?:é|e)s|employ(?:é|e)s|ouvriers|cuadrillas|empleados|trabajadores|camiones|chavos)\b` +
	`|\b(?:mes|my|mis|meine) (?:\d+|two|three|four|five|six|deux|trois|quatre|cinq|dos|tres|cuatro|cinco|zwei|drei|vier|f(?:ü|ue)nf) (?:gars|salari(?:é|e)s|ouvriers|camions|lads|guys|crews|vans|techs|empleados|trabajadores|chavos|camiones|jungs|gesellen|kolonnen)\b` +
	`|\bme and (?:my )?(?:\d+|two|three|four|five|six|seven|eight) (?:vans|trucks|lads|guys|employees|techs)\b`)

// ownNameRe finds "I own" before a name or a business ("I own the
// Lakeside Inn"); ownsBusiness checks what follows.
var ownNameRe = mustPattern(`\bi (?:co-?)?own (?:the |a |an |two |three |four |\d+ )?`)

// businessNouns are businesses a writer may own.
var businessNouns = map[string]bool{
	"inn": true, "farm": true, "ranch": true, "bakery": true, "pub": true, "bar": true, "cafe": true,
	"café": true, "garage": true, "gym": true, "salon": true, "spa": true, "hotel": true, "motel": true,
	"restaurant": true, "shop": true, "store": true, "company": true, "business": true, "firm": true,
	"agency": true, "practice": true, "clinic": true, "studio": true, "franchise": true, "b&b": true,
	"pharmacy": true, "dealership": true, "winery": true, "brewery": true, "school": true, "nursery": true,
	"restaurants": true, "shops": true, "stores": true, "hotels": true, "gyms": true, "salons": true,
	"clinics": true, "cafes": true, "bars": true, "locations": true, "franchises": true, "chain": true,
	"chains": true, "workshop": true, "studios": true, "outlet": true, "outlets": true, "laundrette": true,
}

// ownsBusiness reports a business noun or a capitalised name among the
// three words after p.
func ownsBusiness(d *doc, p int) bool {
	for n := 0; n < 3; n++ {
		ws, we := nextWord(d.lower, p, d.clauseEnd(p))
		if ws < 0 || ws >= we || we > len(d.clean) {
			return false
		}
		if businessNouns[d.lower[ws:we]] || n == 0 && isUpper(d.clean[ws]) {
			return true
		}
		p = we
	}
	return false
}

// possDecisionRe, onlyCanRe and esPresentRe name who decides with a
// free word that deciderNamed checks, so the deciders' list is not spelt
// into each pattern: "it'd be a full council decision", "any decision will
// be the PCC's", "only the owner can sign", "lo tengo que presentar al
// sostenedor".
var (
	possDecisionRe = mustPattern(`\b(?:it'?d be|it would be|it will be|it'?s|it is|that'?s|that is|would be|will be|be|is) (?:\pL+ ){0,2}?(?:the|our|my|a|a full) (?:[a-z-]+ )?([a-z-]+)(?:'s)? (?:decision|call|choice)\b|\bdecisions? (?:will|would|is|are) (?:\pL+ ){0,2}?be (?:the|our|my) (?:[a-z-]+ )?([a-z-]+)'s\b`)
	onlyCanRe      = mustPattern(`\bonly (?:the|our|my) (?:[a-z-]+ )?([a-z-]+) (?:can|may|is allowed to) (?:sign|approve|buy|decide|authori[sz]e|purchase|commit)\b`)
	esPresentRe    = mustPattern(`\b(?:(?:consult|habl|coment|valid|revis|discut|confirm|present|propon|llev|mostr|ense(?:ñ|n))\pL*|ver(?:lo|la)?)\s+(?:[\pL']+\s+){0,3}?(?:(?:con|a)\s+(?:mi|mis|nuestro|nuestra|nuestros|nuestras|el|la|los|las)|al|del) (?:[\pL-]+ )?([\pL-]+)`)
)

// extraDeciders are bodies that decide for a writer but are too plain to
// be decider words everywhere.
var extraDeciders = map[string]bool{"council": true, "pcc": true, "trustees": true, "district": true,
	"governors": true, "cabinet": true}

// namedDeciderCands adds a deferral for each match of possDecisionRe,
// onlyCanRe and esPresentRe whose free word names a decider.
func namedDeciderCands(d *doc, cands []authCand) []authCand {
	for _, p := range []*pattern{possDecisionRe, onlyCanRe, esPresentRe} {
		for _, m := range p.findAll(d) {
			w := ""
			for g := 2; g+1 < len(m); g += 2 {
				if m[g] >= 0 {
					w = d.lower[m[g]:m[g+1]]
				}
			}
			w = strings.TrimSuffix(w, "'s")
			if !isDeciderWord(w) && !extraDeciders[w] || d.negatedBefore(m[0]) || authNegatedLang(d, m[0]) {
				continue
			}
			cands = append(cands, authCand{
				a:   Authority{Level: LevelDefers, Confidence: 0.85, Evidence: d.snippet(m[0], m[1])},
				pos: m[0],
			})
		}
	}
	return cands
}

// jointCands adds a decision maker for every joint decision in d.
func jointCands(d *doc, cands []authCand) []authCand {
	cands = namedDeciderCands(d, cands)
	for _, p := range []*pattern{jointRe, ownSayRe} {
		for _, m := range p.findAll(d) {
			if d.negatedBefore(m[0]) || authNegatedLang(d, m[0]) {
				continue
			}
			cands = append(cands, authCand{
				a:   Authority{Level: LevelDecisionMaker, Confidence: 0.85, Evidence: d.snippet(m[0], m[1])},
				pos: m[0], own: true,
			})
		}
	}
	for _, m := range ownNameRe.findAll(d) {
		if d.negatedBefore(m[0]) || !ownsBusiness(d, m[1]) {
			continue
		}
		cands = append(cands, authCand{
			a:   Authority{Level: LevelDecisionMaker, Role: "Owner", Confidence: 0.75, Evidence: d.snippet(m[0], m[1])},
			pos: m[0],
		})
	}
	for _, m := range crewRe.findAll(d) {
		if d.negatedBefore(m[0]) || authNegatedLang(d, m[0]) {
			continue
		}
		cands = append(cands, authCand{
			a:   Authority{Level: LevelDecisionMaker, Confidence: 0.62, Evidence: d.snippet(m[0], m[1])},
			pos: m[0],
		})
	}
	for _, m := range familyOwnerRe.findAll(d) {
		cands = append(cands, authCand{
			a:   Authority{Level: LevelDefers, Confidence: 0.8, Evidence: d.snippet(m[0], m[1])},
			pos: m[0],
		})
	}
	return cands
}

// contrastWords introduce the writer's own decision after a deferral.
var contrastWords = []string{" but ", " mais ", " aber ", " pero ", " however", " jedoch", " doch ",
	" cependant", " sin embargo", " mas ", " though "}

// contrastBetween reports a "but" in lower[lo:hi].
func contrastBetween(s string, lo, hi int) bool {
	if lo < 0 || hi > len(s) || lo >= hi {
		return false
	}
	seg := s[lo:hi]
	for _, w := range contrastWords {
		if strings.Contains(seg, w) || strings.Contains(seg, ","+w[1:]) {
			return true
		}
	}
	return false
}

// cancelContrasted drops a deferral that the writer's own decision
// contradicts after a "but" in the same clause ("my partner will also
// validate, but I decide"). "I decide, but the board approves" keeps the
// deferral: it comes last.
func cancelContrasted(d *doc, cands []authCand) {
	for _, c := range cands {
		if !c.own {
			continue
		}
		k := d.clauseIndex(c.pos)
		for i := range cands {
			o := &cands[i]
			if o.a.Level == LevelDefers && o.pos < c.pos && d.clauseIndex(o.pos) == k &&
				contrastBetween(d.lower, o.pos, c.pos+1) {
				o.a.Confidence = 0
			}
		}
	}
}

// routineMarks tell a habit or manual chore: the story of a pain.
var routineMarks = []string{"every ", "each ", "by hand", "manually", "on paper", "jeden ", "jede ", "jedes ",
	"von hand", "händisch", "haendisch", "manuell", "auf papier", "chaque ", "tous les ", "toutes les ",
	"à la main", "a la main", "manuellement", "sur papier", "cada ", "todos los ", "todas las ", "a mano",
	"manualmente", "en papel", "a diario", "daily", "täglich", "tous les jours"}

// purchaseStems name what a buyer signs or approves: a deferral that
// mentions one is about the purchase even when told as a habit ("my
// father still signs every contract").
var purchaseStems = []string{"contract", "contrat", "vertr", "purchas", "achat", "compra", "anschaff",
	"kauf", "quote", "devis", "angebot", "presupuest", "cotiza", "budget", "spend", "dépense", "depense",
	"gasto", "ausgabe", "tool", "outil", "herramienta", "software", "logiciel", "licen", "vendor",
	"fournisseur", "proveedor", "anbieter", "solution", "lösung", "loesung", "solución", "solucion",
	"subscription", "abonnement", "suscrip", "invest", " po ", "decision", "décision", "entscheid", "decisión"}

// painStoryDefer reports whether the deferral at p is told as a routine
// chore ("every Friday my manager signs timesheets by hand"): its clause
// holds a routine mark and nothing a buyer would sign.
func painStoryDefer(d *doc, p int) bool {
	c := d.clauseSpan(d.clauseIndex(p))
	seg := d.lower[c[0]:c[1]] + " "
	routine := false
	for _, m := range routineMarks {
		if strings.Contains(seg, m) {
			routine = true
			break
		}
	}
	if !routine {
		return false
	}
	for _, s := range purchaseStems {
		if strings.Contains(seg, s) {
			return false
		}
	}
	return true
}
