package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"golang.org/x/net/netutil"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/email"
	"leadflow/httpapi"
	"leadflow/internal/preflight"
	"leadflow/internal/slogadapt"
	"leadflow/lead"
	"leadflow/metrics"
	"leadflow/pipeline"
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
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// newApp connects to PostgreSQL and Redis lazily: neither needs to be up for
// the process to start, so roles survive a dependency restart.
func newApp(ctx context.Context, cfg config.Config, stderr io.Writer) (*app, error) {
	a := &app{cfg: cfg, logger: newLogger(cfg, stderr), metrics: metrics.New()}
	a.metrics.SetBuildInfo(version, runtime.Version())
	// go-redis logs reconnect attempts with the standard logger; route them
	// through slog so they are structured and levelled like the rest.
	slogadapt.SetRedisLogger(a.logger)
	pool, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	if err := preflight.Postgres(ctx, pool, cfg.DatabaseURL); err != nil {
		pool.Close()
		return nil, err
	}
	derived, err := store.OpenDerived(ctx, cfg.DatabaseURL)
	if err != nil {
		pool.Close()
		return nil, err
	}
	a.pool, a.derived = pool, derived
	a.store = store.New(pool).WithDerivedPool(derived)
	a.metrics.WatchRelayBacklog(a.store.RelayBacklog)

	ro, err := redisConnOpt(cfg.RedisURL, time.Second, 2*time.Second)
	if err != nil {
		a.close()
		return nil, err
	}
	a.redisOpt = ro
	a.client = asynq.NewClient(ro)
	a.rdb = ro.MakeRedisClient().(redis.UniversalClient)
	preflight.Redis(ctx, a.rdb, cfg.RedisURL, a.logger)

	a.registry, err = buildRegistry(cfg)
	if err != nil {
		a.close()
		return nil, err
	}
	a.metrics.Init(a.registry.Names(), workers.TaskTypes())
	if a.unsub, err = newUnsubscriber(ctx, cfg, a.store); err != nil {
		a.close()
		return nil, err
	}
	a.inspect = asynq.NewInspector(ro)
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
	out := workers.Routing{Pipeline: r.Pipeline, HotStage: r.HotStage, NurtureProgram: r.NurtureProgram, SLA: r.SLA,
		CallbackAfter: r.CallbackAfter, TeamPipelines: map[string]string{}}
	for _, t := range r.Teams {
		if t.Pipeline != "" {
			out.TeamPipelines[t.Name] = t.Pipeline
		}
	}
	if len(r.Teams) > 0 {
		out.Rules = &pipeline.RoutingRules{Rules: r.Rules, Fallback: r.FallbackTeam}
	}
	return out
}

// mailSinkFunc lists the local sink when no Mailgun key is configured.
func (a *app) mailSinkFunc() func(ctx context.Context, limit int) (any, error) {
	if a.cfg.Mail.APIKey != "" {
		return nil
	}
	return func(ctx context.Context, limit int) (any, error) { return a.store.SinkMails(ctx, limit) }
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
	pool, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, nil, err
	}
	if err := preflight.Postgres(ctx, pool, cfg.DatabaseURL); err != nil {
		pool.Close()
		return nil, nil, err
	}
	return store.New(pool), pool.Close, nil
}

// configSource names where reps, pipelines and teams come from, for errors.
func (a *app) configSource() string {
	if a.cfg.ConfigFile == "" {
		return "the built-in defaults"
	}
	return config.EnvConfigFile + " (" + a.cfg.ConfigFile + ")"
}

// syncReps upserts the reps listed in the configuration file.
func (a *app) syncReps(ctx context.Context) error {
	for _, r := range a.cfg.File.Routing.Reps {
		active := r.Active == nil || *r.Active
		ooo := make([]lead.TimeRange, len(r.OutOfOffice))
		for i, p := range r.OutOfOffice {
			ooo[i] = lead.TimeRange{From: p.From, To: p.To}
		}
		if _, err := a.store.UpsertRep(ctx, lead.Rep{Name: r.Name, Email: r.Email, Territory: r.Territory, Capacity: r.Capacity, Active: active,
			TimeZone: r.TimeZone, WorkingHours: r.WorkingHours, WorkingDays: r.WorkingDays, OutOfOffice: ooo}); err != nil {
			return fmt.Errorf("sync reps from %s: %w", a.configSource(), err)
		}
	}
	for _, p := range a.cfg.File.Pipelines {
		stages := make([]store.StageSpec, len(p.Stages))
		for i, st := range p.Stages {
			kind := st.Kind
			if kind == "" {
				kind = "open"
			}
			stages[i] = store.StageSpec{Name: st.Name, WinProbability: st.WinProbability, Kind: kind, RotAfter: st.RotAfter}
		}
		if err := a.store.SyncPipeline(ctx, p.Name, p.Default, stages); err != nil {
			return fmt.Errorf("sync pipelines from %s: %w", a.configSource(), err)
		}
	}
	for _, t := range a.cfg.File.Routing.Teams {
		spec := store.TeamSpec{Name: t.Name}
		for _, m := range t.Members {
			spec.Members = append(spec.Members, store.TeamMemberSpec{Email: m.Email, Weight: m.Weight})
		}
		if err := a.store.SyncTeam(ctx, spec); err != nil {
			return fmt.Errorf("sync teams from %s: %w", a.configSource(), err)
		}
	}
	return nil
}

// enqueueEvents puts the ingest task of a group of stored events in the
// queue; an existing task with the same id means it is already there.
func (a *app) enqueueEvents(ctx context.Context, taskID string, events []lead.Event) error {
	ids := make([]int64, len(events))
	for i, ev := range events {
		ids[i] = ev.ID
	}
	task, err := workers.NewIngestGroupTask(taskID, ids)
	if err != nil {
		return err
	}
	return a.enqueue(ctx, task)
}

