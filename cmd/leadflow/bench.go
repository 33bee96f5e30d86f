package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/internal/benchref"
	"leadflow/internal/loadgen"
	"leadflow/internal/localsvc"
	"leadflow/store"
)

// benchReport is everything `leadflow bench` measures; --json prints it.
type benchReport struct {
	Machine  benchMachine  `json:"machine"`
	Ceilings benchCeilings `json:"ceilings"`
	Intake   benchIntake   `json:"intake"`
	Drain    benchDrain    `json:"end_to_end"`
	Speed    benchSpeed    `json:"speed_to_lead"`
	// PeakRSSBytes is each leadflow process's peak resident set (VmHWM).
	PeakRSSBytes map[string]int64 `json:"peak_rss_bytes"`
}

type benchMachine struct {
	CPUs      int    `json:"cpus"`
	GoVersion string `json:"go_version"`
	Kernel    string `json:"kernel"`
	Note      string `json:"note"`
}

// benchCeilings are the machine's own limits, measured in the same run
// against the same Redis and PostgreSQL.
type benchCeilings struct {
	AsynqEnqueuePerSec float64 `json:"asynq_enqueue_per_sec"`
	AsynqNoopPerSec    float64 `json:"asynq_noop_tasks_per_sec"`
	PGSingleRowPerSec  float64 `json:"pg_single_row_inserts_per_sec"`
	PGBatchedRowPerSec float64 `json:"pg_batched_rows_per_sec"`
}

type benchIntake struct {
	Requests   int         `json:"requests"`
	Failed     int         `json:"failed"`
	ByStatus   map[int]int `json:"by_status"`
	PerSec     float64     `json:"per_sec"`
	AckMillis  millis      `json:"ack_ms"`
	VsPGSingle float64     `json:"ratio_to_pg_single_row_inserts"`
	// RedisBytesPerLead is Redis memory per accepted, still queued lead.
	RedisBytesPerLead float64  `json:"redis_bytes_per_queued_lead"`
	Errors            []string `json:"errors,omitempty"`
}

type benchDrain struct {
	Leads       int     `json:"leads"`
	Workers     int     `json:"worker_processes"`
	Seconds     float64 `json:"seconds"`
	LeadsPerSec float64 `json:"leads_per_sec"`
	VsAsynqNoop float64 `json:"ratio_to_asynq_noop"`
	Failed      int     `json:"failed_events"`
	// Statements are PostgreSQL's costliest statements of the phase (with
	// --pg-statements), with every statement it ran per lead.
	Statements        []benchStatement `json:"pg_statements,omitempty"`
	StatementsPerLead float64          `json:"pg_statements_per_lead,omitempty"`
}

type benchStatement struct {
	Calls       int64   `json:"calls"`
	TotalMillis float64 `json:"total_ms"`
	MeanMillis  float64 `json:"mean_ms"`
	Share       float64 `json:"share_of_time"`
	Query       string  `json:"query"`
}

type benchSpeed struct {
	Rate         int     `json:"rate_per_sec"`
	Leads        int     `json:"leads"`
	Failed       int     `json:"failed_posts"`
	ToRouted     millis  `json:"webhook_to_routed_ms"`
	ToDeal       millis  `json:"webhook_to_assigned_deal_ms"`
	AckMillis    millis  `json:"ack_ms"`
	RoutedWithin float64 `json:"routed_within_seconds"`
	// Statements are as for the end-to-end phase, here including the
	// emails the leads triggered (sent before they are read).
	Statements        []benchStatement `json:"pg_statements,omitempty"`
	StatementsPerLead float64          `json:"pg_statements_per_lead,omitempty"`
}

// millis is a latency summary in milliseconds.
type millis struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
}

func toMillis(s loadgen.Summary) millis {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	return millis{N: s.N, P50: ms(s.P50), P95: ms(s.P95), P99: ms(s.P99), Max: ms(s.Max)}
}

func (m millis) String() string {
	if m.N == 0 {
		return "no samples"
	}
	return fmt.Sprintf("p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms  (n=%d)", m.P50, m.P95, m.P99, m.Max, m.N)
}

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

