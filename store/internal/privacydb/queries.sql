-- Privacy requests: the export of everything held about a person and its
-- erasure. What is erased and what its erased form is are decided in
-- package privacy; these statements only read and write.

-- name: PersonEmails :many
-- The addresses of a contact: its email identities, and where its
-- marketing email went (an erased, hashed address excluded).
SELECT i.value FROM contact_identities i WHERE i.contact_id = @contact_id AND i.kind = 'email'
UNION
SELECT lower(o.to_address) FROM email_outbox o
WHERE o.contact_id = @contact_id AND o.kind = 'marketing' AND o.to_address NOT LIKE 'sha256:%' AND o.to_address <> '';

-- name: PersonEngagementIDs :many
-- The engagement events of a contact; unmatched ones (no contact_id) are
-- found by the address they carry.
SELECT id FROM engagement_events
WHERE contact_id = @contact_id::bigint OR (contact_id IS NULL AND email <> '' AND lower(email) = ANY(@emails::text[]))
ORDER BY id;

-- name: PersonInboundEventIDs :many
-- The raw webhooks behind a contact's touchpoints, ledger entries and
-- engagement events.
SELECT t.inbound_event_id FROM touchpoints t WHERE t.contact_id = @contact_id
UNION SELECT l.inbound_event_id FROM identity_ledger l WHERE l.contact_id = @contact_id AND l.inbound_event_id IS NOT NULL
UNION SELECT e.inbound_event_id FROM engagement_events e WHERE e.id = ANY(@engagement_ids::bigint[])
ORDER BY 1;

-- name: PersonProviderMessageIDs :many
-- The provider message ids of the email sent to or about a contact.
SELECT COALESCE(provider_message_id, '')::text AS provider_message_id FROM email_outbox
WHERE contact_id = @contact_id AND provider_message_id IS NOT NULL;

-- name: ExportInboundEvents :many
-- Raw inbound webhooks by id, oldest first.
SELECT id, connector, source, event_id, kind, status, received_at, payload, fetched_payload
FROM inbound_events WHERE id = ANY(@ids::bigint[]) ORDER BY received_at, id;

-- name: ExportIdentityLedger :many
-- The identity-resolution decisions about a contact, oldest first.
SELECT id, decision, identity_kind, identity_value, other_contact_id, inbound_event_id, created_at
FROM identity_ledger WHERE contact_id = @contact_id ORDER BY created_at, id;

-- name: ExportScores :many
-- The scoring runs of a contact, oldest first.
SELECT id, touchpoint_id, total, band, model_version, breakdown, computed_at
FROM scores WHERE contact_id = @contact_id ORDER BY computed_at, id;

-- name: ExportBandChanges :many
-- The band crossings of a contact, oldest first.
SELECT score_id, from_band, to_band, changed_at FROM score_band_changes WHERE contact_id = @contact_id ORDER BY changed_at, id;

-- name: ExportDeals :many
-- The deals of a contact with pipeline and stage names, oldest first.
SELECT d.id, p.name AS pipeline, st.name AS stage, d.owner_rep_id, d.team, d.title, d.amount_cents, d.currency, d.lost_reason,
    d.created_at, d.closed_at
FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages st ON st.id = d.stage_id
WHERE d.contact_id = @contact_id ORDER BY d.created_at, d.id;

-- name: ExportRoutingDecisions :many
-- The routing decisions about a contact, oldest first.
SELECT deal_id, kind, rule, team, rep_id, skipped, created_at FROM routing_decisions WHERE contact_id = @contact_id ORDER BY created_at, id;

-- name: ExportNurtureEnrollments :many
-- The nurture enrollments of a contact, oldest first.
SELECT id, program, band, status, enrolled_at, ended_at FROM nurture_enrollments WHERE contact_id = @contact_id ORDER BY enrolled_at, id;

-- name: ExportEmails :many
-- The outbox rows of a contact, oldest first.
SELECT id, template, kind, to_address, subject, status, trigger, COALESCE(provider_message_id, '')::text AS provider_message_id,
    created_at, send_after, sent_at
FROM email_outbox WHERE contact_id = @contact_id ORDER BY created_at, id;

