package httpapi

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/metrics"
	"leadflow/store"
)

func TestBodyBudgetHolds(t *testing.T) {
	t.Parallel()
	const budget = 4 << 20 // large bodies: at most 3 MiB of it
	type step struct {
		hold int   // index of the hold
		grow int64 // to this many bytes
		want bool  // whether it fits
		used int64 // budget in use after the step
		free []int // holds released after the step
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"small bodies may use all of it", []step{
			{0, 2 << 20, true, 2 << 20, nil}, // large
			{1, smallBodyBytes, true, 2<<20 + smallBodyBytes, nil},
			{2, 1 << 20, true, 3<<20 + smallBodyBytes, nil}, // large: 3 MiB, their limit
			{3, smallBodyBytes, true, 3<<20 + 2*smallBodyBytes, nil},
		}},
		{"large bodies leave a quarter to small ones", []step{
			{0, 3 << 20, true, 3 << 20, nil},
			{1, smallBodyBytes + 1, false, 3 << 20, nil},
			{1, smallBodyBytes, true, 3<<20 + smallBodyBytes, nil},
		}},
		{"the whole budget, not more", []step{
			{0, 3 << 20, true, 3 << 20, nil},
			{1, 1<<20 + 1, false, 3 << 20, nil},
			{1, 1 << 20, false, 3 << 20, nil}, // over 64 KiB: large
			{2, smallBodyBytes, true, smallBodyBytes, []int{0}},
			{1, 3 << 20, true, 3<<20 + smallBodyBytes, nil},
		}},
		{"a growing body turns large past 64 KiB", []step{
			{0, 2 << 20, true, 2 << 20, nil},
			{1, smallBodyBytes, true, 2<<20 + smallBodyBytes, nil},
			{1, 1<<20 + 1, false, 2<<20 + smallBodyBytes, nil}, // 3 MiB + 1 of large
			{1, 1 << 20, true, 3 << 20, nil},
			{1, 1 << 19, true, 3 << 20, nil}, // shrinking is a no-op
		}},
		{"release gives everything back", []step{
			{0, 2 << 20, true, 2 << 20, nil},
			{1, 1 << 20, true, 0, []int{0, 1, 1}},
			{2, 3 << 20, true, 3 << 20, nil},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := metrics.New()
			b := newBodyBudget(budget, 0, m)
			holds := map[int]*bodyHold{}
			for i, st := range tt.steps {
				h := holds[st.hold]
				if h == nil {
					h = &bodyHold{b: b}
					holds[st.hold] = h
				}
				require.Equal(t, st.want, h.grow(st.grow), "step %d", i)
				for _, f := range st.free {
					holds[f].release()
				}
				require.Equal(t, st.used, b.inUse(), "step %d", i)
				require.Equal(t, float64(st.used), gaugeValue(t, m), "step %d: the gauge follows", i)
			}
		})
	}
}

// gaugeValue scrapes leadflow_intake_buffered_body_bytes.
func gaugeValue(t *testing.T, m *metrics.Metrics) float64 {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	for line := range strings.Lines(rec.Body.String()) {
		if v, ok := strings.CutPrefix(line, "leadflow_intake_buffered_body_bytes "); ok {
			var f float64
			_, err := fmt.Sscan(v, &f)
			require.NoError(t, err)
			return f
		}
	}
	t.Fatal("leadflow_intake_buffered_body_bytes not exported")
	return 0
}

// reserve holds n bytes of b as other requests would: one large body of
// up to three quarters of the budget, then small ones.
func reserve(t *testing.T, b *bodyBudget, n int64) []*bodyHold {
	t.Helper()
	var holds []*bodyHold
	for size := min(n, b.largeLimit); n > 0; size = min(n, smallBodyBytes) {
		h := &bodyHold{b: b}
		require.True(t, h.grow(size))
		holds = append(holds, h)
		n -= size
	}
	return holds
}

// untouchable fails the test when a refused body is read after all.
type untouchable struct{ t *testing.T }

func (u untouchable) Read([]byte) (int, error) {
	u.t.Error("the body was read although it was refused")
	return 0, io.ErrUnexpectedEOF
}

