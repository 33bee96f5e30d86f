package bant

import (
	"regexp"
	"strings"
)

// Amounts written as number words before "thousand": "twenty-five
// thousand dollars", "zwanzigtausend Euro", "vingt-cinq mille euros",
// "veinte mil euros". They become ordinary amounts (a number times 1000),
// so the rest of the budget reader treats them like "25k".

// budgetThousandRe finds the thousand words; German glues the number to
// it ("fünfundzwanzigtausend").
var budgetThousandRe = mustPattern(`(?:thousand|tausend|mille|mil|million|millions|millionen|millones|millón|millon|mio|grand)\b`)

// budgetHundredRe finds the hundred words ("a hundred", "zweihundert",
// "deux cents", "doscientos"); a hundreds amount counts only with a
// currency or a period after it ("under a hundred a month").
var budgetHundredRe = mustPattern(`(?:hundred|hundert|cents?|cien|doscientos|trescientos|cuatrocientos|quinientos|seiscientos|setecientos|ochocientos|novecientos)\b`)

// numberWords maps the number words of the four languages to their value;
// hundredWords multiply what precedes them by 100.
var (
	numberWords = map[string]int{
		// English
		"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
		"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
		"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
		"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
		// German
		"ein": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "fuenf": 5, "sechs": 6, "sieben": 7,
		"acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwoelf": 12, "dreizehn": 13, "vierzehn": 14,
		"fünfzehn": 15, "fuenfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
		"zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "fuenfzig": 50,
		"sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
		// French
		"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
		"dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
		"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
		// Spanish
		"uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
		"nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
		"dieciséis": 16, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
		"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
		"noventa": 90, "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300,
		"cuatrocientos": 400, "quinientos": 500, "seiscientos": 600, "setecientos": 700,
		"ochocientos": 800, "novecientos": 900,
	}
	hundredWords = map[string]bool{"hundred": true, "hundert": true, "cent": true, "cents": true}
	// numberJoiners may stand between number words.
	numberJoiners = map[string]bool{"and": true, "und": true, "et": true, "y": true}
)

// budgetNumberWordAmounts returns the amounts written in number words.
func budgetNumberWordAmounts(d *doc) []*amount {
	var out []*amount
	s := d.lower
	for _, m := range budgetThousandRe.findAll(d) {
		mult := s[m[0]:m[1]]
		factor := 1000.0
		if strings.HasPrefix(mult, "mi") && mult != "mil" && mult != "mille" {
			factor = 1e6
		}
		glued := m[0] > 0 && isLetter(s[m[0]-1])
		if mult == "grand" && (glued || budgetGrandNotEnglish(s, m[0])) {
			continue // "un grand groupe" is French for a big group
		}
		if glued && mult != "tausend" {
			continue // "famil", "promille"
		}
		var toks []string
		start := m[0]
		if glued {
			w := start
			for w > 0 && (isLetter(s[w-1])) {
				w--
			}
			parts, ok := splitGermanNumber(s[w:m[0]])
			if !ok {
				continue
			}
			toks, start = parts, w
		} else {
			toks, start = numberTokensBefore(s, m[0])
		}
		rest := s[m[1]:min(len(s), m[1]+24)]
		c := budgetWordCurRe.FindStringSubmatchIndex(rest)
		n, ok := parseNumberTokens(toks)
		if len(toks) == 0 && c != nil && budgetNoWordBefore(s, m[0]) {
			// "mille euros par mois", "tausend Euro": one thousand.
			n, ok = 1, true
		}
		if !ok || n < 1 || n > 999 {
			continue
		}
		a := &amount{start: start, end: m[1], numStart: start, raw: float64(n), mult: factor}
		if c != nil {
			a.cur = currencies[rest[c[2]:c[3]]]
			a.end += c[3]
		}
		out = append(out, a)
	}
	out = append(out, budgetHundredAmounts(d)...)
	return append(out, budgetSmallWordAmounts(d)...)
}

// budgetSmallCurRe finds a currency word that may follow a small number
// in words ("twenty quid", "fifty dollars", "nonante euros", "cincuenta
// pesos").
var budgetSmallCurRe = mustPattern(`\b(?:quid|pounds|dollars|bucks|euros?|francs|franken|pesos|balles|pavos|piasses|dólares|dolares)\b`)

// budgetSmallWordAmounts returns amounts of 2 to 99 in number words right
// before a currency word.
func budgetSmallWordAmounts(d *doc) []*amount {
	var out []*amount
	s := d.lower
	for _, m := range budgetSmallCurRe.findAll(d) {
		toks, start := numberTokensBefore(s, m[0])
		if len(toks) == 0 || start == m[0] {
			continue
		}
		n, ok := parseNumberTokens(toks)
		if !ok || n < 2 || n > 99 {
			continue
		}
		out = append(out, &amount{start: start, end: m[1], numStart: start, raw: float64(n), mult: 1, cur: currencies[s[m[0]:m[1]]]})
	}
	return out
}

// budgetGrandNotEnglish reports a non-English number word right before
// "grand" at p.
func budgetGrandNotEnglish(s string, p int) bool {
	switch lastWord(s[max(0, p-8):p]) {
	case "un", "une", "ein", "eine", "uno", "una", "très", "tres", "plus", "le", "la", "el", "gran":
		return true
	}
	return false
}

