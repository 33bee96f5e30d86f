package demo

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"leadflow/connectors"
)

// SecretFile holds the demo's webhook secret under its directory: generated
// on the first run and kept, so a `leadflow post` line printed once keeps
// working on later runs.
const SecretFile = "demo/webhook-secret"

// NewSecret returns a fresh Standard Webhooks secret (whsec_…).
func NewSecret() (string, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return "", fmt.Errorf("generate webhook secret: %w", err)
	}
	return "whsec_" + base64.StdEncoding.EncodeToString(key), nil
}

// Secret returns the webhook secret of the demo directory dir and the file
// holding it, generating it on the first run (0600: it is a secret, if only
// a local demo's).
func Secret(dir string) (secret, path string, err error) {
	path = filepath.Join(dir, SecretFile)
	raw, err := os.ReadFile(path)
	switch {
	case err == nil:
		secret = strings.TrimSpace(string(raw))
		if _, err := connectors.ParseStandardSecret(secret); err != nil {
			return "", path, fmt.Errorf("demo webhook secret %s: %w (delete the file to get a new one)", path, err)
		}
		return secret, path, nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", path, fmt.Errorf("read the demo webhook secret: %w", err)
	}
	if secret, err = NewSecret(); err != nil {
		return "", path, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", path, fmt.Errorf("store the demo webhook secret: %w", err)
	}
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		return "", path, fmt.Errorf("store the demo webhook secret: %w", err)
	}
	return secret, path, nil
}
