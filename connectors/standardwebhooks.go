package connectors

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Standard Webhooks (spec 1.0.0, https://www.standardwebhooks.com) header
// names. They are lower case in the spec; http.Header canonicalizes them.
const (
	// HeaderWebhookID carries the message id, the same on every retry.
	HeaderWebhookID = "webhook-id"
	// HeaderWebhookTimestamp carries the unix time in seconds of this attempt.
	HeaderWebhookTimestamp = "webhook-timestamp"
	// HeaderWebhookSignature carries space-separated "v1,<base64>" signatures.
	HeaderWebhookSignature = "webhook-signature"
)

// standardSecretPrefix starts every symmetric Standard Webhooks secret.
const standardSecretPrefix = "whsec_"

// minStandardKeyLen is the shortest key the spec allows (24 to 64 bytes);
// shorter keys make the HMAC guessable.
const minStandardKeyLen = 24

// maxWebhookIDLen bounds the message id, which becomes a database key.
const maxWebhookIDLen = 255

// ParseStandardSecret decodes a Standard Webhooks secret ("whsec_" followed
// by the base64 of the key; standard encoding, padding optional) into the
// HMAC key. Errors describe the expected form and never echo the secret.
func ParseStandardSecret(s string) ([]byte, error) {
	encoded, ok := strings.CutPrefix(strings.TrimSpace(s), standardSecretPrefix)
	if !ok {
		return nil, errors.New(`parse webhook secret: want "whsec_" followed by the base64 of the key`)
	}
	// Senders print secrets with and without padding; decode both the same.
	key, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(encoded, "="))
	if err != nil {
		// The CorruptInputError text carries only an offset, not the secret.
		return nil, fmt.Errorf(`parse webhook secret: the part after "whsec_" is not standard base64: %w`, err)
	}
	if len(key) < minStandardKeyLen {
		return nil, fmt.Errorf("parse webhook secret: key is %d bytes, want at least %d", len(key), minStandardKeyLen)
	}
	return key, nil
}

// SignStandardWebhook returns the webhook-signature header value
// ("v1,<base64>") for one message. The demo generator and tests use it to
// play the sender.
func SignStandardWebhook(secret, msgID string, ts time.Time, body []byte) (string, error) {
	key, err := ParseStandardSecret(secret)
	if err != nil {
		return "", fmt.Errorf("sign webhook: %w", err)
	}
	if err := checkWebhookID(msgID); err != nil {
		return "", fmt.Errorf("sign webhook: %w", err)
	}
	mac := standardMAC(key, msgID, strconv.FormatInt(ts.Unix(), 10), body)
	return "v1," + base64.StdEncoding.EncodeToString(mac), nil
}

// standardMAC is HMAC-SHA256(key, id + "." + ts + "." + body). ts is the
// header text as sent: the sender signed those bytes, not a number.
func standardMAC(key []byte, id, ts string, body []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(id))
	h.Write([]byte{'.'})
	h.Write([]byte(ts))
	h.Write([]byte{'.'})
	h.Write(body)
	return h.Sum(nil)
}

// checkWebhookID rejects ids that cannot be a safe dedupe key. A '.' is
// forbidden by the spec because it would make "id.ts.body" ambiguous: the
// same signed bytes could be split into a different id and timestamp.
func checkWebhookID(id string) error {
	if id == "" {
		return errors.New("webhook-id is empty")
	}
	if len(id) > maxWebhookIDLen {
		return fmt.Errorf("webhook-id is longer than %d bytes", maxWebhookIDLen)
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c <= ' ' || c > '~' || c == '.' {
			return errors.New("webhook-id must be printable ASCII without spaces or '.'")
		}
	}
	return nil
}

// standardVerifier checks Standard Webhooks v1 signatures against a set of
// keys, with a clock supplied per call.
type standardVerifier struct {
	keys      [][]byte
	tolerance time.Duration
}

// verify returns nil when req carries a fresh timestamp and at least one v1
// signature made with any of the keys. Unknown signature versions (v1a,
// future ones) are skipped, as the spec asks.
func (v *standardVerifier) verify(req *Request, now time.Time) error {
	id := req.Header.Get(HeaderWebhookID)
	if id == "" {
		return unauthorized("missing webhook-id header")
	}
	ts := req.Header.Get(HeaderWebhookTimestamp)
	if ts == "" {
		return unauthorized("missing webhook-timestamp header")
	}
	// Several header lines are as good as one space-separated list.
	sigHeader := strings.Join(req.Header.Values(HeaderWebhookSignature), " ")
	if strings.TrimSpace(sigHeader) == "" {
		return unauthorized("missing webhook-signature header")
	}
	if err := checkWebhookID(id); err != nil {
		return unauthorized(err.Error())
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return unauthorized("webhook-timestamp is not unix seconds")
	}
	// The freshness check comes first: it is cheap and bounds replays.
	// time.Time.Sub saturates, so absurd timestamps cannot overflow.
	if d := now.Sub(time.Unix(sec, 0)); d > v.tolerance || d < -v.tolerance {
		return unauthorized(fmt.Sprintf("webhook-timestamp outside the %s tolerance", v.tolerance))
	}

	var sigs [][]byte
	for _, item := range strings.Fields(sigHeader) {
		version, encoded, ok := strings.Cut(item, ",")
		if !ok || version != "v1" {
			continue
		}
		// Strict: a signature has exactly one encoding. Lenient decoding
		// would accept variants differing in the unused trailing bits, so
		// the header a sender signs would not be the only one that passes.
		if sig, err := base64.StdEncoding.Strict().DecodeString(encoded); err == nil && len(sig) == sha256.Size {
			sigs = append(sigs, sig)
		}
	}
	if len(sigs) == 0 {
		return unauthorized("webhook-signature has no v1 signature")
	}
	for _, key := range v.keys {
		want := standardMAC(key, id, ts, req.Body)
		for _, sig := range sigs {
			if hmac.Equal(sig, want) {
				return nil
			}
		}
	}
	return unauthorized("webhook-signature matches no configured secret")
}
