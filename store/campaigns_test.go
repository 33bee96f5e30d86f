package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/reporting"
	"leadflow/spend"
	"leadflow/store"
)

// The spend file, campaign map and rates of TestCampaignReports, imported
// through the same parsers and store calls as `leadflow import`.
const (
	campaignSpendCSV = `platform,account,campaign_id,campaign_name,date,currency,spend,clicks,impressions
meta,act_1,111,Spring Sale,2026-03-01,USD,100.00,10,1000
meta,act_1,111,Spring Sale,2026-03-02,USD,50.50,5,500
google-ads,9,222,Brand (EN),2026-03-01,USD,200,20,2000
google-ads,9,333,Ghost,2026-03-03,USD,30,0,0
linkedin,5,444,,2026-03-02,EUR,80,1,1
meta,act_1,111,Spring Sale,2026-04-01,USD,999,0,0
newsletter,list,nl-1,Newsletter,2026-03-25,EUR,50,0,0
`
	campaignMapCSV = `platform,campaign,utm_campaign
google-ads,Brand (EN),Brand
linkedin,444,spring sale
`
	campaignRatesCSV = `currency,quote,date,rate
EUR,USD,2026-03-02,1.1
EUR,USD,2026-03-06,1.15
EUR,USD,2026-03-20,1.2
EUR,USD,2026-03-25,1.25
`
)

