package bant

import (
	"regexp"
	"slices"
	"strings"
)

// Budgets written in words rather than digits: "a tight budget", "a few
// thousand euros", "low five figures", "sechsstellig", "à cinq chiffres",
// "presupuesto ajustado". Each becomes an amount with the figure and bound
// the labelling spec gives it (small budgets and a few thousand are under
// 10k, low or plain five figures between 10k and 50k, high five figures and
// six figures over 50k), and then goes through scoreAmount like a figure
// in digits, so keywords, past tense and periods ("a few thousand a
// month") apply to it too.

// budgetSmallRe finds a budget described as small: self-labelled, it
// needs no other keyword.
var budgetSmallRe = mustPattern(
	`\b(?:small|smaller|tight|limited|modest|low|shoestring|minimal|tiny|lean|restricted|smallish|small-ish|wee|little)(?: it| marketing| software| tech| project| annual)? budgets?\b` +
		`|\bbudgets? (?:is |are |'s |was |remains |seems |looks )?(?:very |pretty |quite |rather |fairly |really |super |extremely |a bit |a little |kind of |somewhat |relatively )?(?:tight|limited|small|modest|low|minimal|tiny|restricted|constrained|lean|thin)\b` +
		`|\bon a (?:shoestring|budget)\b|\b(?:limited|tight) (?:funds|means|finances)\b|\btight on (?:budget|money|cash|funds)\b|\b(?:strapped for cash|cash[- ]strapped|budget-conscious)\b|\b(?:money|cash|funds|finances) (?:is |are )?(?:very |pretty |quite |really )?tight\b|\bgeld ist (?:sehr |gerade |momentan |eher )?knapp\b|\b(?:l'argent|la trésorerie|la tresorerie) est (?:très |tres |un peu )?(?:serrée|serree|juste|limitée|limitee)|\bel dinero (?:es |está |esta |anda )?(?:muy )?(?:justo|escaso|limitado)\b` +
		`|\bnot (?:a )?(?:huge|big|large) budget\b|\b(?:don't|do not|doesn't|does not) have (?:a )?(?:much|huge|big|large|lot of) budget\b|\bnot (?:much|a lot of) (?:budget|money)\b|\b(?:don't|do not|dont|doesn't|does not) have (?:big|much|a lot of) money\b` +
		// German
		`|\b(?:kleine[snmr]?|knappe[snmr]?|begrenzte[snmr]?|schmale[snmr]?|geringe[snmr]?|bescheidene[snmr]?|ueberschaubare[snmr]?|limitierte[snmr]?|niedrige[snmr]?|kleinere[snmr]?) (?:it-|marketing|software|projekt)?(?:budget|etat)s?\b` +
		`|überschaubare[snmr]? (?:budget|etat)s?\b` +
		`|\b(?:budget|etat) (?:ist |sind |bleibt |wäre |waere )?(?:eher |sehr |recht |ziemlich |leider |noch |relativ |momentan |aktuell |derzeit |stark )*(?:knapp|begrenzt|klein|gering|ueberschaubar|limitiert|niedrig|schmal|bescheiden)\b` +
		`|\b(?:budget|etat) (?:ist |sind |bleibt )?(?:eher |sehr |recht |ziemlich |leider |noch |relativ )*überschaubar` +
		`|\b(?:knapp bei kasse|wenig budget|kaum budget|nicht viel budget|kein großes budget|kein grosses budget|keine großen sprünge|keine grossen spruenge)\b` +
		// French
		`|\b(?:petit|modeste|faible|maigre|tout petit|très petit|tres petit|mini) budget\b` +
		`|\bbudget (?:est |reste |sera |assez |très |tres |plutôt |plutot |un peu |relativement |vraiment |hyper |super )*(?:serré|serrée|limité|limitée|réduit|contraint|serre|limite|modeste|restreint|reduit|petit|faible|maigre|mince|minime)` +
		`|\b(?:peu de budget|peu de moyens|petits moyens|moyens limités|moyens limites|pas un gros budget|pas de gros budget|pas beaucoup de budget)` +
		// Spanish
		`|\b(?:pequeño|pequeno|modesto|bajo|escaso|poco|reducido|corto|limitado|ajustado) presupuesto\b` +
		`|\bpresupuesto (?:es |está |esta |sigue |muy |bastante |algo |un poco |super |más bien |mas bien |realmente )*(?:ajustad|limitad|reducid|pequeñ|pequen|modest|baj|just|escas|cort|apretad|acotad)(?:o|ito|ísimo|isimo)\b` +
		`|\b(?:recursos limitados|recursos muy limitados|no tenemos mucho presupuesto|no hay mucho presupuesto|no tenemos gran presupuesto)\b`)

