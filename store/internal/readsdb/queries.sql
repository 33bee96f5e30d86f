-- name: ListDeals :many
-- Deals closest to closing first: by expected value (win probability ×
-- amount, deal_expected_cents), then oldest first, so a rep works down the list. owner_rep_id 0
-- is every owner, an empty pipeline every pipeline; without a stage only
-- open deals are listed (closed ones are not "closing").
SELECT d.id, d.title, d.contact_id, trim(c.first_name || ' ' || c.last_name)::text AS contact_name, p.name AS pipeline,
	st.name AS stage, st.kind AS stage_kind, st.win_probability::float8 AS win_probability, d.amount_cents, d.amount_estimated, d.currency,
	deal_expected_cents(st.win_probability, d.amount_cents) AS expected_cents, COALESCE(d.owner_rep_id, 0)::bigint AS owner_rep_id,
	COALESCE(r.name, '')::text AS owner_name, d.lost_reason, d.created_at, d.stage_entered_at, d.closed_at
FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages st ON st.id = d.stage_id
JOIN contacts c ON c.id = d.contact_id LEFT JOIN reps r ON r.id = d.owner_rep_id
WHERE (@owner_rep_id::bigint = 0 OR d.owner_rep_id = @owner_rep_id::bigint)
	AND (@pipeline::text = '' OR lower(p.name) = lower(@pipeline::text))
	AND (CASE WHEN @stage::text = '' THEN d.closed_at IS NULL ELSE lower(st.name) = lower(@stage::text) END)
ORDER BY deal_expected_cents(st.win_probability, d.amount_cents) DESC, d.created_at, d.id
LIMIT @max_rows;

-- name: Deal :one
-- One deal with the columns of ListDeals.
SELECT d.id, d.title, d.contact_id, trim(c.first_name || ' ' || c.last_name)::text AS contact_name, p.name AS pipeline,
	st.name AS stage, st.kind AS stage_kind, st.win_probability::float8 AS win_probability, d.amount_cents, d.amount_estimated, d.currency,
	deal_expected_cents(st.win_probability, d.amount_cents) AS expected_cents, COALESCE(d.owner_rep_id, 0)::bigint AS owner_rep_id,
	COALESCE(r.name, '')::text AS owner_name, d.lost_reason, d.created_at, d.stage_entered_at, d.closed_at
FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages st ON st.id = d.stage_id
JOIN contacts c ON c.id = d.contact_id LEFT JOIN reps r ON r.id = d.owner_rep_id
WHERE d.id = @deal_id;

-- name: DealFollowUp :one
-- What a rep follows a deal up with: its next step and the day it is due,
-- and its speed-to-lead clock (first touch, when it is due).
SELECT next_step, next_step_on, first_contacted_at, sla_due_at FROM deals WHERE id = @deal_id;

-- name: ContactDeals :many
-- A contact's deals with the columns of ListDeals, the newest first, for the
-- contact page's links back to them.
SELECT d.id, d.title, d.contact_id, trim(c.first_name || ' ' || c.last_name)::text AS contact_name, p.name AS pipeline,
	st.name AS stage, st.kind AS stage_kind, st.win_probability::float8 AS win_probability, d.amount_cents, d.amount_estimated, d.currency,
	deal_expected_cents(st.win_probability, d.amount_cents) AS expected_cents, COALESCE(d.owner_rep_id, 0)::bigint AS owner_rep_id,
	COALESCE(r.name, '')::text AS owner_name, d.lost_reason, d.created_at, d.stage_entered_at, d.closed_at
FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages st ON st.id = d.stage_id
JOIN contacts c ON c.id = d.contact_id LEFT JOIN reps r ON r.id = d.owner_rep_id
WHERE d.contact_id = @contact_id ORDER BY d.created_at DESC, d.id DESC LIMIT 50;

