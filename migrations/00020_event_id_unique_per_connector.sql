-- +goose Up
-- A provider's event id identifies a delivery whatever URL it was posted
-- to. The Standard Webhooks signature covers id, timestamp and body but not
-- the path, so with (connector, source, event_id) as the only key a
-- captured request replayed to /v1/webhooks/generic/<any source> was a new
-- event each time (issue 14). From now on an event id is unique per
-- connector; intake's ON CONFLICT DO NOTHING turns such a replay into a
-- duplicate. Rows stored before this migration are left out of the index
-- (id above the current maximum only): old data may hold such replays, and
-- refusing the migration over them would help nobody — a replay of an old
-- request fails the signature's 5-minute window anyway.
-- +goose StatementBegin
DO $$
DECLARE
    floor_id bigint;
BEGIN
    SELECT coalesce(max(id), 0) INTO floor_id FROM inbound_events;
    EXECUTE format('CREATE UNIQUE INDEX inbound_events_connector_event_id_key ON inbound_events (connector, event_id) WHERE id > %s', floor_id);
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP INDEX inbound_events_connector_event_id_key;
