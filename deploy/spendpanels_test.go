package deploy

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/reporting"
	"leadflow/store"
)

// TestCampaignsPipelinePanelMatchesReport runs the "Pipeline created per
// unit of spend" panel, for All and each campaign, and checks each of its
// rows against the row `leadflow report roas` prints for the same window:
// spend, deals, pipeline and pipeline per spend.
func TestCampaignsPipelinePanelMatchesReport(t *testing.T) {
	t.Parallel()
	panels, vars := loadCampaignsDashboard(t)
	var sql string
	for _, p := range panels {
		if p.Title == "Pipeline created per unit of spend" {
			require.Len(t, p.Targets, 1)
			sql = p.Targets[0].RawSQL
		}
	}
	require.NotEmpty(t, sql, "no pipeline panel on the campaigns dashboard")

	pool := testenv.Pool(t)
	seedCampaigns(t, pool)
	from, to := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	res, err := reporting.Run(context.Background(), store.New(pool), "roas", reporting.Query{From: from, To: to})
	require.NoError(t, err)
	type figures struct {
		spend, pipeline float64
		deals           int64
		perSpend        float64
	}
	want := map[string]figures{}
	for _, r := range res.Campaigns {
		if r.SpendMicros > 0 {
			require.NotNil(t, r.PipelinePerSpend)
			want[strings.ToLower(r.Campaign)+"/"+r.Currency] = figures{float64(r.SpendMicros) / 1e6, float64(r.PipelineCents) / 100, r.Deals, *r.PipelinePerSpend}
		}
	}
	require.NotEmpty(t, want, "the seed has no spend")
	pipelined := false
	for _, campaign := range []string{allSentinel, "spring", "brand"} {
		t.Run(fmt.Sprintf("campaign=%q", strings.TrimPrefix(campaign, "\x00")), func(t *testing.T) {
			rows := queryAsGrafana(t, pool, interpolateWindow(t, sql, vars, map[string]string{"campaign": campaign, "by": "source"}, testTimeFrom, testTimeTo))
			require.NotEmpty(t, rows)
			for _, r := range rows {
				require.Len(t, r, 6, "panel columns")
				key := strings.ToLower(fmt.Sprint(r[0])) + "/" + fmt.Sprint(r[1])
				w, ok := want[key]
				require.True(t, ok, "panel row %s is not a report row with spend", key)
				if campaign != allSentinel {
					require.Equal(t, campaign, strings.ToLower(fmt.Sprint(r[0])))
				}
				require.InDelta(t, w.spend, r[2].(float64), 1e-9, key+" spend")
				require.EqualValues(t, w.deals, r[3], key+" deals")
				require.InDelta(t, w.pipeline, r[4].(float64), 1e-9, key+" pipeline")
				require.InDelta(t, w.perSpend, r[5].(float64), 1e-9, key+" pipeline per spend")
				pipelined = pipelined || w.pipeline > 0
			}
			if campaign == allSentinel {
				require.Len(t, rows, len(want), "every campaign with spend")
			}
		})
	}
	require.True(t, pipelined, "the seed's deals create no pipeline: the panel's sums go untested")
}

// TestCampaignsPaybackPanelMatchesReport runs the "Payback days per
// campaign" panel, for All and each campaign, and checks each row's spend
// and payback against `leadflow report roas` (linear credit, its default).
func TestCampaignsPaybackPanelMatchesReport(t *testing.T) {
	t.Parallel()
	panels, vars := loadCampaignsDashboard(t)
	var sql string
	for _, p := range panels {
		if p.Title == "Payback days per campaign" {
			require.Len(t, p.Targets, 1)
			sql = p.Targets[0].RawSQL
		}
	}
	require.NotEmpty(t, sql, "no payback panel on the campaigns dashboard")

	pool := testenv.Pool(t)
	seedCampaigns(t, pool)
	from, to := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	res, err := reporting.Run(context.Background(), store.New(pool), "roas", reporting.Query{From: from, To: to})
	require.NoError(t, err)
	type figures struct {
		spend   float64
		payback string
	}
	want := map[string]figures{}
	for _, r := range res.Campaigns {
		if r.SpendMicros > 0 {
			want[strings.ToLower(r.Campaign)+"/"+r.Currency] = figures{float64(r.SpendMicros) / 1e6, reporting.PaybackCell(r)}
		}
	}
	t.Logf("the report's spend and payback per campaign: %v", want)
	paidBack := map[bool]bool{}
	for _, campaign := range []string{allSentinel, "spring", "brand"} {
		t.Run(fmt.Sprintf("campaign=%q", strings.TrimPrefix(campaign, "\x00")), func(t *testing.T) {
			rows := queryAsGrafana(t, pool, interpolateWindow(t, sql, vars, map[string]string{"campaign": campaign, "by": "source"}, testTimeFrom, testTimeTo))
			require.NotEmpty(t, rows)
			for _, r := range rows {
				require.Len(t, r, 5, "panel columns")
				key := strings.ToLower(fmt.Sprint(r[0])) + "/" + fmt.Sprint(r[1])
				w, ok := want[key]
				require.True(t, ok, "panel row %s is not a report row with spend", key)
				require.InDelta(t, w.spend, r[2].(float64), 1e-9, key+" spend")
				require.Equal(t, w.payback, fmt.Sprint(r[4]), key+" payback days")
				paidBack[w.payback != reporting.NotYet] = true
			}
			if campaign == allSentinel {
				require.Len(t, rows, len(want), "every campaign with spend")
			}
		})
	}
	require.True(t, paidBack[true] && paidBack[false], "the seed needs a campaign that paid back and one that has not: %v", want)
}
