package lead

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/normalize/*.golden.json from Normalize's output")

// testNow is the clock every Normalize test uses.
var testNow = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

var testOptions = NormalizeOptions{NowFunc: func() time.Time { return testNow }}

func TestNormalize(t *testing.T) {
	t.Parallel()
	berlin := time.FixedZone("CET", 3600)
	tests := []struct {
		name      string
		in        Inbound
		opts      *NormalizeOptions // nil means testOptions
		want      Lead
		wantErr   string // "<field>: <reason>"; "" means success
		wantErrIs error
	}{
		{
			name: "contact form with messy spacing",
			in: Inbound{
				ExternalID: " sub-1 ", Source: " website-contact-form ", Channel: "web ",
				Name: "  Ada   Example ", Email: ` "Ada Example" <ADA@Example.COM> `, Phone: "(555) 555-0100",
				Company: " Example \t Corp ", Title: "Head  of\nOps", Country: " us ",
				Message: "  Hello,\n\nwe need a demo.  ", Consent: Consent{Marketing: true, Text: " I agree "},
				Answers: Answers{Budget: " 10k ", Authority: "yes", Need: " crm ", Timeline: " Q1 "},
			},
			want: Lead{
				Inbound: Inbound{
					ExternalID: "sub-1", Source: "website-contact-form", Channel: "web",
					Name: "Ada Example", FirstName: "Ada", LastName: "Example",
					Email: "ada@example.com", Phone: "+15555550100",
					Company: "Example Corp", Title: "Head of Ops", Country: "US",
					Message: "Hello,\n\nwe need a demo.", Consent: Consent{Marketing: true, Text: "I agree"},
					Answers:    Answers{Budget: "10k", Authority: "yes", Need: "crm", Timeline: "Q1"},
					OccurredAt: testNow,
				},
				EmailDomain: "example.com",
			},
		},
		{
			name: "a refusal in the message outranks a ticked box",
			in: Inbound{Email: "ada@example.com", Message: "Quote please. Please do not send me marketing emails.",
				Consent: Consent{Marketing: true, Text: "Send me news"}},
			want: Lead{
				Inbound: Inbound{Email: "ada@example.com", Message: "Quote please. Please do not send me marketing emails.",
					Consent: Consent{Stated: true, Text: "Send me news"}, OccurredAt: testNow},
				EmailDomain: "example.com",
			},
		},
		{
			name: "a refusal in the message when nothing was stated",
			in:   Inbound{Email: "ada@example.com", Message: "Bitte keine Werbung"},
			want: Lead{
				Inbound:     Inbound{Email: "ada@example.com", Message: "Bitte keine Werbung", Consent: Consent{Stated: true}, OccurredAt: testNow},
				EmailDomain: "example.com",
			},
		},
		{
			name: "a stated consent is kept",
			in:   Inbound{Email: "ada@example.com", Consent: Consent{Stated: true}},
			want: Lead{
				Inbound:     Inbound{Email: "ada@example.com", Consent: Consent{Stated: true}, OccurredAt: testNow},
				EmailDomain: "example.com",
			},
		},
		{
			name: "first and last kept, name built from them",
			in:   Inbound{FirstName: " Ada ", LastName: " King  Lovelace", Email: "ada@example.com"},
			want: Lead{
				Inbound:     Inbound{Name: "Ada King Lovelace", FirstName: "Ada", LastName: "King Lovelace", Email: "ada@example.com", OccurredAt: testNow},
				EmailDomain: "example.com",
			},
		},
		{
			name: "only first name",
			in:   Inbound{FirstName: "Ada", Email: "ada@example.com"},
			want: Lead{
				Inbound:     Inbound{Name: "Ada", FirstName: "Ada", Email: "ada@example.com", OccurredAt: testNow},
				EmailDomain: "example.com",
			},
		},
		{
			name: "name and parts all sent are kept as sent",
			in:   Inbound{Name: "Mary Ann van Dyke", FirstName: "Mary Ann", LastName: "van Dyke", Email: "m@example.com"},
			want: Lead{
				Inbound:     Inbound{Name: "Mary Ann van Dyke", FirstName: "Mary Ann", LastName: "van Dyke", Email: "m@example.com", OccurredAt: testNow},
				EmailDomain: "example.com",
			},
		},
		{
			name: "last comma first name",
			in:   Inbound{Name: "Lovelace, Ada", Email: "ada@example.com"},
			want: Lead{
				Inbound:     Inbound{Name: "Lovelace, Ada", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com", OccurredAt: testNow},
				EmailDomain: "example.com",
			},
		},
		{
			name: "display name fills a missing name",
			in:   Inbound{Email: `"Zoë Saldaña" <zoe@example.com>`},
			want: Lead{
				Inbound:     Inbound{Name: "Zoë Saldaña", FirstName: "Zoë", LastName: "Saldaña", Email: "zoe@example.com", OccurredAt: testNow},
				EmailDomain: "example.com",
			},
		},
		{
			name: "unicode names",
			in:   Inbound{Name: "José María\u00a0García", Company: "Müller  GmbH", Email: "jose@example.es"},
			want: Lead{
				Inbound:     Inbound{Name: "José María García", FirstName: "José", LastName: "María García", Company: "Müller GmbH", Email: "jose@example.es", OccurredAt: testNow},
				EmailDomain: "example.es",
			},
		},
		{
			name: "phone only",
			in:   Inbound{Name: "Ada", Phone: "555.555.0100"},
			want: Lead{Inbound: Inbound{Name: "Ada", FirstName: "Ada", Phone: "+15555550100", OccurredAt: testNow}},
		},
		{
			name: "phone read in the lead's country",
			in:   Inbound{Phone: "020 7946 0958", Country: "uk"},
			want: Lead{Inbound: Inbound{Phone: "+442079460958", Country: "GB", OccurredAt: testNow}},
		},
		{
			name: "phone read in default region when country is a name",
			in:   Inbound{Phone: "020 7946 0958", Country: " United  Kingdom "},
			opts: &NormalizeOptions{DefaultRegion: "gb", NowFunc: testOptions.NowFunc},
			want: Lead{Inbound: Inbound{Phone: "+442079460958", Country: "United Kingdom", OccurredAt: testNow}},
		},
		{
			name: "international phone ignores region",
			in:   Inbound{Phone: "+44 20 7946 0958", Country: "US"},
			want: Lead{Inbound: Inbound{Phone: "+442079460958", Country: "US", OccurredAt: testNow}},
		},
		{
			name: "explicit utm wins and url fills the rest",
			in: Inbound{
				Email:      "ada@example.com",
				UTM:        UTM{Source: " LinkedIn ", Campaign: "Q4 Launch"},
				LandingURL: " https://example.com/demo?utm_source=google&utm_medium=CPC&utm_campaign=other&utm_term=crm ",
			},
			want: Lead{
				Inbound: Inbound{
					Email:      "ada@example.com",
					UTM:        UTM{Source: "linkedin", Medium: "cpc", Campaign: "Q4 Launch", Term: "crm"},
					LandingURL: "https://example.com/demo?utm_source=google&utm_medium=CPC&utm_campaign=other&utm_term=crm",
					OccurredAt: testNow,
				},
				EmailDomain: "example.com",
			},
		},
		{
			name: "click ids merged, sent ones win",
			in: Inbound{
				Email:      "ada@example.com",
				ClickIDs:   map[string]string{" GCLID ": " sent ", "fbclid": "  "},
				LandingURL: "https://example.com/?gclid=from-url&fbclid=fb-url&msclkid=ms",
			},
			want: Lead{
				Inbound: Inbound{
					Email:      "ada@example.com",
					ClickIDs:   map[string]string{"gclid": "sent", "fbclid": "fb-url", "msclkid": "ms"},
					LandingURL: "https://example.com/?gclid=from-url&fbclid=fb-url&msclkid=ms",
					OccurredAt: testNow,
				},
				EmailDomain: "example.com",
			},
		},
		{
			name: "landing url without params",
			in:   Inbound{Email: "ada@example.com", LandingURL: "https://example.com/pricing"},
			want: Lead{
				Inbound:     Inbound{Email: "ada@example.com", LandingURL: "https://example.com/pricing", OccurredAt: testNow},
				EmailDomain: "example.com",
			},
		},
		{
			name: "malformed landing url is kept and not an error",
			in:   Inbound{Email: "ada@example.com", LandingURL: "http://[::1/?utm_source=x"},
			want: Lead{
				Inbound:     Inbound{Email: "ada@example.com", LandingURL: "http://[::1/?utm_source=x", OccurredAt: testNow},
				EmailDomain: "example.com",
			},
		},
		{
			name: "occurred at converted to utc",
			in:   Inbound{Email: "ada@example.com", OccurredAt: time.Date(2026, 11, 1, 10, 0, 0, 0, berlin)},
			want: Lead{
				Inbound:     Inbound{Email: "ada@example.com", OccurredAt: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)},
				EmailDomain: "example.com",
			},
		},
		{
			name: "invalid utf-8 and nul made storable",
			in:   Inbound{Email: "ada@example.com", Name: "Ada\x00 Ex\xffample", Message: "hi\x00 there\xc3"},
			want: Lead{
				Inbound:     Inbound{Email: "ada@example.com", Name: "Ada Ex\uFFFDample", FirstName: "Ada", LastName: "Ex\uFFFDample", Message: "hi there\uFFFD", OccurredAt: testNow},
				EmailDomain: "example.com",
			},
		},
		{
			name: "test flag and attributes carried",
			in:   Inbound{Email: "ada@example.com", Test: true, Attributes: map[string]any{"plan": " pro ", "seats": 5.0}},
			want: Lead{
				Inbound:     Inbound{Email: "ada@example.com", Test: true, Attributes: map[string]any{"plan": "pro", "seats": 5.0}, OccurredAt: testNow},
				EmailDomain: "example.com",
			},
		},
		{
			name:    "invalid email with valid phone is an error",
			in:      Inbound{Email: "not-an-email", Phone: "+15555550100"},
			wantErr: "email: is not a valid address",
		},
		{
			name:    "invalid phone with valid email is an error",
			in:      Inbound{Email: "ada@example.com", Phone: "555-0100"},
			wantErr: "phone: is missing an area code",
		},
		{
			name:    "garbage phone",
			in:      Inbound{Email: "ada@example.com", Phone: "n/a"},
			wantErr: "phone: is not a phone number",
		},
		{
			name:      "no identity",
			in:        Inbound{Name: "Ada Example", Company: "Example Corp"},
			wantErr:   "email: email or phone is required",
			wantErrIs: ErrNoIdentity,
		},
		{
			name:      "blank identity is no identity",
			in:        Inbound{Email: "  ", Phone: "\t"},
			wantErr:   "email: email or phone is required",
			wantErrIs: ErrNoIdentity,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opts := testOptions
			if tc.opts != nil {
				opts = *tc.opts
			}
			got, err := Normalize(tc.in, opts)
			if tc.wantErr != "" {
				var fe *FieldError
				require.True(t, errors.As(err, &fe), "want *FieldError, got %v", err)
				require.EqualError(t, err, tc.wantErr)
				if tc.wantErrIs != nil {
					require.ErrorIs(t, err, tc.wantErrIs)
				}
				require.Equal(t, Lead{}, got)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)

			again, err := Normalize(got.Inbound, opts)
			require.NoError(t, err, "a normalized lead must normalize again")
			require.Equal(t, got, again, "Normalize must be idempotent")
		})
	}
}

func TestNormalize_Defaults(t *testing.T) {
	t.Parallel()
	before := time.Now()
	got, err := Normalize(Inbound{Phone: "555 555 0100"}, NormalizeOptions{})
	require.NoError(t, err)
	require.Equal(t, "+15555550100", got.Phone, "default region is US")
	require.False(t, got.OccurredAt.Before(before.UTC().Truncate(time.Second)), "default clock is time.Now")
	require.Equal(t, time.UTC, got.OccurredAt.Location())
}

func TestNormalize_DoesNotAliasInput(t *testing.T) {
	t.Parallel()
	in := Inbound{
		Email:      "ada@example.com",
		ClickIDs:   map[string]string{"gclid": "a"},
		Attributes: map[string]any{"tags": []any{"x"}, "nested": map[string]any{"k": "v"}, "list": []string{"s"}},
	}
	got, err := Normalize(in, testOptions)
	require.NoError(t, err)

	got.ClickIDs["gclid"] = "changed"
	got.Attributes["tags"].([]any)[0] = "changed"
	got.Attributes["nested"].(map[string]any)["k"] = "changed"
	got.Attributes["list"].([]string)[0] = "changed"
	got.Attributes["new"] = true

	require.Equal(t, map[string]string{"gclid": "a"}, in.ClickIDs)
	require.Equal(t, map[string]any{"tags": []any{"x"}, "nested": map[string]any{"k": "v"}, "list": []string{"s"}}, in.Attributes)
}

func TestNormalize_AttributeKeyCollisionIsDeterministic(t *testing.T) {
	t.Parallel()
	in := Inbound{Email: "ada@example.com", Attributes: map[string]any{" plan": 1, "plan ": 2, "\x00plan": 3}}
	for range 20 { // map order varies run to run; the winner must not
		got, err := Normalize(in, testOptions)
		require.NoError(t, err)
		require.Equal(t, map[string]any{"plan": 3}, got.Attributes, `"\x00plan" is the smallest original key`)
	}
	in.Attributes["plan"] = 0
	got, err := Normalize(in, testOptions)
	require.NoError(t, err)
	require.Equal(t, map[string]any{"plan": 0}, got.Attributes, "an already-clean key wins")
}

func TestFieldError(t *testing.T) {
	t.Parallel()
	err := error(&FieldError{Field: "phone", Reason: "is too short"})
	require.EqualError(t, err, "phone: is too short")
	require.NotErrorIs(t, err, ErrNoIdentity)
	require.Nil(t, errors.Unwrap(err))
}

// goldenResult is what a golden file records for one input.
type goldenResult struct {
	Lead  *Lead  `json:"lead,omitempty"`
	Error string `json:"error,omitempty"`
}

// TestNormalize_Golden runs every testdata/normalize/*.json input (a JSON
// Inbound, as connectors produce) through Normalize and compares with the
// matching .golden.json. Run with -update to rewrite the golden files.
func TestNormalize_Golden(t *testing.T) {
	t.Parallel()
	inputs := goldenInputs(t)
	require.NotEmpty(t, inputs)
	for _, path := range inputs {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			in := readInbound(t, path)
			var res goldenResult
			l, err := Normalize(in, testOptions)
			if err != nil {
				res.Error = err.Error()
			} else {
				res.Lead = &l
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false) // keep URLs readable in the golden files
			enc.SetIndent("", "  ")
			require.NoError(t, enc.Encode(res))
			got := buf.Bytes()

			goldenPath := strings.TrimSuffix(path, ".json") + ".golden.json"
			if *update {
				require.NoError(t, os.WriteFile(goldenPath, got, 0o644))
				return
			}
			want, err := os.ReadFile(goldenPath)
			require.NoError(t, err, "missing golden file; run go test ./lead -run Golden -update")
			require.JSONEq(t, string(want), string(got))
		})
	}
}

// goldenInputs lists the Normalize inputs in testdata/normalize.
func goldenInputs(tb testing.TB) []string {
	tb.Helper()
	all, err := filepath.Glob(filepath.Join("testdata", "normalize", "*.json"))
	require.NoError(tb, err)
	var inputs []string
	for _, p := range all {
		if !strings.HasSuffix(p, ".golden.json") {
			inputs = append(inputs, p)
		}
	}
	return inputs
}

func readInbound(tb testing.TB, path string) Inbound {
	tb.Helper()
	b, err := os.ReadFile(path)
	require.NoError(tb, err)
	var in Inbound
	require.NoError(tb, json.Unmarshal(b, &in), path)
	return in
}

// BenchmarkNormalize measures one typical web-form lead: display-name
// email, formatted phone, split name, and a landing URL with UTMs and a
// click id.
func BenchmarkNormalize(b *testing.B) {
	in := Inbound{
		Source: "website-contact-form", Channel: "web",
		Name: "Ada Example", Email: `"Ada Example" <ADA@Example.COM>`, Phone: "(555) 555-0100",
		Company: "Example Corp", Title: "Head of Ops", Country: "us",
		Message:    "We would like a demo next week.",
		LandingURL: "https://example.com/demo?utm_source=Google&utm_medium=cpc&utm_campaign=spring&gclid=Cj0KCQ",
		Attributes: map[string]any{"plan": "pro"},
		OccurredAt: testNow,
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Normalize(in, testOptions); err != nil {
			b.Fatal(err)
		}
	}
}
