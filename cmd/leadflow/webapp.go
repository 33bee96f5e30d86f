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

	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/webapp"
	"leadflow/webapp/webstore"
	"leadflow/workers"
)

// dealRules are the configured rules of deal changes, judged for the rep
// API (httpapi/repstore) and the web app (webapp/webstore) alike.
func (a *app) dealRules() pipeline.DealRules {
	r := a.cfg.File.Routing
	return pipeline.DealRules{LostReasons: r.LostReasons, MaxAmountCents: r.MaxAmountCents}
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
		Backend: webstore.Backend{Store: a.store, Rules: a.dealRules(), Now: now,
			StageChanged: func(ctx context.Context, ch lead.StageChange) error {
				err := a.stageChanged(ctx, ch)
				if err != nil {
					logger.Warn("stage email not queued", "deal_id", ch.DealID, "error", err)
				}
				return err
			},
			ScheduleCallback: func(ctx context.Context, dealID int64, at time.Time) error {
				task, err := workers.NewCallbackTask(dealID, at)
				if err != nil {
					return err
				}
				return a.enqueue(ctx, task)
			}},
		LostReasons:   r.LostReasons,
		Routing:       rv,
		QueueAdmin:    asynqmon.New(asynqmon.Options{RootPath: "/app/queues", RedisConnOpt: a.redisOpt}),
		SecureCookies: strings.HasPrefix(a.cfg.PublicURL, "https://"),
		NowFunc:       a.nowFunc,
		Logger:        logger,
	})
}
