package webapp

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTotalPipelineValue(t *testing.T) {
	t.Parallel()
	rows := []PipelineValueRow{
		{Pipeline: "Sales", Stage: "Qualification", OwnerRepID: 1, OwnerName: "Ann", Deals: 2, AmountCents: 300, EstimatedCents: 300, ExpectedCents: 60},
		{Pipeline: "Sales", Stage: "Qualification", OwnerRepID: 0, Deals: 1, AmountCents: 100, ExpectedCents: 20},
		{Pipeline: "Sales", Stage: "Negotiation", OwnerRepID: 2, OwnerName: "Bob", Deals: 1, AmountCents: 1000, ExpectedCents: 800},
		{Pipeline: "Sales", Stage: "Negotiation", OwnerRepID: 1, OwnerName: "Ann", Deals: 1, AmountCents: math.MaxInt64, ExpectedCents: math.MaxInt64},
	}
	v := totalPipelineValue(rows)
	require.Equal(t, []valueTotal{
		{Pipeline: "Sales", Name: "Qualification", Deals: 3, AmountCents: 400, EstimatedCents: 300, ExpectedCents: 80},
		{Pipeline: "Sales", Name: "Negotiation", Deals: 2, AmountCents: math.MaxInt64, ExpectedCents: math.MaxInt64},
	}, v.Stages, "stages in the store's order; sums saturate")
	require.Equal(t, []valueTotal{
		{RepID: 1, Name: "Ann", Deals: 3, AmountCents: math.MaxInt64, EstimatedCents: 300, ExpectedCents: math.MaxInt64},
		{RepID: 2, Name: "Bob", Deals: 1, AmountCents: 1000, ExpectedCents: 800},
		{RepID: 0, Name: "", Deals: 1, AmountCents: 100, ExpectedCents: 20},
	}, v.Reps, "reps by expected value; unassigned is a row")
	require.Empty(t, totalPipelineValue(nil).Stages)
}
