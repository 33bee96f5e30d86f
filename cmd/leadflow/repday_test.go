package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/store"
)

// TestBrowserRepDay walks a rep's day on the deal and contact pages in
// chromium, on a phone (390 px wide) and on a desktop (1400 px): a new
// hot lead arrives through a signed webhook, the rep opens it from the
// inbox, logs a call (the speed-to-lead clock stops and the trail shows
// the call and the first touch), sets a next step with its day, replaces
// the estimated amount, is refused a move to Lost without a reason (in
// words, next to the reason, with what was typed kept) and opens the
// contact page. Every page is screenshotted at both widths (the folder is
// logged; $LEADFLOW_SCREENSHOTS keeps them) and audited for the
// accessibility basics, and neither page scrolls sideways.
func TestBrowserRepDay(t *testing.T) {
	b := setup(t, testenv.DatabaseURL(t), testenv.RedisURL(t))
	bg := context.Background()
	st := b.app.Store()
	one, err := st.RepByEmail(bg, "one@reps.example.com")
	require.NoError(t, err)
	require.NoError(t, st.DisableRep(bg, one.ID)) // the leads must go to our rep
	repID, err := st.AddRep(bg, lead.Rep{Name: "Dana Rep", Email: "dana@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	token, err := st.CreateRepToken(bg, repID)
	require.NoError(t, err)
	dir := os.Getenv("LEADFLOW_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	t.Logf("screenshots in %s", dir)

	for i, width := range []int64{390, 1400} {
		t.Run(fmt.Sprintf("%dpx", width), func(t *testing.T) {
			repDay(t, b, token, &shooter{t: t, dir: dir, n: i * 20}, width, i)
		})
	}
}

// repDay is one width's walk through the day; n tells the leads apart.
func repDay(t *testing.T, b *testBundle, token string, shots *shooter, width int64, n int) {
	ctx := newBrowser(t)
	bg := context.Background()
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		require.NoError(t, chromedp.Do(ctx, steps...))
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		require.NoError(t, err)
		return v
	}
	// textOf waits for the element and reads its text in one evaluation,
	// so a page a redirect is replacing cannot drop it in between.
	textOf := func(sel string) string {
		t.Helper()
		js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? e.textContent : ""; })()`, sel)
		do(waitFor(fmt.Sprintf(`!!document.querySelector(%q)`, sel)))
		return eval(js)
	}
	// waitText waits for the page the form redirected to to show s in sel.
	waitText := func(sel, s string) chromedp.Action[chromedp.Void] {
		return waitFor(fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.textContent.includes(%q) && document.readyState === "complete"; })()`, sel, s))
	}
	name := fmt.Sprintf("%dpx", width)
	// fits checks the page does not scroll sideways: every action is
	// reachable without panning (wide tables scroll inside their box).
	fits := func(page string) {
		t.Helper()
		over := eval(`(() => { const w = document.documentElement.clientWidth; const out = [];
			for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect();
				if (r.right > w + 1 && !e.closest('.scroll')) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' ' + Math.round(r.right)); }
			return out.slice(0, 5).join(', '); })()`)
		require.Empty(t, over, "%s at %s scrolls sideways", page, name)
	}

	do(chromedp.EmulateViewport(width, 900), chromedp.Navigate(b.baseURL+"/app/login"), chromedp.WaitVisible(css(`#token`)), signIn(b.baseURL, token))

	// A hot lead arrives through a signed webhook while the inbox is open.
	person := []string{"Nora Narrow", "Wendy Wide"}[n]
	company := []string{"Narrowgate Ltd", "Widefield GmbH"}[n]
	email := fmt.Sprintf("repday%d@example.com", n)
	body := leadBodyWith(map[string]any{"external_id": "ext-repday-" + email, "source": "website-contact-form", "name": person,
		"email": email, "company": company, "title": "CEO", "phone": fmt.Sprintf("+1 555 555 01%02d", 40+n),
		"consent": map[string]any{"marketing": true},
		"answers": map[string]string{"budget": "over_50k", "authority": "decision_maker", "need": "urgent", "timeline": "this_month"},
	})
	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, fmt.Sprintf("msg_repday_%d", n), time.Now(), body).Status)
	findLink := fmt.Sprintf(`[...document.querySelectorAll('main a[href^="/app/deals/"]')].find(a => a.textContent.includes(%q))`, person)
	do(waitFor(fmt.Sprintf(`!!(%s)`, findLink)), shots.shot(name+"-inbox"))
	href := eval(fmt.Sprintf(`(%s).getAttribute('href')`, findLink))
	var dealID int64
	_, err := fmt.Sscanf(href, "/app/deals/%d", &dealID)
	require.NoError(t, err)
	firstTouch := func() *time.Time {
		var at *time.Time
		require.NoError(t, b.pool.QueryRow(bg, `SELECT first_contacted_at FROM deals WHERE id = $1`, dealID).Scan(&at))
		return at
	}

	// The rep opens it: the clock runs, the amount is routing's estimate.
	do(chromedp.Navigate(b.baseURL+href), waitText(`#deal-h`, "Qualification"), shots.shot(name+"-deal-new"))
	require.Contains(t, textOf(`#sla-status`), "No first touch yet")
	require.Contains(t, textOf(`#amount-status`), "estimate")
	require.Nil(t, firstTouch())
	fits("the new deal")

	// A call logged: the first touch, the clock stops, the trail shows it.
	do(chromedp.SetValue(css(`#act-kind`), "call"), chromedp.SendKeys(css(`#act-note`), "Spoke to "+person+": wants a demo"),
		chromedp.Click(css(`form.activity button[type=submit]`)), waitText(`#sla-status`, "First touch"))
	require.Contains(t, textOf(`#sla-status`), "the speed-to-lead clock stopped")
	require.NotNil(t, firstTouch(), "the call is the deal's first touch")
	trail := textOf(`ol.trail`)
	require.Contains(t, trail, "call logged")
	require.Contains(t, trail, "first touch")
	require.Contains(t, textOf(`ol.activities`), "wants a demo")

	// The next step and its day.
	day := time.Now().UTC().AddDate(0, 0, 2)
	do(chromedp.SendKeys(css(`#next-step`), "Send the proposal"), chromedp.SetValue(css(`#next-step-on`), day.Format("2006-01-02")),
		chromedp.Click(css(`form.nextstep button[type=submit]:not([name=clear])`)), waitText(`#next-step-status`, "Send the proposal"))
	require.Contains(t, textOf(`#next-step-status`), "by "+day.Format("Mon 2 Jan 2006"))
	var step string
	var on time.Time
	require.NoError(t, b.pool.QueryRow(bg, `SELECT next_step, next_step_on::timestamptz FROM deals WHERE id = $1`, dealID).Scan(&step, &on))
	require.Equal(t, "Send the proposal", step)
	require.Equal(t, day.Format("2006-01-02"), on.UTC().Format("2006-01-02"))

	// The amount: the rep's figure replaces the estimate.
	// (The field is empty while the amount is an estimate.)
	require.Empty(t, eval(`document.querySelector('#deal-amount').value`))
	do(chromedp.SendKeys(css(`#deal-amount`), "48,000"),
		chromedp.Click(css(`form.amount button[type=submit]`)), waitText(`#amount-status`, "set by a rep"))
	require.Contains(t, textOf(`#amount-status`), "$48,000")
	var cents int64
	var estimated bool
	require.NoError(t, b.pool.QueryRow(bg, `SELECT amount_cents, amount_estimated FROM deals WHERE id = $1`, dealID).Scan(&cents, &estimated))
	require.Equal(t, int64(4_800_000), cents)
	require.False(t, estimated)
	do(shots.shot(name + "-deal-worked"))
	fits("the worked deal")

	// Lost without a reason: refused in words next to the reason, the
	// stage and amount chosen kept, the deal still open.
	reasonErr := fmt.Sprintf(`#reason-%d-err`, dealID)
	do(chromedp.Click(css(`details.move summary`)), chromedp.WaitVisible(css(fmt.Sprintf(`#stage-%d`, dealID))),
		chromedp.SetValue(css(fmt.Sprintf(`#stage-%d`, dealID)), "Lost"),
		chromedp.SendKeys(css(fmt.Sprintf(`#amount-%d`, dealID)), "50,000"),
		chromedp.Click(css(`details.move button[type=submit]`)), waitFor(fmt.Sprintf(`!!document.querySelector(%q)`, reasonErr)),
		shots.shot(name+"-deal-lost-refused"))
	require.Contains(t, textOf(reasonErr), "Choose why the deal was lost")
	require.NotContains(t, textOf(`main`), "lost_reason", "no API field name on the page")
	require.Equal(t, "50,000", eval(fmt.Sprintf(`document.querySelector('#amount-%d').value`, dealID)))
	require.Equal(t, "Lost", eval(fmt.Sprintf(`document.querySelector('#stage-%d').value`, dealID)))
	require.Contains(t, textOf(`#deal-h`), "Qualification", "not moved")

	// The contact page, linked from the deal.
	do(chromedp.Click(css(`#contact-link`)), waitFor(`location.pathname.startsWith("/app/contacts/") && document.readyState === "complete"`),
		chromedp.WaitVisible(css(`#who-h`)), shots.shot(name+"-contact"))
	facts := textOf(`dl.facts`)
	require.Contains(t, facts, company)
	require.NotContains(t, textOf(`main`), "/ /")
	fits("the contact page")
	t.Logf("%s: deal %d walked; screenshots %s-*.png", name, dealID, name)
}
