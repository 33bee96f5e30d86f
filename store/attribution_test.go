package store_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/reporting"
	"leadflow/store"
)

// This file checks the reports a marketer can trust (issue 20): one label
// rule for every key, amounts never summed across currencies, every kind
// of touch credited, and the U-shaped, W-shaped and time-decay models. The
// figures in the want tables are counted by hand from the rows seeded.

// june is a day of June 2026 at a given hour, UTC.
func june(d, h int) time.Time { return time.Date(2026, 6, d, h, 0, 0, 0, time.UTC) }

var (
	juneFrom = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	juneTo   = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
)

// leadTouch adds a lead webhook touch with every report key given.
func (r *reportData) leadTouch(t *testing.T, contact int64, connector, source, utmSource, campaign string, at time.Time, isTest bool) int64 {
	t.Helper()
	r.events++
	ev := r.id(t, `INSERT INTO inbound_events (connector, source, event_id, payload) VALUES ($1, $2, $3, '{}') RETURNING id`,
		connector, source, fmt.Sprintf("lead-%d", r.events))
	return r.id(t, `INSERT INTO touchpoints (contact_id, inbound_event_id, source, channel, utm_source, utm_campaign, is_test, occurred_at)
		VALUES ($1, $2, $3, '', $4, $5, $6, $7) RETURNING id`, contact, ev, source, utmSource, campaign, isTest, at)
}

// engagement adds an email event of the contact; with a program the email
// it answers was sent by that nurture program, else by template
// "welcome".
func (r *reportData) engagement(t *testing.T, contact int64, kind, program string, at time.Time, isTest bool) {
	t.Helper()
	r.events++
	message := fmt.Sprintf("<m%d@mail.example.com>", r.events)
	var enrollment *int64
	if program != "" {
		id := r.id(t, `INSERT INTO nurture_enrollments (contact_id, program, band, status) VALUES ($1, $2, 'warm', 'completed') RETURNING id`, contact, program)
		enrollment = &id
	}
	r.exec(t, `INSERT INTO email_outbox (dedupe_key, contact_id, template, to_address, status, provider_message_id, enrollment_id)
		VALUES ($1, $2, 'welcome', 'x@example.com', 'sent', $3, $4)`, message, contact, message, enrollment)
	ev := r.id(t, `INSERT INTO inbound_events (connector, source, event_id, payload) VALUES ('mailgun', 'mailgun', $1, '{}') RETURNING id`,
		fmt.Sprintf("mg-%d", r.events))
	r.exec(t, `INSERT INTO engagement_events (inbound_event_id, seq, contact_id, kind, message_id, is_test, occurred_at)
		VALUES ($1, 0, $2, $3, $4, $5, $6)`, ev, contact, kind, message, isTest, at)
}

// activity adds a rep activity on a deal.
func (r *reportData) activity(t *testing.T, deal int64, kind string, at time.Time) {
	t.Helper()
	r.exec(t, `INSERT INTO deal_activities (deal_id, rep_id, kind, occurred_at) VALUES ($1, $2, $3, $4)`, deal, r.ann, kind, at)
}

func newReportData(t *testing.T) *reportData {
	r := &reportData{pool: testenv.Pool(t)}
	r.ann = r.id(t, `INSERT INTO reps (name, email) VALUES ('Ann', 'ann@reps.example.com') RETURNING id`)
	return r
}

func runReport(t *testing.T, st *store.Store, name string, q reporting.Query) reporting.Result {
	t.Helper()
	res, err := reporting.Run(context.Background(), st, name, q)
	require.NoError(t, err)
	return res
}

