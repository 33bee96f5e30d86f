package email

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/mailgun/mailgun-go/v4"
	"golang.org/x/time/rate"

	"leadflow/internal/retryafter"
)

// Settings the Mailgun sender's configuration errors name, so an operator
// knows what to fix without the error printing a secret.
const (
	envMailgunAPIKey  = "LEADFLOW_MAILGUN_API_KEY"
	envMailgunDomain  = "LEADFLOW_MAILGUN_DOMAIN"
	envMailgunAPIBase = "LEADFLOW_MAILGUN_API_BASE"
)

// Defaults for MailgunConfig.
const (
	// DefaultMailgunRatePerSecond paces sends per domain. Mailgun does not
	// publish a per-second figure; 10/s keeps a burst of triggers from
	// tripping its rate limit or a new domain's reputation warm-up.
	DefaultMailgunRatePerSecond = 10
	// DefaultMailgunTimeout bounds one API call when MailgunConfig has no
	// HTTPClient.
	DefaultMailgunTimeout = 30 * time.Second
	// maxRetryAfter caps a Retry-After we honour: a broken or hostile value
	// must not park an email for a year.
	maxRetryAfter = time.Hour
	// maxReasonLen bounds SendError.Msg, which the outbox stores.
	maxReasonLen = 300
)

// MailgunConfig configures a MailgunSender. The lead engineer maps it from
// LEADFLOW_MAILGUN_* settings.
type MailgunConfig struct {
	// APIKey is the Mailgun private API key (LEADFLOW_MAILGUN_API_KEY).
	// Required.
	APIKey string
	// Domain is the sending domain (LEADFLOW_MAILGUN_DOMAIN), e.g.
	// mg.example.com. Required.
	Domain string
	// APIBase is the API origin (LEADFLOW_MAILGUN_API_BASE):
	// "https://api.eu.mailgun.net" for the EU region, or a test server's URL.
	// A version path (/v3) is added when missing. Plain http is accepted
	// only for loopback hosts, because the API key travels with every
	// request. Default: Mailgun's US API, https://api.mailgun.net/v3.
	APIBase string
	// RatePerSecond is the most sends per second this sender starts, for
	// its domain. Default (0): DefaultMailgunRatePerSecond.
	RatePerSecond float64
	// Burst is how many sends may start at once before the rate applies.
	// Default (0): 1, which spaces sends evenly.
	Burst int
	// HTTPClient carries the API calls. Default: a client with
	// DefaultMailgunTimeout. The sender wraps its transport to read
	// Retry-After, which mailgun-go does not expose.
	HTTPClient *http.Client
	// NowFunc is the clock used to turn a Retry-After date into a wait.
	// Default: time.Now.
	NowFunc func() time.Time
}

// MailgunSender sends email through Mailgun's messages API with
// mailgun-go, one domain per sender. It is safe for concurrent use; build
// one per domain and share it, because the rate limit lives in it.
type MailgunSender struct {
	mg      *mailgun.MailgunImpl
	limiter *rate.Limiter
	apiKey  string
	now     func() time.Time
}

var _ Sender = (*MailgunSender)(nil)

// NewMailgunSender validates c and returns a sender. Errors name the
// setting at fault and never print the API key.
func NewMailgunSender(c MailgunConfig) (*MailgunSender, error) {
	key := strings.TrimSpace(c.APIKey)
	if key == "" {
		return nil, fmt.Errorf("configure mailgun sender: %s: the API key is required", envMailgunAPIKey)
	}
	domain := strings.TrimSpace(c.Domain)
	if domain == "" {
		return nil, fmt.Errorf("configure mailgun sender: %s: the sending domain is required", envMailgunDomain)
	}
	// The same characters mailgun-go refuses at send time, plus those that
	// would change the request path; refusing them here fails at start-up.
	if strings.ContainsAny(domain, ":&'@(),!?#;%+=<>/\\ \t\r\n") {
		return nil, fmt.Errorf("configure mailgun sender: %s: %q is not a domain name", envMailgunDomain, domain)
	}
	base, err := mailgunAPIBase(c.APIBase)
	if err != nil {
		return nil, fmt.Errorf("configure mailgun sender: %s: %w", envMailgunAPIBase, err)
	}
	if c.RatePerSecond < 0 {
		return nil, fmt.Errorf("configure mailgun sender: rate per second %g is negative", c.RatePerSecond)
	}
	if c.RatePerSecond == 0 {
		c.RatePerSecond = DefaultMailgunRatePerSecond
	}
	if c.Burst < 0 {
		return nil, fmt.Errorf("configure mailgun sender: burst %d is negative", c.Burst)
	}
	if c.Burst == 0 {
		c.Burst = 1
	}
	if c.NowFunc == nil {
		c.NowFunc = time.Now
	}
	client := &http.Client{Timeout: DefaultMailgunTimeout}
	if c.HTTPClient != nil {
		copied := *c.HTTPClient
		client = &copied
	}
	transport := client.Transport
	if transport == nil {
		transport = http.DefaultTransport
	}
	client.Transport = captureTransport{base: transport}

	mg := mailgun.NewMailgun(domain, key)
	mg.SetAPIBase(base)
	mg.SetClient(client)
	return &MailgunSender{
		mg:      mg,
		limiter: rate.NewLimiter(rate.Limit(c.RatePerSecond), c.Burst),
		apiKey:  key,
		now:     c.NowFunc,
	}, nil
}

