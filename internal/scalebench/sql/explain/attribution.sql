-- name: Attribution :many
WITH won AS (
	SELECT d.id, d.contact_id, d.amount_cents, d.closed_at
	FROM deals d JOIN stages st ON st.id = d.stage_id
	WHERE st.kind = 'won' AND d.closed_at >= $1::timestamptz AND d.closed_at < $2::timestamptz
), touches AS (
	SELECT w.amount_cents,
	       (CASE $3::text
	            WHEN 'source' THEN t.source
	            WHEN 'channel' THEN t.channel
	            WHEN 'utm_source' THEN t.utm_source
	            WHEN 'utm_medium' THEN t.utm_medium
	            WHEN 'utm_campaign' THEN t.utm_campaign
	            ELSE e.connector END)::text AS key,
	       row_number() OVER (PARTITION BY w.id ORDER BY t.occurred_at, t.id) AS rank_first,
	       row_number() OVER (PARTITION BY w.id ORDER BY t.occurred_at DESC, t.id DESC) AS rank_last,
	       count(*) OVER (PARTITION BY w.id) AS touches
	FROM won w
	JOIN touchpoints t ON t.contact_id = w.contact_id AND NOT t.is_test AND t.occurred_at <= w.closed_at
	JOIN inbound_events e ON e.id = t.inbound_event_id
), credited AS (
	SELECT touches.key, touches.amount_cents,
	       CASE $4::text
	           WHEN 'first' THEN (rank_first = 1)::int::float8
	           WHEN 'last' THEN (rank_last = 1)::int::float8
	           ELSE 1.0::float8 / touches END AS weight
	FROM touches
)
SELECT credited.key, sum(weight)::float8 AS deals, sum(weight * amount_cents)::float8 AS revenue_cents
FROM credited WHERE weight > 0 GROUP BY 1 ORDER BY 3 DESC, 1
