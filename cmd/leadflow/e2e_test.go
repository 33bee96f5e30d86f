package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/crm"
	"leadflow/internal/drain"
	"leadflow/internal/node"
	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/workers"
)

func TestMain(m *testing.M) { testenv.Main(m) }

const (
	testSecret  = "whsec_c3RhbmRhcmQtd2ViaG9va3MtdGVzdC1rZXktMzJieXQ="
	otherSecret = "whsec_b2xkLXN0YW5kYXJkLXdlYmhvb2tzLXRlc3Qta2V5LTE="
)

// testBundle is one running leadflow (serve + worker + scheduler) on real
// PostgreSQL and Redis.
type testBundle struct {
	app      *node.Node
	baseURL  string
	pool     *pgxpool.Pool
	redisURL string
}

// setup starts every role in-process against the given servers.
func setup(t *testing.T, dbURL, redisURL string) *testBundle {
	t.Helper()
	return setupWith(t, dbURL, redisURL, options{})
}

// options adjust setupWith.
type options struct {
	// env adds or overrides LEADFLOW_* variables.
	env map[string]string
	// now is the intake clock (signature windows); default time.Now.
	now func() time.Time
	// logs receives the app's log (at the env's LEADFLOW_LOG_LEVEL,
	// default error); default discarded. A test waits on a line in it
	// where that line is the only trace of an event.
	logs io.Writer
	// relayNow is the relay's clock, read once at the start of every
	// pass; default time.Now. A test counts its calls to know that a pass
	// ran.
	relayNow func() time.Time
	// crmTargets are CRM clients (a fake) the node syncs with.
	crmTargets []crm.Target
}

func setupWith(t *testing.T, dbURL, redisURL string, o options) *testBundle {
	t.Helper()
	env := map[string]string{
		config.EnvDatabaseURL:    dbURL,
		config.EnvRedisURL:       redisURL,
		config.EnvWebhookSecrets: testSecret,
		config.EnvLogLevel:       "error",
	}
	for k, v := range o.env {
		env[k] = v
	}
	cfg, err := config.Load(func(k string) string { return env[k] })
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	logs := o.logs
	if logs == nil {
		logs = io.Discard
	}
	a, err := node.Open(ctx, cfg, node.Options{Version: version, Logs: logs, NowFunc: o.now,
		Relay:      workers.RelayConfig{MinAge: 200 * time.Millisecond, Interval: 200 * time.Millisecond, NowFunc: o.relayNow},
		CRMTargets: o.crmTargets})
	require.NoError(t, err)
	_, err = a.Store().UpsertRep(ctx, lead.Rep{Name: "Rep One", Email: "one@reps.example.com", Active: true})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, ln, node.Roles{HTTP: true, Worker: true, Relay: true}) }()
	t.Cleanup(func() {
		cancel()
		<-done
		a.Close()
	})
	pool, err := pgxpool.New(context.Background(), dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	base := "http://" + ln.Addr().String()
	// Start-up syncs reps and pipelines before serving; a test that stops a
	// server right away must not race it.
	require.Eventually(t, func() bool {
		res, err := http.Get(base + "/healthz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	}, 20*time.Second, 20*time.Millisecond, "leadflow did not start")
	return &testBundle{app: a, baseURL: base, pool: pool, redisURL: redisURL}
}

// leadBody returns a generic lead.created body; hot leads answer every
// qualification question strongly, cold ones give only a free-mail address.
func leadBody(email string, hot bool) []byte {
	data := map[string]any{
		"external_id": "ext-" + email,
		"source":      "website-contact-form",
		"name":        "Ada Example",
		"email":       email,
		"utm":         map[string]string{"source": "google", "medium": "cpc", "campaign": "winter-promo"},
		"consent":     map[string]any{"marketing": true},
	}
	if hot {
		data["company"] = "Example Widgets Ltd"
		data["title"] = "CEO"
		data["phone"] = "+1 555 555 0100"
		data["answers"] = map[string]string{"budget": "over_50k", "authority": "decision_maker", "need": "urgent", "timeline": "this_month"}
	}
	b, _ := json.Marshal(map[string]any{"type": "lead.created", "timestamp": time.Now().UTC().Format(time.RFC3339), "data": data})
	return b
}

type response struct {
	Status int
	Body   map[string]any
}

// post signs body with secret as message id at time ts and posts it.
func (b *testBundle) post(t *testing.T, secret, id string, ts time.Time, body []byte) response {
	t.Helper()
	sig, err := connectors.SignStandardWebhook(secret, id, ts, body)
	require.NoError(t, err)
	return b.postRaw(t, id, ts, sig, body)
}

func (b *testBundle) postRaw(t *testing.T, id string, ts time.Time, sig string, body []byte) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.baseURL+"/v1/webhooks/generic/website", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("webhook-id", id)
	req.Header.Set("webhook-timestamp", fmt.Sprint(ts.Unix()))
	req.Header.Set("webhook-signature", sig)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var out response
	out.Status = res.StatusCode
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out.Body))
	return out
}

