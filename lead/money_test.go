package lead

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDollars(t *testing.T) {
	for cents, want := range map[int64]string{0: "$0", 99: "$1", 1250000: "$12,500", 100000000: "$1,000,000", -300: "-$3"} {
		require.Equal(t, want, Dollars(cents), "%d cents", cents)
	}
}
