package bant

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxInputBytes is how much of a text Extract reads. Qualification
// statements sit at the top of a message; the cap keeps a pasted log or a
// forwarded thread from costing more than a few milliseconds.
const MaxInputBytes = 32 << 10

// doc is a text prepared for matching. clean and lower have identical byte
// offsets, so a match found in lower is sliced out of clean as Evidence in
// the writer's own capitalisation.
type doc struct {
	// clean is the text without quoted history, with punctuation and
	// spaces folded to ASCII, runs of spaces collapsed and hard-wrapped
	// lines joined. Sentence-like breaks are '\n'.
	clean string
	// lower is clean lower-cased rune by rune without changing any rune's
	// encoded length.
	lower string
	// breaks are the offsets in lower where isBreak holds, ascending;
	// clause k spans from breaks[k-1]+1 to breaks[k].
	breaks []int
	// matches caches pattern.findAll results, by pattern.idx.
	matches []patternMatches
	// hits caches, per pattern part, the clauses holding one of its
	// literals; valid once scanned is set, by the first pattern run.
	hits    literalHits
	scanned bool
	// numberSpans caches numberSpans; nil until first computed.
	numberSpans *[][2]int
}

// prepare builds the doc for text.
func prepare(text string) *doc {
	compilePatterns()
	if len(text) > MaxInputBytes {
		cut := MaxInputBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	text = strings.ToValidUTF8(text, " ")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	lines = lines[:replyCut(lines)]
	lines, turnStarts := chatTurns(lines)

	var b strings.Builder
	b.Grow(len(text))
	prev := ""    // previous kept, normalized line
	blank := true // nothing written yet, or a break was just written
	for i, raw := range lines {
		if isQuoted(raw) {
			continue
		}
		line := foldLine(raw)
		if line == "" {
			if !blank {
				b.WriteByte('\n')
				blank = true
			}
			prev = ""
			continue
		}
		if !blank {
			if (turnStarts == nil || !turnStarts[i]) && joinsWrapped(prev, line) {
				b.WriteByte(' ')
			} else {
				b.WriteByte('\n')
			}
		}
		b.WriteString(line)
		blank = false
		prev = line
	}
	clean := strings.TrimRight(b.String(), "\n")
	d := &doc{clean: clean, lower: lowerSameLen(clean)}
	for i := 0; i < len(d.lower); i++ {
		if d.isBreak(i) {
			d.breaks = append(d.breaks, i)
		}
	}
	return d
}

// isQuoted reports a quoted-reply line ("> earlier text").
func isQuoted(line string) bool {
	t := strings.TrimLeft(line, " \t")
	return strings.HasPrefix(t, ">")
}

// replyCut returns the index of the first line of quoted history: an "On
// <date>, <name> wrote:" header (possibly wrapped over two lines, and its
// French, German and Spanish forms), an "-----Original Message-----"
// separator (or "Mensaje original", "Message d'origine", "Ursprüngliche
// Nachricht"), or an Outlook header block: a "From:" line ("De:", "De :",
// "Von:") followed within three lines by "Sent:"/"Date:" ("Enviado:",
// "Fecha:", "Envoyé :", "Gesendet:", "Datum:"). Everything from there on
// is the thread we replied to, not the lead's words.
func replyCut(lines []string) int {
	for i, l := range lines {
		t := strings.ToLower(strings.TrimSpace(l))
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "-") && isOriginalSeparator(t) {
			return i
		}
		if isReplyHeader(t) {
			return i
		}
		if i+1 < len(lines) && len(t) < 200 && startsReplyHeader(t) {
			if isReplyHeader(t + " " + strings.ToLower(strings.TrimSpace(lines[i+1]))) {
				return i
			}
		}
		if fromHeaders[headerLabel(t)] {
			for j := i + 1; j < len(lines) && j <= i+3; j++ {
				if sentHeaders[headerLabel(strings.ToLower(strings.TrimSpace(lines[j])))] {
					return i
				}
			}
		}
	}
	return len(lines)
}

