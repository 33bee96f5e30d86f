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

// refusingBoard is the board fake whose moves are refused with moveErr.
type refusingBoard struct {
	*boardFake
	moveErr error
}

func (f *refusingBoard) MoveDeal(context.Context, int64, DealMove, string, time.Time) error {
	return f.moveErr
}

func (f *refusingBoard) Deal(context.Context, int64) (Deal, error) {
	return Deal{ID: 7, ContactName: "Ada Lovelace"}, nil
}

// ruleErr is a refusal of the rules: an API message naming a field, and
// the same in a rep's words.
type ruleErr struct{ field, msg, words string }

func (e ruleErr) Error() string        { return e.msg }
func (e ruleErr) InvalidField() string { return e.field }
func (e ruleErr) Words() string        { return e.words }

// storeErr is a refusal of the store: an API message naming a field, no
// words of its own.
type storeErr struct{ field, msg string }

func (e storeErr) Error() string        { return e.msg }
func (e storeErr) InvalidField() string { return e.field }

// TestBoardMoveRefusedBesideTheCard proves a move refused from the board
// answers with the board again, the card's form open with what the rep
// chose and the refusal in words beside the field it is about (never the
// API's message or a field name), and that the next board shows no
// refusal; a card no longer on the board gets it at the top, and a move
// from anywhere else a page in words.
func TestBoardMoveRefusedBesideTheCard(t *testing.T) {
	qual := BoardStage{Name: "Qualification", Kind: "open", WinProbability: 0.2, Count: 1, Deals: []Card{
		{Deal: Deal{ID: 7, ContactName: "Ada Lovelace", Stage: "Qualification", StageKind: "open", AmountCents: 500000, AmountEstimated: true,
			Currency: "USD", StageEnteredAt: boardNow}, Company: "Acme Robotics", Score: 91, Band: "hot"}}}
	stages := []BoardStage{{Name: "Prospecting", Kind: "open"}, qual, {Name: "Won", Kind: "won"}, {Name: "Lost", Kind: "lost"}}
	lostNoReason := ruleErr{"lost_reason", "moving a deal to Lost requires a lost_reason", "Choose why the deal was lost before moving it to Lost."}
	tests := []struct {
		name      string
		err       error
		form      url.Values
		stages    []BoardStage
		want      []string // in the card
		wantTop   string   // at the top of the page instead
		wantField string   // the field marked invalid
	}{
		{name: "lost without a reason", err: lostNoReason, stages: stages,
			form:      url.Values{"stage": {"Lost"}, "amount": {"60,000"}, "return": {"/app/board?q=acme&stage=Prospecting"}},
			want:      []string{"Not moved: Choose why the deal was lost before moving it to Lost.", `<option value="Lost" data-kind="lost" selected>`, `value="60,000"`},
			wantField: "reason-7"},
		{name: "an amount that is not a number", stages: stages,
			form: url.Values{"stage": {"Won"}, "amount": {"lots"}, "return": {"/app/board"}},
			want: []string{"Not moved: Enter the amount as a number, such as 12500 or 12,500.00.", `value="lots"`}, wantField: "amount-7"},
		{name: "the store's refusal, named in words", err: storeErr{"amount_cents", "amount_cents 1e18 is out of the range the database accepts"}, stages: stages,
			form: url.Values{"stage": {"Won"}, "amount": {"9,999,999,999"}, "return": {"/app/board?view=list"}},
			want: []string{"Not moved: That amount is larger than leadflow can keep."}, wantField: "amount-7"},
		{name: "nothing chosen", stages: stages, form: url.Values{"stage": {""}, "return": {"/app/board"}},
			want: []string{"Not moved: Choose a stage or enter an amount."}, wantField: "stage-7"},
		{name: "the card is no longer on the board", stages: []BoardStage{{Name: "Qualification", Kind: "open"}, {Name: "Won", Kind: "won"}},
			err:  ruleErr{"stage", "the deal is closed (Won); a closed deal cannot change", "This deal is closed (Won): a closed deal can't be changed."},
			form: url.Values{"stage": {"Negotiation"}, "return": {"/app/board"}}, wantTop: "Ada Lovelace&#39;s deal was not moved: This deal is closed (Won): a closed deal can&#39;t be changed."},
		{name: "a move from another page", err: lostNoReason, form: url.Values{"stage": {"Lost"}, "return": {"/app/callbacks"}},
			wantTop: "Choose why the deal was lost before moving it to Lost."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, bf := newBoardApp(t, false)
			f := &refusingBoard{boardFake: bf, moveErr: tt.err}
			a.cfg.Backend = f
			f.board = Board{Pipeline: "Sales", Stages: tt.stages}
			tt.form.Set("csrf", "tok")
			rec := post(t, a, "/app/deals/7/stage", tt.form)
			require.Equal(t, http.StatusUnprocessableEntity, rec.Code, rec.Body.String())
			body := rec.Body.String()
			require.NotContains(t, body, "requires a", "not the API's message")
			require.NotContains(t, body, "amount_cents", "never an API field name")
			if tt.wantTop != "" {
				require.Contains(t, body, `<p class="error" role="alert">`+tt.wantTop)
				return
			}
			start := strings.Index(body, `id="card-7"`)
			if start < 0 {
				start = strings.Index(body, `<tr class="">`) // the list view's row
			}
			require.GreaterOrEqual(t, start, 0, body)
			card := body[start:]
			card = card[:strings.Index(card, "</details>")]
			require.Contains(t, card, `<details class="move" open>`)
			for _, want := range tt.want {
				require.Contains(t, card, want)
			}
			require.Regexp(t, `id="`+tt.wantField+`"[^>]* aria-invalid="true" aria-describedby="card-7-refused" autofocus`, card)
			if strings.Contains(body, `class="board"`) {
				require.Contains(t, body, `class="column" aria-labelledby="col-1"`, "a phone shows the card's column")
			}
			require.NotContains(t, body, `<p class="error"`, "the refusal is beside the card, not at the top")

			// The next board is a new page: no refusal left on it.
			again := get(t, a, "/app/board").Body.String()
			require.NotContains(t, again, "Not moved")
			require.NotContains(t, again, `<details class="move" open>`)
		})
	}
}

