package bant

import "strings"

// Broad "no budget" constructions. The phrase rules in budget_none.go
// spell the commonest wordings; writers who never saw them say the same
// thing with other nouns (a "partida", "Fördermittel", a "crédit", the
// "funds"), other word orders ("nos recortaron el presupuesto"), a zero
// ("Budget ist null"), a coordination ("weder Projekt noch Budget", "ni
// presupuesto ni fecha") or a coin ("not a penny", "pas un dinar"). These
// rules read the construction, with a family of money nouns, in all four
// languages.

// noneMoneyNouns are the nouns that name money set aside for a purchase.
const noneMoneyNouns = `budgets?|funds|funding|grant|money|etat|mittel|gelder|fördermittel|foerdermittel|haushaltsmittel|finanzmittel|geld` +
	`|enveloppe|crédits?|credits?|financement|fonds|subvention|moyens` +
	`|presupuestos?|partida|fondos|financiación|financiacion|dotación|dotacion|subvención|subvencion|dinero|plata`

// noneCoins are the coins and small units writers deny having one of.
const noneCoins = `cent|cents|penny|pennies|dime|dollar|euro|peso|dinar|franc|rappen|centime|sou|centavo|céntimo|centimo|duro|rupee|quid|pfennig`

// noneBroadRules are tried after the strongest phrase rules.
var noneBroadRules = []noneRule{
	{re: mustPattern(
		// a budget that is zero: "Budget ist null", "the budget is zero",
		// "le budget est nul", "el presupuesto es cero"
		`\b(?:budget|etat|presupuesto|enveloppe)\b[^.;!?\n]{0,25}? (?:haben wir|hab ich|habe ich|tenemos|avons|on a|we have|we've got)(?: dafür| dafuer| hierfür| für das| pour ça| pour ca| para esto| para eso| for (?:this|it))? (?:null|zero|zéro|cero|nada|nichts|rien)(?:\b|$|[^a-z0-9.,-])` +
			`|\bkeinerlei (?:budget|etat|geld|mittel)\b` +
			`|\b(?:budget|etat|presupuesto|enveloppe)s? (?:is |ist |est |es |liegt |bleibt |reste |sigue (?:siendo )?|steht |sits |stands |está |esta )?(?:currently |basically |effectively |literally |aktuell |derzeit |praktisch |quasi |gleich |actuellement |pratiquement |actualmente |prácticamente |practicamente |literalmente )?(?:bei |auf |at |à |a |en )?(?:zero|zéro|null|nil|nul|nulle|cero|nada|rien|nothing|0 ?(?:€|eur|euros?|\$|dollars?))(?:\b|$|[^a-z0-9.,])` +
			// coordinated with another missing thing: "weder Projekt noch
			// Budget", "ni presupuesto ni fecha", "no timeline or budget"
			`|\bweder\b[^.;!?\n]{0,80}?\bnoch (?:ein(?:e|en)? |irgendein\w* |freigegebene[sn]? )?(?:budget|etat|geld|mittel|gelder)\b` +
			`|\b(?:weder|ni|nor|neither) (?:ein(?:e|en)? |un |una |de |d'|a |any |the |aucun |ningún |ningun )?(?:` + noneMoneyNouns + `)\b` +
			`|\b(?:no|don't have|dont have|do not have|haven't got|have not got|without|neither)\b[^.;!?\n,]{0,40}? (?:or|and no|nor) (?:a |any |the )?(?:budget|funding|funds)\b` +
			// having no money of any kind
			`|\bno (?:tenemos|hay|contamos con|disponemos de|existe|tengo|tiene|tienen)(?: todavía| todavia| aún| aun| ahora(?: mismo)?| de momento| por ahora| por el momento)? (?:un |una |ningún |ningun |ninguna |nada de )?(?:partida|fondos|dinero|plata|dotación|dotacion|financiación|financiacion)\b` +
			`|\bsin (?:presupuesto|partida|fondos|dotación|dotacion|dinero)\b` +
			`|\bkeine (?:finanziellen |freien |eigenen |zusätzlichen |zusaetzlichen )?(?:mittel|gelder|fördermittel|foerdermittel|haushaltsmittel)\b` +
			`|\b(?:pas|aucun)(?: encore)? (?:de |d')?(?:financement|fonds|crédits?|credits?)\b|\b(?:pas|plus) les moyens\b` +
			// not a single coin: "not a penny", "kein Cent", "pas un
			// dinar", "ni un peso"
			`|\b(?:not|nicht|kein|keinen|pas|ni|no tengo|no tenemos|no hay)(?: one| a| single| ein(?:en)?| einzigen| un| une| una| un seul| une seule| un solo| una sola)?(?: single)? (?:` + noneCoins + `)\b` +
			// nothing set aside: "nothing budgeted for it", "nichts für
			// neue Software eingeplant", "rien de budgété", "nada asignado"
			`|\bnothing\b[^.;!?\n]{0,40}?\b(?:budgeted|allocated|earmarked|set aside)\b` +
			`|\b(?:nichts|kein geld|keine mittel|keinen cent)\b[^.;!?\n]{0,50}?\b(?:eingeplant|budgetiert|bewilligt|freigegeben|eingestellt)\b` +
			`|\brien (?:n'est |n'a été |n'a ete |de |d')?(?:budgété|budgete|alloué|alloue|provisionné|provisionne|débloqué|debloque)` +
			`|\b(?:budget|etat|geld)\b[^.;!?\n]{0,40}? (?:keins|keines)\b` +
			// "haben wir genau 0 €", "we have exactly $0"
			`|\b(?:haben wir|wir haben|we have|we've got|nous avons|on a|tenemos|hay)\b[^.;!?\n]{0,30}? (?:genau |exakt |exactly |exactement |exactamente )?(?:(?:0|null|zero|zéro|cero) ?(?:€|euros?|eur|\$|dollars?|£|pounds?|franken|francs?|chf|pesos?)|[$€£]0)(?:\b|$|[^a-z0-9.,])` +
			`|\bpas (?:d'argent|de sous|de fric|de thune|un rond)\b|\bno (?:tiene|tienen) (?:ningún |ningun )?presupuesto\b` +
			// nothing in the budget: "rien de prévu au budget", "nichts im Haushalt"
			`|\b(?:rien|nothing|nichts|nada)\b[^.;!?\n]{0,30}? (?:au|in the|in our|im|en el|dans le) (?:budget|presupuesto|haushalt|etat)\b` +
			`|\bnada (?:presupuestado|asignado|reservado|destinado)\b|\bno (?:hay|tenemos|hemos) (?:nada )?(?:presupuestado|asignado|reservado|destinado) nada\b`),
		conf: 0.8},
	// cut, frozen or withdrawn, the verb first: "nos recortaron el
	// presupuesto", "ils ont supprimé l'enveloppe", "they pulled the
	// funding", "man hat uns die Mittel gestrichen" (noun first is in
	// budget_none.go; this adds the other nouns)
	{re: mustPattern(
		`\b(?:(?:se |nos |les |me )?(?:ha |han |había |habia |habían |habian )?(?:retirado|recortado|congelado|cancelado|eliminado|suprimido|quitado|anulado|bloqueado)|recortaron|congelaron|cancelaron|retiraron|eliminaron|quitaron|suprimieron|bloquearon|anularon|se (?:recortó|recorto|congeló|congelo|retiró|retiro|canceló|cancelo|eliminó|elimino))(?: todo| toda)? (?:el |la |los |las |nuestro |nuestra |nuestros |nuestras |su |sus )?(?:presupuesto|partida|fondos|financiación|financiacion|subvención|subvencion|dotación|dotacion)s?\b` +
			`|\b(?:ont|a|avons|on a) (?:gelé|gele|supprimé|supprime|coupé|coupe|annulé|annule|retiré|retire|bloqué|bloque|sucré|sucre|raboté|rabote)(?: tout| totalement| entièrement)? (?:le |la |les |l'|notre |nos |leur |leurs |son |sa |ses )?(?:budget|enveloppe|crédit|credit|crédits|financement|subvention|fonds)s?(?:\b|$|[^a-zà-ÿ])` +
			`|\b(?:pulled|withdrew|cut|cancelled|canceled|froze|scrapped|revoked|lost) (?:the |our |all |its |their |any )?(?:\w+ )?(?:funding|funds|grant|financing)\b` +
			`|\b(?:refused|rejected|denied|turned down|declined|refusé|refuse|rejeté|rejete|abgelehnt|rechazado|rechazó|rechazo|denegado|denegó)(?:\b|$|[^a-zà-ÿ])[^.;!?\n]{0,30}?\b(?:request|demande|antrag|solicitud|petición|peticion)\b[^.;!?\n]{0,12}?\b(?:budget|funding|financement|presupuesto|fondos|mittel|geld)` +
			`|\b(?:haushalt|haushaltsmittel)\b[^.;!?\n]{0,40}?\b(?:gesperrt|blockiert|eingefroren|gestrichen)\b` +
			`|\b(?:funding|grant|subsidy|förderung|foerderung|fördermittel|foerdermittel|zuschuss|subvention|financement|subvención|subvencion|financiación|financiacion)\b[^.;!?\n]{0,30}?\b(?:has run out|ran out|run out|expired|has ended|ended|ausgelaufen|abgelaufen|weggefallen|pris fin|expiré|expire|terminée|terminé|s'est arrêtée|se acabó|se acabo|venció|vencio|terminó|termino)(?:\b|$|[^a-zà-ÿ])` +
			`|(?:\b(?:funding|funds|grant|financing|gelder|zuschuss|zuschüsse|zuschuesse|fonds|financement|subvention|crédit|credit|fondos|financiación|financiacion|subvención|subvencion|dotación|dotacion)|(?:förder|foerder|haushalts|finanz|projekt|investitions|budget)mittel)\b[^.;!?\n]{0,60}?\b(?:frozen|slashed|withdrawn|pulled|cancelled|canceled|scrapped|revoked|rejected|not approved|was cut|been cut|got cut|were cut|eingefroren|gestrichen|gekürzt|gekuerzt|zurückgezogen|zurueckgezogen|nicht genehmigt|nicht bewilligt|abgelehnt|gelé|gelés|supprimé|supprime|coupé|annulé|retiré|refusé|refusée|congelado|congelada|congelados|recortado|recortados|recortada|cancelado|cancelada|retirado|retirados|rechazado|suprimido|eliminado|eliminada)`),
		conf: 0.8, withdrawn: true},
	// "the owners pulled it", after money was named just before
	{re: mustPattern(`\b(?:pulled|withdrew|cancelled|canceled|scrapped|froze|killed|revoked) (?:it|that|this|the money|the funds)\b|\b(?:hat|haben) (?:es|das|ihn|sie) (?:gestrichen|eingefroren|zurückgezogen|zurueckgezogen)\b|\b(?:l'ont|l'a) (?:supprimé|supprime|gelé|gele|annulé|annule|retiré|retire|refusé|refuse)|\blo (?:recortaron|congelaron|cancelaron|retiraron|quitaron|han recortado|han congelado|han cancelado|han retirado)\b`),
		conf: 0.8, withdrawn: true, afterMoney: true},
	// used up: "this year's budget is already spent", "das Budget ist
	// aufgebraucht", "le budget 2025 est déjà consommé", "el presupuesto
	// ya está gastado"
	{re: mustPattern(`\b(?:budgets?|funds|funding)\b[^.;!?\n]{0,40}? (?:is|was|are|were|has been|have been|'s|got) (?:already |all |fully |completely |entirely |totally )*(?:spent|used up|exhausted|gone|blown|committed elsewhere)\b` +
		`|\b(?:budget|etat|mittel|gelder)\b[^.;!?\n]{0,40}?\b(?:aufgebraucht|verbraucht|ausgeschöpft|ausgeschoepft|erschöpft|erschoepft|verplant|ausgegeben)\b` +
		`|\b(?:budget|enveloppe|crédits?)\b[^.;!?\n]{0,40}?\b(?:est|a été|a ete|sont|ont été) (?:déjà |deja |entièrement |entierement |totalement |complètement |completement |intégralement )*(?:consommée?s?|épuisée?s?|epuisee?s?|dépensée?s?|depensee?s?|engagée?s?|utilisée?s?)(?:\b|$|[^a-zà-ÿ])` +
		`|\bpresupuestos?\b[^.;!?\n]{0,40}?\b(?:está |esta |estaba |fue |se ha |ha sido |quedó |quedo )?(?:ya )?(?:gastado|agotado|consumido|ejecutado|comprometido)\b`),
		conf: 0.75, withdrawn: true},
}

// noneMoreAfter reports "more" right after a coin or zero ("not a penny
// more than 20k", "pas un euro de plus", "ni un peso más"), which caps a
// budget rather than denying one.
func noneMoreAfter(after string) bool {
	after = strings.TrimLeft(after, " ")
	for _, w := range []string{"more", "over", "above", "beyond", "mehr als", "über", "ueber", "de plus", "en plus", "más", "mas", "de más", "de mas"} {
		if strings.HasPrefix(after, w) && (len(after) == len(w) || !isLetter(after[len(w)])) {
			return true
		}
	}
	return false
}

// noneScopeSpoilers are words that, inside a broad "no budget" match, show
// the negation is about something else: "no idea about timing or budget",
// "no problem with the budget".
var noneScopeSpoilers = []string{"idea", "sure", "clue", "question", "problem", "issue", "concern", "rush", "limit", "constraint", "preference"}

// noneScopeSpoiled reports a spoiler word inside match.
func noneScopeSpoiled(match string) bool {
	for _, w := range noneScopeSpoilers {
		if strings.Contains(match, w) {
			return true
		}
	}
	return false
}
