package spend_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/spend"
)

func TestLinkedInFetch(t *testing.T) {
	t.Parallel()
	var accountReads atomic.Int32
	var analyticsQuery atomic.Value
	var nameReads atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.Equal(t, "Bearer li-token", r.Header.Get("Authorization"))
		require.Equal(t, "202510", r.Header.Get("LinkedIn-Version"))
		require.Equal(t, "2.0.0", r.Header.Get("X-Restli-Protocol-Version"))
		switch r.URL.Path {
		case "/rest/adAccounts/507000000":
			accountReads.Add(1)
			_, _ = w.Write(fixture(t, "linkedin/ad_account.json"))
		case "/rest/adAnalytics":
			analyticsQuery.Store(r.URL.RawQuery)
			_, _ = w.Write(fixture(t, "linkedin/ad_analytics.json"))
		case "/rest/adAccounts/507000000/adCampaigns":
			// One batch get of both campaigns, by numeric id.
			require.Equal(t, "ids=List(253102116,276103383)", r.URL.RawQuery)
			nameReads.Add(1)
			_, _ = w.Write(fixture(t, "linkedin/ad_campaigns.json"))
		default:
			t.Errorf("unexpected path %s", r.URL.Path)
		}
	}))
	defer srv.Close()
	l, err := spend.NewLinkedIn(spend.LinkedInConfig{APIURL: srv.URL, AccessToken: "li-token", Client: srv.Client()})
	require.NoError(t, err)
	rows, err := l.Fetch(context.Background(), "urn:li:sponsoredAccount:507000000", day("2026-03-01"), day("2026-03-02"))
	require.NoError(t, err)
	require.Equal(t, []spend.Row{
		{Platform: "linkedin", Account: "507000000", CampaignID: "253102116", CampaignName: "Spring Sale - Decision makers", Day: day("2026-03-01"),
			Currency: "USD", SpendMicros: 45_123_457, Clicks: 17, Impressions: 2150},
		// LinkedIn answered 404 for this campaign: no name.
		{Platform: "linkedin", Account: "507000000", CampaignID: "276103383", Day: day("2026-03-02"), Currency: "USD", Impressions: 3},
	}, rows)
	require.EqualValues(t, 1, nameReads.Load())
	q := analyticsQuery.Load().(string)
	for _, want := range []string{"q=analytics", "pivot=CAMPAIGN", "timeGranularity=DAILY",
		"dateRange=(start:(year:2026,month:3,day:1),end:(year:2026,month:3,day:2))",
		"accounts=List(urn%3Ali%3AsponsoredAccount%3A507000000)", "costInLocalCurrency"} {
		require.Contains(t, q, want)
	}
	_, err = l.Fetch(context.Background(), "507000000", day("2026-03-01"), day("2026-03-02"))
	require.NoError(t, err)
	require.EqualValues(t, 1, accountReads.Load(), "the account's currency is read once")
}

func TestLinkedInErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		status     int
		file       string
		permanent  bool
		retryAfter time.Duration
	}{
		{name: "throttled waits Retry-After", status: 429, file: "linkedin/throttled.json", retryAfter: 90 * time.Second},
		{name: "revoked token is permanent", status: 401, file: "linkedin/expired_token.json", permanent: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "90")
				w.WriteHeader(tc.status)
				_, _ = w.Write(fixture(t, tc.file))
			}))
			defer srv.Close()
			l, err := spend.NewLinkedIn(spend.LinkedInConfig{APIURL: srv.URL, AccessToken: "li-token", Client: srv.Client()})
			require.NoError(t, err)
			_, err = l.Fetch(context.Background(), "507000000", day("2026-03-01"), day("2026-03-01"))
			var fe *spend.FetchError
			require.True(t, errors.As(err, &fe), "%v", err)
			require.Equal(t, tc.permanent, fe.Permanent, fe.Error())
			require.Equal(t, tc.retryAfter, fe.RetryAfter)
			require.NotContains(t, fe.Error(), "li-token")
		})
	}
}

