package spend

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// MetaConfig configures the Meta Marketing API insights client.
type MetaConfig struct {
	// GraphURL is the versioned Graph API base; default
	// DefaultMetaGraphURL.
	GraphURL string
	// AccessToken is a token with ads_read on the ad accounts (a system
	// user's token does not expire); required.
	AccessToken string
	// AppSecret, when set, signs every call with appsecret_proof (needed
	// when the app requires it).
	AppSecret string
	// PageSize is the rows asked for per page; default 500.
	PageSize int
	// Client, NowFunc and MaxBody as in GoogleAdsConfig.
	Client  *http.Client
	NowFunc func() time.Time
	MaxBody int64
}

// DefaultMetaGraphURL is the Graph API version the insights calls use.
const DefaultMetaGraphURL = "https://graph.facebook.com/v23.0"

// MetaSource reads campaign spend from the Marketing API insights edge.
type MetaSource struct {
	cfg   MetaConfig
	http  httpClient
	proof string
}

// NewMeta validates cfg and returns the source.
func NewMeta(cfg MetaConfig) (*MetaSource, error) {
	if cfg.AccessToken == "" {
		return nil, fmt.Errorf("meta spend: an access token with ads_read is required")
	}
	if cfg.GraphURL == "" {
		cfg.GraphURL = DefaultMetaGraphURL
	}
	cfg.GraphURL = strings.TrimRight(cfg.GraphURL, "/")
	if cfg.PageSize <= 0 {
		cfg.PageSize = 500
	}
	m := &MetaSource{cfg: cfg}
	if cfg.AppSecret != "" {
		mac := hmac.New(sha256.New, []byte(cfg.AppSecret))
		mac.Write([]byte(cfg.AccessToken))
		m.proof = hex.EncodeToString(mac.Sum(nil))
	}
	m.http = newHTTPClient(Meta, cfg.Client, cfg.NowFunc, cfg.MaxBody, cfg.AccessToken, cfg.AppSecret, m.proof)
	return m, nil
}

// Platform returns Meta.
func (m *MetaSource) Platform() string { return Meta }

// metaInsightFields are the fields of one insights row Fetch asks for.
const metaInsightFields = "campaign_id,campaign_name,spend,impressions,clicks,account_currency,date_start,date_stop"

