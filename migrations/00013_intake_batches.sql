-- +goose Up
-- Intake commits webhooks in groups and hands each group to one task; the
-- task's Asynq id is written with the rows so the relay can ask Redis
-- whether it still exists. An event is pending until it is routed
-- (status 'processed') or dead-lettered ('failed'): the relay re-enqueues
-- pending events whose task is gone (Redis restarted empty, say), which a
-- flag set at enqueue time could not tell.
ALTER TABLE inbound_events ADD COLUMN task_id text NOT NULL DEFAULT '';
DROP INDEX inbound_events_unenqueued_idx;
CREATE INDEX inbound_events_pending_idx ON inbound_events (received_at) WHERE status = 'received';

-- +goose Down
DROP INDEX inbound_events_pending_idx;
CREATE INDEX inbound_events_unenqueued_idx ON inbound_events (received_at) WHERE enqueued_at IS NULL;
ALTER TABLE inbound_events DROP COLUMN task_id;
