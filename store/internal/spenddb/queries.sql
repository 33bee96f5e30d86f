-- name: UpsertSpend :many
-- UpsertSpend writes one batch of daily campaign figures, keyed on
-- (platform, account, campaign_id, day). A row whose figures are unchanged
-- is left alone (fetched_at too) and returned by nobody; each written row
-- returns inserted = true when it is new. The batch must not repeat a key.
INSERT INTO ad_spend AS s (platform, account, campaign_id, day, campaign_name, currency,
                           spend_micros, clicks, impressions, source, fetched_at)
SELECT unnest(@platforms::text[]), unnest(@accounts::text[]), unnest(@campaign_ids::text[]),
       unnest(@days::date[]), unnest(@campaign_names::text[]), unnest(@currencies::text[]),
       unnest(@spend_micros::bigint[]), unnest(@clicks::bigint[]), unnest(@impressions::bigint[]),
       @source::text, @fetched_at::timestamptz
ON CONFLICT (platform, account, campaign_id, day) DO UPDATE
SET campaign_name = EXCLUDED.campaign_name, currency = EXCLUDED.currency,
    spend_micros = EXCLUDED.spend_micros, clicks = EXCLUDED.clicks,
    impressions = EXCLUDED.impressions, source = EXCLUDED.source, fetched_at = EXCLUDED.fetched_at
WHERE (s.campaign_name, s.currency, s.spend_micros, s.clicks, s.impressions)
      IS DISTINCT FROM (EXCLUDED.campaign_name, EXCLUDED.currency, EXCLUDED.spend_micros, EXCLUDED.clicks, EXCLUDED.impressions)
RETURNING (xmax = 0)::boolean AS inserted;

-- name: SpendSyncedThrough :one
-- SpendSyncedThrough is the last day an account's sync completed.
SELECT synced_through FROM spend_sync_state WHERE platform = $1 AND account = $2;

-- name: SetSpendSyncedThrough :exec
INSERT INTO spend_sync_state (platform, account, synced_through, last_success_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (platform, account) DO UPDATE
SET synced_through = EXCLUDED.synced_through, last_success_at = EXCLUDED.last_success_at;

-- name: SpendByCampaign :many
-- SpendByCampaign sums spend per platform, campaign and currency over the
-- days in [from_day, to_day); the campaign name is the latest day's.
SELECT platform, campaign_id,
       (array_agg(campaign_name ORDER BY day DESC))[1]::text AS campaign_name,
       currency,
       count(DISTINCT account)::bigint AS accounts,
       min(day)::date AS first_day, max(day)::date AS last_day,
       sum(spend_micros)::bigint AS spend_micros,
       sum(clicks)::bigint AS clicks, sum(impressions)::bigint AS impressions
FROM ad_spend
WHERE day >= @from_day::date AND day < @to_day::date
GROUP BY platform, campaign_id, currency
ORDER BY currency, sum(spend_micros) DESC, platform, campaign_id;

-- name: UpsertCampaignMap :exec
INSERT INTO campaign_map (platform, campaign_key, utm_campaign)
VALUES ($1, $2, $3)
ON CONFLICT (platform, campaign_key) DO UPDATE SET utm_campaign = EXCLUDED.utm_campaign;

-- name: UpsertCurrencyRate :exec
INSERT INTO currency_rates (currency, quote, day, rate)
VALUES ($1, $2, $3, $4)
ON CONFLICT (currency, quote, day) DO UPDATE SET rate = EXCLUDED.rate;

-- name: UpsertGoogleAdsClicks :execrows
-- UpsertGoogleAdsClicks writes Google Ads clicks (gclid → campaign,
-- migrations/00041) keyed on the gclid; a click stored with the same
-- account, campaign and day is left alone, so a re-sync writes nothing.
-- The batch must not repeat a gclid.
INSERT INTO google_ads_clicks AS k (gclid, account, campaign_id, day, fetched_at)
SELECT unnest(@gclids::text[]), unnest(@accounts::text[]), unnest(@campaign_ids::text[]),
       unnest(@days::date[]), @fetched_at::timestamptz
ON CONFLICT (gclid) DO UPDATE
SET account = EXCLUDED.account, campaign_id = EXCLUDED.campaign_id, day = EXCLUDED.day, fetched_at = EXCLUDED.fetched_at
WHERE (k.account, k.campaign_id, k.day) IS DISTINCT FROM (EXCLUDED.account, EXCLUDED.campaign_id, EXCLUDED.day);
