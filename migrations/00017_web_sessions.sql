-- +goose Up
-- Web app sessions: a rep signs in with their API token once and gets a
-- random session id in a cookie. Only its SHA-256 is stored (like rep
-- tokens, see 00007), so a database dump holds no usable session. Every
-- session carries its own CSRF token, checked on every POST. Sessions
-- expire absolutely at expires_at; sign-out deletes the row, and a
-- disabled rep's or a deleted rep's sessions stop working with the rep.
CREATE TABLE web_sessions (
    id_hash     bytea PRIMARY KEY,
    rep_id      bigint NOT NULL REFERENCES reps (id) ON DELETE CASCADE,
    csrf_token  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
-- Expired sessions are swept when new ones are created.
CREATE INDEX web_sessions_expires_idx ON web_sessions (expires_at);

-- The inbox lists a rep's open deals newest first.
CREATE INDEX deals_owner_created_idx ON deals (owner_rep_id, created_at DESC) WHERE closed_at IS NULL;

-- +goose Down
DROP INDEX deals_owner_created_idx;
DROP TABLE web_sessions;
