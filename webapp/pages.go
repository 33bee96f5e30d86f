package webapp

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"leadflow/lead"
)

// page is what every template gets: the layout's fields and the page's own
// Data.
type page struct {
	Title   string
	Nav     string
	Session Session
	// CSRF is the token forms and htmx send back.
	CSRF  string
	Error string
	Data  any
	// OwnHeading is set when the page writes its own h1 (the deal page's
	// names the contact and the stage), so the title is not said twice.
	OwnHeading bool
}

func funcs(now func() time.Time) template.FuncMap {
	return template.FuncMap{
		"money":     money,
		"moneyList": moneyList,
		"utm":       utm,
		"pct":       func(p float64) string { return fmt.Sprintf("%.0f%%", p*100) },
		"when":      func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") },
		"whenp": func(t *time.Time) string {
			if t == nil {
				return "—"
			}
			return t.UTC().Format("2006-01-02 15:04 UTC")
		},
		"iso":   func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"since": func(t time.Time) string { return duration(now().Sub(t)) },
		"between": func(a time.Time, b *time.Time) string {
			if b == nil {
				return ""
			}
			return duration(b.Sub(a))
		},
		"signed": func(n int) string { return fmt.Sprintf("%+d", n) },
		"minutes": func(m *float64) string {
			if m == nil {
				return "—"
			}
			return duration(time.Duration(*m * float64(time.Minute)))
		},
		"dur":   duration,
		"chart": scoreChart,
		"who":   who,
		"inc":   func(i int) int { return i + 1 },
		"list":  func(xs ...int) []int { return xs },
		"moveArgs": func(d Deal, cols []BoardStage, reasons []string, csrf, ret string, refused *cardRefusal) moveForm {
			st := make([]Stage, len(cols))
			for i, c := range cols {
				st[i] = Stage{Name: c.Name, Kind: c.Kind}
			}
			f := moveForm{Deal: d, Stages: st, LostReasons: reasons, CSRF: csrf, Return: ret, Stage: d.Stage}
			if refused != nil && refused.DealID == d.ID {
				f.Refused = refused
				if refused.Stage != "" {
					f.Stage = refused.Stage
				}
			}
			return f
		},
	}
}

// moveForm is what a card's stage-move form needs.
type moveForm struct {
	Deal        Deal
	Stages      []Stage
	LostReasons []string
	CSRF        string
	Return      string
	// Stage is the stage the form's select shows: the deal's, or the one
	// the rep chose on a refused move.
	Stage string
	// Refused is this card's refused move, shown in its open form with
	// what the rep chose kept (nil for none).
	Refused *cardRefusal
}

// utm writes a touchpoint's UTM source, medium and campaign as "a / b /
// c", leaving out the empty ones ("—" when all are): a form without UTM
// showed "/ /".
func utm(source, medium, campaign string) string {
	var parts []string
	for _, p := range []string{source, medium, campaign} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, " / ")
}

// who names a contact for a heading: "Ada Lovelace, Initech", the name
// or the company alone when only one is known, "" when neither is.
func who(name, company string) string {
	name, company = strings.TrimSpace(name), strings.TrimSpace(company)
	switch {
	case name != "" && company != "":
		return name + ", " + company
	case name != "":
		return name
	}
	return company
}

// duration is a short human span: "45s", "12m", "3h 05m", "4d 2h".
func duration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm %02ds", int(d.Minutes()), int(d.Seconds())%60)
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh %02dm", int(d.Hours()), int(d.Minutes())%60)
	default:
		return fmt.Sprintf("%dd %dh", int(d.Hours())/24, int(d.Hours())%24)
	}
}

// parseAmount reads a dollar amount as typed ("12,500", "$9.99") into
// cents; "" is no amount.
func parseAmount(s string) (*int64, error) {
	s = strings.NewReplacer(",", "", "$", "", " ", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) || f > 1e13 {
		return nil, errors.New("the amount must be a number of dollars such as 12500 or 12,500.00")
	}
	c := int64(math.Round(f * 100))
	return &c, nil
}

