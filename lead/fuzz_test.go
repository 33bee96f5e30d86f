package lead

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// The fuzzers check that the parsers of outside input never panic, always
// fail with a *FieldError, and are idempotent: normalizing an already
// normalized value yields it unchanged. They are seeded from the table tests
// and testdata/normalize; crashers found later live in testdata/fuzz.

func FuzzNormalizeEmail(f *testing.F) {
	for _, tc := range emailCases {
		f.Add(tc.raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := NormalizeEmail(raw)
		if err != nil {
			requireFieldError(t, err, "email")
			require.Empty(t, got)
			return
		}
		require.True(t, utf8.ValidString(got), "output must be valid UTF-8")
		require.Equal(t, strings.ToLower(got), got, "output must be lower case")
		require.LessOrEqual(t, len(got), maxEmailLen)
		require.Equal(t, 1, strings.Count(got, "@"), "output must be a bare address")
		again, err := NormalizeEmail(got)
		require.NoError(t, err, "normalized %q must normalize again", got)
		require.Equal(t, got, again)
	})
}

func FuzzNormalizePhone(f *testing.F) {
	for _, tc := range phoneCases {
		f.Add(tc.raw, tc.region)
	}
	f.Fuzz(func(t *testing.T, raw, region string) {
		got, err := NormalizePhone(raw, region)
		if err != nil {
			requireFieldError(t, err, "phone")
			require.Empty(t, got)
			return
		}
		require.True(t, isE164(got), "%q is not E.164", got)
		again, err := NormalizePhone(got, region)
		require.NoError(t, err, "normalized %q must normalize again", got)
		require.Equal(t, got, again)
		// E.164 input carries its country, so the region must not matter.
		other, err := NormalizePhone(got, "ZZ")
		require.NoError(t, err)
		require.Equal(t, got, other)
	})
}

func FuzzUTMFromURL(f *testing.F) {
	for _, tc := range utmCases {
		f.Add(tc.raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		utm, clickIDs, err := UTMFromURL(raw)
		if err != nil {
			requireFieldError(t, err, "landing_url")
		}
		require.Equal(t, normalizeUTM(utm), utm, "UTM must come back normalized")
		for k, v := range clickIDs {
			require.True(t, clickIDParams[k], "unexpected click id %q", k)
			require.NotEmpty(t, v)
		}

		// Re-encoding what was found and reading it back gives the same.
		q := url.Values{}
		for k, v := range map[string]string{
			"utm_source": utm.Source, "utm_medium": utm.Medium, "utm_campaign": utm.Campaign,
			"utm_term": utm.Term, "utm_content": utm.Content,
		} {
			if v != "" {
				q.Set(k, v)
			}
		}
		for k, v := range clickIDs {
			q.Set(k, v)
		}
		utm2, clickIDs2, err := UTMFromURL("https://example.com/?" + q.Encode())
		require.NoError(t, err)
		require.Equal(t, utm, utm2)
		require.Equal(t, clickIDs, clickIDs2)
	})
}

func FuzzNormalize(f *testing.F) {
	for _, path := range goldenInputs(f) {
		in := readInbound(f, path)
		f.Add(in.Name, in.FirstName, in.LastName, in.Email, in.Phone, in.Company,
			in.Country, in.LandingURL, in.UTM.Source, in.UTM.Campaign, "gclid", in.ClickIDs["gclid"], "US")
	}
	f.Add(" , ", "", "", `"Dr. X" <x@example.com>`, "", "", "uk", "?GCLID=a&gclid=b", "", "", " GCLID", "c", "gb")
	f.Fuzz(func(t *testing.T, name, first, last, email, phone, company, country, landingURL, utmSource, utmCampaign, clickKey, clickValue, region string) {
		in := Inbound{
			Name: name, FirstName: first, LastName: last, Email: email, Phone: phone,
			Company: company, Country: country, LandingURL: landingURL,
			UTM:        UTM{Source: utmSource, Campaign: utmCampaign},
			ClickIDs:   map[string]string{clickKey: clickValue},
			Attributes: map[string]any{clickKey: clickValue, "n": 1.0},
		}
		opts := NormalizeOptions{DefaultRegion: region, NowFunc: testOptions.NowFunc}
		got, err := Normalize(in, opts)
		if err != nil {
			var fe *FieldError
			require.True(t, errors.As(err, &fe), "want *FieldError, got %T %v", err, err)
			require.Contains(t, []string{"email", "phone"}, fe.Field)
			require.Equal(t, Lead{}, got)
			return
		}
		require.True(t, got.Email != "" || got.Phone != "", "a lead has an identity")
		if got.Phone != "" {
			require.True(t, isE164(got.Phone), "%q is not E.164", got.Phone)
		}
		requireStorable(t, got)

		again, err := Normalize(got.Inbound, opts)
		require.NoError(t, err, "a normalized lead must normalize again")
		require.Equal(t, got, again, "Normalize must be idempotent")
	})
}

func requireFieldError(t *testing.T, err error, field string) {
	t.Helper()
	var fe *FieldError
	require.True(t, errors.As(err, &fe), "want *FieldError, got %T %v", err, err)
	require.Equal(t, field, fe.Field)
	require.NotEmpty(t, fe.Reason)
}

// requireStorable checks the promise that every string of a Lead is valid
// UTF-8 without NUL, and trimmed.
func requireStorable(t *testing.T, l Lead) {
	t.Helper()
	for _, s := range []string{
		l.ExternalID, l.Source, l.Channel, l.Name, l.FirstName, l.LastName, l.Email, l.Phone,
		l.Company, l.Title, l.Country, l.Message, l.Consent.Text, l.LandingURL,
		l.UTM.Source, l.UTM.Medium, l.UTM.Campaign, l.UTM.Term, l.UTM.Content, l.EmailDomain,
	} {
		require.True(t, utf8.ValidString(s), "invalid UTF-8 in %q", s)
		require.NotContains(t, s, "\x00")
		require.Equal(t, strings.TrimSpace(s), s)
	}
	for k, v := range l.ClickIDs {
		require.True(t, utf8.ValidString(k) && utf8.ValidString(v))
		require.NotEmpty(t, k)
		require.NotEmpty(t, v)
	}
}
