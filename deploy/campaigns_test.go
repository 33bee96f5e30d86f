package deploy

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// campaignsDashboard is the SQL dashboard TestCampaignsDashboardSQL runs.
var campaignsDashboard = filepath.Join(dashboardsDir, "leadflow-campaigns.json")

// grafanaRole is the read-only role of migrations/00011_grafana_role.sql;
// the panels run as it, so a missing GRANT fails here and not in Grafana.
const grafanaRole = "leadflow_grafana"

// sqlVar is the part of a dashboard variable needed to substitute it.
type sqlVar struct {
	Name       string          `json:"name"`
	Type       string          `json:"type"`
	Query      json.RawMessage `json:"query"`
	IncludeAll bool            `json:"includeAll"`
	Multi      bool            `json:"multi"`
	AllValue   string          `json:"allValue"`
}

func (v sqlVar) queryText(t *testing.T) string {
	t.Helper()
	var q string
	require.NoError(t, json.Unmarshal(v.Query, &q), "variable %s: query is not a string", v.Name)
	return q
}

// Grafana's time macros, replaced with a window holding any test data.
var (
	timeFilterMacro = regexp.MustCompile(`\$__timeFilter\(([^)]*)\)`)
	timeFromMacro   = regexp.MustCompile(`\$__timeFrom\(\)`)
	timeToMacro     = regexp.MustCompile(`\$__timeTo\(\)`)
	// variableRef is $name, ${name} or ${name:format}.
	variableRef = regexp.MustCompile(`\$\{(\w+)(?::(\w+))?\}|\$(\w+)`)
)

const (
	testTimeFrom = "'2020-01-01T00:00:00Z'"
	testTimeTo   = "'2100-01-01T00:00:00Z'"
	// allSentinel marks "All" among the values substituted for a variable.
	allSentinel = "\x00all"
)

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// interpolate expands macros and variables the way Grafana's PostgreSQL
// datasource does: a custom All value is inserted verbatim; otherwise
// :sqlstring (and no format on an All or multi variable) quotes, :raw and
// no format on a plain variable insert the text as is.
func interpolate(t *testing.T, sql string, vars map[string]sqlVar, values map[string]string) string {
	t.Helper()
	sql = timeFilterMacro.ReplaceAllString(sql, "$1 BETWEEN "+testTimeFrom+" AND "+testTimeTo)
	sql = timeFromMacro.ReplaceAllLiteralString(sql, testTimeFrom)
	sql = timeToMacro.ReplaceAllLiteralString(sql, testTimeTo)
	require.NotContains(t, sql, "$__", "a Grafana macro this test does not know: teach interpolate")
	return variableRef.ReplaceAllStringFunc(sql, func(ref string) string {
		m := variableRef.FindStringSubmatch(ref)
		name, format := m[1]+m[3], m[2]
		v, ok := vars[name]
		require.True(t, ok, "query uses undefined variable $%s", name)
		value := values[name]
		if value == allSentinel {
			require.NotEmpty(t, v.AllValue, "variable %s: All without a custom allValue expands to a list; the panels assume one value", name)
			return v.AllValue
		}
		switch {
		case format == "sqlstring", format == "" && (v.IncludeAll || v.Multi):
			return sqlString(value)
		case format == "raw", format == "":
			return value
		}
		require.Failf(t, "unknown format", "variable %s: format %q", name, format)
		return ""
	})
}

