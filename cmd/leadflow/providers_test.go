package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/internal/testenv"
)

// Provider test secrets (fake; see connectors/testdata and the shared
// fixtures' README).
const (
	googleAdsKey     = "gads-test-key-8c41"
	typeformSecret   = "tf-test-secret-4e7a"
	mailgunKey       = "mgtest-signing-key-7f3c9a2e5b1d4086"
	metaAppSecret    = "meta-test-app-secret-1f2e3d4c"
	metaVerifyToken  = "verify-token-for-tests"
	metaAccessToken  = "EAAtestPageTokenNotReal0001"
	linkedInSecret   = "li-test-client-secret-55aa"
	linkedInTokenEnv = "li-test-access-token"
)

// fixtureT0 is when the shared provider fixtures were signed.
var fixtureT0 = time.Unix(1767225600, 0).UTC()

func readFixture(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../connectors/testdata", path))
	require.NoError(t, err)
	return b
}

// send posts body to path with headers and returns the status and body.
func (b *testBundle) send(t *testing.T, method, path string, body []byte, headers map[string]string) (int, string) {
	t.Helper()
	return send(t, b.baseURL, method, path, body, headers)
}

// send makes one request to base+path and returns the status and body.
func send(t *testing.T, base, method, path string, body []byte, headers map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, bytes.NewReader(body))
	require.NoError(t, err)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(out)
}

// query returns the rows of a one-column query as strings.
func (b *testBundle) query(t *testing.T, sql string, args ...any) []string {
	t.Helper()
	rows, err := b.pool.Query(context.Background(), sql, args...)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v any
		require.NoError(t, rows.Scan(&v))
		out = append(out, fmt.Sprint(v))
	}
	require.NoError(t, rows.Err())
	return out
}

// waitEvents waits until n inbound events are no longer "received".
func (b *testBundle) waitEvents(t *testing.T, n int) {
	t.Helper()
	require.Eventually(t, func() bool {
		var done int
		require.NoError(t, b.pool.QueryRow(context.Background(),
			`SELECT count(*) FROM inbound_events WHERE status <> 'received'`).Scan(&done))
		return done >= n
	}, 20*time.Second, 50*time.Millisecond, "events were not processed")
}

func TestGoogleAdsEndToEnd(t *testing.T) {
	t.Parallel()
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{env: map[string]string{config.EnvGoogleAdsKey: googleAdsKey}})
	ct := map[string]string{"Content-Type": "application/json"}

	code, body := b.send(t, "POST", "/v1/webhooks/google-ads", readFixture(t, "google-ads/bodies/lead-wrong-key.json"), ct)
	require.Equal(t, http.StatusUnauthorized, code, body)
	lead := readFixture(t, "google-ads/bodies/lead.json")
	for i, want := range []int{http.StatusOK, http.StatusOK} { // Google's retry
		code, body = b.send(t, "POST", "/v1/webhooks/google-ads", lead, ct)
		require.Equal(t, want, code, "delivery %d: %s", i, body)
	}
	code, body = b.send(t, "POST", "/v1/webhooks/google-ads", readFixture(t, "google-ads/bodies/lead-test.json"), ct)
	require.Equal(t, http.StatusOK, code, body)

	b.waitEvents(t, 2)
	b.waitRouted(t, 1)
	require.Equal(t, []string{"ads", "ads"}, b.query(t, `SELECT channel FROM touchpoints ORDER BY id`))
	require.Equal(t, []string{"EAIaIQobChMItestGclidNotReal0001"}, b.query(t, `SELECT click_ids->>'gclid' FROM touchpoints WHERE NOT is_test`))
	require.Equal(t, []string{"20000000001"}, b.query(t, `SELECT campaign_ids->>'campaign_id' FROM touchpoints WHERE NOT is_test`))
	require.Equal(t, []string{"true"}, b.query(t, `SELECT is_test FROM touchpoints WHERE is_test`), "test leads are stored and flagged")
	require.Equal(t, []string{"0"}, b.query(t, `
		SELECT count(*) FROM deals d JOIN touchpoints t ON t.id = d.touchpoint_id WHERE t.is_test`), "test leads are never routed")
	require.Empty(t, b.query(t, `SELECT payload FROM inbound_events WHERE convert_from(payload, 'UTF8') LIKE '%gads-test-key%'`),
		"the webhook key is not stored")
}

