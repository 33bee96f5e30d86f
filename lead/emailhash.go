package lead

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// The hashed form of an email address. An erased person's address is kept
// only as its SHA-256 (suppression_hashes.email_sha256), and an erased
// outbox row carries it as "sha256:<hex>"; the store writes and reads that
// form, package privacy decides when it replaces an address. One home, so
// the two cannot disagree on what is hashed.

// HashedEmailPrefix marks an address replaced by the hex SHA-256 of the
// normalized address.
const HashedEmailPrefix = "sha256:"

// SuppressionAddress is an address as the suppression lists key it:
// trimmed and lower-cased.
func SuppressionAddress(address string) string {
	return strings.ToLower(strings.TrimSpace(address))
}

// EmailSHA256 is the SHA-256 of a normalized (SuppressionAddress) email
// address. An address already written as "sha256:<hex>" (an erased outbox
// row) yields the hash it carries.
func EmailSHA256(address string) []byte {
	a := SuppressionAddress(address)
	if h, ok := strings.CutPrefix(a, HashedEmailPrefix); ok {
		if b, err := hex.DecodeString(h); err == nil && len(b) == sha256.Size {
			return b
		}
	}
	sum := sha256.Sum256([]byte(a))
	return sum[:]
}

// HashedEmail is the "sha256:<hex>" form stored in place of an address;
// hashing a hashed address keeps it.
func HashedEmail(address string) string {
	return HashedEmailPrefix + hex.EncodeToString(EmailSHA256(address))
}

// IsHashedEmail reports whether an address is in the hashed form.
func IsHashedEmail(address string) bool {
	return strings.HasPrefix(address, HashedEmailPrefix)
}
