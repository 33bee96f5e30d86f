package node

import (
	"context"
	"net/http"
	"strings"

	"github.com/hibiken/asynqmon"

	"leadflow/config"
	"leadflow/httpapi"
	"leadflow/httpapi/repstore"
	"leadflow/privacy"
	"leadflow/webapp"
	"leadflow/webapp/webstore"
	"leadflow/workers"
)

// httpHandler builds the HTTP surface; webhook routes are always mounted,
// health and metrics are what worker and scheduler processes need.
func (n *Node) httpHandler() (http.Handler, error) {
	if len(n.cfg.WebhookSecrets) == 0 {
		n.logger.Warn("no webhook secrets configured: POST /v1/webhooks/generic/* answers 404", "env", config.EnvWebhookSecrets)
	}
	api, err := httpapi.New(httpapi.Config{
		Connectors:        n.registry,
		Store:             n.store,
		EnqueueFunc:       workers.EnqueueEvents(n.client),
		RedisPingFunc:     func(ctx context.Context) error { return n.rdb.Ping(ctx).Err() },
		ReplayCache:       httpapi.NewRedisReplayCache(n.rdb),
		Unsubscriber:      n.unsub,
		Suppressor:        n.store,
		MailSinkFunc:      n.mailSinkFunc(),
		Activities:        n.store,
		StageChangedFunc:  n.followUps().StageChanged,
		ActivityAddedFunc: n.followUps().ActivityAdded,
		Contacts:          n.store,
		Privacy:           privacy.Service{Store: n.store},
		APITokens:         n.cfg.APITokens,
		Reps:              repstore.New(n.store, n.cfg.File.Routing.DealRules()),
		Reports:           n.store,
		ReportTimeZone:    n.cfg.BusinessTimeZone,
		NowFunc:           n.opts.NowFunc,
		CRMWebhookFunc:    n.crmWebhookFunc(),
		PublicURL:         n.cfg.PublicURL,
		Metrics:           n.metrics,
		Logger:            n.logger,

		// Per-source intake limits (LEADFLOW_INTAKE_RATE / _BURST), and
		// per connector across its sources (LEADFLOW_INTAKE_CONNECTOR_*).
		IntakeRate:           n.cfg.IntakeRate,
		IntakeBurst:          n.cfg.IntakeBurst,
		IntakeConnectorRate:  n.cfg.IntakeConnectorRate,
		IntakeConnectorBurst: n.cfg.IntakeConnectorBurst,

		// Memory of webhook bodies in flight, across all connections
		// (LEADFLOW_INTAKE_BODY_BUDGET / _TIMEOUT; httpapi/bodybudget.go).
		BodyBudget:      n.cfg.IntakeBodyBudget,
		BodyReadTimeout: n.cfg.IntakeBodyTimeout,
	})
	if err != nil {
		return nil, err
	}
	// The web app for reps and managers lives under /app/ (package webapp).
	web, err := n.webApp()
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/app/", web)
	mux.Handle("/", api)
	return mux, nil
}

// mailSinkFunc lists the local sink when no Mailgun key is configured.
func (n *Node) mailSinkFunc() func(ctx context.Context, limit int) ([]httpapi.SinkMail, error) {
	if n.cfg.Mail.APIKey != "" {
		return nil
	}
	return func(ctx context.Context, limit int) ([]httpapi.SinkMail, error) {
		mails, err := n.store.SinkMails(ctx, limit)
		out := make([]httpapi.SinkMail, len(mails))
		for i, m := range mails {
			out[i] = httpapi.SinkMail(m)
		}
		return out, err
	}
}

// followUps queues what follows a rep's change to a deal, for the rep API
// and the web app alike.
func (n *Node) followUps() workers.DealFollowUps {
	return workers.DealFollowUps{Enqueuer: n.client, Metrics: n.metrics}
}

// webApp builds the web app served under /app/, with asynqmon as the
// managers' queue admin.
func (n *Node) webApp() (http.Handler, error) {
	r, follow := n.cfg.File.Routing, n.followUps()
	return webapp.New(webapp.Config{
		Backend: webstore.Backend{Store: n.store, Rules: r.DealRules(), Now: n.opts.NowFunc, Logger: n.logger, Scoring: &n.cfg.File.Scoring,
			StageChanged: follow.StageChanged, ScheduleCallback: follow.ScheduleCallback},
		LostReasons:   r.LostReasons,
		Routing:       webstore.RoutingView(r),
		QueueAdmin:    asynqmon.New(asynqmon.Options{RootPath: "/app/queues", RedisConnOpt: n.redisOpt}),
		SecureCookies: strings.HasPrefix(n.cfg.PublicURL, "https://"),
		NowFunc:       n.opts.NowFunc,
		Logger:        n.logger,
	})
}
