package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
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

// dragCard drags a card onto a column as the browser's drag and drop
// does: dragstart on the card, dragover and drop on the column, one
// DataTransfer carrying the deal between them (DevTools' own drag
// interception is not needed for the board's HTML5 drag events).
func dragCard(dealID int64, stage string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		ok, err := chromedp.Evaluate[bool](fmt.Sprintf(`(() => {
			const card = document.getElementById('card-%d'), col = document.querySelector('.column[data-stage=%q]');
			if (!card || !col) return false;
			const dt = new DataTransfer();
			card.dispatchEvent(new DragEvent('dragstart', {bubbles: true, cancelable: true, dataTransfer: dt}));
			const target = col.querySelector('.colhead') || col;
			const over = new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt});
			target.dispatchEvent(over);
			if (!over.defaultPrevented) return false; // the column must accept the drop
			target.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));
			card.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: dt}));
			return true;
		})()`, dealID, stage))(ctx, t)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("card %d could not be dragged to %s", dealID, stage)
		}
		return nil
	})
}

// inColumn is a predicate: the deal's card is in the stage's column.
func inColumn(dealID int64, stage string) string {
	return fmt.Sprintf(`document.readyState === 'complete' && !!document.querySelector('.column[data-stage=%q] #card-%d')`, stage, dealID)
}

