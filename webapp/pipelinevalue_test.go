package webapp

import (
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTotalPipelineValue(t *testing.T) {
	t.Parallel()
	rows := []PipelineValueRow{
		{Pipeline: "Sales", Stage: "Qualification", OwnerRepID: 1, OwnerName: "Ann", Currency: "USD", Deals: 2, AmountCents: 300, EstimatedCents: 300, ExpectedCents: 60},
		{Pipeline: "Sales", Stage: "Qualification", OwnerRepID: 0, Currency: "USD", Deals: 1, AmountCents: 100, ExpectedCents: 20},
		{Pipeline: "Sales", Stage: "Negotiation", OwnerRepID: 2, OwnerName: "Bob", Currency: "USD", Deals: 1, AmountCents: 1000, ExpectedCents: 800},
		{Pipeline: "Sales", Stage: "Negotiation", OwnerRepID: 1, OwnerName: "Ann", Currency: "USD", Deals: 1, AmountCents: math.MaxInt64, ExpectedCents: math.MaxInt64},
	}
	v := totalPipelineValue(rows)
	usd := func(deals, amount, estimated, expected int64) []currencyTotal {
		return []currencyTotal{{Currency: "USD", Deals: deals, AmountCents: amount, EstimatedCents: estimated, ExpectedCents: expected}}
	}
	require.Equal(t, []valueTotal{
		{Pipeline: "Sales", Name: "Qualification", Deals: 3, Values: usd(3, 400, 300, 80)},
		{Pipeline: "Sales", Name: "Negotiation", Deals: 2, Values: usd(2, math.MaxInt64, 0, math.MaxInt64)},
	}, v.Stages, "stages in the store's order; sums saturate")
	require.Equal(t, []valueTotal{
		{RepID: 1, Name: "Ann", Deals: 3, Values: usd(3, math.MaxInt64, 300, math.MaxInt64)},
		{RepID: 2, Name: "Bob", Deals: 1, Values: usd(1, 1000, 0, 800)},
		{RepID: 0, Name: "", Deals: 1, Values: usd(1, 100, 0, 20)},
	}, v.Reps, "reps by expected value; unassigned is a row")
	require.Equal(t, "USD", v.Main)
	require.Empty(t, totalPipelineValue(nil).Stages)
}

// TestPipelineValueNeverSumsCurrencies: a EUR deal beside USD deals in a
// stage and a rep's pipeline stays its own amount; reps are ordered by
// their value in the currency most deals are in, not by EUR + USD cents.
func TestPipelineValueNeverSumsCurrencies(t *testing.T) {
	t.Parallel()
	rows := []PipelineValueRow{
		{Pipeline: "Sales", Stage: "Qualification", OwnerRepID: 1, OwnerName: "Ann", Currency: "EUR", Deals: 1, AmountCents: 9_000_000, ExpectedCents: 1_800_000},
		{Pipeline: "Sales", Stage: "Qualification", OwnerRepID: 1, OwnerName: "Ann", Currency: "USD", Deals: 1, AmountCents: 100_000, ExpectedCents: 20_000},
		{Pipeline: "Sales", Stage: "Qualification", OwnerRepID: 2, OwnerName: "Bob", Currency: "USD", Deals: 2, AmountCents: 500_000, EstimatedCents: 500_000, ExpectedCents: 100_000},
		{Pipeline: "Sales", Stage: "Qualification", OwnerRepID: 3, OwnerName: "Cy", Currency: "CHF", Deals: 1, AmountCents: 300_000, ExpectedCents: 60_000},
	}
	v := totalPipelineValue(rows)
	require.Equal(t, "USD", v.Main, "most deals are in USD")
	require.Equal(t, []valueTotal{{Pipeline: "Sales", Name: "Qualification", Deals: 5, Values: []currencyTotal{
		{Currency: "USD", Deals: 3, AmountCents: 600_000, EstimatedCents: 500_000, ExpectedCents: 120_000},
		{Currency: "CHF", Deals: 1, AmountCents: 300_000, ExpectedCents: 60_000},
		{Currency: "EUR", Deals: 1, AmountCents: 9_000_000, ExpectedCents: 1_800_000},
	}}}, v.Stages)
	var order []string
	for _, r := range v.Reps {
		order = append(order, r.Name)
	}
	require.Equal(t, []string{"Bob", "Ann", "Cy"}, order, "by USD expected value: Ann's EUR does not count as dollars")
	require.Len(t, v.Reps[1].Values, 2)

	// The manager page shows each currency in its own unit.
	f := &fakeBackend{session: Session{Rep: Rep{ID: 9, Name: "Mona", Manager: true, Active: true}, CSRFToken: "tok"}, values: rows}
	a, err := New(Config{Backend: f})
	require.NoError(t, err)
	req := httptest.NewRequest(http.MethodGet, "/app/manager", nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: "sess"})
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	page := rec.Body.String()
	stage := page[strings.Index(page, "<caption>By stage</caption>"):strings.Index(page, "<caption>By rep</caption>")]
	require.Contains(t, stage, "$6,000<br>3,000\u00a0CHF<br>€90,000", "amounts per currency")
	require.Contains(t, stage, "$1,200<br>600\u00a0CHF<br>€18,000", "expected values per currency")
	require.NotContains(t, page, "$99,000", "EUR and USD amounts are never added")
}

func TestMoney(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		cents    int64
		currency string
		want     string
	}{
		{1_250_000, "", "$12,500"},
		{1_250_000, "USD", "$12,500"},
		{300_000, "EUR", "€3,000"},
		{-300_000, "GBP", "-£3,000"},
		{1_250_000, "CHF", "12,500\u00a0CHF"},
	} {
		require.Equal(t, tt.want, money(tt.cents, tt.currency))
	}
	require.Equal(t, "$5,000 · €800", moneyList([]CurrencyValue{{Currency: "USD", ExpectedCents: 500_000}, {Currency: "EUR", ExpectedCents: 80_000}}))
	require.Equal(t, "$0", moneyList(nil))
}
