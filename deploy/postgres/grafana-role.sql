-- Run by the grafana-db-role service of docker-compose.yml (psql, as the
-- app user, after `leadflow migrate up`): gives the read-only
-- leadflow_grafana role of migrations/00011_grafana_role.sql a login, with
-- the password in the GRAFANA_DB_PASSWORD environment variable, for
-- Grafana's PostgreSQL datasource (deploy/grafana/provisioning/datasources/
-- postgres.yml). The password is read from the environment, never written
-- in a file, and psql quotes it (:'...'), so any character is safe.
-- Idempotent: it runs on every `docker compose up`.
\set ON_ERROR_STOP on
\getenv grafana_db_password GRAFANA_DB_PASSWORD
SELECT coalesce(:'grafana_db_password', '') = '' AS grafana_db_password_missing \gset
\if :grafana_db_password_missing
DO $$ BEGIN RAISE EXCEPTION 'GRAFANA_DB_PASSWORD is empty: set it in .env'; END $$;
\endif
ALTER ROLE leadflow_grafana LOGIN PASSWORD :'grafana_db_password';
-- Belt and braces: the role holds SELECT grants only, and every session it
-- opens is read-only too.
ALTER ROLE leadflow_grafana SET default_transaction_read_only = on;
