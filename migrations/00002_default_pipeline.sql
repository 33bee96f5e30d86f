-- +goose Up
-- The default sales pipeline: five open stages, then Won and Lost.
INSERT INTO pipelines (name, is_default) VALUES ('Sales', true);
INSERT INTO stages (pipeline_id, name, position, win_probability, kind)
SELECT p.id, s.name, s.position, s.win_probability, s.kind
FROM pipelines p,
     (VALUES ('Prospecting',       1, 0.10, 'open'),
             ('Qualification',     2, 0.20, 'open'),
             ('Initial contact',   3, 0.40, 'open'),
             ('Value proposition', 4, 0.60, 'open'),
             ('Negotiation',       5, 0.80, 'open'),
             ('Won',               6, 1.00, 'won'),
             ('Lost',              7, 0.00, 'lost')) AS s (name, position, win_probability, kind)
WHERE p.name = 'Sales';

-- +goose Down
DELETE FROM pipelines WHERE name = 'Sales';
