// Package bench is `leadflow bench`: it measures leadflow against the
// machine's own ceilings. It starts PostgreSQL (fsync on: durability is
// what is measured) and Redis (internal/localstack), measures bare Asynq
// and PostgreSQL rates (internal/benchref), then runs leadflow as real
// processes (serve, worker, scheduler) and drives them with signed
// webhooks (internal/loadgen) in three phases: intake flat out with no
// worker running (ack latency, requests/s, Redis bytes per queued lead),
// the workers draining that backlog (leads/s end to end), and speed to lead
// at a fixed rate with everything running (webhook → routed).
package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"leadflow/config"
	"leadflow/internal/benchref"
	"leadflow/internal/demo"
	"leadflow/internal/drain"
	"leadflow/internal/loadgen"
	"leadflow/internal/localstack"
	"leadflow/internal/localsvc"
	"leadflow/store"
)

// Options describe one benchmark run; the command line checks them.
type Options struct {
	// Binary is the leadflow executable the roles run as.
	Binary string
	// Dir holds the benchmark's PostgreSQL and Redis data.
	Dir string
	// Leads are posted flat out in the intake phase, then drained.
	Leads int
	// Concurrency is the connections the load generator keeps open.
	Concurrency int
	// Rate (leads/s) and Duration shape the speed-to-lead phase.
	Rate     int
	Duration time.Duration
	// Workers is the number of worker processes, each running
	// WorkerConcurrency tasks at once.
	Workers, WorkerConcurrency int
	// Statements > 0 profiles PostgreSQL (pg_stat_statements) in the
	// end-to-end and speed phases and keeps that many costliest statements.
	Statements int
	// Contacts > 0 seeds that many contacts after the empty-database
	// phases and measures again at that size (Scale); ExplainDir receives
	// the plans of the periodic jobs and reports.
	Contacts   int
	ExplainDir string
	// PGSettings are extra PostgreSQL settings ("name=value", from
	// --pg-setting), applied to the benchmark's server and recorded in
	// the report: a 10M-contact run wants a server sized for its data.
	PGSettings []string
	// Progress receives a line as each phase starts; Stderr the roles'
	// output.
	Progress, Stderr io.Writer
}

// typeformSecret signs the benchmark's Typeform webhooks.
const typeformSecret = "bench-typeform-secret"

