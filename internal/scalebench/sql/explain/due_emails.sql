-- name: DueEmails :many
SELECT id, kind, send_after FROM email_outbox WHERE status = 'pending' AND send_after < $1 ORDER BY send_after, id LIMIT $2
