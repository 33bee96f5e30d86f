-- +goose Up
-- Reports a marketer can trust (issue 20): one label rule for every report
-- key, and every touch (not only lead webhooks) for attribution.
--
-- report_label is the one home of the label rule the campaign reports
-- started with (migrations/00036): surrounding spaces are not part of a
-- label, and a blank one is "(none)". Reports group on lower(label), so
-- "Spring-Search", "spring-search " and "SPRING-SEARCH" are one group,
-- shown under the label seen first (earliest touch).
-- +goose StatementBegin
CREATE FUNCTION report_label(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT COALESCE(NULLIF(btrim(value), ''), '(none)') $$;
-- +goose StatementEnd

-- touch_campaigns keeps its columns and meaning; its utm_campaign fallback
-- is now report_label, so the roas report and the funnel/attribution
-- reports cannot disagree on what a blank or padded campaign is.
CREATE OR REPLACE VIEW touch_campaigns AS
SELECT t.id AS touchpoint_id,
       t.contact_id,
       t.occurred_at,
       COALESCE(sc.label, report_label(t.utm_campaign)) AS campaign
FROM touchpoints t
JOIN inbound_events e ON e.id = t.inbound_event_id
LEFT JOIN spend_campaigns sc ON sc.platform = e.connector AND sc.campaign_id = t.campaign_ids ->> 'campaign_id'
WHERE NOT t.is_test;

-- report_touches is every touch of a contact that attribution credits, one
-- row each, marked by kind, with the report keys already labelled
-- (report_label):
--
--   kind         from                                   source  channel  utm_source  utm_medium  utm_campaign                        connector
--   lead         touchpoints (lead webhooks, imports)   its own values, report_label'led                                              the event's connector
--   email_click  engagement_events 'clicked'            email   email    (none)      email       the email's sequence (nurture program), else its template, else (none)   the event's connector
--   email_reply  engagement_events 'replied'            email   email    (none)      email       as email_click                      the event's connector
--   call         deal_activities 'call'                 sales   sales    (none)      (none)      (none)                              (none)
--   meeting      deal_activities 'meeting'              sales   sales    (none)      (none)      (none)                              (none)
--   rep_email    deal_activities 'email'                sales   sales    (none)      (none)      (none)                              (none)
--
-- Test touches (a provider's test lead, a test email event) never count;
-- opens, deliveries, automatic replies and rep notes are not touches.
-- family orders touches at the same instant (a lead before an email event
-- before a rep activity), then touch_id.
CREATE VIEW report_touches AS
SELECT t.contact_id, t.occurred_at, 'lead'::text AS kind, 0 AS family, t.id AS touch_id,
       report_label(t.source) AS source, report_label(t.channel) AS channel,
       report_label(t.utm_source) AS utm_source, report_label(t.utm_medium) AS utm_medium,
       report_label(t.utm_campaign) AS utm_campaign, report_label(e.connector) AS connector
FROM touchpoints t
JOIN inbound_events e ON e.id = t.inbound_event_id
WHERE NOT t.is_test
UNION ALL
SELECT g.contact_id, g.occurred_at, CASE g.kind WHEN 'clicked' THEN 'email_click' ELSE 'email_reply' END, 1, g.id,
       'email', 'email', '(none)', 'email',
       report_label(COALESCE((SELECT n.program FROM nurture_enrollments n WHERE n.id = o.enrollment_id), o.template)),
       report_label(e.connector)
FROM engagement_events g
JOIN inbound_events e ON e.id = g.inbound_event_id
LEFT JOIN email_outbox o ON g.message_id <> '' AND o.provider_message_id = g.message_id
WHERE g.contact_id IS NOT NULL AND NOT g.is_test AND g.kind IN ('clicked', 'replied')
UNION ALL
SELECT d.contact_id, a.occurred_at, CASE a.kind WHEN 'email' THEN 'rep_email' ELSE a.kind END, 2, a.id,
       'sales', 'sales', '(none)', '(none)', '(none)', '(none)'
FROM deal_activities a
JOIN deals d ON d.id = a.deal_id
WHERE a.kind IN ('call', 'meeting', 'email');

-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadflow_grafana') THEN
        GRANT SELECT ON report_touches TO leadflow_grafana;
    ELSE
        RAISE NOTICE 'leadflow_grafana does not exist: grant it SELECT ON report_touches by hand';
    END IF;
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP VIEW report_touches;
CREATE OR REPLACE VIEW touch_campaigns AS
SELECT t.id AS touchpoint_id,
       t.contact_id,
       t.occurred_at,
       COALESCE(sc.label, NULLIF(btrim(t.utm_campaign), ''), '(none)') AS campaign
FROM touchpoints t
JOIN inbound_events e ON e.id = t.inbound_event_id
LEFT JOIN spend_campaigns sc ON sc.platform = e.connector AND sc.campaign_id = t.campaign_ids ->> 'campaign_id'
WHERE NOT t.is_test;
DROP FUNCTION report_label(text);
