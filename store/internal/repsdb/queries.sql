-- name: InsertRep :one
-- Creates a rep with a role; a taken email is a unique violation (23505),
-- which the store answers ErrRepExists.
INSERT INTO reps (name, email, territory, capacity, active, time_zone, role)
VALUES (@name, lower(@email), @territory, @capacity, true, @time_zone, @role)
RETURNING id;

-- name: SetRepToken :execrows
-- Replaces the rep's token hash and ends every web session of the rep in
-- the same statement: a session signed in with a rotated token is as good
-- as the token.
WITH ended AS (DELETE FROM web_sessions WHERE rep_id = @rep_id)
UPDATE reps SET token_hash = @token_hash WHERE id = @rep_id;

-- name: RepByTokenHash :one
-- A rep account by the hash of its token. Open deals are kept on the rep
-- only when it has a capacity (migration 00019); otherwise they are counted
-- — cheap per rep, and these reads are one rep or the rep list. The same
-- columns as RepByEmail and RepAccounts.
SELECT r.id, r.name, r.email, r.territory, r.capacity, r.active, r.time_zone, r.out_of_office, r.role,
	(r.token_hash IS NOT NULL)::boolean AS has_token,
	(CASE WHEN r.capacity > 0 THEN r.open_deals
	     ELSE (SELECT count(*) FROM deals d WHERE d.owner_rep_id = r.id AND d.closed_at IS NULL) END)::bigint AS open_deals
FROM reps r WHERE r.token_hash = @token_hash;

-- name: RepByEmail :one
-- A rep account by email, already lowercased and trimmed by the caller.
SELECT r.id, r.name, r.email, r.territory, r.capacity, r.active, r.time_zone, r.out_of_office, r.role,
	(r.token_hash IS NOT NULL)::boolean AS has_token,
	(CASE WHEN r.capacity > 0 THEN r.open_deals
	     ELSE (SELECT count(*) FROM deals d WHERE d.owner_rep_id = r.id AND d.closed_at IS NULL) END)::bigint AS open_deals
FROM reps r WHERE r.email = lower(@email);

-- name: RepAccounts :many
-- Every rep account in id order.
SELECT r.id, r.name, r.email, r.territory, r.capacity, r.active, r.time_zone, r.out_of_office, r.role,
	(r.token_hash IS NOT NULL)::boolean AS has_token,
	(CASE WHEN r.capacity > 0 THEN r.open_deals
	     ELSE (SELECT count(*) FROM deals d WHERE d.owner_rep_id = r.id AND d.closed_at IS NULL) END)::bigint AS open_deals
FROM reps r ORDER BY r.id;

-- name: RepTimeZone :one
-- One rep's time zone: the deal page asks for it on every view, so it
-- must not count every rep's open deals as RepAccounts does.
SELECT time_zone FROM reps WHERE id = @rep_id;

-- name: DisableRep :execrows
-- Marks a rep inactive: routing skips them and their token is refused.
UPDATE reps SET active = false WHERE id = @rep_id;

-- name: AppendRepOutOfOffice :execrows
-- Appends out-of-office periods (a JSON array) to the rep's list.
UPDATE reps SET out_of_office = out_of_office || @periods::jsonb WHERE id = @rep_id;

-- name: InsertWebSession :exec
-- Stores a session under the hash of its id (the id itself lives only in
-- the rep's cookie) and, in the same statement, sweeps expired sessions, so
-- the table stays as small as the number of signed-in reps.
WITH swept AS (DELETE FROM web_sessions WHERE expires_at < @created_at)
INSERT INTO web_sessions (id_hash, rep_id, csrf_token, created_at, expires_at)
VALUES (@id_hash, @rep_id, @csrf_token, @created_at, @expires_at);

-- name: WebSession :one
-- An unexpired session with its rep, by the hash of its id.
SELECT r.id AS rep_id, r.name AS rep_name, r.role, r.active, w.csrf_token, w.expires_at
FROM web_sessions w JOIN reps r ON r.id = w.rep_id
WHERE w.id_hash = @id_hash AND w.expires_at > @now;

-- name: DeleteWebSession :exec
-- Ends a session (sign-out).
DELETE FROM web_sessions WHERE id_hash = @id_hash;
