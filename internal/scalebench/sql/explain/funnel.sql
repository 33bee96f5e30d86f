-- name: Funnel :many
WITH leads AS (
	SELECT lower(k.label) AS grp,
	       (array_agg(k.label ORDER BY t.occurred_at, t.id))[1] AS name,
	       min(t.occurred_at) AS first_at,
	       count(*) AS leads,
	       -- IN, not EXISTS: the planner may then hash the hot scores once
	       -- (all time) or look each lead up (a month), whichever is cheaper.
	       count(*) FILTER (WHERE c.id IN (SELECT s.contact_id FROM scores s WHERE s.band = 'hot')) AS mqls
	FROM contacts c
	-- The first touch is one of the window's touches: saying so lets the
	-- join read only them (touchpoints_occurred_idx).
	JOIN touchpoints t ON t.id = c.first_touchpoint_id
	  AND NOT t.is_test AND t.occurred_at >= $1::timestamptz AND t.occurred_at < $2::timestamptz
	CROSS JOIN LATERAL (
		SELECT report_label(CASE $3::text
		            WHEN 'source' THEN t.source
		            WHEN 'channel' THEN t.channel
		            WHEN 'utm_source' THEN t.utm_source
		            WHEN 'utm_medium' THEN t.utm_medium
		            WHEN 'utm_campaign' THEN t.utm_campaign
		            ELSE (SELECT e.connector FROM inbound_events e WHERE e.id = t.inbound_event_id) END) AS label
	) k
	WHERE c.first_touch_at >= $1::timestamptz AND c.first_touch_at < $2::timestamptz
	GROUP BY 1
), scoped AS (
	-- The deals of the contacts touched in the window: every touch a deal
	-- can be attributed to is one of its contact's non-test touches.
	SELECT d.id, d.contact_id, d.stage_id, d.amount_cents, d.currency, d.created_at, d.closed_at,
	       lag(d.created_at) OVER (PARTITION BY d.contact_id ORDER BY d.created_at, d.id) AS previous_at
	FROM deals d
	WHERE EXISTS (
		SELECT 1 FROM touchpoints w
		WHERE w.contact_id = d.contact_id AND NOT w.is_test
		  AND w.occurred_at >= $1::timestamptz AND w.occurred_at < $2::timestamptz)
), attributed AS (
	-- deal_funnel's rule, set-based (the view looks each deal up, which
	-- suits a dashboard's month but not all time): among the touches
	-- before the deal, the earliest one after the previous deal, else the
	-- latest one; a deal before any touch gets the first touch (the
	-- earliest of those after it).
	SELECT DISTINCT ON (s.id) s.id, s.stage_id, s.amount_cents, s.currency, s.created_at, s.closed_at,
	       t.id AS touch_id, t.source, t.channel, t.utm_source, t.utm_medium, t.utm_campaign, t.inbound_event_id, t.occurred_at
	FROM scoped s
	JOIN touchpoints t ON t.contact_id = s.contact_id AND NOT t.is_test
	ORDER BY s.id,
	         t.occurred_at > s.created_at,
	         (s.previous_at IS NOT NULL AND t.occurred_at <= s.previous_at),
	         CASE WHEN s.previous_at IS NULL OR t.occurred_at > s.previous_at THEN t.occurred_at END,
	         CASE WHEN s.previous_at IS NULL OR t.occurred_at > s.previous_at THEN t.id END,
	         t.occurred_at DESC, t.id DESC
), labelled AS (
	SELECT report_label(CASE $3::text
	            WHEN 'source' THEN t.source
	            WHEN 'channel' THEN t.channel
	            WHEN 'utm_source' THEN t.utm_source
	            WHEN 'utm_medium' THEN t.utm_medium
	            WHEN 'utm_campaign' THEN t.utm_campaign
	            ELSE (SELECT e.connector FROM inbound_events e WHERE e.id = t.inbound_event_id) END) AS label,
	       t.touch_id, t.occurred_at, t.currency, t.amount_cents, st.kind,
	       extract(epoch FROM t.closed_at - t.created_at) / 86400 AS days,
	       (t.closed_at AT TIME ZONE 'UTC')::date AS day
	FROM attributed t JOIN stages st ON st.id = t.stage_id
	WHERE t.occurred_at >= $1::timestamptz AND t.occurred_at < $2::timestamptz
), deals AS (
	SELECT lower(label) AS grp, currency, day, GROUPING(currency, day) AS grouped,
	       (array_agg(label ORDER BY occurred_at, touch_id))[1] AS name,
	       min(occurred_at) AS first_at,
	       count(*) AS deals,
	       count(*) FILTER (WHERE kind = 'won') AS won,
	       count(*) FILTER (WHERE kind = 'lost') AS lost,
	       COALESCE(sum(amount_cents) FILTER (WHERE kind = 'won'), 0) AS revenue_cents,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE kind = 'won') AS median_days,
	       percentile_cont(0.9) WITHIN GROUP (ORDER BY days) FILTER (WHERE kind = 'won') AS p90_days
	FROM labelled
	GROUP BY GROUPING SETS ((lower(label)), (lower(label), currency, day))
), totals AS (
	SELECT grp, currency, day, grouped, name, first_at, deals, won, lost, revenue_cents, median_days, p90_days FROM deals WHERE grouped = 3
)
SELECT true AS is_total,
       COALESCE(l.grp, d.grp)::text AS grp,
       (CASE WHEN l.grp IS NULL OR d.first_at < l.first_at THEN d.name ELSE l.name END)::text AS name,
       ''::text AS currency,
       '0001-01-01'::date AS day,
       COALESCE(l.leads, 0)::bigint AS leads,
       COALESCE(l.mqls, 0)::bigint AS mqls,
       COALESCE(d.deals, 0)::bigint AS deals,
       COALESCE(d.won, 0)::bigint AS won,
       COALESCE(d.lost, 0)::bigint AS lost,
       0::bigint AS revenue_cents,
       d.median_days AS median_days_to_close, d.p90_days AS p90_days_to_close
FROM leads l FULL JOIN totals d ON d.grp = l.grp
UNION ALL
SELECT false, a.grp, a.name, a.currency, a.day, 0, 0, a.deals, a.won, a.lost,
       LEAST(GREATEST(a.revenue_cents, -9223372036854775808), 9223372036854775807)::bigint, NULL, NULL
FROM deals a WHERE a.grouped = 0 AND a.won > 0
ORDER BY 1 DESC, 6 DESC, 2, 4, 5
