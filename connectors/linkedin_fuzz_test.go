package connectors_test

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
)

// FuzzLinkedIn checks the whole LinkedIn path on outside input: Verify
// accepts only the genuine signature, Parse rejects only as invalid, every
// delivery Parse made decodes once its response is fetched, and Decode of
// any fetched answer either fails as invalid or yields a contactable lead.
func FuzzLinkedIn(f *testing.F) {
	fetched := linkedInFetched(f)
	for _, body := range caseBodies(f, linkedInCasesDir) {
		f.Add(body, linkedInSign(body), fetched)
	}
	body, err := os.ReadFile(linkedInNotificationFile)
	require.NoError(f, err)
	f.Add(body, linkedInSig, fetched)
	f.Add(body, "hmacsha256="+linkedInSig, []byte(`{"id":"7d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6","formResponse":{"answers":[{"questionId":"3","answerDetails":{"multipleChoiceAnswer":{"options":[1e400]}}}]}}`))
	f.Add([]byte(`{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadFormResponse:a","occurredAt":-1e30}`), "", []byte(`{"id":"a","submittedAt":-9223372036854775808,"formResponse":{"consentResponses":[{"consentId":1,"accepted":true}]}}`))
	l := newLinkedIn(f, "")

	f.Fuzz(func(t *testing.T, body []byte, sig string, fetched []byte) {
		req := linkedInSignedRequest(body, "")
		req.Header.Set(connectors.LinkedInSignatureHeader, sig) // exactly as fuzzed, even empty
		if err := l.Verify(req, fresh); err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
		} else {
			got := strings.TrimPrefix(strings.TrimSpace(sig), "hmacsha256=")
			require.True(t, strings.EqualFold(got, linkedInSign(body)), "accepted a signature that is not genuine")
		}
		req = linkedInSignedRequest(body, "")
		require.NoError(t, l.Verify(req, fresh), "rejected a genuine signature")

		ds, err := l.Parse(req)
		if err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindInvalid), "kind of %v", err)
			return
		}
		again, err := l.Parse(linkedInSignedRequest(bytes.Clone(body), ""))
		require.NoError(t, err)
		require.Equal(t, ds, again, "Parse must be deterministic")
		require.LessOrEqual(t, len(ds), 1)
		for _, d := range ds {
			id, ok := strings.CutPrefix(d.EventID, "urn:li:leadGenFormResponse:")
			if !ok {
				id, ok = strings.CutPrefix(d.EventID, "urn:li:leadFormResponse:")
			}
			require.True(t, ok, "event id %q", d.EventID)
			require.NotEmpty(t, id)
			require.NotContains(t, id, "/")
			require.Equal(t, "linkedin", d.Source)
			d.Payload = slices.Clone(d.Payload)

			d.Fetched = []byte(`{"id":"` + id + `","formResponse":{"answers":[{"questionId":3,"answerDetails":{"textQuestionAnswer":{"answer":"a@example.com"}}}]}}`)
			leads, err := l.Decode(d)
			require.NoError(t, err, "Parse accepted what Decode rejects")
			require.Len(t, leads, 1)

			d.Fetched = fetched
			leads, err = l.Decode(d)
			if err != nil {
				require.True(t, connectors.IsKind(err, connectors.KindInvalid), "kind of %v", err)
				continue
			}
			require.Len(t, leads, 1)
			in := leads[0]
			require.True(t, strings.TrimSpace(in.Email) != "" || strings.TrimSpace(in.Phone) != "", "lead without email or phone")
			require.Equal(t, "linkedin-lead-gen", in.Source)
			require.Equal(t, "social", in.Channel)
		}
	})
}

// BenchmarkLinkedInVerifyParse measures the HTTP-side cost of the fixture
// notification.
func BenchmarkLinkedInVerifyParse(b *testing.B) {
	l := newLinkedIn(b, "")
	req := linkedInFixtureRequest(b)
	b.SetBytes(int64(len(req.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := l.Verify(req, fresh); err != nil {
			b.Fatal(err)
		}
		if _, err := l.Parse(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLinkedInDecode measures the worker-side cost of one fetched
// form response.
func BenchmarkLinkedInDecode(b *testing.B) {
	l := newLinkedIn(b, "")
	ds, err := l.Parse(linkedInFixtureRequest(b))
	require.NoError(b, err)
	d := ds[0]
	d.Fetched = linkedInFetched(b)
	b.SetBytes(int64(len(d.Payload) + len(d.Fetched)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Decode(d); err != nil {
			b.Fatal(err)
		}
	}
}