// budgetHundredAmounts returns the amounts of hundreds written in words
// and followed by a currency or a period: "a hundred a month", "zweihundert
// Euro", "deux cents euros par mois", "quinientos dólares". A hundred word
// before a thousand word belongs to that thousand ("two hundred thousand").
func budgetHundredAmounts(d *doc) []*amount {
	var out []*amount
	s := d.lower
	for _, m := range budgetHundredRe.findAll(d) {
		w := s[m[0]:m[1]]
		rest := s[m[1]:min(len(s), m[1]+24)]
		if budgetThousandAfterRe.MatchString(rest) {
			continue
		}
		var toks []string
		start := m[0]
		n := 1
		switch v := numberWords[w]; {
		case v >= 100:
			n = v / 100
			if m[0] > 0 && isLetter(s[m[0]-1]) {
				continue
			}
		case m[0] > 0 && isLetter(s[m[0]-1]):
			if w != "hundert" {
				continue // "percent", "recent"
			}
			p := m[0]
			for p > 0 && isLetter(s[p-1]) {
				p--
			}
			parts, ok := splitGermanNumber(s[p:m[0]])
			if !ok {
				continue
			}
			toks, start = parts, p
		default:
			toks, start = numberTokensBefore(s, m[0])
		}
		if len(toks) > 0 {
			k, ok := parseNumberTokens(toks)
			if !ok || k < 1 || k > 9 {
				continue
			}
			n = k
		}
		a := &amount{start: start, end: m[1], numStart: start, raw: float64(n), mult: 100}
		if c := budgetWordCurRe.FindStringSubmatchIndex(rest); c != nil {
			a.cur = currencies[rest[c[2]:c[3]]]
			a.end += c[3]
		} else if !periodAftRe.MatchString(s[m[1]:min(len(s), m[1]+contextBytes)]) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// budgetThousandAfterRe matches a thousand word right after a hundred.
var budgetThousandAfterRe = regexp.MustCompile(`^[ -]?(?:thousand|tausend|mille|mil|million|millions|millionen|millones)`)

// numberTokensBefore returns the number words (and joiners) right before
// p, in order, and where the first starts.
func numberTokensBefore(s string, p int) ([]string, int) {
	var rev []string
	var starts []int
	i := p
	for n := 0; n < 6; n++ {
		j := i
		for j > 0 && (s[j-1] == ' ' || s[j-1] == '-') {
			j--
		}
		k := j
		for k > 0 && isLetter(s[k-1]) {
			k--
		}
		w := s[k:j]
		if w == "" {
			break
		}
		if _, num := numberWords[w]; !num && !hundredWords[w] && !numberJoiners[w] && !strings.HasPrefix(w, "veinti") {
			break
		}
		rev, starts = append(rev, w), append(starts, k)
		i = k
	}
	// A joiner cannot start the number ("and twenty thousand").
	for len(rev) > 0 && numberJoiners[rev[len(rev)-1]] {
		rev, starts = rev[:len(rev)-1], starts[:len(starts)-1]
	}
	if len(rev) == 0 {
		return nil, p
	}
	toks := make([]string, len(rev))
	for i, w := range rev {
		toks[len(rev)-1-i] = w
	}
	return toks, starts[len(starts)-1]
}

// splitGermanNumber splits a German compound number ("fünfundzwanzig",
// "zweihundertfünfzig") into its words.
func splitGermanNumber(w string) ([]string, bool) {
	var out []string
	for w != "" {
		best := ""
		for _, cand := range germanNumberParts {
			if strings.HasPrefix(w, cand) && len(cand) > len(best) {
				best = cand
			}
		}
		if best == "" {
			return nil, false
		}
		out = append(out, best)
		w = w[len(best):]
	}
	return out, len(out) > 0
}

// germanNumberParts are the words German compound numbers are made of.
var germanNumberParts = []string{
	"und", "hundert", "ein", "eins", "zwei", "drei", "vier", "fünf", "fuenf", "sechs", "sieben", "acht",
	"neun", "zehn", "elf", "zwölf", "zwoelf", "dreizehn", "vierzehn", "fünfzehn", "fuenfzehn", "sechzehn",
	"siebzehn", "achtzehn", "neunzehn", "zwanzig", "dreißig", "dreissig", "vierzig", "fünfzig", "fuenfzig",
	"sechzig", "siebzig", "achtzig", "neunzig",
}

// parseNumberTokens adds up number words, multiplying by 100 at
// "hundred" and reading "quatre-vingt" as 80 and "veinticinco" as 25.
func parseNumberTokens(toks []string) (int, bool) {
	total, seen := 0, false
	for i, t := range toks {
		switch {
		case numberJoiners[t]:
			continue
		case hundredWords[t]:
			total = max(total, 1) * 100
		case strings.HasPrefix(t, "veinti"):
			u, ok := numberWords[strings.TrimPrefix(t, "veinti")]
			if !ok || u > 9 {
				return 0, false
			}
			total += 20 + u
		case (t == "vingt" || t == "vingts") && i > 0 && toks[i-1] == "quatre":
			total += 80 - 4
		default:
			v, ok := numberWords[t]
			if !ok {
				return 0, false
			}
			if t == "a" && (i+1 >= len(toks) || !hundredWords[toks[i+1]]) && i+1 < len(toks) {
				return 0, false
			}
			total += v
		}
		seen = true
	}
	return total, seen
}

// budgetNoWordBefore reports that no word or number stands right before p
// ("Budget: tausend Euro"), so a bare thousand word means one thousand,
// not "a few thousand" or "5 mil".
func budgetNoWordBefore(s string, p int) bool {
	i := p
	for i > 0 && s[i-1] == ' ' {
		i--
	}
	return i == 0 || !isLetter(s[i-1]) && !isDigit(s[i-1])
}
