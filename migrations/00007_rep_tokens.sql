-- +goose Up
-- The rep API authenticates each rep with their own bearer token. Only its
-- SHA-256 is stored: the token is 32 random bytes, so unlike a password it
-- cannot be guessed or brute-forced from the hash, and a plain (unsalted,
-- fast) hash is enough while keeping the lookup a single indexed equality.
-- A leaked database therefore leaks no usable token. NULL means the rep has
-- no token (the API refuses them).
--
-- role decides visibility: a rep sees only the deals they own, a manager
-- sees every deal.
ALTER TABLE reps
    ADD COLUMN role text NOT NULL DEFAULT 'rep' CHECK (role IN ('rep', 'manager')),
    ADD COLUMN token_hash bytea UNIQUE;

-- +goose Down
ALTER TABLE reps DROP COLUMN token_hash, DROP COLUMN role;
