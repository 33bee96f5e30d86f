package webapp

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
)

// fakeBackend is a Backend with one rep session and one deal; every other
// lookup is not found.
type fakeBackend struct {
	Backend
	session Session
	moves   []DealMove
	// tz is the signed-in rep's time zone.
	tz string
	// values are the pipeline value rows the manager page reads.
	values []PipelineValueRow
}

func (f *fakeBackend) Leaderboard(context.Context, time.Time, time.Time) ([]LeaderRow, error) {
	return nil, nil
}
func (f *fakeBackend) PipelineValues(context.Context) ([]PipelineValueRow, error) {
	return f.values, nil
}

func (f *fakeBackend) RepTimeZone(context.Context, int64) (string, error) { return f.tz, nil }

func (f *fakeBackend) Session(_ context.Context, id string, _ time.Time) (Session, error) {
	if id != "sess" {
		return Session{}, lead.ErrNotFound
	}
	return f.session, nil
}

func (f *fakeBackend) DealOwner(_ context.Context, id int64) (int64, error) {
	if id != 7 {
		return 0, lead.ErrNotFound
	}
	return 1, nil
}

func (f *fakeBackend) MoveDeal(_ context.Context, _ int64, m DealMove, _ string, _ time.Time) error {
	f.moves = append(f.moves, m)
	if m.Stage != nil && *m.Stage == "Lost" && m.LostReason == nil {
		return invalidErr{}
	}
	return nil
}

type invalidErr struct{}

func (invalidErr) Error() string        { return "moving a deal to Lost requires a lost_reason" }
func (invalidErr) InvalidField() string { return "lost_reason" }
func (invalidErr) Words() string        { return "Choose why the deal was lost before moving it to Lost." }

func newTestApp(t *testing.T) (*App, *fakeBackend) {
	t.Helper()
	f := &fakeBackend{session: Session{Rep: Rep{ID: 1, Name: "Avery", Active: true}, CSRFToken: "tok"}}
	a, err := New(Config{Backend: f, SecureCookies: true})
	require.NoError(t, err)
	return a, f
}

func TestPostsNeedTheSessionCSRFToken(t *testing.T) {
	tests := []struct {
		name       string
		form       url.Values
		header     map[string]string
		wantStatus int
	}{
		{"no token", url.Values{"stage": {"Won"}}, nil, http.StatusForbidden},
		{"wrong token", url.Values{"stage": {"Won"}, "csrf": {"nope"}}, nil, http.StatusForbidden},
		{"token in the form", url.Values{"stage": {"Won"}, "csrf": {"tok"}}, nil, http.StatusSeeOther},
		{"token in the htmx header", url.Values{"stage": {"Won"}}, map[string]string{"X-CSRF-Token": "tok"}, http.StatusSeeOther},
		{"cross-site origin", url.Values{"stage": {"Won"}, "csrf": {"tok"}}, map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
		{"rule refused", url.Values{"stage": {"Lost"}, "csrf": {"tok"}}, nil, http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := newTestApp(t)
			req := httptest.NewRequest(http.MethodPost, "/app/deals/7/stage", strings.NewReader(tt.form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: "sess"})
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			a.ServeHTTP(rec, req)
			require.Equal(t, tt.wantStatus, rec.Code, rec.Body.String())
			if tt.wantStatus == http.StatusUnprocessableEntity {
				// The rules' refusal in a rep's words, not the API's field.
				require.Contains(t, rec.Body.String(), "Choose why the deal was lost")
				require.NotContains(t, rec.Body.String(), "lost_reason")
			}
		})
	}
}

func TestSignedOutAndForeignDeals(t *testing.T) {
	a, _ := newTestApp(t)
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/app/inbox", nil))
	require.Equal(t, http.StatusSeeOther, rec.Code)
	require.True(t, strings.HasPrefix(rec.Header().Get("Location"), "/app/login"))

	req := httptest.NewRequest(http.MethodGet, "/app/deals/8", nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: "sess"})
	rec = httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	require.Equal(t, http.StatusNotFound, rec.Code)
}

func TestLoginFormSetsAStrictCookie(t *testing.T) {
	a, _ := newTestApp(t)
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/app/login", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	cookies := rec.Result().Cookies()
	require.Len(t, cookies, 1)
	c := cookies[0]
	require.True(t, c.HttpOnly)
	require.True(t, c.Secure)
	require.Equal(t, http.SameSiteLaxMode, c.SameSite)
	require.Contains(t, rec.Body.String(), `name="csrf" value="`+c.Value+`"`)
	require.Contains(t, rec.Header().Get("Content-Security-Policy"), "frame-ancestors 'none'")

	// A sign-in POST without the form's token is refused before the token is looked at.
	req := httptest.NewRequest(http.MethodPost, "/app/login", strings.NewReader("token=lfr_x&csrf=other"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(c)
	rec = httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	require.Equal(t, http.StatusForbidden, rec.Code)
}

func TestSafeNext(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"app path", "/app/board?rep=2", "/app/board?rep=2"},
		{"other host", "//evil.example/app/", "/app/inbox"},
		{"absolute", "https://evil.example/app/", "/app/inbox"},
		{"backslash", "/app/\\evil", "/app/inbox"},
		{"outside the app", "/v1/deals", "/app/inbox"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { require.Equal(t, tt.want, safeNext(tt.in)) })
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    int64
		wantErr bool
	}{
		{"thousands", "12,500", 1250000, false},
		{"dollars and cents", "$9.99", 999, false},
		{"empty", "", -1, false},
		{"words", "lots", 0, true},
		{"negative", "-5", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseAmount(tt.in)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			if tt.want < 0 {
				require.Nil(t, got)
				return
			}
			require.Equal(t, tt.want, *got)
		})
	}
}

func TestScoreChart(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	c := scoreChart([]Score{{Total: 100, Band: "hot", ComputedAt: now}, {Total: 0, Band: "cold", ComputedAt: now.Add(-time.Hour)}})
	// Oldest first, left to right: 0 at the bottom, 100 at the top.
	require.Equal(t, "6.0,84.0 354.0,6.0", c.Points)
	require.Equal(t, "score history, oldest to newest: 0, 100", c.Label)
	require.Empty(t, scoreChart(nil).Points)
}

func TestUTM(t *testing.T) {
	for _, tt := range []struct{ source, medium, campaign, want string }{
		{"google", "cpc", "spring", "google / cpc / spring"},
		{"newsletter", "", "", "newsletter"},
		{"", "email", "winter", "email / winter"},
		{"", " ", "", "—"},
	} {
		require.Equal(t, tt.want, utm(tt.source, tt.medium, tt.campaign))
	}
}

func TestNewNeedsABackend(t *testing.T) {
	_, err := New(Config{})
	require.True(t, err != nil && !errors.Is(err, lead.ErrNotFound))
}
