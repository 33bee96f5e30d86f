-- +goose Up
-- The decay sweep reads the contacts scored above cold or engaged within its
-- horizon from these time-ordered indexes (scoringdb ContactsToRescore)
-- instead of probing two tables for every contact.
CREATE INDEX scores_recent_idx ON scores (computed_at) INCLUDE (contact_id) WHERE band <> 'cold';
CREATE INDEX engagement_events_recent_idx ON engagement_events (occurred_at) INCLUDE (contact_id);

-- +goose Down
DROP INDEX engagement_events_recent_idx;
DROP INDEX scores_recent_idx;
