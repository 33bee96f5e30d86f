package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
	"leadflow/lead"
)

// TestReportCommandAndAPI covers `leadflow report` output formats and who
// may read GET /v1/reports/{name}. It sets process environment for the
// CLI, so it does not run in parallel.
func TestReportCommandAndAPI(t *testing.T) {
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	env := map[string]string{config.EnvDatabaseURL: dbURL, config.EnvRedisURL: redisURL,
		config.EnvWebhookSecrets: testSecret, config.EnvLogLevel: "error", config.EnvAPITokens: serviceToken}
	for k, v := range env {
		t.Setenv(k, v)
	}
	b := setupWith(t, dbURL, redisURL, options{env: env})
	ctx := context.Background()

	rep := tokenIn(t, repsCLI(t, "add", "--name", "Ann Rep", "--email", "ann@reps.example.com"))
	manager := tokenIn(t, repsCLI(t, "add", "--name", "Mia Manager", "--email", "mia@reps.example.com", "--role", "manager"))

	// One lead from the spring campaign, won for 120.00.
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	ev, _, err := b.app.Store().InsertEvent(ctx, lead.Event{Connector: "generic", Source: "test", EventID: "report-1", ReceivedAt: at, Payload: []byte(`{}`)})
	require.NoError(t, err)
	l := lead.Lead{}
	l.Email, l.Source, l.OccurredAt = "won@example.com", "test", at
	l.UTM.Campaign = "spring"
	tp, err := b.app.Store().RecordLead(ctx, ev.ID, l, at)
	require.NoError(t, err)
	_, err = b.pool.Exec(ctx, `
		INSERT INTO deals (contact_id, pipeline_id, stage_id, amount_cents, created_at, closed_at)
		SELECT $1, p.id, st.id, 12000, $2, $2::timestamptz + interval '2 days' FROM pipelines p JOIN stages st ON st.pipeline_id = p.id
		WHERE p.is_default AND st.kind = 'won'`, tp.ContactID, at)
	require.NoError(t, err)

	report := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := run(ctx, append([]string{"report"}, args...), &out, &errOut)
		return code, out.String(), errOut.String()
	}

	t.Run("cli formats", func(t *testing.T) {
		code, out, errOut := report("funnel", "--by", "utm_campaign", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json")
		require.Zero(t, code, errOut)
		var rows []map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &rows), out)
		require.Len(t, rows, 1)
		require.Equal(t, "spring", rows[0]["key"])
		require.EqualValues(t, 12000, rows[0]["revenue_cents"])

		code, out, errOut = report("attribution", "--model", "first", "--by", "utm_campaign", "--format", "csv")
		require.Zero(t, code, errOut)
		records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		require.NoError(t, err)
		require.Equal(t, [][]string{{"key", "currency", "deals", "revenue"}, {"spring", "USD", "1.00", "120.00"}}, records)

		code, out, errOut = report("attribution", "--model", "time_decay", "--half-life", "36h", "--touches", "leads", "--by", "kind", "--format", "csv")
		require.Zero(t, code, errOut)
		records, err = csv.NewReader(strings.NewReader(out)).ReadAll()
		require.NoError(t, err)
		require.Equal(t, [][]string{{"key", "currency", "deals", "revenue"}, {"lead", "USD", "1.00", "120.00"}}, records)

		// No USD→EUR rate: the error names the pair, nothing is mixed.
		code, _, errOut = report("funnel", "--currency", "EUR")
		require.Equal(t, 1, code)
		require.Contains(t, errOut, "--currency: funnel test: no exchange rate USD/EUR on 2026-03-03")

		code, out, errOut = report("stages")
		require.Zero(t, code, errOut)
		require.Contains(t, out, "Qualification")
		require.Contains(t, out, "reached_next")

		code, out, errOut = report("reps", "--format", "table")
		require.Zero(t, code, errOut)
		require.Contains(t, out, "sla_breaches")

		// The won lead was never scored: it is counted, as unscored.
		code, out, errOut = report("pareto", "--format", "table")
		require.Zero(t, code, errOut)
		require.Contains(t, out, "unscored")
		require.Contains(t, out, "1 leads had no score at arrival")
		code, out, errOut = report("pareto", "--from", "2026-01-01", "--format", "json")
		require.Zero(t, code, errOut)
		require.NoError(t, json.Unmarshal([]byte(out), &rows), out)
		require.Len(t, rows, 5)
		require.Equal(t, "unscored", rows[4]["top"])
		require.EqualValues(t, 12000, rows[4]["revenue_cents"])

		code, out, errOut = report("pareto", "--help")
		require.Zero(t, code, errOut)
		require.Contains(t, out, "pro rata")
	})

	t.Run("cli errors name the flag", func(t *testing.T) {
		// Usage errors exit 2 before the database is opened; a pipeline
		// that does not exist is only found there, and exits 1.
		for _, tc := range []struct {
			name string
			args []string
			code int
			want string
		}{
			{name: "by", args: []string{"funnel", "--by", "utm_nope"}, code: 2, want: "--by"},
			{name: "model", args: []string{"attribution", "--model", "v-shaped"}, code: 2, want: "--model"},
			{name: "touches", args: []string{"attribution", "--touches", "some"}, code: 2, want: "--touches"},
			{name: "half-life", args: []string{"attribution", "--half-life", "-1d"}, code: 2, want: "--half-life"},
			{name: "kind outside attribution", args: []string{"funnel", "--by", "kind"}, code: 2, want: "--by"},
			{name: "format", args: []string{"funnel", "--format", "xml"}, code: 2, want: "--format"},
			{name: "from", args: []string{"funnel", "--from", "March"}, code: 2, want: "--from"},
			{name: "pipeline", args: []string{"stages", "--pipeline", "Nope"}, code: 1, want: "--pipeline"},
			{name: "report", args: []string{"cohorts"}, code: 2, want: `unknown subcommand "cohorts"`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				code, _, errOut := report(tc.args...)
				require.Equal(t, tc.code, code, errOut)
				require.Contains(t, errOut, tc.want)
			})
		}
	})

	t.Run("api", func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			path   string
			token  string
			status int
			field  string
		}{
			{name: "plain rep is forbidden", path: "/v1/reports/funnel", token: rep, status: http.StatusForbidden, field: "Authorization"},
			{name: "no token", path: "/v1/reports/funnel", status: http.StatusUnauthorized, field: "Authorization"},
			{name: "service token", path: "/v1/reports/funnel?by=utm_campaign&from=2026-01-01&to=2026-12-31", token: serviceToken, status: http.StatusOK},
			{name: "manager", path: "/v1/reports/attribution?model=last", token: manager, status: http.StatusOK},
			{name: "pareto", path: "/v1/reports/pareto?from=2026-01-01", token: manager, status: http.StatusOK},
			{name: "unknown report", path: "/v1/reports/cohorts", token: serviceToken, status: http.StatusNotFound, field: "name"},
			{name: "bad by", path: "/v1/reports/funnel?by=email", token: serviceToken, status: http.StatusBadRequest, field: "by"},
			{name: "u-shaped over every touch", path: "/v1/reports/attribution?model=u_shaped&by=kind&touches=all", token: manager, status: http.StatusOK},
			{name: "bad touches", path: "/v1/reports/attribution?touches=some", token: serviceToken, status: http.StatusBadRequest, field: "touches"},
			{name: "bad half-life", path: "/v1/reports/attribution?model=time_decay&half_life=soon", token: serviceToken, status: http.StatusBadRequest, field: "half_life"},
			{name: "missing rate", path: "/v1/reports/attribution?currency=EUR", token: serviceToken, status: http.StatusBadRequest, field: "currency"},
			{name: "bad from", path: "/v1/reports/reps?from=yesterday", token: serviceToken, status: http.StatusBadRequest, field: "from"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				status, body := b.call(t, http.MethodGet, tc.path, tc.token, nil)
				require.Equal(t, tc.status, status, body)
				if tc.field != "" {
					require.Equal(t, tc.field, body["field"], body)
				}
			})
		}
		status, body := b.call(t, http.MethodGet, "/v1/reports/cohorts", serviceToken, nil)
		require.Equal(t, http.StatusNotFound, status)
		require.Contains(t, body["error"], "funnel, stages, attribution, reps")
		status, body = b.call(t, http.MethodGet, "/v1/reports/funnel?by=utm_campaign", serviceToken, nil)
		require.Equal(t, http.StatusOK, status)
		rows := body["rows"].([]any)
		require.Len(t, rows, 1)
		require.Equal(t, "spring", rows[0].(map[string]any)["key"])
	})
}
