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

// testRef is a contact ref as PostgreSQL generates them.
const testRef = "lead_3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b"

func newTestUnsubscriber(t testing.TB) *Unsubscriber {
	t.Helper()
	u, err := NewUnsubscriber(testSecret, "https://leads.example.com", "unsubscribe@mg.example.com")
	require.NoError(t, err)
	return u
}

// TestUnsubscribeTokenIsOpaque is issue 16 item 4: the token was the
// address in base64 plus a MAC, so whoever saw a link (a forwarded email,
// a proxy log) learned the address. It is now the contact's random ref and
// a MAC: nothing about the person.
func TestUnsubscribeTokenIsOpaque(t *testing.T) {
	t.Parallel()
	u := newTestUnsubscriber(t)
	tok, err := u.Token(testRef)
	require.NoError(t, err)
	require.Regexp(t, `^lead_[0-9a-f]{32}\.[A-Za-z0-9_-]{22}$`, tok)
	again, err := u.Token(testRef)
	require.NoError(t, err)
	require.Equal(t, tok, again, "tokens are deterministic")
	claim, err := u.Verify(tok)
	require.NoError(t, err)
	require.Equal(t, Claim{Ref: testRef}, claim)
	for _, s := range []string{tok, u.URL(tok)} {
		require.NotContains(t, s, "@")
		for _, enc := range []*base64.Encoding{base64.RawURLEncoding, base64.RawStdEncoding} {
			for _, decoded := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("./<>:?%", r) }) {
				b, err := enc.DecodeString(decoded)
				if err == nil {
					require.NotContains(t, string(b), "@", "a token part decodes to an address")
				}
			}
		}
	}

	for _, bad := range []string{"", "ada@example.com", "lead_", "LEAD_3F2A9C0E5B7D4E1F8A6B2C9D0E1F2A3B", testRef + "0", "42"} {
		_, err := u.Token(bad)
		require.Error(t, err, "%q is not a ref", bad)
	}
}

func TestUnsubscribeTokenForgery(t *testing.T) {
	t.Parallel()
	u := newTestUnsubscriber(t)
	tok, err := u.Token(testRef)
	require.NoError(t, err)
	_, mac, _ := strings.Cut(tok, ".")
	other := "lead_3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3c"

	// Another contact's ref with this MAC: the enumeration attempt.
	_, err = u.Verify(other + "." + mac)
	require.ErrorIs(t, err, ErrTokenSignature)
	// Another secret.
	stranger, err := NewUnsubscriber([]byte(strings.Repeat("x", 32)), "https://leads.example.com", "")
	require.NoError(t, err)
	forged, err := stranger.Token(testRef)
	require.NoError(t, err)
	_, err = u.Verify(forged)
	require.ErrorIs(t, err, ErrTokenSignature)
	// A ref alone (it travels to Mailgun as lead_id) is no token.
	for _, bad := range []string{testRef, testRef + ".", strings.ToUpper(testRef[:5]) + testRef[5:] + "." + mac,
		"lead_zz2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b." + mac, testRef + "." + mac[:20], testRef + "." + mac + "AA"} {
		_, err = u.Verify(bad)
		require.Error(t, err, bad)
	}
}

func TestLegacyUnsubscribeTokenRoundTrip(t *testing.T) {
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
			tok := u.legacyToken(tt.id, tt.email)
			require.Regexp(t, `^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$`, tok)
			require.Equal(t, tok, u.legacyToken(tt.id, tt.email), "tokens are deterministic")
			claim, err := u.Verify(tok)
			require.NoError(t, err)
			require.Equal(t, Claim{ContactID: tt.id, Email: tt.wantEmail}, claim)
		})
	}
}

func TestLegacyUnsubscribeTokenIsCompact(t *testing.T) {
	t.Parallel()
	u := newTestUnsubscriber(t)
	require.Less(t, len(u.legacyToken(123456789, "someone.long@company.example.com")), 80)
	// The longest valid address still fits well inside Verify's bound.
	long := strings.Repeat("a", 64) + "@" + strings.Repeat("b", 185) + ".com"
	tok := u.legacyToken(math.MaxInt64, long)
	require.Less(t, len(tok), maxTokenLen/2)
	_, err := u.Verify(tok)
	require.NoError(t, err)
}

func TestLegacyUnsubscribeTokenForgery(t *testing.T) {
	t.Parallel()
	u := newTestUnsubscriber(t)
	tok := u.legacyToken(42, "ada@example.com")
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
	_, err = u.Verify(u.legacyToken(42, "eve@example.com")[:len(payloadPart)+1] + macPart)
	require.Error(t, err)

	// Another secret.
	stranger, err := NewUnsubscriber([]byte(strings.Repeat("x", 32)), "https://leads.example.com", "")
	require.NoError(t, err)
	_, err = u.Verify(stranger.legacyToken(42, "ada@example.com"))
	require.ErrorIs(t, err, ErrTokenSignature)

	// A flipped MAC bit.
	mac, err := enc.DecodeString(macPart)
	require.NoError(t, err)
	mac[0] ^= 1
	_, err = u.Verify(payloadPart + "." + enc.EncodeToString(mac))
	require.ErrorIs(t, err, ErrTokenSignature)
}

func TestLegacyUnsubscribeTokenMalformed(t *testing.T) {
	t.Parallel()
	u := newTestUnsubscriber(t)
	good := u.legacyToken(42, "ada@example.com")
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
	tok, err := u.Token(testRef)
	require.NoError(t, err)
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

// TestMarketingEmailFooter is issue 16 item 2: marketing email ended with
// "Best, The team" and an unsubscribe line, with no sender identity and no
// postal address (CAN-SPAM). Every marketing template now ends with the
// configured footer: why the reader gets it, who sends it and where from,
// and the opt-out link.
func TestMarketingEmailFooter(t *testing.T) {
	t.Parallel()
	tpl, err := LoadTemplates("")
	require.NoError(t, err)
	footer := Footer{Company: "Northwind Analytics Inc.", PostalAddress: "500 Market St, Suite 12,\nSan Francisco, CA 94105\nUSA",
		Reason: "You are receiving this email because you asked Northwind about our product."}
	marketing := 0
	for _, name := range tpl.Names() {
		if kind, _ := tpl.Kind(name); kind != KindMarketing {
			continue
		}
		marketing++
		t.Run(name, func(t *testing.T) {
			d := sampleData()
			d.Rep = RepInfo{}
			footer.AddTo(&d)
			r, err := tpl.Render(name, d)
			require.NoError(t, err)
			for part, body := range map[string]string{"text": r.Text, "html": r.HTML} {
				require.Contains(t, body, "Northwind Analytics Inc., 500 Market St, Suite 12, San Francisco, CA 94105, USA", part)
				require.Contains(t, body, "You are receiving this email because you asked Northwind about our product.", part)
				require.Contains(t, body, d.UnsubscribeURL, part)
				require.NotContains(t, body, "The team", part)
			}
			require.Contains(t, r.Text, "The Northwind Analytics Inc. team")
		})
	}
	require.NotZero(t, marketing)

	// Without a footer (the local sink), nothing empty is left behind.
	d := sampleData()
	r, err := tpl.Render("nurture-1", d)
	require.NoError(t, err)
	require.NotContains(t, r.Text, "<no value>")
	require.NotContains(t, r.HTML, "<br>\n</p>")
}
