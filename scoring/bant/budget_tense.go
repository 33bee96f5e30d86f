package bant

import (
	"regexp"
	"slices"
	"strings"
)

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
	budgetWordList("spent|we paid|i paid|they paid|we've paid|we have paid|already paid|was paid|were paid|paid for|paid us|and paid|paid around|paid about|paid roughly|paid approximately|paid nearly|paid almost|paid over|paid only|paid just|used to pay|were paying|we pay|we're paying|we are paying|currently pay|currently paying|currently spend|currently spending|we're spending|we are spending|we've been paying|we have been paying|have been spending|costs us|cost us|currently costs|last year|previous year|prior year|in the past|previously|approve up to|approve anything|approve purchases|approve spend|approve spending|approve amounts|approval limit|approval threshold|sign off on|sign-off limit|signoff limit|signing limit|signing authority|sign up to|sign contracts up to|spending authority|competitor|competitors|competition|renewal|quoted us|offered us|had a budget|had budgeted|had set aside|charged us|charges us|billed us|bills us|sign-off authority|signoff authority|approval authority|authorized to|authorised to|empowered to|got a quote|received a quote|quote from|an offer from|their quote|their price|they charge|they quoted|old vendor|previous vendor|previous agency|previous provider|current vendor|current provider|current supplier|current tool|current system|current solution|current contract|existing contract") +
		// an approval verb shortly before "up to", in each language
		`|\b(?:approve|sign|aprobar|autorizar|firmar|valider|approuver|signer|engager|freigeben|genehmigen|unterschreiben)(?: [a-zà-ÿ']+){0,3} (?:up to|hasta|jusqu'à|jusqu'a|bis zu)(?:\b|$|[^a-zà-ÿ])` +
		// German
		"|" + budgetWordList("ausgegeben|bezahlt|gezahlt|investiert|gekostet|zahlen derzeit|zahlen aktuell|zahlen momentan|zahlen heute|zahlen wir|kostet uns|letztes jahr|letzten jahr|vorjahr|vergangenes jahr|vergangenen jahr|bisher|bislang|freigeben|freigabegrenze|freigabelimit|freigaberahmen|unterschriftsgrenze|zeichnungsbefugnis|zeichnungsgrenze|selbst entscheiden|genehmigen|wettbewerber|konkurrenz|uns angeboten|zahlt heute|zahlt aktuell|zahlt derzeit|zahlt momentan|zahlen wir aktuell|zahlen wir derzeit|zahlen wir heute|zahlen wir momentan|hatten ein budget|hatten budget|alter anbieter|bisheriger anbieter|aktueller anbieter|jetziger anbieter|geben aktuell|geben derzeit|geben momentan|geben heute|geben wir aktuell|geben wir derzeit|aktuelle lösung|aktuelle loesung|bisherige lösung|bisherige loesung") +
		// French
		"|" + budgetWordList("dépensé|avons depense|payé|payons|nous coûte|nous coute|coûte actuellement|l'an dernier|l'année dernière|l'annee derniere|l'an passé|l'an passe|l'année passée|auparavant|valider jusqu|signer jusqu|valider seul|signer seul|en autonomie|approuver jusqu|engager jusqu|délégation de signature|plafond de signature|seuil de validation|un concurrent|le concurrent|notre concurrent|du concurrent|concurrents|la concurrence|nous a proposé|nous a propose|nous ont proposé|avait un budget|avions un budget|payons actuellement|payons aujourd'hui|dépensons|depensons|prestataire actuel|outil actuel|solution actuelle|ancien prestataire|ancien outil") +
		// Spanish
		"|" + budgetWordList("gastamos|gastado|gastó|pagamos|pagábamos|pagabamos|pagado|pagó|nos cuesta|nos costó|nos costo|el año pasado|el ano pasado|año pasado|anteriormente|aprobar hasta|firmar hasta|autorizar hasta|límite de aprobación|limite de aprobacion|límite de firma|competidor|competidores|competencia|nos ha ofrecido|nos han ofrecido|nos ofrecieron|nos ofreció|teníamos un presupuesto|teniamos un presupuesto|paga actualmente|paga hoy|pagan actualmente|proveedor actual|sistema actual|herramienta actual|anterior proveedor|proveedor anterior") +
		// what they pay the provider they have now, any word form
		`|\b(?:jetzig|aktuell|derzeitig|bisherig|heutig|alt)(?:e[nmrs]?)? (?:anbieter|dienstleister|lösung|loesung|system|tool|software|vertrag|provider)` +
		`|\b(?:our|the) (?:current|existing|present|old) (?:vendor|provider|supplier|tool|system|platform|software|contract|licen[cs]es?)\b` +
		`|\b(?:prestataire|fournisseur|outil|logiciel|contrat|crm|erp|système|systeme|abonnement) (?:actuel|existant|en place)` +
		`|\b(?:on paie|on paye|nous payons|je paie|je paye|on dépense|on depense) (?:aujourd'hui|actuellement|en ce moment|déjà|deja)` +
		// the last contract or tender: what it cost is history
		`|\b(?:previous|last|prior|old|former) (?:contract|deal|tender|project|rfp)\b|\b(?:dernier|précédent|precedent|ancien) (?:marché|marche|contrat|projet|appel d'offres)|\b(?:contrato|proyecto|concurso|licitación|licitacion) (?:anterior|pasado|pasada)\b|(?:\bultimo|último) (?:contrato|proyecto|concurso)\b|\b(?:letzte[rns]?|vorherige[rns]?|alte[rns]?) (?:vertrag|auftrag|ausschreibung|projekt)\b` +
		`|\b(?:proveedor|sistema|herramienta|contrato|software|programa) (?:actual|vigente|existente)\b`)

