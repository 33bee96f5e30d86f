package reporting

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const campaignHeader = "campaign,currency,spend,leads,mqls,deals,won,cost_per_lead,cost_per_mql,cost_per_deal,cost_per_won," +
	"revenue_first,revenue_last,revenue_linear,roas_first,roas_last,roas_linear,pipeline,pipeline_per_spend,payback_days,status\n"

// fakeSource answers every report with one row and records its arguments.
type fakeSource struct{ got []string }

func (f *fakeSource) FunnelGroups(_ context.Context, by string, _, _ time.Time) ([]FunnelGroup, error) {
	f.got = append(f.got, "funnel "+by)
	return []FunnelGroup{{Row: FunnelRow{Key: "web", Leads: 4, Won: 1}, Won: []Amount{{Currency: "USD", Cents: 12000}}}}, nil
}

func (f *fakeSource) StageConversion(_ context.Context, pipeline string, _, _ time.Time) ([]StageRow, error) {
	f.got = append(f.got, "stages "+pipeline)
	return []StageRow{{Stage: "New", Kind: "open", Reached: 2, ReachedNext: 1, Conversion: 0.5}}, nil
}

func (f *fakeSource) AttributionCredits(_ context.Context, q AttributionQuery) ([]Credit, error) {
	f.got = append(f.got, "attribution "+q.Model+" "+q.By+" "+q.Touches+" "+q.HalfLife.String())
	return []Credit{{Group: "web", Name: "web", Currency: "USD", Deals: 0.5, Cents: 6000}}, nil
}

func (f *fakeSource) RepGroups(context.Context, time.Time, time.Time) ([]RepGroup, error) {
	f.got = append(f.got, "reps")
	half := 1.5
	return []RepGroup{{Row: RepRow{RepID: 1, Name: "Ann", Assigned: 2, MedianFirstTouchMinutes: &half}}}, nil
}

func (f *fakeSource) ArrivalScores(context.Context, time.Time, time.Time) ([]ScoreGroup, error) {
	f.got = append(f.got, "pareto")
	high, low := 90, 10
	return []ScoreGroup{{Score: &low, Leads: 9, Won: 1, Revenue: usd(1000)}, {Score: &high, Leads: 1, Won: 1, Revenue: usd(9000)}}, nil
}

func (f *fakeSource) CampaignFacts(_ context.Context, _, _, fromDay, toDay time.Time) ([]CampaignFact, error) {
	f.got = append(f.got, "campaigns "+fromDay.Format(time.DateOnly)+" "+toDay.Format(time.DateOnly))
	return []CampaignFact{
		{Key: "spring", Name: "Spring", Leads: 4, MQLs: 2, Deals: 1, Won: 1},
		{Key: "spring", Name: "Spring", Currency: "USD", Spent: true, SpendMicros: 200_000_000},
		{Key: "spring", Name: "Spring", Currency: "USD", FirstCents: 50000, LastCents: 50000, LinearCents: 50000},
		{Key: "idle", Name: "Idle", Currency: "USD", Spent: true, SpendMicros: 10_000_000},
	}, nil
}

func (f *fakeSource) RatesFor(_ context.Context, currency string) ([]Rate, error) {
	f.got = append(f.got, "rates "+currency)
	return nil, nil
}

