package deploy

import (
	"encoding/json"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

const (
	// grafanaDatasourceUID is the uid every dashboard panel refers to; the
	// provisioned datasource must carry it.
	grafanaDatasourceUID = "prometheus"
	// postgresDatasourceUID is the uid of the PostgreSQL datasource that
	// SQL panels refer to; their queries are run by TestCampaignsDashboardSQL.
	postgresDatasourceUID = "postgres"
	// grafanaGridColumns is the width of Grafana's layout grid.
	grafanaGridColumns = 24
)

var (
	dashboardsDir   = filepath.Join("grafana", "dashboards")
	provisioningDir = filepath.Join("grafana", "provisioning")
)

// dashboard is the part of Grafana's dashboard JSON model the tests check.
type dashboard struct {
	UID           string  `json:"uid"`
	Title         string  `json:"title"`
	SchemaVersion int     `json:"schemaVersion"`
	Panels        []panel `json:"panels"`
	Templating    struct {
		List []templateVar `json:"list"`
	} `json:"templating"`
}

type panel struct {
	ID          int         `json:"id"`
	Type        string      `json:"type"`
	Title       string      `json:"title"`
	Datasource  *datasource `json:"datasource"`
	GridPos     gridPos     `json:"gridPos"`
	Targets     []target    `json:"targets"`
	Panels      []panel     `json:"panels"` // a row's panels while it is collapsed
	Collapsed   bool        `json:"collapsed"`
	Description string      `json:"description"`
}

type datasource struct {
	Type string `json:"type"`
	UID  string `json:"uid"`
}

type gridPos struct {
	H int `json:"h"`
	W int `json:"w"`
	X int `json:"x"`
	Y int `json:"y"`
}

type target struct {
	RefID      string      `json:"refId"`
	Expr       string      `json:"expr"`
	RawSQL     string      `json:"rawSql"`
	Datasource *datasource `json:"datasource"`
}

type templateVar struct {
	Name       string          `json:"name"`
	Type       string          `json:"type"`
	Query      json.RawMessage `json:"query"`
	Datasource *datasource     `json:"datasource"`
}

// dashboardFiles returns every dashboard JSON file, failing when there is
// none (a broken glob must not pass vacuously).
func dashboardFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dashboardsDir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no dashboards in %s", dashboardsDir)
	return files
}

func loadDashboard(t *testing.T, file string) dashboard {
	t.Helper()
	raw, err := os.ReadFile(file)
	require.NoError(t, err)
	var d dashboard
	require.NoError(t, json.Unmarshal(raw, &d), "parse dashboard %s", file)
	return d
}

// flatten returns every panel, including those inside collapsed rows.
func flatten(panels []panel) []panel {
	var out []panel
	for _, p := range panels {
		out = append(out, p)
		out = append(out, flatten(p.Panels)...)
	}
	return out
}

func TestDashboards(t *testing.T) {
	t.Parallel()
	uids := map[string]string{}
	used := map[string]bool{} // metric families queried by any dashboard
	for _, file := range dashboardFiles(t) {
		d := loadDashboard(t, file)
		t.Run(filepath.Base(file), func(t *testing.T) {
			require.NotEmpty(t, d.Title)
			require.NotEmpty(t, d.UID, "a dashboard without uid gets a new URL on every provisioning")
			require.LessOrEqual(t, len(d.UID), 40, "Grafana rejects uids over 40 characters")
			require.Empty(t, uids[d.UID], "uid %q also used by %s", d.UID, uids[d.UID])
			uids[d.UID] = file
			// Grafana migrates older models on load; below 36 panels still
			// used the legacy datasource-by-name form.
			require.GreaterOrEqual(t, d.SchemaVersion, 36)

			panels := flatten(d.Panels)
			require.NotEmpty(t, panels)
			checkLayout(t, panels)
			for _, p := range panels {
				for _, family := range checkPanel(t, p) {
					used[family] = true
				}
			}
			for _, v := range d.Templating.List {
				for _, family := range checkTemplateVar(t, v) {
					used[family] = true
				}
			}
		})
	}

	if t.Failed() {
		return // a failed panel check stops before its metrics are counted
	}
	// A metric nobody looks at is either dead code or a missing panel.
	for name := range exportedMetrics {
		require.True(t, used[name], "no dashboard panel queries %s", name)
	}
}