// TestReportLabels: a blank key is "(none)" under every --by, and keys
// differing only in case or surrounding spaces are one group shown as the
// earliest touch wrote it, in the funnel and in attribution.
//
//	c1 meta   "Meta "  utm_source ""        "Spring-Search"    June 1; won 100.00 June 10
//	c2 meta   "meta"   utm_source "google"  "spring-search"    June 2; won 50.00 June 11
//	c3 google "google" utm_source " Google" " SPRING-SEARCH "  June 3
//	c4 google "google" utm_source ""        "  "               June 4; won 20.00 June 12
func TestReportLabels(t *testing.T) {
	t.Parallel()
	r := newReportData(t)
	c1, c2, c3, c4 := r.contact(t), r.contact(t), r.contact(t), r.contact(t)
	r.leadTouch(t, c1, "meta", "Meta ", "", "Spring-Search", june(1, 9), false)
	r.leadTouch(t, c2, "meta", "meta", "google", "spring-search", june(2, 9), false)
	r.leadTouch(t, c3, "google", "google", " Google", " SPRING-SEARCH ", june(3, 9), false)
	r.leadTouch(t, c4, "google", "google", "", "  ", june(4, 9), false)
	r.deal(t, c1, r.ann, 10000, june(5, 0), time.Hour, "Qualification", june(5, 0), "Won", june(10, 0))
	r.deal(t, c2, r.ann, 5000, june(5, 0), time.Hour, "Qualification", june(5, 0), "Won", june(11, 0))
	r.deal(t, c4, r.ann, 2000, june(5, 0), time.Hour, "Qualification", june(5, 0), "Won", june(12, 0))
	st := store.New(r.pool)

	days := func(d float64) *float64 { return &d }
	for _, tc := range []struct {
		by   string
		want []reporting.FunnelRow
	}{
		{by: "utm_campaign", want: []reporting.FunnelRow{
			{Key: "Spring-Search", Currency: "USD", Leads: 3, Deals: 2, Won: 2, WonRate: 2.0 / 3, RevenueCents: 15000,
				MedianDaysToClose: days(5.5), P90DaysToClose: days(5.9)},
			{Key: "(none)", Currency: "USD", Leads: 1, Deals: 1, Won: 1, WonRate: 1, RevenueCents: 2000, MedianDaysToClose: days(7), P90DaysToClose: days(7)},
		}},
		{by: "utm_source", want: []reporting.FunnelRow{
			{Key: "(none)", Currency: "USD", Leads: 2, Deals: 2, Won: 2, WonRate: 1, RevenueCents: 12000, MedianDaysToClose: days(6), P90DaysToClose: days(6.8)},
			{Key: "google", Currency: "USD", Leads: 2, Deals: 1, Won: 1, WonRate: 0.5, RevenueCents: 5000, MedianDaysToClose: days(6), P90DaysToClose: days(6)},
		}},
		{by: "source", want: []reporting.FunnelRow{
			{Key: "google", Currency: "USD", Leads: 2, Deals: 1, Won: 1, WonRate: 0.5, RevenueCents: 2000, MedianDaysToClose: days(7), P90DaysToClose: days(7)},
			{Key: "Meta", Currency: "USD", Leads: 2, Deals: 2, Won: 2, WonRate: 1, RevenueCents: 15000, MedianDaysToClose: days(5.5), P90DaysToClose: days(5.9)},
		}},
		{by: "channel", want: []reporting.FunnelRow{
			{Key: "(none)", Currency: "USD", Leads: 4, Deals: 3, Won: 3, WonRate: 0.75, RevenueCents: 17000, MedianDaysToClose: days(6), P90DaysToClose: days(6.8)},
		}},
	} {
		t.Run("funnel by "+tc.by, func(t *testing.T) {
			rows := runReport(t, st, "funnel", reporting.Query{By: tc.by, From: juneFrom, To: juneTo}).Funnel
			for i := range rows {
				for _, p := range []*float64{rows[i].MedianDaysToClose, rows[i].P90DaysToClose} {
					*p = math.Round(*p*1e9) / 1e9
				}
			}
			require.Equal(t, tc.want, rows)
		})
	}

	for _, tc := range []struct {
		by   string
		want []reporting.AttributionRow
	}{
		{by: "utm_campaign", want: []reporting.AttributionRow{{Key: "Spring-Search", Currency: "USD", Deals: 2, RevenueCents: 15000},
			{Key: "(none)", Currency: "USD", Deals: 1, RevenueCents: 2000}}},
		{by: "utm_source", want: []reporting.AttributionRow{{Key: "(none)", Currency: "USD", Deals: 2, RevenueCents: 12000},
			{Key: "google", Currency: "USD", Deals: 1, RevenueCents: 5000}}},
		{by: "source", want: []reporting.AttributionRow{{Key: "Meta", Currency: "USD", Deals: 2, RevenueCents: 15000},
			{Key: "google", Currency: "USD", Deals: 1, RevenueCents: 2000}}},
		{by: "connector", want: []reporting.AttributionRow{{Key: "meta", Currency: "USD", Deals: 2, RevenueCents: 15000},
			{Key: "google", Currency: "USD", Deals: 1, RevenueCents: 2000}}},
	} {
		t.Run("attribution by "+tc.by, func(t *testing.T) {
			rows := runReport(t, st, "attribution", reporting.Query{By: tc.by, Model: "first", From: juneFrom, To: juneTo}).Attribution
			require.Equal(t, tc.want, rows)
		})
	}
}