// TestSearchFormFoldsOnAPhone proves the search form carries its phone
// button: closed, saying nothing is on, without a filter; open, saying
// how many are on, with filters.
func TestSearchFormFoldsOnAPhone(t *testing.T) {
	for _, path := range []string{"/app/inbox", "/app/board"} {
		t.Run(path, func(t *testing.T) {
			a, _ := newBoardApp(t, false)
			body := get(t, a, path).Body.String()
			require.Contains(t, body, `<form method="get" action="`+path+`" class="filters">`)
			require.Contains(t, body, `aria-controls="filter-fields" aria-expanded="false">Search and filter</button>`)
			body = get(t, a, path+"?q=acme&band=hot").Body.String()
			require.Contains(t, body, `<form method="get" action="`+path+`" class="filters open">`)
			require.Contains(t, body, `aria-controls="filter-fields" aria-expanded="true">Search and filter (2 on)</button>`)
			require.Contains(t, body, `<script src="/app/static/app.js"></script>`)
		})
	}
}

// TestPhoneBoardOpensOnDeals proves a phone's board, without a stage
// asked for, shows the first column with deals, not an empty one.
func TestPhoneBoardOpensOnDeals(t *testing.T) {
	tests := []struct {
		name   string
		counts []int64
		query  string
		want   string
	}{
		{"first with deals", []int64{0, 3, 1}, "", "Qualification"},
		{"asked for, even empty", []int64{0, 3, 1}, "?stage=Prospecting", "Prospecting"},
		{"none has deals", []int64{0, 0, 0}, "", "Prospecting"},
		{"unknown stage", []int64{0, 0, 2}, "?stage=Nowhere", "Initial contact"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, f := newBoardApp(t, false)
			for i, name := range []string{"Prospecting", "Qualification", "Initial contact"} {
				f.board.Stages = append(f.board.Stages, BoardStage{Name: name, Kind: "open", Count: tt.counts[i]})
			}
			body := get(t, a, "/app/board"+tt.query).Body.String()
			require.Regexp(t, `<section class="column" aria-labelledby="col-\d" data-stage="`+tt.want+`"`, body)
			require.Equal(t, 2, strings.Count(body, `class="column away"`))
		})
	}
}
