package email

import (
	"encoding/base64"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// testSecret is 32 bytes, the minimum.
var testSecret = []byte("0123456789abcdef0123456789abcdef")

func newTestUnsubscriber(t testing.TB) *Unsubscriber {
	t.Helper()
	u, err := NewUnsubscriber(testSecret, "https://leads.example.com", "unsubscribe@mg.example.com")
	require.NoError(t, err)
	return u
}

func TestUnsubscribeTokenRoundTrip(t *testing.T) {
	t.Parallel()
	u := newTestUnsubscriber(t)
	tests := []struct {
		name      string
		id        int64
		email     string
		wantEmail string
	}{
		{name: "plain", id: 42, email: "ada@example.com", wantEmail: "ada@example.com"},
		{name: "case and spaces", id: 7, email: "  Ada.Lovelace@Example.COM ", wantEmail: "ada.lovelace@example.com"},
		{name: "zero id", id: 0, email: "a@b.co", wantEmail: "a@b.co"},
		{name: "negative id", id: -5, email: "a@b.co", wantEmail: "a@b.co"},
		{name: "max id", id: math.MaxInt64, email: "a@b.co", wantEmail: "a@b.co"},
		{name: "unicode", id: 9, email: "Zoë@Exämple.de", wantEmail: "zoë@exämple.de"},
		{name: "empty address", id: 1, email: "", wantEmail: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := u.Token(tt.id, tt.email)
			require.Regexp(t, `^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$`, tok)
			require.Equal(t, tok, u.Token(tt.id, tt.email), "tokens are deterministic")
			claim, err := u.Verify(tok)
			require.NoError(t, err)
			require.Equal(t, Claim{ContactID: tt.id, Email: tt.wantEmail}, claim)
		})
	}
}

func TestUnsubscribeTokenIsCompact(t *testing.T) {
	t.Parallel()
	u := newTestUnsubscriber(t)
	require.Less(t, len(u.Token(123456789, "someone.long@company.example.com")), 80)
	// The longest valid address still fits well inside Verify's bound.
	long := strings.Repeat("a", 64) + "@" + strings.Repeat("b", 185) + ".com"
	tok := u.Token(math.MaxInt64, long)
	require.Less(t, len(tok), maxTokenLen/2)
	_, err := u.Verify(tok)
	require.NoError(t, err)
}

func TestUnsubscribeTokenForgery(t *testing.T) {
	t.Parallel()
	u := newTestUnsubscriber(t)
	tok := u.Token(42, "ada@example.com")
	payloadPart, macPart, _ := strings.Cut(tok, ".")
	enc := base64.RawURLEncoding

	// Re-signing another contact's payload with the old MAC: the classic
	// enumeration attempt.
	other := []byte{tokenVersion}
	other = append(other, 43*2) // varint of 43 (zig-zag)
	other = append(other, "ada@example.com"...)
	forged := enc.EncodeToString(other) + "." + macPart
	_, err := u.Verify(forged)
	require.ErrorIs(t, err, ErrTokenSignature)

	// Same contact, another address.
	_, err = u.Verify(u.Token(42, "eve@example.com")[:len(payloadPart)+1] + macPart)
	require.Error(t, err)

	// Another secret.
	stranger, err := NewUnsubscriber([]byte(strings.Repeat("x", 32)), "https://leads.example.com", "")
	require.NoError(t, err)
	_, err = u.Verify(stranger.Token(42, "ada@example.com"))
	require.ErrorIs(t, err, ErrTokenSignature)

	// A flipped MAC bit.
	mac, err := enc.DecodeString(macPart)
	require.NoError(t, err)
	mac[0] ^= 1
	_, err = u.Verify(payloadPart + "." + enc.EncodeToString(mac))
	require.ErrorIs(t, err, ErrTokenSignature)
}

