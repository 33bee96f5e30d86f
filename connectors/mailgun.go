package connectors

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// This file holds what the two Mailgun connectors share: the signing key,
// the signature check, the replay key and the status policy. Mailgun signs
// a timestamp and a random token, not the body, for event webhooks and
// Routes forward() alike:
//
//	signature = hex(HMAC-SHA256(key = signing key, msg = timestamp + token))

// DefaultMailgunTolerance is how far a Mailgun signature timestamp may be
// from now, in either direction. Mailgun gives no figure; five minutes is
// what every other sender we verify uses.
const DefaultMailgunTolerance = 5 * time.Minute

// mailgunSigningKeyVar names the setting the signing key comes from, so a
// configuration error can say what to fix without printing the key.
const mailgunSigningKeyVar = "LEADFLOW_MAILGUN_SIGNING_KEY"

// mailgunReplayPrefix namespaces Mailgun tokens in the replay cache. Both
// connectors share it: a token is random per request, so one seen on either
// endpoint must not be accepted on the other.
const mailgunReplayPrefix = "mailgun:"

// maxMailgunTokenLen bounds the token, which becomes a replay-cache key.
// Mailgun's tokens are 50 characters.
const maxMailgunTokenLen = 256

// maxMailgunTimestampLen bounds the timestamp text: 19 digits is the most an
// int64 holds.
const maxMailgunTimestampLen = 19

// MailgunConfig configures both Mailgun connectors (inbound email and event
// webhooks); they share the domain's HTTP webhook signing key.
type MailgunConfig struct {
	// SigningKey is the domain's "HTTP webhook signing key" (Mailgun
	// dashboard, Sending → Webhooks). Required; the lead engineer maps it
	// from LEADFLOW_MAILGUN_SIGNING_KEY. It is deliberately not the API
	// key: mailgun-go falls back to the API key when no signing key is set,
	// and we do not.
	SigningKey string
	// Tolerance is how far the signed timestamp may be from now. The replay
	// cache remembers tokens for twice as long, so a replay is refused for
	// as long as its timestamp could still pass.
	// Default: DefaultMailgunTolerance (5m).
	Tolerance time.Duration
}

// mailgunVerifier checks Mailgun signatures with one key and a clock
// supplied per call. It is immutable, so safe for concurrent use.
type mailgunVerifier struct {
	key       []byte
	tolerance time.Duration
}

// newMailgunVerifier validates c for the connector named what.
func newMailgunVerifier(c MailgunConfig, what string) (mailgunVerifier, error) {
	key := strings.TrimSpace(c.SigningKey)
	if key == "" {
		return mailgunVerifier{}, fmt.Errorf("configure %s connector: %s: the webhook signing key is required", what, mailgunSigningKeyVar)
	}
	if c.Tolerance < 0 {
		return mailgunVerifier{}, fmt.Errorf("configure %s connector: tolerance %s is negative", what, c.Tolerance)
	}
	if c.Tolerance == 0 {
		c.Tolerance = DefaultMailgunTolerance
	}
	return mailgunVerifier{key: []byte(key), tolerance: c.Tolerance}, nil
}

// SignMailgun returns the signature Mailgun would send for timestamp and
// token: hex(HMAC-SHA256(signingKey, timestamp+token)). Tests and the demo
// generator use it to play Mailgun.
func SignMailgun(signingKey, timestamp, token string) string {
	return hex.EncodeToString(mailgunMAC([]byte(signingKey), timestamp, token))
}

// mailgunMAC is HMAC-SHA256(key, timestamp + token), over the texts as
// sent: Mailgun signed those bytes, not a number.
func mailgunMAC(key []byte, timestamp, token string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(timestamp))
	h.Write([]byte(token))
	return h.Sum(nil)
}

