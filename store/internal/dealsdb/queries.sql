-- name: OpenDeal :one
-- The contact's open deal in the named pipeline; at most one, by the unique
-- index deals_one_open_idx.
SELECT d.id, d.contact_id, d.pipeline_id, d.stage_id, st.name AS stage,
    COALESCE(d.owner_rep_id, 0)::bigint AS owner_rep_id, d.created_at, d.sla_due_at, d.meeting_at
FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages st ON st.id = d.stage_id
WHERE d.contact_id = @contact_id AND p.name = @pipeline AND d.closed_at IS NULL;

-- name: LastClosedDeal :one
-- The contact's most recently closed deal in the named pipeline: whether it
-- was won, and when it closed (routing: a contact with a closed deal is
-- not a new lead).
SELECT d.id, (st.kind = 'won')::bool AS won, d.closed_at::timestamptz AS closed_at
FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages st ON st.id = d.stage_id
WHERE d.contact_id = @contact_id AND p.name = @pipeline AND d.closed_at IS NOT NULL
ORDER BY d.closed_at DESC, d.id DESC LIMIT 1;

-- name: OpenDealByID :one
-- A deal while it is open.
SELECT d.id, d.contact_id, d.pipeline_id, d.stage_id, st.name AS stage,
    COALESCE(d.owner_rep_id, 0)::bigint AS owner_rep_id, d.created_at
FROM deals d JOIN stages st ON st.id = d.stage_id
WHERE d.id = @id AND d.closed_at IS NULL;

-- name: OpenDealsOfContacts :many
-- The open deals of a group of contacts in the named pipeline.
SELECT d.id, d.contact_id, st.name AS stage, d.stage_id,
    COALESCE(d.owner_rep_id, 0)::bigint AS owner_rep_id, d.created_at, d.pipeline_id
FROM deals d JOIN stages st ON st.id = d.stage_id JOIN pipelines p ON p.id = d.pipeline_id
WHERE d.contact_id = ANY(@contact_ids::bigint[]) AND p.name = @pipeline AND d.closed_at IS NULL;

-- name: ContactsWithDeals :many
-- Those of a group of contacts with a deal in the named pipeline, open or
-- closed (routing checks them one by one; most new leads have none).
SELECT DISTINCT d.contact_id
FROM deals d JOIN pipelines p ON p.id = d.pipeline_id
WHERE d.contact_id = ANY(@contact_ids::bigint[]) AND p.name = @pipeline;

-- name: PipelineStage :one
-- The ids of a pipeline and one of its stages, by name.
SELECT p.id AS pipeline_id, st.id AS stage_id
FROM pipelines p JOIN stages st ON st.pipeline_id = p.id
WHERE p.name = @pipeline AND st.name = @stage;

-- name: ReservePlaces :one
-- Reserves places in the pipeline's round-robin rotation and returns the
-- first; the pipeline row stays locked for this statement only.
UPDATE pipelines SET rr_cursor = rr_cursor + @places::bigint
WHERE id = @id
RETURNING (rr_cursor - @places::bigint)::bigint AS first_place;

-- name: InsertDeals :many
-- Opens deals (contact, owner, touchpoint, title, time and estimated amount
-- per row, an amount above 0 marked as an estimate; pipeline, stage and
-- team shared) with their first stage-history row, returning each
-- deal's id, contact, creation time and first-touch deadline, in array
-- order (callers sort by owner so concurrent groups lock reps in one
-- order). An owner or touchpoint of 0 is none: sqlc's arrays cannot carry
-- NULL. A deal with an owner and @sla_us > 0 gets its owner's first-touch
-- deadline (created + @sla_us microseconds) in this statement, so a retry
-- that finds the deal open never finds it without one. The unnests in the
-- select list run in lockstep, as unnest(a, b, ...) in FROM would; sqlc
-- cannot parse that form.
WITH d AS (
    INSERT INTO deals (contact_id, pipeline_id, stage_id, owner_rep_id, touchpoint_id, title, created_at, updated_at, stage_entered_at, team,
        amount_cents, amount_estimated, sla_due_at)
    SELECT u.c, @pipeline_id::bigint, @stage_id::bigint, NULLIF(u.o, 0), NULLIF(u.t, 0), u.ti, u.n, u.n, u.n, @team::text, u.a, u.a > 0,
        u.n + NULLIF(sign(u.o) * greatest(@sla_us::bigint, 0), 0) * interval '1 microsecond'
    FROM (SELECT unnest(@contact_ids::bigint[]) AS c, unnest(@owner_rep_ids::bigint[]) AS o, unnest(@touchpoint_ids::bigint[]) AS t,
        unnest(@titles::text[]) AS ti, unnest(@created_ats::timestamptz[]) AS n, unnest(@amount_cents::bigint[]) AS a) AS u
    RETURNING id, contact_id, created_at, sla_due_at
), h AS (
    INSERT INTO deal_stage_history (deal_id, from_stage_id, to_stage_id, changed_at, changed_by)
    SELECT d.id, NULL, @stage_id::bigint, d.created_at, 'router' FROM d
)
SELECT d.id, d.contact_id, d.created_at, d.sla_due_at FROM d;