// TestReportCurrencies: a EUR deal beside USD deals is never summed into
// them: one row per key and currency, or with a target currency every
// amount converted at the rate of its win's day, and a missing rate an
// error naming the pair.
//
//	c1 spring June 1; won 100.00 USD June 10 (Ann)
//	c2 spring June 2; won 200.00 EUR June 11 (Ann)
//	c3 brand  June 3; won  50.00 USD June 12 (Bob)
//	rates: EUR→USD 1.10 on June 11
func TestReportCurrencies(t *testing.T) {
	t.Parallel()
	r := newReportData(t)
	r.bob = r.id(t, `INSERT INTO reps (name, email) VALUES ('Bob', 'bob@reps.example.com') RETURNING id`)
	c1, c2, c3 := r.contact(t), r.contact(t), r.contact(t)
	r.leadTouch(t, c1, "meta", "meta", "", "spring", june(1, 9), false)
	r.leadTouch(t, c2, "meta", "meta", "", "spring", june(2, 9), false)
	r.leadTouch(t, c3, "google", "google", "", "brand", june(3, 9), false)
	r.deal(t, c1, r.ann, 10000, june(1, 10), time.Hour, "Qualification", june(1, 10), "Won", june(10, 10))
	eur := r.deal(t, c2, r.ann, 20000, june(2, 10), time.Hour, "Qualification", june(2, 10), "Won", june(11, 10))
	r.exec(t, `UPDATE deals SET currency = 'EUR' WHERE id = $1`, eur)
	r.deal(t, c3, r.bob, 5000, june(3, 10), time.Hour, "Qualification", june(3, 10), "Won", june(12, 10))
	st := store.New(r.pool)
	q := func(by, currency string) reporting.Query {
		return reporting.Query{By: by, Model: "first", From: juneFrom, To: juneTo, Currency: currency}
	}

	t.Run("per currency", func(t *testing.T) {
		funnel := runReport(t, st, "funnel", q("utm_campaign", "")).Funnel
		require.Len(t, funnel, 3)
		require.Equal(t, [][3]any{{"spring", "EUR", int64(20000)}, {"spring", "USD", int64(10000)}, {"brand", "USD", int64(5000)}},
			[][3]any{{funnel[0].Key, funnel[0].Currency, funnel[0].RevenueCents}, {funnel[1].Key, funnel[1].Currency, funnel[1].RevenueCents},
				{funnel[2].Key, funnel[2].Currency, funnel[2].RevenueCents}})
		require.EqualValues(t, 2, funnel[0].Won, "the key's counts on each of its rows")
		require.Equal(t, []reporting.AttributionRow{
			{Key: "spring", Currency: "EUR", Deals: 1, RevenueCents: 20000},
			{Key: "spring", Currency: "USD", Deals: 1, RevenueCents: 10000},
			{Key: "brand", Currency: "USD", Deals: 1, RevenueCents: 5000},
		}, runReport(t, st, "attribution", q("utm_campaign", "")).Attribution)
		reps := runReport(t, st, "reps", q("", "")).Reps
		require.Equal(t, [][3]any{{"Ann", "EUR", int64(20000)}, {"Ann", "USD", int64(10000)}, {"Bob", "USD", int64(5000)}},
			[][3]any{{reps[0].Name, reps[0].Currency, reps[0].WonRevenueCents}, {reps[1].Name, reps[1].Currency, reps[1].WonRevenueCents},
				{reps[2].Name, reps[2].Currency, reps[2].WonRevenueCents}})
	})

	t.Run("missing rate", func(t *testing.T) {
		for _, name := range []string{"funnel", "attribution", "reps"} {
			_, err := reporting.Run(context.Background(), st, name, q("utm_campaign", "USD"))
			var rateErr *reporting.RateError
			require.ErrorAs(t, err, &rateErr, name)
			require.Equal(t, reporting.RateError{Currency: "EUR", Quote: "USD", Day: time.Date(2026, 6, 11, 0, 0, 0, 0, time.UTC)}, *rateErr)
			require.ErrorContains(t, err, "no exchange rate EUR/USD on 2026-06-11")
		}
	})

	r.exec(t, `INSERT INTO currency_rates (currency, quote, day, rate) VALUES ('EUR', 'USD', '2026-06-11', 1.10)`)
	t.Run("converted", func(t *testing.T) {
		funnel := runReport(t, st, "funnel", q("utm_campaign", "USD")).Funnel
		require.Len(t, funnel, 2)
		require.Equal(t, "spring", funnel[0].Key)
		require.Equal(t, "USD", funnel[0].Currency)
		require.EqualValues(t, 10000+22000, funnel[0].RevenueCents, "100 USD + 200 EUR × 1.10")
		require.EqualValues(t, 5000, funnel[1].RevenueCents)
		attribution := runReport(t, st, "attribution", q("utm_campaign", "USD")).Attribution
		require.Len(t, attribution, 2)
		require.Equal(t, "spring", attribution[0].Key)
		require.InDelta(t, 32000, attribution[0].RevenueCents, 1e-6)
		require.InDelta(t, 2, attribution[0].Deals, 1e-9)
		reps := runReport(t, st, "reps", q("", "USD")).Reps
		require.Len(t, reps, 2)
		require.Equal(t, "Ann", reps[0].Name)
		require.EqualValues(t, 32000, reps[0].WonRevenueCents)
		require.EqualValues(t, 2, reps[0].Won)

		// The rate converts both ways, but only on its day.
		_, err := reporting.Run(context.Background(), st, "attribution", q("utm_campaign", "EUR"))
		var rateErr *reporting.RateError
		require.ErrorAs(t, err, &rateErr)
		require.Equal(t, "EUR", rateErr.Quote)
	})
}

