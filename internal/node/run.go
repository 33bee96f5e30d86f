package node

import (
	"context"
	"fmt"
	"net"
	"os"

	"github.com/hibiken/asynq"
	"golang.org/x/sync/errgroup"

	"leadflow/config"
	"leadflow/email/mailsink"
	"leadflow/httpapi"
	"leadflow/internal/configsync"
	"leadflow/internal/slogadapt"
	"leadflow/scoring/training"
	"leadflow/workers"
)

// Roles says which parts of leadflow a process runs.
type Roles struct {
	// HTTP serves webhook intake, the APIs, the web app, health and metrics.
	HTTP bool
	// Worker processes the queue's tasks.
	Worker bool
	// Relay enqueues stored events left without a task, and schedules the
	// periodic tasks.
	Relay bool
}

// ListenAndRun is one process of `leadflow serve|worker|scheduler|run`: it
// opens a node from cfg, listens on cfg.HTTPAddr and runs the roles r until
// ctx ends or one fails, then closes the node.
func ListenAndRun(ctx context.Context, cfg config.Config, o Options, r Roles) error {
	n, err := Open(ctx, cfg, o)
	if err != nil {
		return err
	}
	defer n.Close()
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s (%s): %w", cfg.HTTPAddr, config.EnvHTTPAddr, err)
	}
	return n.Run(ctx, ln, r)
}

// Run runs the chosen roles, serving HTTP on ln, until ctx ends or one
// fails; a failure stops the others and is returned. It first writes the
// configured reps, pipelines and teams to the store.
func (n *Node) Run(ctx context.Context, ln net.Listener, r Roles) error {
	if err := configsync.Sync(ctx, n.store, n.cfg); err != nil {
		return err
	}
	if err := n.startCRM(ctx); err != nil {
		return err
	}
	// A role that fails cancels the group's context, which stops the others.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, ctx := errgroup.WithContext(ctx)
	if r.HTTP {
		h, err := n.httpHandler()
		if err != nil {
			return err
		}
		// The profiler is read straight from the environment: it is a
		// debugging switch for one process, not configuration.
		sc := httpapi.ServeConfig{MaxConns: n.cfg.HTTPMaxConns, Pprof: os.Getenv(config.EnvDebugPprof) == "true", Logger: n.logger}
		g.Go(func() error { return httpapi.Serve(ctx, ln, h, sc) })
	}
	if r.Worker {
		srv, mux, err := n.newWorkerServer()
		if err != nil {
			return err
		}
		if err := srv.Start(mux); err != nil {
			return fmt.Errorf("start worker: %w", err)
		}
		n.logger.Info("worker started", "concurrency", n.cfg.WorkerConcurrency)
		g.Go(func() error {
			<-ctx.Done()
			srv.Shutdown()
			return nil
		})
	}
	if r.Relay {
		relay := n.newRelay()
		g.Go(func() error { return relay.Run(ctx) })
		sc := n.cfg.File.Schedule
		sched, err := workers.NewScheduler(workers.SchedulerConfig{Redis: n.redisOpt, RescoreEvery: sc.RescoreEvery, RetrainEvery: sc.RetrainEvery, Extra: append(n.spendTasks(), n.crmTasks()...),
			Logger: n.logger, AsynqLogger: slogadapt.NewAsynqLogger(n.logger), LogLevel: slogadapt.AsynqLevel(n.cfg.LogLevel)})
		if err != nil {
			return err
		}
		g.Go(func() error { return sched.Run(ctx) })
	}
	return g.Wait()
}

// routing builds the workers' routing settings; team rules apply only when
// teams are configured.
func (n *Node) routing() workers.Routing {
	r := n.cfg.File.Routing
	return workers.Routing{Pipeline: r.Pipeline, HotStage: r.HotStage, NurtureProgram: r.NurtureProgram, ReengageProgram: r.ReengageProgram, SLA: r.SLA,
		CallbackAfter: r.CallbackAfter, TeamPipelines: r.TeamPipelines(), Rules: r.TeamRules(),
		DefaultAmountCents: r.DefaultAmountCents, MaxAmountCents: r.MaxAmountCents}
}

// newWorkerServer builds the Asynq server and its handler mux.
func (n *Node) newWorkerServer() (*asynq.Server, *asynq.ServeMux, error) {
	// The workers' email settings (workers.NewEmailConfig), with the local
	// mail sink as the sender when no Mailgun key is set.
	ec, err := workers.NewEmailConfig(n.cfg, n.unsub, mailsink.Sender{Store: n.store}, n.logger)
	if err != nil {
		return nil, nil, err
	}
	h, err := workers.NewHandlers(workers.Config{Email: ec, Store: n.store, Connectors: n.registry, Enqueuer: n.client,
		Rules: n.cfg.File.Scoring, Routing: n.routing(), DefaultRegion: n.cfg.DefaultRegion, TrainFunc: training.Periodic(n.store),
		ModelLoader: func(ctx context.Context) (string, []byte, error) {
			m, err := n.store.ActiveModel(ctx)
			return m.Version, m.Model, err
		},
		Metrics: n.metrics, Logger: n.logger})
	if err != nil {
		return nil, nil, err
	}
	mux := h.NewMux()
	sh, err := n.spendHandler()
	if err != nil {
		return nil, nil, err
	}
	sh.Register(mux)
	if ch := n.crmHandler(); ch != nil {
		ch.Register(mux)
	}
	return workers.NewServer(workers.ServerConfig{Redis: n.redisOpt, Concurrency: n.cfg.WorkerConcurrency,
		Logger: slogadapt.NewAsynqLogger(n.logger), LogLevel: slogadapt.AsynqLevel(n.cfg.LogLevel)}), mux, nil
}

func (n *Node) newRelay() *workers.Relay {
	rc := n.opts.Relay
	rc.Store, rc.Enqueuer, rc.TaskExists, rc.Metrics, rc.Logger = n.store, n.client, workers.TaskExists(n.inspect), n.metrics, n.logger
	return workers.NewRelay(rc)
}
