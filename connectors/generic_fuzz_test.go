package connectors_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/connectors/connectortest"
)

// goldenRequests returns every request in the generic golden cases, the
// seed corpus of the fuzz tests.
func goldenRequests(tb testing.TB) []*connectors.Request {
	tb.Helper()
	files, err := filepath.Glob("testdata/generic/*/*.json")
	require.NoError(tb, err)
	require.NotEmpty(tb, files)
	reqs := []*connectors.Request{fixtureRequest(tb)}
	for _, file := range files {
		tc, err := connectortest.ReadCase(file)
		require.NoError(tb, err)
		req, err := tc.Request.Build(filepath.Dir(file))
		require.NoError(tb, err)
		reqs = append(reqs, req)
	}
	return reqs
}

// FuzzGenericVerify checks that Verify never panics, rejects only as
// unauthorized, and accepts only a request that really carries a v1
// signature, by a configured key, over exactly its id, timestamp and body.
func FuzzGenericVerify(f *testing.F) {
	for _, req := range goldenRequests(f) {
		f.Add(req.Header.Get(connectors.HeaderWebhookID), req.Header.Get(connectors.HeaderWebhookTimestamp),
			req.Header.Get(connectors.HeaderWebhookSignature), req.Body)
	}
	keys := make([][]byte, 0, 2)
	for _, s := range []string{currentSecret, oldSecret} {
		key, err := connectors.ParseStandardSecret(s)
		require.NoError(f, err)
		keys = append(keys, key)
	}
	g := newGeneric(f, currentSecret, oldSecret)

	f.Fuzz(func(t *testing.T, id, ts, sig string, body []byte) {
		h := http.Header{}
		h.Set(connectors.HeaderWebhookID, id)
		h.Set(connectors.HeaderWebhookTimestamp, ts)
		h.Set(connectors.HeaderWebhookSignature, sig)
		req := &connectors.Request{Method: http.MethodPost, Header: h, Body: body}
		err := g.Verify(req, fresh)
		if err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
			return
		}
		sec, err := strconv.ParseInt(ts, 10, 64)
		require.NoError(t, err, "accepted a timestamp that is not unix seconds")
		require.LessOrEqual(t, fresh.Sub(time.Unix(sec, 0)).Abs(), connectors.DefaultGenericTolerance)
		require.NotContains(t, id, ".")
		var genuine []string
		for _, key := range keys {
			m := hmac.New(sha256.New, key)
			m.Write([]byte(id + "." + ts + "."))
			m.Write(body)
			genuine = append(genuine, "v1,"+base64.StdEncoding.EncodeToString(m.Sum(nil)))
		}
		items := strings.Fields(h.Get(connectors.HeaderWebhookSignature))
		require.True(t, slices.ContainsFunc(items, func(s string) bool { return slices.Contains(genuine, s) }),
			"accepted without a genuine signature")
	})
}

// FuzzGenericParse checks that Parse never panics, rejects only as invalid,
// and that Decode accepts every delivery Parse produced: once Parse has
// succeeded the sender got a 2xx and will not resend.
func FuzzGenericParse(f *testing.F) {
	for _, req := range goldenRequests(f) {
		f.Add(req.Header.Get(connectors.HeaderWebhookID), req.PathValues["source"], req.Body)
	}
	f.Add("msg_1", "website", []byte(`{"type":"lead.created","data":{"email":"a@example.com","attributes":{"n":1e400}}}`))
	f.Add("msg_1", "website", []byte(`{"type":"lead.created","data":{"phone":"5","click_ids":null,"consent":null}}`))
	g := newGeneric(f, currentSecret)

	f.Fuzz(func(t *testing.T, id, source string, body []byte) {
		h := http.Header{}
		h.Set(connectors.HeaderWebhookID, id)
		req := &connectors.Request{Method: http.MethodPost, Header: h, Body: body, PathValues: map[string]string{"source": source}}
		ds, err := g.Parse(req)
		if err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindInvalid), "kind of %v", err)
			return
		}
		require.Len(t, ds, 1)
		d := ds[0]
		require.Equal(t, id, d.EventID)
		require.NotEmpty(t, d.EventID)
		require.Equal(t, source, d.Source)
		require.Equal(t, body, d.Payload)

		d.Payload = slices.Clone(d.Payload) // as read back from storage
		leads, err := g.Decode(d)
		require.NoError(t, err, "Parse accepted what Decode rejects")
		require.Len(t, leads, 1)
		l := leads[0]
		require.True(t, strings.TrimSpace(l.Email) != "" || strings.TrimSpace(l.Phone) != "", "lead without email or phone")
		require.NotEmpty(t, l.Source)
		require.NotEmpty(t, l.Channel)
	})
}

// BenchmarkGenericVerifyParse measures the HTTP-side cost of one fixture
// request: signature check plus body validation.
func BenchmarkGenericVerifyParse(b *testing.B) {
	g := newGeneric(b, currentSecret, oldSecret)
	req := fixtureRequest(b)
	b.SetBytes(int64(len(req.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := g.Verify(req, fresh); err != nil {
			b.Fatal(err)
		}
		if _, err := g.Parse(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenericDecode measures the worker-side cost of one delivery.
func BenchmarkGenericDecode(b *testing.B) {
	g := newGeneric(b, currentSecret)
	body, err := os.ReadFile(fixtureFile)
	require.NoError(b, err)
	d := connectors.Delivery{EventID: fixtureID, Source: "website", Payload: body}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Decode(d); err != nil {
			b.Fatal(err)
		}
	}
}
