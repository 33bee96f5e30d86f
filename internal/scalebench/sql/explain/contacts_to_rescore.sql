-- name: ContactsToRescore :many
SELECT DISTINCT w.contact_id::bigint AS contact_id FROM (
	SELECT s.contact_id FROM scores s WHERE s.computed_at >= $1 AND s.band <> 'cold'
	UNION ALL
	SELECT e.contact_id FROM engagement_events e WHERE e.occurred_at >= $1 AND e.contact_id IS NOT NULL) w
ORDER BY 1
