package connectors_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/connectors/connectortest"
	"leadflow/lead"
)

// TikTok test facts. The secret is the shared fixtures' (README.md,
// "tiktok/"), so the shared ILLUSTRATIVE envelope verifies with its
// documented signature. All fake.
const (
	tiktokSecret      = "tt-test-client-secret-9d2b"
	tiktokBodies      = "testdata/tiktok/bodies/"
	tiktokFixtureFile = tiktokBodies + "lead-instant-form.json"
	tiktokCasesDir    = "testdata/tiktok/cases"
	tiktokLeadID      = "7300000000000000001"
)

// newTikTok builds the connector with extra field mappings.
func newTikTok(tb testing.TB, fields connectors.FieldMap) *connectors.TikTok {
	tb.Helper()
	c, err := connectors.NewTikTok(connectors.TikTokConfig{Secret: tiktokSecret, Fields: fields})
	require.NoError(tb, err)
	return c
}

// tiktokSign plays TikTok: "t=<ts>,s=<hex HMAC(secret, ts.body)>".
func tiktokSign(body []byte, ts int64) string {
	mac := hmac.New(sha256.New, []byte(tiktokSecret))
	mac.Write([]byte(strconv.FormatInt(ts, 10) + "."))
	mac.Write(body)
	return "t=" + strconv.FormatInt(ts, 10) + ",s=" + hex.EncodeToString(mac.Sum(nil))
}

// tiktokSignedRequest builds a notification request; sig "" means: sign
// body at t0 with the test secret.
func tiktokSignedRequest(body []byte, sig string) *connectors.Request {
	if sig == "" {
		sig = tiktokSign(body, t0.Unix())
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(connectors.TikTokSignatureHeader, sig)
	return &connectors.Request{Method: http.MethodPost, Header: h, Body: body}
}

// tiktokFixtureRequest is the Instant Form fixture, signed at t0.
func tiktokFixtureRequest(tb testing.TB) *connectors.Request {
	tb.Helper()
	body, err := os.ReadFile(tiktokFixtureFile)
	require.NoError(tb, err)
	return tiktokSignedRequest(body, "")
}

func TestTikTokFixturesAreByteExact(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, file, sha256 string
	}{
		// The shared fixture, byte for byte (its README lists this digest).
		{name: "shared illustrative envelope", file: tiktokBodies + "lead-notification.ILLUSTRATIVE.json", sha256: "4ffb78d6c369a47a38f36449c247a86e5857c0647e73fe85da448208bf9df56f"},
		// Signatures in cases/ and in the end-to-end test cover these bytes.
		{name: "instant form", file: tiktokFixtureFile, sha256: "76c6736d07199d8e0b66ff5d9168d6c772ab26f120c2b49b4a4a2fa71a1b60de"},
		{name: "numeric ids", file: tiktokBodies + "lead-numeric-ids.json", sha256: "e29f2cf8d17c4f7b8d66a27748a0172829293e4c7c1e8b6b28317021f6177195"},
		{name: "unmapped form", file: tiktokBodies + "lead-unmapped-form.json", sha256: "28a61138341e9ac19da7e2395e5946a425eecec346bcb67a04fe42a6fb5a2ed4"},
		{name: "batch", file: tiktokBodies + "lead-batch-duplicate.json", sha256: "81a737a53fb19b2236ae18f0e056eca704a9b81607d24ab9bf05f0a81a624077"},
		{name: "published example", file: tiktokBodies + "authorization-removed.json", sha256: "53486d3c28d120f614b4c745bccc8f46d3aff82dd26184934e1395d0ca658a75"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.sha256, sha256Hex(t, tt.file))
		})
	}
	// TikTok's published example: its "content" is a JSON string, and its
	// exact spacing is kept.
	b, err := os.ReadFile(tiktokBodies + "authorization-removed.json")
	require.NoError(t, err)
	require.Contains(t, string(b), `"content": "{\"reason\": 1 }"`)
}

