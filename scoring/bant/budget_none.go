package bant

import "strings"

// noneRule is one family of "no budget" statements.
type noneRule struct {
	re   *pattern
	conf float64
	// withdrawn marks a budget that existed and was frozen, cut or
	// withdrawn: it also voids an amount stated just before it ("we had
	// 30k budgeted but it was frozen").
	withdrawn bool
	// afterMoney marks a statement that counts only when a budget
	// keyword or an amount stands shortly before it in the text.
	afterMoney bool
	// broad marks a construction rule (budget_none_broad.go) whose match
	// is checked for words that turn the negation elsewhere.
	broad bool
}

// allNoneRules are the phrase rules, strongest first, with the broad
// constructions after the two strongest families.
var allNoneRules = func() []noneRule {
	out := append([]noneRule{}, noneRules[:2]...)
	for _, r := range noneBroadRules {
		r.broad = true
		out = append(out, r)
	}
	return append(out, noneRules[2:]...)
}()

// noneRules are the "no budget" statements in English, German, French and
// Spanish, strongest first.
var noneRules = []noneRule{
	{re: mustPattern(`\bno (?:real |set |fixed |defined |allocated |dedicated |approved |formal |current |firm |specific |actual )?budgets?\b|\b(?:don't|do not|doesn't|does not|didn't|did not|haven't|have not|hasn't|has not|won't|will not)\s+(?:yet |really |currently |actually |even )?(?:have|got|set|allocated|approved|defined|established|finalized|finalised|decided on|agreed|planned|secured)\s+(?:a |an |any |the |our |on |up )?(?:\w+ )?budget|\bwithout (?:a |any )?budget|\b(?:zero|nil) budget|\bbudget\s*[:=]\s*(?:none|n/a|na|0|\$0|zero|nil|no)\s*(?:$|\n|[.,;!?])|\b(?:can't|cannot|can not|couldn't|could not) afford|\bno (?:money|funds|funding|cash)\b` +
		`|\b(?:haven't|have not|hasn't|has not|didn't|did not) (?:yet )?(?:allocated|budgeted|earmarked|set aside|approved|reserved) (?:anything|any money|any funds|a cent|a penny|a dime|money)\b|\bnothing (?:is |has been |was )?(?:yet )?(?:allocated|budgeted|earmarked|set aside)\b|\bnot (?:a|one) (?:single )?(?:cent|penny|dime|dollar|euro)\b|\b(?:don't|do not|doesn't|does not) have (?:the |any )?(?:money|funds) for\b` +
		// German
		`|\bkein(?:e|en)? (?:festes |eigenes |konkretes |definiertes |freigegebenes |offizielles |echtes |extra |separates )?(?:budget|etat)\b|\bohne budget\b|\bbudget\s*:\s*(?:keins|keines|nein|null|0|-)\s*(?:$|[.,;!?])|\b(?:nichts|kein geld|keine mittel) (?:eingeplant|budgetiert|vorgesehen|freigegeben)\b|\bnicht budgetiert\b|\bnull budget\b|\bkein(?:en)? (?:geld|cent|euro|mittel) (?:für|fuer|dafür|dafuer|hierfür|hierfuer|übrig|uebrig|vorhanden)\b|\bkein geld\s*(?:$|[.,;!?)])|\bkeinen (?:cent|euro)\b` +
		`|\b(?:budget|etat) (?:haben wir|hab ich|habe ich|gibt es|gibt's|gibts|ist)(?: [a-zäöüß]+){0,3} (?:keins|keines|keinen|nicht)\b` +
		// French
		`|\bn'(?:avons|a|ai|y a) plus (?:de |d')(?:budget|enveloppe)\b|\bpas (?:encore |vraiment |actuellement |du tout |pour l'instant |pour le moment )?(?:de |d')(?:budget|enveloppe)\b|\baucune? (?:budget|enveloppe)\b|\bsans budget\b|\b(?:zéro|zero) budget\b|\bbudget (?:zéro|zero|nul)\b|\brien (?:n'est |d')?(?:budgété|budgete|alloué|alloue)|\brien d'alloué|\baucune? (?:ligne budgétaire|ligne budgetaire|montant|crédit|credit|financement)\b|\bpas (?:un|une) (?:centime|sou|euro|rond)\b|\b(?:ne pouvons|ne pourrons|ne peut|ne pouvons donc) rien (?:engager|dépenser|depenser|investir)` +
		// Spanish
		`|\bsin presupuesto\b|\bno (?:tenemos|hay|contamos con|disponemos de|existe|tengo)(?: todavía| todavia| aún| aun| ahora| de momento)? (?:un |ningún |ningun |nada de )?presupuesto\b|\bningún presupuesto\b|\bningun presupuesto\b|\bno (?:hemos|han) (?:asignado|aprobado|destinado|reservado|presupuestado) (?:nada|ningún|ningun|presupuesto|dinero)\b|\b(?:cero presupuesto|presupuesto cero)\b|\bno (?:tenemos|hay|tengo)(?: ni)? (?:un|una) (?:peso|euro|centavo|céntimo|centimo|duro|dólar|dolar)\b|\bno (?:tenemos|hay|tengo) (?:lana|plata|dinero|fondos)\b|\b(?:nada|ningún|ningun) (?:asignado|presupuestado|aprobado)\b|\bno (?:podemos|podremos) (?:comprometer|gastar|invertir) nada\b`), conf: 0.85},
	{re: mustPattern(`\bbudgets? (?:is |was |has |are |got |have )?(?:been |now |just |already )?(?:frozen|cut|slashed|gone|withdrawn|pulled|cancelled|canceled|revoked|scrapped|killed|rejected|denied|put on hold|on hold|reallocated|redirected)\b|\b(?:froze|frozen|pulled|withdrew|cancelled|canceled|scrapped|killed|slashed) (?:the |our |all |its |any )?(?:\w+ )?budgets?\b|\b(?:budget|spending|hiring and spending) freeze\b` +
		`|(?:budget|\betat|\bmittel) (?:ist |sind |wurde |wurden |war |waren )?(?:leider |jetzt |komplett |vorerst |kurzfristig |aktuell |derzeit )*(?:eingefroren|gestrichen|gekürzt|gekuerzt|zurückgezogen|zurueckgezogen|gesperrt|weggefallen|storniert)\b|\b(?:budgetstopp|ausgabenstopp|investitionsstopp|budgetsperre|haushaltssperre)\b` +
		`|\bbudget (?:est |a été |a ete |été |ete |a )?(?:malheureusement |finalement |complètement |completement )?(?:gelé|gele|supprimé|supprime|coupé|coupe|annulé|annule|retiré|retire|bloqué|bloque)(?:\b|$|[^a-zà-ÿ])|\bgel (?:des budgets|du budget|budgétaire|budgetaire)\b` +
		`|\bpresupuesto (?:está |esta |fue |ha sido |quedó |quedo |se ha |se |lo han |nos lo han )?(?:congelado|recortado|cancelado|retirado|suspendido|eliminado|bloqueado|congelaron|recortaron|cancelaron|retiraron)\b|\bcongelaci[oó]n (?:de|del) presupuesto\b` +
		// the budget noun, a few words (what it was for), then the verb
		`|(?:budgets?|\betat|\bpresupuestos?|\bpartida|\benveloppe|\bcrédits|\bcredits|\bfunding|\bsubsidio|\bsubvención|\bmittel)\b[^.;!?\n]{0,60}?\b(?:frozen|slashed|withdrawn|pulled|cancelled|canceled|scrapped|revoked|rejected|not approved|was cut|been cut|got cut|were cut|eingefroren|gestrichen|gekürzt|gekuerzt|zurückgezogen|zurueckgezogen|nicht genehmigt|nicht freigegeben|nicht bewilligt|abgelehnt|gelé|gelés|supprimé|supprime|coupé|annulé|retiré|réduits|pas été validé|pas été accepté|pas été acceptée|pas ete acceptee|pas été voté|pas été votée|refusé|refusée|congelado|congelada|congeló|congelo|congelaron|recortado|recortada|recortó|recortaron|cancelado|cancelada|retirado|rechazado|no se ha aprobado|no ha sido aprobado|no fue aprobado)`), conf: 0.8, withdrawn: true},
	// "it was frozen": a withdrawal that does not name the budget counts
	// only after money was mentioned just before it.
	{re: mustPattern(`\b(?:it|that|which|this)(?: has| had)?(?: was| been| got| is)+ (?:now |then |also )?(?:frozen|withdrawn|pulled|cancelled|canceled|scrapped|revoked|cut)\b` +
		`|\b(?:wurde|ist|wurden|sind) (?:aber |dann |leider |jetzt |inzwischen |komplett )*(?:eingefroren|gestrichen|zurückgezogen|zurueckgezogen)\b` +
		`|\b(?:il|elle) a (?:été|ete) (?:gelé|gelée|gele|supprimé|supprimée|annulé|annulée|retiré|retirée|coupé|coupée)` +
		`|\bse (?:congeló|congelo|canceló|cancelo|retiró|retiro|recortó|recorto)(?:\b|$|[^a-zà-ÿ])|\b(?:fue|ha sido) (?:congelado|congelada|cancelado|cancelada|retirado|retirada|recortado|recortada)\b`),
		conf: 0.8, withdrawn: true, afterMoney: true},
	{re: mustPattern(`\bnot (?:currently |yet )?budgeted\b|\bout of (?:our )?budget\b`), conf: 0.75},
	{re: mustPattern(`\bbudgets? (?:is |was |are )?(?:still |currently )?(?:tbd|tbc|unknown|undecided|undefined|unclear)\b|\bbudgets? (?:is not|isn't|has not been|hasn't been|is still not|not|has not yet been|hasn't yet been|is not yet|isn't yet|is yet to be|has yet to be|yet to be|is still to be|still to be) (?:yet )?(?:set|defined|decided|approved|allocated|confirmed|determined|finalized|finalised|available|in place|agreed|signed off)\b|\bbudget\s*[:=]\s*(?:tbd|tbc|unknown|not sure|unsure)\b` +
		`|\b(?:budget|etat) (?:ist |wurde |war )?(?:noch |leider |aktuell |derzeit |bisher )*(?:nicht|nie) (?:freigegeben|genehmigt|bewilligt|vorhanden|eingeplant|definiert|festgelegt|geklärt|geklaert)\b` +
		`|\bbudget (?:n'est|n'a|ne sera|ne serait) (?:pas|toujours pas|pas encore|jamais)(?: été| ete| encore)? (?:validé|valide|défini|defini|alloué|alloue|approuvé|approuve|débloqué|debloque|prévu|prevu|arrêté|arrete|fixé|fixe)(?:\b|$|[^a-zà-ÿ])` +
		`|\bpresupuesto (?:aún |todavía |todavia |aun )?no (?:está |esta |ha sido |fue |se ha )?(?:aún |todavía |todavia |aun )?(?:aprobado|asignado|definido|confirmado|fijado|aprobada)\b` +
		// "to be defined" in German, French and Spanish
		`|\b(?:budget|etat)\s*:\s*(?:noch )?(?:offen|unklar|unbekannt|tbd)\b|\b(?:budget|etat) (?:ist |steht )?noch (?:offen|nicht fest|unklar)\b` +
		`|\bbudget\s*:\s*(?:à définir|a definir|non défini|non defini|inconnu|à voir|a voir)|\bbudget (?:reste |est )?(?:encore )?(?:à définir|a definir)` +
		`|\bpresupuesto\s*:\s*(?:por definir|sin definir|a definir|pendiente)\b|\bpresupuesto (?:está |esta |sigue |aún |todavía )*(?:por definir|sin definir|pendiente)\b`), conf: 0.65},
}

