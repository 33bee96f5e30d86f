-- +goose Up
-- ad_spend is what a campaign cost per day, from an ad platform's reporting
-- API (spend:sync) or a CSV file (leadflow import --spend); see
-- docs/spend.md. One row per (platform, account, campaign, day): a re-sync
-- or a re-import of the same day replaces its figures, so late corrections
-- from the platforms land and nothing is counted twice.
--
-- Money is exact: spend_micros is the amount in millionths of the currency
-- unit (Google's cost_micros as is; Meta's "12.34" is 12340000), and the
-- currency is the ISO 4217 code the platform reports the account in. Rows of
-- different currencies are never summed together by leadflow: reports group
-- by currency or convert through currency_rates (00035).
CREATE TABLE ad_spend (
    -- platform names the source: the connector names for the four ad
    -- platforms (google-ads, meta, linkedin, tiktok) so spend joins the
    -- touchpoints those connectors wrote; any lowercase name for imports.
    platform text NOT NULL CHECK (platform ~ '^[a-z0-9][a-z0-9_.-]{0,39}$'),
    account text NOT NULL CHECK (account <> '' AND length(account) <= 200),
    campaign_id text NOT NULL CHECK (campaign_id <> '' AND length(campaign_id) <= 200),
    day date NOT NULL,
    campaign_name text NOT NULL DEFAULT '' CHECK (length(campaign_name) <= 1000),
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    spend_micros bigint NOT NULL CHECK (spend_micros >= 0),
    clicks bigint NOT NULL DEFAULT 0 CHECK (clicks >= 0),
    impressions bigint NOT NULL DEFAULT 0 CHECK (impressions >= 0),
    -- source says where the figures came from: "sync" or "import".
    source text NOT NULL CHECK (source IN ('sync', 'import')),
    -- fetched_at is when these figures were last written (changed); an
    -- upsert that changes nothing leaves the row, and this, alone.
    fetched_at timestamptz NOT NULL,
    PRIMARY KEY (platform, account, campaign_id, day)
);

-- Reports read a range of days across every account.
CREATE INDEX ad_spend_day_idx ON ad_spend (day);

-- spend_sync_state remembers, per connected ad account, how far spend:sync
-- has read, so the first run backfills and later ones re-read only the
-- rolling window of days a platform may still correct.
CREATE TABLE spend_sync_state (
    platform text NOT NULL,
    account text NOT NULL,
    -- synced_through is the last day of the last successful sync.
    synced_through date NOT NULL,
    last_success_at timestamptz NOT NULL,
    PRIMARY KEY (platform, account)
);

-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadflow_grafana') THEN
        GRANT SELECT ON ad_spend TO leadflow_grafana;
    END IF;
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP TABLE spend_sync_state;
DROP TABLE ad_spend;