// Run measures; see the package comment.
func Run(ctx context.Context, o Options) (Report, error) {
	pgOpts := localsvc.PostgresOptions{Fsync: true}
	if o.Statements > 0 {
		pgOpts.Settings = []string{"shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all"}
	}
	pgOpts.Settings = append(pgOpts.Settings, o.PGSettings...)
	stack, err := localstack.Start(ctx, o.Dir, pgOpts)
	if err != nil {
		return Report{}, err
	}
	defer stack.Stop(ctx)
	rep := Report{PeakRSSBytes: map[string]int64{}}
	rep.Machine = Machine{CPUs: runtime.NumCPU(), GoVersion: runtime.Version(), Kernel: kernelRelease(),
		Note: "load generator, leadflow, Redis and PostgreSQL share the machine, on loopback", PGSettings: o.PGSettings}

	fmt.Fprintln(o.Progress, "measuring the machine's ceilings (Asynq no-op, PostgreSQL INSERT) …")
	redisOpt, err := asynq.ParseRedisURI(stack.RedisURL)
	if err != nil {
		return rep, err
	}
	aq, err := benchref.AsynqNoop(ctx, redisOpt, 30000)
	if err != nil {
		return rep, fmt.Errorf("asynq ceiling: %w", err)
	}
	pgr, err := benchref.PostgresInsert(ctx, stack.DatabaseURL, 2*time.Second)
	if err != nil {
		return rep, fmt.Errorf("postgres ceiling: %w", err)
	}
	rep.Ceilings = Ceilings{AsynqEnqueuePerSec: aq.Enqueue.PerSecond, AsynqNoopPerSec: aq.Process.PerSecond,
		PGSingleRowPerSec: pgr.SingleRow.PerSecond, PGBatchedRowPerSec: pgr.Batched.PerSecond}

	pool, err := store.Open(ctx, stack.DatabaseURL)
	if err != nil {
		return rep, err
	}
	defer pool.Close()
	st := store.New(pool)
	if _, err := demo.SeedReps(ctx, st); err != nil {
		return rep, err
	}
	secret, err := demo.NewSecret()
	if err != nil {
		return rep, err
	}
	env := map[string]string{
		config.EnvDatabaseURL: stack.DatabaseURL, config.EnvRedisURL: stack.RedisURL,
		config.EnvWebhookSecrets: secret, config.EnvTypeformSecret: typeformSecret,
		config.EnvLogLevel: "error", config.EnvConcurrency: strconv.Itoa(o.WorkerConcurrency),
		config.EnvIntakeRate: "0", config.EnvIntakeConnectorRate: "0",
	}
	procs := &roleProcs{bin: o.Binary, env: env, stderr: o.Stderr}
	defer procs.stopAll()

	// Phase 1: intake alone.
	serveURL, err := procs.start(ctx, "serve")
	if err != nil {
		return rep, err
	}
	rdb := redisOpt.MakeRedisClient().(redis.UniversalClient)
	defer rdb.Close()
	memBefore := redisMemory(ctx, rdb)
	fmt.Fprintf(o.Progress, "intake: posting %d webhooks flat out (%d connections, no worker running) …\n", o.Leads, o.Concurrency)
	intakeRes, err := loadgen.Run(ctx, loadgen.Options{Count: o.Leads, Concurrency: o.Concurrency,
		Build: webhookBuilder(serveURL, secret, typeformSecret, "in", true)})
	if err != nil {
		return rep, fmt.Errorf("intake phase: %w", err)
	}
	memAfter := redisMemory(ctx, rdb)
	accepted := intakeRes.ByStatus[http.StatusAccepted]
	rep.Intake = Intake{Requests: intakeRes.Sent, Failed: intakeRes.Failed, ByStatus: intakeRes.ByStatus,
		PerSec: intakeRes.Throughput(), AckMillis: toMillis(loadgen.Summarize(intakeRes.Ack)), Errors: intakeRes.Errors}
	rep.Intake.VsPGSingle = ratio(rep.Intake.PerSec, rep.Ceilings.PGSingleRowPerSec)
	if accepted > 0 && memAfter > memBefore {
		rep.Intake.RedisBytesPerLead = float64(memAfter-memBefore) / float64(accepted)
	}

	// Phase 2: the workers drain the backlog.
	fmt.Fprintf(o.Progress, "end to end: %d worker process(es) drain %d accepted leads …\n", o.Workers, accepted)
	if o.Statements > 0 {
		if err := startStatements(ctx, pool); err != nil {
			return rep, err
		}
	}
	drainStart := time.Now()
	for i := range o.Workers {
		if _, err := procs.start(ctx, fmt.Sprintf("worker#%d", i+1)); err != nil {
			return rep, err
		}
	}
	if _, err := procs.start(ctx, "scheduler"); err != nil {
		return rep, err
	}
	outcomes, err := drain.Drained(ctx, st, accepted, 10*time.Minute)
	if err != nil {
		return rep, err
	}
	done := int(outcomes.Processed)
	rep.Drain = Drain{Leads: done, Workers: o.Workers, Failed: int(outcomes.Failed)}
	if secs := outcomes.LastProcessedAt.Sub(drainStart).Seconds(); secs > 0 {
		rep.Drain.Seconds, rep.Drain.LeadsPerSec = secs, float64(done)/secs
	}
	rep.Drain.VsAsynqNoop = ratio(rep.Drain.LeadsPerSec, rep.Ceilings.AsynqNoopPerSec)
	if o.Statements > 0 {
		if rep.Drain.Statements, rep.Drain.StatementsPerLead, err = topStatements(ctx, pool, o.Statements, done); err != nil {
			return rep, err
		}
	}

	// The emails the drained leads queued (rep notifications, nurture) are
	// sent before the next phase, which would otherwise queue behind them.
	if err := drain.QueueIdle(ctx, redisOpt, 5*time.Minute); err != nil {
		return rep, err
	}

	// Phase 3: speed to lead with every role running.
	n := int(float64(o.Rate) * o.Duration.Seconds())
	fmt.Fprintf(o.Progress, "speed to lead: %d leads at %d/s with every role running …\n", n, o.Rate)
	if o.Statements > 0 {
		if err := resetStatements(ctx, pool); err != nil {
			return rep, err
		}
	}
	speedRes, err := loadgen.Run(ctx, loadgen.Options{Rate: o.Rate, Count: n, Concurrency: o.Concurrency,
		Build: webhookBuilder(serveURL, secret, typeformSecret, speedTag, false)})
	if err != nil {
		return rep, fmt.Errorf("speed-to-lead phase: %w", err)
	}
	if _, err := drain.Drained(ctx, st, accepted+speedRes.ByStatus[http.StatusAccepted], 10*time.Minute); err != nil {
		return rep, err
	}
	rep.Speed, err = speedToLead(ctx, st, speedRes)
	if err != nil {
		return rep, err
	}
	rep.Speed.Rate = o.Rate
	if o.Statements > 0 {
		if err := drain.QueueIdle(ctx, redisOpt, 5*time.Minute); err != nil {
			return rep, err
		}
		if rep.Speed.Statements, rep.Speed.StatementsPerLead, err = topStatements(ctx, pool, o.Statements, speedRes.ByStatus[http.StatusAccepted]); err != nil {
			return rep, err
		}
	}
	for name, pid := range procs.pids() {
		if _, peak, err := loadgen.ProcessRSS(pid); err == nil {
			rep.PeakRSSBytes[name] = peak
		}
	}
	if o.Contacts > 0 {
		procs.stopAll()
		sc, err := runScale(ctx, scaleRun{o: o, pool: pool, st: st, rdb: rdb, redisOpt: redisOpt, env: env, secret: secret, empty: rep})
		rep.Scale = &sc
		if err != nil {
			return rep, fmt.Errorf("at %d contacts: %w", o.Contacts, err)
		}
	}
	return rep, nil
}

