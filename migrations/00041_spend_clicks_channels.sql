-- +goose Up
-- Spend meets leads through Google's click id too, and reports group by
-- channel and source (issue 20, docs/justify-spend.md).
--
-- google_ads_clicks ties a Google Ads click id (gclid) to the campaign it
-- was a click on, as spend:sync reads it from the account's click_view (one
-- day per query, the last 90 days). A lead that came through a non-Google
-- form after clicking a Google ad carries the gclid in its landing URL or
-- hidden field (touchpoints.click_ids, kept since 00001), and no Google
-- campaign id: this table is how it meets its campaign's spend. A gclid is
-- one click, so it is the key; a re-sync of the same day rewrites nothing.
CREATE TABLE google_ads_clicks (
    gclid text PRIMARY KEY CHECK (gclid <> '' AND length(gclid) <= 200),
    account text NOT NULL CHECK (account <> '' AND length(account) <= 200),
    campaign_id text NOT NULL CHECK (campaign_id <> '' AND length(campaign_id) <= 200),
    day date NOT NULL,
    fetched_at timestamptz NOT NULL
);

-- touch_campaigns labels each touchpoint, in this order: the spend campaign
-- its platform's campaign id names (as before); else the Google Ads spend
-- campaign its gclid was a click on (google_ads_clicks); else its
-- utm_campaign; else "(none)". It now carries the touch's channel and
-- source, so the roas report groups by them; lead_campaigns passes them on
-- for the lead's first touch. Columns are appended, so every reader of the
-- 00036 columns is unchanged.
CREATE OR REPLACE VIEW touch_campaigns AS
SELECT t.id AS touchpoint_id,
       t.contact_id,
       t.occurred_at,
       COALESCE(sc.label, gc.label, report_label(t.utm_campaign)) AS campaign,
       t.channel,
       t.source
FROM touchpoints t
JOIN inbound_events e ON e.id = t.inbound_event_id
LEFT JOIN spend_campaigns sc ON sc.platform = e.connector AND sc.campaign_id = t.campaign_ids ->> 'campaign_id'
LEFT JOIN google_ads_clicks k ON k.gclid = t.click_ids ->> 'gclid'
LEFT JOIN spend_campaigns gc ON gc.platform = 'google-ads' AND gc.campaign_id = k.campaign_id
WHERE NOT t.is_test;

CREATE OR REPLACE VIEW lead_campaigns AS
SELECT c.id AS contact_id,
       c.first_touch_at,
       tc.campaign,
       EXISTS (SELECT 1 FROM scores s WHERE s.contact_id = c.id AND s.band = 'hot') AS is_mql,
       tc.channel,
       tc.source
FROM contacts c
JOIN touch_campaigns tc ON tc.touchpoint_id = c.first_touchpoint_id;

-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadflow_grafana') THEN
        GRANT SELECT ON google_ads_clicks TO leadflow_grafana;
    END IF;
END
$$;
-- +goose StatementEnd

-- +goose Down
-- Views cannot drop columns in place: rebuild them as 00036 made them
-- (touch_campaigns with 00040's report_label).
DROP VIEW lead_campaigns;
DROP VIEW touch_campaigns;
CREATE VIEW touch_campaigns AS
SELECT t.id AS touchpoint_id,
       t.contact_id,
       t.occurred_at,
       COALESCE(sc.label, report_label(t.utm_campaign)) AS campaign
FROM touchpoints t
JOIN inbound_events e ON e.id = t.inbound_event_id
LEFT JOIN spend_campaigns sc ON sc.platform = e.connector AND sc.campaign_id = t.campaign_ids ->> 'campaign_id'
WHERE NOT t.is_test;
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
        GRANT SELECT ON touch_campaigns, lead_campaigns TO leadflow_grafana;
    END IF;
END
$$;
-- +goose StatementEnd
DROP TABLE google_ads_clicks;
