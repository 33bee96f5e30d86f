SELECT COALESCE(max(id), 0)::bigint FROM nurture_enrollments;
