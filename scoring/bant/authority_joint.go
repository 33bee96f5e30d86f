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
	`|\b(?:el due(?:ñ|n)o|la due(?:ñ|n)a|el jefe|la jefa|el patr(?:ó|o)n|el gerente),? es (?:mi) (?:padre|madre|pap(?:á|a)|mam(?:á|a)|t(?:í|i)o|t(?:í|i)a|hermano|hermana|marido|esposo|esposa|mujer|suegro)\b`)

// jointCands adds a decision maker for every joint decision in d.
func jointCands(d *doc, cands []authCand) []authCand {
	for _, m := range jointRe.findAll(d) {
		if d.negatedBefore(m[0]) || authNegatedLang(d, m[0]) {
			continue
		}
		cands = append(cands, authCand{
			a:   Authority{Level: LevelDecisionMaker, Confidence: 0.85, Evidence: d.snippet(m[0], m[1])},
			pos: m[0], own: true,
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
