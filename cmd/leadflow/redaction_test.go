package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/internal/testenv"
)

// canaryPerson is a lead whose every identifying value is distinctive, so
// a log line carrying any of them is found by a plain substring search.
type canaryPerson struct {
	name, email, phone string
	// forms are the other spellings the system may produce and log:
	// normalized email, E.164 and digits-only phone, name parts.
	forms []string
}

func (p canaryPerson) all() []string {
	return append([]string{p.name, p.email, p.phone}, p.forms...)
}

// TestRedactionNoPersonalDataOrSecretsInLogs runs leadflow at debug level
// through leads from five connectors, a failing provider fetch, the rep
// API, real (mock) Mailgun sending and an unsubscribe, and fails if any
// email, phone, name, message text or secret appears in any log line.
func TestRedactionNoPersonalDataOrSecretsInLogs(t *testing.T) {
	t.Parallel()
	people := map[string]canaryPerson{
		"generic-hot": {"Zebulon Quixotic", "Zebulon.Canary7731@Leak-Canary.example", "(415) 555-0199",
			[]string{"zebulon.canary7731@leak-canary.example", "+14155550199", "4155550199", "Zebulon", "Quixotic"}},
		"generic-cold": {"Quinella Marshwiggle", "quinella.canary2290@leak-canary.example", "+44 20 7946 0321",
			[]string{"+442079460321", "2079460321", "Quinella", "Marshwiggle"}},
		"typeform": {"Ottoline Vexworth", "ottoline.canary5512@leak-canary.example", "+16175550142",
			[]string{"6175550142", "Ottoline", "Vexworth"}},
		"google-ads": {"Percival Thornquist", "percival.canary3301@leak-canary.example", "+13125550177",
			[]string{"3125550177", "Percival", "Thornquist"}},
		"mailgun": {"Hortensia Blackwood", "hortensia.canary6620@leak-canary.example", "+1 206 555 0123",
			[]string{"+12065550123", "2065550123", "Hortensia", "Blackwood"}},
		"meta": {"Leopoldine Farquharson", "leopoldine.canary8808@leak-canary.example", "+15035550181",
			[]string{"5035550181", "Leopoldine", "Farquharson"}},
	}
	const message = "canary-message-8812 please call me after lunch"
	apiToken := "apitoken-canary-" + strings.Repeat("7", 32)
	mailgunAPIKey := "key-canary-mailgun-api-0f9e8d7c6b5a"
	unsubSecret := "unsub-canary-secret-" + strings.Repeat("9", 24)
	dbPassword := "pgcanarypassword4410"
	secrets := []string{testSecret, strings.TrimPrefix(testSecret, "whsec_"), apiToken, mailgunAPIKey,
		base64.StdEncoding.EncodeToString([]byte("api:" + mailgunAPIKey)), unsubSecret, dbPassword,
		mailgunKey, typeformSecret, googleAdsKey, metaAppSecret, metaAccessToken, metaVerifyToken}

	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	u, err := url.Parse(dbURL)
	require.NoError(t, err)
	user := "postgres"
	if u.User != nil && u.User.Username() != "" {
		user = u.User.Username()
	}
	// The test servers trust local connections: the password is never
	// checked, only carried in the URL the process could log.
	u.User = url.UserPassword(user, dbPassword)

	capture := newMailgunCapture(t)
	var brokenFetches atomic.Int64
	meta := people["meta"]
	graph := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch strings.TrimPrefix(r.URL.Path, "/") {
		case "920000000000081":
			_, _ = fmt.Fprintf(w, `{"id":"920000000000081","created_time":"2026-01-02T10:00:00+0000","form_id":"930000000000001",
				"platform":"fb","field_data":[{"name":"full_name","values":[%q]},{"name":"email","values":[%q]},
				{"name":"phone_number","values":[%q]}]}`, meta.name, meta.email, meta.phone)
		default:
			// A transport failure: net/http's error carries the whole
			// URL, query (access_token) included.
			brokenFetches.Add(1)
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					c.Close()
				}
			}
		}
	}))
	t.Cleanup(graph.Close)

	cfgFile := filepath.Join(t.TempDir(), "leadflow.yaml")
	require.NoError(t, os.WriteFile(cfgFile, []byte(`routing:
  reps:
    - {name: Rep One, email: one@reps.example.com}
email:
  from: "Acme Sales <sales@mg.example.test>"
  footer: {company: Acme Inc., postal_address: "1 Main St, Springfield"}
  nurture:
    default: [{template: nurture-1, after: 0s}]
`), 0o600))
	env := map[string]string{
		config.EnvDatabaseURL: u.String(), config.EnvRedisURL: redisURL, config.EnvConfigFile: cfgFile,
		config.EnvLogLevel: "debug", config.EnvWebhookSecrets: testSecret, config.EnvAPITokens: apiToken,
		config.EnvMailgunAPIKey: mailgunAPIKey, config.EnvMailgunDomain: "mg.example.test", config.EnvPublicURL: "https://leads.example.test",
		config.EnvMailgunAPIBase: capture.URL, config.EnvUnsubscribeSecret: unsubSecret,
		config.EnvMailgunSigningKey: mailgunKey, config.EnvTypeformSecret: typeformSecret,
		config.EnvGoogleAdsKey: googleAdsKey, config.EnvMetaAppSecret: metaAppSecret,
		config.EnvMetaVerifyToken: metaVerifyToken, config.EnvMetaAccessToken: metaAccessToken,
		config.EnvMetaGraphURL: graph.URL,
	}
	p := startLeadflow(t, buildLeadflow(t), "run", env)
	pool, err := pgxpool.New(context.Background(), dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)

	send := func(method, path string, body []byte, headers map[string]string) (int, string) {
		t.Helper()
		return send(t, p.baseURL, method, path, body, headers)
	}
	generic := func(id string, data map[string]any) (int, string) {
		body := leadBodyWith(data)
		ts := time.Now()
		sig, err := connectors.SignStandardWebhook(testSecret, id, ts, body)
		require.NoError(t, err)
		return send("POST", "/v1/webhooks/generic/website", body, map[string]string{"Content-Type": "application/json",
			"webhook-id": id, "webhook-timestamp": fmt.Sprint(ts.Unix()), "webhook-signature": sig})
	}
	accepted := 0
	expect := func(want int) func(int, string) {
		return func(code int, body string) {
			t.Helper()
			require.Equal(t, want, code, body)
			if code == http.StatusAccepted {
				accepted++
			}
		}
	}

	hot, cold := people["generic-hot"], people["generic-cold"]
	expect(http.StatusAccepted)(generic("msg_redact_hot", map[string]any{"external_id": "ext-redact-hot", "name": hot.name,
		"email": hot.email, "phone": hot.phone, "company": "Canary Widgets", "title": "CEO", "message": message,
		"answers": map[string]string{"budget": "over_50k", "authority": "decision_maker", "need": "urgent", "timeline": "this_month"}}))
	expect(http.StatusAccepted)(generic("msg_redact_cold", map[string]any{"external_id": "ext-redact-cold", "name": cold.name,
		"email": cold.email, "phone": cold.phone, "consent": map[string]any{"marketing": true},
		// Issue 14: a free-text channel reached an INFO log line verbatim.
		"channel": cold.name + " " + cold.email + " " + cold.phone}))
	// Refused at intake or failed in the worker: either way the error
	// names the problem and the log must not carry the values.
	code, body := generic("msg_redact_bad", map[string]any{"name": hot.name, "email": "not-an-email " + hot.email + " @@", "phone": "12"})
	if code == http.StatusAccepted {
		accepted++
	} else {
		require.GreaterOrEqual(t, code, 400, body)
	}
	forged := leadBodyWith(map[string]any{"name": cold.name, "email": cold.email})
	code, _ = send("POST", "/v1/webhooks/generic/website", forged, map[string]string{"webhook-id": "msg_forged",
		"webhook-timestamp": fmt.Sprint(time.Now().Unix()), "webhook-signature": "v1,AAAA"})
	require.Equal(t, http.StatusUnauthorized, code)

	tf := people["typeform"]
	form := canaryReplace(readFixture(t, "typeform/bodies/form-response.json"), tf)
	expect(http.StatusAccepted)(send("POST", "/v1/webhooks/typeform", form,
		map[string]string{"Content-Type": "application/json", "Typeform-Signature": connectors.SignTypeform(typeformSecret, form)}))

	gads := canaryReplace(readFixture(t, "google-ads/bodies/lead.json"), people["google-ads"])
	expect(http.StatusOK)(send("POST", "/v1/webhooks/google-ads", gads, map[string]string{"Content-Type": "application/json"}))

	mg := people["mailgun"]
	expect(http.StatusOK)(send("POST", "/v1/webhooks/mailgun/inbound",
		canaryMailgunForm(time.Now(), "<canary-0001@mail.example.com>", mg.name+" <"+mg.email+">", mg.email,
			"Pricing for 25 seats", message+" or on "+mg.phone),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"}))

	for _, id := range []string{"920000000000081", "920000000000099"} {
		note := []byte(`{"object":"page","entry":[{"id":"910000000000001","time":1767225600,"changes":[{"field":"leadgen","value":{"leadgen_id":"` +
			id + `","form_id":"930000000000001","page_id":"910000000000001"}}]}]}`)
		expect(http.StatusOK)(send("POST", "/v1/webhooks/meta", note, map[string]string{"X-Hub-Signature-256": metaSignature(note)}))
	}

	// Everything but the lead whose fetch keeps failing gets processed.
	require.Eventually(t, func() bool {
		var done int
		require.NoError(t, pool.QueryRow(context.Background(),
			`SELECT count(*) FROM inbound_events WHERE status <> 'received'`).Scan(&done))
		return done >= accepted-1 && brokenFetches.Load() >= 1
	}, 60*time.Second, 100*time.Millisecond, "events were not processed")
	require.Eventually(t, func() bool { return len(capture.messages()) >= 2 }, 30*time.Second, 50*time.Millisecond,
		"the nurture email and the rep notification were not sent")

	// Rep API with the token, and with a wrong one.
	// The hot lead in particular: the waits above count events and emails,
	// which other leads of this test can satisfy first on a busy machine.
	var contactID int64
	require.Eventually(t, func() bool {
		return pool.QueryRow(context.Background(), `SELECT contact_id FROM contact_identities WHERE value = $1`,
			strings.ToLower(hot.email)).Scan(&contactID) == nil
	}, 60*time.Second, 100*time.Millisecond, "the hot lead was not ingested")
	require.Eventually(t, func() bool {
		code, body = send("GET", fmt.Sprintf("/v1/contacts/%d/score", contactID), nil, map[string]string{"Authorization": "Bearer " + apiToken})
		return code == http.StatusOK
	}, 60*time.Second, 100*time.Millisecond, "the hot lead was not scored")
	code, _ = send("GET", fmt.Sprintf("/v1/contacts/%d/score", contactID), nil, map[string]string{"Authorization": "Bearer " + apiToken + "x"})
	require.Equal(t, http.StatusUnauthorized, code)

	// One-click unsubscribe from the nurture email.
	for _, m := range capture.messages() {
		if lu := m["h:List-Unsubscribe"]; len(lu) > 0 {
			link := strings.TrimSuffix(strings.TrimPrefix(strings.Split(lu[0], ",")[0], "<"), ">")
			code, body = send("POST", "/u/"+link[strings.LastIndex(link, "/u/")+3:], []byte("List-Unsubscribe=One-Click"),
				map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
			require.Equal(t, http.StatusOK, code, body)
			break
		}
	}
	p.terminate(t)

	logs := p.stderr.String()
	require.Contains(t, logs, "level=DEBUG", "the run logged at debug level")
	lines := strings.Split(logs, "\n")
	t.Logf("scanned %d log lines (%d bytes)", len(lines), len(logs))
	needles := append([]string{message[:19]}, secrets...)
	for _, person := range people {
		needles = append(needles, person.all()...)
	}
	for _, line := range lines {
		lower := strings.ToLower(line)
		for _, n := range needles {
			if strings.Contains(lower, strings.ToLower(n)) {
				t.Errorf("log line leaks %q:\n%s", n, line)
			}
		}
	}
}

// leadBodyWith returns a generic lead.created body with data.
func leadBodyWith(data map[string]any) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"type":"lead.created","timestamp":%q,"data":`, time.Now().UTC().Format(time.RFC3339))
	raw, _ := json.Marshal(data)
	b.Write(raw)
	b.WriteString("}")
	return b.Bytes()
}

// canaryReplace swaps the shared fixtures' person (Ada Example) for p.
func canaryReplace(body []byte, p canaryPerson) []byte {
	body = bytes.ReplaceAll(body, []byte("Ada Example"), []byte(p.name))
	body = bytes.ReplaceAll(body, []byte("ada@example.com"), []byte(p.email))
	return bytes.ReplaceAll(body, []byte("+15555550100"), []byte(p.phone))
}

// canaryMailgunForm is a signed Mailgun Routes forward() post of a new
// email from sender.
func canaryMailgunForm(ts time.Time, messageID, from, sender, subject, text string) []byte {
	token := fmt.Sprintf("tok%040d", ts.UnixNano())
	mac := hmac.New(sha256.New, []byte(mailgunKey))
	fmt.Fprintf(mac, "%d%s", ts.Unix(), token)
	v := url.Values{
		"recipient": {"sales@mg.example.test"}, "sender": {sender}, "from": {from},
		"subject": {subject}, "body-plain": {text}, "stripped-text": {text}, "Message-Id": {messageID},
		"timestamp": {fmt.Sprint(ts.Unix())}, "token": {token}, "signature": {hex.EncodeToString(mac.Sum(nil))},
	}
	return []byte(v.Encode())
}
