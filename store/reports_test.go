package store_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/reporting"
	"leadflow/store"
)

// reportData is a small known dataset, written with plain SQL so the
// reports are checked against the tables and not against other store code.
type reportData struct {
	pool     *pgxpool.Pool
	ann, bob int64
	events   int
}

func day(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }

func (r *reportData) id(t *testing.T, query string, args ...any) int64 {
	t.Helper()
	var id int64
	require.NoError(t, r.pool.QueryRow(context.Background(), query, args...).Scan(&id))
	return id
}

func (r *reportData) exec(t *testing.T, query string, args ...any) {
	t.Helper()
	_, err := r.pool.Exec(context.Background(), query, args...)
	require.NoError(t, err)
}

func (r *reportData) contact(t *testing.T) int64 {
	return r.id(t, `INSERT INTO contacts DEFAULT VALUES RETURNING id`)
}

// touch adds a touchpoint from the connector named after the source.
func (r *reportData) touch(t *testing.T, contact int64, source, campaign string, at time.Time, isTest bool) {
	t.Helper()
	r.events++
	ev := r.id(t, `INSERT INTO inbound_events (connector, source, event_id, payload) VALUES ($1, $2, $3, '{}') RETURNING id`,
		source+"-conn", source, "ev-"+string(rune('a'+r.events)))
	r.exec(t, `INSERT INTO touchpoints (contact_id, inbound_event_id, source, channel, utm_campaign, is_test, occurred_at)
		VALUES ($1, $2, $3, 'paid', $4, $5, $6)`, contact, ev, source, campaign, isTest, at)
}

func (r *reportData) score(t *testing.T, contact int64, band string, at time.Time) {
	t.Helper()
	r.exec(t, `INSERT INTO scores (contact_id, total, band, model_version, breakdown, computed_at) VALUES ($1, 50, $2, 'v1', '{}', $3)`,
		contact, band, at)
}

// deal opens a Sales deal and walks it through stages (name, entered at);
// the last stage is where it stays.
func (r *reportData) deal(t *testing.T, contact, owner, amount int64, created time.Time, firstTouch time.Duration, path ...any) int64 {
	t.Helper()
	last := path[len(path)-2].(string)
	var closed *time.Time
	if last == "Won" || last == "Lost" {
		at := path[len(path)-1].(time.Time)
		closed = &at
	}
	id := r.id(t, `
		INSERT INTO deals (contact_id, pipeline_id, stage_id, owner_rep_id, amount_cents, created_at, first_contacted_at, closed_at)
		SELECT $1, p.id, st.id, $2, $3, $4, $5, $6 FROM pipelines p JOIN stages st ON st.pipeline_id = p.id
		WHERE p.name = 'Sales' AND st.name = $7 RETURNING id`, contact, owner, amount, created, created.Add(firstTouch), closed, last)
	for i := 0; i < len(path); i += 2 {
		r.exec(t, `INSERT INTO deal_stage_history (deal_id, to_stage_id, changed_at)
			SELECT $1, st.id, $3 FROM stages st JOIN pipelines p ON p.id = st.pipeline_id WHERE p.name = 'Sales' AND st.name = $2`,
			id, path[i], path[i+1])
	}
	return id
}

