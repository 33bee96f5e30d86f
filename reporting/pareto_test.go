package reporting

import (
	"bytes"
	"context"
	"math/rand/v2"
	"testing"
	"time"

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
				{Score: score(50), Leads: 4, Won: 2, Revenue: usd(400)},
				{Score: score(90), Leads: 1, Won: 1, Revenue: usd(100)},
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
		{Score: score(80), Leads: 3, Won: 2, Revenue: usd(700)},
		{Score: score(60), Leads: 7, Won: 1, Revenue: usd(50)},
		{Score: score(60), Leads: 2, Won: 1, Revenue: usd(10)},
		{Score: nil, Leads: 4, Won: 1, Revenue: usd(5)},
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

// usd is won revenue in dollars, on no particular day.
func usd(cents int64) []Amount { return []Amount{{Currency: "USD", Cents: float64(cents)}} }

// paretoRates is a fakeSource whose score groups hold a EUR and a USD win
// and whose rates are the user's.
type paretoRates struct {
	fakeSource
	rates []Rate
}

var (
	paretoDay1 = time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)
	paretoDay2 = time.Date(2026, 5, 6, 0, 0, 0, 0, time.UTC)
)

func (p *paretoRates) ArrivalScores(context.Context, time.Time, time.Time) ([]ScoreGroup, error) {
	return []ScoreGroup{
		// 90: won €500 on day 1; 50: won $300 on day 2; 10: nothing won.
		{Score: score(90), Leads: 1, Won: 1, Revenue: []Amount{{Currency: "EUR", Day: paretoDay1, Cents: 50000}}},
		{Score: score(50), Leads: 1, Won: 1, Revenue: []Amount{{Currency: "USD", Day: paretoDay2, Cents: 30000}}},
		{Score: score(10), Leads: 3},
	}, nil
}

func (p *paretoRates) RatesFor(context.Context, string) ([]Rate, error) { return p.rates, nil }

// TestParetoKeepsCurrenciesApart: a EUR and a USD win are never added. By
// hand, 5 scored leads: the top 20 % is the lead at 90 alone (1 lead, its
// €500 win), the top 50 % is 2.5 leads: 90, 50 and half a lead at 10.
// Per currency each cut has its own row with the same counts: in EUR the
// top 20 % holds all of the €500 (share 1, lift 1/0.2 = 5), in USD none of
// the $300 (share 0). Converted to USD at 1.10 on day 1, €500 is $550:
// the top 20 % holds 550/850 of the revenue. A missing rate names the pair
// and the day.
func TestParetoKeepsCurrenciesApart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	res, err := Run(ctx, &paretoRates{}, "pareto", Query{})
	require.NoError(t, err)
	type cell struct {
		top, currency string
		leads, won    float64
		revenue       float64
		share, lift   float64
	}
	var got []cell
	for _, r := range res.Pareto {
		c := cell{top: r.Top, currency: r.Currency, leads: r.Leads, won: r.Won, revenue: r.RevenueCents}
		if r.RevenueShare != nil {
			c.share, c.lift = *r.RevenueShare, *r.Lift
		}
		got = append(got, c)
	}
	require.Equal(t, []cell{
		{"top 10%", "EUR", 0.5, 0.5, 25000, 0.5, 5},
		{"top 20%", "EUR", 1, 1, 50000, 1, 5},
		{"top 50%", "EUR", 2.5, 2, 50000, 1, 2},
		{"all", "EUR", 5, 2, 50000, 1, 1},
		{"top 10%", "USD", 0.5, 0.5, 0, 0, 0},
		{"top 20%", "USD", 1, 1, 0, 0, 0},
		{"top 50%", "USD", 2.5, 2, 30000, 1, 2},
		{"all", "USD", 5, 2, 30000, 1, 1},
	}, got)
	require.Contains(t, ParetoNotes(res.Pareto), "Revenue is shown per currency, never added across currencies: each currency's rows repeat the leads "+
		"and won deals, and its revenue share is of the revenue in that currency (--currency converts through your exchange rates).")

	src := &paretoRates{rates: []Rate{{Currency: "EUR", Quote: "USD", Day: paretoDay1, Rate: "1.10"}}}
	res, err = Run(ctx, src, "pareto", Query{Currency: "USD"})
	require.NoError(t, err)
	require.Len(t, res.Pareto, 4, "one currency: one row per cut")
	top20 := res.Pareto[1]
	require.Equal(t, "USD", top20.Currency)
	require.InDelta(t, 55000, top20.RevenueCents, 1e-6)
	require.InDelta(t, 55000.0/85000, *top20.RevenueShare, 1e-12)
	require.InDelta(t, 85000, res.Pareto[3].RevenueCents, 1e-6)

	// To EUR, the rate inverts for the EUR win; the USD win of day 2 has none.
	_, err = Run(ctx, src, "pareto", Query{Currency: "EUR"})
	var rateErr *RateError
	require.ErrorAs(t, err, &rateErr)
	require.Equal(t, RateError{Currency: "USD", Quote: "EUR", Day: paretoDay2}, *rateErr)
	require.Contains(t, err.Error(), "no exchange rate USD/EUR on 2026-05-06")
}