// render executes a page template into a buffer first, so a template
// error becomes a 500 instead of half a page.
func (a *App) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	s := sessionOf(r.Context())
	p.Session = s
	if p.CSRF == "" {
		p.CSRF = s.CSRFToken
	}
	var buf bytes.Buffer
	if err := a.tmpl.ExecuteTemplate(&buf, name, p); err != nil {
		a.cfg.Logger.Error("render page", "template", name, "error", err)
		http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

func (a *App) message(w http.ResponseWriter, r *http.Request, status int, title, msg string) {
	a.render(w, r, status, "message", page{Title: title, Error: msg})
}

func (a *App) notFound(w http.ResponseWriter, r *http.Request) {
	a.message(w, r, http.StatusNotFound, "Not found", "There is nothing here, or it is not yours to see.")
}

func (a *App) forbidden(w http.ResponseWriter, r *http.Request, msg string) {
	a.message(w, r, http.StatusForbidden, "Forbidden", msg)
}

// failed answers a backend error that is not the user's fault; the log
// names what failed and the rep, never the lead.
func (a *App) failed(w http.ResponseWriter, r *http.Request, what string, err error) {
	a.cfg.Logger.Error(what, "rep_id", sessionOf(r.Context()).Rep.ID, "error", err)
	a.message(w, r, http.StatusServiceUnavailable, "Unavailable", "Storage is unavailable; try again in a moment.")
}

func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// visibleDeal reports whether the session may see the deal: managers see
// every deal, reps their own. Another rep's deal is "not found", like a
// missing one, so ids reveal nothing.
func (a *App) visibleDeal(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, ok := pathID(r)
	if !ok {
		a.notFound(w, r)
		return 0, false
	}
	owner, err := a.cfg.Backend.DealOwner(r.Context(), id)
	s := sessionOf(r.Context())
	if errors.Is(err, lead.ErrNotFound) || (err == nil && !s.Rep.Manager && owner != s.Rep.ID) {
		a.notFound(w, r)
		return 0, false
	}
	if err != nil {
		a.failed(w, r, "read deal owner", err)
		return 0, false
	}
	return id, true
}

type dealData struct {
	Deal        Deal
	Contact     Contact
	Stages      []Stage
	LostReasons []string
	Return      string
	// Meeting is the first meeting's time form, on an open deal.
	Meeting meetingForm
	// View is the deal page's work on the deal (dealpage.go).
	View dealView
}

// meetingForm is the deal page's meeting time: the time set (zero for
// none), written in the signed-in rep's time zone, as the form's
// datetime-local value wants it and as a person reads it.
type meetingForm struct {
	At       time.Time
	Local    string
	Shown    string
	TimeZone string
}

// meetingLayout is what an <input type="datetime-local"> sends and shows
// (HTML's "valid normalized local date and time string", to the minute).
const meetingLayout = "2006-01-02T15:04"

// repLocation is the signed-in rep's time zone: their configured zone, or
// UTC when they have none or it does not load.
func (a *App) repLocation(r *http.Request) (*time.Location, error) {
	tz, err := a.cfg.Backend.RepTimeZone(r.Context(), sessionOf(r.Context()).Rep.ID)
	if err != nil {
		return nil, err
	}
	if tz == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		a.cfg.Logger.Warn("rep time zone does not load; meeting times in UTC", "rep_id", sessionOf(r.Context()).Rep.ID, "error", err)
		return time.UTC, nil
	}
	return loc, nil
}

// newMeetingForm writes at (zero for none) in loc for the deal page.
func newMeetingForm(at time.Time, loc *time.Location) meetingForm {
	f := meetingForm{At: at, TimeZone: loc.String()}
	if !at.IsZero() {
		l := at.In(loc)
		f.Local = l.Format(meetingLayout)
		f.Shown = l.Format("Mon 2 Jan 2006, 15:04 MST")
	}
	return f
}

