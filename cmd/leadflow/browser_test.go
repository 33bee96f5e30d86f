package main

import (
	"bytes"
	"context"
	"fmt"
	"github.com/hibiken/asynq"
	"io"
	"leadflow/workers"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
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

const chromiumPath = "/usr/bin/chromium"

// newBrowser starts Debian's headless chromium with a fresh profile; it
// skips when chromium is not installed, except under CI=true.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		testenv.Missing(t, "chromium not installed at %s (apt-get install chromium)", chromiumPath)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox, // tests run as root in CI containers
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// shooter saves full-page screenshots of every page under one folder.
type shooter struct {
	t   *testing.T
	dir string
	n   int
}

// shot saves the page and audits it for the accessibility basics (our
// pages only: the queue admin is asynqmon's).
func (s *shooter) shot(name string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if name != "queues" {
			problems, err := chromedp.Evaluate[[]string](a11yAudit)(ctx, t)
			if err != nil {
				return fmt.Errorf("audit %s: %w", name, err)
			}
			if len(problems) > 0 {
				s.t.Errorf("page %s fails the accessibility basics:\n  %s", name, strings.Join(problems, "\n  "))
			}
		}
		buf, err := chromedp.FullScreenshot(100)(ctx, t)
		if err != nil {
			return err
		}
		s.n++
		return os.WriteFile(filepath.Join(s.dir, fmt.Sprintf("%02d-%s.png", s.n, name)), buf, 0o644)
	})
}

// a11yAudit lists what a page gets wrong of the basics: a form control
// without a label, a button without a name, visible text whose contrast
// with its background is under WCAG AA (4.5:1; 3:1 for large text).
const a11yAudit = `(() => {
  const out = [];
  const id = el => el.id ? '#' + el.id : el.tagName.toLowerCase() + (el.name ? '[name=' + el.name + ']' : '');
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (['hidden', 'submit', 'button'].includes(el.type)) continue;
    if ((el.labels && el.labels.length) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) continue;
    out.push('control without a label: ' + id(el));
  }
  for (const el of document.querySelectorAll('button, input[type=submit]')) {
    if (!(el.textContent || el.value || el.getAttribute('aria-label') || '').trim()) out.push('button without a name: ' + id(el));
  }
  const rgb = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(',').map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const bg = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c && c.a > 0) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
  const seen = new Set();
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const text = walk.currentNode.textContent.trim(), el = walk.currentNode.parentElement;
    if (!text || !el || seen.has(el) || el.closest('svg')) continue;
    seen.add(el);
    const st = getComputedStyle(el);
    if (st.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    const fg = rgb(st.color), b = bg(el);
    if (!fg) continue;
    const l1 = lum(fg), l2 = lum(b), ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(st.fontSize), large = size >= 24 || (parseInt(st.fontWeight) >= 700 && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) out.push('contrast ' + ratio.toFixed(2) + ':1 for "' + text.slice(0, 40) + '"');
  }
  return out;
})()`

// signIn fills the sign-in form with a rep token.
func signIn(base, token string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/app/inbox"),
		chromedp.WaitVisible(css(`#token`)),
		chromedp.SendKeys(css(`#token`), token),
		chromedp.Submit(css(`#token`)),
		chromedp.WaitVisible(css(`nav[aria-label="Main"]`)),
	)
}

