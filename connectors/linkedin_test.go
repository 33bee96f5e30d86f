package connectors_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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

// LinkedIn test facts from /work/shared/fixtures/webhooks (README.md,
// "linkedin/"). All fake.
const (
	linkedInSecret      = "li-test-client-secret-55aa"
	linkedInAccessToken = "li-test-access-token-not-real-0001"
	linkedInSig         = "0a37ba5ca0b98a6e54cd0fbf672aacc7ebab3e145066547497b64040147e228c"
	linkedInChallenge   = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
	linkedInResponseID  = "7d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6"
	linkedInURN         = "urn:li:leadGenFormResponse:" + linkedInResponseID

	linkedInBodies           = "testdata/linkedin/bodies/"
	linkedInNotificationFile = linkedInBodies + "lead-notification.json"
	linkedInResponseFile     = linkedInBodies + "lead-form-response.json"
	linkedInFormFile         = linkedInBodies + "lead-form.json"
	linkedInCasesDir         = "testdata/linkedin/cases"
)

// linkedInFormFields is the field map of the fixture form (lead-form.json).
func linkedInFormFields(tb testing.TB) connectors.FieldMap {
	tb.Helper()
	form, err := os.ReadFile(linkedInFormFile)
	require.NoError(tb, err)
	m, err := connectors.LinkedInFormFields(form)
	require.NoError(tb, err)
	return m
}

// newLinkedIn builds the connector with the fixture form's field map.
func newLinkedIn(tb testing.TB, apiURL string) *connectors.LinkedIn {
	tb.Helper()
	l, err := connectors.NewLinkedIn(connectors.LinkedInConfig{
		ClientSecret: linkedInSecret,
		AccessToken:  linkedInAccessToken,
		APIURL:       apiURL,
		Fields:       linkedInFormFields(tb),
		NowFunc:      func() time.Time { return fresh },
	})
	require.NoError(tb, err)
	return l
}

// linkedInSignedRequest builds a notification request; sig "" means: sign
// body with the test client secret.
func linkedInSignedRequest(body []byte, sig string) *connectors.Request {
	if sig == "" {
		sig = linkedInSign(body)
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(connectors.LinkedInSignatureHeader, sig)
	return &connectors.Request{Method: http.MethodPost, Header: h, Body: body}
}

// linkedInSign plays LinkedIn: hex HMAC of "hmacsha256=" + body.
func linkedInSign(body []byte) string {
	mac := hmac.New(sha256.New, []byte(linkedInSecret))
	mac.Write([]byte("hmacsha256="))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// linkedInFixtureRequest is the fixture notification with its signature.
func linkedInFixtureRequest(tb testing.TB) *connectors.Request {
	tb.Helper()
	body, err := os.ReadFile(linkedInNotificationFile)
	require.NoError(tb, err)
	return linkedInSignedRequest(body, linkedInSig)
}

// linkedInFetched is what Fetch returns for the fixture notification.
func linkedInFetched(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile(linkedInResponseFile)
	require.NoError(tb, err)
	return b
}

func TestLinkedInFixturesAreByteExact(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, file, sha256 string
	}{
		{name: "notification", file: linkedInNotificationFile, sha256: "8ac2c794152c8c9c1f4e62bb6568b5f78bf5b5bc199a9f87973ec8ee61cdc1e5"},
		{name: "challenge response", file: linkedInBodies + "challenge-response.json", sha256: "a1efc766e1e84f3fcf98a482866f986fa65cfe03205e424e628a9e70381c6ba6"},
		{name: "form response", file: linkedInResponseFile, sha256: "f537c6537c9941d9c94d1c9bdbe79b92097036535f6c73de81f671a22d574cc8"},
		{name: "form", file: linkedInFormFile, sha256: "07bd73a601585260a21dac63ebc549c496f919f8dd152b4717272a19493c4511"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := os.ReadFile(tt.file)
			require.NoError(t, err)
			sum := sha256.Sum256(b)
			require.Equal(t, tt.sha256, hex.EncodeToString(sum[:]))
		})
	}
}

func TestLinkedInGolden(t *testing.T) {
	t.Parallel()
	connectortest.RunGolden(t, newLinkedIn(t, ""), linkedInCasesDir)
}

