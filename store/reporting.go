package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"leadflow/reporting"
	"leadflow/store/internal/reportingdb"
)

// The reporting read model: the marketer's funnel, stage conversion,
// revenue attribution and the rep leaderboard (package reporting says what
// they mean), and the operator's Summary. Every time window is half-open,
// [from, to); a zero from or to leaves that side unbounded. The SQL is in
// internal/reportingdb/queries.sql; each query takes both bounds
// (ReportBounds), so it plans like a plain range.

// Unbounded sides of a window, far outside any stored time, so a query
// compares plain columns with plain parameters (created_at >= $2 AND
// created_at < $3): no "$2 IS NULL OR" that hides the index from the
// planner.
var (
	earliest = time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)
	latest   = time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)
)

// ReportBounds turns a report window [from, to) with zero (unbounded)
// sides into the explicit bounds the report queries take; the scale bench
// explains the queries with them.
func ReportBounds(from, to time.Time) (time.Time, time.Time) {
	if from.IsZero() {
		from = earliest
	}
	if to.IsZero() {
		to = latest
	}
	return from, to
}

// windowPlans runs the window reports as unnamed statements
// (pgx.QueryExecModeDescribeExec), so PostgreSQL plans every run for its
// own bounds: a month through the indexes, all time with hash joins. A
// cached prepared statement would switch, after five runs, to one generic
// plan for every window.
type windowPlans struct{ db reportingdb.DBTX }

func (w windowPlans) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return w.db.Exec(ctx, sql, append([]any{pgx.QueryExecModeDescribeExec}, args...)...)
}

func (w windowPlans) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return w.db.Query(ctx, sql, append([]any{pgx.QueryExecModeDescribeExec}, args...)...)
}

func (w windowPlans) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return w.db.QueryRow(ctx, sql, append([]any{pgx.QueryExecModeDescribeExec}, args...)...)
}

// readReport runs read with the report queries, planned per window
// (windowPlans), in a read-only transaction without JIT compilation:
// PostgreSQL compiles a report's many expressions for longer than it takes
// to run it (6.7 s of JIT for a 1.3 s all-time funnel at 200k contacts on
// the reference machine).
func (s *Store) readReport(ctx context.Context, read func(q *reportingdb.Queries) error) error {
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SET LOCAL jit = off"); err != nil {
			return fmt.Errorf("turn off jit: %w", err)
		}
		return read(reportingdb.New(windowPlans{tx}))
	})
}

// checkFunnelKey refuses a grouping dimension outside reporting.FunnelKeys
// before it reaches the query, which would group an unknown one by
// connector.
func checkFunnelKey(by string) error {
	if !slices.Contains(reporting.FunnelKeys, by) {
		return &reporting.Error{Field: "by", Value: by, Allowed: reporting.FunnelKeys}
	}
	return nil
}

