package spend

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// TikTokConfig configures the TikTok API for Business reporting client.
type TikTokConfig struct {
	// APIURL is the API base; default DefaultTikTokAPIURL.
	APIURL string
	// AccessToken is an advertiser-authorized token with reporting
	// permission (required).
	AccessToken string
	// PageSize is the rows asked for per page (at most 1000); default 1000.
	PageSize int
	// Client, NowFunc and MaxBody as in GoogleAdsConfig.
	Client  *http.Client
	NowFunc func() time.Time
	MaxBody int64
}

// DefaultTikTokAPIURL is TikTok's API for Business host.
const DefaultTikTokAPIURL = "https://business-api.tiktok.com"

// TikTokSource reads campaign spend from the synchronous integrated report.
type TikTokSource struct {
	cfg  TikTokConfig
	http httpClient

	mu         sync.Mutex
	currencies map[string]string
}

// NewTikTok validates cfg and returns the source.
func NewTikTok(cfg TikTokConfig) (*TikTokSource, error) {
	if cfg.AccessToken == "" {
		return nil, fmt.Errorf("tiktok spend: an access token is required")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultTikTokAPIURL
	}
	cfg.APIURL = strings.TrimRight(cfg.APIURL, "/")
	if cfg.PageSize <= 0 || cfg.PageSize > 1000 {
		cfg.PageSize = 1000
	}
	return &TikTokSource{cfg: cfg, http: newHTTPClient(TikTok, cfg.Client, cfg.NowFunc, cfg.MaxBody, cfg.AccessToken),
		currencies: map[string]string{}}, nil
}

// Platform returns TikTok.
func (t *TikTokSource) Platform() string { return TikTok }

// Fetch reads the advertiser's daily campaign report:
//
//	GET {APIURL}/open_api/v1.3/report/integrated/get/?advertiser_id=..&report_type=BASIC
//	    &service_type=AUCTION&data_level=AUCTION_CAMPAIGN
//	    &dimensions=["campaign_id","stat_time_day"]
//	    &metrics=["spend","impressions","clicks","campaign_name"]
//	    &start_date=..&end_date=..&page=..&page_size=..
//
// page after page up to data.page_info.total_page (TikTok allows 30 days
// per request with daily rows: the Syncer's chunks). The token travels in
// the Access-Token header. The currency, which the report does not name,
// is read once per advertiser from /open_api/v1.3/advertiser/info/. TikTok
// answers HTTP 200 with a code: 0 is success, 40100 (too many requests)
// and 5xxxx (system errors) may be retried, every other code is permanent
// (an invalid or expired token, a missing permission, a bad parameter).
func (t *TikTokSource) Fetch(ctx context.Context, account string, from, to time.Time) ([]Row, error) {
	id := strings.TrimSpace(account)
	if id == "" || strings.Trim(id, "0123456789") != "" {
		return nil, &FetchError{Platform: TikTok, Permanent: true, Msg: fmt.Sprintf("account %q is not a TikTok advertiser id", account)}
	}
	cur, err := t.currency(ctx, id)
	if err != nil {
		return nil, err
	}
	what := "report of advertiser " + id
	q := url.Values{}
	q.Set("advertiser_id", id)
	q.Set("report_type", "BASIC")
	q.Set("service_type", "AUCTION")
	q.Set("data_level", "AUCTION_CAMPAIGN")
	q.Set("dimensions", `["campaign_id","stat_time_day"]`)
	q.Set("metrics", `["spend","impressions","clicks","campaign_name"]`)
	q.Set("start_date", from.Format(time.DateOnly))
	q.Set("end_date", to.Format(time.DateOnly))
	q.Set("page_size", strconv.Itoa(t.cfg.PageSize))
	var rows []Row
	for page := 1; ; page++ {
		q.Set("page", strconv.Itoa(page))
		var data struct {
			List []struct {
				Dimensions struct {
					CampaignID  flexID `json:"campaign_id"`
					StatTimeDay string `json:"stat_time_day"`
				} `json:"dimensions"`
				Metrics struct {
					Spend        tiktokAmount `json:"spend"`
					Impressions  tiktokCount  `json:"impressions"`
					Clicks       tiktokCount  `json:"clicks"`
					CampaignName string       `json:"campaign_name"`
				} `json:"metrics"`
			} `json:"list"`
			PageInfo struct {
				Page      int `json:"page"`
				TotalPage int `json:"total_page"`
			} `json:"page_info"`
		}
		if err := t.get(ctx, "/open_api/v1.3/report/integrated/get/?"+q.Encode(), what, &data); err != nil {
			return nil, err
		}
		for _, r := range data.List {
			// "2026-03-01 00:00:00": the day in the advertiser's time zone.
			day, err := ParseDay(r.Dimensions.StatTimeDay[:min(10, len(r.Dimensions.StatTimeDay))])
			if err != nil {
				return nil, &FetchError{Platform: TikTok, Permanent: true, Msg: what + ": a row's stat_time_day", Err: err}
			}
			if r.Dimensions.CampaignID == "" {
				return nil, &FetchError{Platform: TikTok, Permanent: true, Msg: what + ": a row without campaign_id"}
			}
			rows = append(rows, Row{Platform: TikTok, Account: id, CampaignID: string(r.Dimensions.CampaignID), CampaignName: r.Metrics.CampaignName,
				Day: day, Currency: cur, SpendMicros: int64(r.Metrics.Spend), Clicks: int64(r.Metrics.Clicks), Impressions: int64(r.Metrics.Impressions)})
		}
		if page >= data.PageInfo.TotalPage || page >= 10_000 {
			return rows, nil
		}
	}
}

