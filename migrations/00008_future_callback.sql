-- +goose Up
-- Deals that sat too long in a stage are parked on the Future callback
-- list: still open, out of the active pipeline, with a reminder due at
-- callback_at. parked_at is NULL for active deals.
ALTER TABLE deals
    ADD COLUMN parked_at timestamptz,
    ADD COLUMN callback_at timestamptz,
    ADD COLUMN callbacks integer NOT NULL DEFAULT 0;
CREATE INDEX deals_stalled_idx ON deals (stage_entered_at) WHERE closed_at IS NULL AND parked_at IS NULL;

-- +goose Down
DROP INDEX deals_stalled_idx;
ALTER TABLE deals DROP COLUMN callbacks, DROP COLUMN callback_at, DROP COLUMN parked_at;
