package bant

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The features the learned text classifiers share (need_model.go,
// class_model.go): a text is split into folded words, and each word gives
// hashed features — itself, its prefix (a stem across word forms and
// languages), its character 4-grams (misspellings, compounds) and the
// pair with the word before it in the same sentence.

// modelWord is one word of a text as the model reads it: offsets in the
// doc and the folded form (lower case, accents removed, digits as 0).
type modelWord struct {
	start, end int
	folded     string
}

// modelWords splits lower into words of letters and digits, folding each.
// A sentence break (., !, ?, ;, line break) between two words is recorded
// in brk so bigrams do not cross it.
func modelWords(lower string) (words []modelWord, brk []bool) {
	// All folded words go into one buffer, converted to a string once;
	// each word's folded form is a slice of it.
	var b strings.Builder
	b.Grow(len(lower))
	var spans [][2]int // folded offsets of each word in b
	start, fstart := -1, 0
	sawBreak := false
	flush := func(end int) {
		if start >= 0 {
			words = append(words, modelWord{start: start, end: end})
			spans = append(spans, [2]int{fstart, b.Len()})
			brk = append(brk, sawBreak)
			sawBreak = false
			start = -1
		}
	}
	for i, r := range lower {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start, fstart = i, b.Len()
			}
			modelFoldRune(&b, r)
			continue
		}
		flush(i)
		switch r {
		case '.', '!', '?', ';', '\n':
			sawBreak = true
		}
	}
	flush(len(lower))
	folded := b.String()
	for i, sp := range spans {
		words[i].folded = folded[sp[0]:sp[1]]
	}
	return words, brk
}

