package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
)

// TestCompanySizeRoutesAsItScores is issue 18's acceptance: company size
// is read one way (lead.CompanySize) by scoring, routing and `route
// simulate`, so a "10,000+" lead matched by a min_company_size rule goes
// to that rule's team, and the simulation agrees with production.
func TestCompanySizeRoutesAsItScores(t *testing.T) {
	// Not parallel: the simulate command reads the process environment.
	dbURL := testenv.DatabaseURL(t)
	cfgFile := filepath.Join(t.TempDir(), "leadflow.yaml")
	require.NoError(t, os.WriteFile(cfgFile, []byte(`routing:
  reps:
    - {name: Ent Rep, email: ent@reps.example.com}
    - {name: Smb Rep, email: smb@reps.example.com}
  teams:
    - {name: enterprise, members: [{email: ent@reps.example.com}]}
    - {name: smb, members: [{email: smb@reps.example.com}]}
  rules:
    - {name: big companies, when: {min_company_size: 500}, team: enterprise}
  fallback_team: smb
`), 0o600))
	b := setupWith(t, dbURL, testenv.RedisURL(t), options{env: map[string]string{config.EnvConfigFile: cfgFile}})

	sizes := []struct {
		key, size, team string
	}{
		{"company_size", "10,000+", "enterprise"},
		{"company_size", "1k-5k", "enterprise"},
		{"company_size", "500", "enterprise"},
		{"Company_Size", "2,500 employees", "enterprise"},
		{"employees", "750", "enterprise"},
		{"company_size", "51-200", "smb"},
		{"company_size", "<10", "smb"},
		{"company_size", "unknown", "smb"},
	}
	for i, s := range sizes {
		var body map[string]any
		require.NoError(t, json.Unmarshal(leadBody(fmt.Sprintf("size%d@example.com", i), true), &body))
		data := body["data"].(map[string]any)
		data["phone"] = fmt.Sprintf("+1 555 555 01%02d", i) // one person per lead
		data["attributes"] = map[string]any{s.key: s.size}
		raw, err := json.Marshal(body)
		require.NoError(t, err)
		require.Equal(t, http.StatusAccepted, b.post(t, testSecret, fmt.Sprint("msg_size", i), time.Now(), raw).Status)
	}
	b.waitRouted(t, len(sizes))
	for i, s := range sizes {
		got := b.query(t, `SELECT d.team FROM deals d JOIN contact_identities ci ON ci.contact_id = d.contact_id
			WHERE ci.kind = 'email' AND ci.value = $1`, fmt.Sprintf("size%d@example.com", i))
		require.Equal(t, []string{s.team}, got, "%s %q", s.key, s.size)
	}

	// The simulation replays the same leads through the same rules.
	t.Setenv(config.EnvDatabaseURL, dbURL)
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"route", "simulate", "--since", "1d", "--config", cfgFile}, &out, &errOut), errOut.String())
	rows := map[string][]string{}
	for _, l := range strings.Split(out.String(), "\n") {
		if f := strings.Fields(l); len(f) == 4 && strings.Contains(f[1], "@") {
			rows[f[0]] = f[2:]
		}
	}
	require.Equal(t, []string{"5", "5"}, rows["enterprise"], "simulated and actual agree: %s", out.String())
	require.Equal(t, []string{"3", "3"}, rows["smb"], "simulated and actual agree: %s", out.String())
}
