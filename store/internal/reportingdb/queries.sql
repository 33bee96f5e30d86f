-- name: Funnel :many
-- Groups by one dimension (@by, checked by the caller against
-- reporting.FunnelKeys): the leads (contacts) whose first touch is in
-- [from_at, to_at), by that touch, and how many became MQLs (ever scored
-- hot); and every deal whose touch (the rule of the deal_funnel view,
-- migrations/00032: the first touch after the contact's previous deal) is
-- in the window, by that touch. A contact's first deal goes with its first
-- touch; a repeat deal with the touch that brought the contact back. Only
-- the window's contacts and touches are read: leads through
-- contacts_first_touch_idx, deals through the contacts touched in the
-- window (touchpoints_occurred_idx).
--
-- Keys are labelled by report_label (migrations/00040: blank is "(none)")
-- and grouped on lower(label) (grp), shown under the label of the group's
-- earliest touch (name, first_at). Two kinds of rows come back: one total
-- per group (is_total; currency '' and day 0001-01-01: counts and days to
-- close over every currency, no revenue), then the won revenue per group,
-- deal currency and UTC day of the win (the day an exchange rate applies
-- to), so that amounts in different currencies are never summed here.
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
	  AND NOT t.is_test AND t.occurred_at >= @from_at::timestamptz AND t.occurred_at < @to_at::timestamptz
	CROSS JOIN LATERAL (
		SELECT report_label(CASE @by::text
		            WHEN 'source' THEN t.source
		            WHEN 'channel' THEN t.channel
		            WHEN 'utm_source' THEN t.utm_source
		            WHEN 'utm_medium' THEN t.utm_medium
		            WHEN 'utm_campaign' THEN t.utm_campaign
		            ELSE (SELECT e.connector FROM inbound_events e WHERE e.id = t.inbound_event_id) END) AS label
	) k
	WHERE c.first_touch_at >= @from_at::timestamptz AND c.first_touch_at < @to_at::timestamptz
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
		  AND w.occurred_at >= @from_at::timestamptz AND w.occurred_at < @to_at::timestamptz)
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
	SELECT report_label(CASE @by::text
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
	WHERE t.occurred_at >= @from_at::timestamptz AND t.occurred_at < @to_at::timestamptz
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
	SELECT * FROM deals WHERE grouped = 3
)
-- The medians are NULL when nothing was won, and every figure of a group
-- with leads but no deals (or deals but no new leads) is NULL on its
-- missing side: the full join says so to sqlc.
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
ORDER BY 1 DESC, 6 DESC, 2, 4, 5;

-- name: PipelineForReport :one
-- Finds the pipeline of the stage conversion report: the named one, or the
-- default one for an empty name.
SELECT id FROM pipelines WHERE CASE WHEN @name::text = '' THEN is_default ELSE name = @name::text END;

-- name: StageConversion :many
-- Reads, for deals of the pipeline created in [from_at, to_at), how many
-- entered each stage and how many of those moved on from it, and the
-- median hours of completed stays, from deal_stage_history. Moving on is
-- in time order: a later entry (changed_at, then id) into a further open
-- stage or a won stage after an entry into this one. A deal that went back
-- (Value proposition -> Initial contact) has not moved on from the stage
-- it went back to, and a move to a lost stage is not progress. Won and lost
-- stages never move on.
WITH scoped AS (
	SELECT d.id FROM deals d WHERE d.pipeline_id = @pipeline_id
	  AND d.created_at >= @from_at::timestamptz AND d.created_at < @to_at::timestamptz
), entries AS (
	SELECT h.id, h.deal_id, h.to_stage_id AS stage_id, h.changed_at, st.position, st.kind,
	       lead(h.changed_at) OVER (PARTITION BY h.deal_id ORDER BY h.changed_at, h.id) AS left_at
	FROM deal_stage_history h JOIN scoped d ON d.id = h.deal_id JOIN stages st ON st.id = h.to_stage_id
), reached AS (
	SELECT e.stage_id, count(DISTINCT e.deal_id) AS n FROM entries e GROUP BY 1
), moved AS (
	SELECT e.stage_id, count(DISTINCT e.deal_id) AS n FROM entries e
	WHERE e.kind = 'open' AND EXISTS (
		SELECT 1 FROM entries later
		WHERE later.deal_id = e.deal_id AND later.position > e.position AND later.kind <> 'lost'
		  AND (later.changed_at, later.id) > (e.changed_at, e.id))
	GROUP BY 1
), stays AS (
	SELECT e.stage_id,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.left_at - e.changed_at) / 3600) AS median_hours
	FROM entries e WHERE e.left_at IS NOT NULL GROUP BY 1
)
SELECT st.name, st.position, st.kind,
       COALESCE(reached.n, 0)::bigint AS reached,
       COALESCE(moved.n, 0)::bigint AS reached_next,
       stays.median_hours AS median_hours_in_stage
