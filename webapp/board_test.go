package webapp

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// boardFake is the fake backend with a board and inboxes: it records the
// search each read was asked for.
type boardFake struct {
	*fakeBackend
	board     Board
	items     []InboxItem
	attention []InboxItem
	searches  []Search
}

func (f *boardFake) Board(_ context.Context, q BoardQuery) (Board, error) {
	f.searches = append(f.searches, q.Search)
	return f.board, nil
}
func (f *boardFake) Pipelines(context.Context) ([]string, error) { return []string{"Sales"}, nil }
func (f *boardFake) Reps(context.Context) ([]RepOption, error)   { return nil, nil }
func (f *boardFake) Inbox(_ context.Context, _ int64, q Search) ([]InboxItem, error) {
	f.searches = append(f.searches, q)
	return f.items, nil
}
func (f *boardFake) TeamAttention(_ context.Context, _ time.Time, q Search) ([]InboxItem, error) {
	f.searches = append(f.searches, q)
	return f.attention, nil
}

var boardNow = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

func newBoardApp(t *testing.T, manager bool) (*App, *boardFake) {
	t.Helper()
	f := &boardFake{fakeBackend: &fakeBackend{session: Session{Rep: Rep{ID: 1, Name: "Avery", Manager: manager, Active: true}, CSRFToken: "tok"}}}
	a, err := New(Config{Backend: f, NowFunc: func() time.Time { return boardNow }})
	require.NoError(t, err)
	return a, f
}

func get(t *testing.T, a *App, path string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: "sess"})
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	return rec
}