// parseMeeting reads the deal page's meeting field, a datetime-local
// value, as a time in loc. An error names the field and what it wants.
func parseMeeting(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	at, err := time.ParseInLocation(meetingLayout, s, loc)
	if err != nil {
		// Some browsers send seconds too.
		at, err = time.ParseInLocation(meetingLayout+":05", s, loc)
	}
	if err != nil || at.Year() < 2000 || at.Year() > 9999 {
		return time.Time{}, fmt.Errorf("the meeting time must be a date and time such as 2026-03-04 15:30 (in %s); got %q", loc, s)
	}
	return at, nil
}

func (a *App) contact(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	s := sessionOf(r.Context())
	var err error = lead.ErrNotFound
	if ok {
		err = nil
		if !s.Rep.Manager {
			var owns bool
			owns, err = a.cfg.Backend.RepOwnsContact(r.Context(), s.Rep.ID, id)
			if err == nil && !owns {
				err = lead.ErrNotFound
			}
		}
	}
	var c Contact
	if err == nil {
		c, err = a.cfg.Backend.Contact(r.Context(), id)
	}
	if errors.Is(err, lead.ErrNotFound) {
		a.notFound(w, r)
		return
	}
	if err != nil {
		a.failed(w, r, "read contact", err)
		return
	}
	a.render(w, r, http.StatusOK, "contact", page{Title: c.Name, Nav: "", Data: dealData{Contact: c}})
}

// moveDeal applies a card's stage move (the board's Move… form, its drag
// and drop and its keyboard moves) through the backend's rules. A refused
// move (Lost without a reason, Won without an amount, a deal closed
// meanwhile) answers 422 with the board again, the card's form open with
// what the rep chose and the refusal in words beside it; from anywhere
// else, a page with the refusal in words.
func (a *App) moveDeal(w http.ResponseWriter, r *http.Request) {
	id, ok := a.visibleDeal(w, r)
	if !ok {
		return
	}
	s := sessionOf(r.Context())
	ret := safeNext(r.PostFormValue("return"))
	refused := &cardRefusal{DealID: id, Stage: strings.TrimSpace(r.PostFormValue("stage")),
		Amount: r.PostFormValue("amount"), LostReason: strings.TrimSpace(r.PostFormValue("lost_reason"))}
	var m DealMove
	if refused.Stage != "" {
		m.Stage = &refused.Stage
	}
	amount, err := parseAmount(refused.Amount)
	if err != nil {
		refused.Field, refused.Message = "amount", "Enter the amount as a number, such as 12500 or 12,500.00."
		a.refuseMove(w, r, ret, refused)
		return
	}
	m.AmountCents = amount
	if refused.LostReason != "" {
		m.LostReason = &refused.LostReason
	}
	if m.Stage == nil && m.AmountCents == nil {
		refused.Field, refused.Message = "stage", "Choose a stage or enter an amount."
		a.refuseMove(w, r, ret, refused)
		return
	}
	if !s.Rep.Manager {
		m.OwnerRepID = s.Rep.ID
	}
	err = a.cfg.Backend.MoveDeal(r.Context(), id, m, "web:rep:"+strconv.FormatInt(s.Rep.ID, 10), a.cfg.NowFunc())
	var invalid interface{ InvalidField() string }
	switch {
	case errors.As(err, &invalid):
		refused.Field, refused.Message = boardField(invalid.InvalidField()), refusalWords(err)
		a.refuseMove(w, r, ret, refused)
	case errors.Is(err, lead.ErrNotFound):
		a.notFound(w, r)
	case err != nil:
		a.failed(w, r, "move deal", err)
	default:
		http.Redirect(w, r, ret, http.StatusSeeOther)
	}
}

// boardField is the field of a card's Move… form a refusal about the
// change's field (the rules' and the store's names) is shown beside.
func boardField(field string) string {
	switch field {
	case "lost_reason":
		return "lost_reason"
	case "amount_cents":
		return "amount"
	}
	return "stage"
}