func TestTypeformEndToEnd(t *testing.T) {
	t.Parallel()
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{env: map[string]string{config.EnvTypeformSecret: typeformSecret}})
	body := readFixture(t, "typeform/bodies/form-response.json")
	sig := map[string]string{"Content-Type": "application/json", "Typeform-Signature": "sha256=/0lwQeTUT7WU2OKMOR9PKOSXrvIK3SsWzJQT99HzcOk="}

	code, out := b.send(t, "POST", "/v1/webhooks/typeform", readFixture(t, "typeform/bodies/form-response-tampered.json"), sig)
	require.Equal(t, http.StatusForbidden, code, out)
	for i, want := range []int{http.StatusAccepted, http.StatusOK} {
		code, out = b.send(t, "POST", "/v1/webhooks/typeform", body, sig)
		require.Equal(t, want, code, "delivery %d: %s", i, out)
	}
	b.waitRouted(t, 1)
	require.Equal(t, []string{"1"}, b.query(t, `SELECT count(*) FROM touchpoints`), "a retry adds no touchpoint")
	require.Equal(t, []string{"form"}, b.query(t, `SELECT channel FROM touchpoints`))
	require.Equal(t, []string{"newsletter"}, b.query(t, `SELECT utm_source FROM touchpoints`))
	require.Equal(t, []string{"ada@example.com"}, b.query(t, `SELECT value FROM contact_identities WHERE kind = 'email'`))
	var consent bool
	var consentAt *time.Time
	require.NoError(t, b.pool.QueryRow(context.Background(), `SELECT consent_marketing, consent_at FROM touchpoints`).Scan(&consent, &consentAt))
	require.NotNil(t, consentAt, "consent is kept with its time")
	require.True(t, consent)
}