-- name: DealOwner :one
-- The deal's owner, 0 when unassigned.
SELECT COALESCE(owner_rep_id, 0)::bigint FROM deals WHERE id = @deal_id;

-- name: RepOwnsContact :one
-- Whether the rep owns a deal (open or closed) of the contact, which is
-- what lets a rep see the contact.
SELECT EXISTS (SELECT 1 FROM deals WHERE contact_id = @contact_id AND owner_rep_id = @rep_id::bigint)::boolean;

-- name: DealStageHistory :many
-- The stage moves of deals, oldest first; from_stage is empty for a first
-- stage. One deal's for the rep API, a person's deals' for the privacy
-- export.
SELECT h.deal_id, COALESCE(f.name, '')::text AS from_stage, t.name AS to_stage, h.changed_at, h.changed_by
FROM deal_stage_history h JOIN stages t ON t.id = h.to_stage_id LEFT JOIN stages f ON f.id = h.from_stage_id
WHERE h.deal_id = ANY(@deal_ids::bigint[]) ORDER BY h.changed_at, h.id;

-- name: DealActivities :many
-- The rep activities on deals, oldest first; rep_id 0 for a service
-- token's. One deal's for the rep API, a person's deals' for the privacy
-- export.
SELECT deal_id, id, COALESCE(rep_id, 0)::bigint AS rep_id, kind, note, occurred_at FROM deal_activities
WHERE deal_id = ANY(@deal_ids::bigint[]) ORDER BY occurred_at, id;

-- name: ContactLedger :many
-- A contact's decisions, oldest first: identity resolution (kind
-- 'identity') and routing (kind 'routing'), each with its detail as JSON.
SELECT 'identity'::text AS kind, il.decision::text AS decision,
	jsonb_build_object('identity_kind', il.identity_kind, 'identity_value', il.identity_value,
		'other_contact_id', il.other_contact_id, 'inbound_event_id', il.inbound_event_id)::jsonb AS detail,
	il.created_at, il.id
FROM identity_ledger il WHERE il.contact_id = @contact_id
UNION ALL
SELECT 'routing', rd.kind,
	jsonb_build_object('deal_id', rd.deal_id, 'rule', rd.rule, 'team', rd.team, 'rep_id', rd.rep_id, 'skipped', rd.skipped),
	rd.created_at, rd.id
FROM routing_decisions rd WHERE rd.contact_id = @contact_id
ORDER BY 4, 1, 5;

-- name: InboxDeals :many
-- A rep's open, active (not parked) deals, the most valuable first
-- (expected value, deal_expected_cents; then newest), with the latest score,
-- the touchpoint that opened each deal and its speed-to-lead deadline.
-- The search and filters are empty for "all": search is an ILIKE pattern
-- (wildcards escaped by the caller) over name, company and email, phone a
-- LIKE pattern of the digits typed; band, source and campaign match
-- exactly (source and campaign case-insensitively). They narrow the rep's
-- own deals (deals_owner_idx), so no text index is needed. The page is
-- picked first from the deals alone (their expected value needs only the
-- stage), the filters as EXISTS that run only when set; the names,
-- touchpoint and latest score are then read for those rows only, not for
-- every open deal of the rep.
SELECT d.deal_id, d.contact_id, trim(c.first_name || ' ' || c.last_name)::text AS contact_name, c.company, d.stage,
	COALESCE(sc.total, 0)::int AS score, COALESCE(sc.band, '')::text AS band, COALESCE(t.source, '')::text AS source,
	COALESCE(t.utm_campaign, '')::text AS campaign, COALESCE(t.message, '')::text AS message, d.created_at, d.first_contacted_at,
	d.amount_cents, d.amount_estimated, d.currency, d.expected_cents,
	d.sla_due_at, COALESCE(r.name, '')::text AS owner_name