// speedTag starts the external ids of the speed phase's leads, how
// speedToLead finds them.
const speedTag = "stl"

// speedToLead reads, for every lead of the speed phase, when it was routed
// (its deal opened or its nurture enrollment committed) and compares it
// with when its webhook was sent.
func speedToLead(ctx context.Context, st *store.Store, res loadgen.Result) (Speed, error) {
	routed, err := st.RoutingTimes(ctx, speedTag+"-")
	if err != nil {
		return Speed{}, err
	}
	var toRouted, toDeal []time.Duration
	var last time.Duration
	for _, r := range routed {
		i, err := strconv.Atoi(strings.TrimPrefix(r.ExternalID, speedTag+"-"))
		if err != nil || i < 0 || i >= len(res.SentAt) || !res.OK[i] {
			continue
		}
		sent := res.SentAt[i]
		switch {
		case r.DealAt != nil:
			toDeal = append(toDeal, r.DealAt.Sub(sent))
			toRouted = append(toRouted, r.DealAt.Sub(sent))
		case r.NurturedAt != nil:
			toRouted = append(toRouted, r.NurturedAt.Sub(sent))
		default:
			continue
		}
		last = max(last, toRouted[len(toRouted)-1])
	}
	var acks []time.Duration
	for i, ok := range res.OK {
		if ok {
			acks = append(acks, res.Ack[i])
		}
	}
	return Speed{Leads: res.Sent, Failed: res.Failed,
		ToRouted: toMillis(loadgen.Summarize(toRouted)), ToDeal: toMillis(loadgen.Summarize(toDeal)),
		AckMillis: toMillis(loadgen.Summarize(acks)), RoutedWithin: last.Seconds()}, nil
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

// kernelRelease names the Linux kernel the figures were measured on.
func kernelRelease() string {
	b, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(b))
}
