-- name: InsertScore :one
-- Stores a touchpoint's scoring run; nothing (no rows) when the run of the
-- same touchpoint and model version is stored already.
INSERT INTO scores (contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at)
VALUES (@contact_id, @touchpoint_id::bigint, @total, @band, @model_version, @breakdown, @computed_at)
ON CONFLICT (touchpoint_id, model_version) DO NOTHING
RETURNING id, contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at;

-- name: InsertScores :many
-- InsertScore for the touchpoints of a chunk (arrays zipped, read by
-- subscript k): the runs stored now come back, those of a touchpoint and
-- model version stored already do not.
INSERT INTO scores (contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at)
SELECT (@contact_ids::bigint[])[k], (@touchpoint_ids::bigint[])[k], (@totals::int[])[k], (@bands::text[])[k],
    (@model_versions::text[])[k], (@breakdowns::jsonb[])[k], (@computed_ats::timestamptz[])[k]
FROM generate_series(1, cardinality(@touchpoint_ids::bigint[])) AS k
ORDER BY k
ON CONFLICT (touchpoint_id, model_version) DO NOTHING
RETURNING id, contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at;

-- name: TouchpointScores :many
-- The stored runs of touchpoints, each with its model version
-- (@touchpoint_ids and @model_versions zipped).
SELECT s.id, s.contact_id, s.touchpoint_id, s.total, s.band, s.model_version, s.breakdown, s.computed_at
FROM scores s
JOIN (SELECT unnest(@touchpoint_ids::bigint[]) AS touchpoint_id, unnest(@model_versions::text[]) AS model_version) w
    ON s.touchpoint_id = w.touchpoint_id AND s.model_version = w.model_version;

-- name: TouchpointScore :one
-- Reads the stored run of a touchpoint and model version.
SELECT id, contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at
FROM scores WHERE touchpoint_id = @touchpoint_id::bigint AND model_version = @model_version;

-- name: LatestScore :one
-- Reads the newest score of a touchpoint, whatever its model version.
SELECT id, contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at
FROM scores WHERE touchpoint_id = @touchpoint_id::bigint
ORDER BY computed_at DESC, id DESC LIMIT 1;

-- name: ContactScores :many
-- Lists a contact's scoring history, newest first; a rescoring run has no
-- touchpoint (0).
SELECT id, contact_id, COALESCE(touchpoint_id, 0)::bigint AS touchpoint_id, total, band, model_version, breakdown, computed_at
FROM scores WHERE contact_id = @contact_id
ORDER BY computed_at DESC, id DESC LIMIT @max_runs;

-- name: ContactActivity :many
-- Lists a contact's engagement since a time: email opens, clicks and
-- replies (test events excluded), every touchpoint as a form fill, and page
-- visits reported in touchpoint attributes ("page_views" or "visits").
SELECT e.kind::text AS kind, e.occurred_at, 1::int AS count FROM engagement_events e
WHERE e.contact_id = @contact_id::bigint AND e.occurred_at >= @since AND NOT e.is_test AND e.kind IN ('opened', 'clicked', 'replied')
UNION ALL
SELECT 'form_fill', f.occurred_at, 1 FROM touchpoints f WHERE f.contact_id = @contact_id AND f.occurred_at >= @since
UNION ALL
SELECT 'page_visit', v.occurred_at, COALESCE(v.attributes->>'page_views', v.attributes->>'visits')::text::numeric::int
FROM touchpoints v
WHERE v.contact_id = @contact_id AND v.occurred_at >= @since
  AND COALESCE(v.attributes->>'page_views', v.attributes->>'visits') ~ '^[0-9]{1,6}(\.[0-9]+)?$'
ORDER BY 2;

-- name: ContactTexts :many
-- Lists the free text a contact wrote, newest first: touchpoint messages
-- and email replies (is_reply), each with when it was written.
SELECT t.message AS text, t.occurred_at, false AS is_reply FROM touchpoints t WHERE t.contact_id = @contact_id AND t.message <> ''
UNION ALL
SELECT e.text, e.occurred_at, true FROM engagement_events e WHERE e.contact_id = @contact_id AND e.kind = 'replied' AND e.text <> ''
ORDER BY 2 DESC LIMIT @max_texts;

