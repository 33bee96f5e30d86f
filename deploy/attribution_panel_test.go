package deploy

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/reporting"
	"leadflow/store"
)

// seedAttribution writes, with plain SQL, leads whose keys differ only in
// case and spaces or are blank, a EUR deal beside USD deals, and touches
// of every kind (an email click of a nurture program, rep calls), plus a
// test lead that must never get credit.
func seedAttribution(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	_, err := pool.Exec(ctx, `
		INSERT INTO reps (name, email) VALUES ('Ann', 'ann@reps.example.com');
		INSERT INTO contacts DEFAULT VALUES; INSERT INTO contacts DEFAULT VALUES; INSERT INTO contacts DEFAULT VALUES;
		INSERT INTO inbound_events (connector, source, event_id, payload) VALUES
			('meta', 'meta', 'a', '{}'), ('meta', 'meta', 'b', '{}'), ('google', 'google', 'c', '{}'), ('mailgun', 'mailgun', 'm', '{}'),
			('meta', 'meta', 'test', '{}');
		INSERT INTO touchpoints (contact_id, inbound_event_id, source, channel, utm_source, utm_campaign, is_test, occurred_at) VALUES
			(1, 1, 'meta', 'paid_social', 'facebook', 'Spring-Search', false, '2026-07-02T00:00Z'),
			(2, 2, 'Meta ', 'paid_social', 'facebook', 'spring-search ', false, '2026-07-02T06:00Z'),
			(3, 3, 'google', '', '', '', false, '2026-07-03T00:00Z'),
			(3, 5, 'meta', 'paid_social', 'facebook', 'spring-search', true, '2026-07-03T01:00Z');
		INSERT INTO nurture_enrollments (contact_id, program, band, status) VALUES (1, 'onboarding', 'warm', 'completed');
		INSERT INTO email_outbox (dedupe_key, contact_id, template, to_address, status, provider_message_id, enrollment_id)
			VALUES ('k1', 1, 'welcome', 'a@example.com', 'sent', '<m1@example.com>', 1);
		INSERT INTO engagement_events (inbound_event_id, seq, contact_id, kind, message_id, occurred_at)
			VALUES (4, 0, 1, 'clicked', '<m1@example.com>', '2026-07-01T00:00Z');
		INSERT INTO deals (contact_id, pipeline_id, stage_id, owner_rep_id, amount_cents, currency, created_at, closed_at)
		SELECT v.contact, p.id, st.id, 1, v.amount, v.currency, v.created::timestamptz, v.closed::timestamptz
		FROM (VALUES (1, 10000, 'USD', '2026-07-03T12:00Z', '2026-07-05T00:00Z'),
		             (2, 20000, 'EUR', '2026-07-02T12:00Z', '2026-07-06T00:00Z'),
		             (3, 5000, 'USD', '2026-07-03T12:00Z', '2026-07-07T00:00Z')) v(contact, amount, currency, created, closed)
		CROSS JOIN pipelines p JOIN stages st ON st.pipeline_id = p.id AND st.kind = 'won'
		WHERE p.is_default AND st.position = (SELECT min(position) FROM stages s2 WHERE s2.pipeline_id = p.id AND s2.kind = 'won');
		INSERT INTO deal_activities (deal_id, rep_id, kind, occurred_at) VALUES (1, 1, 'call', '2026-07-03T00:00Z'), (1, 1, 'meeting', '2026-07-04T00:00Z');`)
	require.NoError(t, err)
}

// TestCampaignsAttributionPanelMatchesReport: the attribution panel credits
// every touch, labels keys and keeps currencies apart exactly as
// `leadflow report attribution --model first|last|linear` does, for every
// "by" value and campaign.
func TestCampaignsAttributionPanelMatchesReport(t *testing.T) {
	t.Parallel()
	panels, vars := loadCampaignsDashboard(t)
	var sql string
	for _, p := range panels {
		if strings.HasPrefix(p.Title, "Attribution by") {
			require.Empty(t, sql, "two attribution panels")
			sql = p.Targets[0].RawSQL
		}
	}
	require.NotEmpty(t, sql)
	raw, err := os.ReadFile(campaignsDashboard)
	require.NoError(t, err)
	var units struct {
		Panels []struct {
			Title       string          `json:"title"`
			FieldConfig json.RawMessage `json:"fieldConfig"`
		} `json:"panels"`
	}
	require.NoError(t, json.Unmarshal(raw, &units))
	for _, p := range units.Panels {
		switch {
		case strings.HasPrefix(p.Title, "Attribution by"), p.Title == "Revenue per campaign and channel", p.Title == "Rep leaderboard":
			require.NotContains(t, string(p.FieldConfig), "currencyUSD", "panel %q sums several currencies: no USD unit", p.Title)
		}
	}
	pool := testenv.Pool(t)
	seedAttribution(t, pool)
	st := store.New(pool)
	from, to := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)

	type credit struct{ first, last, linear float64 }
	for _, by := range []string{"source", "channel", "utm_source", "utm_medium", "utm_campaign"} {
		for _, campaign := range []string{allSentinel, "spring-search", "(none)"} {
			t.Run(fmt.Sprintf("by=%s/campaign=%q", by, strings.TrimPrefix(campaign, allSentinel)), func(t *testing.T) {
				rows := queryAsGrafana(t, pool, interpolateWindow(t, sql, vars, map[string]string{"campaign": campaign, "by": by},
					sqlString(from.Format(time.RFC3339)), sqlString(to.Format(time.RFC3339))))
				got := map[string]credit{}
				for _, r := range rows {
					require.Len(t, r, 5, "Key, Currency, First touch, Last touch, Linear")
					got[fmt.Sprint(r[0])] = credit{num(t, r[2]), num(t, r[3]), num(t, r[4])}
				}
				if campaign != allSentinel {
					require.NotEmpty(t, got, "the campaign's touches got credit")
					return // the report has no campaign filter
				}
				want := map[string]credit{}
				for _, model := range []string{"first", "last", "linear"} {
					res, err := reporting.Run(context.Background(), st, "attribution", reporting.Query{Model: model, By: by, From: from, To: to})
					require.NoError(t, err)
					for _, r := range res.Attribution {
						k := r.Key + " (" + r.Currency + ")"
						c := want[k]
						switch model {
						case "first":
							c.first = r.RevenueCents / 100
						case "last":
							c.last = r.RevenueCents / 100
						default:
							c.linear = r.RevenueCents / 100
						}
						want[k] = c
					}
				}
				require.Equal(t, len(want), len(got), "want %v, got %v", want, got)
				for k, w := range want {
					g, ok := got[k]
					require.True(t, ok, "panel has no %q: %v", k, got)
					require.InDelta(t, w.first, g.first, 1e-9, k)
					require.InDelta(t, w.last, g.last, 1e-9, k)
					require.InDelta(t, w.linear, g.linear, 1e-9, k)
				}
				if by == "utm_campaign" {
					require.Contains(t, got, "Spring-Search (EUR)", "case and spaces never split a campaign")
					require.Contains(t, got, "(none) (USD)", "rep activities and the blank lead")
					require.InDelta(t, 25.0, got["onboarding (USD)"].linear, 1e-9, "the click's program")
				}
			})
		}
	}
}

func num(t *testing.T, v any) float64 {
	t.Helper()
	switch f := v.(type) {
	case float64:
		return f
	case pgtype.Numeric:
		v, err := f.Float64Value()
		require.NoError(t, err)
		return v.Float64
	case nil:
		return 0
	}
	require.Failf(t, "not a number", "%v (%T)", v, v)
	return 0
}
