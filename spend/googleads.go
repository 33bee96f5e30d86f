package spend

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// GoogleAdsConfig configures the Google Ads reporting client.
type GoogleAdsConfig struct {
	// APIURL is the versioned API base; default DefaultGoogleAdsAPIURL.
	APIURL string
	// TokenURL is Google's OAuth 2.0 token endpoint; default
	// DefaultGoogleTokenURL.
	TokenURL string
	// DeveloperToken is the Google Ads API developer token (required).
	DeveloperToken string
	// ClientID, ClientSecret and RefreshToken are the OAuth client and the
	// refresh token of a user with access to the accounts (required); an
	// access token is fetched with them and renewed before it expires.
	ClientID, ClientSecret, RefreshToken string
	// LoginCustomerID is the manager account the accounts are reached
	// through (login-customer-id header); empty for direct access.
	LoginCustomerID string
	// Client sends the requests; default a client with a 2-minute timeout.
	Client *http.Client
	// NowFunc tells the time (token expiry, Retry-After dates).
	NowFunc func() time.Time
	// MaxBody bounds a response body; default DefaultMaxBody.
	MaxBody int64
}

// Defaults of GoogleAdsConfig.
const (
	DefaultGoogleAdsAPIURL = "https://googleads.googleapis.com/v21"
	DefaultGoogleTokenURL  = "https://oauth2.googleapis.com/token"
)

// GoogleAdsSource reads campaign spend with GAQL over
// googleAds:searchStream.
type GoogleAdsSource struct {
	cfg  GoogleAdsConfig
	http httpClient

	mu      sync.Mutex
	token   string
	expires time.Time
}

// NewGoogleAds validates cfg and returns the source.
func NewGoogleAds(cfg GoogleAdsConfig) (*GoogleAdsSource, error) {
	if cfg.DeveloperToken == "" || cfg.ClientID == "" || cfg.ClientSecret == "" || cfg.RefreshToken == "" {
		return nil, fmt.Errorf("google ads spend: the developer token, OAuth client id and secret and refresh token are required")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultGoogleAdsAPIURL
	}
	if cfg.TokenURL == "" {
		cfg.TokenURL = DefaultGoogleTokenURL
	}
	cfg.APIURL = strings.TrimRight(cfg.APIURL, "/")
	cfg.LoginCustomerID = strings.ReplaceAll(cfg.LoginCustomerID, "-", "")
	return &GoogleAdsSource{cfg: cfg, http: newHTTPClient(GoogleAds, cfg.Client, cfg.NowFunc, cfg.MaxBody,
		cfg.DeveloperToken, cfg.ClientSecret, cfg.RefreshToken)}, nil
}

// Platform returns GoogleAds.
func (g *GoogleAdsSource) Platform() string { return GoogleAds }

// googleAdsQuery is the GAQL of Fetch: one row per campaign and day with
// its cost, in the account's currency (customer.currency_code).
const googleAdsQuery = `SELECT customer.currency_code, campaign.id, campaign.name, segments.date, metrics.cost_micros, metrics.clicks, metrics.impressions FROM campaign WHERE segments.date BETWEEN '%s' AND '%s'`

// Fetch runs the GAQL query for customer account (digits, dashes allowed)
// over the days from through to (searchStream).
func (g *GoogleAdsSource) Fetch(ctx context.Context, account string, from, to time.Time) ([]Row, error) {
	customer, err := googleAdsCustomer(account)
	if err != nil {
		return nil, err
	}
	what := "search stream of customer " + customer
	batches, err := g.searchStream(ctx, customer, fmt.Sprintf(googleAdsQuery, from.Format(time.DateOnly), to.Format(time.DateOnly)), what)
	if err != nil {
		return nil, err
	}
	var rows []Row
	for _, b := range batches {
		for _, r := range b.Results {
			day, err := ParseDay(r.Segments.Date)
			if err != nil {
				return nil, &FetchError{Platform: GoogleAds, Permanent: true, Msg: what + ": a row's segments.date", Err: err}
			}
			cur, err := ParseCurrency(r.Customer.CurrencyCode)
			if err != nil {
				return nil, &FetchError{Platform: GoogleAds, Permanent: true, Msg: what + ": customer.currency_code", Err: err}
			}
			if r.Campaign.ID == "" {
				return nil, &FetchError{Platform: GoogleAds, Permanent: true, Msg: what + ": a row without campaign.id"}
			}
			rows = append(rows, Row{Platform: GoogleAds, Account: customer, CampaignID: string(r.Campaign.ID), CampaignName: r.Campaign.Name,
				Day: day, Currency: cur, SpendMicros: int64(r.Metrics.CostMicros), Clicks: int64(r.Metrics.Clicks), Impressions: int64(r.Metrics.Impressions)})
		}
	}
	return rows, nil
}

