-- name: LockDeal :one
-- Locks a deal for a change and reads what the rules judge: its stage (name
-- and kind), owner (0 = none), whether it is closed and its amount.
SELECT d.stage_id, d.pipeline_id, d.contact_id, COALESCE(d.owner_rep_id, 0)::bigint AS owner_rep_id, d.closed_at,
	d.amount_cents, st.name AS stage_name, st.kind AS stage_kind
FROM deals d JOIN stages st ON st.id = d.stage_id WHERE d.id = @deal_id FOR UPDATE OF d;

-- name: StageNames :one
-- The names of the pipeline's stages in order, for the answer to an
-- unknown stage.
SELECT COALESCE(array_agg(name ORDER BY position), '{}')::text[] AS names FROM stages WHERE pipeline_id = @pipeline_id;

-- name: SetDealAmount :exec
-- Writes a deal's amount as a rep set it, which ends its being an estimate
-- (migration 00037); the database's own bound (deals_amount_cents_range,
-- migration 00022) answers a check violation past it.
UPDATE deals SET amount_cents = @amount_cents, amount_estimated = false, updated_at = @now WHERE id = @deal_id;

-- name: SetDealNextStep :exec
-- Writes the next step a rep set and the day it is due (empty and NULL: none).
UPDATE deals SET next_step = @next_step, next_step_on = sqlc.narg(next_step_on), updated_at = @now WHERE id = @deal_id;

-- name: SetDealMeeting :exec
-- Writes the meeting time a rep set (NULL clears it).
UPDATE deals SET meeting_at = sqlc.narg(meeting_at), updated_at = @now WHERE id = @deal_id;
