package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestLoadSpend(t *testing.T) {
	google := map[string]string{EnvGoogleAdsDeveloperToken: "dev", EnvGoogleAdsClientID: "id", EnvGoogleAdsClientSecret: "secret", EnvGoogleAdsRefreshToken: "refresh"}
	with := func(base map[string]string, kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	for _, tc := range []struct {
		name    string
		env     map[string]string
		want    SpendSettings
		sources int
		errs    []string
	}{
		{name: "defaults: nothing to sync", env: nil, want: SpendSettings{SyncEvery: 6 * time.Hour, BackfillDays: 90, ResyncDays: 7}},
		{name: "linkedin and tiktok", env: map[string]string{EnvSpendAccounts: "linkedin:507000000,tiktok:7000", EnvLinkedInAdsAccessToken: "li", EnvTikTokAccessToken: "tt"},
			want: SpendSettings{Accounts: []SpendAccount{{"linkedin", "507000000"}, {"tiktok", "7000"}}, SyncEvery: 6 * time.Hour, BackfillDays: 90, ResyncDays: 7,
				LinkedInAccessToken: "li", TikTokAccessToken: "tt"},
			sources: 2},
		{name: "accounts with credentials", env: with(google, EnvSpendAccounts, "google-ads:123-456-7890, meta:act_9,google-ads:123-456-7890", EnvMetaAdsAccessToken, "EAAx",
			EnvSpendSyncEvery, "1h", EnvSpendBackfillDays, "30", EnvSpendResyncDays, "3"),
			want: SpendSettings{Accounts: []SpendAccount{{"google-ads", "123-456-7890"}, {"meta", "act_9"}}, SyncEvery: time.Hour, BackfillDays: 30, ResyncDays: 3,
				GoogleAds: GoogleAdsSpendSecrets{DeveloperToken: "dev", ClientID: "id", ClientSecret: "secret", RefreshToken: "refresh"}, MetaAccessToken: "EAAx"},
			sources: 2},
		{name: "missing credentials are named", env: map[string]string{EnvSpendAccounts: "google-ads:1,meta:act_1"},
			errs: []string{EnvGoogleAdsDeveloperToken + ": is required", EnvGoogleAdsRefreshToken + ": is required", EnvMetaAdsAccessToken + ": is required"}},
		{name: "bad values", env: map[string]string{EnvSpendAccounts: "bing:1,meta", EnvLinkedInVersion: "2025-10", EnvSpendSyncEvery: "5m", EnvSpendBackfillDays: "0", EnvSpendResyncDays: "x"},
			errs: []string{`unknown platform "bing"`, `expected platform:account, got "meta"`, EnvSpendSyncEvery + ": expected 0 (off)", EnvSpendBackfillDays + ":", EnvSpendResyncDays + ":", EnvLinkedInVersion + ": expected a version as YYYYMM"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(envFrom(tc.env))
			if len(tc.errs) > 0 {
				require.Error(t, err)
				for _, e := range tc.errs {
					require.Contains(t, err.Error(), e)
				}
				return
			}
			require.NoError(t, err)
			tc.want.GoogleAds.APIURL = "https://googleads.googleapis.com/v21"
			tc.want.LinkedInVersion, tc.want.TikTokAPIURL = "202510", "https://business-api.tiktok.com"
			require.Equal(t, tc.want, c.Spend)
			srcs, err := c.SpendSources()
			require.NoError(t, err)
			require.Len(t, srcs, tc.sources)
		})
	}
}
