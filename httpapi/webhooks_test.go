package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/httpapi"
	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/metrics"
	"leadflow/store"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// The shared fixture: signed at T0 with these secrets (see
// connectors/testdata/standard-webhooks and PROVIDERS.md).
const (
	currentSecret = "whsec_c3RhbmRhcmQtd2ViaG9va3MtdGVzdC1rZXktMzJieXQ="
	oldSecret     = "whsec_b2xkLXN0YW5kYXJkLXdlYmhvb2tzLXRlc3Qta2V5LTE="
	fixtureID     = "msg_2026LeadFixture0001"
	fixtureTS     = "1767225600"
	fixtureSig    = "v1,4/R+v8sQDtgjggktGitI1dNVr4HV/rZqnxodDUQENa4="
	rotationSig   = "v1,dLoCjaAf3MyHca7CzjaWIlnaZI6+Fy1nV//WT1D+x7Y= v1,4/R+v8sQDtgjggktGitI1dNVr4HV/rZqnxodDUQENa4="
)

var t0 = time.Unix(1767225600, 0).UTC()

type testBundle struct {
	handler http.Handler
	store   *store.Store

	mu       sync.Mutex
	enqueued []lead.Event
	taskIDs  []string
}

// enqueuedCount waits briefly for the hand-off, which runs just after the
// answer: it is best effort by design.
func (b *testBundle) enqueuedCount(t *testing.T, want int) {
	t.Helper()
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		b.mu.Lock()
		defer b.mu.Unlock()
		assert.Len(c, b.enqueued, want)
	}, 10*time.Second, 5*time.Millisecond, "only stored events are enqueued")
}

func setup(t *testing.T, now time.Time, secrets ...string) *testBundle {
	t.Helper()
	return setupWith(t, now, nil, secrets...)
}

// setupWith is setup with a last word on the handler's config.
func setupWith(t *testing.T, now time.Time, adjust func(*httpapi.Config), secrets ...string) *testBundle {
	t.Helper()
	t.Parallel()
	gen, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: secrets})
	require.NoError(t, err)
	reg, err := connectors.NewRegistry(gen)
	require.NoError(t, err)
	b := &testBundle{store: store.New(testenv.Pool(t))}
	cfg := httpapi.Config{
		Connectors: reg,
		Store:      b.store,
		// Recording the hand-off is enough here; the queue itself is
		// exercised end to end in cmd/leadflow.
		EnqueueFunc: func(_ context.Context, taskID string, evs []lead.Event) error {
			b.mu.Lock()
			defer b.mu.Unlock()
			b.enqueued = append(b.enqueued, evs...)
			b.taskIDs = append(b.taskIDs, taskID)
			return nil
		},
		NowFunc: func() time.Time { return now },
		Metrics: metrics.New(),
	}
	if adjust != nil {
		adjust(&cfg)
	}
	h, err := httpapi.New(cfg)
	require.NoError(t, err)
	b.handler = h
	return b
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../connectors/testdata/standard-webhooks/" + name)
	require.NoError(t, err)
	return b
}

func (b *testBundle) do(t *testing.T, path string, body []byte, headers map[string]string) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	b.handler.ServeHTTP(rec, req)
	require.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	var out map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out), rec.Body.String())
	return rec.Code, out
}

func (b *testBundle) storedEvents(t *testing.T) int {
	t.Helper()
	sum, err := b.store.Summarize(context.Background())
	require.NoError(t, err)
	n := 0
	for _, c := range sum.EventsByStatus {
		n += int(c.N)
	}
	return n
}

func headers(sig string) map[string]string {
	return map[string]string{"webhook-id": fixtureID, "webhook-timestamp": fixtureTS, "webhook-signature": sig, "Content-Type": "application/json"}
}

func TestGenericWebhookFixtures(t *testing.T) {
	fresh, stale := t0.Add(60*time.Second), t0.Add(3600*time.Second)
	tests := []struct {
		name       string
		now        time.Time
		secrets    []string
		body       string
		headers    map[string]string
		path       string
		wantStatus int
		wantField  string
		wantStored int
	}{
		{"valid fixture", fresh, []string{currentSecret}, "lead.created.json", headers(fixtureSig), "", http.StatusAccepted, "", 1},
		{"rotation header, new key configured", fresh, []string{currentSecret}, "lead.created.json", headers(rotationSig), "", http.StatusAccepted, "", 1},
		{"rotation header, only the old key configured", fresh, []string{oldSecret}, "lead.created.json", headers(rotationSig), "", http.StatusAccepted, "", 1},
		{"second configured secret matches", fresh, []string{oldSecret, currentSecret}, "lead.created.json", headers(fixtureSig), "", http.StatusAccepted, "", 1},
		{"tampered body", fresh, []string{currentSecret}, "lead.created-tampered.json", headers(fixtureSig), "", http.StatusUnauthorized, "", 0},
		{"wrong secret", fresh, []string{oldSecret}, "lead.created.json", headers(fixtureSig), "", http.StatusUnauthorized, "", 0},
		{"stale timestamp", stale, []string{currentSecret}, "lead.created.json", headers(fixtureSig), "", http.StatusUnauthorized, "", 0},
		{"missing signature", fresh, []string{currentSecret}, "lead.created.json", map[string]string{"webhook-id": fixtureID, "webhook-timestamp": fixtureTS}, "", http.StatusUnauthorized, "", 0},
		{"bad source in path", fresh, []string{currentSecret}, "lead.created.json", headers(fixtureSig), "/v1/webhooks/generic/Bad%20Source", http.StatusBadRequest, "source", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := setup(t, tt.now, tt.secrets...)
			path := tt.path
			if path == "" {
				path = "/v1/webhooks/generic/website"
			}
			code, body := b.do(t, path, fixture(t, tt.body), tt.headers)
			require.Equal(t, tt.wantStatus, code, body)
			if code >= 400 {
				require.NotEmpty(t, body["error"])
				if tt.wantField != "" {
					require.Equal(t, tt.wantField, body["field"])
				}
			}
			require.Equal(t, tt.wantStored, b.storedEvents(t))
			b.enqueuedCount(t, tt.wantStored)
		})
	}
}

