package reporting

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestCampaigns(t *testing.T) {
	d1 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	d2 := d1.AddDate(0, 0, 1)
	f := func(v float64) *float64 { return &v }
	// Spring is written two ways; the name seen first is kept. It spends in
	// USD and EUR and wins in EUR; Organic has leads and no spend.
	facts := []CampaignFact{
		{Key: "spring", Name: "spring", At: d2, Leads: 10, MQLs: 5, Deals: 2, Won: 1},
		{Key: "spring", Name: "Spring", At: d1, Currency: "USD", Day: d1, Spent: true, SpendMicros: 100_000_000},
		{Key: "spring", Name: "Spring", At: d1, Currency: "EUR", Day: d2, Spent: true, SpendMicros: 50_000_000},
		{Key: "spring", Name: "spring", At: d2, Currency: "EUR", Day: d2, FirstCents: 30000, LastCents: 0, LinearCents: 15000},
		{Key: "(none)", Name: "(none)", At: d2, Leads: 3},
	}
	rates := []Rate{{Currency: "EUR", Quote: "USD", Day: d2, Rate: "1.2"}, {Currency: "USD", Quote: "EUR", Day: d1, Rate: "0.5"}}
	tests := []struct {
		name    string
		target  string
		rates   []Rate
		want    []CampaignRow
		wantErr string
	}{
		{name: "per currency", want: []CampaignRow{
			{Campaign: "Spring", Currency: "EUR", SpendMicros: 50_000_000, Leads: 10, MQLs: 5, Deals: 2, Won: 1,
				CostPerLead: f(5), CostPerMQL: f(10), CostPerDeal: f(25), CostPerWon: f(50),
				RevenueFirstCents: 30000, RevenueLinearCents: 15000, ROASFirst: f(6), ROASLast: f(0), ROASLinear: f(3)},
			{Campaign: "Spring", Currency: "USD", SpendMicros: 100_000_000, Leads: 10, MQLs: 5, Deals: 2, Won: 1,
				CostPerLead: f(10), CostPerMQL: f(20), CostPerDeal: f(50), CostPerWon: f(100), ROASFirst: f(0), ROASLast: f(0), ROASLinear: f(0)},
			{Campaign: "(none)", Leads: 3, Status: StatusNoSpend},
		}},
		{name: "converted to USD, inverse rate for USD itself", target: "USD", rates: rates, want: []CampaignRow{
			// 100 USD + 50 EUR * 1.2 = 160 USD; 300 EUR * 1.2 = 360 USD.
			{Campaign: "Spring", Currency: "USD", SpendMicros: 160_000_000, Leads: 10, MQLs: 5, Deals: 2, Won: 1,
				CostPerLead: f(16), CostPerMQL: f(32), CostPerDeal: f(80), CostPerWon: f(160),
				RevenueFirstCents: 36000, RevenueLinearCents: 18000, ROASFirst: f(2.25), ROASLast: f(0), ROASLinear: f(1.125)},
			{Campaign: "(none)", Leads: 3, Status: StatusNoSpend},
		}},
		{name: "a missing rate is an error, never a mix", target: "EUR", rates: rates[:1],
			wantErr: "no exchange rate USD/EUR on 2026-03-01"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Campaigns(append([]CampaignFact(nil), facts...), tc.target, tc.rates)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Len(t, got, len(tc.want))
			for i := range tc.want {
				require.Equal(t, tc.want[i].Campaign, got[i].Campaign)
				require.Equal(t, tc.want[i].Currency, got[i].Currency)
				require.Equal(t, tc.want[i].SpendMicros, got[i].SpendMicros)
				require.Equal(t, tc.want[i].Status, got[i].Status)
				require.InDelta(t, tc.want[i].RevenueFirstCents, got[i].RevenueFirstCents, 1e-6)
				require.InDelta(t, tc.want[i].RevenueLinearCents, got[i].RevenueLinearCents, 1e-6)
				for j, p := range [][2]*float64{{tc.want[i].CostPerLead, got[i].CostPerLead}, {tc.want[i].CostPerMQL, got[i].CostPerMQL},
					{tc.want[i].CostPerDeal, got[i].CostPerDeal}, {tc.want[i].CostPerWon, got[i].CostPerWon},
					{tc.want[i].ROASFirst, got[i].ROASFirst}, {tc.want[i].ROASLast, got[i].ROASLast}, {tc.want[i].ROASLinear, got[i].ROASLinear}} {
					if p[0] == nil {
						require.Nil(t, p[1], "row %d figure %d", i, j)
						continue
					}
					require.NotNil(t, p[1], "row %d figure %d", i, j)
					require.InDelta(t, *p[0], *p[1], 1e-9, "row %d figure %d", i, j)
				}
			}
		})
	}
}

func TestSpendDays(t *testing.T) {
	sp := time.FixedZone("UTC-3", -3*3600)
	tokyo := time.FixedZone("UTC+9", 9*3600)
	utc := func(d int) time.Time { return time.Date(2026, 10, d, 0, 0, 0, 0, time.UTC) }
	nov1 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name           string
		from, to       time.Time
		wantFrom, want time.Time
	}{
		{name: "October in UTC", from: utc(1), to: nov1, wantFrom: utc(1), want: nov1},
		{name: "October in UTC-3", from: time.Date(2026, 10, 1, 0, 0, 0, 0, sp), to: time.Date(2026, 11, 1, 0, 0, 0, 0, sp), wantFrom: utc(1), want: nov1},
		{name: "October in UTC+9", from: time.Date(2026, 10, 1, 0, 0, 0, 0, tokyo), to: time.Date(2026, 11, 1, 0, 0, 0, 0, tokyo), wantFrom: utc(1), want: nov1},
		{name: "a window starting after noon skips that day", from: utc(1).Add(13 * time.Hour), to: utc(3), wantFrom: utc(2), want: utc(3)},
		{name: "unbounded"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			from, to := SpendDays(tc.from, tc.to)
			require.Equal(t, tc.wantFrom, from)
			require.Equal(t, tc.want, to)
		})
	}
}