// apiVersionRE matches the version segment mailgun-go requires at the end
// of its API base.
var apiVersionRE = regexp.MustCompile(`/v[1-5]$`)

// mailgunAPIBase turns the configured API base into what mailgun-go wants:
// an http(s) origin ending in a version path.
func mailgunAPIBase(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return mailgun.APIBaseUS, nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", errors.New("not an http(s) URL such as https://api.eu.mailgun.net")
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%s must not carry user info, a query or a fragment", u.Redacted())
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return "", fmt.Errorf("%s must be https: the API key is sent with every request", u.Redacted())
	}
	u.Path = strings.TrimRight(u.Path, "/")
	if !apiVersionRE.MatchString(u.Path) {
		u.Path += "/v3"
	}
	return u.String(), nil
}

// Send waits for the domain's rate limit (or ctx), then sends m and returns
// Mailgun's message id exactly as Mailgun returns it, in angle brackets
// ("<20260101.abc@mg.example.com>"); StripBrackets gives the bare form
// that Mailgun's events carry.
//
// Every error is a *SendError. 429, 408, 5xx and network failures are
// temporary, with RetryAfter from Mailgun's Retry-After header when it sent
// one; other 4xx and invalid messages are permanent. Send does not retry:
// the outbox owns attempts and backoff, and Mailgun has no idempotency key,
// so a retry after a lost answer can duplicate a message (the outbox id in
// the user-variables lets the event webhook reconcile it).
func (s *MailgunSender) Send(ctx context.Context, m Message) (string, error) {
	msg, err := buildMailgunMessage(m)
	if err != nil {
		return "", &SendError{Permanent: true, Msg: err.Error(), Err: err}
	}
	if err := s.limiter.Wait(ctx); err != nil {
		return "", &SendError{Msg: "wait for the send rate limit: " + err.Error(), Err: err}
	}
	capture := &responseCapture{}
	_, id, err := s.mg.Send(context.WithValue(ctx, captureKey{}, capture), msg)
	if err != nil {
		return "", s.classify(ctx, err, capture)
	}
	return id, nil
}

// buildMailgunMessage checks m and turns it into mailgun-go's message.
// Error texts never quote addresses: they end up in logs.
func buildMailgunMessage(m Message) (*mailgun.Message, error) {
	if _, err := mail.ParseAddress(m.From); err != nil {
		return nil, errors.New("invalid message: the from address is not valid")
	}
	// ParseAddress refuses lists, so this is exactly one recipient: the
	// mock server and our events both assume one per message.
	if _, err := mail.ParseAddress(m.To); err != nil {
		return nil, errors.New("invalid message: the recipient is not one valid address")
	}
	if strings.TrimSpace(m.Text) == "" && strings.TrimSpace(m.HTML) == "" {
		return nil, errors.New("invalid message: no text or html body")
	}
	if len(m.Tags) > mailgun.MaxNumberOfTags {
		return nil, fmt.Errorf("invalid message: %d tags, mailgun allows %d", len(m.Tags), mailgun.MaxNumberOfTags)
	}
	msg := mailgun.NewMessage(m.From, SingleLine(m.Subject, 0), m.Text, m.To)
	if m.HTML != "" {
		msg.SetHTML(m.HTML)
	}
	for _, tag := range m.Tags {
		if !validTag(tag) {
			return nil, fmt.Errorf("invalid message: tag %q must be 1-128 printable ASCII characters", tag)
		}
		if err := msg.AddTag(tag); err != nil {
			return nil, fmt.Errorf("invalid message: %w", err)
		}
	}
	for _, k := range sortedKeys(m.Variables) {
		if k == "" || SingleLine(k, 0) != k {
			return nil, fmt.Errorf("invalid message: variable name %q", k)
		}
		if err := msg.AddVariable(k, m.Variables[k]); err != nil {
			return nil, fmt.Errorf("invalid message: variable %s: %w", k, err)
		}
	}
	for _, k := range sortedKeys(m.Headers) {
		v := m.Headers[k]
		if !validHeaderName(k) {
			return nil, fmt.Errorf("invalid message: header name %q", k)
		}
		// Headers come from code, not contact data: a line break here is a
		// bug to surface, not something to tidy.
		if strings.ContainsAny(v, "\r\n") {
			return nil, fmt.Errorf("invalid message: header %s contains a line break", k)
		}
		msg.AddHeader(k, v)
	}
	for _, a := range m.Attachments {
		// Named by code; a path or line break would be a bug.
		if a.Filename == "" || strings.ContainsAny(a.Filename, "/\\\r\n\"") {
			return nil, fmt.Errorf("invalid message: attachment name %q", a.Filename)
		}
		msg.AddBufferAttachment(a.Filename, a.Data)
	}
	return msg, nil
}