FROM (
	SELECT pd.id AS deal_id, pd.contact_id, pd.touchpoint_id, pd.owner_rep_id, st.name AS stage, pd.created_at, pd.first_contacted_at,
		pd.amount_cents, pd.amount_estimated, pd.currency, deal_expected_cents(st.win_probability, pd.amount_cents) AS expected_cents, pd.sla_due_at
	FROM deals pd JOIN stages st ON st.id = pd.stage_id
	WHERE pd.owner_rep_id = @rep_id::bigint AND pd.closed_at IS NULL AND pd.parked_at IS NULL
		AND (@search::text = '' OR EXISTS (SELECT 1 FROM contacts fc WHERE fc.id = pd.contact_id
				AND (fc.company ILIKE @search::text OR (fc.first_name || ' ' || fc.last_name) ILIKE @search::text))
			OR EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = pd.contact_id AND i.kind = 'email' AND i.value LIKE lower(@search::text))
			OR (@phone::text <> '' AND EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = pd.contact_id AND i.kind = 'phone' AND i.value LIKE @phone::text)))
		AND (@band::text = '' OR (SELECT s.band FROM scores s WHERE s.contact_id = pd.contact_id
			ORDER BY s.computed_at DESC, s.id DESC LIMIT 1) = @band::text)
		AND (@source::text = '' AND @campaign::text = '' OR EXISTS (SELECT 1 FROM touchpoints ft WHERE ft.id = pd.touchpoint_id
			AND (@source::text = '' OR lower(ft.source) = lower(@source::text)) AND (@campaign::text = '' OR lower(ft.utm_campaign) = lower(@campaign::text))))
	ORDER BY expected_cents DESC, pd.created_at DESC, pd.id DESC LIMIT @max_rows) d
JOIN contacts c ON c.id = d.contact_id
LEFT JOIN touchpoints t ON t.id = d.touchpoint_id LEFT JOIN reps r ON r.id = d.owner_rep_id
LEFT JOIN LATERAL (SELECT s.total, s.band FROM scores s WHERE s.contact_id = d.contact_id
	ORDER BY s.computed_at DESC, s.id DESC LIMIT 1) sc ON true
ORDER BY d.expected_cents DESC, d.created_at DESC, d.deal_id DESC;

-- name: TeamAttentionDeals :many
-- The team's open, active deals a manager must act on: unassigned ones
-- (deals_owner_idx) and those past their speed-to-lead deadline without a
-- first touch (deals_sla_due_idx), the longest overdue first, then the
-- oldest unassigned. Columns and filters as InboxDeals.
SELECT d.id AS deal_id, d.contact_id, trim(c.first_name || ' ' || c.last_name)::text AS contact_name, c.company, st.name AS stage,
	COALESCE(sc.total, 0)::int AS score, COALESCE(sc.band, '')::text AS band, COALESCE(t.source, '')::text AS source,
	COALESCE(t.utm_campaign, '')::text AS campaign, COALESCE(t.message, '')::text AS message, d.created_at, d.first_contacted_at,
	d.amount_cents, d.amount_estimated, d.currency, deal_expected_cents(st.win_probability, d.amount_cents) AS expected_cents,
	d.sla_due_at, COALESCE(r.name, '')::text AS owner_name
FROM deals d JOIN stages st ON st.id = d.stage_id JOIN contacts c ON c.id = d.contact_id
LEFT JOIN touchpoints t ON t.id = d.touchpoint_id LEFT JOIN reps r ON r.id = d.owner_rep_id
LEFT JOIN LATERAL (SELECT s.total, s.band FROM scores s WHERE s.contact_id = d.contact_id
	ORDER BY s.computed_at DESC, s.id DESC LIMIT 1) sc ON true