// refuseMove answers a refused card move: the board the move came from
// (ret) with the refusal beside the card, or a page saying it when the
// move came from elsewhere.
func (a *App) refuseMove(w http.ResponseWriter, r *http.Request, ret string, refused *cardRefusal) {
	if u, err := url.Parse(ret); err == nil && u.Path == "/app/board" {
		a.boardPage(w, r, u.Query(), ret, http.StatusUnprocessableEntity, refused)
		return
	}
	a.message(w, r, http.StatusUnprocessableEntity, "Deal not moved", refused.Message)
}

// setMeeting sets (or, with "clear", clears) the deal's meeting time
// from the deal page, read in the signed-in rep's time zone, through the
// same change the rep API's meeting_at makes: the Initial contact email
// then attaches an invitation for it.
func (a *App) setMeeting(w http.ResponseWriter, r *http.Request) {
	id, ok := a.visibleDeal(w, r)
	if !ok {
		return
	}
	s := sessionOf(r.Context())
	var at time.Time
	if r.PostFormValue("clear") == "" {
		loc, err := a.repLocation(r)
		if err != nil {
			a.failed(w, r, "read rep time zone", err)
			return
		}
		if at, err = parseMeeting(r.PostFormValue("meeting_at"), loc); err != nil {
			a.message(w, r, http.StatusUnprocessableEntity, "Meeting not set", upperFirst(err.Error())+".")
			return
		}
	}
	m := DealMove{MeetingAt: &at}
	if !s.Rep.Manager {
		m.OwnerRepID = s.Rep.ID
	}
	if a.applyMove(w, r, id, m) {
		http.Redirect(w, r, safeNext(r.PostFormValue("return")), http.StatusSeeOther)
	}
}

// upperFirst capitalises an error's first letter for a page's sentence.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (a *App) applyMove(w http.ResponseWriter, r *http.Request, id int64, m DealMove) bool {
	err := a.cfg.Backend.MoveDeal(r.Context(), id, m, "web:rep:"+strconv.FormatInt(sessionOf(r.Context()).Rep.ID, 10), a.cfg.NowFunc())
	var invalid interface{ InvalidField() string }
	switch {
	case errors.As(err, &invalid):
		// The refusal in a rep's words, never an API field name.
		a.message(w, r, http.StatusUnprocessableEntity, "Deal not moved", refusalWords(err))
		return false
	case errors.Is(err, lead.ErrNotFound):
		a.notFound(w, r)
		return false
	case err != nil:
		a.failed(w, r, "move deal", err)
		return false
	}
	return true
}

type callbacksData struct {
	SnoozeDays  []int
	Callbacks   []Callback
	LostReasons []string
}

func (a *App) callbacks(w http.ResponseWriter, r *http.Request) {
	s := sessionOf(r.Context())
	owner := s.Rep.ID
	if s.Rep.Manager {
		owner = 0
	}
	cbs, err := a.cfg.Backend.Callbacks(r.Context(), owner)
	if err != nil {
		a.failed(w, r, "list callbacks", err)
		return
	}
	a.render(w, r, http.StatusOK, "callbacks", page{Title: "Future callbacks", Nav: "callbacks",
		Data: callbacksData{Callbacks: cbs, LostReasons: a.cfg.LostReasons, SnoozeDays: snoozeDays}})
}

// reactivate takes a parked deal back into its stage.
func (a *App) reactivate(w http.ResponseWriter, r *http.Request) {
	id, ok := a.visibleDeal(w, r)
	if !ok {
		return
	}
	if err := a.cfg.Backend.Reactivate(r.Context(), id, a.cfg.NowFunc()); err != nil {
		a.failed(w, r, "reactivate deal", err)
		return
	}
	http.Redirect(w, r, "/app/callbacks", http.StatusSeeOther)
}

// snoozeDays are the reminder delays the callbacks page offers.
var snoozeDays = []int{1, 3, 7, 14, 30}

