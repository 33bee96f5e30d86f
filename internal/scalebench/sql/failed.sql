-- $1 poison events, dead-lettered (failed) with their reason over the year.
INSERT INTO inbound_events (connector, source, event_id, received_at, payload, status, attempts, last_error, enqueued_at, kind, task_id)
SELECT 'typeform', 'typeform', 'seed-failed-' || k, $2::timestamptz - interval '365 days' * k / $1::int,
       convert_to('{"event_id":"seed-failed-' || k || '","form_response":{"answers":[]}}', 'UTF8'),
       'failed', 1, 'form answers map to no email or phone', $2::timestamptz - interval '365 days' * k / $1::int, 'lead', ''
FROM generate_series(0, $1::int - 1) k;
