package webapp

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestSetMeeting posts the deal page's meeting form: the time typed is
// read in the rep's time zone and reaches the backend as the same change
// the rep API's meeting_at makes (a zero time clears it); a bad value is a
// 422 naming the field, and another rep's deal is refused by the move.
func TestSetMeeting(t *testing.T) {
	tests := []struct {
		name       string
		tz         string
		form       url.Values
		wantStatus int
		// want is the MeetingAt the backend got; zero with wantClear.
		want      time.Time
		wantClear bool
		wantBody  string
	}{
		{name: "berlin winter", tz: "Europe/Berlin", form: url.Values{"meeting_at": {"2026-03-04T15:30"}},
			wantStatus: http.StatusSeeOther, want: time.Date(2026, 3, 4, 14, 30, 0, 0, time.UTC)},
		{name: "new york summer, seconds sent", tz: "America/New_York", form: url.Values{"meeting_at": {"2026-07-01T09:00:00"}},
			wantStatus: http.StatusSeeOther, want: time.Date(2026, 7, 1, 13, 0, 0, 0, time.UTC)},
		{name: "no zone is UTC", form: url.Values{"meeting_at": {"2026-03-04T15:30"}},
			wantStatus: http.StatusSeeOther, want: time.Date(2026, 3, 4, 15, 30, 0, 0, time.UTC)},
		{name: "a zone that does not load is UTC", tz: "Mars/Olympus", form: url.Values{"meeting_at": {"2026-03-04T15:30"}},
			wantStatus: http.StatusSeeOther, want: time.Date(2026, 3, 4, 15, 30, 0, 0, time.UTC)},
		{name: "clear", tz: "Europe/Berlin", form: url.Values{"meeting_at": {"2026-03-04T15:30"}, "clear": {"1"}},
			wantStatus: http.StatusSeeOther, wantClear: true},
		{name: "empty", tz: "Europe/Berlin", form: url.Values{"meeting_at": {""}},
			wantStatus: http.StatusUnprocessableEntity, wantBody: "The meeting time must be a date and time such as 2026-03-04 15:30 (in Europe/Berlin)"},
		{name: "words", form: url.Values{"meeting_at": {"next tuesday"}},
			wantStatus: http.StatusUnprocessableEntity, wantBody: "meeting time must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, f := newTestApp(t)
			f.tz = tt.tz
			tt.form.Set("csrf", "tok")
			tt.form.Set("return", "/app/deals/7")
			rec := post(t, a, "/app/deals/7/meeting", tt.form)
			require.Equal(t, tt.wantStatus, rec.Code, rec.Body.String())
			if tt.wantStatus != http.StatusSeeOther {
				require.Empty(t, f.moves)
				require.Contains(t, rec.Body.String(), tt.wantBody)
				return
			}
			require.Equal(t, "/app/deals/7", rec.Header().Get("Location"))
			require.Len(t, f.moves, 1)
			m := f.moves[0]
			require.Nil(t, m.Stage, "setting the time moves nothing")
			require.NotNil(t, m.MeetingAt)
			require.Equal(t, int64(1), m.OwnerRepID, "a rep changes only their own deal")
			if tt.wantClear {
				require.True(t, m.MeetingAt.IsZero())
				return
			}
			require.True(t, tt.want.Equal(*m.MeetingAt), "got %s", m.MeetingAt)
		})
	}
	t.Run("without the csrf token", func(t *testing.T) {
		a, f := newTestApp(t)
		rec := post(t, a, "/app/deals/7/meeting", url.Values{"meeting_at": {"2026-03-04T15:30"}})
		require.Equal(t, http.StatusForbidden, rec.Code)
		require.Empty(t, f.moves)
	})
	t.Run("another rep's deal", func(t *testing.T) {
		a, f := newTestApp(t)
		rec := post(t, a, "/app/deals/8/meeting", url.Values{"meeting_at": {"2026-03-04T15:30"}, "csrf": {"tok"}})
		require.Equal(t, http.StatusNotFound, rec.Code)
		require.Empty(t, f.moves)
	})
}

// TestMeetingFormRoundTrips: what the form shows for a stored time is
// what it posts back, in the rep's zone.
func TestMeetingFormRoundTrips(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Asia/Kolkata")
	require.NoError(t, err)
	at := time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)
	f := newMeetingForm(at, loc)
	require.Equal(t, "2026-03-04T14:30", f.Local)
	require.Equal(t, "Wed 4 Mar 2026, 14:30 IST", f.Shown)
	require.Equal(t, "Asia/Kolkata", f.TimeZone)
	back, err := parseMeeting(f.Local, loc)
	require.NoError(t, err)
	require.True(t, at.Equal(back))
	require.Empty(t, newMeetingForm(time.Time{}, loc).Local, "no time: an empty field")
}

// FuzzParseMeeting: any form value is a time or an error naming the
// field, never a panic, and a time written back and read again is the
// same minute (a time in a DST gap included). Seeds are below and in
// testdata/fuzz/FuzzParseMeeting.
func FuzzParseMeeting(f *testing.F) {
	for _, s := range []string{"2026-03-04T15:30", "2026-07-01T09:00:00", "", "next tuesday", "0000-01-01T00:00", "2026-02-30T10:00"} {
		f.Add(s)
	}
	loc, err := time.LoadLocation("Europe/Berlin")
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, s string) {
		at, err := parseMeeting(s, loc)
		if err != nil {
			require.Contains(t, err.Error(), "meeting time")
			return
		}
		back, err := parseMeeting(at.In(loc).Format(meetingLayout), loc)
		require.NoError(t, err)
		require.True(t, at.Truncate(time.Minute).Equal(back), "%q: %s read back as %s", s, at, back)
	})
}

// post sends a signed-in form POST to the app.
func post(t *testing.T, a *App, path string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: "sess"})
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	return rec
}
