package demo

import (
	"net"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/config"
)

func TestConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		env     map[string]string
		wantErr bool
	}{
		{name: "the demo's servers win over the environment", env: map[string]string{config.EnvDatabaseURL: "postgres://elsewhere/x", config.EnvLogLevel: "debug"}},
		{name: "other settings come from the environment", env: map[string]string{config.EnvHTTPAddr: "127.0.0.1:9999"}},
		{name: "a bad setting is refused", env: map[string]string{config.EnvHTTPAddr: "9999"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secret, err := NewSecret()
			require.NoError(t, err)
			cfg, err := Config("postgres://demo/leadflow", "redis://127.0.0.1:1/0", secret, func(k string) string { return tt.env[k] })
			if tt.wantErr {
				require.ErrorContains(t, err, "invalid configuration")
				return
			}
			require.NoError(t, err)
			require.Equal(t, "postgres://demo/leadflow", cfg.DatabaseURL)
			require.Equal(t, "redis://127.0.0.1:1/0", cfg.RedisURL)
			require.Equal(t, []string{secret}, cfg.WebhookSecrets)
			if addr := tt.env[config.EnvHTTPAddr]; addr != "" {
				require.Equal(t, addr, cfg.HTTPAddr)
			}
		})
	}
}

func TestListenFallsBackToAFreePort(t *testing.T) {
	t.Parallel()
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	ln, err := Listen(busy.Addr().String())
	require.NoError(t, err)
	defer ln.Close()
	require.NotEqual(t, busy.Addr().String(), ln.Addr().String())
}

func TestSampleTemplates(t *testing.T) {
	t.Parallel()
	f := config.File{}
	f.Routing.NurtureProgram = "default"
	f.Email.Nurture = map[string][]config.NurtureStep{"default": {{Template: "welcome"}, {Template: "later"}}}
	f.Email.RepNotification = "new-deal"
	require.Equal(t, [][]string{{"welcome"}, {"new-deal", "digest"}}, SampleTemplates(f, "digest"))
	require.Equal(t, [][]string{{"welcome"}, {"new-deal"}}, SampleTemplates(f, ""))
	require.Empty(t, SampleTemplates(config.File{}, "digest"))
}