func TestLinkedInConformance(t *testing.T) {
	t.Parallel()
	fetched := linkedInFetched(t)
	connectortest.RunConformance(t, newLinkedIn(t, ""), connectortest.Fixture{
		Request: *linkedInFixtureRequest(t),
		Now:     fresh,
		FetchedFor: func(d connectors.Delivery) []byte {
			if d.EventID == linkedInURN {
				return fetched
			}
			return nil
		},
		Challenge:    &connectors.Request{Method: http.MethodGet, Query: url.Values{"challengeCode": {linkedInChallenge}}},
		BadChallenge: &connectors.Request{Method: http.MethodGet, Query: url.Values{"challengeCode": {"hmacsha256={}"}}},
	})
}

func TestLinkedInChallenge(t *testing.T) {
	t.Parallel()
	l := newLinkedIn(t, "")
	want, err := os.ReadFile(linkedInBodies + "challenge-response.json")
	require.NoError(t, err)

	t.Run("README validation answers the fixture bytes", func(t *testing.T) {
		resp, err := l.Challenge(&connectors.Request{Method: http.MethodGet, Query: url.Values{"challengeCode": {linkedInChallenge}}})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.Status)
		require.Equal(t, "application/json", resp.ContentType)
		require.Equal(t, string(want), string(resp.Body))
	})
	t.Run("the answer is the HMAC of the code", func(t *testing.T) {
		resp, err := l.Challenge(&connectors.Request{Method: http.MethodGet, Query: url.Values{"challengeCode": {"abc"}, "applicationId": {"77"}}})
		require.NoError(t, err)
		mac := hmac.New(sha256.New, []byte(linkedInSecret))
		mac.Write([]byte("abc"))
		require.JSONEq(t, `{"challengeCode":"abc","challengeResponse":"`+hex.EncodeToString(mac.Sum(nil))+`"}`, string(resp.Body))
	})
	for _, tt := range []struct {
		name    string
		query   url.Values
		wantErr string
	}{
		{name: "no query", wantErr: "challengeCode is missing"},
		{name: "empty code", query: url.Values{"challengeCode": {""}}, wantErr: "challengeCode is missing"},
		{
			// The answer would be a valid X-LI-Signature for the body "{}".
			name:    "signing oracle",
			query:   url.Values{"challengeCode": {"hmacsha256={}"}},
			wantErr: "challengeCode must be 1 to 128 letters, digits or hyphens",
		},
		{name: "quote", query: url.Values{"challengeCode": {`a"b`}}, wantErr: "letters, digits or hyphens"},
		{name: "too long", query: url.Values{"challengeCode": {strings.Repeat("a", 129)}}, wantErr: "letters, digits or hyphens"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := l.Challenge(&connectors.Request{Method: http.MethodGet, Query: tt.query})
			require.ErrorContains(t, err, tt.wantErr)
			require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
		})
	}
}

func TestLinkedInVerify(t *testing.T) {
	t.Parallel()
	l := newLinkedIn(t, "")
	body, err := os.ReadFile(linkedInNotificationFile)
	require.NoError(t, err)
	plain := hmac.New(sha256.New, []byte(linkedInSecret))
	plain.Write(body)
	for _, tt := range []struct {
		name    string
		req     *connectors.Request
		wantErr string
	}{
		{name: "fixture", req: linkedInFixtureRequest(t)},
		{name: "upper-case hex", req: linkedInSignedRequest(body, strings.ToUpper(linkedInSig))},
		{name: "prefix repeated in the header", req: linkedInSignedRequest(body, "hmacsha256="+linkedInSig)},
		{name: "HMAC of the body alone", req: linkedInSignedRequest(body, hex.EncodeToString(plain.Sum(nil))), wantErr: "does not match the body"},
		{name: "other body", req: linkedInSignedRequest(append([]byte(" "), body...), linkedInSig), wantErr: "does not match the body"},
		{name: "missing", req: linkedInSignedRequest(body, " "), wantErr: "missing X-LI-Signature"},
		{name: "prefix only", req: linkedInSignedRequest(body, "hmacsha256="), wantErr: "missing X-LI-Signature"},
		{name: "truncated", req: linkedInSignedRequest(body, linkedInSig[:62]), wantErr: "64 hex digits"},
		{name: "sha256= form of Meta", req: linkedInSignedRequest(body, "sha256="+linkedInSig), wantErr: "64 hex digits"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := l.Verify(tt.req, stale)
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
			require.True(t, connectors.IsKind(err, connectors.KindUnauthorized), "kind of %v", err)
		})
	}
}

