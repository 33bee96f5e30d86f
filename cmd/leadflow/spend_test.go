package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/cmdline"
	"leadflow/internal/testenv"
)

// TestImportSpendAndReport: a spend file imports in full, a second import
// of it changes nothing, a file with bad rows names them all and imports
// none, and report spend sums per campaign and currency without mixing.
// Not parallel: the commands read the process environment.
func TestImportSpendAndReport(t *testing.T) {
	t.Setenv(config.EnvDatabaseURL, testenv.DatabaseURL(t))
	t.Setenv(config.EnvRedisURL, testenv.RedisURL(t))
	t.Setenv(config.EnvConfigFile, "")
	dir := t.TempDir()
	good := filepath.Join(dir, "spend.csv")
	require.NoError(t, os.WriteFile(good, []byte(`platform,account,campaign_id,campaign_name,date,currency,spend,clicks,impressions
google-ads,123,111,Spring Search,2026-03-01,USD,120.50,40,1000
google-ads,123,111,Spring Search,2026-03-02,USD,79.50,35,900
meta,act_42,238,Spring Lookalike,2026-03-01,EUR,80,12,5000
meta,act_43,238,Spring Lookalike,2026-03-01,USD,10,1,50
`), 0o600))

	code, out, errOut := runCLI("import", "--spend", good)
	require.Equal(t, cmdline.ExitOK, code, errOut)
	require.Contains(t, out, "4 rows")
	require.Contains(t, out, "4 new, 0 updated, 0 unchanged")
	code, out, errOut = runCLI("import", "--spend", good)
	require.Equal(t, cmdline.ExitOK, code, errOut)
	require.Contains(t, out, "0 new, 0 updated, 4 unchanged", "re-importing the same file changes nothing")

	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte(`platform,account,campaign_id,campaign_name,date,currency,spend,clicks,impressions
google-ads,123,111,Spring Search,2026-03-03,USD,1.00,1,1
google-ads,123,111,Spring Search,03/04/2026,USD,1.00,1,1
google-ads,123,111,Spring Search,2026-03-05,$,1.00,1,1
`), 0o600))
	code, out, errOut = runCLI("import", "--spend", bad)
	require.Equal(t, cmdline.ExitFailure, code)
	require.Empty(t, out)
	require.Contains(t, errOut, "line 3, date")
	require.Contains(t, errOut, "line 4, currency")
	require.Contains(t, errOut, "nothing imported")

	code, out, errOut = runCLI("report", "spend", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json")
	require.Equal(t, cmdline.ExitOK, code, errOut)
	var rows []spendReportRow
	require.NoError(t, json.Unmarshal([]byte(out), &rows))
	require.Equal(t, []spendReportRow{
		{Platform: "meta", CampaignID: "238", CampaignName: "Spring Lookalike", Currency: "EUR", Spend: "80.00", SpendMicros: 80_000_000, Clicks: 12, Impressions: 5000, Accounts: 1, FirstDay: "2026-03-01", LastDay: "2026-03-01"},
		{Platform: "google-ads", CampaignID: "111", CampaignName: "Spring Search", Currency: "USD", Spend: "200.00", SpendMicros: 200_000_000, Clicks: 75, Impressions: 1900, Accounts: 1, FirstDay: "2026-03-01", LastDay: "2026-03-02"},
		{Platform: "meta", CampaignID: "238", CampaignName: "Spring Lookalike", Currency: "USD", Spend: "10.00", SpendMicros: 10_000_000, Clicks: 1, Impressions: 50, Accounts: 1, FirstDay: "2026-03-01", LastDay: "2026-03-01"},
	}, rows, "the imported 3 March row is not there: the bad file imported nothing")

	code, out, errOut = runCLI("report", "spend", "--to", "2026-03-01")
	require.Equal(t, cmdline.ExitOK, code, errOut)
	require.Regexp(t, `total\s+EUR\s+80.00`, out)
	require.Regexp(t, `total\s+USD\s+130.50`, out, "USD and EUR are totalled apart")

	code, out, errOut = runCLI("report", "spend", "--from", "2026-03-01T00:00:00Z")
	requireUsageError(t, code, out, errOut, "--from")

	mapFile, ratesFile := filepath.Join(dir, "map.csv"), filepath.Join(dir, "rates.csv")
	require.NoError(t, os.WriteFile(mapFile, []byte("platform,campaign,utm_campaign\nmeta,238,spring-search\n"), 0o600))
	require.NoError(t, os.WriteFile(ratesFile, []byte("currency,quote,date,rate\nEUR,USD,2026-03-01,1.0842\n"), 0o600))
	code, out, errOut = runCLI("import", "--campaign-map", mapFile)
	require.Equal(t, cmdline.ExitOK, code, errOut)
	require.Contains(t, out, "1 campaigns")
	code, out, errOut = runCLI("import", "--rates", ratesFile)
	require.Equal(t, cmdline.ExitOK, code, errOut)
	require.Contains(t, out, "rates: 1")
	code, out, errOut = runCLI("import", "--rates", ratesFile, "--spend", good)
	requireUsageError(t, code, out, errOut, "give it alone")
}
