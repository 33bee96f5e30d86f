-- What autovacuum would do after a bulk load: visibility map (index-only
-- scans) and planner statistics.
VACUUM (ANALYZE);
