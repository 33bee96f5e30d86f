package deploy

import (
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAlertRules checks every alert expression against the metrics leadflow
// exports (a renamed metric fails here) and, where Debian's promtool is
// installed, with `promtool check rules`.
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

	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Log("promtool not installed (apt-get install prometheus); skipped its check")
		return
	}
	out, err := exec.Command(promtool, "check", "rules", "prometheus/alerts.yml").CombinedOutput()
	require.NoError(t, err, string(out))
	_, err = os.Stat("prometheus/alerts.yml")
	require.NoError(t, err)
}