// googleAdsClickQuery is the GAQL of FetchClicks: each click's gclid and
// campaign on one day. Google allows click_view one day per query, for
// the last 90 days (ClickView reference, spend/testdata/SOURCES.md).
const googleAdsClickQuery = `SELECT click_view.gclid, campaign.id, segments.date FROM click_view WHERE segments.date = '%s'`

// ClickViewDays is how far back Google keeps click_view: a query may ask
// for a day up to 90 days before it is made.
const ClickViewDays = 90

// FetchClicks reads the gclids of customer account's clicks on day and the
// campaign each was a click on (click_view), over searchStream as Fetch
// does. A click without a gclid (Google has none for some app campaigns)
// is skipped. Failures are *FetchError.
func (g *GoogleAdsSource) FetchClicks(ctx context.Context, account string, day time.Time) ([]Click, error) {
	customer, err := googleAdsCustomer(account)
	if err != nil {
		return nil, err
	}
	what := "click view of customer " + customer
	batches, err := g.searchStream(ctx, customer, fmt.Sprintf(googleAdsClickQuery, day.Format(time.DateOnly)), what)
	if err != nil {
		return nil, err
	}
	return clickViewClicks(batches, customer, day, what)
}

// clickViewClicks reads the clicks of a click_view answer; a row without a
// date is a click of the day asked for.
func clickViewClicks(batches []googleAdsBatch, customer string, day time.Time, what string) ([]Click, error) {
	var out []Click
	for _, b := range batches {
		for _, r := range b.Results {
			gclid := strings.TrimSpace(r.ClickView.Gclid)
			if gclid == "" {
				continue
			}
			if r.Campaign.ID == "" {
				return nil, &FetchError{Platform: GoogleAds, Permanent: true, Msg: what + ": a click without campaign.id"}
			}
			d := day
			if r.Segments.Date != "" {
				var err error
				if d, err = ParseDay(r.Segments.Date); err != nil {
					return nil, &FetchError{Platform: GoogleAds, Permanent: true, Msg: what + ": a click's segments.date", Err: err}
				}
			}
			if len(gclid) > maxClickIDLen || len(r.Campaign.ID) > maxClickIDLen {
				return nil, &FetchError{Platform: GoogleAds, Permanent: true, Msg: what + ": a gclid or campaign.id longer than 200 characters"}
			}
			out = append(out, Click{Account: customer, GCLID: gclid, CampaignID: string(r.Campaign.ID), Day: d})
		}
	}
	return out, nil
}

// maxClickIDLen is the longest gclid and campaign id google_ads_clicks
// keeps (migrations/00041).
const maxClickIDLen = 200

// googleAdsCustomer reads a customer id, digits with or without dashes.
func googleAdsCustomer(account string) (string, error) {
	customer := strings.ReplaceAll(strings.TrimSpace(account), "-", "")
	if customer == "" || strings.Trim(customer, "0123456789") != "" {
		return "", &FetchError{Platform: GoogleAds, Permanent: true, Msg: fmt.Sprintf("account %q is not a Google Ads customer id (123-456-7890)", account)}
	}
	return customer, nil
}

// searchStream runs one GAQL query for customer:
//
//	POST {APIURL}/customers/{id}/googleAds:searchStream  {"query": "SELECT ..."}
//
// The answer is a JSON array of batches, each {"results": [GoogleAdsRow],
// "fieldMask", "requestId"}; an error may arrive as the array's last
// element. Int64 fields arrive as JSON strings (proto3 JSON mapping).
func (g *GoogleAdsSource) searchStream(ctx context.Context, customer, query, what string) ([]googleAdsBatch, error) {
	token, err := g.accessToken(ctx)
	if err != nil {
		return nil, err
	}
	q, _ := json.Marshal(map[string]string{"query": query})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.cfg.APIURL+"/customers/"+customer+"/googleAds:searchStream", strings.NewReader(string(q)))
	if err != nil {
		return nil, &FetchError{Platform: GoogleAds, Permanent: true, Msg: what + ": cannot build the request"}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("developer-token", g.cfg.DeveloperToken)
	if g.cfg.LoginCustomerID != "" {
		req.Header.Set("login-customer-id", g.cfg.LoginCustomerID)
	}
	resp, body, err := g.http.do(req, what)
	if err != nil {
		return nil, err
	}
	var batches []googleAdsBatch
	if jerr := json.Unmarshal(body, &batches); jerr != nil {
		// Errors before the stream starts may come as one object.
		var one googleAdsBatch
		if json.Unmarshal(body, &one) == nil && one.Error != nil {
			batches = []googleAdsBatch{one}
		} else if resp.StatusCode == http.StatusOK {
			return nil, &FetchError{Platform: GoogleAds, Status: resp.StatusCode, Msg: what + ": the answer is not a search stream", Err: jerr}
		}
	}
	for _, b := range batches {
		if b.Error != nil {
			return nil, g.apiError(resp, what, b.Error)
		}
	}
	if resp.StatusCode != http.StatusOK {
		return nil, g.http.fail(resp, what, "", "")
	}
	return batches, nil
}

