package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestCRMSection(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		env  map[string]string
		errs []string
		want func(t *testing.T, c Config)
	}{
		{name: "off by default", want: func(t *testing.T, c Config) {
			require.Empty(t, c.File.CRM.EnabledTargets())
			require.Equal(t, 10*time.Second, c.File.CRM.PushEvery)
			require.Equal(t, []string{"hot"}, c.File.CRM.PushFilter("hubspot").Bands)
		}},
		{name: "both enabled", yaml: `crm:
  push_every: 5s
  odoo: {enabled: true, url: "https://acme.odoo.com", database: acme, username: sync@acme.com, stages: {Won: Won, Qualification: Qualified}}
  hubspot: {enabled: true, app_id: "123", stages: {Won: closedwon}, push: {bands: [hot, warm]}}
`, env: map[string]string{EnvOdooAPIKey: "k", EnvHubSpotToken: "pat", EnvHubSpotClientSecret: "cs"}, want: func(t *testing.T, c Config) {
			require.Equal(t, []string{"odoo", "hubspot"}, c.File.CRM.EnabledTargets())
			require.Equal(t, 5*time.Second, c.File.CRM.PushEvery)
			require.Equal(t, "https://api.hubapi.com", c.File.CRM.HubSpot.BaseURL)
			require.Equal(t, []string{"hot", "warm"}, c.File.CRM.PushFilter("hubspot").Bands)
			require.Equal(t, CRMSecrets{OdooAPIKey: "k", HubSpotToken: "pat", HubSpotClientSecret: "cs"}, c.CRM)
		}},
		{name: "missing settings are named", yaml: `crm:
  push_every: 10ms
  odoo: {enabled: true, url: "ftp://x", stages: {Signed: S}, push: {bands: [lukewarm]}}
  hubspot: {enabled: true, stages: {Won: ""}}
`, errs: []string{"crm.push_every: expected a duration of at least 1s", "crm.odoo.url: expected the Odoo server's http(s) URL",
			"crm.odoo.database: is required", "crm.odoo.username: is required", `crm.odoo.stages: "Signed" is not a stage`,
			`crm.odoo.push.bands[0]: expected hot, warm or cold, got "lukewarm"`, "crm.hubspot.app_id: is required",
			`crm.hubspot.stages["Won"]: must name the CRM's stage`}},
		{name: "credentials are required", yaml: `crm:
  odoo: {enabled: true, url: "https://acme.odoo.com", database: acme, username: sync}
  hubspot: {enabled: true, app_id: "1"}
`, errs: []string{EnvOdooAPIKey + ": is required when crm.odoo.enabled", EnvHubSpotToken + ": is required", EnvHubSpotClientSecret + ": is required"}},
		{name: "unknown key", yaml: "crm:\n  odoo: {enabeld: true}\n", errs: []string{"enabeld"}},
		{name: "push lease default", want: func(t *testing.T, c Config) { require.Equal(t, 2*time.Minute, c.CRMPushLease) }},
		{name: "push lease set", env: map[string]string{EnvCRMPushLease: "5s"}, want: func(t *testing.T, c Config) {
			require.Equal(t, 5*time.Second, c.CRMPushLease)
		}},
		{name: "push lease too short", env: map[string]string{EnvCRMPushLease: "4s"},
			errs: []string{EnvCRMPushLease + `: expected a duration from 5s to 1h0m0s such as 2m, got "4s"`}},
		{name: "push lease too long", env: map[string]string{EnvCRMPushLease: "2h"}, errs: []string{EnvCRMPushLease + ": expected a duration"}},
		{name: "push lease without a unit", env: map[string]string{EnvCRMPushLease: "120"}, errs: []string{EnvCRMPushLease + `: expected a duration from 5s to 1h0m0s such as 2m, got "120"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tt.env {
				env[k] = v
			}
			if tt.yaml != "" {
				path := filepath.Join(t.TempDir(), "leadflow.yaml")
				require.NoError(t, os.WriteFile(path, []byte(tt.yaml), 0o600))
				env[EnvConfigFile] = path
			}
			c, err := Load(func(k string) string { return env[k] })
			if len(tt.errs) == 0 {
				require.NoError(t, err)
				tt.want(t, c)
				return
			}
			require.Error(t, err)
			for _, e := range tt.errs {
				require.Contains(t, err.Error(), e)
			}
		})
	}
}
