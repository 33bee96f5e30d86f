package connectors_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/connectors/connectortest"
	"leadflow/lead"
)

// Google Ads test facts from /work/shared/fixtures/webhooks (README.md,
// "google-ads/"). All fake.
const (
	googleAdsKey      = "gads-test-key-8c41"
	googleAdsFixture  = "testdata/google-ads/bodies/lead.json"
	googleAdsCasesDir = "testdata/google-ads/cases"
)

func newGoogleAds(tb testing.TB, fields connectors.FieldMap) *connectors.GoogleAds {
	tb.Helper()
	g, err := connectors.NewGoogleAds(connectors.GoogleAdsConfig{Key: googleAdsKey, Fields: fields})
	require.NoError(tb, err)
	return g
}

// googleAdsRequest is a Google Ads body as the HTTP layer would hand it over.
func googleAdsRequest(tb testing.TB, file string) *connectors.Request {
	tb.Helper()
	body, err := os.ReadFile(file)
	require.NoError(tb, err)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	return &connectors.Request{Method: http.MethodPost, Header: h, Body: body}
}

func TestGoogleAdsFixturesAreByteExact(t *testing.T) {
	t.Parallel()
	// Copies of the shared fixtures; the checksums are the fixture README's.
	for _, tt := range []struct {
		name, file, sha256 string
	}{
		{name: "lead", file: googleAdsFixture, sha256: "846e30ce8418c1f64b982d10b587e9086c9924ef96ae0a1d7f4d070c174e97fe"},
		{name: "test lead", file: "testdata/google-ads/bodies/lead-test.json", sha256: "1b65019590fdefc75841afcc43f34b1c016780e968768615d9f2147b8958d93d"},
		{name: "wrong key", file: "testdata/google-ads/bodies/lead-wrong-key.json", sha256: "392fa50667b61d0ef8fe0df27d4f02973647fd5c14d28c6ca8e570052002f8a3"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := os.ReadFile(tt.file)
			require.NoError(t, err)
			sum := sha256.Sum256(b)
			require.Equal(t, tt.sha256, hex.EncodeToString(sum[:]))
		})
	}
}

func TestGoogleAdsGolden(t *testing.T) {
	t.Parallel()
	connectortest.RunGolden(t, newGoogleAds(t, nil), googleAdsCasesDir)
}

func TestGoogleAdsConformance(t *testing.T) {
	t.Parallel()
	req := googleAdsRequest(t, googleAdsFixture)
	// Only the key authenticates a Google Ads body: tampering with any other
	// byte cannot be detected, so the suite flips bytes of the key's value.
	at := bytes.Index(req.Body, []byte(`"`+googleAdsKey+`"`))
	require.Positive(t, at)
	first := at + 1
	connectortest.RunConformance(t, newGoogleAds(t, nil), connectortest.Fixture{
		Request:       *req,
		Now:           fresh,
		TamperOffsets: []int{first, first + len(googleAdsKey)/2, first + len(googleAdsKey) - 1},
	})
}

func TestGoogleAdsVerifyIgnoresTime(t *testing.T) {
	t.Parallel()
	// Google sends no timestamp; a lead retried a day later is still genuine.
	g := newGoogleAds(t, nil)
	req := googleAdsRequest(t, googleAdsFixture)
	for _, now := range []time.Time{{}, t0, stale, t0.Add(30 * 24 * time.Hour)} {
		require.NoError(t, g.Verify(req, now))
	}
}

func TestGoogleAdsVerifyErrorsHideTheKey(t *testing.T) {
	t.Parallel()
	g := newGoogleAds(t, nil)
	for _, body := range []string{
		`{"google_key":"gads-test-key-8c4"}`,
		`{"google_key":"gads-test-key-8c41x"}`,
		`{"google_key":"gads-test-key-8c41",`,
	} {
		err := g.Verify(&connectors.Request{Body: []byte(body)}, fresh)
		require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
		require.NotContains(t, err.Error(), "gads-test")
	}
}

func TestGoogleAdsParseDropsTheKey(t *testing.T) {
	t.Parallel()
	g := newGoogleAds(t, nil)
	req := googleAdsRequest(t, googleAdsFixture)
	ds, err := g.Parse(req)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	require.Equal(t, "TeStLeAd-0001-AbCdEfGhIjKlMnOpQrStUvWxYz_0123456789", ds[0].EventID)
	require.Equal(t, "google-ads", ds[0].Source)
	require.NotContains(t, string(ds[0].Payload), "gads-test-key-8c41", "the stored payload carries no credential")
	require.NotContains(t, string(ds[0].Payload), "google_key")
	require.Contains(t, string(ds[0].Payload), `"campaign_id":20000000001`, "ad ids keep their exact digits")
}

