package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"leadflow/reporting"
)

// Reporting reads: the marketer's funnel, stage conversion, revenue
// attribution and the rep leaderboard. Every time window is half-open,
// [from, to); a zero from or to leaves that side unbounded.

// keyColumn maps a grouping dimension to its column. Only these constant
// strings ever reach the SQL text: user input selects one, never forms one.
func keyColumn(by, touchAlias, eventAlias string) (string, error) {
	switch by {
	case "source", "channel", "utm_source", "utm_medium", "utm_campaign":
		return touchAlias + by, nil
	case "connector":
		return eventAlias + by, nil
	}
	return "", &reporting.Error{Field: "by", Value: by, Allowed: reporting.FunnelKeys}
}

// saturatingCents is the SQL of a numeric amount of cents as a bigint that
// stops at the int64 bounds instead of failing: PostgreSQL sums bigint in
// numeric, and it was the cast back to bigint that answered 22003
// (numeric_value_out_of_range) and took every report down for every user
// (issue 14 item 4). Amounts are bounded where they are written
// (pipeline.DealRules, migration 00022), so saturation is the last line,
// not the expected path. expr must not be NULL (GREATEST skips NULLs).
func saturatingCents(expr string) string {
	return "LEAST(GREATEST(" + expr + ", -9223372036854775808), 9223372036854775807)::bigint"
}

// bound turns a zero time into NULL, which the queries read as unbounded.
func bound(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// Funnel groups the lead_funnel view by one of reporting.FunnelKeys for contacts
// whose first touch is in [from, to), largest group first.
func (s *Store) Funnel(ctx context.Context, by string, from, to time.Time) ([]reporting.FunnelRow, error) {
	col, err := keyColumn(by, "", "")
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `
		SELECT `+col+`, count(*), count(*) FILTER (WHERE is_mql), count(deal_id),
		       count(*) FILTER (WHERE won), count(*) FILTER (WHERE lost),
		       `+saturatingCents("COALESCE(sum(amount_cents) FILTER (WHERE won), 0)")+`,
		       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM time_to_close) / 86400),
		       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM time_to_close) / 86400)
		FROM lead_funnel
		WHERE first_touch_at IS NOT NULL
		  AND ($1::timestamptz IS NULL OR first_touch_at >= $1)
		  AND ($2::timestamptz IS NULL OR first_touch_at < $2)
		GROUP BY 1 ORDER BY 2 DESC, 1`, bound(from), bound(to))
	if err != nil {
		return nil, fmt.Errorf("read funnel by %s: %w", by, err)
	}
	defer rows.Close()
	out := []reporting.FunnelRow{}
	for rows.Next() {
		var r reporting.FunnelRow
		if err := rows.Scan(&r.Key, &r.Leads, &r.MQLs, &r.Deals, &r.Won, &r.Lost, &r.RevenueCents,
			&r.MedianDaysToClose, &r.P90DaysToClose); err != nil {
			return nil, fmt.Errorf("read funnel by %s: %w", by, err)
		}
		if r.Leads > 0 {
			r.WonRate = float64(r.Won) / float64(r.Leads)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read funnel by %s: %w", by, err)
	}
	return out, nil
}

// StageConversion reads, for deals of the pipeline created in [from, to),
// how many reached each stage and moved further, from deal_stage_history.
// An empty pipeline means the default one; an unknown one is a
// *reporting.Error on "pipeline".
func (s *Store) StageConversion(ctx context.Context, pipeline string, from, to time.Time) ([]reporting.StageRow, error) {
	var pipelineID int64
	err := s.pool.QueryRow(ctx, `
		SELECT id FROM pipelines WHERE CASE WHEN $1 = '' THEN is_default ELSE name = $1 END`, pipeline).Scan(&pipelineID)
	if err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, &reporting.Error{Field: "pipeline", Value: pipeline}
		}
		return nil, fmt.Errorf("find pipeline %q: %w", pipeline, err)
	}
	rows, err := s.pool.Query(ctx, `
		WITH scoped AS (
			SELECT id FROM deals WHERE pipeline_id = $1
			  AND ($2::timestamptz IS NULL OR created_at >= $2)
			  AND ($3::timestamptz IS NULL OR created_at < $3)
		), entries AS (
			SELECT h.deal_id, h.to_stage_id AS stage_id, h.changed_at,
			       lead(h.changed_at) OVER (PARTITION BY h.deal_id ORDER BY h.changed_at, h.id) AS left_at
			FROM deal_stage_history h JOIN scoped d ON d.id = h.deal_id
		), per_deal AS (
			SELECT e.deal_id, st.position, st.kind FROM entries e JOIN stages st ON st.id = e.stage_id GROUP BY 1, 2, 3
		)
		SELECT st.name, st.position, st.kind,
		       (SELECT count(*) FROM per_deal p WHERE p.position = st.position),
		       CASE WHEN st.kind = 'open' THEN (
		           SELECT count(DISTINCT p.deal_id) FROM per_deal p
		           WHERE p.position = st.position AND EXISTS (
		               SELECT 1 FROM per_deal n WHERE n.deal_id = p.deal_id AND n.position > st.position AND n.kind <> 'lost'))
		       ELSE 0 END,
		       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.left_at - e.changed_at) / 3600)
		        FROM entries e WHERE e.stage_id = st.id AND e.left_at IS NOT NULL)
		FROM stages st WHERE st.pipeline_id = $1 ORDER BY st.position`, pipelineID, bound(from), bound(to))
	if err != nil {
		return nil, fmt.Errorf("read stage conversion of %q: %w", pipeline, err)
	}
	defer rows.Close()
	out := []reporting.StageRow{}
	for rows.Next() {
		var r reporting.StageRow
		if err := rows.Scan(&r.Stage, &r.Position, &r.Kind, &r.Reached, &r.ReachedNext, &r.MedianHoursInStage); err != nil {
			return nil, fmt.Errorf("read stage conversion of %q: %w", pipeline, err)
		}
		if r.Reached > 0 {
			r.Conversion = float64(r.ReachedNext) / float64(r.Reached)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read stage conversion of %q: %w", pipeline, err)
	}
	return out, nil
}

