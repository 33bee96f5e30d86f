package demo_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/internal/demo"
)

// testKey is a fixed 32-byte HMAC key; testSecret is its Standard Webhooks form.
var (
	testKey    = []byte("leadflow-demo-test-key-32-bytes!")
	testSecret = "whsec_" + base64.StdEncoding.EncodeToString(testKey)
)

// receiver is an httptest server that checks each request the way a
// Standard Webhooks receiver must, computing the HMAC itself rather than
// trusting connectors, so a signing bug on both sides cannot cancel out.
type receiver struct {
	t *testing.T
	// statusFunc picks the answer for a verified request; nil means 202.
	statusFunc func(id string) int

	mu       sync.Mutex
	ids      map[string]bool
	paths    map[string]int
	inFlight atomic.Int32
	maxSeen  atomic.Int32
}

func newReceiver(t *testing.T, statusFunc func(id string) int) (*receiver, *httptest.Server) {
	r := &receiver{t: t, statusFunc: statusFunc, ids: map[string]bool{}, paths: map[string]int{}}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return r, srv
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	n := rc.inFlight.Add(1)
	defer rc.inFlight.Add(-1)
	for {
		seen := rc.maxSeen.Load()
		if n <= seen || rc.maxSeen.CompareAndSwap(seen, n) {
			break
		}
	}
	// Hold the request briefly so concurrent ones overlap.
	time.Sleep(2 * time.Millisecond)

	body, err := io.ReadAll(req.Body)
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	id := req.Header.Get("webhook-id")
	ts := req.Header.Get("webhook-timestamp")
	sig := req.Header.Get("webhook-signature")
	switch {
	case req.Method != http.MethodPost:
		http.Error(w, "method", http.StatusMethodNotAllowed)
		return
	case !strings.HasPrefix(req.URL.Path, "/v1/webhooks/generic/"):
		http.Error(w, "path", http.StatusNotFound)
		return
	case req.Header.Get("Content-Type") != "application/json":
		http.Error(w, "content type", http.StatusUnsupportedMediaType)
		return
	case id == "" || ts == "":
		http.Error(w, "missing headers", http.StatusUnauthorized)
		return
	}
	if _, err := strconv.ParseInt(ts, 10, 64); err != nil {
		http.Error(w, "timestamp", http.StatusUnauthorized)
		return
	}
	mac := hmac.New(sha256.New, testKey)
	mac.Write([]byte(id + "." + ts + "."))
	mac.Write(body)
	want := "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(sig), []byte(want)) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}

	rc.mu.Lock()
	rc.ids[id] = true
	rc.paths[strings.TrimPrefix(req.URL.Path, "/v1/webhooks/generic/")]++
	rc.mu.Unlock()

	status := http.StatusAccepted
	if rc.statusFunc != nil {
		status = rc.statusFunc(id)
	}
	if status >= 300 {
		http.Error(w, `{"error":"rejected by test"}`, status)
		return
	}
	w.WriteHeader(status)
}

func TestPost(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name        string
		n           int
		concurrency int
		statusFunc  func(id string) int
		wantStatus  map[int]int
		wantErrors  int
	}{
		{
			name: "all accepted", n: 60, concurrency: 4,
			wantStatus: map[int]int{202: 60},
		},
		{
			name: "concurrency below one means one", n: 5, concurrency: 0,
			wantStatus: map[int]int{202: 5},
		},
		{
			name: "rejections are counted and at most ten kept", n: 40, concurrency: 8,
			statusFunc: func(string) int { return http.StatusServiceUnavailable },
			wantStatus: map[int]int{503: 40},
			wantErrors: 10,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rc, srv := newReceiver(t, tt.statusFunc)
			ws := demo.Generate(3, tt.n, time.Now())

			rep, err := demo.Post(context.Background(), srv.Client(), srv.URL+"/", testSecret, ws, tt.concurrency)
			require.NoError(t, err)
			require.Equal(t, tt.n, rep.Sent)
			require.Zero(t, rep.Failed)
			require.Equal(t, tt.wantStatus, rep.ByStatus)
			require.Len(t, rep.Errors, tt.wantErrors)
			for _, e := range rep.Errors {
				require.Contains(t, e, "HTTP 503")
				require.Contains(t, e, "rejected by test")
			}
			require.Positive(t, rep.Elapsed)

			// Every webhook arrived, verified, under its own source path.
			require.Len(t, rc.ids, tt.n)
			for _, w := range ws {
				require.True(t, rc.ids[w.ID], "webhook %s not received", w.ID)
			}
			total := 0
			for _, c := range rc.paths {
				total += c
			}
			require.Equal(t, tt.n, total)
			require.LessOrEqual(t, int(rc.maxSeen.Load()), max(tt.concurrency, 1))
		})
	}
}

func TestPostRejectsBadSecret(t *testing.T) {
	t.Parallel()

	rc, srv := newReceiver(t, nil)
	_, err := demo.Post(context.Background(), srv.Client(), srv.URL, "not-a-secret", demo.Generate(1, 3, time.Now()), 2)
	require.ErrorContains(t, err, "post demo webhooks")
	require.NotContains(t, err.Error(), "not-a-secret")
	require.Empty(t, rc.ids)
}

func TestPostWrongSecretIsRejectedByReceiver(t *testing.T) {
	t.Parallel()

	_, srv := newReceiver(t, nil)
	other := "whsec_" + base64.StdEncoding.EncodeToString([]byte("another-32-byte-key-for-the-test"))
	rep, err := demo.Post(context.Background(), srv.Client(), srv.URL, other, demo.Generate(1, 4, time.Now()), 2)
	require.NoError(t, err)
	require.Equal(t, map[int]int{401: 4}, rep.ByStatus)
}

func TestPostCountsTransportFailures(t *testing.T) {
	t.Parallel()

	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there any more

	rep, err := demo.Post(context.Background(), &http.Client{Timeout: 2 * time.Second}, url, testSecret, demo.Generate(1, 12, time.Now()), 3)
	require.NoError(t, err)
	require.Zero(t, rep.Sent)
	require.Equal(t, 12, rep.Failed)
	require.Empty(t, rep.ByStatus)
	require.Len(t, rep.Errors, 10)
}

func TestPostStopsWhenContextEnds(t *testing.T) {
	t.Parallel()

	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	_, srv := newReceiver(t, func(string) int {
		if calls.Add(1) == 5 {
			cancel()
		}
		return http.StatusAccepted
	})
	ws := demo.Generate(1, 500, time.Now())
	rep, err := demo.Post(ctx, srv.Client(), srv.URL, testSecret, ws, 1)
	require.ErrorIs(t, err, context.Canceled)
	require.Less(t, rep.Sent+rep.Failed, len(ws))
}
