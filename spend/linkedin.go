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
	"unicode/utf8"
)

// LinkedInConfig configures the LinkedIn ad analytics client.
type LinkedInConfig struct {
	// APIURL is the API base; default DefaultLinkedInAPIURL.
	APIURL string
	// AccessToken is a member token with r_ads_reporting and r_ads on the
	// ad accounts (required). LinkedIn's tokens live 60 days.
	AccessToken string
	// Version is the LinkedIn-Version header (YYYYMM); default
	// DefaultLinkedInVersion. LinkedIn sunsets a version after about a
	// year: keep it recent.
	Version string
	// Client, NowFunc and MaxBody as in GoogleAdsConfig.
	Client  *http.Client
	NowFunc func() time.Time
	MaxBody int64
}

// Defaults of LinkedInConfig.
const (
	DefaultLinkedInAPIURL  = "https://api.linkedin.com"
	DefaultLinkedInVersion = "202510"
)

// LinkedInSource reads campaign spend from the adAnalytics finder.
type LinkedInSource struct {
	cfg  LinkedInConfig
	http httpClient

	mu         sync.Mutex
	currencies map[string]string // account id -> ISO 4217, fixed per account
}

// NewLinkedIn validates cfg and returns the source.
func NewLinkedIn(cfg LinkedInConfig) (*LinkedInSource, error) {
	if cfg.AccessToken == "" {
		return nil, fmt.Errorf("linkedin spend: an access token with r_ads_reporting is required")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultLinkedInAPIURL
	}
	if cfg.Version == "" {
		cfg.Version = DefaultLinkedInVersion
	}
	cfg.APIURL = strings.TrimRight(cfg.APIURL, "/")
	return &LinkedInSource{cfg: cfg, http: newHTTPClient(LinkedIn, cfg.Client, cfg.NowFunc, cfg.MaxBody, cfg.AccessToken),
		currencies: map[string]string{}}, nil
}

// Platform returns LinkedIn.
func (l *LinkedInSource) Platform() string { return LinkedIn }

// Fetch reads the sponsored account's daily campaign analytics (account:
// "507000000" or "urn:li:sponsoredAccount:507000000"):
//
//	GET {APIURL}/rest/adAnalytics?q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY
//	    &dateRange=(start:(year:..,month:..,day:..),end:(...))
//	    &accounts=List(urn%3Ali%3AsponsoredAccount%3A{id})
//	    &fields=costInLocalCurrency,impressions,clicks,dateRange,pivotValues
//
// The finder has no paging. Its cost is in the account's currency, which
// the analytics do not name: it is read once per account from
// GET /rest/adAccounts/{id}. The analytics carry the campaign URN only, so
// the names of the campaigns in the answer are read with batch gets of
// the account's campaigns, LinkedInNameBatch ids at a time:
//
//	GET {APIURL}/rest/adAccounts/{id}/adCampaigns?ids=List(253102116,276103383)
//
// A campaign LinkedIn does not return (deleted, or in the answer's
// "errors") keeps an empty name. 429 and 5xx may
// be retried after Retry-After; 401 (an expired token: LinkedIn's live 60
// days) and 403 are permanent.
func (l *LinkedInSource) Fetch(ctx context.Context, account string, from, to time.Time) ([]Row, error) {
	id := strings.TrimPrefix(strings.TrimSpace(account), "urn:li:sponsoredAccount:")
	if id == "" || strings.Trim(id, "0123456789") != "" {
		return nil, &FetchError{Platform: LinkedIn, Permanent: true, Msg: fmt.Sprintf("account %q is not a LinkedIn sponsored account id", account)}
	}
	cur, err := l.currency(ctx, id)
	if err != nil {
		return nil, err
	}
	what := "ad analytics of account " + id
	dr := func(t time.Time) string {
		return fmt.Sprintf("(year:%d,month:%d,day:%d)", t.Year(), int(t.Month()), t.Day())
	}
	// Rest.li 2.0 syntax: parentheses and commas stay literal, the URN in
	// the list is percent-encoded.
	query := "q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY" +
		"&dateRange=(start:" + dr(from) + ",end:" + dr(to) + ")" +
		"&accounts=List(" + url.QueryEscape("urn:li:sponsoredAccount:"+id) + ")" +
		"&fields=costInLocalCurrency,impressions,clicks,dateRange,pivotValues"
	var answer struct {
		Elements []struct {
			Cost        flexAmount `json:"costInLocalCurrency"`
			Impressions flexCount  `json:"impressions"`
			Clicks      flexCount  `json:"clicks"`
			DateRange   struct {
				Start struct{ Year, Month, Day int } `json:"start"`
				End   struct{ Year, Month, Day int } `json:"end"`
			} `json:"dateRange"`
			PivotValues []string `json:"pivotValues"`
		} `json:"elements"`
	}
	if err := l.get(ctx, "/rest/adAnalytics?"+query, what, &answer); err != nil {
		return nil, err
	}
	rows := make([]Row, 0, len(answer.Elements))
	for _, e := range answer.Elements {
		s, en := e.DateRange.Start, e.DateRange.End
		if s != en {
			return nil, &FetchError{Platform: LinkedIn, Permanent: true, Msg: what + ": an element spans more than one day"}
		}
		day := time.Date(s.Year, time.Month(s.Month), s.Day, 0, 0, 0, 0, time.UTC)
		if day.Year() != s.Year || int(day.Month()) != s.Month || day.Day() != s.Day {
			return nil, &FetchError{Platform: LinkedIn, Permanent: true, Msg: fmt.Sprintf("%s: no such day %d-%d-%d", what, s.Year, s.Month, s.Day)}
		}
		if len(e.PivotValues) != 1 || !strings.HasPrefix(e.PivotValues[0], "urn:li:sponsoredCampaign:") {
			return nil, &FetchError{Platform: LinkedIn, Permanent: true, Msg: what + ": an element without one campaign URN in pivotValues"}
		}
		rows = append(rows, Row{Platform: LinkedIn, Account: id, CampaignID: strings.TrimPrefix(e.PivotValues[0], "urn:li:sponsoredCampaign:"),
			Day: day, Currency: cur, SpendMicros: int64(e.Cost), Clicks: int64(e.Clicks), Impressions: int64(e.Impressions)})
	}
	names, err := l.campaignNames(ctx, id, rows)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		rows[i].CampaignName = names[rows[i].CampaignID]
	}
	return rows, nil
}