// Fetch reads the ad account's insights (account: "act_123" or "123"):
//
//	GET {GraphURL}/act_{id}/insights?level=campaign&time_increment=1
//	    &time_range={"since":..,"until":..}&fields=...&limit=...
//
// one row per campaign and day, page after page (paging.cursors.after
// while paging.next is present). The access token travels in the
// Authorization header, never in a URL. Rate limits (HTTP 429, codes 4,
// 17, 32, 613 and 80000-80014) and Graph's transient errors may be retried,
// after Retry-After or X-Business-Use-Case-Usage's
// estimated_time_to_regain_access; an invalid token (190), missing
// permissions (10, 200-299) and bad parameters (100) are permanent.
func (m *MetaSource) Fetch(ctx context.Context, account string, from, to time.Time) ([]Row, error) {
	id := strings.TrimPrefix(strings.TrimSpace(account), "act_")
	if id == "" || strings.Trim(id, "0123456789") != "" {
		return nil, &FetchError{Platform: Meta, Permanent: true, Msg: fmt.Sprintf("account %q is not a Meta ad account id (act_123)", account)}
	}
	acct := "act_" + id
	what := "insights of " + acct
	timeRange, _ := json.Marshal(map[string]string{"since": from.Format(time.DateOnly), "until": to.Format(time.DateOnly)})
	q := url.Values{}
	q.Set("level", "campaign")
	q.Set("time_increment", "1")
	q.Set("time_range", string(timeRange))
	q.Set("fields", metaInsightFields)
	q.Set("limit", strconv.Itoa(m.cfg.PageSize))
	if m.proof != "" {
		q.Set("appsecret_proof", m.proof)
	}
	var rows []Row
	for page := 1; ; page++ {
		if page > 10_000 {
			return nil, &FetchError{Platform: Meta, Permanent: true, Msg: what + ": more than 10000 pages"}
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.cfg.GraphURL+"/"+acct+"/insights?"+q.Encode(), nil)
		if err != nil {
			return nil, &FetchError{Platform: Meta, Permanent: true, Msg: what + ": cannot build the request"}
		}
		req.Header.Set("Authorization", "Bearer "+m.cfg.AccessToken)
		req.Header.Set("Accept", "application/json")
		resp, body, err := m.http.do(req, what)
		if err != nil {
			return nil, err
		}
		var answer struct {
			Data []struct {
				CampaignID      flexID     `json:"campaign_id"`
				CampaignName    string     `json:"campaign_name"`
				Spend           flexAmount `json:"spend"`
				Impressions     flexCount  `json:"impressions"`
				Clicks          flexCount  `json:"clicks"`
				AccountCurrency string     `json:"account_currency"`
				DateStart       string     `json:"date_start"`
				DateStop        string     `json:"date_stop"`
			} `json:"data"`
			Paging struct {
				Cursors struct {
					After string `json:"after"`
				} `json:"cursors"`
				Next string `json:"next"`
			} `json:"paging"`
			Error *metaError `json:"error"`
		}
		jerr := json.Unmarshal(body, &answer)
		if answer.Error != nil || resp.StatusCode != http.StatusOK {
			return nil, m.apiError(resp, what, answer.Error)
		}
		if jerr != nil {
			return nil, &FetchError{Platform: Meta, Status: resp.StatusCode, Msg: what + ": the answer is not an insights page", Err: jerr}
		}
		for _, d := range answer.Data {
			if d.DateStart != d.DateStop {
				return nil, &FetchError{Platform: Meta, Permanent: true, Msg: fmt.Sprintf("%s: a row spans %s to %s, not one day", what, d.DateStart, d.DateStop)}
			}
			day, err := ParseDay(d.DateStart)
			if err != nil {
				return nil, &FetchError{Platform: Meta, Permanent: true, Msg: what + ": a row's date_start", Err: err}
			}
			cur, err := ParseCurrency(d.AccountCurrency)
			if err != nil {
				return nil, &FetchError{Platform: Meta, Permanent: true, Msg: what + ": account_currency", Err: err}
			}
			if d.CampaignID == "" {
				return nil, &FetchError{Platform: Meta, Permanent: true, Msg: what + ": a row without campaign_id"}
			}
			rows = append(rows, Row{Platform: Meta, Account: acct, CampaignID: string(d.CampaignID), CampaignName: d.CampaignName,
				Day: day, Currency: cur, SpendMicros: int64(d.Spend), Clicks: int64(d.Clicks), Impressions: int64(d.Impressions)})
		}
		if answer.Paging.Next == "" || answer.Paging.Cursors.After == "" {
			return rows, nil
		}
		q.Set("after", answer.Paging.Cursors.After)
	}
}

// metaError is the Graph API's error object.
type metaError struct {
	Message     string `json:"message"`
	Type        string `json:"type"`
	Code        int    `json:"code"`
	Subcode     int    `json:"error_subcode"`
	IsTransient bool   `json:"is_transient"`
}

// apiError classifies a Graph API failure (see Fetch).
func (m *MetaSource) apiError(resp *http.Response, what string, e *metaError) *FetchError {
	if e == nil {
		return m.http.fail(resp, what, "", "")
	}
	fe := m.http.fail(resp, what, strconv.Itoa(e.Code), e.Message)
	switch c := e.Code; {
	case c == 4 || c == 17 || c == 32 || c == 613 || (c >= 80000 && c <= 80014):
		fe.Permanent = false
		if fe.RetryAfter == 0 {
			fe.RetryAfter = metaUsageRetryAfter(resp.Header)
		}
		if fe.RetryAfter == 0 {
			fe.RetryAfter = 5 * time.Minute // Meta's throttles reset over minutes
		}
	case c == 190 || c == 10 || c == 100 || (c >= 200 && c <= 299):
		fe.Permanent = true
	case e.IsTransient || c == 1 || c == 2:
		fe.Permanent = false
	}
	return fe
}

// metaUsageRetryAfter reads the longest estimated_time_to_regain_access
// (minutes) of the X-Business-Use-Case-Usage and X-Ad-Account-Usage
// headers; 0 when absent or unreadable.
func metaUsageRetryAfter(h http.Header) time.Duration {
	var longest int64
	var buc map[string][]struct {
		Minutes int64 `json:"estimated_time_to_regain_access"`
	}
	if json.Unmarshal([]byte(h.Get("X-Business-Use-Case-Usage")), &buc) == nil {
		for _, uses := range buc {
			for _, u := range uses {
				longest = max(longest, u.Minutes)
			}
		}
	}
	var acct struct {
		Seconds int64 `json:"reset_time_duration"`
	}
	if json.Unmarshal([]byte(h.Get("X-Ad-Account-Usage")), &acct) == nil && acct.Seconds > 0 {
		longest = max(longest, (acct.Seconds+59)/60)
	}
	return min(time.Duration(longest)*time.Minute, maxRetryAfter)
}
