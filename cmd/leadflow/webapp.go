package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/hibiken/asynqmon"

	"leadflow/httpapi"
	"leadflow/lead"
	"leadflow/scoring"
	"leadflow/store"
	"leadflow/webapp"
	"leadflow/workers"
)

// webBackend adapts the store to webapp.Backend, as repAPI does for the rep
// API: stage moves go through repAPI.UpdateDeal, so the web app and the API
// apply the same rules (lost reasons, won amounts, ownership).
type webBackend struct {
	st  *store.Store
	api repAPI
	// stageChanged queues the stage email and counts the move, as the
	// rep API's StageChangedFunc does.
	stageChanged func(ctx context.Context, ch lead.StageChange) error
	// now is the clock of the board's "closed in the last 30 days".
	now func() time.Time
	// enqueue puts a task in the queue (a task already there is not an
	// error).
	enqueue func(ctx context.Context, t *asynq.Task) error
}

var _ webapp.Backend = webBackend{}

func (b webBackend) RepByToken(ctx context.Context, token string) (webapp.Rep, error) {
	r, err := b.st.RepByToken(ctx, token)
	return webapp.Rep{ID: r.ID, Name: r.Name, Manager: r.Role == store.RoleManager, Active: r.Active}, err
}

func (b webBackend) CreateSession(ctx context.Context, id string, repID int64, csrf string, now, expires time.Time) error {
	return b.st.CreateWebSession(ctx, id, repID, csrf, now, expires)
}

func (b webBackend) Session(ctx context.Context, id string, now time.Time) (webapp.Session, error) {
	s, err := b.st.WebSessionByID(ctx, id, now)
	return webapp.Session{Rep: webapp.Rep{ID: s.RepID, Name: s.RepName, Manager: s.Role == store.RoleManager, Active: s.Active},
		CSRFToken: s.CSRFToken, ExpiresAt: s.ExpiresAt}, err
}

func (b webBackend) DeleteSession(ctx context.Context, id string) error {
	return b.st.DeleteWebSession(ctx, id)
}

func (b webBackend) Inbox(ctx context.Context, repID int64) ([]webapp.InboxItem, error) {
	rows, err := b.st.InboxDeals(ctx, repID, 50)
	out := make([]webapp.InboxItem, len(rows))
	for i, r := range rows {
		out[i] = webapp.InboxItem(r)
	}
	return out, err
}

func (b webBackend) Board(ctx context.Context, q webapp.BoardQuery) (webapp.Board, error) {
	bd, err := b.st.PipelineBoard(ctx, store.BoardFilter{OwnerRepID: q.OwnerRepID, Pipeline: q.Pipeline, PerStage: 25,
		ClosedSince: b.now().AddDate(0, 0, -30)})
	out := webapp.Board{Pipeline: bd.Pipeline, Stages: make([]webapp.BoardStage, len(bd.Stages))}
	for i, st := range bd.Stages {
		out.Stages[i] = webapp.BoardStage{Name: st.Name, Kind: st.Kind, WinProbability: st.WinProbability, Count: st.Count,
			ExpectedCents: st.ExpectedCents, Deals: webDeals(st.Deals)}
	}
	return out, err
}

func webDeals(rows []store.DealRow) []webapp.Deal {
	out := make([]webapp.Deal, len(rows))
	for i, d := range rows {
		out[i] = webapp.Deal(d)
	}
	return out
}

func (b webBackend) Pipelines(ctx context.Context) ([]string, error) { return b.st.PipelineNames(ctx) }

func (b webBackend) Stages(ctx context.Context, pipeline string) ([]webapp.Stage, error) {
	rows, err := b.st.PipelineStages(ctx, pipeline)
	out := make([]webapp.Stage, len(rows))
	for i, s := range rows {
		out[i] = webapp.Stage(s)
	}
	return out, err
}

func (b webBackend) Reps(ctx context.Context) ([]webapp.RepOption, error) {
	reps, err := b.st.RepAccounts(ctx)
	out := make([]webapp.RepOption, 0, len(reps))
	for _, r := range reps {
		out = append(out, webapp.RepOption{ID: r.ID, Name: r.Name})
	}
	return out, err
}

