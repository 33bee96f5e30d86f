package webstore_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/store"
	"leadflow/webapp"
)

// post sends a deal page form for the signed-in session and returns the
// status and the page.
func post(t *testing.T, a *webapp.App, path string, form url.Values) (int, string) {
	t.Helper()
	form.Set("csrf", "csrf")
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "lf_session", Value: "sess"})
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	body, err := io.ReadAll(rec.Body)
	require.NoError(t, err)
	return rec.Code, string(body)
}

// followUp is what the store kept of a deal's work.
type followUp struct {
	firstTouch          *time.Time
	activities          int
	nextStep            string
	nextStepOn          *time.Time
	amount              int64
	estimated           bool
	stage, lostReason   string
	closed              bool
	stageHistoryEntries int
}

func (b *bundle) followUp(t *testing.T, dealID int64) followUp {
	t.Helper()
	var f followUp
	require.NoError(t, b.pool.QueryRow(context.Background(), `
		SELECT d.first_contacted_at, (SELECT count(*) FROM deal_activities a WHERE a.deal_id = d.id), d.next_step, d.next_step_on::timestamptz,
			d.amount_cents, d.amount_estimated, st.name, d.lost_reason, d.closed_at IS NOT NULL,
			(SELECT count(*) FROM deal_stage_history h WHERE h.deal_id = d.id)
		FROM deals d JOIN stages st ON st.id = d.stage_id WHERE d.id = $1`, dealID).
		Scan(&f.firstTouch, &f.activities, &f.nextStep, &f.nextStepOn, &f.amount, &f.estimated, &f.stage, &f.lostReason, &f.closed, &f.stageHistoryEntries))
	return f
}

