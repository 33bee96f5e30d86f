-- +goose Up
-- The CRM push writes each deal's lead score and band (Odoo's x_leadflow_score/x_leadflow_band,
-- HubSpot's leadflow_score/leadflow_band; docs/crm-sync.md), read from the contact's latest row in
-- scores. A rescoring inserts a row in scores and changes no deal, so the deals triggers of
-- 00039_crm_sync.sql never logged it: the CRM kept showing the score of the first push. This
-- trigger logs the contact's open deals for every enabled target when a new latest score differs
-- from the one before it (total or band), in the transaction of the insert, like the deals
-- triggers. A deal not yet in a CRM is then judged by the target's push filter again, so a lead a
-- rescoring made hot is pushed.
--
-- Closed deals are left out: a won or lost deal's score no longer says anything to a rep. A score
-- row inserted out of order (not the contact's latest) changes nothing a push reads, and a rescoring
-- that lands on the same total and band (the decay sweep often does) logs nothing.
--
-- Statement-level, as the deals triggers are: the lead path's InsertScores logs a chunk in one
-- INSERT. With no target enabled it costs one indexed read of crm_targets per statement; with
-- targets, a look-up per new score on scores_contact_idx and on deals_one_open_idx.
-- +goose StatementBegin
CREATE FUNCTION crm_log_score_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    origin text := coalesce(current_setting('leadflow.origin', true), '');
BEGIN
    IF NOT EXISTS (SELECT 1 FROM crm_targets t WHERE t.enabled AND 'crm:' || t.name <> origin) THEN
        RETURN NULL;
    END IF;
    INSERT INTO crm_changes AS c (target, deal_id, origin, first_changed_at, last_changed_at)
    SELECT t.name, d.id, origin, n.computed_at, n.computed_at
    FROM new_rows n
    LEFT JOIN LATERAL (
        SELECT p.total, p.band FROM scores p
        WHERE p.contact_id = n.contact_id AND (p.computed_at, p.id) < (n.computed_at, n.id)
        ORDER BY p.computed_at DESC, p.id DESC LIMIT 1) prev ON true
    JOIN deals d ON d.contact_id = n.contact_id AND d.closed_at IS NULL
    CROSS JOIN crm_targets t
    WHERE t.enabled AND 'crm:' || t.name <> origin
      AND (n.total, n.band) IS DISTINCT FROM (prev.total, prev.band)
      -- n is the contact's latest score now (the one a push reads); of several new rows of one
      -- contact only the latest passes, so no (target, deal) is inserted twice.
      AND NOT EXISTS (SELECT 1 FROM scores l WHERE l.contact_id = n.contact_id AND (l.computed_at, l.id) > (n.computed_at, n.id))
    -- in key order, so concurrent statements lock the same rows in the same order
    ORDER BY t.name, d.id
    ON CONFLICT (target, deal_id) DO UPDATE
    SET version = c.version + 1, origin = EXCLUDED.origin, last_changed_at = EXCLUDED.last_changed_at;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER scores_crm_log_insert AFTER INSERT ON scores
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_log_score_changes();

-- +goose Down
DROP TRIGGER scores_crm_log_insert ON scores;
DROP FUNCTION crm_log_score_changes();