// verify checks one signature block against now. The names say where the
// values came from ("signature.timestamp" or the form field "timestamp"),
// so that the error tells the sender which part is wrong without echoing
// any value.
func (v mailgunVerifier) verify(timestamp, token, signature string, now time.Time, names [3]string) error {
	tsName, tokenName, sigName := names[0], names[1], names[2]
	switch {
	case timestamp == "":
		return unauthorized("missing " + tsName)
	case token == "":
		return unauthorized("missing " + tokenName)
	case signature == "":
		return unauthorized("missing " + sigName)
	}
	sec, err := parseMailgunTimestamp(timestamp)
	if err != nil {
		return unauthorized(tsName + " " + err.Error())
	}
	if err := checkMailgunToken(token); err != nil {
		return unauthorized(tokenName + " " + err.Error())
	}
	// The freshness check comes first: it is cheap and bounds replays.
	// time.Time.Sub saturates, so absurd timestamps cannot overflow.
	if d := now.Sub(time.Unix(sec, 0)); d > v.tolerance || d < -v.tolerance {
		return unauthorized(fmt.Sprintf("%s outside the %s tolerance", tsName, v.tolerance))
	}
	sig, err := hex.DecodeString(signature)
	if err != nil || len(sig) != sha256.Size {
		return unauthorized(sigName + " is not 64 hex digits")
	}
	if !hmac.Equal(sig, mailgunMAC(v.key, timestamp, token)) {
		return unauthorized(sigName + " does not match the signing key")
	}
	return nil
}

// replayKey is the ReplayGuard answer for a token; "" when the token could
// not have passed verify.
func (v mailgunVerifier) replayKey(token string) (string, time.Duration) {
	if checkMailgunToken(token) != nil {
		return "", 0
	}
	// Twice the tolerance: a timestamp passes for 2×tolerance in total
	// (from -tolerance to +tolerance around its own time), and the replay
	// must be refused for all of that window.
	return mailgunReplayPrefix + token, 2 * v.tolerance
}

// mailgunRejectStatus is the StatusPolicy of both Mailgun connectors:
// 406 Not Acceptable for every rejection. Mailgun stops retrying on 406
// only; any other 4xx or 5xx is retried for about 8 hours (5m, 10m, 15m,
// 1h, 2h, 4h). A bad or stale signature will not become good, and a payload
// we cannot read will not become readable, so retries would only repeat the
// rejection and fill the logs. Our transient failures still answer 5xx, so
// those are retried.
func mailgunRejectStatus(Kind) int {
	return http.StatusNotAcceptable
}

// parseMailgunTimestamp parses unix seconds written as plain digits;
// strconv alone would also take a sign.
func parseMailgunTimestamp(s string) (int64, error) {
	if s == "" || len(s) > maxMailgunTimestampLen || !mailgunDigits(s) {
		return 0, errors.New("is not unix seconds")
	}
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, errors.New("is not unix seconds")
	}
	return sec, nil
}

// checkMailgunToken rejects tokens that cannot be a safe replay-cache key.
func checkMailgunToken(token string) error {
	if token == "" {
		return errors.New("is empty")
	}
	if len(token) > maxMailgunTokenLen {
		return fmt.Errorf("is longer than %d bytes", maxMailgunTokenLen)
	}
	if !mailgunPrintable(token) {
		return errors.New("must be printable ASCII without spaces")
	}
	return nil
}

// checkMailgunID rejects ids that cannot be a safe dedupe key (event ids,
// Message-Ids).
func checkMailgunID(id string) error {
	if id == "" {
		return errors.New("is required")
	}
	if len(id) > maxWebhookIDLen {
		return fmt.Errorf("is longer than %d bytes", maxWebhookIDLen)
	}
	if !mailgunPrintable(id) {
		return errors.New("must be printable ASCII without spaces")
	}
	return nil
}

// mailgunDigits reports whether s is made of ASCII digits only ("" is).
func mailgunDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// mailgunPrintable reports whether s is made of '!' to '~' only.
func mailgunPrintable(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}

// mailgunStripAngle returns the first "<...>" id in s without its brackets, or s
// trimmed when it has none. Message-Id and In-Reply-To come with brackets
// and sometimes with comments or several ids; we keep the first id, as it
// is what our own sent Message-Id is compared with.
func mailgunStripAngle(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '<'); i >= 0 {
		if j := strings.IndexByte(s[i+1:], '>'); j >= 0 {
			return strings.TrimSpace(s[i+1 : i+1+j])
		}
	}
	return s
}

// mailgunCleanText makes provider text safe to store: valid UTF-8 (PostgreSQL
// rejects anything else, and JSON would change it on the way, breaking
// Decode's determinism) and no NUL bytes (PostgreSQL text cannot hold
// them).
func mailgunCleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return s
}

// mailgunTruncate cuts s to at most n bytes at a rune boundary and reports
// whether it cut.
func mailgunTruncate(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut], true
}