// counts reads how many rows each table of the lead path holds.
func (b *testBundle) counts(t *testing.T) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"inbound_events", "contacts", "touchpoints", "scores", "deals", "nurture_enrollments", "deal_stage_history"} {
		var n int
		require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n))
		out[table] = n
	}
	return out
}

// waitRouted waits until n touchpoints have each been routed (a deal or an
// enrollment exists for their contact) and the queue is idle.
func (b *testBundle) waitRouted(t *testing.T, routed int) map[string]int {
	t.Helper()
	var c map[string]int
	require.Eventually(t, func() bool {
		c = b.counts(t)
		return c["deals"]+c["nurture_enrollments"] >= routed
	}, 20*time.Second, 50*time.Millisecond, "leads were not routed")
	// Let any duplicate task that would wrongly create more finish first.
	inspector := asynq.NewInspector(b.app.RedisConnOpt())
	defer inspector.Close()
	require.Eventually(t, func() bool {
		// Scheduled tasks are future nurture emails, not work left now.
		return drain.BusyTasks(inspector) == 0
	}, 20*time.Second, 50*time.Millisecond, "queue did not drain")
	return b.counts(t)
}

func TestWebhookBecomesRoutedLead(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		hot         bool
		wantBand    string
		wantDeals   int
		wantNurture int
	}{
		{"hot lead becomes a deal", true, "hot", 1, 0},
		{"cold lead is nurtured", false, "cold", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, testenv.DatabaseURL(t), testenv.RedisURL(t))
			res := b.post(t, testSecret, "msg_e2e_1", time.Now(), leadBody("Ada@Example.COM ", tt.hot))
			require.Equal(t, http.StatusAccepted, res.Status, res.Body)
			require.Equal(t, "accepted", res.Body["status"])

			c := b.waitRouted(t, 1)
			require.Equal(t, map[string]int{"inbound_events": 1, "contacts": 1, "touchpoints": 1, "scores": 1,
				"deals": tt.wantDeals, "nurture_enrollments": tt.wantNurture, "deal_stage_history": tt.wantDeals}, c)

			ctx := context.Background()
			var email, utmSource, utmMedium, utmCampaign, band string
			var total int
			var breakdown []byte
			require.NoError(t, b.pool.QueryRow(ctx, `
				SELECT i.value, t.utm_source, t.utm_medium, t.utm_campaign, s.band, s.total, s.breakdown
				FROM touchpoints t JOIN contact_identities i ON i.contact_id = t.contact_id AND i.kind = 'email'
				JOIN scores s ON s.touchpoint_id = t.id`).Scan(&email, &utmSource, &utmMedium, &utmCampaign, &band, &total, &breakdown))
			require.Equal(t, "ada@example.com", email, "email is normalized")
			require.Equal(t, []string{"google", "cpc", "winter-promo"}, []string{utmSource, utmMedium, utmCampaign})
			require.Equal(t, tt.wantBand, band)
			var explained struct {
				Contributions []struct{ Factor, Reason string } `json:"contributions"`
			}
			require.NoError(t, json.Unmarshal(breakdown, &explained))
			require.NotEmpty(t, explained.Contributions, "every score explains itself")
			for _, c := range explained.Contributions {
				require.NotEmpty(t, c.Reason, c.Factor)
			}
			if tt.hot {
				var stage, owner string
				require.NoError(t, b.pool.QueryRow(ctx, `
					SELECT st.name, r.name FROM deals d JOIN stages st ON st.id = d.stage_id JOIN reps r ON r.id = d.owner_rep_id`).Scan(&stage, &owner))
				require.Equal(t, "Qualification", stage)
				require.Equal(t, "Rep One", owner)
			}
		})
	}
}

