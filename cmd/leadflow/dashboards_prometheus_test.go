//go:build prometheus

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/crm"
	"leadflow/crmsync/crmsynctest"
	"leadflow/internal/demo"
	"leadflow/internal/testenv"
)

// TestDashboardQueriesAgainstPrometheus scrapes a running leadflow with a
// real Prometheus (Debian's `prometheus` package) and runs every PromQL
// query of the dashboards: each must be valid and return series. It also
// loads the alert rules and requires every one to evaluate without error.
// Run it with `make test-dashboards` (go test -tags prometheus); it is not
// part of `make test`.
func TestDashboardQueriesAgainstPrometheus(t *testing.T) {
	bin, err := exec.LookPath("prometheus")
	require.NoError(t, err, "install Debian's prometheus package")
	// A CRM target (a fake of one: the panels read leadflow's own CRM
	// sync metrics, whatever the CRM) so the CRM panels have series.
	yaml := filepath.Join(t.TempDir(), "leadflow.yaml")
	require.NoError(t, os.WriteFile(yaml, []byte("crm:\n  push_every: 1s\n"), 0o600))
	b := setupWith(t, testenv.DatabaseURL(t), testenv.RedisURL(t), options{env: map[string]string{config.EnvConfigFile: yaml},
		crmTargets: []crm.Target{crmsynctest.New("fake")}})
	// What `make demo` does: the seeded synthetic leads, signed, plus a
	// forged one.
	rep, err := demo.Post(context.Background(), http.DefaultClient, b.baseURL, testSecret, demo.Generate(1, 300, time.Now()), 8)
	require.NoError(t, err)
	require.Equal(t, 300, rep.ByStatus[http.StatusAccepted])
	require.Equal(t, http.StatusUnauthorized, b.post(t, otherSecret, "msg_dash3", time.Now(), leadBody("eve@example.org", true)).Status)
	b.waitRouted(t, 150)

	alerts, err := filepath.Abs("../../deploy/prometheus/alerts.yml")
	require.NoError(t, err)
	dir := t.TempDir()
	target := strings.TrimPrefix(b.baseURL, "http://")
	cfg := fmt.Sprintf(`global: {scrape_interval: 1s, evaluation_interval: 1s}
rule_files: [%q]
scrape_configs:
  - job_name: leadflow-serve
    static_configs: [{targets: [%q], labels: {role: serve}}]
`, alerts, target)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "prometheus.yml"), []byte(cfg), 0o600))
	cmd := exec.Command(bin, "--config.file="+filepath.Join(dir, "prometheus.yml"), "--storage.tsdb.path="+filepath.Join(dir, "data"),
		"--web.listen-address=127.0.0.1:0")
	logf, err := os.Create(filepath.Join(dir, "prometheus.log"))
	require.NoError(t, err)
	cmd.Stdout, cmd.Stderr = logf, logf
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	// Prometheus binds a port of its own choosing and logs it: a port
	// picked here and closed before it binds could be taken meanwhile.
	listening := regexp.MustCompile(`msg="Listening on" address=(127\.0\.0\.1:[0-9]+)`)
	var promAddr string
	require.Eventually(t, func() bool {
		raw, _ := os.ReadFile(logf.Name())
		if m := listening.FindSubmatch(raw); m != nil {
			promAddr = string(m[1])
		}
		return promAddr != ""
	}, 60*time.Second, 50*time.Millisecond, "Prometheus did not log its address (see %s)", logf.Name())
	base := "http://" + promAddr

	// rate() needs two samples: wait until a counter has one.
	require.Eventually(t, func() bool {
		status, n, _ := promQuery(t, base, `sum(rate(leadflow_intake_requests_total[1m]))`)
		return status == "success" && n > 0
	}, 60*time.Second, 500*time.Millisecond, "Prometheus did not scrape leadflow (see %s)", logf.Name())

	files, err := filepath.Glob("../../deploy/grafana/dashboards/*.json")
	require.NoError(t, err)
	checked := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		var d struct {
			Panels []struct {
				Title   string `json:"title"`
				Targets []struct {
					Expr string `json:"expr"`
				} `json:"targets"`
			} `json:"panels"`
		}
		require.NoError(t, json.Unmarshal(raw, &d))
		for _, p := range d.Panels {
			for _, tg := range p.Targets {
				if tg.Expr == "" {
					continue
				}
				expr := strings.NewReplacer("$__rate_interval", "1m", "$__range", "5m", "$__interval", "15s").Replace(tg.Expr)
				status, n, errText := promQuery(t, base, expr)
				require.Equal(t, "success", status, "%s: %s: %s", filepath.Base(f), p.Title, errText)
				require.Positive(t, n, "%s: panel %q has no data: %s", filepath.Base(f), p.Title, expr)
				checked++
			}
		}
	}
	require.Greater(t, checked, 20)

	// Every alert rule evaluates without error.
	require.Eventually(t, func() bool {
		res, err := http.Get(base + "/api/v1/rules")
		if err != nil {
			return false
		}
		defer res.Body.Close()
		var body struct {
			Data struct {
				Groups []struct {
					Rules []struct {
						Name   string `json:"name"`
						Health string `json:"health"`
					} `json:"rules"`
				} `json:"groups"`
			} `json:"data"`
		}
		if json.NewDecoder(res.Body).Decode(&body) != nil || len(body.Data.Groups) == 0 {
			return false
		}
		for _, g := range body.Data.Groups {
			for _, r := range g.Rules {
				if r.Health != "ok" {
					return false
				}
			}
		}
		return true
	}, 30*time.Second, 500*time.Millisecond, "alert rules did not all evaluate")
}

// promQuery runs an instant query against a Prometheus server.
func promQuery(t *testing.T, base, expr string) (status string, results int, errText string) {
	t.Helper()
	res, err := http.Get(base + "/api/v1/query?query=" + url.QueryEscape(expr))
	if err != nil {
		return "", 0, err.Error()
	}
	defer res.Body.Close()
	var body struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			Result []json.RawMessage `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		return "", 0, err.Error()
	}
	return body.Status, len(body.Data.Result), body.Error
}
