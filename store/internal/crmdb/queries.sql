-- name: UpsertTarget :exec
-- UpsertTarget records a configured target as enabled or not; its cursor,
-- pause and history are kept.
INSERT INTO crm_targets (name, enabled, updated_at) VALUES (@name, @enabled, @now)
ON CONFLICT (name) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at;

-- name: DisableTargetsExcept :exec
-- DisableTargetsExcept stops logging changes for targets no longer
-- configured; their pending changes wait in case they come back.
UPDATE crm_targets SET enabled = false, updated_at = @now WHERE enabled AND NOT (name = ANY (@names::text[]));

-- name: SetOrigin :exec
-- SetOrigin names, for the rest of the transaction only, where the deal
-- changes it writes come from (crm_log_deal_change reads it).
SELECT set_config('leadflow.origin', @origin::text, true);

-- name: ClaimChanges :many
-- ClaimChanges leases up to lim due deals of an enabled, unpaused target to
-- one pusher until lease_until, oldest change first. SKIP LOCKED and the
-- lease keep two pushers off the same deal.
UPDATE crm_changes c SET claimed_until = @lease_until, attempts = c.attempts + 1
FROM (
    SELECT cc.target, cc.deal_id FROM crm_changes cc
    JOIN crm_targets t ON t.name = cc.target AND t.enabled AND t.paused_at IS NULL
    WHERE cc.target = @target AND cc.next_attempt_at <= @now AND cc.claimed_until <= @now
    ORDER BY cc.first_changed_at, cc.deal_id
    LIMIT @lim
    FOR UPDATE OF cc SKIP LOCKED
) s
WHERE c.target = s.target AND c.deal_id = s.deal_id
RETURNING c.deal_id, c.version, c.attempts, c.first_changed_at;

-- name: DealsForPush :many
-- DealsForPush reads the current state of deals and their contacts as a
-- push sends them, with the CRM ids already known. Erased contacts
-- (privacy) are left out: nothing personal leaves for a CRM after erasure.
SELECT d.id AS deal_id, d.contact_id, d.title, s.name AS stage, s.kind AS stage_kind,
       s.win_probability::float8 AS win_probability, p.name AS pipeline,
       coalesce(r.email, '')::text AS owner_email, d.amount_cents, d.currency, d.amount_estimated,
       d.lost_reason, d.closed_at, d.updated_at,
       c.first_name, c.last_name, c.company, c.country,
       coalesce((SELECT ci.value FROM contact_identities ci WHERE ci.contact_id = c.id AND ci.kind = 'email' ORDER BY ci.created_at, ci.value LIMIT 1), '')::text AS email,
       coalesce((SELECT ci.value FROM contact_identities ci WHERE ci.contact_id = c.id AND ci.kind = 'phone' ORDER BY ci.created_at, ci.value LIMIT 1), '')::text AS phone,
       coalesce(sc.total, 0)::int AS score, coalesce(sc.band, '')::text AS band,
       coalesce(tp.channel, '')::text AS channel, coalesce(tp.source, '')::text AS source,
       coalesce(tp.utm_campaign, '')::text AS campaign,
       coalesce(lc.crm_id, '')::text AS contact_crm_id, coalesce(ld.crm_id, '')::text AS deal_crm_id
FROM deals d
JOIN stages s ON s.id = d.stage_id
JOIN pipelines p ON p.id = d.pipeline_id
JOIN contacts c ON c.id = d.contact_id AND c.erased_at IS NULL
LEFT JOIN reps r ON r.id = d.owner_rep_id
LEFT JOIN touchpoints tp ON tp.id = d.touchpoint_id
LEFT JOIN LATERAL (SELECT total, band FROM scores WHERE contact_id = c.id ORDER BY computed_at DESC, id DESC LIMIT 1) sc ON true
LEFT JOIN crm_links lc ON lc.target = @target AND lc.kind = 'contact' AND lc.leadflow_id = d.contact_id
LEFT JOIN crm_links ld ON ld.target = @target AND ld.kind = 'deal' AND ld.leadflow_id = d.id
WHERE d.id = ANY (@deal_ids::bigint[])
ORDER BY d.id;

