-- +goose Up
-- The campaigns dashboard's pareto panel ranks leads by their score at
-- arrival (the contact's first scores row, as `leadflow report pareto`
-- reads it), so leadflow_grafana reads the columns that pick and rank that
-- row; not breakdown, band or model_version. Like 00011, a database whose
-- migrating user could not create the role is left to its administrator.
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadflow_grafana') THEN
        GRANT SELECT (id, contact_id, total, computed_at) ON scores TO leadflow_grafana;
    ELSE
        RAISE NOTICE 'leadflow_grafana does not exist: grant it SELECT (id, contact_id, total, computed_at) ON scores by hand';
    END IF;
END
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadflow_grafana') THEN
        REVOKE SELECT (id, contact_id, total, computed_at) ON scores FROM leadflow_grafana;
    END IF;
END
$$;
-- +goose StatementEnd