// TestAttributionCreditsEveryTouch: email clicks and replies and rep
// calls, meetings and emails are touches, marked by kind, with the
// documented labels; test events, opens and notes never get credit; and
// --touches leads credits lead webhooks only.
//
//	c1 lead "spring" June 1; email click (program "onboarding") June 2;
//	   test click June 2; open June 3; reply to a template email June 3;
//	   deal June 4 with a call June 4, a meeting June 5, a rep email June 6,
//	   a note June 6; won 60.00 June 7
//	c2 test lead June 1 (never credited), lead "brand" June 2; won 10.00 June 8
func TestAttributionCreditsEveryTouch(t *testing.T) {
	t.Parallel()
	r := newReportData(t)
	c1, c2 := r.contact(t), r.contact(t)
	r.leadTouch(t, c1, "meta", "meta", "fb", "spring", june(1, 9), false)
	r.engagement(t, c1, "clicked", "onboarding", june(2, 9), false)
	r.engagement(t, c1, "clicked", "onboarding", june(2, 10), true)
	r.engagement(t, c1, "opened", "", june(3, 8), false)
	r.engagement(t, c1, "replied", "", june(3, 9), false)
	d1 := r.deal(t, c1, r.ann, 6000, june(4, 0), time.Hour, "Qualification", june(4, 0), "Won", june(7, 0))
	r.activity(t, d1, "call", june(4, 9))
	r.activity(t, d1, "meeting", june(5, 9))
	r.activity(t, d1, "email", june(6, 9))
	r.activity(t, d1, "note", june(6, 10))
	r.leadTouch(t, c2, "meta", "meta", "fb", "spring", june(1, 9), true)
	r.leadTouch(t, c2, "google", "google", "gg", "brand", june(2, 9), false)
	r.deal(t, c2, r.ann, 1000, june(3, 0), time.Hour, "Qualification", june(3, 0), "Won", june(8, 0))
	st := store.New(r.pool)
	linear := func(by, touches string) []reporting.AttributionRow {
		return runReport(t, st, "attribution", reporting.Query{By: by, Model: "linear", Touches: touches, From: juneFrom, To: juneTo}).Attribution
	}

	// c1 has six touches (lead, click, reply, call, meeting, rep email):
	// 10.00 each; c2 one (its lead): 10.00.
	require.Equal(t, roundRows([]reporting.AttributionRow{
		{Key: "lead", Currency: "USD", Deals: 1 + 1.0/6, RevenueCents: 2000},
		{Key: "call", Currency: "USD", Deals: 1.0 / 6, RevenueCents: 1000},
		{Key: "email_click", Currency: "USD", Deals: 1.0 / 6, RevenueCents: 1000},
		{Key: "email_reply", Currency: "USD", Deals: 1.0 / 6, RevenueCents: 1000},
		{Key: "meeting", Currency: "USD", Deals: 1.0 / 6, RevenueCents: 1000},
		{Key: "rep_email", Currency: "USD", Deals: 1.0 / 6, RevenueCents: 1000},
	}), roundRows(linear("kind", "")))

	require.Equal(t, roundRows([]reporting.AttributionRow{
		{Key: "(none)", Currency: "USD", Deals: 3.0 / 6, RevenueCents: 3000},
		{Key: "brand", Currency: "USD", Deals: 1, RevenueCents: 1000},
		{Key: "onboarding", Currency: "USD", Deals: 1.0 / 6, RevenueCents: 1000},
		{Key: "spring", Currency: "USD", Deals: 1.0 / 6, RevenueCents: 1000},
		{Key: "welcome", Currency: "USD", Deals: 1.0 / 6, RevenueCents: 1000},
	}), roundRows(linear("utm_campaign", "all")), "a click's campaign is its email's program, a reply's its template (no program); rep activities have none")

	require.Equal(t, roundRows([]reporting.AttributionRow{
		{Key: "sales", Currency: "USD", Deals: 3.0 / 6, RevenueCents: 3000},
		{Key: "email", Currency: "USD", Deals: 2.0 / 6, RevenueCents: 2000},
		{Key: "google", Currency: "USD", Deals: 1, RevenueCents: 1000},
		{Key: "meta", Currency: "USD", Deals: 1.0 / 6, RevenueCents: 1000},
	}), roundRows(linear("source", "all")))

	require.Equal(t, []reporting.AttributionRow{
		{Key: "spring", Currency: "USD", Deals: 1, RevenueCents: 6000},
		{Key: "brand", Currency: "USD", Deals: 1, RevenueCents: 1000},
	}, roundRows(linear("utm_campaign", "leads")), "lead webhooks only: the report before 2026-12")

	_, err := reporting.Run(context.Background(), st, "attribution", reporting.Query{Touches: "some"})
	var re *reporting.Error
	require.ErrorAs(t, err, &re)
	require.Equal(t, "touches", re.Field)
	_, err = reporting.Run(context.Background(), st, "funnel", reporting.Query{By: "kind"})
	require.ErrorAs(t, err, &re)
	require.Equal(t, "by", re.Field, "kind groups attribution only: every lead is a lead touch")
}

