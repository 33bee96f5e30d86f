package connectors_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/connectors/connectortest"
	"leadflow/lead"
)

// Meta test facts from /work/shared/fixtures/webhooks (README.md, "meta/").
// All fake.
const (
	metaAppSecret   = "meta-test-app-secret-1f2e3d4c"
	metaVerifyToken = "verify-token-for-tests"
	metaAccessToken = "EAAtestPageTokenNotReal0001"
	// metaProof is the README's appsecret_proof of metaAccessToken.
	metaProof = "4c30ece5eb47dbd256f9a7ab56cf6ae3864f5a40db99720f508527fde5565caa"

	metaSingleSig = "sha256=0a0d6828fed816787e019038f3ac387ec9d2c939bc561fe18d6638953f87950e"
	metaBatchSig  = "sha256=0410635d4d45bee4786ff45ed7c4a71ac49abe17916a6225a721ef845685e8f6"
	metaBadSig    = "sha256=1efc8713faa0afe5173b5b71d189db8bde3a6ddd757ad73ebc6774e1a6c0ab1f"

	metaBodies      = "testdata/meta/bodies/"
	metaSingleFile  = metaBodies + "leadgen-single.json"
	metaBatchFile   = metaBodies + "leadgen-batch.json"
	metaBadSigFile  = metaBodies + "leadgen-single-bad-signature.json"
	metaCasesDir    = "testdata/meta/cases"
	metaLead1       = "920000000000001"
	metaLead2       = "920000000000002"
	metaMissingLead = "920000000000099"
)

func newMeta(tb testing.TB, graphURL string, fields connectors.FieldMap) *connectors.Meta {
	tb.Helper()
	m, err := connectors.NewMeta(connectors.MetaConfig{
		AppSecret:   metaAppSecret,
		VerifyToken: metaVerifyToken,
		AccessToken: metaAccessToken,
		GraphURL:    graphURL,
		Fields:      fields,
		NowFunc:     func() time.Time { return fresh },
	})
	require.NoError(tb, err)
	return m
}

// metaRequest is a Meta notification as the HTTP layer would hand it over.
func metaRequest(tb testing.TB, file, sig string) *connectors.Request {
	tb.Helper()
	body, err := os.ReadFile(file)
	require.NoError(tb, err)
	return metaSignedRequest(body, sig)
}

