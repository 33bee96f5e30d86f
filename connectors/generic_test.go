package connectors_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/connectors/connectortest"
	"leadflow/lead"
)

// Test secrets and fixture facts from /work/shared/fixtures/webhooks
// (README.md, "standard-webhooks/"). All fake.
const (
	currentSecret = "whsec_c3RhbmRhcmQtd2ViaG9va3MtdGVzdC1rZXktMzJieXQ="
	oldSecret     = "whsec_b2xkLXN0YW5kYXJkLXdlYmhvb2tzLXRlc3Qta2V5LTE="

	fixtureID        = "msg_2026LeadFixture0001"
	fixtureTimestamp = "1767225600"
	fixtureSignature = "v1,4/R+v8sQDtgjggktGitI1dNVr4HV/rZqnxodDUQENa4="
	oldKeySignature  = "v1,dLoCjaAf3MyHca7CzjaWIlnaZI6+Fy1nV//WT1D+x7Y="

	fixtureFile  = "testdata/standard-webhooks/lead.created.json"
	tamperedFile = "testdata/standard-webhooks/lead.created-tampered.json"
)

// t0 is the fixtures' reference time; fresh and stale are the clocks the
// fixture README prescribes.
var (
	t0    = time.Unix(1767225600, 0)
	fresh = t0.Add(60 * time.Second)
	stale = t0.Add(3600 * time.Second)
)

func newGeneric(t testing.TB, secrets ...string) *connectors.Generic {
	t.Helper()
	g, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: secrets})
	require.NoError(t, err)
	return g
}

// fixtureRequest is the shared fixture as the HTTP layer would hand it over.
func fixtureRequest(t testing.TB) *connectors.Request {
	t.Helper()
	body, err := os.ReadFile(fixtureFile)
	require.NoError(t, err)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(connectors.HeaderWebhookID, fixtureID)
	h.Set(connectors.HeaderWebhookTimestamp, fixtureTimestamp)
	h.Set(connectors.HeaderWebhookSignature, fixtureSignature)
	return &connectors.Request{
		Method:     http.MethodPost,
		Header:     h,
		Body:       body,
		PathValues: map[string]string{"source": "website"},
	}
}

func TestFixturesAreByteExact(t *testing.T) {
	t.Parallel()
	// Signatures cover exact bytes; an editor adding a newline would turn
	// every golden case into a confusing signature failure.
	for _, tt := range []struct {
		name, file, sha256 string
	}{
		{name: "valid", file: fixtureFile, sha256: "4da2f8ddf487322618777830d85a4c6377214fbfb1fd3552fe3049914cc9560f"},
		{name: "tampered", file: tamperedFile, sha256: "17d3b370722d133f10a742839ed9687edc0b0ed346cb39642d0dd91eff066b6d"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := os.ReadFile(tt.file)
			require.NoError(t, err)
			sum := sha256.Sum256(b)
			require.Equal(t, tt.sha256, hex.EncodeToString(sum[:]))
		})
	}
}

func TestGenericGolden(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		secrets []string
	}{
		{name: "current-key", secrets: []string{currentSecret}},
		{name: "both-keys", secrets: []string{currentSecret, oldSecret}},
		{name: "old-key", secrets: []string{oldSecret}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			connectortest.RunGolden(t, newGeneric(t, tt.secrets...), "testdata/generic/"+tt.name)
		})
	}
}

func TestGenericConformance(t *testing.T) {
	t.Parallel()
	connectortest.RunConformance(t, newGeneric(t, currentSecret, oldSecret), connectortest.Fixture{
		Request:  *fixtureRequest(t),
		Now:      fresh,
		StaleNow: stale,
	})
}