// seedCampaigns imports the spend above and writes, in March 2026 (UTC):
//
//	c1 meta lead from campaign id 111 (no UTM), Mar 1; hot; later a "brand" web touch (Mar 5);
//	   won 600.00 USD on Mar 10 (first touch: Spring Sale, last: Brand)
//	c2 web "BRAND", Mar 2; warm; no deal
//	c3 web "brand", Mar 3; hot; an open deal
//	c4 web without UTM, Mar 4; no score; no deal
//	c5 web "Newsletter", Mar 5; hot; won 200.00 EUR on Mar 20 (the deal
//	   opened Mar 6); the newsletter's spend (50 EUR) is on Mar 25, after
//	   the win
//	a test lead on campaign 111 that counts nowhere
func seedCampaigns(t *testing.T) (*reportData, *store.Store) {
	t.Helper()
	ctx := context.Background()
	r := &reportData{pool: testenv.Pool(t)}
	st := store.New(r.pool)

	rows, err := spend.ParseCSV(strings.NewReader(campaignSpendCSV))
	require.NoError(t, err)
	ads := make([]store.AdSpend, len(rows))
	for i, row := range rows {
		ads[i] = store.AdSpend(row)
	}
	_, err = st.UpsertAdSpend(ctx, ads, store.SpendFromImport, day(1, 0))
	require.NoError(t, err)
	maps, err := spend.ParseCampaignMap(strings.NewReader(campaignMapCSV))
	require.NoError(t, err)
	var ms []store.CampaignMapping
	for _, m := range maps {
		ms = append(ms, store.CampaignMapping{Platform: m.Platform, CampaignKey: m.Campaign, UTMCampaign: m.UTMCampaign})
	}
	require.NoError(t, st.UpsertCampaignMap(ctx, ms))
	rates, err := spend.ParseRates(strings.NewReader(campaignRatesCSV))
	require.NoError(t, err)
	var rs []store.CurrencyRate
	for _, x := range rates {
		rs = append(rs, store.CurrencyRate(x))
	}
	require.NoError(t, st.UpsertCurrencyRates(ctx, rs))

	touch := func(contact int64, connector, utm, campaignID string, at time.Time, isTest bool) {
		t.Helper()
		r.events++
		ev := r.id(t, `INSERT INTO inbound_events (connector, source, event_id, payload) VALUES ($1, $1, $2, '{}') RETURNING id`,
			connector, fmt.Sprintf("campaign-ev-%d", r.events))
		ids := "{}"
		if campaignID != "" {
			ids = fmt.Sprintf(`{"campaign_id": %q}`, campaignID)
		}
		r.exec(t, `INSERT INTO touchpoints (contact_id, inbound_event_id, source, utm_campaign, campaign_ids, is_test, occurred_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, contact, ev, connector, utm, ids, isTest, at)
	}
	rep := r.id(t, `INSERT INTO reps (name, email) VALUES ('Ann', 'ann@reps.example.com') RETURNING id`)
	c1 := r.contact(t)
	touch(c1, "meta", "", "111", day(1, 10), false)
	touch(c1, "web", "brand", "", day(5, 10), false)
	r.score(t, c1, "hot", day(1, 10))
	r.deal(t, c1, rep, 60000, day(2, 0), time.Hour, "Qualification", day(2, 0), "Won", day(10, 0))

	c2 := r.contact(t)
	touch(c2, "web", "BRAND", "", day(2, 10), false)
	r.score(t, c2, "warm", day(2, 10))

	c3 := r.contact(t)
	touch(c3, "web", "brand", "", day(3, 10), false)
	r.score(t, c3, "hot", day(3, 10))
	r.deal(t, c3, rep, 10000, day(3, 11), time.Hour, "Qualification", day(3, 11))

	c4 := r.contact(t)
	touch(c4, "web", "", "", day(4, 10), false)

	c5 := r.contact(t)
	touch(c5, "web", "Newsletter", "", day(5, 10), false)
	r.score(t, c5, "hot", day(5, 10))
	d5 := r.deal(t, c5, rep, 20000, day(6, 0), time.Hour, "Qualification", day(6, 0), "Won", day(20, 0))
	r.exec(t, `UPDATE deals SET currency = 'EUR' WHERE id = $1`, d5)

	test := r.contact(t)
	touch(test, "meta", "", "111", day(6, 0), true)
	return r, st
}

// TestCampaignReports checks every figure of roas and cut against the
// hand computation written beside it.
func TestCampaignReports(t *testing.T) {
	t.Parallel()
	r, st := seedCampaigns(t)
	ctx := context.Background()
	march := reporting.Query{From: day(1, 0), To: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Location: time.UTC}
	f := func(v float64) *float64 { return &v }
	days := func(n int64) *int64 { return &n }

	// Spring Sale: meta 111 by name, plus linkedin 444 (EUR) through the
	// map. USD spend 100.00 + 50.50 = 150.50 (April's 999 is outside);
	// 1 lead (c1), 1 MQL, 1 deal, 1 won. c1's 600.00 win: first touch is
	// Spring Sale (600), last is Brand (600), linear 300 each.
	// ROAS first 600 / 150.50 = 3.98671..., linear 300 / 150.50.
	// Brand: google 222 mapped to "Brand" (its spend, Mar 1, is seen
	// before "BRAND" and "brand"); leads c2, c3 = 2, MQL c3 = 1, deal c3
	// open = 1, won 0; spend 200 → CPL 100, per MQL 200, per deal 200.
	// Ghost: 30.00 spent, no lead. (none): c4. Newsletter: c5, won 200 EUR,
	// no spend.
	// Pipeline (expected value now: amount × stage probability) of the
	// deals counted: Spring Sale's is c1's won 600.00 USD (× 1.00), Brand's
	// c3's open 100.00 USD in Qualification (× 0.20 = 20.00), Newsletter's
	// c5's won 200.00 EUR. Per spend: 600 / 150.50, 20 / 200, 200 / 50;
	// Spring Sale's EUR spend and Ghost brought none (0).
	// Payback under linear credit (the default model): Spring Sale USD
	// spent from Mar 1 (150.50 by Mar 2) and was credited 300 on Mar 10:
	// 9 days. Brand: 200 on Mar 1, 300 on Mar 10: 9 days. Newsletter: 200
	// won Mar 20, before its 50 spent Mar 25: 0 days. Spring Sale EUR (no
	// EUR revenue) and Ghost: not yet.
	want := []reporting.CampaignRow{
		{Campaign: "Spring Sale", Currency: "EUR", SpendMicros: 80_000_000, Leads: 1, MQLs: 1, Deals: 1, Won: 1,
			CostPerLead: f(80), CostPerMQL: f(80), CostPerDeal: f(80), CostPerWon: f(80), ROASFirst: f(0), ROASLast: f(0), ROASLinear: f(0),
			PipelinePerSpend: f(0)},
		{Campaign: "Newsletter", Currency: "EUR", SpendMicros: 50_000_000, Leads: 1, MQLs: 1, Deals: 1, Won: 1,
			CostPerLead: f(50), CostPerMQL: f(50), CostPerDeal: f(50), CostPerWon: f(50),
			RevenueFirstCents: 20000, RevenueLastCents: 20000, RevenueLinearCents: 20000, ROASFirst: f(4), ROASLast: f(4), ROASLinear: f(4),
			PipelineCents: 20000, PipelinePerSpend: f(4), PaybackDays: days(0)},
		{Campaign: "Brand", Currency: "USD", SpendMicros: 200_000_000, Leads: 2, MQLs: 1, Deals: 1,
			CostPerLead: f(100), CostPerMQL: f(200), CostPerDeal: f(200),
			RevenueLastCents: 60000, RevenueLinearCents: 30000, ROASFirst: f(0), ROASLast: f(600.0 / 200), ROASLinear: f(300.0 / 200),
			PipelineCents: 2000, PipelinePerSpend: f(20.0 / 200), PaybackDays: days(9)},
		{Campaign: "Spring Sale", Currency: "USD", SpendMicros: 150_500_000, Leads: 1, MQLs: 1, Deals: 1, Won: 1,
			CostPerLead: f(150.5), CostPerMQL: f(150.5), CostPerDeal: f(150.5), CostPerWon: f(150.5),
			RevenueFirstCents: 60000, RevenueLinearCents: 30000, ROASFirst: f(600 / 150.5), ROASLast: f(0), ROASLinear: f(300 / 150.5),
			PipelineCents: 60000, PipelinePerSpend: f(600 / 150.5), PaybackDays: days(9)},
		{Campaign: "Ghost", Currency: "USD", SpendMicros: 30_000_000, ROASFirst: f(0), ROASLast: f(0), ROASLinear: f(0),
			PipelinePerSpend: f(0), Status: reporting.StatusNoLeads},
		{Campaign: "(none)", Leads: 1, Status: reporting.StatusNoSpend},
	}
	tests := []struct {
		name string
		rep  string
		q    reporting.Query
		want []reporting.CampaignRow
	}{
		{name: "per currency", rep: "roas", q: march, want: want},
		{name: "converted to USD", rep: "roas", q: func() reporting.Query { q := march; q.Currency = "USD"; return q }(),
			want: []reporting.CampaignRow{
				// Spring Sale: 150.50 + 80 EUR × 1.1 (Mar 2) = 238.50 USD.
				{Campaign: "Spring Sale", Currency: "USD", SpendMicros: 238_500_000, Leads: 1, MQLs: 1, Deals: 1, Won: 1,
					CostPerLead: f(238.5), CostPerMQL: f(238.5), CostPerDeal: f(238.5), CostPerWon: f(238.5),
					RevenueFirstCents: 60000, RevenueLinearCents: 30000, ROASFirst: f(600 / 238.5), ROASLast: f(0), ROASLinear: f(300 / 238.5),
					PipelineCents: 60000, PipelinePerSpend: f(600 / 238.5), PaybackDays: days(9)},
				want[2],
				// Newsletter: 50 EUR × 1.25 (Mar 25) = 62.50 USD spent; 200 EUR
				// × 1.2 (Mar 20, the win) = 240 USD won; pipeline 200 EUR ×
				// 1.15 (Mar 6, the deal's opening) = 230 USD.
				{Campaign: "Newsletter", Currency: "USD", SpendMicros: 62_500_000, Leads: 1, MQLs: 1, Deals: 1, Won: 1,
					CostPerLead: f(62.5), CostPerMQL: f(62.5), CostPerDeal: f(62.5), CostPerWon: f(62.5),
					RevenueFirstCents: 24000, RevenueLastCents: 24000, RevenueLinearCents: 24000,
					ROASFirst: f(240 / 62.5), ROASLast: f(240 / 62.5), ROASLinear: f(240 / 62.5),
					PipelineCents: 23000, PipelinePerSpend: f(230 / 62.5), PaybackDays: days(0)},
				want[4], want[5],
			}},
		// The last 10 days to Mar 10 (Mar 1-10): Ghost spent 30 and brought no MQL.
		{name: "cut list", rep: "cut", q: reporting.Query{Days: 10, Now: day(10, 12), Location: time.UTC}, want: []reporting.CampaignRow{want[4]}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := reporting.Run(ctx, st, tc.rep, tc.q)
			require.NoError(t, err)
			got := res.Campaigns
			require.Len(t, got, len(tc.want), "%+v", got)
			for i, w := range tc.want {
				g := got[i]
				require.Equal(t, []any{w.Campaign, w.Currency, w.SpendMicros, w.Leads, w.MQLs, w.Deals, w.Won, w.Status, w.PipelineCents, w.PaybackDays},
					[]any{g.Campaign, g.Currency, g.SpendMicros, g.Leads, g.MQLs, g.Deals, g.Won, g.Status, g.PipelineCents, g.PaybackDays}, "row %d", i)
				require.InDelta(t, w.RevenueFirstCents, g.RevenueFirstCents, 1e-6, "row %d", i)
				require.InDelta(t, w.RevenueLastCents, g.RevenueLastCents, 1e-6, "row %d", i)
				require.InDelta(t, w.RevenueLinearCents, g.RevenueLinearCents, 1e-6, "row %d", i)
				for j, p := range [][2]*float64{{w.CostPerLead, g.CostPerLead}, {w.CostPerMQL, g.CostPerMQL}, {w.CostPerDeal, g.CostPerDeal},
					{w.CostPerWon, g.CostPerWon}, {w.ROASFirst, g.ROASFirst}, {w.ROASLast, g.ROASLast}, {w.ROASLinear, g.ROASLinear},
					{w.PipelinePerSpend, g.PipelinePerSpend}} {
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

	t.Run("by channel", func(t *testing.T) {
		// Give the touches the channels and sources their connectors write:
		// c1's Meta lead ad is social/meta-lead-ads, the rest web.
		r.exec(t, `UPDATE touchpoints SET channel = 'social', source = 'meta-lead-ads' WHERE source = 'meta'`)
		r.exec(t, `UPDATE touchpoints SET channel = 'web' WHERE source = 'web'`)
		q := march
		q.By = "channel"
		res, err := reporting.Run(ctx, st, "roas", q)
		require.NoError(t, err)
		require.Equal(t, "channel", res.CampaignsBy)
		// Spend by platform: meta 150.50 USD and linkedin 80 EUR are social,
		// google-ads 200 + 30 USD ads, the newsletter's 50 EUR other. Leads:
		// c1 social; c2-c5 web (MQLs c3, c5; deals c3 open, c5 won). c1's
		// 600 USD splits 300/300 social/web under linear; c5's 200 EUR is
		// web's. Pipeline: c1's 600 USD social, c3's 20 USD and c5's 200
		// EUR web.
		type row struct {
			group, currency                 string
			micros, leads, mqls, deals, won int64
			linearCents                     float64
			pipelineCents                   int64
			status                          string
		}
		want := []row{
			{"social", "EUR", 80_000_000, 1, 1, 1, 1, 0, 0, ""},
			{"other", "EUR", 50_000_000, 0, 0, 0, 0, 0, 0, reporting.StatusNoLeads},
			{"web", "EUR", 0, 4, 2, 2, 1, 20000, 20000, reporting.StatusNoSpend},
			{"ads", "USD", 230_000_000, 0, 0, 0, 0, 0, 0, reporting.StatusNoLeads},
			{"social", "USD", 150_500_000, 1, 1, 1, 1, 30000, 60000, ""},
			{"web", "USD", 0, 4, 2, 2, 1, 30000, 2000, reporting.StatusNoSpend},
		}
		var got []row
		for _, g := range res.Campaigns {
			got = append(got, row{g.Campaign, g.Currency, g.SpendMicros, g.Leads, g.MQLs, g.Deals, g.Won, g.RevenueLinearCents, g.PipelineCents, g.Status})
		}
		require.Equal(t, want, got)
	})

	t.Run("a conversion without a rate is refused", func(t *testing.T) {
		q := march
		q.Currency = "EUR"
		_, err := reporting.Run(ctx, st, "roas", q)
		var re *reporting.RateError
		require.ErrorAs(t, err, &re)
		require.Equal(t, "USD", re.Currency)
	})
}

// TestGclidJoinsCampaign: a lead from a non-Google form that carries a
// gclid is credited to the Google Ads campaign the click was on (through
// google_ads_clicks, as spend:sync fills it), ahead of its utm_campaign; a
// gclid Google did not name, or whose campaign has no spend, falls back
// to the utm_campaign. Re-writing the same clicks changes nothing.
func TestGclidJoinsCampaign(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := &reportData{pool: testenv.Pool(t)}
	st := store.New(r.pool)
	_, err := st.UpsertAdSpend(ctx, []store.AdSpend{
		{Platform: "google-ads", Account: "9", CampaignID: "222", CampaignName: "Brand (EN)", Day: day(1, 0), Currency: "USD", SpendMicros: 90_000_000},
	}, store.SpendFromSync, day(1, 0))
	require.NoError(t, err)
	clicks := []store.GoogleAdsClick{
		{Account: "9", GCLID: "g-brand", CampaignID: "222", Day: day(1, 0)},
		{Account: "9", GCLID: "g-nospend", CampaignID: "999", Day: day(1, 0)},
	}
	n, err := st.UpsertGoogleAdsClicks(ctx, clicks, day(2, 0))
	require.NoError(t, err)
	require.Equal(t, 2, n)
	n, err = st.UpsertGoogleAdsClicks(ctx, clicks, day(3, 0))
	require.NoError(t, err)
	require.Zero(t, n, "the same clicks again write nothing")

	touch := func(utm, gclid string, at time.Time) {
		t.Helper()
		c := r.contact(t)
		r.events++
		ev := r.id(t, `INSERT INTO inbound_events (connector, source, event_id, payload) VALUES ('typeform', 'typeform', $1, '{}') RETURNING id`,
			fmt.Sprintf("gclid-ev-%d", r.events))
		r.exec(t, `INSERT INTO touchpoints (contact_id, inbound_event_id, source, channel, utm_campaign, click_ids, occurred_at)
			VALUES ($1, $2, 'typeform', 'form', $3, jsonb_build_object('gclid', $4::text), $5)`, c, ev, utm, gclid, at)
	}
	touch("spring", "g-brand", day(1, 10))   // the click's campaign wins over the UTM
	touch("", "g-brand", day(2, 10))         // no UTM at all
	touch("spring", "g-unknown", day(3, 10)) // Google never named this click
	touch("spring", "g-nospend", day(4, 10)) // a campaign without spend

	res, err := reporting.Run(ctx, st, "roas", reporting.Query{From: day(1, 0), To: day(31, 0)})
	require.NoError(t, err)
	type row struct {
		campaign string
		leads    int64
		micros   int64
	}
	var got []row
	for _, g := range res.Campaigns {
		got = append(got, row{g.Campaign, g.Leads, g.SpendMicros})
	}
	require.Equal(t, []row{{"Brand (EN)", 2, 90_000_000}, {"spring", 2, 0}}, got)
}