// budgetFewRes find vague sums of money, each with the span it stands
// for; they need a currency, a keyword or a period to count as money
// ("a few thousand users" is not).
var budgetFewRes = []struct {
	re     *pattern
	lo, hi float64
	bound  string
}{
	{re: mustPattern(`\b(?:a few|few|a couple(?: of)?|couple(?: of)?|several) (?:thousand|grand|k)\b|\b(?:ein paar|einige|wenige|paar|mehrere) (?:tausend|tsd|tausender)\b|\b(?:quelques|plusieurs) (?:milliers|millier|k€|mille)(?:\b|$|[^a-zà-ÿ])|\b(?:unos pocos|unos|algunos|pocos|varios) miles\b`),
		lo: 2000, hi: 5000, bound: BoundRange},
	{re: mustPattern(`\b(?:a few|few|a couple(?: of)?|couple of|several) hundred\b|\b(?:ein paar|einige|wenige|paar|mehrere) hundert\b|\b(?:quelques|plusieurs) centaines\b|\b(?:unos pocos|unos|algunos|pocos|varios) cientos\b`),
		lo: 200, hi: 900, bound: BoundRange},
	{re: mustPattern(`\btens of thousands\b|\b(?:ein paar |einige )?zehntausende?\b|\bdizaines de milliers\b|\bdecenas de miles\b`),
		lo: 20000, hi: 40000, bound: BoundRange},
	// "a few quid a month", "ein paar Euro im Monat", "quelques euros",
	// "unos pocos euros": small change, with the currency in the phrase.
	{re: mustPattern(`\b(?:a few|a couple(?: of)?|ein paar|paar|einige|wenige|quelques|unos pocos|unos|algunos|pocos) (?:bucks|quid|dollars|euros?|pounds|franken|francs|pesos|öcken|ocken|kröten|kroeten|mäuse|maeuse|balles|pavos)\b`),
		lo: 5, hi: 50, bound: BoundRange},
	{re: mustPattern(`\bhundreds of thousands\b|\bhunderttausende\b|\bcentaines de milliers\b|\bcientos de miles\b`),
		lo: 100000, bound: BoundMin},
}

// budgetFiguresRe finds "N figures" in four languages. Groups: 1 an
// English modifier, 2 an English count, 3 a German modifier, 4 a German
// count, 5 a French modifier, 6 a French count, 7 a Spanish count, 8 a
// Spanish modifier.
var budgetFiguresRe = mustPattern(`\b(?:(low|lower|mid|middle|high|upper)[- ]?)?(four|five|six|seven|4|5|6|7)[- ]figures?\b` +
	`|\b(?:(niedrig|unter|mittler|hoh|ober)[a-z]* )?(vier|fünf|fuenf|funf|sechs|sieben)stellig` +
	`|\b(?:(bas|haut|milieu)[a-z]* (?:de |des |du )?(?:la )?(?:fourchette )?)?(?:à |a )?(quatre|cinq|six|sept|4|5|6|7) chiffres\b` +
	`|\b(cuatro|cinco|seis|siete|4|5|6|7) cifras(?: (bajas|altas|medias))?\b`)

// budgetWordCurRe reads a currency written after a words amount ("a few
// thousand euros", "quelques milliers d'euros", "unos miles de dólares");
// group 1 is the currency token.
var budgetWordCurRe = regexp.MustCompile(`^(?: of| de| d')? ?(` + curSuffixPat + `|[$€£₹¥]|zł)(?:\b|$|[^a-z])`)

// budgetWordAmounts adds the amounts written in words to amts (digit
// amounts, in order) and returns them all in order of start.
func budgetWordAmounts(d *doc, amts []*amount) []*amount {
	var words []*amount
	add := func(a *amount) {
		for _, o := range words {
			if a.start < o.end && o.start < a.end { // overlapping phrases: keep the longer
				if a.end-a.start > o.end-o.start {
					*o = *a
				}
				return
			}
		}
		words = append(words, a)
	}
	for _, m := range budgetSmallRe.findAll(d) {
		if budgetOnABudgetNoun(d, m) {
			continue
		}
		add(&amount{start: m[0], end: m[1], numStart: m[0], raw: 10000, mult: 1,
			words: true, selfLabelled: true, fixedBound: BoundMax})
	}
	for _, f := range budgetFewRes {
		for _, m := range f.re.findAll(d) {
			a := &amount{start: m[0], end: m[1], numStart: m[0], raw: f.lo, mult: 1, words: true, fixedBound: f.bound}
			if f.hi > 0 {
				a.hi = &amount{start: m[0], end: m[1], raw: f.hi, mult: 1}
			}
			if w := lastWord(d.lower[m[0]:m[1]]); currencies[w] != "" {
				a.cur, a.hi.cur = currencies[w], currencies[w]
				add(a)
			} else if budgetWordMoney(d, a) {
				add(a)
			}
		}
	}
	for _, m := range budgetFiguresRe.findAll(d) {
		if a, ok := budgetFigures(d, m); ok {
			add(a)
		}
	}
	numbers := budgetNumberWordAmounts(d)
	if len(words) == 0 && len(numbers) == 0 {
		return amts
	}
	out := append(append(amts, words...), numbers...)
	slices.SortStableFunc(out, func(a, b *amount) int { return a.start - b.start })
	// Overlapping readings ("a few hundred dollars" is also "hundred
	// dollars"): keep the first, which starts earlier and reads more.
	kept := out[:0]
	for _, a := range out {
		if n := len(kept); n > 0 && a.start < kept[n-1].end {
			if a.end-a.start > kept[n-1].end-kept[n-1].start && a.start == kept[n-1].start {
				kept[n-1] = a
			}
			continue
		}
		kept = append(kept, a)
	}
	return kept
}

