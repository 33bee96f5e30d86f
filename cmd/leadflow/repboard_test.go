package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/store"
	"leadflow/webapp"
	"leadflow/webapp/webstore"
)

// boardDeal seeds a scored contact at company with an open deal of the
// rep in Qualification: its amount estimated (as routing leaves it) and
// its speed-to-lead clock running for an hour more.
func boardDeal(t *testing.T, b *testBundle, repID int64, first, company, email string, score int, amountCents int64) int64 {
	t.Helper()
	var id int64
	require.NoError(t, b.pool.QueryRow(context.Background(), `
		WITH c AS (INSERT INTO contacts (first_name, last_name, company) VALUES ($1, 'Board', $2) RETURNING id),
		i AS (INSERT INTO contact_identities (kind, value, contact_id) SELECT 'email', $3, id FROM c RETURNING 1),
		s AS (INSERT INTO scores (contact_id, total, band, model_version, breakdown, computed_at)
			SELECT id, $4, 'hot', 'test', '{}', now() FROM c RETURNING 1)
		INSERT INTO deals (contact_id, pipeline_id, stage_id, owner_rep_id, amount_cents, amount_estimated, sla_due_at)
		SELECT c.id, p.id, st.id, $5, $6, true, now() + interval '1 hour'
		FROM c, pipelines p JOIN stages st ON st.pipeline_id = p.id WHERE p.is_default AND st.name = 'Qualification'
		RETURNING id`, first, company, email, score, repID, amountCents).Scan(&id))
	return id
}

// evalText evaluates a JavaScript expression to a string, retrying while
// a navigation (a form's post and redirect) replaces the page.
func evalText(expr string) chromedp.Action[string] {
	return func(ctx context.Context, t *chromedp.Target) (string, error) {
		for {
			if v, err := chromedp.Evaluate[*string](expr)(ctx, t); err == nil && v != nil {
				return *v, nil
			}
			select {
			case <-ctx.Done():
				return "", fmt.Errorf("evaluate %s: %w", expr, ctx.Err())
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
}

// inColumn is a predicate: the deal's card is in the stage's column.
func inColumn(dealID int64, stage string) string {
	return fmt.Sprintf(`document.readyState === 'complete' && !!document.querySelector('.column[data-stage=%q] #card-%d')`, stage, dealID)
}

// smallTargets lists the visible controls (links, buttons, fields,
// disclosure summaries) under 44 CSS pixels high: on a phone every action
// must be reachable with a thumb. A link inside a sentence of an empty
// list's words is exempt, as WCAG 2.5.8 exempts inline links.
const smallTargets = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('header a, header button, main a, main button, main select, main input:not([type=hidden]), main summary')) {
    if (el.matches('.empty a')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.height < 43.5) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || el.value || '').trim().slice(0, 30) + '" ' + r.height.toFixed(1) + 'px');
  }
  return out;
})()`

// BenchmarkRepBoardPages renders the pages a search or a manager's inbox
// adds, on BenchmarkWebappPages' data (10,000 open deals, 10 reps of
// 1,000, every contact scored), a tenth of the deals unassigned and a
// tenth past their speed-to-lead deadline, each contact with an email.
//
//	go test ./cmd/leadflow -run '^$' -bench RepBoardPages -benchtime 20x
func BenchmarkRepBoardPages(b *testing.B) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, testenv.DatabaseURL(b))
	require.NoError(b, err)
	b.Cleanup(pool.Close)
	st := store.New(pool)
	var repIDs []int64
	for i := range 10 {
		id, err := st.AddRep(ctx, lead.Rep{Name: fmt.Sprintf("Rep %02d", i), Email: fmt.Sprintf("rep%02d@reps.example.com", i)}, store.RoleRep)
		require.NoError(b, err)
		repIDs = append(repIDs, id)
	}
	mgr, err := st.AddRep(ctx, lead.Rep{Name: "Manager", Email: "mgr@reps.example.com"}, store.RoleManager)
	require.NoError(b, err)
	for _, q := range []string{
		`INSERT INTO contacts (first_name, last_name, company) SELECT 'First' || g, 'Last' || g, 'Company ' || g FROM generate_series(1, 10000) g`,
		`INSERT INTO contact_identities (kind, value, contact_id) SELECT 'email', 'person' || id || '@example.com', id FROM contacts`,
		`INSERT INTO scores (contact_id, total, band, model_version, breakdown, computed_at)
			SELECT id, 70 + id % 30, CASE WHEN id % 3 = 0 THEN 'hot' ELSE 'warm' END, 'bench', '{"contributions":[]}', now() - interval '1 hour' FROM contacts`,
		`INSERT INTO deals (contact_id, pipeline_id, stage_id, owner_rep_id, amount_cents, created_at, sla_due_at)
			SELECT c.id, p.id, (SELECT id FROM stages WHERE pipeline_id = p.id AND kind = 'open' ORDER BY position OFFSET c.id % 5 LIMIT 1),
				(SELECT r FROM unnest($1::bigint[]) WITH ORDINALITY u(r, n) WHERE n = 1 + c.id % 10), (c.id % 97) * 100000,
				now() - (c.id || ' minutes')::interval, CASE WHEN c.id % 10 = 3 THEN now() - interval '5 minutes' END
			FROM contacts c, pipelines p WHERE p.is_default`,
		`UPDATE deals SET owner_rep_id = NULL WHERE id % 10 = 7`,
		`ANALYZE`,
	} {
		var args []any
		if strings.Contains(q, "$1") {
			args = append(args, repIDs)
		}
		_, err = pool.Exec(ctx, q, args...)
		require.NoError(b, err)
	}
	app, err := webapp.New(webapp.Config{Backend: webstore.Backend{Store: st, Now: time.Now}, LostReasons: []string{"price"}})
	require.NoError(b, err)
	now := time.Now()
	require.NoError(b, st.CreateWebSession(ctx, "rep-session", repIDs[1], "csrf", now, now.Add(time.Hour)))
	require.NoError(b, st.CreateWebSession(ctx, "mgr-session", mgr, "csrf", now, now.Add(time.Hour)))
	pages := []struct{ name, session, path string }{
		{"inbox", "rep-session", "/app/inbox"},
		{"inbox-search-company", "rep-session", "/app/inbox?q=Company+421"},
		{"inbox-search-email", "rep-session", "/app/inbox?q=person421%40"},
		{"board-rep", "rep-session", "/app/board"},
		{"board-rep-search", "rep-session", "/app/board?q=Company+421"},
		{"board-rep-band", "rep-session", "/app/board?band=hot"},
		{"board-team-search", "mgr-session", "/app/board?q=Company+421"},
		{"board-team-list", "mgr-session", "/app/board?view=list"},
		{"inbox-manager", "mgr-session", "/app/inbox"},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			var bytes int
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, p.path, nil)
				req.AddCookie(&http.Cookie{Name: "lf_session", Value: p.session})
				rec := httptest.NewRecorder()
				app.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", p.path, rec.Code, rec.Body.String())
				}
				bytes = rec.Body.Len()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/page")
			b.ReportMetric(float64(bytes), "bytes/page")
		})
	}
}
