-- One chunk's parameters: contact indexes [$1, $2], the seed's clock $3 and
-- the id bases of the tables whose ids the chunk computes (the highest id
-- before seeding, so seeded rows follow whatever the run already wrote),
-- replacing the previous chunk's.
WITH earlier AS (DELETE FROM seed_p)
INSERT INTO seed_p (lo, hi, now, cb, eb, tb, db, nb, reps, rep_emails, open_stages, won_stage, lost_stage)
SELECT $1::bigint, $2::bigint, $3::timestamptz, $4::bigint, $5::bigint, $6::bigint, $7::bigint, $8::bigint,
       (SELECT array_agg(id ORDER BY id) FROM reps WHERE active AND role = 'rep'),
       (SELECT array_agg(email ORDER BY id) FROM reps WHERE active AND role = 'rep'),
       (SELECT array_agg(s.id ORDER BY s.position) FROM stages s JOIN pipelines p ON p.id = s.pipeline_id WHERE p.is_default AND s.kind = 'open'),
       (SELECT min(s.id) FROM stages s JOIN pipelines p ON p.id = s.pipeline_id WHERE p.is_default AND s.kind = 'won'),
       (SELECT min(s.id) FROM stages s JOIN pipelines p ON p.id = s.pipeline_id WHERE p.is_default AND s.kind = 'lost');