// snooze moves a parked deal's reminder a number of days ahead.
func (a *App) snooze(w http.ResponseWriter, r *http.Request) {
	id, ok := a.visibleDeal(w, r)
	if !ok {
		return
	}
	days, err := strconv.Atoi(r.PostFormValue("days"))
	if err != nil || !slices.Contains(snoozeDays, days) {
		a.message(w, r, http.StatusUnprocessableEntity, "Reminder not moved", "Choose how many days to wait: 1, 3, 7, 14 or 30.")
		return
	}
	now := a.cfg.NowFunc()
	if err := a.cfg.Backend.Snooze(r.Context(), id, now.AddDate(0, 0, days), now); err != nil {
		a.failed(w, r, "snooze deal", err)
		return
	}
	http.Redirect(w, r, "/app/callbacks", http.StatusSeeOther)
}

// drop closes a parked deal as lost, with a reason, through the same rules
// as any stage move.
func (a *App) drop(w http.ResponseWriter, r *http.Request) {
	id, ok := a.visibleDeal(w, r)
	if !ok {
		return
	}
	d, err := a.cfg.Backend.Deal(r.Context(), id)
	var stages []Stage
	if err == nil {
		stages, err = a.cfg.Backend.Stages(r.Context(), d.Pipeline)
	}
	if err != nil {
		a.failed(w, r, "read deal", err)
		return
	}
	lost := ""
	for _, st := range stages {
		if st.Kind == "lost" {
			lost = st.Name
			break
		}
	}
	if lost == "" {
		a.message(w, r, http.StatusUnprocessableEntity, "Deal not dropped", "The deal's pipeline has no lost stage.")
		return
	}
	reason := strings.TrimSpace(r.PostFormValue("lost_reason"))
	m := DealMove{Stage: &lost, LostReason: &reason}
	if !sessionOf(r.Context()).Rep.Manager {
		m.OwnerRepID = sessionOf(r.Context()).Rep.ID
	}
	if a.applyMove(w, r, id, m) {
		http.Redirect(w, r, "/app/callbacks", http.StatusSeeOther)
	}
}

type managerData struct {
	Leaders    []LeaderRow
	Value      pipelineValue
	Days       int
	Routing    RoutingView
	QueueAdmin bool
}

// manager shows the leaderboard over the last N days (?days=, default 30;
// 0 = all time), the routing in effect and the queue admin link.
func (a *App) manager(w http.ResponseWriter, r *http.Request) {
	days := 30
	if v := r.URL.Query().Get("days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 3660 {
			a.message(w, r, http.StatusBadRequest, "Bad request", "days must be a number of days from 0 (all time) to 3660.")
			return
		}
		days = n
	}
	var from time.Time
	if days > 0 {
		from = a.cfg.NowFunc().AddDate(0, 0, -days)
	}
	rows, err := a.cfg.Backend.Leaderboard(r.Context(), from, time.Time{})
	if err != nil {
		a.failed(w, r, "read leaderboard", err)
		return
	}
	values, err := a.cfg.Backend.PipelineValues(r.Context())
	if err != nil {
		a.failed(w, r, "read pipeline value", err)
		return
	}
	a.render(w, r, http.StatusOK, "manager", page{Title: "Manager", Nav: "manager",
		Data: managerData{Leaders: rows, Value: totalPipelineValue(values), Days: days, Routing: a.cfg.Routing,
			QueueAdmin: a.cfg.QueueAdmin != nil}})
}

// valueTotal is the value of a group of open deals: a stage of a pipeline
// (Pipeline, Name) or a rep (RepID, Name; RepID 0: unassigned). Deals
// counts every currency; the amounts are per currency in Values, never
// added across currencies.
type valueTotal struct {
	Pipeline, Name string
	RepID          int64
	Deals          int64
	Values         []currencyTotal
}

// currencyTotal is a group's deals in one currency and their amounts.
type currencyTotal struct {
	Currency       string
	Deals          int64
	AmountCents    int64
	EstimatedCents int64
	ExpectedCents  int64
}

// add counts row in t, under its currency. Sums saturate instead of
// wrapping, as the store's do: no amount can make a total read negative.
func (t *valueTotal) add(row PipelineValueRow) {
	t.Deals += row.Deals
	i := slices.IndexFunc(t.Values, func(c currencyTotal) bool { return c.Currency == row.Currency })
	if i < 0 {
		i = len(t.Values)
		t.Values = append(t.Values, currencyTotal{Currency: row.Currency})
	}
	c := &t.Values[i]
	c.Deals += row.Deals
	c.AmountCents = addCents(c.AmountCents, row.AmountCents)
	c.EstimatedCents = addCents(c.EstimatedCents, row.EstimatedCents)
	c.ExpectedCents = addCents(c.ExpectedCents, row.ExpectedCents)
}