func TestRedeliveryCreatesNothingNew(t *testing.T) {
	t.Parallel()
	b := setup(t, testenv.DatabaseURL(t), testenv.RedisURL(t))
	body := leadBody("ada@example.com", true)
	ts := time.Now()

	first := b.post(t, testSecret, "msg_dup", ts, body)
	require.Equal(t, http.StatusAccepted, first.Status)
	for range 4 {
		res := b.post(t, testSecret, "msg_dup", ts, body)
		require.Equal(t, http.StatusOK, res.Status)
		require.Equal(t, "duplicate", res.Body["status"])
	}
	// Five more at once, racing each other and the workers.
	var wg sync.WaitGroup
	statuses := make([]int, 5)
	for i := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = b.post(t, testSecret, "msg_dup", ts, body).Status
		}()
	}
	wg.Wait()
	require.Equal(t, []int{200, 200, 200, 200, 200}, statuses)

	// A new event id whose five copies race from the start.
	body2 := leadBody("grace@example.org", false)
	for i := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = b.post(t, testSecret, "msg_race", ts, body2).Status
		}()
	}
	wg.Wait()
	accepted := 0
	for _, s := range statuses {
		if s == http.StatusAccepted {
			accepted++
		} else {
			require.Equal(t, http.StatusOK, s)
		}
	}
	require.Equal(t, 1, accepted, "exactly one of five concurrent deliveries is the new one")

	c := b.waitRouted(t, 2)
	require.Equal(t, map[string]int{"inbound_events": 2, "contacts": 2, "touchpoints": 2, "scores": 2,
		"deals": 1, "nurture_enrollments": 1, "deal_stage_history": 1}, c)
}

func TestRejectedWebhooksAreNotStored(t *testing.T) {
	t.Parallel()
	b := setup(t, testenv.DatabaseURL(t), testenv.RedisURL(t))
	body := leadBody("ada@example.com", true)
	now := time.Now()
	goodSig, err := connectors.SignStandardWebhook(testSecret, "msg_1", now, body)
	require.NoError(t, err)

	tests := []struct {
		name       string
		do         func() response
		wantStatus int
		wantField  string
	}{
		{"tampered body", func() response {
			return b.postRaw(t, "msg_1", now, goodSig, bytes.Replace(body, []byte("over_50k"), []byte("over_90k"), 1))
		}, http.StatusUnauthorized, ""},
		{"wrong secret", func() response { return b.post(t, otherSecret, "msg_1", now, body) }, http.StatusUnauthorized, ""},
		{"stale timestamp", func() response { return b.post(t, testSecret, "msg_1", now.Add(-10*time.Minute), body) }, http.StatusUnauthorized, ""},
		{"missing signature", func() response { return b.postRaw(t, "msg_1", now, "", body) }, http.StatusUnauthorized, ""},
		{"malformed JSON", func() response { return b.post(t, testSecret, "msg_1", now, []byte(`{"type":"lead.created","data":{`)) }, http.StatusBadRequest, ""},
		{"neither email nor phone", func() response {
			return b.post(t, testSecret, "msg_1", now, []byte(`{"type":"lead.created","data":{"name":"Nobody"}}`))
		}, http.StatusBadRequest, "data.email"},
		{"oversize body", func() response {
			big := []byte(`{"type":"lead.created","data":{"email":"a@example.com","message":"` + strings.Repeat("x", 1<<20) + `"}}`)
			return b.post(t, testSecret, "msg_1", now, big)
		}, http.StatusRequestEntityTooLarge, "body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := tt.do()
			require.Equal(t, tt.wantStatus, res.Status, res.Body)
			require.NotEmpty(t, res.Body["error"], "the answer says what is wrong")
			if tt.wantField != "" {
				require.Equal(t, tt.wantField, res.Body["field"])
			}
		})
	}
	require.Equal(t, 0, b.counts(t)["inbound_events"], "nothing rejected is stored")
	res := b.post(t, testSecret, "msg_1", now, body)
	require.Equal(t, http.StatusAccepted, res.Status, "the genuine event still goes through")
}