// attributionWeight is each model's credit for one touch, as constant SQL.
var attributionWeight = map[string]string{
	"first":  "(rank_first = 1)::int::float8",
	"last":   "(rank_last = 1)::int::float8",
	"linear": "1.0::float8 / touches",
}

// Attribution credits deals won (closed) in [from, to) to the touchpoints
// their contact had up to the win, grouped by one of reporting.FunnelKeys: "first"
// gives the whole amount to the earliest touch, "last" to the latest,
// "linear" splits it equally over all of them. Test touchpoints never get
// credit; a won deal without any touch before the win is left out.
func (s *Store) Attribution(ctx context.Context, model, by string, from, to time.Time) ([]reporting.AttributionRow, error) {
	weight, ok := attributionWeight[model]
	if !ok {
		return nil, &reporting.Error{Field: "model", Value: model, Allowed: reporting.AttributionModels}
	}
	col, err := keyColumn(by, "t.", "e.")
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `
		WITH won AS (
			SELECT d.id, d.contact_id, d.amount_cents, d.closed_at
			FROM deals d JOIN stages st ON st.id = d.stage_id
			WHERE st.kind = 'won' AND d.closed_at IS NOT NULL
			  AND ($1::timestamptz IS NULL OR d.closed_at >= $1)
			  AND ($2::timestamptz IS NULL OR d.closed_at < $2)
		), touches AS (
			SELECT w.amount_cents, `+col+` AS key,
			       row_number() OVER (PARTITION BY w.id ORDER BY t.occurred_at, t.id) AS rank_first,
			       row_number() OVER (PARTITION BY w.id ORDER BY t.occurred_at DESC, t.id DESC) AS rank_last,
			       count(*) OVER (PARTITION BY w.id) AS touches
			FROM won w
			JOIN touchpoints t ON t.contact_id = w.contact_id AND NOT t.is_test AND t.occurred_at <= w.closed_at
			JOIN inbound_events e ON e.id = t.inbound_event_id
		), credited AS (
			SELECT key, amount_cents, `+weight+` AS weight FROM touches
		)
		SELECT key, sum(weight), sum(weight * amount_cents)
		FROM credited WHERE weight > 0 GROUP BY 1 ORDER BY 3 DESC, 1`, bound(from), bound(to))
	if err != nil {
		return nil, fmt.Errorf("read %s attribution by %s: %w", model, by, err)
	}
	defer rows.Close()
	out := []reporting.AttributionRow{}
	for rows.Next() {
		var r reporting.AttributionRow
		if err := rows.Scan(&r.Key, &r.Deals, &r.RevenueCents); err != nil {
			return nil, fmt.Errorf("read %s attribution by %s: %w", model, by, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s attribution by %s: %w", model, by, err)
	}
	return out, nil
}

// RepLeaderboard reads per rep the deals created in [from, to) they own,
// how fast they first touched them, what they won, and the speed-to-lead
// breaches (reroutes away from them) in the window. Reps with nothing in
// the window are left out. Most won revenue first.
func (s *Store) RepLeaderboard(ctx context.Context, from, to time.Time) ([]reporting.RepRow, error) {
	rows, err := s.pool.Query(ctx, `
		WITH owned AS (
			SELECT d.owner_rep_id AS rep_id, count(*) AS assigned,
			       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.first_contacted_at - d.created_at) / 60) AS first_touch,
			       count(*) FILTER (WHERE st.kind = 'won') AS won,
			       `+saturatingCents("COALESCE(sum(d.amount_cents) FILTER (WHERE st.kind = 'won'), 0)")+` AS won_cents
			FROM deals d JOIN stages st ON st.id = d.stage_id
			WHERE d.owner_rep_id IS NOT NULL
			  AND ($1::timestamptz IS NULL OR d.created_at >= $1)
			  AND ($2::timestamptz IS NULL OR d.created_at < $2)
			GROUP BY 1
		), decisions AS (
			SELECT kind, created_at,
			       lag(rep_id) OVER (PARTITION BY deal_id ORDER BY created_at, id) AS previous_rep
			FROM routing_decisions WHERE deal_id IS NOT NULL
		), breaches AS (
			SELECT previous_rep AS rep_id, count(*) AS n FROM decisions
			WHERE kind = 'reroute' AND previous_rep IS NOT NULL
			  AND ($1::timestamptz IS NULL OR created_at >= $1)
			  AND ($2::timestamptz IS NULL OR created_at < $2)
			GROUP BY 1
		)
		SELECT r.id, r.name, COALESCE(o.assigned, 0), o.first_touch, COALESCE(o.won, 0),
		       COALESCE(o.won_cents, 0), COALESCE(b.n, 0)
		FROM reps r LEFT JOIN owned o ON o.rep_id = r.id LEFT JOIN breaches b ON b.rep_id = r.id
		WHERE o.rep_id IS NOT NULL OR b.rep_id IS NOT NULL
		ORDER BY 6 DESC, 3 DESC, r.name`, bound(from), bound(to))
	if err != nil {
		return nil, fmt.Errorf("read rep leaderboard: %w", err)
	}
	defer rows.Close()
	out := []reporting.RepRow{}
	for rows.Next() {
		var r reporting.RepRow
		if err := rows.Scan(&r.RepID, &r.Name, &r.Assigned, &r.MedianFirstTouchMinutes, &r.Won, &r.WonRevenueCents, &r.SLABreaches); err != nil {
			return nil, fmt.Errorf("read rep leaderboard: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read rep leaderboard: %w", err)
	}
	return out, nil
}
