package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestConnectorRegistry: a connector is served exactly when its secret is
// set, so no endpoint runs unauthenticated.
func TestConnectorRegistry(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{name: "no secrets, no connectors", want: []string{}},
		{name: "generic", env: map[string]string{EnvWebhookSecrets: "whsec_c3RhbmRhcmQtd2ViaG9va3MtdGVzdC1rZXktMzJieXQ="}, want: []string{"generic"}},
		{name: "mailgun serves inbound and events", env: map[string]string{EnvMailgunSigningKey: "key-1"}, want: []string{"mailgun-events", "mailgun-inbound"}},
		{name: "typeform and tiktok", env: map[string]string{EnvTypeformSecret: "tf-secret", EnvTikTokSecret: "tt-secret"}, want: []string{"tiktok", "typeform"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Load(envFrom(tt.env))
			require.NoError(t, err)
			reg, err := cfg.ConnectorRegistry()
			require.NoError(t, err)
			names := reg.Names()
			if names == nil {
				names = []string{}
			}
			require.ElementsMatch(t, tt.want, names)
		})
	}
}
