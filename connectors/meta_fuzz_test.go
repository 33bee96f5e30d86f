package connectors_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/connectors/connectortest"
)

// caseBodies returns the body of every golden case in dir, the seed corpus
// of a fuzz test.
func caseBodies(tb testing.TB, dir string) [][]byte {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	require.NoError(tb, err)
	require.NotEmpty(tb, files)
	var bodies [][]byte
	for _, file := range files {
		tc, err := connectortest.ReadCase(file)
		require.NoError(tb, err)
		req, err := tc.Request.Build(filepath.Dir(file))
		require.NoError(tb, err)
		bodies = append(bodies, req.Body)
	}
	return bodies
}

// FuzzMeta checks the whole Meta path on outside input: Verify accepts
// only the genuine signature, Parse rejects only as invalid, every delivery
// Parse made decodes once its lead is fetched, and Decode of any fetched
// answer either fails as invalid or yields a contactable lead of that
// delivery.
func FuzzMeta(f *testing.F) {
	fetched1, err := os.ReadFile(metaBodies + "graph-lead-920000000000001.json")
	require.NoError(f, err)
	fetched2, err := os.ReadFile(metaBodies + "graph-lead-920000000000002.json")
	require.NoError(f, err)
	for _, body := range caseBodies(f, metaCasesDir) {
		f.Add(body, metaSign(body), fetched1)
	}
	for _, file := range []string{metaSingleFile, metaBatchFile} {
		body, err := os.ReadFile(file)
		require.NoError(f, err)
		f.Add(body, metaSingleSig, fetched1)
		f.Add(body, metaBatchSig, fetched2)
	}
	f.Add([]byte(`{"object":"page","entry":[{"changes":[{"field":"leadgen","value":{"leadgen_id":920000000000001,"created_time":1e300}}]}]}`), "", []byte(`{"id":"920000000000001","created_time":"x","field_data":[{"name":"EMAIL","values":["a",""]}]}`))
	f.Add([]byte(`{"object":"instagram","entry":[null,{"changes":[null]}]}`), "sha256=", []byte(`{"id":"1","field_data":null}`))
	m := newMeta(f, "", nil)

	f.Fuzz(func(t *testing.T, body []byte, sig string, fetched []byte) {
		// Verify: a fuzzed signature passes only if it is the genuine one.
		req := metaSignedRequest(body, "")
		req.Header.Set(connectors.MetaSignatureHeader, sig) // exactly as fuzzed, even empty
		if err := m.Verify(req, fresh); err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
		} else {
			require.True(t, strings.EqualFold(strings.TrimSpace(sig), metaSign(body)), "accepted a signature that is not genuine")
		}
		req = metaSignedRequest(body, "")
		require.NoError(t, m.Verify(req, fresh), "rejected a genuine signature")

		ds, err := m.Parse(req)
		if err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindInvalid), "kind of %v", err)
			return
		}
		again, err := m.Parse(metaSignedRequest(bytes.Clone(body), ""))
		require.NoError(t, err)
		require.Equal(t, ds, again, "Parse must be deterministic")
		ids := map[string]bool{}
		for _, d := range ds {
			require.Regexp(t, `^[0-9]{1,32}$`, d.EventID)
			require.False(t, ids[d.EventID], "duplicate event id %s", d.EventID)
			ids[d.EventID] = true
			require.Equal(t, "meta", d.Source)
			d.Payload = slices.Clone(d.Payload) // as read back from storage

			// Whatever Parse accepted decodes once a genuine lead is fetched.
			d.Fetched = []byte(`{"id":"` + d.EventID + `","field_data":[{"name":"email","values":["a@example.com"]}]}`)
			leads, err := m.Decode(d)
			require.NoError(t, err, "Parse accepted what Decode rejects")
			require.Len(t, leads, 1)
			require.Equal(t, d.EventID, leads[0].ExternalID)

			// Any other fetched answer: invalid, or a good lead.
			d.Fetched = fetched
			leads, err = m.Decode(d)
			if err != nil {
				require.True(t, connectors.IsKind(err, connectors.KindInvalid), "kind of %v", err)
				continue
			}
			require.Len(t, leads, 1)
			l := leads[0]
			require.True(t, strings.TrimSpace(l.Email) != "" || strings.TrimSpace(l.Phone) != "", "lead without email or phone")
			require.Equal(t, d.EventID, l.ExternalID)
			require.Contains(t, []string{"meta-lead-ads", "instagram-lead-ads"}, l.Source)
			require.Equal(t, "social", l.Channel)
		}
	})
}

// BenchmarkMetaVerifyParse measures the HTTP-side cost of the batch
// fixture: signature check plus splitting into deliveries.
func BenchmarkMetaVerifyParse(b *testing.B) {
	m := newMeta(b, "", nil)
	req := metaRequest(b, metaBatchFile, metaBatchSig)
	b.SetBytes(int64(len(req.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := m.Verify(req, fresh); err != nil {
			b.Fatal(err)
		}
		if _, err := m.Parse(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMetaDecode measures the worker-side cost of one fetched lead.
func BenchmarkMetaDecode(b *testing.B) {
	m := newMeta(b, "", nil)
	ds, err := m.Parse(metaRequest(b, metaSingleFile, metaSingleSig))
	require.NoError(b, err)
	d := ds[0]
	d.Fetched = metaFetched(b, d.EventID)
	b.SetBytes(int64(len(d.Payload) + len(d.Fetched)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Decode(d); err != nil {
			b.Fatal(err)
		}
	}
}
