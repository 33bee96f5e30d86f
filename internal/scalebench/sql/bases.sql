-- The highest id of every table whose seeded ids are computed: seeded rows
-- go after whatever the run already wrote.
SELECT (SELECT COALESCE(max(id), 0) FROM contacts)::bigint,
       (SELECT COALESCE(max(id), 0) FROM inbound_events)::bigint,
       (SELECT COALESCE(max(id), 0) FROM touchpoints)::bigint,
       (SELECT COALESCE(max(id), 0) FROM deals)::bigint,
       (SELECT COALESCE(max(id), 0) FROM nurture_enrollments)::bigint;
