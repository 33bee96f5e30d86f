package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
	"leadflow/lead"
)

// updateDocs rewrites the outputs shown in docs/justify-spend.md from the
// commands beside them: go test ./cmd/leadflow -run TestJustifySpendDoc -update-docs
var updateDocs = flag.Bool("update-docs", false, "rewrite the command outputs shown in docs/justify-spend.md")

const justifySpendDoc = "../../docs/justify-spend.md"

// TestJustifySpendDoc runs the worked example of docs/justify-spend.md:
// it imports the example's spend, campaign map and rates with `leadflow
// import`, records its five leads and their deals, and checks that every
// `leadflow report` output the page shows is what the command prints. It
// sets process environment for the CLI, so it does not run in parallel.
func TestJustifySpendDoc(t *testing.T) {
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	env := map[string]string{config.EnvDatabaseURL: dbURL, config.EnvRedisURL: redisURL,
		config.EnvWebhookSecrets: testSecret, config.EnvLogLevel: "error", config.EnvAPITokens: serviceToken}
	for k, v := range env {
		t.Setenv(k, v)
	}
	b := setupWith(t, dbURL, redisURL, options{env: env})
	ctx := context.Background()
	cli := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		code := run(ctx, args, &out, &errOut)
		require.Zero(t, code, "leadflow %s: %s", strings.Join(args, " "), errOut.String())
		return out.String()
	}
	for _, imp := range []string{"--spend spend.csv", "--campaign-map campaign-map.csv", "--rates rates.csv"} {
		flag, file, _ := strings.Cut(imp, " ")
		cli("import", flag, "../../docs/examples/justify-spend/"+file)
	}

	day := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	events := 0
	touch := func(email, connector, utm, campaignID string, at time.Time) int64 {
		t.Helper()
		events++
		ev, _, err := b.app.Store().InsertEvent(ctx, lead.Event{Connector: connector, Source: connector, EventID: fmt.Sprintf("justify-%d", events),
			ReceivedAt: at, Payload: []byte(`{}`)})
		require.NoError(t, err)
		l := lead.Lead{}
		l.Email, l.Source, l.OccurredAt = email, connector, at
		// The channels the Meta connector and a web form write.
		l.Channel = map[string]string{"meta": "social", "website": "web"}[connector]
		l.UTM.Campaign = utm
		if campaignID != "" {
			l.CampaignIDs = map[string]string{"campaign_id": campaignID}
		}
		tp, err := b.app.Store().RecordLead(ctx, ev.ID, l, at)
		require.NoError(t, err)
		return tp.ContactID
	}
	exec := func(sql string, args ...any) {
		t.Helper()
		_, err := b.pool.Exec(ctx, sql, args...)
		require.NoError(t, err)
	}
	hot := func(contact int64, at time.Time) {
		exec(`INSERT INTO scores (contact_id, total, band, model_version, breakdown, computed_at) VALUES ($1, 80, 'hot', 'v1', '{}', $2)`, contact, at)
	}
	deal := func(contact, cents int64, currency, stage string, created time.Time, closed *time.Time) {
		exec(`INSERT INTO deals (contact_id, pipeline_id, stage_id, amount_cents, currency, created_at, closed_at)
			SELECT $1, p.id, st.id, $2, $3, $4, $5 FROM pipelines p JOIN stages st ON st.pipeline_id = p.id
			WHERE p.is_default AND st.name = $6`, contact, cents, currency, created, closed, stage)
	}
	won := func(d int) *time.Time { at := day(d, 0); return &at }

	// The page's five leads.
	ana := touch("ana@example.com", "meta", "", "111", day(1, 10))
	touch("ana@example.com", "website", "brand", "", day(5, 10))
	hot(ana, day(1, 10))
	deal(ana, 60000, "USD", "Won", day(2, 0), won(10))
	touch("ben@example.com", "website", "BRAND", "", day(2, 10))
	cy := touch("cy@example.com", "website", "brand", "", day(3, 10))
	hot(cy, day(3, 10))
	deal(cy, 10000, "USD", "Qualification", day(3, 11), nil)
	touch("dee@example.com", "website", "", "", day(4, 10))
	eli := touch("eli@example.com", "website", "Newsletter", "", day(5, 10))
	hot(eli, day(5, 10))
	deal(eli, 20000, "EUR", "Won", day(6, 0), won(20))

	raw, err := os.ReadFile(justifySpendDoc)
	require.NoError(t, err)
	doc := string(raw)
	commands := []string{
		"leadflow report roas --from 2026-03-01 --to 2026-03-31",
		"leadflow report roas --from 2026-03-01 --to 2026-03-31 --model first --format csv",
		"leadflow report roas --from 2026-03-01 --to 2026-03-31 --currency USD",
		"leadflow report roas --from 2026-03-01 --to 2026-03-31 --currency USD --by channel",
	}
	for _, command := range commands {
		got := cli(strings.Fields(command)[1:]...)
		start := strings.Index(doc, "$ "+command+"\n")
		require.NotEqual(t, -1, start, "docs/justify-spend.md shows no %q", command)
		start += len("$ " + command + "\n")
		end := start + strings.Index(doc[start:], "```")
		if *updateDocs {
			doc = doc[:start] + got + doc[end:]
			continue
		}
		require.Equal(t, got, doc[start:end], "docs/justify-spend.md: the output of %q (go test ./cmd/leadflow -run TestJustifySpendDoc -update-docs)", command)
	}
	if *updateDocs {
		require.NoError(t, os.WriteFile(justifySpendDoc, []byte(doc), 0o644))
	}

	t.Run("the API serves the same rows and refuses a mix", func(t *testing.T) {
		status, body := b.call(t, http.MethodGet, "/v1/reports/roas?from=2026-03-01&to=2026-03-31&currency=USD", serviceToken, nil)
		require.Equal(t, http.StatusOK, status, body)
		rows := body["rows"].([]any)
		require.Len(t, rows, 5)
		first := rows[0].(map[string]any)
		require.Equal(t, "Spring Sale", first["campaign"])
		require.Equal(t, "238.50", first["spend"])
		require.InDelta(t, 600/238.5, first["roas_first"], 1e-9)
		require.Nil(t, rows[4].(map[string]any)["cost_per_lead"], "(none) has no spend")

		// No USD→EUR rate on 1 March: refused, never mixed.
		status, body = b.call(t, http.MethodGet, "/v1/reports/roas?from=2026-03-01&to=2026-03-31&currency=EUR", serviceToken, nil)
		require.Equal(t, http.StatusBadRequest, status, body)
		status, body = b.call(t, http.MethodGet, "/v1/reports/cut?days=0", serviceToken, nil)
		require.Equal(t, http.StatusBadRequest, status, body)
		status, body = b.call(t, http.MethodGet, "/v1/reports/cut?days=30", serviceToken, nil)
		require.Equal(t, http.StatusOK, status, body)
	})
}
