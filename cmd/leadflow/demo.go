package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"leadflow/internal/cmdline"
	"leadflow/internal/demo"
	"leadflow/internal/localstack"
	"leadflow/internal/localsvc"
	"leadflow/internal/node"
	"leadflow/workers"
)

// runDemo starts a local stack and every role in this process, then lets
// package internal/demo post its synthetic leads and print the report.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cmdline.NewFlagSet("demo", demo.Usage, stdout)
	dir := fs.String("dir", ".leadflow", "directory for the demo's PostgreSQL and Redis data (created if missing)")
	n := fs.Int("leads", 300, "number of synthetic leads to post")
	seed := fs.Int64("seed", 1, "seed of the synthetic lead generator (same seed, same leads)")
	exit := fs.Bool("exit", false, "stop after printing the report instead of running until Ctrl-C")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.NoArgs(); err != nil {
		return err
	}
	if *n < 1 {
		return fs.Errorf("--leads: expected a positive number, got %d", *n)
	}
	say := func(format string, args ...any) { fmt.Fprintf(stdout, format+"\n", args...) }
	say("leadflow demo: starting PostgreSQL and Redis under %s ...", *dir)
	stack, err := localstack.Start(ctx, *dir, localsvc.PostgresOptions{})
	if err != nil {
		return err
	}
	defer stack.Stop(ctx)

	secret, secretPath, err := demo.Secret(stack.Dir)
	if err != nil {
		return err
	}
	cfg, err := demo.Config(stack.DatabaseURL, stack.RedisURL, secret, os.Getenv)
	if err != nil {
		return err
	}
	ln, err := demo.Listen(cfg.HTTPAddr)
	if err != nil {
		return err
	}

	// Worker logs go to a file so the report stays readable.
	logFile, err := os.Create(filepath.Join(stack.Dir, "leadflow.log"))
	if err != nil {
		return fmt.Errorf("create demo log: %w", err)
	}
	defer logFile.Close()
	proc, err := node.Open(ctx, cfg, node.Options{Version: version, Logs: logFile})
	if err != nil {
		return err
	}
	defer proc.Close()
	repIDs, err := demo.SeedReps(ctx, proc.Store())
	if err != nil {
		return err
	}
	if err := proc.Redis().FlushDB(ctx).Err(); err != nil {
		return fmt.Errorf("clear the demo's Redis database: %w", err)
	}

	runCtx, stopRoles := context.WithCancel(ctx)
	defer stopRoles()
	rolesDone := make(chan error, 1)
	go func() { rolesDone <- proc.Run(runCtx, ln, node.Roles{HTTP: true, Worker: true, Relay: true}) }()

	err = demo.Show(ctx, demo.Run{Store: proc.Store(), Inspector: proc.Inspector(),
		BaseURL: "http://" + ln.Addr().String(), DefaultURL: demo.DefaultPostURL(cfg.HTTPAddr),
		DatabaseURL: stack.DatabaseURL, RedisURL: stack.RedisURL, LogPath: logFile.Name(),
		Secret: secret, SecretPath: secretPath, RepID: repIDs[0], Leads: *n, Seed: *seed,
		SampleTemplates: demo.SampleTemplates(cfg.File, workers.DefaultRepDigest), Running: !*exit}, stdout)
	if err != nil {
		return err
	}

	if *exit {
		stopRoles()
		return <-rolesDone
	}
	say("")
	say("leadflow is still running. Press Ctrl-C to stop everything the demo started.")
	select {
	case <-ctx.Done():
	case err := <-rolesDone:
		return err
	}
	stopRoles()
	<-rolesDone
	say("stopped.")
	return nil
}
