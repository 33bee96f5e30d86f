package bant

import (
	"encoding/json"
	"math"
	"strings"
)

// The learned multi-class classifiers beside the rules (timeline,
// authority): softmax regressions over the hashed word features the need
// model uses (model_features.go; authority adds modelRoleFeatures),
// trained on the labelled tune corpus by internal/modeltrain and
// shipped as *_model_weights.json. Each predicts one corpus label (or
// "", the text says nothing on it); a classPolicy
// says when that prediction replaces the rules' answer. Retrain all
// models after changing the corpus or the features with
//
//	go generate ./scoring/bant
//
// TestClassModelDrift fails when shipped weights differ from a fresh
// training run; TestClassModelCV measures each model alone by 5-fold
// cross-validation, and TestClassModelOnCorpus measures rules, model and
// every policy on a corpus the models never saw (go test -v).
//
//go:generate go test -run TestClassModelDrift -retrain-class-models .

// classFeaturesRole is classModelFile.Features of a model that also
// reads modelRoleFeatures.
const classFeaturesRole = "role"

// classModelEvidenceWords is how many words that weighed most towards the
// model's answer Evidence names.
const classModelEvidenceWords = 3

// classModel is a softmax regression over hashed features:
// P(c) = softmax_c(bias[c] + Σ weights[c][h]·count/√n).
type classModel struct {
	// classes are the corpus labels the model predicts, "" among them.
	classes []string
	buckets int
	bias    []float32
	// weights are class-major: class c's bucket h is weights[c*buckets+h].
	weights []float32
	// role adds modelRoleFeatures to modelFeatures (the authority model).
	role bool
}

// classModelFile is the JSON form of a classModel.
type classModelFile struct {
	Classes []string    `json:"classes"`
	Buckets int         `json:"buckets"`
	Bias    []float64   `json:"bias"`
	Weights [][]float64 `json:"weights"`
	// Features is "role" for a model that also reads modelRoleFeatures.
	Features string `json:"features,omitempty"`
}

// mustClassModel reads a classModel from its JSON form; the weights are
// embedded in the binary, so a malformed file is a build mistake.
func mustClassModel(name string, b []byte) *classModel {
	var f classModelFile
	if err := json.Unmarshal(b, &f); err != nil {
		panic("bant: " + name + " model: " + err.Error())
	}
	k := len(f.Classes)
	if k < 2 || len(f.Bias) != k || len(f.Weights) != k || f.Buckets == 0 || f.Buckets&(f.Buckets-1) != 0 {
		panic("bant: " + name + " model: classes, bias and weights do not match, or buckets is not a power of two")
	}
	m := &classModel{classes: f.Classes, buckets: f.Buckets, bias: make([]float32, k), weights: make([]float32, k*f.Buckets), role: f.Features == classFeaturesRole}
	for c := range k {
		if len(f.Weights[c]) != f.Buckets {
			panic("bant: " + name + " model: a class has the wrong number of weights")
		}
		m.bias[c] = float32(f.Bias[c])
		for h, w := range f.Weights[c] {
			m.weights[c*f.Buckets+h] = float32(w)
		}
	}
	return m
}

// classRead is a model's reading of one text.
type classRead struct {
	// probs are the class probabilities and best the most probable class.
	probs []float64
	best  int
	words []modelWord
	// contrib[c*len(words)+i] is how much word i pushed class c's score.
	contrib []float64
}