// seedCampaigns writes a small known dataset with plain SQL: two campaigns
// (spring on meta, brand on google), MQLs, won and lost deals with amounts
// and stage history, two reps and a speed-to-lead reroute.
func seedCampaigns(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	day := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	id := func(query string, args ...any) int64 {
		t.Helper()
		var id int64
		require.NoError(t, pool.QueryRow(ctx, query, args...).Scan(&id))
		return id
	}
	exec := func(query string, args ...any) {
		t.Helper()
		_, err := pool.Exec(ctx, query, args...)
		require.NoError(t, err)
	}
	events := 0
	touch := func(contact int64, source, channel, campaign string, at time.Time) {
		t.Helper()
		events++
		ev := id(`INSERT INTO inbound_events (connector, source, event_id, payload) VALUES ($1, $2, $3, '{}') RETURNING id`,
			source+"-conn", source, fmt.Sprintf("ev-%d", events))
		exec(`INSERT INTO touchpoints (contact_id, inbound_event_id, source, channel, utm_source, utm_medium, utm_campaign, occurred_at)
			VALUES ($1, $2, $3, $4, $3, 'cpc', $5, $6)`, contact, ev, source, channel, campaign, at)
	}
	hot := func(contact int64, at time.Time) {
		t.Helper()
		exec(`INSERT INTO scores (contact_id, total, band, model_version, breakdown, computed_at) VALUES ($1, 80, 'hot', 'v1', '{}', $2)`, contact, at)
	}
	// deal walks a default-pipeline deal through (stage, entered at) pairs;
	// the last stage is where it stays.
	deal := func(contact, owner, amount int64, created time.Time, path ...any) int64 {
		t.Helper()
		last := path[len(path)-2].(string)
		var closed *time.Time
		if last == "Won" || last == "Lost" {
			at := path[len(path)-1].(time.Time)
			closed = &at
		}
		d := id(`
			INSERT INTO deals (contact_id, pipeline_id, stage_id, owner_rep_id, amount_cents, created_at, first_contacted_at, closed_at)
			SELECT $1, p.id, st.id, $2, $3, $4::timestamptz, $4::timestamptz + interval '45 minutes', $5 FROM pipelines p JOIN stages st ON st.pipeline_id = p.id
			WHERE p.is_default AND st.name = $6 RETURNING id`, contact, owner, amount, created, closed, last)
		for i := 0; i < len(path); i += 2 {
			exec(`INSERT INTO deal_stage_history (deal_id, to_stage_id, changed_at)
				SELECT $1, st.id, $3 FROM stages st JOIN pipelines p ON p.id = st.pipeline_id WHERE p.is_default AND st.name = $2`,
				d, path[i], path[i+1])
		}
		return d
	}
	contact := func() int64 { return id(`INSERT INTO contacts DEFAULT VALUES RETURNING id`) }

	ann := id(`INSERT INTO reps (name, email) VALUES ('Ann', 'ann@reps.example.com') RETURNING id`)
	bob := id(`INSERT INTO reps (name, email) VALUES ('Bob', 'bob@reps.example.com') RETURNING id`)

	c1 := contact()
	touch(c1, "meta", "paid_social", "spring", day(1, 10))
	touch(c1, "google", "paid_search", "brand", day(5, 10))
	hot(c1, day(2, 0))
	deal(c1, ann, 10000, day(6, 0), "Qualification", day(6, 0), "Negotiation", day(8, 0), "Won", day(16, 0))

	c2 := contact()
	touch(c2, "meta", "paid_social", "spring", day(3, 10))
	hot(c2, day(3, 11))
	d2 := deal(c2, bob, 5000, day(4, 0), "Qualification", day(4, 0), "Lost", day(10, 0))
	exec(`INSERT INTO routing_decisions (contact_id, deal_id, kind, rep_id, created_at) VALUES ($1, $2, 'assign', $3, $4), ($1, $2, 'reroute', $5, $6)`,
		c2, d2, ann, day(4, 0), bob, day(4, 1))

	c3 := contact()
	touch(c3, "google", "paid_search", "brand", day(4, 10))

	c4 := contact()
	touch(c4, "google", "paid_search", "brand", day(2, 10))
	touch(c4, "meta", "paid_social", "spring", day(10, 10))
	hot(c4, day(10, 10))
	deal(c4, ann, 30000, day(11, 0), "Qualification", day(11, 0), "Won", day(18, 0))
}

// queryAsGrafana runs sql as the Grafana role in a read-only transaction
// and returns its rows, each as text.
func queryAsGrafana(t *testing.T, pool *pgxpool.Pool, sql string) [][]any {
	t.Helper()
	ctx := context.Background()
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }()
	_, err = tx.Exec(ctx, "SET LOCAL ROLE "+grafanaRole)
	require.NoError(t, err, "become %s", grafanaRole)
	rows, err := tx.Query(ctx, sql)
	require.NoError(t, err, "run:\n%s", sql)
	var out [][]any
	for rows.Next() {
		vals, err := rows.Values()
		require.NoError(t, err)
		out = append(out, vals)
	}
	require.NoError(t, rows.Err(), "run:\n%s", sql)
	return out
}

// TestCampaignsDashboardSQL runs every SQL panel of the campaigns dashboard,
// for every campaign (and All) and every "by" value, against a migrated
// database holding a known dataset, as the read-only Grafana role: each
// must succeed and show data.
func TestCampaignsDashboardSQL(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(campaignsDashboard)
	require.NoError(t, err)
	var d struct {
		Panels     []panel `json:"panels"`
		Templating struct {
			List []sqlVar `json:"list"`
		} `json:"templating"`
	}
	require.NoError(t, json.Unmarshal(raw, &d))

	pool := testenv.Pool(t)
	seedCampaigns(t, pool)

	vars := map[string]sqlVar{}
	for _, v := range d.Templating.List {
		vars[v.Name] = v
	}
	require.Contains(t, vars, "campaign")
	require.Contains(t, vars, "by")

	// The campaign variable's own query lists the values to try.
	campaigns := []string{allSentinel}
	for _, row := range queryAsGrafana(t, pool, interpolate(t, vars["campaign"].queryText(t), vars, nil)) {
		require.Len(t, row, 1, "variable campaign: one column of values")
		campaigns = append(campaigns, fmt.Sprint(row[0]))
	}
	require.ElementsMatch(t, []string{allSentinel, "spring", "brand"}, campaigns)
	bys := strings.Split(vars["by"].queryText(t), ",")
	require.ElementsMatch(t, []string{"source", "channel", "utm_source", "utm_medium", "utm_campaign"}, bys)

	panels := flatten(d.Panels)
	require.NotEmpty(t, panels)
	for _, p := range panels {
		if p.Type == "row" {
			continue
		}
		require.NotEmpty(t, p.Description, "panel %q: say what question it answers", p.Title)
		for _, tg := range p.Targets {
			require.NotEmpty(t, tg.RawSQL, "panel %q query %s", p.Title, tg.RefID)
			for _, campaign := range campaigns {
				for _, by := range bys {
					values := map[string]string{"campaign": campaign, "by": by}
					name := fmt.Sprintf("%s/%s/campaign=%q/by=%s", p.Title, tg.RefID, strings.TrimPrefix(campaign, "\x00"), by)
					t.Run(name, func(t *testing.T) {
						rows := queryAsGrafana(t, pool, interpolate(t, tg.RawSQL, vars, values))
						require.NotEmpty(t, rows, "panel %q shows no data", p.Title)
					})
				}
			}
		}
	}
}

