package connectors_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/quotedprintable"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/connectors/connectortest"
	"leadflow/lead"
)

// mgGoldenRequests returns every request in the golden cases under dir,
// the seed corpus of the Mailgun fuzz tests.
func mgGoldenRequests(tb testing.TB, dir string) []*connectors.Request {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	require.NoError(tb, err)
	require.NotEmpty(tb, files)
	var reqs []*connectors.Request
	for _, file := range files {
		tc, err := connectortest.ReadCase(file)
		require.NoError(tb, err)
		req, err := tc.Request.Build(filepath.Dir(file))
		require.NoError(tb, err)
		reqs = append(reqs, req)
	}
	return reqs
}

// mgFuzzClocks are the clocks the fuzzers verify at: fresh for the seeds
// of every fixture family, so that mutations of valid requests get past
// the freshness check and reach the signature and form logic.
var mgFuzzClocks = []time.Time{
	mgFresh(mgReplyTimestamp), mgFresh(mgAttachmentTimestamp), mgFresh(mgDeliveredTimestamp),
}

// requireGenuineMailgun fails unless body holds, as text, a genuine
// signature for token and a timestamp within the default tolerance of now:
// the only way Verify may pass. The text may be percent-encoded (a form)
// or quoted-printable (a multipart part), so those decodings count too.
func requireGenuineMailgun(t *testing.T, body []byte, token string, now time.Time) {
	t.Helper()
	texts := []string{strings.ToLower(string(body))}
	if s, err := url.QueryUnescape(string(body)); err == nil {
		texts = append(texts, strings.ToLower(s))
	}
	if b, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body))); err == nil {
		texts = append(texts, strings.ToLower(string(b)))
	}
	tol := int64(connectors.DefaultMailgunTolerance / time.Second)
	for s := now.Unix() - tol; s <= now.Unix()+tol; s++ {
		sig := connectors.SignMailgun(mailgunKey, strconv.FormatInt(s, 10), token)
		for _, text := range texts {
			if strings.Contains(text, sig) {
				return
			}
		}
	}
	require.Fail(t, "Verify accepted a request without a genuine, fresh signature")
}

// FuzzMailgunInbound checks that Verify, Parse, Decode and DecodeEngagement
// never panic, fail only with their promised kinds, accept only genuinely
// signed forms, and that whatever Parse accepts the worker can decode:
// once Parse has succeeded Mailgun got a 200 and will not resend.
func FuzzMailgunInbound(f *testing.F) {
	for _, req := range mgGoldenRequests(f, "testdata/mailgun-inbound") {
		f.Add(req.Header.Get("Content-Type"), req.Body)
	}
	f.Add(mgMultipart, []byte("------MailgunFixtureBoundary7f3c9a\r\nContent-Disposition: form-data; name=\"Message-Id\"\r\n\r\n<a@b>\r\n"+
		"------MailgunFixtureBoundary7f3c9a\r\nContent-Disposition: form-data; name=\"sender\"\r\n\r\nx@y.z\r\n------MailgunFixtureBoundary7f3c9a--\r\n"))
	f.Add(mgURLEncoded, []byte("Message-Id=%3Ca%40b%3E&from=x%40y.z&timestamp=1&recipient=reply%2Bl1%40d"))
	c := newMailgunInbound(f)

	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		h := http.Header{}
		h.Set("Content-Type", contentType)
		req := &connectors.Request{Method: http.MethodPost, Header: h, Body: body}
		for _, now := range mgFuzzClocks {
			err := c.Verify(req, now)
			if err != nil {
				require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
				continue
			}
			key, ttl := c.ReplayKey(req)
			token, ok := strings.CutPrefix(key, "mailgun:")
			require.True(t, ok, "Verify passed but the replay key is %q", key)
			require.Equal(t, 2*connectors.DefaultMailgunTolerance, ttl)
			requireGenuineMailgun(t, body, token, now)
		}

		ds, err := c.Parse(req)
		if err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindInvalid), "kind of %v", err)
			return
		}
		require.Len(t, ds, 1)
		d := ds[0]
		require.NotEmpty(t, d.EventID)
		require.Equal(t, "mailgun-inbound", d.Source)
		d.Payload = slices.Clone(d.Payload) // as read back from storage
		if d.Type == connectors.DeliveryEngagement {
			es, err := c.DecodeEngagement(d)
			require.NoError(t, err, "Parse accepted what DecodeEngagement rejects")
			require.Len(t, es, 1)
			require.Equal(t, lead.EngagementReplied, es[0].Kind)
			require.NotEmpty(t, es[0].ContactRef)
			require.Equal(t, strings.ToLower(es[0].Email), es[0].Email)
			return
		}
		require.Equal(t, connectors.DeliveryLead, d.Type)
		leads, err := c.Decode(d)
		require.NoError(t, err, "Parse accepted what Decode rejects")
		require.Len(t, leads, 1)
		require.NotEmpty(t, strings.TrimSpace(leads[0].Email), "lead without email")
		require.Equal(t, "email", leads[0].Channel)
		require.LessOrEqual(t, len(leads[0].Message), connectors.MaxMailgunMessageBytes)
	})
}

