-- name: UpsertRep :one
-- Creates a rep or updates the one with the same email (kept in lower case).
INSERT INTO reps (name, email, territory, capacity, active, time_zone, working_hours, working_days, out_of_office, booking_url)
VALUES (@name, lower(@email), @territory, @capacity, @active, @time_zone, @working_hours, @working_days::text[], @out_of_office, @booking_url)
ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, territory = EXCLUDED.territory,
    capacity = EXCLUDED.capacity, active = EXCLUDED.active, time_zone = EXCLUDED.time_zone,
    working_hours = EXCLUDED.working_hours, working_days = EXCLUDED.working_days, out_of_office = EXCLUDED.out_of_office,
    booking_url = EXCLUDED.booking_url
RETURNING id;

-- name: Reps :many
-- Every rep, active or not, in id order.
SELECT id, name, email, territory, capacity, active FROM reps ORDER BY id;

-- name: Rep :one
-- One rep by id, with their booking link.
SELECT id, name, email, territory, capacity, active, booking_url FROM reps WHERE id = @id;

-- name: ActiveReps :many
-- The reps round robin chooses among, in id order, with their open deals
-- (kept on the rep by a trigger, migration 00014).
SELECT r.id, r.name, r.email, r.territory, r.capacity, r.active, r.open_deals
FROM reps r WHERE r.active ORDER BY r.id;

-- name: UpsertTeam :one
-- Creates a team unless it exists, and returns its id either way.
INSERT INTO teams (name) VALUES (@name)
ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name
RETURNING id;

-- name: LockTeam :exec
-- Locks a team's membership while it is synced with the configuration.
SELECT 1 FROM team_members WHERE team_id = @team_id FOR UPDATE;

-- name: RepIDByEmail :one
-- A rep's id by email (stored in lower case).
SELECT id FROM reps WHERE email = lower(@email);

-- name: UpsertTeamMember :exec
-- Adds a rep to a team or updates their weight. One who joins, or returns
-- after being deactivated, starts at the smallest virtual time of the
-- active members: their fair share from now on, without taking over the
-- next leads and without resetting anyone. An active member keeps theirs.
INSERT INTO team_members (team_id, rep_id, weight, vtime)
VALUES (@team_id, @rep_id, @weight, COALESCE((SELECT min(m.vtime) FROM team_members m WHERE m.team_id = @team_id AND m.active), 0))
ON CONFLICT (team_id, rep_id) DO UPDATE SET weight = EXCLUDED.weight,
    active = true,
    vtime = CASE WHEN team_members.active THEN team_members.vtime ELSE EXCLUDED.vtime END;

-- name: DeactivateOtherMembers :exec
-- Deactivates the team's members not listed, keeping their history.
UPDATE team_members SET active = false WHERE team_id = @team_id AND NOT (rep_id = ANY(@listed::bigint[]));

-- name: TeamID :one
-- A team's id by name.
SELECT id FROM teams WHERE name = @name;

-- name: LockTeamMembers :exec
-- Locks a team's members in rep order, so concurrent assignments in the
-- team serialize (and take the locks in one order).
SELECT 1 FROM team_members WHERE team_id = @team_id ORDER BY rep_id FOR UPDATE;

-- name: TeamMembers :many
-- A team's members with their share, load and availability, in rep order.
SELECT m.rep_id, m.weight, m.vtime, r.capacity, (m.active AND r.active)::boolean AS active, r.time_zone, r.working_hours,
    r.working_days, r.out_of_office, r.open_deals
FROM team_members m JOIN reps r ON r.id = m.rep_id WHERE m.team_id = @team_id ORDER BY m.rep_id;

-- name: AdvanceVTime :exec
-- Stores the chosen member's virtual time after an assignment.
UPDATE team_members SET vtime = @vtime WHERE team_id = @team_id AND rep_id = @rep_id;

-- name: InsertRoutingDecision :exec
-- Records a routing decision for the lead's ledger; deal_id and rep_id are
-- NULL when there is no deal or no rep could take it.
INSERT INTO routing_decisions (contact_id, deal_id, kind, rule, team, rep_id, skipped, created_at)
VALUES (@contact_id, sqlc.narg(deal_id), @kind, @rule, @team, sqlc.narg(rep_id), @skipped, @created_at);