// read scores d. Each feature occurrence adds its weight/√n, n being the
// number of feature occurrences: the trainer's count/√n per bucket.
func (m *classModel) read(d *doc) classRead {
	words, brk := modelWords(d.lower)
	k, nw := len(m.classes), len(words)
	r := classRead{probs: make([]float64, k), words: words, contrib: make([]float64, k*nw)}
	mask := uint32(m.buckets - 1)
	n := 0
	add := func(h uint32, w1, w2 int) {
		n++
		h &= mask
		for c := range k {
			w := float64(m.weights[c*m.buckets+int(h)])
			if w2 < 0 {
				r.contrib[c*nw+w1] += w
				continue
			}
			r.contrib[c*nw+w1] += w / 2
			r.contrib[c*nw+w2] += w / 2
		}
	}
	modelFeatures(words, brk, add)
	if m.role {
		modelRoleFeatures(d.lower, words, brk, add)
	}
	scale := 0.0
	if n > 0 {
		scale = 1 / math.Sqrt(float64(n))
	}
	hi := math.Inf(-1)
	for c := range k {
		z := float64(m.bias[c])
		for i := range nw {
			r.contrib[c*nw+i] *= scale
			z += r.contrib[c*nw+i]
		}
		r.probs[c] = z
		hi = max(hi, z)
	}
	sum := 0.0
	for c := range k {
		r.probs[c] = math.Exp(r.probs[c] - hi)
		sum += r.probs[c]
	}
	for c := range k {
		r.probs[c] /= sum
		if r.probs[c] > r.probs[r.best] {
			r.best = c
		}
	}
	return r
}

// topWords returns the offsets of up to n distinct words, function words
// left out, that pushed most towards class c against the other classes
// (its contribution minus the mean of all classes'), strongest first.
func (r classRead) topWords(c, n int) []int {
	k, nw := len(r.probs), len(r.words)
	lift := make([]float64, nw)
	for i := range nw {
		mean := 0.0
		for j := range k {
			mean += r.contrib[j*nw+i]
		}
		lift[i] = r.contrib[c*nw+i] - mean/float64(k)
	}
	return strongestWords(r.words, lift, n)
}

// evidence names, as written in d, the words that weighed most towards
// class c.
func (r classRead) evidence(d *doc, c int) string {
	top := r.topWords(c, classModelEvidenceWords)
	ev := make([]string, len(top))
	for i, k := range top {
		ev[i] = d.clean[r.words[k].start:r.words[k].end]
	}
	return strings.Join(ev, ", ")
}

// classPolicy says when a model's answer replaces the rules'.
type classPolicy struct {
	// threshold is the lowest probability of the model's most probable
	// class at which the model speaks at all.
	threshold float64
	// override, when above zero, lets the model replace a rules answer
	// whose confidence is below it (policy "b"); at zero the model only
	// answers where the rules give nothing (policy "a").
	override float64
	// minWords is the shortest text, in distinct words, the model speaks
	// on: on a one-liner it judges by incidental words ("the decision will
	// be made by March" is not the writer deferring), and a text of one
	// word repeated says nothing however long it is.
	minWords int
}

// classVerdict is the model's answer for a text under a policy.
type classVerdict struct {
	// label is the model's class and prob its probability (at most 0.95).
	label string
	prob  float64
	// evidence names the words that weighed most towards label.
	evidence string
}

// decide reads d and returns the model's verdict when, under p, it
// replaces the rules' answer rulesLabel (a corpus label, "" for none)
// given with confidence rulesConf; ok is false when the rules stand.
func (m *classModel) decide(d *doc, rulesLabel string, rulesConf float64, p classPolicy) (v classVerdict, ok bool) {
	if rulesLabel != "" && (p.override <= 0 || rulesConf >= p.override) {
		return v, false // the rules' answer stands whatever the model reads
	}
	r := m.read(d)
	c := r.best
	label := m.classes[c]
	if r.probs[c] < p.threshold || label == rulesLabel || p.minWords > 0 && distinctWords(r.words, p.minWords) < p.minWords {
		return v, false
	}
	if rulesLabel != "" && (p.override <= 0 || rulesConf >= p.override) {
		return v, false
	}
	if rulesLabel == "" && label == "" {
		return v, false
	}
	// Confidence never reaches certainty (clamp01's 0.95 cap holds for
	// every reading), and an answer must name the words it rests on: with
	// none but function words the model abstains.
	v = classVerdict{label: label, prob: clamp01(r.probs[c])}
	if label != "" {
		if v.evidence = r.evidence(d, c); v.evidence == "" {
			return classVerdict{}, false
		}
	}
	return v, true
}

// distinctWords counts the distinct folded words among words, stopping
// at limit.
func distinctWords(words []modelWord, limit int) int {
	seen := make(map[string]bool, limit)
	for _, w := range words {
		seen[w.folded] = true
		if len(seen) >= limit {
			break
		}
	}
	return len(seen)
}