// roundRows rounds credited figures to 1e-9, as float sums of shares are.
func roundRows(rows []reporting.AttributionRow) []reporting.AttributionRow {
	for i := range rows {
		rows[i].Deals = math.Round(rows[i].Deals*1e9) / 1e9
		rows[i].RevenueCents = math.Round(rows[i].RevenueCents*1e9) / 1e9
	}
	return rows
}

// TestAttributionModels checks each model on one hand-computed deal, and
// the edge cases docs/reports.md defines. The deal (100.00, by kind):
//
//	email_click June 1 (first touch), lead June 2 (lead creation),
//	call June 3 (deal creation: the deal opens June 3 12:00), meeting June 4;
//	won June 5 00:00.
func TestAttributionModels(t *testing.T) {
	t.Parallel()
	r := newReportData(t)
	c := r.contact(t)
	r.engagement(t, c, "clicked", "", june(1, 0), false)
	r.leadTouch(t, c, "web", "web", "", "", june(2, 0), false)
	d := r.deal(t, c, r.ann, 10000, june(3, 12), time.Hour, "Qualification", june(3, 12), "Won", june(5, 0))
	r.activity(t, d, "call", june(3, 0))
	r.activity(t, d, "meeting", june(4, 0))
	st := store.New(r.pool)
	credit := func(model string, halfLife time.Duration) map[string]float64 {
		rows := runReport(t, st, "attribution", reporting.Query{By: "kind", Model: model, HalfLife: halfLife, From: juneFrom, To: juneTo}).Attribution
		got := map[string]float64{}
		for _, row := range roundRows(rows) {
			got[row.Key] = row.RevenueCents
		}
		return got
	}
	// Time decay at a one-day half-life: ages 4, 3, 2 and 1 days give
	// weights 1/16, 1/8, 1/4, 1/2 (sum 15/16): 1/15, 2/15, 4/15, 8/15.
	third := func(n float64) float64 { return math.Round(n*10000/15*1e9) / 1e9 }
	for _, tc := range []struct {
		model    string
		halfLife time.Duration
		want     map[string]float64
	}{
		{model: "first", want: map[string]float64{"email_click": 10000}},
		{model: "last", want: map[string]float64{"meeting": 10000}},
		{model: "linear", want: map[string]float64{"email_click": 2500, "lead": 2500, "call": 2500, "meeting": 2500}},
		{model: "u_shaped", want: map[string]float64{"email_click": 4000, "lead": 4000, "call": 1000, "meeting": 1000}},
		{model: "w_shaped", want: map[string]float64{"email_click": 3000, "lead": 3000, "call": 3000, "meeting": 1000}},
		{model: "time_decay", halfLife: 24 * time.Hour, want: map[string]float64{"email_click": third(1), "lead": third(2), "call": third(4), "meeting": third(8)}},
		{model: "time_decay", want: map[string]float64{ // 7 days: 2^(-k/7) for k = 3, 2, 1, 0 days before the meeting
			"email_click": decayShare(3), "lead": decayShare(2), "call": decayShare(1), "meeting": decayShare(0)}},
	} {
		t.Run(tc.model+" "+tc.halfLife.String(), func(t *testing.T) {
			require.InDeltaMapValues(t, tc.want, credit(tc.model, tc.halfLife), 1e-6)
		})
	}
}