// seedReports builds four leads in March 2026 plus one from 2025 and one
// test-only contact:
//
//	c1 spring (meta) → brand (google); hot; won 10000 after 10 days (Ann)
//	c2 spring (meta); hot; lost 5000 (Bob, rerouted from Ann: one breach)
//	c3 brand (google); warm; no deal
//	c4 brand (google) → spring (meta), and spring again after the win; hot; won 30000 after 7 days (Ann)
func seedReports(t *testing.T) *reportData {
	t.Helper()
	r := &reportData{pool: testenv.Pool(t)}
	r.ann = r.id(t, `INSERT INTO reps (name, email) VALUES ('Ann', 'ann@reps.example.com') RETURNING id`)
	r.bob = r.id(t, `INSERT INTO reps (name, email) VALUES ('Bob', 'bob@reps.example.com') RETURNING id`)
	r.id(t, `INSERT INTO reps (name, email) VALUES ('Idle', 'idle@reps.example.com') RETURNING id`)

	c1 := r.contact(t)
	r.touch(t, c1, "meta", "spring", day(1, 10), false)
	r.touch(t, c1, "google", "brand", day(5, 10), false)
	r.score(t, c1, "hot", day(2, 0))
	r.deal(t, c1, r.ann, 10000, day(6, 0), 30*time.Minute, "Qualification", day(6, 0), "Negotiation", day(8, 0), "Won", day(16, 0))

	c2 := r.contact(t)
	r.touch(t, c2, "meta", "spring", day(3, 10), false)
	r.score(t, c2, "warm", day(3, 10))
	r.score(t, c2, "hot", day(3, 11))
	d2 := r.deal(t, c2, r.bob, 5000, day(4, 0), 90*time.Minute, "Qualification", day(4, 0), "Lost", day(10, 0))
	r.exec(t, `INSERT INTO routing_decisions (contact_id, deal_id, kind, rep_id, created_at) VALUES ($1, $2, 'assign', $3, $4), ($1, $2, 'reroute', $5, $6)`,
		c2, d2, r.ann, day(4, 0), r.bob, day(4, 1))

	c3 := r.contact(t)
	r.touch(t, c3, "google", "brand", day(4, 10), false)
	r.score(t, c3, "warm", day(4, 10))

	c4 := r.contact(t)
	r.touch(t, c4, "google", "brand", day(2, 10), false)
	r.touch(t, c4, "meta", "spring", day(10, 10), false)
	r.touch(t, c4, "meta", "spring", day(20, 10), false)
	r.score(t, c4, "hot", day(10, 10))
	r.deal(t, c4, r.ann, 30000, day(11, 0), time.Hour, "Qualification", day(11, 0), "Won", day(18, 0))

	old := r.contact(t)
	r.touch(t, old, "meta", "spring", time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), false)
	testOnly := r.contact(t)
	r.touch(t, testOnly, "meta", "spring", day(5, 0), true)
	return r
}

var (
	year2026From = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	year2026To   = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
)

