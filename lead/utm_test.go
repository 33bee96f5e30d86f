package lead

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// utmCases is shared with FuzzUTMFromURL as its seed corpus.
var utmCases = []struct {
	name         string
	raw          string
	wantUTM      UTM
	wantClickIDs map[string]string
	wantErr      string // FieldError.Reason; "" means no error
}{
	{name: "empty", raw: ""},
	{name: "no query", raw: "https://example.com/pricing"},
	{name: "query without utm", raw: "https://example.com/?ref=newsletter&page=2"},
	{
		name:    "all five",
		raw:     "https://example.com/lp?utm_source=Google&utm_medium=CPC&utm_campaign=Spring%20Sale&utm_term=CRM+Software&utm_content=Ad-B",
		wantUTM: UTM{Source: "google", Medium: "cpc", Campaign: "Spring Sale", Term: "CRM Software", Content: "Ad-B"},
	},
	{
		name:         "click ids",
		raw:          "https://example.com/?gclid=Cj0KCQ&gbraid=0AAAA&wbraid=Cl0K&fbclid=IwAR1&msclkid=abc123&li_fat_id=1a2b&ttclid=E.C.P&other=1",
		wantClickIDs: map[string]string{"gclid": "Cj0KCQ", "gbraid": "0AAAA", "wbraid": "Cl0K", "fbclid": "IwAR1", "msclkid": "abc123", "li_fat_id": "1a2b", "ttclid": "E.C.P"},
	},
	{
		name:         "names case-insensitive first value wins",
		raw:          "https://example.com/?UTM_Source=LinkedIn&utm_source=bing&GCLID=first&gclid=second",
		wantUTM:      UTM{Source: "linkedin"},
		wantClickIDs: map[string]string{"gclid": "first"},
	},
	{
		name:    "empty value does not win",
		raw:     "https://example.com/?utm_source=&utm_source=%20newsletter%20",
		wantUTM: UTM{Source: "newsletter"},
	},
	{
		name:    "semicolon is data",
		raw:     "https://example.com/?utm_campaign=a;b&utm_medium=email",
		wantUTM: UTM{Medium: "email", Campaign: "a;b"},
	},
	{name: "relative path", raw: "/landing?utm_source=x", wantUTM: UTM{Source: "x"}},
	{name: "bare query", raw: "?utm_medium=Social", wantUTM: UTM{Medium: "social"}},
	{name: "no scheme", raw: "example.com/?utm_source=y", wantUTM: UTM{Source: "y"}},
	{name: "fragment not read", raw: "https://example.com/#/?utm_source=z"},
	{
		name:    "fragment after query",
		raw:     "https://example.com/?utm_source=a#utm_source=b",
		wantUTM: UTM{Source: "a"},
	},
	{
		name:    "bad escape keeps the good pairs",
		raw:     "https://example.com/?utm_source=ok&utm_medium=%zz&utm_campaign=c",
		wantUTM: UTM{Source: "ok", Campaign: "c"},
		wantErr: "has a malformed query",
	},
	{name: "malformed host", raw: "http://[::1", wantErr: "is not a valid URL"},
	{name: "control character", raw: "https://exa\x7fmple.com/?utm_source=x", wantErr: "is not a valid URL"},
	{name: "bad escape in path", raw: "https://example.com/%zz?utm_source=x", wantErr: "is not a valid URL"},
}

func TestUTMFromURL(t *testing.T) {
	t.Parallel()
	for _, tc := range utmCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			utm, clickIDs, err := UTMFromURL(tc.raw)
			if tc.wantErr != "" {
				var fe *FieldError
				require.True(t, errors.As(err, &fe), "want *FieldError, got %v", err)
				require.Equal(t, "landing_url", fe.Field)
				require.Equal(t, tc.wantErr, fe.Reason)
			} else {
				require.NoError(t, err)
			}
			require.Equal(t, tc.wantUTM, utm)
			require.Equal(t, tc.wantClickIDs, clickIDs)
		})
	}
}
