package connectors_test

import (
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

// Typeform test facts from /work/shared/fixtures/webhooks (README.md,
// "typeform/"). All fake.
const (
	typeformSecret    = "tf-test-secret-4e7a"
	typeformSignature = "sha256=/0lwQeTUT7WU2OKMOR9PKOSXrvIK3SsWzJQT99HzcOk="
	typeformFixture   = "testdata/typeform/bodies/form-response.json"
	typeformCasesDir  = "testdata/typeform/cases"
)

func newTypeform(tb testing.TB, fields connectors.FieldMap) *connectors.Typeform {
	tb.Helper()
	c, err := connectors.NewTypeform(connectors.TypeformConfig{Secret: typeformSecret, Fields: fields})
	require.NoError(tb, err)
	return c
}

// typeformRequest is body signed with sig, as the HTTP layer would hand it
// over; sig "" leaves the header out.
func typeformRequest(body []byte, sig string) *connectors.Request {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	if sig != "" {
		h.Set(connectors.HeaderTypeformSignature, sig)
	}
	return &connectors.Request{Method: http.MethodPost, Header: h, Body: body}
}

// typeformFixtureRequest is the shared fixture with its signature.
func typeformFixtureRequest(tb testing.TB) *connectors.Request {
	tb.Helper()
	body, err := os.ReadFile(typeformFixture)
	require.NoError(tb, err)
	return typeformRequest(body, typeformSignature)
}

func TestTypeformFixtureIsByteExact(t *testing.T) {
	t.Parallel()
	// The signature covers the pretty-printed bytes exactly; an editor that
	// reformats or adds a newline breaks every case built on it.
	b, err := os.ReadFile(typeformFixture)
	require.NoError(t, err)
	sum := sha256.Sum256(b)
	require.Equal(t, "1d413f8c36ad90f1d571edf19081c9f001a8cef35b1516f6a53825aeb709be05", hex.EncodeToString(sum[:]))
}

func TestTypeformGolden(t *testing.T) {
	t.Parallel()
	connectortest.RunGolden(t, newTypeform(t, nil), typeformCasesDir)
}

func TestTypeformConformance(t *testing.T) {
	t.Parallel()
	connectortest.RunConformance(t, newTypeform(t, nil), connectortest.Fixture{
		Request: *typeformFixtureRequest(t),
		Now:     fresh,
	})
}

func TestSignTypeform(t *testing.T) {
	t.Parallel()
	req := typeformFixtureRequest(t)
	require.Equal(t, typeformSignature, connectors.SignTypeform(typeformSecret, req.Body))

	// Whatever the demo generator signs passes Verify, at any time: the
	// scheme has no timestamp.
	c := newTypeform(t, nil)
	body := []byte(`{"event_id":"e1","event_type":"form_response","form_response":{"answers":[{"type":"email","email":"demo@example.com","field":{"ref":"email"}}]}}`)
	signed := typeformRequest(body, connectors.SignTypeform(typeformSecret, body))
	for _, now := range []time.Time{{}, t0, stale, t0.Add(365 * 24 * time.Hour)} {
		require.NoError(t, c.Verify(signed, now))
	}
	require.Error(t, newTypeform(t, nil).Verify(typeformRequest(body, connectors.SignTypeform("another", body)), fresh))
}

func TestTypeformRejectStatus(t *testing.T) {
	t.Parallel()
	c := newTypeform(t, nil)
	var policy connectors.StatusPolicy = c
	require.Equal(t, http.StatusForbidden, policy.RejectStatus(connectors.KindUnauthorized))
	require.Equal(t, http.StatusBadRequest, policy.RejectStatus(connectors.KindInvalid))
	// Typeform disables the webhook on 404 or 410: no kind, known or not,
	// may map to either.
	for k := connectors.Kind(-1); k < 10; k++ {
		status := policy.RejectStatus(k)
		require.NotContains(t, []int{http.StatusNotFound, http.StatusGone}, status, "kind %v", k)
		require.True(t, status >= 400 && status < 500, "kind %v: %d", k, status)
	}
}

func TestTypeformParseKeepsRawBody(t *testing.T) {
	t.Parallel()
	c := newTypeform(t, nil)
	req := typeformFixtureRequest(t)
	ds, err := c.Parse(req)
	require.NoError(t, err)
	require.Equal(t, []connectors.Delivery{{EventID: "01JGTESTEVENT000000000001", Source: "typeform", Payload: req.Body}}, ds)
}

func TestTypeformDecodeFixture(t *testing.T) {
	t.Parallel()
	// The golden file holds the same; this spells out the facts the brief
	// names, so a careless -update cannot hide a regression.
	c := newTypeform(t, nil)
	leads, err := c.Decode(connectors.Delivery{EventID: "x", Source: "typeform", Payload: typeformFixtureRequest(t).Body})
	require.NoError(t, err)
	require.Len(t, leads, 1)
	l := leads[0]
	submitted := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	require.Equal(t, "Ada Example", l.Name)
	require.Equal(t, "ada@example.com", l.Email)
	require.Equal(t, "+15555550100", l.Phone)
	require.Equal(t, "Team", l.Attributes["plan"])
	require.Equal(t, lead.Consent{Marketing: true, Stated: true, Text: "May we email you?", At: submitted}, l.Consent)
	require.Equal(t, "newsletter", l.UTM.Source)
	require.Equal(t, "acme", l.Attributes["tenant"])
	require.Equal(t, map[string]string{"form_id": "DeMoFoRm"}, l.CampaignIDs)
	require.Equal(t, "01jgtestresponsetoken00001", l.ExternalID)
	require.Equal(t, submitted, l.OccurredAt)
	require.Equal(t, "form", l.Channel)
	require.Equal(t, "typeform", l.Source)
	require.False(t, l.Test)
}

func TestTypeformFieldOverrides(t *testing.T) {
	t.Parallel()
	body := []byte(`{"event_id":"e1","event_type":"form_response","form_response":{"submitted_at":"2026-01-01T00:00:00Z","answers":[
		{"type":"email","email":"grace@example.com","field":{"ref":"work_email_ref"}},
		{"type":"choice","choice":{"label":"Under $10k"},"field":{"ref":"a1b2c3d4-budget"}},
		{"type":"choice","choice":{"label":"Team"},"field":{"ref":"plan"}},
		{"type":"boolean","boolean":true,"field":{"ref":"newsletter_ok"}},
		{"type":"boolean","boolean":true,"field":{"ref":"marketing_consent"}}]}}`)
	for _, tt := range []struct {
		name   string
		fields connectors.FieldMap
		check  func(t *testing.T, l lead.Inbound)
	}{
		{name: "custom refs mapped, a default renamed, consent moved", fields: connectors.FieldMap{
			"work_email_ref":  connectors.FieldEmail,
			"A1B2C3D4-budget": connectors.FieldBudget,
			"plan":            "attributes.tier",
			"newsletter_ok":   connectors.FieldConsent,
			// A default target may be demoted to a plain attribute.
			"marketing_consent": "attributes.old_consent",
		}, check: func(t *testing.T, l lead.Inbound) {
			require.Equal(t, "grace@example.com", l.Email)
			require.Equal(t, "Under $10k", l.Answers.Budget)
			require.Equal(t, "Team", l.Attributes["tier"])
			require.Equal(t, "true", l.Attributes["old_consent"])
			require.True(t, l.Consent.Marketing)
			require.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), l.Consent.At)
			require.Empty(t, l.Consent.Text, "no definition in the body, so no question text")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newTypeform(t, tt.fields)
			leads, err := c.Decode(connectors.Delivery{EventID: "e1", Source: "typeform", Payload: body})
			require.NoError(t, err)
			require.Len(t, leads, 1)
			tt.check(t, leads[0])
		})
	}
	// Without the mapping an email answer is still an email: its type says so.
	leads, err := newTypeform(t, nil).Decode(connectors.Delivery{EventID: "e1", Source: "typeform", Payload: body})
	require.NoError(t, err)
	require.Equal(t, "grace@example.com", leads[0].Email)
}