// tiktokAmount and tiktokCount read TikTok's metric strings, where "-"
// means no data (0).
type (
	tiktokAmount flexAmount
	tiktokCount  flexCount
)

func (a *tiktokAmount) UnmarshalJSON(b []byte) error {
	if string(b) == `"-"` {
		*a = 0
		return nil
	}
	return (*flexAmount)(a).UnmarshalJSON(b)
}

func (c *tiktokCount) UnmarshalJSON(b []byte) error {
	if string(b) == `"-"` {
		*c = 0
		return nil
	}
	return (*flexCount)(c).UnmarshalJSON(b)
}

// currency returns the advertiser's currency, read once.
func (t *TikTokSource) currency(ctx context.Context, id string) (string, error) {
	t.mu.Lock()
	cur, ok := t.currencies[id]
	t.mu.Unlock()
	if ok {
		return cur, nil
	}
	what := "advertiser " + id
	q := url.Values{"advertiser_ids": {`["` + id + `"]`}, "fields": {`["currency"]`}}
	var data struct {
		List []struct {
			Currency string `json:"currency"`
		} `json:"list"`
	}
	if err := t.get(ctx, "/open_api/v1.3/advertiser/info/?"+q.Encode(), what, &data); err != nil {
		return "", err
	}
	if len(data.List) != 1 {
		return "", &FetchError{Platform: TikTok, Permanent: true, Msg: what + ": not found (is the token authorized for it?)"}
	}
	cur, err := ParseCurrency(data.List[0].Currency)
	if err != nil {
		return "", &FetchError{Platform: TikTok, Permanent: true, Msg: what + ": currency", Err: err}
	}
	t.mu.Lock()
	t.currencies[id] = cur
	t.mu.Unlock()
	return cur, nil
}

// get calls the API and decodes its data into out, classifying TikTok's
// codes (see Fetch).
func (t *TikTokSource) get(ctx context.Context, pathQuery, what string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.cfg.APIURL+pathQuery, nil)
	if err != nil {
		return &FetchError{Platform: TikTok, Permanent: true, Msg: what + ": cannot build the request"}
	}
	req.Header.Set("Access-Token", t.cfg.AccessToken)
	req.Header.Set("Accept", "application/json")
	resp, body, err := t.http.do(req, what)
	if err != nil {
		return err
	}
	var answer struct {
		Code    *int            `json:"code"`
		Message string          `json:"message"`
		Data    json.RawMessage `json:"data"`
	}
	jerr := json.Unmarshal(body, &answer)
	if resp.StatusCode != http.StatusOK {
		return t.http.fail(resp, what, "", answer.Message)
	}
	if jerr != nil || answer.Code == nil {
		return &FetchError{Platform: TikTok, Status: resp.StatusCode, Msg: what + ": the answer is not what the API documents", Err: jerr}
	}
	if c := *answer.Code; c != 0 {
		fe := t.http.fail(resp, what, strconv.Itoa(c), answer.Message)
		fe.Permanent = !(c == 40100 || (c >= 50000 && c < 60000))
		if c == 40100 && fe.RetryAfter == 0 {
			fe.RetryAfter = time.Minute // a QPS limit: a minute is plenty
		}
		return fe
	}
	if err := json.Unmarshal(answer.Data, out); err != nil {
		return &FetchError{Platform: TikTok, Status: resp.StatusCode, Msg: what + ": the answer's data is not what the API documents", Err: err}
	}
	return nil
}
