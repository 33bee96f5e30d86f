-- +goose Up
-- Assignment reads every candidate rep's open-deal count while it holds the
-- pipeline's (or team's) lock; counting deals there grew with the number of
-- open deals and became the bound on deals opened per second. The count is
-- kept on the rep instead, by a trigger, so every writer (router, rep API,
-- imports, erasure) keeps it right.
ALTER TABLE reps ADD COLUMN open_deals integer NOT NULL DEFAULT 0;
UPDATE reps r SET open_deals = (SELECT count(*) FROM deals d WHERE d.owner_rep_id = r.id AND d.closed_at IS NULL);

-- +goose StatementBegin
CREATE FUNCTION leadflow_count_open_deals() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER deals_count_open_insert AFTER INSERT OR DELETE ON deals
    FOR EACH ROW EXECUTE FUNCTION leadflow_count_open_deals();
CREATE TRIGGER deals_count_open_update AFTER UPDATE OF owner_rep_id, closed_at ON deals
    FOR EACH ROW
    WHEN (OLD.owner_rep_id IS DISTINCT FROM NEW.owner_rep_id OR (OLD.closed_at IS NULL) <> (NEW.closed_at IS NULL))
    EXECUTE FUNCTION leadflow_count_open_deals();

-- +goose Down
DROP TRIGGER deals_count_open_update ON deals;
DROP TRIGGER deals_count_open_insert ON deals;
DROP FUNCTION leadflow_count_open_deals();
ALTER TABLE reps DROP COLUMN open_deals;