// metaSignedRequest builds a request with body and X-Hub-Signature-256 sig;
// sig "" means: sign it with the test app secret.
func metaSignedRequest(body []byte, sig string) *connectors.Request {
	if sig == "" {
		sig = metaSign(body)
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(connectors.MetaSignatureHeader, sig)
	return &connectors.Request{Method: http.MethodPost, Header: h, Body: body}
}

// metaSign plays Meta: "sha256=" + hex HMAC of the body.
func metaSign(body []byte) string {
	mac := hmac.New(sha256.New, []byte(metaAppSecret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// metaFetched returns the stored Graph answer for a leadgen id, as Fetch
// would have returned it; nil for an id without a fixture.
func metaFetched(tb testing.TB, id string) []byte {
	tb.Helper()
	b, err := os.ReadFile(metaBodies + "graph-lead-" + id + ".json")
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(tb, err)
	return b
}

func TestMetaFixturesAreByteExact(t *testing.T) {
	t.Parallel()
	// Copies of the shared fixtures; the checksums are the fixture README's
	// (bodies) or of the files as delivered (Graph answers).
	for _, tt := range []struct {
		name, file, sha256 string
	}{
		{name: "single", file: metaSingleFile, sha256: "f5049f6a5920bb99963a4cb5fabc0b59e8322a9e3d71f188989e5bcbdfc8ca8c"},
		{name: "batch", file: metaBatchFile, sha256: "e5d0e0cfd71b48f3276f7b9f5d2258e30b9ccb8474be0b4d12ef837aae55b561"},
		{name: "bad signature", file: metaBadSigFile, sha256: "f5049f6a5920bb99963a4cb5fabc0b59e8322a9e3d71f188989e5bcbdfc8ca8c"},
		{name: "graph lead 1", file: metaBodies + "graph-lead-920000000000001.json", sha256: "51e1bd63a6432e0d95769cb1ddb8b61cc5668ca22bd2668dcd1e68c73877e94e"},
		{name: "graph lead 2", file: metaBodies + "graph-lead-920000000000002.json", sha256: "c2eb0a15ebd127fc7d3be0c3b74cf9e07f925fbbc12710ead08ac79e9badbfe4"},
		{name: "graph error", file: metaBodies + "graph-lead-error-100-33.json", sha256: "049a85027b8b374b41f8e693dea71fd2803a7871979c6611056074a2fdcb6705"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := os.ReadFile(tt.file)
			require.NoError(t, err)
			sum := sha256.Sum256(b)
			require.Equal(t, tt.sha256, hex.EncodeToString(sum[:]))
		})
	}
}

func TestMetaGolden(t *testing.T) {
	t.Parallel()
	connectortest.RunGolden(t, newMeta(t, "", nil), metaCasesDir)
}

func TestMetaConformance(t *testing.T) {
	t.Parallel()
	connectortest.RunConformance(t, newMeta(t, "", nil), connectortest.Fixture{
		Request:    *metaRequest(t, metaSingleFile, metaSingleSig),
		Now:        fresh,
		FetchedFor: func(d connectors.Delivery) []byte { return metaFetched(t, d.EventID) },
		Challenge: &connectors.Request{Method: http.MethodGet, Query: url.Values{
			"hub.mode": {"subscribe"}, "hub.challenge": {"1158201444"}, "hub.verify_token": {metaVerifyToken},
		}},
		BadChallenge: &connectors.Request{Method: http.MethodGet, Query: url.Values{
			"hub.mode": {"subscribe"}, "hub.challenge": {"1158201444"}, "hub.verify_token": {"not-the-token"},
		}},
	})
}

func TestMetaChallenge(t *testing.T) {
	t.Parallel()
	m := newMeta(t, "", nil)
	for _, tt := range []struct {
		name    string
		query   string
		want    string // the body; "" means refused
		wantErr string
	}{
		{name: "README handshake", query: "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-token-for-tests", want: "1158201444"},
		{name: "challenge echoed exactly", query: "hub.mode=subscribe&hub.challenge=%20a%2Bb%20&hub.verify_token=verify-token-for-tests", want: " a+b "},
		{name: "wrong token", query: "hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify-token-for-test", wantErr: "hub.verify_token does not match"},
		{name: "token with a suffix", query: "hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify-token-for-tests2", wantErr: "hub.verify_token does not match"},
		{name: "missing token", query: "hub.mode=subscribe&hub.challenge=1", wantErr: "hub.verify_token is missing"},
		{name: "wrong mode", query: "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=verify-token-for-tests", wantErr: `hub.mode must be "subscribe"`},
		{name: "missing challenge", query: "hub.mode=subscribe&hub.verify_token=verify-token-for-tests", wantErr: "hub.challenge is missing"},
		{name: "PHP-style underscores are not Meta's names", query: "hub_mode=subscribe&hub_challenge=1&hub_verify_token=verify-token-for-tests", wantErr: "hub.mode"},
		{name: "no query", query: "", wantErr: "hub.mode"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q, err := url.ParseQuery(tt.query)
			require.NoError(t, err)
			resp, err := m.Challenge(&connectors.Request{Method: http.MethodGet, Query: q})
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
				require.NotContains(t, err.Error(), metaVerifyToken)
				return
			}
			require.NoError(t, err)
			require.Equal(t, connectors.Response{Status: http.StatusOK, ContentType: "text/plain; charset=utf-8", Body: []byte(tt.want)}, resp)
		})
	}
	t.Run("nil query", func(t *testing.T) {
		_, err := m.Challenge(&connectors.Request{Method: http.MethodGet})
		require.True(t, connectors.IsKind(err, connectors.KindUnauthorized))
	})
}

func TestMetaVerify(t *testing.T) {
	t.Parallel()
	m := newMeta(t, "", nil)
	single, err := os.ReadFile(metaSingleFile)
	require.NoError(t, err)
	for _, tt := range []struct {
		name    string
		req     *connectors.Request
		wantErr string // "" means Verify passes
	}{
		{name: "single fixture", req: metaRequest(t, metaSingleFile, metaSingleSig)},
		{name: "batch fixture", req: metaRequest(t, metaBatchFile, metaBatchSig)},
		{name: "upper-case hex", req: metaRequest(t, metaSingleFile, "sha256="+strings.ToUpper(strings.TrimPrefix(metaSingleSig, "sha256=")))},
		{name: "signed by another secret", req: metaRequest(t, metaBadSigFile, metaBadSig), wantErr: "does not match the body"},
		{name: "batch signature on the single body", req: metaRequest(t, metaSingleFile, metaBatchSig), wantErr: "does not match the body"},
		{name: "body re-encoded with a trailing newline", req: metaSignedRequest(append(append([]byte{}, single...), '\n'), metaSingleSig), wantErr: "does not match the body"},
		{name: "missing header", req: metaSignedRequest(single, " "), wantErr: "missing X-Hub-Signature-256"},
		{name: "legacy sha1 form", req: metaSignedRequest(single, "sha1=0a0d6828fed816787e019038f3ac387ec9d2c939"), wantErr: `must start with "sha256="`},
		{name: "bare hex", req: metaSignedRequest(single, strings.TrimPrefix(metaSingleSig, "sha256=")), wantErr: `must start with "sha256="`},
		{name: "truncated", req: metaSignedRequest(single, metaSingleSig[:40]), wantErr: "64 hex digits"},
		{name: "not hex", req: metaSignedRequest(single, "sha256="+strings.Repeat("zz", 32)), wantErr: "64 hex digits"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := m.Verify(tt.req, stale) // Meta signs no time: any now will do.
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
			require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
		})
	}
}

