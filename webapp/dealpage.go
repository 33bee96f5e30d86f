package webapp

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"leadflow/lead"
)

// The deal page is where a rep works a deal (issue 22): log a call,
// meeting, email or note (the first is the deal's first touch and stops
// the speed-to-lead clock, as the rep API's activities do), set the next
// step and its day, edit the amount, move the stage. A refused form
// renders the page again with what the rep typed and the problem in words
// next to its field, never an API field name.

// activityKinds are what a rep may log from the deal page, in the order
// the page offers them: the rep API's kinds but a proposal, which queues a
// follow-up email and belongs to the API's proposal flow.
var activityKinds = []activityKind{
	{Value: "call", Label: "Call"},
	{Value: "meeting", Label: "Meeting"},
	{Value: "email", Label: "Email"},
	{Value: "note", Label: "Note"},
}

// activityKind is a kind of activity and its label on the page.
type activityKind struct{ Value, Label string }

// Bounds of what the deal page's forms accept, in characters.
const (
	// maxActivityNote keeps a note a note; the rep API bounds its body.
	maxActivityNote = 2000
	// maxNextStep is the store's bound (deals_next_step_length).
	maxNextStep = 500
	// futureSlack is how far ahead of the server's clock a logged time may
	// be (a browser's clock running ahead), before it is refused as not
	// yet happened.
	futureSlack = 5 * time.Minute
)

// nextStepLayout is what an <input type="date"> sends and shows.
const nextStepLayout = "2006-01-02"

// dealForm is one of the deal page's forms as the rep left it: the
// values typed (by field name) and the problems found (by field name;
// "" is the form as a whole). A page without a refused form has none.
type dealForm struct {
	Name   string
	Values map[string]string
	Errors map[string]string
}

// value is what the rep typed in field, or def when the form was not sent.
func (f dealForm) value(field, def string) string {
	if v, ok := f.Values[field]; ok {
		return v
	}
	return def
}

// sent returns the form name as posted, with the fields of r named.
func sentForm(r *http.Request, name string, fields ...string) dealForm {
	f := dealForm{Name: name, Values: map[string]string{}, Errors: map[string]string{}}
	for _, k := range fields {
		f.Values[k] = r.PostFormValue(k)
	}
	return f
}

// dealView is the deal page's own part: the speed-to-lead clock, the
// activities, the next step and the forms' values and problems.
type dealView struct {
	Kinds []activityKind
	// Activities are the deal's logged activities, newest first.
	Activities []Activity
	// Clock says where the speed-to-lead clock is, in words; Late marks
	// a first touch overdue.
	Clock string
	Late  bool
	// Touched is true once the deal had its first touch.
	Touched bool
	// NextStep and NextStepDay are the next step as stored ("" for none),
	// the day written for people; NextStepDue marks a day passed.
	NextStep    string
	NextStepDay string
	NextStepDue bool
	// Values are the forms' fields (what the rep typed on a refused form,
	// else what is stored); Errors the problems by field id.
	Values map[string]string
	Errors map[string]string
	// Problem is the refused form's summary at the top of the page.
	Problem string
	// MoveOpen keeps the stage form open when it was refused.
	MoveOpen bool
}

// wrapErr says what was being read when err happened (nil stays nil).
func wrapErr(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}