func TestGoogleAdsDecodeFixture(t *testing.T) {
	t.Parallel()
	// The golden file holds the same; this spells out the facts the brief
	// names, so a careless -update cannot hide a regression.
	g := newGoogleAds(t, nil)
	leads, err := g.Decode(connectors.Delivery{EventID: "x", Source: "google-ads", Payload: googleAdsRequest(t, googleAdsFixture).Body})
	require.NoError(t, err)
	require.Len(t, leads, 1)
	l := leads[0]
	require.Equal(t, "Ada Example", l.Name)
	require.Equal(t, "ada@example.com", l.Email)
	require.Equal(t, "+15555550100", l.Phone)
	require.Equal(t, "Example Widgets Ltd", l.Company)
	require.Equal(t, "62701", l.Attributes["postal_code"])
	require.Equal(t, map[string]string{"gclid": "EAIaIQobChMItestGclidNotReal0001"}, l.ClickIDs)
	require.Equal(t, map[string]string{
		"form_id": "40000000001", "campaign_id": "20000000001", "adgroup_id": "30000000001", "creative_id": "50000000001",
	}, l.CampaignIDs)
	require.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), l.OccurredAt)
	require.Equal(t, "ads", l.Channel)
	require.Equal(t, "google-ads", l.Source)
	require.Equal(t, "TeStLeAd-0001-AbCdEfGhIjKlMnOpQrStUvWxYz_0123456789", l.ExternalID)
	require.False(t, l.Test)
	require.NotContains(t, l.Attributes, "google_key")

	leads, err = g.Decode(connectors.Delivery{EventID: "y", Source: "google-ads", Payload: googleAdsRequest(t, "testdata/google-ads/bodies/lead-test.json").Body})
	require.NoError(t, err)
	require.True(t, leads[0].Test)
	require.True(t, leads[0].OccurredAt.IsZero(), "no lead_submit_time: the normalizer fills in the arrival time")
}

func TestGoogleAdsFieldOverrides(t *testing.T) {
	t.Parallel()
	body := []byte(`{"lead_id":"L1","google_key":"gads-test-key-8c41","user_column_data":[
		{"column_id":"EMAIL","string_value":"grace@example.com"},
		{"column_id":"what_is_your_budget?","string_value":"$10k"},
		{"column_id":"POSTAL_CODE","string_value":"62701"},
		{"column_id":"COMPANY_NAME","string_value":"Example Labs"},
		{"column_id":"CUSTOM_1","string_value":"kept"}]}`)
	for _, tt := range []struct {
		name   string
		fields connectors.FieldMap
		check  func(t *testing.T, l lead.Inbound)
	}{
		{name: "defaults", check: func(t *testing.T, l lead.Inbound) {
			require.Equal(t, "$10k", l.Attributes["what_is_your_budget?"])
			require.Equal(t, "62701", l.Attributes["postal_code"])
			require.Equal(t, "kept", l.Attributes["custom_1"], "unmapped columns are attributes under the lower-cased id")
			require.Equal(t, "Example Labs", l.Company)
		}},
		{name: "custom question to budget, default renamed", fields: connectors.FieldMap{
			"What_Is_Your_Budget?": connectors.FieldBudget,
			"postal_code":          "attributes.zip",
			"COMPANY_NAME":         "attributes.employer",
		}, check: func(t *testing.T, l lead.Inbound) {
			require.Equal(t, "$10k", l.Answers.Budget)
			require.Equal(t, "62701", l.Attributes["zip"])
			require.Equal(t, "Example Labs", l.Attributes["employer"])
			require.Empty(t, l.Company)
			require.NotContains(t, l.Attributes, "postal_code")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := newGoogleAds(t, tt.fields)
			leads, err := g.Decode(connectors.Delivery{EventID: "L1", Source: "google-ads", Payload: body})
			require.NoError(t, err)
			require.Len(t, leads, 1)
			tt.check(t, leads[0])
		})
	}
}

func TestNewGoogleAds(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		cfg     connectors.GoogleAdsConfig
		wantErr string
	}{
		{name: "key only", cfg: connectors.GoogleAdsConfig{Key: googleAdsKey}},
		{name: "key with newline from an env file", cfg: connectors.GoogleAdsConfig{Key: googleAdsKey + "\n"}},
		{name: "no key", cfg: connectors.GoogleAdsConfig{}, wantErr: "LEADFLOW_GOOGLE_ADS_KEY: key is required"},
		{name: "blank key", cfg: connectors.GoogleAdsConfig{Key: " \n"}, wantErr: "LEADFLOW_GOOGLE_ADS_KEY: key is required"},
		{
			name:    "bad field target",
			cfg:     connectors.GoogleAdsConfig{Key: googleAdsKey, Fields: connectors.FieldMap{"BUDGET_Q": "budjet"}},
			wantErr: `fields["BUDGET_Q"]: target "budjet" is not one of email, phone`,
		},
		{
			name:    "empty question key",
			cfg:     connectors.GoogleAdsConfig{Key: googleAdsKey, Fields: connectors.FieldMap{"": "budget"}},
			wantErr: "fields: empty question key",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g, err := connectors.NewGoogleAds(tt.cfg)
			if tt.wantErr == "" {
				require.NoError(t, err)
				require.Equal(t, "google-ads", g.Name())
				require.NoError(t, g.Verify(googleAdsRequest(t, googleAdsFixture), fresh))
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
			require.NotContains(t, err.Error(), googleAdsKey)
		})
	}
}

// BenchmarkGoogleAdsVerifyParse measures the HTTP-side cost of the fixture:
// key check plus body validation.
func BenchmarkGoogleAdsVerifyParse(b *testing.B) {
	g := newGoogleAds(b, nil)
	req := googleAdsRequest(b, googleAdsFixture)
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

// BenchmarkGoogleAdsDecode measures the worker-side cost of one delivery.
func BenchmarkGoogleAdsDecode(b *testing.B) {
	g := newGoogleAds(b, nil)
	body := googleAdsRequest(b, googleAdsFixture).Body
	d := connectors.Delivery{EventID: "TeStLeAd-0001", Source: "google-ads", Payload: body}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Decode(d); err != nil {
			b.Fatal(err)
		}
	}
}