// sha256Hex is the hex SHA-256 of a file.
func sha256Hex(tb testing.TB, file string) string {
	tb.Helper()
	b, err := os.ReadFile(file)
	require.NoError(tb, err)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func TestTikTokGolden(t *testing.T) {
	t.Parallel()
	connectortest.RunGolden(t, newTikTok(t, nil), tiktokCasesDir)
}

func TestTikTokConformance(t *testing.T) {
	t.Parallel()
	connectortest.RunConformance(t, newTikTok(t, nil), connectortest.Fixture{
		Request:  *tiktokFixtureRequest(t),
		Now:      fresh,
		StaleNow: t0.Add(connectors.TikTokTolerance + time.Second),
	})
}

func TestTikTokVerify(t *testing.T) {
	t.Parallel()
	c := newTikTok(t, nil)
	body, err := os.ReadFile(tiktokFixtureFile)
	require.NoError(t, err)
	good := tiktokSign(body, t0.Unix())
	s := strings.TrimPrefix(good, "t=1767225600,")
	for _, tt := range []struct {
		name    string
		header  string
		now     time.Time
		wantErr string
	}{
		{name: "fixture", header: good, now: fresh},
		{name: "edge of the window after", header: good, now: t0.Add(connectors.TikTokTolerance)},
		{name: "edge of the window before", header: good, now: t0.Add(-connectors.TikTokTolerance)},
		{name: "elements reversed", header: s + ",t=1767225600", now: fresh},
		{name: "upper-case hex", header: "t=1767225600,s=" + strings.ToUpper(strings.TrimPrefix(s, "s=")), now: fresh},
		{name: "unknown element ignored", header: good + ",v=2", now: fresh},
		{name: "one second past the window", header: good, now: t0.Add(connectors.TikTokTolerance + time.Second), wantErr: "not within 5 minutes"},
		{name: "t repeated", header: good + ",t=1767225600", now: fresh, wantErr: "repeats t"},
		{name: "t not digits", header: "t=-1767225600," + s, now: fresh, wantErr: "t must be unix seconds"},
		{name: "t zero", header: "t=0," + s, now: fresh, wantErr: "t must be unix seconds"},
		{name: "t overflows", header: "t=99999999999999999999," + s, now: fresh, wantErr: "t must be unix seconds"},
		{name: "s truncated", header: good[:len(good)-2], now: fresh, wantErr: "must carry s=<64 hex digits>"},
		{name: "s missing", header: "t=1767225600", now: fresh, wantErr: "must carry s="},
		{name: "too many elements", header: good + strings.Repeat(",x=1", 8), now: fresh, wantErr: "more than 8 elements"},
		{name: "sha256= prefix of Meta", header: "sha256=" + strings.TrimPrefix(s, "s="), now: fresh, wantErr: "must carry t="},
		{name: "blank", header: " ", now: fresh, wantErr: "missing TikTok-Signature"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := c.Verify(tiktokSignedRequest(body, tt.header), tt.now)
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
			require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
			require.NotContains(t, err.Error(), tiktokSecret)
		})
	}
}

func TestTikTokParse(t *testing.T) {
	t.Parallel()
	c := newTikTok(t, nil)
	for _, tt := range []struct {
		name      string
		body      string
		wantIDs   []string
		wantField string // set when Parse must fail
	}{
		{name: "minimal", body: `{"object":1,"entry":[{"id":"1","changes":[{"field":"email","value":"a@example.com"}]}]}`, wantIDs: []string{"1"}},
		{name: "object as a string", body: `{"object":"1","entry":[{"id":"1"}]}`, wantIDs: []string{"1"}},
		{
			// Stored and acknowledged; Decode dead-letters it as unmapped.
			name: "no changes", body: `{"object":1,"entry":[{"id":"1"}]}`, wantIDs: []string{"1"},
		},
		{
			name:    "odd attribution shapes are ignored",
			body:    `{"object":1,"entry":[{"id":"1","page_id":{},"campaign_id":-1,"ad_id":"a b","create_time":"soon","ad_name":7,"changes":[]}]}`,
			wantIDs: []string{"1"},
		},
		{name: "change without field is skipped", body: `{"object":1,"entry":[{"id":"1","changes":[{"value":"x"},{"field":null}]}]}`, wantIDs: []string{"1"}},
		{name: "odd values are answers", body: `{"object":1,"entry":[{"id":"1","changes":[{"field":"a","value":{"k":[1]}},{"field":"b","value":true},{"field":"c","value":[["x"],2]}]}]}`, wantIDs: []string{"1"}},
		{name: "other object", body: `{"object":8,"entry":[{"id":"x y"}]}`, wantIDs: []string{}},
		{name: "developer event", body: `{"client_key":"k","event":"tiktok.ping","create_time":1,"content":"{}"}`, wantIDs: []string{}},
		{name: "event without client_key", body: `{"event":"tiktok.ping"}`, wantField: "object"},
		{name: "object null", body: `{"object":null,"entry":[]}`, wantField: "object"},
		{name: "object negative", body: `{"object":-1}`, wantField: "object"},
		{name: "entry missing", body: `{"object":1}`, wantField: "entry"},
		{name: "entry an object", body: `{"object":1,"entry":{"id":"1"}}`, wantField: "entry"},
		{name: "entry a string", body: `{"object":1,"entry":["1"]}`, wantField: "entry[0]"},
		{name: "entry null", body: `{"object":1,"entry":[null]}`, wantField: "entry[0].id"},
		{name: "id too long", body: `{"object":1,"entry":[{"id":"` + strings.Repeat("7", 65) + `"}]}`, wantField: "entry[0].id"},
		{name: "id empty", body: `{"object":1,"entry":[{"id":" "}]}`, wantField: "entry[0].id"},
		{name: "id negative", body: `{"object":1,"entry":[{"id":-7}]}`, wantField: "entry[0].id"},
		{name: "change a string", body: `{"object":1,"entry":[{"id":"1","changes":["email"]}]}`, wantField: "entry[0].changes[0]"},
		{name: "change null", body: `{"object":1,"entry":[{"id":"1","changes":[null]}]}`, wantField: "entry[0].changes[0]"},
		{name: "second entry bad", body: `{"object":1,"entry":[{"id":"1"},{"id":true}]}`, wantField: "entry[1].id"},
		{name: "trailing data", body: `{"object":1,"entry":[{"id":"1"}]}{}`, wantField: ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := c.Parse(tiktokSignedRequest([]byte(tt.body), ""))
			if tt.wantIDs == nil {
				var ce *connectors.Error
				require.ErrorAs(t, err, &ce)
				require.Equal(t, connectors.KindInvalid, ce.Kind, "error %q", err)
				require.Equal(t, tt.wantField, ce.Field, "error %q", err)
				return
			}
			require.NoError(t, err)
			ids := []string{}
			for _, d := range ds {
				require.Equal(t, "tiktok", d.Source)
				ids = append(ids, d.EventID)
			}
			require.Equal(t, tt.wantIDs, ids)
		})
	}
}

