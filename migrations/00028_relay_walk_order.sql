-- +goose Up
-- The relay walks pending events in (received_at, id) order with a cursor
-- kept between passes, so that a block of dead letters (a group whose task
-- was archived: pending until `leadflow replay`) cannot hide newer orphans
-- behind it. The index serves that order and carries task_id, so a pass
-- reads neither payloads nor the table.
DROP INDEX inbound_events_pending_idx;
CREATE INDEX inbound_events_pending_idx ON inbound_events (received_at, id) INCLUDE (task_id) WHERE status = 'received';

-- +goose Down
DROP INDEX inbound_events_pending_idx;
CREATE INDEX inbound_events_pending_idx ON inbound_events (received_at) WHERE status = 'received';
