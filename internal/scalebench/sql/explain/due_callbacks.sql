-- name: DueCallbacks :many
SELECT id, callback_at::timestamptz AS callback_at FROM deals
WHERE parked_at IS NOT NULL AND closed_at IS NULL AND callback_at < $1::timestamptz
ORDER BY callback_at, id
LIMIT $2
