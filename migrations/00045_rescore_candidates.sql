-- +goose Up
-- The decay sweep's work list (issue 19). The sweep used to read every
-- contact scored above cold or engaged within its horizon in one query
-- (two time-ordered index scans, then a sort of every id in the window:
-- 179 ms for 156k contacts at 1M, ≈ 1.8 s at 10M) and enqueue a task per
-- contact. It now walks this table in keyset pages (contact_id > cursor
-- ORDER BY contact_id LIMIT n), one task per page.
--
-- Why a table kept by the write path rather than indexes on scores and
-- engagement_events ordered by contact: ids grow with arrival, so the low
-- ids are old contacts whose scores and engagement are mostly outside the
-- window; a page read in contact order over (contact_id, computed_at)
-- would filter through most of the old part of the index before it found
-- one page of active contacts (no bound per page). Here every row is a
-- candidate: a page reads n index entries of the primary key, whatever the
-- table's size. Rows whose activity left the window are deleted by the
-- sweep page that reads them, so the table holds the active contacts plus
-- those that expired since the last sweep.
--
-- active_at is the contact's latest non-cold score or engagement (any
-- kind, as the old query read them); the window itself (8 engagement
-- half-lives) is configuration, so it is applied by the sweep, not here.
CREATE TABLE rescore_candidates (
    contact_id bigint PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
    active_at  timestamptz NOT NULL
);

-- Statement-level triggers with transition tables: one upsert per INSERT
-- statement, however many rows it wrote (the set-based lead path writes a
-- group's scores in one statement). The WHERE keeps a late, older event
-- from moving active_at back; rows are upserted in contact order so two
-- statements touching the same contacts lock them in the same order
-- (no deadlock).
-- +goose StatementBegin
CREATE FUNCTION rescore_candidates_from_scores() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rescore_candidates (contact_id, active_at)
    SELECT contact_id, max(computed_at) FROM new_scores WHERE band <> 'cold' GROUP BY contact_id ORDER BY contact_id
    ON CONFLICT (contact_id) DO UPDATE SET active_at = EXCLUDED.active_at
        WHERE rescore_candidates.active_at < EXCLUDED.active_at;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION rescore_candidates_from_engagement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rescore_candidates (contact_id, active_at)
    SELECT contact_id, max(occurred_at) FROM new_engagement WHERE contact_id IS NOT NULL GROUP BY contact_id ORDER BY contact_id
    ON CONFLICT (contact_id) DO UPDATE SET active_at = EXCLUDED.active_at
        WHERE rescore_candidates.active_at < EXCLUDED.active_at;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER scores_rescore_candidates AFTER INSERT ON scores
    REFERENCING NEW TABLE AS new_scores FOR EACH STATEMENT EXECUTE FUNCTION rescore_candidates_from_scores();
CREATE TRIGGER engagement_events_rescore_candidates AFTER INSERT ON engagement_events
    REFERENCING NEW TABLE AS new_engagement FOR EACH STATEMENT EXECUTE FUNCTION rescore_candidates_from_engagement();

-- Every contact with history: the window is not known here; the first
-- sweep deletes those outside it.
INSERT INTO rescore_candidates (contact_id, active_at)
SELECT contact_id, max(at) FROM (
    SELECT contact_id, computed_at AS at FROM scores WHERE band <> 'cold'
    UNION ALL
    SELECT contact_id, occurred_at FROM engagement_events WHERE contact_id IS NOT NULL) h
GROUP BY contact_id;

-- +goose Down
DROP TRIGGER engagement_events_rescore_candidates ON engagement_events;
DROP TRIGGER scores_rescore_candidates ON scores;
DROP FUNCTION rescore_candidates_from_engagement();
DROP FUNCTION rescore_candidates_from_scores();
DROP TABLE rescore_candidates;
