package main

import (
	"net/http"
	"strings"

	"github.com/hibiken/asynqmon"

	"leadflow/webapp"
	"leadflow/webapp/webstore"
	"leadflow/workers"
)

// followUps queues what follows a rep's change to a deal, for the rep API
// (app.go) and the web app alike.
func (a *app) followUps() workers.DealFollowUps {
	return workers.DealFollowUps{Enqueuer: a.client, Metrics: a.metrics}
}

// webApp builds the web app served under /app/, with asynqmon as the
// managers' queue admin.
func (a *app) webApp() (http.Handler, error) {
	r, follow := a.cfg.File.Routing, a.followUps()
	return webapp.New(webapp.Config{
		Backend: webstore.Backend{Store: a.store, Rules: r.DealRules(), Now: a.nowFunc, Logger: a.logger,
			StageChanged: follow.StageChanged, ScheduleCallback: follow.ScheduleCallback},
		LostReasons:   r.LostReasons,
		Routing:       webstore.RoutingView(r),
		QueueAdmin:    asynqmon.New(asynqmon.Options{RootPath: "/app/queues", RedisConnOpt: a.redisOpt}),
		SecureCookies: strings.HasPrefix(a.cfg.PublicURL, "https://"),
		NowFunc:       a.nowFunc,
		Logger:        a.logger,
	})
}
