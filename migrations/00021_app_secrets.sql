-- +goose Up
-- app_secrets holds random keys a deployment generates once and shares
-- through its database: today the key signing unsubscribe links when
-- LEADFLOW_UNSUBSCRIBE_SECRET is unset (cmd/leadflow/mail.go). The first
-- process to start inserts its candidate (ON CONFLICT DO NOTHING) and every
-- process reads the stored row back, so all roles and every restart agree on
-- the key, and nothing an outsider can read (the database URL, say) is an
-- input to it.
--
-- Only the app user reads it: the read-only leadflow_grafana role of
-- 00011_grafana_role.sql gets no GRANT here, on purpose.
CREATE TABLE app_secrets (
    name text PRIMARY KEY,
    -- At least 256 bits: a shorter key is a configuration mistake.
    value bytea NOT NULL CHECK (octet_length(value) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
-- Dropping the table drops the generated keys: links signed with them stop
-- verifying unless LEADFLOW_UNSUBSCRIBE_SECRET is set.
DROP TABLE app_secrets;
