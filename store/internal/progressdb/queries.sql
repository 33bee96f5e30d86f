-- name: EventBacklog :one
-- Events still waiting for a worker, and the highest event id: a poll that
-- stays cheap while the database is measured (received events are few and
-- indexed; max(id) reads one index entry).
SELECT (SELECT count(*) FROM inbound_events WHERE status = 'received')::bigint AS pending,
       (SELECT COALESCE(max(id), 0) FROM inbound_events)::bigint AS total;

-- name: EventOutcomes :one
-- Events processed and failed.
SELECT count(*) FILTER (WHERE status = 'processed')::bigint AS processed,
       count(*) FILTER (WHERE status = 'failed')::bigint AS failed
FROM inbound_events;

-- name: LastProcessedAt :one
-- When the last event was processed; no row before the first.
SELECT processed_at FROM inbound_events WHERE processed_at IS NOT NULL
ORDER BY processed_at DESC LIMIT 1;

-- name: SettledEventCount :one
-- Events a worker is done with, processed or failed.
SELECT count(*) FROM inbound_events WHERE status <> 'received';

-- name: EventStatus :one
-- Where one stored webhook is, found by its natural key.
SELECT status, last_error FROM inbound_events
WHERE connector = @connector AND source = @source AND event_id = @event_id;

-- name: RoutingTimes :many
-- When each touchpoint whose external id starts with @prefix was routed:
-- its assigned deal opened, or its nurture enrollment began.
SELECT t.external_id, d.created_at AS deal_at, n.enrolled_at AS nurtured_at
FROM touchpoints t
LEFT JOIN deals d ON d.touchpoint_id = t.id AND d.owner_rep_id IS NOT NULL
LEFT JOIN nurture_enrollments n ON n.touchpoint_id = t.id
WHERE t.external_id LIKE @prefix::text || '%';

-- name: TopScore :one
-- The highest score recorded, the earliest of equals.
SELECT total, band, breakdown FROM scores ORDER BY total DESC, id LIMIT 1;

-- name: OpenDealTouchpoints :many
-- Every open deal with the external id of the touchpoint that opened it,
-- so the demo can tell which generated lead a deal came from.
SELECT d.id AS deal_id, t.external_id
FROM deals d JOIN stages st ON st.id = d.stage_id JOIN touchpoints t ON t.id = d.touchpoint_id
WHERE st.kind = 'open' ORDER BY d.id;
