package scalebench

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/internal/demo"
	"leadflow/internal/testenv"
	"leadflow/scoring"
	"leadflow/store"
	"leadflow/workers"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// TestSeedAndMeasure seeds a small N into a real database and checks the
// history's shape (rows per table, the ratios docs/performance.md states,
// the triggers' work), then that every periodic job and report runs and
// leaves its plan.
func TestSeedAndMeasure(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, testenv.DatabaseURL(t))
	require.NoError(t, err)
	defer pool.Close()
	st := store.New(pool)
	_, err = demo.SeedReps(ctx, st)
	require.NoError(t, err)

	const n = 2000
	now := time.Now()
	seeded, err := Seed(ctx, pool, SeedOptions{Contacts: n, Chunk: 700, Now: now})
	require.NoError(t, err)
	require.Equal(t, n, seeded.Contacts)
	sizes, err := Measure(ctx, pool)
	require.NoError(t, err)
	require.Positive(t, sizes.DatabaseBytes)

	rows := func(table string) float64 { return float64(sizes.Row(table)) }
	require.EqualValues(t, n, rows("contacts"))
	for _, c := range []struct {
		table    string
		min, max float64 // per contact
	}{
		{"touchpoints", 1.3, 1.7},
		{"scores", 1.3, 1.7},
		{"consent_events", 1.3, 1.7},
		{"contact_identities", 1.3, 1.5},
		{"deals", 0.03, 0.07},
		{"nurture_enrollments", 0.55, 0.65},
		{"email_outbox", 1.65, 2.0},
		{"engagement_events", 0.25, 0.5},
	} {
		t.Run(c.table, func(t *testing.T) {
			r := rows(c.table) / n
			require.True(t, r >= c.min && r <= c.max, "%s: %.3f rows per contact, want %.2f–%.2f", c.table, r, c.min, c.max)
		})
	}
	// Every touchpoint and engagement webhook is an event, plus the mix.
	var engaged int64
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(DISTINCT inbound_event_id) FROM engagement_events`).Scan(&engaged))
	require.EqualValues(t, sizes.Row("touchpoints")+engaged+int64(seeded.DeadLetters+seeded.Failed), sizes.Row("inbound_events"))

	var check struct{ firstTouchMissing, openCountOff, badSequence, badHistory int64 }
	require.NoError(t, pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM contacts c LEFT JOIN LATERAL (SELECT t.id, t.occurred_at FROM touchpoints t
			WHERE t.contact_id = c.id AND NOT t.is_test ORDER BY t.occurred_at, t.id LIMIT 1) ft ON true
			WHERE c.first_touchpoint_id IS DISTINCT FROM ft.id OR c.first_touch_at IS DISTINCT FROM ft.occurred_at),
		(SELECT count(*) FROM reps r WHERE r.capacity > 0 AND r.open_deals <> (SELECT count(*) FROM deals d WHERE d.owner_rep_id = r.id AND d.closed_at IS NULL)),
		(SELECT count(*) FROM nurture_enrollments e WHERE (SELECT count(*) FROM email_outbox o WHERE o.enrollment_id = e.id) <> 3),
		(SELECT count(*) FROM deals d WHERE NOT EXISTS (SELECT 1 FROM deal_stage_history h WHERE h.deal_id = d.id AND h.to_stage_id = d.stage_id))`).
		Scan(&check.firstTouchMissing, &check.openCountOff, &check.badSequence, &check.badHistory))
	require.Zero(t, check.firstTouchMissing, "every contact's first touch is what the trigger would have set")
	require.Zero(t, check.openCountOff, "the open-deal counter holds")
	require.Zero(t, check.badSequence, "every enrollment has its whole sequence")
	require.Zero(t, check.badHistory, "every deal's history ends in its stage")
	// The product's next insert gets a fresh id.
	var next int64
	require.NoError(t, pool.QueryRow(ctx, `INSERT INTO contacts (first_name) VALUES ('after') RETURNING id`).Scan(&next))
	require.Greater(t, next, int64(n))

	redisOpt, err := asynq.ParseRedisURI(testenv.RedisURL(t))
	require.NoError(t, err)
	archived, err := ArchiveDeadLetters(ctx, pool, redisOpt)
	require.NoError(t, err)
	require.Equal(t, (seeded.DeadLetters+49)/50, archived)

	// The rescoring sweep's work list, kept by triggers on the seeded
	// scores and engagement, holds exactly the contacts its old
	// whole-window read found (scored above cold or engaged since then).
	since := time.Now().Add(-8 * scoring.DefaultRules().Engagement.HalfLife)
	var listed, window int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM rescore_candidates WHERE active_at >= $1`, since).Scan(&listed))
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(DISTINCT contact_id) FROM (
		SELECT contact_id FROM scores WHERE computed_at >= $1 AND band <> 'cold'
		UNION ALL SELECT contact_id FROM engagement_events WHERE occurred_at >= $1 AND contact_id IS NOT NULL) w`, since).Scan(&window))
	require.Positive(t, window)
	require.Equal(t, window, listed)

	env := Env{Pool: pool, Store: st, Redis: redisOpt, ExplainDir: t.TempDir(), Now: time.Now()}
	jobs, err := Jobs(ctx, env)
	require.NoError(t, err)
	reports, err := Reports(ctx, env)
	require.NoError(t, err)
	var names []string
	for _, j := range append(jobs, reports...) {
		names = append(names, j.Name)
		require.Len(t, j.RunsMillis, Runs)
		plan, err := os.ReadFile(j.Explain)
		require.NoError(t, err)
		require.Contains(t, string(plan), "Execution Time", j.Name)
		require.Contains(t, string(plan), "Buffers", j.Name)
	}
	require.Equal(t, []string{"due_emails", "relay_pass", "due_callbacks", "due_slas", "rescoring_sweep_page", "stall_sweep",
		"funnel_month", "funnel_all_time", "attribution_month", "attribution_all_time"}, names)
	byName := map[string]Timing{}
	for _, j := range append(jobs, reports...) {
		byName[j.Name] = j
	}
	var triggerOn bool
	require.NoError(t, pool.QueryRow(ctx, `SELECT tgenabled <> 'D' FROM pg_trigger WHERE tgname = 'touchpoints_first_touch'`).Scan(&triggerOn))
	require.True(t, triggerOn, "seeding turns the first-touch trigger back on")
	require.Zero(t, byName["relay_pass"].Rows, "the dead letters' tasks are archived in Redis: nothing to relay")
	require.Positive(t, byName["rescoring_sweep_page"].Rows)
	require.LessOrEqual(t, byName["rescoring_sweep_page"].Rows, workers.SweepPageSize, "one page of the sweep")
	require.Positive(t, byName["stall_sweep"].Rows)
	require.Positive(t, byName["funnel_all_time"].Rows)
}

