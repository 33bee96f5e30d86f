-- +goose Up
-- leadflow_grafana is the read-only role meant for Grafana's PostgreSQL
-- datasource (deploy/grafana/provisioning/datasources/postgres.yml): the
-- "Campaign to close" dashboard runs SQL typed into Grafana, so the account
-- behind it should read only what the panels need and write nothing.
--
-- It is created NOLOGIN on purpose: a password does not belong in a
-- migration. To use it, an administrator runs once
--   ALTER ROLE leadflow_grafana LOGIN PASSWORD '...';
-- and sets GRAFANA_DB_USER=leadflow_grafana and GRAFANA_DB_PASSWORD in .env
-- (see docker-compose.yml). Until then the compose datasource uses the
-- leadflow app user.
--
-- Roles are cluster-wide and the migrating user may lack CREATEROLE (a
-- managed database): the role is then left for an administrator to create,
-- with a notice, rather than failing the deployment (the administrator then
-- creates it and runs the GRANTs below by hand). Only the columns the panels
-- read are granted where a table holds personal data (reps.email,
-- touchpoints.message, inbound_events.payload).
-- +goose StatementBegin
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadflow_grafana') THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
            RAISE NOTICE 'leadflow_grafana not created: % may not create roles', current_user;
            RETURN;
        END IF;
        BEGIN
            CREATE ROLE leadflow_grafana NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- another database of this cluster created it meanwhile
        END;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO leadflow_grafana', current_schema());
    GRANT SELECT ON lead_funnel, pipelines, stages, deals, deal_stage_history, routing_decisions TO leadflow_grafana;
    GRANT SELECT (id, name) ON reps TO leadflow_grafana;
    GRANT SELECT (id, contact_id, inbound_event_id, source, channel, utm_source, utm_medium, utm_campaign, is_test, occurred_at)
        ON touchpoints TO leadflow_grafana;
    GRANT SELECT (id, connector) ON inbound_events TO leadflow_grafana;
END
$$;
-- +goose StatementEnd

-- +goose Down
-- The role itself stays: it is cluster-wide and other databases of the
-- cluster may still grant it something, which would make DROP ROLE fail.
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadflow_grafana') THEN
        REVOKE SELECT ON lead_funnel, pipelines, stages, deals, deal_stage_history, routing_decisions FROM leadflow_grafana;
        REVOKE SELECT (id, name) ON reps FROM leadflow_grafana;
        REVOKE SELECT (id, contact_id, inbound_event_id, source, channel, utm_source, utm_medium, utm_campaign, is_test, occurred_at)
            ON touchpoints FROM leadflow_grafana;
        REVOKE SELECT (id, connector) ON inbound_events FROM leadflow_grafana;
        EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM leadflow_grafana', current_schema());
    END IF;
END
$$;
-- +goose StatementEnd
