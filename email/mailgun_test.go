package email

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mailgun/mailgun-go/v4"
	"github.com/mailgun/mailgun-go/v4/events"
	"github.com/stretchr/testify/require"
)

const (
	testDomain = "mg.example.com"
	testAPIKey = "key-0123456789secret"
)

// testMessage renders nurture-1 for Ada with unsubscribe headers, the way
// the outbox will.
func testMessage(t testing.TB) Message {
	t.Helper()
	tpl := loadDefaults(t)
	u := newTestUnsubscriber(t)
	tok, err := u.Token(testRef)
	require.NoError(t, err)
	d := sampleData()
	d.UnsubscribeURL = u.URL(tok)
	r, err := tpl.Render("nurture-1", d)
	require.NoError(t, err)
	return Message{
		From:      "Grace Hopper <grace@mg.example.com>",
		To:        "Ada Lovelace <ada@example.com>",
		Subject:   r.Subject,
		Text:      r.Text,
		HTML:      r.HTML,
		Tags:      []string{"nurture", "nurture-1"},
		Variables: map[string]string{VariableOutboxID: "1001", VariableLeadID: "42"},
		Headers:   u.Headers(tok),
	}
}

func newTestSender(t testing.TB, apiBase string, mod func(*MailgunConfig)) *MailgunSender {
	t.Helper()
	c := MailgunConfig{APIKey: testAPIKey, Domain: testDomain, APIBase: apiBase, RatePerSecond: 1000, Burst: 100}
	if mod != nil {
		mod(&c)
	}
	s, err := NewMailgunSender(c)
	require.NoError(t, err)
	return s
}

// TestMailgunSendMockServer sends through mailgun-go's own mock and reads
// the message back from the events it records. The mock keeps recipient,
// sender, subject and tags but not bodies, variables or headers; those are
// checked against the form in TestMailgunSendForm.
func TestMailgunSendMockServer(t *testing.T) {
	t.Parallel()
	srv := mailgun.NewMockServer()
	t.Cleanup(srv.Stop)
	s := newTestSender(t, srv.URL(), nil)
	m := testMessage(t)
	m.Tags = []string{"leadflow-nurture-1"}

	id, err := s.Send(context.Background(), m)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(id, "<") && strings.HasSuffix(id, ">"), "id %q comes in angle brackets", id)

	var accepted *events.Accepted
	for _, e := range srv.Events() {
		if e.GetID() == StripBrackets(id) {
			accepted, _ = e.(*events.Accepted)
		}
	}
	require.NotNil(t, accepted, "the mock recorded an accepted event for %s", id)
	require.Equal(t, m.To, accepted.Recipient)
	require.Equal(t, "example.com", accepted.RecipientDomain)
	require.Equal(t, m.From, accepted.Message.Headers.From)
	require.Equal(t, "Welcome, Ada: here's what happens next", accepted.Message.Headers.Subject)

	// The mock keeps the tags it has seen.
	client := mailgun.NewMailgun(testDomain, testAPIKey)
	client.SetAPIBase(srv.URL())
	tag, err := client.GetTag(context.Background(), "leadflow-nurture-1")
	require.NoError(t, err)
	require.Equal(t, "leadflow-nurture-1", tag.Value)
}

// formServer is an httptest Mailgun that records every messages request it
// receives and answers with the next scripted reply.
type formServer struct {
	*httptest.Server
	mu      sync.Mutex
	forms   []map[string][]string
	auth    []string
	replies []reply
}

type reply struct {
	status  int
	headers map[string]string
	body    string
}

func newFormServer(t *testing.T, replies ...reply) *formServer {
	t.Helper()
	fs := &formServer{replies: replies}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v3/"+testDomain+"/messages" {
			http.NotFound(w, r)
			return
		}
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		user, pass, _ := r.BasicAuth()
		fs.mu.Lock()
		fs.forms = append(fs.forms, r.MultipartForm.Value)
		fs.auth = append(fs.auth, user+":"+pass)
		rep := reply{status: http.StatusOK, body: `{"id":"<20260101.1@mg.example.com>","message":"Queued. Thank you."}`}
		if len(fs.replies) > 0 {
			rep, fs.replies = fs.replies[0], fs.replies[1:]
		}
		fs.mu.Unlock()
		for k, v := range rep.headers {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rep.status)
		_, _ = w.Write([]byte(rep.body))
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *formServer) requests() int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return len(fs.forms)
}

