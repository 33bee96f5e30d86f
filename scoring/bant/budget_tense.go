package bant

import "regexp"

// Money that is not a budget for this purchase, though it is written like
// one: what the writer spent before ("we spent 30k last year", "letztes
// Jahr haben wir 30.000 € ausgegeben"), what they pay today for another
// tool ("we currently pay $900/month for X", "nous payons 500 € par
// mois"), and an approval or signing limit ("I can approve up to 20k on my
// own", "je peux valider jusqu'à 20 000 €"). The labelling spec counts
// none of these as a budget.
//
// A past keyword before an amount in its clause (or since the previous
// amount) makes that amount a past one unless a strong budget keyword
// stands between them ("last year we spent 30k; this year's budget is
// 40k"); past-time words and limit words right after an amount ("30k
// last year", "20k on my own", "30.000 € ausgegeben") do the same.

// budgetPastKwRe finds the past-spend, current-spend and approval-limit
// keywords (class kwPast).
var budgetPastKwRe = mustPattern(
	// English: past and current spend, approval limits.
	`\b(?:spent|paid|used to pay|were paying|we pay|we're paying|we are paying|currently pay|currently paying|currently spend|currently spending|we're spending|we are spending|we've been paying|we have been paying|have been spending|costs us|cost us|currently costs|last year|previous year|prior year|in the past|previously|approve up to|approve anything|approve purchases|approve spend|approve spending|approve amounts|approval limit|approval threshold|sign off on|sign-off limit|signoff limit|signing limit|signing authority|sign up to|sign contracts up to|spending authority|spending limit|competitor|renewal)\b` +
		// German
		`|\b(?:ausgegeben|bezahlt|gezahlt|investiert|gekostet|zahlen derzeit|zahlen aktuell|zahlen momentan|zahlen heute|zahlen wir|kostet uns|letztes jahr|letzten jahr|vorjahr|vergangenes jahr|vergangenen jahr|bisher|bislang|freigeben|freigabegrenze|freigabelimit|freigaberahmen|unterschriftsgrenze|zeichnungsbefugnis|zeichnungsgrenze|selbst entscheiden|genehmigen|wettbewerber)\b` +
		// French
		`|\b(?:dépensé|avons depense|payé|payons|nous coûte|nous coute|coûte actuellement|l'an dernier|l'année dernière|l'annee derniere|l'an passé|l'an passe|l'année passée|auparavant|valider jusqu|signer jusqu|valider seul|signer seul|en autonomie|approuver jusqu|engager jusqu|délégation de signature|plafond de signature|seuil de validation|concurrent)\b` +
		// Spanish
		`|\b(?:gastamos|gastado|gastó|pagamos|pagábamos|pagabamos|pagado|pagó|nos cuesta|nos costó|nos costo|el año pasado|el ano pasado|año pasado|anteriormente|aprobar hasta|firmar hasta|autorizar hasta|límite de aprobación|limite de aprobacion|límite de firma|competidor)\b`)

// budgetPastAfterRe finds, right after an amount, the words that make it
// past spend or a limit: a past time, a past participle (German puts the
// verb last), or "on my own"-style limit words.
var budgetPastAfterRe = regexp.MustCompile(`^[^.;!?\n]{0,40}?(?:\b(?:last year|in the past|previously|so far|on my own|myself|by myself|without (?:approval|sign-off|sign off|signoff)|before (?:i need|needing)` +
	`|letztes jahr|letzten jahr|im vorjahr|ausgegeben|bezahlt|gezahlt|investiert|gekostet|selbst freigeben|selbst genehmigen|selbst entscheiden|selbst unterschreiben|eigenständig|eigenstaendig|ohne freigabe|ohne rücksprache|ohne ruecksprache|freigeben|genehmigen` +
	`|l'an dernier|l'année dernière|l'annee derniere|l'an passé|l'an passe|dépensés|depenses|moi-même|moi-meme|sans validation|en autonomie|sans accord` +
	`|el año pasado|el ano pasado|por mi cuenta|yo solo|yo sola|sin aprobación|sin aprobacion|gastados|pagados)\b|\bpor mí mism[oa]|\bpor mi mism[oa])`)

// budgetClauseStart is d.clauseStart, except that a clause break after an
// abbreviation common around amounts ("max. 20.000 €", "ca. 5k", "2 Mio.
// €") does not cut the clause.
func budgetClauseStart(d *doc, p int) int {
	cs := d.clauseStart(p)
	for n := 0; n < 3 && cs >= 2 && d.lower[cs-1] == '.' && budgetAbbrevs[lastWord(d.lower[max(0, cs-12):cs-1])]; n++ {
		cs = d.clauseStart(cs - 1)
	}
	return cs
}

// budgetClauseEnd is d.clauseEnd with budgetClauseStart's exception.
func budgetClauseEnd(d *doc, p int) int {
	ce := d.clauseEnd(p)
	for n := 0; n < 3 && ce < len(d.lower) && d.lower[ce] == '.' && budgetAbbrevs[lastWord(d.lower[max(0, ce-12):ce])]; n++ {
		ce = d.clauseEnd(ce + 1)
	}
	return ce
}

// budgetAbbrevs are abbreviations written around amounts whose period
// does not end a sentence.
var budgetAbbrevs = map[string]bool{
	"max": true, "min": true, "ca": true, "mind": true, "mio": true, "tsd": true,
	"mrd": true, "mtl": true, "monatl": true, "jährl": true, "jaehrl": true,
	"zzgl": true, "inkl": true, "exkl": true, "ggf": true, "evtl": true,
	"approx": true, "env": true, "aprox": true, "p.a": true, "eur": true,
	"vs": true, "jusq": true, "pres": true,
}

// budgetPastBefore reports whether a past keyword stands between from and
// the amount starting at start, with no strong keyword after it. kws is
// sorted by start.
func budgetPastBefore(kws []kwHit, from, start int) bool {
	past := false
	for _, k := range kws {
		if k.start < from {
			continue
		}
		if k.end > start {
			break
		}
		switch k.class {
		case kwPast:
			past = true
		case kwStrong:
			past = false
		}
	}
	return past
}