// budgetPastAfterRe finds the words that, right after an amount, make it
// past spend or a limit: a past time, a past participle (German puts the
// verb last), or "on my own"-style limit words. See budgetPastAfter.
var budgetPastAfterRe = mustPattern(`\b(?:for (?:our|the) (?:current|existing|old|previous)|last year|in the past|previously|so far|on my own|(?:approve|sign|sign off on|sign off|decide|authori[sz]e|ok|okay)(?: it| that| this| them)? (?:myself|by myself)|without (?:approval|sign-off|sign off|signoff)|before (?:i need|needing)` +
	`|letztes jahr|letzten jahr|im vorjahr|ausgegeben|bezahlt|gezahlt|investiert|gekostet|weggeworfen|weggeschmissen|verschwendet|abgeschrieben|verloren|unterschreiben|unterzeichnen|abzeichnen|selbst freigeben|selbst genehmigen|selbst entscheiden|selbst unterschreiben|eigenständig|eigenstaendig|ohne freigabe|ohne rücksprache|ohne ruecksprache|freigeben|genehmigen|alleine entscheiden|allein entscheiden|alleine freigeben|allein freigeben|alleine unterschreiben` +
	`|l'an dernier|l'année dernière|l'annee derniere|l'an passe|dépensés|moi-même|moi-meme|sans validation|en autonomie|sans accord|sans l'accord|sans l'aval|sans passer par` +
	`|el año pasado|el ano pasado|por mi cuenta|yo solo|yo sola|sin aprobación|sin aprobacion|gastados|pagados|sin consultar|sin pasar por|por mí misma|por mí mismo|por mi misma|por mi mismo)\b|\bl'an passé`)

// budgetPastAfterWindow is how far after an amount budgetPastAfter looks.
const budgetPastAfterWindow = 40

