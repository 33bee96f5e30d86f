package bant

import (
	_ "embed"
	"encoding/json"
	"math"
	"strings"
)

// The learned need model: a logistic regression over hashed word
// features, trained on the labelled tune corpus by
// internal/modeltrain and shipped as need_model_weights.json. It reads a
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
// stated need the rules missed. Cross-validation on tune
// (TestNeedModelCV) favours 0.69, but there the rules are tuned on the
// very texts they are judged on, so the ones they leave to the model are
// the hard residue (quotes, tenders, budgets with no pain). On unseen
// writers the rules miss more stated needs, and a stated need was their
// commonest need error (recall 0.86-0.89, precision 0.95-0.97): on v8
// the model's answers were 16 right/0 wrong at 0.69 and 22 right/0 wrong
// at 0.65 (German 1 → 4), and the next batch, v9, checked before it was
// read, gained 2 points (German 0.72 → 0.75, French 0.85 → 0.90, no
// language lost). 0.60 gained more on both (27/0 on v8), but dropped the
// stated precision of the older held-out sets below the 0.93 their test
// requires: the texts the model then reads as pains are requests for a
// quote, told with budget, dates and roles. Minimum lengths of 12 to 23
// words read tune (cross-validated) and v8 alike: the texts the rules
// leave to the model are long.
var needModelThreshold = 0.65

// needSecondOpinion lowers the need model's bar for a stated need the
// rules missed when a second model agrees: with a partner (the shipped
// one: the need class model) whose P(stated) is at least partner, a
// P(stated) of at least own suffices instead of needModelThreshold. The
// two read the same words but were trained apart: the binary model lumps
// exploring with "", the class model tells them apart. On the unseen v10
// (240 items, measured before tuning: need 0.90, German 0.85) the binary
// model alone made 21 right and 2 wrong stated answers; with this second
// opinion 25 right and 3 wrong (German 0.85 → 0.92, English one lower: a
// quote request with a price per user). The new ones are pains told as
// stories with no problem word ("the phone rings nonstop and the
// assistants get nothing else done", "without a new system we cannot run
// payroll in January"), which the binary model alone scored 0.56-0.63.
// A mean of the two at 0.60 gained two more on v10 but read the
// hard-negative quote requests of TestNeedModelLongCases as pains and
// dropped a held-out set's stated precision below its floor. In 5-fold
// cross-validation on tune the second opinion adds wrong answers only
// (34 → 54 of about 2240): there the rules, tuned on those very texts,
// leave the models no stated need to find.
var needSecondOpinion = struct{ own, partner float64 }{own: 0.55, partner: 0.65}

// needOverruleExploring is the partner's P(stated) from which, with the
// binary model at needModelThreshold or above, a stated need overrules
// the rules' exploring answer: the spec lets a stated pain win over
// "just comparing", and the rules read exploring from wording that often
// comes with a pain (research for someone else, "no budget", "no issues
// with our provider, but ..."). The class model is the judge because it
// was trained to tell exploring from stated. Chosen after reading v11's
// misses (not a clean check): there the rules read exploring for six
// writers who tell a pain, and from 0.85 the models overrule three of
// them rightly and none of v11's exploring writers wrongly; on v10 the
// overrule changes nothing. In 5-fold cross-validation on tune, where
// the rules' exploring answers are tuned to be right, it overrules 1
// rightly and 8 wrongly at 0.80, 0 and 3 at 0.90 (of 514 exploring).
var needOverruleExploring = 0.85

// needModelMinWords is the shortest text (in words) the model speaks on:
// half the median length of the first 800 tune texts. The corpus's stated
// needs are mostly told at length, so on a one-liner the model would judge
// by length and incidental words. It is fixed rather than recomputed: the
// later batches brought many short chat turns, and a median that follows
// them let the model read "we need 20 licences by 1 March, we work 8 to 15"
// as a pain.
const needModelMinWords = 23

// needModelEvidenceWords is how many of the words that weighed most
// towards a stated need Evidence names.
const needModelEvidenceWords = 3

// needModel is a logistic regression over hashed features (see
// modelFeatures): P(stated) = sigmoid(bias + Σ weights[h]·count/√n).
type needModel struct {
	bias    float32
	weights []float32 // len is a power of two
	// minWords is the shortest text (in words) the model speaks on: half
	// the median length of its training texts. The corpus's stated needs
	// are mostly told at length, so on a one-liner the model would judge
	// by length and incidental words, not by what the text says.
	minWords int
	// partner, when set, is a need class model whose stated probability
	// is a second opinion (needSecondOpinion); nil in the
	// cross-validation runs, which measure this model alone.
	partner *classModel
}

// needModelFile is the JSON form of a needModel.
type needModelFile struct {
	Buckets  int       `json:"buckets"`
	MinWords int       `json:"min_words"`
	Bias     float64   `json:"bias"`
	Weights  []float64 `json:"weights"`
}

// shippedNeedModel is the model read from need_model_weights.json, with
// the need class model as its partner.
var shippedNeedModel = withNeedPartner(mustNeedModel(needModelJSON), shippedNeedClassModel)

// withNeedPartner returns m with p as its partner (see needModel.partner).
func withNeedPartner(m *needModel, p *classModel) *needModel {
	m.partner = p
	return m
}

// states reports whether r, the model's reading of d, states a need:
// P(stated) at or above needModelThreshold, or at or above
// needSecondOpinion.own when the partner's P(stated) is at or above
// needSecondOpinion.partner.
func (m *needModel) states(d *doc, r needModelRead) bool {
	if r.prob >= needModelThreshold {
		return true
	}
	if m.partner == nil || r.prob < needSecondOpinion.own {
		return false
	}
	return m.partnerStated(d) >= needSecondOpinion.partner
}

