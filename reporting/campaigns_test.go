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

// TestCampaignsPaybackAndPipeline checks payback days and pipeline per
// spend against hand computations, under each attribution model.
func TestCampaignsPaybackAndPipeline(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	spent := func(key string, d int, units int64) CampaignFact {
		return CampaignFact{Key: key, Name: key, At: day(d), Currency: "USD", Day: day(d), Spent: true, SpendMicros: units * 1_000_000}
	}
	won := func(key string, d int, first, last, linear float64) CampaignFact {
		return CampaignFact{Key: key, Name: key, At: day(d), Currency: "USD", Day: day(d), FirstCents: first, LastCents: last, LinearCents: linear}
	}
	facts := []CampaignFact{
		// pays: 100 on Mar 2 and 100 on Mar 5; 150 won Mar 4 (150 < 100? no:
		// 150 >= 100 at the end of Mar 4 → 2 days after Mar 2).
		{Key: "pays", Name: "pays", At: day(2), Leads: 2, Deals: 2, Won: 1},
		spent("pays", 2, 100), spent("pays", 5, 100), won("pays", 4, 15000, 0, 15000),
		// Pipeline: 400.00 expected, 2 deals → 400 / 200 spend = 2.
		{Key: "pays", Name: "pays", At: day(2), Currency: "USD", Day: day(2), Valued: true, PipelineCents: 40000},
		// never: 100 on Mar 1, 60 won on Mar 3 under linear: not yet.
		spent("never", 1, 100), won("never", 3, 6000, 6000, 6000),
		// early: 300 won Mar 1 (before any spend), 200 spent Mar 6: the
		// revenue already covers it at the end of Mar 6 → 0 days.
		won("early", 1, 30000, 30000, 30000), spent("early", 6, 200),
		// model: first touch credits 100 on Mar 2, last touch nothing; spend
		// 50 on Mar 1 → first: 1 day, last: not yet, linear (50 on Mar 10):
		// 9 days.
		spent("model", 1, 50), won("model", 2, 10000, 0, 0), won("model", 10, 0, 0, 5000),
	}
	i64 := func(v int64) *int64 { return &v }
	tests := []struct {
		name  string
		model string
		want  map[string]*int64
	}{
		{name: "linear", want: map[string]*int64{"pays": i64(2), "never": nil, "early": i64(0), "model": i64(9)}},
		{name: "first", model: "first", want: map[string]*int64{"pays": i64(2), "never": nil, "early": i64(0), "model": i64(1)}},
		{name: "last", model: "last", want: map[string]*int64{"pays": nil, "never": nil, "early": i64(0), "model": nil}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := CampaignsBy(append([]CampaignFact(nil), facts...), CampaignOptions{Model: tc.model})
			require.NoError(t, err)
			require.Len(t, rows, len(tc.want))
			for _, r := range rows {
				want, ok := tc.want[r.Campaign]
				require.True(t, ok, r.Campaign)
				require.Equal(t, want, r.PaybackDays, r.Campaign)
				if want == nil {
					require.Equal(t, NotYet, PaybackCell(r), r.Campaign)
				}
				if r.Campaign == "pays" {
					require.Equal(t, int64(40000), r.PipelineCents)
					require.NotNil(t, r.PipelinePerSpend)
					require.InDelta(t, 2.0, *r.PipelinePerSpend, 1e-12)
				} else {
					require.Zero(t, r.PipelineCents)
					require.NotNil(t, r.PipelinePerSpend, "spend without pipeline is 0, not empty")
					require.Zero(t, *r.PipelinePerSpend)
				}
			}
		})
	}
	t.Run("no spend, no payback and no ratio", func(t *testing.T) {
		rows, err := CampaignsBy([]CampaignFact{won("organic", 3, 100, 100, 100)}, CampaignOptions{})
		require.NoError(t, err)
		require.Len(t, rows, 1)
		require.Nil(t, rows[0].PaybackDays)
		require.Nil(t, rows[0].PipelinePerSpend)
		require.Equal(t, "", PaybackCell(rows[0]))
	})
	t.Run("converted pipeline", func(t *testing.T) {
		rows, err := CampaignsBy([]CampaignFact{{Key: "k", Name: "k", Currency: "EUR", Day: day(2), Valued: true, PipelineCents: 10001}},
			CampaignOptions{Currency: "USD", Rates: []Rate{{Currency: "EUR", Quote: "USD", Day: day(2), Rate: "1.5"}}})
		require.NoError(t, err)
		require.Equal(t, int64(15002), rows[0].PipelineCents, "100.01 EUR × 1.5 = 150.015 USD, rounded to the cent")
	})
}

