package bant

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Currency tokens. A prefix is written before the number ("$25k", "EUR
// 25,000", "Rs. 5 lakh"), a suffix after it ("25k USD", "25.000 €",
// "5 lakh rupees").
const (
	curPrefixPat = `us\$|usd|ca\$|c\$|cad|au\$|a\$|aud|nz\$|nzd|s\$|sgd|hk\$|hkd|r\$|brl|\$|€|eur|£|gbp|₹|rs\.?|inr|₦|ngn|¥|jpy|cny|rmb|chf|sfr|sek|nok|dkk|pln|mxn|zar|cop|clp|fcfa|aed`
	curSuffixPat = `usd|eur|gbp|inr|cad|aud|nzd|sgd|hkd|brl|jpy|cny|rmb|chf|sfr|sek|nok|dkk|pln|mxn|zar|dollars?|dólares|dolares|dólar|dolar|bucks|euros?|pounds?|libras?|quid|rupees?|francs?|francos?|franken|pesos? colombianos|pesos? chilenos|pesos? argentinos|pesos?|cop|clp|ars|yen|naira|ngn|balles|pavos|złotych|zlotych|złote|zlote|złoty|zloty|zlotys|kr|kronor|kroner|fcfa|cfa|xof|dirhams?|dhs?|mad|aed|piasses|piastres|öcken|ocken|kröten|kroeten|mäuse|maeuse|piepen|stutz`
	// numPat lists the digit groupings from most to least specific, so
	// leftmost-first matching takes "25,000" whole before "25" alone:
	// comma thousands, dot thousands (European), apostrophe thousands
	// (Swiss, or folded no-break spaces), space thousands, plain.
	numPat = `\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,3}(?:'\d{3})+(?:[.,]\d{1,2})?|\d{1,3}(?: \d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?`
	// multPat: English, Indian, German (tausend, Tsd., Mio., Mrd.),
	// French (mille, millions) and Spanish (mil, millones) multipliers;
	// "keur"/"teur" are thousands of euros.
	multPat = `k|t|mm|mn|m|bn|b|thousand|grand|million|millions|millionen|millones|millón|millon|mil|mille|mio|mrd|milliarden?|tausend|tsd|keur|teur|billion|lakhs?|lacs?|crores?|cr`
)

// amountTailRe reads an amount from its first digit: groups 1 number, 2
// multiplier, 3 suffix currency word, 4 suffix currency symbol. The
// currency prefix, if any, is found by currencyBefore: scanning digit runs
// and looking back is far cheaper than an unanchored expression that may
// start anywhere.
var amountTailRe = regexp.MustCompile(`^(` + numPat + `)(?:,-{1,2})?(?: ?(` + multPat + `)\b)?(?: ?(?:de |d')?(` + curSuffixPat + `)\b| ?([$€£₹¥]|zł))?`)

// curPrefixes are the currency tokens written before a number, longest
// first so that "us$" is tried before "$".
var curPrefixes = func() []string {
	toks := strings.Split(strings.ReplaceAll(curPrefixPat, `\`, ""), "|")
	var out []string
	for _, t := range toks {
		if strings.HasSuffix(t, "?") { // "rs\.?"
			t = strings.TrimSuffix(t, "?")
			out = append(out, t, strings.TrimSuffix(t, "."))
			continue
		}
		out = append(out, t)
	}
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}()

// abbrevCurRe reads the currency after an abbreviated multiplier's
// period ("Mio. €"); group 1 is the currency token.
var abbrevCurRe = regexp.MustCompile(`^\. ?(` + curSuffixPat + `|[$€£₹¥])(?:\b|$|[^a-z])`)

// seatRe finds seat counts: "25 seats", "10 user licenses", "50 named
// users". Groups: 1 number, 2 "k", 3 noun.
var seatRe = mustPattern(`(\d{1,3}(?:,\d{3})+|\d+)(?: ?(k)\b)? ?(?:(?:paid|named|active|concurrent|user|sales|support|team|admin|full|standard|pro|editor|additional|more|extra|new|business) )?(seats?|licen[cs]es?|users?|logins?|agents|lizenzen|nutzer|benutzer|arbeitsplätze|utilisateurs|licences|postes|usuarios|licencias|puestos|agentes)\b`)

// phoneRe and dateRe find digit runs that are phone numbers, dates or
// clock times; an amount without a currency inside one is not a budget.
var (
	phoneRe = mustPattern(`\+?\(?\d{1,4}\)?(?:[ .-]?\(?\d{2,4}\)?){2,5}`)
	dateRe  = mustPattern(`\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}:\d{2}|\d+/\d+`)
)

// Budget keyword classes: a strong keyword makes a nearby amount a
// budget, a weak one makes it likely (a price or a quote they ask about),
// a deny keyword makes it something else (revenue, savings, a funding
// round), and a past keyword makes it money that is not for this purchase:
// what they spent or pay today, or an approval limit (see budget_tense.go).
// They index budgetKwRes.
const (
	kwStrong = iota + 1
	kwWeak
	kwDeny
	kwPast
)

// budgetKwRes finds the budget keywords of each class, indexed by class,
// in English, German, French and Spanish (with and without accents).
var budgetKwRes = [...]*pattern{
	kwStrong: mustPattern(`\b(?:budgets?|budgeted|budgeting|approved|spend|spending|afford|invest|investing|investment|allocate|allocated|allocation|set aside|price range|price point|ballpark|willing to pay|able to pay|can pay|looking to spend|ceiling|cap|stretch to|stretch)\b` +
		// German
		`|budget(?:s|rahmen|iert|ieren)?\b|\b(?:etat|rahmen|ausgeben|investieren|einplanen|eingeplant|vorgesehen|veranschlagt|bereitgestellt|freigegeben|genehmigt|bewilligt|zur verfügung|zur verfuegung|obergrenze|schmerzgrenze|preisvorstellung|preislimit|leisten|bereit)\b` +
		// French
		`|\b(?:enveloppe|investir|investissement|dépenser|depenser|consacrer|allouer|alloué|allouée|alloue|prévu|prévue|prevu|prévoyons|disposons|débloqué|debloque|plafond|fourchette|prêts à payer|prets a payer|prêts à mettre|moyens)(?:\b|$|[^a-zà-ÿ])` +
		// Spanish
		`|\b(?:presupuestos?|presupuestado|presupuestamos|aprobados?|aprobadas?|autorizados?|validés?|valides|approuvés?|approuves?|invertir|inversión|inversion|gastar|destinar|destinado|destinamos|asignado|asignamos|asignar|partida|disponemos|contamos con|tope|techo|dispuestos a pagar|reservado|reservados)\b` +
		`|\b(?:earmarked|reserved|reserviert|réservé|réservés|reserve)(?:\b|$|[^a-zà-ÿ])` +
		// money put aside: "put aside", "auf die Seite gelegt", "mis de
		// côté", "tenemos apartados"
		`|\b(?:put aside|put away|put by|aside|auf die seite gelegt|zur seite gelegt|beiseite ?gelegt|zurückgelegt|zurueckgelegt|de côté|de cote|apartados?|apartadas?|separados? para|guardados? para)(?:\b|$|[^a-zà-ÿ])`),
	// "we have 35k" is likely money when a currency or multiplier makes
	// it so: counts ("we have 250 staff") are rejected before keywords.
	kwWeak: mustPattern(`\b(?:cost|costs|costing|pay|paying|price|pricing|priced|quote|quoted|charge|charged|charges|fee|fees|subscription|contract|we have|we've got|we got)\b` +
		`|\b(?:wir haben|haben wir|nous avons|tenemos|contamos)\b` +
		`|\b(?:kosten|kostet|preis|preise|angebot|zahlen|bezahlen|gebühr|gebuehr|lizenzkosten)\b` +
		`|\b(?:coût|cout|coûte|coute|prix|tarif|devis|payer|abonnement)\b` +
		`|\b(?:costo|coste|cuesta|precio|cotización|cotizacion|pagar|tarifa|suscripción|suscripcion)\b`),
	kwDeny: mustPattern(`\b(?:revenues?|arr|mrr|turnover|turn over|raised|raise|raising|funding|funded|valuation|worth|losing|lost|lose|loss|losses|generate|generating|generated|earn|earns|earning|earned|profits?|salary|salaries|saved|save|saves|saving|savings|sell|sold|selling|grant|fined|donated?|donation|won|invoice|invoiced|doing|doin|turning over|bringing in|pulling in|assets|aum|under management|series [a-e]|seed round)\b` +
		`|\b(?:wasted|thrown away|threw away|throw away|binned|written off|wrote off|weggeworfen|wegwerfen|wegschmeißen|wegschmeissen|weggeschmissen|abgeschrieben|verschwendet|entgangen|verlust|tiramos|tirado|tirar|desperdiciado|desperdiciamos|pérdida|our order|our last order|unsere bestellung|nuestro pedido|order no|order number)\b` +
		`|\b(?:jeté|jete|jeter|jetons|gaspillé|gaspille|perte|notre commande|commande n|oublié de facturer|oublie de facturer)(?:\b|$|[^a-zà-ÿ])` +
		`|\b(?:operating budget|overall budget|total annual budget|budget de fonctionnement|budget global|budget annuel total|presupuesto de funcionamiento|presupuesto operativo|presupuesto total anual|betriebsbudget|betriebshaushalt|gesamtbudget|gesamthaushalt|jahreshaushalt|haushaltsvolumen)\b` +
		`|\b(?:bilanzsumme|vermögen|vermoegen|serie [a-e]|série [a-e]|actifs|encours|activos|patrimonio|cartera de)\b` +
		`|\b(?:umsatz|umsätze|umsaetze|jahresumsatz|gewinn|finanzierung|finanzierungsrunde|gehalt|gehälter|gehaelter|verloren|gespart|sparen|einsparen|einsparung|förderung|foerderung|bewertung|rechnung|rechnungsbetrag)\b` +
		`|(?:\b(?:chiffre d'affaires|levé|levée|levee|lever|levons|financement|salaires?|perdu|pertes|economiser|economise|gagner|bénéfices?|benefices?|subvention|valorisation|amende|facture)|économiser|économisé)(?:\b|$|[^a-zà-ÿ])` +
		// French "CA" (chiffre d'affaires) only where it reads as one: a
		// bare "ca" would wake this part in every clause ("can", "call").
		`|\(ca\b|\b(?:notre|le|un|d'un|son|leur|du) ca\b|\bca (?:de|d'|annuel|est)\b|\bca ?:` +
		`|\b(?:facturación|facturacion|facturamos|factura|ventas|ingresos|financiación|financiacion|ronda|levantamos|salarios?|sueldos?|perdimos|perdemos|pérdidas|perdidas|ahorrar|ahorro|ahorramos|ganancias|beneficios?|subvención|subvencion|multa|valoración|valoracion)\b`),
	kwPast: budgetPastKwRe,
}

// Bound cues in the words before an amount (anchored at the end of the
// preceding text) and after it (anchored at its end), in English,
// German, French and Spanish.
var (
	cantExceedRe = regexp.MustCompile(`(?:can't|cannot|can not|won't|couldn't|could not|not able to|unable to)\s+(?:spend|pay|go|afford|invest)\s+(?:more than|over|above|beyond)\s*$`)
	maxBeforeRe  = regexp.MustCompile(`(?:\b(?:exceed|exceeding|not to exceed|under|below|less than|lower than|up to|upto|no more than|not more than|not over|not above|not exceeding|no higher than|max|maximum|max of|maximum of|at most|within|capped at|cap of|ceiling of|limit of|tops` +
		`|bis zu|bis|maximal|max\.|unter|unterhalb von|weniger als|nicht mehr als|obergrenze von|obergrenze` +
		`|jusqu'à|jusqu'a|jusqu'au|au maximum|au max|moins de|pas plus de|au plus|en dessous de|plafond de|plafonné à` +
		`|hasta|máximo|maximo|como máximo|como maximo|un máximo de|un maximo de|menos de|no más de|no mas de|por debajo de|inferior a|tope de)|höchstens|hoechstens|<=?|≤)\s*:?\s*$`)
	minBeforeRe = regexp.MustCompile(`(?:\b(?:over|above|more than|greater than|at least|min|minimum|min of|minimum of|north of|upwards of|upward of|in excess of|starting at|starting from|from` +
		`|ueber|mehr als|mindestens|ab|oberhalb von|plus de|au moins|à partir de|a partir de|au-delà de|más de|mas de|al menos|desde|mínimo|minimo|un mínimo de|superior a|por encima de)|über|>=?|≥)\s*:?\s*$`)
	betweenRe   = regexp.MustCompile(`\b(?:between|from|zwischen|von|entre)\s*$`)
	minAfterRe  = regexp.MustCompile(`^\s*(?:\+|or more\b|or above\b|or higher\b|plus\b|minimum\b|min\b|at least\b|and up\b|and above\b|oder mehr\b|und mehr\b|mindestens\b|ou plus\b|et plus\b|au moins\b|o más|o mas\b|y más|y mas\b|como mínimo|como minimo\b)`)
	maxAfterRe  = regexp.MustCompile(`^\s*(?:or less\b|or under\b|or below\b|max\b|maximum\b|tops\b|at most\b|at the most\b|maximal\b|höchstens|hoechstens\b|oder weniger\b|au maximum\b|au plus\b|grand maximum\b|ou moins\b|como máximo|como maximo\b|máximo|a lo sumo\b|o menos\b)`)
	periodAftRe = regexp.MustCompile(`^\s*(?:\+\s*)?(?:` + taxPat + `\s*)?(?:(?:/\s*|\bper\s+|\ba\s+|\ban\s+|\beach\s+|\bevery\s+|\b(?:pro|je|im|par|chaque|al|por|cada|and|und|et|y)\s+(?:(?:per|pro|par|por|al|el)\s+)?|\bsur\s+(?:l'|une\s+|un\s+)|\bà\s+l'|\ba\s+l')(` + periodUnitPat + `)(?:\b|$)|(` + periodAdjPat + `)(?:\b|$))`)
	periodBefRe = regexp.MustCompile(`\b(monthly|annual|yearly|annually|quarterly|weekly|one[- ]?off|one[- ]?time|per month|per year|a month|a year|per annum` +
		`|monatlich\w*|jährlich\w*|jaehrlich\w*|monatsbudget|jahresbudget|pro monat|pro jahr|im monat|im jahr|mensuel\w*|annuel\w*|par mois|par an|mensual\w*|anual\w*|al mes|al año|por mes|por año)(?:\b|$)`)
	rangeSepRe = regexp.MustCompile(`^\s*(?:-|to|and|or|und|bis|oder|et|à|a|ou|y|o|hasta)\s*$`)
	labelSepRe = regexp.MustCompile(`^\s*(?::|-|=|is|of|is about|is around|of about|of around|of up to|ist|von|liegt bei|beträgt|betraegt|de|est de|es de|d'environ|de unos|von ca\.?|von etwa|um die)?\s*$`)
)

// taxPat is a tax note that may stand between an amount and its period
// ("1 800 € HT par mois", "500 € zzgl. MwSt. im Monat").
const taxPat = `(?:ht|ttc|hors taxes?|netto|brutto|net|gross|excl\.? vat|incl\.? vat|\+ ?vat|plus vat|\+ ?mwst\.?|zzgl\.? mwst\.?|inkl\.? mwst\.?|\+ ?iva|iva incluido|sin iva|más iva|mas iva|\+ ?tva)\b\.?`

// periodUnitPat and periodAdjPat are the period words periodOf knows,
// after a preposition ("per month", "pro Monat", "par an", "al mes") and
// on their own ("monthly", "monatlich", "mensuel", "mensuales").
const (
	periodUnitPat = `month|mo|mth|monat|mois|mes|year|yr|annum|jahr|an|année|annee|año|ano|quarter|qtr|quartal|trimestre|week|wk|woche|semaine|semana` +
		`|seat|user|licen[cs]e|head|person|agent|rep|nutzer|benutzer|anwender|lizenz|arbeitsplatz|mitarbeiter|utilisateur|poste|usuario|licencia|puesto|persona`
	periodAdjPat = `monthly|annually|yearly|annual|p\.?a\.?|p/a|pcm|p/m|one[- ]?off|one[- ]?time|upfront|up front|in total|total|all[- ]in|quarterly|weekly` +
		`|monatlich|monatl|mtl|p\.\s?m\.?|jährlich|jaehrlich|einmalig|insgesamt|vierteljährlich|mensuel(?:le)?s?|mensuellement|annuel(?:le)?s?|trimestriel(?:le)?s?|au total|ponctuel|mensual(?:es)?|mensualmente|anual(?:es)?|anualmente|trimestral(?:es)?|en total`
)

// Words that, right before a currency-less number, say it is an
// identifier, an address part or a date, never money.
var notMoneyBefore = map[string]bool{
	"zip": true, "postal": true, "postcode": true, "code": true, "phone": true,
	"tel": true, "mobile": true, "cell": true, "fax": true, "ext": true,
	"extension": true, "version": true, "v": true, "ver": true, "release": true,
	"room": true, "suite": true, "apt": true, "unit": true, "floor": true,
	"building": true, "order": true, "invoice": true, "ticket": true,
	"case": true, "id": true, "no": true, "number": true, "page": true,
	"step": true, "chapter": true, "model": true, "iphone": true,
	"windows": true, "ios": true, "android": true, "macos": true,
	"python": true, "java": true, "since": true, "year": true, "years": true,
	"in": true, "on": true, "route": true, "highway": true, "street": true,
	"st": true, "avenue": true, "ave": true, "road": true, "rd": true,
	"top": true, "level": true, "tier": true, "phase": true, "day": true,
	"week": true, "month": true, "q": true, "quarter": true, "gen": true,
	"series": true, "account": true, "acct": true, "ref": true,
	"reference": true, "po": true, "pin": true, "age": true, "aged": true,
	"rank": true, "ranked": true, "#": true, "last": true, "nr": true,
	"nummer": true, "rechnung": true, "bestellung": true, "auftrag": true, "kundennummer": true,
	"seit": true, "jahr": true, "commande": true, "facture": true, "n°": true, "numéro": true,
	"numero": true, "depuis": true, "année": true, "pedido": true, "factura": true, "número": true,
	"desde": true, "año": true, "folio": true, "expediente": true, "aktenzeichen": true,
	"first": true, "past": true, "next": true,
}

// okAfterBare lists the words that may follow a currency-less amount that
// is still a budget ("10k a year", "25k budget", "20k for the first
// year"). Any other word makes it a count of something ("10k leads").
var okAfterBare = map[string]bool{
	"per": true, "a": true, "an": true, "each": true, "every": true,
	"budget": true, "budgeted": true, "total": true, "tops": true,
	"max": true, "maximum": true, "min": true, "minimum": true, "range": true,
	"ish": true, "or": true, "and": true, "to": true, "for": true, "is": true,
	"was": true, "of": true, "at": true, "with": true, "but": true, "so": true,
	"which": true, "that": true, "we": true, "i": true, "this": true,
	"if": true, "because": true, "plus": true, "approved": true,
	"allocated": true, "available": true, "annually": true, "yearly": true,
	"monthly": true, "annual": true, "quarterly": true, "weekly": true,
	"would": true, "should": true, "could": true, "can": true, "will": true,
	"all-in": true, "including": true, "excluding": true, "incl": true,
	"excl": true, "vat": true, "tax": true, "ballpark": true, "give": true,
	"in": true, "as": true, "over": true, "up": true, "one-off": true,
	"one-time": true, "upfront": true, "on": true, "now": true, "right": true,
	"though": true, "then": true, "p.a": true, "pcm": true, "pa": true,
	"seems": true, "sounds": true, "all": true, "spend": true, "cap": true,
	// money put aside: "fifteen grand put aside", "20k set aside"
	"maybe": true, "perhaps": true, "probably": true, "roughly": true, "approx": true,
	"put": true, "set": true, "aside": true, "earmarked": true, "reserved": true, "ready": true,
}

// notMoneyAfter lists words after an amount that make it revenue or a
// funding figure rather than a budget ("$5m ARR", "$2m in revenue").
var notMoneyAfter = map[string]bool{
	"revenue": true, "revenues": true, "arr": true, "mrr": true,
	"turnover": true, "funding": true, "round": true, "valuation": true,
	"profit": true, "profits": true, "salary": true, "loss": true,
	"losses": true, "sales": true, "raised": true, "seed": true,
	"series": true, "série": true, "serie": true, "gmv": true, "ebitda": true, "market": true,
	"too": true, // "$120k was too high for us" is their price, not our budget
	// "a $2B manufacturer", "une PME de 5 M€": the size of the company.
	"company": true, "companies": true, "business": true, "firm": true,
	"manufacturer": true, "retailer": true, "brand": true, "group": true,
	"organization": true, "organisation": true, "enterprise": true,
	"startup": true, "agency": true, "chain": true, "distributor": true,
	"unternehmen": true, "firma": true, "konzern": true, "hersteller": true,
	"mittelständler": true, "umsatz": true, "jahresumsatz": true,
	"entreprise": true, "société": true, "groupe": true, "pme": true,
	"empresa": true, "compañía": true, "grupo": true, "fabricante": true,
	"facturación": true, "facturacion": true, "ventas": true, "ingresos": true,
	"chiffre": true, "ca": true, "ebit": true, "umsätze": true,
}

// timeUnitAfter lists units that make a number a duration, a ratio or a
// count of something that is not money.
var timeUnitAfter = map[string]bool{
	"day": true, "days": true, "week": true, "weeks": true, "month": true,
	"months": true, "year": true, "years": true, "yr": true, "yrs": true,
	"hour": true, "hours": true, "hr": true, "hrs": true, "minute": true,
	"minutes": true, "min": true, "mins": true, "second": true,
	"seconds": true, "sec": true, "secs": true, "percent": true,
	"times": true, "x": true, "st": true, "nd": true, "rd": true, "th": true,
	"am": true, "pm": true, "o'clock": true,
}

// multipliers maps a multiplier word to its factor.
var multipliers = map[string]float64{
	"k": 1e3, "thousand": 1e3, "grand": 1e3,
	"m": 1e6, "mm": 1e6, "mn": 1e6, "mil": 1e6, "mio": 1e6, "million": 1e6,
	"b": 1e9, "bn": 1e9, "billion": 1e9,
	"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5,
	"tausend": 1e3, "tsd": 1e3, "mille": 1e3, "keur": 1e3, "teur": 1e3,
	"millions": 1e6, "millionen": 1e6, "millones": 1e6, "millón": 1e6, "millon": 1e6,
	"mrd": 1e9, "milliarde": 1e9, "milliarden": 1e9,
	"crore": 1e7, "crores": 1e7, "cr": 1e7,
}

// currencies maps a currency token to its ISO 4217 code. A bare "$" is
// USD: most of our leads who write "$" mean it, and the budget buckets
// are too coarse for CAD or AUD to matter.
var currencies = map[string]string{
	"$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "bucks": "USD",
	"ca$": "CAD", "c$": "CAD", "cad": "CAD",
	"au$": "AUD", "a$": "AUD", "aud": "AUD",
	"nz$": "NZD", "nzd": "NZD",
	"s$": "SGD", "sgd": "SGD",
	"hk$": "HKD", "hkd": "HKD",
	"r$": "BRL", "brl": "BRL",
	"dólares": "USD", "dolares": "USD", "dólar": "USD", "dolar": "USD",
	"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
	"£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "quid": "GBP", "libra": "GBP", "libras": "GBP",
	"₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "rupee": "INR", "rupees": "INR",
	"¥": "JPY", "jpy": "JPY", "yen": "JPY",
	"cny": "CNY", "rmb": "CNY",
	"chf": "CHF", "sfr": "CHF", "franc": "CHF", "francs": "CHF", "franco": "CHF", "francos": "CHF", "franken": "CHF",
	// A peso is most often a Mexican one in our leads; other pesos are
	// worth less still, so MXN's rate never overstates a budget much.
	"peso": "MXN", "pesos": "MXN",
	"₦": "NGN", "ngn": "NGN", "naira": "NGN",
	// Slang: "100 balles" (French), "50 pavos" (Spanish) are euros.
	"balles": "EUR", "pavos": "EUR", "piasses": "CAD", "piastres": "CAD",
	// German slang ("50 Öcken im Monat") is euros, "Stutz" Swiss francs.
	"öcken": "EUR", "ocken": "EUR", "kröten": "EUR", "kroeten": "EUR", "mäuse": "EUR", "maeuse": "EUR", "piepen": "EUR", "stutz": "CHF",
	"zł": "PLN", "złotych": "PLN", "zlotych": "PLN", "złote": "PLN", "zlote": "PLN", "złoty": "PLN", "zloty": "PLN", "zlotys": "PLN",
	"kr": "SEK", "kronor": "SEK", "kroner": "NOK",
	"cop": "COP", "pesos colombianos": "COP", "peso colombianos": "COP",
	"clp": "CLP", "pesos chilenos": "CLP", "peso chilenos": "CLP",
	"ars": "ARS", "pesos argentinos": "ARS", "peso argentinos": "ARS",
	"fcfa": "XOF", "cfa": "XOF", "xof": "XOF",
	"dirham": "MAD", "dirhams": "MAD", "dh": "MAD", "dhs": "MAD", "mad": "MAD", "aed": "AED",
	"sek": "SEK", "nok": "NOK", "dkk": "DKK", "pln": "PLN", "mxn": "MXN", "zar": "ZAR",
}

// contextBytes bounds how far around a match its context is read.
const contextBytes = 80

// minBudgetConfidence is the lowest confidence an amount needs to be
// reported at all; below it, a number is more likely anything else.
const minBudgetConfidence = 0.45

// amount is one money-like figure found in the text.
type amount struct {
	start, end int // span in the doc, currency included
	numStart   int // where the digits start
	raw        float64
	mult       float64 // 1 when no multiplier was written
	cur        string  // ISO code or ""
	spaced     bool    // digits grouped with spaces ("25 000")
	yearLike   bool    // four plain digits, no multiplier ("2026")
	hi         *amount // upper end when merged into a range
	milWord    bool    // the multiplier was "mil": a million in English, a thousand in Spanish
	// words marks an amount written in words ("a few thousand",
	// "low five figures", "kleines Budget"); see budget_words.go.
	words bool
	// selfLabelled marks a words amount that names the budget itself
	// ("tight budget", "presupuesto ajustado"), which needs no keyword.
	selfLabelled bool
	// fixedBound is the Bound a words amount implies ("" for digits).
	fixedBound string
}

func (a *amount) value() float64 { return a.raw * a.mult }

// budgetCand is a scored budget reading.
type budgetCand struct {
	b Budget
	// start is where the amount starts in the doc; withdrawnAt is where a
	// withdrawn-budget statement ends (-1 for anything else).
	start, withdrawnAt int
}

// extractBudget returns the most confident budget statement in d, or nil.
func extractBudget(d *doc) *Budget {
	var best *budgetCand
	consider := func(c budgetCand) {
		if c.b.Confidence < minBudgetConfidence {
			return
		}
		// Ties go to the first figure, usually the answer to "budget?".
		if best == nil || c.b.Confidence > best.b.Confidence {
			cc := c
			best = &cc
		}
	}

	amounts := budgetAmounts(d)
	none, hasNone := budgetNone(d)
	cutTo := false
	for _, c := range amounts {
		if hasNone && none.withdrawnAt >= 0 && c.start > none.start && c.start < none.withdrawnAt && budgetCutTo(d, c.start) {
			cutTo = true // "the budget was cut to 30k" states the budget
		}
		if hasNone && none.withdrawnAt >= 0 && c.start < none.withdrawnAt &&
			d.clauseIndex(c.start)+1 >= d.clauseIndex(none.withdrawnAt-1) && !cutTo {
			// "we had 30k budgeted but it was frozen": the amount is
			// the budget that is gone.
			continue
		}
		consider(c)
	}
	// An amount wins a tie with "no budget": "budget isn't final, but up
	// to $20k" names a figure.
	if hasNone && !cutTo && (best == nil || none.b.Confidence > best.b.Confidence) {
		best = &none
	}
	seats, seatConf, seatEv := budgetSeats(d)
	switch {
	case best != nil:
		if !best.b.None && seats == 0 && best.b.PerSeat {
			seats = budgetSeatsWe(d)
		}
		if !best.b.None && seats > 0 {
			best.b.Seats = seats
		}
	case seats > 0:
		best = &budgetCand{b: Budget{Seats: seats, Confidence: seatConf, Evidence: seatEv}, withdrawnAt: -1}
	default:
		return nil
	}
	b := best.b
	return &b
}

// hasDigit reports whether s contains an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

// budgetAmounts finds, parses and scores every amount in d.
func budgetAmounts(d *doc) []budgetCand {
	var kws []kwHit
	for class := kwStrong; class <= kwPast; class++ {
		for _, m := range budgetKwRes[class].findAll(d) {
			kws = append(kws, kwHit{start: m[0], end: m[1], class: class})
		}
	}
	slices.SortFunc(kws, func(a, b kwHit) int { return a.start - b.start })
	kws = dedupeKwHits(kws)
	kws = budgetDropCirca(d, kws)
	var amts []*amount
	if hasDigit(d.lower) {
		amts = findAmounts(d.lower)
		amts = mergeRanges(d, amts)
		budgetFixMil(d, amts)
	}
	amts = budgetWordAmounts(d, amts)

	var out []budgetCand
	prevEnd := 0
	for i, a := range amts {
		// Only a figure that looks like money bounds this one's context:
		// "sur 4 ans" or "2025 IT budget" hold numbers that are not.
		nextStart := len(d.lower)
		for _, n := range amts[i+1:] {
			if n.cur != "" || n.mult > 1 || n.words {
				nextStart = n.start
				break
			}
		}
		if c, ok := scoreAmount(d, a, kws, prevEnd, nextStart); ok {
			c.start, c.withdrawnAt = a.start, -1
			out = append(out, c)
			prevEnd = a.end
		}
	}
	return out
}

// kwHit is one budget keyword occurrence.
type kwHit struct {
	start, end, class int
}

// dedupeKwHits drops a keyword hit that overlaps an earlier, longer one
// (or is replaced by a longer one it overlaps): "willing to pay" is one
// strong keyword, not a strong one and the weak "pay" nearer the amount;
// "we're paying" is past spend, not the strong "paying". kws is sorted
// by start; the result is too.
func dedupeKwHits(kws []kwHit) []kwHit {
	out := kws[:0]
	for _, k := range kws {
		if n := len(out); n > 0 && k.start < out[n-1].end {
			if k.end-k.start > out[n-1].end-out[n-1].start {
				out[n-1] = k
			}
			continue
		}
		out = append(out, k)
	}
	return out
}

// budgetFixMil reads "mil" as a thousand in a Spanish text ("20 mil
// euros"); elsewhere it stays a million ("$2 mil").
func budgetFixMil(d *doc, amts []*amount) {
	for _, a := range amts {
		for _, x := range []*amount{a, a.hi} {
			if x != nil && x.milWord {
				if detectLanguage(d.lower) != LangSpanish {
					return
				}
				x.mult = 1e3
			}
		}
	}
}

// numberSpans returns the spans of phone numbers, dates and clock times,
// found on first use: only a currency-less amount needs them.
func numberSpans(d *doc) [][2]int {
	if d.numberSpans != nil {
		return *d.numberSpans
	}
	s := d.lower
	spans := [][2]int{}
	d.numberSpans = &spans
	for _, m := range phoneRe.findAll(d) {
		digits, groups := 0, 0
		for i := m[0]; i < m[1]; i++ {
			if isDigit(s[i]) {
				digits++
				if i == m[0] || !isDigit(s[i-1]) {
					groups++
				}
			}
		}
		// "555-123-4567", "+44 20 7946 0958", "(555) 987 6543", but not
		// a range such as "500-1000".
		if digits >= 7 && (groups >= 3 || digits >= 10 || s[m[0]] == '+' || s[m[0]] == '(') {
			spans = append(spans, [2]int{m[0], m[1]})
		}
	}
	for _, m := range dateRe.findAll(d) {
		spans = append(spans, [2]int{m[0], m[1]})
	}
	return spans
}

// findAmounts returns every money-like figure in s, in order.
func findAmounts(s string) []*amount {
	var out []*amount
	prevEnd := 0 // a currency token before it belongs to the previous amount ("5 $ 6")
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			continue
		}
		// A window long enough for any amount, ending between words and
		// runes so that \b and the currency symbols see what follows.
		we := min(len(s), i+64)
		for we < len(s) && we < i+96 && (isWordByte(s[we]) || !utf8.RuneStart(s[we])) {
			we++ // a longer word is rejected by parseAmount's right edge
		}
		m := amountTailRe.FindStringSubmatchIndex(s[i:we])
		if m == nil {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		end := m[1]
		if a, ok := parseAmount(s, m, prevEnd); ok {
			out = append(out, a)
			end = a.end // shorter when a currency was left to the next amount
		}
		prevEnd = end
		i = end - 1
	}
	return out
}

// budgetCurrencyStartsNext reports whether a digit follows the currency
// token ending at p, so that the token prefixes the next number.
func budgetCurrencyStartsNext(s string, p int) bool {
	if p < len(s) && s[p] == ' ' {
		p++
	}
	return p < len(s) && isDigit(s[p])
}

// currencyBefore returns where a currency token written just before the
// number at i starts, and its ISO code; (i, "") if there is none. A
// lettered token must start a word ("hrs 5" is not rupees).
func currencyBefore(s string, i int) (int, string) {
	j := i
	if j > 0 && s[j-1] == ' ' {
		j--
	}
	for _, tok := range curPrefixes {
		if !strings.HasSuffix(s[:j], tok) {
			continue
		}
		st := j - len(tok)
		if isLetter(tok[0]) && st > 0 && isWordByte(s[st-1]) {
			continue
		}
		return st, currencies[tok]
	}
	return i, ""
}

// parseAmount turns an amountTailRe match (offsets in s) into an amount,
// rejecting matches glued to other words or numbers ("v3", "3.0.1",
// "24/7", "20kg"). A currency prefix is only looked for from floor on.
func parseAmount(s string, m []int, floor int) (*amount, bool) {
	a := &amount{start: m[0], end: m[1], numStart: m[0], mult: 1}
	if st, cur := currencyBefore(s, m[0]); st >= floor {
		a.start, a.cur = st, cur
	}
	num := s[m[2]:m[3]]
	hasMult := m[4] >= 0
	if hasMult {
		tok := s[m[4]:m[5]]
		a.mult = multipliers[tok]
		// "20 mil euros" is Spanish for 20,000; "$2 mil" alone may be
		// an English million, which the text's language decides.
		a.milWord = tok == "mil" && m[6] < 0
		if tok == "mil" && m[6] >= 0 {
			a.mult = 1e3
		}
		if tok == "t" {
			// "70-90 T€" is thousands of euros; "20 t" alone is tonnes.
			if rest := s[m[5]:]; !strings.HasPrefix(rest, "€") && !strings.HasPrefix(rest, " €") {
				return nil, false
			}
			a.mult = 1e3
		}
		if tok == "keur" || tok == "teur" {
			a.cur = "EUR"
		}
		if m[6] < 0 && m[8] < 0 && (tok == "mio" || tok == "tsd" || tok == "mrd") && a.end < len(s) && s[a.end] == '.' {
			// "2 Mio. €", "20 Tsd. Euro": the abbreviation's period
			// stands between the multiplier and the currency.
			if c := abbrevCurRe.FindStringSubmatchIndex(s[a.end:min(len(s), a.end+12)]); c != nil {
				m[6], m[7] = a.end+c[2], a.end+c[3]
				a.end += c[3]
			} else {
				a.end++
			}
		}
	}
	switch {
	case m[6] >= 0:
		if c := currencies[strings.TrimRight(s[m[6]:m[7]], " ")]; c != "" {
			a.cur = c
		}
		if budgetCurrencyStartsNext(s, m[7]) {
			// "im Budget 2026 CHF 14'000": the code is the next
			// amount's prefix, not this number's suffix.
			a.cur, a.end = "", m[5]
			if m[5] < 0 {
				a.end = m[3]
			}
		}
	case m[8] >= 0:
		if c := currencies[s[m[8]:m[9]]]; c != "" {
			a.cur = c
		}
		if a.cur == "USD" {
			// "120 000 $ CA", "5 000 $ CAN": Canadian French.
			for _, t := range []string{" cad", " can", " ca"} {
				if e := a.end + len(t); strings.HasPrefix(s[a.end:], t) && (e == len(s) || !isLetter(s[e])) {
					a.cur, a.end = "CAD", e
					break
				}
			}
		}
	}
	// "N500,000": Nigerians write the naira as a bare N before grouped
	// digits.
	if a.cur == "" && a.start > 0 && s[a.start-1] == 'n' && (a.start == 1 || !isWordByte(s[a.start-2])) &&
		strings.ContainsAny(s[m[2]:m[3]], ",.") && m[3]-m[2] >= 5 {
		a.start--
		a.cur = "NGN"
	}
	// Left edge: the currency or the number must start a token.
	if a.start > 0 {
		p := s[a.start-1]
		if isWordByte(p) || p == '+' || p == '#' || p == '@' || p == '\'' {
			return nil, false
		}
		if (p == '.' || p == ',' || p == '/' || p == ':') && a.start > 1 && isDigit(s[a.start-2]) {
			return nil, false
		}
	}
	// Right edge.
	if a.end < len(s) {
		n := s[a.end]
		if isWordByte(n) || n == '%' || n == '\'' && a.end+1 < len(s) && isWordByte(s[a.end+1]) {
			return nil, false
		}
		if (n == '.' || n == ',' || n == '/' || n == ':') && a.end+1 < len(s) && isDigit(s[a.end+1]) {
			return nil, false
		}
	}
	v, spaced, ok := parseNumber(num, hasMult)
	if !ok {
		return nil, false
	}
	a.raw, a.spaced = v, spaced
	a.yearLike = !hasMult && len(num) == 4 && strings.Trim(num, "0123456789") == ""
	if hasMult && a.cur == "" && a.mult >= 1e5 && a.mult != 1e6 && a.mult != 1e9 {
		a.cur = "INR" // lakh and crore are Indian units
	}
	return a, true
}

// parseNumber parses the digits of an amount. With both '.' and ',' the
// later one is the decimal mark; with one kind repeated it separates
// thousands; a single one followed by exactly three digits separates
// thousands ("25.000", "25,000") unless a multiplier follows ("1.500k"
// is 1.5k) or the integer part is 0.
func parseNumber(num string, hasMult bool) (v float64, spaced bool, ok bool) {
	if strings.ContainsAny(num, " '") {
		spaced = strings.Contains(num, " ")
		num = strings.NewReplacer(" ", "", "'", "").Replace(num)
	}
	dot, comma := strings.LastIndexByte(num, '.'), strings.LastIndexByte(num, ',')
	switch {
	case dot >= 0 && comma >= 0:
		if dot > comma {
			num = strings.ReplaceAll(num, ",", "")
		} else {
			num = strings.ReplaceAll(num, ".", "")
			num = strings.Replace(num, ",", ".", 1)
		}
	case dot >= 0 || comma >= 0:
		sep := byte('.')
		at := dot
		if comma >= 0 {
			sep, at = ',', comma
		}
		count := strings.Count(num, string(sep))
		thousands := count > 1 || len(num)-at-1 == 3 && !hasMult && num[:at] != "0"
		if thousands {
			num = strings.ReplaceAll(num, string(sep), "")
		} else if sep == ',' {
			num = strings.Replace(num, ",", ".", 1)
		}
	}
	if len(num) > 15 {
		return 0, false, false // beyond any budget and float64's exact digits
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v <= 0 {
		return 0, false, false
	}
	return v, spaced, true
}

// rangeNeedsBetween lists the range separators that join two amounts
// only after "between" ("between 10k and 20k", "zwischen 10.000 und
// 20.000 €", "entre 10 000 et 20 000 €"): "10k and 20 seats" is two
// figures.
var rangeNeedsBetween = map[string]bool{"and": true, "und": true, "et": true, "y": true}

// mergeRanges joins "10k-20k", "$10-20k", "between 10 and 20 thousand
// euros" and "10k to 20k" into one amount with hi set, carrying the
// currency and multiplier written on only one end to the other.
func mergeRanges(d *doc, amts []*amount) []*amount {
	out := amts[:0]
	for i := 0; i < len(amts); i++ {
		lo := amts[i]
		if i+1 < len(amts) {
			hi := amts[i+1]
			sep := d.lower[lo.end:hi.start]
			if len(sep) <= 6 && rangeSepRe.MatchString(sep) {
				word := strings.TrimSpace(sep)
				between := betweenRe.MatchString(d.lower[max(0, lo.start-14):lo.start])
				if !rangeNeedsBetween[word] || between {
					if lo.mult == 1 && hi.mult > 1 && lo.raw*hi.mult <= hi.value() {
						lo.mult = hi.mult
					}
					if hi.mult == 1 && lo.mult > 1 && hi.raw*lo.mult >= lo.value() {
						hi.mult = lo.mult
					}
					if lo.cur == "" {
						lo.cur = hi.cur
					}
					if hi.cur == "" {
						hi.cur = lo.cur
					}
					if lo.value() < hi.value() {
						lo.hi = hi
						lo.end = hi.end
						out = append(out, lo)
						i++
						continue
					}
				}
			}
		}
		out = append(out, lo)
	}
	return out
}

// scoreAmount decides whether a is a budget and how sure that is, from its
// own form (currency, multiplier) and its clause (keywords, bounds,
// period).
//
// prevEnd is where the previous amount ends and nextStart where the next
// one starts: keywords and tense cues beyond them belong to those.
func scoreAmount(d *doc, a *amount, kws []kwHit, prevEnd, nextStart int) (budgetCand, bool) {
	s := d.lower
	cs, ce := budgetClauseStart(d, a.start), budgetClauseEnd(d, a.end)
	seg := max(cs, prevEnd)
	bare := a.cur == "" && !a.words
	multiplied := a.mult > 1 || a.hi != nil && a.hi.mult > 1

	// Context windows are bounded so that a giant clause (a pasted
	// table, say) costs linear, not quadratic, time.
	prevWord := lastWord(s[max(cs, a.start-40):a.start])
	after := s[a.end:min(ce, a.end+contextBytes)]
	nextWords := firstWords(after, 3)

	for _, w := range nextWords {
		if notMoneyAfter[w] {
			return budgetCand{}, false
		}
	}
	if budgetInFactsAside(s, a.start, a.end, cs, ce) {
		return budgetCand{}, false
	}
	if bare {
		// Only a word right after the amount can make it a count; a
		// slash or a sign ("10k/month", "50k+") cannot.
		if t := strings.TrimLeft(after, " "); t != "" && isLetter(t[0]) && len(nextWords) > 0 &&
			(timeUnitAfter[nextWords[0]] || !okAfterBare[nextWords[0]] && !budgetOKAfterWords[nextWords[0]]) {
			return budgetCand{}, false
		}
		if notMoneyBefore[prevWord] || monthNames[prevWord] > 0 {
			return budgetCand{}, false
		}
		if a.spaced {
			// "555 123" is far likelier a phone number than money.
			return budgetCand{}, false
		}
		if !multiplied {
			v := a.value()
			if v < 100 || a.yearLike && v >= 1900 && v <= 2100 {
				return budgetCand{}, false // small counts and years
			}
		}
		for _, sp := range numberSpans(d) {
			if a.numStart < sp[1] && a.end > sp[0] {
				return budgetCand{}, false
			}
		}
	}

	conf := 0.3
	switch {
	case a.selfLabelled:
		conf = 0.65
	case a.words && a.cur == "":
		conf = 0.45
	case !bare:
		conf = 0.6
	case multiplied:
		conf = 0.45
	}

	// The nearest keyword before the amount in its clause decides; if
	// there is none, the first one shortly after it ("25k budget").
	class, labelled := 0, false
	// kws is sorted by start and keywords do not overlap, so the last
	// one starting before the amount is the nearest.
	i, _ := slices.BinarySearchFunc(kws, a.start, func(k kwHit, p int) int { return k.start - p })
	if i > 0 && kws[i-1].start >= seg && kws[i-1].end <= a.start {
		k := kws[i-1]
		class = k.class
		between := s[k.end:a.start]
		labelled = len(between) <= contextBytes && (labelSepRe.MatchString(between) ||
			strings.HasPrefix(strings.TrimLeft(between, " "), ":"))
	}
	if class == 0 {
		j, _ := slices.BinarySearchFunc(kws, a.end, func(k kwHit, p int) int { return k.start - p })
		if j < len(kws) && kws[j].start < min(ce, a.end+40, nextStart) {
			class = kws[j].class
		}
	}
	if class != kwDeny && budgetSeenPrice(d, kws, cs, ce) {
		class = kwPast // the price on our website
	}
	if class == kwDeny && budgetGrantForThis(d, kws, i, seg, a.end, ce) {
		class = kwStrong // "a grant of £4,000 for this"
	}
	if class != kwDeny && (budgetPastBefore(d, kws, seg, a.start) && !budgetStrongRightAfter(kws, a.end, min(ce, a.end+16)) ||
		budgetPastAfter(d, a.end, min(ce, nextStart))) {
		class = kwPast
	}
	switch class {
	case kwStrong:
		conf += 0.25
	case kwWeak:
		conf += 0.15
	case kwDeny, kwPast:
		conf -= 0.35
	}
	if labelled && class == kwStrong {
		conf += 0.05
	}

	b := Budget{Currency: a.cur, Bound: BoundExact}
	evStart, evEnd := a.start, a.end
	tail := s[max(cs, a.start-40):a.start]
	switch {
	case a.fixedBound != "":
		b.Bound = a.fixedBound
	case a.hi != nil:
		b.Bound = BoundRange
		if m := betweenRe.FindStringIndex(tail); m != nil {
			evStart = a.start - len(tail) + m[0]
		}
	case cantExceedRe.MatchString(tail):
		b.Bound = BoundMax
		evStart = a.start - len(tail) + cantExceedRe.FindStringIndex(tail)[0]
	case maxBeforeRe.MatchString(tail):
		b.Bound = BoundMax
		evStart = a.start - len(tail) + maxBeforeRe.FindStringIndex(tail)[0]
	case minBeforeRe.MatchString(tail):
		b.Bound = BoundMin
		evStart = a.start - len(tail) + minBeforeRe.FindStringIndex(tail)[0]
	}
	if b.Bound == BoundExact && !a.words {
		if m := minAfterRe.FindStringIndex(after); m != nil {
			b.Bound = BoundMin
			evEnd = a.end + m[1]
		} else if m := maxAfterRe.FindStringIndex(after); m != nil {
			b.Bound = BoundMax
			evEnd = a.end + m[1]
		}
	}

	factor := 1.0
	adjective := false // the period was "monthly"-like, which may modify a noun
	for range 2 {      // "$30 per user per month"
		win := s[evEnd:min(ce, evEnd+contextBytes)]
		if !budgetPeriodMayFollow(win) {
			break
		}
		m := periodAftRe.FindStringSubmatchIndex(win)
		if m == nil {
			break
		}
		unit := ""
		if m[2] >= 0 {
			unit = s[evEnd+m[2] : evEnd+m[3]]
		} else {
			unit = s[evEnd+m[4] : evEnd+m[5]]
			adjective = true
		}
		p, f, perSeat := periodOf(unit)
		if perSeat {
			b.PerSeat = true
		} else if b.Period == "" && p != "" {
			b.Period, factor = p, f
		}
		evEnd += m[1]
	}
	if bare && adjective {
		// "2M monthly visitors": the word after "monthly" counts too.
		if w := firstWords(s[evEnd:min(ce, evEnd+contextBytes)], 1); len(w) == 1 && isLetter(w[0][0]) && !okAfterBare[w[0]] {
			return budgetCand{}, false
		}
	}
	if b.Period == "" {
		if ms := periodBefRe.FindAllStringSubmatch(s[max(cs, a.start-60):a.start], -1); len(ms) > 0 {
			b.Period, factor, _ = periodOf(ms[len(ms)-1][1])
		}
	}
	if b.Bound != BoundExact || b.Period != "" {
		conf += 0.1
	}

	if b.Period == "" || b.Period == PeriodOneOff {
		// "60.000 € für die ersten zwei Jahre", "140 000 € HT sur 4
		// ans": the spec wants a yearly figure.
		if n := budgetYearsAfter(s[evEnd:min(ce, nextStart, evEnd+contextBytes)]); n > 1 {
			b.Period, factor = PeriodYear, factor/float64(n)
		}
	}
	b.Amount = round2(a.value() * factor)
	if a.hi != nil {
		b.Max = round2(a.hi.value() * factor)
	}
	b.Confidence = clamp01(conf)
	b.Evidence = d.snippet(evStart, evEnd)
	return budgetCand{b: b}, true
}

// periodOf maps a period word to a Budget period and the factor that
// converts the amount to it, or reports a per-seat price.
func periodOf(unit string) (period string, factor float64, perSeat bool) {
	unit = strings.TrimSpace(unit)
	if u, ok := periodUnits[unit]; ok {
		return u.period, u.factor, u.perSeat
	}
	switch {
	case strings.HasPrefix(unit, "p.a") || strings.HasPrefix(unit, "annuel") || strings.HasPrefix(unit, "anual") ||
		strings.HasPrefix(unit, "jährlich") || strings.HasPrefix(unit, "jaehrlich"):
		return PeriodYear, 1, false
	case strings.HasPrefix(unit, "monatlich") || strings.HasPrefix(unit, "mensuel") || strings.HasPrefix(unit, "mensual"):
		return PeriodMonth, 1, false
	case strings.HasPrefix(unit, "trimest") || strings.HasPrefix(unit, "vierteljährlich"):
		return PeriodYear, 4, false
	case strings.HasPrefix(unit, "one") || strings.HasPrefix(unit, "all"):
		return PeriodOneOff, 1, false
	case strings.HasPrefix(unit, "licen"):
		return "", 1, true
	}
	return "", 1, false
}

// periodUnit is what one period word means; see periodOf.
type periodUnit struct {
	period  string
	factor  float64
	perSeat bool
}

// periodUnits maps the period words of periodAftRe and periodBefRe that
// periodOf does not recognise by prefix.
var periodUnits = func() map[string]periodUnit {
	m := map[string]periodUnit{}
	add := func(u periodUnit, words ...string) {
		for _, w := range words {
			m[w] = u
		}
	}
	add(periodUnit{PeriodMonth, 1, false}, "month", "mo", "mth", "monthly", "pcm", "p/m", "per month", "a month",
		"monat", "mtl", "monatl", "p.m.", "p. m.", "p.m", "p. m", "monatsbudget", "pro monat", "im monat", "mois", "par mois", "mensuellement",
		"mes", "al mes", "por mes", "mensualmente")
	add(periodUnit{PeriodMonth, 52.0 / 12, false}, "week", "wk", "weekly", "woche", "semaine", "semana")
	add(periodUnit{PeriodYear, 4, false}, "quarter", "qtr", "quarterly", "quartal", "trimestre")
	add(periodUnit{PeriodYear, 1, false}, "year", "yr", "annum", "annually", "yearly", "annual", "per year", "a year",
		"per annum", "p/a", "pa", "jahr", "jahresbudget", "pro jahr", "im jahr", "an", "par an", "année", "annee",
		"año", "ano", "al año", "por año", "anualmente")
	add(periodUnit{PeriodOneOff, 1, false}, "upfront", "up front", "in total", "total", "einmalig", "insgesamt",
		"au total", "ponctuel", "en total")
	add(periodUnit{"", 1, true}, "seat", "user", "head", "person", "agent", "rep", "nutzer", "benutzer", "anwender",
		"lizenz", "arbeitsplatz", "mitarbeiter", "utilisateur", "poste", "usuario", "licencia", "puesto", "persona")
	return m
}()

// round2 rounds to cents so converted amounts compare cleanly.
// math.Round, unlike an int64 conversion, cannot overflow on an absurd
// figure ("$100000000000000b").
func round2(v float64) float64 {
	return math.Round(v*100) / 100
}

// budgetSeats returns the first seat count, its confidence and evidence.
// Seats and licenses are bought by definition; "users" may describe the
// lead's own customer base, so it is trusted less and capped.
func budgetSeats(d *doc) (int, float64, string) {
	if !hasDigit(d.lower) {
		return 0, 0, ""
	}
	for _, m := range seatRe.findAll(d) {
		if m[0] > 0 && (isWordByte(d.lower[m[0]-1]) || d.lower[m[0]-1] == '.' || d.lower[m[0]-1] == ',') {
			continue
		}
		n, err := strconv.Atoi(strings.ReplaceAll(d.lower[m[2]:m[3]], ",", ""))
		if err != nil || n <= 0 {
			continue
		}
		if m[4] >= 0 {
			n *= 1000
		}
		noun := d.lower[m[6]:m[7]]
		conf := 0.75
		if strings.HasPrefix(noun, "user") || strings.HasPrefix(noun, "login") || strings.HasSuffix(noun, "nutzer") ||
			strings.HasPrefix(noun, "utilisateur") || strings.HasPrefix(noun, "usuario") {
			if n >= 100_000 {
				continue
			}
			conf = 0.55
		}
		if d.negatedBefore(m[0]) {
			continue
		}
		return n, conf, d.snippet(m[0], m[1])
	}
	return 0, 0, ""
}

// lastWord returns the last word of s (letters, digits, '#', '.', '-').
func lastWord(s string) string {
	s = strings.TrimRight(s, " ")
	i := len(s)
	for i > 0 {
		c := s[i-1]
		if c == ' ' || c == '\n' || c == '(' || c == ',' || c == ':' || c == '"' {
			break
		}
		i--
	}
	return strings.TrimRight(s[i:], ".")
}

// firstWords returns up to n leading words of s, stripped of punctuation;
// it stops at the first token that is only punctuation.
func firstWords(s string, n int) []string {
	var out []string
	for len(out) < n {
		s = strings.TrimLeft(s, " ")
		if s == "" {
			break
		}
		j := strings.IndexAny(s, " ,;:!?\n()\"")
		tok := s
		if j == 0 {
			break
		}
		if j > 0 {
			tok = s[:j]
		}
		w := strings.Trim(tok, ".'")
		if w == "" {
			break
		}
		out = append(out, w)
		s = s[len(tok):]
		if j < 0 || s == "" || s[0] != ' ' {
			break
		}
	}
	return out
}

// budgetGrantWords are deny keywords that name money given to the writer,
// which is a budget when they say it is for this purchase.
var budgetGrantWords = map[string]bool{"funding": true, "funded": true, "finanzierung": true, "financement": true, "financiación": true, "financiacion": true, "grant": true, "förderung": true, "foerderung": true, "subvention": true, "subvención": true, "subvencion": true}

// budgetForThisRe finds "for this" right after an amount: the money is
// meant for what they are asking about.
var budgetForThisRe = regexp.MustCompile(`^[^.;!?\n]{0,20}?\b(?:for (?:this|it|the (?:new |)(?:tool|software|system|project|platform|app|crm|purchase))|to spend on|dafür|dafuer|hierfür|hierfuer|für (?:die|das|den|diese[nsr]?) (?:neue[nsr]? )?(?:software|tool|system|projekt|lösung|loesung|plattform|app)|pour (?:ça|ca|cela|ce projet|cet outil|ce logiciel|cette solution|l'outil|le logiciel|la solution)|para (?:esto|eso|este proyecto|esta herramienta|el software|la herramienta|el sistema|la solución|la solucion))(?:\b|$|[^a-zà-ÿ])`)

// budgetGrantForThis reports a grant keyword (the nearest before the
// amount, kws[i-1]) whose amount is said to be for this purchase.
func budgetGrantForThis(d *doc, kws []kwHit, i, seg, end, ce int) bool {
	if i == 0 || kws[i-1].start < seg {
		return false
	}
	if !budgetGrantWords[d.lower[kws[i-1].start:kws[i-1].end]] {
		return false
	}
	after := d.lower[end:min(ce, end+60)]
	return budgetForThisRe.MatchString(after) || budgetGrantedRe.MatchString(after)
}

// budgetGrantedRe finds, after a grant or funding amount, that it was
// approved or granted to the writer ("funding of £38,000 has been
// approved", "une subvention de 12 000 € pour l'outillage numérique").
var budgetGrantedRe = regexp.MustCompile(`^[^.;!?\n]{0,30}?\b(?:approved|granted|awarded|secured|signed off|bewilligt|genehmigt|zugesagt|freigegeben|accordée?|approuvée?|votée?|obtenue?|aprobad[oa]|concedid[oa]|asignad[oa]|otorgad[oa])(?:\b|$|[^a-zà-ÿ])|^[^.;!?\n]{0,12}?\bpour (?:l'|le |la |les |notre |nos |ce |cet |cette )(?:outil|logiciel|solution|projet|plateforme|numérique|numerique|informati|digital|équipement|equipement)`)