// googleAdsBatch is one element of a searchStream answer.
type googleAdsBatch struct {
	Results []struct {
		Customer struct {
			CurrencyCode string `json:"currencyCode"`
		} `json:"customer"`
		Campaign struct {
			ID   flexID `json:"id"`
			Name string `json:"name"`
		} `json:"campaign"`
		ClickView struct {
			Gclid string `json:"gclid"`
		} `json:"clickView"`
		Segments struct {
			Date string `json:"date"`
		} `json:"segments"`
		Metrics struct {
			CostMicros  flexCount `json:"costMicros"`
			Clicks      flexCount `json:"clicks"`
			Impressions flexCount `json:"impressions"`
		} `json:"metrics"`
	} `json:"results"`
	Error *googleAPIError `json:"error"`
}

// flexID is an id sent as a JSON string or number, kept as text.
type flexID string

func (f *flexID) UnmarshalJSON(b []byte) error {
	*f = flexID(strings.Trim(strings.TrimSpace(string(b)), `"`))
	if *f == "null" {
		*f = ""
	}
	return nil
}

// googleAPIError is Google's error object (google.rpc.Status in JSON),
// with the Google Ads failure details.
type googleAPIError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Status  string `json:"status"`
	Details []struct {
		Errors []struct {
			ErrorCode map[string]string `json:"errorCode"`
			Message   string            `json:"message"`
			Details   struct {
				QuotaErrorDetails struct {
					RetryDelay string `json:"retryDelay"`
				} `json:"quotaErrorDetails"`
			} `json:"details"`
		} `json:"errors"`
	} `json:"details"`
}

// apiError classifies a Google Ads error: RESOURCE_EXHAUSTED (quota, rate)
// waits for the retry delay Google names, or Retry-After; UNAVAILABLE,
// INTERNAL, DEADLINE_EXCEEDED and UNAUTHENTICATED (an access token that
// expired early: the next try fetches a new one) are transient; the rest
// (PERMISSION_DENIED, INVALID_ARGUMENT, NOT_FOUND...) are permanent.
func (g *GoogleAdsSource) apiError(resp *http.Response, what string, e *googleAPIError) *FetchError {
	msg, code := e.Message, e.Status
	var retryDelay time.Duration
	for _, d := range e.Details {
		for _, de := range d.Errors {
			for k, v := range de.ErrorCode {
				code = k + "." + v
			}
			if de.Message != "" {
				msg = de.Message
			}
			if rd, err := time.ParseDuration(de.Details.QuotaErrorDetails.RetryDelay); err == nil && rd > retryDelay {
				retryDelay = min(rd, maxRetryAfter)
			}
		}
	}
	fe := g.http.fail(resp, what, code, msg)
	switch e.Status {
	case "RESOURCE_EXHAUSTED", "UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED", "ABORTED":
		fe.Permanent = false
	case "UNAUTHENTICATED":
		fe.Permanent = false
		g.mu.Lock()
		g.token = ""
		g.mu.Unlock()
	default:
		if e.Status != "" {
			fe.Permanent = true
		}
	}
	if !fe.Permanent && retryDelay > fe.RetryAfter {
		fe.RetryAfter = retryDelay
	}
	return fe
}

// accessToken returns a cached OAuth access token, fetching a new one
// from the refresh token when none is cached or it expires within a
// minute.
func (g *GoogleAdsSource) accessToken(ctx context.Context) (string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.http.now()
	if g.token != "" && now.Add(time.Minute).Before(g.expires) {
		return g.token, nil
	}
	form := url.Values{"grant_type": {"refresh_token"}, "client_id": {g.cfg.ClientID},
		"client_secret": {g.cfg.ClientSecret}, "refresh_token": {g.cfg.RefreshToken}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.cfg.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return "", &FetchError{Platform: GoogleAds, Permanent: true, Msg: "refresh the OAuth access token: cannot build the request"}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, body, err := g.http.do(req, "refresh the OAuth access token")
	if err != nil {
		return "", err
	}
	var answer struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int64  `json:"expires_in"`
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	jerr := json.Unmarshal(body, &answer)
	if resp.StatusCode != http.StatusOK || jerr != nil || answer.AccessToken == "" {
		fe := g.http.fail(resp, "refresh the OAuth access token", answer.Error, answer.Description)
		if resp.StatusCode == http.StatusOK {
			fe.Permanent, fe.Msg = false, "refresh the OAuth access token: the answer holds no token"
		}
		return "", fe
	}
	g.token = answer.AccessToken
	g.expires = now.Add(time.Duration(max(answer.ExpiresIn, 60)) * time.Second)
	return g.token, nil
}