-- name: ExportSinkMail :many
-- The local mail sink's messages with one of the message ids or sent to
-- one of the addresses, oldest first.
SELECT message_id, to_address, from_address, subject, text_body, html_body, created_at
FROM mail_sink WHERE message_id = ANY(@message_ids::text[]) OR lower(to_address) = ANY(@emails::text[]) ORDER BY created_at, id;

-- name: ExportEngagements :many
-- Engagement events by id, oldest first.
SELECT id, inbound_event_id, kind, email, message_id, url, severity, reason, text, is_test, occurred_at
FROM engagement_events WHERE id = ANY(@ids::bigint[]) ORDER BY occurred_at, id;

-- name: ExportSuppressions :many
-- The suppressions of the addresses, plain or by hash (shown as
-- "sha256:<hex>"), oldest first.
SELECT email, reason, created_at FROM suppressions WHERE email = ANY(@emails::text[])
UNION ALL
SELECT 'sha256:' || encode(email_sha256, 'hex'), reason, created_at FROM suppression_hashes WHERE email_sha256 = ANY(@hashes::bytea[])
ORDER BY 3, 1;

-- name: ExportErasures :many
-- The erasures applied to a contact, oldest first.
SELECT id, erased_at, erased_by FROM erasures WHERE contact_id = @contact_id ORDER BY erased_at, id;

-- name: LockContact :one
-- Locks the contact row for the erasure.
SELECT id FROM contacts WHERE id = @contact_id FOR UPDATE;

-- name: LedgerIdentities :many
-- The not yet erased identities in the ledger entries of a contact and in
-- the entries naming it as the other contact.
SELECT DISTINCT identity_kind, identity_value FROM identity_ledger
WHERE (contact_id = @contact_id OR other_contact_id = @contact_id) AND identity_value NOT LIKE 'erased:%';

-- name: ReplaceLedgerIdentities :execrows
-- Replaces ledger identity values by their erased tokens: in the
-- contact's own entries, and in other contacts' conflict entries naming
-- the contact (their other entries are not about this person).
UPDATE identity_ledger l SET identity_value = m.token
FROM (SELECT unnest(@kinds::text[]) AS kind, unnest(@identity_values::text[]) AS value, unnest(@tokens::text[]) AS token) AS m
WHERE l.identity_kind = m.kind AND l.identity_value = m.value
  AND (l.contact_id = @contact_id OR (l.other_contact_id = @contact_id AND l.decision LIKE 'conflict_%'));

-- name: ScoreBreakdowns :many
-- The score breakdowns of a contact.
SELECT id, breakdown FROM scores WHERE contact_id = @contact_id;

-- name: ReplaceScoreBreakdowns :execrows
-- Replaces score breakdowns by id.
UPDATE scores s SET breakdown = u.b FROM (SELECT unnest(@ids::bigint[]) AS id, unnest(@breakdowns::jsonb[]) AS b) AS u WHERE s.id = u.id;

-- name: OutboxAddresses :many
-- The addresses a contact's email went to that are neither hashed yet nor
-- a rep's (rep notifications keep the rep's address).
SELECT DISTINCT o.to_address FROM email_outbox o
WHERE o.contact_id = @contact_id AND o.to_address NOT LIKE 'sha256:%'
  AND NOT EXISTS (SELECT 1 FROM reps r WHERE lower(r.email) = lower(o.to_address));

-- name: ReplaceOutboxAddresses :exec
-- Replaces addresses in a contact's outbox rows and cancels what had not
-- left yet.
UPDATE email_outbox o SET to_address = m.hashed,
    status = CASE WHEN o.status IN ('pending', 'claimed') THEN 'cancelled' ELSE o.status END,
    last_error = CASE WHEN o.status IN ('pending', 'claimed') THEN 'contact erased' ELSE '' END
FROM (SELECT unnest(@addresses::text[]) AS address, unnest(@hashed::text[]) AS hashed) AS m
WHERE o.contact_id = @contact_id AND o.to_address = m.address;

-- name: BlankOutboxSubjects :execrows
-- Blanks the subjects and errors of a contact's outbox rows (a
-- cancellation's reason kept).
UPDATE email_outbox SET subject = '', last_error = CASE WHEN status = 'cancelled' THEN last_error ELSE '' END
WHERE contact_id = @contact_id;

