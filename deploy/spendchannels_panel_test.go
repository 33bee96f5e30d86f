package deploy

import (
	"context"
	"fmt"
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

// seedSpendChannels writes, with plain SQL, four leads whose touches carry
// the channel and source the ad platforms' lead connectors write, around
// the edges of March 2026 in São Paulo (UTC−3) and in UTC, and a month of
// spend on every platform:
//
//	Ana  social/meta-lead-ads      spring  03-01 03:30Z (Mar 1 00:30 local)  hot, won $600 on 03-10
//	Bo   social/linkedin-lead-gen  spring  03-01 02:00Z (Feb 28 23:00 local)
//	Cy   ads/google-ads            brand   03-15 12:00Z                      hot, won €200 on 03-20
//	Di   web/web                   (none)  04-01 01:00Z (Mar 31 22:00 local)
//
// Spend: meta "Spring" $100 on 03-01 and $50 on 03-02, linkedin "Spring"
// $30 on 03-05, google-ads "brand" €80 on 03-03, tiktok "ghost" $10 on
// 03-31, a spend file's bing "search" $5 on 03-31 and meta "Spring" $70 on
// 04-01 (noon UTC outside March in both zones).
func seedSpendChannels(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	utc := func(s string) time.Time {
		at, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
		return at
	}
	leads := []struct {
		name, channel, source, campaign, at string
		hot                                 bool
		won                                 int64
		currency, wonAt                     string
	}{
		{"ana", "social", "meta-lead-ads", "spring", "2026-03-01T03:30:00Z", true, 60000, "USD", "2026-03-10T12:00:00Z"},
		{"bo", "social", "linkedin-lead-gen", "spring", "2026-03-01T02:00:00Z", false, 0, "", ""},
		{"cy", "ads", "google-ads", "brand", "2026-03-15T12:00:00Z", true, 20000, "EUR", "2026-03-20T12:00:00Z"},
		{"di", "web", "web", "", "2026-04-01T01:00:00Z", false, 0, "", ""},
	}
	for _, l := range leads {
		var contact, event int64
		require.NoError(t, pool.QueryRow(ctx, `INSERT INTO contacts DEFAULT VALUES RETURNING id`).Scan(&contact))
		require.NoError(t, pool.QueryRow(ctx, `INSERT INTO inbound_events (connector, source, event_id, payload) VALUES ($1, $1, $2, '{}') RETURNING id`,
			l.source, "spend-"+l.name).Scan(&event))
		_, err := pool.Exec(ctx, `INSERT INTO touchpoints (contact_id, inbound_event_id, source, channel, utm_campaign, occurred_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, contact, event, l.source, l.channel, l.campaign, utc(l.at))
		require.NoError(t, err)
		if l.hot {
			_, err := pool.Exec(ctx, `INSERT INTO scores (contact_id, total, band, model_version, breakdown, computed_at) VALUES ($1, 80, 'hot', 'v1', '{}', $2)`,
				contact, utc(l.at))
			require.NoError(t, err)
		}
		if l.won > 0 {
			_, err := pool.Exec(ctx, `
				INSERT INTO deals (contact_id, pipeline_id, stage_id, amount_cents, currency, created_at, closed_at)
				SELECT $1, p.id, st.id, $2, $3, $4, $5 FROM pipelines p JOIN stages st ON st.pipeline_id = p.id
				WHERE p.is_default AND st.name = 'Won'`, contact, l.won, l.currency, utc(l.at).Add(time.Hour), utc(l.wonAt))
			require.NoError(t, err)
		}
	}
	_, err := pool.Exec(ctx, `INSERT INTO ad_spend (platform, account, campaign_id, day, campaign_name, currency, spend_micros, source, fetched_at) VALUES
		('meta', 'act_1', '111', '2026-03-01', 'Spring', 'USD', 100000000, 'import', now()),
		('meta', 'act_1', '111', '2026-03-02', 'Spring', 'USD', 50000000, 'import', now()),
		('meta', 'act_1', '111', '2026-04-01', 'Spring', 'USD', 70000000, 'import', now()),
		('linkedin', '77', '444', '2026-03-05', 'Spring', 'USD', 30000000, 'import', now()),
		('google-ads', '9', '222', '2026-03-03', 'brand', 'EUR', 80000000, 'import', now()),
		('tiktok', '5', '555', '2026-03-31', 'ghost', 'USD', 10000000, 'import', now()),
		('bing', 'b1', '666', '2026-03-31', 'search', 'USD', 5000000, 'import', now())`)
	require.NoError(t, err)
}

// spendFigures is one row of the roas report or of a spend-by panel: nil
// costs and ROAS are -1.
type spendFigures struct {
	spend                   float64
	leads, mqls, deals, won int64
	costLead, costMQL       float64
	costDeal, costWon       float64
	revenueLinear           float64
	roasFirst, roasLast     float64
	roasLinear              float64
	status                  string
}

func reportFigures(rows []reporting.CampaignRow) map[string]spendFigures {
	opt := func(f *float64) float64 {
		if f == nil {
			return -1
		}
		return roundShare(*f)
	}
	out := map[string]spendFigures{}
	for _, r := range rows {
		out[r.Campaign+"/"+r.Currency] = spendFigures{roundShare(float64(r.SpendMicros) / 1e6), r.Leads, r.MQLs, r.Deals, r.Won,
			opt(r.CostPerLead), opt(r.CostPerMQL), opt(r.CostPerDeal), opt(r.CostPerWon), roundShare(r.RevenueLinearCents / 100),
			opt(r.ROASFirst), opt(r.ROASLast), opt(r.ROASLinear), r.Status}
	}
	return out
}

func panelFigures(t *testing.T, rows [][]any) map[string]spendFigures {
	t.Helper()
	opt := func(v any) float64 {
		if v == nil {
			return -1
		}
		return roundShare(num(t, v))
	}
	count := func(v any) int64 {
		n, ok := v.(int64)
		require.True(t, ok, "%v (%T) is not a bigint", v, v)
		return n
	}
	out := map[string]spendFigures{}
	for _, r := range rows {
		require.Len(t, r, 16, "panel columns")
		currency := ""
		if r[1] != nil {
			currency = fmt.Sprint(r[1])
		}
		key := fmt.Sprint(r[0]) + "/" + currency
		require.NotContains(t, out, key, "one row per group and currency")
		out[key] = spendFigures{opt(r[2]), count(r[3]), count(r[4]), count(r[5]), count(r[6]), opt(r[7]), opt(r[8]), opt(r[9]), opt(r[10]),
			opt(r[11]), opt(r[12]), opt(r[13]), opt(r[14]), fmt.Sprint(r[15])}
	}
	return out
}

// TestSpendPanelsByChannelAndSource runs the "Spend and ROAS per channel"
// and "per source" panels as Grafana would for March 2026 in São Paulo
// (the range Grafana sends: local midnight to 23:59:59.999) and in UTC,
// and requires each to show what `leadflow report roas --by channel|source
// --from 2026-03-01 --to 2026-03-31 --tz …` prints for the same data, which
// must be the hand computation; with a campaign chosen, the report's rows
// over that campaign's facts.
func TestSpendPanelsByChannelAndSource(t *testing.T) {
	t.Parallel()
	panels, vars := loadCampaignsDashboard(t)
	sqlBy := map[string]string{}
	for _, p := range panels {
		if dim, ok := strings.CutPrefix(p.Title, "Spend and ROAS per "); ok {
			require.Len(t, p.Targets, 1)
			require.NotContains(t, p.Targets[0].RawSQL, "$__timeFilter", "BETWEEN includes the end: use $__timeFrom()/$__timeTo()")
			sqlBy[dim] = p.Targets[0].RawSQL
		}
	}
	require.Len(t, sqlBy, 2, "a channel and a source panel: %v", sqlBy)

	pool := testenv.Pool(t)
	seedSpendChannels(t, pool)
	ctx := context.Background()
	st := store.New(pool)
	saoPaulo, err := time.LoadLocation("America/Sao_Paulo")
	require.NoError(t, err)

	// By hand. São Paulo's March holds Ana, Cy and Di (Bo arrived on
	// Feb 28 there); UTC's holds Ana, Bo and Cy. Spend is the same in both
	// (noon UTC of 03-01..03-31): meta 150, linkedin 30, tiktok 10 and
	// bing 5 dollars, google-ads 80 euros. Revenue: Ana's $600 to
	// social/meta-lead-ads, Cy's €200 to ads/google-ads (one touch each).
	none := -1.0
	spendOnly := func(spend float64) spendFigures {
		return spendFigures{spend, 0, 0, 0, 0, none, none, none, none, 0, 0, 0, 0, reporting.StatusNoLeads}
	}
	cy := spendFigures{80, 1, 1, 1, 1, 80, 80, 80, 80, 200, 2.5, 2.5, 2.5, ""}
	di := spendFigures{0, 1, 0, 0, 0, none, none, none, none, 0, none, none, none, reporting.StatusNoSpend}
	r := roundShare
	want := map[string]map[string]map[string]spendFigures{
		"local": {
			"channel": {
				// social: Ana; $190 = 150 + 30 + 10; ROAS 600 / 190.
				"social/USD": {190, 1, 1, 1, 1, 190, 190, 190, 190, 600, r(600.0 / 190), r(600.0 / 190), r(600.0 / 190), ""},
				"ads/EUR":    cy,
				"other/USD":  spendOnly(5),
				"web/":       di,
			},
			"source": {
				"meta-lead-ads/USD":     {150, 1, 1, 1, 1, 150, 150, 150, 150, 600, 4, 4, 4, ""},
				"linkedin-lead-gen/USD": spendOnly(30),
				"tiktok-lead-gen/USD":   spendOnly(10),
				"bing/USD":              spendOnly(5),
				"google-ads/EUR":        cy,
				"web/":                  di,
			},
		},
		"utc": {
			"channel": {
				// social: Ana and Bo, one of them an MQL.
				"social/USD": {190, 2, 1, 1, 1, 95, 190, 190, 190, 600, r(600.0 / 190), r(600.0 / 190), r(600.0 / 190), ""},
				"ads/EUR":    cy,
				"other/USD":  spendOnly(5),
			},
			"source": {
				"meta-lead-ads/USD":     {150, 1, 1, 1, 1, 150, 150, 150, 150, 600, 4, 4, 4, ""},
				"linkedin-lead-gen/USD": {30, 1, 0, 0, 0, 30, none, none, none, 0, 0, 0, 0, ""},
				"tiktok-lead-gen/USD":   spendOnly(10),
				"bing/USD":              spendOnly(5),
				"google-ads/EUR":        cy,
			},
		},
	}
	zones := []struct {
		name     string
		loc      *time.Location
		from, to string // what Grafana sends for March in the zone
	}{
		{"local", saoPaulo, "'2026-03-01T03:00:00.000Z'", "'2026-04-01T02:59:59.999Z'"},
		{"utc", time.UTC, "'2026-03-01T00:00:00.000Z'", "'2026-03-31T23:59:59.999Z'"},
	}
	for _, z := range zones {
		// The CLI's and the API's window: --from 2026-03-01 --to 2026-03-31 --tz.
		from, to, _, err := httpapi.ParseReportRange("2026-03-01", "2026-03-31", z.loc)
		require.NoError(t, err)
		for _, by := range []string{"channel", "source"} {
			t.Run(z.name+"/"+by, func(t *testing.T) {
				res, err := reporting.Run(ctx, st, "roas", reporting.Query{By: by, From: from, To: to, Location: z.loc})
				require.NoError(t, err)
				report := reportFigures(res.Campaigns)
				require.Equal(t, want[z.name][by], report, "the report against the hand computation")

				for _, campaign := range []string{allSentinel, "spring", "brand"} {
					rows := queryAsGrafana(t, pool, interpolateWindow(t, sqlBy[by], vars, map[string]string{"campaign": campaign, "by": "source"}, z.from, z.to))
					expected := report
					if campaign != allSentinel {
						// The report over the campaign's facts alone.
						fromDay, toDay := reporting.SpendDays(from, to)
						facts, err := st.CampaignFacts(ctx, from, to, fromDay, toDay)
						require.NoError(t, err)
						var own []reporting.CampaignFact
						for _, f := range facts {
							if f.Key == campaign {
								own = append(own, f)
							}
						}
						rows, err := reporting.CampaignsBy(own, reporting.CampaignOptions{By: by})
						require.NoError(t, err)
						expected = reportFigures(rows)
						require.NotEmpty(t, expected)
					}
					require.Equal(t, expected, panelFigures(t, rows), "panel by %s, campaign %q", by, strings.TrimPrefix(campaign, allSentinel))
				}
			})
		}
	}
}
