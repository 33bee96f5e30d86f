package config

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"leadflow/spend"
)

// Environment variables of ad spend syncing (docs/spend.md).
const (
	EnvSpendAccounts     = "LEADFLOW_SPEND_ACCOUNTS"
	EnvSpendSyncEvery    = "LEADFLOW_SPEND_SYNC_EVERY"
	EnvSpendBackfillDays = "LEADFLOW_SPEND_BACKFILL_DAYS"
	EnvSpendResyncDays   = "LEADFLOW_SPEND_RESYNC_DAYS"

	EnvGoogleAdsDeveloperToken  = "LEADFLOW_GOOGLE_ADS_DEVELOPER_TOKEN"
	EnvGoogleAdsClientID        = "LEADFLOW_GOOGLE_ADS_CLIENT_ID"
	EnvGoogleAdsClientSecret    = "LEADFLOW_GOOGLE_ADS_CLIENT_SECRET"
	EnvGoogleAdsRefreshToken    = "LEADFLOW_GOOGLE_ADS_REFRESH_TOKEN"
	EnvGoogleAdsLoginCustomerID = "LEADFLOW_GOOGLE_ADS_LOGIN_CUSTOMER_ID"
	EnvGoogleAdsAPIURL          = "LEADFLOW_GOOGLE_ADS_API_URL"
	EnvMetaAdsAccessToken       = "LEADFLOW_META_ADS_ACCESS_TOKEN"
	EnvLinkedInAdsAccessToken   = "LEADFLOW_LINKEDIN_ADS_ACCESS_TOKEN"
	EnvLinkedInVersion          = "LEADFLOW_LINKEDIN_VERSION"
	EnvTikTokAccessToken        = "LEADFLOW_TIKTOK_ACCESS_TOKEN"
	EnvTikTokAPIURL             = "LEADFLOW_TIKTOK_API_URL"
)

// spendEnvVars documents the spend settings; EnvVars lists them after
// the connectors'.
func spendEnvVars() []EnvVar {
	return []EnvVar{
		{EnvSpendAccounts, "", "ad accounts whose daily campaign spend spend:sync reads, comma-separated platform:account pairs, e.g. google-ads:123-456-7890,meta:act_123,linkedin:507000000,tiktok:7000000000000000001 (platforms: " + strings.Join(spend.Platforms, ", ") + "); each platform needs its credentials below; unset syncs nothing"},
		{EnvSpendSyncEvery, "6h", "how often the scheduler enqueues spend:sync for every account (at least 15m; 0 = never)"},
		{EnvSpendBackfillDays, "90", "days of spend, today included, the first sync of an account reads (1 to 1100)"},
		{EnvSpendResyncDays, "7", "days, today included, every later sync reads again for the platforms' late corrections (1 to 90)"},
		{EnvGoogleAdsDeveloperToken, "", "Google Ads API developer token, for google-ads spend accounts"},
		{EnvGoogleAdsClientID, "", "OAuth client id of the Google Ads API app"},
		{EnvGoogleAdsClientSecret, "", "OAuth client secret of the Google Ads API app"},
		{EnvGoogleAdsRefreshToken, "", "OAuth refresh token of a user who can read the accounts (scope https://www.googleapis.com/auth/adwords)"},
		{EnvGoogleAdsLoginCustomerID, "", "manager account (123-456-7890) the Google Ads accounts are reached through; unset for direct access"},
		{EnvGoogleAdsAPIURL, spend.DefaultGoogleAdsAPIURL, "Google Ads API base URL, with its version"},
		{EnvMetaAdsAccessToken, "", "Meta access token with ads_read on the meta spend accounts (a system user's token); calls are signed with " + EnvMetaAppSecret + " when it is set; the Graph URL is " + EnvMetaGraphURL},
		{EnvLinkedInAdsAccessToken, "", "LinkedIn access token with r_ads_reporting and r_ads on the linkedin spend accounts (LinkedIn's tokens live 60 days); the API base is " + EnvLinkedInAPIURL},
		{EnvLinkedInVersion, spend.DefaultLinkedInVersion, "LinkedIn-Version (YYYYMM) of the ad analytics calls; LinkedIn retires a version after about a year"},
		{EnvTikTokAccessToken, "", "TikTok API for Business access token authorized by the tiktok spend advertisers (reporting permission)"},
		{EnvTikTokAPIURL, spend.DefaultTikTokAPIURL, "TikTok API for Business base URL"},
	}
}