func TestTikTokDecode(t *testing.T) {
	t.Parallel()
	c := newTikTok(t, nil)
	ds, err := c.Parse(tiktokFixtureRequest(t))
	require.NoError(t, err)
	require.Len(t, ds, 1)

	t.Run("fixture", func(t *testing.T) {
		leads, err := c.Decode(ds[0])
		require.NoError(t, err)
		require.Equal(t, []lead.Inbound{{
			ExternalID: tiktokLeadID,
			Source:     "tiktok-lead-gen",
			Channel:    "social",
			Name:       "Ada Example",
			Email:      "ada@example.com",
			Phone:      "+15555550100",
			Company:    "Example Widgets Ltd",
			Title:      "Head of Operations",
			CampaignIDs: map[string]string{
				"account_id": "7100000000000000001", "campaign_id": "1800000000000001", "adgroup_id": "1810000000000001",
				"ad_id": "1820000000000001", "form_id": "7200000000000000001",
			},
			Attributes: map[string]any{
				"lead_source": "INSTANT_FORM", "form_name": "Spring demo request", "advertiser_name": "Example Widgets Ads",
				"campaign_name": "Spring leads", "adgroup_name": "US 25-54", "ad_name": "Demo video A",
				"how_many_employees": "51-200",
			},
			OccurredAt: t0.Add(-2 * time.Second).UTC(),
		}}, leads)
	})

	t.Run("the payload is the entry, not the notification", func(t *testing.T) {
		require.True(t, strings.HasPrefix(string(ds[0].Payload), `{"id":"7300000000000000001"`), string(ds[0].Payload))
	})

	t.Run("an unmapped form is stored and dead-lettered, never refused", func(t *testing.T) {
		body, err := os.ReadFile(tiktokBodies + "lead-unmapped-form.json")
		require.NoError(t, err)
		ds, err := c.Parse(tiktokSignedRequest(body, ""))
		require.NoError(t, err, "Parse accepts it: the HTTP layer stores and acknowledges it")
		require.Len(t, ds, 1)
		_, err = c.Decode(ds[0])
		require.True(t, connectors.IsUnmapped(err), "%v", err)
		require.True(t, connectors.IsKind(err, connectors.KindInvalid), "%v", err)
		var ue *connectors.UnmappedError
		require.ErrorAs(t, err, &ue)
		require.Equal(t, "7200000000000000009", ue.Form)
		require.Equal(t, []string{"preferred_store", "budget_range"}, ue.Keys)
		require.NotContains(t, err.Error(), "North", "answers are never quoted")

		// Once the operator maps a question, the replayed delivery decodes.
		mapped := newTikTok(t, connectors.FieldMap{"preferred_store": connectors.FieldEmail})
		leads, err := mapped.Decode(ds[0])
		require.NoError(t, err)
		require.Equal(t, "North", leads[0].Email)
		require.Equal(t, "10k-50k", leads[0].Attributes["budget_range"])
	})

	for _, tt := range []struct {
		name    string
		fields  connectors.FieldMap
		payload string
		check   func(t *testing.T, in lead.Inbound)
		wantErr string
	}{
		{
			name:    "custom question mapped, options joined, text time, library id",
			fields:  connectors.FieldMap{"Contact_Preference": connectors.FieldMessage},
			payload: `{"id":"7300000000000000003","library_id":7400000000000000001,"create_time":"2025-12-31 23:59:58","changes":[{"field":"phone_number","value":"+15555550102"},{"field":"contact_preference","value":["Phone"," ","SMS",null]},{"field":"age","value":42}]}`,
			check: func(t *testing.T, in lead.Inbound) {
				require.Equal(t, "+15555550102", in.Phone)
				require.Equal(t, "Phone, SMS", in.Message)
				require.Equal(t, map[string]any{"age": "42"}, in.Attributes)
				require.Equal(t, map[string]string{"form_library_id": "7400000000000000001"}, in.CampaignIDs)
				require.Equal(t, time.Date(2025, 12, 31, 23, 59, 58, 0, time.UTC), in.OccurredAt)
			},
		},
		{
			name:    "milliseconds create_time, first answer of a field wins",
			payload: `{"id":"x-1","create_time":1767225598123,"changes":[{"field":"email","value":"a@example.com"},{"field":"work_email","value":"b@example.com"}]}`,
			check: func(t *testing.T, in lead.Inbound) {
				require.Equal(t, "a@example.com", in.Email)
				require.Equal(t, time.UnixMilli(1767225598123).UTC(), in.OccurredAt)
				require.Nil(t, in.CampaignIDs)
			},
		},
		{
			name:    "a question named like provider metadata cannot spoof it",
			payload: `{"id":"1","campaign_name":"Real","changes":[{"field":"campaign_name","value":"Fake"},{"field":"email","value":"a@example.com"}]}`,
			check: func(t *testing.T, in lead.Inbound) {
				require.Equal(t, "Real", in.Attributes["campaign_name"])
			},
		},
		{
			name:    "a year past 9999 is no time",
			payload: `{"id":"1","create_time":253402300800,"changes":[{"field":"email","value":"a@example.com"}]}`,
			check: func(t *testing.T, in lead.Inbound) {
				require.True(t, in.OccurredAt.IsZero())
			},
		},
		{name: "no answers", payload: `{"id":"1","page_id":"9"}`, wantErr: "email or phone is required: form 9"},
		{name: "blank email", payload: `{"id":"1","changes":[{"field":"email","value":"  "}]}`, wantErr: "email or phone is required"},
		{name: "the whole notification is not an entry", payload: `{"object":1,"entry":[{"id":"1"}]}`, wantErr: "id: is required"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			leads, err := newTikTok(t, tt.fields).Decode(connectors.Delivery{EventID: "1", Source: "tiktok", Payload: []byte(tt.payload)})
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				require.True(t, connectors.IsKind(err, connectors.KindInvalid), "%v", err)
				return
			}
			require.NoError(t, err)
			require.Len(t, leads, 1)
			tt.check(t, leads[0])
		})
	}
}

