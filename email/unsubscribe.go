package email

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Headers a marketing email carries for one-click unsubscribe (RFC 8058).
const (
	HeaderListUnsubscribe     = "List-Unsubscribe"
	HeaderListUnsubscribePost = "List-Unsubscribe-Post"
	// ListUnsubscribePostValue is the only value RFC 8058 allows; mailbox
	// providers POST exactly this body to the HTTPS URL.
	ListUnsubscribePostValue = "List-Unsubscribe=One-Click"
)

// MinUnsubscribeSecretLen is the shortest secret NewUnsubscriber accepts:
// 32 bytes is HMAC-SHA256's full strength.
const MinUnsubscribeSecretLen = 32

// Token layout. A token is the contact's opaque reference and a MAC:
//
//	lead_<32 hex> "." base64url(HMAC-SHA256(key, "unsubscribe\x00" ref)[:16])
//
// The ref (contacts.ref, random, also sent to Mailgun as lead_id) says
// nothing about the person: whoever sees a link learns neither the address
// nor the contact id (issue 16 item 4). The MAC means a ref alone, seen in
// a webhook or a log, cannot be turned into an unsubscribe.
//
// Links minted before (version 1: base64url of a version byte, the contact
// id and the address, then the MAC) still verify, so an opt-out link in an
// email already delivered keeps working (CAN-SPAM: at least 30 days); Token
// never mints them any more. They can be refused once every email sent
// before the change is older than that.
const (
	tokenVersion byte = 1
	// tokenMACLen truncates HMAC-SHA256 to 128 bits: far beyond online
	// guessing, and it keeps the URL short enough for one header line.
	tokenMACLen = 16
	// maxTokenLen bounds what Verify will look at. A version-1 token for a
	// 254-byte address (the longest valid one) is under 400 characters.
	maxTokenLen = 1024
	// tokenKeyLabel derives the MAC key from the configured secret, so the
	// same secret reused for something else cannot produce valid tokens.
	tokenKeyLabel = "leadflow/unsubscribe-token/v1"
	// refTokenPurpose is MACed with the ref: a MAC minted over a ref for
	// another purpose, should one ever exist, does not unsubscribe.
	refTokenPurpose = "unsubscribe\x00"
)

// refRE is the shape of a contact ref (migration 00003: "lead_" and a
// UUID's hex digits); anything looser is refused before the MAC is computed.
var refRE = regexp.MustCompile(`^lead_[0-9a-f]{32}$`)

// Errors Verify wraps, so the HTTP handler can tell a mangled link (show a
// friendly page) from a forgery attempt (count it).
var (
	// ErrTokenMalformed: not a token of ours in shape (bad characters,
	// encoding, length or version).
	ErrTokenMalformed = errors.New("malformed unsubscribe token")
	// ErrTokenSignature: shaped like a token, but not minted with our
	// secret, or altered since.
	ErrTokenSignature = errors.New("unsubscribe token signature does not match")
)

// Claim is what a verified token says: who asked to unsubscribe. A current
// token carries only Ref, the contact's opaque reference; a version-1 token
// (minted before issue 16) carries ContactID and Email (lower case) instead.
type Claim struct {
	Ref       string
	ContactID int64
	Email     string
}

// Unsubscriber mints and verifies one-click unsubscribe tokens and builds
// the URL and headers around them. It is immutable and safe for concurrent
// use.
//
// Tokens carry the contact's opaque ref and a MAC (see the token layout
// above): they cannot be guessed from a contact id and reveal no address.
type Unsubscriber struct {
	key     []byte
	baseURL string
	mailto  string
}

// mailtoRE is the address shape accepted for the mailto: unsubscribe link.
// It is stricter than RFC 5322 on purpose: the address goes into a URI
// inside a header without further encoding.
var mailtoRE = regexp.MustCompile(`^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$`)

