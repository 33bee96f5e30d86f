package bant

import (
	"strconv"
	"strings"
)

// A price the writer saw on our website or price list ("the price on your
// website was EUR 4,900", "auf Ihrer Website habe ich 3.950 € gesehen",
// "j'ai vu 4 € par poste sur votre site", "en la web vi 3,50 €") is our
// price, not their budget, unless they say in the same sentence that it
// fits what they budgeted ("your website lists $65 per agent, we have
// budgeted at about that level").

// budgetSeenRe finds a mention of our published prices.
var budgetSeenRe = mustPattern(`\b(?:your|the|on your|on the) (?:website|web site|site|pricing page|price list|homepage|landing page|pricing|webpage)\b|\b(?:list price|listed price|advertised|published price|prices? listed)\b` +
	`|\b(?:ihrer|eurer|deiner|eure[nr]?|ihre[nr]?|der|auf der) (?:website|webseite|homepage|internetseite|preisliste|preisseite)\b|\b(?:listenpreis|laut website|laut webseite)\b` +
	`|\b(?:votre|sur le|du|de votre|sur votre) (?:site|page tarifs?|grille tarifaire|page de prix)(?:\b|$|[^a-zà-ÿ])|\b(?:prix public|prix affiché|prix affiche|prix catalogue)` +
	`|\b(?:su|la|vuestra|tu|en su|en la) (?:web|página|pagina|sitio|lista de precios)\b|\bprecio (?:de lista|publicado|de catálogo|de catalogo)\b`)

// budgetSeenPrice reports that the clause [cs, ce) mentions our published
// price and holds no strong budget keyword: an amount there is a price
// they saw.
func budgetSeenPrice(d *doc, kws []kwHit, cs, ce int) bool {
	if !budgetSeenRe.matchesIn(d, cs, ce) {
		return false
	}
	for _, k := range kws {
		if k.start >= cs && k.end <= ce && k.class == kwStrong {
			return false
		}
	}
	return true
}

// budgetOnABudgetNoun reports an "on a budget" match that is a noun phrase
// ("vote on a budget of 200k", "agree on a budget for"), not thrift.
func budgetOnABudgetNoun(d *doc, m []int) bool {
	if !strings.HasSuffix(d.lower[m[0]:m[1]], "on a budget") {
		return false
	}
	if w := firstWords(d.lower[m[1]:min(len(d.lower), m[1]+contextBytes)], 1); len(w) == 1 {
		switch w[0] {
		case "of", "for", "to", "that", "which", "in", "from", "with":
			return true
		}
	}
	switch lastWord(d.lower[max(0, m[0]-16):m[0]]) {
	case "vote", "voted", "voting", "decide", "decided", "agree", "agreed", "settle", "settled", "sign", "signed", "work", "working":
		return true
	}
	return false
}

// budgetFactsNouns are the head counts that make a parenthesis a list of
// facts about the organisation ("(300 volunteers, annual budget 1.2M)").
var budgetFactsNouns = []string{"employees", "staff", "people", "volunteers", "members", "students", "beds", "stores", "shops",
	"mitarbeiter", "mitglied", "beschäftigte", "ehrenamtliche", "angestellte", "filialen",
	"bénévoles", "benevoles", "salariés", "salaries", "employés", "employes", "collaborateurs", "membres", "personnes", "adhérents", "magasins",
	"voluntarios", "empleados", "trabajadores", "socios", "miembros", "alumnos", "personas", "tiendas", "camas"}

// budgetInFactsAside reports an amount inside a parenthesis that also
// counts the organisation's people or sites: the organisation's size or
// overall budget, not money for this purchase.
func budgetInFactsAside(s string, start, end, cs, ce int) bool {
	open := strings.LastIndexByte(s[cs:start], '(')
	if open < 0 {
		return false
	}
	open += cs
	if strings.IndexByte(s[open:start], ')') >= 0 {
		return false
	}
	cl := strings.IndexByte(s[end:ce], ')')
	if cl < 0 {
		return false
	}
	aside := s[open : end+cl]
	if !hasDigit(strings.Replace(aside, s[start:end], "", 1)) {
		return false
	}
	for _, w := range budgetFactsNouns {
		if strings.Contains(aside, w) {
			return true
		}
	}
	return false
}

// budgetWeAreRe finds a head count said as "we are N" ("somos ocho", "on
// est sept au bureau", "wir sind 12 Leute"): the users a per-person price
// is multiplied by. Group 1 is the number.
var budgetWeAreRe = mustPattern(`\b(?:we are|we're|somos|on est|nous sommes|wir sind)(?: a team of| un equipo de| une équipe de| ein team von)? ([0-9]{1,4}|[a-zäöüéèàíóú]+)(?: (?:people|persons|of us|in the team|staff|personas|personnes|leute|personen|au bureau|en la oficina|en total|dans l'équipe|im team))?(?:$|[.,;:!?)\n]| (?:people|persons|personas|personnes|leute|personen))`)

// budgetSeatsWe returns the head count of "we are N", or 0.
func budgetSeatsWe(d *doc) int {
	for _, m := range budgetWeAreRe.findAll(d) {
		w := d.lower[m[2]:m[3]]
		if n, err := strconv.Atoi(w); err == nil && n > 0 {
			return n
		}
		if n, ok := numberWords[w]; ok && n > 1 {
			return n
		}
	}
	return 0
}