func (b webBackend) DealOwner(ctx context.Context, dealID int64) (int64, error) {
	return b.st.DealOwner(ctx, dealID)
}

func (b webBackend) Deal(ctx context.Context, dealID int64) (webapp.Deal, error) {
	d, err := b.st.DealDetail(ctx, dealID)
	return webapp.Deal(d.Deal), err
}

func (b webBackend) RepOwnsContact(ctx context.Context, repID, contactID int64) (bool, error) {
	return b.st.RepOwnsContact(ctx, repID, contactID)
}

// Contact gathers the contact page: profile, score with its reasons (the
// stored breakdown, as `leadflow explain` reads it), history, emails and
// the lead's trail.
func (b webBackend) Contact(ctx context.Context, contactID int64) (webapp.Contact, error) {
	cd, err := b.st.ContactDetail(ctx, contactID)
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
	scores, err := b.st.ContactScores(ctx, contactID, 30)
	if err != nil {
		return c, err
	}
	for i, sc := range scores {
		ws := webapp.Score{Total: sc.Total, Band: sc.Band, ModelVersion: sc.ModelVersion, ComputedAt: sc.ComputedAt}
		if i == 0 {
			var res scoring.Result
			if err := json.Unmarshal(sc.Breakdown, &res); err != nil {
				return c, fmt.Errorf("decode the score breakdown of contact %d: %w", contactID, err)
			}
			for _, k := range res.Contributions {
				ws.Contributions = append(ws.Contributions, webapp.Contribution(k))
				if cat := bantCategory(k); cat != "" {
					c.BANT = append(c.BANT, webapp.Contribution{Rule: cat, Group: k.Group, Points: k.Points, Reason: k.Reason})
				}
			}
			c.Score = &ws
		}
		c.History = append(c.History, ws)
	}
	emails, err := b.st.ContactEmails(ctx, contactID)
	if err != nil {
		return c, err
	}
	for _, e := range emails {
		we := webapp.Email{Template: e.Template, Subject: e.Subject, Status: e.Status, CreatedAt: e.CreatedAt, SentAt: e.SentAt}
		for _, ev := range e.Events {
			we.Events = append(we.Events, webapp.EmailEvent(ev))
		}
		c.Emails = append(c.Emails, we)
	}
	trail, err := b.st.LeadTrail(ctx, contactID)
	if err != nil {
		return c, err
	}
	for _, s := range trail {
		c.Trail = append(c.Trail, webapp.TrailStep(s))
	}
	return c, nil
}

// bantCategory names the BANT part a fit contribution speaks to, from the
// words the default rules and the text extractor use; "" for others.
func bantCategory(k scoring.Contribution) string {
	if k.Group != scoring.GroupFit {
		return ""
	}
	s := strings.ToLower(k.Rule + " " + k.Reason)
	switch {
	case strings.Contains(s, "budget"):
		return "Budget"
	case strings.Contains(s, "authority") || strings.Contains(s, "decision maker") || strings.Contains(s, "influencer"):
		return "Authority"
	case strings.Contains(s, "timeline") || strings.Contains(s, "researching"):
		return "Timeline"
	case strings.Contains(s, "need") || strings.Contains(s, "exploring"):
		return "Need"
	}
	return ""
}

// MoveDeal reuses repAPI.UpdateDeal (the rep API's rules) and then what the
// API does after a move: count it and queue the stage's email.
func (b webBackend) MoveDeal(ctx context.Context, dealID int64, m webapp.DealMove, by string, now time.Time) error {
	ch, changed, err := b.api.UpdateDeal(ctx, dealID, httpapi.DealChange(m), by, now)
	if err != nil || !changed || b.stageChanged == nil {
		return err
	}
	// The move is committed: an email that could not be queued is logged
	// by stageChanged, not reported as a failed move.
	_ = b.stageChanged(ctx, ch)
	return nil
}

func (b webBackend) Callbacks(ctx context.Context, ownerRepID int64) ([]webapp.Callback, error) {
	rows, err := b.st.CallbackDeals(ctx, ownerRepID, 200)
	out := make([]webapp.Callback, len(rows))
	for i, r := range rows {
		out[i] = webapp.Callback(r)
	}
	return out, err
}