-- name: UpsertLink :exec
-- UpsertLink records where a pushed record lives in the CRM and what was
-- pushed of it.
INSERT INTO crm_links (target, kind, leadflow_id, crm_id, pushed_stage, pushed_amount_cents, pushed_lost_reason, pushed_at)
VALUES (@target, @kind, @leadflow_id, @crm_id, @pushed_stage, sqlc.narg(pushed_amount_cents), @pushed_lost_reason, @now)
ON CONFLICT (target, kind, leadflow_id) DO UPDATE
SET crm_id = EXCLUDED.crm_id, pushed_stage = EXCLUDED.pushed_stage, pushed_amount_cents = EXCLUDED.pushed_amount_cents,
    pushed_lost_reason = EXCLUDED.pushed_lost_reason, pushed_at = EXCLUDED.pushed_at;

-- name: DeleteChange :execrows
-- DeleteChange ends a deal's log row when no change came in since the
-- version that was pushed.
DELETE FROM crm_changes WHERE target = @target AND deal_id = @deal_id AND version = @version;

-- name: ReleaseChange :exec
-- ReleaseChange gives a claimed row back: due at next_attempt_at, with the
-- error that held it (attempts start again from 0 when reset is true).
UPDATE crm_changes SET claimed_until = '-infinity', next_attempt_at = @next_attempt_at, last_error = @last_error,
    attempts = CASE WHEN @reset::boolean THEN 0 ELSE attempts END
WHERE target = @target AND deal_id = @deal_id;

-- name: ReleaseClaims :exec
-- ReleaseClaims gives back claimed rows untouched (a paused target).
UPDATE crm_changes SET claimed_until = '-infinity', attempts = greatest(attempts - 1, 0)
WHERE target = @target AND deal_id = ANY (@deal_ids::bigint[]);

-- name: LogChange :exec
-- LogChange puts a deal on a target's log as if it had changed (replay).
INSERT INTO crm_changes AS c (target, deal_id, origin, first_changed_at, last_changed_at)
VALUES (@target, @deal_id, 'replay', @now, @now)
ON CONFLICT (target, deal_id) DO UPDATE
SET version = c.version + 1, origin = 'replay', next_attempt_at = '-infinity', last_changed_at = @now, attempts = 0;

-- name: InsertDeadLetter :exec
INSERT INTO crm_dead_letters (target, direction, kind, deal_id, crm_id, message, attempts, created_at)
VALUES (@target, @direction, @kind, sqlc.narg(deal_id), @crm_id, @message, @attempts, @now);

-- name: PauseTarget :exec
UPDATE crm_targets SET paused_at = @now::timestamptz, paused_reason = @reason, last_error = @reason, updated_at = @now WHERE name = @name;

-- name: ResumeTarget :exec
UPDATE crm_targets SET paused_at = NULL, paused_reason = '', updated_at = @now WHERE name = @name;

-- name: MarkPushed :exec
UPDATE crm_targets SET last_push_at = @now::timestamptz, last_error = @last_error WHERE name = @name;

-- name: MarkPulled :exec
UPDATE crm_targets SET last_pull_at = @now::timestamptz, pull_cursor = @cursor WHERE name = @name;

-- name: PullCursor :one
SELECT pull_cursor FROM crm_targets WHERE name = @name;

-- name: TargetState :one
-- TargetState says whether a target may sync now.
SELECT enabled, paused_at, paused_reason FROM crm_targets WHERE name = @name;

-- name: TargetStatus :many
-- TargetStatus is each target's sync state: what waits, since when, what
-- failed and what is dead. oldest_change is now when nothing waits.
SELECT t.name, t.enabled, t.paused_at, t.paused_reason, t.last_push_at, t.last_pull_at, t.last_error,
       (SELECT count(*) FROM crm_changes c WHERE c.target = t.name)::bigint AS pending,
       coalesce((SELECT min(c.first_changed_at) FROM crm_changes c WHERE c.target = t.name), @now::timestamptz)::timestamptz AS oldest_change,
       (SELECT count(*) FROM crm_changes c WHERE c.target = t.name AND c.last_error <> '')::bigint AS failing,
       (SELECT count(*) FROM crm_dead_letters dl WHERE dl.target = t.name AND dl.replayed_at IS NULL)::bigint AS dead,
       coalesce((SELECT dl.message FROM crm_dead_letters dl WHERE dl.target = t.name AND dl.replayed_at IS NULL
                 ORDER BY dl.created_at DESC, dl.id DESC LIMIT 1), '')::text AS last_dead,
       (SELECT count(*) FROM crm_inbound i WHERE i.target = t.name AND i.applied_at IS NULL)::bigint AS inbound_pending