func TestReports(t *testing.T) {
	t.Parallel()
	r := seedReports(t)
	st := store.New(r.pool)
	ctx := context.Background()

	t.Run("funnel", func(t *testing.T) {
		rows, err := st.Funnel(ctx, "utm_campaign", year2026From, year2026To)
		require.NoError(t, err)
		require.Equal(t, []reporting.FunnelRow{
			{Key: "brand", Currency: "USD", Leads: 2, MQLs: 1, Deals: 1, Won: 1, WonRate: 0.5, RevenueCents: 30000, MedianDaysToClose: ptr(7.0), P90DaysToClose: ptr(7.0)},
			{Key: "spring", Currency: "USD", Leads: 2, MQLs: 2, Deals: 2, Won: 1, Lost: 1, WonRate: 0.5, RevenueCents: 10000, MedianDaysToClose: ptr(10.0), P90DaysToClose: ptr(10.0)},
		}, rows)

		rows, err = st.Funnel(ctx, "connector", time.Time{}, time.Time{})
		require.NoError(t, err)
		require.Len(t, rows, 2)
		require.Equal(t, "meta-conn", rows[0].Key, "unbounded: the 2025 lead counts too")
		require.EqualValues(t, 3, rows[0].Leads)
		require.Equal(t, ptr(10.0), rows[0].MedianDaysToClose, "the first deal of a meta-first contact")
	})

	t.Run("funnel refuses an unknown key", func(t *testing.T) {
		_, err := st.Funnel(ctx, "utm_campaign; DROP TABLE contacts", year2026From, year2026To)
		var re *reporting.Error
		require.ErrorAs(t, err, &re)
		require.Equal(t, "by", re.InvalidField())
	})

	t.Run("stage conversion", func(t *testing.T) {
		rows, err := st.StageConversion(ctx, "", year2026From, year2026To)
		require.NoError(t, err)
		require.Len(t, rows, 7)
		byName := map[string]reporting.StageRow{}
		for _, row := range rows {
			byName[row.Stage] = row
		}
		q := byName["Qualification"]
		require.EqualValues(t, 3, q.Reached)
		require.EqualValues(t, 2, q.ReachedNext, "a move to Lost is not progress")
		require.InDelta(t, 2.0/3, q.Conversion, 1e-9)
		require.Equal(t, ptr(144.0), q.MedianHoursInStage, "48h, 144h, 168h")
		n := byName["Negotiation"]
		require.Equal(t, reporting.StageRow{Stage: "Negotiation", Position: 5, Kind: "open", Reached: 1, ReachedNext: 1, Conversion: 1, MedianHoursInStage: ptr(192.0)}, n)
		require.EqualValues(t, 2, byName["Won"].Reached)
		require.Nil(t, byName["Won"].MedianHoursInStage)
		require.EqualValues(t, 1, byName["Lost"].Reached)
		require.Zero(t, byName["Prospecting"].Reached)

		_, err = st.StageConversion(ctx, "Nope", year2026From, year2026To)
		var re *reporting.Error
		require.ErrorAs(t, err, &re)
		require.Equal(t, "pipeline", re.Field)
	})

	t.Run("attribution", func(t *testing.T) {
		for _, tc := range []struct {
			name  string
			model string
			want  []reporting.AttributionRow
		}{
			{name: "first touch", model: "first", want: []reporting.AttributionRow{{Key: "brand", Currency: "USD", Deals: 1, RevenueCents: 30000}, {Key: "spring", Currency: "USD", Deals: 1, RevenueCents: 10000}}},
			{name: "last touch before the win", model: "last", want: []reporting.AttributionRow{{Key: "spring", Currency: "USD", Deals: 1, RevenueCents: 30000}, {Key: "brand", Currency: "USD", Deals: 1, RevenueCents: 10000}}},
			{name: "linear", model: "linear", want: []reporting.AttributionRow{{Key: "brand", Currency: "USD", Deals: 1, RevenueCents: 20000}, {Key: "spring", Currency: "USD", Deals: 1, RevenueCents: 20000}}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				rows, err := st.Attribution(ctx, tc.model, "utm_campaign", year2026From, year2026To)
				require.NoError(t, err)
				require.Equal(t, tc.want, rows)
			})
		}
		_, err := st.Attribution(ctx, "u-shaped", "utm_campaign", year2026From, year2026To)
		var re *reporting.Error
		require.ErrorAs(t, err, &re)
		require.Equal(t, "model", re.Field)
	})

	t.Run("rep leaderboard", func(t *testing.T) {
		rows, err := st.RepLeaderboard(ctx, year2026From, year2026To)
		require.NoError(t, err)
		require.Equal(t, []reporting.RepRow{
			{RepID: r.ann, Name: "Ann", Currency: "USD", Assigned: 2, MedianFirstTouchMinutes: ptr(45.0), Won: 2, WonRevenueCents: 40000, SLABreaches: 1},
			{RepID: r.bob, Name: "Bob", Assigned: 1, MedianFirstTouchMinutes: ptr(90.0)},
		}, rows)
	})
}

// BenchmarkFunnel100k times Funnel over 100k synthetic contacts.
func BenchmarkFunnel100k(b *testing.B) {
	pool := testenv.Pool(b)
	ctx := context.Background()
	_, err := pool.Exec(ctx, `
		INSERT INTO contacts (first_name) SELECT 'c' FROM generate_series(1, 100000);
		INSERT INTO inbound_events (connector, source, event_id, payload)
			SELECT 'generic', 'web', 'e' || c.id, '' FROM contacts c;
		INSERT INTO touchpoints (contact_id, inbound_event_id, source, utm_campaign, occurred_at)
			SELECT e.id, e.id, 'web', 'camp' || (e.id % 20), timestamptz '2026-01-01' + e.id * interval '1 minute' FROM inbound_events e;
		INSERT INTO scores (contact_id, total, band, model_version, breakdown, computed_at)
			SELECT id, 80, CASE WHEN id % 3 = 0 THEN 'hot' ELSE 'cold' END, 'v1', '{}', timestamptz '2026-02-01' FROM contacts;
		INSERT INTO deals (contact_id, pipeline_id, stage_id, amount_cents, created_at, closed_at)
			SELECT c.id, p.id, st.id, 1000, timestamptz '2026-02-01', timestamptz '2026-02-01' + (c.id % 30) * interval '1 day'
			FROM contacts c, pipelines p JOIN stages st ON st.pipeline_id = p.id AND st.kind = 'won' WHERE p.is_default AND c.id % 10 = 0;
		ANALYZE;`)
	require.NoError(b, err)
	st := store.New(pool)
	from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for b.Loop() {
		rows, err := st.Funnel(ctx, "utm_campaign", from, to)
		require.NoError(b, err)
		require.Len(b, rows, 20)
	}
}

