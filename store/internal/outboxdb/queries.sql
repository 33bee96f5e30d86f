-- name: AdvisoryXactLock :exec
-- Takes a transaction-scoped advisory lock on one key (a contact or a rep)
-- for one purpose, held until the transaction ends.
SELECT pg_advisory_xact_lock(hashtextextended(@purpose::text, @key::bigint));

-- name: QueueEmail :one
-- Adds an email unless one with the same dedupe key exists (then no row
-- comes back).
INSERT INTO email_outbox (dedupe_key, contact_id, template, kind, to_address, send_after, enrollment_id, deal_id, rep_id, trigger)
VALUES (@dedupe_key, @contact_id, @template, @kind, lower(@to_address::text), @send_after,
        sqlc.narg(enrollment_id), sqlc.narg(deal_id), sqlc.narg(rep_id), @trigger)
ON CONFLICT (dedupe_key) DO NOTHING
RETURNING *;

-- name: QueueEmails :many
-- QueueEmail for several emails in one statement, one array element per
-- email; 0 in enrollment_ids, deal_ids or rep_ids is none. Only the rows
-- queued now come back.
INSERT INTO email_outbox (dedupe_key, contact_id, template, kind, to_address, send_after, enrollment_id, deal_id, rep_id, trigger)
SELECT u.k, u.c, u.t, u.kd, lower(u.a), u.sa, NULLIF(u.en, 0), NULLIF(u.d, 0), NULLIF(u.r, 0), u.tr
-- Set-returning functions in one select list run in step, as a
-- many-argument unnest in FROM would (which sqlc cannot read).
FROM (SELECT unnest(@dedupe_keys::text[]) AS k, unnest(@contact_ids::bigint[]) AS c, unnest(@templates::text[]) AS t,
             unnest(@kinds::text[]) AS kd, unnest(@to_addresses::text[]) AS a, unnest(@send_afters::timestamptz[]) AS sa,
             unnest(@enrollment_ids::bigint[]) AS en, unnest(@deal_ids::bigint[]) AS d, unnest(@rep_ids::bigint[]) AS r,
             unnest(@triggers::text[]) AS tr) u
ON CONFLICT (dedupe_key) DO NOTHING
RETURNING *;

-- name: EmailByDedupeKey :one
SELECT * FROM email_outbox WHERE dedupe_key = @dedupe_key;

-- name: EmailsByDedupeKeys :many
SELECT * FROM email_outbox WHERE dedupe_key = ANY(@dedupe_keys::text[]);

-- name: Email :one
SELECT * FROM email_outbox WHERE id = @id;

-- name: LockEmail :one
-- Reads an email and holds its row until the transaction ends.
SELECT * FROM email_outbox WHERE id = @id FOR UPDATE;

-- name: EmailClaimedAt :one
-- When a claimed email was claimed (always set once claimed).
SELECT claimed_at::timestamptz FROM email_outbox WHERE id = @id;

-- name: StopEmail :exec
-- Ends an email that must not leave (suppressed, cancelled), saying why.
UPDATE email_outbox SET status = @status, last_error = @reason WHERE id = @id;

-- name: HoldEmail :exec
-- Puts a claimed-for email back to pending until its next send slot.
UPDATE email_outbox SET status = 'pending', send_after = @send_after, last_error = @reason WHERE id = @id;

-- name: ClaimEmail :exec
UPDATE email_outbox SET status = 'claimed', claimed_at = @claimed_at, attempts = attempts + 1 WHERE id = @id;

-- name: AddressSuppression :one
-- The reason an address is suppressed, if it is. An erased person's
-- address is kept only as its SHA-256 (suppression_hashes), so both lists
-- are asked.
SELECT reason FROM suppressions WHERE email = @email
UNION ALL
SELECT reason FROM suppression_hashes WHERE email_sha256 = @email_sha256
LIMIT 1;

-- name: EnrollmentStatus :one
SELECT status FROM nurture_enrollments WHERE id = @id;

-- name: DealOfEmail :one
-- Whether the deal an email is tied to is closed, and its current stage.
SELECT (d.closed_at IS NOT NULL)::bool AS closed, st.name AS stage
FROM deals d JOIN stages st ON st.id = d.stage_id WHERE d.id = @deal_id;