// checkLayout checks ids are unique and panels fit the grid without
// overlapping, which Grafana would otherwise silently rearrange.
func checkLayout(t *testing.T, panels []panel) {
	t.Helper()
	ids := map[int]string{}
	occupied := map[[2]int]string{}
	for _, p := range panels {
		require.NotZero(t, p.ID, "panel %q has no id", p.Title)
		require.Empty(t, ids[p.ID], "panel id %d used by %q and %q", p.ID, ids[p.ID], p.Title)
		ids[p.ID] = p.Title

		g := p.GridPos
		require.True(t, g.W > 0 && g.H > 0 && g.X >= 0 && g.Y >= 0 && g.X+g.W <= grafanaGridColumns,
			"panel %q has gridPos %+v outside the %d-column grid", p.Title, g, grafanaGridColumns)
		for x := g.X; x < g.X+g.W; x++ {
			for y := g.Y; y < g.Y+g.H; y++ {
				cell := [2]int{x, y}
				require.Empty(t, occupied[cell], "panels %q and %q overlap at %v", occupied[cell], p.Title, cell)
				occupied[cell] = p.Title
			}
		}
	}
}

// checkPanel checks one panel's datasource and queries and returns the
// metric families it uses.
func checkPanel(t *testing.T, p panel) []string {
	t.Helper()
	if p.Type == "row" {
		return nil
	}
	require.NotEmpty(t, p.Title, "panel %d has no title", p.ID)
	require.NotEmpty(t, p.Targets, "panel %q has no queries", p.Title)
	require.NotNil(t, p.Datasource, "panel %q has no datasource", p.Title)
	if p.Datasource.UID == postgresDatasourceUID {
		checkSQLPanel(t, p)
		return nil
	}
	require.Equal(t, grafanaDatasourceUID, p.Datasource.UID, "panel %q", p.Title)

	var families []string
	refIDs := map[string]bool{}
	for _, tg := range p.Targets {
		require.NotEmpty(t, tg.RefID, "panel %q has a query without refId", p.Title)
		require.False(t, refIDs[tg.RefID], "panel %q repeats refId %s", p.Title, tg.RefID)
		refIDs[tg.RefID] = true
		if tg.Datasource != nil {
			require.Equal(t, grafanaDatasourceUID, tg.Datasource.UID, "panel %q query %s", p.Title, tg.RefID)
		}
		require.NotEmpty(t, tg.Expr, "panel %q query %s is empty", p.Title, tg.RefID)
		require.Empty(t, checkPromQL(tg.Expr), "panel %q query %s: %s", p.Title, tg.RefID, tg.Expr)
		families = append(families, metricFamilies(t, tg.Expr)...)
	}
	return families
}

// checkSQLPanel checks the static shape of a panel on the PostgreSQL
// datasource: every query is raw SQL on that same datasource. Whether the SQL
// runs, and returns data, is TestCampaignsDashboardSQL's job.
func checkSQLPanel(t *testing.T, p panel) {
	t.Helper()
	require.NotEmpty(t, p.Description, "SQL panel %q: say in one sentence what question it answers", p.Title)
	refIDs := map[string]bool{}
	for _, tg := range p.Targets {
		require.NotEmpty(t, tg.RefID, "panel %q has a query without refId", p.Title)
		require.False(t, refIDs[tg.RefID], "panel %q repeats refId %s", p.Title, tg.RefID)
		refIDs[tg.RefID] = true
		if tg.Datasource != nil {
			require.Equal(t, postgresDatasourceUID, tg.Datasource.UID, "panel %q query %s", p.Title, tg.RefID)
		}
		require.Empty(t, tg.Expr, "panel %q query %s: a PromQL expr on the PostgreSQL datasource", p.Title, tg.RefID)
		require.NotEmpty(t, tg.RawSQL, "panel %q query %s has no rawSql", p.Title, tg.RefID)
	}
}

// labelValuesQuery is Grafana's label_values([selector,] label) variable query.
var labelValuesQuery = regexp.MustCompile(`^\s*label_values\(\s*(?:(.+?)\s*,\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$`)

