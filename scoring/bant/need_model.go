package bant

import (
	_ "embed"
	"encoding/json"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The learned need model: a logistic regression over hashed word
// features, trained on the labelled tune corpus by
// internal/needtrain and shipped as need_model_weights.json. It reads a
// stated need where the rules find none (a pain told in words no rule
// lists); when the rules find a stated need they are kept. Retrain after
// changing the corpus or the features with
//
//	go test ./scoring/bant -run TestNeedModelDrift -retrain-need-model
//
// TestNeedModelDrift fails when the shipped weights differ from a fresh
// training run, and TestNeedModelCV measures rules, model and the
// combination by 5-fold cross-validation (go test -v).
//
//go:generate go test -run TestNeedModelDrift -retrain-need-model .

//go:embed need_model_weights.json
var needModelJSON []byte

// needModelThreshold is the probability from which the model reports a
// stated need the rules missed. It was chosen by 5-fold cross-validation
// on the tune corpus (TestNeedModelCV) as the threshold with the best
// need accuracy whose stated precision stays at or above 0.85.
const needModelThreshold = 0.66

// needModelEvidenceWords is how many of the words that weighed most
// towards a stated need Evidence names.
const needModelEvidenceWords = 3

// needModel is a logistic regression over hashed features (see
// needFeatures): P(stated) = sigmoid(bias + Σ weights[h]·count/√n).
type needModel struct {
	bias    float32
	weights []float32 // len is a power of two
	// minWords is the shortest text (in words) the model speaks on: half
	// the median length of its training texts. The corpus's stated needs
	// are mostly told at length, so on a one-liner the model would judge
	// by length and incidental words, not by what the text says.
	minWords int
}

// needModelFile is the JSON form of a needModel.
type needModelFile struct {
	Buckets  int       `json:"buckets"`
	MinWords int       `json:"min_words"`
	Bias     float64   `json:"bias"`
	Weights  []float64 `json:"weights"`
}

// shippedNeedModel is the model read from need_model_weights.json.
var shippedNeedModel = mustNeedModel(needModelJSON)

func mustNeedModel(b []byte) *needModel {
	var f needModelFile
	if err := json.Unmarshal(b, &f); err != nil {
		panic("bant: need model: " + err.Error())
	}
	if f.Buckets == 0 || f.Buckets&(f.Buckets-1) != 0 || len(f.Weights) != f.Buckets {
		panic("bant: need model: bucket count is not a power of two matching the weights")
	}
	m := &needModel{bias: float32(f.Bias), weights: make([]float32, f.Buckets), minWords: f.MinWords}
	for i, w := range f.Weights {
		m.weights[i] = float32(w)
	}
	return m
}

// needWord is one word of a text as the model reads it: offsets in the
// doc and the folded form (lower case, accents removed, digits as 0).
type needWord struct {
	start, end int
	folded     string
}

// needModelWords splits lower into words of letters and digits, folding each.
// A sentence break (., !, ?, ;, line break) between two words is recorded
// in brk so bigrams do not cross it.
func needModelWords(lower string) (words []needWord, brk []bool) {
	// All folded words go into one buffer, converted to a string once;
	// each word's folded form is a slice of it.
	var b strings.Builder
	b.Grow(len(lower))
	var spans [][2]int // folded offsets of each word in b
	start, fstart := -1, 0
	sawBreak := false
	flush := func(end int) {
		if start >= 0 {
			words = append(words, needWord{start: start, end: end})
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
			needFoldRune(&b, r)
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

// needFunctionWords are articles, pronouns, prepositions and
// conjunctions (folded). The model reads them (they carry how a story is
// told), but a decision must not rest on them: their positive weight is
// left out of the probability that decides (see needModelRead.decide) and
// they are never Evidence. Negations are not here.
var needFunctionWords = func() map[string]bool {
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

// needFoldRune writes r without its accent (ß as ss, digits as 0).
func needFoldRune(b *strings.Builder, r rune) {
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
	needFeatWord   = 'w'
	needFeatPrefix = 'p'
	needFeatGram   = 'g'
	needFeatBigram = 'b'
)

// needPrefixLen is the prefix length that stands for a word's stem
// ("automatiser", "automatizar", "automatisch" → "autom").
const needPrefixLen = 5

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

// needFeatures calls emit with the hash of every feature of words and the
// words it belongs to (a bigram belongs to two): the word, its first
// needPrefixLen bytes when longer, its character 4-grams with "<" and
// ">" marking its ends, and the word pair with its predecessor in the
// same sentence. Hashes are FNV-1a over the kind byte and the text.
func needFeatures(words []needWord, brk []bool, emit func(h uint32, w1, w2 int)) {
	for i, w := range words {
		f := w.folded
		emit(fnvAdd(fnvByte(fnvOffset32, needFeatWord), f), i, -1)
		if len(f) > needPrefixLen {
			emit(fnvAdd(fnvByte(fnvOffset32, needFeatPrefix), f[:needPrefixLen]), i, -1)
		}
		if len(f) >= 3 {
			// 4-grams of "<f>": the first and last take an end marker.
			for k := -1; k+4 <= len(f)+1; k++ {
				h := fnvByte(fnvOffset32, needFeatGram)
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
			h := fnvAdd(fnvByte(fnvOffset32, needFeatBigram), words[i-1].folded)
			h = fnvAdd(fnvByte(h, ' '), f)
			emit(h, i-1, i)
		}
	}
}

// needFeatureHashes returns every feature hash of lower, repeats kept:
// the training input of internal/needtrain.
func needFeatureHashes(lower string) []uint32 {
	words, brk := needModelWords(lower)
	var hs []uint32
	needFeatures(words, brk, func(h uint32, _, _ int) { hs = append(hs, h) })
	return hs
}

// needModelRead is the model's reading of a text.
type needModelRead struct {
	// prob is P(stated); decide is P(stated) without the positive
	// weight of function words, the figure compared with the threshold.
	prob, decide float64
	// words are the text's words and contrib how much each pushed the
	// score towards a stated need.
	words   []needWord
	contrib []float64
}

// read scores d. Each feature occurrence adds its weight/√n, n being the
// number of feature occurrences: the same value as the trainer's
// count/√n per bucket.
func (m *needModel) read(d *doc) needModelRead {
	words, brk := needModelWords(d.lower)
	r := needModelRead{words: words, contrib: make([]float64, len(words))}
	mask := uint32(len(m.weights) - 1)
	n := 0
	needFeatures(words, brk, func(h uint32, w1, w2 int) {
		n++
		w := float64(m.weights[h&mask])
		if w2 < 0 {
			r.contrib[w1] += w
			return
		}
		r.contrib[w1] += w / 2
		r.contrib[w2] += w / 2
	})
	z := float64(m.bias)
	zd := z
	if n > 0 {
		scale := 1 / math.Sqrt(float64(n))
		for i := range r.contrib {
			r.contrib[i] *= scale
			z += r.contrib[i]
			if r.contrib[i] <= 0 || !needFunctionWords[words[i].folded] {
				zd += r.contrib[i]
			}
		}
	}
	r.prob = 1 / (1 + math.Exp(-z))
	r.decide = 1 / (1 + math.Exp(-zd))
	return r
}

// topWords returns the offsets of up to k distinct words that pushed
// most towards a stated need, strongest first.
func (r needModelRead) topWords(k int) []int {
	var top []int
	seen := map[string]bool{}
	for len(top) < k {
		best := -1
		for i, c := range r.contrib {
			if c <= 0 || seen[r.words[i].folded] || needFunctionWords[r.words[i].folded] {
				continue
			}
			if best < 0 || c > r.contrib[best] {
				best = i
			}
		}
		if best < 0 {
			break
		}
		seen[r.words[best].folded] = true
		top = append(top, best)
	}
	return top
}

// bestClauseStart returns the start of the clause of d whose words pushed
// most towards a stated need.
func (r needModelRead) bestClauseStart(d *doc) int {
	best, bestSum := 0, math.Inf(-1)
	for i := 0; i < len(r.words); {
		k := d.clauseIndex(r.words[i].start)
		sum := 0.0
		j := i
		for ; j < len(r.words) && d.clauseIndex(r.words[j].start) == k; j++ {
			sum += r.contrib[j]
		}
		if sum > bestSum {
			best, bestSum = d.clauseStart(r.words[i].start), sum
		}
		i = j
	}
	return best
}

// extractNeed reads the need of d with the rules (extractNeedRules) and,
// when they state none, with the shipped model.
func extractNeed(d *doc, tl *Timeline) *Need {
	return needWithModel(d, tl, extractNeedRules(d, tl), shippedNeedModel)
}

// needWithModel combines the rules' reading with m's: a stated need from
// the rules is kept; otherwise a model probability at or above
// needModelThreshold, on a text of at least m.minWords words, gives a
// stated need with that confidence, Evidence
// naming the words that weighed most and Pain the clause whose words
// weighed most together.
func needWithModel(d *doc, tl *Timeline, rules *Need, m *needModel) *Need {
	if rules != nil && rules.Stated && rules.Confidence >= AnswerThreshold {
		return rules
	}
	langs := needLangs(d)
	r := m.read(d)
	if r.prob < needModelThreshold || len(r.words) < m.minWords {
		return rules
	}
	top := r.topWords(needModelEvidenceWords)
	if len(top) == 0 {
		return rules
	}
	ev := make([]string, len(top))
	for i, k := range top {
		ev[i] = d.clean[r.words[k].start:r.words[k].end]
	}
	n := &Need{Stated: true, Pain: d.clauseFrom(r.bestClauseStart(d)), Confidence: r.prob, Evidence: strings.Join(ev, ", ")}
	n.Urgent = urgent(d, tl, langs)
	return n
}