func TestGenericVerify(t *testing.T) {
	t.Parallel()
	g := newGeneric(t, currentSecret)
	for _, tt := range []struct {
		name    string
		modify  func(r *connectors.Request)
		now     time.Time
		wantErr string // "" means Verify passes
	}{
		{name: "fixture", now: fresh},
		{
			name: "signatures on separate header lines",
			modify: func(r *connectors.Request) {
				r.Header[http.CanonicalHeaderKey(connectors.HeaderWebhookSignature)] = []string{oldKeySignature, fixtureSignature}
			},
			now: fresh,
		},
		{
			name: "extra spaces between signatures",
			modify: func(r *connectors.Request) {
				r.Header.Set(connectors.HeaderWebhookSignature, "  v1a,AAAA   "+fixtureSignature+"  ")
			},
			now: fresh,
		},
		{
			name: "lower-case header keys are still found",
			modify: func(r *connectors.Request) {
				h := http.Header{}
				for k, v := range r.Header {
					h.Set(strings.ToLower(k), v[0])
				}
				r.Header = h
			},
			now: fresh,
		},
		{name: "just past the tolerance", now: t0.Add(5*time.Minute + time.Second), wantErr: "webhook-timestamp outside the 5m0s tolerance"},
		{
			name: "signature of the right key over another id",
			modify: func(r *connectors.Request) {
				r.Header.Set(connectors.HeaderWebhookID, "msg_other")
			},
			now:     fresh,
			wantErr: "matches no configured secret",
		},
		{
			name: "timestamp with a plus sign is not what was signed",
			modify: func(r *connectors.Request) {
				r.Header.Set(connectors.HeaderWebhookTimestamp, "+"+fixtureTimestamp)
			},
			now:     fresh,
			wantErr: "matches no configured secret",
		},
		{
			name: "huge timestamp does not overflow",
			modify: func(r *connectors.Request) {
				r.Header.Set(connectors.HeaderWebhookTimestamp, "9223372036854775807")
			},
			now:     fresh,
			wantErr: "outside the 5m0s tolerance",
		},
		{
			name: "truncated signature",
			modify: func(r *connectors.Request) {
				r.Header.Set(connectors.HeaderWebhookSignature, fixtureSignature[:20])
			},
			now:     fresh,
			wantErr: "no v1 signature",
		},
		{
			name: "webhook-id too long",
			modify: func(r *connectors.Request) {
				r.Header.Set(connectors.HeaderWebhookID, strings.Repeat("a", 256))
			},
			now:     fresh,
			wantErr: "webhook-id is longer than 255 bytes",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := fixtureRequest(t)
			if tt.modify != nil {
				tt.modify(req)
			}
			err := g.Verify(req, tt.now)
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
			require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
		})
	}
}

func TestGenericTolerance(t *testing.T) {
	t.Parallel()
	g, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: []string{currentSecret}, Tolerance: time.Hour})
	require.NoError(t, err)
	require.NoError(t, g.Verify(fixtureRequest(t), stale), "an hour old is inside a 1h tolerance")
	err = g.Verify(fixtureRequest(t), stale.Add(time.Second))
	require.ErrorContains(t, err, "webhook-timestamp outside the 1h0m0s tolerance")
}

func TestGenericParseKeepsRawBody(t *testing.T) {
	t.Parallel()
	g := newGeneric(t, currentSecret)
	req := fixtureRequest(t)
	ds, err := g.Parse(req)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	// The payload is stored and may be re-verified or audited later, so it
	// is the signed bytes, not a re-encoding.
	require.Equal(t, req.Body, ds[0].Payload)
	require.Equal(t, connectors.Delivery{EventID: fixtureID, Source: "website", Payload: req.Body}, ds[0])
}

