-- name: InsertEvent :one
-- Stores a raw inbound delivery; no row when the connector already holds
-- the event id (under any source: both unique keys are covered by the
-- target-less ON CONFLICT).
INSERT INTO inbound_events (connector, source, event_id, received_at, payload, kind, task_id)
VALUES (@connector, @source, @event_id, @received_at, @payload, @kind, @task_id)
ON CONFLICT DO NOTHING
RETURNING *;

-- name: ExistingEvent :one
-- The stored delivery a duplicate matched: the connector's event with that
-- id, preferring the same source.
SELECT * FROM inbound_events
WHERE connector = @connector AND event_id = @event_id
ORDER BY source = @source DESC, id
LIMIT 1;

-- name: InsertEvents :many
-- Intake's group commit: a group of deliveries in one statement. Only the
-- rows stored come back; duplicates (also within the group) are skipped.
-- (Set-returning functions in a select list run in lockstep, so the
-- unnests zip the arrays row by row.)
INSERT INTO inbound_events (connector, source, event_id, received_at, payload, kind, task_id)
SELECT unnest(@connectors::text[]), unnest(@sources::text[]), unnest(@event_ids::text[]),
    unnest(@received_ats::timestamptz[]), unnest(@payloads::bytea[]), unnest(@kinds::text[]),
    unnest(@task_ids::text[])
ON CONFLICT DO NOTHING
RETURNING id, connector, source, event_id;

-- name: GetEvent :one
-- One stored delivery by row id.
SELECT * FROM inbound_events WHERE id = @id;

-- name: GetEvents :many
-- Stored deliveries by row id, in id order.
SELECT * FROM inbound_events WHERE id = ANY(@ids::bigint[]) ORDER BY id;

-- name: PendingEvents :many
-- The relay's candidates: received before @before, neither routed nor
-- dead-lettered, in (received_at, id) order after the relay's cursor; only
-- what the relay needs (inbound_events_pending_idx holds all of it).
SELECT id, received_at, task_id FROM inbound_events
WHERE status = 'received' AND received_at < @before
  AND (received_at, id) > (@after_received_at::timestamptz, @after_id::bigint)
ORDER BY received_at, id
LIMIT @max_events;

-- name: SetEventsTask :exec
-- Records the task that now carries the events and when it was enqueued.
UPDATE inbound_events SET task_id = @task_id, enqueued_at = @enqueued_at::timestamptz
WHERE id = ANY(@ids::bigint[]);

-- name: MarkEventsProcessed :exec
-- The events were handled to the end (their leads routed); an event
-- already processed keeps its first mark.
UPDATE inbound_events SET status = 'processed', processed_at = @processed_at::timestamptz, last_error = '', attempts = attempts + 1
WHERE id = ANY(@ids::bigint[]) AND status <> 'processed';

-- name: MarkEventProcessed :exec
-- One event handled to the end, inside the transaction that recorded what
-- it carried (engagements).
UPDATE inbound_events SET status = 'processed', processed_at = @processed_at::timestamptz, last_error = '', attempts = attempts + 1
WHERE id = @id;

-- name: MarkEventFailed :exec
-- A permanent processing failure and its reason; a processed event stays
-- processed.
UPDATE inbound_events SET status = 'failed', last_error = @reason, attempts = attempts + 1
WHERE id = @id AND status <> 'processed';

-- name: SetEventFetched :exec
-- The provider's full lead fetched for a thin notification.
UPDATE inbound_events SET fetched_payload = @fetched_payload, fetched_at = @fetched_at::timestamptz WHERE id = @id;

-- name: RelayBacklog :one
-- Stored events not yet routed or dead-lettered, counted up to @cap: every
-- /metrics scrape of every role reads it, so its cost must not grow with a
-- backlog (an index-only scan of inbound_events_pending_idx, at most @cap
-- entries).
SELECT count(*) FROM (SELECT 1 FROM inbound_events WHERE status = 'received' LIMIT @cap::bigint) AS backlog;

-- name: FailedEvents :many
-- Dead-lettered events, oldest first. The filter is the same as
-- ResetFailedEvents' so that "replay ls" shows exactly what "replay"
-- resets: a NULL @ids means any id, an empty @connector any connector.
SELECT id, connector, source, event_id, received_at, last_error, attempts
FROM inbound_events
WHERE status = 'failed'
    AND (sqlc.narg(ids)::bigint[] IS NULL OR id = ANY(sqlc.narg(ids)::bigint[]))
    AND (@connector::text = '' OR connector = @connector::text)
ORDER BY received_at, id
LIMIT @max_events;

-- name: ResetFailedEvents :many
-- Puts the dead-lettered events matching the filter (as FailedEvents')
-- back to 'received' with no error and returns them with the error they
-- had. The CTE reads the old last_error under a row lock; RETURNING alone
-- would only see the new, empty one. Events that are not failed are never
-- touched, so a replay racing a worker cannot undo a success.
WITH chosen AS (
    SELECT id, last_error FROM inbound_events
    WHERE status = 'failed'
        AND (sqlc.narg(ids)::bigint[] IS NULL OR id = ANY(sqlc.narg(ids)::bigint[]))
        AND (@connector::text = '' OR connector = @connector::text)
    FOR UPDATE
)
UPDATE inbound_events e SET status = 'received', last_error = ''
FROM chosen c
WHERE e.id = c.id AND e.status = 'failed'
RETURNING e.id, e.connector, e.source, e.event_id, e.received_at, c.last_error, e.attempts;