// TestExplainedQueriesAreTheProducts keeps the copies under sql/explain
// equal to the queries sqlc generated from store/internal/*/queries.sql, so
// the saved plans are the plans of what the product runs.
func TestExplainedQueriesAreTheProducts(t *testing.T) {
	for file, src := range map[string][2]string{
		"due_emails":           {"outboxdb", "dueEmails"},
		"relay_pending_events": {"eventsdb", "pendingEvents"},
		"due_callbacks":        {"dealsdb", "dueCallbacks"},
		"due_slas":             {"dealsdb", "dueSLAs"},
		"contacts_to_rescore":  {"scoringdb", "contactsToRescore"},
		"stalled_deals":        {"dealsdb", "stalledDeals"},
		"funnel":               {"reportingdb", "funnel"},
		"attribution":          {"reportingdb", "attribution"},
	} {
		t.Run(file, func(t *testing.T) {
			gen, err := os.ReadFile(filepath.Join("..", "..", "store", "internal", src[0], "queries.sql.go"))
			require.NoError(t, err)
			m := regexp.MustCompile("(?ms)^const " + src[1] + " = `(.*?)`").FindSubmatch(gen)
			require.NotNil(t, m, "const %s in %s", src[1], src[0])
			require.Equal(t, strings.TrimSpace(string(m[1])), strings.TrimSpace(sqlText("explain/"+file+".sql")),
				"sql/explain/%s.sql differs from the generated query: copy it again", file)
		})
	}
}

func TestMedianAndMix(t *testing.T) {
	for _, c := range []struct {
		xs   []float64
		want float64
	}{{[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}, {[]float64{7}, 7}} {
		require.Equal(t, c.want, median(c.xs))
	}
	for _, c := range []struct{ contacts, dead, failed int }{
		{2000, 200, 100}, {1_000_000, 3000, 2000}, {5, 1, 1},
	} {
		require.Equal(t, c.dead, deadLetterCount(c.contacts), c.contacts)
		require.Equal(t, c.failed, failedCount(c.contacts), c.contacts)
	}
}
