package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"leadflow/internal/bench"
	"leadflow/internal/cmdline"
)

// runBench measures leadflow against the machine's own ceilings (package
// internal/bench) and prints the report, as text or with --json as JSON.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cmdline.NewFlagSet("bench", bench.Usage, stdout)
	o := bench.Options{Progress: stdout, Stderr: stderr}
	fs.StringVar(&o.Dir, "dir", ".leadflow/bench", "directory for the benchmark's PostgreSQL and Redis data")
	fs.IntVar(&o.Leads, "leads", 20000, "webhooks posted flat out in the intake phase, then drained by the workers")
	fs.IntVar(&o.Concurrency, "concurrency", 64, "connections the load generator keeps open")
	fs.IntVar(&o.Rate, "rate", 1000, "leads per second in the speed-to-lead phase")
	fs.DurationVar(&o.Duration, "duration", 10*time.Second, "length of the speed-to-lead phase")
	fs.IntVar(&o.Workers, "workers", 1, "worker processes")
	fs.IntVar(&o.WorkerConcurrency, "worker-concurrency", 50, "tasks each worker process runs at once")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	fs.IntVar(&o.Statements, "pg-statements", 0, "also profile PostgreSQL during the end-to-end phase (pg_stat_statements) and print its N costliest statements")
	fs.IntVar(&o.Contacts, "contacts", 0, "after the empty-database phases, seed this many contacts with history and measure again at that size")
	fs.Func("pg-setting", "a PostgreSQL setting for the benchmark's server, name=value (repeatable; e.g. shared_buffers=6GB for --contacts 10000000)", func(v string) error {
		o.PGSettings = append(o.PGSettings, v)
		return nil
	})
	fs.StringVar(&o.ExplainDir, "explain-dir", "", "where the seeded run saves EXPLAIN (ANALYZE, BUFFERS) of each periodic query (default: --dir with -explain appended)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.NoArgs(); err != nil {
		return err
	}
	if err := o.Check(); err != nil {
		return fs.Errorf("%v", err)
	}
	if *asJSON {
		o.Progress = stderr
	}
	if o.ExplainDir == "" {
		o.ExplainDir = filepath.Clean(o.Dir) + "-explain"
	}
	var err error
	if o.Binary, err = os.Executable(); err != nil {
		return fmt.Errorf("find the leadflow binary: %w", err)
	}
	rep, err := bench.Run(ctx, o)
	if err != nil {
		return err
	}
	if *asJSON {
		return bench.WriteJSON(stdout, rep)
	}
	bench.Print(stdout, rep)
	return nil
}
