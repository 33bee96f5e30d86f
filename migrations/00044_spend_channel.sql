-- +goose Up
-- Issue 20: the roas report groups spend by channel and source, and the campaigns dashboard does
-- the same in SQL. spend_channel and spend_source are the one home of where an ad platform's spend
-- goes then: the channel and source the platform's lead connector writes on its touchpoints
-- (package connectors), so a lead form's leads meet the spend of the platform that served the
-- form. Meta's spend goes to "meta-lead-ads" (its Instagram leads say "instagram-lead-ads"). Any
-- other platform (a spend file's "bing") is its own source on channel "other". The store reads
-- them with the spend (CampaignSpend), the panels call them; IMMUTABLE and inlinable, as
-- deal_expected_cents (00037).
-- +goose StatementBegin
CREATE FUNCTION spend_channel(platform text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE platform WHEN 'google-ads' THEN 'ads' WHEN 'meta' THEN 'social' WHEN 'linkedin' THEN 'social'
                           WHEN 'tiktok' THEN 'social' ELSE 'other' END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION spend_source(platform text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE platform WHEN 'meta' THEN 'meta-lead-ads' WHEN 'linkedin' THEN 'linkedin-lead-gen'
                           WHEN 'tiktok' THEN 'tiktok-lead-gen' ELSE platform END $$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION spend_source(text);
DROP FUNCTION spend_channel(text);