func TestTikTokFetch(t *testing.T) {
	t.Parallel()
	var pages atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.Equal(t, "tt-token", r.Header.Get("Access-Token"))
		q := r.URL.Query()
		switch r.URL.Path {
		case "/open_api/v1.3/advertiser/info/":
			require.Equal(t, `["7000000000000000001"]`, q.Get("advertiser_ids"))
			_, _ = w.Write(fixture(t, "tiktok/advertiser_info.json"))
		case "/open_api/v1.3/report/integrated/get/":
			pages.Add(1)
			require.Equal(t, "AUCTION_CAMPAIGN", q.Get("data_level"))
			require.Equal(t, "BASIC", q.Get("report_type"))
			require.JSONEq(t, `["campaign_id","stat_time_day"]`, q.Get("dimensions"))
			require.Contains(t, q.Get("metrics"), `"spend"`)
			require.Equal(t, "2026-03-01", q.Get("start_date"))
			require.Equal(t, "2026-03-02", q.Get("end_date"))
			_, _ = w.Write(fixture(t, "tiktok/report_page"+q.Get("page")+".json"))
		default:
			t.Errorf("unexpected path %s", r.URL.Path)
		}
	}))
	defer srv.Close()
	tt, err := spend.NewTikTok(spend.TikTokConfig{APIURL: srv.URL, AccessToken: "tt-token", Client: srv.Client()})
	require.NoError(t, err)
	rows, err := tt.Fetch(context.Background(), "7000000000000000001", day("2026-03-01"), day("2026-03-02"))
	require.NoError(t, err)
	require.Equal(t, []spend.Row{
		{Platform: "tiktok", Account: "7000000000000000001", CampaignID: "1680018437245954", CampaignName: "Spring Spark", Day: day("2026-03-01"), Currency: "EUR", SpendMicros: 1_265_870_000, Clicks: 45231, Impressions: 3840449},
		{Platform: "tiktok", Account: "7000000000000000001", CampaignID: "1680018437245954", CampaignName: "Spring Spark", Day: day("2026-03-02"), Currency: "EUR"},
	}, rows)
	require.EqualValues(t, 2, pages.Load())
}

func TestTikTokErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		file       string
		permanent  bool
		retryAfter time.Duration
	}{
		{name: "rate limit (40100) waits a minute", file: "tiktok/rate_limited.json", retryAfter: time.Minute},
		{name: "invalid token is permanent", file: "tiktok/invalid_token.json", permanent: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write(fixture(t, tc.file)) // TikTok answers 200 with a code
			}))
			defer srv.Close()
			tt, err := spend.NewTikTok(spend.TikTokConfig{APIURL: srv.URL, AccessToken: "tt-token", Client: srv.Client()})
			require.NoError(t, err)
			_, err = tt.Fetch(context.Background(), "7000000000000000001", day("2026-03-01"), day("2026-03-01"))
			var fe *spend.FetchError
			require.True(t, errors.As(err, &fe), "%v", err)
			require.Equal(t, tc.permanent, fe.Permanent, fe.Error())
			require.Equal(t, tc.retryAfter, fe.RetryAfter)
		})
	}
}

// TestLinkedInNamesBatched: the names of 51 campaigns take two batch gets
// (LinkedInNameBatch ids each at most), each campaign asked once.
func TestLinkedInNamesBatched(t *testing.T) {
	t.Parallel()
	var asked []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rest/adAccounts/507000000":
			_, _ = w.Write(fixture(t, "linkedin/ad_account.json"))
		case "/rest/adAnalytics":
			// The analytics element shape of ad_analytics.json, for 51
			// campaigns on two days each.
			var els []string
			for i := range 51 {
				for d := 1; d <= 2; d++ {
					els = append(els, fmt.Sprintf(`{"costInLocalCurrency":"1.5","impressions":1,"clicks":0,`+
						`"dateRange":{"start":{"year":2026,"month":3,"day":%d},"end":{"year":2026,"month":3,"day":%d}},`+
						`"pivotValues":["urn:li:sponsoredCampaign:%d"]}`, d, d, 1000+i))
				}
			}
			_, _ = w.Write([]byte(`{"paging":{"start":0,"count":10,"links":[]},"elements":[` + strings.Join(els, ",") + `]}`))
		case "/rest/adAccounts/507000000/adCampaigns":
			raw := strings.TrimSuffix(strings.TrimPrefix(r.URL.RawQuery, "ids=List("), ")")
			mu.Lock()
			asked = append(asked, raw)
			mu.Unlock()
			var results []string
			for _, id := range strings.Split(raw, ",") {
				results = append(results, fmt.Sprintf(`%q:{"id":%s,"name":"Campaign %s"}`, id, id, id))
			}
			_, _ = w.Write([]byte(`{"results":{` + strings.Join(results, ",") + `},"statuses":{},"errors":{}}`))
		default:
			t.Errorf("unexpected path %s", r.URL.Path)
		}
	}))
	defer srv.Close()
	l, err := spend.NewLinkedIn(spend.LinkedInConfig{APIURL: srv.URL, AccessToken: "li-token", Client: srv.Client()})
	require.NoError(t, err)
	rows, err := l.Fetch(context.Background(), "507000000", day("2026-03-01"), day("2026-03-02"))
	require.NoError(t, err)
	require.Len(t, rows, 102)
	for _, r := range rows {
		require.Equal(t, "Campaign "+r.CampaignID, r.CampaignName)
	}
	require.Len(t, asked, 2)
	require.Len(t, strings.Split(asked[0], ","), spend.LinkedInNameBatch)
	require.Equal(t, "1050", asked[1])
}