// graphServer serves the Meta Graph API from the fixtures: leads ...0001 and
// ...0002, and the "does not exist" error for any other id. It checks the
// access token and appsecret_proof like Meta does.
func graphServer(t *testing.T, extra map[string]string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("access_token") != metaAccessToken ||
			q.Get("appsecret_proof") != "4c30ece5eb47dbd256f9a7ab56cf6ae3864f5a40db99720f508527fde5565caa" {
			http.Error(w, `{"error":{"message":"Invalid OAuth access token","code":190}}`, http.StatusBadRequest)
			return
		}
		id := strings.TrimPrefix(r.URL.Path, "/")
		if lead, ok := extra[id]; ok {
			_, _ = w.Write([]byte(lead))
			return
		}
		body, err := os.ReadFile("../../connectors/testdata/meta/bodies/graph-lead-" + id + ".json")
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write(readFixture(t, "meta/bodies/graph-lead-error-100-33.json"))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func metaEnv(graphURL string) map[string]string {
	return map[string]string{
		config.EnvMetaAppSecret: metaAppSecret, config.EnvMetaVerifyToken: metaVerifyToken,
		config.EnvMetaAccessToken: metaAccessToken, config.EnvMetaGraphURL: graphURL,
	}
}

func metaSignature(body []byte) string {
	mac := hmac.New(sha256.New, []byte(metaAppSecret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

func TestMetaEndToEnd(t *testing.T) {
	t.Parallel()
	graph := graphServer(t, nil)
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{env: metaEnv(graph.URL)})

	code, body := b.send(t, "GET", "/v1/webhooks/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token="+metaVerifyToken, nil, nil)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "1158201444", body, "the challenge is echoed as-is")
	code, _ = b.send(t, "GET", "/v1/webhooks/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=wrong", nil, nil)
	require.Equal(t, http.StatusForbidden, code)

	single := readFixture(t, "meta/bodies/leadgen-single.json")
	code, body = b.send(t, "POST", "/v1/webhooks/meta", readFixture(t, "meta/bodies/leadgen-single-bad-signature.json"),
		map[string]string{"X-Hub-Signature-256": "sha256=1efc8713faa0afe5173b5b71d189db8bde3a6ddd757ad73ebc6774e1a6c0ab1f"})
	require.Equal(t, http.StatusUnauthorized, code, body)
	code, body = b.send(t, "POST", "/v1/webhooks/meta", single,
		map[string]string{"X-Hub-Signature-256": "sha256=0a0d6828fed816787e019038f3ac387ec9d2c939bc561fe18d6638953f87950e"})
	require.Equal(t, http.StatusOK, code, body)
	// The batch repeats lead ...0001 (Meta's retry) and adds ...0002.
	code, body = b.send(t, "POST", "/v1/webhooks/meta", readFixture(t, "meta/bodies/leadgen-batch.json"),
		map[string]string{"X-Hub-Signature-256": "sha256=0410635d4d45bee4786ff45ed7c4a71ac49abe17916a6225a721ef845685e8f6"})
	require.Equal(t, http.StatusOK, code, body)
	require.Contains(t, body, `{"event_id":"920000000000001","status":"duplicate"}`)
	// A lead the Graph API cannot read is dead-lettered with the reason.
	missing := []byte(`{"object":"page","entry":[{"id":"910000000000001","time":1767225600,"changes":[{"field":"leadgen","value":{"leadgen_id":"920000000000009","form_id":"930000000000001","page_id":"910000000000001"}}]}]}`)
	code, body = b.send(t, "POST", "/v1/webhooks/meta", missing, map[string]string{"X-Hub-Signature-256": metaSignature(missing)})
	require.Equal(t, http.StatusOK, code, body)

	b.waitEvents(t, 3)
	require.Equal(t, []string{"processed", "processed", "failed"}, b.query(t, `SELECT status FROM inbound_events ORDER BY id`))
	require.Contains(t, b.query(t, `SELECT last_error FROM inbound_events WHERE status = 'failed'`)[0], "100")
	require.Equal(t, []string{"adela@example.com", "social", "meta-lead-ads", "930000000000001"},
		b.query(t, `SELECT unnest(ARRAY[i.value, t.channel, t.source, t.campaign_ids->>'form_id'])
			FROM touchpoints t JOIN contact_identities i ON i.contact_id = t.contact_id AND i.kind = 'email'
			WHERE t.external_id = '920000000000001'`))
	require.Equal(t, []string{"instagram-lead-ads"}, b.query(t, `SELECT source FROM touchpoints WHERE external_id = '920000000000002'`))
	require.Equal(t, []string{"2"}, b.query(t, `SELECT count(*) FROM touchpoints`))
}

func TestLinkedInEndToEnd(t *testing.T) {
	t.Parallel()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+linkedInTokenEnv || !strings.HasPrefix(r.URL.Path, "/rest/leadFormResponses/") {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(readFixture(t, "linkedin/bodies/lead-form-response.json"))
	}))
	t.Cleanup(api.Close)
	// LinkedIn question ids are per form: the operator maps them.
	cfgFile := filepath.Join(t.TempDir(), "leadflow.yaml")
	require.NoError(t, os.WriteFile(cfgFile, []byte(`connectors:
  linkedin:
    fields: {"1": first_name, "2": last_name, "3": email, "4": company}
`), 0o600))
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{env: map[string]string{
		config.EnvLinkedInClientSecret: linkedInSecret, config.EnvLinkedInAccessToken: linkedInTokenEnv,
		config.EnvLinkedInAPIURL: api.URL, config.EnvConfigFile: cfgFile,
	}})

	code, body := b.send(t, "GET", "/v1/webhooks/linkedin?challengeCode=3f2504e0-4f89-41d3-9a0c-0305e82c3301", nil, nil)
	require.Equal(t, http.StatusOK, code)
	require.JSONEq(t, string(readFixture(t, "linkedin/bodies/challenge-response.json")), body)

	note := readFixture(t, "linkedin/bodies/lead-notification.json")
	sig := map[string]string{"Content-Type": "application/json", "X-LI-Signature": "0a37ba5ca0b98a6e54cd0fbf672aacc7ebab3e145066547497b64040147e228c"}
	for i, want := range []int{http.StatusAccepted, http.StatusOK} {
		code, body = b.send(t, "POST", "/v1/webhooks/linkedin", note, sig)
		require.Equal(t, want, code, "delivery %d: %s", i, body)
	}
	code, _ = b.send(t, "POST", "/v1/webhooks/linkedin", append(note, ' '), sig)
	require.Equal(t, http.StatusUnauthorized, code, "tampered")
	b.waitRouted(t, 1)
	require.Equal(t, []string{"ada@example.com"}, b.query(t, `SELECT value FROM contact_identities WHERE kind = 'email'`))
	require.Equal(t, []string{"social"}, b.query(t, `SELECT channel FROM touchpoints`))
	require.Equal(t, []string{"Example Widgets Ltd"}, b.query(t, `SELECT company FROM contacts`))
}