// TestArrivalScores: leads are grouped by their first score, not their
// latest; leads without a score form their own group; the window is the
// first touch's.
func TestArrivalScores(t *testing.T) {
	t.Parallel()
	r := &reportData{pool: testenv.Pool(t)}
	ctx := context.Background()
	scoreAt := func(contact int64, total int, at time.Time) {
		r.exec(t, `INSERT INTO scores (contact_id, total, band, model_version, breakdown, computed_at) VALUES ($1, $2, 'warm', 'v1', '{}', $3)`,
			contact, total, at)
	}
	closeDeal := func(contact int64, stage string, amount int64) {
		r.exec(t, `INSERT INTO deals (contact_id, pipeline_id, stage_id, amount_cents, created_at, closed_at)
			SELECT $1, p.id, st.id, $2, $3, $3 FROM pipelines p JOIN stages st ON st.pipeline_id = p.id
			WHERE p.name = 'Sales' AND st.name = $4`, contact, amount, day(20, 0), stage)
	}
	a, b, c, d, e := r.contact(t), r.contact(t), r.contact(t), r.contact(t), r.contact(t)
	for _, ct := range []int64{a, b, c, d} {
		r.touch(t, ct, "web", "spring", day(2, 9), false)
	}
	r.touch(t, e, "web", "spring", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), false)
	scoreAt(a, 90, day(2, 9))
	scoreAt(a, 20, day(9, 9)) // a later rescoring: not the score at arrival
	scoreAt(b, 50, day(2, 9))
	scoreAt(c, 50, day(2, 9))
	scoreAt(e, 10, day(2, 9))
	closeDeal(a, "Won", 30000)
	closeDeal(b, "Won", 10000)
	closeDeal(c, "Lost", 5000)
	closeDeal(d, "Won", 7000)

	st := store.New(r.pool)
	groups, err := st.ArrivalScores(ctx, year2026From, year2026To)
	require.NoError(t, err)
	won := day(20, 0).UTC()
	won = time.Date(won.Year(), won.Month(), won.Day(), 0, 0, 0, 0, time.UTC) // the win's UTC day
	usd := func(cents float64) []reporting.Amount {
		return []reporting.Amount{{Currency: "USD", Day: won, Cents: cents}}
	}
	require.Equal(t, []reporting.ScoreGroup{
		{Score: ptr(90), Leads: 1, Won: 1, Revenue: usd(30000)},
		{Score: ptr(50), Leads: 2, Won: 1, Revenue: usd(10000)},
		{Score: nil, Leads: 1, Won: 1, Revenue: usd(7000)},
	}, groups)

	groups, err = st.ArrivalScores(ctx, time.Time{}, time.Time{})
	require.NoError(t, err)
	require.Len(t, groups, 4, "unbounded: the 2025 lead counts too")
}

