package lead

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCountryCode(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{name: "alpha-2", in: "DE", want: "DE"},
		{name: "alpha-2 lower case", in: " at ", want: "AT"},
		{name: "alpha-3", in: "DEU", want: "DE"},
		{name: "english name", in: "Germany", want: "DE"},
		{name: "german name", in: "Deutschland", want: "DE"},
		{name: "umlaut", in: "Österreich", want: "AT"},
		{name: "umlaut written out", in: "Oesterreich", want: "AT"},
		{name: "french name", in: "Allemagne", want: "DE"},
		{name: "spanish name with accent", in: "España", want: "ES"},
		{name: "spanish name without accent", in: "espana", want: "ES"},
		{name: "méxico", in: "México", want: "MX"},
		{name: "leading the", in: "The Netherlands", want: "NL"},
		{name: "united kingdom name", in: "United Kingdom", want: "GB"},
		{name: "uk", in: "UK", want: "GB"},
		{name: "dotted usa", in: "U.S.A.", want: "US"},
		{name: "united states", in: "united states", want: "US"},
		{name: "switzerland in french", in: "Suisse", want: "CH"},
		{name: "belgique", in: "Belgique", want: "BE"},
		{name: "ampersand written as a hyphen", in: "Bosnia-Herzegovina", want: "BA"},
		{name: "not a country", in: "Atlantis", want: ""},
		{name: "empty", in: "", want: ""},
		{name: "punctuation only", in: "¿?", want: ""},
		{name: "world region is no country", in: "Europe", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, CountryCode(tt.in))
		})
	}
}

func FuzzCountryCode(f *testing.F) {
	for _, s := range []string{"DE", "Österreich", "U.S.A.", "", "\xff", "the the"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := CountryCode(s)
		if c != "" && (len(c) != 2 || CountryCode(c) != c) {
			t.Fatalf("CountryCode(%q) = %q, which does not read back as itself", s, c)
		}
	})
}