func TestMetaParse(t *testing.T) {
	t.Parallel()
	m := newMeta(t, "", nil)
	const payload1 = `{"leadgen_id":"920000000000001","page_id":"910000000000001","form_id":"930000000000001","ad_id":"940000000000001","adgroup_id":"940000000000001","created_time":1767225595}`
	const payload2 = `{"leadgen_id":"920000000000002","page_id":"910000000000001","form_id":"930000000000001","ad_id":"940000000000002","adgroup_id":"940000000000002","created_time":1767225597}`
	for _, tt := range []struct {
		name      string
		body      string
		file      string
		want      []connectors.Delivery
		wantField string // set when Parse must fail
	}{
		{name: "single", file: metaSingleFile, want: []connectors.Delivery{{EventID: metaLead1, Source: "meta", Payload: []byte(payload1)}}},
		{name: "batch", file: metaBatchFile, want: []connectors.Delivery{
			{EventID: metaLead1, Source: "meta", Payload: []byte(payload1)},
			{EventID: metaLead2, Source: "meta", Payload: []byte(payload2)},
		}},
		{
			name: "duplicate leadgen ids across entries collapse",
			body: `{"object":"page","entry":[{"changes":[{"field":"leadgen","value":{"leadgen_id":"1"}}]},{"changes":[{"field":"leadgen","value":{"leadgen_id":"1","page_id":"9"}},{"field":"leadgen","value":{"leadgen_id":"2"}}]}]}`,
			want: []connectors.Delivery{{EventID: "1", Source: "meta", Payload: []byte(`{"leadgen_id":"1"}`)}, {EventID: "2", Source: "meta", Payload: []byte(`{"leadgen_id":"2"}`)}},
		},
		{
			name: "numeric ids and unknown keys are normalized away",
			body: `{"object":"instagram","entry":[{"changes":[{"field":"leadgen","value":{"leadgen_id":920000000000001,"page_id":910000000000001,"created_time":"1767225595","extra":{"x":1}}}]}]}`,
			want: []connectors.Delivery{{EventID: metaLead1, Source: "meta", Payload: []byte(`{"leadgen_id":"920000000000001","page_id":"910000000000001","created_time":1767225595}`)}},
		},
		{
			name: "other fields are ignored",
			body: `{"object":"page","entry":[{"changes":[{"field":"feed","value":{"item":"post"}},{"field":"leadgen","value":{"leadgen_id":"7"}}]}]}`,
			want: []connectors.Delivery{{EventID: "7", Source: "meta", Payload: []byte(`{"leadgen_id":"7"}`)}},
		},
		{name: "no leadgen change", body: `{"object":"page","entry":[{"changes":[{"field":"feed","value":{}}]}]}`, want: []connectors.Delivery{}},
		{name: "no entries", body: `{"object":"page","entry":[]}`, want: []connectors.Delivery{}},
		{name: "object user", body: `{"object":"user","entry":[]}`, wantField: "object"},
		{name: "object missing", body: `{"entry":[]}`, wantField: "object"},
		{name: "leadgen without value", body: `{"object":"page","entry":[{"changes":[{"field":"leadgen"}]}]}`, wantField: "entry[0].changes[0].value"},
		{name: "leadgen value null", body: `{"object":"page","entry":[{"changes":[{"field":"leadgen","value":null}]}]}`, wantField: "entry[0].changes[0].value"},
		{name: "leadgen value a string", body: `{"object":"page","entry":[{"changes":[{"field":"leadgen","value":"920000000000001"}]}]}`, wantField: "entry[0].changes[0].value"},
		{name: "leadgen_id missing", body: `{"object":"page","entry":[{"changes":[{"field":"feed"},{"field":"leadgen","value":{"page_id":"1"}}]}]}`, wantField: "entry[0].changes[1].value.leadgen_id"},
		{name: "leadgen_id with a path", body: `{"object":"page","entry":[{"changes":[{"field":"leadgen","value":{"leadgen_id":"1/../me"}}]}]}`, wantField: "entry[0].changes[0].value.leadgen_id"},
		{name: "leadgen_id negative", body: `{"object":"page","entry":[{"changes":[{"field":"leadgen","value":{"leadgen_id":-1}}]}]}`, wantField: "entry[0].changes[0].value.leadgen_id"},
		{name: "page_id an object", body: `{"object":"page","entry":[{"changes":[{"field":"leadgen","value":{"leadgen_id":"1","page_id":{}}}]}]}`, wantField: "entry[0].changes[0].value.page_id"},
		{name: "created_time text", body: `{"object":"page","entry":[{"changes":[{"field":"leadgen","value":{"leadgen_id":"1","created_time":"yesterday"}}]}]}`, wantField: "entry[0].changes[0].value.created_time"},
		{name: "entry not an array", body: `{"object":"page","entry":{}}`, wantField: "entry"},
		{name: "trailing data", body: `{"object":"page","entry":[]} {}`, wantField: ""},
		{name: "empty body", body: ``, wantField: ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(tt.body)
			if tt.file != "" {
				var err error
				body, err = os.ReadFile(tt.file)
				require.NoError(t, err)
			}
			ds, err := m.Parse(metaSignedRequest(body, ""))
			if tt.want == nil {
				require.Error(t, err)
				var ce *connectors.Error
				require.ErrorAs(t, err, &ce)
				require.Equal(t, connectors.KindInvalid, ce.Kind, "error %q", err)
				require.Equal(t, tt.wantField, ce.Field, "error %q", err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, ds)
		})
	}
}