// TestStageConversionMovesOnInTimeOrder checks "moved on" by hand for
// deal histories that go forward, back, reopen after a win or stop at Lost:
// a stage is moved on from only by a later entry into a further open or won
// stage. Each case opens one deal on its own day and reads that day.
func TestStageConversionMovesOnInTimeOrder(t *testing.T) {
	t.Parallel()
	r := &reportData{pool: testenv.Pool(t)}
	st := store.New(r.pool)
	ctx := context.Background()
	r.ann = r.id(t, `INSERT INTO reps (name, email) VALUES ('Ann', 'ann@reps.example.com') RETURNING id`)
	type counts struct{ reached, movedOn int64 }
	for i, tc := range []struct {
		name string
		path []string // stages entered, an hour apart
		same bool     // all entries at one time: order by history id
		want map[string]counts
	}{
		{name: "forward", path: []string{"Qualification", "Initial contact", "Value proposition"},
			want: map[string]counts{"Qualification": {1, 1}, "Initial contact": {1, 1}, "Value proposition": {1, 0}}},
		{name: "back from value proposition to initial contact", path: []string{"Qualification", "Value proposition", "Initial contact"},
			want: map[string]counts{"Qualification": {1, 1}, "Value proposition": {1, 0}, "Initial contact": {1, 0}}},
		{name: "won then back to negotiation is no move on from negotiation", path: []string{"Qualification", "Won", "Negotiation"},
			want: map[string]counts{"Qualification": {1, 1}, "Won": {1, 0}, "Negotiation": {1, 0}}},
		{name: "negotiation, won, reopened: the first stay moved on", path: []string{"Negotiation", "Won", "Negotiation"},
			want: map[string]counts{"Negotiation": {1, 1}, "Won": {1, 0}}},
		{name: "lost is not progress", path: []string{"Qualification", "Lost"},
			want: map[string]counts{"Qualification": {1, 0}, "Lost": {1, 0}}},
		{name: "a stage entered twice counts once", path: []string{"Initial contact", "Qualification", "Initial contact", "Negotiation"},
			want: map[string]counts{"Initial contact": {1, 1}, "Qualification": {1, 1}, "Negotiation": {1, 0}}},
		{name: "entries at the same time go by id", path: []string{"Qualification", "Initial contact"}, same: true,
			want: map[string]counts{"Qualification": {1, 1}, "Initial contact": {1, 0}}},
	} {
		created := time.Date(2026, 4, 1+i, 9, 0, 0, 0, time.UTC)
		path := make([]any, 0, 2*len(tc.path))
		for j, stage := range tc.path {
			at := created.Add(time.Duration(j) * time.Hour)
			if tc.same {
				at = created
			}
			path = append(path, stage, at)
		}
		r.deal(t, r.contact(t), r.ann, 1000, created, time.Minute, path...)
		t.Run(tc.name, func(t *testing.T) {
			rows, err := st.StageConversion(ctx, "Sales", created, created.AddDate(0, 0, 1))
			require.NoError(t, err)
			got := map[string]counts{}
			for _, row := range rows {
				if row.Reached > 0 {
					got[row.Stage] = counts{row.Reached, row.ReachedNext}
				}
			}
			require.Equal(t, tc.want, got)
		})
	}
}

