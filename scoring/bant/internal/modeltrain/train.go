// Package modeltrain trains the small text classifiers that package bant
// ships beside its rules: a binary logistic regression for a stated need
// (need_model.go, Train) and multi-class softmax regressions for authority
// and timeline (class_model.go, TrainSoftmax). It is pure and
// deterministic: the same examples and Config always give the
// same weights, bit for bit on one platform, so the shipped weights can be
// checked against a fresh run (bant's TestNeedModelDrift).
package modeltrain

import (
	"math"
	"slices"
)

// Example is one labelled text as hashed feature buckets. A bucket may
// repeat: its value is the count, and the whole vector is scaled by
// 1/sqrt(len(Buckets)) so long texts do not outweigh short ones.
type Example struct {
	Buckets []uint32
	Stated  bool
}

// Config sets the training. The zero value is not useful: use Defaults.
type Config struct {
	// Buckets is the number of hashed feature buckets (a power of two).
	Buckets int
	// Lambda is the L2 penalty per weight (the bias is not penalised).
	Lambda float64
	// Iterations of full-batch gradient descent with Nesterov momentum.
	Iterations int
	// Rate is the step size.
	Rate float64
	// NormPower scales a text's vector by 1/n^NormPower, n being its
	// number of feature occurrences: 0.5 keeps long texts from
	// outweighing short ones, 1 (the mean) makes length say nothing.
	NormPower float64
	// MinDocFreq drops buckets seen in fewer training texts: a feature
	// of one text is that text's memory, not a pattern.
	MinDocFreq int
}

// Defaults is the configuration the shipped model is trained with.
var Defaults = Config{Buckets: 1 << 14, Lambda: 1e-3, Iterations: 400, Rate: 2, NormPower: 0.5, MinDocFreq: 2}

// Model is a trained logistic regression: P(stated) = sigmoid(Bias +
// sum of Weights[bucket]*value).
type Model struct {
	Bias      float64
	Weights   []float64
	NormPower float64
}

type sparse struct {
	idx []uint32
	val []float64
}

// vectorise folds repeated buckets into counts, scaled by 1/sqrt(n),
// in ascending bucket order (deterministic summation order).
func vectorise(b []uint32, buckets int, power float64) sparse {
	counts := map[uint32]int{}
	for _, h := range b {
		counts[h%uint32(buckets)]++
	}
	var s sparse
	for h := range counts {
		s.idx = append(s.idx, h)
	}
	slices.Sort(s.idx)
	scale := math.Pow(float64(max(len(b), 1)), -power)
	for _, h := range s.idx {
		s.val = append(s.val, float64(counts[h])*scale)
	}
	return s
}

// Train fits the model to ex in the given order.
func Train(ex []Example, cfg Config) Model {
	buckets := make([][]uint32, len(ex))
	for i, e := range ex {
		buckets[i] = e.Buckets
	}
	xs, keep := vectoriseAll(buckets, cfg)
	n := float64(len(ex))
	w := make([]float64, cfg.Buckets)
	prev := make([]float64, cfg.Buckets)
	look := make([]float64, cfg.Buckets)
	grad := make([]float64, cfg.Buckets)
	var b, bPrev float64
	for it := 1; it <= cfg.Iterations; it++ {
		mom := float64(it-1) / float64(it+2)
		for h := range w {
			look[h] = w[h] + mom*(w[h]-prev[h])
			grad[h] = cfg.Lambda * look[h]
		}
		bLook := b + mom*(b-bPrev)
		gb := 0.0
		for i, x := range xs {
			z := bLook
			for k, h := range x.idx {
				z += look[h] * x.val[k]
			}
			y := 0.0
			if ex[i].Stated {
				y = 1
			}
			g := (sigmoid(z) - y) / n
			gb += g
			for k, h := range x.idx {
				grad[h] += g * x.val[k]
			}
		}
		copy(prev, w)
		bPrev = b
		for h := range w {
			if keep[h] {
				w[h] = look[h] - cfg.Rate*grad[h]
			}
		}
		b = bLook - cfg.Rate*gb
	}
	return Model{Bias: b, Weights: w, NormPower: cfg.NormPower}
}