WHERE d.closed_at IS NULL AND d.parked_at IS NULL
	AND (d.owner_rep_id IS NULL OR (d.sla_due_at < @now::timestamptz AND d.first_contacted_at IS NULL))
	AND (@search::text = '' OR c.company ILIKE @search::text OR (c.first_name || ' ' || c.last_name) ILIKE @search::text
		OR EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = d.contact_id AND i.kind = 'email' AND i.value LIKE lower(@search::text))
		OR (@phone::text <> '' AND EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = d.contact_id AND i.kind = 'phone' AND i.value LIKE @phone::text)))
	AND (@band::text = '' OR sc.band = @band::text) AND (@source::text = '' OR lower(t.source) = lower(@source::text))
	AND (@campaign::text = '' OR lower(t.utm_campaign) = lower(@campaign::text))
ORDER BY d.sla_due_at NULLS LAST, d.created_at, d.id LIMIT @max_rows;

-- name: BoardPipeline :one
-- The pipeline of a board by name (an empty name: the default pipeline).
SELECT id, name FROM pipelines WHERE CASE WHEN @pipeline::text = '' THEN is_default ELSE lower(name) = lower(@pipeline::text) END
ORDER BY id LIMIT 1;

-- name: BoardStages :many
-- A pipeline's stages in order.
SELECT name, kind, win_probability::float8 AS win_probability FROM stages WHERE pipeline_id = @pipeline_id ORDER BY position;

-- name: BoardDeals :many
-- A pipeline's active deals (owner_rep_id 0 = every owner; parked deals are
-- on the callback list; closed ones only since closed_since), the most
-- valuable per_stage of each stage (win probability × amount, then oldest),
-- each with its stage's count and expected value over every deal, the
-- contact's company and latest score, and whether the deal sat in its open
-- stage past the stage's rot limit at now. Search and filters are those
-- in InboxDeals, on the board's deals (a pipeline's, or one owner's); the
-- counts and values cover the deals they leave. One pass:
-- the window functions count and rank within each stage, so the page costs
-- one sort however many deals are open. The expected sum saturates at the
-- int64 bounds instead of failing, as the reports do (reportingdb/queries.sql).
WITH ranked AS (
	SELECT d.id, d.stage_id, deal_expected_cents(st.win_probability, d.amount_cents) AS expected,
		row_number() OVER (PARTITION BY d.stage_id ORDER BY deal_expected_cents(st.win_probability, d.amount_cents) DESC, d.created_at, d.id) AS rn,
		count(*) OVER (PARTITION BY d.stage_id) AS n,
		LEAST(GREATEST(sum(deal_expected_cents(st.win_probability, d.amount_cents)::numeric) OVER (PARTITION BY d.stage_id),
			-9223372036854775808), 9223372036854775807)::bigint AS expected_sum
	FROM deals d JOIN stages st ON st.id = d.stage_id
	WHERE d.pipeline_id = @pipeline_id AND (@owner_rep_id::bigint = 0 OR d.owner_rep_id = @owner_rep_id::bigint) AND d.parked_at IS NULL
	  AND (d.closed_at IS NULL OR d.closed_at >= @closed_since::timestamptz)
	  AND (@search::text = '' OR EXISTS (SELECT 1 FROM contacts c WHERE c.id = d.contact_id
			AND (c.company ILIKE @search::text OR (c.first_name || ' ' || c.last_name) ILIKE @search::text))
		OR EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = d.contact_id AND i.kind = 'email' AND i.value LIKE lower(@search::text))
		OR (@phone::text <> '' AND EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = d.contact_id AND i.kind = 'phone' AND i.value LIKE @phone::text)))
	  AND (@band::text = '' OR (SELECT s.band FROM scores s WHERE s.contact_id = d.contact_id ORDER BY s.computed_at DESC, s.id DESC LIMIT 1) = @band::text)
	  AND (@source::text = '' OR EXISTS (SELECT 1 FROM touchpoints t WHERE t.id = d.touchpoint_id AND lower(t.source) = lower(@source::text)))
	  AND (@campaign::text = '' OR EXISTS (SELECT 1 FROM touchpoints t WHERE t.id = d.touchpoint_id AND lower(t.utm_campaign) = lower(@campaign::text)))
)
SELECT d.id, d.title, d.contact_id, trim(c.first_name || ' ' || c.last_name)::text AS contact_name, p.name AS pipeline,
	st.name AS stage, st.kind AS stage_kind, st.win_probability::float8 AS win_probability, d.amount_cents, d.amount_estimated, d.currency,
	k.expected::bigint AS expected_cents, COALESCE(d.owner_rep_id, 0)::bigint AS owner_rep_id, COALESCE(r.name, '')::text AS owner_name,
	d.lost_reason, d.created_at, d.stage_entered_at, d.closed_at, k.n::bigint AS stage_count, k.expected_sum::bigint AS stage_expected_cents,
	c.company, COALESCE(sc.total, 0)::int AS score, COALESCE(sc.band, '')::text AS band,
	COALESCE(st.kind = 'open' AND d.stage_entered_at + st.rot_after < sqlc.arg(now)::timestamptz, false)::boolean AS rotting,
	d.next_step, d.next_step_on
