package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/internal/testenv"
)

// tiktokSecret is the shared fixtures' TikTok app secret (fake).
const tiktokSecret = "tt-test-client-secret-9d2b"

// tiktokHeaders signs body as TikTok does at ts: TikTok-Signature
// "t=<ts>,s=<hex HMAC-SHA256(secret, ts + "." + body)>".
func tiktokHeaders(body []byte, ts time.Time, secret string) map[string]string {
	t := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(t + "."))
	mac.Write(body)
	return map[string]string{
		"Content-Type":                   "application/json",
		connectors.TikTokSignatureHeader: "t=" + t + ",s=" + hex.EncodeToString(mac.Sum(nil)),
	}
}

// TestTikTokEndToEnd posts TikTok Marketing API LEAD notifications through
// the HTTP endpoint into real PostgreSQL and Redis. The notification
// carries the lead, so no API stand-in is needed.
func TestTikTokEndToEnd(t *testing.T) {
	t.Parallel()
	var clock testClock
	clock.set(fixtureT0.Add(60 * time.Second))
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{
		env: map[string]string{config.EnvTikTokSecret: tiktokSecret}, now: clock.now})
	count := func(sql string) string { return b.query(t, sql)[0] }

	lead := readFixture(t, "tiktok/bodies/lead-instant-form.json")
	signed := tiktokHeaders(lead, fixtureT0, tiktokSecret)

	// Forged or stale requests are refused before anything is stored.
	code, body := b.send(t, "POST", "/v1/webhooks/tiktok", lead, tiktokHeaders(lead, fixtureT0, "not-the-app-secret"))
	require.Equal(t, http.StatusUnauthorized, code, body)
	require.Contains(t, body, "TikTok-Signature does not match the body")
	tampered := append([]byte(nil), lead...)
	tampered[len(tampered)-3] ^= 1
	code, body = b.send(t, "POST", "/v1/webhooks/tiktok", tampered, signed)
	require.Equal(t, http.StatusUnauthorized, code, body)
	code, body = b.send(t, "POST", "/v1/webhooks/tiktok", lead, map[string]string{"Content-Type": "application/json"})
	require.Equal(t, http.StatusUnauthorized, code, body)
	clock.set(fixtureT0.Add(connectors.TikTokTolerance + time.Second))
	code, body = b.send(t, "POST", "/v1/webhooks/tiktok", lead, signed)
	require.Equal(t, http.StatusUnauthorized, code, "stale: %s", body)
	require.Equal(t, "0", count(`SELECT count(*) FROM inbound_events`), "a refused request stores nothing")

	// The lead is acknowledged with the 200 TikTok documents, and TikTok's
	// redelivery of it (same lead id, newly signed) creates nothing new.
	clock.set(fixtureT0.Add(60 * time.Second))
	code, body = b.send(t, "POST", "/v1/webhooks/tiktok", lead, signed)
	require.Equal(t, http.StatusOK, code, body)
	require.JSONEq(t, `{"status":"accepted","events":[{"event_id":"7300000000000000001","status":"accepted"}]}`, body)
	b.waitEvents(t, 1)
	b.waitRouted(t, 1)
	clock.set(fixtureT0.Add(10 * time.Minute))
	code, body = b.send(t, "POST", "/v1/webhooks/tiktok", lead, tiktokHeaders(lead, fixtureT0.Add(10*time.Minute), tiktokSecret))
	require.Equal(t, http.StatusOK, code, body)
	require.JSONEq(t, `{"status":"duplicate","events":[{"event_id":"7300000000000000001","status":"duplicate"}]}`, body)
	b.waitRouted(t, 1)
	require.Equal(t, "1", count(`SELECT count(*) FROM inbound_events`), "the redelivery stores no second event")
	require.Equal(t, "1", count(`SELECT count(*) FROM touchpoints`), "the redelivery adds no touchpoint")

	require.Equal(t, []string{"ada@example.com", "social", "tiktok-lead-gen", "7300000000000000001",
		"7200000000000000001", "1800000000000001", "Example Widgets Ltd"},
		b.query(t, `SELECT unnest(ARRAY[i.value, t.channel, t.source, t.external_id,
				t.campaign_ids->>'form_id', t.campaign_ids->>'campaign_id', c.company])
			FROM touchpoints t JOIN contacts c ON c.id = t.contact_id
			JOIN contact_identities i ON i.contact_id = t.contact_id AND i.kind = 'email'`))
	require.Equal(t, []string{"processed"}, b.query(t, `SELECT status FROM inbound_events`))
	require.Equal(t, []string{"tiktok"}, b.query(t, `SELECT connector FROM inbound_events`))

	// A form nobody mapped: acknowledged and stored (TikTok would otherwise
	// retry for 72 hours and drop it), then dead-lettered with the form and
	// its question keys, never the answers.
	unmapped := readFixture(t, "tiktok/bodies/lead-unmapped-form.json")
	code, body = b.send(t, "POST", "/v1/webhooks/tiktok", unmapped, tiktokHeaders(unmapped, fixtureT0.Add(10*time.Minute), tiktokSecret))
	require.Equal(t, http.StatusOK, code, body)
	require.Contains(t, body, `"status":"accepted"`)
	b.waitEvents(t, 2)
	lastError := b.query(t, `SELECT last_error FROM inbound_events WHERE status = 'failed'`)
	require.Len(t, lastError, 1)
	require.Contains(t, lastError[0], "form 7200000000000000009, unmapped questions: preferred_store, budget_range")
	require.NotContains(t, lastError[0], "North", "the reason names questions, never answers")
	require.Equal(t, "1", count(`SELECT count(*) FROM touchpoints`), "an unmapped lead is not a touchpoint")

	res, err := http.Get(b.baseURL + "/metrics")
	require.NoError(t, err)
	defer res.Body.Close()
	metrics, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Contains(t, string(metrics), `leadflow_deliveries_unmapped_total{connector="tiktok"} 1`)
}

// TestTikTokNotConfigured keeps the endpoint closed without a secret: a
// connector never runs unauthenticated.
func TestTikTokNotConfigured(t *testing.T) {
	t.Parallel()
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{})
	lead := readFixture(t, "tiktok/bodies/lead-instant-form.json")
	code, body := b.send(t, "POST", "/v1/webhooks/tiktok", lead, tiktokHeaders(lead, time.Now(), tiktokSecret))
	require.Equal(t, http.StatusNotFound, code, body)
}