// dealPage renders the deal page with status, f being a refused form (or
// a zero dealForm for none).
func (a *App) dealPage(w http.ResponseWriter, r *http.Request, id int64, status int, f dealForm) {
	ctx := r.Context()
	d, err := a.cfg.Backend.Deal(ctx, id)
	if errors.Is(err, lead.ErrNotFound) {
		a.notFound(w, r)
		return
	}
	if err != nil {
		a.failed(w, r, "read deal", err)
		return
	}
	// The page's other reads depend only on the deal: run them together,
	// so the page costs about one round trip after the deal's rather than
	// one per read.
	var (
		c       Contact
		stages  []Stage
		fu      FollowUp
		loc     *time.Location
		meetAt  time.Time
		g, gctx = errgroup.WithContext(ctx)
	)
	g.Go(func() (err error) {
		c, err = a.cfg.Backend.Contact(gctx, d.ContactID)
		return err
	})
	g.Go(func() (err error) {
		stages, err = a.cfg.Backend.Stages(gctx, d.Pipeline)
		return err
	})
	g.Go(func() (err error) {
		fu, err = a.cfg.Backend.DealFollowUp(gctx, id)
		return err
	})
	g.Go(func() (err error) {
		loc, err = a.repLocation(r.WithContext(gctx))
		return wrapErr("read rep time zone", err)
	})
	if d.StageKind == "open" {
		g.Go(func() (err error) {
			meetAt, err = a.cfg.Backend.DealMeeting(gctx, d)
			return wrapErr("read deal meeting", err)
		})
	}
	if err := g.Wait(); err != nil {
		if errors.Is(err, lead.ErrNotFound) {
			a.notFound(w, r)
		} else {
			a.failed(w, r, "read deal", err)
		}
		return
	}
	var meeting meetingForm
	if d.StageKind == "open" {
		meeting = newMeetingForm(meetAt, loc)
	}
	v := a.newDealView(d, fu, loc, f)
	a.render(w, r, status, "deal", page{Title: cmp.Or(who(c.Name, c.Company), "A lead with no name given") + " — " + d.Stage, OwnHeading: true, Nav: "board", Error: v.Problem,
		Data: dealData{Deal: d, Contact: c, Stages: stages, LostReasons: a.cfg.LostReasons, Return: "/app/deals/" + strconv.FormatInt(d.ID, 10),
			Meeting: meeting, View: v}})
}

// newDealView builds the deal page's own part from what is stored and the
// refused form f, if any.
func (a *App) newDealView(d Deal, fu FollowUp, loc *time.Location, f dealForm) dealView {
	now := a.cfg.NowFunc()
	v := dealView{Kinds: activityKinds, Errors: f.Errors, Values: map[string]string{}}
	for i := len(fu.Activities) - 1; i >= 0; i-- {
		v.Activities = append(v.Activities, fu.Activities[i])
	}
	switch {
	case fu.FirstContactedAt != nil:
		v.Touched = true
		v.Clock = "First touch " + duration(fu.FirstContactedAt.Sub(d.CreatedAt)) + " after the deal opened: the speed-to-lead clock stopped."
	case d.ClosedAt != nil:
	case fu.SLADueAt != nil && now.After(*fu.SLADueAt):
		v.Late, v.Clock = true, "No first touch yet, "+duration(now.Sub(*fu.SLADueAt))+" late: log your call, meeting or email below."
	case fu.SLADueAt != nil:
		v.Clock = "No first touch yet: due in " + duration(fu.SLADueAt.Sub(now)) + ". Logging a call, meeting, email or note stops the clock."
	default:
		v.Clock = "No first touch yet, " + duration(now.Sub(d.CreatedAt)) + " since the deal opened."
	}
	if fu.NextStep != "" || !fu.NextStepOn.IsZero() {
		v.NextStep = fu.NextStep
		if !fu.NextStepOn.IsZero() {
			v.NextStepDay = fu.NextStepOn.Format("Mon 2 Jan 2006")
			today := now.In(loc)
			v.NextStepDue = fu.NextStepOn.Before(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC))
		}
	}
	on := ""
	if !fu.NextStepOn.IsZero() {
		on = fu.NextStepOn.Format(nextStepLayout)
	}
	amount := ""
	if d.AmountCents > 0 && !d.AmountEstimated {
		amount = amountField(d.AmountCents)
	}
	defaults := map[string]string{"kind": "call", "note": "", "at": "", "next_step": fu.NextStep, "next_step_on": on,
		"amount": amount, "stage": d.Stage, "move_amount": "", "lost_reason": ""}
	for k, def := range defaults {
		v.Values[k] = f.value(k, def)
	}
	if len(f.Errors) > 0 {
		v.Problem = f.Errors[""]
		if v.Problem == "" {
			v.Problem = "Nothing was saved: see the field marked below."
		}
		v.MoveOpen = f.Name == "move"
	}
	return v
}

// deal is the deal page.
func (a *App) deal(w http.ResponseWriter, r *http.Request) {
	id, ok := a.visibleDeal(w, r)
	if !ok {
		return
	}
	a.dealPage(w, r, id, http.StatusOK, dealForm{})
}

// refuse renders the deal page again with f's problems (422): what the
// rep typed stays in its fields.
func (a *App) refuse(w http.ResponseWriter, r *http.Request, id int64, f dealForm) {
	a.dealPage(w, r, id, http.StatusUnprocessableEntity, f)
}

