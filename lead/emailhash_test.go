package lead

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestEmailSHA256(t *testing.T) {
	t.Parallel()
	want := EmailSHA256("ada@example.com")
	require.Len(t, want, 32)
	for _, tt := range []struct {
		name, in string
		same     bool
	}{
		{"case and spaces do not matter", "  Ada@Example.COM ", true},
		{"the stored sha256: form yields its hash", fmt.Sprintf("sha256:%x", want), true},
		{"the hashed form, upper-cased", fmt.Sprintf("SHA256:%X", want), true},
		{"a malformed hashed form is just an address", "sha256:zz", false},
		{"another address differs", "bob@example.com", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.same, string(EmailSHA256(tt.in)) == string(want))
		})
	}
}

func TestHashedEmail(t *testing.T) {
	t.Parallel()
	h := HashedEmail(" Ada@Example.com")
	require.True(t, IsHashedEmail(h))
	require.False(t, IsHashedEmail("ada@example.com"))
	require.Equal(t, h, HashedEmail("ada@example.com"), "normalized first")
	require.Equal(t, h, HashedEmail(h), "hashing a hashed address keeps it")
	require.Equal(t, EmailSHA256("ada@example.com"), EmailSHA256(h))
}
