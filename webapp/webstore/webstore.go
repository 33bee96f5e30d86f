// Package webstore adapts the store to webapp.Backend, as httpapi/repstore
// does for the rep API. The web app owns its page types and may not import
// the store; the store returns plain rows; this package copies one into
// the other, outside cmd/leadflow, which only wires it. Stage moves are
// judged by repstore.CheckDeal, so the web app and the rep API apply the
// same rules (lost reasons, won amounts, ownership). What follows a move or
// a snooze in the queue (the stage email, the callback reminder) is given
// as functions, so this package needs no queue.
package webstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"leadflow/email"
	"leadflow/httpapi/repstore"
	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/scoring"
	"leadflow/store"
	"leadflow/webapp"
)

// Backend is the web app's view of the store.
type Backend struct {
	// Store is required.
	Store *store.Store
	// Rules judge every stage move (the rep API's rules).
	Rules pipeline.DealRules
	// StageChanged queues the stage email and counts the move, as the
	// rep API's StageChangedFunc does; nil = nothing follows a move.
	StageChanged func(ctx context.Context, ch lead.StageChange) error
	// Logger logs a stage email that could not be queued; nil =
	// slog.Default().
	Logger *slog.Logger
	// ScheduleCallback queues the reminder of a snoozed deal at its time
	// (one already queued is not an error); required for Snooze.
	ScheduleCallback func(ctx context.Context, dealID int64, at time.Time) error
	// Now is the clock of the board's "closed in the last 30 days";
	// nil = time.Now.
	Now func() time.Time
	// Scoring reads what the contact said for the meeting agenda, as the
	// workers' emails do; nil = scoring.DefaultRules().
	Scoring *scoring.Rules
}

// Bounds of what the agenda reads of a contact, as the workers' scoring
// reads (workers.contactInput).
const (
	agendaTexts = 20
	agendaLeads = 20
)

// agenda is the contact's first-meeting agenda for the rep
// (email.AgendaOf): their need and pains, timeline and who decides, as the
// score reads them from their newest form and texts.
func (b Backend) agenda(ctx context.Context, contactID int64) ([]string, error) {
	tp, err := b.Store.LatestTouchpoint(ctx, contactID)
	if err != nil {
		return nil, err
	}
	l, _, err := b.Store.TouchpointLead(ctx, tp)
	if err != nil {
		return nil, err
	}
	in := scoring.Input{Lead: l}
	texts, err := b.Store.ContactTexts(ctx, contactID, agendaTexts)
	if err != nil {
		return nil, err
	}
	for _, t := range texts {
		kind := scoring.TextMessage
		if t.Reply {
			kind = scoring.TextReply
		}
		in.Texts = append(in.Texts, scoring.Text{Body: t.Text, At: t.At, Kind: kind})
	}
	if in.Earlier, err = b.Store.ContactLeads(ctx, contactID, agendaLeads); err != nil {
		return nil, err
	}
	rules := scoring.DefaultRules()
	if b.Scoring != nil {
		rules = *b.Scoring
	}
	now := time.Now
	if b.Now != nil {
		now = b.Now
	}
	st := scoring.Statements(in, rules, now())
	d := email.Data{Need: st.Need.Words, Timeline: st.Timeline.Answer, Authority: lead.AnswerKey(st.Authority.Answer)}
	if d.Need == "" {
		d.Need = st.Need.Answer
	}
	return email.AgendaOf(d, email.AudienceRep), nil
}

var _ webapp.Backend = Backend{}

// RepByToken finds the holder of a rep API token.
func (b Backend) RepByToken(ctx context.Context, token string) (webapp.Rep, error) {
	r, err := b.Store.RepByToken(ctx, token)
	return webapp.Rep{ID: r.ID, Name: r.Name, Manager: r.Role == store.RoleManager, Active: r.Active}, err
}

// CreateSession stores a new session.
func (b Backend) CreateSession(ctx context.Context, id string, repID int64, csrf string, now, expires time.Time) error {
	return b.Store.CreateWebSession(ctx, id, repID, csrf, now, expires)
}

// Session finds an unexpired session by its id.
func (b Backend) Session(ctx context.Context, id string, now time.Time) (webapp.Session, error) {
	s, err := b.Store.WebSessionByID(ctx, id, now)
	return webapp.Session{Rep: webapp.Rep{ID: s.RepID, Name: s.RepName, Manager: s.Role == store.RoleManager, Active: s.Active},
		CSRFToken: s.CSRFToken, ExpiresAt: s.ExpiresAt}, err
}