// expectedIn is t's expected value in currency, 0 when it has none.
func (t valueTotal) expectedIn(currency string) int64 {
	for _, c := range t.Values {
		if c.Currency == currency {
			return c.ExpectedCents
		}
	}
	return 0
}

// addCents adds two non-negative amounts, saturating at the int64 maximum.
func addCents(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// pipelineValue is the manager page's pipeline value: per stage (in the
// store's pipeline and stage order) and per rep (the most expected value
// in the main currency first), each with its amounts per currency.
type pipelineValue struct {
	Stages []valueTotal
	Reps   []valueTotal
	// Main is the currency most open deals are in: reps are ordered by
	// their expected value in it, and it is listed first in every group.
	Main string
}

// totalPipelineValue folds the store's rows (pipeline × stage × owner ×
// currency) into the per-stage and per-rep totals the manager reads. A
// row without a currency is in USD, the deals table's default.
func totalPipelineValue(rows []PipelineValueRow) pipelineValue {
	var v pipelineValue
	stageAt := map[[2]string]int{}
	repAt := map[int64]int{}
	deals := map[string]int64{}
	for _, row := range rows {
		if row.Currency == "" {
			row.Currency = "USD"
		}
		deals[row.Currency] += row.Deals
		k := [2]string{row.Pipeline, row.Stage}
		i, ok := stageAt[k]
		if !ok {
			i = len(v.Stages)
			stageAt[k] = i
			v.Stages = append(v.Stages, valueTotal{Pipeline: row.Pipeline, Name: row.Stage})
		}
		v.Stages[i].add(row)
		j, ok := repAt[row.OwnerRepID]
		if !ok {
			j = len(v.Reps)
			repAt[row.OwnerRepID] = j
			v.Reps = append(v.Reps, valueTotal{RepID: row.OwnerRepID, Name: row.OwnerName})
		}
		v.Reps[j].add(row)
	}
	for c, n := range deals {
		if n > deals[v.Main] || (n == deals[v.Main] && c < v.Main) || v.Main == "" {
			v.Main = c
		}
	}
	// The main currency first, then the others by code.
	order := func(a, b currencyTotal) int {
		if (a.Currency == v.Main) != (b.Currency == v.Main) {
			if a.Currency == v.Main {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.Currency, b.Currency)
	}
	for _, ts := range [][]valueTotal{v.Stages, v.Reps} {
		for i := range ts {
			slices.SortFunc(ts[i].Values, order)
		}
	}
	slices.SortStableFunc(v.Reps, func(a, b valueTotal) int { return cmp.Compare(b.expectedIn(v.Main), a.expectedIn(v.Main)) })
	return v
}

// currencySymbols are the currencies written with a symbol before the
// amount; any other is written after it as its code ("12,500 CHF").
var currencySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£"}

// money writes cents of currency (ISO 4217; "" is USD, the deals table's
// default) in whole units with thousands separators: "$12,500",
// "€3,000", "12,500 CHF". An amount is never shown without its currency.
func money(cents int64, currency ...string) string {
	s := lead.Dollars(cents)
	code := "USD"
	if len(currency) > 0 && currency[0] != "" {
		code = currency[0]
	}
	if sym, ok := currencySymbols[code]; ok {
		return strings.Replace(s, "$", sym, 1)
	}
	return strings.Replace(s, "$", "", 1) + "\u00a0" + code
}

// moneyList writes a column's expected value per currency, "$5,000 ·
// €800", and "$0" for an empty column.
func moneyList(values []CurrencyValue) string {
	if len(values) == 0 {
		return money(0)
	}
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = money(v.ExpectedCents, v.Currency)
	}
	return strings.Join(parts, " · ")
}
