-- +goose Up
-- Round-robin assignment no longer holds the pipeline's lock while it opens
-- deals (it reserves rotation slots in a short statement instead), so two
-- groups can pick the same rep at once. The open-deal counter is updated
-- under the rep's row lock, so the check here is exact: a rep already at
-- capacity makes the assigning transaction fail with SQLSTATE LF001, and
-- the assigner picks again.
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

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION leadflow_count_open_deals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.owner_rep_id IS NOT NULL AND OLD.closed_at IS NULL THEN
        UPDATE reps SET open_deals = open_deals - 1 WHERE id = OLD.owner_rep_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.owner_rep_id IS NOT NULL AND NEW.closed_at IS NULL THEN
        UPDATE reps SET open_deals = open_deals + 1 WHERE id = NEW.owner_rep_id;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