// backToDeal answers a saved form: the deal page again, by GET, so a
// reload does not post twice.
func backToDeal(w http.ResponseWriter, r *http.Request, id int64) {
	http.Redirect(w, r, "/app/deals/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// logActivity logs a call, meeting, email or note on the deal through the
// store's activity path, the rep API's: the deal's first activity is its
// first touch and stops the speed-to-lead clock. The time is the rep's
// (in their time zone), or now when left empty; it may not be still to
// come, nor before the deal opened.
func (a *App) logActivity(w http.ResponseWriter, r *http.Request) {
	id, ok := a.visibleDeal(w, r)
	if !ok {
		return
	}
	f := sentForm(r, "activity", "kind", "note", "at")
	kind := f.Values["kind"]
	if !slices.ContainsFunc(activityKinds, func(k activityKind) bool { return k.Value == kind }) {
		f.Errors["kind"] = "Choose what you did: a call, a meeting, an email or a note."
	}
	note := strings.TrimSpace(f.Values["note"])
	if n := utf8.RuneCountInString(note); n > maxActivityNote {
		f.Errors["note"] = fmt.Sprintf("Keep the note to %d characters; it has %d.", maxActivityNote, n)
	}
	now := a.cfg.NowFunc()
	at := now
	if s := strings.TrimSpace(f.Values["at"]); s != "" {
		loc, err := a.repLocation(r)
		if err != nil {
			a.failed(w, r, "read rep time zone", err)
			return
		}
		t, err := parseMeeting(s, loc)
		switch {
		case err != nil:
			f.Errors["at"] = "Enter when it happened as a date and time, such as 2026-03-04 15:30, or leave it empty for now."
		case t.After(now.Add(futureSlack)):
			f.Errors["at"] = "That time is still to come: log what has happened, or leave the time empty for now."
		default:
			at = t
		}
	}
	if len(f.Errors) == 0 {
		d, err := a.cfg.Backend.Deal(r.Context(), id)
		if err != nil {
			a.failed(w, r, "read deal", err)
			return
		}
		if at.Before(d.CreatedAt.Truncate(time.Minute)) {
			f.Errors["at"] = "The deal opened " + d.CreatedAt.UTC().Format("2 Jan 2006, 15:04 UTC") + ": enter a time after that."
		}
	}
	if len(f.Errors) > 0 {
		a.refuse(w, r, id, f)
		return
	}
	err := a.cfg.Backend.LogActivity(r.Context(), id, sessionOf(r.Context()).Rep.ID, kind, note, at)
	if errors.Is(err, lead.ErrNotFound) {
		a.notFound(w, r)
		return
	}
	if err != nil {
		a.failed(w, r, "log activity", err)
		return
	}
	backToDeal(w, r, id)
}

// setNextStep sets (or, with "clear", clears) the deal's next step and
// its day, under the same owner check as every deal change.
func (a *App) setNextStep(w http.ResponseWriter, r *http.Request) {
	id, ok := a.visibleDeal(w, r)
	if !ok {
		return
	}
	f := sentForm(r, "next_step", "next_step", "next_step_on")
	var ns NextStep
	if r.PostFormValue("clear") == "" {
		ns.Text = strings.TrimSpace(f.Values["next_step"])
		if n := utf8.RuneCountInString(ns.Text); n > maxNextStep {
			f.Errors["next_step"] = fmt.Sprintf("Keep the next step to %d characters; it has %d.", maxNextStep, n)
		}
		if s := strings.TrimSpace(f.Values["next_step_on"]); s != "" {
			on, err := time.Parse(nextStepLayout, s)
			if err != nil || on.Year() < 2000 || on.Year() > 9999 {
				f.Errors["next_step_on"] = "Enter the day as a date, such as 2026-03-04, or leave it empty."
			}
			ns.On = on
		}
		if ns.Text == "" && f.Errors["next_step"] == "" {
			f.Errors["next_step"] = "Say what the next step is, such as \"Send the proposal\"."
		}
	}
	if len(f.Errors) > 0 {
		a.refuse(w, r, id, f)
		return
	}
	a.changeDeal(w, r, id, DealMove{NextStep: &ns}, f)
}

// setAmount sets the deal's amount: a rep's amount replaces routing's
// estimate, judged by the same rules as every amount.
func (a *App) setAmount(w http.ResponseWriter, r *http.Request) {
	id, ok := a.visibleDeal(w, r)
	if !ok {
		return
	}
	f := sentForm(r, "amount", "amount")
	amount, err := parseAmount(f.Values["amount"])
	switch {
	case err != nil:
		f.Errors["amount"] = "Enter the amount as a number, such as 12500 or 12,500.00."
	case amount == nil:
		f.Errors["amount"] = "Enter the amount, such as 12500."
	}
	if len(f.Errors) > 0 {
		a.refuse(w, r, id, f)
		return
	}
	a.changeDeal(w, r, id, DealMove{AmountCents: amount}, f)
}

// moveFromDeal is the deal page's stage move: refused, it keeps the page,
// the form open and what was chosen, with the problem next to its field.
func (a *App) moveFromDeal(w http.ResponseWriter, r *http.Request) {
	id, ok := a.visibleDeal(w, r)
	if !ok {
		return
	}
	f := sentForm(r, "move", "stage", "move_amount", "lost_reason")
	var m DealMove
	if st := strings.TrimSpace(f.Values["stage"]); st != "" {
		m.Stage = &st
	} else {
		f.Errors["stage"] = "Choose a stage."
	}
	amount, err := parseAmount(f.Values["move_amount"])
	if err != nil {
		f.Errors["move_amount"] = "Enter the amount as a number, such as 12500 or 12,500.00."
	}
	m.AmountCents = amount
	if reason := strings.TrimSpace(f.Values["lost_reason"]); reason != "" {
		m.LostReason = &reason
	}
	if len(f.Errors) > 0 {
		a.refuse(w, r, id, f)
		return
	}
	a.changeDeal(w, r, id, m, f)
}

// changeDeal applies m through the backend's rules (the rep API's) for
// the deal page's form f; a refusal is shown next to the field it is
// about, in the rules' words.
func (a *App) changeDeal(w http.ResponseWriter, r *http.Request, id int64, m DealMove, f dealForm) {
	s := sessionOf(r.Context())
	if !s.Rep.Manager {
		m.OwnerRepID = s.Rep.ID
	}
	err := a.cfg.Backend.MoveDeal(r.Context(), id, m, "web:rep:"+strconv.FormatInt(s.Rep.ID, 10), a.cfg.NowFunc())
	var invalid interface{ InvalidField() string }
	switch {
	case errors.As(err, &invalid):
		f.Errors[formField(f.Name, invalid.InvalidField())] = refusalWords(err)
		a.refuse(w, r, id, f)
	case errors.Is(err, lead.ErrNotFound):
		a.notFound(w, r)
	case err != nil:
		a.failed(w, r, "change deal", err)
	default:
		backToDeal(w, r, id)
	}
}

// formField is the field of form a refusal about the change's field
// (the rules' and the store's names) is shown next to; "" is the form.
func formField(form, field string) string {
	switch {
	case field == "lost_reason" && form == "move":
		return "lost_reason"
	case field == "stage" && form == "move":
		return "stage"
	case field == "amount_cents" && form == "move":
		return "move_amount"
	case field == "amount_cents" && form == "amount":
		return "amount"
	case field == "next_step" && form == "next_step":
		return "next_step"
	}
	return ""
}

// refusalWords is a refused change in a rep's words: the rules say it
// themselves (Words); the store's own refusals are named here by field.
func refusalWords(err error) string {
	var words interface{ Words() string }
	if errors.As(err, &words) {
		return words.Words()
	}
	var invalid interface{ InvalidField() string }
	if errors.As(err, &invalid) {
		switch invalid.InvalidField() {
		case "stage":
			return "Choose one of the pipeline's stages."
		case "amount_cents":
			return "That amount is larger than leadflow can keep."
		case "next_step":
			return fmt.Sprintf("Keep the next step to %d characters.", maxNextStep)
		}
	}
	return "The change was refused; check the fields and try again."
}

// amountField writes cents as the amount field shows them, as a rep
// writes an amount: "48,000", "12,500.50" (parseAmount reads it back).
func amountField(cents int64) string {
	whole := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if c := cents % 100; c != 0 {
		fmt.Fprintf(&b, ".%02d", c)
	}
	return b.String()
}