func TestUnsubscribeTokenMalformed(t *testing.T) {
	t.Parallel()
	u := newTestUnsubscriber(t)
	good := u.Token(42, "ada@example.com")
	payloadPart, macPart, _ := strings.Cut(good, ".")
	enc := base64.RawURLEncoding
	v2 := []byte{2, 84}
	v2 = append(v2, "ada@example.com"...)
	tests := []struct {
		name  string
		token string
	}{
		{name: "empty", token: ""},
		{name: "no dot", token: payloadPart + macPart},
		{name: "two dots", token: good + ".x"},
		{name: "bad characters", token: "ab+c/." + macPart},
		{name: "padding", token: payloadPart + "=." + macPart},
		{name: "newline inside", token: payloadPart[:3] + "\n" + payloadPart[3:] + "." + macPart},
		{name: "space", token: " " + good},
		{name: "short mac", token: payloadPart + "." + macPart[:10]},
		{name: "long mac", token: payloadPart + "." + macPart + "AAAA"},
		{name: "too long", token: strings.Repeat("A", maxTokenLen) + "." + macPart},
		{name: "empty payload", token: "." + macPart},
		{name: "one byte payload", token: enc.EncodeToString([]byte{tokenVersion}) + "." + macPart},
		{name: "unknown version", token: enc.EncodeToString(v2) + "." + macPart},
		{name: "non-canonical base64", token: payloadPart[:len(payloadPart)-1] + nudge(payloadPart[len(payloadPart)-1]) + "." + macPart},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := u.Verify(tt.token)
			require.ErrorIs(t, err, ErrTokenMalformed)
			if tt.token != "" && len(tt.token) < 200 {
				require.NotContains(t, err.Error(), tt.token, "errors do not echo tokens")
			}
		})
	}
}

// nudge returns a base64url character that decodes to the same bytes as c
// when c is the last character and its low bits are padding, or an
// invalid one otherwise; either way Verify must refuse the result.
func nudge(c byte) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	i := strings.IndexByte(alphabet, c)
	return string(alphabet[i^1])
}

func TestUnsubscribeURLAndHeaders(t *testing.T) {
	t.Parallel()
	u := newTestUnsubscriber(t)
	tok := u.Token(42, "ada@example.com")
	require.Equal(t, "https://leads.example.com/u/"+tok, u.URL(tok))
	require.Equal(t, map[string]string{
		"List-Unsubscribe":      "<https://leads.example.com/u/" + tok + ">, <mailto:unsubscribe@mg.example.com?subject=unsubscribe%20" + tok + ">",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
	}, u.Headers(tok))

	noMail, err := NewUnsubscriber(testSecret, "https://example.com/leadflow/", "")
	require.NoError(t, err)
	require.Equal(t, "https://example.com/leadflow/u/"+tok, noMail.URL(tok))
	require.Equal(t, "<https://example.com/leadflow/u/"+tok+">", noMail.Headers(tok)[HeaderListUnsubscribe])
	require.Equal(t, tok, TokenFromSubject("Re: unsubscribe "+tok))
}

func TestNewUnsubscriberErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		secret  []byte
		baseURL string
		mailto  string
		wantErr string
	}{
		{name: "short secret", secret: []byte("short"), baseURL: "https://x.example", wantErr: "at least 32"},
		{name: "plain http", secret: testSecret, baseURL: "http://leads.example.com", wantErr: "https"},
		{name: "no host", secret: testSecret, baseURL: "https://", wantErr: "no host"},
		{name: "relative", secret: testSecret, baseURL: "/u", wantErr: "no host"},
		{name: "query", secret: testSecret, baseURL: "https://x.example/?a=b", wantErr: "query"},
		{name: "user info", secret: testSecret, baseURL: "https://u:p@x.example", wantErr: "user info"},
		{name: "mailto with name", secret: testSecret, baseURL: "https://x.example", mailto: "Unsub <u@x.example>", wantErr: "plain address"},
		{name: "mailto with query", secret: testSecret, baseURL: "https://x.example", mailto: "u@x.example?bcc=a@b.c", wantErr: "plain address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewUnsubscriber(tt.secret, tt.baseURL, tt.mailto)
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
	_, err := NewUnsubscriber(testSecret, "http://127.0.0.1:8080", "")
	require.NoError(t, err, "plain http is fine on loopback")
}

func TestTokenFromSubject(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		subject string
		want    string
	}{
		{name: "as sent", subject: "unsubscribe abc.def", want: "abc.def"},
		{name: "reply", subject: "RE: Unsubscribe abc.def", want: "abc.def"},
		{name: "no token", subject: "unsubscribe", want: ""},
		{name: "other", subject: "hello", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, TokenFromSubject(tt.subject))
		})
	}
}
