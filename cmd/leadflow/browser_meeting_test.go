package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/store"
)

// TestBrowserMeetingTime drives the deal page's meeting field in chromium:
// a rep in Berlin types a local time, which is stored as that instant (the
// same meeting_at the rep API sets), shown back in their zone, cleared and
// set again; moving the deal to Initial contact then queues the email that
// proposes that meeting, in the German lead's language, with the
// invitation. Every page is audited for the accessibility basics.
func TestBrowserMeetingTime(t *testing.T) {
	// Not parallel: `mail preview` reads the process environment.
	ctx := newBrowser(t)
	dbURL := testenv.DatabaseURL(t)
	b := setup(t, dbURL, testenv.RedisURL(t))
	bg := context.Background()
	st := b.app.Store()
	one, err := st.RepByEmail(bg, "one@reps.example.com")
	require.NoError(t, err)
	require.NoError(t, st.DisableRep(bg, one.ID)) // the lead must go to our rep
	repID, err := st.AddRep(bg, lead.Rep{Name: "Berta Rep", Email: "berta@reps.example.com", TimeZone: "Europe/Berlin"}, store.RoleRep)
	require.NoError(t, err)
	token, err := st.CreateRepToken(bg, repID)
	require.NoError(t, err)
	shots := &shooter{t: t, dir: t.TempDir()}
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		require.NoError(t, chromedp.Do(ctx, steps...))
	}
	status := func() string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#meeting-status').textContent`))
		require.NoError(t, err)
		return v
	}
	// waitStatus waits for the page the form redirected to to say s.
	waitStatus := func(s string) chromedp.Action[chromedp.Void] {
		return waitFor(fmt.Sprintf(`(() => { const e = document.querySelector('#meeting-status'); return !!e && e.textContent.includes(%q); })()`, s))
	}
	meetingAt := func(dealID int64) *time.Time {
		t.Helper()
		var at *time.Time
		require.NoError(t, b.pool.QueryRow(bg, `SELECT meeting_at FROM deals WHERE id = $1`, dealID).Scan(&at))
		return at
	}

	// A hot lead from Germany is routed to the rep.
	body := leadBodyWith(map[string]any{"external_id": "ext-meeting", "source": "website-contact-form", "name": "Ada Beispiel",
		"email": "ada.meeting@example.com", "country": "DE", "company": "Beispiel GmbH", "title": "CEO", "phone": "+49 30 1234567",
		"consent": map[string]any{"marketing": true},
		"answers": map[string]string{"budget": "over_50k", "authority": "decision_maker", "need": "urgent", "timeline": "this_month"},
		"utm":     map[string]string{"source": "google", "medium": "cpc", "campaign": "winter-promo"},
	})
	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_meeting", time.Now(), body).Status)
	do(chromedp.Navigate(b.baseURL+"/app/login"), chromedp.WaitVisible(css(`#token`)), signIn(b.baseURL, token))
	link := `#inbox-rows a[href^="/app/deals/"]`
	do(chromedp.WaitVisible(css(link)))
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(css(link), "href"))
	require.NoError(t, err)
	var dealID int64
	_, err = fmt.Sscanf(href.Value, "/app/deals/%d", &dealID)
	require.NoError(t, err)

	// No time yet: the field is empty and labelled with the rep's zone.
	do(chromedp.Navigate(b.baseURL+href.Value), chromedp.WaitVisible(css(`#meeting-at`)), shots.shot("deal-meeting-empty"))
	require.Contains(t, status(), "No time set")
	label, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('label[for=meeting-at]').textContent`))
	require.NoError(t, err)
	require.Equal(t, "Meeting time (Europe/Berlin)", label)

	// The rep types 15:30 Berlin time, three days ahead.
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	day := time.Now().In(berlin).AddDate(0, 0, 3)
	want := time.Date(day.Year(), day.Month(), day.Day(), 15, 30, 0, 0, berlin)
	set := func() {
		t.Helper()
		do(chromedp.SetValue(css(`#meeting-at`), want.Format("2006-01-02T15:04")),
			chromedp.Click(css(`form.meeting button:not([name=clear])`)), waitStatus("Set for"), shots.shot("deal-meeting-set"))
	}
	set()
	got := meetingAt(dealID)
	require.NotNil(t, got)
	require.True(t, want.Equal(*got), "stored %s, want %s", got, want)
	require.Contains(t, status(), want.Format("15:04 MST"), "shown in the rep's zone")
	value, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#meeting-at').value`))
	require.NoError(t, err)
	require.Equal(t, want.Format("2006-01-02T15:04"), value, "the field shows the stored time in the rep's zone")

	// Cleared, then set again.
	do(chromedp.Click(css(`form.meeting button[name=clear]`)), waitStatus("No time set"), shots.shot("deal-meeting-cleared"))
	require.Nil(t, meetingAt(dealID))
	set()

	// Moved to Initial contact: the email that proposes the meeting is
	// queued, and renders in German with the time set.
	do(moveStage(dealID, "Initial contact", ""))
	require.Eventually(t, func() bool {
		return len(b.query(t, `SELECT 1 FROM email_outbox WHERE template = 'stage-initial-contact' AND deal_id = $1`, dealID)) == 1
	}, 10*time.Second, 50*time.Millisecond, "the Initial contact email was not queued")
	t.Setenv(config.EnvDatabaseURL, dbURL)
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(bg, []string{"mail", "preview", "stage-initial-contact", "ada.meeting@example.com"}, &out, &errOut), errOut.String())
	utc := want.UTC().Format("15:04") + " Uhr (UTC)"
	require.Contains(t, out.String(), "Einladung: unser Gespräch am ")
	require.Contains(t, out.String(), utc)
	require.Contains(t, out.String(), "die Einladung ist angehängt")
	require.False(t, strings.Contains(out.String(), "Need and pains"), "no English agenda in the German email")
}