// DeleteSession ends a session.
func (b Backend) DeleteSession(ctx context.Context, id string) error {
	return b.Store.DeleteWebSession(ctx, id)
}

// Inbox lists the rep's open deals, narrowed by the search.
func (b Backend) Inbox(ctx context.Context, repID int64, q webapp.Search) ([]webapp.InboxItem, error) {
	rows, err := b.Store.InboxDeals(ctx, repID, store.DealSearch(q), 50)
	return inboxItems(rows), err
}

// TeamAttention lists the team's unassigned and SLA-breaching deals.
func (b Backend) TeamAttention(ctx context.Context, now time.Time, q webapp.Search) ([]webapp.InboxItem, error) {
	rows, err := b.Store.TeamAttention(ctx, now, store.DealSearch(q), 50)
	return inboxItems(rows), err
}

func inboxItems(rows []store.InboxRow) []webapp.InboxItem {
	out := make([]webapp.InboxItem, len(rows))
	for i, r := range rows {
		out[i] = webapp.InboxItem(r)
	}
	return out
}

// Board reads a pipeline board, with deals closed in the last 30 days.
func (b Backend) Board(ctx context.Context, q webapp.BoardQuery) (webapp.Board, error) {
	now := time.Now
	if b.Now != nil {
		now = b.Now
	}
	t := now()
	bd, err := b.Store.PipelineBoard(ctx, store.BoardFilter{OwnerRepID: q.OwnerRepID, Pipeline: q.Pipeline, PerStage: 25,
		ClosedSince: t.AddDate(0, 0, -30), Now: t, Search: store.DealSearch(q.Search)})
	out := webapp.Board{Pipeline: bd.Pipeline, Stages: make([]webapp.BoardStage, len(bd.Stages))}
	for i, st := range bd.Stages {
		out.Stages[i] = webapp.BoardStage{Name: st.Name, Kind: st.Kind, WinProbability: st.WinProbability, Count: st.Count,
			ExpectedCents: st.ExpectedCents, Deals: cards(st.Deals)}
		for _, v := range st.Values {
			out.Stages[i].Values = append(out.Stages[i].Values, webapp.CurrencyValue(v))
		}
	}
	return out, err
}

func cards(rows []store.BoardDeal) []webapp.Card {
	out := make([]webapp.Card, len(rows))
	for i, d := range rows {
		out[i] = webapp.Card{Deal: webapp.Deal(d.DealRow), Company: d.Company, Score: d.Score, Band: d.Band, Rotting: d.Rotting,
			NextStep: d.NextStep, NextStepOn: d.NextStepOn}
	}
	return out
}

// PipelineValues is the open deals' value per pipeline, stage and owner.
func (b Backend) PipelineValues(ctx context.Context) ([]webapp.PipelineValueRow, error) {
	rows, err := b.Store.PipelineValues(ctx)
	out := make([]webapp.PipelineValueRow, len(rows))
	for i, r := range rows {
		out[i] = webapp.PipelineValueRow(r)
	}
	return out, err
}

// Pipelines lists the pipelines, the default first.
func (b Backend) Pipelines(ctx context.Context) ([]string, error) { return b.Store.PipelineNames(ctx) }

// Stages lists a pipeline's stages in order.
func (b Backend) Stages(ctx context.Context, pipeline string) ([]webapp.Stage, error) {
	rows, err := b.Store.PipelineStages(ctx, pipeline)
	out := make([]webapp.Stage, len(rows))
	for i, s := range rows {
		out[i] = webapp.Stage(s)
	}
	return out, err
}

// Reps lists every rep for the manager's filter.
func (b Backend) Reps(ctx context.Context) ([]webapp.RepOption, error) {
	reps, err := b.Store.RepAccounts(ctx)
	out := make([]webapp.RepOption, 0, len(reps))
	for _, r := range reps {
		out = append(out, webapp.RepOption{ID: r.ID, Name: r.Name})
	}
	return out, err
}

// DealOwner is a deal's owner (0 = none).
func (b Backend) DealOwner(ctx context.Context, dealID int64) (int64, error) {
	return b.Store.DealOwner(ctx, dealID)
}