-- name: RecentTouchpoints :many
-- Lists the ids of a contact's newest touchpoints, newest first: the
-- forms whose answers and titles make up what the contact said.
SELECT id FROM touchpoints WHERE contact_id = @contact_id ORDER BY occurred_at DESC, id DESC LIMIT @max_touchpoints;

-- name: LatestTouchpoint :one
-- Reads the id of a contact's most recent touchpoint.
SELECT id FROM touchpoints WHERE contact_id = @contact_id ORDER BY occurred_at DESC, id DESC LIMIT 1;

-- name: InsertRunScore :one
-- Stores a rescoring run (not tied to a touchpoint) keyed by (contact,
-- run key); nothing (no rows) when that run is stored already.
INSERT INTO scores (contact_id, touchpoint_id, total, band, model_version, breakdown, computed_at, run_key)
VALUES (@contact_id, NULL, @total, @band, @model_version, @breakdown, @computed_at, @run_key::text)
ON CONFLICT (contact_id, run_key) WHERE run_key IS NOT NULL DO NOTHING
RETURNING id;

-- name: RunScore :one
-- Reads the stored rescoring run of a contact and run key.
SELECT id, total, band, model_version, breakdown, computed_at FROM scores
WHERE contact_id = @contact_id AND run_key = @run_key::text;

-- name: LastBandChange :one
-- Reads the band crossing recorded for this score if any, else the
-- contact's latest one.
SELECT score_id, to_band FROM score_band_changes WHERE contact_id = @contact_id OR score_id = @score_id
ORDER BY (score_id = @score_id) DESC, id DESC LIMIT 1;

-- name: InsertBandChange :exec
-- Records that a score moved a contact from one band to another.
INSERT INTO score_band_changes (contact_id, score_id, from_band, to_band, changed_at)
VALUES (@contact_id, @score_id, @from_band, @to_band, @changed_at);

-- name: ContactsToRescore :many
-- One keyset page of the decay sweep's work list: the candidates after a
-- contact id, ascending, with when each was last active (the sweep keeps
-- those inside its window and forgets the rest). An index scan of the
-- primary key reading @max_rows entries, whatever the table's size.
SELECT contact_id, active_at FROM rescore_candidates
WHERE contact_id > @after_contact_id::bigint
ORDER BY contact_id
LIMIT @max_rows;

-- name: ForgetRescoreCandidates :exec
-- Deletes the given candidates whose activity is older than the sweep's
-- window; one that became active again since it was read stays.
DELETE FROM rescore_candidates WHERE contact_id = ANY(@contact_ids::bigint[]) AND active_at < @since;

-- name: UpsertTrainingExample :batchexec
-- Stores one imported example; re-importing its (dataset, external id)
-- replaces features and label.
INSERT INTO training_examples (dataset, external_id, features, label) VALUES (@dataset, @external_id, @features, @label)
ON CONFLICT (dataset, external_id) DO UPDATE SET features = EXCLUDED.features, label = EXCLUDED.label, imported_at = now();

-- name: TrainingExamples :many
-- Lists the examples of one dataset, or of every dataset when dataset is ''.
SELECT external_id, features, label FROM training_examples
WHERE @dataset::text = '' OR dataset = @dataset::text
ORDER BY dataset, id;

-- name: DeactivateModels :exec
-- Deactivates the active learned model, before another is activated.
UPDATE scoring_models SET active = false WHERE kind = 'learned' AND active;

-- name: InsertModel :exec
-- Stores a learned model version.
INSERT INTO scoring_models (version, kind, model, metrics, trained_at, active, note)
VALUES (@version, 'learned', @model, @metrics, @trained_at, @active, @note);

-- name: ActiveModel :one
-- Reads the active learned model.
SELECT version, model, metrics, trained_at, active, note FROM scoring_models
WHERE kind = 'learned' AND active;

-- name: ClosedDeals :many
-- Lists won and lost deals that came from a touchpoint, by id; the leads
-- their touchpoints recorded are read with identitydb's TouchpointLeads.
SELECT d.touchpoint_id::bigint AS touchpoint_id, (st.kind = 'won')::boolean AS won
FROM deals d JOIN stages st ON st.id = d.stage_id
WHERE d.closed_at IS NOT NULL AND st.kind IN ('won', 'lost') AND d.touchpoint_id IS NOT NULL
ORDER BY d.id;

