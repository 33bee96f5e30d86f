package pipeline

import "math"

// EstimateAmount is the amount, in cents, a deal opens with before any rep
// has priced it: what the lead said they can spend (budgetUSD, the least a
// year in approximate USD, as scoring reads it: scoring.Stated.BudgetUSD),
// else the pipeline's configured default (defaultCents,
// routing.default_amount_cents), else 0 (no amount). The result never
// exceeds maxCents (0: DefaultMaxAmountCents), the bound the rules apply to
// a rep's amount, so an estimate can always be saved and then edited.
//
// The estimate is what makes "closest to closing" mean something from the
// first minute: every list orders by expected value (amount × the stage's
// win probability, deal_expected_cents in SQL), and a $0 deal sorts last
// whatever it is worth.
func EstimateAmount(budgetUSD float64, defaultCents, maxCents int64) int64 {
	if maxCents <= 0 || maxCents > HardMaxAmountCents {
		maxCents = DefaultMaxAmountCents
	}
	cents := defaultCents
	if budgetUSD > 0 && !math.IsInf(budgetUSD, 0) {
		// Compared as floats first: a budget past the bound would
		// overflow the int64 conversion.
		if c := math.Round(budgetUSD * 100); c < float64(maxCents) {
			cents = int64(c)
		} else {
			cents = maxCents
		}
	}
	return min(max(cents, 0), maxCents)
}