// runBench measures leadflow against the machine's own ceilings. It starts
// PostgreSQL (fsync on: durability is what is measured) and Redis under
// --dir, measures bare Asynq and PostgreSQL rates, then runs leadflow as
// real processes (serve, worker, scheduler) and drives them with signed
// webhooks in three phases: intake flat out with no worker running (ack
// latency, requests/s, Redis bytes per queued lead), the worker draining
// that backlog (leads/s end to end), and speed to lead at a fixed rate
// with everything running (webhook → routed).
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
	pgOpts := localsvc.PostgresOptions{Fsync: true}
	if *topSQL > 0 {
		pgOpts.Settings = []string{"shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all"}
	}
	stack, err := startLocalStackWith(ctx, *dir, pgOpts)
	if err != nil {
		return err
	}
	defer stack.stop()
	rep := benchReport{PeakRSSBytes: map[string]int64{}}
	rep.Machine = benchMachine{CPUs: runtime.NumCPU(), GoVersion: runtime.Version(), Kernel: kernelRelease(),
		Note: "load generator, leadflow, Redis and PostgreSQL share the machine, on loopback"}

	fmt.Fprintln(progress, "measuring the machine's ceilings (Asynq no-op, PostgreSQL INSERT) …")
	redisOpt, err := asynq.ParseRedisURI(stack.redisURL)
	if err != nil {
		return err
	}
	aq, err := benchref.AsynqNoop(ctx, redisOpt, 30000)
	if err != nil {
		return fmt.Errorf("asynq ceiling: %w", err)
	}
	pgr, err := benchref.PostgresInsert(ctx, stack.dbURL, 2*time.Second)
	if err != nil {
		return fmt.Errorf("postgres ceiling: %w", err)
	}
	rep.Ceilings = benchCeilings{AsynqEnqueuePerSec: aq.Enqueue.PerSecond, AsynqNoopPerSec: aq.Process.PerSecond,
		PGSingleRowPerSec: pgr.SingleRow.PerSecond, PGBatchedRowPerSec: pgr.Batched.PerSecond}

	pool, err := store.Open(ctx, stack.dbURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	st := store.New(pool)
	for _, r := range demoReps {
		if _, err := st.UpsertRep(ctx, r); err != nil {
			return err
		}
	}
	secret, err := newSecret()
	if err != nil {
		return err
	}
	const typeformSecret = "bench-typeform-secret"
	env := map[string]string{
		config.EnvDatabaseURL: stack.dbURL, config.EnvRedisURL: stack.redisURL,
		config.EnvWebhookSecrets: secret, config.EnvTypeformSecret: typeformSecret,
		config.EnvLogLevel: "error", config.EnvConcurrency: strconv.Itoa(*workerConc),
		config.EnvIntakeRate: "0", config.EnvIntakeConnectorRate: "0",
	}
	procs := &benchProcs{bin: bin, env: env, stderr: stderr}
	defer procs.stopAll()

	// Phase 1: intake alone.
	serveURL, err := procs.start(ctx, "serve")
	if err != nil {
		return err
	}
	rdb := redisOpt.MakeRedisClient().(redis.UniversalClient)
	defer rdb.Close()
	memBefore := redisMemory(ctx, rdb)
	fmt.Fprintf(progress, "intake: posting %d webhooks flat out (%d connections, no worker running) …\n", *leads, *conc)
	intakeRes, err := loadgen.Run(ctx, loadgen.Options{Count: *leads, Concurrency: *conc,
		Build: webhookBuilder(serveURL, secret, typeformSecret, "in", true)})
	if err != nil {
		return fmt.Errorf("intake phase: %w", err)
	}
	memAfter := redisMemory(ctx, rdb)
	accepted := intakeRes.ByStatus[http.StatusAccepted]
	rep.Intake = benchIntake{Requests: intakeRes.Sent, Failed: intakeRes.Failed, ByStatus: intakeRes.ByStatus,
		PerSec: intakeRes.Throughput(), AckMillis: toMillis(loadgen.Summarize(intakeRes.Ack)), Errors: intakeRes.Errors}
	rep.Intake.VsPGSingle = ratio(rep.Intake.PerSec, rep.Ceilings.PGSingleRowPerSec)
	if accepted > 0 && memAfter > memBefore {
		rep.Intake.RedisBytesPerLead = float64(memAfter-memBefore) / float64(accepted)
	}

	// Phase 2: the workers drain the backlog.
	fmt.Fprintf(progress, "end to end: %d worker process(es) drain %d accepted leads …\n", *nWorkers, accepted)
	if *topSQL > 0 {
		if _, err := pool.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS pg_stat_statements`); err != nil {
			return fmt.Errorf("--pg-statements: %w", err)
		}
		if _, err := pool.Exec(ctx, `SELECT pg_stat_statements_reset()`); err != nil {
			return fmt.Errorf("--pg-statements: %w", err)
		}
	}
	drainStart := time.Now()
	for i := range *nWorkers {
		if _, err := procs.start(ctx, fmt.Sprintf("worker#%d", i+1)); err != nil {
			return err
		}
	}
	if _, err := procs.start(ctx, "scheduler"); err != nil {
		return err
	}
	done, failed, last, err := waitDrained(ctx, pool, accepted, 10*time.Minute)
	if err != nil {
		return err
	}
	rep.Drain = benchDrain{Leads: done, Workers: *nWorkers, Failed: failed}
	if secs := last.Sub(drainStart).Seconds(); secs > 0 {
		rep.Drain.Seconds, rep.Drain.LeadsPerSec = secs, float64(done)/secs
	}
	rep.Drain.VsAsynqNoop = ratio(rep.Drain.LeadsPerSec, rep.Ceilings.AsynqNoopPerSec)
	if *topSQL > 0 {
		if rep.Drain.Statements, rep.Drain.StatementsPerLead, err = topStatements(ctx, pool, *topSQL, done); err != nil {
			return err
		}
	}

	// The emails the drained leads queued (rep notifications, nurture) are
	// sent before the next phase, which would otherwise queue behind them.
	if err := waitQueueIdle(ctx, redisOpt, 5*time.Minute); err != nil {
		return err
	}

	// Phase 3: speed to lead with every role running.
	n := int(float64(*rate) * duration.Seconds())
	fmt.Fprintf(progress, "speed to lead: %d leads at %d/s with every role running …\n", n, *rate)
	if *topSQL > 0 {
		if _, err := pool.Exec(ctx, `SELECT pg_stat_statements_reset()`); err != nil {
			return fmt.Errorf("--pg-statements: %w", err)
		}
	}
	speedRes, err := loadgen.Run(ctx, loadgen.Options{Rate: *rate, Count: n, Concurrency: *conc,
		Build: webhookBuilder(serveURL, secret, typeformSecret, "stl", false)})
	if err != nil {
		return fmt.Errorf("speed-to-lead phase: %w", err)
	}
	if _, _, _, err := waitDrained(ctx, pool, accepted+speedRes.ByStatus[http.StatusAccepted], 10*time.Minute); err != nil {
		return err
	}
	rep.Speed, err = speedToLead(ctx, pool, speedRes)
	if err != nil {
		return err
	}
	rep.Speed.Rate = *rate
	if *topSQL > 0 {
		if err := waitQueueIdle(ctx, redisOpt, 5*time.Minute); err != nil {
			return err
		}
		if rep.Speed.Statements, rep.Speed.StatementsPerLead, err = topStatements(ctx, pool, *topSQL, speedRes.ByStatus[http.StatusAccepted]); err != nil {
			return err
		}
	}
	for name, pid := range procs.pids() {
		if _, peak, err := loadgen.ProcessRSS(pid); err == nil {
			rep.PeakRSSBytes[name] = peak
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	printBench(stdout, rep)
	return nil
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}

func printBench(w io.Writer, r benchReport) {
	fmt.Fprintf(w, "\nmachine: %d CPUs, %s, Linux %s (%s)\n", r.Machine.CPUs, r.Machine.GoVersion, r.Machine.Kernel, r.Machine.Note)
	fmt.Fprintln(w, "ceilings (same servers, same run):")
	fmt.Fprintf(w, "  Asynq enqueue (16 goroutines)        %8.0f tasks/s\n", r.Ceilings.AsynqEnqueuePerSec)
	fmt.Fprintf(w, "  Asynq no-op processing (1 server)    %8.0f tasks/s\n", r.Ceilings.AsynqNoopPerSec)
	fmt.Fprintf(w, "  PostgreSQL single-row INSERT (8 conn) %7.0f rows/s\n", r.Ceilings.PGSingleRowPerSec)
	fmt.Fprintf(w, "  PostgreSQL 100-row INSERTs (4 conn)  %8.0f rows/s\n", r.Ceilings.PGBatchedRowPerSec)
	fmt.Fprintln(w, "intake (durable before the 202, no worker running):")
	fmt.Fprintf(w, "  %d requests, %d failed %v\n", r.Intake.Requests, r.Intake.Failed, r.Intake.ByStatus)
	fmt.Fprintf(w, "  %.0f webhooks/s = %.1f× single-row INSERTs\n", r.Intake.PerSec, r.Intake.VsPGSingle)
	fmt.Fprintf(w, "  ack %s\n", r.Intake.AckMillis)
	fmt.Fprintf(w, "  Redis %.0f bytes per queued lead\n", r.Intake.RedisBytesPerLead)
	for _, e := range r.Intake.Errors {
		fmt.Fprintf(w, "  error: %s\n", e)
	}
	fmt.Fprintln(w, "end to end (ingested, deduped, scored, routed; from a backlog):")
	fmt.Fprintf(w, "  %d leads by %d worker process(es) in %.2f s = %.0f leads/s = %.2f× Asynq no-op; %d dead-lettered\n",
		r.Drain.Leads, r.Drain.Workers, r.Drain.Seconds, r.Drain.LeadsPerSec, r.Drain.VsAsynqNoop, r.Drain.Failed)
	if len(r.Drain.Statements) > 0 {
		fmt.Fprintf(w, "  PostgreSQL ran %.1f statements per lead; costliest (share of statement time, calls, mean):\n", r.Drain.StatementsPerLead)
		for _, st := range r.Drain.Statements {
			fmt.Fprintf(w, "  %5.1f%% %8d %7.3f ms  %s\n", 100*st.Share, st.Calls, st.MeanMillis, st.Query)
		}
	}
	fmt.Fprintf(w, "speed to lead (%d leads at %d/s, every role running; %d failed posts):\n", r.Speed.Leads, r.Speed.Rate, r.Speed.Failed)
	fmt.Fprintf(w, "  webhook → routed         %s\n", r.Speed.ToRouted)
	fmt.Fprintf(w, "  webhook → assigned deal  %s\n", r.Speed.ToDeal)
	fmt.Fprintf(w, "  ack                      %s\n", r.Speed.AckMillis)
	if len(r.Speed.Statements) > 0 {
		fmt.Fprintf(w, "  PostgreSQL ran %.1f statements per lead, its emails included; costliest:\n", r.Speed.StatementsPerLead)
		for _, st := range r.Speed.Statements {
			fmt.Fprintf(w, "  %5.1f%% %8d %7.3f ms  %s\n", 100*st.Share, st.Calls, st.MeanMillis, st.Query)
		}
	}
	fmt.Fprintln(w, "peak RSS:")
	for _, name := range slices.Sorted(maps.Keys(r.PeakRSSBytes)) {
		fmt.Fprintf(w, "  %-10s %6.1f MB\n", name, float64(r.PeakRSSBytes[name])/1e6)
	}
}

// webhookBuilder returns signed lead webhooks: even requests in the
// Standard Webhooks format, odd ones as Typeform responses when mixed;
// every other lead is hot (routed to a deal), the rest cold (nurture).
// External ids are "<tag>-<i>", how the latency query finds each lead.
func webhookBuilder(base, secret, typeformSecret, tag string, mixed bool) func(int, time.Time) (*http.Request, error) {
	generic := base + "/v1/webhooks/generic/bench"
	typeform := base + "/v1/webhooks/typeform"
	return func(i int, now time.Time) (*http.Request, error) {
		id := fmt.Sprintf("%s-%d", tag, i)
		answers := `"answers":{"budget":"over_50k","authority":"decision_maker","need":"urgent","timeline":"this_month"},"title":"CEO",`
		if i%4 >= 2 {
			answers = `"title":"Student",`
		}
		if mixed && i%2 == 1 {
			body := fmt.Appendf(nil, `{"event_id":"%s","event_type":"form_response","form_response":{"form_id":"BeNcH","token":"%s","submitted_at":%q,
"definition":{"id":"BeNcH","title":"Bench","fields":[{"id":"f1","ref":"email","type":"email","title":"Email"},{"id":"f2","ref":"full_name","type":"short_text","title":"Name"}]},
"answers":[{"type":"email","email":"%s@bench.example.com","field":{"id":"f1","type":"email","ref":"email"}},{"type":"text","text":"Bench Lead","field":{"id":"f2","type":"short_text","ref":"full_name"}}]}}`,
				id, id, now.UTC().Format(time.RFC3339), id)
			req, err := http.NewRequest(http.MethodPost, typeform, bytes.NewReader(body))
			if err != nil {
				return nil, err
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(connectors.HeaderTypeformSignature, connectors.SignTypeform(typeformSecret, body))
			return req, nil
		}
		body := fmt.Appendf(nil, `{"type":"lead.created","data":{"external_id":"%s","email":"%s@bench.example.com","first_name":"Bench","company":"Bench Co",%s"utm":{"campaign":"bench"}}}`,
			id, id, answers)
		sig, err := connectors.SignStandardWebhook(secret, id, now, body)
		if err != nil {
			return nil, err
		}
		req, err := http.NewRequest(http.MethodPost, generic, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("webhook-id", id)
		req.Header.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
		req.Header.Set("webhook-signature", sig)
		return req, nil
	}
}

// waitDrained waits until `want` events are processed or dead-lettered and
// returns the counts and the last processing time.
func waitDrained(ctx context.Context, pool *pgxpool.Pool, want int, limit time.Duration) (done, failed int, last time.Time, err error) {
	deadline := time.Now().Add(limit)
	for {
		// Pending events are few and indexed: a cheap poll that does not
		// load the database being measured.
		var total, pending int
		err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM inbound_events WHERE status = 'received'),
			(SELECT COALESCE(max(id), 0) FROM inbound_events)`).Scan(&pending, &total)
		if err != nil {
			return 0, 0, time.Time{}, fmt.Errorf("count processed events: %w", err)
		}
		if total-pending >= want {
			var lastAt *time.Time
			err := pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE status = 'processed'), count(*) FILTER (WHERE status = 'failed'),
				max(processed_at) FROM inbound_events`).Scan(&done, &failed, &lastAt)
			if err != nil {
				return 0, 0, time.Time{}, fmt.Errorf("count processed events: %w", err)
			}
			if lastAt != nil {
				last = *lastAt
			}
			return done, failed, last, nil
		}
		if time.Now().After(deadline) {
			return done, failed, last, fmt.Errorf("only %d of %d leads processed after %s", done+failed, want, limit)
		}
		select {
		case <-ctx.Done():
			return done, failed, last, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// speedToLead reads, for every lead of the speed phase, when it was routed
// (its deal opened or its nurture enrollment committed) and compares it
// with when its webhook was sent.
func speedToLead(ctx context.Context, pool *pgxpool.Pool, res loadgen.Result) (benchSpeed, error) {
	rows, err := pool.Query(ctx, `
		SELECT t.external_id, d.created_at, n.enrolled_at FROM touchpoints t
		LEFT JOIN deals d ON d.touchpoint_id = t.id AND d.owner_rep_id IS NOT NULL
		LEFT JOIN nurture_enrollments n ON n.touchpoint_id = t.id
		WHERE t.external_id LIKE 'stl-%'`)
	if err != nil {
		return benchSpeed{}, fmt.Errorf("read routing times: %w", err)
	}
	defer rows.Close()
	var toRouted, toDeal []time.Duration
	var last time.Duration
	for rows.Next() {
		var (
			ext           string
			dealAt, nurAt *time.Time
		)
		if err := rows.Scan(&ext, &dealAt, &nurAt); err != nil {
			return benchSpeed{}, fmt.Errorf("read routing times: %w", err)
		}
		i, err := strconv.Atoi(strings.TrimPrefix(ext, "stl-"))
		if err != nil || i < 0 || i >= len(res.SentAt) || !res.OK[i] {
			continue
		}
		sent := res.SentAt[i]
		switch {
		case dealAt != nil:
			toDeal = append(toDeal, dealAt.Sub(sent))
			toRouted = append(toRouted, dealAt.Sub(sent))
		case nurAt != nil:
			toRouted = append(toRouted, nurAt.Sub(sent))
		default:
			continue
		}
		last = max(last, toRouted[len(toRouted)-1])
	}
	if err := rows.Err(); err != nil {
		return benchSpeed{}, fmt.Errorf("read routing times: %w", err)
	}
	var acks []time.Duration
	for i, ok := range res.OK {
		if ok {
			acks = append(acks, res.Ack[i])
		}
	}
	return benchSpeed{Leads: res.Sent, Failed: res.Failed,
		ToRouted: toMillis(loadgen.Summarize(toRouted)), ToDeal: toMillis(loadgen.Summarize(toDeal)),
		AckMillis: toMillis(loadgen.Summarize(acks)), RoutedWithin: last.Seconds()}, nil
}

// benchProcs runs leadflow roles as child processes of the bench, each on
// its own HTTP port, so their memory is their own and a crash is visible.
type benchProcs struct {
	bin    string
	env    map[string]string
	stderr io.Writer
	procs  []benchProc
}

type benchProc struct {
	name string
	cmd  *exec.Cmd
}

// start runs `leadflow <role>` (the name up to a '#') and waits for its
// /healthz; it returns the process's base URL.
func (b *benchProcs) start(ctx context.Context, name string) (string, error) {
	role, _, _ := strings.Cut(name, "#")
	port, err := localsvc.FreePort()
	if err != nil {
		return "", err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(b.bin, role)
	cmd.Env = os.Environ()
	for k, v := range b.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Env = append(cmd.Env, config.EnvHTTPAddr+"="+addr)
	cmd.Stdout, cmd.Stderr = b.stderr, b.stderr
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("start leadflow %s: %w", role, err)
	}
	b.procs = append(b.procs, benchProc{name: name, cmd: cmd})
	base := "http://" + addr
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base, nil
			}
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("leadflow %s did not answer /healthz within 30s", role)
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (b *benchProcs) pids() map[string]int {
	out := map[string]int{}
	for _, p := range b.procs {
		out[p.name] = p.cmd.Process.Pid
	}
	return out
}

// stopAll asks every process to stop (SIGTERM, as an orchestrator would)
// and kills what is still running after the shutdown bound.
func (b *benchProcs) stopAll() {
	for _, p := range b.procs {
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
	}
	for _, p := range b.procs {
		done := make(chan struct{})
		go func() { _ = p.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = p.cmd.Process.Kill()
			<-done
		}
	}
}

// redisMemory is Redis's used_memory in bytes, 0 when unreadable.
func redisMemory(ctx context.Context, rdb redis.UniversalClient) int64 {
	info, err := rdb.Info(ctx, "memory").Result()
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "used_memory:"); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	return 0
}

func kernelRelease() string {
	b, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(b))
}

// waitQueueIdle waits until no task is pending, active or retrying (tasks
// scheduled for later — SLA timers, nurture steps — do not count).
func waitQueueIdle(ctx context.Context, opt asynq.RedisConnOpt, limit time.Duration) error {
	insp := asynq.NewInspector(opt)
	defer insp.Close()
	deadline := time.Now().Add(limit)
	for {
		if busyTasks(insp) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the queue did not empty within %s", limit)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// topStatements reads pg_stat_statements for the statements of the phase.
func topStatements(ctx context.Context, pool *pgxpool.Pool, n, leads int) ([]benchStatement, float64, error) {
	var total float64
	var calls int64
	if err := pool.QueryRow(ctx, `SELECT COALESCE(sum(total_exec_time), 0), COALESCE(sum(calls), 0)::bigint FROM pg_stat_statements
		WHERE query NOT ILIKE '%pg_stat_statements%'`).Scan(&total, &calls); err != nil {
		return nil, 0, fmt.Errorf("read pg_stat_statements: %w", err)
	}
	rows, err := pool.Query(ctx, `SELECT calls, total_exec_time, mean_exec_time, regexp_replace(query, '\s+', ' ', 'g')
		FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT $1`, n)
	if err != nil {
		return nil, 0, fmt.Errorf("read pg_stat_statements: %w", err)
	}
	defer rows.Close()
	var out []benchStatement
	for rows.Next() {
		var st benchStatement
		if err := rows.Scan(&st.Calls, &st.TotalMillis, &st.MeanMillis, &st.Query); err != nil {
			return nil, 0, fmt.Errorf("read pg_stat_statements: %w", err)
		}
		st.Share = ratio(st.TotalMillis, total)
		if len(st.Query) > 110 {
			st.Query = st.Query[:110] + "…"
		}
		out = append(out, st)
	}
	perLead := 0.0
	if leads > 0 {
		perLead = float64(calls) / float64(leads)
	}
	return out, perLead, rows.Err()
}