func TestBodyBudgetRead(t *testing.T) {
	t.Parallel()
	const limit = 1 << 20
	small := bytes.Repeat([]byte("x"), 1000)
	big := bytes.Repeat([]byte("y"), limit)
	tests := []struct {
		name string
		// held is reserved by another request first.
		held int64
		body io.Reader
		// length is the declared Content-Length; -1 unknown (chunked).
		length  int64
		want    []byte
		wantErr error
	}{
		{"declared length", 0, bytes.NewReader(small), int64(len(small)), small, nil},
		{"declared length, the maximum", 0, bytes.NewReader(big), limit, big, nil},
		{"declared length over the maximum: not read", 0, untouchable{t}, limit + 1, nil, errBodyTooLarge},
		{"declared length over the budget: not read", 4<<20 - 1000, untouchable{t}, 1001, nil, errBodyBudget},
		{"declared length fits exactly", 4<<20 - 1000, bytes.NewReader(small), 1000, small, nil},
		{"large body beyond three quarters: not read", 2<<20 + 1, untouchable{t}, limit, nil, errBodyBudget},
		{"unknown length", 0, iotest.HalfReader(bytes.NewReader(small)), -1, small, nil},
		{"unknown length, the maximum", 0, iotest.OneByteReader(bytes.NewReader(big)), -1, big, nil},
		{"unknown length over the maximum", 0, bytes.NewReader(append(big, 'z')), -1, nil, errBodyTooLarge},
		{"unknown length outgrows the budget", 2<<20 + 1, bytes.NewReader(big), -1, nil, errBodyBudget},
		{"short body", 0, bytes.NewReader(small), 2000, nil, io.ErrUnexpectedEOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBodyBudget(4<<20, time.Second, nil)
			others := reserve(t, b, tt.held)
			r := httptest.NewRequest(http.MethodPost, "/", tt.body)
			r.ContentLength = tt.length
			got, release, err := b.read(httptest.NewRecorder(), r, limit)
			require.NotNil(t, release)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
				require.Equal(t, tt.want, got)
				require.LessOrEqual(t, tt.held+int64(len(got)), b.inUse(), "the body is reserved until released")
			}
			release()
			release()
			require.Equal(t, tt.held, b.inUse(), "a request gives back what it held, once")
			for _, h := range others {
				h.release()
			}
			require.Zero(t, b.inUse())
		})
	}
}

const budgetTestSecret = "whsec_c3RhbmRhcmQtd2ViaG9va3MtdGVzdC1rZXktMzJieXQ="

func newBudgetTestServer(t *testing.T, adjust func(*Config)) *Server {
	t.Helper()
	gen, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: []string{budgetTestSecret}})
	require.NoError(t, err)
	reg, err := connectors.NewRegistry(gen)
	require.NoError(t, err)
	c := Config{
		Connectors:  reg,
		Store:       store.New(testenv.Pool(t)),
		EnqueueFunc: func(context.Context, string, []lead.Event) error { return nil },
		Metrics:     metrics.New(),
	}
	if adjust != nil {
		adjust(&c)
	}
	s, err := New(c)
	require.NoError(t, err)
	return s
}

func signedLead(t *testing.T, id string) *http.Request {
	t.Helper()
	body := []byte(`{"type":"lead.created","data":{"email":"budget@example.com"}}`)
	sig, err := connectors.SignStandardWebhook(budgetTestSecret, id, time.Now(), body)
	require.NoError(t, err)
	r := httptest.NewRequest(http.MethodPost, "/v1/webhooks/generic/web", bytes.NewReader(body))
	r.Header.Set("webhook-id", id)
	r.Header.Set("webhook-timestamp", fmt.Sprint(time.Now().Unix()))
	r.Header.Set("webhook-signature", sig)
	return r
}

// TestWebhookOverBudget: a webhook that finds the budget spent is refused
// with 503 + Retry-After before its body is read, and accepted once the
// budget is free again.
func TestWebhookOverBudget(t *testing.T) {
	t.Parallel()
	s := newBudgetTestServer(t, func(c *Config) { c.BodyBudget = 2 << 20 })
	full := reserve(t, s.bodies, 2<<20)

	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, signedLead(t, "msg_budget_1"))
	require.Equal(t, http.StatusServiceUnavailable, rec.Code, rec.Body.String())
	require.Equal(t, "10", rec.Header().Get("Retry-After"), "the body read timeout: every reservation ends by then")
	require.Equal(t, "close", rec.Header().Get("Connection"))
	var out errorBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	require.Contains(t, out.Error, "retry later")

	for _, h := range full {
		h.release()
	}
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, signedLead(t, "msg_budget_2"))
	require.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())
	require.Zero(t, s.BufferedBodyBytes(), "released once the handler is done")
}

// TestWebhookBodyTimeout: a body that stalls is answered 408 once the body
// read timeout passes, over a real connection, and its reservation is
// freed. The client waits for the answer; no clock is asserted.
func TestWebhookBodyTimeout(t *testing.T) {
	t.Parallel()
	s := newBudgetTestServer(t, func(c *Config) { c.BodyReadTimeout = 50 * time.Millisecond })
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	_, err = fmt.Fprintf(conn, "POST /v1/webhooks/generic/web HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"type\":")
	require.NoError(t, err)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusRequestTimeout, res.StatusCode)
	require.True(t, res.Close, "the connection is not reused")
	var out errorBody
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	require.Equal(t, "body", out.Field)
	require.Zero(t, s.BufferedBodyBytes())
}