func TestRunAppliesDefaultsAndRenders(t *testing.T) {
	tests := []struct {
		name  string
		q     Query
		call  string
		table string
		csv   string
	}{
		{name: "funnel", call: "funnel source",
			csv: "key,leads,mqls,deals,won,lost,won_rate,currency,revenue,median_days_to_close,p90_days_to_close\nweb,4,0,0,1,0,0.250,USD,120.00,,\n"},
		{name: "stages", q: Query{Pipeline: "Sales"}, call: "stages Sales",
			csv: "stage,kind,reached,reached_next,conversion,median_hours_in_stage\nNew,open,2,1,0.500,\n"},
		{name: "attribution", q: Query{By: "channel"}, call: "attribution linear channel all 168h0m0s",
			csv: "key,currency,deals,revenue\nweb,USD,0.50,60.00\n"},
		{name: "reps", call: "reps",
			csv: "rep,assigned,median_first_touch_minutes,won,currency,won_revenue,sla_breaches\nAnn,2,1.5,0,,0.00,0\n"},
		{name: "pareto", call: "pareto",
			csv: "top,leads,lead_share,won,won_share,currency,revenue,revenue_share,lift,won_lift,min_score\n" +
				"top 10%,1.0,0.100,1.0,0.500,USD,90.00,0.900,9.00,5.00,90\n" +
				"top 20%,2.0,0.200,1.1,0.556,USD,91.11,0.911,4.56,2.78,10\n" +
				"top 50%,5.0,0.500,1.4,0.722,USD,94.44,0.944,1.89,1.44,10\n" +
				"all,10.0,1.000,2.0,1.000,USD,100.00,1.000,1.00,1.00,10\n"},
		{name: "roas", q: Query{From: time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 1, 3, 0, 0, 0, time.UTC),
			Location: time.FixedZone("UTC-3", -3*3600)}, call: "campaigns 2026-03-01 2026-04-01",
			csv: campaignHeader + "Spring,USD,200.00,4,2,1,1,50.00,100.00,200.00,200.00,500.00,500.00,500.00,2.50,2.50,2.50,0.00,0.00,0,\n" +
				"Idle,USD,10.00,0,0,0,0,,,,,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,not yet,\"spend, no leads\"\n"},
		{name: "cut", q: Query{Days: 7, Now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}, call: "campaigns 2026-03-04 2026-03-11",
			csv: campaignHeader + "Idle,USD,10.00,0,0,0,0,,,,,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,not yet,\"spend, no leads\"\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := &fakeSource{}
			res, err := Run(context.Background(), src, tc.name, tc.q)
			require.NoError(t, err)
			require.Equal(t, []string{tc.call}, src.got)
			var out bytes.Buffer
			require.NoError(t, Write(&out, "csv", res))
			require.Equal(t, tc.csv, out.String())
			out.Reset()
			require.NoError(t, Write(&out, "table", res))
			require.Contains(t, out.String(), "\n")
		})
	}
}

func TestRunRefusesUnknownReport(t *testing.T) {
	_, err := Run(context.Background(), &fakeSource{}, "cohorts", Query{})
	var re *Error
	require.True(t, errors.As(err, &re))
	require.Equal(t, "name", re.InvalidField())
	require.Equal(t, `unknown name "cohorts" (one of: funnel, stages, attribution, reps, pareto, roas, cut)`, err.Error())
}