-- name: PromoteNurture :exec
-- Ends the active nurture of contacts that got a deal, each at its own time.
UPDATE nurture_enrollments SET status = 'promoted', ended_at = u.n
FROM (SELECT unnest(@contact_ids::bigint[]) AS c, unnest(@ended_ats::timestamptz[]) AS n) AS u
WHERE contact_id = u.c AND status = 'active';

-- name: LockDealStage :one
-- Locks a deal for a stage move and reads where it stands.
SELECT d.stage_id, d.pipeline_id, d.contact_id, COALESCE(d.owner_rep_id, 0)::bigint AS owner_rep_id,
    d.closed_at, st.name AS stage
FROM deals d JOIN stages st ON st.id = d.stage_id
WHERE d.id = @id
FOR UPDATE OF d;

-- name: StageByName :one
-- A stage of a pipeline, by name in any case.
SELECT id, name, kind FROM stages WHERE pipeline_id = @pipeline_id AND lower(name) = lower(@name);

-- name: MoveDeal :one
-- Puts a deal in a stage with a fresh stage clock, closing it when
-- closed_at is set; the move counts as a first touch. An empty lost_reason
-- keeps the one recorded. Returns the amount and the pipeline's name.
UPDATE deals SET stage_id = @stage_id, stage_entered_at = @now, updated_at = @now, closed_at = sqlc.narg(closed_at),
    first_contacted_at = COALESCE(first_contacted_at, @now),
    lost_reason = CASE WHEN @lost_reason::text <> '' THEN @lost_reason::text ELSE lost_reason END
WHERE deals.id = @id
RETURNING amount_cents, (SELECT p.name FROM pipelines p WHERE p.id = deals.pipeline_id)::text AS pipeline;

-- name: InsertStageHistory :one
-- Records a stage move; its id keys the emails the move triggers.
INSERT INTO deal_stage_history (deal_id, from_stage_id, to_stage_id, changed_at, changed_by)
VALUES (@deal_id, @from_stage_id::bigint, @to_stage_id, @changed_at, @changed_by)
RETURNING id;

-- name: CancelStageEmails :exec
-- Cancels the deal's pending lead-facing emails queued by the stage it
-- left; those whose dedupe key starts with keep_prefix survive unless
-- cancel_all (the deal closed).
UPDATE email_outbox SET status = 'cancelled', last_error = @reason
WHERE deal_id = @deal_id::bigint AND status = 'pending' AND kind = 'marketing'
    AND (@cancel_all::boolean OR NOT starts_with(dedupe_key, @keep_prefix::text));

-- name: InsertActivity :one
-- Records a rep's activity on a deal; rep_id NULL is nobody in particular.
INSERT INTO deal_activities (deal_id, rep_id, kind, note, occurred_at)
VALUES (@deal_id, sqlc.narg(rep_id), @kind, @note, @occurred_at)
RETURNING id;

-- name: MarkFirstTouch :exec
-- Counts an activity as the deal's first touch unless it had one.
UPDATE deals SET first_contacted_at = COALESCE(first_contacted_at, @at), updated_at = @at WHERE id = @id;

-- name: SetSLADue :exec
-- Records when the owner's first touch is due.
UPDATE deals SET sla_due_at = @due::timestamptz WHERE id = @id;

-- name: LockDealOwner :one
-- Locks a deal before its owner changes and reads what decides whether it
-- may.
SELECT contact_id, COALESCE(owner_rep_id, 0)::bigint AS owner_rep_id, team, first_contacted_at, closed_at, stage_id, pipeline_id
FROM deals WHERE id = @id
FOR UPDATE;

-- name: ClearSLADue :exec
-- Ends a first-touch deadline that nobody can take over (the owner stays).
UPDATE deals SET sla_due_at = NULL WHERE id = @id;

-- name: ReassignDeal :exec
-- Gives a deal to another owner after a missed first-touch deadline: the
-- breach is counted and the deadline cleared.
UPDATE deals SET owner_rep_id = @owner_rep_id::bigint, sla_breaches = sla_breaches + 1, sla_due_at = NULL, updated_at = @now
WHERE id = @id;