// TestCampaignsByChannelAndSource checks that spend goes to its platform's
// channel and source (as the store maps them, migrations/00043), leads to
// their touch's, and that unmatched groups on either side are listed.
func TestCampaignsByChannelAndSource(t *testing.T) {
	d := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	facts := []CampaignFact{
		{Key: "a", Name: "A", At: d, Leads: 3, MQLs: 1, Channel: "social", Source: "meta-lead-ads"},
		{Key: "b", Name: "B", At: d, Leads: 1, Channel: "social", Source: "instagram-lead-ads"},
		{Key: "c", Name: "C", At: d, Leads: 2, Channel: "web", Source: "Webflow"},
		{Key: "d", Name: "D", At: d, Leads: 1},
		{Key: "a", Name: "A", At: d, Currency: "USD", Day: d, Spent: true, SpendMicros: 40_000_000, Platform: "meta", Channel: "social", Source: "meta-lead-ads"},
		{Key: "e", Name: "E", At: d, Currency: "USD", Day: d, Spent: true, SpendMicros: 20_000_000, Platform: "linkedin", Channel: "social", Source: "linkedin-lead-gen"},
		{Key: "f", Name: "F", At: d, Currency: "USD", Day: d, Spent: true, SpendMicros: 10_000_000, Platform: "bing", Channel: "other", Source: "bing"},
		{Key: "g", Name: "G", At: d, Currency: "USD", Day: d, Spent: true, SpendMicros: 5_000_000, Platform: "google-ads", Channel: "ads", Source: "google-ads"},
	}
	type row struct {
		group  string
		micros int64
		leads  int64
		status string
	}
	tests := []struct {
		by   string
		want []row
	}{
		// social: meta 40 + linkedin 20 = 60 for leads a, b (4).
		{by: "channel", want: []row{{"social", 60_000_000, 4, ""}, {"other", 10_000_000, 0, StatusNoLeads},
			{"ads", 5_000_000, 0, StatusNoLeads}, {"web", 0, 2, StatusNoSpend}, {NoCampaign, 0, 1, StatusNoSpend}}},
		{by: "source", want: []row{{"meta-lead-ads", 40_000_000, 3, ""}, {"linkedin-lead-gen", 20_000_000, 0, StatusNoLeads},
			{"bing", 10_000_000, 0, StatusNoLeads}, {"google-ads", 5_000_000, 0, StatusNoLeads},
			{"Webflow", 0, 2, StatusNoSpend}, {NoCampaign, 0, 1, StatusNoSpend}, {"instagram-lead-ads", 0, 1, StatusNoSpend}}},
	}
	for _, tc := range tests {
		t.Run(tc.by, func(t *testing.T) {
			rows, err := CampaignsBy(append([]CampaignFact(nil), facts...), CampaignOptions{By: tc.by})
			require.NoError(t, err)
			var got []row
			for _, r := range rows {
				got = append(got, row{r.Campaign, r.SpendMicros, r.Leads, r.Status})
			}
			require.Equal(t, tc.want, got)
		})
	}
	t.Run("unknown dimension", func(t *testing.T) {
		_, err := CampaignsBy(nil, CampaignOptions{By: "utm_source"})
		var re *Error
		require.ErrorAs(t, err, &re)
		require.Equal(t, "by", re.Field)
	})
}