// TestTypeformConsent: the consent-mapped answer is tri-state — yes is
// given, no is an explicit refusal, no answer (or one that is neither) says
// nothing (issue 16 item 3).
func TestTypeformConsent(t *testing.T) {
	t.Parallel()
	submitted := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name    string
		consent string // the consent answer's JSON; "" for none
		want    lead.Consent
	}{
		{"yes", `{"type":"boolean","boolean":true,"field":{"ref":"marketing_consent"}}`, lead.Consent{Marketing: true, Stated: true, At: submitted}},
		{"no", `{"type":"boolean","boolean":false,"field":{"ref":"marketing_consent"}}`, lead.Consent{Stated: true, At: submitted}},
		{"choice no", `{"type":"choice","choice":{"label":"No"},"field":{"ref":"marketing_consent"}}`, lead.Consent{Stated: true, At: submitted}},
		{"choice neither", `{"type":"choice","choice":{"label":"Ask me later"},"field":{"ref":"marketing_consent"}}`, lead.Consent{}},
		{"not asked", ``, lead.Consent{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			answers := `{"type":"email","email":"grace@example.com","field":{"ref":"email"}}`
			if tt.consent != "" {
				answers += "," + tt.consent
			}
			body := []byte(`{"event_id":"e1","event_type":"form_response","form_response":{"submitted_at":"2026-01-01T00:00:00Z","answers":[` + answers + `]}}`)
			leads, err := newTypeform(t, nil).Decode(connectors.Delivery{EventID: "e1", Source: "typeform", Payload: body})
			require.NoError(t, err)
			require.Len(t, leads, 1)
			require.Equal(t, tt.want, leads[0].Consent)
		})
	}
}