// smallTargets lists the visible controls (links, buttons, fields,
// disclosure summaries) under 44 CSS pixels high: on a phone every action
// must be reachable with a thumb.
const smallTargets = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('header a, header button, main a, main button, main select, main input:not([type=hidden]), main summary')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.height < 43.5) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || el.value || '').trim().slice(0, 30) + '" ' + r.height.toFixed(1) + 'px');
  }
  return out;
})()`

// TestBrowserRepBoard walks a rep's day on the board and the inbox at
// 1400 and 390 px wide: the cards show company, band and score, expected
// value and days in stage; Won and Lost are reachable; one card is
// dragged to Value proposition (on a phone, moved by its form: a phone
// shows one column), another moved a stage with Shift + →; a lead is found
// by its company on the inbox and the board; a manager's inbox lists an
// unassigned lead and says where to look. Every page is screenshotted and
// audited (labels, names, contrast); at 390 px every control is at least
// 44 px high and nothing scrolls sideways.
func TestBrowserRepBoard(t *testing.T) {
	dir := os.Getenv("LEADFLOW_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	t.Logf("screenshots in %s", dir)
	for _, size := range []struct {
		name          string
		width, height int64
		phone         bool
	}{
		{"1400px", 1400, 1000, false},
		{"390px", 390, 844, true},
	} {
		t.Run(size.name, func(t *testing.T) {
			ctx := newBrowser(t)
			b := setup(t, testenv.DatabaseURL(t), testenv.RedisURL(t))
			bg := context.Background()
			st := b.app.Store()
			repID, err := st.AddRep(bg, lead.Rep{Name: "Rita Rep", Email: "rita@reps.example.com"}, store.RoleRep)
			require.NoError(t, err)
			token, err := st.CreateRepToken(bg, repID)
			require.NoError(t, err)
			acme := boardDeal(t, b, repID, "Ada", "Acme Robotics", "ada@acme.test", 91, 5_000_000)
			globex := boardDeal(t, b, repID, "Grace", "Globex Logistics", "grace@globex.test", 84, 2_000_000)
			initech := boardDeal(t, b, repID, "Peter", "Initech Software", "peter@initech.test", 77, 1_000_000)

			shots := &shooter{t: t, dir: dir}
			shot := func(name string) chromedp.Action[chromedp.Void] { return shots.shot(size.name + "-" + name) }
			do := func(steps ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				require.NoError(t, chromedp.Do(ctx, steps...))
			}
			read := func(expr string) string {
				t.Helper()
				v, err := chromedp.Run(ctx, evalText(expr))
				require.NoError(t, err)
				return v
			}
			stageOf := func(dealID int64) string {
				var s string
				require.NoError(t, b.pool.QueryRow(bg, `SELECT st.name FROM deals d JOIN stages st ON st.id = d.stage_id WHERE d.id = $1`, dealID).Scan(&s))
				return s
			}
			phoneChecks := func(page string) {
				t.Helper()
				if !size.phone {
					return
				}
				small, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](smallTargets))
				require.NoError(t, err)
				require.Empty(t, small, "%s: controls a thumb cannot hit", page)
				wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth <= window.innerWidth`))
				require.NoError(t, err)
				require.True(t, wide, "%s scrolls sideways at %s", page, size.name)
			}

			do(chromedp.EmulateViewport(size.width, size.height), signIn(b.baseURL, token),
				chromedp.Navigate(b.baseURL+"/app/board"), chromedp.WaitVisible(css(`.board`)), shot("board"))
			phoneChecks("board")
			visibleColumns := `[...document.querySelectorAll('.column')].filter(c => c.getClientRects().length).map(c => c.dataset.stage).join(',')`
			if size.phone {
				// One column at a time, picked by the stage switcher.
				require.Equal(t, "Prospecting", read(visibleColumns), "a phone shows one column")
				do(chromedp.Click(css(`.stage-switch a[href*="Qualification"]`)), waitFor(inColumn(acme, "Qualification")),
					chromedp.WaitVisible(css(fmt.Sprintf(`#card-%d`, acme))), shot("board-qualification"))
				require.Equal(t, "Qualification", read(visibleColumns))
				phoneChecks("board, one stage")
			}

			// The card says who, how hot, how long and what it is worth.
			card := read(fmt.Sprintf(`document.getElementById('card-%d').innerText`, acme))
			for _, want := range []string{"Ada Board", "Acme Robotics", "hot 91", "entered today", "$10,000 expected", "$50,000 estimated"} {
				require.Contains(t, card, want)
			}

			if size.phone {
				// A phone has no drag and drop: the card's own form moves it.
				do(chromedp.Click(css(fmt.Sprintf(`#card-%d details.move summary`, acme))),
					chromedp.SetValue(css(fmt.Sprintf(`#stage-%d`, acme)), "Value proposition"), shot("board-move-form"),
					chromedp.Click(css(fmt.Sprintf(`#card-%d details.move button`, acme))),
					waitFor(inColumn(acme, "Value proposition")))
				phoneChecks("board, move form")
			} else {
				// Won and Lost are reachable: the board scrolls sideways
				// and every column keeps its head in view.
				lost := read(`(() => { const c = document.querySelector('.column[data-stage="Lost"]'); c.scrollIntoView({inline: 'end'});
					const r = c.querySelector('.colhead').getBoundingClientRect();
					return (r.right <= window.innerWidth && r.left >= 0 && r.top >= 0 ? 'visible' : 'hidden') + ' ' + getComputedStyle(c.querySelector('.colhead')).position; })()`)
				require.Equal(t, "visible sticky", lost)
				do(shot("board-won-lost"))
				do(dragCard(acme, "Value proposition"), waitFor(inColumn(acme, "Value proposition")), shot("board-dragged"))
				// Dropped on Won, a card is not moved yet: its form opens with
				// Won chosen and the amount to fill in focused.
				do(dragCard(initech, "Won"), waitFor(fmt.Sprintf(`document.activeElement && document.activeElement.id === 'amount-%d'`, initech)),
					shot("board-drop-on-won"))
				require.Equal(t, "Won", read(fmt.Sprintf(`document.getElementById('stage-%d').value`, initech)))
				require.Equal(t, "Qualification", stageOf(initech))
			}
			require.Equal(t, "Value proposition", stageOf(acme))

			// Keyboard: focus a card and press Shift + → to move it a stage.
			if size.phone {
				do(chromedp.Navigate(b.baseURL+"/app/board?stage=Qualification"), waitFor(inColumn(globex, "Qualification")))
			}
			do(chromedp.Focus(css(fmt.Sprintf(`#card-%d`, globex))), chromedp.KeyEvent(kb.ArrowRight, chromedp.KeyModifiers(chromedp.ModifierShift)),
				waitFor(fmt.Sprintf(`document.readyState === 'complete' && !!document.querySelector('.column[data-stage="Initial contact"] #card-%d')`, globex)))
			require.Equal(t, "Initial contact", stageOf(globex))

			// The compact list view.
			do(chromedp.Navigate(b.baseURL+"/app/board?view=list&stage=Qualification"), chromedp.WaitVisible(css(`table.deal-list`)), shot("board-list"))
			phoneChecks("list view")
			if !size.phone {
				require.Equal(t, "3", read(`String(document.querySelectorAll('table.deal-list tbody tr').length)`))
			}

			// Found by company: in the inbox, then on the board.
			do(chromedp.Navigate(b.baseURL+"/app/inbox"), chromedp.WaitVisible(css(`#q`)),
				chromedp.SendKeys(css(`#q`), "initech"), chromedp.Submit(css(`#q`)),
				waitFor(`location.search.includes('q=initech') && document.readyState === 'complete'`), shot("inbox-search"))
			phoneChecks("inbox")
			rows := read(`[...document.querySelectorAll('#inbox-rows a[href^="/app/deals/"]')].map(a => a.getAttribute('href')).join(',')`)
			require.Equal(t, fmt.Sprintf("/app/deals/%d", initech), rows)
			require.Contains(t, read(`document.getElementById('inbox-rows').innerText`), "due in", "the speed-to-lead deadline")
			do(chromedp.Navigate(b.baseURL+"/app/board?q=Initech+Soft&stage=Qualification"), chromedp.WaitVisible(css(`.board`)), shot("board-search"))
			cards := read(`[...document.querySelectorAll('.card')].map(c => c.id).join(',')`)
			require.Equal(t, fmt.Sprintf("card-%d", initech), cards)

			// A manager's inbox: an unassigned lead, and the words for an empty list.
			mgrID, err := st.AddRep(bg, lead.Rep{Name: "Mona Manager", Email: "mona@reps.example.com"}, store.RoleManager)
			require.NoError(t, err)
			mgrToken, err := st.CreateRepToken(bg, mgrID)
			require.NoError(t, err)
			_, err = b.pool.Exec(bg, `UPDATE deals SET owner_rep_id = NULL WHERE id = $1`, initech)
			require.NoError(t, err)
			do(chromedp.Click(css(`.signout button`)), chromedp.WaitVisible(css(`#token`)), signIn(b.baseURL, mgrToken),
				chromedp.Navigate(b.baseURL+"/app/inbox"), chromedp.WaitVisible(css(`#attn-h`)), shot("manager-inbox"))
			phoneChecks("manager inbox")
			team := read(`document.getElementById('inbox-rows').innerText`)
			require.Contains(t, team, "Initech Software")
			require.Contains(t, team, "unassigned")
			do(chromedp.Navigate(b.baseURL+"/app/inbox?q=nobody-matches"), chromedp.WaitVisible(css(`#attn-h`)), shot("manager-inbox-empty"))
			require.Contains(t, read(`document.getElementById('inbox-rows').innerText`), "The team's deals are on the Pipeline")

			// A bad filter is a 400 naming the field, not a 500.
			client, _ := webLogin(t, b.baseURL, token)
			status, body := webDo(t, client, http.MethodGet, b.baseURL+"/app/board?band=lukewarm", nil)
			require.Equal(t, http.StatusBadRequest, status)
			require.True(t, strings.Contains(body, "Band must be hot, warm or cold"), body)
		})
	}
}

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
