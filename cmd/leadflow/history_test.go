//go:build datasets

// An acceptance test on a real data set, never copied into the
// repository: it runs only when asked for, with `make eval` (go test
// -tags datasets), and fails when the data is missing, so `make test` and
// CI (a clean clone) neither run nor skip it.

package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
)

// olistDir finds the Olist marketing funnel next to the repository (or in
// $LEADFLOW_DATASETS); the data is never copied into the repo.
func olistDir(t *testing.T) string {
	t.Helper()
	for _, base := range []string{os.Getenv("LEADFLOW_DATASETS"), "../../../shared/datasets"} {
		if base == "" {
			continue
		}
		dir := filepath.Join(base, "olist_marketing_funnel")
		if _, err := os.Stat(filepath.Join(dir, "olist_closed_deals_dataset.csv")); err == nil {
			return dir
		}
	}
	t.Fatal("the Olist marketing funnel dataset is not next to the repository (set LEADFLOW_DATASETS)")
	return ""
}

// TestOlistFunnelMatchesIndependentFigures imports the Olist marketing
// funnel (8,000 MQLs, 842 won) through `leadflow import --history`, and
// checks the funnel report's won rate by origin and median days to close
// against figures computed here straight from the CSVs.
func TestOlistFunnelMatchesIndependentFigures(t *testing.T) {
	dir := olistDir(t)
	dbURL := testenv.DatabaseURL(t)
	t.Setenv(config.EnvDatabaseURL, dbURL)
	mqls := filepath.Join(dir, "olist_marketing_qualified_leads_dataset.csv")
	won := filepath.Join(dir, "olist_closed_deals_dataset.csv")
	ctx := context.Background()
	var out, errOut bytes.Buffer
	args := []string{"import", "--history", mqls, "--id", "mql_id", "--source-col", "origin", "--at-col", "first_contact_date",
		"--won", won, "--won-at", "won_date", "--amount", "declared_monthly_revenue", "--dataset", "olist"}
	require.Equal(t, 0, run(ctx, args, &out, &errOut), errOut.String())
	require.Contains(t, out.String(), "imported 8000 historical leads (842 won")
	out.Reset()
	require.Equal(t, 0, run(ctx, args, &out, &errOut), errOut.String())
	require.Contains(t, out.String(), "imported 0 historical leads", "re-importing adds nothing")

	// Expected, computed independently from the files.
	leadRows, wonRows := olistRows(t, mqls), olistRows(t, won)
	type agg struct {
		n, won int
		days   []float64
	}
	want := map[string]*agg{}
	firstContact := map[string]time.Time{}
	origin := map[string]string{}
	for _, r := range leadRows {
		at, err := time.Parse("2006-01-02", r["first_contact_date"])
		require.NoError(t, err)
		// A lead without an origin is reported under "(none)" (docs/reports.md).
		o := r["origin"]
		if strings.TrimSpace(o) == "" {
			o = "(none)"
		}
		firstContact[r["mql_id"]], origin[r["mql_id"]] = at, o
		if want[o] == nil {
			want[o] = &agg{}
		}
		want[o].n++
	}
	for _, r := range wonRows {
		at, err := time.Parse("2006-01-02 15:04:05", r["won_date"])
		require.NoError(t, err)
		a := want[origin[r["mql_id"]]]
		a.won++
		a.days = append(a.days, at.Sub(firstContact[r["mql_id"]]).Hours()/24)
	}

	out.Reset()
	require.Equal(t, 0, run(ctx, []string{"report", "funnel", "--by", "source", "--format", "json"}, &out, &errOut), errOut.String())
	var rows []struct {
		Key     string   `json:"key"`
		Leads   int      `json:"leads"`
		Won     int      `json:"won"`
		WonRate float64  `json:"won_rate"`
		Median  *float64 `json:"median_days_to_close"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &rows))
	require.Len(t, rows, len(want))
	for _, r := range rows {
		w := want[r.Key]
		require.NotNil(t, w, "origin %q", r.Key)
		require.Equal(t, w.n, r.Leads, r.Key)
		require.Equal(t, w.won, r.Won, r.Key)
		// The docs (reports.md) show rates to 0.01 % and days to 0.1.
		require.Equal(t, fmt.Sprintf("%.2f", 100*float64(w.won)/float64(w.n)), fmt.Sprintf("%.2f", 100*r.WonRate), r.Key)
		require.NotNil(t, r.Median, r.Key)
		require.Equal(t, fmt.Sprintf("%.1f", median(w.days)), fmt.Sprintf("%.1f", *r.Median), r.Key)
	}
	// Two of the published figures (docs/reports.md), as a cross-check of the test itself.
	require.Equal(t, "12.30", fmt.Sprintf("%.2f", 100*float64(want["paid_search"].won)/float64(want["paid_search"].n)))
}

// olistRows reads one Olist CSV (comma-separated, with a header) into rows
// keyed by column, independently of the importer's own reader.
func olistRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	out := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, v := range rec {
			row[recs[0][i]] = v
		}
		out = append(out, row)
	}
	return out
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