// SpendAccount is one ad account spend:sync reads.
type SpendAccount struct {
	// Platform is one of spend.Platforms; Account its account id as the
	// platform writes it.
	Platform, Account string
}

// SpendSettings are the spend sync's settings from the environment. Never
// log the secrets.
type SpendSettings struct {
	// Accounts are the connected ad accounts (LEADFLOW_SPEND_ACCOUNTS).
	Accounts []SpendAccount
	// SyncEvery is the spend:sync interval, default 6h; 0 = off.
	SyncEvery time.Duration
	// BackfillDays (default 90) and ResyncDays (default 7) shape the
	// window each sync reads (spend.Syncer.Window).
	BackfillDays, ResyncDays int
	GoogleAds                GoogleAdsSpendSecrets
	// MetaAccessToken reads Meta insights (LEADFLOW_META_ADS_ACCESS_TOKEN).
	MetaAccessToken string
	// LinkedInAccessToken and LinkedInVersion read LinkedIn ad analytics.
	LinkedInAccessToken, LinkedInVersion string
	// TikTokAccessToken and TikTokAPIURL read TikTok reports.
	TikTokAccessToken, TikTokAPIURL string
}

// GoogleAdsSpendSecrets are the Google Ads API credentials.
type GoogleAdsSpendSecrets struct {
	DeveloperToken, ClientID, ClientSecret, RefreshToken string
	LoginCustomerID, APIURL                              string
}