FROM crm_targets t
ORDER BY t.name;

-- name: ListChanges :many
-- ListChanges lists a target's log rows ("" = every target), failing ones
-- only when failed_only.
SELECT target, deal_id, version, origin, first_changed_at, last_changed_at, attempts, next_attempt_at, last_error
FROM crm_changes
WHERE (@target::text = '' OR target = @target) AND (NOT @failed_only::boolean OR last_error <> '')
ORDER BY first_changed_at, target, deal_id
LIMIT @lim;

-- name: ListDeadLetters :many
SELECT id, target, direction, kind, deal_id, crm_id, message, attempts, created_at
FROM crm_dead_letters
WHERE replayed_at IS NULL AND (@target::text = '' OR target = @target)
ORDER BY created_at, id
LIMIT @lim;

-- name: ReplayDeadPushes :many
-- ReplayDeadPushes marks a target's open push dead letters replayed and
-- returns their deals, to be logged again.
UPDATE crm_dead_letters SET replayed_at = @now::timestamptz
WHERE target = @target AND direction = 'push' AND replayed_at IS NULL AND deal_id IS NOT NULL
RETURNING deal_id;

-- name: ReplayDeadPulls :execrows
-- ReplayDeadPulls marks a target's open pull dead letters replayed.
UPDATE crm_dead_letters SET replayed_at = @now::timestamptz
WHERE target = @target AND direction = 'pull' AND replayed_at IS NULL;

-- name: ReplayDeadInbound :execrows
-- ReplayDeadInbound puts a target's refused inbound changes back to be
-- applied again (after the rules or the deal were fixed).
UPDATE crm_inbound SET applied_at = NULL, outcome = '', claimed_until = '-infinity'
WHERE target = @target AND outcome = 'dead' AND applied_at IS NOT NULL;

-- name: ReplayDealDeadLetters :exec
UPDATE crm_dead_letters SET replayed_at = @now::timestamptz
WHERE target = @target AND deal_id = @deal_id::bigint AND direction = 'push' AND replayed_at IS NULL;

-- name: InsertInbound :exec
-- InsertInbound stores changes read from a CRM, to be applied.
INSERT INTO crm_inbound (target, change, received_at)
SELECT @target, unnest(@changes::jsonb[]), @received_at;

-- name: ClaimInbound :many
-- ClaimInbound leases up to lim of a target's unapplied changes, in the
-- order they arrived.
UPDATE crm_inbound i SET claimed_until = @lease_until
FROM (
    SELECT ii.id FROM crm_inbound ii
    WHERE ii.target = @target AND ii.applied_at IS NULL AND ii.claimed_until <= @now
    ORDER BY ii.id
    LIMIT @lim
    FOR UPDATE SKIP LOCKED
) s
WHERE i.id = s.id
RETURNING i.id, i.change, i.received_at;

-- name: FinishInbound :exec
UPDATE crm_inbound SET applied_at = @now::timestamptz, outcome = @outcome WHERE id = @id;

-- name: ReleaseInbound :exec
UPDATE crm_inbound SET claimed_until = '-infinity' WHERE id = ANY (@ids::bigint[]);

-- name: DealByCRMID :one
-- DealByCRMID finds the deal a CRM id was pushed as, with what was pushed.
SELECT leadflow_id, pushed_stage, pushed_amount_cents, pushed_lost_reason
FROM crm_links WHERE target = @target AND kind = 'deal' AND crm_id = @crm_id
ORDER BY pushed_at DESC LIMIT 1;

-- name: DealLinkByID :one
SELECT crm_id, pushed_stage, pushed_amount_cents, pushed_lost_reason
FROM crm_links WHERE target = @target AND kind = 'deal' AND leadflow_id = @deal_id;

-- name: DealClock :one
-- DealClock is when leadflow last wrote each synced field of a deal.
SELECT s.name AS stage, d.stage_entered_at, d.amount_cents, coalesce(d.amount_changed_at, d.created_at)::timestamptz AS amount_changed_at,
       d.lost_reason, d.closed_at
FROM deals d JOIN stages s ON s.id = d.stage_id
WHERE d.id = @deal_id;
