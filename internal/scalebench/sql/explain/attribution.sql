-- name: Attribution :many
WITH won AS (
	SELECT d.id, d.contact_id, d.amount_cents, d.currency, d.created_at, d.closed_at
	FROM deals d JOIN stages st ON st.id = d.stage_id
	WHERE st.kind = 'won' AND d.closed_at >= $1::timestamptz AND d.closed_at < $2::timestamptz
), touches AS (
	SELECT w.id AS deal_id, w.amount_cents, w.currency, w.created_at AS deal_at, w.closed_at,
	       t.kind, t.family, t.touch_id, t.occurred_at,
	       (CASE $3::text
	            WHEN 'source' THEN t.source
	            WHEN 'channel' THEN t.channel
	            WHEN 'utm_source' THEN t.utm_source
	            WHEN 'utm_medium' THEN t.utm_medium
	            WHEN 'utm_campaign' THEN t.utm_campaign
	            WHEN 'kind' THEN t.kind
	            ELSE t.connector END)::text AS label,
	       row_number() OVER (PARTITION BY w.id ORDER BY t.occurred_at, t.family, t.touch_id) AS n,
	       count(*) OVER (PARTITION BY w.id) AS touches,
	       max(t.occurred_at) OVER (PARTITION BY w.id) AS latest_at
	FROM won w
	-- Each won deal's touches are looked up by contact (the contact
	-- indexes of touchpoints, engagement_events and deals): joined to the
	-- view, whose branches are joins, PostgreSQL would build every touch
	-- of every contact first (517 ms for a month of 456 won deals at 50k
	-- contacts, 60 ms so). OFFSET 0 keeps the subquery from being
	-- flattened back into that join.
	CROSS JOIN LATERAL (
		SELECT contact_id, occurred_at, kind, family, touch_id, source, channel, utm_source, utm_medium, utm_campaign, connector FROM report_touches r
		WHERE r.contact_id = w.contact_id AND r.occurred_at <= w.closed_at
		  AND ($4::text = 'all' OR r.kind = 'lead')
		OFFSET 0
	) t
), anchors AS (
	-- The lead-creation touch: the earliest lead webhook (else the first
	-- touch); the deal-creation touch: the latest touch at or before the
	-- deal opened (else the first touch, as deal_funnel does).
	SELECT deal_id,
	       COALESCE(min(n) FILTER (WHERE kind = 'lead'), 1) AS lead_n,
	       COALESCE(max(n) FILTER (WHERE occurred_at <= deal_at), 1) AS deal_n
	FROM touches GROUP BY 1
), weighted AS (
	SELECT t.deal_id, t.amount_cents, t.currency, t.deal_at, t.closed_at, t.kind, t.family, t.touch_id, t.occurred_at, t.label, t.n, t.touches, t.latest_at, (CASE $5::text
	    WHEN 'first' THEN (t.n = 1)::int::float8
	    WHEN 'last' THEN (t.n = t.touches)::int::float8
	    WHEN 'linear' THEN 1::float8
	    WHEN 'u_shaped' THEN 0.4::float8 * ((t.n = 1)::int + (t.n = a.lead_n)::int)
	         + CASE WHEN t.n <> 1 AND t.n <> a.lead_n
	                THEN 0.2::float8 / (t.touches - 1 - (a.lead_n <> 1)::int) ELSE 0 END
	    WHEN 'w_shaped' THEN 0.3::float8 * ((t.n = 1)::int + (t.n = a.lead_n)::int + (t.n = a.deal_n)::int)
	         + CASE WHEN t.n <> 1 AND t.n <> a.lead_n AND t.n <> a.deal_n
	                THEN 0.1::float8 / (t.touches - 1 - (a.lead_n <> 1)::int - (a.deal_n <> 1 AND a.deal_n <> a.lead_n)::int) ELSE 0 END
	    -- Ages from the latest touch, not the win: the same weights once
	    -- divided by their sum, and the latest touch's never underflows.
	    ELSE power(0.5::float8, extract(epoch FROM t.latest_at - t.occurred_at)::float8 / $6::float8) END)::float8 AS raw
	FROM touches t JOIN anchors a ON a.deal_id = t.deal_id
), credited AS (
	-- A group's name is the label of its earliest touch among all the
	-- window's deals' touches, credited or not, so it is the same under
	-- every model and in every currency.
	SELECT w.deal_id, w.amount_cents, w.currency, w.deal_at, w.closed_at, w.kind, w.family, w.touch_id, w.occurred_at, w.label, w.n, w.touches, w.latest_at, w.raw, w.raw / sum(w.raw) OVER (PARTITION BY w.deal_id) AS weight,
	       first_value(w.label) OVER (PARTITION BY lower(w.label) ORDER BY w.occurred_at, w.family, w.touch_id) AS name,
	       min(w.occurred_at) OVER (PARTITION BY lower(w.label)) AS first_at
	FROM weighted w
)
SELECT lower(label)::text AS grp,
       min(name)::text AS name,
       min(first_at)::timestamptz AS first_at,
       currency,
       (closed_at AT TIME ZONE 'UTC')::date AS day,
       sum(weight)::float8 AS deals,
       sum(weight * amount_cents)::float8 AS revenue_cents
FROM credited WHERE weight > 0
GROUP BY 1, 4, 5 ORDER BY 1, 4, 5