// Prob is the model's probability that the text of x states a need.
func (m Model) Prob(x []uint32) float64 {
	s := vectorise(x, len(m.Weights), m.NormPower)
	z := m.Bias
	for k, h := range s.idx {
		z += m.Weights[h] * s.val[k]
	}
	return sigmoid(z)
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// ClassExample is one labelled text for a multi-class model: its hashed
// feature buckets (repeats count, as in Example) and the index of its
// class.
type ClassExample struct {
	Buckets []uint32
	Class   int
}

// SoftmaxModel is a trained multinomial logistic regression over K
// classes: P(c) = softmax_c(Bias[c] + sum of Weights[c][bucket]*value).
type SoftmaxModel struct {
	Bias      []float64
	Weights   [][]float64
	NormPower float64
}

// TrainSoftmax fits a K-class softmax regression to ex in the given
// order, with the same features, L2 penalty, document-frequency cut and
// full-batch Nesterov descent as Train. It is deterministic: buckets are
// visited in ascending order and examples in the given order.
func TrainSoftmax(ex []ClassExample, k int, cfg Config) SoftmaxModel {
	buckets := make([][]uint32, len(ex))
	for i, e := range ex {
		buckets[i] = e.Buckets
	}
	xs, keep := vectoriseAll(buckets, cfg)
	n := float64(len(ex))
	nb := cfg.Buckets
	// Weights are class-major in one slice: class c's bucket h is c*nb+h.
	w := make([]float64, k*nb)
	prev := make([]float64, k*nb)
	look := make([]float64, k*nb)
	grad := make([]float64, k*nb)
	b, bPrev, bLook, gb := make([]float64, k), make([]float64, k), make([]float64, k), make([]float64, k)
	z := make([]float64, k)
	for it := 1; it <= cfg.Iterations; it++ {
		mom := float64(it-1) / float64(it+2)
		for j := range w {
			look[j] = w[j] + mom*(w[j]-prev[j])
			grad[j] = cfg.Lambda * look[j]
		}
		for c := range b {
			bLook[c] = b[c] + mom*(b[c]-bPrev[c])
			gb[c] = 0
		}
		for i, x := range xs {
			for c := range k {
				z[c] = bLook[c]
				base := look[c*nb : (c+1)*nb]
				for j, h := range x.idx {
					z[c] += base[h] * x.val[j]
				}
			}
			softmax(z)
			for c := range k {
				y := 0.0
				if ex[i].Class == c {
					y = 1
				}
				g := (z[c] - y) / n
				gb[c] += g
				gr := grad[c*nb : (c+1)*nb]
				for j, h := range x.idx {
					gr[h] += g * x.val[j]
				}
			}
		}
		copy(prev, w)
		copy(bPrev, b)
		for c := range k {
			for h := range nb {
				if keep[h] {
					j := c*nb + h
					w[j] = look[j] - cfg.Rate*grad[j]
				}
			}
			b[c] = bLook[c] - cfg.Rate*gb[c]
		}
	}
	m := SoftmaxModel{Bias: b, Weights: make([][]float64, k), NormPower: cfg.NormPower}
	for c := range k {
		m.Weights[c] = w[c*nb : (c+1)*nb : (c+1)*nb]
	}
	return m
}

// Probs is the model's probability of each class for the text of x.
func (m SoftmaxModel) Probs(x []uint32) []float64 {
	s := vectorise(x, len(m.Weights[0]), m.NormPower)
	z := make([]float64, len(m.Bias))
	for c := range z {
		z[c] = m.Bias[c]
		for j, h := range s.idx {
			z[c] += m.Weights[c][h] * s.val[j]
		}
	}
	softmax(z)
	return z
}

// softmax turns the scores z into probabilities in place (shifted by the
// largest score so exp cannot overflow).
func softmax(z []float64) {
	hi := math.Inf(-1)
	for _, v := range z {
		hi = max(hi, v)
	}
	sum := 0.0
	for c, v := range z {
		z[c] = math.Exp(v - hi)
		sum += z[c]
	}
	for c := range z {
		z[c] /= sum
	}
}

// vectoriseAll vectorises every text's buckets and drops the buckets seen
// in fewer than cfg.MinDocFreq texts (keep marks the others): a feature
// of one text is that text's memory, not a pattern.
func vectoriseAll(buckets [][]uint32, cfg Config) (xs []sparse, keep []bool) {
	xs = make([]sparse, len(buckets))
	df := make([]int, cfg.Buckets)
	for i, b := range buckets {
		xs[i] = vectorise(b, cfg.Buckets, cfg.NormPower)
		for _, h := range xs[i].idx {
			df[h]++
		}
	}
	keep = make([]bool, cfg.Buckets)
	for h, n := range df {
		keep[h] = n >= cfg.MinDocFreq
	}
	for i := range xs {
		var s sparse
		for k, h := range xs[i].idx {
			if keep[h] {
				s.idx = append(s.idx, h)
				s.val = append(s.val, xs[i].val[k])
			}
		}
		xs[i] = s
	}
	return xs, keep
}
