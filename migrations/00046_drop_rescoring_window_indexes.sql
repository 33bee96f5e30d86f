-- +goose Up
-- The decay sweep reads rescore_candidates now (00045); these indexes
-- served only its old whole-window read, and every score and engagement
-- insert paid for them.
DROP INDEX scores_recent_idx;
DROP INDEX engagement_events_recent_idx;

-- +goose Down
CREATE INDEX scores_recent_idx ON scores (computed_at) INCLUDE (contact_id) WHERE band <> 'cold';
CREATE INDEX engagement_events_recent_idx ON engagement_events (occurred_at) INCLUDE (contact_id);