func TestLinkedInParse(t *testing.T) {
	t.Parallel()
	l := newLinkedIn(t, "")
	fixture := linkedInFixtureRequest(t)
	ds, err := l.Parse(fixture)
	require.NoError(t, err)
	require.Equal(t, []connectors.Delivery{{EventID: linkedInURN, Source: "linkedin", Payload: fixture.Body}}, ds)

	for _, tt := range []struct {
		name      string
		body      string
		wantIDs   []string
		wantField string // set when Parse must fail
	}{
		{name: "minimal", body: `{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadFormResponse:abc"}`, wantIDs: []string{"urn:li:leadFormResponse:abc"}},
		{
			name:    "odd attribution shapes are ignored",
			body:    `{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadFormResponse:abc","owner":"x","associatedEntity":[1],"occurredAt":"soon"}`,
			wantIDs: []string{"urn:li:leadFormResponse:abc"},
		},
		{name: "deleted lead", body: `{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadFormResponse:abc","leadAction":"DELETED"}`, wantIDs: []string{}},
		{name: "another type", body: `{"type":"ORGANIZATION_SOCIAL_ACTION","id":"1"}`, wantIDs: []string{}},
		{name: "no type", body: `{"leadGenFormResponse":"urn:li:leadFormResponse:abc"}`, wantField: "type"},
		{name: "type a number", body: `{"type":1}`, wantField: "type"},
		{name: "no response", body: `{"type":"LEAD_ACTION","leadAction":"CREATED"}`, wantField: "leadGenFormResponse"},
		{name: "response of another kind", body: `{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:person:abc"}`, wantField: "leadGenFormResponse"},
		{name: "empty id", body: `{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadFormResponse:"}`, wantField: "leadGenFormResponse"},
		{name: "id with a path", body: `{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadFormResponse:../../me"}`, wantField: "leadGenFormResponse"},
		{name: "id with a space", body: `{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadFormResponse:a b"}`, wantField: "leadGenFormResponse"},
		{name: "id too long", body: `{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadFormResponse:` + strings.Repeat("a", 240) + `"}`, wantField: "leadGenFormResponse"},
		{name: "array", body: `[{"type":"LEAD_ACTION"}]`, wantField: ""},
		{name: "trailing data", body: `{"type":"X"}{}`, wantField: ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := l.Parse(linkedInSignedRequest([]byte(tt.body), ""))
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
				require.Equal(t, "linkedin", d.Source)
				require.Equal(t, tt.body, string(d.Payload))
				ids = append(ids, d.EventID)
			}
			require.Equal(t, tt.wantIDs, ids)
		})
	}
}