func TestGenericDecodeSourceFallback(t *testing.T) {
	t.Parallel()
	g := newGeneric(t, currentSecret)
	for _, tt := range []struct {
		name       string
		payload    string
		deliverySr string
		wantSource string
	}{
		{name: "data.source wins", payload: `{"type":"lead.created","data":{"source":"partner","email":"a@example.com"}}`, deliverySr: "website", wantSource: "partner"},
		{name: "delivery source when data.source is absent", payload: `{"type":"lead.created","data":{"email":"a@example.com"}}`, deliverySr: "website", wantSource: "website"},
		{name: "delivery source when data.source is empty", payload: `{"type":"lead.created","data":{"source":"","email":"a@example.com"}}`, deliverySr: "landing", wantSource: "landing"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			leads, err := g.Decode(connectors.Delivery{EventID: "e1", Source: tt.deliverySr, Payload: []byte(tt.payload)})
			require.NoError(t, err)
			require.Len(t, leads, 1)
			require.Equal(t, tt.wantSource, leads[0].Source)
			require.Equal(t, "web", leads[0].Channel)
			require.True(t, leads[0].OccurredAt.IsZero())
		})
	}
}

// TestGenericConsent: data.consent.marketing is tri-state — true is given,
// a JSON false an explicit refusal, absent or null says nothing (issue 16
// item 3).
func TestGenericConsent(t *testing.T) {
	t.Parallel()
	g := newGeneric(t, currentSecret)
	for _, tt := range []struct {
		name    string
		consent string
		want    lead.Consent
	}{
		{"true", `{"marketing":true,"text":"Send me news"}`, lead.Consent{Marketing: true, Stated: true, Text: "Send me news"}},
		{"false is a refusal", `{"marketing":false}`, lead.Consent{Stated: true}},
		{"null says nothing", `{"marketing":null,"text":"Send me news"}`, lead.Consent{Text: "Send me news"}},
		{"absent says nothing", `{"text":"Send me news"}`, lead.Consent{Text: "Send me news"}},
		{"no consent object", `null`, lead.Consent{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			payload := `{"type":"lead.created","data":{"email":"a@example.com","consent":` + tt.consent + `}}`
			leads, err := g.Decode(connectors.Delivery{EventID: "e1", Source: "website", Payload: []byte(payload)})
			require.NoError(t, err)
			require.Len(t, leads, 1)
			require.Equal(t, tt.want, leads[0].Consent)
		})
	}
	// A consent that is not a boolean is refused, naming the field.
	_, err := g.Decode(connectors.Delivery{EventID: "e1", Source: "website",
		Payload: []byte(`{"type":"lead.created","data":{"email":"a@example.com","consent":{"marketing":"no"}}}`)})
	var ce *connectors.Error
	require.ErrorAs(t, err, &ce)
	require.Equal(t, "data.consent.marketing", ce.Field)
	require.ErrorContains(t, err, "must be a boolean")
}

func TestNewGeneric(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		cfg     connectors.GenericConfig
		wantErr string
	}{
		{name: "one secret", cfg: connectors.GenericConfig{Secrets: []string{currentSecret}}},
		{name: "rotation pair", cfg: connectors.GenericConfig{Secrets: []string{currentSecret, oldSecret}}},
		{name: "no secrets", cfg: connectors.GenericConfig{}, wantErr: "LEADFLOW_WEBHOOK_SECRETS: at least one secret is required"},
		{
			name:    "second secret lacks the prefix",
			cfg:     connectors.GenericConfig{Secrets: []string{currentSecret, "c3RhbmRhcmQtd2ViaG9va3MtdGVzdC1rZXktMzJieXQ="}},
			wantErr: `LEADFLOW_WEBHOOK_SECRETS[1]: parse webhook secret: want "whsec_" followed by the base64 of the key`,
		},
		{
			name:    "first secret is not base64",
			cfg:     connectors.GenericConfig{Secrets: []string{"whsec_not*base64*at*all*secret"}},
			wantErr: "LEADFLOW_WEBHOOK_SECRETS[0]: parse webhook secret: the part after \"whsec_\" is not standard base64",
		},
		{name: "negative tolerance", cfg: connectors.GenericConfig{Secrets: []string{currentSecret}, Tolerance: -time.Second}, wantErr: "tolerance -1s is negative"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g, err := connectors.NewGeneric(tt.cfg)
			if tt.wantErr == "" {
				require.NoError(t, err)
				require.Equal(t, "generic", g.Name())
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
			for _, s := range tt.cfg.Secrets {
				// A secret, or its key part, must never reach a log line.
				require.NotContains(t, err.Error(), strings.TrimPrefix(s, "whsec_"))
			}
		})
	}
}

