-- +goose Up
-- campaign_map ties a platform's campaign (its id, or its name when the
-- spend source has no ids) to the utm_campaign its leads carry, for the
-- campaigns whose names differ between the ad platform and the landing
-- page links. Spend is joined to leads by campaign id first, then through
-- this table, then by a case-insensitive name match (docs/spend.md).
CREATE TABLE campaign_map (
    platform text NOT NULL CHECK (platform ~ '^[a-z0-9][a-z0-9_.-]{0,39}$'),
    -- campaign_key is the platform's campaign id or campaign name.
    campaign_key text NOT NULL CHECK (campaign_key <> ''),
    utm_campaign text NOT NULL CHECK (utm_campaign <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (platform, campaign_key)
);

-- currency_rates holds exchange rates the user supplies: one unit of
-- currency is worth rate units of quote on day. leadflow fetches no rates;
-- without a row for a pair and day, reports keep amounts per currency
-- rather than mix them.
CREATE TABLE currency_rates (
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    quote text NOT NULL CHECK (quote ~ '^[A-Z]{3}$' AND quote <> currency),
    day date NOT NULL,
    rate numeric(24, 12) NOT NULL CHECK (rate > 0),
    PRIMARY KEY (currency, quote, day)
);

-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadflow_grafana') THEN
        GRANT SELECT ON campaign_map, currency_rates TO leadflow_grafana;
    END IF;
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP TABLE currency_rates;
DROP TABLE campaign_map;
