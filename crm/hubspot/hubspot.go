// Package hubspot is leadflow's HubSpot CRM target: it pushes contacts and
// deals through the CRM v3 batch upsert API (keyed by a unique custom
// property holding leadflow's own key, so a re-push updates instead of
// duplicating), associates each deal with its contact (associations v4),
// checks the configured mapping against the account (pipelines, owners,
// properties), and reads the deal changes HubSpot sends as webhooks
// (signature v3). It implements crm.Target and crm.WebhookReceiver.
//
// Shapes and behaviours follow HubSpot's developer documentation and its
// public SDKs; the sources are listed in testdata/SOURCES.md. The package
// does no retrying of its own: every failure is classified once, as
// *crm.RetryableError (429, 5xx, timeouts, with the wait HubSpot asked
// for), *crm.PermanentError (other 4xx, a record HubSpot refuses) or an
// error wrapping crm.ErrUnauthorized (401/403), and the sync worker decides.
package hubspot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"leadflow/crm"
	"leadflow/internal/boundedread"
	"leadflow/internal/redact"
	"leadflow/internal/retryafter"
)

// Name is the target's stable name in the change log, metrics and CLI.
const Name = "hubspot"

// Defaults of Config.
const (
	DefaultBaseURL      = "https://api.hubapi.com"
	DefaultKeyProperty  = "leadflow_id"
	DefaultReplayWindow = 5 * time.Minute
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBody      = 8 << 20
)

// The deal properties that show a sales team why a lead is hot: leadflow's
// score (a number, 0..100), its band (hot, warm, cold) and the lead's
// source and UTM campaign. HubSpot has no deal properties of its own for
// the score and band, and its original-source properties are filled by its
// own tracking: leadflow's values go in custom properties the operator
// creates (docs/hubspot.md), so neither overwrites the other, and
// Validate checks them.
const (
	ScoreProperty    = "leadflow_score"
	BandProperty     = "leadflow_band"
	SourceProperty   = "leadflow_source"
	CampaignProperty = "leadflow_campaign"
)

// dealInfoProperties are those properties with the HubSpot type each must
// have, in the order docs/hubspot.md lists them.
var dealInfoProperties = []struct{ name, typ, create string }{
	{ScoreProperty, "number", "a number property"},
	{BandProperty, "string", "a single-line text property"},
	{SourceProperty, "string", "a single-line text property"},
	{CampaignProperty, "string", "a single-line text property"},
}

// batchSize is HubSpot's limit of inputs per batch call (CRM objects and
// associations alike).
const batchSize = 100

// maxRetryAfter caps a wait HubSpot asks for: a daily quota resets within a
// day, and a broken header must not park the target longer.
const maxRetryAfter = 25 * time.Hour

// maxProviderMsg bounds HubSpot's message copied into an error.
const maxProviderMsg = 300