func TestMetaDecode(t *testing.T) {
	t.Parallel()
	m := newMeta(t, "", connectors.FieldMap{"how_many_seats_do_you_need?": "attributes.seats"})
	batch, err := m.Parse(metaRequest(t, metaBatchFile, metaBatchSig))
	require.NoError(t, err)
	require.Len(t, batch, 2)
	lead1, lead2 := batch[0], batch[1]
	lead1.Fetched = metaFetched(t, metaLead1)
	lead2.Fetched = metaFetched(t, metaLead2)

	t.Run("facebook lead", func(t *testing.T) {
		leads, err := m.Decode(lead1)
		require.NoError(t, err)
		require.Equal(t, []lead.Inbound{{
			ExternalID: metaLead1,
			Source:     "meta-lead-ads",
			Channel:    "social",
			Name:       "Adéla Example",
			Email:      "adela@example.com",
			Phone:      "+15555550102",
			CampaignIDs: map[string]string{
				"ad_id": "940000000000001", "form_id": "930000000000001", "page_id": "910000000000001",
			},
			Attributes: map[string]any{"is_organic": false, "city": "Springfield", "seats": "10-50"},
			OccurredAt: time.Date(2025, 12, 31, 23, 59, 55, 0, time.UTC),
		}}, leads)
	})
	t.Run("instagram lead", func(t *testing.T) {
		leads, err := m.Decode(lead2)
		require.NoError(t, err)
		require.Equal(t, []lead.Inbound{{
			ExternalID: metaLead2,
			Source:     "instagram-lead-ads",
			Channel:    "social",
			FirstName:  "Ada",
			LastName:   "Example",
			Email:      "ada@example.com",
			Company:    "Example Widgets Ltd",
			Title:      "Head of Ops",
			CampaignIDs: map[string]string{
				"ad_id": "940000000000002", "form_id": "930000000000001", "page_id": "910000000000001",
			},
			Attributes: map[string]any{"is_organic": false},
			OccurredAt: time.Date(2025, 12, 31, 23, 59, 57, 0, time.UTC),
		}}, leads)
	})

	for _, tt := range []struct {
		name      string
		fetched   string
		check     func(t *testing.T, in lead.Inbound)
		wantField string
	}{
		{
			name:    "attribution fields, several values, notification time as fallback",
			fetched: `{"id":"920000000000001","ad_id":"5","adset_id":"6","campaign_id":"7","campaign_name":"Winter","ad_name":"Ad A","form_id":"8","is_organic":true,"field_data":[{"name":"email","values":["x@example.com"]},{"name":"interests","values":["a"," ","b"]},{"name":"campaign_name","values":["spoof"]}]}`,
			check: func(t *testing.T, in lead.Inbound) {
				require.Equal(t, map[string]string{"ad_id": "5", "adset_id": "6", "campaign_id": "7", "form_id": "8", "page_id": "910000000000001"}, in.CampaignIDs)
				require.Equal(t, map[string]any{"campaign_name": "Winter", "ad_name": "Ad A", "is_organic": true, "interests": "a, b"}, in.Attributes)
				require.Equal(t, time.Unix(1767225595, 0).UTC(), in.OccurredAt)
			},
		},
		{
			name:    "RFC 3339 created_time",
			fetched: `{"id":"920000000000001","created_time":"2026-01-01T00:00:00Z","field_data":[{"name":"phone_number","values":["+15555550100"]}]}`,
			check: func(t *testing.T, in lead.Inbound) {
				require.Equal(t, t0.UTC(), in.OccurredAt)
				require.Equal(t, "+15555550100", in.Phone)
				require.False(t, in.Test)
			},
		},
		{
			name:    "testing tool lead",
			fetched: `{"id":"920000000000001","field_data":[{"name":"email","values":["test@fb.com"]},{"name":"full_name","values":["<test lead: dummy data for full_name>"]}]}`,
			check:   func(t *testing.T, in lead.Inbound) { require.True(t, in.Test) },
		},
		{name: "not fetched", fetched: "", wantField: "fetched"},
		{name: "fetched another lead", fetched: `{"id":"920000000000002","field_data":[{"name":"email","values":["x@example.com"]}]}`, wantField: "fetched.id"},
		{name: "fetched without id", fetched: `{"field_data":[{"name":"email","values":["x@example.com"]}]}`, wantField: "fetched.id"},
		{name: "no email or phone", fetched: `{"id":"920000000000001","field_data":[{"name":"full_name","values":["Ada"]},{"name":"email","values":[" "]}]}`, wantField: "fetched.field_data"},
		{name: "values not strings", fetched: `{"id":"920000000000001","field_data":[{"name":"email","values":[1]}]}`, wantField: "fetched.field_data.values"},
		{name: "a Graph error stored by mistake", fetched: `{"error":{"code":100}}`, wantField: "fetched.id"},
		{name: "fetched garbage", fetched: `{"id":`, wantField: "fetched"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := lead1
			d.Fetched = []byte(tt.fetched)
			leads, err := m.Decode(d)
			if tt.wantField != "" {
				var ce *connectors.Error
				require.ErrorAs(t, err, &ce)
				require.Equal(t, connectors.KindInvalid, ce.Kind, "error %q", err)
				require.Equal(t, tt.wantField, ce.Field, "error %q", err)
				return
			}
			require.NoError(t, err)
			require.Len(t, leads, 1)
			tt.check(t, leads[0])
		})
	}

	t.Run("payload of another shape", func(t *testing.T) {
		for _, p := range []string{"", "null", `{"leadgen_id":""}`, `{"leadgen_id":"x"}`, `[]`} {
			_, err := m.Decode(connectors.Delivery{EventID: "1", Source: "meta", Payload: []byte(p), Fetched: lead1.Fetched})
			require.True(t, connectors.IsKind(err, connectors.KindInvalid), "payload %q: %v", p, err)
		}
	})
}