func (b webBackend) Reactivate(ctx context.Context, dealID int64, now time.Time) error {
	return b.st.ReactivateDeal(ctx, dealID, now)
}

// Snooze moves the reminder and schedules it; the one it replaces finds the
// callback time moved and does nothing.
func (b webBackend) Snooze(ctx context.Context, dealID int64, until, now time.Time) error {
	if err := b.st.Snooze(ctx, dealID, until, now); err != nil {
		return err
	}
	task, err := workers.NewCallbackTask(dealID, until)
	if err != nil {
		return err
	}
	return b.enqueue(ctx, task)
}

func (b webBackend) Leaderboard(ctx context.Context, from, to time.Time) ([]webapp.LeaderRow, error) {
	rows, err := b.st.RepLeaderboard(ctx, from, to)
	out := make([]webapp.LeaderRow, len(rows))
	for i, r := range rows {
		out[i] = webapp.LeaderRow(r)
	}
	return out, err
}

// stageChanged is what follows a committed stage move: the metric and the
// stage's email task (a task already queued is not an error).
func (a *app) stageChanged(ctx context.Context, ch lead.StageChange) error {
	a.metrics.DealMoved(ch.Pipeline, ch.To, ch.Closed, ch.Won, ch.AmountCents)
	task, err := workers.NewStageEmailTask(ch)
	if err != nil {
		return err
	}
	return a.enqueue(ctx, task)
}

// activityAdded queues the proposal follow-up when the activity is a
// proposal.
func (a *app) activityAdded(ctx context.Context, dealID, activityID int64, kind string, at time.Time) error {
	if kind != lead.ActivityProposal {
		return nil
	}
	task, err := workers.NewProposalEmailTask(dealID, activityID, at)
	if err != nil {
		return err
	}
	return a.enqueue(ctx, task)
}

// enqueue puts a task in the queue; a task with the same id already there
// means it is queued.
func (a *app) enqueue(ctx context.Context, task *asynq.Task) error {
	if _, err := a.client.EnqueueContext(ctx, task); err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
		return err
	}
	return nil
}

// webApp builds the web app served under /app/, with asynqmon as the
// managers' queue admin.
func (a *app) webApp() (http.Handler, error) {
	r := a.cfg.File.Routing
	rv := webapp.RoutingView{Pipeline: r.Pipeline, HotStage: r.HotStage, SLA: r.SLA, CallbackAfter: r.CallbackAfter,
		FallbackTeam: r.FallbackTeam, RoundRobinWithoutTeam: len(r.Teams) == 0}
	for _, rule := range r.Rules {
		when, _ := json.Marshal(rule.When)
		rv.Rules = append(rv.Rules, webapp.RoutingRuleView{Name: rule.Name, When: string(when), Team: rule.Team})
	}
	for _, t := range r.Teams {
		members := make([]string, len(t.Members))
		for i, m := range t.Members {
			members[i] = fmt.Sprintf("%s ×%g", m.Email, max(m.Weight, 1))
		}
		rv.Teams = append(rv.Teams, t.Name+": "+strings.Join(members, ", "))
	}
	logger := a.logger
	now := a.nowFunc
	if now == nil {
		now = time.Now
	}
	return webapp.New(webapp.Config{
		Backend: webBackend{st: a.store, api: repAPI{st: a.store, rules: a.dealRules()}, now: now, enqueue: a.enqueue,
			stageChanged: func(ctx context.Context, ch lead.StageChange) error {
				err := a.stageChanged(ctx, ch)
				if err != nil {
					logger.Warn("stage email not queued", "deal_id", ch.DealID, "error", err)
				}
				return err
			}},
		LostReasons:   r.LostReasons,
		Routing:       rv,
		QueueAdmin:    asynqmon.New(asynqmon.Options{RootPath: "/app/queues", RedisConnOpt: a.redisOpt}),
		SecureCookies: strings.HasPrefix(a.cfg.PublicURL, "https://"),
		NowFunc:       a.nowFunc,
		Logger:        logger,
	})
}
