-- name: LockIdentities :exec
-- Takes a transaction-scoped advisory lock per identity key, in the order
-- given, so concurrent leads for the same person serialize and cannot both
-- create a contact. It must be a statement of its own: a later statement's
-- snapshot then sees what the previous holder committed.
SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM unnest(@keys::text[]) AS k;

-- name: TouchpointLeads :many
-- Touchpoints by id, each with its contact's current profile and first
-- email and phone: the leads they recorded, rebuilt for scoring and for
-- training on closed deals (one query, one mapping, for both).
SELECT t.id, t.contact_id, t.inbound_event_id, t.source, t.channel, t.external_id,
    t.utm_source, t.utm_medium, t.utm_campaign, t.utm_term, t.utm_content, t.click_ids, t.landing_url,
    t.consent_marketing, t.consent_text, t.message, t.answers, t.attributes, t.occurred_at, t.is_test,
    c.first_name, c.last_name, c.company, c.title, c.country,
    COALESCE(em.value, '')::text AS email, COALESCE(ph.value, '')::text AS phone
FROM touchpoints t JOIN contacts c ON c.id = t.contact_id
LEFT JOIN LATERAL (SELECT value FROM contact_identities WHERE contact_id = c.id AND kind = 'email' ORDER BY created_at, value LIMIT 1) em ON true
LEFT JOIN LATERAL (SELECT value FROM contact_identities WHERE contact_id = c.id AND kind = 'phone' ORDER BY created_at, value LIMIT 1) ph ON true
WHERE t.id = ANY(@touchpoint_ids::bigint[])
ORDER BY t.id;

-- name: ContactProfile :one
-- The profile of a contact: the one read of it, which the rep API's
-- contact and the privacy export both shape.
SELECT id, ref, first_name, last_name, company, title, country, created_at, updated_at, first_touch_at, erased_at
FROM contacts WHERE id = @contact_id;

-- name: ContactIdentities :many
-- The emails and phones of a contact, oldest first: what its export
-- lists, what the rep API shows (by kind) and what its erasure locks.
SELECT kind, value, created_at FROM contact_identities WHERE contact_id = @contact_id ORDER BY created_at, kind, value;

-- name: ContactTouchpoints :many
-- The touchpoints of a contact with everything they recorded, oldest
-- first: the rep API and the privacy export both read them here.
SELECT id, inbound_event_id, source, channel, external_id, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
    campaign_ids, click_ids, landing_url, consent_marketing, consent_text, consent_at, message, answers, attributes,
    is_test, occurred_at, created_at
FROM touchpoints WHERE contact_id = @contact_id ORDER BY occurred_at, id;

-- name: ContactByRef :one
-- The contact behind its opaque reference ("lead_…"), as a provider, an
-- unsubscribe link or a rep was given it.
SELECT id FROM contacts WHERE ref = @ref;

-- name: ContactByID :one
-- The contact with this numeric id, if it exists.
SELECT id FROM contacts WHERE id = @id;

-- name: ContactByIdentity :one
-- The contact owning a normalized email address or E.164 phone number.
SELECT contact_id FROM contact_identities WHERE kind = @kind AND value = @value;

-- name: ContactBySentMessage :one
-- The contact an email we sent (by its provider Message-Id) went to.
SELECT contact_id FROM email_outbox WHERE provider_message_id = @provider_message_id::text LIMIT 1;

-- name: ContactByEmail :one
-- The contact owning an email address, in any case.
SELECT contact_id FROM contact_identities WHERE kind = 'email' AND value = lower(@email);

-- name: ContactRef :one
-- The opaque reference of a contact.
SELECT ref FROM contacts WHERE id = @id;

-- name: InsertEngagement :exec
-- One engagement event of an inbound event; a retried event adds nothing.
INSERT INTO engagement_events (inbound_event_id, seq, contact_id, kind, email, message_id, url, severity, reason, is_test, occurred_at, created_at, text)
VALUES (@inbound_event_id, @seq, @contact_id, @kind, @email, @message_id, @url, @severity, @reason, @is_test, @occurred_at, @created_at, @text)
ON CONFLICT (inbound_event_id, seq) DO NOTHING;