// metaGraph is a fake Graph API: it checks the query of the follow-up call
// and answers from the fixtures, or with handler when set.
type metaGraph struct {
	*httptest.Server
	calls   atomic.Int32
	handler func(w http.ResponseWriter, r *http.Request) bool
}

func newMetaGraph(t *testing.T) *metaGraph {
	t.Helper()
	g := &metaGraph{}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.calls.Add(1)
		if g.handler != nil && g.handler(w, r) {
			return
		}
		q := r.URL.Query()
		if r.Method != http.MethodGet ||
			subtle.ConstantTimeCompare([]byte(q.Get("access_token")), []byte(metaAccessToken)) != 1 ||
			q.Get("appsecret_proof") != metaProof {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException","code":190,"fbtrace_id":"x"}}`))
			return
		}
		if q.Get("fields") != "id,created_time,ad_id,ad_name,adset_id,campaign_id,campaign_name,form_id,platform,is_organic,field_data" {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":{"message":"unexpected fields","code":100}}`))
			return
		}
		id := strings.TrimPrefix(r.URL.Path, "/v23.0/")
		body, err := os.ReadFile(metaBodies + "graph-lead-" + id + ".json")
		if err != nil {
			body, err = os.ReadFile(metaBodies + "graph-lead-error-100-33.json")
			if err != nil {
				panic(err)
			}
			w.WriteHeader(http.StatusBadRequest)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(g.Close)
	return g
}

// metaDelivery is the delivery Parse makes of a one-lead notification.
func metaDelivery(id string) connectors.Delivery {
	return connectors.Delivery{EventID: id, Source: "meta", Payload: []byte(`{"leadgen_id":"` + id + `"}`)}
}

func TestMetaFetch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("fetched leads decode", func(t *testing.T) {
		t.Parallel()
		g := newMetaGraph(t)
		m := newMeta(t, g.URL+"/v23.0/", nil) // a trailing slash is tolerated
		ds, err := m.Parse(metaRequest(t, metaBatchFile, metaBatchSig))
		require.NoError(t, err)
		for _, d := range ds {
			fetched, err := m.Fetch(ctx, d)
			require.NoError(t, err)
			require.Equal(t, metaFetched(t, d.EventID), fetched, "Fetch returns the raw body")
			d.Fetched = fetched
			leads, err := m.Decode(d)
			require.NoError(t, err)
			require.Len(t, leads, 1)
			require.Equal(t, d.EventID, leads[0].ExternalID)
		}
	})

	t.Run("missing lead is permanent", func(t *testing.T) {
		t.Parallel()
		g := newMetaGraph(t)
		_, err := newMeta(t, g.URL+"/v23.0", nil).Fetch(ctx, metaDelivery(metaMissingLead))
		fe := requireFetchError(t, err, true)
		require.Equal(t, http.StatusBadRequest, fe.Status)
		require.Equal(t, 100, fe.Code)
		require.Contains(t, fe.Msg, "subcode 33")
		require.Contains(t, fe.Msg, "does not exist")
		require.Contains(t, err.Error(), "(HTTP 400, code 100)")
	})

	t.Run("a wrong token is permanent and never echoed", func(t *testing.T) {
		t.Parallel()
		g := newMetaGraph(t)
		m, err := connectors.NewMeta(connectors.MetaConfig{AppSecret: metaAppSecret, VerifyToken: metaVerifyToken, AccessToken: "EAAwrongTokenForTests0002", GraphURL: g.URL + "/v23.0"})
		require.NoError(t, err)
		_, err = m.Fetch(ctx, metaDelivery(metaLead1))
		fe := requireFetchError(t, err, true)
		require.Equal(t, 190, fe.Code)
		require.NotContains(t, err.Error(), "EAAwrongTokenForTests0002")
	})

	for _, tt := range []struct {
		name           string
		status         int
		header         map[string]string
		body           string
		wantPermanent  bool
		wantCode       int
		wantRetryAfter time.Duration
	}{
		{name: "429 with Retry-After seconds", status: 429, header: map[string]string{"Retry-After": "30"}, body: `{}`, wantRetryAfter: 30 * time.Second},
		{name: "429 with Retry-After date", status: 429, header: map[string]string{"Retry-After": fresh.Add(2 * time.Minute).UTC().Format(http.TimeFormat)}, wantRetryAfter: 2 * time.Minute},
		{name: "500", status: 500, body: `oops`},
		{name: "503 with a Graph error", status: 503, body: `{"error":{"message":"Service temporarily unavailable","code":2,"is_transient":true}}`, wantCode: 2},
		{name: "rate limit code 4 on a 400", status: 400, body: `{"error":{"message":"Application request limit reached","code":4}}`, wantCode: 4},
		{name: "rate limit code 17 on a 403", status: 403, body: `{"error":{"message":"User request limit reached","code":17}}`, wantCode: 17},
		{name: "page rate limit 32", status: 400, body: `{"error":{"code":32}}`, wantCode: 32},
		{name: "custom rate limit 613", status: 400, body: `{"error":{"code":613}}`, wantCode: 613},
		{
			name: "business use case limit waits as told", status: 400, body: `{"error":{"code":80000}}`, wantCode: 80000,
			header:         map[string]string{"X-Business-Use-Case-Usage": `{"123":[{"type":"pages","call_count":100,"estimated_time_to_regain_access":7}]}`},
			wantRetryAfter: 7 * time.Minute,
		},
		{name: "Graph says transient", status: 400, body: `{"error":{"code":999,"is_transient":true}}`, wantCode: 999},
		{name: "200 that is not JSON", status: 200, body: `{"id":"9200`},
		{name: "permission missing", status: 403, body: `{"error":{"message":"(#200) Requires leads_retrieval","code":200}}`, wantPermanent: true, wantCode: 200},
		{name: "permission code 10", status: 400, body: `{"error":{"code":10}}`, wantPermanent: true, wantCode: 10},
		{name: "other 4xx", status: 404, body: `not found`, wantPermanent: true},
		{name: "code 100 even with a 500", status: 500, body: `{"error":{"code":100}}`, wantPermanent: true, wantCode: 100},
		{name: "200 for another lead", status: 200, body: `{"id":"1"}`, wantPermanent: true},
		{name: "Retry-After ignored on a permanent error", status: 400, header: map[string]string{"Retry-After": "30"}, body: `{"error":{"code":100}}`, wantPermanent: true, wantCode: 100},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g := newMetaGraph(t)
			g.handler = func(w http.ResponseWriter, r *http.Request) bool {
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
				return true
			}
			_, err := newMeta(t, g.URL+"/v23.0", nil).Fetch(ctx, metaDelivery(metaLead1))
			fe := requireFetchError(t, err, tt.wantPermanent)
			require.Equal(t, tt.status, fe.Status)
			require.Equal(t, tt.wantCode, fe.Code)
			require.Equal(t, tt.wantRetryAfter, fe.RetryAfter)
			require.NotContains(t, err.Error(), metaAccessToken)
			require.NotContains(t, err.Error(), metaProof)
		})
	}

	t.Run("a message echoing the token is redacted", func(t *testing.T) {
		t.Parallel()
		g := newMetaGraph(t)
		g.handler = func(w http.ResponseWriter, r *http.Request) bool {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":{"message":"bad request ` + r.URL.String() + ` token EAAsomeOtherToken123 proof ` + metaProof + `","code":1000}}`))
			return true
		}
		_, err := newMeta(t, g.URL+"/v23.0", nil).Fetch(ctx, metaDelivery(metaLead1))
		fe := requireFetchError(t, err, true)
		require.NotContains(t, err.Error(), metaAccessToken)
		require.NotContains(t, err.Error(), metaProof)
		require.NotContains(t, err.Error(), "EAAsomeOtherToken123")
		require.Contains(t, fe.Msg, "access_token=[redacted]")
	})

	t.Run("network error is retryable and hides the URL", func(t *testing.T) {
		t.Parallel()
		g := newMetaGraph(t)
		url := g.URL
		g.Close()
		_, err := newMeta(t, url+"/v23.0", nil).Fetch(ctx, metaDelivery(metaLead1))
		fe := requireFetchError(t, err, false)
		require.Zero(t, fe.Status)
		require.NotContains(t, err.Error(), metaAccessToken)
		require.NotContains(t, err.Error(), "appsecret_proof")
	})

	t.Run("cancelled context is retryable", func(t *testing.T) {
		t.Parallel()
		g := newMetaGraph(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := newMeta(t, g.URL+"/v23.0", nil).Fetch(cctx, metaDelivery(metaLead1))
		requireFetchError(t, err, false)
		require.ErrorIs(t, err, context.Canceled)
		require.Zero(t, g.calls.Load())
	})

	t.Run("client timeout is retryable", func(t *testing.T) {
		t.Parallel()
		release := make(chan struct{})
		g := newMetaGraph(t)
		g.handler = func(w http.ResponseWriter, r *http.Request) bool { <-release; return false }
		defer close(release)
		m, err := connectors.NewMeta(connectors.MetaConfig{AppSecret: metaAppSecret, VerifyToken: metaVerifyToken, AccessToken: metaAccessToken,
			GraphURL: g.URL + "/v23.0", HTTPClient: &http.Client{Timeout: 50 * time.Millisecond}})
		require.NoError(t, err)
		_, err = m.Fetch(ctx, metaDelivery(metaLead1))
		requireFetchError(t, err, false)
		require.NotContains(t, err.Error(), metaAccessToken)
	})

	t.Run("oversized answer is permanent", func(t *testing.T) {
		t.Parallel()
		g := newMetaGraph(t)
		g.handler = func(w http.ResponseWriter, r *http.Request) bool {
			_, _ = w.Write([]byte(`{"id":"920000000000001","x":"` + strings.Repeat("a", 1<<20) + `"}`))
			return true
		}
		_, err := newMeta(t, g.URL+"/v23.0", nil).Fetch(ctx, metaDelivery(metaLead1))
		requireFetchError(t, err, true)
	})

	t.Run("invalid stored payload is permanent and calls nobody", func(t *testing.T) {
		t.Parallel()
		g := newMetaGraph(t)
		_, err := newMeta(t, g.URL+"/v23.0", nil).Fetch(ctx, connectors.Delivery{EventID: "x", Source: "meta", Payload: []byte(`{"leadgen_id":"../me"}`)})
		requireFetchError(t, err, true)
		require.Zero(t, g.calls.Load())
	})
}