// TestFunnelCountsEveryDeal checks by hand that repeat deals count, each
// with the touch that brought the contact back, and that a month reads the
// deals attributed to the month's touches:
//
//	A spring May 1 (hot); deal May 2 won 100.00 after 2 days;
//	  brand May 10; deal May 11 won 50.00 after 3 days (a repeat deal: brand)
//	B brand May 3; deal May 3 lost; deal May 20 won 20.00 after 1 day (no
//	  new touch: the latest one before it, brand)
//	C spring Apr 28, spring May 15; deal May 16 won 70.00 after 2 days (a
//	  first deal: its first touch, in April)
//	D deal May 5 08:00 lost, before its only touch, spring May 5 09:00 (a
//	  deal before any touch: the first touch)
func TestFunnelCountsEveryDeal(t *testing.T) {
	t.Parallel()
	r := &reportData{pool: testenv.Pool(t)}
	r.ann = r.id(t, `INSERT INTO reps (name, email) VALUES ('Ann', 'ann@reps.example.com') RETURNING id`)
	may := func(d int) time.Time { return time.Date(2026, 5, d, 9, 0, 0, 0, time.UTC) }
	a, b, c := r.contact(t), r.contact(t), r.contact(t)
	r.touch(t, a, "meta", "spring", may(1), false)
	r.score(t, a, "hot", may(1))
	r.deal(t, a, r.ann, 10000, may(2), time.Hour, "Qualification", may(2), "Won", may(4))
	r.touch(t, a, "google", "brand", may(10), false)
	r.deal(t, a, r.ann, 5000, may(11), time.Hour, "Qualification", may(11), "Won", may(14))
	r.touch(t, b, "google", "brand", may(3), false)
	r.deal(t, b, r.ann, 3000, may(3), time.Hour, "Qualification", may(3), "Lost", may(4))
	r.deal(t, b, r.ann, 2000, may(20), time.Hour, "Qualification", may(20), "Won", may(21))
	r.touch(t, c, "meta", "spring", time.Date(2026, 4, 28, 9, 0, 0, 0, time.UTC), false)
	r.touch(t, c, "meta", "spring", may(15), false)
	r.deal(t, c, r.ann, 7000, may(16), time.Hour, "Qualification", may(16), "Won", may(18))
	d := r.contact(t)
	r.deal(t, d, r.ann, 4000, may(5).Add(-time.Hour), time.Hour, "Qualification", may(5).Add(-time.Hour), "Lost", may(6))
	r.touch(t, d, "meta", "spring", may(5), false)

	st := store.New(r.pool)
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		from, to time.Time
		want     []reporting.FunnelRow
	}{
		{name: "may", from: may(1).Truncate(24 * time.Hour), to: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), want: []reporting.FunnelRow{
			{Key: "spring", Currency: "USD", Leads: 2, MQLs: 1, Deals: 2, Won: 1, Lost: 1, WonRate: 0.5, RevenueCents: 10000, MedianDaysToClose: ptr(2.0), P90DaysToClose: ptr(2.0)},
			{Key: "brand", Currency: "USD", Leads: 1, Deals: 3, Won: 2, Lost: 1, WonRate: 2, RevenueCents: 7000, MedianDaysToClose: ptr(2.0), P90DaysToClose: ptr(2.8)},
		}},
		{name: "april", from: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), to: may(1).Truncate(24 * time.Hour), want: []reporting.FunnelRow{
			{Key: "spring", Currency: "USD", Leads: 1, Deals: 1, Won: 1, WonRate: 1, RevenueCents: 7000, MedianDaysToClose: ptr(2.0), P90DaysToClose: ptr(2.0)},
		}},
		{name: "all time", want: []reporting.FunnelRow{
			{Key: "spring", Currency: "USD", Leads: 3, MQLs: 1, Deals: 3, Won: 2, Lost: 1, WonRate: 2.0 / 3, RevenueCents: 17000, MedianDaysToClose: ptr(2.0), P90DaysToClose: ptr(2.0)},
			{Key: "brand", Currency: "USD", Leads: 1, Deals: 3, Won: 2, Lost: 1, WonRate: 2, RevenueCents: 7000, MedianDaysToClose: ptr(2.0), P90DaysToClose: ptr(2.8)},
		}},
		{name: "a month without touches", from: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), to: time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := st.Funnel(ctx, "utm_campaign", tc.from, tc.to)
			require.NoError(t, err)
			if tc.want == nil {
				require.Empty(t, rows)
				return
			}
			for i := range rows { // percentiles in float arithmetic
				for _, p := range []*float64{rows[i].MedianDaysToClose, rows[i].P90DaysToClose} {
					if p != nil {
						*p = math.Round(*p*1e9) / 1e9
					}
				}
			}
			require.Equal(t, tc.want, rows)

			// The deal_funnel view (the dashboard's) attributes the same
			// deals to the same touches as the report's set-based query.
			from, to := store.ReportBounds(tc.from, tc.to)
			got := map[string][3]int64{}
			vrows, err := r.pool.Query(ctx, `SELECT utm_campaign, count(*), count(*) FILTER (WHERE won), COALESCE(sum(amount_cents) FILTER (WHERE won), 0)
				FROM deal_funnel WHERE touch_at >= $1 AND touch_at < $2 GROUP BY 1`, from, to)
			require.NoError(t, err)
			for vrows.Next() {
				var key string
				var n [3]int64
				require.NoError(t, vrows.Scan(&key, &n[0], &n[1], &n[2]))
				got[key] = n
			}
			require.NoError(t, vrows.Err())
			want := map[string][3]int64{}
			for _, row := range rows {
				if row.Deals > 0 {
					want[row.Key] = [3]int64{row.Deals, row.Won, row.RevenueCents}
				}
			}
			require.Equal(t, want, got, "deal_funnel view")
		})
	}
}
