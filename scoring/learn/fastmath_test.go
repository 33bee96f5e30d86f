package learn

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFastExpMatchesExp(t *testing.T) {
	for x := -700.0; x <= 700; x += 0.37 {
		want := math.Exp(x)
		got := fastExp(x)
		require.InDelta(t, 1, got/want, 1e-8, "x=%v", x)
	}
	require.InDelta(t, sigmoid(3), fastSigmoid(3), 1e-9)
	require.InDelta(t, sigmoid(-3), fastSigmoid(-3), 1e-9)
	require.Equal(t, 1.0, fastSigmoid(800))
	require.InDelta(t, 0.0, fastSigmoid(-800), 1e-300)
}
