package main

import (
	"context"
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

// The deal rules and the follow-ups of a rep's change to a deal, shared by
// the rep API (app.go) and the web app.
func (a *app) dealRules() pipeline.DealRules { return a.cfg.File.Routing.DealRules() }
func (a *app) followUps() workers.DealFollowUps {
	return workers.DealFollowUps{Enqueuer: a.client, Metrics: a.metrics}
}
func (a *app) stageChanged(ctx context.Context, ch lead.StageChange) error {
	return a.followUps().StageChanged(ctx, ch)
}
func (a *app) activityAdded(ctx context.Context, dealID, activityID int64, kind string, at time.Time) error {
	return a.followUps().ActivityAdded(ctx, dealID, activityID, kind, at)
}
func (a *app) enqueue(ctx context.Context, task *asynq.Task) error {
	return workers.Enqueue(ctx, a.client, task)
}

// webApp builds the web app served under /app/, with asynqmon as the
// managers' queue admin.
func (a *app) webApp() (http.Handler, error) {
	r, follow := a.cfg.File.Routing, a.followUps()
	return webapp.New(webapp.Config{
		Backend: webstore.Backend{Store: a.store, Rules: a.dealRules(), Now: a.nowFunc, Logger: a.logger,
			StageChanged: follow.StageChanged, ScheduleCallback: follow.ScheduleCallback},
		LostReasons:   r.LostReasons,
		Routing:       webstore.RoutingView(r),
		QueueAdmin:    asynqmon.New(asynqmon.Options{RootPath: "/app/queues", RedisConnOpt: a.redisOpt}),
		SecureCookies: strings.HasPrefix(a.cfg.PublicURL, "https://"),
		NowFunc:       a.nowFunc,
		Logger:        a.logger,
	})
}
