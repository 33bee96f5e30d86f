package spend

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"leadflow/internal/boundedread"
	"leadflow/internal/redact"
	"leadflow/internal/retryafter"
)

// Source reads one platform's daily campaign spend.
type Source interface {
	// Platform is the platform's name (one of Platforms).
	Platform() string
	// Fetch returns an account's rows for the days from through to, both
	// included. Failures are *FetchError.
	Fetch(ctx context.Context, account string, from, to time.Time) ([]Row, error)
}

// FetchError is a failed read of a platform's reporting API. Its text
// never holds a credential: provider messages are redacted and cut.
type FetchError struct {
	Platform string
	// Permanent means retrying cannot help (a revoked token, a missing
	// permission, an unknown account): the task is dead-lettered.
	Permanent bool
	// RetryAfter is the platform's requested wait (rate limits); 0 = none.
	RetryAfter time.Duration
	// Status is the HTTP status, 0 when no answer arrived.
	Status int
	// Code is the platform's error code or status name, when it sent one.
	Code string
	// Msg says what failed.
	Msg string
	// Err is the underlying error, if any.
	Err error
}

func (e *FetchError) Error() string {
	s := e.Platform + " spend: " + e.Msg
	if e.Status != 0 || e.Code != "" {
		var parts []string
		if e.Status != 0 {
			parts = append(parts, fmt.Sprintf("HTTP %d", e.Status))
		}
		if e.Code != "" {
			parts = append(parts, "code "+e.Code)
		}
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *FetchError) Unwrap() error { return e.Err }

// DefaultMaxBody bounds one response body read from a platform: a month of
// a few thousand campaigns' days is a few MiB.
const DefaultMaxBody = 64 << 20

// maxRetryAfter caps a platform's requested wait.
const maxRetryAfter = 24 * time.Hour

// maxProviderMsg bounds a provider message copied into an error.
const maxProviderMsg = 300

// httpClient is what the platform clients share: the HTTP client, the
// clock, the body bound and the secrets to keep out of errors.
type httpClient struct {
	platform string
	client   *http.Client
	now      func() time.Time
	maxBody  int64
	secrets  []string
}

func newHTTPClient(platform string, c *http.Client, now func() time.Time, maxBody int64, secrets ...string) httpClient {
	if c == nil {
		c = &http.Client{Timeout: 2 * time.Minute}
	}
	if now == nil {
		now = time.Now
	}
	if maxBody <= 0 {
		maxBody = DefaultMaxBody
	}
	return httpClient{platform: platform, client: c, now: now, maxBody: maxBody, secrets: secrets}
}

// do sends req and reads the whole bounded body. A transport failure or an
// unreadable body is a transient *FetchError (a body past the limit is
// permanent: the next try would be as large).
func (h httpClient) do(req *http.Request, what string) (*http.Response, []byte, error) {
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, nil, &FetchError{Platform: h.platform, Msg: what + ": no answer", Err: netError(err)}
	}
	defer resp.Body.Close()
	body, err := boundedread.Read(resp.Body, h.maxBody)
	if err != nil {
		return nil, nil, &FetchError{Platform: h.platform, Status: resp.StatusCode, Permanent: errors.Is(err, boundedread.ErrTooLarge),
			Msg: what + ": read the answer", Err: netError(err)}
	}
	return resp, body, nil
}

// fail builds the *FetchError of an answer that is not a success: 429 and
// 5xx may be retried (after Retry-After), other 4xx may not.
func (h httpClient) fail(resp *http.Response, what, code, msg string) *FetchError {
	fe := &FetchError{Platform: h.platform, Status: resp.StatusCode, Code: code, Msg: what}
	if msg = h.redact(msg); msg != "" {
		fe.Msg += ": " + msg
	} else {
		fe.Msg += ": " + http.StatusText(resp.StatusCode)
	}
	fe.Permanent = resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusTooManyRequests
	if !fe.Permanent {
		fe.RetryAfter = retryafter.Parse(resp.Header.Get("Retry-After"), h.now(), maxRetryAfter)
	}
	return fe
}

// credentialPattern matches what could be a credential in a provider's
// message.
var credentialPattern = regexp.MustCompile(`(?i)((?:access_token|appsecret_proof|client_secret|refresh_token|developer-token)=)[^&\s"']*|(bearer\s+)\S+|\bEAA[A-Za-z0-9]{8,}|\bya29\.[A-Za-z0-9_.-]+|\b1//[A-Za-z0-9_-]{10,}`)

// redact makes a provider's message safe for errors and logs.
func (h httpClient) redact(s string) string {
	return strings.TrimSpace(redact.Message(s, credentialPattern, maxProviderMsg, h.secrets...))
}

// netError strips the *url.Error wrapper of an http.Client error: its text
// quotes the request URL, which may carry a credential.
func netError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// count reads a platform's count, sent as a JSON string ("123") or number.
func count(raw string) (int64, error) {
	raw = strings.Trim(strings.TrimSpace(raw), `"`)
	if raw == "" || raw == "null" {
		return 0, nil
	}
	var n int64
	for _, c := range raw {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%q is not a whole number", raw)
		}
		if n > (1<<62)/10 {
			return 0, fmt.Errorf("%q is too large", raw)
		}
		n = n*10 + int64(c-'0')
	}
	return n, nil
}

// flexCount is a count sent as a JSON string or number.
type flexCount int64

func (f *flexCount) UnmarshalJSON(b []byte) error {
	n, err := count(string(b))
	*f = flexCount(n)
	return err
}

// flexAmount is an amount of money sent as a JSON decimal string or
// number, read by ParseAmount into micros.
type flexAmount int64

func (f *flexAmount) UnmarshalJSON(b []byte) error {
	s := strings.Trim(strings.TrimSpace(string(b)), `"`)
	if s == "" || s == "null" {
		*f = 0
		return nil
	}
	m, err := ParseAmount(s)
	*f = flexAmount(m)
	return err
}