// Config is one HubSpot account and how leadflow's records map onto it.
type Config struct {
	// BaseURL is the API root. Default DefaultBaseURL; tests point it at
	// a hubspottest.Server.
	BaseURL string
	// Token is the private app's access token (Authorization: Bearer).
	// Required.
	Token string
	// ClientSecret is the app's client secret, the key of the webhook v3
	// signatures. Required: without it no webhook can be authenticated.
	ClientSecret string
	// AppID is the app's id. A change HubSpot reports as made by this app
	// (changeSource INTEGRATION/API with this app as its source) is leadflow's own
	// write coming back and is marked crm.Change.ByIntegration. Optional;
	// when empty no change is recognised as an echo.
	AppID string
	// KeyProperty is the unique custom property, on contacts and on deals,
	// that holds leadflow's key and is used as the upsert idProperty.
	// Default DefaultKeyProperty ("leadflow_id").
	KeyProperty string
	// Pipeline is the id of the deal pipeline leadflow's deals go to
	// (HubSpot's default sales pipeline is "default"). Required.
	Pipeline string
	// Stages maps leadflow's stage names ("Prospecting", ..., "Won",
	// "Lost") to the pipeline's dealstage ids ("appointmentscheduled",
	// "closedwon", ...). Required, at least one. A webhook's dealstage is
	// mapped back through the same table; an unmapped stage is ignored.
	Stages map[string]string
	// Owners maps a rep's email in leadflow to the email of their HubSpot
	// user (owner). A rep not listed is looked up under their own email.
	Owners map[string]string
	// Currency is the account's company currency (ISO 4217). A webhook's
	// amount carries no currency; Change.Currency is set to this. Default
	// "" (the deal's currency as leadflow knows it).
	Currency string
	// TimeZone is the account's time zone (IANA name): HubSpot resets the
	// daily API quota at midnight there, and a DAILY 429 waits until then.
	// Default UTC.
	TimeZone string
	// ReplayWindow is how far a webhook's X-HubSpot-Request-Timestamp may
	// be from its arrival, either way. Default DefaultReplayWindow (5
	// minutes, HubSpot's documented bound).
	ReplayWindow time.Duration
	// HTTPClient sends the API calls. Default a client with Timeout.
	HTTPClient *http.Client
	// Timeout bounds one API call (each call also honours its context).
	// Default DefaultTimeout.
	Timeout time.Duration
	// MaxBody bounds one response body read. Default DefaultMaxBody.
	MaxBody int64
	// NowFunc is the clock (webhook replay window, DAILY quota reset).
	// Default time.Now.
	NowFunc func() time.Time
}

// Client is a HubSpot account as a crm.Target and crm.WebhookReceiver. It
// is safe for concurrent use.
type Client struct {
	cfg       Config
	base      string
	http      *http.Client
	zone      *time.Location
	stageBack map[string]string // dealstage id -> leadflow stage name

	mu     sync.Mutex
	owners map[string]string // lower-cased HubSpot user email -> owner id; nil until read
}

var (
	_ crm.Target          = (*Client)(nil)
	_ crm.WebhookReceiver = (*Client)(nil)
)

// propertyName is what HubSpot accepts as an internal property name.
var propertyName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,99}$`)

// New checks cfg, fills its defaults and returns the client. Errors name the
// Config field at fault. New makes no call: Validate checks the account.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("hubspot config: BaseURL %q: want an http(s) URL such as %s", cfg.BaseURL, DefaultBaseURL)
	}
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, errors.New("hubspot config: Token is required (the private app's access token)")
	}
	if strings.TrimSpace(cfg.ClientSecret) == "" {
		return nil, errors.New("hubspot config: ClientSecret is required (the app's client secret signs webhooks)")
	}
	if cfg.KeyProperty == "" {
		cfg.KeyProperty = DefaultKeyProperty
	}
	if !propertyName.MatchString(cfg.KeyProperty) {
		return nil, fmt.Errorf("hubspot config: KeyProperty %q: want a HubSpot internal property name (lower case letters, digits, _)", cfg.KeyProperty)
	}
	if strings.TrimSpace(cfg.Pipeline) == "" {
		return nil, errors.New(`hubspot config: Pipeline is required (the deal pipeline id, "default" for HubSpot's sales pipeline)`)
	}
	if len(cfg.Stages) == 0 {
		return nil, errors.New("hubspot config: Stages is required (leadflow stage name -> HubSpot dealstage id)")
	}
	back := make(map[string]string, len(cfg.Stages))
	for name, id := range cfg.Stages {
		if strings.TrimSpace(name) == "" || strings.TrimSpace(id) == "" {
			return nil, fmt.Errorf("hubspot config: Stages[%q] = %q: stage name and dealstage id must both be set", name, id)
		}
		if other, dup := back[id]; dup {
			return nil, fmt.Errorf("hubspot config: Stages: %q and %q both map to dealstage %q, so a change in HubSpot could not be mapped back", other, name, id)
		}
		back[id] = name
	}
	for rep, owner := range cfg.Owners {
		if !strings.Contains(rep, "@") || !strings.Contains(owner, "@") {
			return nil, fmt.Errorf("hubspot config: Owners: entry %q -> %q: want rep email -> HubSpot user email", rep, owner)
		}
	}
	if cfg.AppID != "" {
		if _, err := strconv.ParseUint(cfg.AppID, 10, 64); err != nil {
			return nil, fmt.Errorf("hubspot config: AppID %q: want the app's numeric id", cfg.AppID)
		}
	}
	zone := time.UTC
	if cfg.TimeZone != "" {
		if zone, err = time.LoadLocation(cfg.TimeZone); err != nil {
			return nil, fmt.Errorf("hubspot config: TimeZone %q: %w", cfg.TimeZone, err)
		}
	}
	if cfg.ReplayWindow < 0 {
		return nil, fmt.Errorf("hubspot config: ReplayWindow %s: must not be negative", cfg.ReplayWindow)
	}
	if cfg.ReplayWindow == 0 {
		cfg.ReplayWindow = DefaultReplayWindow
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.NowFunc == nil {
		cfg.NowFunc = time.Now
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: cfg.Timeout}
	}
	return &Client{cfg: cfg, base: strings.TrimRight(cfg.BaseURL, "/"), http: hc, zone: zone, stageBack: back}, nil
}