// TestDashboardDatasourcesProvisioned checks every datasource uid a
// dashboard refers to is provisioned, and that the PostgreSQL one reaches
// the compose database with its credentials.
func TestDashboardDatasourcesProvisioned(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join(provisioningDir, "datasources", "*.yml"))
	require.NoError(t, err)
	provisioned := map[string]string{} // uid → type
	var postgres map[string]any
	for _, file := range files {
		var f struct {
			Datasources []map[string]any `yaml:"datasources"`
		}
		readYAML(t, file, &f)
		for _, ds := range f.Datasources {
			uid := fmt.Sprint(ds["uid"])
			require.NotContains(t, provisioned, uid, "datasource uid %s provisioned twice", uid)
			provisioned[uid] = fmt.Sprint(ds["type"])
			if uid == postgresDatasourceUID {
				postgres = ds
			}
		}
	}

	for _, file := range dashboardFiles(t) {
		raw, err := os.ReadFile(file)
		require.NoError(t, err)
		var doc any
		require.NoError(t, json.Unmarshal(raw, &doc))
		for _, ds := range datasourceRefs(doc) {
			if ds.Type == "grafana" {
				continue // Grafana's built-in annotations
			}
			typ, ok := provisioned[ds.UID]
			require.True(t, ok, "%s refers to datasource uid %q, which is not provisioned", file, ds.UID)
			require.Equal(t, typ, ds.Type, "%s: datasource %s", file, ds.UID)
		}
	}

	require.NotNil(t, postgres, "no datasource with uid %s", postgresDatasourceUID)
	project := loadProject(t, "POSTGRES_PASSWORD=s3cret")
	pg, err := project.GetService("postgres")
	require.NoError(t, err)
	grafana, err := project.GetService("grafana")
	require.NoError(t, err)
	host, port, ok := strings.Cut(fmt.Sprint(postgres["url"]), ":")
	require.True(t, ok, "datasource url is host:port")
	require.Equal(t, pg.Name, host)
	require.Equal(t, "5432", port)
	jsonData, _ := postgres["jsonData"].(map[string]any)
	require.Equal(t, envValue(t, pg, "POSTGRES_DB"), jsonData["database"])
	// The read-only role, never the app user (issue 14 item 9): the
	// panels' SQL is typed into Grafana.
	require.Equal(t, grafanaRole, postgres["user"])
	require.NotEqual(t, envValue(t, pg, "POSTGRES_USER"), postgres["user"])
	// Grafana expands ${VAR} in provisioning files from its environment;
	// the role's own password, which grafana-db-role sets, not the app's.
	secure, _ := postgres["secureJsonData"].(map[string]any)
	require.Equal(t, "${GRAFANA_DB_PASSWORD}", secure["password"])
	require.Equal(t, requiredEnv["GRAFANA_DB_PASSWORD"], envValue(t, grafana, "GRAFANA_DB_PASSWORD"))
	roleJob, err := project.GetService("grafana-db-role")
	require.NoError(t, err)
	require.Equal(t, envValue(t, grafana, "GRAFANA_DB_PASSWORD"), envValue(t, roleJob, "GRAFANA_DB_PASSWORD"),
		"Grafana logs in with the password grafana-db-role sets")
}

// datasourceRefs returns every {"type", "uid"} datasource object under a
// "datasource" key of a dashboard: panels, queries and variables alike.
func datasourceRefs(v any) []datasource {
	var out []datasource
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			if ref, ok := child.(map[string]any); ok && k == "datasource" {
				out = append(out, datasource{Type: fmt.Sprint(ref["type"]), UID: fmt.Sprint(ref["uid"])})
			}
			out = append(out, datasourceRefs(child)...)
		}
	case []any:
		for _, child := range v {
			out = append(out, datasourceRefs(child)...)
		}
	}
	return out
}
