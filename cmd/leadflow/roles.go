package main

import (
	"context"
	"fmt"
	"io"
	"net"

	"golang.org/x/sync/errgroup"

	"leadflow/internal/cmdline"
	"leadflow/internal/preflight"
	"leadflow/internal/slogadapt"
	"leadflow/migrations"
	"leadflow/workers"
)

// roles says which parts of leadflow a process runs.
type roles struct{ http, worker, relay bool }

// runRole is the command `leadflow <name>` running the roles r.
func runRole(name string, r roles) func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		return runRoles(ctx, name, args, stdout, stderr, r)
	}
}

// runRoles runs `leadflow <name>`: it takes no flags or arguments, only the
// LEADFLOW_* environment its --help lists.
func runRoles(ctx context.Context, name string, args []string, stdout, stderr io.Writer, r roles) error {
	fs := cmdline.NewFlagSet(name, program().RoleUsage(name), stdout)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fs.Errorf("unexpected argument %q (configuration comes from LEADFLOW_* variables)", fs.Arg(0))
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	a, err := newApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.close()
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s (LEADFLOW_HTTP_ADDR): %w", cfg.HTTPAddr, err)
	}
	return a.runRoles(ctx, ln, r)
}

// runRoles runs the chosen roles until ctx ends or one fails; a failure
// stops the others and is returned.
func (a *app) runRoles(ctx context.Context, ln net.Listener, r roles) error {
	if err := a.syncReps(ctx); err != nil {
		return err
	}
	// A role that fails cancels the group's context, which stops the others.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, ctx := errgroup.WithContext(ctx)
	if r.http {
		h, err := a.httpHandler()
		if err != nil {
			return err
		}
		g.Go(func() error { return a.serveHTTP(ctx, ln, h) })
	}
	if r.worker {
		srv, mux, err := a.newWorkerServer()
		if err != nil {
			return err
		}
		if err := srv.Start(mux); err != nil {
			return fmt.Errorf("start worker: %w", err)
		}
		a.logger.Info("worker started", "concurrency", a.cfg.WorkerConcurrency)
		g.Go(func() error {
			<-ctx.Done()
			srv.Shutdown()
			return nil
		})
	}
	if r.relay {
		relay := a.newRelay()
		g.Go(func() error { return relay.Run(ctx) })
		sc := a.cfg.File.Schedule
		sched, err := workers.NewScheduler(workers.SchedulerConfig{Redis: a.redisOpt, RescoreEvery: sc.RescoreEvery, RetrainEvery: sc.RetrainEvery,
			Logger: a.logger, AsynqLogger: slogadapt.NewAsynqLogger(a.logger), LogLevel: slogadapt.AsynqLevel(a.cfg.LogLevel)})
		if err != nil {
			return err
		}
		g.Go(func() error { return sched.Run(ctx) })
	}
	return g.Wait()
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	verb, rest, err := cmdline.SplitVerb("migrate", migrations.Usage, migrations.Verbs, args, stdout)
	if err != nil {
		return err
	}
	fs := cmdline.NewFlagSet("migrate "+verb, migrations.VerbUsage(verb), stdout)
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if err := fs.NoArgs(); err != nil {
		return err
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	if err := preflight.RequirePostgres(ctx, cfg.DatabaseURL); err != nil {
		return err
	}
	return migrations.Run(ctx, verb, cfg.DatabaseURL, stdout)
}
