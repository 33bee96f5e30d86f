package deploy

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/httpapi"
	"leadflow/internal/testenv"
	"leadflow/reporting"
	"leadflow/store"
)

// paretoMoneyLeads are five leads of April 2026 for the pareto's currency
// test: four scored (90 won €500, 70 won $300, 50 won $100, 30 no deal)
// and one unscored (won €200). Each win closes on its own day.
var paretoMoneyLeads = []struct {
	score    int // -1: no score at arrival
	amount   int64
	currency string
	wonOn    time.Time
}{
	{90, 50000, "EUR", time.Date(2026, 4, 20, 15, 0, 0, 0, time.UTC)},
	{70, 30000, "USD", time.Date(2026, 4, 21, 15, 0, 0, 0, time.UTC)},
	{50, 10000, "USD", time.Date(2026, 4, 22, 15, 0, 0, 0, time.UTC)},
	{30, 0, "", time.Time{}},
	{-1, 20000, "EUR", time.Date(2026, 4, 23, 15, 0, 0, 0, time.UTC)},
}

func seedParetoMoney(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	for i, l := range paretoMoneyLeads {
		at := time.Date(2026, 4, 2+i, 10, 0, 0, 0, time.UTC)
		var contact, event int64
		require.NoError(t, pool.QueryRow(ctx, `INSERT INTO contacts DEFAULT VALUES RETURNING id`).Scan(&contact))
		require.NoError(t, pool.QueryRow(ctx, `INSERT INTO inbound_events (connector, source, event_id, payload) VALUES ('meta-conn', 'meta', $1, '{}') RETURNING id`,
			fmt.Sprintf("money-%d", i)).Scan(&event))
		_, err := pool.Exec(ctx, `INSERT INTO touchpoints (contact_id, inbound_event_id, source, channel, utm_campaign, occurred_at)
			VALUES ($1, $2, 'meta', 'paid_social', 'spring', $3)`, contact, event, at)
		require.NoError(t, err)
		if l.score >= 0 {
			_, err := pool.Exec(ctx, `INSERT INTO scores (contact_id, total, band, model_version, breakdown, computed_at) VALUES ($1, $2, 'warm', 'v1', '{}', $3)`,
				contact, l.score, at)
			require.NoError(t, err)
		}
		if l.currency != "" {
			_, err := pool.Exec(ctx, `
				INSERT INTO deals (contact_id, pipeline_id, stage_id, amount_cents, currency, created_at, closed_at)
				SELECT $1, p.id, st.id, $2, $3, $4, $5 FROM pipelines p JOIN stages st ON st.pipeline_id = p.id
				WHERE p.is_default AND st.name = 'Won'`, contact, l.amount, l.currency, at.Add(time.Hour), l.wonOn)
			require.NoError(t, err)
		}
	}
}

// paretoCell is a pareto row's figures as a hand computation writes them:
// revenue in currency units, -1 for an empty share, lift or score.
type paretoCell struct {
	top, currency       string
	leads, won, revenue float64
	leadShare, wonShare float64
	revenueShare, lift  float64
	wonLift             float64
	minScore            int
}

// roundShare rounds to 1e-9: the same figure, whatever the float order of
// the sums that made it.
func roundShare(v float64) float64 { return float64(int64(v*1e9+0.5)) / 1e9 }

func paretoCells(rows []reporting.ParetoRow) []paretoCell {
	opt := func(f *float64) float64 {
		if f == nil {
			return -1
		}
		return roundShare(*f)
	}
	out := make([]paretoCell, len(rows))
	for i, r := range rows {
		score := -1
		if r.MinScore != nil {
			score = *r.MinScore
		}
		out[i] = paretoCell{r.Top, r.Currency, opt(&r.Leads), opt(&r.Won), opt(&[]float64{r.RevenueCents / 100}[0]),
			opt(r.LeadShare), opt(r.WonShare), opt(r.RevenueShare), opt(r.Lift), opt(r.WonLift), score}
	}
	return out
}

