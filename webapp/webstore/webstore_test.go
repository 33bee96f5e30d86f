package webstore_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/store"
	"leadflow/webapp"
	"leadflow/webapp/webstore"
)

// bundle is a backend over a fresh migrated database.
type bundle struct {
	pool    *pgxpool.Pool
	st      *store.Store
	backend webstore.Backend
	now     time.Time
}

func setup(t *testing.T) *bundle {
	t.Helper()
	t.Parallel()
	pool := testenv.Pool(t)
	st := store.New(pool)
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	return &bundle{pool: pool, st: st, backend: webstore.Backend{Store: st, Now: func() time.Time { return now }}, now: now}
}

// deal opens a Qualification deal owned by repID for a new contact with
// an estimated amount in currency.
func (b *bundle) deal(t *testing.T, key string, repID, cents int64, currency string) webapp.Deal {
	t.Helper()
	ctx := context.Background()
	ev, _, err := b.st.InsertEvent(ctx, lead.Event{Connector: "generic", Source: "website", EventID: key, ReceivedAt: b.now, Payload: []byte(`{}`)})
	require.NoError(t, err)
	l := lead.Lead{}
	l.Email, l.FirstName, l.Source, l.OccurredAt = key+"@example.com", "Ada", "website", b.now
	tp, err := b.st.RecordLead(ctx, ev.ID, l, b.now)
	require.NoError(t, err)
	d, created, err := b.st.CreateDeal(ctx, lead.DealRequest{ContactID: tp.ContactID, TouchpointID: tp.ID, Pipeline: "Sales",
		Stage: "Qualification", Now: b.now, EstimatedAmountCents: cents}, func([]lead.Rep, int64) int64 { return repID })
	require.NoError(t, err)
	require.True(t, created)
	if currency != "USD" {
		// No write path of leadflow sets another currency yet (the column
		// defaults to USD); a deal synced from a CRM in euros has one.
		_, err := b.pool.Exec(ctx, `UPDATE deals SET currency = $1 WHERE id = $2`, currency, d.ID)
		require.NoError(t, err)
	}
	got, err := b.backend.Deal(ctx, d.ID)
	require.NoError(t, err)
	return got
}

// get renders an app page for a signed-in session.
func get(t *testing.T, a *webapp.App, path string) string {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.AddCookie(&http.Cookie{Name: "lf_session", Value: "sess"})
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	body, err := io.ReadAll(rec.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, rec.Code, string(body))
	return string(body)
}