// decayShare is the share of 100.00 of a touch k days before the latest of
// four touches 0..3 days apart, at the default 7-day half-life.
func decayShare(k float64) float64 {
	sum := 0.0
	for i := 0.0; i < 4; i++ {
		sum += math.Pow(2, -i/7)
	}
	return 10000 * math.Pow(2, -k/7) / sum
}

// TestAttributionModelEdgeCases: one touch takes everything under every
// model; two touches split as docs/reports.md says.
func TestAttributionModelEdgeCases(t *testing.T) {
	t.Parallel()
	r := newReportData(t)
	one := r.contact(t)
	r.leadTouch(t, one, "web", "web", "", "one", june(1, 0), false)
	r.deal(t, one, r.ann, 10000, june(1, 1), time.Hour, "Qualification", june(1, 1), "Won", june(2, 0))
	// First touch = lead creation (a), then a click (b); the deal opens
	// after the click, so it is the deal-creation touch.
	two := r.contact(t)
	r.leadTouch(t, two, "web", "web", "", "a", june(10, 0), false)
	r.engagement(t, two, "clicked", "b", june(11, 0), false)
	r.deal(t, two, r.ann, 9000, june(11, 1), time.Hour, "Qualification", june(11, 1), "Won", june(12, 0))
	// A click (c) before the lead webhook (d), deal after both.
	clickFirst := r.contact(t)
	r.engagement(t, clickFirst, "clicked", "c", june(20, 0), false)
	r.leadTouch(t, clickFirst, "web", "web", "", "d", june(21, 0), false)
	r.deal(t, clickFirst, r.ann, 8000, june(21, 1), time.Hour, "Qualification", june(21, 1), "Won", june(22, 0))
	st := store.New(r.pool)

	for _, tc := range []struct {
		model string
		want  map[string]float64
	}{
		{model: "first", want: map[string]float64{"one": 10000, "a": 9000, "c": 8000}},
		{model: "last", want: map[string]float64{"one": 10000, "b": 9000, "d": 8000}},
		{model: "linear", want: map[string]float64{"one": 10000, "a": 4500, "b": 4500, "c": 4000, "d": 4000}},
		// a is first and lead creation: 40 + 40 %; b is the rest: 20 %.
		// c first, d lead creation, no rest: 40 : 40, so half each.
		{model: "u_shaped", want: map[string]float64{"one": 10000, "a": 7200, "b": 1800, "c": 4000, "d": 4000}},
		// a first and lead creation (60 %), b deal creation (30 %), no
		// rest: 2/3 and 1/3. c first (30 %), d lead and deal creation (60 %).
		{model: "w_shaped", want: map[string]float64{"one": 10000, "a": 6000, "b": 3000, "c": 8000.0 / 3, "d": 16000.0 / 3}},
		// One day apart at a 7-day half-life: 2^(-1/7) : 1.
		{model: "time_decay", want: map[string]float64{"one": 10000,
			"a": 9000 * math.Pow(2, -1.0/7) / (1 + math.Pow(2, -1.0/7)), "b": 9000 / (1 + math.Pow(2, -1.0/7)),
			"c": 8000 * math.Pow(2, -1.0/7) / (1 + math.Pow(2, -1.0/7)), "d": 8000 / (1 + math.Pow(2, -1.0/7))}},
	} {
		t.Run(tc.model, func(t *testing.T) {
			rows := runReport(t, st, "attribution", reporting.Query{By: "utm_campaign", Model: tc.model, From: juneFrom, To: juneTo}).Attribution
			got := map[string]float64{}
			for _, row := range rows {
				got[row.Key] = row.RevenueCents
			}
			require.InDeltaMapValues(t, tc.want, got, 1e-6)
		})
	}
}

