package connectors_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
)

// FuzzTikTok checks the whole TikTok path on outside input: Verify accepts
// only a genuine fresh signature, Parse rejects only as invalid, and every
// delivery Parse made decodes into one contactable lead or fails as an
// unmapped form, which is stored and dead-lettered rather than refused.
func FuzzTikTok(f *testing.F) {
	for _, body := range caseBodies(f, tiktokCasesDir) {
		f.Add(body, tiktokSign(body, t0.Unix()))
	}
	f.Add([]byte(`{"object":1,"entry":[{"id":7300000000000000001,"create_time":-1e30,"changes":[{"field":"email","value":[[[]]]}]}]}`), "t=1767225600000,s=00")
	f.Add([]byte(`{"object":"01","entry":[{"id":"1","changes":[{"field":"","value":"a@example.com"}]}]}`), "s=,t=,s=")
	c := newTikTok(f, nil)

	f.Fuzz(func(t *testing.T, body []byte, sig string) {
		req := tiktokSignedRequest(body, "")
		req.Header.Set(connectors.TikTokSignatureHeader, sig) // exactly as fuzzed, even empty
		if err := c.Verify(req, fresh); err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
		} else {
			genuine := strings.TrimPrefix(tiktokSign(body, t0.Unix()), "t=1767225600,s=")
			require.Contains(t, strings.ToLower(sig), genuine, "accepted a signature that is not genuine")
		}
		req = tiktokSignedRequest(body, "")
		require.NoError(t, c.Verify(req, fresh), "rejected a genuine signature")

		ds, err := c.Parse(req)
		if err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindInvalid), "kind of %v", err)
			return
		}
		again, err := c.Parse(tiktokSignedRequest(bytes.Clone(body), ""))
		require.NoError(t, err)
		require.Equal(t, ds, again, "Parse must be deterministic")
		seen := map[string]bool{}
		for _, d := range ds {
			require.False(t, seen[d.EventID], "event id %q twice", d.EventID)
			seen[d.EventID] = true
			require.NotEmpty(t, d.EventID)
			require.LessOrEqual(t, len(d.EventID), 64)
			require.NotContains(t, d.EventID, " ")
			require.Equal(t, "tiktok", d.Source)
			d.Payload = bytes.Clone(d.Payload)
			leads, err := c.Decode(d)
			if err != nil {
				require.True(t, connectors.IsUnmapped(err), "Parse accepted what Decode rejects: %v", err)
				continue
			}
			require.Len(t, leads, 1)
			in := leads[0]
			require.Equal(t, d.EventID, in.ExternalID)
			require.True(t, strings.TrimSpace(in.Email) != "" || strings.TrimSpace(in.Phone) != "", "lead without email or phone")
			require.Equal(t, "tiktok-lead-gen", in.Source)
			require.Equal(t, "social", in.Channel)
			require.True(t, in.OccurredAt.IsZero() || in.OccurredAt.Year() <= 9999, "occurred_at %v", in.OccurredAt)
			_, err = in.OccurredAt.MarshalJSON()
			require.NoError(t, err)
		}
	})
}

// BenchmarkTikTokVerifyParse measures the HTTP-side cost of the fixture
// notification.
func BenchmarkTikTokVerifyParse(b *testing.B) {
	c := newTikTok(b, nil)
	req := tiktokFixtureRequest(b)
	b.SetBytes(int64(len(req.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Verify(req, fresh); err != nil {
			b.Fatal(err)
		}
		if _, err := c.Parse(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTikTokDecode measures the worker-side cost of one stored lead.
func BenchmarkTikTokDecode(b *testing.B) {
	c := newTikTok(b, nil)
	ds, err := c.Parse(tiktokFixtureRequest(b))
	require.NoError(b, err)
	b.SetBytes(int64(len(ds[0].Payload)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Decode(ds[0]); err != nil {
			b.Fatal(err)
		}
	}
}
