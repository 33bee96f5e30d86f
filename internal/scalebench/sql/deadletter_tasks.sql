-- The seeded dead letters' tasks with their events, for putting them in
-- Redis as archived tasks.
SELECT task_id, array_agg(id ORDER BY id)::bigint[] FROM inbound_events
WHERE source = 'seed-dead' AND status = 'received' GROUP BY task_id ORDER BY task_id;