func TestLinkedInDecode(t *testing.T) {
	t.Parallel()
	l := newLinkedIn(t, "")
	ds, err := l.Parse(linkedInFixtureRequest(t))
	require.NoError(t, err)
	require.Len(t, ds, 1)
	d := ds[0]
	d.Fetched = linkedInFetched(t)

	t.Run("fixture", func(t *testing.T) {
		leads, err := l.Decode(d)
		require.NoError(t, err)
		require.Equal(t, []lead.Inbound{{
			ExternalID: linkedInResponseID,
			Source:     "linkedin-lead-gen",
			Channel:    "social",
			FirstName:  "Ada",
			LastName:   "Example",
			Email:      "ada@example.com",
			Company:    "Example Widgets Ltd",
			CampaignIDs: map[string]string{
				"account_id": "5000001", "campaign_id": "8000001", "creative_id": "6000001", "form_id": "7000001",
			},
			Attributes: map[string]any{"lead_type": "SPONSORED", "form_version": "3", "consent_101": "yes"},
			OccurredAt: time.UnixMilli(1767225596000).UTC(),
		}}, leads)
	})

	t.Run("without the form's question ids no email is found", func(t *testing.T) {
		bare, err := connectors.NewLinkedIn(connectors.LinkedInConfig{ClientSecret: linkedInSecret})
		require.NoError(t, err)
		_, err = bare.Decode(d)
		require.ErrorContains(t, err, "fetched.formResponse.answers: email or phone is required")
	})

	for _, tt := range []struct {
		name      string
		fields    connectors.FieldMap
		fetched   string
		check     func(t *testing.T, in lead.Inbound)
		wantField string
	}{
		{
			name:    "predefined fields, test lead, URN id, consent mapped",
			fields:  connectors.FieldMap{"consent_7": connectors.FieldConsent, "9": connectors.FieldBudget},
			fetched: `{"id":"urn:li:leadFormResponse:7d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6","testLead":true,"formResponse":{"answers":[{"questionId":"11","predefinedField":"PHONE_NUMBER","answerDetails":{"textQuestionAnswer":{"answer":"+15555550100"}}},{"questionId":12,"name":"email","answerDetails":{"textQuestionAnswer":{"answer":"b@example.com"}}},{"questionId":9,"answerDetails":{"multipleChoiceAnswer":{"options":[2,3]}}},{"questionId":13,"answerDetails":{"textQuestionAnswer":{"answer":"blue"}}},{"questionId":14,"predefinedField":"CITY","answerDetails":{"textQuestionAnswer":{"answer":"Springfield"}}}],"consentResponses":[{"consentId":"7","accepted":true},{"consentId":8,"accepted":false}]}}`,
			check: func(t *testing.T, in lead.Inbound) {
				require.True(t, in.Test)
				require.Equal(t, "urn:li:leadFormResponse:"+linkedInResponseID, in.ExternalID)
				require.Equal(t, "+15555550100", in.Phone)
				require.Equal(t, "b@example.com", in.Email)
				require.Equal(t, "2, 3", in.Answers.Budget)
				require.Equal(t, lead.ConsentGiven, in.Consent.State())
				require.Equal(t, map[string]any{"lead_type": "SPONSORED", "form_version": "3", "question_13": "blue", "city": "Springfield", "consent_8": "no"}, in.Attributes)
				require.Equal(t, map[string]string{"account_id": "5000001", "creative_id": "6000001", "form_id": "7000001"}, in.CampaignIDs)
				require.Equal(t, time.UnixMilli(1767225600000).UTC(), in.OccurredAt, "notification time as fallback")
			},
		},
		{
			name:    "a refused consent that is mapped is a refusal",
			fields:  connectors.FieldMap{"consent_8": connectors.FieldConsent},
			fetched: `{"id":"7d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6","formResponse":{"answers":[{"questionId":12,"name":"email","answerDetails":{"textQuestionAnswer":{"answer":"b@example.com"}}}],"consentResponses":[{"consentId":"7","accepted":true},{"consentId":8,"accepted":false}]}}`,
			check: func(t *testing.T, in lead.Inbound) {
				require.Equal(t, lead.ConsentRefused, in.Consent.State())
				require.Equal(t, "yes", in.Attributes["consent_7"], "an unmapped consent is not marketing consent")
			},
		},
		{
			name:    "no mapped consent says nothing",
			fetched: `{"id":"7d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6","formResponse":{"answers":[{"questionId":12,"name":"email","answerDetails":{"textQuestionAnswer":{"answer":"b@example.com"}}}],"consentResponses":[{"consentId":8,"accepted":false}]}}`,
			check: func(t *testing.T, in lead.Inbound) {
				require.Equal(t, lead.ConsentUnknown, in.Consent.State())
			},
		},
		{name: "not fetched", fetched: "", wantField: "fetched"},
		{name: "another response", fetched: `{"id":"other","formResponse":{"answers":[{"questionId":3,"answerDetails":{"textQuestionAnswer":{"answer":"a@example.com"}}}]}}`, wantField: "fetched.id"},
		{name: "no id", fetched: `{"formResponse":{}}`, wantField: "fetched.id"},
		{name: "question id an object", fetched: `{"id":"7d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6","formResponse":{"answers":[{"questionId":{},"answerDetails":{}}]}}`, wantField: "fetched.formResponse.answers[0].questionId"},
		{name: "question id a fraction", fetched: `{"id":"7d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6","formResponse":{"answers":[{"questionId":1.5,"answerDetails":{}}]}}`, wantField: "fetched.formResponse.answers[0].questionId"},
		{name: "consent without id", fetched: `{"id":"7d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6","formResponse":{"consentResponses":[{"accepted":true}]}}`, wantField: "fetched.formResponse.consentResponses[0].consentId"},
		{name: "submittedAt text", fetched: `{"id":"7d1f0c2a-1b3c-4d5e-8f90-a1b2c3d4e5f6","submittedAt":"x"}`, wantField: "fetched.submittedAt"},
		{name: "not JSON", fetched: `<html>`, wantField: "fetched"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := connectors.NewLinkedIn(connectors.LinkedInConfig{ClientSecret: linkedInSecret, Fields: linkedInFormFields(t).Merge(tt.fields)})
			require.NoError(t, err)
			dd := d
			dd.Fetched = []byte(tt.fetched)
			leads, err := c.Decode(dd)
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

	t.Run("a deleted-lead payload is not decodable", func(t *testing.T) {
		_, err := l.Decode(connectors.Delivery{EventID: linkedInURN, Source: "linkedin", Fetched: d.Fetched,
			Payload: []byte(`{"type":"LEAD_ACTION","leadGenFormResponse":"` + linkedInURN + `","leadAction":"DELETED"}`)})
		require.True(t, connectors.IsKind(err, connectors.KindInvalid), "%v", err)
	})
}

func TestLinkedInFormFields(t *testing.T) {
	t.Parallel()
	require.Equal(t, connectors.FieldMap{"1": "first_name", "2": "last_name", "3": "email", "4": "company"}, linkedInFormFields(t))
	for _, tt := range []struct {
		name    string
		form    string
		want    connectors.FieldMap
		wantErr string
	}{
		{
			name: "custom and unknown predefined questions become attributes",
			form: `{"content":{"questions":[{"questionId":"10","name":"seats","predefinedField":null},{"questionId":11,"name":"industry","predefinedField":"INDUSTRY"},{"questionId":12}]}}`,
			want: connectors.FieldMap{"10": "attributes.seats", "11": "attributes.industry"},
		},
		{name: "no questions", form: `{"content":{"questions":[]}}`, wantErr: "no questions"},
		{name: "bad question id", form: `{"content":{"questions":[{"questionId":true}]}}`, wantErr: "content.questions[0].questionId must be a string or an integer"},
		{name: "not JSON", form: `nope`, wantErr: "read linkedin lead form: malformed JSON"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := connectors.LinkedInFormFields([]byte(tt.form))
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, m)
		})
	}
}

