package email

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"
)

// FuzzTokenFromSubject reads unsubscribe tokens out of arbitrary reply
// subjects (anyone can email the mailto: address): the result is empty or
// one whitespace-free word of the subject that followed "unsubscribe", and
// a genuine token behind any prefix is found and verifies.
func FuzzTokenFromSubject(f *testing.F) {
	for _, seed := range []string{"", "unsubscribe", "Re: unsubscribe abc", "UNSUBSCRIBE\tx y", "Fwd: Re: Unsubscribe  tok",
		"unsubscribe unsubscribe", "please unsubscribe me", "\u00a0unsubscribe\u00a0tok", "unsubscribe\x00tok"} {
		f.Add(seed, "Re:")
	}
	u, err := NewUnsubscriber([]byte(strings.Repeat("k", 40)), "https://leads.example.com", "unsubscribe@mg.example.com")
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, subject, prefix string) {
		tok := TokenFromSubject(subject)
		if tok != "" {
			require.False(t, strings.ContainsFunc(tok, unicode.IsSpace), "token %q", tok)
			require.Contains(t, subject, tok)
			_, _ = u.Verify(tok) // must not panic on whatever follows the keyword
		}
		if strings.ContainsFunc(prefix, unicode.IsSpace) || strings.EqualFold(prefix, "unsubscribe") {
			return
		}
		genuine, err := u.Token("lead_3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b")
		require.NoError(t, err)
		got := TokenFromSubject(prefix + " unsubscribe " + genuine)
		require.Equal(t, genuine, got)
		claim, err := u.Verify(got)
		require.NoError(t, err)
		require.Equal(t, "lead_3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b", claim.Ref)
	})
}
