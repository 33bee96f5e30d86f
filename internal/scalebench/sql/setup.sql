-- Session set-up for seeding, run once on the seeding connection.
-- r(i, k) is a deterministic pseudo-random number in [0, 1) for contact
-- index i and draw k: the same N always seeds the same history, and no Go
-- loop runs per row. It lives in pg_temp, so the schema is untouched.
SET synchronous_commit = off;
CREATE OR REPLACE FUNCTION pg_temp.r(i bigint, k int) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (hashint8extended(i, k) & 1048575)::double precision / 1048576 $$;
CREATE TEMP TABLE seed_p (
    lo bigint, hi bigint, now timestamptz,
    cb bigint, eb bigint, tb bigint, db bigint, nb bigint,
    reps bigint[], rep_emails text[], open_stages bigint[], won_stage bigint, lost_stage bigint
);
