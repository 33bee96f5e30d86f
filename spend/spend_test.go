package spend_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/spend"
)

func TestParseAmount(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in string
		want     int64
		err      bool
	}{
		{name: "whole", in: "12", want: 12_000_000},
		{name: "cents", in: "12.34", want: 12_340_000},
		{name: "meta's", in: "5339.5", want: 5_339_500_000},
		{name: "micros", in: "0.000001", want: 1},
		{name: "leading dot", in: ".5", want: 500_000},
		{name: "seventh decimal rounds up", in: "0.0000005", want: 1},
		{name: "seventh decimal rounds down", in: "1.0000004", want: 1_000_000},
		{name: "linkedin's nine decimals", in: "45.123456789", want: 45_123_457},
		{name: "spaces", in: " 3 ", want: 3_000_000},
		{name: "zero", in: "0", want: 0},
		{name: "empty", in: "", err: true},
		{name: "dot", in: ".", err: true},
		{name: "trailing dot", in: "1.", err: true},
		{name: "negative", in: "-1", err: true},
		{name: "plus", in: "+1", err: true},
		{name: "thousands", in: "1,234.00", err: true},
		{name: "symbol", in: "$12", err: true},
		{name: "exponent", in: "1e3", err: true},
		{name: "too large", in: "99999999999999999999", err: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := spend.ParseAmount(tc.in)
			if tc.err {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestFormatMicros(t *testing.T) {
	t.Parallel()
	for in, want := range map[int64]string{0: "0.00", 12_340_000: "12.34", 1: "0.000001", 5_339_500_000: "5339.50", 4_000: "0.004"} {
		require.Equal(t, want, spend.FormatMicros(in), in)
	}
}

func TestParseCurrency(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"usd": "USD", " EUR ": "EUR", "BRL": "BRL", "XXY": "", "US": "", "dollar": "", "": ""} {
		got, err := spend.ParseCurrency(in)
		if want == "" {
			require.Error(t, err, in)
			continue
		}
		require.NoError(t, err, in)
		require.Equal(t, want, got)
	}
}

func TestParseCSV(t *testing.T) {
	t.Parallel()
	f, err := os.ReadFile("testdata/spend.csv")
	require.NoError(t, err)
	rows, err := spend.ParseCSV(bytes.NewReader(f))
	require.NoError(t, err)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	require.Equal(t, []spend.Row{
		{Platform: "google-ads", Account: "1234567890", CampaignID: "111", CampaignName: "Spring Search", Day: day("2026-03-01"), Currency: "USD", SpendMicros: 120_500_000, Clicks: 40, Impressions: 1000},
		{Platform: "google-ads", Account: "1234567890", CampaignID: "111", CampaignName: "Spring Search", Day: day("2026-03-02"), Currency: "USD", SpendMicros: 99_999_999, Clicks: 35, Impressions: 900},
		{Platform: "meta", Account: "act_42", CampaignID: "238", CampaignName: "Spring Lookalike", Day: day("2026-03-01"), Currency: "EUR", SpendMicros: 80_000_000, Clicks: 12, Impressions: 5000},
		{Platform: "bing", Account: "main", CampaignID: "b-9", Day: day("2026-03-01"), Currency: "USD", SpendMicros: 10_000},
	}, rows)
}

// TestParseCSVNamesEveryProblem: one run lists every bad value with its
// line and field, and nothing is returned to import.
func TestParseCSVNamesEveryProblem(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, file string
		want       []string
	}{
		{name: "empty file", file: "", want: []string{"line 1: empty file"}},
		{name: "header", file: "platform,account,campaign,date\n",
			want: []string{`line 1: unknown column "campaign"`, `line 1: missing column "campaign_id"`, `line 1: missing column "campaign_name"`,
				`line 1: missing column "currency"`, `line 1: missing column "spend"`, `line 1: missing column "clicks"`, `line 1: missing column "impressions"`}},
		{name: "values", file: "platform,account,campaign_id,campaign_name,date,currency,spend,clicks,impressions\n" +
			"Google Ads,1,2,x,2026-3-1,dollars,1,234,5\n" +
			"meta,,7,y,2026-03-01,USD,-4,x,\n" +
			"meta,a,7,y,2026-03-01,USD,4,1,1\n" +
			"meta,a,7,y,2026-03-01,USD,5,1,1\n" +
			"meta,a,8\n",
			want: []string{
				"line 2, platform:", "line 2, date:", "line 2, currency:",
				"line 3, account:", "line 3, spend:", "line 3, clicks:",
				"line 5: repeats line 4", "line 6: 3 fields, the header has 9",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := spend.ParseCSV(strings.NewReader(tc.file))
			require.Nil(t, rows)
			var ce *spend.CSVError
			require.True(t, errors.As(err, &ce), "%v", err)
			for _, w := range tc.want {
				require.Contains(t, err.Error(), w)
			}
			require.Len(t, ce.Problems, len(tc.want))
		})
	}
}

// FuzzParseCSV: any input either parses into valid rows or fails with a
// listing; it never panics, and every row it accepts is well formed.
func FuzzParseCSV(f *testing.F) {
	seed, err := os.ReadFile("testdata/spend.csv")
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte("platform,account,campaign_id,campaign_name,date,currency,spend,clicks,impressions\nmeta,a,1,\"x\"\"y\",2026-01-01,USD,.5,1,1\n"))
	f.Add([]byte("\ufeffplatform\n\"unterminated"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := spend.ParseCSV(bytes.NewReader(data))
		if err != nil {
			require.Nil(t, rows)
			return
		}
		seen := map[spend.Key]bool{}
		for _, r := range rows {
			_, perr := spend.ParsePlatform(r.Platform)
			require.NoError(t, perr)
			require.NotEmpty(t, r.Account)
			require.NotEmpty(t, r.CampaignID)
			require.Len(t, r.Currency, 3)
			require.GreaterOrEqual(t, r.SpendMicros, int64(0))
			require.False(t, seen[r.Key()])
			seen[r.Key()] = true
		}
	})
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"12.34", "0.0000005", "45.123456789", "", ".", "1e3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := spend.ParseAmount(s)
		if err != nil {
			return
		}
		require.GreaterOrEqual(t, m, int64(0))
		// What FormatMicros prints reads back to the same micros.
		back, err := spend.ParseAmount(spend.FormatMicros(m))
		require.NoError(t, err)
		require.Equal(t, m, back)
	})
}