// originalSeparators name the quoted message in a "-----Original
// Message-----" line, in the four languages' Outlook wordings.
var originalSeparators = []string{
	"original message", "mensaje original", "message d'origine", "message original",
	"ursprüngliche nachricht", "urspruengliche nachricht", "original-nachricht",
	"originalnachricht",
}

// isOriginalSeparator reports a lower-cased line that is an
// "-----Original Message-----" separator.
func isOriginalSeparator(t string) bool {
	for _, s := range originalSeparators {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// Outlook header labels (lower-cased, accents optional): the sender line
// and the date line that must follow it within three lines. A "From:"
// field alone, as form notifications print, is not a header block.
var (
	fromHeaders = map[string]bool{"from": true, "de": true, "von": true}
	sentHeaders = map[string]bool{
		"sent": true, "date": true, "enviado": true, "enviado el": true, "fecha": true,
		"envoyé": true, "envoye": true, "envoyé le": true, "gesendet": true, "datum": true,
	}
)

// headerLabel returns the label of a lower-cased, trimmed "Label: value"
// line ("envoyé" for "Envoyé : lundi"; "*From:*", as plain-text copies of
// bold labels print, gives "from"), or "" if the line has no short label.
func headerLabel(t string) string {
	i := strings.IndexByte(t, ':')
	if i <= 0 || i > 16 {
		return ""
	}
	label := strings.Trim(t[:i], " *\u00a0\u202f\t")
	return label
}

// startsReplyHeader reports a line that may begin a reply header.
func startsReplyHeader(t string) bool {
	for _, p := range []string{"on ", "le ", "am ", "el "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// isReplyHeader reports a whole (lower-cased, trimmed) reply header line.
func isReplyHeader(t string) bool {
	if len(t) > 400 || !startsReplyHeader(t) {
		return false
	}
	for _, s := range []string{"wrote:", "wrote :", "a écrit :", "a écrit:", "escribió:"} {
		if strings.HasSuffix(t, s) {
			return true
		}
	}
	return strings.HasPrefix(t, "am ") && strings.Contains(t, "schrieb") && strings.HasSuffix(t, ":")
}

// foldLine maps typographic punctuation and exotic spaces to ASCII, drops
// invisible characters and collapses runs of spaces, so patterns need only
// spell the ASCII forms. A no-break or thin space between digits becomes an
// apostrophe, the thousands separator of "25 000 €" in French typography.
func foldLine(line string) string {
	var b strings.Builder
	b.Grow(len(line))
	space := true // suppress leading spaces
	prevDigit := false
	for i, r := range line {
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '`', '\u00b4':
			r = '\''
		case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
			r = '"'
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
			r = '-'
		case '\u00a0', '\u2007', '\u202f', '\u2009', '\u200a':
			next, _ := utf8.DecodeRuneInString(line[i+utf8.RuneLen(r):])
			if prevDigit && next >= '0' && next <= '9' {
				r = '\''
			} else {
				r = ' '
			}
		case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
			continue
		case utf8.RuneError:
			r = ' '
		}
		if r != ' ' && (unicode.IsSpace(r) || unicode.IsControl(r)) {
			r = ' '
		}
		if r == ' ' {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			prevDigit = false
			continue
		}
		space = false
		prevDigit = r >= '0' && r <= '9'
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

// joinsWrapped reports whether line continues prev, hard-wrapped by a mail
// client, rather than starting a new statement. A wrapped line follows a
// long line without closing punctuation and is neither a bullet nor a
// "Label: value" form field.
func joinsWrapped(prev, line string) bool {
	if utf8.RuneCountInString(prev) < 40 {
		return false
	}
	switch prev[len(prev)-1] {
	case '.', '!', '?', ':', ';':
		return false
	}
	switch line[0] {
	case '-', '*', '#', '|':
		return false
	}
	if strings.HasPrefix(line, "\u2022") {
		return false
	}
	return !looksLikeField(line)
}

// looksLikeField reports a "Label: value" line, as form notifications print
// each field.
func looksLikeField(line string) bool {
	i := strings.IndexByte(line, ':')
	if i <= 0 || i > 30 {
		return false
	}
	for _, r := range line[:i] {
		if !unicode.IsLetter(r) && r != ' ' && r != '_' && r != '-' {
			return false
		}
	}
	return true
}

// lowerSameLen lower-cases s rune by rune, keeping any rune whose lower
// case would encode to a different length (such as U+0130 or the Kelvin
// sign) as is, so byte offsets stay valid in both strings.
func lowerSameLen(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		l := unicode.ToLower(r)
		if utf8.RuneLen(l) != utf8.RuneLen(r) {
			l = r
		}
		b.WriteRune(l)
	}
	return b.String()
}

// abbreviations end in a period that does not end a sentence.
var abbreviations = map[string]bool{
	"approx": true, "e.g": true, "i.e": true, "etc": true,
	"vs": true, "mr": true, "ms": true, "mrs": true, "dr": true,
	"inc": true, "ltd": true, "co": true, "est": true,
	"appr": true, "jan": true, "feb": true, "mar": true, "apr": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "st": true,
}

// numberAbbreviations are abbreviations only before a number: "ca. 20k"
// (circa) and "No. 5" do not end a sentence, but "à cause de ca." (ça
// without its accent) and "Budget? No." do.
var numberAbbreviations = map[string]bool{"ca": true, "no": true}

// ordinalNouns are the German nouns a dotted ordinal counts ("2.
// Quartal", "14. KW", "1. Halbjahr"); a day before a month name is
// read across the break instead (tlSplitDayMonths).
var ordinalNouns = []string{"quartal", "halbjahr", "kw", "kalenderwoche", "woche", "semester", "tertial", "monat"}

// isOrdinalBefore reports a one- or two-digit number w whose dot is
// followed by one of ordinalNouns.
func isOrdinalBefore(w, rest string) bool {
	if len(w) == 0 || len(w) > 2 || !isDigit(w[0]) || !isDigit(w[len(w)-1]) {
		return false
	}
	rest = strings.TrimLeft(rest, " ")
	for _, n := range ordinalNouns {
		if strings.HasPrefix(rest, n) {
			return true
		}
	}
	return false
}

// numberFollows reports whether a number (or a currency sign before one)
// starts at or after i, past spaces.
func (d *doc) numberFollows(i int) bool {
	for i < len(d.lower) && d.lower[i] == ' ' {
		i++
	}
	rest := d.lower[i:]
	for _, sign := range []string{"$", "€", "£", "¥", "₹", "~"} {
		rest = strings.TrimPrefix(rest, sign)
	}
	return rest != "" && isDigit(rest[0])
}

// isBreak reports whether the byte at i in lower ends a clause: a line
// break, '!', '?', ';', or a '.' followed by a space that does not end a
// known abbreviation. Commas and colons do not break a clause, so "Budget:
// 25k" and "we're small, but urgent" stay together.
func (d *doc) isBreak(i int) bool {
	switch d.lower[i] {
	case '\n', '!', '?', ';':
		return true
	case '.':
		if i+1 < len(d.lower) && d.lower[i+1] != ' ' && d.lower[i+1] != '\n' {
			return false // 1.5m, v2.1
		}
		j := i
		for j > 0 && d.lower[j-1] != ' ' && d.lower[j-1] != '\n' {
			j--
		}
		switch w := d.lower[j:i]; {
		case isOrdinalBefore(w, d.lower[i+1:]):
			return false // "im 2. Quartal", "ab der 14. KW": a German ordinal, not a sentence end
		case numberAbbreviations[w]:
			return !d.numberFollows(i + 1)
		default:
			return !abbreviations[w]
		}
	}
	return false
}

// clauseIndex returns the index of the clause containing p (a break
// character counts as the end of the clause before it).
func (d *doc) clauseIndex(p int) int {
	k, _ := slices.BinarySearch(d.breaks, p)
	return k
}

// clauseSpan returns the [start, end) offsets of clause k.
func (d *doc) clauseSpan(k int) [2]int {
	start, end := 0, len(d.lower)
	if k > 0 {
		start = d.breaks[k-1] + 1
	}
	if k < len(d.breaks) {
		end = d.breaks[k]
	}
	return [2]int{start, end}
}

// clauseStart returns the offset where the clause containing p starts.
func (d *doc) clauseStart(p int) int { return d.clauseSpan(d.clauseIndex(p))[0] }

// clauseEnd returns the offset just past the clause containing p.
func (d *doc) clauseEnd(p int) int { return d.clauseSpan(d.clauseIndex(p))[1] }

// negators are the words that, among the few before a phrase, negate it.
var negators = map[string]bool{
	"not": true, "no": true, "never": true, "without": true, "nor": true,
	"hardly": true, "barely": true, "non": true,
}

// negationAt returns the offset of a word among the three before p (within
// p's clause) that negates what starts at p: "not", "no", "never",
// "without" or a "-n't" contraction ("we don't have any trouble"); -1 if
// there is none.
func (d *doc) negationAt(p int) int {
	lo := max(d.clauseStart(p), p-30)
	if c := strings.LastIndexByte(d.lower[lo:p], ','); c >= 0 {
		lo += c + 1 // "no rush, this year": a comma ends the negation's reach
	}
	seg := d.lower[lo:p]
	seen := 0
	end := len(seg)
	for end > 0 && seen < 3 {
		for end > 0 && isSep(seg[end-1]) {
			end--
		}
		start := end
		for start > 0 && !isSep(seg[start-1]) {
			start--
		}
		if start == end || start == 0 && lo > d.clauseStart(p) && lo > 0 && !isSep(d.lower[lo-1]) {
			break // nothing left, or a word cut in half by the window
		}
		w := seg[start:end]
		if negators[w] || strings.HasSuffix(w, "n't") || w == "cannot" {
			return lo + start
		}
		seen++
		end = start
	}
	return -1
}

// negatedBefore reports whether negationAt finds a negation before p.
func (d *doc) negatedBefore(p int) bool { return d.negationAt(p) >= 0 }

// isSep reports a byte that separates words for negationAt.
func isSep(c byte) bool {
	return c == ' ' || c == ',' || c == '"' || c == '(' || c == ')' || c == '-'
}

// snippet returns clean[start:end] trimmed of spaces and stray punctuation.
func (d *doc) snippet(start, end int) string {
	return strings.Trim(d.clean[start:end], " ,;:-")
}

// maxPainRunes caps Need.Pain so it stays a short statement.
const maxPainRunes = 120

// clauseFrom returns the clause text from p to the end of its clause, cut
// at a word boundary after maxPainRunes runes.
func (d *doc) clauseFrom(p int) string {
	s := d.clean[p:min(d.clauseEnd(p), p+4*maxPainRunes+4)]
	if utf8.RuneCountInString(s) > maxPainRunes {
		n := 0
		for i := range s {
			if n == maxPainRunes {
				s = s[:i]
				break
			}
			n++
		}
		if sp := strings.LastIndexByte(s, ' '); sp > len(s)/2 {
			s = s[:sp]
		}
	}
	return strings.Trim(s, " ,;:-")
}

// isWordByte reports an ASCII letter or digit (the bytes regexp's \b treats
// as word characters, apart from '_').
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// isDigit reports an ASCII digit.
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isLetter reports an ASCII letter or the first byte of a non-ASCII rune
// (which, in lead text, is almost always a letter).
func isLetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf
}