// linkedInAPI is a fake LinkedIn API serving the fixture form response; a
// handler, when set, answers instead.
type linkedInAPI struct {
	*httptest.Server
	calls     atomic.Int32
	formCalls atomic.Int32
	handler   func(w http.ResponseWriter, r *http.Request) bool
}

func newLinkedInAPI(t *testing.T) *linkedInAPI {
	t.Helper()
	api := &linkedInAPI{}
	body := linkedInFetched(t)
	form, err := os.ReadFile(linkedInFormFile)
	require.NoError(t, err)
	api.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api.calls.Add(1)
		if api.handler != nil && api.handler(w, r) {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Header.Get("Authorization") != "Bearer "+linkedInAccessToken:
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"status":401,"serviceErrorCode":65600,"code":"INVALID_ACCESS_TOKEN","message":"Invalid access token"}`))
		case r.Header.Get("LinkedIn-Version") != connectors.DefaultLinkedInVersion || r.Header.Get("X-Restli-Protocol-Version") != "2.0.0":
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"status":400,"message":"version headers missing"}`))
		case r.Method == http.MethodGet && r.URL.Path == "/rest/leadFormResponses/"+linkedInResponseID:
			_, _ = w.Write(body)
		case r.Method == http.MethodGet && r.URL.Path == "/rest/leadForms/7000001":
			api.formCalls.Add(1)
			_, _ = w.Write(form)
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"status":404,"code":"NOT_FOUND","message":"Not Found"}`))
		}
	}))
	t.Cleanup(api.Close)
	return api
}

func TestLinkedInFetch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fixture := linkedInFixtureRequest(t)

	t.Run("fetched response decodes", func(t *testing.T) {
		t.Parallel()
		api := newLinkedInAPI(t)
		l := newLinkedIn(t, api.URL+"/")
		ds, err := l.Parse(fixture)
		require.NoError(t, err)
		fetched, err := l.Fetch(ctx, ds[0])
		require.NoError(t, err)
		var stored struct{ LeadFormResponse, LeadForm json.RawMessage }
		require.NoError(t, json.Unmarshal(fetched, &stored))
		require.JSONEq(t, string(linkedInFetched(t)), string(stored.LeadFormResponse))
		form, err := os.ReadFile(linkedInFormFile)
		require.NoError(t, err)
		require.JSONEq(t, string(form), string(stored.LeadForm))
		ds[0].Fetched = fetched
		leads, err := l.Decode(ds[0])
		require.NoError(t, err)
		require.Equal(t, "ada@example.com", leads[0].Email)
	})

	t.Run("a form nobody configured is mapped from its definition, read once per version", func(t *testing.T) {
		t.Parallel()
		api := newLinkedInAPI(t)
		// No Fields at all: the question ids 1-4 are known only to the form.
		l, err := connectors.NewLinkedIn(connectors.LinkedInConfig{ClientSecret: linkedInSecret, AccessToken: linkedInAccessToken, APIURL: api.URL})
		require.NoError(t, err)
		ds, err := l.Parse(fixture)
		require.NoError(t, err)
		for range 3 {
			fetched, err := l.Fetch(ctx, ds[0])
			require.NoError(t, err)
			ds[0].Fetched = fetched
		}
		require.Equal(t, int32(1), api.formCalls.Load(), "the definition of form 7000001 version 3 is cached")
		leads, err := l.Decode(ds[0])
		require.NoError(t, err)
		in := leads[0]
		require.Equal(t, []string{"Ada", "Example", "ada@example.com", "Example Widgets Ltd"}, []string{in.FirstName, in.LastName, in.Email, in.Company})
	})

	t.Run("a definition of a newer form version maps the lead but is not cached as the old one", func(t *testing.T) {
		t.Parallel()
		api := newLinkedInAPI(t)
		form, err := os.ReadFile(linkedInFormFile)
		require.NoError(t, err)
		newer := strings.Replace(string(form), `"versionId": 3`, `"versionId": 4`, 1)
		require.NotEqual(t, string(form), newer)
		api.handler = func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Path != "/rest/leadForms/7000001" {
				return false
			}
			api.formCalls.Add(1)
			_, _ = w.Write([]byte(newer))
			return true
		}
		l, err := connectors.NewLinkedIn(connectors.LinkedInConfig{ClientSecret: linkedInSecret, AccessToken: linkedInAccessToken, APIURL: api.URL})
		require.NoError(t, err)
		ds, err := l.Parse(fixture)
		require.NoError(t, err)
		for range 2 {
			ds[0].Fetched, err = l.Fetch(ctx, ds[0])
			require.NoError(t, err)
		}
		require.Equal(t, int32(2), api.formCalls.Load(), "version 4 is not cached as version 3")
		leads, err := l.Decode(ds[0])
		require.NoError(t, err)
		require.Equal(t, "ada@example.com", leads[0].Email)
	})

	t.Run("the config overrides the form definition", func(t *testing.T) {
		t.Parallel()
		api := newLinkedInAPI(t)
		l, err := connectors.NewLinkedIn(connectors.LinkedInConfig{ClientSecret: linkedInSecret, AccessToken: linkedInAccessToken, APIURL: api.URL,
			Fields: connectors.FieldMap{"4": "attributes.employer"}})
		require.NoError(t, err)
		ds, err := l.Parse(fixture)
		require.NoError(t, err)
		ds[0].Fetched, err = l.Fetch(ctx, ds[0])
		require.NoError(t, err)
		leads, err := l.Decode(ds[0])
		require.NoError(t, err)
		require.Empty(t, leads[0].Company)
		require.Equal(t, "Example Widgets Ltd", leads[0].Attributes["employer"])
	})

	t.Run("a form definition LinkedIn refuses leaves the config mapping", func(t *testing.T) {
		t.Parallel()
		api := newLinkedInAPI(t)
		api.handler = func(w http.ResponseWriter, r *http.Request) bool {
			if !strings.HasPrefix(r.URL.Path, "/rest/leadForms/") {
				return false
			}
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"status":403,"code":"ACCESS_DENIED","message":"Not enough permissions"}`))
			return true
		}
		bare, err := connectors.NewLinkedIn(connectors.LinkedInConfig{ClientSecret: linkedInSecret, AccessToken: linkedInAccessToken, APIURL: api.URL})
		require.NoError(t, err)
		ds, err := bare.Parse(fixture)
		require.NoError(t, err)
		ds[0].Fetched, err = bare.Fetch(ctx, ds[0])
		require.NoError(t, err, "the response is kept without its form")
		_, err = bare.Decode(ds[0])
		require.True(t, connectors.IsUnmapped(err), "error %v", err)
		require.ErrorContains(t, err, "form 7000001 version 3, unmapped questions: 1, 2, 3, 4")
	})

	t.Run("a form definition LinkedIn cannot serve right now retries the fetch", func(t *testing.T) {
		t.Parallel()
		api := newLinkedInAPI(t)
		api.handler = func(w http.ResponseWriter, r *http.Request) bool {
			if !strings.HasPrefix(r.URL.Path, "/rest/leadForms/") {
				return false
			}
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(http.StatusTooManyRequests)
			return true
		}
		l := newLinkedIn(t, api.URL)
		ds, err := l.Parse(fixture)
		require.NoError(t, err)
		_, err = l.Fetch(ctx, ds[0])
		fe := requireFetchError(t, err, false)
		require.Equal(t, 7*time.Second, fe.RetryAfter)
	})

	t.Run("unknown response is permanent", func(t *testing.T) {
		t.Parallel()
		api := newLinkedInAPI(t)
		_, err := newLinkedIn(t, api.URL).Fetch(ctx, connectors.Delivery{EventID: "urn:li:leadFormResponse:nope", Source: "linkedin",
			Payload: []byte(`{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadFormResponse:nope"}`)})
		fe := requireFetchError(t, err, true)
		require.Equal(t, http.StatusNotFound, fe.Status)
		require.Contains(t, fe.Msg, "NOT_FOUND Not Found")
	})

	t.Run("a wrong token is permanent and never echoed", func(t *testing.T) {
		t.Parallel()
		api := newLinkedInAPI(t)
		l, err := connectors.NewLinkedIn(connectors.LinkedInConfig{ClientSecret: linkedInSecret, AccessToken: "wrong-token-0002", APIURL: api.URL})
		require.NoError(t, err)
		_, err = l.Fetch(ctx, connectors.Delivery{EventID: linkedInURN, Source: "linkedin", Payload: fixture.Body})
		fe := requireFetchError(t, err, true)
		require.Equal(t, 65600, fe.Code)
		require.NotContains(t, err.Error(), "wrong-token-0002")
	})

	t.Run("no access token configured is permanent and calls nobody", func(t *testing.T) {
		t.Parallel()
		api := newLinkedInAPI(t)
		l, err := connectors.NewLinkedIn(connectors.LinkedInConfig{ClientSecret: linkedInSecret, APIURL: api.URL})
		require.NoError(t, err)
		_, err = l.Fetch(ctx, connectors.Delivery{EventID: linkedInURN, Source: "linkedin", Payload: fixture.Body})
		fe := requireFetchError(t, err, true)
		require.Contains(t, fe.Msg, "LEADFLOW_LINKEDIN_ACCESS_TOKEN is not configured")
		require.Zero(t, api.calls.Load())
	})

	for _, tt := range []struct {
		name           string
		status         int
		header         map[string]string
		body           string
		wantPermanent  bool
		wantRetryAfter time.Duration
	}{
		{name: "429 with Retry-After", status: 429, header: map[string]string{"Retry-After": "120"}, body: `{"status":429,"message":"Resource level throttle limit reached"}`, wantRetryAfter: 2 * time.Minute},
		{name: "500", status: 500, body: `{"status":500,"message":"Internal Server Error"}`},
		{name: "504 without a body", status: 504},
		{name: "200 that is not JSON", status: 200, body: `{"id":`},
		{name: "403", status: 403, body: `{"status":403,"message":"Not enough permissions to access: leadFormResponses.GET.20260101"}`, wantPermanent: true},
		{name: "401", status: 401, body: `{"status":401,"message":"Bearer ` + linkedInAccessToken + ` expired"}`, wantPermanent: true},
		{name: "410", status: 410, wantPermanent: true},
		{name: "200 for another response", status: 200, body: `{"id":"other"}`, wantPermanent: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			api := newLinkedInAPI(t)
			api.handler = func(w http.ResponseWriter, r *http.Request) bool {
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
				return true
			}
			_, err := newLinkedIn(t, api.URL).Fetch(ctx, connectors.Delivery{EventID: linkedInURN, Source: "linkedin", Payload: fixture.Body})
			fe := requireFetchError(t, err, tt.wantPermanent)
			require.Equal(t, tt.status, fe.Status)
			require.Equal(t, tt.wantRetryAfter, fe.RetryAfter)
			require.NotContains(t, err.Error(), linkedInAccessToken)
		})
	}

	t.Run("network error is retryable", func(t *testing.T) {
		t.Parallel()
		api := newLinkedInAPI(t)
		u := api.URL
		api.Close()
		_, err := newLinkedIn(t, u).Fetch(ctx, connectors.Delivery{EventID: linkedInURN, Source: "linkedin", Payload: fixture.Body})
		fe := requireFetchError(t, err, false)
		require.Zero(t, fe.Status)
	})

	t.Run("stored payload without a lead is permanent", func(t *testing.T) {
		t.Parallel()
		api := newLinkedInAPI(t)
		_, err := newLinkedIn(t, api.URL).Fetch(ctx, connectors.Delivery{EventID: "x", Source: "linkedin", Payload: []byte(`{"type":"LEAD_ACTION","leadAction":"DELETED"}`)})
		requireFetchError(t, err, true)
		require.Zero(t, api.calls.Load())
	})
}

