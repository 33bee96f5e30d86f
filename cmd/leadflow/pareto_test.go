package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
)

// paretoRow is one row of `leadflow report pareto --format json`.
type paretoRow struct {
	Top          string   `json:"top"`
	Leads        float64  `json:"leads"`
	LeadShare    *float64 `json:"lead_share"`
	Won          float64  `json:"won"`
	WonShare     *float64 `json:"won_share"`
	RevenueCents float64  `json:"revenue_cents"`
	RevenueShare *float64 `json:"revenue_share"`
	Lift         *float64 `json:"lift"`
	WonLift      *float64 `json:"won_lift"`
	MinScore     *int     `json:"min_score"`
}

// olistImportArgs is `leadflow import --history` as docs/reports.md gives
// it for the Olist files in dir.
func olistImportArgs(dir, dataset string) []string {
	return []string{"import", "--history", filepath.Join(dir, "olist_marketing_qualified_leads_dataset.csv"),
		"--id", "mql_id", "--source-col", "origin", "--at-col", "first_contact_date",
		"--won", filepath.Join(dir, "olist_closed_deals_dataset.csv"), "--won-at", "won_date",
		"--amount", "declared_monthly_revenue", "--dataset", dataset}
}

// paretoReport runs `leadflow report pareto` as JSON and as a table.
func paretoReport(t *testing.T, ctx context.Context) ([]paretoRow, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(ctx, []string{"report", "pareto", "--format", "json"}, &out, &errOut), errOut.String())
	var rows []paretoRow
	require.NoError(t, json.Unmarshal(out.Bytes(), &rows), out.String())
	out.Reset()
	require.Equal(t, 0, run(ctx, []string{"report", "pareto"}, &out, &errOut), errOut.String())
	return rows, out.String()
}

// TestImportHistoryScoresAtArrival imports an Olist-shaped fixture
// (testdata/olist/SOURCES.md): every lead gets its score at arrival from
// the default rules and its origin, once, and the pareto report ranks them.
func TestImportHistoryScoresAtArrival(t *testing.T) {
	dbURL := testenv.DatabaseURL(t)
	t.Setenv(config.EnvDatabaseURL, dbURL)
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	count := func(query string) (n int) {
		t.Helper()
		require.NoError(t, pool.QueryRow(ctx, query).Scan(&n))
		return n
	}

	var out, errOut bytes.Buffer
	args := olistImportArgs("testdata/olist", "olist-fixture")
	require.Equal(t, 0, run(ctx, args, &out, &errOut), errOut.String())
	require.Contains(t, out.String(), "imported 12 historical leads (4 won")
	require.Contains(t, out.String(), "scored 12 of them at arrival")
	require.Equal(t, 12, count(`SELECT count(*) FROM scores`))
	require.Equal(t, 0, count(`SELECT count(*) FROM scores s JOIN touchpoints t ON t.id = s.touchpoint_id WHERE s.computed_at <> t.occurred_at`),
		"scored as of the first contact")
	// The default rules give a referral 10 points; nothing else in the file scores.
	require.Equal(t, 2, count(`SELECT count(*) FROM scores WHERE total = 10`))

	out.Reset()
	require.Equal(t, 0, run(ctx, args, &out, &errOut), errOut.String())
	require.Contains(t, out.String(), "imported 0 historical leads")
	require.NotContains(t, out.String(), "scored")
	require.Equal(t, 12, count(`SELECT count(*) FROM scores`), "re-importing adds nothing twice")

	rows, table := paretoReport(t, ctx)
	t.Logf("leadflow report pareto on the fixture:\n%s", table)
	require.Len(t, rows, 4, "every imported lead is scored: no unscored row")
	top10, all := rows[0], rows[3]
	require.Equal(t, "top 10%", top10.Top)
	require.InDelta(t, 1.2, top10.Leads, 1e-9, "10 % of 12 leads")
	require.Equal(t, 10, *top10.MinScore, "the two referrals lead")
	// 1.2 leads of the two tied referrals (one won, 50,000.00): pro rata 0.6
	// of a won deal and 0.6 of its revenue, the only revenue in the file.
	require.InDelta(t, 0.6, top10.Won, 1e-9)
	require.InDelta(t, 3_000_000, top10.RevenueCents, 1e-6)
	require.InDelta(t, 0.6, *top10.RevenueShare, 1e-9)
	require.InDelta(t, 6, *top10.Lift, 1e-9)
	require.Equal(t, 4.0, all.Won)
	require.Contains(t, table, "ties at a cut-off score are split pro rata")

	// Leads imported before arrival scores existed get theirs on a re-import, once.
	_, err = pool.Exec(ctx, `DELETE FROM scores`)
	require.NoError(t, err)
	rows, _ = paretoReport(t, ctx)
	require.Equal(t, "unscored", rows[len(rows)-1].Top)
	require.Equal(t, 12.0, rows[len(rows)-1].Leads)
	out.Reset()
	require.Equal(t, 0, run(ctx, args, &out, &errOut), errOut.String())
	require.Contains(t, out.String(), "scored 12 of them at arrival")
	require.Equal(t, 12, count(`SELECT count(*) FROM scores`))
}
