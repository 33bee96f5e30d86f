package lead

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// emailCases is shared with FuzzNormalizeEmail as its seed corpus.
var emailCases = []struct {
	name    string
	raw     string
	want    string
	wantErr string // FieldError.Reason; "" means success
}{
	{name: "plain", raw: "ada@example.com", want: "ada@example.com"},
	{name: "surrounding space", raw: "  ada@example.com \t\n", want: "ada@example.com"},
	{name: "mixed case lowered whole", raw: "Ada.Lovelace@Example.COM", want: "ada.lovelace@example.com"},
	{name: "angle brackets", raw: "<ada@example.com>", want: "ada@example.com"},
	{name: "display name form", raw: `"Ada Example" <ADA@Example.COM>`, want: "ada@example.com"},
	{name: "unquoted display name", raw: "Ada Example <ada@example.com>", want: "ada@example.com"},
	{name: "mailto prefix", raw: "MAILTO:ada@example.com", want: "ada@example.com"},
	{name: "plus tag kept", raw: "ada+leads@example.com", want: "ada+leads@example.com"},
	{name: "subdomain", raw: "ada@mail.example.co.uk", want: "ada@mail.example.co.uk"},
	{name: "quoted dot-atom local part", raw: `"ada"@example.com`, want: "ada@example.com"},
	{name: "trailing comment", raw: "ada@example.com (Ada)", want: "ada@example.com"},
	{name: "unicode domain", raw: "ada@MÜNCHEN.de", want: "ada@münchen.de"},
	{name: "unicode local part", raw: "zoë@example.com", want: "zoë@example.com"},
	{name: "local part at limit", raw: strings.Repeat("a", 64) + "@example.com", want: strings.Repeat("a", 64) + "@example.com"},
	{name: "empty", raw: "", wantErr: "is empty"},
	{name: "only spaces", raw: "   ", wantErr: "is empty"},
	{name: "no at sign", raw: "ada.example.com", wantErr: "is not a valid address"},
	{name: "two addresses", raw: "ada@example.com, bob@example.com", wantErr: "is not a valid address"},
	{name: "double dot", raw: "ada..lovelace@example.com", wantErr: "is not a valid address"},
	{name: "space in quoted local part", raw: `"ada lovelace"@example.com`, wantErr: "has an invalid local part"},
	{name: "replacement char in local part", raw: "ad\xffa@example.com", wantErr: "has an invalid local part"},
	{name: "no dot in domain", raw: "ada@localhost", wantErr: "has an invalid domain"},
	{name: "ip host", raw: "ada@192.168.0.1", wantErr: "has an invalid domain"},
	{name: "domain literal", raw: "ada@[192.168.0.1]", wantErr: "has an invalid domain"},
	{name: "label starts with hyphen", raw: "ada@-example.com", wantErr: "has an invalid domain"},
	{name: "underscore in domain", raw: "ada@ex_ample.com", wantErr: "has an invalid domain"},
	{name: "address too long", raw: strings.Repeat("a", 60) + "@" + strings.Repeat("b", 60) + "." + strings.Repeat("c", 60) + "." + strings.Repeat("d", 60) + "." + strings.Repeat("e", 60) + ".com", wantErr: "is too long"},
	{name: "input too long", raw: `"` + strings.Repeat("x", 1100) + `" <ada@example.com>`, wantErr: "is too long"},
	{name: "local part too long", raw: strings.Repeat("a", 65) + "@example.com", wantErr: "has an invalid local part"},
}

func TestNormalizeEmail(t *testing.T) {
	t.Parallel()
	for _, tc := range emailCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := NormalizeEmail(tc.raw)
			if tc.wantErr != "" {
				var fe *FieldError
				require.True(t, errors.As(err, &fe), "want *FieldError, got %v", err)
				require.Equal(t, "email", fe.Field)
				require.Equal(t, tc.wantErr, fe.Reason)
				require.Empty(t, got)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)

			again, err := NormalizeEmail(got)
			require.NoError(t, err, "normalized email must normalize again")
			require.Equal(t, got, again)
		})
	}
}

func TestNormalizeEmail_ErrorHidesInput(t *testing.T) {
	t.Parallel()
	// Errors get logged; the address is personal data.
	_, err := NormalizeEmail("secret.person@example.com, other@example.com")
	require.Error(t, err)
	require.NotContains(t, err.Error(), "secret")
	require.Nil(t, errors.Unwrap(err))
}