// fieldError is the problem shown next to the field with id, "" for none.
func fieldError(page, id string) string {
	m := regexp.MustCompile(`<p class="field-error" id="` + regexp.QuoteMeta(id) + `-err">([^<]*)</p>`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// TestDealPageForms posts the deal page's forms through the real store: a
// logged call is the first touch and stops the clock (the trail and the
// page say so), the next step and amount are stored and shown, and every
// refusal keeps what the rep typed, with the problem in words next to its
// field and nothing written.
func TestDealPageForms(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	rep, err := b.st.AddRep(ctx, lead.Rep{Name: "Ann", Email: "ann@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	other, err := b.st.AddRep(ctx, lead.Rep{Name: "Otto", Email: "otto@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	require.NoError(t, b.st.CreateWebSession(ctx, "sess", rep, "csrf", b.now, b.now.Add(24*time.Hour)))
	// The page's clock: half an hour after the deals opened.
	now := b.now.Add(30 * time.Minute)
	app, err := webapp.New(webapp.Config{Backend: b.backend, NowFunc: func() time.Time { return now }})
	require.NoError(t, err)

	tests := []struct {
		name string
		// owner of the deal the form is posted to (0: the signed-in rep).
		owner int64
		// before are forms posted first, each answered 303.
		before []url.Values
		path   string
		form   url.Values
		// wantStatus 303: saved; 422: refused (nothing written).
		wantStatus int
		// wantField, wantWords: the problem next to the field (422).
		wantField, wantWords string
		// wantKept are values the refused page still holds.
		wantKept []string
		// check reads what was stored, with the page after the post.
		check func(t *testing.T, f followUp, page string)
	}{
		{name: "a call is the first touch", path: "activities", form: url.Values{"kind": {"call"}, "note": {"Left a voicemail"}},
			wantStatus: http.StatusSeeOther, check: func(t *testing.T, f followUp, page string) {
				require.NotNil(t, f.firstTouch)
				require.True(t, now.Equal(*f.firstTouch), "first touch at the time logged (now)")
				require.Equal(t, 1, f.activities)
				require.Contains(t, page, "First touch 30m 00s after the deal opened: the speed-to-lead clock stopped.")
				require.Contains(t, page, "<strong>call logged</strong>")
				require.Contains(t, page, "<strong>first touch</strong>")
				require.Contains(t, page, "Left a voicemail")
			}},
		{name: "a later meeting leaves the first touch", path: "activities",
			before: []url.Values{{"kind": {"call"}, "at": {"2026-01-01T12:10"}}},
			form:   url.Values{"kind": {"meeting"}}, wantStatus: http.StatusSeeOther, check: func(t *testing.T, f followUp, page string) {
				require.Equal(t, 2, f.activities)
				require.True(t, b.now.Add(10*time.Minute).Equal(*f.firstTouch), "the call's time typed: %s", f.firstTouch)
				require.Contains(t, page, "First touch 10m 00s after the deal opened")
			}},
		{name: "a time still to come", path: "activities", form: url.Values{"kind": {"call"}, "note": {"Spoke to Ada"}, "at": {"2026-01-02T09:00"}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "act-at", wantWords: "That time is still to come",
			wantKept: []string{">Spoke to Ada</textarea>", `value="2026-01-02T09:00"`}},
		{name: "before the deal opened", path: "activities", form: url.Values{"kind": {"email"}, "at": {"2025-12-31T09:00"}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "act-at", wantWords: "The deal opened 1 Jan 2026, 12:00 UTC"},
		{name: "a time in words", path: "activities", form: url.Values{"kind": {"call"}, "at": {"this morning"}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "act-at", wantWords: "Enter when it happened", wantKept: []string{`value="this morning"`}},
		{name: "a proposal is the API's", path: "activities", form: url.Values{"kind": {"proposal"}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "act-kind", wantWords: "Choose what you did: a call, a meeting, an email or a note."},
		{name: "a note too long", path: "activities", form: url.Values{"kind": {"note"}, "note": {strings.Repeat("x", 2001)}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "act-note", wantWords: "Keep the note to 2000 characters; it has 2001."},
		{name: "another rep's deal", owner: other, path: "activities", form: url.Values{"kind": {"call"}},
			wantStatus: http.StatusNotFound, check: func(t *testing.T, f followUp, _ string) {
				require.Nil(t, f.firstTouch)
				require.Zero(t, f.activities)
			}},
		{name: "a next step and its day", path: "next-step", form: url.Values{"next_step": {" Send the proposal "}, "next_step_on": {"2026-01-05"}},
			wantStatus: http.StatusSeeOther, check: func(t *testing.T, f followUp, page string) {
				require.Equal(t, "Send the proposal", f.nextStep)
				require.NotNil(t, f.nextStepOn)
				require.Equal(t, "2026-01-05", f.nextStepOn.UTC().Format("2006-01-02"))
				require.Contains(t, page, `Send the proposal, <span class="">by Mon 5 Jan 2026</span>`)
				require.Nil(t, f.firstTouch, "a next step is no touch")
			}},
		{name: "a next step without a day", path: "next-step", form: url.Values{"next_step": {"Call back"}},
			wantStatus: http.StatusSeeOther, check: func(t *testing.T, f followUp, page string) {
				require.Equal(t, "Call back", f.nextStep)
				require.Nil(t, f.nextStepOn)
				require.Contains(t, page, `<p id="next-step-status">Call back</p>`)
			}},
		{name: "a past day is marked", path: "next-step", form: url.Values{"next_step": {"Chase"}, "next_step_on": {"2025-12-30"}},
			wantStatus: http.StatusSeeOther, check: func(t *testing.T, _ followUp, page string) {
				require.Contains(t, page, "by Tue 30 Dec 2025 (passed)")
			}},
		{name: "cleared", path: "next-step", before: []url.Values{{"next_step": {"Call back"}, "next_step_on": {"2026-01-05"}}},
			form: url.Values{"next_step": {"Call back"}, "clear": {"1"}}, wantStatus: http.StatusSeeOther, check: func(t *testing.T, f followUp, page string) {
				require.Empty(t, f.nextStep)
				require.Nil(t, f.nextStepOn)
				require.Contains(t, page, "None set")
			}},
		{name: "a day without a step", path: "next-step", form: url.Values{"next_step_on": {"2026-01-05"}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "next-step", wantWords: "Say what the next step is",
			wantKept: []string{`value="2026-01-05"`}},
		{name: "a day in words", path: "next-step", form: url.Values{"next_step": {"Demo"}, "next_step_on": {"next friday"}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "next-step-on", wantWords: "Enter the day as a date",
			wantKept: []string{`value="Demo"`, `value="next friday"`}},
		{name: "a next step too long", path: "next-step", form: url.Values{"next_step": {strings.Repeat("é", 501)}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "next-step", wantWords: "Keep the next step to 500 characters; it has 501."},
		{name: "the amount replaces the estimate", path: "amount", form: url.Values{"amount": {"12,500"}},
			wantStatus: http.StatusSeeOther, check: func(t *testing.T, f followUp, page string) {
				require.Equal(t, int64(1_250_000), f.amount)
				require.False(t, f.estimated)
				require.Contains(t, page, "$12,500, set by a rep.")
				require.Contains(t, page, `id="deal-amount" name="amount" inputmode="decimal" autocomplete="off" value="12,500"`, "written as a rep writes it")
			}},
		{name: "an amount in words", path: "amount", form: url.Values{"amount": {"twelve grand"}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "deal-amount", wantWords: "Enter the amount as a number",
			wantKept: []string{`value="twelve grand"`}},
		{name: "no amount", path: "amount", form: url.Values{"amount": {" "}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "deal-amount", wantWords: "Enter the amount, such as 12500."},
		{name: "a negative amount, in the rules' words", path: "amount", form: url.Values{"amount": {"-5"}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "deal-amount", wantWords: "Enter the amount as a number"},
		{name: "lost without a reason", path: "move", form: url.Values{"stage": {"Lost"}, "move_amount": {"9,000"}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "reason-%d", wantWords: "Choose why the deal was lost before moving it to Lost.",
			wantKept: []string{`value="9,000"`, `<option value="Lost" selected>`, `<details class="move" open>`}},
		{name: "won at no amount", path: "move", form: url.Values{"stage": {"Won"}, "move_amount": {"0"}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "amount-%d", wantWords: "Enter the deal's amount before moving it to Won."},
		{name: "no such stage", path: "move", form: url.Values{"stage": {"Closing"}},
			wantStatus: http.StatusUnprocessableEntity, wantField: "stage-%d", wantWords: "Choose one of the pipeline's stages."},
		{name: "moved with a reason", path: "move", form: url.Values{"stage": {"Lost"}, "lost_reason": {"price"}},
			wantStatus: http.StatusSeeOther, check: func(t *testing.T, f followUp, page string) {
				require.Equal(t, "Lost", f.stage)
				require.Equal(t, "price", f.lostReason)
				require.True(t, f.closed)
				require.Contains(t, page, "lost: price")
				require.NotContains(t, page, `action="/app/deals/`, "a closed deal has no forms")
			}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			owner := rep
			if tt.owner != 0 {
				owner = tt.owner
			}
			d := b.deal(t, fmt.Sprintf("forms-%d", i), owner, 500_000, "USD")
			path := fmt.Sprintf("/app/deals/%d/%s", d.ID, tt.path)
			for _, f := range tt.before {
				status, page := post(t, app, path, f)
				require.Equal(t, http.StatusSeeOther, status, page)
			}
			before := b.followUp(t, d.ID)
			status, page := post(t, app, path, tt.form)
			require.Equal(t, tt.wantStatus, status, page)
			switch status {
			case http.StatusSeeOther:
				require.NotContains(t, page, "field-error")
				page = get(t, app, fmt.Sprintf("/app/deals/%d", d.ID))
			case http.StatusUnprocessableEntity:
				require.Equal(t, before, b.followUp(t, d.ID), "a refused form writes nothing")
				field := tt.wantField
				if strings.Contains(field, "%d") {
					field = fmt.Sprintf(field, d.ID)
				}
				require.Contains(t, fieldError(page, field), tt.wantWords, page)
				require.Contains(t, page, `aria-describedby="`+field+`-err"`)
				for _, s := range []string{"lost_reason", "amount_cents", "next_step_on", "kind must"} {
					require.NotContains(t, fieldError(page, field), s, "an API field name")
				}
				for _, k := range tt.wantKept {
					require.Contains(t, page, k)
				}
			}
			if tt.check != nil {
				tt.check(t, b.followUp(t, d.ID), page)
			}
		})
	}
}

// TestDealPageHidesEmptyFields: a contact without company, title or
// country and a deal without an amount show no empty rows, no "/ /" of
// an empty UTM and no "$0"; the deal page links to the contact page,
// which shows the same facts.
func TestDealPageHidesEmptyFields(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	rep, err := b.st.AddRep(ctx, lead.Rep{Name: "Ann", Email: "ann@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	require.NoError(t, b.st.CreateWebSession(ctx, "sess", rep, "csrf", b.now, b.now.Add(time.Hour)))
	app, err := webapp.New(webapp.Config{Backend: b.backend, NowFunc: func() time.Time { return b.now.Add(5 * time.Minute) }})
	require.NoError(t, err)
	d := b.deal(t, "bare", rep, 0, "USD")

	page := get(t, app, fmt.Sprintf("/app/deals/%d", d.ID))
	for _, s := range []string{"<dt>Company</dt>", "<dt>Title</dt>", "<dt>Country</dt>", "<dd></dd>", "/ /", "$0", "UTM"} {
		require.NotContains(t, page, s)
	}
	require.Contains(t, page, "no amount yet")
	require.Contains(t, page, "No amount yet.")
	require.Contains(t, page, "No first touch yet")
	link := fmt.Sprintf(`href="/app/contacts/%d"`, d.ContactID)
	require.Contains(t, page, link)
	status, _ := post(t, app, fmt.Sprintf("/app/deals/%d/activities", d.ID), url.Values{"kind": {"meeting"}, "note": {"Met Ada"}})
	require.Equal(t, http.StatusSeeOther, status)
	contact := get(t, app, fmt.Sprintf("/app/contacts/%d", d.ContactID))
	require.Contains(t, contact, "<dt>Name</dt><dd>Ada</dd>")
	require.Contains(t, contact, "<strong>meeting logged</strong>", "the trail shows the activity")
	require.Contains(t, contact, "<strong>first touch</strong>")
	require.NotContains(t, contact, "Met Ada", "the trail leaves the note out")
	require.Contains(t, contact, fmt.Sprintf(`<a href="/app/deals/%d">Deal in Qualification</a>`, d.ID), "a link back to the deal")
	require.NotContains(t, contact, "<dt>Company</dt>")
}