// requireFetchError fails unless err is a *connectors.FetchError with the
// given permanence; it returns it.
func requireFetchError(t *testing.T, err error, permanent bool) *connectors.FetchError {
	t.Helper()
	var fe *connectors.FetchError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, permanent, fe.Permanent, "Permanent of %q", err)
	require.NotEmpty(t, fe.Msg)
	return fe
}

func TestNewMeta(t *testing.T) {
	t.Parallel()
	valid := connectors.MetaConfig{AppSecret: metaAppSecret, VerifyToken: metaVerifyToken, AccessToken: metaAccessToken}
	for _, tt := range []struct {
		name    string
		modify  func(c *connectors.MetaConfig)
		wantErr string
	}{
		{name: "valid"},
		{name: "custom graph URL", modify: func(c *connectors.MetaConfig) { c.GraphURL = "http://127.0.0.1:9999/v99.0" }},
		{name: "no app secret", modify: func(c *connectors.MetaConfig) { c.AppSecret = " \n" }, wantErr: "LEADFLOW_META_APP_SECRET: app secret is required"},
		{name: "no verify token", modify: func(c *connectors.MetaConfig) { c.VerifyToken = "" }, wantErr: "LEADFLOW_META_VERIFY_TOKEN: verify token is required"},
		{name: "no access token", modify: func(c *connectors.MetaConfig) { c.AccessToken = "" }, wantErr: "LEADFLOW_META_ACCESS_TOKEN: page access token is required"},
		{name: "graph URL without scheme", modify: func(c *connectors.MetaConfig) { c.GraphURL = "graph.facebook.com/v23.0" }, wantErr: "LEADFLOW_META_GRAPH_URL: want an absolute http(s) URL"},
		{name: "graph URL with a query", modify: func(c *connectors.MetaConfig) { c.GraphURL = "https://graph.facebook.com/v23.0?access_token=x" }, wantErr: "LEADFLOW_META_GRAPH_URL"},
		{name: "bad field target", modify: func(c *connectors.MetaConfig) { c.Fields = connectors.FieldMap{"seats": "seats"} }, wantErr: `fields["seats"]: target "seats" is not one of`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := valid
			if tt.modify != nil {
				tt.modify(&c)
			}
			m, err := connectors.NewMeta(c)
			if tt.wantErr == "" {
				require.NoError(t, err)
				require.Equal(t, "meta", m.Name())
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
			for _, secret := range []string{metaAppSecret, metaVerifyToken, metaAccessToken} {
				require.NotContains(t, err.Error(), secret)
			}
		})
	}
}

func TestMetaImplementsOptionalInterfaces(t *testing.T) {
	t.Parallel()
	var c connectors.Connector = newMeta(t, "", nil)
	require.Implements(t, (*connectors.Challenger)(nil), c)
	require.Implements(t, (*connectors.Fetcher)(nil), c)
}