// Deal reads one deal.
func (b Backend) Deal(ctx context.Context, dealID int64) (webapp.Deal, error) {
	d, err := b.Store.DealDetail(ctx, dealID)
	return webapp.Deal(d.Deal), err
}

// RepOwnsContact reports whether the rep owns a deal of the contact.
func (b Backend) RepOwnsContact(ctx context.Context, repID, contactID int64) (bool, error) {
	return b.Store.RepOwnsContact(ctx, repID, contactID)
}

// Contact gathers the contact page: profile, score with its reasons (the
// stored breakdown, as `leadflow explain` reads it) and their BANT
// dimensions (scoring's), history, emails and the lead's trail.
func (b Backend) Contact(ctx context.Context, contactID int64) (webapp.Contact, error) {
	cd, err := b.Store.ContactDetail(ctx, contactID)
	if err != nil {
		return webapp.Contact{}, err
	}
	c := webapp.Contact{ID: cd.ID, Ref: cd.Ref, Name: strings.TrimSpace(cd.FirstName + " " + cd.LastName), Company: cd.Company,
		Title: cd.Title, Country: cd.Country, CreatedAt: cd.CreatedAt}
	for _, id := range cd.Identities {
		c.Identities = append(c.Identities, id.Kind+": "+id.Value)
	}
	for _, t := range cd.Touchpoints {
		c.Touchpoints = append(c.Touchpoints, webapp.Touchpoint{Source: t.Source, Channel: t.Channel, UTMSource: t.UTMSource,
			UTMMedium: t.UTMMedium, UTMCampaign: t.UTMCampaign, Message: t.Message, OccurredAt: t.OccurredAt})
	}
	scores, err := b.Store.ContactScores(ctx, contactID, 30)
	if err != nil {
		return c, err
	}
	if len(cd.Touchpoints) > 0 {
		if c.Agenda, err = b.agenda(ctx, contactID); err != nil {
			return c, fmt.Errorf("build the meeting agenda of contact %d: %w", contactID, err)
		}
	}
	for i, sc := range scores {
		ws := webapp.Score{Total: sc.Total, Band: sc.Band, ModelVersion: sc.ModelVersion, ComputedAt: sc.ComputedAt}
		if i == 0 {
			var res scoring.Result
			if err := json.Unmarshal(sc.Breakdown, &res); err != nil {
				return c, fmt.Errorf("decode the score breakdown of contact %d: %w", contactID, err)
			}
			for _, k := range res.Contributions {
				// The page shows the points in a column of their own: the
				// reason without them, so "+5" is not read twice.
				ws.Contributions = append(ws.Contributions, webapp.Contribution{Rule: k.Rule, Group: k.Group, Points: k.Points, Reason: k.Why()})
				if dim := k.BANT(); dim != scoring.BANTNone {
					c.BANT = append(c.BANT, webapp.Contribution{Rule: bantLabel(dim, k.Why()), Group: k.Group, Points: k.Points, Reason: k.Why()})
				}
			}
			c.Score = &ws
		}
		c.History = append(c.History, ws)
	}
	emails, err := b.Store.ContactEmails(ctx, contactID)
	if err != nil {
		return c, err
	}
	for _, e := range emails {
		we := webapp.Email{Template: email.TemplateTitle(e.Template), Subject: e.Subject, Status: e.Status, CreatedAt: e.CreatedAt, SentAt: e.SentAt}
		for _, ev := range e.Events {
			we.Events = append(we.Events, webapp.EmailEvent(ev))
		}
		c.Emails = append(c.Emails, we)
	}
	dealRows, err := b.Store.ContactDeals(ctx, contactID)
	if err != nil {
		return c, err
	}
	c.Deals = deals(dealRows)
	trail, err := b.Store.LeadTrail(ctx, contactID)
	if err != nil {
		return c, err
	}
	for _, s := range trail {
		c.Trail = append(c.Trail, trailWords(webapp.TrailStep(s)))
	}
	return c, nil
}

// bantLabel is the BANT list's label of a reason on dimension dim:
// "Budget", or "" when the reason already says it ("budget of $50k or
// more", "urgent need"), so the list does not read "Need: urgent need".
func bantLabel(dim scoring.BANTDimension, reason string) string {
	label := string(dim)
	if label == "" || strings.Contains(strings.ToLower(reason), strings.ToLower(label)) {
		return ""
	}
	return strings.ToUpper(label[:1]) + label[1:]
}