-- name: StalledDeals :many
-- Open deals not on the callback list that sat in their stage longer than
-- the stage's rot_after, oldest first.
SELECT d.id, d.contact_id, COALESCE(d.owner_rep_id, 0)::bigint AS owner_rep_id, st.name AS stage, d.stage_entered_at
FROM deals d JOIN stages st ON st.id = d.stage_id
WHERE d.closed_at IS NULL AND d.parked_at IS NULL AND st.kind = 'open'
    AND st.rot_after IS NOT NULL AND d.stage_entered_at < sqlc.arg(now)::timestamptz - st.rot_after
ORDER BY d.stage_entered_at
LIMIT @max_rows;

-- name: ParkDeal :execrows
-- Puts an open deal on the Future callback list until callback_at; no row
-- when it is closed or already parked.
UPDATE deals SET parked_at = @now::timestamptz, callback_at = @callback_at::timestamptz, updated_at = @now
WHERE id = @id AND closed_at IS NULL AND parked_at IS NULL;

-- name: ParkedDeal :one
-- A deal on the callback list, with its reminder time.
SELECT id, contact_id, COALESCE(owner_rep_id, 0)::bigint AS owner_rep_id, callback_at FROM deals
WHERE id = @id AND closed_at IS NULL AND parked_at IS NOT NULL;

-- name: ReactivateDeal :exec
-- Takes a deal off the callback list back into its stage, with a fresh
-- stage clock.
UPDATE deals SET parked_at = NULL, callback_at = NULL, stage_entered_at = @now, updated_at = @now, callbacks = callbacks + 1
WHERE id = @id AND parked_at IS NOT NULL;

-- name: SnoozeDeal :exec
-- Moves a parked deal's reminder.
UPDATE deals SET callback_at = @callback_at::timestamptz, updated_at = @now, callbacks = callbacks + 1
WHERE id = @id AND parked_at IS NOT NULL;

-- name: ClearOtherDefaults :exec
-- Unmarks every default pipeline but the named one (one default at most,
-- by pipelines_one_default_idx).
UPDATE pipelines SET is_default = false WHERE is_default AND name <> @name;

-- name: UpsertPipeline :one
-- Creates a pipeline or updates the one of that name.
INSERT INTO pipelines (name, is_default) VALUES (@name, @is_default)
ON CONFLICT (name) DO UPDATE SET is_default = EXCLUDED.is_default
RETURNING id;

-- name: ParkStagePositions :exec
-- Moves every stage of a pipeline out of the way of the configured
-- positions, which are unique.
UPDATE stages SET position = position + 10000 WHERE pipeline_id = @pipeline_id;

-- name: UpsertStage :exec
-- Creates a stage or updates the one of that name in the pipeline; a NULL
-- rot_after never stalls.
INSERT INTO stages (pipeline_id, name, position, win_probability, kind, rot_after)
VALUES (@pipeline_id, @name, @position, @win_probability::float8, @kind, sqlc.narg(rot_after)::text::interval)
ON CONFLICT (pipeline_id, name) DO UPDATE SET position = EXCLUDED.position,
    win_probability = EXCLUDED.win_probability, kind = EXCLUDED.kind, rot_after = EXCLUDED.rot_after;

-- name: RenumberStaleStages :exec
-- Puts the stages no longer configured, still parked by
-- ParkStagePositions, after the configured ones in their old order.
WITH stale AS (
    SELECT s.id, row_number() OVER (ORDER BY s.position) AS n FROM stages s WHERE s.pipeline_id = @pipeline_id AND s.position > 10000
)
UPDATE stages SET position = sqlc.arg(configured)::int + stale.n FROM stale WHERE stages.id = stale.id;

-- name: DueCallbacks :many
-- Parked deals whose reminder is due before @before, oldest first
-- (deals_callback_due_idx): the relay hands each to a worker.
SELECT id, callback_at::timestamptz AS callback_at FROM deals
WHERE parked_at IS NOT NULL AND closed_at IS NULL AND callback_at < @before::timestamptz
ORDER BY callback_at, id
LIMIT @max_rows;

-- name: DueSLAs :many
-- Open, untouched deals whose owner's first touch was due before @before,
-- oldest first (deals_sla_due_idx): the relay hands each check to a worker.
SELECT id, COALESCE(owner_rep_id, 0)::bigint AS owner_rep_id, sla_due_at::timestamptz AS sla_due_at FROM deals
WHERE sla_due_at < @before::timestamptz AND closed_at IS NULL AND first_contacted_at IS NULL
ORDER BY sla_due_at, id
LIMIT @max_rows;