func TestNewTikTok(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		cfg     connectors.TikTokConfig
		wantErr string
	}{
		{name: "secret only", cfg: connectors.TikTokConfig{Secret: tiktokSecret}},
		{name: "secret with a newline", cfg: connectors.TikTokConfig{Secret: tiktokSecret + "\n"}},
		{name: "no secret", cfg: connectors.TikTokConfig{Secret: " "}, wantErr: "LEADFLOW_TIKTOK_SECRET: app secret is required"},
		{name: "bad field target", cfg: connectors.TikTokConfig{Secret: tiktokSecret, Fields: connectors.FieldMap{"store": "shop"}}, wantErr: `fields["store"]: target "shop"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := connectors.NewTikTok(tt.cfg)
			if tt.wantErr == "" {
				require.NoError(t, err)
				require.Equal(t, "tiktok", c.Name())
				require.NoError(t, c.Verify(tiktokFixtureRequest(t), fresh), "the secret is trimmed")
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
			require.NotContains(t, err.Error(), tiktokSecret)
		})
	}
}

func TestTikTokImplementsOptionalInterfaces(t *testing.T) {
	t.Parallel()
	var c connectors.Connector = newTikTok(t, nil)
	ack, ok := c.(connectors.AckPolicy)
	require.True(t, ok)
	require.Equal(t, http.StatusOK, ack.AckStatus(), "TikTok documents 200")
	// The notification carries the lead, TikTok has no GET handshake, and
	// the signed timestamp plus lead-id dedupe make a replay guard moot.
	require.NotImplements(t, (*connectors.Fetcher)(nil), c)
	require.NotImplements(t, (*connectors.Challenger)(nil), c)
	require.NotImplements(t, (*connectors.ReplayGuard)(nil), c)
}