// Trail details as the store writes them, with the identifiers a rep
// does not read: event and deal ids, the scoring model's version, who
// moved a stage as a system name.
var (
	trailEventRe   = regexp.MustCompile(`^.* / (.+) \(event \d+\)$`)
	trailStatusRe  = regexp.MustCompile(`^event \d+ (.*)$`)
	trailDedupeRe  = regexp.MustCompile(`^(\S+) \((\S+)\)$`)
	trailDealRe    = regexp.MustCompile(`^deal \d+(?:, | |$)`)
	trailVersionRe = regexp.MustCompile(` \([^()]*\)$`)
	trailByRe      = regexp.MustCompile(` by (\S+)$`)
)

// trailWords says a trail step's detail in a rep's words where the store
// writes an identifier (the step names stay the store's): the source a
// webhook came from without its connector and event id, an email by its
// title instead of its template name, a score without the scoring model's
// version, a deal's step without the deal's id (the page is about the
// contact's deals already), a stage move without a system's name for who
// made it.
func trailWords(s webapp.TrailStep) webapp.TrailStep {
	d := s.Detail
	switch {
	case s.Step == "webhook received":
		d = trailEventRe.ReplaceAllString(d, "from $1")
	case s.Step == "event processed":
		d = trailStatusRe.ReplaceAllString(d, "$1")
		if d == "processed" {
			d = ""
		}
	case s.Step == "dedupe":
		d = trailDedupeRe.ReplaceAllString(d, "$1 by $2")
	case s.Step == "email sent":
		d = email.TemplateTitle(d)
	case s.Step == "scored":
		d = trailVersionRe.ReplaceAllString(d, "")
	case s.Step == "stage":
		d = strings.TrimPrefix(d, "— → ")
		if m := trailByRe.FindStringSubmatch(d); m != nil {
			d = strings.TrimSuffix(d, m[0]) + movedBy(m[1])
		}
	case s.Step == "deal opened", s.Step == "first touch", strings.HasSuffix(s.Step, " logged"):
		d = trailDealRe.ReplaceAllString(d, "")
	}
	s.Detail = d
	return s
}

// movedBy says who moved a deal's stage from the store's changed_by:
// "router" (routing opened it), "web:rep:3" or "api:rep:3" (a rep),
// "crm:hubspot" (the CRM).
func movedBy(by string) string {
	switch {
	case by == "router":
		return " by routing"
	case strings.Contains(by, ":rep:"):
		return " by the rep"
	case strings.HasPrefix(by, "crm:"):
		return " in the CRM"
	}
	return ""
}

// MoveDeal applies the change under the rep API's rules and then what the
// API does after a move: count it and queue the stage's email.
func (b Backend) MoveDeal(ctx context.Context, dealID int64, m webapp.DealMove, by string, now time.Time) error {
	ch, changed, err := b.Store.UpdateDeal(ctx, dealID, store.DealUpdate{Stage: m.Stage, AmountCents: m.AmountCents,
		LostReason: m.LostReason, MeetingAt: m.MeetingAt, NextStep: (*store.NextStep)(m.NextStep), OwnerRepID: m.OwnerRepID, CheckFunc: repstore.CheckDeal(b.Rules)}, by, now)
	if err != nil || !changed || b.StageChanged == nil {
		return err
	}
	// The move is committed: an email that could not be queued is logged,
	// not reported as a failed move.
	if err := b.StageChanged(ctx, ch); err != nil {
		logger := b.Logger
		if logger == nil {
			logger = slog.Default()
		}
		logger.Warn("stage email not queued", "deal_id", ch.DealID, "error", err)
	}
	return nil
}

// DealMeeting is the meeting time of d when it is its contact's open deal
// in its pipeline (the store keeps one), zero otherwise.
func (b Backend) DealMeeting(ctx context.Context, d webapp.Deal) (time.Time, error) {
	if d.ClosedAt != nil {
		return time.Time{}, nil
	}
	open, err := b.Store.OpenDeal(ctx, d.ContactID, d.Pipeline)
	if errors.Is(err, lead.ErrNotFound) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("read the meeting of deal %d: %w", d.ID, err)
	}
	if open.ID != d.ID {
		return time.Time{}, nil
	}
	return open.MeetingAt, nil
}