func TestParseCampaignMapAndRates(t *testing.T) {
	t.Parallel()
	maps, err := spend.ParseCampaignMap(strings.NewReader("platform,campaign,utm_campaign\nmeta,238,spring-search\ngoogle-ads,Spring Search (EN),spring-search\n"))
	require.NoError(t, err)
	require.Equal(t, []spend.CampaignMapping{{Platform: "meta", Campaign: "238", UTMCampaign: "spring-search"},
		{Platform: "google-ads", Campaign: "Spring Search (EN)", UTMCampaign: "spring-search"}}, maps)
	_, err = spend.ParseCampaignMap(strings.NewReader("platform,campaign,utm_campaign\nmeta,238,\nmeta,238,x\nmeta,238,y\n"))
	require.ErrorContains(t, err, "line 2, utm_campaign")
	require.ErrorContains(t, err, "line 4: maps the campaign of line 3 again")

	rates, err := spend.ParseRates(strings.NewReader("currency,quote,date,rate\neur,USD,2026-03-01,1.0842\n"))
	require.NoError(t, err)
	require.Equal(t, []spend.Rate{{Currency: "EUR", Quote: "USD", Day: day("2026-03-01"), Rate: "1.0842"}}, rates)
	_, err = spend.ParseRates(strings.NewReader("currency,quote,date,rate\nEUR,EUR,2026-03-01,1\nEUR,USD,2026-03-01,0\nEUR,USD,2026-03-01,-1\nEUR,USD,2026-03-01,1e3\n"))
	var ce *spend.CSVError
	require.True(t, errors.As(err, &ce))
	require.Len(t, ce.Problems, 4)
	require.ErrorContains(t, err, "rates file: 4 problems")
}

func FuzzParseRates(f *testing.F) {
	f.Add([]byte("currency,quote,date,rate\nEUR,USD,2026-03-01,1.0842\n"))
	f.Add([]byte("currency,quote,date,rate\nEUR,USD,2026-03-01,000000000000.000000000001\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rates, err := spend.ParseRates(bytes.NewReader(data))
		if err != nil {
			require.Nil(t, rates)
			return
		}
		for _, r := range rates {
			require.NotEqual(t, r.Currency, r.Quote)
			require.NotEmpty(t, r.Rate)
		}
	})
}

func FuzzParseCampaignMap(f *testing.F) {
	f.Add([]byte("platform,campaign,utm_campaign\nmeta,238,spring-search\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		maps, err := spend.ParseCampaignMap(bytes.NewReader(data))
		if err != nil {
			require.Nil(t, maps)
			return
		}
		for _, m := range maps {
			require.NotEmpty(t, m.Campaign)
			require.NotEmpty(t, m.UTMCampaign)
		}
	})
}