// noneNotReally lists words after "no budget" that turn it into "budget is
// no object" ("no budget constraints", "kein Budget-Limit"), which is not
// a lack of budget.
var noneNotReally = map[string]bool{
	"limit": true, "limits": true, "constraint": true, "constraints": true,
	"cap": true, "ceiling": true, "issue": true, "issues": true,
	"problem": true, "problems": true, "concern": true, "concerns": true,
	"restriction": true, "restrictions": true, "limitation": true,
	"limitations": true, "obergrenze": true, "problem-": true, "limite": true,
	"limites": true, "souci": true, "soucis": true, "problème": true,
	"problèmes": true, "límite": true, "límites": true, "problema": true,
	"problemas": true, "restricción": true, "restricciones": true,
	"grenze": true, "beschränkung": true, "sorgen": true,
}

// budgetNone finds the strongest "no budget" statement.
func budgetNone(d *doc) (budgetCand, bool) {
	for _, r := range allNoneRules {
		for _, m := range r.re.findAll(d) {
			if w := firstWords(d.lower[m[1]:min(len(d.lower), m[1]+contextBytes)], 1); len(w) == 1 && noneNotReally[strings.TrimLeft(w[0], "-")] {
				continue
			}
			if noneMoreAfter(d.lower[m[1]:min(len(d.lower), m[1]+12)]) || r.broad && noneScopeSpoiled(d.lower[m[0]:m[1]]) {
				continue
			}
			if r.afterMoney && !budgetMoneyBefore(d, m[0]) {
				continue
			}
			if r.withdrawn && budgetWithdrawnGapTurns(d.lower[m[0]:m[1]]) {
				continue
			}
			return budgetCand{b: Budget{None: true, Confidence: r.conf, Evidence: d.snippet(m[0], m[1])}, start: m[0], withdrawnAt: withdrawnEnd(r, m)}, true
		}
	}
	return budgetCand{}, false
}

