-- +goose Up
-- A deal's amount is money in cents: never negative and at most 10^15 ($10 trillion), whatever the
-- configured maximum (routing.max_amount_cents, default 10^12, may not exceed this bound;
-- pipeline.HardMaxAmountCents). Issue 14 item 4: a won deal at the int64 maximum made every report's
-- sum fail with "bigint out of range", for every user, and closed deals cannot be edited. The
-- application refuses such amounts (422 naming amount_cents); this is the same bound for every other
-- writer (history import, SQL by hand).
--
-- Rows written before the guard with an amount outside it cannot be real deals; they are set to the
-- nearest bound so the constraint holds for every row (a NOT VALID constraint would instead fail any
-- later UPDATE of such a row, an erasure for instance).
UPDATE deals SET amount_cents = LEAST(GREATEST(amount_cents, 0), 1000000000000000)
WHERE amount_cents < 0 OR amount_cents > 1000000000000000;
ALTER TABLE deals ADD CONSTRAINT deals_amount_cents_range
    CHECK (amount_cents BETWEEN 0 AND 1000000000000000);

-- +goose Down
-- The amounts brought into range stay as they are: the originals were not real amounts.
ALTER TABLE deals DROP CONSTRAINT deals_amount_cents_range;
