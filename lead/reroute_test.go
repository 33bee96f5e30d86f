package lead

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDealOwnershipReroutable(t *testing.T) {
	t.Parallel()
	untouched := DealOwnership{OwnerRepID: 3, Team: "emea"}
	for _, tt := range []struct {
		name string
		deal DealOwnership
		want bool
	}{
		{"untouched open team deal of the rep", untouched, true},
		{"already reassigned", DealOwnership{OwnerRepID: 4, Team: "emea"}, false},
		{"touched", DealOwnership{OwnerRepID: 3, Team: "emea", FirstContacted: true}, false},
		{"closed", DealOwnership{OwnerRepID: 3, Team: "emea", Closed: true}, false},
		{"round-robin deal (no team)", DealOwnership{OwnerRepID: 3}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, tt.deal.Reroutable(3))
		})
	}
}
