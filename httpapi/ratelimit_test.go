package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/metrics"
	"leadflow/store"
)

func TestSourceLimiter(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1767225600, 0)
	web, shop := sourceKey{"generic", "web"}, sourceKey{"generic", "shop"}
	type step struct {
		at       time.Duration // since t0
		key      sourceKey
		want     bool
		wantWait time.Duration // checked when > 0
	}
	tests := []struct {
		name       string
		rate       float64
		burst      int
		maxSources int
		steps      []step
		wantLen    int
	}{
		{"burst then refuse with the refill time", 2, 3, 0, []step{
			{0, web, true, 0}, {0, web, true, 0}, {0, web, true, 0},
			{0, web, false, 500 * time.Millisecond},
			{100 * time.Millisecond, web, false, 400 * time.Millisecond},
		}, 1},
		{"tokens come back at the rate", 2, 1, 0, []step{
			{0, web, true, 0}, {0, web, false, 500 * time.Millisecond},
			{500 * time.Millisecond, web, true, 0}, {500 * time.Millisecond, web, false, 500 * time.Millisecond},
		}, 1},
		{"refused requests do not borrow from the future", 1, 1, 0, []step{
			{0, web, true, 0},
			{10 * time.Millisecond, web, false, 990 * time.Millisecond},
			{20 * time.Millisecond, web, false, 980 * time.Millisecond},
			{30 * time.Millisecond, web, false, 970 * time.Millisecond},
			{time.Second, web, true, 0},
		}, 1},
		{"sources have their own buckets", 1, 1, 0, []step{
			{0, web, true, 0}, {0, web, false, time.Second}, {0, shop, true, 0}, {0, shop, false, time.Second},
		}, 2},
		{"a connector's sources are not another connector's", 1, 1, 0, []step{
			{0, sourceKey{"generic", ""}, true, 0}, {0, sourceKey{"typeform", ""}, true, 0},
		}, 2},
		{"a full (idle) bucket is dropped", 10, 5, 0, []step{
			{0, web, true, 0}, {0, shop, true, 0},
			// 5 tokens at 10/s refill in 500 ms: both are full by now.
			{600 * time.Millisecond, sourceKey{"generic", "other"}, true, 0},
		}, 1},
		{"a partly used bucket is kept", 10, 5, 0, []step{
			{0, web, true, 0}, {300 * time.Millisecond, shop, true, 0},
			{600 * time.Millisecond, sourceKey{"generic", "other"}, true, 0},
		}, 2},
		{"the cap drops the least recently used", 1, 1, 2, []step{
			{0, web, true, 0}, {0, shop, true, 0},
			{0, web, false, time.Second}, // web is now the most recent
			{0, sourceKey{"generic", "third"}, true, 0},
			{0, web, false, time.Second}, // kept: shop was dropped
			{0, shop, true, 0},           // a fresh bucket (third dropped)
		}, 2},
		{"default burst is one second of rate", 3, 0, 0, []step{
			{0, web, true, 0}, {0, web, true, 0}, {0, web, true, 0}, {0, web, false, 333333334},
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := newSourceLimiter(tt.rate, tt.burst, tt.maxSources)
			require.NotNil(t, l)
			for i, st := range tt.steps {
				ok, wait := l.allow(st.key, t0.Add(st.at))
				require.Equal(t, st.want, ok, "step %d", i)
				if ok {
					require.Zero(t, wait, "step %d", i)
				}
				if st.wantWait > 0 {
					require.InDelta(t, st.wantWait, wait, float64(time.Millisecond), "step %d", i)
				}
			}
			require.Equal(t, tt.wantLen, l.len())
		})
	}
}

func TestSourceLimiterUnlimited(t *testing.T) {
	t.Parallel()
	for _, r := range []float64{0, -1} {
		require.Nil(t, newSourceLimiter(r, 10, 10))
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		wait time.Duration
		want int64
	}{
		{"under a second rounds up to one", 2 * time.Millisecond, 1},
		{"zero is still one", 0, 1},
		{"exact seconds stay", 3 * time.Second, 3},
		{"fractions round up", 3*time.Second + time.Nanosecond, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, retryAfterSeconds(tt.wait))
		})
	}
}

const rateTestSecret = "whsec_c3RhbmRhcmQtd2ViaG9va3MtdGVzdC1rZXktMzJieXQ="

