-- One chunk of seeded contacts, in one transaction, after params.sql filled
-- seed_p. Every row follows the schema of migrations/ with its constraints
-- and triggers on — the open-deal counter trigger counts the deals — but
-- one: the first-touch trigger runs an UPDATE of contacts per touchpoint
-- (two thirds of the chunk's time), so it is off for the chunk's
-- transaction and its work is done in one statement with the same result
-- (a contact's first touch is its earliest, lowest-id touchpoint: the
-- first it was given; the test checks it). Ids of contacts, events,
-- touchpoints, deals and enrollments are computed (base + index × slots) so
-- that one statement per table can refer to the rows of another; the
-- identity sequences are moved past them at the end of the seed.
BEGIN;

-- Per contact: when it arrived, how many touches, its band, and what
-- happened to it. Ratios: 1 touch 60 %, 2 touches 30 %, 3 touches 10 %;
-- deals 5 % (hot), warm 25 %, cold the rest; nurture 63 % of those without
-- a deal (≈ 60 % of all); engaged 20 %; a phone for 40 %.
CREATE TEMP TABLE seed_c ON COMMIT DROP AS
SELECT g AS i, p.cb + g AS cid,
       p.now - interval '365 days' * pg_temp.r(g, 1) - interval '2 hours' AS created_at,
       CASE WHEN pg_temp.r(g, 2) < 0.6 THEN 1 WHEN pg_temp.r(g, 2) < 0.9 THEN 2 ELSE 3 END AS ntp,
       pg_temp.r(g, 3) < 0.05 AS has_deal,
       CASE WHEN pg_temp.r(g, 3) < 0.05 THEN 'hot' WHEN pg_temp.r(g, 4) < 0.25 THEN 'warm' ELSE 'cold' END AS band,
       pg_temp.r(g, 3) >= 0.05 AND pg_temp.r(g, 5) < 0.63 AS nurtured,
       pg_temp.r(g, 6) < 0.2 AS engaged,
       pg_temp.r(g, 7) < 0.4 AS has_phone,
       'seed' || g || '@' || (ARRAY['acme.test', 'globex.test', 'initech.test', 'umbrella.test', 'hooli.test',
           'stark-fab.test', 'wayne.test', 'wonka.test', 'tyrell.test', 'cyberdyne.test'])[1 + (g % 10)] AS email,
       (ARRAY['Quinn', 'Avery', 'Jordan', 'Riley', 'Morgan', 'Casey', 'Taylor', 'Jamie', 'Alex', 'Sam'])[1 + (g % 7)] AS first_name,
       (ARRAY['Castillo', 'Nguyen', 'Smith', 'Garcia', 'Müller', 'Rossi', 'Kowalski', 'Tanaka', 'Okafor'])[1 + (g % 9)] AS last_name,
       (ARRAY['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Fab', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne'])[1 + (g % 10)] AS company,
       (ARRAY['VP Sales', 'CEO', 'Marketing Manager', 'Student', 'Head of Growth', 'CTO', 'Analyst'])[1 + (g % 7)] AS title,
       (ARRAY['US', 'GB', 'DE', 'FR', 'ES', 'NL', 'CA'])[1 + (g % 7)] AS country
FROM seed_p p, generate_series(p.lo, p.hi) g;

-- Per touchpoint: the j-th touch comes 0–30 days after the previous one,
-- never after the seed's clock; its event id slot is j (slot 4 is the
-- contact's engagement event).
CREATE TEMP TABLE seed_t ON COMMIT DROP AS
SELECT c.i, c.cid, j, p.tb + 3 * (c.i - 1) + j AS tid, p.eb + 4 * (c.i - 1) + j AS eid,
       LEAST(c.created_at + interval '30 days' * (j - 1) * pg_temp.r(c.i, 10 + j), p.now - interval '1 hour') AS occurred_at,
       (pg_temp.r(c.i, 20 + j) * 7)::int % 7 AS src,
       (pg_temp.r(c.i, 30 + j) * 50)::int % 50 AS campaign
FROM seed_c c CROSS JOIN seed_p p CROSS JOIN LATERAL generate_series(1, c.ntp) j;

INSERT INTO contacts (id, first_name, last_name, company, title, country, created_at, updated_at)
OVERRIDING SYSTEM VALUE
SELECT cid, first_name, last_name, company, title, country, created_at, created_at FROM seed_c ORDER BY cid;

ALTER TABLE touchpoints DISABLE TRIGGER touchpoints_first_touch;

INSERT INTO contact_identities (kind, value, contact_id, created_at)
SELECT 'email', email, cid, created_at FROM seed_c
UNION ALL
SELECT 'phone', '+1555' || lpad(i::text, 8, '0'), cid, created_at FROM seed_c WHERE has_phone;

INSERT INTO identity_ledger (contact_id, decision, identity_kind, identity_value, created_at)
SELECT cid, 'created', 'email', email, created_at FROM seed_c
UNION ALL
SELECT cid, 'attached_phone', 'phone', '+1555' || lpad(i::text, 8, '0'), created_at FROM seed_c WHERE has_phone;

-- Every touchpoint arrived as a webhook, stored and processed; the payload
-- is a realistic lead body (≈ 450 bytes), as intake stores it.
INSERT INTO inbound_events (id, connector, source, event_id, received_at, payload, status, attempts, enqueued_at, processed_at, kind, task_id)
OVERRIDING SYSTEM VALUE
SELECT t.eid, (ARRAY['google_ads', 'meta', 'linkedin', 'typeform', 'generic', 'generic', 'tiktok'])[1 + t.src],
       (ARRAY['google_ads', 'meta', 'linkedin', 'typeform', 'website', 'webinar', 'tiktok'])[1 + t.src],
       'seed-' || t.i || '-' || t.j, t.occurred_at,
       convert_to(json_build_object('type', 'lead.created', 'data', json_build_object(
           'external_id', 'seed-' || t.i || '-' || t.j, 'email', c.email, 'first_name', c.first_name, 'last_name', c.last_name,
           'company', c.company, 'title', c.title, 'country', c.country,
           'message', 'We are looking at tools for our sales team and would like a demo next month.',
           'answers', json_build_object('budget', 'over_10k', 'authority', 'influencer', 'need', 'exploring', 'timeline', 'this_quarter'),
           'utm', json_build_object('source', 'src' || t.src, 'medium', 'cpc', 'campaign', 'cmp-' || lpad(t.campaign::text, 2, '0'))))::text, 'UTF8'),
       'processed', 1, t.occurred_at, t.occurred_at + interval '2 seconds', 'lead', 'ingest:seed:' || t.eid
FROM seed_t t JOIN seed_c c ON c.i = t.i ORDER BY t.eid;

INSERT INTO touchpoints (id, contact_id, inbound_event_id, source, channel, external_id, utm_source, utm_medium, utm_campaign,
                         click_ids, landing_url, consent_marketing, consent_text, message, answers, occurred_at, created_at, consent_at)
OVERRIDING SYSTEM VALUE
SELECT t.tid, t.cid, t.eid, (ARRAY['google_ads', 'meta', 'linkedin', 'typeform', 'website', 'webinar', 'tiktok'])[1 + t.src],
       (ARRAY['paid_search', 'paid_social', 'paid_social', 'form', 'organic', 'event', 'paid_social'])[1 + t.src],
       'seed-' || t.i || '-' || t.j, 'src' || t.src, 'cpc', 'cmp-' || lpad(t.campaign::text, 2, '0'),
       CASE WHEN t.src IN (0, 1) THEN jsonb_build_object('gclid', 'seed' || t.tid) ELSE '{}'::jsonb END,
       'https://example.com/demo?utm_campaign=cmp-' || lpad(t.campaign::text, 2, '0'),
       pg_temp.r(t.i, 40 + t.j) < 0.7, 'Yes, send me news', 'We are looking at tools for our sales team.',
       '{"budget":"over_10k","authority":"influencer","need":"exploring","timeline":"this_quarter"}'::jsonb,
       t.occurred_at, t.occurred_at + interval '2 seconds', t.occurred_at
FROM seed_t t ORDER BY t.occurred_at, t.tid;

ALTER TABLE touchpoints ENABLE TRIGGER touchpoints_first_touch;
UPDATE contacts c SET first_touchpoint_id = t.tid, first_touch_at = t.occurred_at
FROM seed_t t WHERE t.j = 1 AND c.id = t.cid;

INSERT INTO consent_events (contact_id, touchpoint_id, state, occurred_at, created_at)
SELECT t.cid, t.tid, CASE WHEN pg_temp.r(t.i, 40 + t.j) < 0.7 THEN 'given' ELSE 'refused' END, t.occurred_at, t.occurred_at
FROM seed_t t;

-- One score per touchpoint; the contact's band on its last one, cold
-- before that; the breakdown is the size of a real one (≈ 250 bytes).
INSERT INTO scores (contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at)
SELECT t.cid, t.tid,
       CASE b.band WHEN 'hot' THEN 75 + (pg_temp.r(t.i, 50) * 25)::int WHEN 'warm' THEN 45 + (pg_temp.r(t.i, 50) * 29)::int
                   ELSE (pg_temp.r(t.i, 50) * 44)::int END,
       b.band, 'rules-v1',
       '{"rules":[{"rule":"title","points":15,"reason":"title VP Sales"},{"rule":"budget","points":10,"reason":"budget over 10k"},{"rule":"engagement","points":3,"reason":"2 opens in 14 days"}],"model":"rules-v1"}'::jsonb,
       t.occurred_at + interval '2 seconds'
FROM seed_t t JOIN seed_c c ON c.i = t.i
CROSS JOIN LATERAL (SELECT CASE WHEN t.j = c.ntp THEN c.band ELSE 'cold' END AS band) b;

-- Engagement for 20 %: one provider webhook (slot 4) carrying 1–3 opens
-- and clicks, within 30 days of the last touch.
INSERT INTO inbound_events (id, connector, source, event_id, received_at, payload, status, attempts, enqueued_at, processed_at, kind, task_id)
OVERRIDING SYSTEM VALUE
SELECT p.eb + 4 * (c.i - 1) + 4, 'mailgun', 'mailgun', 'seed-eng-' || c.i,
       LEAST(c.created_at + interval '30 days' * pg_temp.r(c.i, 60), p.now - interval '1 hour'),
       convert_to('{"event-data":{"event":"opened","recipient":"' || c.email || '"}}', 'UTF8'),
       'processed', 1, NULL, LEAST(c.created_at + interval '30 days' * pg_temp.r(c.i, 60), p.now - interval '1 hour'), 'engagement', ''
FROM seed_c c, seed_p p WHERE c.engaged ORDER BY c.i;

INSERT INTO engagement_events (inbound_event_id, seq, contact_id, kind, email, message_id, url, occurred_at, created_at)
SELECT p.eb + 4 * (c.i - 1) + 4, s, c.cid, CASE WHEN s = 1 THEN 'opened' ELSE 'clicked' END, c.email, '<seed-' || c.i || '@mail.test>',
       CASE WHEN s = 1 THEN '' ELSE 'https://example.com/pricing' END,
       LEAST(c.created_at + interval '30 days' * pg_temp.r(c.i, 60), p.now - interval '1 hour') + interval '1 minute' * s,
       LEAST(c.created_at + interval '30 days' * pg_temp.r(c.i, 60), p.now - interval '1 hour') + interval '1 minute' * s
FROM seed_c c CROSS JOIN seed_p p CROSS JOIN LATERAL generate_series(1, 1 + (pg_temp.r(c.i, 61) * 2.99)::int) s
WHERE c.engaged;

-- Deals for the hot 5 %, opened on the last touch and assigned round robin:
-- won 20 %, lost 25 %, open 55 % spread over the open stages; of the open
-- ones 10 % are parked with a reminder in the next 60 days, and those
-- opened in the last two days are half untouched with a first-touch
-- deadline in the next 8 hours.
CREATE TEMP TABLE seed_d ON COMMIT DROP AS
SELECT c.i, c.cid, p.db + c.i AS did, t.tid, t.occurred_at + interval '1 minute' AS created_at,
       CASE WHEN pg_temp.r(c.i, 70) < 0.2 THEN 'won' WHEN pg_temp.r(c.i, 70) < 0.45 THEN 'lost' ELSE 'open' END AS outcome,
       1 + (pg_temp.r(c.i, 71) * array_length(p.open_stages, 1))::int % array_length(p.open_stages, 1) AS reached,
       p.reps[1 + (c.i % array_length(p.reps, 1))] AS rep_id,
       p.rep_emails[1 + (c.i % array_length(p.reps, 1))] AS rep_email,
       (100000 + pg_temp.r(c.i, 72) * 9900000)::bigint AS amount_cents, c.email, c.company
FROM seed_c c JOIN seed_t t ON t.i = c.i AND t.j = c.ntp CROSS JOIN seed_p p
WHERE c.has_deal;

INSERT INTO deals (id, contact_id, pipeline_id, stage_id, owner_rep_id, touchpoint_id, title, amount_cents, lost_reason,
                   created_at, updated_at, stage_entered_at, first_contacted_at, closed_at, parked_at, callback_at, sla_due_at)
OVERRIDING SYSTEM VALUE
SELECT d.did, d.cid, (SELECT id FROM pipelines WHERE is_default), st.stage_id, d.rep_id, d.tid, 'Deal for ' || d.company, d.amount_cents,
       CASE WHEN d.outcome = 'lost' THEN 'no budget' ELSE '' END,
       d.created_at, COALESCE(x.closed_at, d.created_at), COALESCE(x.closed_at, x.entered_at),
       CASE WHEN x.untouched THEN NULL ELSE d.created_at + interval '2 hours' * pg_temp.r(d.i, 73) END,
       x.closed_at,
       CASE WHEN x.parked THEN x.entered_at + interval '1 day' END,
       CASE WHEN x.parked THEN p.now + interval '60 days' * pg_temp.r(d.i, 75) END,
       CASE WHEN x.untouched THEN p.now + interval '8 hours' * pg_temp.r(d.i, 76) ELSE d.created_at + interval '1 hour' END
FROM seed_d d CROSS JOIN seed_p p
CROSS JOIN LATERAL (SELECT
    CASE d.outcome WHEN 'won' THEN p.won_stage WHEN 'lost' THEN p.lost_stage ELSE p.open_stages[d.reached] END AS stage_id) st
CROSS JOIN LATERAL (SELECT
    CASE WHEN d.outcome <> 'open' THEN LEAST(d.created_at + interval '60 days' * pg_temp.r(d.i, 74), p.now - interval '1 minute') END AS closed_at,
    d.created_at + (p.now - d.created_at) * 0.5 * pg_temp.r(d.i, 77) AS entered_at,
    d.outcome = 'open' AND pg_temp.r(d.i, 78) < 0.1 AS parked,
    d.outcome = 'open' AND d.created_at > p.now - interval '2 days' AND pg_temp.r(d.i, 79) < 0.5 AS untouched) x
ORDER BY d.did;

-- Stage history: each deal walked the open stages up to where it is, then
-- (closed) to won or lost.
INSERT INTO deal_stage_history (deal_id, from_stage_id, to_stage_id, changed_at, changed_by)
SELECT d.did, CASE WHEN k > 1 THEN p.open_stages[k - 1] END, p.open_stages[k], d.created_at + interval '1 day' * (k - 1), 'seed'
FROM seed_d d CROSS JOIN seed_p p
CROSS JOIN LATERAL generate_series(1, CASE WHEN d.outcome = 'won' THEN array_length(p.open_stages, 1) ELSE d.reached END) k
UNION ALL
SELECT d.did, p.open_stages[CASE WHEN d.outcome = 'won' THEN array_length(p.open_stages, 1) ELSE d.reached END],
       CASE WHEN d.outcome = 'won' THEN p.won_stage ELSE p.lost_stage END, dl.closed_at, 'seed'
FROM seed_d d CROSS JOIN seed_p p JOIN deals dl ON dl.id = d.did
WHERE d.outcome <> 'open';

INSERT INTO routing_decisions (contact_id, deal_id, kind, rule, team, rep_id, created_at)
SELECT cid, did, 'assign', 'round_robin', '', rep_id, created_at FROM seed_d;

-- The rep's new-lead notification of every deal, sent.
INSERT INTO email_outbox (dedupe_key, contact_id, template, to_address, status, provider_message_id, attempts, created_at, sent_at,
                          kind, send_after, deal_id, rep_id)
SELECT 'rep-new-lead:' || did, cid, 'rep-new-lead', rep_email, 'sent', '<seed-deal-' || did || '@mail.test>', 1, created_at,
       created_at + interval '5 seconds', 'transactional', created_at, did, rep_id
FROM seed_d;

-- Nurture for ≈ 60 %: the default program on the first touch, with its
-- whole sequence as outbox rows (now, +3 days, +10 days) as the product
-- queues it: sent when due before the clock, pending after; enrollments
-- older than 30 days are completed.
INSERT INTO nurture_enrollments (id, contact_id, program, touchpoint_id, band, status, enrolled_at, ended_at)
OVERRIDING SYSTEM VALUE
SELECT p.nb + c.i, c.cid, 'default', t.tid, c.band,
       CASE WHEN t.occurred_at < p.now - interval '30 days' THEN 'completed' ELSE 'active' END,
       t.occurred_at + interval '10 seconds',
       CASE WHEN t.occurred_at < p.now - interval '30 days' THEN t.occurred_at + interval '10 days 10 seconds' END
FROM seed_c c JOIN seed_t t ON t.i = c.i AND t.j = 1 CROSS JOIN seed_p p
WHERE c.nurtured ORDER BY c.i;

INSERT INTO email_outbox (dedupe_key, contact_id, template, to_address, status, provider_message_id, attempts, created_at, sent_at,
                          kind, send_after, enrollment_id)
SELECT 'nurture:' || (p.nb + c.i) || ':' || (s - 1), c.cid, 'nurture-' || s, c.email,
       CASE WHEN x.send_after < p.now THEN 'sent' ELSE 'pending' END,
       CASE WHEN x.send_after < p.now THEN '<seed-' || c.i || '-' || s || '@mail.test>' END,
       CASE WHEN x.send_after < p.now THEN 1 ELSE 0 END,
       t.occurred_at + interval '10 seconds',
       CASE WHEN x.send_after < p.now THEN x.send_after + interval '5 seconds' END,
       'marketing', x.send_after, p.nb + c.i
FROM seed_c c JOIN seed_t t ON t.i = c.i AND t.j = 1 CROSS JOIN seed_p p CROSS JOIN generate_series(1, 3) s
CROSS JOIN LATERAL (SELECT t.occurred_at + interval '10 seconds' + (ARRAY[interval '0', interval '3 days', interval '10 days'])[s] AS send_after) x
WHERE c.nurtured;

COMMIT;
