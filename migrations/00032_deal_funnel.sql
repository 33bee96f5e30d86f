-- +goose Up
-- The funnel counts every deal, not only a contact's first (a returning
-- customer's second opportunity was hidden), and a one-month report reads
-- only that month: no view aggregates all scores and deals before the
-- report's filter.
--
-- deal_funnel is one row per deal with the touch it is attributed to: the
-- earliest non-test touch of its contact after the contact's previous deal
-- was opened and at or before this one was (for a first deal: the
-- contact's first touch); a repeat deal with no new touch since the
-- previous one goes to the latest touch before it; a deal opened before any
-- touch goes to the contact's first touch. A deal of a contact with no
-- non-test touch at all has nothing to be attributed to and is left out,
-- as such contacts are left out of lead_funnel's date-bounded reads.
CREATE VIEW deal_funnel AS
SELECT d.id                                   AS deal_id,
       d.contact_id,
       d.pipeline_id,
       d.owner_rep_id,
       d.created_at                           AS deal_created_at,
       d.amount_cents,
       d.closed_at,
       st.kind = 'won'                        AS won,
       st.kind = 'lost'                       AS lost,
       CASE WHEN st.kind = 'won' THEN d.closed_at - d.created_at END AS time_to_close,
       t.id                                   AS touchpoint_id,
       t.source,
       t.channel,
       t.utm_source,
       t.utm_medium,
       t.utm_campaign,
       e.connector,
       t.occurred_at                          AS touch_at
FROM deals d
JOIN stages st ON st.id = d.stage_id
JOIN contacts c ON c.id = d.contact_id
LEFT JOIN LATERAL (
    SELECT max(p.created_at) AS at FROM deals p
    WHERE p.contact_id = d.contact_id AND (p.created_at, p.id) < (d.created_at, d.id)
) previous ON true
LEFT JOIN LATERAL (
    -- New touches (after the previous deal) first, earliest first; then
    -- older ones, latest first.
    SELECT t.id FROM touchpoints t
    WHERE t.contact_id = d.contact_id AND NOT t.is_test AND t.occurred_at <= d.created_at
    ORDER BY (previous.at IS NOT NULL AND t.occurred_at <= previous.at),
             CASE WHEN previous.at IS NULL OR t.occurred_at > previous.at THEN t.occurred_at END,
             CASE WHEN previous.at IS NULL OR t.occurred_at > previous.at THEN t.id END,
             t.occurred_at DESC, t.id DESC
    LIMIT 1
) own ON true
JOIN touchpoints t ON t.id = COALESCE(own.id, c.first_touchpoint_id)
JOIN inbound_events e ON e.id = t.inbound_event_id;

-- lead_funnel keeps its columns (the pareto report and its panel read the
-- first deal), but looks up the first hot score and the first deal per
-- contact instead of aggregating every score and deal before any filter,
-- and its first_touch_at is the contact's own column, so a window on it
-- uses contacts_first_touch_idx.
CREATE OR REPLACE VIEW lead_funnel AS
SELECT c.id                                   AS contact_id,
       t.source,
       t.channel,
       t.utm_source,
       t.utm_medium,
       t.utm_campaign,
       e.connector,
       c.first_touch_at,
       mql.first_hot_at IS NOT NULL           AS is_mql,
       mql.first_hot_at                       AS mql_at,
       fd.id                                  AS deal_id,
       fd.owner_rep_id,
       fd.created_at                          AS deal_created_at,
       fd.amount_cents,
       fd.closed_at,
       COALESCE(fd.kind = 'won', false)       AS won,
       COALESCE(fd.kind = 'lost', false)      AS lost,
       CASE WHEN fd.kind = 'won' THEN fd.closed_at - fd.created_at END AS time_to_close
FROM contacts c
LEFT JOIN touchpoints t ON t.id = c.first_touchpoint_id
LEFT JOIN inbound_events e ON e.id = t.inbound_event_id
LEFT JOIN LATERAL (
    SELECT min(s.computed_at) AS first_hot_at FROM scores s
    WHERE s.contact_id = c.id AND s.band = 'hot'
) mql ON true
LEFT JOIN LATERAL (
    SELECT d.id, d.owner_rep_id, d.created_at, d.amount_cents, d.closed_at, st.kind
    FROM deals d JOIN stages st ON st.id = d.stage_id
    WHERE d.contact_id = c.id
    ORDER BY d.created_at, d.id
    LIMIT 1
) fd ON true;

-- A month's deals are found from the month's touches: every touch a deal
-- can be attributed to is one of its contact's non-test touches.
CREATE INDEX touchpoints_occurred_idx ON touchpoints (occurred_at, contact_id) WHERE NOT is_test;

-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadflow_grafana') THEN
        GRANT SELECT ON deal_funnel TO leadflow_grafana;
    ELSE
        RAISE NOTICE 'leadflow_grafana does not exist: grant it SELECT ON deal_funnel by hand';
    END IF;
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP INDEX touchpoints_occurred_idx;
CREATE OR REPLACE VIEW lead_funnel AS
WITH mql AS (
    SELECT contact_id, min(computed_at) AS first_hot_at FROM scores WHERE band = 'hot' GROUP BY contact_id
), fd AS (
    SELECT DISTINCT ON (d.contact_id) d.contact_id, d.id, d.owner_rep_id, d.created_at, d.amount_cents, d.closed_at, st.kind
    FROM deals d JOIN stages st ON st.id = d.stage_id
    ORDER BY d.contact_id, d.created_at, d.id
)
SELECT c.id                                   AS contact_id,
       t.source,
       t.channel,
       t.utm_source,
       t.utm_medium,
       t.utm_campaign,
       e.connector,
       t.occurred_at                          AS first_touch_at,
       mql.first_hot_at IS NOT NULL           AS is_mql,
       mql.first_hot_at                       AS mql_at,
       fd.id                                  AS deal_id,
       fd.owner_rep_id,
       fd.created_at                          AS deal_created_at,
       fd.amount_cents,
       fd.closed_at,
       COALESCE(fd.kind = 'won', false)       AS won,
       COALESCE(fd.kind = 'lost', false)      AS lost,
       CASE WHEN fd.kind = 'won' THEN fd.closed_at - fd.created_at END AS time_to_close
FROM contacts c
LEFT JOIN touchpoints t ON t.id = c.first_touchpoint_id
LEFT JOIN inbound_events e ON e.id = t.inbound_event_id
LEFT JOIN mql ON mql.contact_id = c.id
LEFT JOIN fd ON fd.contact_id = c.id;
DROP VIEW deal_funnel;
