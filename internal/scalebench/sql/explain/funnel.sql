-- name: Funnel :many
WITH leads AS (
	SELECT (CASE $1::text
	            WHEN 'source' THEN t.source
	            WHEN 'channel' THEN t.channel
	            WHEN 'utm_source' THEN t.utm_source
	            WHEN 'utm_medium' THEN t.utm_medium
	            WHEN 'utm_campaign' THEN t.utm_campaign
	            ELSE (SELECT e.connector FROM inbound_events e WHERE e.id = t.inbound_event_id) END)::text AS key,
	       count(*) AS leads,
	       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM scores s WHERE s.contact_id = c.id AND s.band = 'hot')) AS mqls
	FROM contacts c
	-- The first touch is one of the window's touches: saying so lets the
	-- join read only them (touchpoints_occurred_idx).
	JOIN touchpoints t ON t.id = c.first_touchpoint_id
	  AND NOT t.is_test AND t.occurred_at >= $2::timestamptz AND t.occurred_at < $3::timestamptz
	WHERE c.first_touch_at >= $2::timestamptz AND c.first_touch_at < $3::timestamptz
	GROUP BY 1
), deals AS (
	SELECT (CASE $1::text
	            WHEN 'source' THEN f.source
	            WHEN 'channel' THEN f.channel
	            WHEN 'utm_source' THEN f.utm_source
	            WHEN 'utm_medium' THEN f.utm_medium
	            WHEN 'utm_campaign' THEN f.utm_campaign
	            ELSE f.connector END)::text AS key,
	       count(*) AS deals,
	       count(*) FILTER (WHERE f.won) AS won,
	       count(*) FILTER (WHERE f.lost) AS lost,
	       COALESCE(sum(f.amount_cents) FILTER (WHERE f.won), 0) AS revenue_cents,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.time_to_close) / 86400) AS median_days,
	       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM f.time_to_close) / 86400) AS p90_days
	FROM deal_funnel f
	WHERE EXISTS (
		SELECT 1 FROM touchpoints touched
		WHERE touched.contact_id = f.contact_id AND NOT touched.is_test
		  AND touched.occurred_at >= $2::timestamptz AND touched.occurred_at < $3::timestamptz)
	  AND f.touch_at >= $2::timestamptz AND f.touch_at < $3::timestamptz
	GROUP BY 1
)
SELECT COALESCE(l.key, d.key)::text AS key,
       COALESCE(l.leads, 0)::bigint AS leads,
       COALESCE(l.mqls, 0)::bigint AS mqls,
       COALESCE(d.deals, 0)::bigint AS deals,
       COALESCE(d.won, 0)::bigint AS won,
       COALESCE(d.lost, 0)::bigint AS lost,
       LEAST(GREATEST(COALESCE(d.revenue_cents, 0), -9223372036854775808), 9223372036854775807)::bigint AS revenue_cents,
       d.median_days AS median_days_to_close, d.p90_days AS p90_days_to_close
FROM leads l FULL JOIN deals d ON d.key = l.key
ORDER BY 2 DESC, 1