// TestAttributionCreditSumsToAmount generates contacts with random touches
// of every kind, deals opened and won at random times, and checks for
// every model that each deal's credit sums to its amount and one deal.
// Each deal is won on its own day, and credits come per day of the win.
func TestAttributionCreditSumsToAmount(t *testing.T) {
	t.Parallel()
	r := newReportData(t)
	rng := rand.New(rand.NewPCG(20, 26))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	amounts := map[string]int64{} // by day of the win
	campaigns := []string{"spring", "Spring ", "", "brand", "BRAND"}
	for i := range 60 {
		c := r.contact(t)
		at := start.Add(time.Duration(rng.IntN(30*24)) * time.Hour)
		n := 1 + rng.IntN(6)
		var touches []time.Time
		for range n {
			touches = append(touches, at)
			switch rng.IntN(4) {
			case 0, 1:
				r.leadTouch(t, c, "web", "web", "", campaigns[rng.IntN(len(campaigns))], at, rng.IntN(8) == 0)
			case 2:
				r.engagement(t, c, []string{"clicked", "replied"}[rng.IntN(2)], campaigns[rng.IntN(len(campaigns))], at, false)
			default:
				r.leadTouch(t, c, "meta", "meta", "fb", "", at, false)
			}
			at = at.Add(time.Duration(1+rng.IntN(200)) * time.Hour)
		}
		opened := touches[rng.IntN(len(touches))].Add(30 * time.Minute)
		won := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, i) // after every touch, one deal a day
		amount := int64(1 + rng.IntN(1_000_000))
		d := r.deal(t, c, r.ann, amount, opened, time.Hour, "Qualification", opened, "Won", won)
		for range rng.IntN(3) {
			r.activity(t, d, []string{"call", "meeting", "email"}[rng.IntN(3)], opened.Add(time.Duration(rng.IntN(48))*time.Hour))
		}
		amounts[won.Format(time.DateOnly)] = amount
	}
	st := store.New(r.pool)
	var left int // deals with only test touches are left out
	for _, model := range reporting.AttributionModels {
		for _, touches := range reporting.TouchSets {
			t.Run(model+" "+touches, func(t *testing.T) {
				credits, err := st.AttributionCredits(context.Background(), reporting.AttributionQuery{Model: model, By: "utm_campaign",
					Touches: touches, HalfLife: reporting.DefaultHalfLife, From: start, To: start.AddDate(1, 0, 0)})
				require.NoError(t, err)
				cents, deals := map[string]float64{}, map[string]float64{}
				for _, c := range credits {
					day := c.Day.Format(time.DateOnly)
					cents[day] += c.Cents
					deals[day] += c.Deals
					require.GreaterOrEqual(t, c.Cents, 0.0)
				}
				require.GreaterOrEqual(t, len(cents), len(amounts)-10, "most deals have a credited touch")
				for day, sum := range cents {
					require.InDelta(t, float64(amounts[day]), sum, 1e-6*float64(amounts[day]), "deal won %s", day)
					require.InDelta(t, 1, deals[day], 1e-9, "deal won %s", day)
				}
				left = len(amounts) - len(cents)
			})
		}
	}
	t.Logf("%d deals had no credited touch", left)
}