func TestParseSearch(t *testing.T) {
	long := strings.Repeat("x", maxSearchLen+1)
	tests := []struct {
		name    string
		query   string
		want    Search
		wantErr string
	}{
		{"empty", "", Search{}, ""},
		{"trimmed, band any case", "q=+Acme+&band=HOT&source=web&campaign=spring", Search{Text: "Acme", Band: "hot", Source: "web", Campaign: "spring"}, ""},
		{"unknown band", "band=lukewarm", Search{}, "Band must be hot, warm or cold"},
		{"search too long", "q=" + long, Search{}, "Search is longer than 100 characters"},
		{"campaign too long", "campaign=" + long, Search{}, "Campaign is longer than 100 characters"},
		{"not utf-8", "source=%ff", Search{}, "Source is not valid text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := url.ParseQuery(tt.query)
			require.NoError(t, err)
			got, err := parseSearch(v)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

// FuzzParseSearch: any query string is a search or an error naming one of
// the form's fields, never a panic; a search written back as a query
// string reads back the same. Seeds are below and in
// testdata/fuzz/FuzzParseSearch.
func FuzzParseSearch(f *testing.F) {
	for _, s := range []string{"", "q=acme&band=hot", "q=%2B1+555&source=web", "band=COLD&campaign=a%25b_c", "q=%ff", "band=x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		s, err := parseSearch(v)
		if err != nil {
			var se *SearchError
			require.ErrorAs(t, err, &se)
			require.Contains(t, []string{"Search", "Band", "Source", "Campaign"}, se.Field)
			return
		}
		back, err := parseSearch(s.values(url.Values{}))
		require.NoError(t, err)
		require.Equal(t, s, back)
	})
}

// TestBoardCards proves a card shows company, band and score, days in
// stage, the expected value in the deal's own currency (marked when
// estimated) and the rot warning only on a rotting deal; the search goes
// to the backend and into the switcher's links.
func TestBoardCards(t *testing.T) {
	a, f := newBoardApp(t, false)
	entered := boardNow.AddDate(0, 0, -16)
	f.board = Board{Pipeline: "Sales", Stages: []BoardStage{
		{Name: "Qualification", Kind: "open", WinProbability: 0.2, Count: 1},
		{Name: "Value proposition", Kind: "open", WinProbability: 0.6, Count: 2, Values: []CurrencyValue{{"EUR", 1, 600000}, {"USD", 1, 120000}}, Deals: []Card{
			{Deal: Deal{ID: 11, ContactName: "Ada Lovelace", Stage: "Value proposition", StageKind: "open", AmountCents: 1000000, AmountEstimated: true,
				Currency: "EUR", ExpectedCents: 600000, StageEnteredAt: entered}, Company: "Acme Robotics", Score: 91, Band: "hot", Rotting: true},
			{Deal: Deal{ID: 12, ContactName: "Grace Hopper", Stage: "Value proposition", StageKind: "open", AmountCents: 200000, Currency: "USD",
				ExpectedCents: 120000, StageEnteredAt: boardNow}, Band: ""},
		}},
		{Name: "Won", Kind: "won", WinProbability: 1},
	}}
	rec := get(t, a, "/app/board?q=acme&band=hot&stage=Value+proposition")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	body := rec.Body.String()
	card := body[strings.Index(body, `id="card-11"`):strings.Index(body, `id="card-12"`)]
	for _, want := range []string{"Acme Robotics", `band-hot">hot</span> 91`, "16 days in stage", "€6,000 expected · €10,000 estimated", "Stalled", `draggable="true"`} {
		require.Contains(t, card, want)
	}
	other := body[strings.Index(body, `id="card-12"`):]
	other = other[:strings.Index(other, "</article>")]
	require.Contains(t, other, "unscored")
	require.Contains(t, other, "entered today")
	require.Contains(t, other, "$1,200 expected · $2,000")
	require.NotContains(t, other, "Stalled")
	require.NotContains(t, other, "estimated")
	require.Contains(t, body, "€6,000 · $1,200 expected", "a column's value per currency, never summed")
	require.Equal(t, []Search{{Text: "acme", Band: "hot"}}, f.searches)
	require.Contains(t, body, `href="/app/board?band=hot&amp;q=acme&amp;stage=Qualification"`, "the stage switcher keeps the search")
	require.Contains(t, body, `class="column away" aria-labelledby="col-0"`, "a phone shows the chosen column only")
	require.Contains(t, body, `<script src="/app/static/board.js" defer></script>`)

	rec = get(t, a, "/app/board?band=lukewarm")
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Contains(t, rec.Body.String(), "Band must be hot, warm or cold")
}

// TestInboxDeadlineAndManagerList proves the inbox shows a waiting deal's
// speed-to-lead deadline (due or overdue), and that a manager's inbox
// lists the team's deals with their owner and, empty, says where to look.
func TestInboxDeadlineAndManagerList(t *testing.T) {
	due, late := boardNow.Add(30*time.Minute), boardNow.Add(-5*time.Minute)
	a, f := newBoardApp(t, false)
	f.items = []InboxItem{{DealID: 1, ContactName: "Ada", CreatedAt: boardNow.Add(-30 * time.Minute), SLADueAt: &due},
		{DealID: 2, ContactName: "Bea", CreatedAt: boardNow.Add(-2 * time.Hour), SLADueAt: &late}}
	body := get(t, a, "/app/inbox").Body.String()
	require.Contains(t, body, "due in 30m 00s (12:30 UTC)")
	require.Contains(t, body, "overdue by 5m 00s")
	require.NotContains(t, body, "Needs a manager", "a rep has no team list")

	m, mf := newBoardApp(t, true)
	body = get(t, m, "/app/inbox").Body.String()
	require.Contains(t, body, "Nothing needs you")
	require.Contains(t, body, `<a href="/app/board">Pipeline</a>`)
	require.Contains(t, body, `<a href="/app/manager">Manager</a>`)
	mf.attention = []InboxItem{{DealID: 3, ContactName: "Cy", Company: "Initech", SLADueAt: &late}, {DealID: 4, ContactName: "Di", OwnerName: "Bob"}}
	rec := get(t, m, "/app/inbox/rows?q=init")
	require.Equal(t, http.StatusOK, rec.Code)
	body = rec.Body.String()
	require.Contains(t, body, "unassigned")
	require.Contains(t, body, ">Bob<")
	require.NotContains(t, body, "Nothing needs you")
	require.Equal(t, Search{Text: "init"}, mf.searches[len(mf.searches)-1])
}
