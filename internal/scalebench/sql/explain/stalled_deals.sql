-- name: StalledDeals :many
SELECT d.id, d.contact_id, COALESCE(d.owner_rep_id, 0)::bigint AS owner_rep_id, st.name AS stage, d.stage_entered_at
FROM deals d JOIN stages st ON st.id = d.stage_id
WHERE d.closed_at IS NULL AND d.parked_at IS NULL AND st.kind = 'open'
    AND st.rot_after IS NOT NULL AND d.stage_entered_at < $1::timestamptz - st.rot_after
ORDER BY d.stage_entered_at
LIMIT $2
