package deploy

import (
	"net"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/config"
)

// prometheusConfig is the part of prometheus.yml the tests check.
type prometheusConfig struct {
	ScrapeConfigs []struct {
		JobName       string `yaml:"job_name"`
		StaticConfigs []struct {
			Targets []string          `yaml:"targets"`
			Labels  map[string]string `yaml:"labels"`
		} `yaml:"static_configs"`
		DNSSDConfigs []struct {
			Names []string `yaml:"names"`
			Type  string   `yaml:"type"`
			Port  int      `yaml:"port"`
		} `yaml:"dns_sd_configs"`
		RelabelConfigs []struct {
			SourceLabels []string `yaml:"source_labels"`
			TargetLabel  string   `yaml:"target_label"`
			Replacement  string   `yaml:"replacement"`
			Action       string   `yaml:"action"`
		} `yaml:"relabel_configs"`
	} `yaml:"scrape_configs"`
}

func TestPrometheusConfig(t *testing.T) {
	t.Parallel()
	project := loadProject(t)

	file := filepath.Join("prometheus", "prometheus.yml")
	require.Equal(t, "/etc/prometheus/prometheus.yml", mountTarget(t, project, "prometheus", file))
	var cfg prometheusConfig
	readYAML(t, file, &cfg)

	roles := map[string]bool{}
	for _, sc := range cfg.ScrapeConfigs {
		// The role label is what dashboards group by; it must be a
		// constant per job so a role is never split or merged.
		role := ""
		for _, rc := range sc.RelabelConfigs {
			if rc.TargetLabel == "role" && len(rc.SourceLabels) == 0 && (rc.Action == "" || rc.Action == "replace") {
				role = rc.Replacement
			}
		}
		for _, st := range sc.StaticConfigs {
			if r, ok := st.Labels["role"]; ok {
				role = r
			}
		}
		require.NotEmpty(t, role, "job %s sets no role label", sc.JobName)
		require.Equal(t, "leadflow-"+role, sc.JobName, "job names follow the role so dashboards can match job=~\"leadflow-.*\"")
		require.False(t, roles[role], "role %s scraped by two jobs", role)
		roles[role] = true

		// Every target must be the compose service of that role, on the
		// port the service's LEADFLOW_HTTP_ADDR listens on.
		var targets []string
		for _, st := range sc.StaticConfigs {
			targets = append(targets, st.Targets...)
		}
		for _, dns := range sc.DNSSDConfigs {
			require.Equal(t, "A", dns.Type, "job %s: compose DNS serves A records only", sc.JobName)
			for _, name := range dns.Names {
				targets = append(targets, net.JoinHostPort(name, strconv.Itoa(dns.Port)))
			}
		}
		require.NotEmpty(t, targets, "job %s has no targets", sc.JobName)
		for _, tg := range targets {
			host, port, err := net.SplitHostPort(tg)
			require.NoError(t, err, "job %s: target %q", sc.JobName, tg)
			require.Equal(t, role, host, "job %s scrapes another service", sc.JobName)
			svc, err := project.GetService(host)
			require.NoError(t, err, "job %s: target %s is not a compose service", sc.JobName, tg)
			_, listen, err := net.SplitHostPort(envValue(t, svc, config.EnvHTTPAddr))
			require.NoError(t, err)
			require.Equal(t, listen, port, "job %s scrapes %s but %s listens on %s", sc.JobName, tg, host, listen)
		}
	}

	var got []string
	for r := range roles {
		got = append(got, r)
	}
	require.ElementsMatch(t, scrapedRoles, got, "every long-running role must be scraped")
}
