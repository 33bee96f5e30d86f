package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
)

// TestReportWindowSameInCLIAPIAndDashboard checks the one window rule: a
// month in a UTC−3 business zone (America/Sao_Paulo) gives the same funnel
// from `leadflow report`, GET /v1/reports/funnel and the campaigns
// dashboard's funnel panel run with the range Grafana sends for that month
// in that zone (from the 1st 00:00 to the 31st 23:59:59.999 local), and a
// different one in UTC. It sets process environment for the CLI, so it
// does not run in parallel.
func TestReportWindowSameInCLIAPIAndDashboard(t *testing.T) {
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	const zone = "America/Sao_Paulo"
	env := map[string]string{config.EnvDatabaseURL: dbURL, config.EnvRedisURL: redisURL, config.EnvWebhookSecrets: testSecret,
		config.EnvLogLevel: "error", config.EnvAPITokens: serviceToken, config.EnvBusinessTZ: zone}
	for k, v := range env {
		t.Setenv(k, v)
	}
	b := setupWith(t, dbURL, redisURL, options{env: env})
	ctx := context.Background()
	exec := func(query string, args ...any) int64 {
		t.Helper()
		var id int64
		require.NoError(t, b.pool.QueryRow(ctx, query, args...).Scan(&id))
		return id
	}
	utc := func(s string) time.Time {
		at, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
		return at
	}
	// Leads at the edges of October in São Paulo (UTC−3) and in UTC.
	touches := []struct {
		at  string
		won bool
	}{
		{at: "2026-10-01T02:30:00Z"},            // Sep 30 21:30 local: out; in UTC October
		{at: "2026-10-01T03:00:00Z", won: true}, // Oct 1 00:00 local: in
		{at: "2026-10-31T12:00:00Z"},            // in both
		{at: "2026-10-31T23:00:00Z", won: true}, // Oct 31 20:00 local: in both
		{at: "2026-11-01T01:00:00Z"},            // Oct 31 22:00 local: in; November in UTC
		{at: "2026-11-01T02:59:59Z"},            // Oct 31 23:59:59 local: in
		{at: "2026-11-01T03:00:00Z", won: true}, // Nov 1 00:00 local: out
	}
	for i, tc := range touches {
		at := utc(tc.at)
		contact := exec(`INSERT INTO contacts DEFAULT VALUES RETURNING id`)
		ev := exec(`INSERT INTO inbound_events (connector, source, event_id, payload) VALUES ('generic', 'web', $1, '{}') RETURNING id`, fmt.Sprintf("tz-%d", i))
		exec(`INSERT INTO touchpoints (contact_id, inbound_event_id, source, channel, utm_campaign, occurred_at)
			VALUES ($1, $2, 'web', 'paid_search', 'october', $3) RETURNING id`, contact, ev, at)
		if tc.won {
			exec(`INSERT INTO deals (contact_id, pipeline_id, stage_id, amount_cents, created_at, closed_at)
				SELECT $1, p.id, st.id, 10000, $2::timestamptz, $2::timestamptz + interval '3 days' FROM pipelines p JOIN stages st ON st.pipeline_id = p.id
				WHERE p.is_default AND st.kind = 'won' RETURNING id`, contact, at)
		}
	}
	type figures struct{ Leads, Deals, Won int64 }
	sum := func(rows []map[string]any) figures {
		var f figures
		for _, r := range rows {
			f.Leads += int64(r["leads"].(float64))
			f.Deals += int64(r["deals"].(float64))
			f.Won += int64(r["won"].(float64))
		}
		return f
	}
	cli := func(args ...string) figures {
		t.Helper()
		var out, errOut bytes.Buffer
		code := run(ctx, append([]string{"report", "funnel", "--format", "json", "--from", "2026-10-01", "--to", "2026-10-31"}, args...), &out, &errOut)
		require.Zero(t, code, errOut.String())
		var rows []map[string]any
		require.NoError(t, json.Unmarshal(out.Bytes(), &rows), out.String())
		return sum(rows)
	}
	api := func(query string) figures {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, b.baseURL+"/v1/reports/funnel?from=2026-10-01&to=2026-10-31"+query, nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+serviceToken)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode)
		var body struct {
			Rows []map[string]any `json:"rows"`
		}
		require.NoError(t, json.NewDecoder(res.Body).Decode(&body))
		return sum(body.Rows)
	}
	dashboard := func(from, to string) figures {
		t.Helper()
		raw, err := os.ReadFile("../../deploy/grafana/dashboards/leadflow-campaigns.json")
		require.NoError(t, err)
		var d struct {
			Panels []struct {
				Title   string `json:"title"`
				Targets []struct {
					RawSQL string `json:"rawSql"`
				} `json:"targets"`
			} `json:"panels"`
		}
		require.NoError(t, json.Unmarshal(raw, &d))
		for _, p := range d.Panels {
			if p.Title != "Funnel: leads → MQL → deals → won" {
				continue
			}
			require.NotContains(t, p.Targets[0].RawSQL, "$__timeFilter", "BETWEEN includes the end: use $__timeFrom()/$__timeTo()")
			q := strings.NewReplacer("${campaign:sqlstring}", "NULL", "$__timeFrom()", "'"+from+"'", "$__timeTo()", "'"+to+"'").Replace(p.Targets[0].RawSQL)
			var f figures
			var mqls int64
			require.NoError(t, b.pool.QueryRow(ctx, q).Scan(&f.Leads, &mqls, &f.Deals, &f.Won), q)
			return f
		}
		t.Fatal("no funnel panel")
		return figures{}
	}

	// By hand: São Paulo October holds touches 2-6, two of them won.
	local := figures{Leads: 5, Deals: 2, Won: 2}
	for _, tc := range []struct {
		name string
		got  func() figures
		want figures
	}{
		{name: "cli, business zone by default", got: func() figures { return cli() }, want: local},
		{name: "cli --tz", got: func() figures { return cli("--tz", zone) }, want: local},
		{name: "api, business zone by default", got: func() figures { return api("") }, want: local},
		{name: "api tz", got: func() figures { return api("&tz=" + zone) }, want: local},
		{name: "dashboard, range Grafana sends for October in the zone", got: func() figures {
			return dashboard("2026-10-01T03:00:00.000Z", "2026-11-01T02:59:59.999Z")
		}, want: local},
		// UTC October holds touches 1-4.
		{name: "cli --tz UTC", got: func() figures { return cli("--tz", "UTC") }, want: figures{Leads: 4, Deals: 2, Won: 2}},
		{name: "api tz UTC", got: func() figures { return api("&tz=UTC") }, want: figures{Leads: 4, Deals: 2, Won: 2}},
		{name: "dashboard in UTC", got: func() figures {
			return dashboard("2026-10-01T00:00:00.000Z", "2026-10-31T23:59:59.999Z")
		}, want: figures{Leads: 4, Deals: 2, Won: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, tc.got())
		})
	}

	t.Run("an unknown zone names the flag and the field", func(t *testing.T) {
		var out, errOut bytes.Buffer
		require.Equal(t, 2, run(ctx, []string{"report", "funnel", "--tz", "Mars/Olympus"}, &out, &errOut))
		require.Contains(t, errOut.String(), "--tz")
		status, body := b.call(t, http.MethodGet, "/v1/reports/funnel?tz=Mars/Olympus", serviceToken, nil)
		require.Equal(t, http.StatusBadRequest, status)
		require.Equal(t, "tz", body["field"])
	})
}
