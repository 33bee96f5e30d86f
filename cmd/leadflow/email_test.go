package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
)

// mailgunCapture is a stand-in for Mailgun's messages API that records
// every accepted message's form fields; fail, when set, answers the next
// requests with those status codes first.
type mailgunCapture struct {
	*httptest.Server
	mu   sync.Mutex
	sent []map[string][]string
	fail []int
	hits atomic.Int64
}

func newMailgunCapture(t *testing.T, fail ...int) *mailgunCapture {
	t.Helper()
	c := &mailgunCapture{fail: fail}
	c.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.hits.Add(1)
		if !strings.HasSuffix(r.URL.Path, "/messages") {
			http.NotFound(w, r)
			return
		}
		c.mu.Lock()
		if len(c.fail) > 0 {
			code := c.fail[0]
			c.fail = c.fail[1:]
			c.mu.Unlock()
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(code)
			_, _ = w.Write([]byte(`{"message":"try later"}`))
			return
		}
		c.mu.Unlock()
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			if err := r.ParseForm(); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
		}
		c.mu.Lock()
		c.sent = append(c.sent, r.Form)
		n := len(c.sent)
		c.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"<%d.capture@mg.example.test>","message":"Queued. Thank you."}`, n)
	}))
	t.Cleanup(c.Close)
	return c
}

func (c *mailgunCapture) messages() []map[string][]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]map[string][]string(nil), c.sent...)
}

func mailEnv(t *testing.T, capture *mailgunCapture, yaml string) map[string]string {
	t.Helper()
	env := map[string]string{
		config.EnvMailgunAPIKey: "key-test-not-real", config.EnvMailgunDomain: "mg.example.test",
		config.EnvMailgunAPIBase: capture.URL, config.EnvUnsubscribeSecret: strings.Repeat("u", 40),
		// Real sending needs an https public URL (issue 16 item 1); the
		// tests post to the path.
		config.EnvPublicURL: "https://leads.example.test",
	}
	path := filepath.Join(t.TempDir(), "leadflow.yaml")
	require.NoError(t, os.WriteFile(path, []byte(withSender(yaml)), 0o600))
	env[config.EnvConfigFile] = path
	return env
}

// withSender adds to a YAML configuration what real sending requires
// (issue 16 item 2): the footer's sender identity and, unless the YAML has
// one, a From in the Mailgun domain.
func withSender(yaml string) string {
	sender := "  footer: {company: Acme Inc., postal_address: \"1 Main St, Springfield\"}\n"
	if !strings.Contains(yaml, "  from:") {
		sender += "  from: \"Acme Sales <sales@mg.example.test>\"\n"
	}
	if rest, ok := strings.CutPrefix(yaml, "email:\n"); ok {
		return "email:\n" + sender + rest
	}
	return "email:\n" + sender + yaml
}

// TestNurtureEmailAndUnsubscribe: a cold lead is enrolled in nurture and
// gets step 1 through Mailgun, personalized, tagged, with user-variables
// and RFC 8058 headers; after a one-click unsubscribe step 2 is not sent.
func TestNurtureEmailAndUnsubscribe(t *testing.T) {
	t.Parallel()
	capture := newMailgunCapture(t)
	env := mailEnv(t, capture, `email:
  from: "Acme Sales <sales@mg.example.test>"
  nurture:
    default: [{template: nurture-1, after: 0s}, {template: nurture-2, after: 3s}]