func TestLoadHistory(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o600))
		return p
	}
	leads := write("leads.csv", "\ufeffid;origin;first\n a ;web;2018-02-01\nb;ads;2018-02-02T10:00:00\n")
	won := write("won.csv", "id,won_date,amount\nb,2018-02-26 19:58:54,12.345\n")
	cols := HistoryFiles{Leads: leads, ID: "id", Source: "origin", At: "first", Won: won, WonID: "id", WonAt: "won_date", Amount: "amount"}
	got, err := LoadHistory(cols)
	require.NoError(t, err)
	require.Equal(t, []HistoricLead{
		{ExternalID: "a", Source: "web", At: time.Date(2018, 2, 1, 0, 0, 0, 0, time.UTC)},
		{ExternalID: "b", Source: "ads", At: time.Date(2018, 2, 2, 10, 0, 0, 0, time.UTC),
			WonAt: time.Date(2018, 2, 26, 19, 58, 54, 0, time.UTC), AmountCents: 1235},
	}, got)

	tests := []struct {
		name string
		edit func(*HistoryFiles)
		want string
	}{
		{name: "missing column", edit: func(h *HistoryFiles) { h.Source = "source" }, want: `--source-col: no column "source" in the file`},
		{name: "bad date", edit: func(h *HistoryFiles) { h.At = "origin" }, want: `--at-col "origin", line 2: expected a date`},
		{name: "unknown won id", edit: func(h *HistoryFiles) { h.Leads = write("one.csv", "id;origin;first\na;web;2018-02-01\n") }, want: `--won line 2: id "b" is not in the leads file`},
		{name: "bad amount", edit: func(h *HistoryFiles) { h.Amount = "won_date" }, want: `--amount "won_date", line 2: expected a number`},
		{name: "missing file", edit: func(h *HistoryFiles) { h.Leads = filepath.Join(dir, "none.csv") }, want: "--history: open"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := cols
			tc.edit(&h)
			_, err := LoadHistory(h)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestParseHalfLife(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{in: "", want: 7 * 24 * time.Hour, ok: true},
		{in: "7", want: 7 * 24 * time.Hour, ok: true},
		{in: "3.5d", want: 84 * time.Hour, ok: true},
		{in: "36h", want: 36 * time.Hour, ok: true},
		{in: "90m", want: 90 * time.Minute, ok: true},
		{in: "3650", want: 3650 * 24 * time.Hour, ok: true},
		{in: "0"}, {in: "-1d"}, {in: "3651d"}, {in: "NaN"}, {in: "Inf"}, {in: "soon"}, {in: "-2h"}, {in: "1e300"}, {in: "d"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseHalfLife(tc.in)
			if !tc.ok {
				var re *Error
				require.ErrorAs(t, err, &re)
				require.Equal(t, "half_life", re.InvalidField())
				require.Contains(t, err.Error(), "at most 3650 days")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

// FuzzParseHalfLife: any --half-life / half_life text is a half-life in
// (0, 3650 days] or an *Error naming the field, never a panic.
func FuzzParseHalfLife(f *testing.F) {
	for _, s := range []string{"", "7", "3.5d", "36h", "0", "-1d", "NaN", "1e308d", "9223372036854775807ns", "1h1m1s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseHalfLife(s)
		if err != nil {
			var re *Error
			require.ErrorAs(t, err, &re)
			require.Equal(t, "half_life", re.Field)
			return
		}
		require.Positive(t, d)
		require.LessOrEqual(t, d, 3650*24*time.Hour)
	})
}

// TestRowsKeepCurrenciesApart: amounts in two currencies are two rows
// with the group's counts, converted they are one; the conversion is the
// roas report's (a missing rate names the pair and day).
func TestRowsKeepCurrenciesApart(t *testing.T) {
	june10 := time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC)
	groups := []FunnelGroup{
		{Row: FunnelRow{Key: "Spring", Leads: 4, Won: 2}, Won: []Amount{{Currency: "USD", Day: june10, Cents: 1000}, {Currency: "EUR", Day: june10, Cents: 2000},
			{Currency: "USD", Day: june10.AddDate(0, 0, 1), Cents: 500}}},
		{Row: FunnelRow{Key: "(none)", Leads: 1}},
	}
	rows, err := FunnelRows(groups, nil)
	require.NoError(t, err)
	require.Equal(t, []FunnelRow{
		{Key: "Spring", Currency: "EUR", Leads: 4, Won: 2, WonRate: 0.5, RevenueCents: 2000},
		{Key: "Spring", Currency: "USD", Leads: 4, Won: 2, WonRate: 0.5, RevenueCents: 1500},
		{Key: "(none)", Leads: 1},
	}, rows)

	conv, err := newConverter("USD", []Rate{{Currency: "EUR", Quote: "USD", Day: june10, Rate: "1.25"}})
	require.NoError(t, err)
	rows, err = FunnelRows(groups, conv)
	require.NoError(t, err)
	require.Equal(t, []FunnelRow{
		{Key: "Spring", Currency: "USD", Leads: 4, Won: 2, WonRate: 0.5, RevenueCents: 4000},
		{Key: "(none)", Currency: "USD", Leads: 1},
	}, rows)

	conv, err = newConverter("EUR", []Rate{{Currency: "EUR", Quote: "USD", Day: june10, Rate: "1.25"}})
	require.NoError(t, err)
	_, err = FunnelRows(groups, conv)
	var rateErr *RateError
	require.ErrorAs(t, err, &rateErr)
	require.Equal(t, RateError{Currency: "USD", Quote: "EUR", Day: june10.AddDate(0, 0, 1)}, *rateErr)

	credits := []Credit{
		{Group: "spring", Name: "spring", At: june10, Currency: "USD", Day: june10, Deals: 0.5, Cents: 500},
		{Group: "spring", Name: "Spring", At: june10.Add(-time.Hour), Currency: "USD", Day: june10, Deals: 0.25, Cents: 250},
		{Group: "spring", Name: "spring", At: june10, Currency: "EUR", Day: june10, Deals: 1, Cents: 100},
	}
	attribution, err := AttributionRows(credits, nil)
	require.NoError(t, err)
	require.Equal(t, []AttributionRow{{Key: "Spring", Currency: "EUR", Deals: 1, RevenueCents: 100}, {Key: "Spring", Currency: "USD", Deals: 0.75, RevenueCents: 750}}, attribution)

	reps, err := RepRows([]RepGroup{{Row: RepRow{Name: "Ann", Won: 1}, Won: []Amount{{Currency: "USD", Day: june10, Cents: math.MaxInt64}, {Currency: "USD", Day: june10, Cents: math.MaxInt64}}}}, nil)
	require.NoError(t, err)
	require.Equal(t, int64(math.MaxInt64), reps[0].WonRevenueCents, "a sum past int64 stops at its maximum")
}