// taskExists asks Redis whether a task is still known, for the relay.
func (a *app) taskExists(_ context.Context, taskID string) (bool, error) {
	_, err := a.inspect.GetTaskInfo(workers.QueueDefault, taskID)
	if errors.Is(err, asynq.ErrTaskNotFound) || errors.Is(err, asynq.ErrQueueNotFound) {
		return false, nil
	}
	return err == nil, err
}

// httpHandler builds the HTTP surface; webhook routes are always mounted,
// health and metrics are what worker and scheduler processes need.
func (a *app) httpHandler() (http.Handler, error) {
	if len(a.cfg.WebhookSecrets) == 0 {
		a.logger.Warn("no webhook secrets configured: POST /v1/webhooks/generic/* answers 404", "env", config.EnvWebhookSecrets)
	}
	api, err := httpapi.New(httpapi.Config{
		Connectors:        a.registry,
		Store:             a.store,
		EnqueueFunc:       a.enqueueEvents,
		RedisPingFunc:     func(ctx context.Context) error { return a.rdb.Ping(ctx).Err() },
		ReplayCache:       httpapi.NewRedisReplayCache(a.rdb),
		Unsubscriber:      a.unsub,
		Suppressor:        a.store,
		MailSinkFunc:      a.mailSinkFunc(),
		Activities:        a.store,
		StageChangedFunc:  a.stageChanged,
		ActivityAddedFunc: a.activityAdded,
		Contacts:          a.store,
		Privacy:           a.store,
		APITokens:         a.cfg.APITokens,
		Reps:              repAPI{st: a.store, rules: a.dealRules()},
		Reports:           reportAPI{st: a.store},
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
	// The web app for reps and managers lives under /app/ (cmd/leadflow/webapp.go).
	web, err := a.webApp()
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/app/", web)
	mux.Handle("/", api)
	return mux, nil
}

// serveHTTP listens on ln until ctx ends, then shuts down gracefully.
func (a *app) serveHTTP(ctx context.Context, ln net.Listener, h http.Handler) error {
	// The profiler is read straight from the environment: it is a
	// debugging switch for one process, not configuration.
	if os.Getenv(config.EnvDebugPprof) == "true" {
		mux := http.NewServeMux()
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.Handle("/", h)
		h = mux
	}
	// Read timeouts bound slow-loris senders; WriteTimeout stays above the
	// intake's store (5 s) and enqueue (2 s) bounds. IdleTimeout outlives a
	// load balancer's usual 60 s keep-alive so the balancer closes first
	// (no 502 on a reused, just-closed connection). Webhook headers are a
	// few signatures: 64 KiB instead of the 1 MiB default.
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second,
		IdleTimeout: 75 * time.Second, MaxHeaderBytes: 64 << 10}
	// The connection cap (LEADFLOW_HTTP_MAX_CONNS) bounds what the
	// connections themselves cost (a goroutine, buffers, up to 64 KiB of
	// headers each), as the body budget bounds their bodies: past it new
	// connections wait in the kernel's accept queue until one closes.
	if a.cfg.HTTPMaxConns > 0 {
		ln = netutil.LimitListener(ln, a.cfg.HTTPMaxConns)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.logger.Info("http listening", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("http shutdown: %w", err)
	}
	return nil
}

// newWorkerServer builds the Asynq server and its handler mux.
func (a *app) newWorkerServer() (*asynq.Server, *asynq.ServeMux, error) {
	ec, err := a.emailConfig()
	if err != nil {
		return nil, nil, err
	}
	h, err := workers.NewHandlers(workers.Config{
		Email: ec,
		Store: a.store, Connectors: a.registry, Enqueuer: a.client,
		Rules:         a.cfg.File.Scoring,
		Routing:       a.routing(),
		DefaultRegion: a.cfg.DefaultRegion,
		TrainFunc: func(ctx context.Context) (string, error) {
			res, err := trainModel(ctx, a.store, trainOptions{seed: 1})
			if errors.Is(err, errTooLittleHistory) {
				return "skipped: " + err.Error(), nil
			}
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s auc=%.4f activated=%t (%s)", res.version, res.report.AUC, res.activated, res.note), nil
		},
		ModelLoader: func(ctx context.Context) (string, []byte, error) {
			m, err := a.store.ActiveModel(ctx)
			return m.Version, m.Model, err
		},
		Metrics: a.metrics,
		Logger:  a.logger,
	})
	if err != nil {
		return nil, nil, err
	}
	srv := asynq.NewServer(a.redisOpt, asynq.Config{
		Concurrency: a.cfg.WorkerConcurrency,
		Queues:      workers.QueueWeights(),
		// An idle server polls Redis every TaskCheckInterval; Asynq's 1 s
		// default adds up to 1.5 s to speed to lead. 25 ms costs one Redis
		// call per 25 ms per idle worker process.
		TaskCheckInterval: 25 * time.Millisecond,
		ShutdownTimeout:   10 * time.Second,
		Logger:            slogadapt.NewAsynqLogger(a.logger),
		RetryDelayFunc:    workers.RetryDelay,
		LogLevel:          slogadapt.AsynqLevel(a.cfg.LogLevel),
	})
	return srv, h.NewMux(), nil
}

func (a *app) newRelay() *workers.Relay {
	rc := a.relay
	rc.Store, rc.Enqueuer, rc.TaskExists, rc.Metrics, rc.Logger = a.store, a.client, a.taskExists, a.metrics, a.logger
	return workers.NewRelay(rc)
}