// waitFor evaluates a JavaScript predicate until it holds; unlike Poll it
// survives the navigation of a form post and its redirect.
func waitFor(predicate string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for {
			if ok, err := chromedp.Evaluate[bool](predicate)(ctx, t); err == nil && ok {
				return nil
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("wait for %s: %w", predicate, ctx.Err())
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
}

func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

// moveStage opens a card's move form with the keyboard-usable controls and
// submits it.
func moveStage(dealID int64, stage, amount string) chromedp.Action[chromedp.Void] {
	sel := css(fmt.Sprintf(`#stage-%d`, dealID))
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Click(css(`details.move summary`)),
		chromedp.WaitVisible(sel),
		chromedp.SetValue(sel, stage),
	}
	if amount != "" {
		steps = append(steps, chromedp.SendKeys(css(fmt.Sprintf(`#amount-%d`, dealID)), amount))
	}
	// The form posts and redirects back: wait for the new page to name the stage.
	moved := fmt.Sprintf(`(() => { const h = document.querySelector('#deal-h'); return !!h && h.textContent.includes(%q); })()`, stage)
	steps = append(steps, chromedp.Click(css(`details.move button[type=submit]`)),
		waitFor(moved))
	return chromedp.Steps(steps...)
}

// TestBrowserJourney drives the web app in chromium: a rep signs in, sees a
// freshly routed hot lead arrive in the inbox, reads why it scored, moves
// it to Won with an amount; a manager sees it on the leaderboard. Forged
// POSTs and other reps' deals are refused.
func TestBrowserJourney(t *testing.T) {
	ctx := newBrowser(t)
	b := setup(t, testenv.DatabaseURL(t), testenv.RedisURL(t))
	bg := context.Background()
	st := b.app.Store()
	one, err := st.RepByEmail(bg, "one@reps.example.com")
	require.NoError(t, err)
	require.NoError(t, st.DisableRep(bg, one.ID)) // the lead must go to our rep
	repID, err := st.AddRep(bg, lead.Rep{Name: "Webb Rep", Email: "webb@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	repToken, err := st.CreateRepToken(bg, repID)
	require.NoError(t, err)

	// Kept after the test (os.MkdirTemp, not t.TempDir) so they can be looked at.
	dir, err := os.MkdirTemp("", "leadflow-webapp-screens-")
	require.NoError(t, err)
	shots := &shooter{t: t, dir: dir}
	t.Logf("screenshots in %s", shots.dir)
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		require.NoError(t, chromedp.Do(ctx, steps...))
	}
	// text reads an element's text in one evaluation: chromedp.Text finds
	// the node and then reads it, and a page the form's redirect is still
	// replacing can drop the node in between ("No node with given id").
	text := func(sel string) string {
		t.Helper()
		read := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? e.textContent : null; })()`, sel)
		var got string
		do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			for {
				if v, err := chromedp.Evaluate[*string](read)(ctx, tg); err == nil && v != nil {
					got = *v
					return nil
				}
				select {
				case <-ctx.Done():
					return fmt.Errorf("read the text of %s: %w", sel, ctx.Err())
				case <-time.After(100 * time.Millisecond):
				}
			}
		}))
		return got
	}

	// Sign in, with an empty inbox.
	do(chromedp.Navigate(b.baseURL+"/app/login"), chromedp.WaitVisible(css(`#token`)), shots.shot("login"),
		signIn(b.baseURL, repToken), shots.shot("inbox-empty"))

	// A signed hot webhook arrives; the open inbox shows it by itself.
	res := b.post(t, testSecret, "msg_browser_1", time.Now(), leadBody("ada.browser@example.com", true))
	require.Equal(t, http.StatusAccepted, res.Status)
	link := `#inbox-rows a[href^="/app/deals/"]`
	do(chromedp.WaitVisible(css(link)), shots.shot("inbox-new-lead"))
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(css(link), "href"))
	require.NoError(t, err)
	dealHref := href.Value
	var dealID int64
	_, err = fmt.Sscanf(dealHref, "/app/deals/%d", &dealID)
	require.NoError(t, err)

	// Open it and read why it is hot.
	do(chromedp.Click(css(link)), chromedp.WaitVisible(css(`table.reasons`)), shots.shot("deal-contact"))
	reasons, trail := text(`table.reasons`), text(`ol.trail`)
	require.Contains(t, reasons, "decision maker")
	require.Contains(t, reasons, "budget")
	for _, step := range []string{"webhook received", "dedupe", "scored", "deal opened", "assigned to Webb Rep"} {
		require.Contains(t, trail, step)
	}

	// Move it through the stages to Won with an amount.
	do(moveStage(dealID, "Initial contact", ""))
	require.Contains(t, text(`#deal-h`), "Initial contact")
	do(chromedp.Navigate(b.baseURL+"/app/board"), chromedp.WaitVisible(css(`.board`)), shots.shot("board"),
		chromedp.Navigate(b.baseURL+dealHref), chromedp.WaitVisible(css(`#deal-h`)),
		moveStage(dealID, "Won", "12,500"), shots.shot("deal-won"))
	require.Contains(t, text(`#deal-h`), "Won")

	// A second lead's deal stalls and is parked: the callbacks page lists
	// it, and the rep moves its reminder a week ahead.
	// (Another phone than the first lead's, or it would be the same person.)
	second := bytes.Replace(leadBody("bea.browser@example.com", true), []byte("+1 555 555 0100"), []byte("+1 555 555 0199"), 1)
	res = b.post(t, testSecret, "msg_browser_2", time.Now(), second)
	require.Equal(t, http.StatusAccepted, res.Status)
	var parked int64
	require.Eventually(t, func() bool {
		return b.pool.QueryRow(bg, `SELECT d.id FROM deals d JOIN contact_identities i ON i.contact_id = d.contact_id
			WHERE i.value = 'bea.browser@example.com'`).Scan(&parked) == nil
	}, 20*time.Second, 50*time.Millisecond, "the second lead was not routed")
	parkedAt := time.Now()
	ok, err := st.ParkDeal(bg, parked, parkedAt.Add(14*24*time.Hour), parkedAt)
	require.NoError(t, err)
	require.True(t, ok)
	snoozeSel := fmt.Sprintf(`#snooze-%d`, parked)
	do(chromedp.Navigate(b.baseURL+"/app/callbacks"), chromedp.WaitVisible(css(snoozeSel)), shots.shot("callbacks"),
		chromedp.SetValue(css(snoozeSel), "7"),
		chromedp.Click(css(fmt.Sprintf(`form[action="/app/deals/%d/snooze"] button`, parked))),
		waitFor(`location.pathname === "/app/callbacks" && document.readyState === "complete"`))
	var callbackAt time.Time
	require.Eventually(t, func() bool {
		return b.pool.QueryRow(bg, `SELECT callback_at FROM deals WHERE id = $1`, parked).Scan(&callbackAt) == nil &&
			callbackAt.Sub(parkedAt) < 8*24*time.Hour
	}, 10*time.Second, 50*time.Millisecond, "the reminder did not move")
	require.WithinDuration(t, parkedAt.AddDate(0, 0, 7), callbackAt, time.Minute)
	insp := asynq.NewInspector(b.app.RedisConnOpt())
	defer insp.Close()
	scheduled, err := insp.ListScheduledTasks(workers.QueueDefault, asynq.PageSize(1000))
	require.NoError(t, err)
	for _, ti := range scheduled {
		// A week away is past workers.Horizon: the reminder is the deal's
		// callback_at (above), which the scheduler's relay hands to a
		// worker when due, not a task waiting in Redis for a week.
		require.False(t, ti.Type == workers.TypeDealCallback && strings.Contains(string(ti.Payload), fmt.Sprintf(`"deal_id":%d`, parked)),
			"the moved reminder waits as a row, not in Redis")
	}

	// Another rep's deal is not visible; a POST without the CSRF token is refused.
	otherRep, err := st.AddRep(bg, lead.Rep{Name: "Other Rep", Email: "other@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	var otherDeal int64
	require.NoError(t, b.pool.QueryRow(bg, `
		WITH c AS (INSERT INTO contacts (first_name) VALUES ('Otto') RETURNING id)
		INSERT INTO deals (contact_id, pipeline_id, stage_id, owner_rep_id)
		SELECT c.id, p.id, s.id, $1 FROM c, pipelines p JOIN stages s ON s.pipeline_id = p.id
		WHERE p.is_default AND s.name = 'Qualification' RETURNING id`, otherRep).Scan(&otherDeal))
	client, csrf := webLogin(t, b.baseURL, repToken)
	status, _ := webDo(t, client, http.MethodGet, b.baseURL+fmt.Sprintf("/app/deals/%d", otherDeal), nil)
	require.Equal(t, http.StatusNotFound, status)
	status, _ = webDo(t, client, http.MethodPost, b.baseURL+fmt.Sprintf("/app/deals/%d/stage", otherDeal), url.Values{"csrf": {csrf}, "stage": {"Won"}})
	require.Equal(t, http.StatusNotFound, status)
	status, _ = webDo(t, client, http.MethodPost, b.baseURL+fmt.Sprintf("/app/deals/%d/stage", dealID), url.Values{"stage": {"Lost"}})
	require.Equal(t, http.StatusForbidden, status)
	status, _ = webDo(t, client, http.MethodPost, b.baseURL+"/app/logout", url.Values{"csrf": {"forged"}})
	require.Equal(t, http.StatusForbidden, status)
	status, _ = webDo(t, client, http.MethodGet, b.baseURL+"/app/manager", nil)
	require.Equal(t, http.StatusForbidden, status, "a rep is not a manager")
	do(chromedp.Navigate(b.baseURL+fmt.Sprintf("/app/deals/%d", otherDeal)), chromedp.WaitVisible(css(`main h1`)), shots.shot("other-rep-404"))
	require.Contains(t, text(`main h1`), "Not found")

	// A manager sees the won deal on the leaderboard.
	mgrID, err := st.AddRep(bg, lead.Rep{Name: "Mona Manager", Email: "mona@reps.example.com"}, store.RoleManager)
	require.NoError(t, err)
	mgrToken, err := st.CreateRepToken(bg, mgrID)
	require.NoError(t, err)
	do(chromedp.Navigate(b.baseURL+"/app/inbox"), chromedp.WaitVisible(css(`.signout button`)),
		chromedp.Click(css(`.signout button`)), chromedp.WaitVisible(css(`#token`)),
		signIn(b.baseURL, mgrToken),
		chromedp.Navigate(b.baseURL+"/app/manager"), chromedp.WaitVisible(css(`table.leaderboard`)), shots.shot("manager"))
	board := text(`table.leaderboard`)
	do(chromedp.Navigate(b.baseURL+"/app/board"), chromedp.WaitVisible(css(`.board`)), shots.shot("board-team"),
		chromedp.Navigate(b.baseURL+"/app/queues/"), chromedp.Sleep(time.Second), shots.shot("queues"))
	require.Contains(t, board, "Webb Rep")
	require.Contains(t, board, "$12,500")
	mgr, mgrCSRF := webLogin(t, b.baseURL, mgrToken)
	status, _ = webDo(t, mgr, http.MethodGet, b.baseURL+"/app/queues/api/queues", nil)
	require.Equal(t, http.StatusOK, status)
	status, _ = webDo(t, mgr, http.MethodPost, b.baseURL+"/app/logout", url.Values{"csrf": {mgrCSRF}})
	require.Equal(t, http.StatusOK, status) // redirected to the sign-in form
	status, _ = webDo(t, mgr, http.MethodGet, b.baseURL+"/app/queues/api/queues", nil)
	require.Equal(t, http.StatusUnauthorized, status, "signed out")
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// webLogin signs in with net/http as a browser would and returns the
// client (its cookie jar holds the session) and the session's CSRF token.
func webLogin(t *testing.T, base, token string) (*http.Client, string) {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := &http.Client{Jar: jar}
	_, page := webDo(t, c, http.MethodGet, base+"/app/login", nil)
	m := csrfInput.FindStringSubmatch(page)
	require.NotNil(t, m, "no csrf field on the sign-in form")
	status, page := webDo(t, c, http.MethodPost, base+"/app/login", url.Values{"csrf": {m[1]}, "token": {token}})
	require.Equal(t, http.StatusOK, status)
	m = csrfInput.FindStringSubmatch(page)
	require.NotNil(t, m, "no csrf field after sign-in")
	return c, m[1]
}

func webDo(t *testing.T, c *http.Client, method, u string, form url.Values) (int, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	require.NoError(t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := c.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(b)
}

// BenchmarkWebappPages renders each page against 10,000 open deals (10 reps
// of 1,000, every contact scored) through the real store, session lookup
// included, and reports the server time per page.
//
//	go test ./cmd/leadflow -run '^$' -bench WebappPages -benchtime 20x
func BenchmarkWebappPages(b *testing.B) {
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
		`INSERT INTO scores (contact_id, total, band, model_version, breakdown, computed_at)
			SELECT id, 70 + id % 30, 'hot', 'bench', '{"contributions":[]}', now() - interval '1 hour' FROM contacts`,
		`INSERT INTO deals (contact_id, pipeline_id, stage_id, owner_rep_id, amount_cents, created_at)
			SELECT c.id, p.id, (SELECT id FROM stages WHERE pipeline_id = p.id AND kind = 'open' ORDER BY position OFFSET c.id % 5 LIMIT 1),
				(SELECT r FROM unnest($1::bigint[]) WITH ORDINALITY u(r, n) WHERE n = 1 + c.id % 10), (c.id % 97) * 100000,
				now() - (c.id || ' minutes')::interval
			FROM contacts c, pipelines p WHERE p.is_default`,
		`ANALYZE`,
	} {
		var args []any
		if strings.Contains(q, "$1") {
			args = append(args, repIDs)
		}
		_, err = pool.Exec(ctx, q, args...)
		require.NoError(b, err)
	}
	var dealID int64
	require.NoError(b, pool.QueryRow(ctx, `SELECT id FROM deals WHERE owner_rep_id = $1 LIMIT 1`, repIDs[0]).Scan(&dealID))

	app, err := webapp.New(webapp.Config{Backend: webstore.Backend{Store: st, Now: time.Now}, LostReasons: []string{"price"}})
	require.NoError(b, err)
	now := time.Now()
	require.NoError(b, st.CreateWebSession(ctx, "rep-session", repIDs[0], "csrf", now, now.Add(time.Hour)))
	require.NoError(b, st.CreateWebSession(ctx, "mgr-session", mgr, "csrf", now, now.Add(time.Hour)))
	pages := []struct{ name, session, path string }{
		{"inbox", "rep-session", "/app/inbox"},
		{"board-rep", "rep-session", "/app/board"},
		{"board-team", "mgr-session", "/app/board"},
		{"deal", "rep-session", fmt.Sprintf("/app/deals/%d", dealID)},
		{"callbacks-team", "mgr-session", "/app/callbacks"},
		{"manager", "mgr-session", "/app/manager"},
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