// RepTimeZone is the rep's configured time zone (the store keeps "UTC"
// for none).
func (b Backend) RepTimeZone(ctx context.Context, repID int64) (string, error) {
	return b.Store.RepTimeZone(ctx, repID)
}

// DealFollowUp is the deal's next step, speed-to-lead clock and activities.
func (b Backend) DealFollowUp(ctx context.Context, dealID int64) (webapp.FollowUp, error) {
	fu, err := b.Store.DealFollowUp(ctx, dealID)
	out := webapp.FollowUp{NextStep: fu.NextStep, NextStepOn: fu.NextStepOn, FirstContactedAt: fu.FirstContactedAt, SLADueAt: fu.SLADueAt}
	for _, a := range fu.Activities {
		out.Activities = append(out.Activities, webapp.Activity{Kind: a.Kind, Note: a.Note, RepID: a.RepID, OccurredAt: a.OccurredAt})
	}
	return out, err
}

// sqlForeignKeyViolation is PostgreSQL's foreign_key_violation: the deal
// went away between the page's visibility check and the insert.
const sqlForeignKeyViolation = "23503"

// LogActivity records the activity through the store's one activity path,
// the rep API's (store.AddActivity): the deal's first is its first touch.
func (b Backend) LogActivity(ctx context.Context, dealID, repID int64, kind, note string, at time.Time) error {
	_, err := b.Store.AddActivity(ctx, dealID, repID, kind, note, at)
	var coded interface{ SQLState() string }
	if errors.As(err, &coded) && coded.SQLState() == sqlForeignKeyViolation {
		return fmt.Errorf("log activity on deal %d: %w", dealID, lead.ErrNotFound)
	}
	return err
}

// Callbacks lists parked deals, the soonest reminder first.
func (b Backend) Callbacks(ctx context.Context, ownerRepID int64) ([]webapp.Callback, error) {
	rows, err := b.Store.CallbackDeals(ctx, ownerRepID, 200)
	out := make([]webapp.Callback, len(rows))
	for i, r := range rows {
		out[i] = webapp.Callback(r)
	}
	return out, err
}

// Reactivate puts a parked deal back on the board.
func (b Backend) Reactivate(ctx context.Context, dealID int64, now time.Time) error {
	return b.Store.ReactivateDeal(ctx, dealID, now)
}

// Snooze moves the reminder and schedules it; the one it replaces finds the
// callback time moved and does nothing.
func (b Backend) Snooze(ctx context.Context, dealID int64, until, now time.Time) error {
	if err := b.Store.Snooze(ctx, dealID, until, now); err != nil {
		return err
	}
	if b.ScheduleCallback == nil {
		return fmt.Errorf("snooze deal %d: no callback scheduler configured", dealID)
	}
	return b.ScheduleCallback(ctx, dealID, until)
}

// Leaderboard is the reps' results over [from, to).
func (b Backend) Leaderboard(ctx context.Context, from, to time.Time) ([]webapp.LeaderRow, error) {
	rows, err := b.Store.RepLeaderboard(ctx, from, to)
	// The report has a row per rep and currency won in (each with the
	// rep's totals); the page has one row per rep, its won amount per
	// currency, never added across currencies.
	var out []webapp.LeaderRow
	at := map[int64]int{}
	for _, r := range rows {
		i, seen := at[r.RepID]
		if !seen {
			i = len(out)
			at[r.RepID] = i
			out = append(out, webapp.LeaderRow{RepID: r.RepID, Name: r.Name, Assigned: r.Assigned, MedianFirstTouchMinutes: r.MedianFirstTouchMinutes,
				Won: r.Won, SLABreaches: r.SLABreaches})
		}
		// reporting.RepRows gives one row per rep and currency already.
		if r.WonRevenueCents != 0 {
			out[i].WonRevenue = append(out[i].WonRevenue, webapp.CurrencyValue{Currency: r.Currency, ExpectedCents: r.WonRevenueCents})
		}
	}
	return out, err
}

// deals converts the store's deal rows to the web app's.
func deals(rows []store.DealRow) []webapp.Deal {
	out := make([]webapp.Deal, len(rows))
	for i, d := range rows {
		out[i] = webapp.Deal(d)
	}
	return out
}