FROM stages st
LEFT JOIN reached ON reached.stage_id = st.id
LEFT JOIN moved ON moved.stage_id = st.id
LEFT JOIN stays ON stays.stage_id = st.id
WHERE st.pipeline_id = @pipeline_id ORDER BY st.position;

-- name: Attribution :many
-- Credits deals won (closed) in [from_at, to_at) to the touches their
-- contact had up to the win (report_touches, migrations/00040: lead
-- webhooks, email clicks and replies, rep calls, meetings and emails;
-- @touches 'leads' keeps only lead webhooks), under @model (checked by the
-- caller against reporting.AttributionModels; docs/reports.md defines
-- each):
--   first, last   the whole amount to the earliest / latest touch
--   linear        equal shares
--   u_shaped      40 % first touch, 40 % lead-creation touch (the earliest
--                 lead webhook), 20 % over the others
--   w_shaped      30 % first, 30 % lead creation, 30 % deal creation (the
--                 latest touch at or before the deal opened), 10 % over
--                 the others
--   time_decay    weight 2^(-age / @half_life_seconds), age before the win
-- Shares of anchors that fall on one touch add up; a deal's weights are
-- divided by their sum, so with no "other" touches the anchors share the
-- whole amount in proportion, and the credit of every deal sums to its
-- amount. Touches at one instant are ordered lead, email, rep activity,
-- then id. Grouped by one dimension (@by, checked by the caller against
-- reporting.AttributionKeys) on lower(label) (grp), deal currency and UTC
-- day of the win, so that currencies are never summed here; name is the
-- label of the group's earliest touch (first_at) among the window's deals'
-- touches. A won deal without any touch before the win is left out.
WITH won AS (
	SELECT d.id, d.contact_id, d.amount_cents, d.currency, d.created_at, d.closed_at
	FROM deals d JOIN stages st ON st.id = d.stage_id
	WHERE st.kind = 'won' AND d.closed_at >= @from_at::timestamptz AND d.closed_at < @to_at::timestamptz
), touches AS (
	SELECT w.id AS deal_id, w.amount_cents, w.currency, w.created_at AS deal_at, w.closed_at,
	       t.kind, t.family, t.touch_id, t.occurred_at,
	       (CASE @by::text
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
		SELECT * FROM report_touches r
		WHERE r.contact_id = w.contact_id AND r.occurred_at <= w.closed_at
		  AND (@touches::text = 'all' OR r.kind = 'lead')
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
	SELECT t.*, (CASE @model::text
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
	    ELSE power(0.5::float8, extract(epoch FROM t.latest_at - t.occurred_at)::float8 / @half_life_seconds::float8) END)::float8 AS raw
	FROM touches t JOIN anchors a ON a.deal_id = t.deal_id
), credited AS (
	-- A group's name is the label of its earliest touch among all the
	-- window's deals' touches, credited or not, so it is the same under
	-- every model and in every currency.
	SELECT w.*, w.raw / sum(w.raw) OVER (PARTITION BY w.deal_id) AS weight,
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
GROUP BY 1, 4, 5 ORDER BY 1, 4, 5;

-- name: RepLeaderboard :many
-- Reads per rep the deals created in the window they own, how fast they
-- first touched them, what they won, and the speed-to-lead breaches
-- (reroutes away from them) in the window. Reps with nothing in the window
-- are left out. Two kinds of rows come back: one total per rep (is_total;
-- currency '', day 0001-01-01, no revenue), then the rep's won revenue per
-- deal currency and UTC day of the win, so that currencies are never
-- summed here.
WITH scoped AS (
	SELECT d.owner_rep_id AS rep_id, d.currency, (d.closed_at AT TIME ZONE 'UTC')::date AS day, d.amount_cents, st.kind,
	       extract(epoch FROM d.first_contacted_at - d.created_at) / 60 AS first_touch
	FROM deals d JOIN stages st ON st.id = d.stage_id
	WHERE d.owner_rep_id IS NOT NULL
	  AND d.created_at >= @from_at::timestamptz AND d.created_at < @to_at::timestamptz
), owned AS (
	SELECT rep_id, currency, day, GROUPING(currency, day) AS grouped, count(*) AS assigned,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY first_touch) AS first_touch,
	       count(*) FILTER (WHERE kind = 'won') AS won,
	       LEAST(GREATEST(COALESCE(sum(amount_cents) FILTER (WHERE kind = 'won'), 0), -9223372036854775808), 9223372036854775807)::bigint AS won_cents
	FROM scoped
	GROUP BY GROUPING SETS ((rep_id), (rep_id, currency, day))
), decisions AS (
	SELECT rd.kind, rd.created_at,
	       lag(rd.rep_id) OVER (PARTITION BY rd.deal_id ORDER BY rd.created_at, rd.id) AS previous_rep
	FROM routing_decisions rd WHERE rd.deal_id IS NOT NULL
), breaches AS (
	SELECT previous_rep AS rep_id, count(*) AS n FROM decisions
	WHERE decisions.kind = 'reroute' AND previous_rep IS NOT NULL
	  AND decisions.created_at >= @from_at::timestamptz AND decisions.created_at < @to_at::timestamptz
	GROUP BY 1
), totals AS (
	SELECT * FROM owned WHERE grouped = 3
)
SELECT true AS is_total, r.id, r.name, ''::text AS currency, '0001-01-01'::date AS day,
       COALESCE(o.assigned, 0)::bigint AS assigned, o.first_touch AS median_first_touch_minutes,
       COALESCE(o.won, 0)::bigint AS won, 0::bigint AS won_revenue_cents, COALESCE(b.n, 0)::bigint AS sla_breaches
FROM reps r LEFT JOIN totals o ON o.rep_id = r.id LEFT JOIN breaches b ON b.rep_id = r.id
WHERE o.rep_id IS NOT NULL OR b.rep_id IS NOT NULL
UNION ALL
SELECT false, r.id, r.name, a.currency, a.day, 0, NULL, a.won, a.won_cents, 0
FROM owned a JOIN reps r ON r.id = a.rep_id
WHERE a.grouped = 0 AND a.won > 0
ORDER BY 1 DESC, 2, 4, 5;

-- name: SummaryEventsByStatus :many
-- Counts inbound events by processing status.
SELECT status AS label, count(*) AS n FROM inbound_events GROUP BY 1 ORDER BY 1;

-- name: SummaryTouchpointsBySource :many
-- Counts ingested leads by source, most first.
SELECT source AS label, count(*) AS n FROM touchpoints GROUP BY 1 ORDER BY 2 DESC, 1;

-- name: SummaryLatestBands :many
-- Counts contacts by the band of their latest score.
SELECT latest.band AS label, count(*) AS n FROM (
	SELECT DISTINCT ON (s.contact_id) s.band FROM scores s ORDER BY s.contact_id, s.computed_at DESC, s.id DESC
) latest GROUP BY 1 ORDER BY 1;

-- name: SummaryTopScore :one
-- Reads the highest latest score and how many contacts hold it: a top
-- shared by many contacts cannot be ranked.
WITH latest AS (
	SELECT DISTINCT ON (s.contact_id) s.total FROM scores s ORDER BY s.contact_id, s.computed_at DESC, s.id DESC
)
SELECT COALESCE(max(l.total), 0)::int AS top,
	count(*) FILTER (WHERE l.total = (SELECT max(l2.total) FROM latest l2))::bigint AS holders
FROM latest l;

-- name: SummaryOpenDealsByRep :many
-- Counts open deals per owner ("unassigned" for none).
SELECT COALESCE(r.name, 'unassigned')::text AS label, count(*) AS n
FROM deals d LEFT JOIN reps r ON r.id = d.owner_rep_id
WHERE d.closed_at IS NULL GROUP BY 1 ORDER BY 1;

-- name: SummaryContacts :one
-- Counts distinct people.
SELECT count(*) FROM contacts;

-- name: SummaryActiveNurture :one
-- Counts active nurture enrollments.
SELECT count(*) FROM nurture_enrollments WHERE status = 'active';

-- name: InsertImportEvent :one
-- Records one historic lead as a processed inbound event of connector
-- "import" (payload '{}'), keyed by (dataset, external id) so that a
-- re-import adds nothing: no row comes back for a lead imported before.
INSERT INTO inbound_events (connector, source, event_id, received_at, payload, status, processed_at, enqueued_at)
VALUES ('import', @dataset, @external_id, @at, '\x7b7d', 'processed', @at, @at)
ON CONFLICT (connector, source, event_id) DO NOTHING RETURNING id;

-- name: InsertImportContact :one
-- Creates the contact of a historic lead.
INSERT INTO contacts (created_at, updated_at) VALUES (@at, @at) RETURNING id;

-- name: InsertImportTouchpoint :one
-- Records a historic lead's one touchpoint (channel "import").
INSERT INTO touchpoints (contact_id, inbound_event_id, source, channel, external_id, occurred_at)
VALUES (@contact_id, @inbound_event_id, @source, 'import', @external_id, @occurred_at) RETURNING id;

-- name: InsertImportWonDeal :exec
-- Records a won historic lead's deal in the default pipeline's first won
-- stage, opened (and first contacted) at the first touch, closed at the win.
INSERT INTO deals (contact_id, pipeline_id, stage_id, touchpoint_id, amount_cents, created_at, updated_at, stage_entered_at, closed_at, first_contacted_at)
SELECT @contact_id, p.id, st.id, @touchpoint_id, @amount_cents, @created_at, @won_at, @won_at, @won_at, @created_at
FROM pipelines p JOIN stages st ON st.pipeline_id = p.id AND st.kind = 'won'
WHERE p.is_default ORDER BY st.position LIMIT 1;

-- name: ArrivalScoreGroups :many
-- Groups the leads whose first touch is in the window by their score at
-- arrival: the contact's first scores row (earliest computed_at, then id),
-- which is the score of its first scored touchpoint. Leads that arrived
-- without a score are grouped under -1 (sqlc cannot see that a lateral's
-- column may be NULL; scores are 0..100, so -1 is no score). Won and
-- revenue are the lead_funnel view's (the first deal, won), so they agree
-- with the funnel report. Two kinds of rows come back: one total per score
-- (is_total; currency '' and day 0001-01-01: leads and won deals in every
-- currency, no revenue), then the won revenue per score, deal currency and
-- UTC day of the win (the day an exchange rate applies to), so that
-- amounts in different currencies are never summed here.
WITH leads AS (
	SELECT COALESCE(arrival.total, -1)::int AS arrival_score, f.won, f.amount_cents, d.currency,
	       (f.closed_at AT TIME ZONE 'UTC')::date AS day
	FROM lead_funnel f
	LEFT JOIN deals d ON d.id = f.deal_id
	LEFT JOIN LATERAL (
		SELECT s.total FROM scores s WHERE s.contact_id = f.contact_id ORDER BY s.computed_at, s.id LIMIT 1
	) arrival ON true
	WHERE f.first_touch_at >= @from_at::timestamptz AND f.first_touch_at < @to_at::timestamptz
)
SELECT true AS is_total, arrival_score, ''::text AS currency, '0001-01-01'::date AS day,
       count(*)::bigint AS leads, count(*) FILTER (WHERE won)::bigint AS won, 0::bigint AS revenue_cents
FROM leads GROUP BY arrival_score
UNION ALL
SELECT false, arrival_score, currency, day, 0, count(*),
       LEAST(GREATEST(COALESCE(sum(amount_cents), 0), -9223372036854775808), 9223372036854775807)::bigint
FROM leads WHERE won GROUP BY arrival_score, currency, day
ORDER BY 1 DESC, 2 DESC, 3, 4;

-- name: InsertImportArrivalScore :execrows
-- Stores a historic lead's score at arrival as its contact's first score,
-- computed at its first touch, unless the contact already has a score: a
-- re-import adds nothing twice, and a lead imported before scores existed
-- gets its score now.
INSERT INTO scores (contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at)
SELECT t.contact_id, t.id, @total, @band, @model_version, @breakdown, t.occurred_at
FROM inbound_events e JOIN touchpoints t ON t.inbound_event_id = e.id
WHERE e.connector = 'import' AND e.source = @dataset AND e.event_id = @external_id
  AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.contact_id = t.contact_id)
