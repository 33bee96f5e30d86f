-- +goose Up
-- The open-deal counter exists for capacity, and keeping it meant every
-- assignment locked its rep's row until commit: with a handful of reps that
-- was the bound on hot leads per second. Reps without a capacity (0 =
-- unlimited) are no longer counted — an UPDATE locks only the rows its
-- WHERE accepts — and a change of capacity recounts, so the counter is
-- exact whenever it is used.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION leadflow_count_open_deals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n integer;
    cap integer;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.owner_rep_id IS NOT NULL AND OLD.closed_at IS NULL THEN
        UPDATE reps SET open_deals = open_deals - 1 WHERE id = OLD.owner_rep_id AND capacity > 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.owner_rep_id IS NOT NULL AND NEW.closed_at IS NULL THEN
        UPDATE reps SET open_deals = open_deals + 1 WHERE id = NEW.owner_rep_id AND capacity > 0
            RETURNING open_deals, capacity INTO n, cap;
        IF FOUND AND TG_OP = 'INSERT' AND n > cap THEN
            RAISE EXCEPTION 'rep % is at capacity (%)', NEW.owner_rep_id, cap USING ERRCODE = 'LF001';
        END IF;
    END IF;
    RETURN NULL;
END;
$$;
CREATE FUNCTION leadflow_recount_open_deals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.open_deals := CASE WHEN NEW.capacity > 0
        THEN (SELECT count(*) FROM deals d WHERE d.owner_rep_id = NEW.id AND d.closed_at IS NULL) ELSE 0 END;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER reps_recount_open_deals BEFORE UPDATE OF capacity ON reps
    FOR EACH ROW WHEN (OLD.capacity IS DISTINCT FROM NEW.capacity)
    EXECUTE FUNCTION leadflow_recount_open_deals();
UPDATE reps SET open_deals = 0 WHERE capacity <= 0;

-- +goose Down
DROP TRIGGER reps_recount_open_deals ON reps;
DROP FUNCTION leadflow_recount_open_deals();
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION leadflow_count_open_deals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n integer;
    cap integer;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.owner_rep_id IS NOT NULL AND OLD.closed_at IS NULL THEN
        UPDATE reps SET open_deals = open_deals - 1 WHERE id = OLD.owner_rep_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.owner_rep_id IS NOT NULL AND NEW.closed_at IS NULL THEN
        UPDATE reps SET open_deals = open_deals + 1 WHERE id = NEW.owner_rep_id RETURNING open_deals, capacity INTO n, cap;
        IF TG_OP = 'INSERT' AND cap > 0 AND n > cap THEN
            RAISE EXCEPTION 'rep % is at capacity (%)', NEW.owner_rep_id, cap USING ERRCODE = 'LF001';
        END IF;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
UPDATE reps r SET open_deals = (SELECT count(*) FROM deals d WHERE d.owner_rep_id = r.id AND d.closed_at IS NULL);