-- name: RecentSends :many
-- When a contact's other marketing emails were sent, or claimed by a claim
-- not yet stale (claimed after @fresh_since), since @since; newest first.
SELECT COALESCE(sent_at, claimed_at)::timestamptz AS sent_at FROM email_outbox
WHERE contact_id = @contact_id AND id <> @id AND kind = 'marketing'
	AND (status = 'sent' OR (status = 'claimed' AND claimed_at > @fresh_since))
	AND COALESCE(sent_at, claimed_at) > @since
ORDER BY 1 DESC;

-- name: PlannedSends :many
-- When a contact's other pending marketing emails are due, after @after,
-- earliest first.
SELECT send_after FROM email_outbox
WHERE contact_id = @contact_id AND id <> @id AND kind = 'marketing' AND status = 'pending' AND send_after > @after
ORDER BY send_after;

-- name: RepOfEmail :one
SELECT COALESCE(rep_id, 0)::bigint FROM email_outbox WHERE id = @id;

-- name: PendingRepNotifications :many
-- Locks the other pending notifications (of @templates) to a rep due by
-- @due, oldest first.
SELECT id FROM email_outbox
WHERE rep_id = @rep_id AND id <> @id AND status = 'pending' AND template = ANY(@templates::text[]) AND send_after <= @due
ORDER BY send_after, id FOR UPDATE;

-- name: InsertDigest :one
-- Queues a rep digest, due at once.
INSERT INTO email_outbox (dedupe_key, contact_id, template, kind, to_address, send_after, rep_id, trigger)
VALUES (@dedupe_key, @contact_id, @template, @kind, @to_address, @send_after, @rep_id, @trigger)
RETURNING *;

-- name: FoldIntoDigest :exec
-- Marks notifications as gathered into a digest, naming it.
UPDATE email_outbox SET status = 'digested', digest_id = @digest_id, last_error = @reason WHERE id = ANY(@ids::bigint[]);

-- name: DigestedEmails :many
SELECT * FROM email_outbox WHERE digest_id = @digest_id ORDER BY send_after, id;

-- name: MarkEmailSent :exec
UPDATE email_outbox SET status = 'sent', provider_message_id = @provider_message_id, subject = @subject, sent_at = @sent_at, last_error = ''
WHERE id = @id;

-- name: ReleaseEmail :exec
-- Gives a claim up: pending again for a retry, or failed for good.
UPDATE email_outbox SET status = @status, last_error = @reason WHERE id = @id AND status = 'claimed';

-- name: PostponeEmail :exec
UPDATE email_outbox SET send_after = @send_after, last_error = @reason WHERE id = @id AND status = 'pending';

-- name: ReconcileEmail :exec
-- Marks an email sent from the provider's event when our own record of the
-- send was lost, keeping what was recorded.
UPDATE email_outbox SET status = 'sent', provider_message_id = COALESCE(provider_message_id, NULLIF(@message_id::text, '')),
	sent_at = COALESCE(sent_at, @occurred_at), last_error = ''
WHERE id = @id AND status IN ('claimed', 'pending');

-- name: DueEmails :many
-- Pending emails due before @before, oldest first (email_outbox_due_idx).
SELECT id, kind, send_after FROM email_outbox WHERE status = 'pending' AND send_after < @before ORDER BY send_after, id LIMIT @max_rows;

-- name: DealLeadEmailed :one
-- Whether a marketing email tied to the deal is sent or on its way.
SELECT EXISTS (SELECT 1 FROM email_outbox
               WHERE deal_id = @deal_id AND kind = 'marketing' AND status IN ('pending', 'claimed', 'sent'));

-- name: InsertSinkMail :exec
-- Keeps a message the local mail sink "sent"; the first copy wins.
INSERT INTO mail_sink (message_id, to_address, from_address, subject, text_body, html_body, headers, tags, variables)
VALUES (@message_id, @to_address, @from_address, @subject, @text_body, @html_body, @headers, @tags, @variables)
ON CONFLICT (message_id) DO NOTHING;

-- name: SinkMails :many
-- The newest messages of the local mail sink.
SELECT id, message_id, to_address, from_address, subject, text_body, html_body, headers, tags, variables, created_at
FROM mail_sink ORDER BY id DESC LIMIT @max_rows;

