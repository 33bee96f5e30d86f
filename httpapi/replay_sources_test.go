package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/store"
)

// TestSignedRequestReplayedToOtherSources plays issue 14's attack: one
// captured, validly signed Standard Webhooks request posted to many
// {source} paths. The signature covers id, timestamp and body but not the
// path, so each copy is authentic; it must still be one event.
func TestSignedRequestReplayedToOtherSources(t *testing.T) {
	t.Parallel()
	gen, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: []string{rateTestSecret}})
	require.NoError(t, err)
	reg, err := connectors.NewRegistry(gen)
	require.NoError(t, err)
	pool := testenv.Pool(t)
	h, err := New(Config{
		Connectors:  reg,
		Store:       store.New(pool),
		EnqueueFunc: func(context.Context, string, []lead.Event) error { return nil },
		IntakeRate:  1000, IntakeBurst: 1000,
	})
	require.NoError(t, err)

	body := []byte(`{"type":"lead.created","data":{"external_id":"warm-1","email":"warm@example.com"}}`)
	sig, err := connectors.SignStandardWebhook(rateTestSecret, "msg_captured", time.Now(), body)
	require.NoError(t, err)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	post := func(source string) (int, map[string]any) {
		req := httptest.NewRequest(http.MethodPost, "/v1/webhooks/generic/"+source, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("webhook-id", "msg_captured")
		req.Header.Set("webhook-timestamp", ts)
		req.Header.Set("webhook-signature", sig)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var out map[string]any
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out), rec.Body.String())
		return rec.Code, out
	}

	code, out := post("website")
	require.Equal(t, http.StatusAccepted, code, out)
	for i := range 50 {
		code, out := post(fmt.Sprintf("src-%d", i))
		require.Equal(t, http.StatusOK, code, "replay %d: %v", i, out)
		require.Equal(t, "duplicate", out["status"], "replay %d", i)
	}
	var events int
	require.NoError(t, pool.QueryRow(context.Background(), `SELECT count(*) FROM inbound_events`).Scan(&events))
	require.Equal(t, 1, events, "one signed request is one event, whatever the path")
}

// TestIntakeLimitedPerConnector checks the bucket shared by all of one
// connector's sources: invented source names do not multiply the budget.
func TestIntakeLimitedPerConnector(t *testing.T) {
	t.Parallel()
	gen, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: []string{rateTestSecret}})
	require.NoError(t, err)
	reg, err := connectors.NewRegistry(gen)
	require.NoError(t, err)
	pool := testenv.Pool(t)
	h, err := New(Config{
		Connectors:  reg,
		Store:       store.New(pool),
		EnqueueFunc: func(context.Context, string, []lead.Event) error { return nil },
		// Generous per source, tight per connector: three at once, then
		// one per 1000 s, whatever the test machine's speed.
		IntakeRate: 1000, IntakeBurst: 1000,
		IntakeConnectorRate: 0.001, IntakeConnectorBurst: 3,
	})
	require.NoError(t, err)
	post := func(source, id string) *httptest.ResponseRecorder {
		body := []byte(fmt.Sprintf(`{"type":"lead.created","data":{"external_id":%q,"email":"c-%s@example.com"}}`, id, id))
		sig, err := connectors.SignStandardWebhook(rateTestSecret, id, time.Now(), body)
		require.NoError(t, err)
		req := httptest.NewRequest(http.MethodPost, "/v1/webhooks/generic/"+source, bytes.NewReader(body))
		req.Header.Set("webhook-id", id)
		req.Header.Set("webhook-timestamp", strconv.FormatInt(time.Now().Unix(), 10))
		req.Header.Set("webhook-signature", sig)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for i := range 3 {
		rec := post(fmt.Sprintf("src-%d", i), fmt.Sprintf("msg_c_%d", i))
		require.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())
	}
	rec := post("src-new", "msg_c_over")
	require.Equal(t, http.StatusTooManyRequests, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), "too many requests for this connector")
	retry, err := strconv.Atoi(rec.Header().Get("Retry-After"))
	require.NoError(t, err)
	require.Greater(t, retry, 100)
	var events int
	require.NoError(t, pool.QueryRow(context.Background(), `SELECT count(*) FROM inbound_events`).Scan(&events))
	require.Equal(t, 3, events, "a limited request stores nothing")
}