func TestSecretRotation(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		config.EnvDatabaseURL: testenv.DatabaseURL(t), config.EnvRedisURL: testenv.RedisURL(t),
		config.EnvWebhookSecrets: otherSecret + ", " + testSecret, config.EnvLogLevel: "error",
	}
	b := setup(t, env[config.EnvDatabaseURL], env[config.EnvRedisURL])
	// setup configured testSecret only; rebuild the connector with both.
	cfg, err := config.Load(func(k string) string { return env[k] })
	require.NoError(t, err)
	require.Len(t, cfg.WebhookSecrets, 2)
	gen, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: cfg.WebhookSecrets})
	require.NoError(t, err)
	for _, secret := range []string{otherSecret, testSecret} {
		body := leadBody("ada@example.com", false)
		ts := time.Now()
		sig, err := connectors.SignStandardWebhook(secret, "msg_rot", ts, body)
		require.NoError(t, err)
		h := http.Header{}
		h.Set("webhook-id", "msg_rot")
		h.Set("webhook-timestamp", fmt.Sprint(ts.Unix()))
		h.Set("webhook-signature", sig)
		require.NoError(t, gen.Verify(&connectors.Request{Method: "POST", Header: h, Body: body}, ts))
	}
	_ = b
}

func TestContactScoreAPI(t *testing.T) {
	t.Parallel()
	token := strings.Repeat("r", 40)
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{env: map[string]string{config.EnvAPITokens: "old-token-" + strings.Repeat("o", 30) + "," + token}})
	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_api", time.Now(), leadBody("ada@example.com", true)).Status)
	b.waitRouted(t, 1)
	var contactID int64
	var ref string
	require.NoError(t, b.pool.QueryRow(context.Background(), `SELECT id, ref FROM contacts`).Scan(&contactID, &ref))

	get := func(path, auth string) (int, map[string]any) {
		req, err := http.NewRequest(http.MethodGet, b.baseURL+path, nil)
		require.NoError(t, err)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		var out map[string]any
		require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
		return res.StatusCode, out
	}
	code, out := get(fmt.Sprintf("/v1/contacts/%d/score", contactID), "")
	require.Equal(t, http.StatusUnauthorized, code)
	require.Equal(t, "Authorization", out["field"])
	code, _ = get(fmt.Sprintf("/v1/contacts/%d/score", contactID), "Bearer "+strings.Repeat("x", 40))
	require.Equal(t, http.StatusUnauthorized, code)

	for _, id := range []string{fmt.Sprint(contactID), ref} {
		code, out = get("/v1/contacts/"+id+"/score", "Bearer "+token)
		require.Equal(t, http.StatusOK, code, out)
		cur := out["current"].(map[string]any)
		require.Equal(t, "hot", cur["band"])
		require.NotEmpty(t, cur["breakdown"].(map[string]any)["contributions"])
		require.Len(t, out["history"], 1)
	}
	code, out = get("/v1/contacts/999999/score", "Bearer "+token)
	require.Equal(t, http.StatusNotFound, code, out)
}

func TestExplainCommand(t *testing.T) {
	// Not parallel: it sets the process environment the command reads.
	dbURL := testenv.DatabaseURL(t)
	b := setup(t, dbURL, testenv.RedisURL(t))
	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_explain", time.Now(), leadBody("ada@example.com", true)).Status)
	b.waitRouted(t, 1)
	var ref string
	require.NoError(t, b.pool.QueryRow(context.Background(), `SELECT ref FROM contacts`).Scan(&ref))
	t.Setenv(config.EnvDatabaseURL, dbURL)

	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"explain", ref}, &out, &errOut), errOut.String())
	require.Contains(t, out.String(), "hot")
	require.Contains(t, out.String(), `(from a form answer on `)
	require.Contains(t, out.String(), `: over $50k)`, "the answer code in words")
	out.Reset()
	errOut.Reset()
	require.Equal(t, 1, run(context.Background(), []string{"explain", "lead_nope"}, &out, &errOut))
	require.Contains(t, errOut.String(), `no contact with ref "lead_nope"`)

	// The contact may be named as in `leadflow contacts`: by email too.
	out.Reset()
	errOut.Reset()
	require.Equal(t, 0, run(context.Background(), []string{"explain", "ADA@example.com"}, &out, &errOut), errOut.String())
	require.Contains(t, out.String(), `: over $50k)`, "the answer code in words")
}