// partnerStated is the partner's P(stated) for d, 0 without a partner.
func (m *needModel) partnerStated(d *doc) float64 {
	if m.partner == nil {
		return 0
	}
	pr := m.partner.read(d)
	for c, l := range m.partner.classes {
		if l == "stated" {
			return pr.probs[c]
		}
	}
	return 0
}

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

// needModelRead is the model's reading of a text.
type needModelRead struct {
	// prob is P(stated); decide is P(stated) without the positive
	// weight of function words, the figure compared with the threshold.
	prob, decide float64
	// words are the text's words and contrib how much each pushed the
	// score towards a stated need.
	words   []modelWord
	contrib []float64
}

// read scores d. Each feature occurrence adds its weight/√n, n being the
// number of feature occurrences: the same value as the trainer's
// count/√n per bucket.
func (m *needModel) read(d *doc) needModelRead {
	words, brk := modelWords(d.lower)
	r := needModelRead{words: words, contrib: make([]float64, len(words))}
	mask := uint32(len(m.weights) - 1)
	n := 0
	modelFeatures(words, brk, func(h uint32, w1, w2 int) {
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
			if r.contrib[i] <= 0 || !modelFunctionWords[words[i].folded] {
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
func (r needModelRead) topWords(k int) []int { return strongestWords(r.words, r.contrib, k) }

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
// when they state none, with the shipped model; where neither gives an
// answer, the need class model may read the writer as only exploring.
func extractNeed(d *doc, tl *Timeline) *Need {
	n := needWithModel(d, tl, extractNeedRules(d, tl), shippedNeedModel)
	return needExploringWithModel(d, n, shippedNeedClassModel, needExploringPolicy)
}

// The need class model: a softmax regression (class_model.go) over the
// corpus's three need labels, shipped as need_class_model_weights.json.
// Only its exploring answer is used (the stated one is needModel's).
//
//go:embed need_class_model_weights.json
var needClassModelJSON []byte

// shippedNeedClassModel is the model read from need_class_model_weights.json.
var shippedNeedClassModel = mustClassModel("need", needClassModelJSON)

// needClasses are the need class model's classes, in training order.
var needClasses = []string{"", "stated", "exploring"}

// needExploringPolicy is when the need class model's exploring answer
// fills a need the rules and needModel left empty. On tune, where the
// rules know every exploring text, cross-validation leaves it nothing
// right to add (its few answers there are wrong, 4 at 0.70); on the
// unseen v8 the rules left ten exploring writers unread (curious,
// comparing, budget frozen, happy with their tool), and from 0.70 the
// model read 6 of them rightly and none wrongly (0.50: 8 right, 2
// wrong). It speaks on 12 distinct words or more: at 8 it read "Nous
// accompagnons les PME qui ont des problèmes de trésorerie." (a vendor
// describing itself) as exploring, and on v8 minimums of 8 to 18 read
// the same. Round 7 lowered the threshold to 0.65 on fresh writers. On
// the unseen v12 lower was better (need 0.854 → 0.867 at 0.40-0.50:
// 4 exploring writers read rightly, 1 text with no need wrongly; +1 at
// 0.60, +0 at 0.65, 0.75 and up lose), but below 0.65 the model reads
// hard negatives of TestNeedCases and TestExtract as exploring: requests
// for a price list or a demo, a vendor describing itself, "I'm happy to
// chat" (p 0.54-0.63). 0.65 is the lowest threshold that keeps them
// unanswered; on v13, checked before it was read, it gained 2 (0.863 →
// 0.871, English and German +1, no language lower; 0.50 would have
// gained 8 there).
var needExploringPolicy = classPolicy{threshold: 0.65, minWords: 12}

// needExploringWithModel returns n when it is an answer; otherwise, when
// m under p reads the writer as only exploring, an exploring Need with
// the model's probability as Confidence and Evidence naming the words
// that weighed most.
func needExploringWithModel(d *doc, n *Need, m *classModel, p classPolicy) *Need {
	if n != nil && n.Confidence >= AnswerThreshold {
		return n
	}
	v, ok := m.decide(d, "", 0, p)
	if !ok || v.label != "exploring" {
		return n
	}
	return &Need{Confidence: v.prob, Evidence: v.evidence}
}

// needWithModel combines the rules' reading with m's: an answer from the
// rules, stated or exploring, is kept; where they give none, a model
// reading that states one (needModel.states), on a text of at least
// m.minWords words, gives a stated need with that confidence, Evidence
// naming the words that weighed most and Pain the clause whose words
// weighed most together. The binary model alone does not overrule an
// exploring answer: a writer who says they are only comparing uses the
// same vocabulary of tools and processes as one with a pain, and on two
// unseen batches it turned 6 such texts into stated needs wrongly for 3
// rightly; with a partner, both agreeing firmly do
// (needOverruleExploring).
func needWithModel(d *doc, tl *Timeline, rules *Need, m *needModel) *Need {
	if rules != nil && rules.Confidence >= AnswerThreshold && (rules.Stated || m.partner == nil) {
		return rules
	}
	langs := needLangs(d)
	r := m.read(d)
	if len(r.words) < m.minWords {
		return rules
	}
	if rules != nil && rules.Confidence >= AnswerThreshold {
		// An exploring answer: only both models agreeing firmly on a
		// pain overrule it (needOverruleExploring).
		if r.prob < needModelThreshold || m.partnerStated(d) < needOverruleExploring {
			return rules
		}
	} else if !m.states(d, r) {
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
	// Confidence never reaches certainty (clamp01 caps every reading).
	n := &Need{Stated: true, Pain: d.clauseFrom(r.bestClauseStart(d)), Confidence: clamp01(r.prob), Evidence: strings.Join(ev, ", ")}
	n.Urgent = urgent(d, tl, langs)
	return n
}
