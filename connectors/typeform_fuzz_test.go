package connectors_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/connectors/connectortest"
)

// FuzzTypeform checks, for any signature header and body, that Verify never
// panics, rejects only as unauthorized and accepts only a genuine HMAC of
// the body; and that Parse never panics, rejects only as invalid, and
// yields a delivery that Decode accepts: once Parse has succeeded Typeform
// got a 2xx and will not resend. Parse is checked whatever Verify said,
// since the fuzzer cannot forge signatures.
func FuzzTypeform(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(typeformCasesDir, "*.json"))
	require.NoError(f, err)
	require.NotEmpty(f, files)
	for _, file := range files {
		tc, err := connectortest.ReadCase(file)
		require.NoError(f, err)
		req, err := tc.Request.Build(filepath.Dir(file))
		require.NoError(f, err)
		f.Add(req.Header.Get(connectors.HeaderTypeformSignature), req.Body)
	}
	f.Add("sha256=", []byte(`{"event_id":"e","event_type":"form_response","form_response":{"answers":[{"type":"number","number":"1e5","field":{"ref":"phone"}},{"type":"choices","choices":{"labels":null},"field":{"ref":"email"}}]}}`))
	f.Add("sha256=AAAA", []byte(`{"event_id":"e","event_type":"form_response_partial","form_response":{"hidden":{"gclid":1,"":"x"},"answers":[null,{"type":"phone_number","phone_number":"5"}]}}`))
	c := newTypeform(f, nil)

	f.Fuzz(func(t *testing.T, sig string, body []byte) {
		req := typeformRequest(body, sig)
		if err := c.Verify(req, fresh); err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
		} else {
			encoded, ok := strings.CutPrefix(req.Header.Get(connectors.HeaderTypeformSignature), "sha256=")
			require.True(t, ok, "accepted without the sha256= prefix")
			got, err := base64.StdEncoding.DecodeString(encoded)
			require.NoError(t, err)
			m := hmac.New(sha256.New, []byte(typeformSecret))
			m.Write(body)
			require.True(t, hmac.Equal(m.Sum(nil), got), "accepted without a genuine signature")
		}

		ds, err := c.Parse(req)
		if err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindInvalid), "kind of %v", err)
			return
		}
		require.Len(t, ds, 1)
		d := ds[0]
		require.NotEmpty(t, strings.TrimSpace(d.EventID))
		require.LessOrEqual(t, len(d.EventID), 255)
		require.Equal(t, "typeform", d.Source)
		require.Equal(t, body, d.Payload)

		d.Payload = slices.Clone(d.Payload) // as read back from storage
		leads, err := c.Decode(d)
		if connectors.IsUnmapped(err) {
			// Stored, then dead-lettered with the unmapped refs.
			_, again := c.Decode(d)
			require.Equal(t, err.Error(), again.Error(), "Decode must be deterministic")
			return
		}
		require.NoError(t, err, "Parse accepted what Decode rejects")
		require.Len(t, leads, 1)
		l := leads[0]
		require.True(t, strings.TrimSpace(l.Email) != "" || strings.TrimSpace(l.Phone) != "", "lead without email or phone")
		require.Equal(t, "form", l.Channel)
		require.Equal(t, "typeform", l.Source)
		again, err := c.Decode(d)
		require.NoError(t, err)
		require.Equal(t, leads, again, "Decode must be deterministic")
	})
}
