package email

import (
	"context"
	"crypto/rand"
	"fmt"
)

// UnsubscribeKeyName is the name under which the generated unsubscribe key
// is stored; renaming it would invalidate every link already sent.
const UnsubscribeKeyName = "unsubscribe-links"

// KeyStore keeps the secrets a deployment generates for itself.
type KeyStore interface {
	// AppSecret returns the secret stored under name, storing candidate
	// first when there is none; concurrent first callers all get the one
	// that was stored.
	AppSecret(ctx context.Context, name string, candidate []byte) ([]byte, error)
}

// UnsubscribeKey returns the key unsubscribe links are signed with: the
// configured one when it is set; otherwise a random MinUnsubscribeSecretLen
// key that the first process of the deployment generates and keeps in
// keys, so every role and every restart sign and verify with the same key.
// It is never derived from other settings: those (the database URL above
// all) are often public defaults, and a key anyone can compute lets anyone
// mint a link that unsubscribes any address.
func UnsubscribeKey(ctx context.Context, configured []byte, keys KeyStore) ([]byte, error) {
	if len(configured) > 0 {
		return configured, nil
	}
	candidate := make([]byte, MinUnsubscribeSecretLen)
	if _, err := rand.Read(candidate); err != nil {
		return nil, fmt.Errorf("generate unsubscribe key: %w", err)
	}
	secret, err := keys.AppSecret(ctx, UnsubscribeKeyName, candidate)
	if err != nil {
		return nil, fmt.Errorf("load the unsubscribe key %q: %w", UnsubscribeKeyName, err)
	}
	return secret, nil
}