// FunnelGroups groups by one of reporting.FunnelKeys (labelled and
// grouped as migrations/00040's report_label says), most leads first, the
// contacts whose first touch is in [from, to) (leads, MQLs) and every deal
// whose touch is in [from, to): a contact's first deal goes with its first
// touch, a repeat deal with the first touch after the contact's previous
// deal (the deal_funnel view of migrations/00032). Won revenue comes per
// currency and day of the win, never summed across currencies.
func (s *Store) FunnelGroups(ctx context.Context, by string, from, to time.Time) ([]reporting.FunnelGroup, error) {
	if err := checkFunnelKey(by); err != nil {
		return nil, err
	}
	start, end := ReportBounds(from, to)
	var rows []reportingdb.FunnelRow
	err := s.readReport(ctx, func(q *reportingdb.Queries) (err error) {
		rows, err = q.Funnel(ctx, reportingdb.FunnelParams{By: by, FromAt: start, ToAt: end})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read funnel by %s: %w", by, err)
	}
	var out []reporting.FunnelGroup
	index := map[string]int{}
	for _, r := range rows {
		if r.IsTotal { // totals come first
			index[r.Grp] = len(out)
			out = append(out, reporting.FunnelGroup{Row: reporting.FunnelRow{Key: r.Name, Leads: r.Leads, MQLs: r.Mqls, Deals: r.Deals,
				Won: r.Won, Lost: r.Lost, MedianDaysToClose: r.MedianDaysToClose, P90DaysToClose: r.P90DaysToClose}})
			continue
		}
		g := &out[index[r.Grp]]
		g.Won = append(g.Won, reporting.Amount{Currency: r.Currency, Day: r.Day, Cents: float64(r.RevenueCents)})
	}
	return out, nil
}

// Funnel is FunnelGroups as rows, one per group and currency of its won
// revenue (reporting.FunnelRows).
func (s *Store) Funnel(ctx context.Context, by string, from, to time.Time) ([]reporting.FunnelRow, error) {
	groups, err := s.FunnelGroups(ctx, by, from, to)
	if err != nil {
		return nil, err
	}
	return reporting.FunnelRows(groups, nil)
}

// StageConversion reads, for deals of the pipeline created in [from, to),
// how many reached each stage and moved on from it, from
// deal_stage_history. Moving on is in time order: a later entry into a
// further open or won stage; a deal that went back has not moved on from
// the stage it went back to.
// An empty pipeline means the default one; an unknown one is a
// *reporting.Error on "pipeline".
func (s *Store) StageConversion(ctx context.Context, pipeline string, from, to time.Time) ([]reporting.StageRow, error) {
	start, end := ReportBounds(from, to)
	var rows []reportingdb.StageConversionRow
	err := s.readReport(ctx, func(q *reportingdb.Queries) error {
		pipelineID, err := q.PipelineForReport(ctx, pipeline)
		if errors.Is(err, pgx.ErrNoRows) {
			return &reporting.Error{Field: "pipeline", Value: pipeline}
		}
		if err != nil {
			return fmt.Errorf("find pipeline %q: %w", pipeline, err)
		}
		rows, err = q.StageConversion(ctx, reportingdb.StageConversionParams{PipelineID: pipelineID, FromAt: start, ToAt: end})
		if err != nil {
			return fmt.Errorf("read stage conversion of %q: %w", pipeline, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]reporting.StageRow, 0, len(rows))
	for _, r := range rows {
		row := reporting.StageRow{Stage: r.Name, Position: int(r.Position), Kind: r.Kind, Reached: r.Reached,
			ReachedNext: r.ReachedNext, MedianHoursInStage: r.MedianHoursInStage}
		if row.Reached > 0 {
			row.Conversion = float64(row.ReachedNext) / float64(row.Reached)
		}
		out = append(out, row)
	}
	return out, nil
}

// AttributionCredits credits deals won (closed) in [q.From, q.To) to the
// touches their contact had up to the win (report_touches of
// migrations/00040: lead webhooks, email clicks and replies, rep calls,
// meetings and emails; lead webhooks only for q.Touches "leads") under
// q.Model, grouped by q.By, per currency and UTC day of the win.
// docs/reports.md defines the models. Test touches never get credit; a won
// deal without any touch before the win is left out.
func (s *Store) AttributionCredits(ctx context.Context, q reporting.AttributionQuery) ([]reporting.Credit, error) {
	// Checked again here, not only in reporting.Run: the query would
	// credit an unknown model by time decay and group an unknown key by
	// connector.
	for _, f := range []struct {
		field, value string
		allowed      []string
	}{{"model", q.Model, reporting.AttributionModels}, {"by", q.By, reporting.AttributionKeys}, {"touches", q.Touches, reporting.TouchSets}} {
		if !slices.Contains(f.allowed, f.value) {
			return nil, &reporting.Error{Field: f.field, Value: f.value, Allowed: f.allowed}
		}
	}
	if q.HalfLife <= 0 {
		return nil, &reporting.Error{Field: "half_life", Value: q.HalfLife.String()}
	}
	start, end := ReportBounds(q.From, q.To)
	var rows []reportingdb.AttributionRow
	err := s.readReport(ctx, func(db *reportingdb.Queries) (err error) {
		rows, err = db.Attribution(ctx, reportingdb.AttributionParams{Model: q.Model, By: q.By, Touches: q.Touches,
			HalfLifeSeconds: q.HalfLife.Seconds(), FromAt: start, ToAt: end})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read %s attribution by %s: %w", q.Model, q.By, err)
	}
	out := make([]reporting.Credit, 0, len(rows))
	for _, r := range rows {
		out = append(out, reporting.Credit{Group: r.Grp, Name: r.Name, At: r.FirstAt, Currency: r.Currency, Day: r.Day,
			Deals: r.Deals, Cents: r.RevenueCents})
	}
	return out, nil
}

// Attribution is AttributionCredits over every kind of touch (time decay
// with reporting.DefaultHalfLife) as rows, one per key and currency.
func (s *Store) Attribution(ctx context.Context, model, by string, from, to time.Time) ([]reporting.AttributionRow, error) {
	credits, err := s.AttributionCredits(ctx, reporting.AttributionQuery{Model: model, By: by, Touches: reporting.DefaultTouches,
		HalfLife: reporting.DefaultHalfLife, From: from, To: to})
	if err != nil {
		return nil, err
	}
	return reporting.AttributionRows(credits, nil)
}

// RepGroups reads per rep the deals created in [from, to) they own, how
// fast they first touched them, what they won (revenue per currency and
// day of the win), and the speed-to-lead breaches (reroutes away from
// them) in the window. Reps with nothing in the window are left out.
func (s *Store) RepGroups(ctx context.Context, from, to time.Time) ([]reporting.RepGroup, error) {
	start, end := ReportBounds(from, to)
	var rows []reportingdb.RepLeaderboardRow
	err := s.readReport(ctx, func(q *reportingdb.Queries) (err error) {
		rows, err = q.RepLeaderboard(ctx, reportingdb.RepLeaderboardParams{FromAt: start, ToAt: end})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read rep leaderboard: %w", err)
	}
	var out []reporting.RepGroup
	index := map[int64]int{}
	for _, r := range rows {
		if r.IsTotal { // totals come first
			index[r.ID] = len(out)
			out = append(out, reporting.RepGroup{Row: reporting.RepRow{RepID: r.ID, Name: r.Name, Assigned: r.Assigned,
				MedianFirstTouchMinutes: r.MedianFirstTouchMinutes, Won: r.Won, SLABreaches: r.SlaBreaches}})
			continue
		}
		g := &out[index[r.ID]]
		g.Won = append(g.Won, reporting.Amount{Currency: r.Currency, Day: r.Day, Cents: float64(r.WonRevenueCents)})
	}
	return out, nil
}

// RepLeaderboard is RepGroups as rows, one per rep and currency of its won
// revenue (reporting.RepRows), most won revenue first: the manager page's
// leaderboard.
func (s *Store) RepLeaderboard(ctx context.Context, from, to time.Time) ([]reporting.RepRow, error) {
	groups, err := s.RepGroups(ctx, from, to)
	if err != nil {
		return nil, err
	}
	return reporting.RepRows(groups, nil)
}

// Count is a labelled number in a Summary.
type Count struct {
	Label string
	N     int64
}

// Summary is an overview of what leadflow has done, for the demo and for
// operators checking a deployment.
type Summary struct {
	// EventsByStatus counts inbound events by processing status.
	EventsByStatus []Count
	// TouchpointsBySource counts ingested leads by source.
	TouchpointsBySource []Count
	// Contacts is the number of distinct people.
	Contacts int64
	// LatestBands counts contacts by the band of their latest score.
	LatestBands []Count
	// TopScore is the highest latest score of any contact and
	// TopScoreHolders how many contacts have it.
	TopScore        int32
	TopScoreHolders int64
	// OpenDealsByRep counts open deals per owner ("unassigned" for none).
	OpenDealsByRep []Count
	// ActiveNurture is the number of active nurture enrollments.
	ActiveNurture int64
}

// Summarize reads the Summary.
func (s *Store) Summarize(ctx context.Context) (Summary, error) {
	var sum Summary
	q := reportingdb.New(s.pool)
	var err error
	if sum.EventsByStatus, err = counts(q.SummaryEventsByStatus(ctx)); err != nil {
		return sum, fmt.Errorf("summarize events: %w", err)
	}
	if sum.TouchpointsBySource, err = counts(q.SummaryTouchpointsBySource(ctx)); err != nil {
		return sum, fmt.Errorf("summarize touchpoints: %w", err)
	}
	if sum.LatestBands, err = counts(q.SummaryLatestBands(ctx)); err != nil {
		return sum, fmt.Errorf("summarize bands: %w", err)
	}
	top, err := q.SummaryTopScore(ctx)
	if err != nil {
		return sum, fmt.Errorf("summarize top score: %w", err)
	}
	sum.TopScore, sum.TopScoreHolders = top.Top, top.Holders
	if sum.OpenDealsByRep, err = counts(q.SummaryOpenDealsByRep(ctx)); err != nil {
		return sum, fmt.Errorf("summarize deals: %w", err)
	}
	if sum.Contacts, err = q.SummaryContacts(ctx); err != nil {
		return sum, fmt.Errorf("summarize contacts: %w", err)
	}
	if sum.ActiveNurture, err = q.SummaryActiveNurture(ctx); err != nil {
		return sum, fmt.Errorf("summarize nurture: %w", err)
	}
	return sum, nil
}

// counts turns the rows of a summary query (each a label and a number)
// into Counts; nil for none, as a Summary had before.
func counts[R ~struct {
	Label string
	N     int64
}](rows []R, err error) ([]Count, error) {
	if err != nil {
		return nil, err
	}
	var out []Count
	for _, r := range rows {
		out = append(out, Count(r))
	}
	return out, nil
}

// ArrivalScores groups the leads whose first touch is in [from, to) by
// their score at arrival (the contact's first scores row), with their won
// first deals as the funnel counts them and the won revenue per currency
// and UTC day of the win, never summed across currencies; leads that
// arrived without a score come as one group with a nil Score.
func (s *Store) ArrivalScores(ctx context.Context, from, to time.Time) ([]reporting.ScoreGroup, error) {
	start, end := ReportBounds(from, to)
	var rows []reportingdb.ArrivalScoreGroupsRow
	err := s.readReport(ctx, func(q *reportingdb.Queries) (err error) {
		rows, err = q.ArrivalScoreGroups(ctx, reportingdb.ArrivalScoreGroupsParams{FromAt: start, ToAt: end})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read leads by score at arrival: %w", err)
	}
	var out []reporting.ScoreGroup
	index := map[int32]int{}
	for _, r := range rows {
		if r.IsTotal { // totals come first
			index[r.ArrivalScore] = len(out)
			g := reporting.ScoreGroup{Leads: r.Leads, Won: r.Won}
			if r.ArrivalScore >= 0 { // -1 is the query's "no score"
				score := int(r.ArrivalScore)
				g.Score = &score
			}
			out = append(out, g)
			continue
		}
		g := &out[index[r.ArrivalScore]]
		g.Revenue = append(g.Revenue, reporting.Amount{Currency: r.Currency, Day: r.Day, Cents: float64(r.RevenueCents)})
	}
	return out, nil
}

// CampaignFacts reads what the roas and cut reports join, per campaign
// (lower-cased, so case never splits one; migrations/00036 says how leads
// and spend get their campaign): the leads and MQLs whose first touch is in
// [from, to), the deals whose touch is in it and the pipeline they
// created per currency and day of creation, the revenue of deals won in
// it per currency and day of the win under each attribution model, and
// the spend per platform, currency and day of the days [fromDay, toDay);
// lead-side facts carry their touch's channel and source, spend its
// platform's (migrations/00043). Zero sides are
// unbounded.
func (s *Store) CampaignFacts(ctx context.Context, from, to, fromDay, toDay time.Time) ([]reporting.CampaignFact, error) {
	start, end := ReportBounds(from, to)
	firstDay, lastDay := ReportBounds(fromDay, toDay)
	var out []reporting.CampaignFact
	err := s.readReport(ctx, func(q *reportingdb.Queries) error {
		leads, err := q.CampaignLeads(ctx, reportingdb.CampaignLeadsParams{FromAt: start, ToAt: end})
		if err != nil {
			return fmt.Errorf("read leads by campaign: %w", err)
		}
		for _, r := range leads {
			out = append(out, reporting.CampaignFact{Key: r.Key, Name: r.Name, At: r.FirstAt, Leads: r.Leads, MQLs: r.Mqls,
				Channel: r.Channel, Source: r.Source})
		}
		deals, err := q.CampaignDeals(ctx, reportingdb.CampaignDealsParams{FromAt: start, ToAt: end})
		if err != nil {
			return fmt.Errorf("read deals by campaign: %w", err)
		}
		for _, r := range deals {
			out = append(out, reporting.CampaignFact{Key: r.Key, Name: r.Name, At: r.FirstAt, Deals: r.Deals, Won: r.Won,
				Channel: r.Channel, Source: r.Source})
			if r.Valued {
				// The pipeline is money, so it is a fact of its own in the
				// deals' currency; deals without an amount add none.
				out = append(out, reporting.CampaignFact{Key: r.Key, Name: r.Name, At: r.FirstAt, Currency: r.Currency, Day: r.Day,
					Valued: true, PipelineCents: r.ExpectedCents, Channel: r.Channel, Source: r.Source})
			}
		}
		revenue, err := q.CampaignRevenue(ctx, reportingdb.CampaignRevenueParams{FromAt: start, ToAt: end})
		if err != nil {
			return fmt.Errorf("read won revenue by campaign: %w", err)
		}
		for _, r := range revenue {
			out = append(out, reporting.CampaignFact{Key: r.Key, Name: r.Name, At: r.FirstAt, Currency: r.Currency, Day: r.Day,
				FirstCents: r.FirstCents, LastCents: r.LastCents, LinearCents: r.LinearCents, Channel: r.Channel, Source: r.Source})
		}
		spent, err := q.CampaignSpend(ctx, reportingdb.CampaignSpendParams{FromDay: firstDay, ToDay: lastDay})
		if err != nil {
			return fmt.Errorf("read spend by campaign: %w", err)
		}
		for _, r := range spent {
			out = append(out, reporting.CampaignFact{Key: r.Key, Name: r.Name, At: r.Day, Currency: r.Currency, Day: r.Day,
				Spent: true, SpendMicros: r.SpendMicros, Platform: r.Platform, Channel: r.Channel, Source: r.Source})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RatesFor reads the user's exchange rates to or from currency.
func (s *Store) RatesFor(ctx context.Context, currency string) ([]reporting.Rate, error) {
	rows, err := reportingdb.New(s.pool).RatesFor(ctx, currency)
	if err != nil {
		return nil, fmt.Errorf("read exchange rates of %s: %w", currency, err)
	}
	out := make([]reporting.Rate, 0, len(rows))
	for _, r := range rows {
		out = append(out, reporting.Rate(r))
	}
	return out, nil
}