// checkTemplateVar checks a dashboard variable that queries Prometheus and
// returns the metric families it uses.
func checkTemplateVar(t *testing.T, v templateVar) []string {
	t.Helper()
	if v.Type != "query" {
		return nil
	}
	if v.Datasource != nil && v.Datasource.UID == postgresDatasourceUID {
		return nil // a SQL query, run by TestCampaignsDashboardSQL
	}
	if v.Datasource != nil {
		require.Equal(t, grafanaDatasourceUID, v.Datasource.UID, "variable %s", v.Name)
	}
	// The query is a string in old models and {"query": "..."} in new ones.
	var query string
	if err := json.Unmarshal(v.Query, &query); err != nil {
		var obj struct {
			Query string `json:"query"`
		}
		require.NoError(t, json.Unmarshal(v.Query, &obj), "variable %s: parse query", v.Name)
		query = obj.Query
	}
	m := labelValuesQuery.FindStringSubmatch(query)
	require.NotNil(t, m, "variable %s: only label_values(selector, label) queries are checked; teach this test the new form", v.Name)
	selector, label := m[1], m[2]
	require.NotEmpty(t, selector, "variable %s: name a metric so the values are leadflow's", v.Name)
	require.Empty(t, checkPromQL(selector), "variable %s", v.Name)
	refs, err := scanPromQL(selector)
	require.NoError(t, err)
	for _, series := range refs.Metrics {
		family, _ := lookupMetric(series)
		_, ok := allowedLabels(series, specOf(family))[label]
		require.True(t, ok, "variable %s: %s has no label %q", v.Name, series, label)
	}
	return metricFamilies(t, selector)
}

func metricFamilies(t *testing.T, expr string) []string {
	t.Helper()
	refs, err := scanPromQL(expr)
	require.NoError(t, err)
	var out []string
	for _, series := range refs.Metrics {
		if family, ok := lookupMetric(series); ok {
			out = append(out, family)
		}
	}
	return out
}

// datasourcesFile is Grafana's datasource provisioning format.
type datasourcesFile struct {
	APIVersion  int `yaml:"apiVersion"`
	Datasources []struct {
		Name      string `yaml:"name"`
		UID       string `yaml:"uid"`
		Type      string `yaml:"type"`
		URL       string `yaml:"url"`
		IsDefault bool   `yaml:"isDefault"`
	} `yaml:"datasources"`
}

// dashboardProvidersFile is Grafana's dashboard provider provisioning format.
type dashboardProvidersFile struct {
	APIVersion int `yaml:"apiVersion"`
	Providers  []struct {
		Name    string `yaml:"name"`
		Type    string `yaml:"type"`
		Options struct {
			Path string `yaml:"path"`
		} `yaml:"options"`
	} `yaml:"providers"`
}

func readYAML(t *testing.T, file string, into any) {
	t.Helper()
	raw, err := os.ReadFile(file)
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(raw, into), "parse %s", file)
}

func TestGrafanaProvisioning(t *testing.T) {
	t.Parallel()
	project := loadProject(t)

	// Grafana reads provisioning only from /etc/grafana/provisioning.
	require.Equal(t, "/etc/grafana/provisioning", mountTarget(t, project, "grafana", provisioningDir))

	t.Run("datasource", func(t *testing.T) {
		var f datasourcesFile
		readYAML(t, filepath.Join(provisioningDir, "datasources", "prometheus.yml"), &f)
		require.Equal(t, 1, f.APIVersion)
		require.Len(t, f.Datasources, 1)
		ds := f.Datasources[0]
		require.Equal(t, grafanaDatasourceUID, ds.UID, "dashboards refer to this uid")
		require.Equal(t, "prometheus", ds.Type)
		require.True(t, ds.IsDefault)

		// The URL must reach the compose prometheus service on the port it
		// listens on.
		u, err := url.Parse(ds.URL)
		require.NoError(t, err)
		prometheus, err := project.GetService(u.Hostname())
		require.NoError(t, err, "datasource url %s does not name a compose service", ds.URL)
		port, err := strconv.ParseUint(u.Port(), 10, 32)
		require.NoError(t, err)
		require.True(t, slices.ContainsFunc(prometheus.Ports, func(p types.ServicePortConfig) bool { return p.Target == uint32(port) }),
			"datasource port %d is not a port of service %s", port, prometheus.Name)
	})

	t.Run("dashboard provider", func(t *testing.T) {
		var f dashboardProvidersFile
		readYAML(t, filepath.Join(provisioningDir, "dashboards", "leadflow.yml"), &f)
		require.Equal(t, 1, f.APIVersion)
		require.Len(t, f.Providers, 1)
		p := f.Providers[0]
		require.Equal(t, "file", p.Type)
		// The provider must read the directory compose mounts the dashboards
		// into, or Grafana starts with none.
		require.Equal(t, mountTarget(t, project, "grafana", dashboardsDir), p.Options.Path)
	})

	t.Run("home dashboard", func(t *testing.T) {
		grafana, err := project.GetService("grafana")
		require.NoError(t, err)
		home := envValue(t, grafana, "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")
		target := mountTarget(t, project, "grafana", dashboardsDir)
		require.Equal(t, target, path.Dir(home), "home dashboard is outside the mounted dashboards")
		require.FileExists(t, filepath.Join(dashboardsDir, path.Base(home)))
	})
}
