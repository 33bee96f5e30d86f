-- name: DueSLAs :many
SELECT id, COALESCE(owner_rep_id, 0)::bigint AS owner_rep_id, sla_due_at::timestamptz AS sla_due_at FROM deals
WHERE sla_due_at < $1::timestamptz AND closed_at IS NULL AND first_contacted_at IS NULL
ORDER BY sla_due_at, id
LIMIT $2