// FuzzMailgunEvents checks the same properties for the event webhook.
func FuzzMailgunEvents(f *testing.F) {
	for _, req := range mgGoldenRequests(f, "testdata/mailgun-events") {
		f.Add(req.Header.Get("Content-Type"), req.Body)
	}
	f.Add("application/json", []byte(`{"event-data":{"id":"e","event":"failed","timestamp":1e9,"recipient":"a@b.c","delivery-status":{"code":1e30}}}`))
	f.Add("application/json", []byte(`{"event-data":{"id":"e","event":"clicked","timestamp":0.5,"recipient":"a@b.c","user-variables":{"lead_id":1e999}}}`))
	c := newMailgunEvents(f)

	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		h := http.Header{}
		h.Set("Content-Type", contentType)
		req := &connectors.Request{Method: http.MethodPost, Header: h, Body: body}
		for _, now := range mgFuzzClocks {
			err := c.Verify(req, now)
			if err != nil {
				require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
				continue
			}
			var p struct {
				Signature struct{ Timestamp, Token, Signature string }
			}
			require.NoError(t, json.Unmarshal(body, &p), "Verify accepted a body that is not JSON")
			sec, err := strconv.ParseInt(p.Signature.Timestamp, 10, 64)
			require.NoError(t, err)
			require.LessOrEqual(t, now.Sub(time.Unix(sec, 0)).Abs(), connectors.DefaultMailgunTolerance)
			require.Equal(t, connectors.SignMailgun(mailgunKey, p.Signature.Timestamp, p.Signature.Token),
				strings.ToLower(p.Signature.Signature), "accepted without a genuine signature")
			key, _ := c.ReplayKey(req)
			require.Equal(t, "mailgun:"+p.Signature.Token, key)
		}

		ds, err := c.Parse(req)
		if err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindInvalid), "kind of %v", err)
			return
		}
		if len(ds) == 0 {
			return // an event kind we do not track, acknowledged and dropped
		}
		require.Len(t, ds, 1)
		d := ds[0]
		require.NotEmpty(t, d.EventID)
		require.Equal(t, "mailgun", d.Source)
		require.Equal(t, connectors.DeliveryEngagement, d.Type)
		d.Payload = slices.Clone(d.Payload)
		es, err := c.DecodeEngagement(d)
		require.NoError(t, err, "Parse accepted what DecodeEngagement rejects")
		require.Len(t, es, 1)
		require.Equal(t, d.EventID, es[0].ProviderEventID)
		require.NotEmpty(t, es[0].Kind)
		require.NotEmpty(t, es[0].Email)
		require.False(t, es[0].OccurredAt.IsZero())
	})
}

// BenchmarkMailgunInboundReply measures the HTTP-side cost of the
// urlencoded reply fixture: Verify, ReplayKey and Parse each read the form.
func BenchmarkMailgunInboundReply(b *testing.B) {
	benchmarkMailgunHTTP(b, newMailgunInbound(b), mgRequest(b, mgReplyFile, mgURLEncoded), mgFresh(mgReplyTimestamp))
}

// BenchmarkMailgunInboundMultipart is the same for the multipart fixture
// with an attachment.
func BenchmarkMailgunInboundMultipart(b *testing.B) {
	benchmarkMailgunHTTP(b, newMailgunInbound(b), mgRequest(b, mgAttachmentFile, mgMultipart), mgFresh(mgAttachmentTimestamp))
}

// BenchmarkMailgunEventsVerifyParse is the same for the delivered event.
func BenchmarkMailgunEventsVerifyParse(b *testing.B) {
	benchmarkMailgunHTTP(b, newMailgunEvents(b), mgRequest(b, mgDeliveredFile, "application/json"), mgFresh(mgDeliveredTimestamp))
}

// benchmarkMailgunHTTP runs what the HTTP layer runs for one request.
func benchmarkMailgunHTTP(b *testing.B, c interface {
	connectors.Connector
	connectors.ReplayGuard
}, req *connectors.Request, now time.Time) {
	b.SetBytes(int64(len(req.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Verify(req, now); err != nil {
			b.Fatal(err)
		}
		if key, _ := c.ReplayKey(req); key == "" {
			b.Fatal("no replay key")
		}
		if _, err := c.Parse(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMailgunInboundDecode measures the worker-side cost of one new
// email (the multipart fixture's stored payload).
func BenchmarkMailgunInboundDecode(b *testing.B) {
	c := newMailgunInbound(b)
	ds, err := c.Parse(mgRequest(b, mgAttachmentFile, mgMultipart))
	require.NoError(b, err)
	b.SetBytes(int64(len(ds[0].Payload)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Decode(ds[0]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMailgunEventsDecodeEngagement measures the worker-side cost of
// one event.
func BenchmarkMailgunEventsDecodeEngagement(b *testing.B) {
	c := newMailgunEvents(b)
	ds, err := c.Parse(mgRequest(b, mgDeliveredFile, "application/json"))
	require.NoError(b, err)
	b.SetBytes(int64(len(ds[0].Payload)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.DecodeEngagement(ds[0]); err != nil {
			b.Fatal(err)
		}
	}
}
