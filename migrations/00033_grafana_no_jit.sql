-- +goose Up
-- The campaigns dashboard's SQL panels are reports: PostgreSQL's JIT
-- compiles their many expressions for longer than they take to run (0.3 to
-- 0.8 s for a one-month funnel and 6 to 8 s for all time at 200k contacts,
-- docs/performance.md), so the Grafana role's sessions run without it, as
-- the store runs `leadflow report` (store/reporting.go).
-- +goose StatementBegin
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadflow_grafana') THEN
        RAISE NOTICE 'leadflow_grafana does not exist: ALTER ROLE leadflow_grafana SET jit = off by hand';
    ELSIF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
        RAISE NOTICE 'leadflow_grafana keeps JIT: % may not alter roles; ALTER ROLE leadflow_grafana SET jit = off by hand', current_user;
    ELSE
        ALTER ROLE leadflow_grafana SET jit = off;
    END IF;
END
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadflow_grafana')
       AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
        ALTER ROLE leadflow_grafana RESET jit;
    END IF;
END
$$;
-- +goose StatementEnd
