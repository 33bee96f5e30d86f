-- +goose Up
-- lead_funnel is the marketer's view of a contact: where they first came
-- from, whether they became an MQL (ever scored hot) and what became of
-- their first deal. Reports group and filter it; it holds no state of its
-- own, so it can never drift from the tables it reads.
--
-- Test touchpoints (is_test) are left out of the first touch: a provider's
-- test lead is not marketing, and a contact with nothing else has no first
-- touch and drops out of every date-bounded report.
CREATE VIEW lead_funnel AS
SELECT c.id                                   AS contact_id,
       ft.source,
       ft.channel,
       ft.utm_source,
       ft.utm_medium,
       ft.utm_campaign,
       ft.connector,
       ft.occurred_at                         AS first_touch_at,
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
LEFT JOIN LATERAL (
    SELECT t.source, t.channel, t.utm_source, t.utm_medium, t.utm_campaign, e.connector, t.occurred_at
    FROM touchpoints t JOIN inbound_events e ON e.id = t.inbound_event_id
    WHERE t.contact_id = c.id AND NOT t.is_test
    ORDER BY t.occurred_at, t.id
    LIMIT 1
) ft ON true
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

-- The view's lateral lookups: first deal per contact, first hot score per
-- contact (touchpoints (contact_id, occurred_at) exists since 00001).
CREATE INDEX deals_contact_created_idx ON deals (contact_id, created_at);
CREATE INDEX scores_contact_hot_idx ON scores (contact_id, computed_at) WHERE band = 'hot';
-- Stage conversion reads a stage's entries; the leaderboard reads deals by
-- creation time.
CREATE INDEX deal_stage_history_to_stage_idx ON deal_stage_history (to_stage_id, changed_at);
CREATE INDEX deals_created_idx ON deals (created_at);

-- +goose Down
DROP INDEX deals_created_idx;
DROP INDEX deal_stage_history_to_stage_idx;
DROP INDEX scores_contact_hot_idx;
DROP INDEX deals_contact_created_idx;
DROP VIEW lead_funnel;
