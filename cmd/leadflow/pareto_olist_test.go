//go:build datasets

package main

import (
	"bytes"
	"context"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
)

// TestOlistPareto imports the real Olist marketing funnel (8,000 MQLs, 842
// won, 45 of them with a non-zero declared_monthly_revenue), scores every
// lead at arrival from its origin under the default rules, and prints the
// pareto table (`make eval` runs it with -v). The won-deal share of the top
// is checked against a figure computed straight from the CSVs.
func TestOlistPareto(t *testing.T) {
	dir := olistDir(t)
	dbURL := testenv.DatabaseURL(t)
	t.Setenv(config.EnvDatabaseURL, dbURL)
	ctx := context.Background()
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(ctx, olistImportArgs(dir, "olist"), &out, &errOut), errOut.String())
	require.Contains(t, out.String(), "imported 8000 historical leads (842 won")
	require.Contains(t, out.String(), "scored 8000 of them at arrival")
	out.Reset()
	require.Equal(t, 0, run(ctx, olistImportArgs(dir, "olist"), &out, &errOut), errOut.String())
	require.Contains(t, out.String(), "imported 0 historical leads")
	require.NotContains(t, out.String(), "scored", "re-importing adds nothing twice")

	// From the files: referrals, what they won, and the won deals that
	// declare a revenue.
	leads, won := olistRows(t, dir+"/olist_marketing_qualified_leads_dataset.csv"), olistRows(t, dir+"/olist_closed_deals_dataset.csv")
	originOf := map[string]string{}
	referrals := 0
	for _, r := range leads {
		originOf[r["mql_id"]] = r["origin"]
		if r["origin"] == "referral" {
			referrals++
		}
	}
	referralWon, withRevenue := 0, 0
	for _, r := range won {
		if originOf[r["mql_id"]] == "referral" {
			referralWon++
		}
		if v, err := strconv.ParseFloat(r["declared_monthly_revenue"], 64); err == nil && v > 0 {
			withRevenue++
		}
	}
	require.Equal(t, 45, withRevenue)

	// The origin is all the file says, and the default rules score only a
	// referral (10 points): two levels, referrals on top.
	pool, err := pgxpool.New(ctx, dbURL)
	require.NoError(t, err)
	defer pool.Close()
	var levels, bottom, topLeads int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(DISTINCT total), min(total), count(*) FILTER (WHERE total = (SELECT max(total) FROM scores)) FROM scores`).
		Scan(&levels, &bottom, &topLeads))
	require.Equal(t, 2, levels)
	require.Equal(t, referrals, topLeads)

	rows, table := paretoReport(t, ctx)
	t.Logf("leadflow report pareto on the Olist marketing funnel (%d referrals, %d of them won; %d won deals declare a revenue):\n%s",
		referrals, referralWon, withRevenue, table)
	require.Len(t, rows, 4, "every lead scored: no unscored row")
	require.Equal(t, 842.0, rows[3].Won)
	// Top 10 % = 800 leads: every referral, then the rest pro rata from
	// the tie below, whose won rate is that of all non-referrals.
	rest := 800.0 - float64(referrals)
	wantWon := float64(referralWon) + rest/float64(8000-referrals)*float64(842-referralWon)
	require.InDelta(t, wantWon, rows[0].Won, 1e-6)
	require.Equal(t, bottom, *rows[0].MinScore, "the top 10 % reaches into the tie below the referrals")
}