// modelFunctionWords are articles, pronouns, prepositions and
// conjunctions (folded). The model reads them (they carry how a story is
// told), but a decision must not rest on them: their positive weight is
// left out of the probability that decides (see needModelRead.decide) and
// they are never Evidence of any model. Negations are not here.
var modelFunctionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		a an the and or but of to in on at by for from with as is are was were be been it its this that these those
		i we you he she they me us him them my our your his her their so if then than there here also just per up
		der die das den dem des ein eine einen einem einer und oder aber zu im in am an auf bei mit von vom fur
		ich wir sie er es ihr uns unser unsere unseren unserem euch ist sind war waren wird werden hat haben auch noch
		le la les l un une des du de d et ou mais a au aux en dans sur pour par avec je j nous vous il elle ils elles
		notre nos votre vos ce cet cette ces c qu que qui est sont s y se sa son ses leur leurs
		el la los las lo un una unos unas y o pero de del al a en con por para que se su sus nuestro nuestra
		nuestros nuestras es son yo nosotros me mi mis te tu le les este esta estos estas como`) {
		m[w] = true
	}
	return m
}()

// modelFoldRune writes r without its accent (ß as ss, digits as 0).
func modelFoldRune(b *strings.Builder, r rune) {
	switch {
	case r >= '0' && r <= '9' || unicode.IsDigit(r):
		b.WriteByte('0')
	case r < utf8.RuneSelf:
		b.WriteByte(byte(r))
	default:
		switch r {
		case 'à', 'á', 'â', 'ã', 'ä', 'å':
			b.WriteByte('a')
		case 'ç':
			b.WriteByte('c')
		case 'è', 'é', 'ê', 'ë':
			b.WriteByte('e')
		case 'ì', 'í', 'î', 'ï':
			b.WriteByte('i')
		case 'ñ':
			b.WriteByte('n')
		case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø':
			b.WriteByte('o')
		case 'ù', 'ú', 'û', 'ü':
			b.WriteByte('u')
		case 'ý', 'ÿ':
			b.WriteByte('y')
		case 'ß':
			b.WriteString("ss")
		case 'œ':
			b.WriteString("oe")
		case 'æ':
			b.WriteString("ae")
		default:
			b.WriteRune(r)
		}
	}
}

// Feature kinds, hashed in as a first byte so a word and its prefix or a
// 4-gram never share a hash by construction.
const (
	modelFeatWord   = 'w'
	modelFeatPrefix = 'p'
	modelFeatGram   = 'g'
	modelFeatBigram = 'b'
)

// modelPrefixLen is the prefix length that stands for a word's stem
// ("automatiser", "automatizar", "automatisch" → "autom").
const modelPrefixLen = 5

const (
	fnvOffset32 = 2166136261
	fnvPrime32  = 16777619
)

func fnvAdd(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime32
	}
	return h
}

func fnvByte(h uint32, c byte) uint32 { return (h ^ uint32(c)) * fnvPrime32 }

// modelFeatures calls emit with the hash of every feature of words and the
// words it belongs to (a bigram belongs to two): the word, its first
// modelPrefixLen bytes when longer, its character 4-grams with "<" and
// ">" marking its ends, and the word pair with its predecessor in the
// same sentence. Hashes are FNV-1a over the kind byte and the text.
func modelFeatures(words []modelWord, brk []bool, emit func(h uint32, w1, w2 int)) {
	for i, w := range words {
		f := w.folded
		emit(fnvAdd(fnvByte(fnvOffset32, modelFeatWord), f), i, -1)
		if len(f) > modelPrefixLen {
			emit(fnvAdd(fnvByte(fnvOffset32, modelFeatPrefix), f[:modelPrefixLen]), i, -1)
		}
		if len(f) >= 3 {
			// 4-grams of "<f>": the first and last take an end marker.
			for k := -1; k+4 <= len(f)+1; k++ {
				h := fnvByte(fnvOffset32, modelFeatGram)
				for j := k; j < k+4; j++ {
					switch {
					case j < 0:
						h = fnvByte(h, '<')
					case j >= len(f):
						h = fnvByte(h, '>')
					default:
						h = fnvByte(h, f[j])
					}
				}
				emit(h, i, -1)
			}
		}
		if i > 0 && !brk[i] {
			h := fnvAdd(fnvByte(fnvOffset32, modelFeatBigram), words[i-1].folded)
			h = fnvAdd(fnvByte(h, ' '), f)
			emit(h, i-1, i)
		}
	}
}

// modelFeatureHashes returns every feature hash of lower, repeats kept:
// the training input of internal/modeltrain.
func modelFeatureHashes(lower string) []uint32 {
	words, brk := modelWords(lower)
	var hs []uint32
	modelFeatures(words, brk, func(h uint32, _, _ int) { hs = append(hs, h) })
	return hs
}

// Extra feature kinds of the authority model (modelRoleFeatures).
const (
	modelFeatSig    = 's'
	modelFeatDecide = 'd'
)

// modelSigLines and modelSigWords bound the signature block
// modelRoleFeatures reads: the text's last lines, each short.
const (
	modelSigLines = 4
	modelSigWords = 8
)

// modelDecideWindow is how many words either side of a decision verb, in
// the same sentence, modelRoleFeatures looks at for who decides.
const modelDecideWindow = 6

// modelDecideStems are folded prefixes of the verbs and nouns of deciding,
// approving and signing in the four languages.
var modelDecideStems = []string{
	"decid", "decis", "approv", "sign", "authori", "final", "sayso",
	"entsch", "genehm", "freig", "unterschr", "unterzei", "zustimm", "abseg", "okay",
	"valid", "approuv", "autoris", "tranch", "arbitr",
	"aprob", "aprue", "autoriz", "firmar", "firmo", "visto", "luz",
}

// modelPersonClass sorts the folded words around a decision verb: the
// writer ("i"), the writer's organisation ("we"), someone else ("o": a
// boss, a board, a third person) and negation ("n").
var modelPersonClass = func() map[string]byte {
	m := map[string]byte{}
	for class, ws := range map[byte]string{
		'i': `i me my mine myself ich mir mich mein meine meinem meinen meiner je j moi m mon ma mes yo mi mis conmigo`,
		'w': `we us our ours wir uns unser unsere unserem unseren unserer nous notre nos nosotros nosotras nuestro nuestra nuestros nuestras`,
		'o': `boss bosses manager managers ceo cfo cto coo owner owners founder founders board director directors procurement purchasing
			management partner partners committee finance head vp president he she they him her them someone else
			chef chefin chefs vorgesetzte vorgesetzten vorgesetzter vorstand inhaber inhaberin einkauf leitung direktor direktorin geschaftsfuhrer
			geschaftsfuhrerin geschaftsfuhrung gf er ihm
			direction directeur directrice patron patronne pdg dg dirigeant dirigeants achats comite associe associes il elle ils elles lui
			jefe jefa jefes gerente gerencia direccion junta dueno duena duenos compras socio socios comite superior superiores ella ellos`,
		'n': `not no never cannot can t don dont doesn isn won nicht kein keine keinen nie pas ne n jamais aucun aucune nunca sin ohne ni`,
	} {
		for _, w := range strings.Fields(ws) {
			m[w] = class
		}
	}
	return m
}()

func modelDecideStem(f string) bool {
	for _, p := range modelDecideStems {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// modelRoleFeatures emits the authority model's features beyond
// modelFeatures, which carry a writer's role better than words alone:
//   - each word of the signature block (the last modelSigLines lines of
//     at most modelSigWords words) again, marked as such, with its
//     prefix: a title there is the writer's own;
//   - for each decision verb ("decide", "genehmigen", "valider",
//     "aprobar"), which of the writer, the writer's organisation,
//     someone else and a negation stand near it in its sentence, alone
//     and combined: "I decide" and "my boss decides" share the verb but
//     not who.
func modelRoleFeatures(lower string, words []modelWord, brk []bool, emit func(h uint32, w1, w2 int)) {
	// The signature block: walk the lines back from the end.
	sigStart := len(lower)
	for n, end := 0, len(lower); n < modelSigLines && end > 0; n++ {
		start := strings.LastIndexByte(lower[:end], '\n') + 1
		if len(strings.Fields(lower[start:end])) > modelSigWords {
			break
		}
		sigStart = start
		end = max(start-1, 0)
	}
	for i, w := range words {
		if w.start < sigStart {
			continue
		}
		f := w.folded
		emit(fnvAdd(fnvByte(fnvOffset32, modelFeatSig), f), i, -1)
		if len(f) > modelPrefixLen {
			emit(fnvAdd(fnvByte(fnvOffset32, modelFeatSig), f[:modelPrefixLen]+"*"), i, -1)
		}
	}
	for i, w := range words {
		if !modelDecideStem(w.folded) {
			continue
		}
		who := modelDecideWho(words, brk, i)
		for k := 2; k < len(who); k++ {
			emit(fnvByte(fnvByte(fnvOffset32, modelFeatDecide), who[k]), i, -1)
		}
		emit(fnvAdd(fnvByte(fnvOffset32, modelFeatDecide), who), i, -1)
	}
}

// modelDecideWho returns "v:" and the person classes (modelPersonClass,
// in the order i, w, o, n) found within modelDecideWindow words of the
// decision verb words[i], in its sentence: "v:io" for "my boss decides".
func modelDecideWho(words []modelWord, brk []bool, i int) string {
	var seen [4]bool // i, w, o, n
	lo := i
	for lo > 0 && i-lo < modelDecideWindow && !brk[lo] {
		lo--
	}
	for j := lo; j < len(words) && j <= i+modelDecideWindow; j++ {
		if j > i && brk[j] {
			break
		}
		switch modelPersonClass[words[j].folded] {
		case 'i':
			seen[0] = true
		case 'w':
			seen[1] = true
		case 'o':
			seen[2] = true
		case 'n':
			seen[3] = true
		}
	}
	who := []byte{'v', ':'}
	for k, c := range "iwon" {
		if seen[k] {
			who = append(who, byte(c))
		}
	}
	return string(who)
}

// modelRoleFeatureHashes is modelFeatureHashes plus modelRoleFeatures:
// the authority model's training input.
func modelRoleFeatureHashes(lower string) []uint32 {
	words, brk := modelWords(lower)
	var hs []uint32
	add := func(h uint32, _, _ int) { hs = append(hs, h) }
	modelFeatures(words, brk, add)
	modelRoleFeatures(lower, words, brk, add)
	return hs
}

// strongestWords returns the offsets of up to k distinct words of words,
// function words left out, with the largest positive weight, strongest
// first: the words a model's answer names as its evidence.
func strongestWords(words []modelWord, weight []float64, k int) []int {
	var top []int
	seen := map[string]bool{}
	for len(top) < k {
		best := -1
		for i, c := range weight {
			if c <= 0 || seen[words[i].folded] || modelFunctionWords[words[i].folded] {
				continue
			}
			if best < 0 || c > weight[best] {
				best = i
			}
		}
		if best < 0 {
			break
		}
		seen[words[best].folded] = true
		top = append(top, best)
	}
	return top
}