func TestWebhookDuplicateAnswers200(t *testing.T) {
	b := setup(t, t0.Add(time.Minute), currentSecret)
	body := fixture(t, "lead.created.json")
	code, _ := b.do(t, "/v1/webhooks/generic/website", body, headers(fixtureSig))
	require.Equal(t, http.StatusAccepted, code)
	code, out := b.do(t, "/v1/webhooks/generic/website", body, headers(fixtureSig))
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "duplicate", out["status"])
	require.Equal(t, 1, b.storedEvents(t))
	b.enqueuedCount(t, 1)
}

func TestWebhookBodyLimit(t *testing.T) {
	b := setup(t, t0.Add(time.Minute), currentSecret)
	big := []byte(`{"type":"lead.created","data":{"email":"a@example.com","message":"` + strings.Repeat("x", httpapi.DefaultMaxBodyBytes) + `"}}`)
	code, out := b.do(t, "/v1/webhooks/generic/website", big, headers(fixtureSig))
	require.Equal(t, http.StatusRequestEntityTooLarge, code)
	require.Equal(t, "body", out["field"])
	require.Zero(t, b.storedEvents(t))
}

func TestUnknownRouteIsJSON404(t *testing.T) {
	b := setup(t, t0, currentSecret)
	code, out := b.do(t, "/v1/webhooks/nope", nil, nil)
	require.Equal(t, http.StatusNotFound, code)
	require.Contains(t, out["error"], "no such endpoint")
}

// heldStore holds the first commit after hold() until release is closed,
// so a test knows every webhook sent meanwhile is waiting for the next one.
type heldStore struct {
	httpapi.IntakeStore
	armed   atomic.Bool
	held    chan struct{} // closed when the held commit has begun
	release chan struct{}
}

func (s *heldStore) hold() {
	s.held, s.release = make(chan struct{}), make(chan struct{})
	s.armed.Store(true)
}

func (s *heldStore) InsertEvents(ctx context.Context, events []lead.Event) ([]int64, error) {
	if s.armed.CompareAndSwap(true, false) {
		close(s.held)
		<-s.release
	}
	return s.IntakeStore.InsertEvents(ctx, events)
}

// TestConcurrentWebhooksCommitInGroups: webhooks arriving together share
// commits and tasks (fewer tasks than webhooks, every event on exactly one
// task), while a lone webhook never waits for the group to fill.
func TestConcurrentWebhooksCommitInGroups(t *testing.T) {
	gate := &heldStore{}
	b := setupWith(t, t0.Add(time.Minute), func(c *httpapi.Config) {
		// Far longer than the test: a lone webhook answered at all was
		// not kept waiting for a group to fill.
		c.GroupLinger = time.Hour
		gate.IntakeStore = c.Store
		c.Store = gate
	}, currentSecret)
	var entered atomic.Int32
	inner := b.handler
	b.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered.Add(1)
		inner.ServeHTTP(w, r)
	})
	post := func(i int) int {
		id := fmt.Sprintf("msg_group_%d", i)
		body := fmt.Appendf(nil, `{"type":"lead.created","data":{"email":"g%d@example.com"}}`, i)
		sig, err := connectors.SignStandardWebhook(currentSecret, id, t0.Add(time.Minute), body)
		require.NoError(t, err)
		code, _ := b.do(t, "/v1/webhooks/generic/website", body, map[string]string{
			"webhook-id": id, "webhook-timestamp": fmt.Sprint(t0.Add(time.Minute).Unix()), "webhook-signature": sig})
		return code
	}
	lone := make(chan int, 1)
	go func() { lone <- post(0) }()
	select {
	case code := <-lone:
		require.Equal(t, http.StatusAccepted, code)
	case <-time.After(30 * time.Second): // a hang guard, nowhere near the hour
		t.Fatal("a lone webhook waited for the linger instead of being committed at once")
	}

	// The first of the concurrent webhooks holds the committer; the rest
	// queue behind it and are committed together once it is released.
	const n = 48
	gate.hold()
	var wg sync.WaitGroup
	codes := make([]int, n)
	for i := range n {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i] = post(i + 1) }()
	}
	<-gate.held
	require.Eventually(t, func() bool { return entered.Load() == n+1 }, 20*time.Second, time.Millisecond, "webhooks did not arrive")
	close(gate.release)
	wg.Wait()
	for i, c := range codes {
		require.Equal(t, http.StatusAccepted, c, "webhook %d", i+1)
	}
	require.Equal(t, n+1, b.storedEvents(t))
	b.enqueuedCount(t, n+1)
	b.mu.Lock()
	defer b.mu.Unlock()
	require.Less(t, len(b.taskIDs), n/2, "concurrent webhooks share tasks")
	t.Logf("%d webhooks on %d tasks", n+1, len(b.taskIDs))
	seen := map[int64]bool{}
	for _, ev := range b.enqueued {
		require.False(t, seen[ev.ID], "event %d on two tasks", ev.ID)
		seen[ev.ID] = true
	}
}
