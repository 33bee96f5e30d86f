package reporting

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

func score(n int) *int { return &n }

// paretoFigures is the comparable part of a row: leads, won, revenue and
// the shares, rounded so float sums compare.
func paretoFigures(r ParetoRow) []float64 {
	val := func(p *float64) float64 {
		if p == nil {
			return -1
		}
		return *p
	}
	out := []float64{r.Leads, r.Won, r.RevenueCents, val(r.LeadShare), val(r.WonShare), val(r.RevenueShare), val(r.Lift)}
	for i, v := range out {
		out[i] = float64(int64(v*1e6+0.5)) / 1e6
	}
	return out
}

func TestPareto(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		groups []ScoreGroup
		// want is per row: top, leads, won, revenue, lead share, won
		// share, revenue share, lift (-1 for nil), min score (-1 for nil).
		want  []ParetoRow
		notes []string
	}{
		{
			name: "a tied group at the cut is split pro rata",
			// 10 leads: one at 90 (won 100), four tied at 50 (two won, 400),
			// five at 10 (nothing). Top 20 % = 2 leads: the 90 and a quarter
			// of the tie.
			groups: []ScoreGroup{
				{Score: score(10), Leads: 5},
				{Score: score(50), Leads: 4, Won: 2, RevenueCents: 400},
				{Score: score(90), Leads: 1, Won: 1, RevenueCents: 100},
			},
			want: []ParetoRow{
				{Top: "top 10%", Leads: 1, Won: 1, RevenueCents: 100, LeadShare: ptr(0.1), WonShare: ptr(1.0 / 3), RevenueShare: ptr(0.2), Lift: ptr(2.0), MinScore: score(90)},
				{Top: "top 20%", Leads: 2, Won: 1.5, RevenueCents: 200, LeadShare: ptr(0.2), WonShare: ptr(0.5), RevenueShare: ptr(0.4), Lift: ptr(2.0), MinScore: score(50)},
				{Top: "top 50%", Leads: 5, Won: 3, RevenueCents: 500, LeadShare: ptr(0.5), WonShare: ptr(1.0), RevenueShare: ptr(1.0), Lift: ptr(2.0), MinScore: score(50)},
				{Top: "all", Leads: 10, Won: 3, RevenueCents: 500, LeadShare: ptr(1.0), WonShare: ptr(1.0), RevenueShare: ptr(1.0), Lift: ptr(1.0), MinScore: score(10)},
			},
			notes: []string{"Shares are of the 10 leads scored at arrival; ties at a cut-off score are split pro rata."},
		},
		{
			name: "unscored leads are counted apart, nothing won yet is said",
			groups: []ScoreGroup{
				{Score: nil, Leads: 3, Won: 0},
				{Score: score(70), Leads: 2},
			},
			want: []ParetoRow{
				{Top: "top 10%", Leads: 0.2, LeadShare: ptr(0.1), MinScore: score(70)},
				{Top: "top 20%", Leads: 0.4, LeadShare: ptr(0.2), MinScore: score(70)},
				{Top: "top 50%", Leads: 1, LeadShare: ptr(0.5), MinScore: score(70)},
				{Top: "all", Leads: 2, LeadShare: ptr(1.0), MinScore: score(70)},
				{Top: "unscored", Leads: 3},
			},
			notes: []string{
				"Shares are of the 2 leads scored at arrival; ties at a cut-off score are split pro rata.",
				"No won deals yet among these leads: the won and revenue shares stay empty until a deal is won.",
				"3 leads had no score at arrival (the unscored row) and are not ranked.",
			},
		},
		{
			name:  "no leads",
			want:  []ParetoRow{{Top: "top 10%"}, {Top: "top 20%"}, {Top: "top 50%"}, {Top: "all"}},
			notes: []string{"No scored leads in this window: nothing to rank."},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Pareto(tc.groups)
			require.Len(t, got, len(tc.want))
			for i := range got {
				require.Equal(t, tc.want[i].Top, got[i].Top)
				require.Equal(t, paretoFigures(tc.want[i]), paretoFigures(got[i]), tc.want[i].Top)
				require.Equal(t, tc.want[i].MinScore, got[i].MinScore, tc.want[i].Top)
			}
			require.Equal(t, tc.notes, ParetoNotes(got))
		})
	}
}

// TestParetoIgnoresRowOrder: the same groups in any order give the same
// rows, so ties never depend on how the database returned them.
func TestParetoIgnoresRowOrder(t *testing.T) {
	t.Parallel()
	groups := []ScoreGroup{
		{Score: score(80), Leads: 3, Won: 2, RevenueCents: 700},
		{Score: score(60), Leads: 7, Won: 1, RevenueCents: 50},
		{Score: score(60), Leads: 2, Won: 1, RevenueCents: 10},
		{Score: nil, Leads: 4, Won: 1, RevenueCents: 5},
		{Score: score(20), Leads: 11},
	}
	want := Pareto(groups)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		rng.Shuffle(len(groups), func(i, j int) { groups[i], groups[j] = groups[j], groups[i] })
		got := Pareto(groups)
		for i := range want {
			require.Equal(t, paretoFigures(want[i]), paretoFigures(got[i]))
		}
	}
}

func TestParetoTablePrintsNotes(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	require.NoError(t, Write(&out, "table", Result{Name: "pareto", Pareto: Pareto([]ScoreGroup{{Score: score(5), Leads: 1}})}))
	require.Contains(t, out.String(), "No won deals yet")
	out.Reset()
	require.NoError(t, Write(&out, "csv", Result{Name: "pareto", Pareto: Pareto(nil)}))
	require.NotContains(t, out.String(), "No scored leads", "CSV stays machine-readable")
}
