-- +goose Up
-- Spend meets outcomes on one campaign label (issue 20, docs/justify-spend.md).
--
-- spend_campaigns labels each platform campaign that has spend: the
-- utm_campaign the campaign map gives its id, else the one it gives its
-- (latest) name, else its name, else its id. touch_campaigns labels each
-- touchpoint: the label of the spend campaign its platform's campaign id
-- names (a lead carries the ad platform's campaign_id, the touch's
-- connector is the platform), else its utm_campaign, else "(none)".
-- Reports group on lower(label), so "Spring-Search" and "spring-search"
-- are one campaign, shown under the name seen first.
CREATE VIEW spend_campaigns AS
SELECT DISTINCT ON (s.platform, s.campaign_id)
       s.platform,
       s.campaign_id,
       COALESCE(by_id.utm_campaign, by_name.utm_campaign,
                NULLIF(btrim(s.campaign_name), ''), s.campaign_id) AS label
FROM ad_spend s
LEFT JOIN campaign_map by_id ON by_id.platform = s.platform AND by_id.campaign_key = s.campaign_id
LEFT JOIN campaign_map by_name ON by_name.platform = s.platform AND by_name.campaign_key = s.campaign_name
ORDER BY s.platform, s.campaign_id, s.day DESC;

CREATE VIEW touch_campaigns AS
SELECT t.id AS touchpoint_id,
       t.contact_id,
       t.occurred_at,
       COALESCE(sc.label, NULLIF(btrim(t.utm_campaign), ''), '(none)') AS campaign
FROM touchpoints t
JOIN inbound_events e ON e.id = t.inbound_event_id
LEFT JOIN spend_campaigns sc ON sc.platform = e.connector AND sc.campaign_id = t.campaign_ids ->> 'campaign_id'
WHERE NOT t.is_test;

-- lead_campaigns is one row per lead (contact) with its first touch's
-- campaign and whether it ever scored hot (an MQL), so the campaigns
-- dashboard reads leads per campaign without reading contacts or scores.
CREATE VIEW lead_campaigns AS
SELECT c.id AS contact_id,
       c.first_touch_at,
       tc.campaign,
       EXISTS (SELECT 1 FROM scores s WHERE s.contact_id = c.id AND s.band = 'hot') AS is_mql
FROM contacts c
JOIN touch_campaigns tc ON tc.touchpoint_id = c.first_touchpoint_id;

-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadflow_grafana') THEN
        GRANT SELECT ON spend_campaigns, touch_campaigns, lead_campaigns TO leadflow_grafana;
    ELSE
        RAISE NOTICE 'leadflow_grafana does not exist: grant it SELECT ON spend_campaigns, touch_campaigns, lead_campaigns by hand';
    END IF;
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP VIEW lead_campaigns;
DROP VIEW touch_campaigns;
DROP VIEW spend_campaigns;