// budgetPastAfter reports a budgetPastAfterRe word starting within
// budgetPastAfterWindow bytes after end and before limit (the clause end
// or the next amount).
func budgetPastAfter(d *doc, end, limit int) bool {
	hits := budgetPastAfterRe.findAll(d)
	i, _ := slices.BinarySearchFunc(hits, end, func(m []int, p int) int { return m[0] - p })
	if !(i < len(hits) && hits[i][1] <= limit && hits[i][0] <= end+budgetPastAfterWindow) {
		return false
	}
	// "freigeben muss es der Vorstand": a bare approval verb followed by
	// "muss" says who approves, not the writer's limit.
	switch d.lower[hits[i][0]:hits[i][1]] {
	case "freigeben", "genehmigen", "unterschreiben", "unterzeichnen", "abzeichnen":
		if w := firstWords(d.lower[hits[i][1]:min(len(d.lower), hits[i][1]+20)], 1); len(w) == 1 {
			switch w[0] {
			case "muss", "müssen", "muessen", "soll", "sollen", "wird", "werden", "lassen", "darf":
				return false
			}
		}
	}
	return true
}

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
	"vs": true, "jusq": true, "pres": true, "rs": true, "nr": true, "no": true,
	"ref": true, "tel": true,
}

// budgetPastBefore reports whether a past keyword stands between from and
// the amount starting at start, with no strong keyword after it. kws is
// sorted by start.
//
// A past time ("last year", "l'an dernier") scopes the rest of the clause
// even past a budget keyword ("last year we had a budget of 30k"); only a
// present time ("this year", "cette année") ends it.
func budgetPastBefore(d *doc, kws []kwHit, from, start int) bool {
	past, pastTime, pastEnd := false, false, 0
	for _, k := range kws {
		if k.start < from {
			continue
		}
		if k.end > start {
			break
		}
		switch k.class {
		case kwPast:
			past, pastEnd = true, k.end
			pastTime = budgetPastTimes[d.lower[k.start:k.end]]
		case kwStrong:
			if !pastTime {
				past = false
			}
		}
	}
	if past && pastTime && budgetNowRe.MatchString(d.lower[pastEnd:start]) {
		return false
	}
	return past
}

// budgetPastTimes are the kwPast phrases that name a past time.
var budgetPastTimes = map[string]bool{
	"last year": true, "previous year": true, "prior year": true,
	"letztes jahr": true, "letzten jahr": true, "vorjahr": true, "vergangenes jahr": true, "vergangenen jahr": true,
	"l'an dernier": true, "l'année dernière": true, "l'annee derniere": true,
	"l'an passé": true, "l'an passe": true, "l'année passée": true, "el año pasado": true,
	"el ano pasado": true, "año pasado": true,
}

// budgetNowRe finds a present or future time, which ends a past time's
// scope ("last year we spent 30k, this year we have 40k").
var budgetNowRe = regexp.MustCompile(`\b(?:this year|next year|now|today|going forward|dieses jahr|diesem jahr|nächstes jahr|naechstes jahr|jetzt|heute|nun|cette année|cette annee|l'an prochain|maintenant|aujourd'hui|este año|este ano|el año que viene|el próximo año|ahora|hoy)\b`)

// budgetDropCirca drops the French revenue keyword "CA" (chiffre
// d'affaires) from a text that is not French, where "ca" is circa
// ("(ca 15k)").
func budgetDropCirca(d *doc, kws []kwHit) []kwHit {
	isCA := func(k kwHit) bool {
		w := d.lower[k.start:k.end]
		return k.class == kwDeny && (strings.HasPrefix(w, "(ca") || strings.HasPrefix(w, "ca ") || strings.HasPrefix(w, "ca:") || strings.HasSuffix(w, " ca"))
	}
	for i, k := range kws {
		if isCA(k) {
			if detectLanguage(d.lower) == LangFrench {
				return kws
			}
			out := kws[:i]
			for _, k := range kws[i:] {
				if !isCA(k) {
					out = append(out, k)
				}
			}
			return out
		}
	}
	return kws
}

// budgetYearsRe finds "for the first two years" after an amount, in each
// language; group 1 is the count.
var budgetYearsRe = regexp.MustCompile(`^[^.;!?\n]{0,30}?\b(?:for|over|across|für|fuer|über|ueber|auf|sur|pour|en|para|durante|por)\s+(?:the\s+|die\s+|les\s+|los\s+)?(?:first\s+|next\s+|ersten\s+|nächsten\s+|naechsten\s+|premières\s+|premieres\s+|prochaines\s+|primeros\s+|próximos\s+|proximos\s+)?(2|3|4|5|two|three|four|five|zwei|drei|vier|fünf|fuenf|deux|trois|quatre|cinq|dos|tres|cuatro|cinco)\s+(?:years|yrs|jahre|jahren|ans|années|annees|años|anos)\b`)

