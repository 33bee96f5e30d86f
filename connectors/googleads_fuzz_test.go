package connectors_test

import (
	"crypto/subtle"
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/connectors/connectortest"
)

// googleAdsCaseBodies returns the body of every Google Ads golden case, the
// seed corpus of FuzzGoogleAds.
func googleAdsCaseBodies(tb testing.TB) [][]byte {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(googleAdsCasesDir, "*.json"))
	require.NoError(tb, err)
	require.NotEmpty(tb, files)
	bodies := make([][]byte, 0, len(files))
	for _, file := range files {
		tc, err := connectortest.ReadCase(file)
		require.NoError(tb, err)
		req, err := tc.Request.Build(filepath.Dir(file))
		require.NoError(tb, err)
		bodies = append(bodies, req.Body)
	}
	return bodies
}

// FuzzGoogleAds checks, for any body, that Verify never panics, rejects only
// as unauthorized and accepts only a body whose google_key is the key; and
// that Parse never panics, rejects only as invalid, and yields a delivery
// that Decode accepts: once Parse has succeeded Google got a 200 and will
// not resend. Parse is checked whatever Verify said, since the fuzzer would
// rarely find the key.
func FuzzGoogleAds(f *testing.F) {
	for _, body := range googleAdsCaseBodies(f) {
		f.Add(body)
	}
	f.Add([]byte(`{"lead_id":"x","google_key":"gads-test-key-8c41","user_column_data":[{"column_id":"EMAIL","string_value":"a@example.com"}],"form_id":-0}`))
	f.Add([]byte(`{"lead_id":"x","user_column_data":[null,{"column_id":"PHONE_NUMBER","string_value":"5"}],"campaign_id":"\u0031"}`))
	g := newGoogleAds(f, nil)

	f.Fuzz(func(t *testing.T, body []byte) {
		req := &connectors.Request{Method: "POST", Body: body}
		if err := g.Verify(req, fresh); err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
		} else {
			var v struct {
				GoogleKey string `json:"google_key"`
			}
			require.NoError(t, json.Unmarshal(body, &v), "accepted a body that is not JSON")
			require.Equal(t, 1, subtle.ConstantTimeCompare([]byte(v.GoogleKey), []byte(googleAdsKey)), "accepted without the key")
		}

		ds, err := g.Parse(req)
		if err != nil {
			require.True(t, connectors.IsKind(err, connectors.KindInvalid), "kind of %v", err)
			return
		}
		require.Len(t, ds, 1)
		d := ds[0]
		require.NotEmpty(t, strings.TrimSpace(d.EventID))
		require.LessOrEqual(t, len(d.EventID), 255)
		require.Equal(t, "google-ads", d.Source)
		require.NotContains(t, strings.ToLower(string(d.Payload)), `"google_key"`, "the stored payload carries no credential")

		d.Payload = slices.Clone(d.Payload) // as read back from storage
		leads, err := g.Decode(d)
		if connectors.IsUnmapped(err) {
			// Stored, then dead-lettered with the unmapped column ids.
			_, again := g.Decode(d)
			require.Equal(t, err.Error(), again.Error(), "Decode must be deterministic")
			return
		}
		require.NoError(t, err, "Parse accepted what Decode rejects")
		require.Len(t, leads, 1)
		l := leads[0]
		require.True(t, strings.TrimSpace(l.Email) != "" || strings.TrimSpace(l.Phone) != "", "lead without email or phone")
		require.Equal(t, d.EventID, l.ExternalID)
		require.Equal(t, "ads", l.Channel)
		for name, id := range l.CampaignIDs {
			_, err := strconv.ParseInt(id, 10, 64)
			require.NoError(t, err, "campaign id %s", name)
		}
		again, err := g.Decode(d)
		require.NoError(t, err)
		require.Equal(t, leads, again, "Decode must be deterministic")
	})
}
