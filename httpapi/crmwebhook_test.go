package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/crm"
	"leadflow/crmsync"
	"leadflow/crmsync/crmsynctest"
	"leadflow/httpapi"
	"leadflow/internal/node"
	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/metrics"
	"leadflow/pipeline"
	"leadflow/store"
)

var crmSecret = []byte("crm-webhook-test-secret")

// crmServer serves the CRM webhook route with receive as its store step.
func crmServer(t testing.TB, receive func(ctx context.Context, target string, d crm.Delivery) error, maxBody int64) http.Handler {
	t.Helper()
	reg, err := connectors.NewRegistry()
	require.NoError(t, err)
	h, err := httpapi.New(httpapi.Config{Connectors: reg, Store: nopIntake{}, EnqueueFunc: func(context.Context, string, []lead.Event) error { return nil }, CRMWebhookFunc: receive,
		PublicURL: "https://leads.example.com", MaxBodyBytes: maxBody, Metrics: metrics.New(),
		NowFunc: func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }})
	require.NoError(t, err)
	return h
}

// TestCRMWebhookStoresBeforeAnswering: a signed delivery's changes are in
// PostgreSQL when the CRM gets its 204; refusals name why.
func TestCRMWebhookStoresBeforeAnswering(t *testing.T) {
	t.Parallel()
	st := store.New(testenv.Pool(t))
	ctx := context.Background()
	require.NoError(t, st.SyncCRMTargets(ctx, []string{"fake"}, time.Now()))
	recv := crmsynctest.Receiver{Fake: crmsynctest.New("fake"), Secret: crmSecret}
	syncer, err := crmsync.New(crmsync.Config{Targets: []crm.Target{recv}, Store: &node.CRMStore{Store: st, Rules: pipeline.DealRules{}}})
	require.NoError(t, err)
	var gotURLs []string
	h := crmServer(t, func(ctx context.Context, target string, d crm.Delivery) error {
		gotURLs = append(gotURLs, d.URL)
		_, err := syncer.Receive(ctx, target, d)
		if errors.Is(err, crmsync.ErrUnknownTarget) {
			return httpapi.ErrNoSuchCRM
		}
		return err
	}, 0)
	good, err := os.ReadFile(filepath.Join("testdata", "crm", "changes.json"))
	require.NoError(t, err)
	tests := []struct {
		name   string
		target string
		body   []byte
		sig    string
		want   int
	}{
		{name: "signed", target: "fake", body: good, sig: recv.Sign(good), want: http.StatusNoContent},
		{name: "bad signature", target: "fake", body: good, sig: recv.Sign([]byte("other")), want: http.StatusUnauthorized},
		{name: "no signature", target: "fake", body: good, want: http.StatusUnauthorized},
		{name: "signed garbage", target: "fake", body: []byte("{"), sig: recv.Sign([]byte("{")), want: http.StatusBadRequest},
		{name: "unknown target", target: "salesforce", body: good, sig: recv.Sign(good), want: http.StatusNotFound},
		{name: "target out of shape", target: "Fake%20CRM", body: good, sig: recv.Sign(good), want: http.StatusNotFound},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodPost, "/webhooks/crm/"+tt.target+"?x=1", bytes.NewReader(tt.body))
		if tt.sig != "" {
			req.Header.Set(crmsynctest.SignatureHeader, tt.sig)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, tt.want, rec.Code, "%s: %s", tt.name, rec.Body)
	}
	require.Equal(t, "https://leads.example.com/webhooks/crm/fake?x=1", gotURLs[0], "the URL the CRM signed")
	rows, err := st.CRMStatus(ctx, time.Now())
	require.NoError(t, err)
	require.EqualValues(t, 2, rows[0].InboundPending, "the signed delivery's two changes are stored, nothing else")
}

// TestCRMWebhookBodyBounded: a body over the limit is 413 before the CRM
// client sees it.
func TestCRMWebhookBodyBounded(t *testing.T) {
	t.Parallel()
	called := false
	h := crmServer(t, func(context.Context, string, crm.Delivery) error { called = true; return nil }, 64)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/webhooks/crm/fake", bytes.NewReader(make([]byte, 65))))
	require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
	require.False(t, called)
}

// FuzzCRMWebhook feeds arbitrary targets, bodies and signatures to the
// route: it never panics, answers only the documented codes with a JSON
// error, and accepts only a body signed by the CRM.
func FuzzCRMWebhook(f *testing.F) {
	good, err := os.ReadFile(filepath.Join("testdata", "crm", "changes.json"))
	if err != nil {
		f.Fatal(err)
	}
	recv := crmsynctest.Receiver{Fake: crmsynctest.New("fake"), Secret: crmSecret}
	f.Add("fake", good, recv.Sign(good))
	f.Add("fake", good, "")
	f.Add("fake", []byte(`{"changes":[{"CRMID":""}]}`), recv.Sign([]byte(`{"changes":[{"CRMID":""}]}`)))
	f.Add("fake", []byte(`{"changes":[{"CRMID":"d1","AmountCents":1e400}]}`), "00")
	f.Add("..", []byte(`null`), "zz")
	f.Add("fake", []byte("\xff\xfe"), recv.Sign([]byte("\xff\xfe")))
	h := crmServer(f, func(ctx context.Context, target string, d crm.Delivery) error {
		if target != "fake" {
			return httpapi.ErrNoSuchCRM
		}
		_, err := recv.Webhook(ctx, d)
		return err
	}, 4096)
	f.Fuzz(func(t *testing.T, target string, body []byte, sig string) {
		req, err := http.NewRequest(http.MethodPost, "/webhooks/crm/"+target, bytes.NewReader(body))
		if err != nil {
			return // not a request path a client can send
		}
		req.Header.Set(crmsynctest.SignatureHeader, sig)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusNoContent:
			require.Equal(t, recv.Sign(body), sig, "accepted without the CRM's signature")
			return
		case http.StatusMovedPermanently, http.StatusTemporaryRedirect:
			return // the mux cleaning a path (/webhooks/crm/..): nothing served
		case http.StatusBadRequest, http.StatusUnauthorized, http.StatusNotFound, http.StatusRequestEntityTooLarge, http.StatusMethodNotAllowed:
		default:
			t.Fatalf("unexpected status %d: %s", rec.Code, rec.Body)
		}
		var e map[string]any
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e), "the refusal is JSON: %q", rec.Body)
		require.NotEmpty(t, e["error"])
	})
}
