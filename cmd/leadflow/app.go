package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/email"
	"leadflow/httpapi"
	"leadflow/httpapi/repstore"
	"leadflow/internal/configsync"
	"leadflow/internal/preflight"
	"leadflow/internal/slogadapt"
	"leadflow/metrics"
	"leadflow/privacy"
	"leadflow/scoring/training"
	"leadflow/store"
	"leadflow/workers"
)

// app holds what every role shares: configuration, connections, metrics.
type app struct {
	cfg     config.Config
	logger  *slog.Logger
	metrics *metrics.Metrics
	pool    *pgxpool.Pool
	// derived commits asynchronously: see store.WithDerivedPool.
	derived  *pgxpool.Pool
	store    *store.Store
	redisOpt asynq.RedisConnOpt
	client   *asynq.Client
	inspect  *asynq.Inspector
	rdb      redis.UniversalClient
	registry *connectors.Registry
	// relay overrides the relay's timing; zero values take its defaults
	// (tests shorten them).
	relay workers.RelayConfig
	// unsub signs and verifies unsubscribe links (shared by the HTTP and
	// worker roles of one process).
	unsub *email.Unsubscriber
	// nowFunc is the intake clock (signature freshness); nil = time.Now.
	// Tests set it to replay recorded provider requests.
	nowFunc func() time.Time
}

// loadConfig reads the configuration from the process environment.
func loadConfig() (config.Config, error) {
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		return cfg, fmt.Errorf("invalid configuration:\n  %s", strings.ReplaceAll(err.Error(), "\n", "\n  "))
	}
	return cfg, nil
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	return slogadapt.NewLogger(w, cfg.LogLevel, cfg.LogFormat)
}

// newApp connects to PostgreSQL and Redis lazily: neither needs to be up for
// the process to start, so roles survive a dependency restart.
func newApp(ctx context.Context, cfg config.Config, stderr io.Writer) (_ *app, err error) {
	a := &app{cfg: cfg, logger: newLogger(cfg, stderr), metrics: metrics.New()}
	defer func() {
		if err != nil {
			a.close()
		}
	}()
	a.metrics.SetBuildInfo(version, runtime.Version())
	// go-redis logs reconnect attempts with the standard logger; route them
	// through slog so they are structured and levelled like the rest.
	slogadapt.SetRedisLogger(a.logger)
	if a.pool, err = store.Open(ctx, cfg.DatabaseURL); err != nil {
		return nil, err
	}
	if err = preflight.Postgres(ctx, a.pool, cfg.DatabaseURL); err != nil {
		return nil, err
	}
	if a.derived, err = store.OpenDerived(ctx, cfg.DatabaseURL); err != nil {
		return nil, err
	}
	a.store = store.New(a.pool).WithDerivedPool(a.derived)
	a.metrics.WatchRelayBacklog(a.store.RelayBacklog)

	if a.redisOpt, err = redisConnOpt(cfg.RedisURL, time.Second, 2*time.Second); err != nil {
		return nil, err
	}
	a.client = asynq.NewClient(a.redisOpt)
	a.rdb = a.redisOpt.MakeRedisClient().(redis.UniversalClient)
	preflight.Redis(ctx, a.rdb, cfg.RedisURL, a.logger)

	if a.registry, err = cfg.ConnectorRegistry(); err != nil {
		return nil, err
	}
	a.metrics.Init(a.registry.Names(), workers.TaskTypes())
	if a.unsub, err = workers.NewUnsubscriber(ctx, cfg, a.store); err != nil {
		return nil, err
	}
	a.inspect = asynq.NewInspector(a.redisOpt)
	a.metrics.Registerer().MustRegister(metrics.NewQueueCollector(a.inspect, a.logger))
	return a, nil
}

func (a *app) close() {
	if a.inspect != nil {
		_ = a.inspect.Close()
	}
	if a.client != nil {
		_ = a.client.Close()
	}
	if a.rdb != nil {
		_ = a.rdb.Close()
	}
	if a.pool != nil {
		a.pool.Close()
	}
	if a.derived != nil {
		a.derived.Close()
	}
}

// routing builds the workers' routing settings; team rules apply only when
// teams are configured.
func (a *app) routing() workers.Routing {
	r := a.cfg.File.Routing
	return workers.Routing{Pipeline: r.Pipeline, HotStage: r.HotStage, NurtureProgram: r.NurtureProgram, SLA: r.SLA,
		CallbackAfter: r.CallbackAfter, TeamPipelines: r.TeamPipelines(), Rules: r.TeamRules()}
}

// mailSinkFunc lists the local sink when no Mailgun key is configured.
func (a *app) mailSinkFunc() func(ctx context.Context, limit int) ([]httpapi.SinkMail, error) {
	if a.cfg.Mail.APIKey != "" {
		return nil
	}
	return func(ctx context.Context, limit int) ([]httpapi.SinkMail, error) {
		mails, err := a.store.SinkMails(ctx, limit)
		out := make([]httpapi.SinkMail, len(mails))
		for i, m := range mails {
			out[i] = httpapi.SinkMail(m)
		}
		return out, err
	}
}