// TestMailgunSendForm checks the exact form Mailgun's API receives.
func TestMailgunSendForm(t *testing.T) {
	t.Parallel()
	fs := newFormServer(t)
	s := newTestSender(t, fs.URL, nil) // no /v3: the sender adds it
	m := testMessage(t)

	id, err := s.Send(context.Background(), m)
	require.NoError(t, err)
	require.Equal(t, "<20260101.1@mg.example.com>", id)
	require.Equal(t, "20260101.1@mg.example.com", StripBrackets(id))

	require.Equal(t, 1, fs.requests())
	form := fs.forms[0]
	require.Equal(t, "api:"+testAPIKey, fs.auth[0])
	require.Equal(t, []string{"Ada Lovelace <ada@example.com>"}, form["to"])
	require.Equal(t, []string{"Grace Hopper <grace@mg.example.com>"}, form["from"])
	require.Equal(t, []string{"Welcome, Ada: here's what happens next"}, form["subject"])
	require.Len(t, form["text"], 1)
	require.True(t, strings.HasPrefix(form["text"][0], "Hi Ada,\n"))
	require.Contains(t, form["text"][0], `what you need: "25 seats for the sales team"`)
	require.Contains(t, form["text"][0], "https://leads.example.com/u/")
	require.Len(t, form["html"], 1)
	require.Contains(t, form["html"][0], "<p>Hi Ada,</p>")
	require.Equal(t, []string{"nurture", "nurture-1"}, form["o:tag"])
	require.Equal(t, []string{"1001"}, form["v:outbox_id"])
	require.Equal(t, []string{"42"}, form["v:lead_id"])
	tok, err := newTestUnsubscriber(t).Token(testRef)
	require.NoError(t, err)
	require.Equal(t, []string{"<https://leads.example.com/u/" + tok + ">, <mailto:unsubscribe@mg.example.com?subject=unsubscribe%20" + tok + ">"}, form["h:List-Unsubscribe"])
	require.Equal(t, []string{"List-Unsubscribe=One-Click"}, form["h:List-Unsubscribe-Post"])
}

// TestMailgunSendRetryAfter is the acceptance case: 429 then 200 gives one
// retryable error carrying Retry-After and then exactly one accepted send.
func TestMailgunSendRetryAfter(t *testing.T) {
	t.Parallel()
	fs := newFormServer(t,
		reply{status: http.StatusTooManyRequests, headers: map[string]string{"Retry-After": "2"}, body: `{"message":"Too many requests"}`},
		reply{status: http.StatusOK, body: `{"id":"<ok@mg.example.com>","message":"Queued. Thank you."}`},
	)
	s := newTestSender(t, fs.URL, nil)
	m := testMessage(t)

	_, err := s.Send(context.Background(), m)
	var se *SendError
	require.ErrorAs(t, err, &se)
	require.False(t, se.Permanent)
	require.Equal(t, 2*time.Second, se.RetryAfter)
	require.Equal(t, http.StatusTooManyRequests, se.Status)
	require.Equal(t, "mailgun: Too many requests", se.Msg)

	// The caller retries (here at once; the outbox waits RetryAfter).
	id, err := s.Send(context.Background(), m)
	require.NoError(t, err)
	require.Equal(t, "<ok@mg.example.com>", id)
	require.Equal(t, 2, fs.requests(), "one refused, one accepted")
}

func TestMailgunSendClassifiesErrors(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		reply      reply
		permanent  bool
		retryAfter time.Duration
		msg        string
	}{
		{
			name:      "400 is permanent with mailgun's reason, without the key or the address",
			reply:     reply{status: 400, body: `{"message":"'to' parameter is not a valid address: ada@example.com (key ` + testAPIKey + `)"}`},
			permanent: true,
			msg:       "mailgun: 'to' parameter is not a valid address: [address] (key [api key])",
		},
		{name: "401 is permanent", reply: reply{status: 401, body: "Forbidden"}, permanent: true, msg: "mailgun: Forbidden"},
		{name: "404 domain unknown is permanent", reply: reply{status: 404, body: `{"message":"Domain not found: mg.example.com"}`}, permanent: true, msg: "mailgun: Domain not found: mg.example.com"},
		{name: "empty body falls back to status text", reply: reply{status: 413}, permanent: true, msg: "mailgun: Request Entity Too Large"},
		{name: "500 retries", reply: reply{status: 500, body: `{"message":"Internal error"}`}, msg: "mailgun: Internal error"},
		{name: "503 with an HTTP date", reply: reply{status: 503, headers: map[string]string{"Retry-After": now.Add(90 * time.Second).Format(http.TimeFormat)}}, retryAfter: 90 * time.Second, msg: "mailgun: Service Unavailable"},
		{name: "429 with a silly wait is capped", reply: reply{status: 429, headers: map[string]string{"Retry-After": "99999999"}}, retryAfter: maxRetryAfter, msg: "mailgun: Too Many Requests"},
		{name: "429 without Retry-After", reply: reply{status: 429}, msg: "mailgun: Too Many Requests"},
		{name: "408 retries", reply: reply{status: 408}, msg: "mailgun: Request Timeout"},
		{name: "accepted but unreadable is not resent", reply: reply{status: 200, body: "<html>"}, permanent: true, msg: "mailgun accepted the message but its answer could not be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs := newFormServer(t, tt.reply)
			s := newTestSender(t, fs.URL, func(c *MailgunConfig) { c.NowFunc = func() time.Time { return now } })
			_, err := s.Send(context.Background(), testMessage(t))
			var se *SendError
			require.ErrorAs(t, err, &se)
			require.Equal(t, tt.permanent, se.Permanent)
			require.Equal(t, tt.retryAfter, se.RetryAfter)
			require.Equal(t, tt.reply.status, se.Status)
			require.Equal(t, tt.msg, se.Msg)
			require.NotContains(t, err.Error(), testAPIKey)
			require.Equal(t, 1, fs.requests(), "Send never retries by itself")
			if tt.reply.status != 200 {
				var ue *mailgun.UnexpectedResponseError
				require.ErrorAs(t, err, &ue, "the mailgun-go error stays reachable")
			}
		})
	}
}