-- name: BlankProfile :execrows
-- Blanks the profile of a contact and marks it erased.
UPDATE contacts SET first_name = '', last_name = '', company = '', title = '', updated_at = @now, erased_at = @now
WHERE id = @contact_id;

-- name: DeleteIdentities :execrows
-- Deletes the identities of a contact.
DELETE FROM contact_identities WHERE contact_id = @contact_id;

-- name: BlankTouchpoints :execrows
-- Blanks what a contact's touchpoints recorded about the person (source,
-- UTM, campaign ids, consent flag and times kept).
UPDATE touchpoints SET external_id = '', click_ids = '{}', landing_url = '', consent_text = '', message = '',
    answers = '{}', attributes = '{}'
WHERE contact_id = @contact_id;

-- name: ReplaceEventPayloads :execrows
-- Replaces the payloads of inbound events by id.
UPDATE inbound_events SET payload = @tombstone::bytea,
    fetched_payload = CASE WHEN fetched_payload IS NULL THEN NULL ELSE @tombstone::bytea END,
    last_error = ''
WHERE id = ANY(@ids::bigint[]);

-- name: ReplaceUnprocessedPayloads :execrows
-- Replaces the payloads of events not yet turned into touchpoints (pending
-- or dead-lettered) that carry one of the addresses, and dead-letters
-- them: few rows, the processed ones and those already replaced are
-- excluded first.
UPDATE inbound_events SET payload = @tombstone::bytea,
    fetched_payload = CASE WHEN fetched_payload IS NULL THEN NULL ELSE @tombstone::bytea END,
    status = 'failed', last_error = 'payload erased'
WHERE status <> 'processed' AND NOT (id = ANY(@replaced_ids::bigint[])) AND EXISTS (
    SELECT 1 FROM unnest(@emails::text[]) AS a(email)
    WHERE strpos(lower(encode(payload, 'escape')), a.email) > 0
       OR strpos(lower(encode(COALESCE(fetched_payload, ''::bytea), 'escape')), a.email) > 0);

-- name: BlankEngagements :execrows
-- Blanks address, URL, reason and text of engagement events by id.
UPDATE engagement_events SET email = '', url = '', reason = '', text = '' WHERE id = ANY(@ids::bigint[]);

-- name: DeleteSinkMail :execrows
-- Deletes the local mail sink's messages with one of the message ids or
-- sent to one of the addresses.
DELETE FROM mail_sink WHERE message_id = ANY(@message_ids::text[]) OR lower(to_address) = ANY(@emails::text[]);

-- name: ReplaceDealTitles :execrows
-- Replaces the titles of a contact's deals and blanks their next steps
-- (free text a rep typed, which may name the person).
UPDATE deals SET title = @title, next_step = '' WHERE contact_id = @contact_id;

-- name: BlankActivityNotes :execrows
-- Blanks the notes of the activities on a contact's deals.
UPDATE deal_activities SET note = '' WHERE deal_id IN (SELECT id FROM deals WHERE contact_id = @contact_id);

-- name: StopNurture :execrows
-- Stops a contact's active nurture enrollments.
UPDATE nurture_enrollments SET status = 'stopped', ended_at = @now::timestamptz WHERE contact_id = @contact_id AND status = 'active';

-- name: DeletePlainSuppressions :many
-- Deletes the plain suppressions of the addresses, returning them.
DELETE FROM suppressions WHERE email = ANY(@emails::text[]) RETURNING email, reason, created_at;

-- name: InsertSuppressionHashes :execrows
-- Suppresses addresses by hash; one already suppressed keeps its reason.
-- The arrays are zipped (unnest side by side in the select list).
INSERT INTO suppression_hashes (email_sha256, reason, created_at)
SELECT unnest(@hashes::bytea[]), unnest(@reasons::text[]), unnest(@created_ats::timestamptz[])
ON CONFLICT (email_sha256) DO NOTHING;

-- name: InsertErasure :one
-- Records an erasure with its row counts per table.
INSERT INTO erasures (contact_id, erased_at, erased_by, rows) VALUES (@contact_id, @erased_at, @erased_by, @rows) RETURNING id;