-- name: StopNurtureOnReply :exec
-- A reply means a conversation: the contact's automated nurture stops.
UPDATE nurture_enrollments SET status = 'stopped', ended_at = @ended_at::timestamptz
WHERE contact_id = @contact_id AND status = 'active';

-- name: AddSuppression :execrows
-- Suppresses an address (unsubscribed, complained, bounced); 0 rows when
-- it already was.
INSERT INTO suppressions (email, reason, created_at) VALUES (lower(@email), @reason, @created_at)
ON CONFLICT (email) DO NOTHING;

-- name: LookUpLeads :many
-- Under the identity locks, for a chunk of leads: each identity with the
-- contact that owns it (0 when none; @kinds and @identity_values zipped),
-- then one row per event of @inbound_event_ids that recorded its touchpoint
-- already (a retried chunk): no kind, its touchpoint in owner.
-- Each owner is a subquery on the primary key, not a join: pgx prepares
-- the statement, PostgreSQL caches a generic plan, and a join planned
-- while contact_identities was still small stays a hash join over a
-- sequential scan as the table grows (1.3 ms a lead at 20,000 identities
-- in `leadflow bench --pg-statements`, against 0.02 ms for the lookup by key).
SELECT w.kind::text AS kind, w.value::text AS value,
    COALESCE((SELECT i.contact_id FROM contact_identities i WHERE i.kind = w.kind AND i.value = w.value), 0)::bigint AS owner,
    0::bigint AS inbound_event_id
FROM (SELECT unnest(@kinds::text[]) AS kind, unnest(@identity_values::text[]) AS value) w
UNION ALL
SELECT ''::text, ''::text, t.id, t.inbound_event_id
FROM touchpoints t WHERE t.inbound_event_id = ANY(@inbound_event_ids::bigint[]);

-- name: ContactLeadProfiles :many
-- The profile scoring reads of existing contacts (as TouchpointLeads does:
-- names, company, title, country, first email and phone), so that a chunk
-- of leads is scored from memory without reading its touchpoints back.
SELECT c.id, c.first_name, c.last_name, c.company, c.title, c.country,
    COALESCE(em.value, '')::text AS email, COALESCE(ph.value, '')::text AS phone
FROM contacts c
LEFT JOIN LATERAL (SELECT value FROM contact_identities WHERE contact_id = c.id AND kind = 'email' ORDER BY created_at, value LIMIT 1) em ON true
LEFT JOIN LATERAL (SELECT value FROM contact_identities WHERE contact_id = c.id AND kind = 'phone' ORDER BY created_at, value LIMIT 1) ph ON true
WHERE c.id = ANY(@contact_ids::bigint[]);

