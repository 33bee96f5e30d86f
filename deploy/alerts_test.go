package deploy

import (
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
)

// TestAlertRules checks every alert expression against the metrics leadflow
// exports, so a renamed metric fails here.
func TestAlertRules(t *testing.T) {
	var rules struct {
		Groups []struct {
			Name  string `yaml:"name"`
			Rules []struct {
				Alert string `yaml:"alert"`
				Expr  string `yaml:"expr"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	readYAML(t, "prometheus/alerts.yml", &rules)
	require.NotEmpty(t, rules.Groups)
	n := 0
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			require.NotEmpty(t, r.Alert)
			require.Empty(t, checkPromQL(r.Expr), "alert %s", r.Alert)
			n++
		}
	}
	require.GreaterOrEqual(t, n, 5)
}

// TestAlertRulesPromtool runs Debian's `promtool check rules` on the alert
// rules: Prometheus's own parser and rule checks. It skips on a machine
// without promtool and fails there under CI=true (.ci/run installs it).
func TestAlertRulesPromtool(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		testenv.Missing(t, "promtool not installed (apt-get install prometheus)")
	}
	out, err := exec.Command(promtool, "check", "rules", "prometheus/alerts.yml").CombinedOutput()
	require.NoError(t, err, string(out))
	require.Contains(t, string(out), "SUCCESS", "promtool checked the rules")
}