func TestTypeformUnmappedForm(t *testing.T) {
	t.Parallel()
	// Auto-generated refs, text answers, titles that name nothing we know:
	// nothing says which answer is an address.
	body := []byte(`{"event_id":"e2","event_type":"form_response","form_response":{"form_id":"UnMaPpEd","token":"tok2","submitted_at":"2026-01-01T00:00:00Z",
		"definition":{"id":"UnMaPpEd","fields":[{"id":"q1","ref":"0f6d6a4e-0d3b-4a4f-9a0e-1c2b3d4e5f60","type":"short_text","title":"Where can we reach you?"},{"id":"q2","ref":"5a8b","type":"short_text","title":"Favourite colour"}]},
		"answers":[{"type":"text","text":"grace@example.com","field":{"id":"q1","type":"short_text","ref":"0f6d6a4e-0d3b-4a4f-9a0e-1c2b3d4e5f60"}},{"type":"text","text":"blue","field":{"id":"q2","type":"short_text","ref":"5a8b"}}]}}`)
	req := typeformRequest(body, connectors.SignTypeform(typeformSecret, body))
	c := newTypeform(t, nil)
	ds, err := c.Parse(req)
	require.NoError(t, err, "an unmapped form is stored, never refused: Typeform would drop it")
	require.Len(t, ds, 1)
	_, err = c.Decode(ds[0])
	require.True(t, connectors.IsUnmapped(err), "error %v", err)
	require.True(t, connectors.IsKind(err, connectors.KindInvalid))
	require.EqualError(t, err, "form_response.answers: email or phone is required: form UnMaPpEd, unmapped questions: 0f6d6a4e-0d3b-4a4f-9a0e-1c2b3d4e5f60, 5a8b")
	require.NotContains(t, err.Error(), "grace", "the reason names questions, never answers")

	// The mapping the reason asks for turns the stored delivery into a lead.
	mapped := newTypeform(t, connectors.FieldMap{"0f6d6a4e-0d3b-4a4f-9a0e-1c2b3d4e5f60": connectors.FieldEmail})
	leads, err := mapped.Decode(ds[0])
	require.NoError(t, err)
	require.Equal(t, "grace@example.com", leads[0].Email)
	require.Equal(t, "blue", leads[0].Attributes["5a8b"])
}

