package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
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
	"leadflow/internal/node"
	"leadflow/internal/testenv"
)

// These tests play the deliveries an outside review found lost (issue 13):
// LinkedIn's real URN spelling, a LinkedIn form nobody mapped, a Typeform
// form nobody mapped. Each goes through the HTTP endpoint into real
// PostgreSQL and Redis.

// linkedInStandIn is a LinkedIn REST API serving the fixture form response
// (any id, answered with that id) and the form definition, counting calls.
type linkedInStandIn struct {
	*httptest.Server
	formCalls atomic.Int32
}

func newLinkedInStandIn(t *testing.T) *linkedInStandIn {
	t.Helper()
	api := &linkedInStandIn{}
	response := readFixture(t, "linkedin/bodies/lead-form-response.json")
	form := readFixture(t, "linkedin/bodies/lead-form.json")
	const fixtureID = "7d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6"
	api.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+linkedInTokenEnv {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch id, isResponse := strings.CutPrefix(r.URL.Path, "/rest/leadFormResponses/"); {
		case isResponse:
			// Another response of the same form: same answers, its own id
			// and address.
			body := bytes.ReplaceAll(response, []byte(fixtureID), []byte(id))
			if id != fixtureID {
				body = bytes.ReplaceAll(body, []byte("ada@example.com"), []byte(id+"@example.com"))
			}
			_, _ = w.Write(body)
		case r.URL.Path == "/rest/leadForms/7000001":
			api.formCalls.Add(1)
			_, _ = w.Write(form)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(api.Close)
	return api
}

func TestLinkedInRealNotificationsAndUnconfiguredForm(t *testing.T) {
	t.Parallel()
	api := newLinkedInStandIn(t)
	// No connectors.linkedin.fields at all: the form's definition maps it.
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{env: map[string]string{
		config.EnvLinkedInClientSecret: linkedInSecret, config.EnvLinkedInAccessToken: linkedInTokenEnv,
		config.EnvLinkedInAPIURL: api.URL,
	}})
	sign := func(body []byte) map[string]string {
		return map[string]string{"Content-Type": "application/json", "X-LI-Signature": linkedInSignature(body)}
	}

	// LinkedIn's spelling, as its notifications carry it; then its retry.
	real := readFixture(t, "linkedin/bodies/lead-notification.json")
	require.Contains(t, string(real), `"urn:li:leadGenFormResponse:`)
	code, body := b.send(t, "POST", "/v1/webhooks/linkedin", real, sign(real))
	require.Equal(t, http.StatusAccepted, code, body)
	code, body = b.send(t, "POST", "/v1/webhooks/linkedin", real, sign(real))
	require.Equal(t, http.StatusOK, code, body)
	require.Contains(t, body, `"status":"duplicate"`)
	// The other spelling, for another response of the same form version.
	other := bytes.Replace(bytes.Replace(real, []byte("leadGenFormResponse:7d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6"),
		[]byte("leadFormResponse:other-0002"), 1), []byte("1767225600000"), []byte("1767225660000"), 1)
	code, body = b.send(t, "POST", "/v1/webhooks/linkedin", other, sign(other))
	require.Equal(t, http.StatusAccepted, code, body)

	b.waitEvents(t, 2)
	require.Equal(t, []string{"processed", "processed"}, b.query(t, `SELECT status FROM inbound_events ORDER BY id`))
	require.Equal(t, []string{"ada@example.com", "other-0002@example.com"},
		b.query(t, `SELECT value FROM contact_identities WHERE kind = 'email' ORDER BY value`))
	require.Equal(t, []string{"Ada Example|Example Widgets Ltd", "Ada Example|Example Widgets Ltd"},
		b.query(t, `SELECT concat_ws('|', first_name || ' ' || last_name, company) FROM contacts ORDER BY id`))
	require.Equal(t, int32(1), api.formCalls.Load(), "one definition read for one form version")
	require.Equal(t, []string{"2"}, b.query(t, `SELECT count(*) FROM touchpoints`), "the retry created nothing")
}

// linkedInSignature plays LinkedIn: hex HMAC-SHA256(client secret,
// "hmacsha256=" + body).
func linkedInSignature(body []byte) string {
	mac := hmac.New(sha256.New, []byte(linkedInSecret))
	mac.Write([]byte("hmacsha256="))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// unmappedTypeform is a Typeform response whose refs are auto-generated
// and whose text answers carry no type or title that says "email".
var unmappedTypeform = []byte(`{"event_id":"01JUNMAPPED0000000000000001","event_type":"form_response","form_response":{"form_id":"UnMaPpEd","token":"tok-unmapped-1","submitted_at":"2026-01-01T00:00:00Z",
"definition":{"id":"UnMaPpEd","title":"Contact","fields":[{"id":"q1","ref":"0f6d6a4e-0d3b-4a4f-9a0e-1c2b3d4e5f60","type":"short_text","title":"Where can we reach you?"},{"id":"q2","ref":"5a8b7c6d-0000-4000-8000-000000000002","type":"short_text","title":"Anything else?"}]},
"answers":[{"type":"text","text":"grace@example.org","field":{"id":"q1","type":"short_text","ref":"0f6d6a4e-0d3b-4a4f-9a0e-1c2b3d4e5f60"}},{"type":"text","text":"We lose leads in spreadsheets","field":{"id":"q2","type":"short_text","ref":"5a8b7c6d-0000-4000-8000-000000000002"}}]}}`)

func TestUnmappedFormIsKeptListedCountedAndReplayed(t *testing.T) {
	// Not parallel: the replay command reads the process environment.
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	env := map[string]string{
		config.EnvDatabaseURL: dbURL, config.EnvRedisURL: redisURL, config.EnvWebhookSecrets: testSecret,
		config.EnvLogLevel: "error", config.EnvTypeformSecret: typeformSecret,
	}
	t.Setenv(config.EnvDatabaseURL, dbURL)
	t.Setenv(config.EnvRedisURL, redisURL)
	base, stop := startRolesFor(t, env, node.Roles{HTTP: true, Worker: true})

	post := func() (int, string) {
		return send(t, base, "POST", "/v1/webhooks/typeform", unmappedTypeform, map[string]string{
			"Content-Type": "application/json", connectors.HeaderTypeformSignature: connectors.SignTypeform(typeformSecret, unmappedTypeform)})
	}
	code, body := post()
	require.Equal(t, http.StatusAccepted, code, "stored, never a 4xx Typeform would drop: %s", body)

	var rowID int64
	var lastError string
	require.Eventually(t, func() bool {
		return pool.QueryRow(ctx, `SELECT id, last_error FROM inbound_events WHERE status = 'failed'`).Scan(&rowID, &lastError) == nil
	}, 20*time.Second, 50*time.Millisecond, "the unmapped response was not dead-lettered")
	require.Contains(t, lastError, "form UnMaPpEd, unmapped questions: 0f6d6a4e-0d3b-4a4f-9a0e-1c2b3d4e5f60, 5a8b7c6d-0000-4000-8000-000000000002")
	require.NotContains(t, lastError, "grace", "the reason names questions, never answers")

	// Typeform's retry of it is a duplicate, not a second dead letter.
	code, body = post()
	require.Equal(t, http.StatusOK, code, body)
	require.Contains(t, body, `"status":"duplicate"`)

	metricsText := func() string {
		res, err := http.Get(base + "/metrics")
		require.NoError(t, err)
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return string(b)
	}
	require.Contains(t, metricsText(), `leadflow_deliveries_unmapped_total{connector="typeform"} 1`)

	code, out, errOut := runCLI("replay", "ls")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "Failed events: 1")
	require.Contains(t, out, "Unmapped forms")
	require.Contains(t, out, "typeform form UnMaPpEd: 1 event(s); unmapped questions: 0f6d6a4e-0d3b-4a4f-9a0e-1c2b3d4e5f60, 5a8b7c6d-0000-4000-8000-000000000002")
	require.NotContains(t, out, "grace@example.org")

	// The operator maps the question the listing names, restarts, replays.
	stop()
	cfgFile := filepath.Join(t.TempDir(), "leadflow.yaml")
	require.NoError(t, os.WriteFile(cfgFile, []byte(`connectors:
  typeform:
    fields: {"0f6d6a4e-0d3b-4a4f-9a0e-1c2b3d4e5f60": email, "5a8b7c6d-0000-4000-8000-000000000002": message}
`), 0o600))
	env[config.EnvConfigFile] = cfgFile
	startRolesFor(t, env, node.Roles{HTTP: true, Worker: true})
	code, out, errOut = runCLI("replay", "--connector", "typeform")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "1 event(s) replayed")
	require.Eventually(t, func() bool {
		var status string
		require.NoError(t, pool.QueryRow(ctx, `SELECT status FROM inbound_events WHERE id = $1`, rowID).Scan(&status))
		return status == "processed"
	}, 20*time.Second, 50*time.Millisecond, "the replayed event was not processed")
	var email string
	require.NoError(t, pool.QueryRow(ctx, `SELECT value FROM contact_identities WHERE kind = 'email'`).Scan(&email))
	require.Equal(t, "grace@example.org", email)
	var events int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM inbound_events`).Scan(&events))
	require.Equal(t, 1, events, "one delivery, stored once, processed once")
}

func TestTypeformPublishedExampleBecomesALead(t *testing.T) {
	t.Parallel()
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{env: map[string]string{config.EnvTypeformSecret: typeformSecret}})
	// Typeform's own example payload (developer docs; connectors/testdata/SOURCES.md): its refs are
	// nobody's configuration, its email answer is known only by its type.
	example := readFixture(t, "typeform/published/bodies/docs-example-payload.json")
	headers := map[string]string{"Content-Type": "application/json", connectors.HeaderTypeformSignature: connectors.SignTypeform(typeformSecret, example)}
	code, body := b.send(t, "POST", "/v1/webhooks/typeform", example, headers)
	require.Equal(t, http.StatusAccepted, code, body)
	code, body = b.send(t, "POST", "/v1/webhooks/typeform", example, headers)
	require.Equal(t, http.StatusOK, code, body)
	require.Contains(t, body, `"status":"duplicate"`)

	b.waitRouted(t, 1)
	require.Equal(t, []string{"processed"}, b.query(t, `SELECT status FROM inbound_events`))
	require.Equal(t, []string{"laura@example.com"}, b.query(t, `SELECT value FROM contact_identities WHERE kind = 'email'`))
	require.Equal(t, []string{"Laura"}, b.query(t, `SELECT first_name FROM contacts`))
	require.Equal(t, []string{"1"}, b.query(t, `SELECT count(*) FROM touchpoints`), "the retry created nothing")
}
