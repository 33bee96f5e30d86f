package learn

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// ThresholdGoal says what a hot threshold should achieve. Set exactly one
// of Precision or CapacityPerWeek.
type ThresholdGoal struct {
	// Precision is the target share of hot leads that win, in (0, 1]. The
	// suggestion is the lowest threshold reaching it, so reps get as many
	// of the winnable leads as the precision allows.
	Precision float64 `json:"precision,omitempty"`
	// CapacityPerWeek is how many hot leads the reps can work in a week,
	// and LeadsPerWeek how many leads arrive in one; the suggestion marks
	// the best-scored CapacityPerWeek/LeadsPerWeek share as hot.
	CapacityPerWeek float64 `json:"capacity_per_week,omitempty"`
	LeadsPerWeek    float64 `json:"leads_per_week,omitempty"`
}

// ThresholdSuggestion is a proposed hot threshold and what it would have
// meant on the held-out leads it was computed from.
type ThresholdSuggestion struct {
	// Threshold is the probability at or above which a lead is hot.
	Threshold float64 `json:"threshold"`
	// Precision is the won share among the hot leads.
	Precision float64 `json:"precision"`
	// Recall is the share of all won leads that were hot.
	Recall float64 `json:"recall"`
	// HotFraction is the share of leads that were hot.
	HotFraction float64 `json:"hot_fraction"`
	// HotPerWeek is HotFraction × LeadsPerWeek (0 when the volume is not
	// known).
	HotPerWeek float64 `json:"hot_per_week,omitempty"`
	// Hot and N count the hot leads and all leads evaluated.
	Hot int `json:"hot"`
	N   int `json:"n"`
	// Achieved is false when no threshold backed by at least
	// minThresholdSupport hot leads reached the target precision; the
	// suggestion is then the most precise such threshold.
	Achieved bool `json:"achieved"`
}

// minThresholdSupport is the fewest hot leads a precision-based threshold
// may rest on: a precision measured on three leads is noise.
const minThresholdSupport = 20

// SuggestThreshold computes m's probabilities on d (held-out leads with
// known outcomes) and proposes a hot threshold meeting goal.
func SuggestThreshold(m *Model, d *Dataset, goal ThresholdGoal) (ThresholdSuggestion, error) {
	return SuggestThresholdFromScores(m.Probabilities(d), d.Labels, goal)
}

// SuggestThresholdFromScores is SuggestThreshold for probabilities
// computed elsewhere.
func SuggestThresholdFromScores(p []float64, y []bool, goal ThresholdGoal) (ThresholdSuggestion, error) {
	byPrecision := goal.Precision != 0
	byCapacity := goal.CapacityPerWeek != 0 || goal.LeadsPerWeek != 0
	switch {
	case byPrecision == byCapacity:
		return ThresholdSuggestion{}, errors.New("suggest threshold: set exactly one of target precision or capacity")
	case len(p) == 0 || len(p) != len(y):
		return ThresholdSuggestion{}, fmt.Errorf("suggest threshold: %d scores for %d outcomes", len(p), len(y))
	case byPrecision && (goal.Precision <= 0 || goal.Precision > 1):
		return ThresholdSuggestion{}, fmt.Errorf("suggest threshold: precision %v not in (0, 1]", goal.Precision)
	case byCapacity && (goal.CapacityPerWeek <= 0 || goal.LeadsPerWeek <= 0):
		return ThresholdSuggestion{}, fmt.Errorf("suggest threshold: capacity %v and lead volume %v per week must both be positive", goal.CapacityPerWeek, goal.LeadsPerWeek)
	}
	n := len(p)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return p[order[a]] > p[order[b]] })
	totalPos := 0
	for _, v := range y {
		if v {
			totalPos++
		}
	}
	// cum[k] = won leads among the k best-scored.
	cum := make([]int, n+1)
	for k, i := range order {
		cum[k+1] = cum[k]
		if y[i] {
			cum[k+1]++
		}
	}
	// A threshold can only fall between different scores: every lead
	// tied with the last hot one is hot too.
	cutOK := func(k int) bool { return k == n || p[order[k-1]] > p[order[k]] }
	at := func(k int, achieved bool) ThresholdSuggestion {
		s := ThresholdSuggestion{Threshold: p[order[k-1]], Hot: k, N: n, Achieved: achieved}
		s.Precision = float64(cum[k]) / float64(k)
		if totalPos > 0 {
			s.Recall = float64(cum[k]) / float64(totalPos)
		}
		s.HotFraction = float64(k) / float64(n)
		s.HotPerWeek = s.HotFraction * goal.LeadsPerWeek
		return s
	}

	if byCapacity {
		share := math.Min(goal.CapacityPerWeek/goal.LeadsPerWeek, 1)
		k := int(math.Floor(share * float64(n)))
		for k > 0 && !cutOK(k) {
			k-- // never promise more hot leads than the capacity
		}
		if k == 0 {
			// Capacity below one test lead (or one tie group): only leads
			// scoring above everything seen are hot.
			return ThresholdSuggestion{Threshold: math.Nextafter(p[order[0]], math.Inf(1)), N: n, Achieved: true}, nil
		}
		return at(k, true), nil
	}

	support := min(minThresholdSupport, n)
	bestK, bestPrec := -1, -1.0
	for k := n; k >= support; k-- {
		if !cutOK(k) {
			continue
		}
		prec := float64(cum[k]) / float64(k)
		if prec >= goal.Precision {
			return at(k, true), nil // largest k first: the most recall
		}
		if prec > bestPrec {
			bestK, bestPrec = k, prec
		}
	}
	if bestK < 0 {
		bestK = n
	}
	return at(bestK, false), nil
}

// Promotion is the champion/challenger decision for a retrained model.
type Promotion struct {
	// Promote is true when the candidate should replace the current model.
	Promote bool `json:"promote"`
	// Reason explains the decision in one line.
	Reason string `json:"reason"`
	// Current and Candidate are both models' reports on the same holdout.
	Current   Report `json:"current"`
	Candidate Report `json:"candidate"`
}

// ComparePromotion evaluates the serving model and a retrained candidate
// on the same held-out leads (which neither should have trained on). The
// candidate replaces the current model only if it is at least as good on
// both AUC (the ranking reps work through) and log loss (the
// probabilities thresholds rely on): a model that ranks better but is
// miscalibrated would silently change how many leads are hot. With no
// current model the candidate is promoted.
func ComparePromotion(current, candidate *Model, holdout *Dataset) Promotion {
	pr := Promotion{Candidate: Evaluate(candidate, holdout)}
	if current == nil {
		pr.Promote, pr.Reason = true, "no current model"
		return pr
	}
	pr.Current = Evaluate(current, holdout)
	c, n := pr.Current, pr.Candidate
	switch {
	case n.AUC < c.AUC:
		pr.Reason = fmt.Sprintf("candidate AUC %.4f below current %.4f", n.AUC, c.AUC)
	case n.LogLoss > c.LogLoss:
		pr.Reason = fmt.Sprintf("candidate log loss %.4f above current %.4f", n.LogLoss, c.LogLoss)
	default:
		pr.Promote = true
		pr.Reason = fmt.Sprintf("candidate AUC %.4f >= %.4f and log loss %.4f <= %.4f", n.AUC, c.AUC, n.LogLoss, c.LogLoss)
	}
	return pr
}