// budgetWordMoney reads the currency after a vague sum and reports whether
// it may be money: a currency, nothing, or a word that may follow an
// amount ("a few thousand a month"), but not a noun ("a few thousand
// users").
func budgetWordMoney(d *doc, a *amount) bool {
	s := d.lower
	rest := s[a.end:min(len(s), a.end+24)]
	if c := budgetWordCurRe.FindStringSubmatchIndex(rest); c != nil {
		a.cur = currencies[rest[c[2]:c[3]]]
		a.end += c[3]
		if a.hi != nil {
			a.hi.cur = a.cur
		}
		return true
	}
	t := strings.TrimLeft(rest, " ")
	if t == "" || !isLetter(t[0]) {
		return true
	}
	w := firstWords(t, 1)
	return len(w) == 1 && (okAfterBare[w[0]] || budgetOKAfterWords[w[0]]) && !timeUnitAfter[w[0]]
}

// budgetOKAfterWords are German, French and Spanish words that may follow
// a vague sum of money.
var budgetOKAfterWords = map[string]bool{
	"pro": true, "im": true, "je": true, "für": true, "fuer": true, "par": true, "pour": true,
	"por": true, "para": true, "al": true, "au": true, "sind": true, "ist": true, "wären": true,
	"est": true, "es": true, "serait": true, "sería": true, "seria": true, "und": true, "et": true,
	"y": true, "oder": true, "ou": true, "o": true, "monatlich": true, "jährlich": true,
	"mensuel": true, "mensuels": true, "annuel": true, "mensuales": true, "anuales": true,
	"mensual": true, "anual": true, "einplanen": true, "eingeplant": true, "ausgeben": true,
	"investieren": true, "zahlen": true, "prévus": true, "prevus": true, "investir": true,
	"dépenser": true, "depenser": true, "invertir": true, "gastar": true, "pagar": true,
	"set": true, "earmarked": true, "reserved": true, "budgeted": true, "vorgesehen": true,
	"reserviert": true, "freigegeben": true, "bereitgestellt": true, "zur": true, "alloués": true,
	"alloues": true, "réservés": true, "reserves": true, "disponibles": true, "prévu": true,
	"prevu": true, "asignados": true, "reservados": true, "aprobados": true,
	"gekürzt": true, "gekuerzt": true, "reduziert": true, "gedeckelt": true, "begrenzt": true,
	"festgelegt": true, "réduit": true, "ramené": true, "limité": true, "reducido": true, "limitado": true,
}

// budgetFigures turns a budgetFiguresRe match into an amount; "mid five
// figures" straddles the 50k boundary and gives none.
func budgetFigures(d *doc, m []int) (*amount, bool) {
	g := func(k int) string {
		if m[2*k] < 0 {
			return ""
		}
		return d.lower[m[2*k]:m[2*k+1]]
	}
	mod, count := g(1)+g(3)+g(5)+g(8), g(2)+g(4)+g(6)+g(7)
	n := 0
	switch count {
	case "four", "4", "vier", "quatre", "cuatro":
		n = 4
	case "five", "5", "fünf", "fuenf", "funf", "cinq", "cinco":
		n = 5
	case "six", "6", "sechs", "seis":
		n = 6
	case "seven", "7", "sieben", "sept", "siete":
		n = 7
	}
	level := 0 // -1 low, 0 plain, 1 mid, 2 high
	switch mod {
	case "low", "lower", "niedrig", "unter", "bas", "bajas":
		level = -1
	case "mid", "middle", "mittler", "milieu", "medias":
		level = 1
	case "high", "upper", "hoh", "ober", "haut", "altas":
		level = 2
	}
	// "N figures" is money by itself, like a self-labelled budget.
	a := &amount{start: m[0], end: m[1], numStart: m[0], mult: 1, words: true, selfLabelled: true, fixedBound: BoundRange}
	switch {
	case n == 4:
		a.raw, a.hi = 1000, &amount{raw: 9000, mult: 1}
	case n == 5 && level == 1:
		return nil, false
	case n == 5 && level == 2:
		a.raw, a.hi = 70000, &amount{raw: 99000, mult: 1}
	case n == 5 && level == -1:
		a.raw, a.hi = 10000, &amount{raw: 30000, mult: 1}
	case n == 5:
		a.raw, a.hi = 10000, &amount{raw: 40000, mult: 1}
	case n >= 6:
		a.raw, a.fixedBound = 100000, BoundMin
		if n == 7 {
			a.raw = 1_000_000
		}
	default:
		return nil, false
	}
	if c := budgetWordCurRe.FindStringSubmatchIndex(d.lower[a.end:min(len(d.lower), a.end+24)]); c != nil {
		a.cur = currencies[d.lower[a.end+c[2]:a.end+c[3]]]
		a.end += c[3]
	}
	return a, true
}