// TestIntakeRateLimitThroughHandler drives the real handler: forged
// requests never spend a source's budget, authentic ones past it get 429
// with Retry-After and a JSON body, and nothing refused is stored.
func TestIntakeRateLimitThroughHandler(t *testing.T) {
	t.Parallel()
	gen, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: []string{rateTestSecret}})
	require.NoError(t, err)
	reg, err := connectors.NewRegistry(gen)
	require.NoError(t, err)
	pool := testenv.Pool(t)
	m := metrics.New()
	m.Init(reg.Names(), nil)
	h, err := New(Config{
		Connectors:  reg,
		Store:       store.New(pool),
		EnqueueFunc: func(context.Context, string, []lead.Event) error { return nil },
		// Two at once, then one per 1000 s: the third is refused for
		// ~1000 s whatever the test machine's speed.
		IntakeRate: 0.001, IntakeBurst: 2,
		Metrics: m,
	})
	require.NoError(t, err)

	post := func(source, id, secret string) *httptest.ResponseRecorder {
		body := []byte(fmt.Sprintf(`{"type":"lead.created","data":{"external_id":%q,"email":"rate-%s@example.com"}}`, id, id))
		sig, err := connectors.SignStandardWebhook(secret, id, time.Now(), body)
		require.NoError(t, err)
		req := httptest.NewRequest(http.MethodPost, "/v1/webhooks/generic/"+source, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("webhook-id", id)
		req.Header.Set("webhook-timestamp", strconv.FormatInt(time.Now().Unix(), 10))
		req.Header.Set("webhook-signature", sig)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	stored := func() int {
		var n int
		require.NoError(t, pool.QueryRow(context.Background(), `SELECT count(*) FROM inbound_events`).Scan(&n))
		return n
	}
	forged := "whsec_b2xkLXN0YW5kYXJkLXdlYmhvb2tzLXRlc3Qta2V5LTE="

	for i := range 5 {
		require.Equal(t, http.StatusUnauthorized, post("web", fmt.Sprintf("msg_forged_%d", i), forged).Code,
			"forged requests are refused by the signature check, not the limiter")
	}
	for i := range 2 {
		rec := post("web", fmt.Sprintf("msg_ok_%d", i), rateTestSecret)
		require.Equal(t, http.StatusAccepted, rec.Code, "forged requests spent none of the budget: %s", rec.Body)
	}
	require.Equal(t, 2, stored())

	rec := post("web", "msg_over", rateTestSecret)
	require.Equal(t, http.StatusTooManyRequests, rec.Code, rec.Body.String())
	require.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	retry, err := strconv.Atoi(rec.Header().Get("Retry-After"))
	require.NoError(t, err, "Retry-After is whole seconds")
	require.InDelta(t, 1000, retry, 5, "Retry-After comes from the bucket's refill time")
	var out map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	require.Contains(t, out["error"], "too many requests")
	require.Equal(t, 2, stored(), "a limited request stores nothing")

	require.Equal(t, http.StatusUnauthorized, post("web", "msg_forged_late", forged).Code,
		"a forged request is told it is forged, not rate limited")
	require.Equal(t, http.StatusAccepted, post("shop", "msg_other_source", rateTestSecret).Code,
		"another source has its own budget")
	require.Equal(t, 3, stored())

	scrape := httptest.NewRecorder()
	m.Handler().ServeHTTP(scrape, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	text, err := io.ReadAll(scrape.Body)
	require.NoError(t, err)
	require.Contains(t, string(text), `leadflow_intake_requests_total{connector="generic",outcome="rate_limited"} 1`)
	require.Contains(t, string(text), `leadflow_intake_requests_total{connector="generic",outcome="accepted"} 3`)
	require.True(t, strings.Contains(string(text), `leadflow_intake_requests_total{connector="generic",outcome="unauthorized"} 6`))
}

// TestIntakeRateLimitKeepsOversizeAnswer checks the limiter's first read
// of the body leaves the handler's own 413 answer intact.
func TestIntakeRateLimitKeepsOversizeAnswer(t *testing.T) {
	t.Parallel()
	gen, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: []string{rateTestSecret}})
	require.NoError(t, err)
	reg, err := connectors.NewRegistry(gen)
	require.NoError(t, err)
	h, err := New(Config{
		Connectors:  reg,
		Store:       store.New(testenv.Pool(t)),
		EnqueueFunc: func(context.Context, string, []lead.Event) error { return nil },
		IntakeRate:  1, IntakeBurst: 1, MaxBodyBytes: 64,
	})
	require.NoError(t, err)
	body := []byte(`{"type":"lead.created","data":{"email":"a@example.com","message":"` + strings.Repeat("x", 100) + `"}}`)
	sig, err := connectors.SignStandardWebhook(rateTestSecret, "msg_big", time.Now(), body)
	require.NoError(t, err)
	req := httptest.NewRequest(http.MethodPost, "/v1/webhooks/generic/web", bytes.NewReader(body))
	req.Header.Set("webhook-id", "msg_big")
	req.Header.Set("webhook-timestamp", strconv.FormatInt(time.Now().Unix(), 10))
	req.Header.Set("webhook-signature", sig)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, rec.Body.String())
}
