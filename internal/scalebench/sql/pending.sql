-- $1 events still pending in the last two days whose tasks were archived
-- after their retries: dead letters waiting for `leadflow replay`, which the
-- relay must walk past. They share a task per 50, as intake groups them.
INSERT INTO inbound_events (connector, source, event_id, received_at, payload, status, attempts, enqueued_at, kind, task_id)
SELECT 'generic', 'seed-dead', 'seed-dead-' || k, $2::timestamptz - interval '2 days' + interval '47 hours' * k / $1::int,
       convert_to('{"type":"lead.created","data":{"external_id":"seed-dead-' || k || '","email":"dead' || k || '@acme.test"}}', 'UTF8'),
       'received', 4, $2::timestamptz - interval '2 days' + interval '47 hours' * k / $1::int, 'lead', 'ingest:seed-dead:' || (k / 50)
FROM generate_series(0, $1::int - 1) k;