// loadSpend reads the spend settings; bad reports each problem by
// variable.
func loadSpend(get func(string) string, bad func(field, format string, args ...any)) SpendSettings {
	s := SpendSettings{
		GoogleAds: GoogleAdsSpendSecrets{DeveloperToken: get(EnvGoogleAdsDeveloperToken), ClientID: get(EnvGoogleAdsClientID),
			ClientSecret: get(EnvGoogleAdsClientSecret), RefreshToken: get(EnvGoogleAdsRefreshToken),
			LoginCustomerID: get(EnvGoogleAdsLoginCustomerID), APIURL: get(EnvGoogleAdsAPIURL)},
		MetaAccessToken:     get(EnvMetaAdsAccessToken),
		LinkedInAccessToken: get(EnvLinkedInAdsAccessToken),
		LinkedInVersion:     get(EnvLinkedInVersion),
		TikTokAccessToken:   get(EnvTikTokAccessToken),
		TikTokAPIURL:        get(EnvTikTokAPIURL),
	}
	if d, err := time.ParseDuration(get(EnvSpendSyncEvery)); err != nil || d < 0 || (d > 0 && d < 15*time.Minute) {
		bad(EnvSpendSyncEvery, "expected 0 (off) or a duration of at least 15m such as 6h, got %q", get(EnvSpendSyncEvery))
	} else {
		s.SyncEvery = d
	}
	if n, err := strconv.Atoi(get(EnvSpendBackfillDays)); err != nil || n < 1 || n > 1100 {
		bad(EnvSpendBackfillDays, "expected a whole number of days from 1 to 1100, got %q", get(EnvSpendBackfillDays))
	} else {
		s.BackfillDays = n
	}
	if n, err := strconv.Atoi(get(EnvSpendResyncDays)); err != nil || n < 1 || n > 90 {
		bad(EnvSpendResyncDays, "expected a whole number of days from 1 to 90, got %q", get(EnvSpendResyncDays))
	} else {
		s.ResyncDays = n
	}
	for _, n := range []string{EnvGoogleAdsAPIURL, EnvTikTokAPIURL} {
		if u, err := url.Parse(get(n)); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad(n, "expected an http(s) URL, got %q", redactURL(get(n)))
		}
	}
	if v := s.LinkedInVersion; len(v) != 6 || strings.Trim(v, "0123456789") != "" {
		bad(EnvLinkedInVersion, "expected a version as YYYYMM such as %s, got %q", spend.DefaultLinkedInVersion, v)
	}
	// Credentials each platform needs before any of its accounts syncs.
	needs := map[string][]string{
		spend.GoogleAds: {EnvGoogleAdsDeveloperToken, EnvGoogleAdsClientID, EnvGoogleAdsClientSecret, EnvGoogleAdsRefreshToken},
		spend.Meta:      {EnvMetaAdsAccessToken},
		spend.LinkedIn:  {EnvLinkedInAdsAccessToken},
		spend.TikTok:    {EnvTikTokAccessToken},
	}
	seen := map[SpendAccount]bool{}
	for _, item := range strings.Split(get(EnvSpendAccounts), ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		platform, account, ok := strings.Cut(item, ":")
		platform, account = strings.TrimSpace(platform), strings.TrimSpace(account)
		if !ok || account == "" {
			bad(EnvSpendAccounts, "expected platform:account, got %q", item)
			continue
		}
		if _, supported := needs[platform]; !supported {
			bad(EnvSpendAccounts, "%q: unknown platform %q (one of: %s)", item, platform, strings.Join(spend.Platforms, ", "))
			continue
		}
		a := SpendAccount{Platform: platform, Account: account}
		if !seen[a] {
			seen[a] = true
			s.Accounts = append(s.Accounts, a)
		}
	}
	for platform, names := range needs {
		if !slices.ContainsFunc(s.Accounts, func(a SpendAccount) bool { return a.Platform == platform }) {
			continue
		}
		for _, n := range names {
			if get(n) == "" {
				bad(n, "is required for the %s accounts of %s", platform, EnvSpendAccounts)
			}
		}
	}
	return s
}

// SpendSources builds the clients of the platforms that have spend
// accounts, explicitly (no init() registration).
func (cfg Config) SpendSources() ([]spend.Source, error) {
	s := cfg.Spend
	var out []spend.Source
	has := func(p string) bool {
		return slices.ContainsFunc(s.Accounts, func(a SpendAccount) bool { return a.Platform == p })
	}
	if has(spend.GoogleAds) {
		g := s.GoogleAds
		src, err := spend.NewGoogleAds(spend.GoogleAdsConfig{APIURL: g.APIURL, DeveloperToken: g.DeveloperToken, ClientID: g.ClientID,
			ClientSecret: g.ClientSecret, RefreshToken: g.RefreshToken, LoginCustomerID: g.LoginCustomerID})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvGoogleAdsDeveloperToken, err)
		}
		out = append(out, src)
	}
	if has(spend.Meta) {
		src, err := spend.NewMeta(spend.MetaConfig{GraphURL: cfg.Connectors.MetaGraphURL, AccessToken: s.MetaAccessToken, AppSecret: cfg.Connectors.MetaAppSecret})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvMetaAdsAccessToken, err)
		}
		out = append(out, src)
	}
	if has(spend.LinkedIn) {
		src, err := spend.NewLinkedIn(spend.LinkedInConfig{APIURL: cfg.Connectors.LinkedInAPIURL, AccessToken: s.LinkedInAccessToken, Version: s.LinkedInVersion})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvLinkedInAdsAccessToken, err)
		}
		out = append(out, src)
	}
	if has(spend.TikTok) {
		src, err := spend.NewTikTok(spend.TikTokConfig{APIURL: s.TikTokAPIURL, AccessToken: s.TikTokAccessToken})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvTikTokAccessToken, err)
		}
		out = append(out, src)
	}
	return out, nil
}
