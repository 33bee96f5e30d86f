-- name: ContactsToRescore :many
SELECT contact_id, active_at FROM rescore_candidates
WHERE contact_id > $1::bigint
ORDER BY contact_id
LIMIT $2