// NewUnsubscriber returns an Unsubscriber signing with secret (at least
// MinUnsubscribeSecretLen bytes, kept stable: changing it invalidates every
// link already sent). baseURL is the public HTTPS origin of leadflow's
// unsubscribe endpoint (e.g. https://leads.example.com); plain http is
// accepted only for loopback hosts, for tests and local runs. mailto is an
// optional address that receives "unsubscribe <token>" emails (e.g.
// unsubscribe@mg.example.com).
func NewUnsubscriber(secret []byte, baseURL, mailto string) (*Unsubscriber, error) {
	if len(secret) < MinUnsubscribeSecretLen {
		return nil, fmt.Errorf("configure unsubscribe links: secret is %d bytes, need at least %d", len(secret), MinUnsubscribeSecretLen)
	}
	u, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil {
		return nil, fmt.Errorf("configure unsubscribe links: base URL: %w", err)
	}
	switch {
	case u.Host == "":
		return nil, fmt.Errorf("configure unsubscribe links: base URL %q has no host", baseURL)
	case u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname())):
		return nil, fmt.Errorf("configure unsubscribe links: base URL %q must be https (RFC 8058)", baseURL)
	case u.User != nil || u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("configure unsubscribe links: base URL %q must not carry user info, a query or a fragment", baseURL)
	}
	mailto = strings.TrimSpace(mailto)
	if mailto != "" && !mailtoRE.MatchString(mailto) {
		return nil, fmt.Errorf("configure unsubscribe links: mailto %q must be a plain address like unsubscribe@mg.example.com", mailto)
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(tokenKeyLabel))
	return &Unsubscriber{
		key:     mac.Sum(nil),
		baseURL: strings.TrimRight(u.Scheme+"://"+u.Host+u.EscapedPath(), "/"),
		mailto:  mailto,
	}, nil
}

// isLoopback reports whether host names this machine.
func isLoopback(host string) bool {
	return host == "localhost" || host == "::1" || strings.HasPrefix(host, "127.")
}

// Token mints the unsubscribe token for the contact whose ref (lead_…) it
// is. The same ref always gives the same token, so re-sending an email
// reuses it. It fails only for a string that is not a contact ref.
func (u *Unsubscriber) Token(ref string) (string, error) {
	if !refRE.MatchString(ref) {
		return "", fmt.Errorf("mint unsubscribe token: %q is not a contact ref (lead_ and 32 hex digits)", ref)
	}
	return ref + "." + base64.RawURLEncoding.EncodeToString(u.sign([]byte(refTokenPurpose+ref))), nil
}

// legacyToken mints a version-1 token, for tests of the links already sent.
func (u *Unsubscriber) legacyToken(contactID int64, email string) string {
	email = strings.ToLower(strings.TrimSpace(email))
	payload := make([]byte, 0, 1+binary.MaxVarintLen64+len(email))
	payload = append(payload, tokenVersion)
	payload = binary.AppendVarint(payload, contactID)
	payload = append(payload, email...)
	enc := base64.RawURLEncoding
	out := make([]byte, 0, enc.EncodedLen(len(payload))+1+enc.EncodedLen(tokenMACLen))
	out = enc.AppendEncode(out, payload)
	out = append(out, '.')
	out = enc.AppendEncode(out, u.sign(payload))
	return string(out)
}

// sign is the truncated MAC of payload.
func (u *Unsubscriber) sign(payload []byte) []byte {
	mac := hmac.New(sha256.New, u.key)
	mac.Write(payload)
	return mac.Sum(nil)[:tokenMACLen]
}

// Verify checks a token and returns what it claims. Errors wrap
// ErrTokenMalformed or ErrTokenSignature. Only a token minted with the same
// secret verifies: the encoding is checked strictly, so no other spelling
// of the same bytes passes. The MAC comparison is constant-time.
func (u *Unsubscriber) Verify(token string) (Claim, error) {
	if len(token) == 0 || len(token) > maxTokenLen {
		return Claim{}, malformed("length %d", len(token))
	}
	for i := 0; i < len(token); i++ {
		if !isTokenByte(token[i]) {
			return Claim{}, malformed("character at %d is not base64url", i)
		}
	}
	payloadPart, macPart, ok := strings.Cut(token, ".")
	if !ok || strings.Contains(macPart, ".") {
		return Claim{}, malformed("want exactly one dot")
	}
	enc := base64.RawURLEncoding.Strict()
	if strings.HasPrefix(payloadPart, "lead_") {
		if !refRE.MatchString(payloadPart) {
			return Claim{}, malformed("contact ref")
		}
		sum, err := enc.DecodeString(macPart)
		if err != nil || len(sum) != tokenMACLen {
			return Claim{}, malformed("signature encoding")
		}
		if !hmac.Equal(sum, u.sign([]byte(refTokenPurpose+payloadPart))) {
			return Claim{}, fmt.Errorf("verify unsubscribe token: %w", ErrTokenSignature)
		}
		return Claim{Ref: payloadPart}, nil
	}
	// A version-1 token (see the token layout). base64's decoder skips CR
	// and LF; isTokenByte already refused them,
	// and Strict refuses non-zero padding bits, so the decoding is 1:1.
	payload, err := enc.DecodeString(payloadPart)
	if err != nil {
		return Claim{}, malformed("payload encoding")
	}
	sum, err := enc.DecodeString(macPart)
	if err != nil || len(sum) != tokenMACLen {
		return Claim{}, malformed("signature encoding")
	}
	if len(payload) < 2 {
		return Claim{}, malformed("payload too short")
	}
	if payload[0] != tokenVersion {
		return Claim{}, malformed("version %d", payload[0])
	}
	if !hmac.Equal(sum, u.sign(payload)) {
		return Claim{}, fmt.Errorf("verify unsubscribe token: %w", ErrTokenSignature)
	}
	// From here the payload is one we minted.
	id, n := binary.Varint(payload[1:])
	if n <= 0 {
		return Claim{}, malformed("contact id")
	}
	return Claim{ContactID: id, Email: string(payload[1+n:])}, nil
}

