package spend_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/spend"
)

// The stand-in servers below answer with the platforms' documented
// responses (spend/testdata/<platform>/, sources in
// spend/testdata/SOURCES.md) and check what each client sends.

func fixture(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + path)
	require.NoError(t, err)
	return b
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// googleAdsStandIn serves the token endpoint and searchStream, answering
// the stream with the fixtures in order (the last repeats).
type googleAdsStandIn struct {
	t       *testing.T
	mu      sync.Mutex
	answers []struct {
		status int
		file   string
	}
	queries   []string
	tokenHits int
}

func (g *googleAdsStandIn) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		require.NoError(g.t, r.ParseForm())
		require.Equal(g.t, "refresh_token", r.PostForm.Get("grant_type"))
		require.Equal(g.t, "1//refresh-fake-token-000", r.PostForm.Get("refresh_token"))
		g.mu.Lock()
		g.tokenHits++
		g.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(fixture(g.t, "googleads/token.json"))
	})
	mux.HandleFunc("POST /v21/customers/{id}/googleAds:searchStream", func(w http.ResponseWriter, r *http.Request) {
		require.Equal(g.t, "1234567890", r.PathValue("id"))
		require.Equal(g.t, "Bearer ya29.a0fAkEaCcEsStOkEn", r.Header.Get("Authorization"))
		require.Equal(g.t, "dev-token", r.Header.Get("developer-token"))
		require.Equal(g.t, "9876543210", r.Header.Get("login-customer-id"))
		var body struct{ Query string }
		require.NoError(g.t, json.NewDecoder(r.Body).Decode(&body))
		g.mu.Lock()
		g.queries = append(g.queries, body.Query)
		a := g.answers[0]
		if len(g.answers) > 1 {
			g.answers = g.answers[1:]
		}
		g.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(a.status)
		_, _ = w.Write(fixture(g.t, a.file))
	})
	return mux
}

func newGoogleAds(t *testing.T, srv *httptest.Server) *spend.GoogleAdsSource {
	t.Helper()
	g, err := spend.NewGoogleAds(spend.GoogleAdsConfig{APIURL: srv.URL + "/v21", TokenURL: srv.URL + "/token",
		DeveloperToken: "dev-token", ClientID: "client.apps.googleusercontent.com", ClientSecret: "client-secret",
		RefreshToken: "1//refresh-fake-token-000", LoginCustomerID: "987-654-3210", Client: srv.Client()})
	require.NoError(t, err)
	return g
}

func TestGoogleAdsFetch(t *testing.T) {
	t.Parallel()
	s := &googleAdsStandIn{t: t, answers: []struct {
		status int
		file   string
	}{{200, "googleads/search_stream.json"}}}
	srv := httptest.NewServer(s.handler())
	defer srv.Close()
	g := newGoogleAds(t, srv)
	rows, err := g.Fetch(context.Background(), "123-456-7890", day("2026-03-01"), day("2026-03-30"))
	require.NoError(t, err)
	require.Equal(t, []spend.Row{
		{Platform: "google-ads", Account: "1234567890", CampaignID: "111", CampaignName: "Spring Search", Day: day("2026-03-01"), Currency: "USD", SpendMicros: 120_500_000, Clicks: 40, Impressions: 1000},
		{Platform: "google-ads", Account: "1234567890", CampaignID: "111", CampaignName: "Spring Search", Day: day("2026-03-02"), Currency: "USD", SpendMicros: 79_500_000, Clicks: 35, Impressions: 900},
		{Platform: "google-ads", Account: "1234567890", CampaignID: "222", CampaignName: "Brand", Day: day("2026-03-02"), Currency: "USD", SpendMicros: 1_990_000, Impressions: 12},
	}, rows)
	require.Len(t, s.queries, 1)
	for _, want := range []string{"campaign.id", "campaign.name", "segments.date", "metrics.cost_micros", "metrics.clicks", "metrics.impressions",
		"FROM campaign", "BETWEEN '2026-03-01' AND '2026-03-30'"} {
		require.Contains(t, s.queries[0], want)
	}
	// The access token is cached across calls.
	_, err = g.Fetch(context.Background(), "1234567890", day("2026-03-01"), day("2026-03-01"))
	require.NoError(t, err)
	require.Equal(t, 1, s.tokenHits)
}

func TestGoogleAdsErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		status     int
		file       string
		permanent  bool
		retryAfter time.Duration
		code       string
	}{
		{name: "quota: wait the retry delay Google names", status: 429, file: "googleads/quota_exhausted.json", retryAfter: 30 * time.Second, code: "quotaError.RESOURCE_EXHAUSTED"},
		{name: "permission denied is permanent", status: 403, file: "googleads/permission_denied.json", permanent: true, code: "authorizationError.USER_PERMISSION_DENIED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := &googleAdsStandIn{t: t, answers: []struct {
				status int
				file   string
			}{{tc.status, tc.file}}}
			srv := httptest.NewServer(s.handler())
			defer srv.Close()
			_, err := newGoogleAds(t, srv).Fetch(context.Background(), "1234567890", day("2026-03-01"), day("2026-03-01"))
			var fe *spend.FetchError
			require.True(t, errors.As(err, &fe), "%v", err)
			require.Equal(t, tc.permanent, fe.Permanent, fe.Error())
			require.Equal(t, tc.retryAfter, fe.RetryAfter)
			require.Equal(t, tc.code, fe.Code)
			require.Equal(t, tc.status, fe.Status)
			require.NotContains(t, fe.Error(), "ya29.")
			require.NotContains(t, fe.Error(), "dev-token")
		})
	}
	t.Run("a bad customer id is refused before any call", func(t *testing.T) {
		g, err := spend.NewGoogleAds(spend.GoogleAdsConfig{DeveloperToken: "d", ClientID: "c", ClientSecret: "s", RefreshToken: "r"})
		require.NoError(t, err)
		_, err = g.Fetch(context.Background(), "acme", day("2026-03-01"), day("2026-03-01"))
		var fe *spend.FetchError
		require.True(t, errors.As(err, &fe))
		require.True(t, fe.Permanent)
	})
}

// metaStandIn serves the insights edge: page 1, then page 2 for
// after=MQZDZD, or the error fixture when set.
func metaStandIn(t *testing.T, errStatus int, errFile string, header http.Header) (*httptest.Server, *[]url.Values) {
	var mu sync.Mutex
	var seen []url.Values
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.Equal(t, "/v23.0/act_42/insights", r.URL.Path)
		require.Equal(t, "Bearer EAAfakeTokenForTests", r.Header.Get("Authorization"))
		require.Empty(t, r.URL.Query().Get("access_token"), "the token never travels in the URL")
		mu.Lock()
		seen = append(seen, r.URL.Query())
		mu.Unlock()
		for k, v := range header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", "application/json")
		switch {
		case errFile != "":
			w.WriteHeader(errStatus)
			_, _ = w.Write(fixture(t, errFile))
		case r.URL.Query().Get("after") == "MQZDZD":
			_, _ = w.Write(fixture(t, "meta/insights_page2.json"))
		default:
			_, _ = w.Write(fixture(t, "meta/insights_page1.json"))
		}
	}))
	return srv, &seen
}

func TestMetaFetch(t *testing.T) {
	t.Parallel()
	srv, seen := metaStandIn(t, 0, "", nil)
	defer srv.Close()
	m, err := spend.NewMeta(spend.MetaConfig{GraphURL: srv.URL + "/v23.0", AccessToken: "EAAfakeTokenForTests", AppSecret: "app-secret", Client: srv.Client()})
	require.NoError(t, err)
	rows, err := m.Fetch(context.Background(), "42", day("2026-03-01"), day("2026-03-02"))
	require.NoError(t, err)
	require.Equal(t, []spend.Row{
		{Platform: "meta", Account: "act_42", CampaignID: "238", CampaignName: "Spring Lookalike", Day: day("2026-03-01"), Currency: "EUR", SpendMicros: 5_339_500_000, Clicks: 1203, Impressions: 361324},
		{Platform: "meta", Account: "act_42", CampaignID: "239", CampaignName: "Retargeting", Day: day("2026-03-02"), Currency: "EUR", SpendMicros: 12_070_000, Impressions: 4100},
	}, rows)
	require.Len(t, *seen, 2, "both pages read")
	q := (*seen)[0]
	require.Equal(t, "campaign", q.Get("level"))
	require.Equal(t, "1", q.Get("time_increment"))
	require.JSONEq(t, `{"since":"2026-03-01","until":"2026-03-02"}`, q.Get("time_range"))
	require.Len(t, q.Get("appsecret_proof"), 64)
	for _, f := range []string{"campaign_id", "spend", "impressions", "clicks", "account_currency"} {
		require.Contains(t, q.Get("fields"), f)
	}
}

func TestMetaErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		status     int
		file       string
		header     http.Header
		permanent  bool
		retryAfter time.Duration
	}{
		{name: "ad account throttle waits estimated_time_to_regain_access", status: 400, file: "meta/rate_limited.json",
			header:     http.Header{"X-Business-Use-Case-Usage": {`{"42":[{"type":"ads_insights","call_count":100,"total_cputime":40,"total_time":60,"estimated_time_to_regain_access":12}]}`}},
			retryAfter: 12 * time.Minute},
		{name: "throttle without usage header waits five minutes", status: 400, file: "meta/rate_limited.json", retryAfter: 5 * time.Minute},
		{name: "expired token is permanent", status: 400, file: "meta/invalid_token.json", permanent: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv, _ := metaStandIn(t, tc.status, tc.file, tc.header)
			defer srv.Close()
			m, err := spend.NewMeta(spend.MetaConfig{GraphURL: srv.URL + "/v23.0", AccessToken: "EAAfakeTokenForTests", Client: srv.Client()})
			require.NoError(t, err)
			_, err = m.Fetch(context.Background(), "act_42", day("2026-03-01"), day("2026-03-01"))
			var fe *spend.FetchError
			require.True(t, errors.As(err, &fe), "%v", err)
			require.Equal(t, tc.permanent, fe.Permanent, fe.Error())
			require.Equal(t, tc.retryAfter, fe.RetryAfter)
			require.NotContains(t, fe.Error(), "EAAfake")
		})
	}
}

// TestBoundedBody: an answer past MaxBody is refused, not read whole.
func TestBoundedBody(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"data":[`+strings.Repeat(" ", 4096)+`]}`)
	}))
	defer srv.Close()
	m, err := spend.NewMeta(spend.MetaConfig{GraphURL: srv.URL, AccessToken: "EAAfakeTokenForTests", Client: srv.Client(), MaxBody: 1024})
	require.NoError(t, err)
	_, err = m.Fetch(context.Background(), "act_42", day("2026-03-01"), day("2026-03-01"))
	var fe *spend.FetchError
	require.True(t, errors.As(err, &fe), "%v", err)
	require.True(t, fe.Permanent)
	require.Contains(t, fe.Error(), "larger than the limit")
}

// TestGoogleAdsFetchClicks reads one day of click_view: each gclid with
// its campaign; a click Google gives no gclid for (app campaigns) is
// skipped.
func TestGoogleAdsFetchClicks(t *testing.T) {
	t.Parallel()
	s := &googleAdsStandIn{t: t, answers: []struct {
		status int
		file   string
	}{{200, "googleads/click_view.json"}, {403, "googleads/permission_denied.json"}}}
	srv := httptest.NewServer(s.handler())
	defer srv.Close()
	g := newGoogleAds(t, srv)
	clicks, err := g.FetchClicks(context.Background(), "123-456-7890", day("2026-03-02"))
	require.NoError(t, err)
	require.Equal(t, []spend.Click{
		{Account: "1234567890", GCLID: "EAIaIQobChMIfAkEgClId0001", CampaignID: "111", Day: day("2026-03-02")},
		{Account: "1234567890", GCLID: "EAIaIQobChMIfAkEgClId0002", CampaignID: "222", Day: day("2026-03-02")},
	}, clicks)
	require.Len(t, s.queries, 1)
	// One day per query, as click_view requires.
	require.Equal(t, "SELECT click_view.gclid, campaign.id, segments.date FROM click_view WHERE segments.date = '2026-03-02'", s.queries[0])

	_, err = g.FetchClicks(context.Background(), "1234567890", day("2026-03-03"))
	var fe *spend.FetchError
	require.ErrorAs(t, err, &fe)
	require.True(t, fe.Permanent)

	_, err = g.FetchClicks(context.Background(), "not-an-id", day("2026-03-03"))
	require.ErrorAs(t, err, &fe)
	require.Contains(t, fe.Error(), "not a Google Ads customer id")
}