// Name returns "hubspot".
func (c *Client) Name() string { return Name }

// apiError is HubSpot's error body. Every field is optional (HubSpot's
// error handling page says so); 429s add policyName.
type apiError struct {
	Status        string `json:"status"`
	Message       string `json:"message"`
	Category      string `json:"category"`
	CorrelationID string `json:"correlationId"`
	PolicyName    string `json:"policyName"`
	Errors        []struct {
		Message string `json:"message"`
		In      string `json:"in"`
	} `json:"errors"`
}

// call sends one API request and decodes a 2xx answer into out (nil: the
// body is dropped). what names the operation in errors; personal lists the
// pushed values to keep out of HubSpot's echoed messages.
func (c *Client) call(ctx context.Context, method, path string, in, out any, what string, personal []string) (int, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return 0, fmt.Errorf("hubspot: %s: encode request: %w", what, err)
		}
		body = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return 0, fmt.Errorf("hubspot: %s: build request: %w", what, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		// A transport failure or timeout may succeed later; the
		// *url.Error text quotes the URL, so only its cause is kept.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return 0, &crm.RetryableError{Err: fmt.Errorf("hubspot: %s: no answer: %w", what, err)}
	}
	defer resp.Body.Close()
	raw, err := boundedread.Read(resp.Body, c.cfg.MaxBody)
	if err != nil {
		return resp.StatusCode, &crm.RetryableError{Err: fmt.Errorf("hubspot: %s: read the answer (HTTP %d): %w", what, resp.StatusCode, err)}
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if out != nil {
			if err := json.Unmarshal(raw, out); err != nil {
				// A garbled success (a proxy's page, a cut body) may be
				// right next time; every call here is safe to repeat.
				return resp.StatusCode, &crm.RetryableError{Err: fmt.Errorf("hubspot: %s: answer (HTTP %d) is not the documented JSON: %w", what, resp.StatusCode, err)}
			}
		}
		return resp.StatusCode, nil
	}
	return resp.StatusCode, c.classify(resp, raw, what, personal)
}

