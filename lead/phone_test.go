package lead

import (
	"errors"
	"maps"
	"slices"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"github.com/stretchr/testify/require"
)

// phoneCases is shared with FuzzNormalizePhone as its seed corpus.
var phoneCases = []struct {
	name    string
	raw     string
	region  string
	want    string
	wantErr string // FieldError.Reason; "" means success
	errIs   error
}{
	{name: "us formatted", raw: "(555) 555-0100", region: "US", want: "+15555550100"},
	{name: "us digits", raw: "5555550100", region: "US", want: "+15555550100"},
	{name: "us with country code", raw: "1-555-555-0100", region: "US", want: "+15555550100"},
	{name: "already e164", raw: "+15555550100", region: "US", want: "+15555550100"},
	{name: "e164 ignores region", raw: "+15555550100", region: "GB", want: "+15555550100"},
	{name: "empty region means US", raw: "555.555.0100", region: "", want: "+15555550100"},
	{name: "lower-case region", raw: "020 7946 0958", region: "gb", want: "+442079460958"},
	{name: "uk international", raw: "+44 20 7946 0958", region: "US", want: "+442079460958"},
	{name: "uk national", raw: "020 7946 0958", region: "GB", want: "+442079460958"},
	{name: "us idd prefix", raw: "011 44 20 7946 0958", region: "US", want: "+442079460958"},
	{name: "extension dropped", raw: "+1 555 555 0100 ext. 42", region: "US", want: "+15555550100"},
	{name: "tel uri", raw: "tel:+1-555-555-0100", region: "US", want: "+15555550100"},
	{name: "vanity letters", raw: "1-800-FLOWERS", region: "US", want: "+18003569377"},
	{name: "surrounding space", raw: "  +1 555 555 0100\n", region: "US", want: "+15555550100"},
	{name: "fullwidth digits", raw: "+１ ５５５ ５５５ ０１００", region: "US", want: "+15555550100"},
	{name: "empty", raw: " ", region: "US", wantErr: "is empty"},
	{name: "local only too short", raw: "555-0100", region: "US", wantErr: "is missing an area code"},
	{name: "far too short", raw: "12", region: "US", wantErr: "is too short"},
	{name: "too long", raw: "+1 555 555 0100 0100 0100", region: "US", wantErr: "is too long"},
	{name: "letters only", raw: "call me", region: "US", wantErr: "is not a phone number", errIs: phonenumbers.ErrNotANumber},
	{name: "unknown country code", raw: "+999 1234 5678", region: "US", wantErr: "has a missing or invalid country code", errIs: phonenumbers.ErrInvalidCountryCode},
	{name: "unknown region", raw: "555 555 0100", region: "XX", wantErr: "has a missing or invalid country code", errIs: phonenumbers.ErrInvalidCountryCode},
}

func TestNormalizePhone(t *testing.T) {
	t.Parallel()
	for _, tc := range phoneCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := NormalizePhone(tc.raw, tc.region)
			if tc.wantErr != "" {
				var fe *FieldError
				require.True(t, errors.As(err, &fe), "want *FieldError, got %v", err)
				require.Equal(t, "phone", fe.Field)
				require.Equal(t, tc.wantErr, fe.Reason)
				if tc.errIs != nil {
					require.ErrorIs(t, err, tc.errIs)
				}
				require.Empty(t, got)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
			require.True(t, isE164(got), "%q is not E.164", got)

			again, err := NormalizePhone(got, tc.region)
			require.NoError(t, err, "normalized phone must normalize again")
			require.Equal(t, got, again)
		})
	}
}

// isE164 reports whether s is '+' and 2 to 15 digits, the first not 0.
func isE164(s string) bool {
	if len(s) < 3 || len(s) > 16 || s[0] != '+' || s[1] == '0' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// TestNormalizePhone_RegionExamples runs libphonenumber's example number of
// every region and common type through NormalizePhone in national,
// international and E.164 form, read in its own region: each must give the
// example's E.164 form. This is what guards the "possible, not valid"
// choice and the round-trip loop against the whole metadata, not just the
// few countries in the table above.
func TestNormalizePhone_RegionExamples(t *testing.T) {
	t.Parallel()
	type key struct {
		region string
		typ    phonenumbers.PhoneNumberType
		format phonenumbers.PhoneNumberFormat
	}
	// Known, accepted gaps:
	known := map[key]string{
		// Argentina's national format for mobiles ("09 15-…") is a dialling
		// convention libphonenumber cannot parse back to the same number.
		{"AR", phonenumbers.MOBILE, phonenumbers.NATIONAL}: "+5491523456789",
		// Canada's 310-xxxx service numbers have no area code by design.
		{"CA", phonenumbers.UAN, phonenumbers.NATIONAL}:      "",
		{"CA", phonenumbers.UAN, phonenumbers.INTERNATIONAL}: "",
		{"CA", phonenumbers.UAN, phonenumbers.E164}:          "",
	}
	regions := slices.Sorted(maps.Keys(phonenumbers.GetSupportedRegions()))
	require.Greater(t, len(regions), 200)
	checked := 0
	for _, region := range regions {
		for _, typ := range []phonenumbers.PhoneNumberType{
			phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE,
			phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER, phonenumbers.UAN,
		} {
			example := phonenumbers.GetExampleNumberForType(region, typ)
			if example == nil {
				continue
			}
			want := phonenumbers.Format(example, phonenumbers.E164)
			for _, format := range []phonenumbers.PhoneNumberFormat{phonenumbers.NATIONAL, phonenumbers.INTERNATIONAL, phonenumbers.E164} {
				raw := phonenumbers.Format(example, format)
				got, _ := NormalizePhone(raw, region)
				checked++
				if w, ok := known[key{region, typ, format}]; ok {
					require.Equal(t, w, got, "known gap changed for %s %v %q; update the test", region, typ, raw)
					continue
				}
				require.Equal(t, want, got, "%s %v %q", region, typ, raw)
			}
		}
	}
	require.Greater(t, checked, 2000)
}