-- name: RecentLeads :many
-- Lists each contact with a touchpoint since a time: its latest
-- touchpoint's facts, its latest score, and the first deal it got since.
SELECT c.id AS contact_id, t.occurred_at, sc.band, sc.total, t.source, t.channel, c.country, t.utm_campaign,
	t.attributes,
	COALESCE(r.email, '')::text AS actual_rep, COALESCE(d.team, '')::text AS actual_team
FROM contacts c
JOIN LATERAL (SELECT tp.occurred_at, tp.source, tp.channel, tp.utm_campaign, tp.attributes FROM touchpoints tp
	WHERE tp.contact_id = c.id AND tp.occurred_at >= @since
	ORDER BY tp.occurred_at DESC, tp.id DESC LIMIT 1) t ON true
JOIN LATERAL (SELECT s.band, s.total FROM scores s WHERE s.contact_id = c.id ORDER BY s.computed_at DESC, s.id DESC LIMIT 1) sc ON true
LEFT JOIN LATERAL (SELECT dl.owner_rep_id, dl.team FROM deals dl WHERE dl.contact_id = c.id AND dl.created_at >= @since
	ORDER BY dl.created_at LIMIT 1) d ON true
LEFT JOIN reps r ON r.id = d.owner_rep_id
ORDER BY t.occurred_at, c.id;

-- Set-based reads of the lead path (issue 19): what scoring reads of each
-- known contact, for all contacts of a lead:ingest chunk in one statement
-- each, with the same rows as the one-contact queries above.

-- name: LatestScoresOf :many
-- The newest score of each of a group of contacts that has one
-- (ContactScores' order).
SELECT DISTINCT ON (contact_id) id, contact_id, COALESCE(touchpoint_id, 0)::bigint AS touchpoint_id, total, band, model_version, breakdown, computed_at
FROM scores WHERE contact_id = ANY(@contact_ids::bigint[])
ORDER BY contact_id, computed_at DESC, id DESC;

-- name: ActivityOf :many
-- ContactActivity for a group of contacts, ordered by contact then time.
SELECT e.contact_id::bigint AS contact_id, e.kind::text AS kind, e.occurred_at, 1::int AS count FROM engagement_events e
WHERE e.contact_id = ANY(@contact_ids::bigint[]) AND e.occurred_at >= @since AND NOT e.is_test AND e.kind IN ('opened', 'clicked', 'replied')
UNION ALL
SELECT f.contact_id, 'form_fill', f.occurred_at, 1 FROM touchpoints f WHERE f.contact_id = ANY(@contact_ids::bigint[]) AND f.occurred_at >= @since
UNION ALL
SELECT v.contact_id, 'page_visit', v.occurred_at, COALESCE(v.attributes->>'page_views', v.attributes->>'visits')::text::numeric::int
FROM touchpoints v
WHERE v.contact_id = ANY(@contact_ids::bigint[]) AND v.occurred_at >= @since
  AND COALESCE(v.attributes->>'page_views', v.attributes->>'visits') ~ '^[0-9]{1,6}(\.[0-9]+)?$'
ORDER BY 1, 3;

-- name: TextsOf :many
-- ContactTexts for a group of contacts: each one's newest @max_texts,
-- ordered by contact, newest first.
SELECT c.id AS contact_id, x.text, x.occurred_at, x.is_reply
FROM contacts c
CROSS JOIN LATERAL (
    SELECT t.message AS text, t.occurred_at, false AS is_reply FROM touchpoints t WHERE t.contact_id = c.id AND t.message <> ''
    UNION ALL
    SELECT e.text, e.occurred_at, true FROM engagement_events e WHERE e.contact_id = c.id AND e.kind = 'replied' AND e.text <> ''
    ORDER BY 2 DESC LIMIT @max_texts) x
WHERE c.id = ANY(@contact_ids::bigint[])
ORDER BY c.id, x.occurred_at DESC;

-- name: RecentTouchpointsOf :many
-- RecentTouchpoints for a group of contacts: each one's newest
-- @max_touchpoints ids, ordered by contact, newest first.
SELECT c.id AS contact_id, x.id
FROM contacts c
CROSS JOIN LATERAL (SELECT t.id, t.occurred_at FROM touchpoints t WHERE t.contact_id = c.id
    ORDER BY t.occurred_at DESC, t.id DESC LIMIT @max_touchpoints) x
WHERE c.id = ANY(@contact_ids::bigint[])
ORDER BY c.id, x.occurred_at DESC, x.id DESC;