FROM ranked k JOIN deals d ON d.id = k.id JOIN stages st ON st.id = d.stage_id JOIN pipelines p ON p.id = d.pipeline_id
JOIN contacts c ON c.id = d.contact_id LEFT JOIN reps r ON r.id = d.owner_rep_id
LEFT JOIN LATERAL (SELECT s.total, s.band FROM scores s WHERE s.contact_id = d.contact_id
	ORDER BY s.computed_at DESC, s.id DESC LIMIT 1) sc ON true
WHERE k.rn <= @per_stage::bigint
ORDER BY st.position, k.rn;

-- name: BoardStageValues :many
-- The count and expected value of a board's deals (the BoardDeals filter)
-- per stage and currency, under the same search and filters: a column with EUR and USD deals shows each
-- currency's sum, never one number of both. Sums saturate as BoardDeals'.
SELECT st.name AS stage, d.currency, count(*)::bigint AS deals,
	LEAST(GREATEST(sum(deal_expected_cents(st.win_probability, d.amount_cents)::numeric), -9223372036854775808), 9223372036854775807)::bigint AS expected_cents
FROM deals d JOIN stages st ON st.id = d.stage_id
WHERE d.pipeline_id = @pipeline_id AND (@owner_rep_id::bigint = 0 OR d.owner_rep_id = @owner_rep_id::bigint) AND d.parked_at IS NULL
  AND (d.closed_at IS NULL OR d.closed_at >= @closed_since::timestamptz)
  AND (@search::text = '' OR EXISTS (SELECT 1 FROM contacts c WHERE c.id = d.contact_id
			AND (c.company ILIKE @search::text OR (c.first_name || ' ' || c.last_name) ILIKE @search::text))
		OR EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = d.contact_id AND i.kind = 'email' AND i.value LIKE lower(@search::text))
		OR (@phone::text <> '' AND EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = d.contact_id AND i.kind = 'phone' AND i.value LIKE @phone::text)))
	  AND (@band::text = '' OR (SELECT s.band FROM scores s WHERE s.contact_id = d.contact_id ORDER BY s.computed_at DESC, s.id DESC LIMIT 1) = @band::text)
	  AND (@source::text = '' OR EXISTS (SELECT 1 FROM touchpoints t WHERE t.id = d.touchpoint_id AND lower(t.source) = lower(@source::text)))
	  AND (@campaign::text = '' OR EXISTS (SELECT 1 FROM touchpoints t WHERE t.id = d.touchpoint_id AND lower(t.utm_campaign) = lower(@campaign::text)))
GROUP BY st.position, st.name, d.currency
ORDER BY st.position, 3 DESC, d.currency;

-- name: PipelineNames :many
-- Every pipeline, the default first.
SELECT name FROM pipelines ORDER BY is_default DESC, name;