// validTag reports whether tag meets Mailgun's tag rules.
func validTag(tag string) bool {
	if tag == "" || len(tag) > 128 {
		return false
	}
	for i := 0; i < len(tag); i++ {
		if tag[i] < 0x20 || tag[i] > 0x7e {
			return false
		}
	}
	return true
}

// validHeaderName reports whether name is an RFC 5322 field name.
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] <= 0x20 || name[i] >= 0x7f || name[i] == ':' {
			return false
		}
	}
	return true
}

// classify turns a mailgun-go error into a *SendError.
func (s *MailgunSender) classify(ctx context.Context, err error, c *responseCapture) *SendError {
	var ue *mailgun.UnexpectedResponseError
	if errors.As(err, &ue) {
		se := &SendError{Status: ue.Actual, Msg: s.reason(ue), Err: err}
		switch {
		case ue.Actual == http.StatusTooManyRequests || ue.Actual == http.StatusRequestTimeout || ue.Actual >= 500:
			se.RetryAfter = parseRetryAfter(c.header.Get("Retry-After"), s.now())
		case ue.Actual >= 400:
			se.Permanent = true
		default:
			// A redirect or other surprise: retrying is safe, and the
			// outbox's attempt limit ends it if it persists.
		}
		return se
	}
	if c.status >= 200 && c.status < 300 {
		// Mailgun took the message but its answer did not parse. Sending
		// again would deliver twice; the event webhook will still report
		// the message under its outbox id.
		return &SendError{Permanent: true, Status: c.status, Msg: "mailgun accepted the message but its answer could not be read", Err: err}
	}
	if ctx.Err() != nil {
		return &SendError{Msg: "send interrupted: " + ctx.Err().Error(), Err: err}
	}
	return &SendError{Msg: s.scrub("mailgun unreachable: " + err.Error()), Err: err}
}

// reason is Mailgun's own explanation of an error answer: the "message"
// field of its JSON body, else the body text.
func (s *MailgunSender) reason(ue *mailgun.UnexpectedResponseError) string {
	var body struct {
		Message string `json:"message"`
	}
	text := string(ue.Data)
	if json.Unmarshal(ue.Data, &body) == nil && body.Message != "" {
		text = body.Message
	}
	text = SingleLine(text, maxReasonLen)
	if text == "" {
		text = http.StatusText(ue.Actual)
	}
	return s.scrub("mailgun: " + text)
}

// emailAddressRE finds addresses in provider messages, which quote the
// recipient; SendError.Msg is stored and logged, so they are redacted.
var emailAddressRE = regexp.MustCompile(`[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[A-Za-z]{2,}`)

// scrub removes the API key and email addresses from a message.
func (s *MailgunSender) scrub(text string) string {
	if s.apiKey != "" {
		text = strings.ReplaceAll(text, s.apiKey, "[api key]")
	}
	return emailAddressRE.ReplaceAllString(text, "[address]")
}

// parseRetryAfter reads a Retry-After value, delay-seconds or HTTP date,
// as a wait from now; 0 when absent, unreadable or in the past.
func parseRetryAfter(v string, now time.Time) time.Duration {
	return retryafter.Parse(v, now, maxRetryAfter)
}

// StripBrackets returns a message id without its angle brackets:
// "<abc@mg.example.com>" → "abc@mg.example.com". Mailgun returns ids in
// brackets from Send but reports them bare in events and webhooks.
func StripBrackets(id string) string {
	id = strings.TrimSpace(id)
	if len(id) >= 2 && id[0] == '<' && id[len(id)-1] == '>' {
		return id[1 : len(id)-1]
	}
	return id
}

// responseCapture receives the status and headers of the HTTP answer to one
// Send, which mailgun-go reads and discards.
type responseCapture struct {
	status int
	header http.Header
}

// captureKey is the context key carrying a *responseCapture to the
// transport.
type captureKey struct{}

// captureTransport copies each answer's status and headers into the
// request context's *responseCapture, if it has one. It runs in the
// caller's goroutine, before mailgun-go returns, so no locking is needed.
type captureTransport struct {
	base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t captureTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if err == nil {
		if c, ok := r.Context().Value(captureKey{}).(*responseCapture); ok {
			c.status = resp.StatusCode
			c.header = resp.Header.Clone()
		}
	}
	return resp, err
}