func TestNewLinkedIn(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		cfg     connectors.LinkedInConfig
		wantErr string
	}{
		{name: "secret only", cfg: connectors.LinkedInConfig{ClientSecret: linkedInSecret}},
		{name: "everything", cfg: connectors.LinkedInConfig{ClientSecret: linkedInSecret, AccessToken: "t", APIURL: "http://127.0.0.1:1", Version: "202511.01"}},
		{name: "no secret", cfg: connectors.LinkedInConfig{AccessToken: linkedInAccessToken}, wantErr: "LEADFLOW_LINKEDIN_CLIENT_SECRET: client secret is required"},
		{name: "bad API URL", cfg: connectors.LinkedInConfig{ClientSecret: linkedInSecret, APIURL: "ftp://api.linkedin.com"}, wantErr: "LEADFLOW_LINKEDIN_API_URL: want an absolute http(s) URL"},
		{name: "bad version", cfg: connectors.LinkedInConfig{ClientSecret: linkedInSecret, Version: "2026-01"}, wantErr: "LEADFLOW_LINKEDIN_VERSION: want YYYYMM"},
		{name: "bad field target", cfg: connectors.LinkedInConfig{ClientSecret: linkedInSecret, Fields: connectors.FieldMap{"1": "nickname"}}, wantErr: `fields["1"]: target "nickname"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l, err := connectors.NewLinkedIn(tt.cfg)
			if tt.wantErr == "" {
				require.NoError(t, err)
				require.Equal(t, "linkedin", l.Name())
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
			require.NotContains(t, err.Error(), linkedInSecret)
		})
	}
}

func TestLinkedInImplementsOptionalInterfaces(t *testing.T) {
	t.Parallel()
	var c connectors.Connector = newLinkedIn(t, "")
	require.Implements(t, (*connectors.Challenger)(nil), c)
	require.Implements(t, (*connectors.Fetcher)(nil), c)
}