-- name: CallbackDeals :many
-- Open parked deals, the soonest reminder first; owner_rep_id 0 = every
-- owner. The amount comes with its currency and whether routing estimated
-- it, so the page writes it as the board does.
SELECT d.id AS deal_id, d.contact_id, trim(c.first_name || ' ' || c.last_name)::text AS contact_name, p.name AS pipeline,
	st.name AS stage, COALESCE(r.name, '')::text AS owner_name, d.amount_cents, d.amount_estimated, d.currency,
	d.parked_at::timestamptz AS parked_at, d.callback_at, d.callbacks
FROM deals d JOIN stages st ON st.id = d.stage_id JOIN pipelines p ON p.id = d.pipeline_id
JOIN contacts c ON c.id = d.contact_id LEFT JOIN reps r ON r.id = d.owner_rep_id
WHERE d.parked_at IS NOT NULL AND d.closed_at IS NULL AND (@owner_rep_id::bigint = 0 OR d.owner_rep_id = @owner_rep_id::bigint)
ORDER BY d.callback_at NULLS LAST, d.id LIMIT @max_rows;

-- name: ContactEmails :many
-- The emails queued for a contact, oldest first, each with the engagement
-- events matched to it by provider message id (a JSON array of
-- {"Kind", "OccurredAt"}).
SELECT o.id, o.template, o.subject, o.status, o.created_at, o.sent_at,
	COALESCE((SELECT jsonb_agg(jsonb_build_object('Kind', e.kind, 'OccurredAt', e.occurred_at) ORDER BY e.occurred_at)
		FROM engagement_events e WHERE e.contact_id = o.contact_id AND o.provider_message_id IS NOT NULL
		AND e.message_id <> '' AND e.message_id = o.provider_message_id), '[]'::jsonb)::jsonb AS events
FROM email_outbox o WHERE o.contact_id = @contact_id ORDER BY o.created_at, o.id;

