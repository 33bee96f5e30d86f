-- name: InsertAppSecret :exec
-- Stores a deployment-wide secret (migrations/00021_app_secrets.sql); the
-- first candidate stored wins, later ones are discarded.
INSERT INTO app_secrets (name, value) VALUES (@name, @value)
ON CONFLICT (name) DO NOTHING;

-- name: AppSecret :one
SELECT value FROM app_secrets WHERE name = @name;