func TestParseStandardSecret(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		secret  string
		wantKey string
		wantErr string
	}{
		{name: "current", secret: currentSecret, wantKey: "standard-webhooks-test-key-32byt"},
		{name: "old", secret: oldSecret, wantKey: "old-standard-webhooks-test-key-1"},
		{name: "without padding", secret: "whsec_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo", wantKey: "abcdefghijklmnopqrstuvwxyz"},
		{name: "with padding", secret: "whsec_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=", wantKey: "abcdefghijklmnopqrstuvwxyz"},
		{name: "surrounding whitespace from an env file", secret: " " + currentSecret + "\n", wantKey: "standard-webhooks-test-key-32byt"},
		{name: "empty", secret: "", wantErr: `want "whsec_" followed by the base64 of the key`},
		{name: "public key prefix", secret: "whpk_" + strings.TrimPrefix(currentSecret, "whsec_"), wantErr: `want "whsec_"`},
		{name: "url-safe alphabet", secret: "whsec_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_", wantErr: "not standard base64"},
		{name: "short key", secret: "whsec_c2hvcnQta2V5", wantErr: "key is 9 bytes, want at least 24"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			key, err := connectors.ParseStandardSecret(tt.secret)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.wantKey, string(key))
		})
	}
}

func TestSignStandardWebhook(t *testing.T) {
	t.Parallel()
	body, err := os.ReadFile(fixtureFile)
	require.NoError(t, err)
	for _, tt := range []struct {
		name    string
		secret  string
		id      string
		want    string
		wantErr string
	}{
		{name: "reproduces the fixture", secret: currentSecret, id: fixtureID, want: fixtureSignature},
		{name: "reproduces the old-key signature", secret: oldSecret, id: fixtureID, want: oldKeySignature},
		{name: "bad secret", secret: "nope", id: fixtureID, wantErr: "sign webhook: parse webhook secret"},
		{name: "id with a dot", secret: currentSecret, id: "msg.1", wantErr: "sign webhook: webhook-id must be printable ASCII"},
		{name: "empty id", secret: currentSecret, id: "", wantErr: "webhook-id is empty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sig, err := connectors.SignStandardWebhook(tt.secret, tt.id, t0, body)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, sig)
		})
	}
}

func TestSignThenVerify(t *testing.T) {
	t.Parallel()
	// The demo generator signs with SignStandardWebhook at the real time;
	// whatever it produces must pass Verify at that time.
	g := newGeneric(t, oldSecret)
	body := []byte(`{"type":"lead.created","data":{"email":"demo@example.com"}}`)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	sig, err := connectors.SignStandardWebhook(oldSecret, "msg_demo_1", now, body)
	require.NoError(t, err)
	h := http.Header{}
	h.Set(connectors.HeaderWebhookID, "msg_demo_1")
	h.Set(connectors.HeaderWebhookTimestamp, "1772366400")
	h.Set(connectors.HeaderWebhookSignature, sig)
	req := &connectors.Request{Method: http.MethodPost, Header: h, Body: body, PathValues: map[string]string{"source": "demo"}}
	require.NoError(t, g.Verify(req, now.Add(time.Minute)))
	ds, err := g.Parse(req)
	require.NoError(t, err)
	leads, err := g.Decode(ds[0])
	require.NoError(t, err)
	require.Equal(t, "demo@example.com", leads[0].Email)
	require.Equal(t, "demo", leads[0].Source)
}