// malformed wraps ErrTokenMalformed with a detail that never echoes the
// token itself.
func malformed(format string, args ...any) error {
	return fmt.Errorf("verify unsubscribe token: %w: %s", ErrTokenMalformed, fmt.Sprintf(format, args...))
}

// isTokenByte reports whether c may appear in a token.
func isTokenByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
}

// URL is the one-click unsubscribe link for token: baseURL/u/<token>. A GET
// should show a confirmation page; a POST with ListUnsubscribePostValue
// unsubscribes at once (RFC 8058).
func (u *Unsubscriber) URL(token string) string {
	return u.baseURL + "/u/" + token
}

// Headers returns the RFC 8058 headers for token: List-Unsubscribe with the
// HTTPS URL (and the mailto: link when configured) and
// List-Unsubscribe-Post. The map is new on every call; add it to
// Message.Headers.
func (u *Unsubscriber) Headers(token string) map[string]string {
	v := "<" + u.URL(token) + ">"
	if u.mailto != "" {
		v += ", <mailto:" + u.mailto + "?subject=unsubscribe%20" + token + ">"
	}
	return map[string]string{
		HeaderListUnsubscribe:     v,
		HeaderListUnsubscribePost: ListUnsubscribePostValue,
	}
}

// TokenFromSubject finds the token in the subject of an email sent to the
// mailto: link ("unsubscribe <token>", possibly behind "Re:" or similar);
// it returns "" when there is none. Verify the result before acting on it.
func TokenFromSubject(subject string) string {
	fields := strings.Fields(subject)
	for i, f := range fields {
		if strings.EqualFold(f, "unsubscribe") && i+1 < len(fields) {
			return fields[i+1]
		}
	}
	return ""
}

// Footer is the sender identity every marketing email ends with, next to
// the unsubscribe link: CAN-SPAM requires the sender's valid postal
// address, and a reader should see who writes and why. It comes from the
// configuration (email.footer), which refuses to start without it when
// real email is sent.
type Footer struct {
	// Company is the sender's legal or trading name.
	Company string
	// PostalAddress is the sender's postal address; its lines are joined
	// with ", " in the email.
	PostalAddress string
	// Reason says why the reader gets the email ("You are receiving this
	// because you asked us about our product.").
	Reason string
}

// Data.Extra keys under which the footer partial (_unsubscribe.*.tmpl)
// finds the Footer.
const (
	ExtraFooterCompany       = "footer_company"
	ExtraFooterPostalAddress = "footer_postal_address"
	ExtraFooterReason        = "footer_reason"
)

// AddTo puts f into d.Extra for the footer partial. An empty field adds
// nothing, and the partial leaves its line out.
func (f Footer) AddTo(d *Data) {
	var lines []string
	for _, l := range strings.Split(f.PostalAddress, "\n") {
		if l = strings.TrimRight(strings.TrimSpace(l), ","); l != "" {
			lines = append(lines, l)
		}
	}
	for k, v := range map[string]string{ExtraFooterCompany: strings.TrimSpace(f.Company),
		ExtraFooterPostalAddress: strings.Join(lines, ", "), ExtraFooterReason: strings.TrimSpace(f.Reason)} {
		if v == "" {
			continue
		}
		if d.Extra == nil {
			d.Extra = map[string]string{}
		}
		d.Extra[k] = v
	}
}
