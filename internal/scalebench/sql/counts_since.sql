-- Nurture enrollments with an id above $1: those a phase created.
SELECT count(*) FROM nurture_enrollments WHERE id > $1;