ON CONFLICT DO NOTHING;

-- name: CampaignLeads :many
-- Counts, per campaign (lower(lead_campaigns.campaign), migrations/00036
-- and 00041) and the first touch's channel and source, the leads whose
-- first touch is in [from_at, to_at) and how many of them became MQLs
-- (ever scored hot), as the funnel counts them; name is the campaign as
-- its earliest lead wrote it, first_at that lead's time.
SELECT lower(lc.campaign)::text AS key,
       (array_agg(lc.campaign ORDER BY lc.first_touch_at, lc.contact_id))[1]::text AS name,
       min(lc.first_touch_at)::timestamptz AS first_at,
       lc.channel, lc.source,
       count(*)::bigint AS leads,
       count(*) FILTER (WHERE lc.is_mql)::bigint AS mqls
FROM lead_campaigns lc
WHERE lc.first_touch_at >= @from_at::timestamptz AND lc.first_touch_at < @to_at::timestamptz
GROUP BY 1, 4, 5;

-- name: CampaignDeals :many
-- Counts, per campaign and the touch's channel and source, the deals whose
-- touch (deal_funnel's rule, migrations/00032) is in [from_at, to_at) and
-- how many of them are won, as the funnel counts them; and the pipeline
-- they created: the sum of their expected values now (deal_expected_cents,
-- 00037: amount × the current stage's win probability, so a won deal
-- counts in full and a lost one as 0), per deal currency and UTC day of
-- the deal's creation (the day a conversion rate applies to). valued is
-- false for a group whose deals all lack an amount.
SELECT lower(tc.campaign)::text AS key,
       (array_agg(tc.campaign ORDER BY tc.occurred_at, tc.touchpoint_id))[1]::text AS name,
       min(tc.occurred_at)::timestamptz AS first_at,
       tc.channel, tc.source,
       d.currency,
       (d.created_at AT TIME ZONE 'UTC')::date AS day,
       count(*)::bigint AS deals,
       count(*) FILTER (WHERE f.won)::bigint AS won,
       COALESCE(sum(deal_expected_cents(st.win_probability, d.amount_cents)), 0)::bigint AS expected_cents,
       bool_or(d.amount_cents IS NOT NULL)::boolean AS valued
FROM deal_funnel f
JOIN touch_campaigns tc ON tc.touchpoint_id = f.touchpoint_id
JOIN deals d ON d.id = f.deal_id
JOIN stages st ON st.id = d.stage_id
WHERE f.touch_at >= @from_at::timestamptz AND f.touch_at < @to_at::timestamptz
GROUP BY 1, 4, 5, 6, 7;

-- name: CampaignRevenue :many
-- Credits deals won (closed) in [from_at, to_at) to the campaigns of their
-- contact's touches up to the win, as the attribution report does, under
-- all three models at once, per campaign, touch channel and source, deal
-- currency and UTC day of the win (the day a conversion rate applies to,
-- and the day payback counts it on). first/last give the whole amount to
-- the earliest/latest touch, linear splits it equally.
WITH won AS (
	SELECT d.id, d.contact_id, d.amount_cents, d.currency, d.closed_at
	FROM deals d JOIN stages st ON st.id = d.stage_id
	WHERE st.kind = 'won' AND d.closed_at >= @from_at::timestamptz AND d.closed_at < @to_at::timestamptz
), touches AS (
	SELECT w.amount_cents, w.currency, w.closed_at, tc.campaign, tc.channel, tc.source, tc.occurred_at, tc.touchpoint_id,
	       row_number() OVER (PARTITION BY w.id ORDER BY tc.occurred_at, tc.touchpoint_id) AS rank_first,
	       row_number() OVER (PARTITION BY w.id ORDER BY tc.occurred_at DESC, tc.touchpoint_id DESC) AS rank_last,
	       count(*) OVER (PARTITION BY w.id) AS touches
	FROM won w
	JOIN touch_campaigns tc ON tc.contact_id = w.contact_id AND tc.occurred_at <= w.closed_at
)
SELECT lower(campaign)::text AS key,
       (array_agg(campaign ORDER BY occurred_at, touchpoint_id))[1]::text AS name,
       min(occurred_at)::timestamptz AS first_at,
       channel, source,
       currency,
       (closed_at AT TIME ZONE 'UTC')::date AS day,
       sum(CASE WHEN rank_first = 1 THEN amount_cents ELSE 0 END)::float8 AS first_cents,
       sum(CASE WHEN rank_last = 1 THEN amount_cents ELSE 0 END)::float8 AS last_cents,
       sum(amount_cents::float8 / touches)::float8 AS linear_cents
FROM touches
GROUP BY 1, 4, 5, 6, 7;

-- name: CampaignSpend :many
-- Sums ad spend per campaign (lower(spend_campaigns.label)), platform,
-- currency and day over the days in [from_day, to_day); name is the label
-- of the campaign's earliest row. channel and source are the platform's
-- (spend_channel, spend_source of migrations/00043): what groups spend by
-- channel and source, in the report as on the dashboard.
SELECT lower(sc.label)::text AS key,
       (array_agg(sc.label ORDER BY s.day, s.platform, s.campaign_id))[1]::text AS name,
       s.platform, spend_channel(s.platform)::text AS channel, spend_source(s.platform)::text AS source, s.currency, s.day,
       sum(s.spend_micros)::bigint AS spend_micros
FROM ad_spend s
JOIN spend_campaigns sc ON sc.platform = s.platform AND sc.campaign_id = s.campaign_id
WHERE s.day >= @from_day::date AND s.day < @to_day::date
GROUP BY 1, 3, 6, 7;

-- name: RatesFor :many
-- Reads the user's exchange rates to or from one currency.
SELECT currency, quote, day, rate::text AS rate FROM currency_rates
WHERE currency = @target::text OR quote = @target::text;
