package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/internal/demo"
	"leadflow/internal/testenv"
)

// TestCampaignDashboardAfterDemo runs every SQL panel of the campaign
// dashboard, as Grafana would (time macros expanded to the last 90 days,
// campaign = All, each "by" value), on the database the demo's leads
// produced: each must succeed and have data. The deploy package checks the
// same panels on a hand-made dataset, as the read-only Grafana role.
func TestCampaignDashboardAfterDemo(t *testing.T) {
	t.Parallel()
	b := setup(t, testenv.DatabaseURL(t), testenv.RedisURL(t))
	rep, err := demo.Post(context.Background(), http.DefaultClient, b.baseURL, testSecret, demo.Generate(1, 300, time.Now()), 8)
	require.NoError(t, err)
	require.Equal(t, 300, rep.ByStatus[http.StatusAccepted])
	b.waitRouted(t, 150)
	// A rep wins one deal and loses another, as they would after a while.
	var deals []int64
	rows, err := b.pool.Query(context.Background(), `SELECT id FROM deals ORDER BY id LIMIT 2`)
	require.NoError(t, err)
	for rows.Next() {
		var id int64
		require.NoError(t, rows.Scan(&id))
		deals = append(deals, id)
	}
	rows.Close()
	require.Len(t, deals, 2)
	_, err = b.pool.Exec(context.Background(), `UPDATE deals SET amount_cents = 500000 WHERE id = $1`, deals[0])
	require.NoError(t, err)
	for i, stage := range []string{"Won", "Lost"} {
		_, _, err := b.app.Store().MoveDealStage(context.Background(), deals[i], stage, "test", "price", time.Now())
		require.NoError(t, err)
	}

	require.NoError(t, demo.SeedSpend(context.Background(), b.app.Store(), time.Now()), "the demo's spend, for the spend panels")

	raw, err := os.ReadFile("../../deploy/grafana/dashboards/leadflow-campaigns.json")
	require.NoError(t, err)
	var d struct {
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				RawSQL string `json:"rawSql"`
			} `json:"targets"`
		} `json:"panels"`
	}
	require.NoError(t, json.Unmarshal(raw, &d))
	from, to := time.Now().Add(-90*24*time.Hour).UTC().Format(time.RFC3339), time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	timeFilter := regexp.MustCompile(`\$__timeFilter\(([^)]+)\)`)
	checked := 0
	for _, p := range d.Panels {
		for _, tg := range p.Targets {
			if tg.RawSQL == "" {
				continue
			}
			for _, by := range []string{"source", "channel", "utm_source", "utm_medium", "utm_campaign"} {
				q := timeFilter.ReplaceAllString(tg.RawSQL, fmt.Sprintf("$1 BETWEEN '%s' AND '%s'", from, to))
				q = strings.NewReplacer("${campaign:sqlstring}", "NULL", "${by:sqlstring}", "'"+by+"'",
					"$__timeFrom()", "'"+from+"'", "$__timeTo()", "'"+to+"'").Replace(q)
				rows, err := b.pool.Query(context.Background(), q)
				require.NoError(t, err, "%s (by %s)", p.Title, by)
				n := 0
				for rows.Next() {
					n++
				}
				require.NoError(t, rows.Err(), p.Title)
				rows.Close()
				require.Positive(t, n, "panel %q has no data after the demo (by %s)", p.Title, by)
				checked++
			}
		}
	}
	require.Greater(t, checked, 5)
}