`)
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{env: env})
	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_mail", time.Now(), leadBody("ada@example.com", false)).Status)

	require.Eventually(t, func() bool { return len(capture.messages()) == 1 }, 20*time.Second, 50*time.Millisecond)
	m := capture.messages()[0]
	require.Equal(t, []string{"ada@example.com"}, m["to"])
	require.NotEmpty(t, m["subject"])
	require.Contains(t, m["text"][0], "Ada", "personalized")
	require.Contains(t, m["text"][0], "Acme Inc., 1 Main St, Springfield", "the footer names the sender and its postal address")
	require.Contains(t, m["html"][0], "Acme Inc., 1 Main St, Springfield")
	require.Contains(t, m["o:tag"], "nurture-1")
	require.NotEmpty(t, m["v:outbox_id"])
	require.True(t, strings.HasPrefix(m["v:lead_id"][0], "lead_"))
	require.Equal(t, []string{"List-Unsubscribe=One-Click"}, m["h:List-Unsubscribe-Post"])
	lu := m["h:List-Unsubscribe"][0]
	require.Contains(t, lu, "/u/")
	url := strings.TrimSuffix(strings.TrimPrefix(strings.Split(lu, ",")[0], "<"), ">")
	token := url[strings.LastIndex(url, "/u/")+3:]
	require.True(t, strings.HasPrefix(url, "https://leads.example.test/u/lead_"), "the link is the contact's opaque ref, not the address")

	// One click, as a mail client does it (RFC 8058).
	code, body := b.send(t, "POST", "/u/"+token, []byte("List-Unsubscribe=One-Click"), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	require.Equal(t, http.StatusOK, code, body)
	require.Contains(t, body, "Unsubscribed")
	code, _ = b.send(t, "POST", "/u/"+token+"x", nil, nil)
	require.Equal(t, http.StatusNotFound, code, "a forged token does nothing")

	require.Eventually(t, func() bool {
		return len(b.query(t, `SELECT 1 FROM email_outbox WHERE template = 'nurture-2' AND status = 'suppressed'`)) == 1
	}, 20*time.Second, 100*time.Millisecond, "step 2 is suppressed at claim time")
	require.Len(t, capture.messages(), 1, "nothing more was sent")
}

// TestRateLimitedSendIsAcceptedOnce: Mailgun answers 429 then 200; the
// email is sent exactly once.
func TestRateLimitedSendIsAcceptedOnce(t *testing.T) {
	t.Parallel()
	capture := newMailgunCapture(t, http.StatusTooManyRequests)
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{env: mailEnv(t, capture, "")})
	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_429", time.Now(), leadBody("ada@example.com", true)).Status)
	// A hot lead gets the rep's notification and its own acknowledgement:
	// wait until every queued email is sent.
	require.Eventually(t, func() bool {
		rows := b.query(t, `SELECT status FROM email_outbox`)
		for _, st := range rows {
			if st != "sent" {
				return false
			}
		}
		return len(rows) > 0 && len(capture.messages()) == len(rows)
	}, 30*time.Second, 100*time.Millisecond)
	require.Equal(t, int64(len(capture.messages())+1), capture.hits.Load(), "one 429, then each email accepted once")
}

// mailgunClicked builds a signed Mailgun "clicked" event for a contact.
func mailgunClicked(t *testing.T, now time.Time, id, recipient, ref string) []byte {
	t.Helper()
	token := fmt.Sprintf("tok%d", now.UnixNano())
	ts := fmt.Sprint(now.Unix())
	mac := hmac.New(sha256.New, []byte(mailgunKey))
	mac.Write([]byte(ts + token))
	return []byte(fmt.Sprintf(`{"signature":{"timestamp":%q,"token":%q,"signature":%q},
		"event-data":{"id":%q,"event":"clicked","timestamp":%d.5,"recipient":%q,"url":"https://example.com/pricing",
		"user-variables":{"lead_id":%q}}}`, ts, token, hex.EncodeToString(mac.Sum(nil)), id, now.Unix(), recipient, ref))
}

// TestHeatingUpEmailFromClick: a cold lead clicks a link in our email, its
// score crosses into hot, it becomes a deal with a rep, and the rep's
// heating-up email goes out — end to end from the Mailgun event.
func TestHeatingUpEmailFromClick(t *testing.T) {
	t.Parallel()
	capture := newMailgunCapture(t)
	// Thresholds set so that this lead (57 points: budget, authority, need,
	// company) is cold and one click (+5) makes it hot.
	env := mailEnv(t, capture, "email:\n  nurture: {default: []}\nscoring:\n  warm_threshold: 58\n  hot_threshold: 60\n")
	env[config.EnvMailgunSigningKey] = mailgunKey
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{env: env})

	warm := []byte(`{"type":"lead.created","data":{"email":"ada@example.com","first_name":"Ada","company":"Example",
		"message":"We are struggling to follow up on leads fast enough.",
		"answers":{"budget":"10k_50k","authority":"decision_maker","need":"important"}}}`)
	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_warm", time.Now(), warm).Status)
	b.waitRouted(t, 1)
	require.Equal(t, []string{"cold"}, b.query(t, `SELECT band FROM scores`))
	ref := b.query(t, `SELECT ref FROM contacts`)[0]

	click := mailgunClicked(t, time.Now(), "evt-click-1", "ada@example.com", ref)
	code, body := b.send(t, "POST", "/v1/webhooks/mailgun/events", click, map[string]string{"Content-Type": "application/json"})
	require.Equal(t, http.StatusOK, code, body)

	require.Eventually(t, func() bool {
		for _, m := range capture.messages() {
			if len(m["o:tag"]) > 0 && m["o:tag"][0] == "heating-up" {
				return true
			}
		}

		return false
	}, 20*time.Second, 100*time.Millisecond, "heating-up email sent")
	require.Equal(t, []string{"cold->hot"}, b.query(t, `SELECT from_band || '->' || to_band FROM score_band_changes`))
	require.Equal(t, []string{"1"}, b.query(t, `SELECT count(*) FROM deals`))
	for _, m := range capture.messages() {
		if m["o:tag"][0] == "heating-up" {
			require.Equal(t, []string{"ada@example.com"}, m["to"])
			require.Contains(t, m["from"][0], "Rep One", "from the assigned rep")
			require.Contains(t, m["text"][0], "Ada")
		}
	}
}

// TestLocalMailSink: with no Mailgun key, email lands in the sink, listed
// by `leadflow mail ls` and GET /v1/dev/mail; `mail preview` renders one.
func TestLocalMailSink(t *testing.T) {
	// Not parallel: the commands read the process environment.
	dbURL := testenv.DatabaseURL(t)
	token := strings.Repeat("t", 40)
	b := setupWith(t, dbURL, testenv.RedisURL(t), options{env: map[string]string{config.EnvAPITokens: token}})
	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_sink", time.Now(), leadBody("ada@example.com", false)).Status)
	require.Eventually(t, func() bool { return len(b.query(t, `SELECT 1 FROM mail_sink`)) == 1 }, 20*time.Second, 50*time.Millisecond)

	code, body := b.send(t, "GET", "/v1/dev/mail", nil, map[string]string{"Authorization": "Bearer " + token})
	require.Equal(t, http.StatusOK, code, body)
	require.Contains(t, body, "ada@example.com")
	require.Contains(t, body, "List-Unsubscribe")

	t.Setenv(config.EnvDatabaseURL, dbURL)
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"mail", "ls"}, &out, &errOut), errOut.String())
	require.Contains(t, out.String(), "ada@example.com")
	require.Contains(t, out.String(), "nurture-1")
	ref := b.query(t, `SELECT ref FROM contacts`)[0]
	out.Reset()
	require.Equal(t, 0, run(context.Background(), []string{"mail", "preview", "heating-up", ref}, &out, &errOut), errOut.String())
	require.Contains(t, out.String(), "Subject: ")
	require.Contains(t, out.String(), "Ada")
	out.Reset()
	errOut.Reset()
	require.Equal(t, 1, run(context.Background(), []string{"mail", "preview", "no-such-template", ref}, &out, &errOut))
	require.Contains(t, errOut.String(), "no-such-template")
}