// LinkedInNameBatch is how many campaign ids one batch get of campaign
// names asks for, keeping the URL short.
const LinkedInNameBatch = 50

// campaignNames reads the names of rows' campaigns (numeric ids) with
// Rest.li batch gets; the answer is {"results": {id: AdCampaign},
// "statuses": {id: status}, "errors": {id: error}}.
func (l *LinkedInSource) campaignNames(ctx context.Context, account string, rows []Row) (map[string]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, r := range rows {
		if !seen[r.CampaignID] && r.CampaignID != "" && strings.Trim(r.CampaignID, "0123456789") == "" {
			seen[r.CampaignID] = true
			ids = append(ids, r.CampaignID)
		}
	}
	names := make(map[string]string, len(ids))
	what := "campaign names of account " + account
	for start := 0; start < len(ids); start += LinkedInNameBatch {
		batch := ids[start:min(start+LinkedInNameBatch, len(ids))]
		var answer struct {
			Results map[string]struct {
				Name string `json:"name"`
			} `json:"results"`
		}
		if err := l.get(ctx, "/rest/adAccounts/"+account+"/adCampaigns?ids=List("+strings.Join(batch, ",")+")", what, &answer); err != nil {
			return nil, err
		}
		for id, c := range answer.Results {
			if seen[id] {
				names[id] = truncateName(strings.TrimSpace(c.Name))
			}
		}
	}
	return names, nil
}

// truncateName keeps a campaign name within ad_spend's 1,000 characters,
// on a rune boundary.
func truncateName(s string) string {
	if len(s) <= 1000 {
		return s
	}
	cut := 1000
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// currency returns the account's currency, read once.
func (l *LinkedInSource) currency(ctx context.Context, id string) (string, error) {
	l.mu.Lock()
	cur, ok := l.currencies[id]
	l.mu.Unlock()
	if ok {
		return cur, nil
	}
	var acct struct {
		Currency string `json:"currency"`
	}
	what := "ad account " + id
	if err := l.get(ctx, "/rest/adAccounts/"+id, what, &acct); err != nil {
		return "", err
	}
	cur, err := ParseCurrency(acct.Currency)
	if err != nil {
		return "", &FetchError{Platform: LinkedIn, Permanent: true, Msg: what + ": currency", Err: err}
	}
	l.mu.Lock()
	l.currencies[id] = cur
	l.mu.Unlock()
	return cur, nil
}

// get calls a Rest.li endpoint and decodes its JSON answer into out.
func (l *LinkedInSource) get(ctx context.Context, pathQuery, what string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, l.cfg.APIURL+pathQuery, nil)
	if err != nil {
		return &FetchError{Platform: LinkedIn, Permanent: true, Msg: what + ": cannot build the request"}
	}
	req.Header.Set("Authorization", "Bearer "+l.cfg.AccessToken)
	req.Header.Set("LinkedIn-Version", l.cfg.Version)
	req.Header.Set("X-Restli-Protocol-Version", "2.0.0")
	req.Header.Set("Accept", "application/json")
	resp, body, err := l.http.do(req, what)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Message          string `json:"message"`
			Code             string `json:"code"`
			ServiceErrorCode int    `json:"serviceErrorCode"`
		}
		_ = json.Unmarshal(body, &e)
		code := e.Code
		if code == "" && e.ServiceErrorCode != 0 {
			code = strconv.Itoa(e.ServiceErrorCode)
		}
		return l.http.fail(resp, what, code, e.Message)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return &FetchError{Platform: LinkedIn, Status: resp.StatusCode, Msg: what + ": the answer is not what the API documents", Err: err}
	}
	return nil
}