// withdrawnEnd returns where a withdrawn-budget statement ends, or -1 for
// any other "no budget" statement.
func withdrawnEnd(r noneRule, m []int) int {
	if !r.withdrawn {
		return -1
	}
	return m[1]
}

// budgetMoneyBefore reports whether a strong budget keyword or a currency
// stands in the 120 bytes before p.
func budgetMoneyBefore(d *doc, p int) bool {
	lo := max(0, p-120)
	if budgetKwRes[kwStrong].matchesIn(d, lo, p) {
		return true
	}
	for _, a := range findAmounts(d.lower[lo:p]) {
		if a.cur != "" {
			return true
		}
	}
	return false
}

// budgetWithdrawnGapTurns reports a withdrawn-budget match whose words
// between the budget and the verb turn to something else ("the budget
// is approved, but the old project was cancelled").
func budgetWithdrawnGapTurns(match string) bool {
	for _, w := range []string{" but ", " aber ", " mais ", " pero ", "approved", "genehmigt", "freigegeben", "bewilligt", "validé", "approuvé", "aprobado", " sino "} {
		// Only between the noun and the verb: "was not approved" is
		// the verb itself.
		if i := strings.Index(match, w); i >= 0 && i+len(w) < len(match)-3 {
			return true
		}
	}
	return false
}

// budgetCutTo reports an amount inside a withdrawn-budget statement that
// is what the budget was cut to ("wurde auf 30k gekürzt", "a été ramené à
// 10k"), which is the budget now, not one that is gone.
func budgetCutTo(d *doc, p int) bool {
	switch lastWord(d.lower[max(0, p-12):p]) {
	case "to", "auf", "à", "a", "en":
		return true
	}
	return false
}
