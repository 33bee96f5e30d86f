package pipeline

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestEstimateAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                  string
		budgetUSD             float64
		defaultCents, maxCent int64
		want                  int64
	}{
		{name: "stated budget wins over the default", budgetUSD: 25_000, defaultCents: 500_000, want: 2_500_000},
		{name: "no budget: the pipeline default", defaultCents: 500_000, want: 500_000},
		{name: "neither: no amount", want: 0},
		{name: "cents are rounded", budgetUSD: 9_990.004, want: 999_000},
		{name: "a budget past the bound is the bound", budgetUSD: 1e12, maxCent: 100_000_000, want: 100_000_000},
		{name: "a huge budget does not overflow", budgetUSD: 1e30, want: DefaultMaxAmountCents},
		{name: "infinity is ignored", budgetUSD: math.Inf(1), defaultCents: 100, want: 100},
		{name: "NaN is ignored", budgetUSD: math.NaN(), defaultCents: 100, want: 100},
		{name: "a negative default is none", defaultCents: -5, want: 0},
		{name: "a default past the bound is the bound", defaultCents: 500, maxCent: 200, want: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, EstimateAmount(tt.budgetUSD, tt.defaultCents, tt.maxCent))
		})
	}
}
