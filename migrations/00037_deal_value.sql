-- +goose Up
-- Issue 20, "Deals with a value": a deal opens with an amount estimated from what the lead said
-- (their stated budget) or the pipeline's default, and stays marked as an estimate until a rep sets
-- the amount (store.UpdateDeal clears the mark). Deals opened before this migration keep their
-- amount, which a rep (or the history import) set: they are not estimates.
ALTER TABLE deals ADD COLUMN amount_estimated boolean NOT NULL DEFAULT false;

-- deal_expected_cents is the one home, in SQL, of a deal's expected value: its amount × its stage's
-- win probability, rounded to the cent. Lists, the board, the inbox and the manager page order and
-- sum by it, so they never disagree on what a deal is worth. IMMUTABLE and inlinable (a single
-- SELECT in SQL), so the planner treats it as the expression itself.
-- +goose StatementBegin
CREATE FUNCTION deal_expected_cents(win_probability numeric, amount_cents bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT round(win_probability * amount_cents)::bigint $$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION deal_expected_cents(numeric, bigint);
ALTER TABLE deals DROP COLUMN amount_estimated;