// openStore connects to the configured database for a one-shot command.
func openStore(ctx context.Context) (*store.Store, func(), error) {
	cfg, err := loadConfig()
	if err != nil {
		return nil, nil, err
	}
	return openStoreWith(ctx, cfg)
}

// openStoreWith connects to cfg's database, checked to answer, for a
// one-shot command that has loaded its configuration already.
func openStoreWith(ctx context.Context, cfg config.Config) (*store.Store, func(), error) {
	return preflight.OpenStore(ctx, cfg.DatabaseURL)
}

// syncReps writes the configured reps, pipelines and teams to the store.
func (a *app) syncReps(ctx context.Context) error { return configsync.Sync(ctx, a.store, a.cfg) }

// httpHandler builds the HTTP surface; webhook routes are always mounted,
// health and metrics are what worker and scheduler processes need.
func (a *app) httpHandler() (http.Handler, error) {
	if len(a.cfg.WebhookSecrets) == 0 {
		a.logger.Warn("no webhook secrets configured: POST /v1/webhooks/generic/* answers 404", "env", config.EnvWebhookSecrets)
	}
	api, err := httpapi.New(httpapi.Config{
		Connectors:        a.registry,
		Store:             a.store,
		EnqueueFunc:       workers.EnqueueEvents(a.client),
		RedisPingFunc:     func(ctx context.Context) error { return a.rdb.Ping(ctx).Err() },
		ReplayCache:       httpapi.NewRedisReplayCache(a.rdb),
		Unsubscriber:      a.unsub,
		Suppressor:        a.store,
		MailSinkFunc:      a.mailSinkFunc(),
		Activities:        a.store,
		StageChangedFunc:  a.followUps().StageChanged,
		ActivityAddedFunc: a.followUps().ActivityAdded,
		Contacts:          a.store,
		Privacy:           privacy.Service{Store: a.store},
		APITokens:         a.cfg.APITokens,
		Reps:              repstore.New(a.store, a.cfg.File.Routing.DealRules()),
		Reports:           a.store,
		NowFunc:           a.nowFunc,
		Metrics:           a.metrics,
		Logger:            a.logger,

		// Per-source intake limits (LEADFLOW_INTAKE_RATE / _BURST), and
		// per connector across its sources (LEADFLOW_INTAKE_CONNECTOR_*).
		IntakeRate:           a.cfg.IntakeRate,
		IntakeBurst:          a.cfg.IntakeBurst,
		IntakeConnectorRate:  a.cfg.IntakeConnectorRate,
		IntakeConnectorBurst: a.cfg.IntakeConnectorBurst,

		// Memory of webhook bodies in flight, across all connections
		// (LEADFLOW_INTAKE_BODY_BUDGET / _TIMEOUT; httpapi/bodybudget.go).
		BodyBudget:      a.cfg.IntakeBodyBudget,
		BodyReadTimeout: a.cfg.IntakeBodyTimeout,
	})
	if err != nil {
		return nil, err
	}
	// The web app for reps and managers lives under /app/ (package webapp, wired in cmd/leadflow/webapp.go).
	web, err := a.webApp()
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/app/", web)
	mux.Handle("/", api)
	return mux, nil
}

// serveHTTP serves h on ln until ctx ends, then shuts down gracefully.
func (a *app) serveHTTP(ctx context.Context, ln net.Listener, h http.Handler) error {
	// The profiler is read straight from the environment: it is a
	// debugging switch for one process, not configuration.
	return httpapi.Serve(ctx, ln, h, httpapi.ServeConfig{MaxConns: a.cfg.HTTPMaxConns,
		Pprof: os.Getenv(config.EnvDebugPprof) == "true", Logger: a.logger})
}

// newWorkerServer builds the Asynq server and its handler mux.
func (a *app) newWorkerServer() (*asynq.Server, *asynq.ServeMux, error) {
	ec, err := a.emailConfig()
	if err != nil {
		return nil, nil, err
	}
	h, err := workers.NewHandlers(workers.Config{Email: ec, Store: a.store, Connectors: a.registry, Enqueuer: a.client,
		Rules: a.cfg.File.Scoring, Routing: a.routing(), DefaultRegion: a.cfg.DefaultRegion, TrainFunc: training.Periodic(a.store),
		ModelLoader: func(ctx context.Context) (string, []byte, error) {
			m, err := a.store.ActiveModel(ctx)
			return m.Version, m.Model, err
		},
		Metrics: a.metrics, Logger: a.logger})
	if err != nil {
		return nil, nil, err
	}
	return workers.NewServer(workers.ServerConfig{Redis: a.redisOpt, Concurrency: a.cfg.WorkerConcurrency,
		Logger: slogadapt.NewAsynqLogger(a.logger), LogLevel: slogadapt.AsynqLevel(a.cfg.LogLevel)}), h.NewMux(), nil
}

func (a *app) newRelay() *workers.Relay {
	rc := a.relay
	rc.Store, rc.Enqueuer, rc.TaskExists, rc.Metrics, rc.Logger = a.store, a.client, workers.TaskExists(a.inspect), a.metrics, a.logger
	return workers.NewRelay(rc)
}