// budgetYearsAfter returns N for "over N years" at the start of s, or 0.
func budgetYearsAfter(s string) int {
	m := budgetYearsRe.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	switch m[1] {
	case "2", "two", "zwei", "deux", "dos":
		return 2
	case "3", "three", "drei", "trois", "tres":
		return 3
	case "4", "four", "vier", "quatre", "cuatro":
		return 4
	case "5", "five", "fünf", "fuenf", "cinq", "cinco":
		return 5
	}
	return 0
}

// budgetStrongRightAfter reports a strong keyword starting in [from, to):
// "our current tool is slow, we have 20k budget" names this purchase's
// budget whatever came before.
func budgetStrongRightAfter(kws []kwHit, from, to int) bool {
	i, _ := slices.BinarySearchFunc(kws, from, func(k kwHit, p int) int { return k.start - p })
	return i < len(kws) && kws[i].start < to && kws[i].class == kwStrong
}

// budgetPeriodMayFollow is a cheap test that periodAftRe, a large
// expression, may match at the start of s: its first word must be one a
// period, a preposition before one or a tax note starts with.
func budgetPeriodMayFollow(s string) bool {
	s = strings.TrimLeft(s, " +")
	if s == "" {
		return false
	}
	if s[0] == '/' {
		return true
	}
	i := 0
	for i < len(s) && (isLetter(s[i]) || s[i] >= 0x80) {
		i++
	}
	w := s[:i]
	if budgetPeriodFirstWords[w] {
		return true
	}
	for _, p := range []string{"mensu", "annu", "anual", "trimest", "monatl", "jährl", "jaehrl", "vierteljähr"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// budgetPeriodFirstWords are the first words of periodAftRe's
// alternatives (prepositions, tax notes, period adjectives).
var budgetPeriodFirstWords = map[string]bool{
	"per": true, "a": true, "an": true, "each": true, "every": true, "pro": true, "je": true, "im": true,
	"par": true, "chaque": true, "al": true, "por": true, "cada": true, "and": true, "und": true, "et": true,
	"y": true, "sur": true, "à": true, "ht": true, "ttc": true, "hors": true, "netto": true, "brutto": true,
	"net": true, "gross": true, "excl": true, "incl": true, "plus": true, "zzgl": true, "inkl": true,
	"iva": true, "sin": true, "más": true, "mas": true, "monthly": true, "annually": true, "yearly": true,
	"p": true, "pcm": true, "one": true, "upfront": true, "up": true, "in": true, "total": true, "all": true,
	"quarterly": true, "weekly": true, "mtl": true, "einmalig": true, "insgesamt": true, "au": true,
	"ponctuel": true, "en": true, "pa": true, "monatl": true, "vat": true, "mwst": true, "tva": true,
}

// budgetWordList turns "a|b|c|..." into alternatives of at most
// budgetWordChunk words each, "\b(?:a|b|...)\b|\b(?:...)\b". A single
// large alternation would be split by mustPattern into one part per word
// (each part costs the literal scan and a slice per text); chunks small
// enough for regexp's backtracker stay one part each. A chunk holding a
// word that ends in an accented letter ends in a boundary Go's ASCII-only
// \b cannot give.
func budgetWordList(list string) string {
	words := strings.Split(list, "|")
	var b strings.Builder
	for i := 0; i < len(words); i += budgetWordChunk {
		chunk := words[i:min(len(words), i+budgetWordChunk)]
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(`\b(?:` + strings.Join(chunk, "|") + `)`)
		end := `\b`
		for _, w := range chunk {
			if w != "" && w[len(w)-1] >= 0x80 {
				end = `(?:\b|$|[^a-zà-ÿ])`
			}
		}
		b.WriteString(end)
	}
	return b.String()
}

// budgetWordChunk is how many words budgetWordList puts in one
// alternative.
const budgetWordChunk = 16