// mailgunForm builds a signed Mailgun Routes forward() post of a new email.
func mailgunForm(t *testing.T, ts time.Time, messageID, from, subject, text string) []byte {
	t.Helper()
	token := fmt.Sprintf("tok%040d", ts.UnixNano())
	mac := hmac.New(sha256.New, []byte(mailgunKey))
	fmt.Fprintf(mac, "%d%s", ts.Unix(), token)
	v := url.Values{
		"recipient": {"sales@mg.example.test"}, "sender": {"ada@example.com"}, "from": {from},
		"subject": {subject}, "body-plain": {text}, "stripped-text": {text}, "Message-Id": {messageID},
		"timestamp": {fmt.Sprint(ts.Unix())}, "token": {token}, "signature": {hex.EncodeToString(mac.Sum(nil))},
	}
	return []byte(v.Encode())
}

// TestOnePersonAcrossChannels: Ada emails us, then answers a Meta lead ad
// with the same email and her phone, then fills a Typeform with another
// email and the same phone. She is one contact with three touchpoints on
// three channels, and the ledger says which key matched each time.
func TestOnePersonAcrossChannels(t *testing.T) {
	t.Parallel()
	graph := graphServer(t, map[string]string{"920000000000077": `{"id":"920000000000077","created_time":"2026-01-02T10:00:00+0000",
		"form_id":"930000000000001","platform":"fb","field_data":[{"name":"full_name","values":["Ada Example"]},
		{"name":"email","values":["ada@example.com"]},{"name":"phone_number","values":["+15555550100"]}]}`})
	env := metaEnv(graph.URL)
	env[config.EnvMailgunSigningKey] = mailgunKey
	env[config.EnvTypeformSecret] = typeformSecret
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{env: env})
	now := time.Now()

	email := mailgunForm(t, now, "<first-contact-0001@mail.example.com>", "Ada Example <ada@example.com>",
		"Pricing question", "Hi, what does the Team plan cost for 25 seats?")
	code, body := b.send(t, "POST", "/v1/webhooks/mailgun/inbound", email, map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	require.Equal(t, http.StatusOK, code, body)
	b.waitEvents(t, 1)

	note := []byte(`{"object":"page","entry":[{"id":"910000000000001","time":1767225600,"changes":[{"field":"leadgen","value":{"leadgen_id":"920000000000077","form_id":"930000000000001","page_id":"910000000000001"}}]}]}`)
	code, body = b.send(t, "POST", "/v1/webhooks/meta", note, map[string]string{"X-Hub-Signature-256": metaSignature(note)})
	require.Equal(t, http.StatusOK, code, body)
	b.waitEvents(t, 2)

	form := bytes.Replace(readFixture(t, "typeform/bodies/form-response.json"), []byte(`"email": "ada@example.com"`), []byte(`"email": "ada.home@example.org"`), 1)
	require.Contains(t, string(form), "ada.home@example.org")
	code, body = b.send(t, "POST", "/v1/webhooks/typeform", form, map[string]string{"Typeform-Signature": connectors.SignTypeform(typeformSecret, form)})
	require.Equal(t, http.StatusAccepted, code, body)
	b.waitEvents(t, 3)

	require.Equal(t, []string{"processed", "processed", "processed"}, b.query(t, `SELECT status FROM inbound_events ORDER BY id`))
	require.Equal(t, []string{"1"}, b.query(t, `SELECT count(*) FROM contacts`), "one person, one contact")
	require.Equal(t, []string{"email", "social", "form"}, b.query(t, `SELECT channel FROM touchpoints ORDER BY id`))
	require.ElementsMatch(t, []string{"ada@example.com", "ada.home@example.org", "+15555550100"}, b.query(t, `SELECT value FROM contact_identities`))
	require.Equal(t, []string{"created", "matched_email", "attached_phone", "matched_phone", "attached_email"},
		b.query(t, `SELECT decision FROM identity_ledger ORDER BY id`))
}

