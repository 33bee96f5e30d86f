package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"leadflow/internal/bench"
)

// benchUsage is the help of leadflow bench.
const benchUsage = `Usage: leadflow bench [flags]

Starts PostgreSQL (fsync on) and Redis under --dir and measures, in one run:
  ceilings     bare Asynq enqueue + no-op processing, PostgreSQL single-row and
               batched INSERTs, against the same servers
  intake       --leads signed webhooks (Standard Webhooks and Typeform, half hot)
               posted flat out to "leadflow serve" with no worker running:
               requests/s, ack latency, Redis bytes per queued lead
  end to end   --workers "leadflow worker" processes drain that backlog:
               leads ingested, deduped, scored and routed per second
  speed        --rate leads/s for --duration with every role running:
               webhook → routed (deal or nurture) and → assigned deal latency
and each process's peak RSS. Figures are printed with their ratio to the
ceilings; --json prints them for scripts.`

// runBench measures leadflow against the machine's own ceilings (package
// internal/bench) and prints the report, as text or with --json as JSON.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench", benchUsage, stdout)
	dir := fs.String("dir", ".leadflow/bench", "directory for the benchmark's PostgreSQL and Redis data")
	leads := fs.Int("leads", 20000, "webhooks posted flat out in the intake phase, then drained by the workers")
	conc := fs.Int("concurrency", 64, "connections the load generator keeps open")
	rate := fs.Int("rate", 1000, "leads per second in the speed-to-lead phase")
	duration := fs.Duration("duration", 10*time.Second, "length of the speed-to-lead phase")
	nWorkers := fs.Int("workers", 1, "worker processes")
	workerConc := fs.Int("worker-concurrency", 50, "tasks each worker process runs at once")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	topSQL := fs.Int("pg-statements", 0, "also profile PostgreSQL during the end-to-end phase (pg_stat_statements) and print its N costliest statements")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	switch {
	case *leads < 1:
		return fs.errorf("--leads: expected at least 1, got %d", *leads)
	case *rate < 1:
		return fs.errorf("--rate: expected at least 1, got %d", *rate)
	case *duration <= 0:
		return fs.errorf("--duration: expected a positive duration such as 10s, got %s", *duration)
	case *nWorkers < 1 || *nWorkers > 16:
		return fs.errorf("--workers: expected 1 to 16, got %d", *nWorkers)
	case *conc < 1:
		return fs.errorf("--concurrency: expected at least 1, got %d", *conc)
	case *workerConc < 1:
		return fs.errorf("--worker-concurrency: expected at least 1, got %d", *workerConc)
	case *topSQL < 0:
		return fs.errorf("--pg-statements: expected 0 (off) or more, got %d", *topSQL)
	}
	progress := stdout
	if *asJSON {
		progress = stderr
	}
	bin, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find the leadflow binary: %w", err)
	}
	rep, err := bench.Run(ctx, bench.Options{Binary: bin, Dir: *dir, Leads: *leads, Concurrency: *conc, Rate: *rate, Duration: *duration,
		Workers: *nWorkers, WorkerConcurrency: *workerConc, Statements: *topSQL, Progress: progress, Stderr: stderr})
	if err != nil {
		return err
	}
	if *asJSON {
		return bench.WriteJSON(stdout, rep)
	}
	bench.Print(stdout, rep)
	return nil
}