-- name: RecordTouchpoints :many
-- Everything a chunk of resolved leads writes, in one statement (one round
-- trip while the identity locks are held). Arrays with one prefix are
-- zipped (read by subscript k). A contact is named by its id, or by -k for
-- the k-th new contact of the @new_ arrays, which this statement creates
-- in that order: identities are assigned in insertion order, so the k-th
-- smallest created id is the k-th new contact.
--   - existing contacts' profiles (@up_ arrays, one row per contact, the
--     chunk's details folded in order): newer non-empty details fill or
--     refresh them, empty fields never erase (as RecordTouchpoint);
--   - the identities attached (@attach_ arrays), ON CONFLICT as RecordTouchpoint;
--   - the identity ledger, in array order (@ledger_ arrays; other 0 for none);
--   - one touchpoint per lead (@tp_ arrays) and its consent statement.
-- Returns each touchpoint with its event and contact.
WITH created AS (
    INSERT INTO contacts (first_name, last_name, company, title, country, created_at, updated_at)
    SELECT (@new_first_names::text[])[k], (@new_last_names::text[])[k], (@new_companies::text[])[k],
        (@new_titles::text[])[k], (@new_countries::text[])[k], @now::timestamptz, @now::timestamptz
    FROM generate_series(1, cardinality(@new_first_names::text[])) AS k
    ORDER BY k
    RETURNING id
), placed AS (
    SELECT -(row_number() OVER (ORDER BY id)) AS ref, id FROM created
), refreshed AS (
    UPDATE contacts c SET
        first_name = COALESCE(NULLIF((@up_first_names::text[])[k], ''), c.first_name),
        last_name  = COALESCE(NULLIF((@up_last_names::text[])[k], ''), c.last_name),
        company    = COALESCE(NULLIF((@up_companies::text[])[k], ''), c.company),
        title      = COALESCE(NULLIF((@up_titles::text[])[k], ''), c.title),
        country    = COALESCE(NULLIF((@up_countries::text[])[k], ''), c.country),
        updated_at = @now::timestamptz
    FROM generate_series(1, cardinality(@up_ids::bigint[])) AS k
    WHERE c.id = (@up_ids::bigint[])[k]
), attached AS (
    INSERT INTO contact_identities (kind, value, contact_id, created_at)
    SELECT (@attach_kinds::text[])[k], (@attach_values::text[])[k], COALESCE(p.id, (@attach_contacts::bigint[])[k]), @now::timestamptz
    FROM generate_series(1, cardinality(@attach_kinds::text[])) AS k
    LEFT JOIN placed p ON p.ref = (@attach_contacts::bigint[])[k]
    ON CONFLICT (kind, value) DO NOTHING
), ledger AS (
    INSERT INTO identity_ledger (contact_id, inbound_event_id, decision, identity_kind, identity_value, other_contact_id, created_at)
    SELECT COALESCE(p.id, (@ledger_contacts::bigint[])[k]), (@ledger_events::bigint[])[k], (@ledger_decisions::text[])[k],
        (@ledger_kinds::text[])[k], (@ledger_values::text[])[k],
        NULLIF(COALESCE(po.id, (@ledger_others::bigint[])[k]), 0), @now::timestamptz
    FROM generate_series(1, cardinality(@ledger_contacts::bigint[])) AS k
    LEFT JOIN placed p ON p.ref = (@ledger_contacts::bigint[])[k]
    LEFT JOIN placed po ON po.ref = (@ledger_others::bigint[])[k]
    ORDER BY k
), tp AS (
    INSERT INTO touchpoints (contact_id, inbound_event_id, source, channel, external_id,
        utm_source, utm_medium, utm_campaign, utm_term, utm_content, click_ids, landing_url,
        consent_marketing, consent_text, message, answers, attributes, occurred_at, created_at, is_test,
        campaign_ids, consent_at)
    SELECT COALESCE(p.id, (@tp_contacts::bigint[])[k]), (@tp_events::bigint[])[k], (@tp_sources::text[])[k],
        (@tp_channels::text[])[k], (@tp_external_ids::text[])[k],
        (@tp_utm_sources::text[])[k], (@tp_utm_mediums::text[])[k], (@tp_utm_campaigns::text[])[k],
        (@tp_utm_terms::text[])[k], (@tp_utm_contents::text[])[k], (@tp_click_ids::jsonb[])[k], (@tp_landing_urls::text[])[k],
        (@tp_consent_marketing::boolean[])[k], (@tp_consent_texts::text[])[k], (@tp_messages::text[])[k],
        (@tp_answers::jsonb[])[k], (@tp_attributes::jsonb[])[k], (@tp_occurred_ats::timestamptz[])[k], @now::timestamptz,
        (@tp_is_test::boolean[])[k], (@tp_campaign_ids::jsonb[])[k], (@tp_consent_ats::timestamptz[])[k]
    FROM generate_series(1, cardinality(@tp_events::bigint[])) AS k
    LEFT JOIN placed p ON p.ref = (@tp_contacts::bigint[])[k]
    ORDER BY k
    RETURNING id, contact_id, inbound_event_id
), consent AS (
    INSERT INTO consent_events (contact_id, touchpoint_id, state, source, occurred_at, created_at)
    SELECT tp.contact_id, tp.id, (@tp_consent_states::text[])[k], 'touchpoint', (@tp_consent_ats::timestamptz[])[k], @now::timestamptz
    FROM generate_series(1, cardinality(@tp_events::bigint[])) AS k
    JOIN tp ON tp.inbound_event_id = (@tp_events::bigint[])[k]
)
SELECT id, contact_id, inbound_event_id FROM tp;
