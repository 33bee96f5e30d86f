package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// realSendingEnv is a complete Mailgun setup: an https public URL and a
// YAML file with the footer and a From in the sending domain. Tests take
// one piece away at a time.
func realSendingEnv(t *testing.T, yaml string) map[string]string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "leadflow.yaml")
	require.NoError(t, os.WriteFile(path, []byte(yaml), 0o600))
	return map[string]string{
		EnvMailgunAPIKey: "key-test", EnvMailgunDomain: "mg.acme.io", EnvUnsubscribeSecret: "0123456789abcdef0123456789abcdef",
		EnvPublicURL: "https://leads.example.com", EnvConfigFile: path,
	}
}

const completeEmailYAML = `email:
  from: "Acme Sales <sales@mg.acme.io>"
  footer:
    company: Acme Inc.
    postal_address: |
      500 Market St
      San Francisco, CA 94105
`

// TestRealSendingNeedsHTTPSPublicURL is issue 16 item 1: with a Mailgun
// key, unsubscribe links went out as http://127.0.0.1:8080/u/…, a dead
// link, and RFC 8058 one-click needs https.
func TestRealSendingNeedsHTTPSPublicURL(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, publicURL string
	}{
		{"default", ""},
		{"plain http", "http://leads.example.com"},
		{"loopback", "http://127.0.0.1:8080"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env := realSendingEnv(t, completeEmailYAML)
			env[EnvPublicURL] = tt.publicURL
			_, err := Load(envFrom(env))
			require.ErrorContains(t, err, EnvPublicURL+": must be an https:// URL when "+EnvMailgunAPIKey+" is set")
		})
	}
	c, err := Load(envFrom(realSendingEnv(t, completeEmailYAML)))
	require.NoError(t, err)
	require.Equal(t, "https://leads.example.com", c.PublicURL)
}

// TestLocalPublicURLFollowsListenAddress: without Mailgun (the local sink,
// the demo), the default link points at the address the server listens on,
// not at a fixed 127.0.0.1:8080 another port makes dead.
func TestLocalPublicURLFollowsListenAddress(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ addr, want string }{
		{"", "http://127.0.0.1:8080"},
		{"127.0.0.1:9090", "http://127.0.0.1:9090"},
		{":8081", "http://127.0.0.1:8081"},
		{"0.0.0.0:8082", "http://127.0.0.1:8082"},
		{"[::1]:8083", "http://[::1]:8083"},
		{"leads.internal:8084", "http://leads.internal:8084"},
	} {
		c, err := Load(envFrom(map[string]string{EnvHTTPAddr: tt.addr}))
		require.NoError(t, err, tt.addr)
		require.Equal(t, tt.want, c.PublicURL, tt.addr)
	}
	c, err := Load(envFrom(map[string]string{EnvHTTPAddr: "127.0.0.1:9090", EnvPublicURL: "http://demo.local:7000/"}))
	require.NoError(t, err)
	require.Equal(t, "http://demo.local:7000", c.PublicURL, "a configured URL wins")
}

// TestRealSendingNeedsSenderIdentity is issue 16 item 2: marketing email
// carried no company and no postal address (CAN-SPAM), and was sent from
// sales@example.com whatever the Mailgun domain.
func TestRealSendingNeedsSenderIdentity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, yaml, wantErr string
	}{
		{"no footer", "email:\n  from: \"Acme <sales@mg.acme.io>\"\n", "email.footer.company: is required when " + EnvMailgunAPIKey + " is set"},
		{"no postal address", "email:\n  from: \"Acme <sales@mg.acme.io>\"\n  footer: {company: Acme Inc.}\n", "email.footer.postal_address: is required"},
		{"blank reason", "email:\n  from: \"Acme <sales@mg.acme.io>\"\n  footer: {company: Acme Inc., postal_address: 1 Main St, reason: \" \"}\n", "email.footer.reason"},
		{"default from", "email:\n  footer: {company: Acme Inc., postal_address: 1 Main St}\n", "email.from: the sender's domain example.com is not aligned with " + EnvMailgunDomain + "=mg.acme.io"},
		{"from another domain", "email:\n  from: sales@other.io\n  footer: {company: Acme Inc., postal_address: 1 Main St}\n", "email.from: the sender's domain other.io"},
		{"from a look-alike domain", "email:\n  from: sales@evilmg.acme.io\n  footer: {company: Acme Inc., postal_address: 1 Main St}\n", "email.from"},
		{"from not an address", "email:\n  from: Sales\n  footer: {company: Acme Inc., postal_address: 1 Main St}\n", "email.from: expected an address"},
		{"sending domain itself", completeEmailYAML, ""},
		{"parent domain", "email:\n  from: \"Acme <sales@acme.io>\"\n  footer: {company: Acme Inc., postal_address: 1 Main St}\n", ""},
		{"subdomain", "email:\n  from: sales@news.mg.acme.io\n  footer: {company: Acme Inc., postal_address: 1 Main St}\n", ""},
		{"case", "email:\n  from: Sales@MG.Acme.IO\n  footer: {company: Acme Inc., postal_address: 1 Main St}\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(envFrom(realSendingEnv(t, tt.yaml)))
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.NotEmpty(t, c.File.Email.Footer.Company)
			require.Equal(t, DefaultEmailReason, c.File.Email.Footer.Reason)
		})
	}

	// The local sink needs none of it: the demo runs on defaults.
	c, err := Load(envFrom(nil))
	require.NoError(t, err)
	require.Empty(t, c.File.Email.Footer.Company)
	f, err := ParseFile([]byte(completeEmailYAML))
	require.NoError(t, err)
	require.Equal(t, EmailFooter{Company: "Acme Inc.", PostalAddress: "500 Market St\nSan Francisco, CA 94105\n", Reason: DefaultEmailReason}, f.Email.Footer)
}