// TestParetoPanelKeepsCurrenciesApart checks `leadflow report pareto` (the
// CLI's and the API's reporting.Run over the store), its JSON rows and the
// campaigns dashboard's pareto panel against a hand computation with a EUR
// and a USD win: never summed, one row per cut and currency; converted
// with --currency through the user's rates on each win's day; a missing
// rate names the pair and the day.
func TestParetoPanelKeepsCurrenciesApart(t *testing.T) {
	t.Parallel()
	panels, vars := loadCampaignsDashboard(t)
	var sql string
	for _, p := range panels {
		if strings.HasPrefix(p.Title, "Pareto") {
			sql = p.Targets[0].RawSQL
		}
	}
	require.NotEmpty(t, sql)
	raw, err := os.ReadFile(campaignsDashboard)
	require.NoError(t, err)
	var units struct {
		Panels []struct {
			Title       string          `json:"title"`
			FieldConfig json.RawMessage `json:"fieldConfig"`
		} `json:"panels"`
	}
	require.NoError(t, json.Unmarshal(raw, &units))
	for _, p := range units.Panels {
		if strings.HasPrefix(p.Title, "Pareto") {
			require.NotContains(t, string(p.FieldConfig), "currencyUSD", "the pareto's revenue is in several currencies: no USD unit")
		}
	}

	pool := testenv.Pool(t)
	seedParetoMoney(t, pool)
	ctx := context.Background()
	st := store.New(pool)
	from, to := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

	// By hand. 4 scored leads: the top 10 % is 0.4 of the lead at 90, the
	// top 20 % 0.8 of it, the top 50 % the leads at 90 and 70, all four;
	// 3 won among them (won share of the top 10 %: 0.4/3, its won lift
	// (0.4/3)/0.1). In EUR the scored revenue is €500, all from 90: the
	// top 10 % holds €200 (share 0.4, lift 4), the top 20 % €400, the top
	// 50 % all of it (lift 2). In USD it is $400: the top 10 % and 20 %
	// hold none, the top 50 % the $300 of 70 (share 0.75, lift 1.5). The
	// unscored lead won €200.
	r := roundShare
	third := r(0.4 / 3)
	thirdLift := r(0.4 / 3 / 0.1)
	want := []paretoCell{
		{"top 10%", "EUR", 0.4, 0.4, 200, 0.1, third, 0.4, 4, thirdLift, 90},
		{"top 20%", "EUR", 0.8, 0.8, 400, 0.2, r(0.8 / 3), 0.8, 4, thirdLift, 90},
		{"top 50%", "EUR", 2, 2, 500, 0.5, r(2.0 / 3), 1, 2, r(2.0 / 3 / 0.5), 70},
		{"all", "EUR", 4, 3, 500, 1, 1, 1, 1, 1, 30},
		{"top 10%", "USD", 0.4, 0.4, 0, 0.1, third, 0, 0, thirdLift, 90},
		{"top 20%", "USD", 0.8, 0.8, 0, 0.2, r(0.8 / 3), 0, 0, thirdLift, 90},
		{"top 50%", "USD", 2, 2, 300, 0.5, r(2.0 / 3), 0.75, 1.5, r(2.0 / 3 / 0.5), 70},
		{"all", "USD", 4, 3, 400, 1, 1, 1, 1, 1, 30},
		{"unscored", "EUR", 1, 1, 200, -1, -1, -1, -1, -1, -1},
	}

	res, err := reporting.Run(ctx, st, "pareto", reporting.Query{From: from, To: to})
	require.NoError(t, err)
	require.Equal(t, want, paretoCells(res.Pareto), "the report")
	rows, err := json.Marshal(httpapi.NewReportRows(res))
	require.NoError(t, err)
	require.Contains(t, string(rows), `{"top":"top 50%","currency":"USD","leads":2,`, "the API's and --format json rows carry the currency")

	for _, campaign := range []string{allSentinel, "spring"} {
		t.Run(fmt.Sprintf("panel/campaign=%q", strings.TrimPrefix(campaign, allSentinel)), func(t *testing.T) {
			got := paretoPanelRows(t, queryAsGrafana(t, pool, interpolateWindow(t, sql, vars, map[string]string{"campaign": campaign, "by": "source"},
				sqlString(from.Format(time.RFC3339)), sqlString(to.Format(time.RFC3339)))))
			for i := range got {
				got[i].RevenueCents *= 100 // the panel's Revenue is in currency units
			}
			require.Equal(t, want, paretoCells(got))
		})
	}

	// Converted to USD: €500 at 1.10 on its win's day is $550, the
	// unscored €200 at 1.20 on its own day $240. Scored revenue $950: the
	// top 10 % holds 0.4 × 550 = $220, the top 50 % 550 + 300 = $850.
	_, err = pool.Exec(ctx, `INSERT INTO currency_rates (currency, quote, day, rate) VALUES
		('EUR', 'USD', '2026-04-20', 1.10), ('EUR', 'USD', '2026-04-23', 1.20), ('EUR', 'USD', '2026-04-21', 9)`)
	require.NoError(t, err)
	res, err = reporting.Run(ctx, st, "pareto", reporting.Query{From: from, To: to, Currency: "USD"})
	require.NoError(t, err)
	require.Equal(t, []paretoCell{
		{"top 10%", "USD", 0.4, 0.4, 220, 0.1, third, r(220.0 / 950), r(220.0 / 950 / 0.1), thirdLift, 90},
		{"top 20%", "USD", 0.8, 0.8, 440, 0.2, r(0.8 / 3), r(440.0 / 950), r(440.0 / 950 / 0.2), thirdLift, 90},
		{"top 50%", "USD", 2, 2, 850, 0.5, r(2.0 / 3), r(850.0 / 950), r(850.0 / 950 / 0.5), r(2.0 / 3 / 0.5), 70},
		{"all", "USD", 4, 3, 950, 1, 1, 1, 1, 1, 30},
		{"unscored", "USD", 1, 1, 240, -1, -1, -1, -1, -1, -1},
	}, paretoCells(res.Pareto))

	// To EUR the USD win of 04-21 converts by the inverse of that day's
	// rate; the one of 04-22 has none, and the error says which.
	_, err = reporting.Run(ctx, st, "pareto", reporting.Query{From: from, To: to, Currency: "EUR"})
	var rateErr *reporting.RateError
	require.ErrorAs(t, err, &rateErr)
	require.Equal(t, reporting.RateError{Currency: "USD", Quote: "EUR", Day: time.Date(2026, 4, 22, 0, 0, 0, 0, time.UTC)}, *rateErr)
	require.Contains(t, err.Error(), "no exchange rate USD/EUR on 2026-04-22")
}
