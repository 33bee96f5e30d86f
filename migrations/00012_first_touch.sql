-- +goose Up
-- The first touch is stored on the contact, so reports join it directly instead of looking it up per
-- contact: the funnel over a million leads is a few hash joins.
ALTER TABLE contacts
    ADD COLUMN first_touchpoint_id bigint REFERENCES touchpoints (id) ON DELETE SET NULL,
    ADD COLUMN first_touch_at timestamptz;
UPDATE contacts c SET first_touchpoint_id = ft.id, first_touch_at = ft.occurred_at
FROM (SELECT DISTINCT ON (contact_id) id, contact_id, occurred_at FROM touchpoints
      WHERE NOT is_test ORDER BY contact_id, occurred_at, id) ft
WHERE ft.contact_id = c.id;
CREATE INDEX contacts_first_touch_idx ON contacts (first_touch_at);

-- A trigger keeps it current whoever writes touchpoints (intake, history
-- import, tests): an earlier touch replaces a later one; test touches never
-- count.
-- +goose StatementBegin
CREATE FUNCTION leadflow_set_first_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT NEW.is_test THEN
        UPDATE contacts SET first_touchpoint_id = NEW.id, first_touch_at = NEW.occurred_at
        WHERE id = NEW.contact_id
          AND (first_touch_at IS NULL OR first_touch_at > NEW.occurred_at
               OR (first_touch_at = NEW.occurred_at AND first_touchpoint_id > NEW.id));
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER touchpoints_first_touch AFTER INSERT ON touchpoints
    FOR EACH ROW EXECUTE FUNCTION leadflow_set_first_touch();

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

-- +goose Down
CREATE OR REPLACE VIEW lead_funnel AS
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
DROP TRIGGER touchpoints_first_touch ON touchpoints;
DROP FUNCTION leadflow_set_first_touch();
DROP INDEX contacts_first_touch_idx;
ALTER TABLE contacts DROP COLUMN first_touch_at, DROP COLUMN first_touchpoint_id;
