-- name: Funnel :many
WITH groups AS (
	SELECT (CASE $1::text
	            WHEN 'source' THEN source
	            WHEN 'channel' THEN channel
	            WHEN 'utm_source' THEN utm_source
	            WHEN 'utm_medium' THEN utm_medium
	            WHEN 'utm_campaign' THEN utm_campaign
	            ELSE connector END)::text AS key,
	       count(*) AS leads,
	       count(*) FILTER (WHERE is_mql) AS mqls,
	       count(deal_id) AS deals,
	       count(*) FILTER (WHERE won) AS won,
	       count(*) FILTER (WHERE lost) AS lost,
	       LEAST(GREATEST(COALESCE(sum(amount_cents) FILTER (WHERE won), 0), -9223372036854775808), 9223372036854775807)::bigint AS revenue_cents,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM time_to_close) / 86400) AS median_days,
	       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM time_to_close) / 86400) AS p90_days
	FROM lead_funnel
	WHERE first_touch_at IS NOT NULL
	  AND ($2::timestamptz IS NULL OR first_touch_at >= $2)
	  AND ($3::timestamptz IS NULL OR first_touch_at < $3)
	GROUP BY 1
)
SELECT g.key, g.leads, g.mqls, g.deals, g.won, g.lost, g.revenue_cents,
       closes.median_days AS median_days_to_close, closes.p90_days AS p90_days_to_close
FROM groups g LEFT JOIN groups closes ON closes.key = g.key
ORDER BY 2 DESC, 1