func TestMailgunSendNetworkErrors(t *testing.T) {
	t.Parallel()
	fs := newFormServer(t)
	s := newTestSender(t, fs.URL, nil)
	fs.Close()
	_, err := s.Send(context.Background(), testMessage(t))
	var se *SendError
	require.ErrorAs(t, err, &se)
	require.False(t, se.Permanent)
	require.Zero(t, se.Status)
	require.Contains(t, se.Msg, "mailgun unreachable")
	require.NotContains(t, err.Error(), testAPIKey)

	fs2 := newFormServer(t)
	s2 := newTestSender(t, fs2.URL, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s2.Send(ctx, testMessage(t))
	require.ErrorAs(t, err, &se)
	require.False(t, se.Permanent)
	require.ErrorIs(t, err, context.Canceled)
	require.Zero(t, fs2.requests())
}

func TestMailgunSendRejectsInvalidMessages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		mod     func(*Message)
		wantErr string
	}{
		{name: "no recipient", mod: func(m *Message) { m.To = "" }, wantErr: "recipient"},
		{name: "two recipients", mod: func(m *Message) { m.To = "a@example.com, b@example.com" }, wantErr: "recipient"},
		{name: "bad from", mod: func(m *Message) { m.From = "grace" }, wantErr: "from address"},
		{name: "no body", mod: func(m *Message) { m.Text, m.HTML = "", " " }, wantErr: "no text or html"},
		{name: "too many tags", mod: func(m *Message) { m.Tags = []string{"a", "b", "c", "d"} }, wantErr: "4 tags"},
		{name: "empty tag", mod: func(m *Message) { m.Tags = []string{""} }, wantErr: "tag"},
		{name: "header injection", mod: func(m *Message) { m.Headers = map[string]string{"X-Ref": "1\r\nBcc: x@evil.example"} }, wantErr: "line break"},
		{name: "bad header name", mod: func(m *Message) { m.Headers = map[string]string{"X Ref:": "1"} }, wantErr: "header name"},
		{name: "bad variable name", mod: func(m *Message) { m.Variables = map[string]string{"a\nb": "1"} }, wantErr: "variable name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs := newFormServer(t)
			s := newTestSender(t, fs.URL, nil)
			m := testMessage(t)
			tt.mod(&m)
			_, err := s.Send(context.Background(), m)
			var se *SendError
			require.ErrorAs(t, err, &se)
			require.True(t, se.Permanent)
			require.ErrorContains(t, err, tt.wantErr)
			require.NotContains(t, err.Error(), "ada@example.com")
			require.Zero(t, fs.requests())
		})
	}
}

func TestMailgunSendFlattensSubject(t *testing.T) {
	t.Parallel()
	fs := newFormServer(t)
	s := newTestSender(t, fs.URL, nil)
	m := testMessage(t)
	m.Subject = "Hello\r\nBcc: x@evil.example"
	_, err := s.Send(context.Background(), m)
	require.NoError(t, err)
	require.Equal(t, []string{"Hello Bcc: x@evil.example"}, fs.forms[0]["subject"])
}

// TestMailgunRateLimit checks pacing without a clock: a burst of 2 at a
// rate that refills one token every ~17 minutes lets two sends through, and
// the third is refused at once because its context deadline is sooner.
func TestMailgunRateLimit(t *testing.T) {
	t.Parallel()
	fs := newFormServer(t)
	s := newTestSender(t, fs.URL, func(c *MailgunConfig) { c.RatePerSecond = 0.001; c.Burst = 2 })
	m := testMessage(t)
	for range 2 {
		_, err := s.Send(context.Background(), m)
		require.NoError(t, err)
	}
	require.Less(t, s.limiter.Tokens(), 1.0)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := s.Send(ctx, m)
	var se *SendError
	require.ErrorAs(t, err, &se)
	require.False(t, se.Permanent)
	require.Contains(t, se.Msg, "rate limit")
	require.Equal(t, 2, fs.requests())
}

func TestNewMailgunSenderConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		cfg      MailgunConfig
		wantErr  string
		wantBase string
	}{
		{name: "no key", cfg: MailgunConfig{Domain: testDomain}, wantErr: "LEADFLOW_MAILGUN_API_KEY"},
		{name: "no domain", cfg: MailgunConfig{APIKey: testAPIKey}, wantErr: "LEADFLOW_MAILGUN_DOMAIN"},
		{name: "domain with a path", cfg: MailgunConfig{APIKey: testAPIKey, Domain: "mg.example.com/x"}, wantErr: "LEADFLOW_MAILGUN_DOMAIN"},
		{name: "base not a URL", cfg: MailgunConfig{APIKey: testAPIKey, Domain: testDomain, APIBase: "api.eu.mailgun.net"}, wantErr: "LEADFLOW_MAILGUN_API_BASE"},
		{name: "base over plain http", cfg: MailgunConfig{APIKey: testAPIKey, Domain: testDomain, APIBase: "http://api.eu.mailgun.net"}, wantErr: "must be https"},
		{name: "base with credentials", cfg: MailgunConfig{APIKey: testAPIKey, Domain: testDomain, APIBase: "https://api:" + testAPIKey + "@api.mailgun.net"}, wantErr: "LEADFLOW_MAILGUN_API_BASE"},
		{name: "negative rate", cfg: MailgunConfig{APIKey: testAPIKey, Domain: testDomain, RatePerSecond: -1}, wantErr: "negative"},
		{name: "negative burst", cfg: MailgunConfig{APIKey: testAPIKey, Domain: testDomain, Burst: -1}, wantErr: "negative"},
		{name: "US default", cfg: MailgunConfig{APIKey: testAPIKey, Domain: testDomain}, wantBase: "https://api.mailgun.net/v3"},
		{name: "EU origin", cfg: MailgunConfig{APIKey: testAPIKey, Domain: testDomain, APIBase: "https://api.eu.mailgun.net/"}, wantBase: "https://api.eu.mailgun.net/v3"},
		{name: "versioned base kept", cfg: MailgunConfig{APIKey: testAPIKey, Domain: testDomain, APIBase: "https://api.eu.mailgun.net/v3"}, wantBase: "https://api.eu.mailgun.net/v3"},
		{name: "local test server", cfg: MailgunConfig{APIKey: testAPIKey, Domain: testDomain, APIBase: "http://127.0.0.1:8025"}, wantBase: "http://127.0.0.1:8025/v3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewMailgunSender(tt.cfg)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				require.NotContains(t, err.Error(), testAPIKey)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.wantBase, s.mg.APIBase())
			require.Equal(t, float64(DefaultMailgunRatePerSecond), float64(s.limiter.Limit()))
			require.Equal(t, 1, s.limiter.Burst())
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   string
		want time.Duration
	}{
		{name: "absent", in: "", want: 0},
		{name: "seconds", in: "2", want: 2 * time.Second},
		{name: "zero", in: "0", want: 0},
		{name: "negative", in: "-3", want: 0},
		{name: "date", in: now.Add(time.Minute).Format(http.TimeFormat), want: time.Minute},
		{name: "past date", in: now.Add(-time.Minute).Format(http.TimeFormat), want: 0},
		{name: "garbage", in: "soon", want: 0},
		{name: "huge", in: "100000000000000000000", want: 0},
		{name: "capped", in: "7200", want: maxRetryAfter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, parseRetryAfter(tt.in, now))
		})
	}
}

func TestStripBrackets(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"<abc@mg.example.com>": "abc@mg.example.com",
		"abc@mg.example.com":   "abc@mg.example.com",
		" <x> ":                "x",
		"<":                    "<",
		"":                     "",
	} {
		require.Equal(t, want, StripBrackets(in), in)
	}
}

func TestSendErrorMessage(t *testing.T) {
	t.Parallel()
	cause := errors.New("boom")
	err := error(&SendError{Status: 429, RetryAfter: 2 * time.Second, Msg: "mailgun: slow down", Err: cause})
	require.Equal(t, "send email: temporary failure (status 429): mailgun: slow down; retry after 2s", err.Error())
	require.ErrorIs(t, err, cause)
	err = &SendError{Permanent: true, Msg: "invalid message: no text or html body"}
	require.Equal(t, "send email: permanent failure: invalid message: no text or html body", err.Error())
}
