-- +goose Up
-- rot_after is how long a deal may sit in an open stage before the stall
-- sweep parks it on the Future callback list; NULL never stalls. Stages are
-- synced from the configuration at start-up; these are the defaults.
ALTER TABLE stages ADD COLUMN rot_after interval;
UPDATE stages SET rot_after = v.rot_after::interval
FROM (VALUES ('Qualification', '7 days'), ('Initial contact', '10 days'),
             ('Value proposition', '14 days'), ('Negotiation', '21 days')) AS v (name, rot_after)
WHERE stages.name = v.name AND stages.pipeline_id = (SELECT id FROM pipelines WHERE name = 'Sales');

-- +goose Down
ALTER TABLE stages DROP COLUMN rot_after;