// classify turns a non-2xx answer into the crm error class the sync worker
// acts on: 401/403 wrap crm.ErrUnauthorized (the target pauses), 429 and
// 5xx are retryable after the wait HubSpot asked for, other 4xx are
// permanent with HubSpot's redacted message.
func (c *Client) classify(resp *http.Response, raw []byte, what string, personal []string) error {
	var ae apiError
	_ = json.Unmarshal(raw, &ae) // every field is optional; a non-JSON body leaves them empty
	msg := c.redact(ae.Message, personal)
	if msg == "" {
		msg = http.StatusText(resp.StatusCode)
	}
	detail := fmt.Sprintf("HTTP %d", resp.StatusCode)
	if ae.Category != "" {
		detail += ", " + ae.Category
	}
	if ae.CorrelationID != "" {
		detail += ", correlationId " + c.redact(ae.CorrelationID, nil)
	}
	text := fmt.Sprintf("hubspot: %s: %s (%s)", what, msg, detail)
	switch code := resp.StatusCode; {
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return &crm.PermanentError{Message: text, Err: crm.ErrUnauthorized}
	case code == http.StatusTooManyRequests:
		wait, why := c.rateLimitWait(resp.Header, ae.PolicyName)
		return &crm.RetryableError{After: wait, Err: fmt.Errorf("%s: %s", text, why)}
	case code >= 500 || code == http.StatusRequestTimeout || code == http.StatusLocked:
		// 423 Locked: HubSpot holds a record while it merges or imports it.
		return &crm.RetryableError{
			After: retryafter.Parse(resp.Header.Get("Retry-After"), c.cfg.NowFunc(), maxRetryAfter),
			Err:   errors.New(text),
		}
	default:
		return &crm.PermanentError{Message: text, Err: fmt.Errorf("hubspot: HTTP %d", code)}
	}
}

// rateLimitWait reads how long a 429 asks to wait. HubSpot names the
// exhausted policy in the body: TEN_SECONDLY_ROLLING (a rolling ten-second
// window: calls age out continuously, so a second or so is enough) or DAILY
// (nothing helps before the daily quota resets at midnight in the account's
// time zone). A Retry-After header, when sent, wins.
func (c *Client) rateLimitWait(h http.Header, policy string) (time.Duration, string) {
	now := c.cfg.NowFunc()
	if d := retryafter.Parse(h.Get("Retry-After"), now, maxRetryAfter); d > 0 {
		return d, fmt.Sprintf("rate limited (%s), Retry-After %s", policyOr(policy), d)
	}
	if strings.EqualFold(policy, "DAILY") || h.Get("X-HubSpot-RateLimit-Daily-Remaining") == "0" {
		local := now.In(c.zone)
		next := time.Date(local.Year(), local.Month(), local.Day()+1, 0, 0, 0, 0, c.zone)
		wait := next.Sub(now)
		return wait, fmt.Sprintf("daily API quota used up; it resets at midnight %s, in %s", c.zone, wait.Round(time.Second))
	}
	wait := time.Second
	if ms, err := strconv.ParseInt(h.Get("X-HubSpot-RateLimit-Interval-Milliseconds"), 10, 64); err == nil && ms > 0 && ms < 1000 {
		wait = time.Duration(ms) * time.Millisecond
	}
	return wait, fmt.Sprintf("rate limited (%s window), retry in %s", policyOr(policy), wait)
}

func policyOr(p string) string {
	if p == "" {
		return "burst"
	}
	return p
}

// credentials matches what could be a credential or an email address in
// HubSpot's message: bearer tokens, private app tokens (pat-...), emails.
var credentials = regexp.MustCompile(`(?i)(bearer\s+)\S+|()\bpat-[a-z0-9-]{8,}|[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}`)

// redact makes HubSpot's message safe to keep on a dead letter: no token,
// no client secret, no email, none of the pushed personal values.
func (c *Client) redact(s string, personal []string) string {
	secrets := make([]string, 0, 2+len(personal))
	for _, p := range append([]string{c.cfg.Token, c.cfg.ClientSecret}, personal...) {
		if len(p) >= 3 { // a two-letter name would blank unrelated words
			secrets = append(secrets, p)
		}
	}
	return strings.TrimSpace(redact.Message(s, credentials, maxProviderMsg, secrets...))
}