-- name: LeadTrail :many
-- A contact's path in time order: each webhook received and processed,
-- identity resolution (dedupe), touchpoints, scoring runs, routing
-- decisions, deals opened, first touch, stage moves, rep activities and
-- emails sent. Details name rules, bands and stages, never an email or
-- phone (an activity's note, free text, stays out).
SELECT e.received_at::timestamptz AS at, 'webhook received'::text AS step,
	(e.connector || ' / ' || e.source || ' (event ' || e.id || ')')::text AS detail
FROM touchpoints t JOIN inbound_events e ON e.id = t.inbound_event_id WHERE t.contact_id = @contact_id
UNION ALL
SELECT e2.processed_at, 'event processed', 'event ' || e2.id || ' ' || e2.status
FROM touchpoints t2 JOIN inbound_events e2 ON e2.id = t2.inbound_event_id WHERE t2.contact_id = @contact_id AND e2.processed_at IS NOT NULL
UNION ALL
SELECT il.created_at, 'dedupe', il.decision || ' (' || il.identity_kind || ')' FROM identity_ledger il WHERE il.contact_id = @contact_id
UNION ALL
SELECT t3.created_at, 'touchpoint', t3.source || CASE WHEN t3.channel <> '' THEN ' via ' || t3.channel ELSE '' END
FROM touchpoints t3 WHERE t3.contact_id = @contact_id
UNION ALL
SELECT sc.computed_at, 'scored', sc.total || ' ' || sc.band || ' (' || sc.model_version || ')' FROM scores sc WHERE sc.contact_id = @contact_id
UNION ALL
SELECT g.created_at, 'routed', g.kind || CASE WHEN g.rule <> '' THEN ' by rule ' || g.rule ELSE '' END
	|| CASE WHEN g.team <> '' THEN ', team ' || g.team ELSE '' END || COALESCE(' to ' || r.name, '')
FROM routing_decisions g LEFT JOIN reps r ON r.id = g.rep_id WHERE g.contact_id = @contact_id
UNION ALL
SELECT d.created_at, 'deal opened', 'deal ' || d.id || ' in ' || p.name || COALESCE(', assigned to ' || r2.name, ', unassigned')
FROM deals d JOIN pipelines p ON p.id = d.pipeline_id
LEFT JOIN reps r2 ON r2.id = COALESCE((SELECT g2.rep_id FROM routing_decisions g2 WHERE g2.deal_id = d.id ORDER BY g2.created_at, g2.id LIMIT 1), d.owner_rep_id)
WHERE d.contact_id = @contact_id
UNION ALL
SELECT d2.first_contacted_at, 'first touch', 'deal ' || d2.id || ', ' ||
	round(extract(epoch FROM d2.first_contacted_at - d2.created_at) / 60) || ' min after assignment'
FROM deals d2 WHERE d2.contact_id = @contact_id AND d2.first_contacted_at IS NOT NULL
UNION ALL
SELECT h.changed_at, 'stage', COALESCE(f.name, '—') || ' → ' || ts.name || ' by ' || h.changed_by
FROM deal_stage_history h JOIN deals d3 ON d3.id = h.deal_id JOIN stages ts ON ts.id = h.to_stage_id
LEFT JOIN stages f ON f.id = h.from_stage_id WHERE d3.contact_id = @contact_id
UNION ALL
SELECT a.occurred_at, a.kind || ' logged', 'deal ' || a.deal_id FROM deal_activities a JOIN deals d4 ON d4.id = a.deal_id
WHERE d4.contact_id = @contact_id
UNION ALL
SELECT o.sent_at, 'email sent', o.template FROM email_outbox o WHERE o.contact_id = @contact_id AND o.sent_at IS NOT NULL
ORDER BY 1, 2;

-- name: PipelineStages :many
-- A pipeline's stages in order (an empty name: the default pipeline); an
-- unknown pipeline has none.
SELECT st.name, st.kind FROM stages st JOIN pipelines p ON p.id = st.pipeline_id
WHERE CASE WHEN @pipeline::text = '' THEN p.is_default ELSE lower(p.name) = lower(@pipeline::text) END
ORDER BY st.position;

-- name: PipelineValue :many
-- The open, active deals' value per pipeline, stage, owner (owner 0:
-- unassigned) and currency, for the manager page: how many, their amounts
-- and their expected value (deal_expected_cents), with how much of the
-- amount is still an estimate. Amounts in different currencies are never
-- summed together. Sums saturate at the int64 bounds, as the board's do.
-- The deals are summed by ids first and named after: grouping 10,000 deals
-- by the names' text and summing numerics took twice as long.
SELECT p.name AS pipeline, st.name AS stage, st.position, COALESCE(g.owner_rep_id, 0)::bigint AS owner_rep_id,
	COALESCE(r.name, '')::text AS owner_name, g.currency, g.deals,
	LEAST(g.amount, 9223372036854775807)::bigint AS amount_cents,
	LEAST(g.estimated, 9223372036854775807)::bigint AS estimated_cents,
	LEAST(g.expected, 9223372036854775807)::bigint AS expected_cents
FROM (SELECT d.pipeline_id, d.stage_id, d.owner_rep_id, d.currency, count(*) AS deals, sum(d.amount_cents) AS amount,
		sum(d.amount_cents) FILTER (WHERE d.amount_estimated) AS estimated,
		sum(deal_expected_cents(st.win_probability, d.amount_cents)) AS expected
	FROM deals d JOIN stages st ON st.id = d.stage_id
	WHERE d.closed_at IS NULL AND d.parked_at IS NULL
	GROUP BY d.pipeline_id, d.stage_id, d.owner_rep_id, d.currency) g
JOIN stages st ON st.id = g.stage_id JOIN pipelines p ON p.id = g.pipeline_id
LEFT JOIN reps r ON r.id = g.owner_rep_id
ORDER BY p.is_default DESC, p.name, st.position, 10 DESC, owner_name, g.currency;
