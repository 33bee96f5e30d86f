package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/config"
)

// TestHelpDocumentsCommandsAndEnvironment: the top-level help and the
// roles' help list every variable; other commands' help does not (see
// TestCLIHelp).
func TestHelpDocumentsCommandsAndEnvironment(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"top level", []string{"--help"}, []string{"serve", "worker", "scheduler", "run", "migrate", "demo", "version"}},
		{"serve", []string{"serve", "--help"}, []string{"Usage: leadflow serve"}},
		{"run", []string{"run", "-h"}, []string{"Usage: leadflow run"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			require.Equal(t, 0, run(context.Background(), tt.args, &out, &errOut), errOut.String())
			for _, w := range tt.want {
				require.Contains(t, out.String(), w)
			}
			for _, ev := range config.EnvVars() {
				require.Contains(t, out.String(), ev.Name, "every variable is documented")
			}
		})
	}
}

func TestUnknownCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 2, run(context.Background(), []string{"serv"}, &out, &errOut))
	require.Contains(t, errOut.String(), `unknown command "serv"`)
}

func TestInvalidConfigStopsStartup(t *testing.T) {
	t.Setenv(config.EnvHTTPAddr, "8080")
	t.Setenv(config.EnvWebhookSecrets, "whsec_!!!")
	var out, errOut bytes.Buffer
	require.Equal(t, 1, run(context.Background(), []string{"serve"}, &out, &errOut))
	require.Contains(t, errOut.String(), "LEADFLOW_HTTP_ADDR: expected host:port")
	require.Contains(t, errOut.String(), "LEADFLOW_WEBHOOK_SECRETS[0]")
	require.NotContains(t, errOut.String(), "!!!", "secrets are never echoed")
}

func TestVersion(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"version"}, &out, &errOut))
	require.Equal(t, "leadflow dev\n", out.String())
}
