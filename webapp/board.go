package webapp

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"leadflow/lead"
)

// A rep's day: the inbox (the rep's leads; a manager's also lists the
// team's unassigned and overdue ones) and the pipeline board (cards with
// company, score, days in stage, expected value and a rot warning; drag
// and drop, keyboard moves, a list view and a one-column phone layout),
// both narrowed by the same search.

// maxSearchLen bounds each search field: a name, company, email, phone,
// source or campaign is far shorter, and the SQL pattern stays small.
const maxSearchLen = 100

// bands are the values the band filter accepts (the scoring bands).
var bands = []string{"hot", "warm", "cold"}

// SearchError is a search field the web app refused: Field is the form
// field's label as the page shows it.
type SearchError struct {
	Field, Problem string
}

func (e *SearchError) Error() string { return e.Field + " " + e.Problem }

// parseSearch reads the search form of the inbox and the board from the
// query string: q, band, source and campaign, each trimmed and bounded.
// An error names the field in the words of the form.
func parseSearch(v url.Values) (Search, error) {
	s := Search{Text: strings.TrimSpace(v.Get("q")), Band: strings.ToLower(strings.TrimSpace(v.Get("band"))),
		Source: strings.TrimSpace(v.Get("source")), Campaign: strings.TrimSpace(v.Get("campaign"))}
	for _, f := range []struct{ label, value string }{{"Search", s.Text}, {"Source", s.Source}, {"Campaign", s.Campaign}} {
		if !utf8.ValidString(f.value) {
			return Search{}, &SearchError{Field: f.label, Problem: "is not valid text"}
		}
		if utf8.RuneCountInString(f.value) > maxSearchLen {
			return Search{}, &SearchError{Field: f.label, Problem: fmt.Sprintf("is longer than %d characters", maxSearchLen)}
		}
	}
	if s.Band != "" && !containsString(bands, s.Band) {
		return Search{}, &SearchError{Field: "Band", Problem: "must be hot, warm or cold"}
	}
	return s, nil
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// values writes the search back as query parameters, leaving out the
// empty ones, so links (the stage switcher, the list view, polling) keep
// it.
func (s Search) values(v url.Values) url.Values {
	for k, x := range map[string]string{"q": s.Text, "band": s.Band, "source": s.Source, "campaign": s.Campaign} {
		if x != "" {
			v.Set(k, x)
		}
	}
	return v
}

// Active reports whether the search narrows anything.
func (s Search) Active() bool { return s != Search{} }

// Count is how many of the search's fields are set (the text counts as
// one), as the phone's "Search and filter" button says.
func (s Search) Count() int {
	n := 0
	for _, x := range []string{s.Text, s.Band, s.Source, s.Campaign} {
		if x != "" {
			n++
		}
	}
	return n
}

// boardFuncs are the template functions of the board and the inbox.
func boardFuncs(now func() time.Time) template.FuncMap {
	return template.FuncMap{
		// daysIn is a deal's whole days in its stage: "today", "1 day", "12 days".
		"daysIn": func(t time.Time) string {
			d := int(now().Sub(t) / (24 * time.Hour))
			switch {
			case d <= 0:
				return "entered today"
			case d == 1:
				return "1 day in stage"
			default:
				return strconv.Itoa(d) + " days in stage"
			}
		},
		// deadline is the speed-to-lead deadline as a rep reads it.
		"deadline": func(t *time.Time) string {
			if t == nil {
				return ""
			}
			left := t.Sub(now())
			if left < 0 {
				return "overdue by " + duration(-left)
			}
			return "due in " + duration(left) + " (" + t.UTC().Format("15:04 UTC") + ")"
		},
		"overdue":    func(t *time.Time) bool { return t != nil && t.Before(now()) },
		"bands":      func() []string { return bands },
		"inboxTable": func(items []InboxItem, team bool) inboxTable { return inboxTable{Items: items, Team: team} },
	}
}

// inboxTable is one inbox table: a rep's own leads, or the team's
// (with an owner column).
type inboxTable struct {
	Items []InboxItem
	Team  bool
}

type inboxData struct {
	Items []InboxItem
	// Attention is the manager's list: the team's unassigned and overdue
	// deals (nil for a rep).
	Attention []InboxItem
	Manager   bool
	Search    Search
	// Query is the search as a query string, for the polling URL.
	Query string
}

// inboxData reads the rep's inbox, and a manager's team list, under the
// request's search; a bad search field is the user's error (400).
func (a *App) readInbox(w http.ResponseWriter, r *http.Request) (inboxData, bool) {
	s := sessionOf(r.Context())
	q, err := parseSearch(r.URL.Query())
	if err != nil {
		a.message(w, r, http.StatusBadRequest, "Search not understood", err.Error()+".")
		return inboxData{}, false
	}
	d := inboxData{Manager: s.Rep.Manager, Search: q, Query: q.values(url.Values{}).Encode()}
	if d.Items, err = a.cfg.Backend.Inbox(r.Context(), s.Rep.ID, q); err != nil {
		a.failed(w, r, "read inbox", err)
		return d, false
	}
	if s.Rep.Manager {
		if d.Attention, err = a.cfg.Backend.TeamAttention(r.Context(), a.cfg.NowFunc(), q); err != nil {
			a.failed(w, r, "read team attention", err)
			return d, false
		}
	}
	return d, true
}

func (a *App) inbox(w http.ResponseWriter, r *http.Request) {
	if d, ok := a.readInbox(w, r); ok {
		a.render(w, r, http.StatusOK, "inbox", page{Title: "Inbox", Nav: "inbox", Data: d})
	}
}

// inboxRows is the inbox's lists htmx polls for.
func (a *App) inboxRows(w http.ResponseWriter, r *http.Request) {
	if d, ok := a.readInbox(w, r); ok {
		a.render(w, r, http.StatusOK, "inbox-rows", page{Data: d})
	}
}

type boardData struct {
	Board       Board
	Pipelines   []string
	Reps        []RepOption
	RepFilter   int64
	LostReasons []string
	Return      string
	Search      Search
	// List is the compact list view (?view=list).
	List bool
	// Focus is the column a phone shows (?stage=, by name; by default the
	// first with deals, so a phone does not open on an empty column);
	// Switch links each stage's column keeping the rest.
	Focus  string
	Switch []stageLink
	// BoardURL and ListURL are this board in either view.
	BoardURL, ListURL string
	// Refused is a card's refused move, shown beside the card (nil for
	// none): only on the answer to that move, never on a later page.
	Refused *cardRefusal
}

// stageLink is one entry of the phone's stage switcher.
type stageLink struct {
	Name, URL string
	Count     int64
	Current   bool
}

// cardRefusal is a card's move the rules refused, shown on the board
// beside the card: the rep's choices are kept in its open form.
type cardRefusal struct {
	DealID int64
	// Field is the form field the refusal is about ("stage", "amount",
	// "lost_reason"); Message the refusal in a rep's words.
	Field, Message string
	// Stage, Amount and LostReason are what the rep chose or typed.
	Stage, Amount, LostReason string
}

func (a *App) board(w http.ResponseWriter, r *http.Request) {
	a.boardPage(w, r, r.URL.Query(), r.URL.RequestURI(), http.StatusOK, nil)
}

// boardPage renders the board for the query qs; self is the board's own
// address (where its forms return to), refused a card's refused move.
func (a *App) boardPage(w http.ResponseWriter, r *http.Request, qs url.Values, self string, status int, refused *cardRefusal) {
	s := sessionOf(r.Context())
	search, err := parseSearch(qs)
	if err != nil {
		a.message(w, r, http.StatusBadRequest, "Search not understood", err.Error()+".")
		return
	}
	q := BoardQuery{Pipeline: qs.Get("pipeline"), OwnerRepID: s.Rep.ID, Search: search}
	var reps []RepOption
	if s.Rep.Manager {
		q.OwnerRepID, _ = strconv.ParseInt(qs.Get("rep"), 10, 64)
		if reps, err = a.cfg.Backend.Reps(r.Context()); err != nil {
			a.failed(w, r, "list reps", err)
			return
		}
	}
	b, err := a.cfg.Backend.Board(r.Context(), q)
	if errors.Is(err, lead.ErrNotFound) {
		a.notFound(w, r)
		return
	}
	if err != nil {
		a.failed(w, r, "read board", err)
		return
	}
	pipelines, err := a.cfg.Backend.Pipelines(r.Context())
	if err != nil {
		a.failed(w, r, "list pipelines", err)
		return
	}
	d := boardData{Board: b, Pipelines: pipelines, Reps: reps, RepFilter: q.OwnerRepID, LostReasons: a.cfg.LostReasons,
		Return: self, Search: search, List: qs.Get("view") == "list", Focus: qs.Get("stage")}
	title := "Pipeline " + b.Pipeline
	var problem string
	if refused != nil {
		// The refusal goes beside the card, in the column a phone shows;
		// a card not on this board (moved or closed meanwhile, beyond the
		// column's first cards, outside the search) gets it at the top.
		if st, ok := stageOfCard(b.Stages, refused.DealID); ok {
			d.Refused, d.Focus = refused, st
		} else {
			problem = a.dealName(r, refused.DealID) + " was not moved: " + refused.Message
		}
	}
	base := search.values(url.Values{})
	if q.Pipeline != "" {
		base.Set("pipeline", q.Pipeline)
	}
	if s.Rep.Manager && q.OwnerRepID != 0 {
		base.Set("rep", strconv.FormatInt(q.OwnerRepID, 10))
	}
	link := func(set map[string]string) string {
		v := url.Values{}
		for k, x := range base {
			v[k] = x
		}
		for k, x := range set {
			if x != "" {
				v.Set(k, x)
			}
		}
		if e := v.Encode(); e != "" {
			return "/app/board?" + e
		}
		return "/app/board"
	}
	if !containsStage(b.Stages, d.Focus) {
		d.Focus = firstWithDeals(b.Stages)
	}
	view := ""
	if d.List {
		view = "list"
	}
	for _, st := range b.Stages {
		d.Switch = append(d.Switch, stageLink{Name: st.Name, Count: st.Count, Current: st.Name == d.Focus,
			URL: link(map[string]string{"stage": st.Name, "view": view})})
	}
	d.BoardURL, d.ListURL = link(map[string]string{"stage": qs.Get("stage")}), link(map[string]string{"stage": qs.Get("stage"), "view": "list"})
	a.render(w, r, status, "board", page{Title: title, Nav: "board", Error: problem, Data: d})
}

// stageOfCard finds the deal's card on the board and returns its stage.
func stageOfCard(stages []BoardStage, dealID int64) (string, bool) {
	for _, st := range stages {
		for _, d := range st.Deals {
			if d.ID == dealID {
				return st.Name, true
			}
		}
	}
	return "", false
}

// firstWithDeals is the first stage with a deal, or the first stage when
// none has one ("" for none).
func firstWithDeals(stages []BoardStage) string {
	for _, st := range stages {
		if st.Count > 0 {
			return st.Name
		}
	}
	if len(stages) > 0 {
		return stages[0].Name
	}
	return ""
}

func containsStage(st []BoardStage, name string) bool {
	for _, s := range st {
		if s.Name == name {
			return true
		}
	}
	return false
}

// dealName names a deal for a sentence, by its contact ("Ada Lovelace's
// deal"), as a rep knows it.
func (a *App) dealName(r *http.Request, id int64) string {
	if d, err := a.cfg.Backend.Deal(r.Context(), id); err == nil && d.ContactName != "" {
		return d.ContactName + "'s deal"
	}
	return "The deal"
}
