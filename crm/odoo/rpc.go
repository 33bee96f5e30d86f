package odoo

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
	"strings"
	"time"

	"leadflow/crm"
	"leadflow/internal/redact"
	"leadflow/internal/retryafter"
)

// maxBody bounds one JSON-RPC answer. The largest we ask for is a page of
// PageSize leads with a dozen fields, well under a MiB; a proxy's error
// page or a runaway answer stops here instead of filling memory.
const maxBody = 8 << 20

// maxRetryAfter caps how long a Retry-After may park the target.
const maxRetryAfter = time.Hour

// maxMessage bounds an Odoo message copied into an error (and so into the
// sync worker's dead letters).
const maxMessage = 300

// personalData matches what must not reach a dead letter or a log from an
// Odoo message: email addresses (a ValidationError about a partner quotes
// its email) and long digit runs (phone numbers).
var personalData = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}|\+?\d[\d .\-()]{7,}\d`)

// rpcRequest is Odoo's JSON-RPC envelope for /jsonrpc: method is always
// "call", params name the service ("common", "object"), its method and the
// positional args.
type rpcRequest struct {
	JSONRPC string    `json:"jsonrpc"`
	Method  string    `json:"method"`
	Params  rpcParams `json:"params"`
	ID      int64     `json:"id"`
}

type rpcParams struct {
	Service string `json:"service"`
	Method  string `json:"method"`
	Args    []any  `json:"args"`
}

// rpcResponse is the answer: result on success, error otherwise (with HTTP
// 200 either way: Odoo's JsonRPCDispatcher reports exceptions in the body).
type rpcResponse struct {
	Result json.RawMessage `json:"result"`
	Error  *rpcError       `json:"error"`
}

// rpcError is Odoo's error object: code is 200 for any server exception
// (100 for an expired session, 404 for an unknown route), message is
// "Odoo Server Error", and data is serialize_exception's dict whose name is
// the exception's dotted class ("odoo.exceptions.ValidationError") and
// whose message is the user-facing text.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    struct {
		Name      string          `json:"name"`
		Message   string          `json:"message"`
		Arguments json.RawMessage `json:"arguments"`
	} `json:"data"`
}

// errMalformed marks an answer that is not Odoo's JSON-RPC shape.
var errMalformed = errors.New("odoo: answer is not a JSON-RPC response")

// decodeResponse reads one /jsonrpc answer body: the raw result, or the
// Odoo error object as *rpcError, or errMalformed. It never panics on any
// input (FuzzDecodeResponse).
func decodeResponse(body []byte) (json.RawMessage, error) {
	var r rpcResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("%w: %v", errMalformed, err)
	}
	if r.Error != nil {
		return nil, r.Error
	}
	if r.Result == nil {
		return nil, fmt.Errorf("%w: neither result nor error", errMalformed)
	}
	return r.Result, nil
}

func (e *rpcError) Error() string {
	msg := e.Data.Message
	if msg == "" {
		msg = e.Message
	}
	if e.Data.Name != "" {
		return e.Data.Name + ": " + msg
	}
	return msg
}

// classify turns an Odoo error object into the crm error classes: a
// rejected key (AccessDenied, an expired session) wraps crm.ErrUnauthorized
// so the sync worker pauses the target; a database hiccup (serialization
// failure, lost connection) is retryable; a user error the record caused
// (ValidationError, UserError, AccessError, MissingError), a call Odoo
// cannot even dispatch (builtins.ValueError for an unknown field; Python 2
// era servers say exceptions.*) and a database that does not exist are
// permanent. Any other exception is left unclassified, which the sync
// worker retries.
func (c *Client) classify(what string, e *rpcError) error {
	msg := c.redact(e.Error())
	wrapped := fmt.Errorf("odoo %s: %s", what, msg)
	name := e.Data.Name
	switch {
	case name == "odoo.exceptions.AccessDenied" || e.Code == 100 ||
		strings.HasSuffix(name, "SessionExpiredException"):
		return fmt.Errorf("odoo %s: %s: %w", what, msg, crm.ErrUnauthorized)
	case name == "psycopg2.OperationalError" && strings.Contains(e.Data.Message, "does not exist"):
		// A database that does not exist: the config names the wrong one.
		return &crm.PermanentError{Message: wrapped.Error(), Err: e}
	case strings.HasPrefix(name, "psycopg2.") || name == "odoo.exceptions.ConcurrencyError" ||
		strings.HasSuffix(name, "ServiceUnavailable"):
		return &crm.RetryableError{Err: wrapped}
	case strings.HasPrefix(name, "odoo.exceptions.") || strings.HasPrefix(name, "builtins.") ||
		strings.HasPrefix(name, "exceptions.") || e.Code == 404:
		return &crm.PermanentError{Message: wrapped.Error(), Err: e}
	}
	return wrapped
}

// redact makes an Odoo message safe for errors, dead letters and logs.
func (c *Client) redact(s string) string {
	return strings.TrimSpace(redact.Message(s, personalData, maxMessage, c.cfg.APIKey))
}

// call posts one JSON-RPC call and returns its raw result, classified on
// failure: a transport failure, a timeout, 429, 502, 503 and 504 are
// *crm.RetryableError (with Odoo's or its proxy's Retry-After); 401 and 403
// from a proxy wrap crm.ErrUnauthorized; other statuses are permanent.
func (c *Client) call(ctx context.Context, what, service, method string, args ...any) (json.RawMessage, error) {
	body, err := json.Marshal(rpcRequest{JSONRPC: "2.0", Method: "call", ID: c.nextID.Add(1),
		Params: rpcParams{Service: service, Method: method, Args: args}})
	if err != nil {
		return nil, &crm.PermanentError{Message: "odoo " + what + ": encode the request: " + err.Error(), Err: err}
	}
	callCtx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(callCtx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("odoo %s: build the request: %w", what, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "leadflow-crm-sync")
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("odoo %s: %w", what, ctx.Err())
		}
		return nil, &crm.RetryableError{Err: fmt.Errorf("odoo %s: no answer: %w", what, netError(err))}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("odoo %s: %w", what, ctx.Err())
		}
		return nil, &crm.RetryableError{Err: fmt.Errorf("odoo %s: read the answer: %w", what, netError(err))}
	}
	if len(raw) > maxBody {
		return nil, &crm.PermanentError{Message: fmt.Sprintf("odoo %s: answer larger than %d bytes", what, maxBody)}
	}
	if resp.StatusCode != http.StatusOK {
		return nil, c.statusError(what, resp, raw)
	}
	result, err := decodeResponse(raw)
	var re *rpcError
	switch {
	case errors.As(err, &re):
		return nil, c.classify(what, re)
	case err != nil:
		// A 200 that is not JSON-RPC is a proxy's page or a wrong URL: a
		// config error no retry fixes.
		return nil, &crm.PermanentError{Message: fmt.Sprintf("odoo %s: %v (is url the Odoo base URL?)", what, err), Err: err}
	}
	return result, nil
}

// statusError classifies a non-200 answer.
func (c *Client) statusError(what string, resp *http.Response, raw []byte) error {
	text := fmt.Sprintf("odoo %s: HTTP %d", what, resp.StatusCode)
	if msg := c.redact(string(raw)); msg != "" {
		text += ": " + msg
	}
	switch s := resp.StatusCode; {
	case s == http.StatusTooManyRequests || s == http.StatusBadGateway || s == http.StatusServiceUnavailable ||
		s == http.StatusGatewayTimeout || s >= 500:
		after := retryafter.Parse(resp.Header.Get("Retry-After"), c.cfg.NowFunc(), maxRetryAfter)
		return &crm.RetryableError{After: after, Err: errors.New(text)}
	case s == http.StatusUnauthorized || s == http.StatusForbidden:
		return fmt.Errorf("%s: %w", text, crm.ErrUnauthorized)
	default:
		return &crm.PermanentError{Message: text}
	}
}

// netError strips the *url.Error wrapper of an http.Client error, whose
// text repeats the URL, keeping what failed (timeout, refused).
func netError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// many2one is Odoo's many2one value as read: false when empty, else
// [id, display_name].
type many2one struct {
	ID   int
	Name string
}

func (m *many2one) UnmarshalJSON(b []byte) error {
	*m = many2one{}
	s := strings.TrimSpace(string(b))
	if s == "false" || s == "null" {
		return nil
	}
	var pair []json.RawMessage
	if err := json.Unmarshal(b, &pair); err != nil {
		return fmt.Errorf("many2one: %w", err)
	}
	if len(pair) != 2 {
		return fmt.Errorf("many2one: want [id, name], got %d elements", len(pair))
	}
	if err := json.Unmarshal(pair[0], &m.ID); err != nil {
		return fmt.Errorf("many2one id: %w", err)
	}
	var name text
	if err := json.Unmarshal(pair[1], &name); err != nil {
		return fmt.Errorf("many2one name: %w", err)
	}
	m.Name = string(name)
	return nil
}

// text is an Odoo char/text/datetime value as read: false when empty.
type text string

func (t *text) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "false" || s == "null" {
		*t = ""
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("text: %w", err)
	}
	*t = text(v)
	return nil
}
