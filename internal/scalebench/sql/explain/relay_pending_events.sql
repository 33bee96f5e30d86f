-- name: PendingEvents :many
SELECT id, received_at, task_id FROM inbound_events
WHERE status = 'received' AND received_at < $1
  AND (received_at, id) > ($2::timestamptz, $3::bigint)
ORDER BY received_at, id
LIMIT $4