-- name: Suppress :exec
-- Adds an address to the suppression list; the first reason wins.
INSERT INTO suppressions (email, reason, created_at) VALUES (lower(@email::text), @reason, @created_at)
ON CONFLICT (email) DO NOTHING;

-- name: EnrollNurture :one
-- Enrolls a contact in a program unless it is actively enrolled there
-- (then no row comes back).
INSERT INTO nurture_enrollments (contact_id, program, touchpoint_id, band, enrolled_at)
VALUES (@contact_id, @program, sqlc.narg(touchpoint_id), @band, @enrolled_at)
ON CONFLICT (contact_id, program) WHERE status = 'active' DO NOTHING
RETURNING id, status, enrolled_at;

-- name: EnrollNurtures :many
-- EnrollNurture for the leads of a chunk (arrays zipped, read by subscript
-- k; 0 in touchpoint_ids is none): the enrollments made now come back, not
-- those of a contact actively enrolled in the program already.
INSERT INTO nurture_enrollments (contact_id, program, touchpoint_id, band, enrolled_at)
SELECT (@contact_ids::bigint[])[k], (@programs::text[])[k], NULLIF((@touchpoint_ids::bigint[])[k], 0),
    (@bands::text[])[k], (@enrolled_ats::timestamptz[])[k]
FROM generate_series(1, cardinality(@contact_ids::bigint[])) AS k
-- By contact: concurrent chunks enrolling the same contacts then wait on
-- each other's rows in one order and never deadlock.
ORDER BY (@contact_ids::bigint[])[k], k
ON CONFLICT (contact_id, program) WHERE status = 'active' DO NOTHING
RETURNING id, contact_id, program, status, enrolled_at;

-- name: ActiveEnrollments :many
-- The active enrollments of contacts in programs (@contact_ids and
-- @programs zipped).
SELECT e.id, e.contact_id, e.program, COALESCE(e.touchpoint_id, 0)::bigint AS touchpoint_id, e.band, e.status, e.enrolled_at
FROM nurture_enrollments e
JOIN (SELECT unnest(@contact_ids::bigint[]) AS contact_id, unnest(@programs::text[]) AS program) w
    ON e.contact_id = w.contact_id AND e.program = w.program
WHERE e.status = 'active';

-- name: ActiveEnrollment :one
SELECT id, COALESCE(touchpoint_id, 0)::bigint AS touchpoint_id, band, status, enrolled_at FROM nurture_enrollments
WHERE contact_id = @contact_id AND program = @program AND status = 'active';

-- name: Consent :one
-- A contact's latest consent statement (@not_given when none) and its
-- latest explicit one, given or refused (empty when none). The latest is the
-- one made last (occurred_at), ties broken by arrival, so a form retried
-- out of order does not reverse a newer answer. The statements' values
-- are lead's (lead.ConsentStatement…).
SELECT
	COALESCE((SELECT c.state FROM consent_events c WHERE c.contact_id = @contact_id
		ORDER BY c.occurred_at DESC, c.id DESC LIMIT 1), @not_given::text)::text AS latest,
	COALESCE((SELECT c.state FROM consent_events c WHERE c.contact_id = @contact_id AND c.state <> @not_given::text
		ORDER BY c.occurred_at DESC, c.id DESC LIMIT 1), '')::text AS explicit;

-- name: ConsentHistory :many
-- A contact's consent statements, oldest first.
SELECT COALESCE(touchpoint_id, 0)::bigint AS touchpoint_id, state, source, occurred_at FROM consent_events
WHERE contact_id = @contact_id ORDER BY occurred_at, id;

-- name: SuppressContactAddresses :exec
-- Adds every email address of a contact to the suppression list; the first
-- reason wins.
INSERT INTO suppressions (email, reason, created_at)
SELECT lower(value), @reason, @created_at FROM contact_identities WHERE contact_id = @contact_id AND kind = 'email'
ON CONFLICT (email) DO NOTHING;

-- name: RecordUnsubscribe :exec
-- Adds a statement (a refusal: lead.ConsentStatementRefused), from a
-- one-click unsubscribe, to a contact's consent history.
INSERT INTO consent_events (contact_id, state, source, occurred_at, created_at)
VALUES (@contact_id, @state, 'unsubscribe', @at, @at);