// testClock is an intake clock a test can move, to replay provider requests
// recorded at different times inside their signature windows.
type testClock struct{ unix atomic.Int64 }

func (c *testClock) set(t time.Time) { c.unix.Store(t.Unix()) }
func (c *testClock) now() time.Time  { return time.Unix(c.unix.Load(), 0) }

func TestMailgunEndToEnd(t *testing.T) {
	t.Parallel()
	var clock testClock
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{
		env: map[string]string{config.EnvMailgunSigningKey: mailgunKey}, now: clock.now})
	form := map[string]string{"Content-Type": "multipart/form-data; boundary=----MailgunFixtureBoundary7f3c9a"}
	urlenc := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	ct := map[string]string{"Content-Type": "application/json"}

	// A new email is a lead; Mailgun's retry of it creates nothing.
	clock.set(time.Unix(1767232800+60, 0))
	newEmail := readFixture(t, "mailgun/route-forward-attachment.multipart.txt")
	for i, want := range []int{http.StatusOK, http.StatusOK} {
		code, body := b.send(t, "POST", "/v1/webhooks/mailgun/inbound", newEmail, form)
		require.Equal(t, want, code, "delivery %d: %s", i, body)
	}
	b.waitEvents(t, 1)
	require.Equal(t, []string{"email"}, b.query(t, `SELECT channel FROM touchpoints`))

	// Her reply to our email is an engagement of the same contact, not a lead.
	clock.set(time.Unix(1767229200+60, 0))
	code, body := b.send(t, "POST", "/v1/webhooks/mailgun/inbound", readFixture(t, "mailgun/route-forward-reply.urlencoded.txt"), urlenc)
	require.Equal(t, http.StatusOK, code, body)
	b.waitEvents(t, 2)
	require.Equal(t, []string{"1"}, b.query(t, `SELECT count(*) FROM touchpoints`))
	require.Equal(t, []string{"replied"}, b.query(t, `SELECT kind FROM engagement_events WHERE contact_id IS NOT NULL`))

	// Delivery events, each signed at its own second within the window.
	clock.set(fixtureT0.Add(240 * time.Second))
	code, body = b.send(t, "POST", "/v1/webhooks/mailgun/events", readFixture(t, "mailgun/event-delivered-bad-signature.json"), ct)
	require.Equal(t, http.StatusNotAcceptable, code, "Mailgun stops retrying on 406: %s", body)
	events := []string{"delivered", "opened", "clicked", "unsubscribed", "complained", "failed-permanent", "failed-temporary"}
	for _, ev := range events {
		code, body = b.send(t, "POST", "/v1/webhooks/mailgun/events", readFixture(t, "mailgun/event-"+ev+".json"), ct)
		require.Equal(t, http.StatusOK, code, "%s: %s", ev, body)
	}
	delivered := readFixture(t, "mailgun/event-delivered.json")
	code, _ = b.send(t, "POST", "/v1/webhooks/mailgun/events", delivered, ct)
	require.Equal(t, http.StatusOK, code, "Mailgun's retry (same token, same body) is a duplicate")
	forged := bytes.Replace(delivered, []byte("ada@example.com"), []byte("eve@example.com"), 1)
	require.NotEqual(t, delivered, forged)
	code, body = b.send(t, "POST", "/v1/webhooks/mailgun/events", forged, ct)
	require.Equal(t, http.StatusNotAcceptable, code, "a signature reused for another body is a replay: %s", body)
	require.Contains(t, body, "replay")

	b.waitEvents(t, 2+len(events))
	require.Equal(t, []string{"replied", "delivered", "opened", "clicked", "unsubscribed", "complained", "failed", "failed"},
		b.query(t, `SELECT kind FROM engagement_events WHERE contact_id IS NOT NULL ORDER BY inbound_event_id`))
	require.Equal(t, []string{"permanent", "temporary"}, b.query(t, `SELECT severity FROM engagement_events WHERE kind = 'failed' ORDER BY inbound_event_id`))
	// Unsubscribe, complaint and permanent failure each suppress; whichever
	// a worker recorded first names the reason, and later ones keep it.
	require.Equal(t, []string{"1"}, b.query(t, `SELECT count(*) FROM suppressions WHERE email = 'ada@example.com'`))
}