func TestTypeformResolvesByTitle(t *testing.T) {
	t.Parallel()
	body := []byte(`{"event_id":"e3","event_type":"form_response","form_response":{"form_id":"TiTlEs","token":"tok3","submitted_at":"2026-01-01T00:00:00Z",
		"definition":{"id":"TiTlEs","fields":[
			{"id":"a","ref":"r-a","type":"short_text","title":"What's your first name?"},
			{"id":"b","ref":"r-b","type":"short_text","title":"Nachname"},
			{"id":"c","ref":"r-c","type":"short_text","title":"Which company do you work for?"},
			{"id":"d","ref":"r-d","type":"short_text","title":"Your e-mail address"},
			{"id":"e","ref":"r-e","type":"multiple_choice","title":"What is your budget?"},
			{"id":"f","ref":"r-f","type":"yes_no","title":"Do you have an email list?"}]},
		"answers":[
			{"type":"text","text":"Grace","field":{"id":"a","type":"short_text","ref":"r-a"}},
			{"type":"text","text":"Hopper","field":{"id":"b","type":"short_text","ref":"r-b"}},
			{"type":"text","text":"Example Labs","field":{"id":"c","type":"short_text","ref":"r-c"}},
			{"type":"text","text":"grace@example.com","field":{"id":"d","type":"short_text","ref":"r-d"}},
			{"type":"choice","choice":{"label":"$10k-$50k"},"field":{"id":"e","type":"multiple_choice","ref":"r-e"}},
			{"type":"boolean","boolean":true,"field":{"id":"f","type":"yes_no","ref":"r-f"}}]}}`)
	leads, err := newTypeform(t, nil).Decode(connectors.Delivery{EventID: "e3", Source: "typeform", Payload: body})
	require.NoError(t, err)
	in := leads[0]
	require.Equal(t, []string{"Grace", "Hopper", "Example Labs", "grace@example.com", "$10k-$50k"},
		[]string{in.FirstName, in.LastName, in.Company, in.Email, in.Answers.Budget})
	require.Equal(t, "true", in.Attributes["r-f"], "a yes/no answer is never an address")
}

func TestNewTypeform(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		cfg     connectors.TypeformConfig
		wantErr string
	}{
		{name: "secret only", cfg: connectors.TypeformConfig{Secret: typeformSecret}},
		{name: "secret with newline from an env file", cfg: connectors.TypeformConfig{Secret: typeformSecret + "\n"}},
		{name: "no secret", cfg: connectors.TypeformConfig{}, wantErr: "LEADFLOW_TYPEFORM_SECRET: secret is required"},
		{name: "blank secret", cfg: connectors.TypeformConfig{Secret: "  "}, wantErr: "LEADFLOW_TYPEFORM_SECRET: secret is required"},
		{
			name:    "bad field target",
			cfg:     connectors.TypeformConfig{Secret: typeformSecret, Fields: connectors.FieldMap{"budget_q": "attributes."}},
			wantErr: `fields["budget_q"]: target "attributes." is not one of`,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := connectors.NewTypeform(tt.cfg)
			if tt.wantErr == "" {
				require.NoError(t, err)
				require.Equal(t, "typeform", c.Name())
				require.NoError(t, c.Verify(typeformFixtureRequest(t), fresh))
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
			require.NotContains(t, err.Error(), typeformSecret)
		})
	}
}

// BenchmarkTypeformVerifyParse measures the HTTP-side cost of the fixture:
// HMAC check plus body validation.
func BenchmarkTypeformVerifyParse(b *testing.B) {
	c := newTypeform(b, nil)
	req := typeformFixtureRequest(b)
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

// BenchmarkTypeformDecode measures the worker-side cost of one delivery.
func BenchmarkTypeformDecode(b *testing.B) {
	c := newTypeform(b, nil)
	body := typeformFixtureRequest(b).Body
	d := connectors.Delivery{EventID: "01JGTESTEVENT000000000001", Source: "typeform", Payload: body}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Decode(d); err != nil {
			b.Fatal(err)
		}
	}
}