// TestValuesKeepCurrenciesApart: a EUR deal beside USD deals is shown in
// euros on the board's column and the manager page, per stage and per
// rep, and never added to the dollars.
func TestValuesKeepCurrenciesApart(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ann, err := b.st.AddRep(ctx, lead.Rep{Name: "Ann", Email: "ann@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	bob, err := b.st.AddRep(ctx, lead.Rep{Name: "Bob", Email: "bob@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	mgr, err := b.st.AddRep(ctx, lead.Rep{Name: "Mona", Email: "mona@reps.example.com"}, store.RoleManager)
	require.NoError(t, err)
	small := b.deal(t, "usd-small", ann, 100_000, "USD")
	euro := b.deal(t, "eur-big", ann, 5_000_000, "EUR")
	require.Equal(t, "EUR", euro.Currency)
	b.deal(t, "usd-bob", bob, 2_000_000, "USD")

	// Qualification's win probability is 0.2.
	board, err := b.backend.Board(ctx, webapp.BoardQuery{})
	require.NoError(t, err)
	var qual, empty *webapp.BoardStage
	for i, st := range board.Stages {
		switch {
		case st.Name == "Qualification":
			qual = &board.Stages[i]
		case st.Count == 0 && empty == nil:
			empty = &board.Stages[i]
		}
	}
	require.NotNil(t, qual)
	require.Equal(t, int64(3), qual.Count)
	require.Equal(t, []webapp.CurrencyValue{{Currency: "USD", Deals: 2, ExpectedCents: 420_000}, {Currency: "EUR", Deals: 1, ExpectedCents: 1_000_000}},
		qual.Values)
	require.NotNil(t, empty)
	require.Empty(t, empty.Values, "an empty column has no values")

	rows, err := b.backend.PipelineValues(ctx)
	require.NoError(t, err)
	require.Len(t, rows, 3, "Ann's EUR and USD deals are two rows")
	for _, r := range rows {
		if r.OwnerRepID == ann && r.Currency == "EUR" {
			require.Equal(t, webapp.PipelineValueRow{Pipeline: "Sales", Stage: "Qualification", OwnerRepID: ann, OwnerName: "Ann", Currency: "EUR",
				Deals: 1, AmountCents: 5_000_000, EstimatedCents: 5_000_000, ExpectedCents: 1_000_000}, r)
		}
	}

	require.NoError(t, b.st.CreateWebSession(ctx, "sess", mgr, "csrf", b.now, b.now.Add(time.Hour)))
	app, err := webapp.New(webapp.Config{Backend: b.backend, NowFunc: func() time.Time { return b.now }})
	require.NoError(t, err)
	page := get(t, app, "/app/board")
	require.Contains(t, page, "3 deals · $4,200 · €10,000 expected")
	require.Contains(t, page, "€10,000 expected · €50,000 estimated", "the EUR card in euros")
	page = get(t, app, "/app/manager")
	byStage := page[strings.Index(page, "<caption>By stage</caption>"):strings.Index(page, "<caption>By rep</caption>")]
	require.Contains(t, byStage, `<td class="num">3</td><td class="num">$21,000<br>€50,000</td>`)
	byRep := page[strings.Index(page, "<caption>By rep</caption>"):]
	require.Contains(t, byRep, `Ann</a></td><td class="num">2</td><td class="num">$1,000<br>€50,000</td>`)
	require.Less(t, strings.Index(byRep, "Bob"), strings.Index(byRep, "Ann"), "ordered by dollars: Ann's euros are not dollars")
	require.NotContains(t, page, "$71,000")
	require.NotContains(t, page, "$51,000")

	// Ann wins both her deals: the leaderboard keeps her one row, with
	// her won amount per currency.
	won := "Won"
	for _, d := range []int64{small.ID, euro.ID} {
		_, _, err := b.st.UpdateDeal(ctx, d, store.DealUpdate{Stage: &won, CheckFunc: func(store.DealCheck) (string, error) { return "", nil }}, "test", b.now)
		require.NoError(t, err)
	}
	page = get(t, app, "/app/manager")
	leaders := page[:strings.Index(page, "<caption>By stage</caption>")]
	require.Equal(t, 1, strings.Count(leaders, ">Ann</a>"), "one row per rep")
	require.Contains(t, leaders, `<td class="num">2</td><td class="num">€50,000 · $1,000</td>`, "won amount per currency")
}

// TestDealMeetingAndRepTimeZone: the deal page reads the meeting time the
// move set (and cleared) and the rep's configured zone.
func TestDealMeetingAndRepTimeZone(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	rep, err := b.st.AddRep(ctx, lead.Rep{Name: "Berta", Email: "berta@reps.example.com", TimeZone: "Europe/Berlin"}, store.RoleRep)
	require.NoError(t, err)
	other, err := b.st.AddRep(ctx, lead.Rep{Name: "Otto", Email: "otto@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	d := b.deal(t, "meet", rep, 0, "USD")

	tz, err := b.backend.RepTimeZone(ctx, rep)
	require.NoError(t, err)
	require.Equal(t, "Europe/Berlin", tz)
	tz, err = b.backend.RepTimeZone(ctx, other)
	require.NoError(t, err)
	require.Equal(t, "UTC", tz, "no zone is stored as UTC")
	_, err = b.backend.RepTimeZone(ctx, 999_999)
	require.ErrorIs(t, err, lead.ErrNotFound)

	at, err := b.backend.DealMeeting(ctx, d)
	require.NoError(t, err)
	require.True(t, at.IsZero())
	meeting := time.Date(2026, 1, 8, 14, 30, 0, 0, time.UTC)
	require.NoError(t, b.backend.MoveDeal(ctx, d.ID, webapp.DealMove{MeetingAt: &meeting, OwnerRepID: rep}, "test", b.now))
	at, err = b.backend.DealMeeting(ctx, d)
	require.NoError(t, err)
	require.True(t, meeting.Equal(at), "got %s", at)
	require.ErrorIs(t, b.backend.MoveDeal(ctx, d.ID, webapp.DealMove{MeetingAt: &meeting, OwnerRepID: other}, "test", b.now), lead.ErrNotFound,
		"another rep cannot set it")
	var zero time.Time
	require.NoError(t, b.backend.MoveDeal(ctx, d.ID, webapp.DealMove{MeetingAt: &zero, OwnerRepID: rep}, "test", b.now))
	at, err = b.backend.DealMeeting(ctx, d)
	require.NoError(t, err)
	require.True(t, at.IsZero(), "cleared")
}
