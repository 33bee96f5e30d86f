package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"leadflow/internal/drain"
	"leadflow/internal/loadgen"
	"leadflow/internal/scalebench"
	"leadflow/store"
)

// Scale is the second run of `leadflow bench --contacts N`: the same
// database after the empty-database phases, seeded with N contacts of
// history, with the periodic jobs and reports timed there and intake and
// end to end measured again.
type Scale struct {
	Contacts int               `json:"contacts"`
	Seed     scalebench.Seeded `json:"seed"`
	Sizes    scalebench.Sizes  `json:"sizes"`
	// DatabaseBytesBefore is pg_database_size before seeding (after the
	// empty-database phases); PGBytesPerContact is the growth per seeded
	// contact, its whole history included.
	DatabaseBytesBefore int64   `json:"database_bytes_before_seed"`
	PGBytesPerContact   float64 `json:"pg_bytes_per_contact"`
	// Nurtured contacts were seeded with their whole sequence as outbox
	// rows; RedisBytesPerNurtured is Redis's used_memory growth over the
	// seeding per nurtured contact (no Redis task is written for them).
	Nurtured              int64               `json:"nurtured_contacts"`
	RedisBytesPerNurtured float64             `json:"redis_bytes_per_nurtured_contact_seeded"`
	DeadLetterTasks       int                 `json:"dead_letter_tasks_archived"`
	Jobs                  []scalebench.Timing `json:"periodic_jobs"`
	Reports               []scalebench.Timing `json:"reports"`
	ExplainDir            string              `json:"explain_dir"`
	// Intake and Drain are the empty-database phases again, at size, with
	// their ratios to the empty-database figures of the same run.
	Intake        Intake  `json:"intake"`
	Drain         Drain   `json:"end_to_end"`
	IntakeVsEmpty float64 `json:"intake_ratio_to_empty"`
	DrainVsEmpty  float64 `json:"end_to_end_ratio_to_empty"`
	// RedisBytesPerNurturedLead is Redis's used_memory growth from before
	// the intake at size to after its leads were routed and their due
	// emails sent, per lead the product path nurtured: what the sequences
	// it queued left in Redis.
	NurturedLeads             int64   `json:"nurtured_leads"`
	RedisBytesPerNurturedLead float64 `json:"redis_bytes_per_nurtured_lead_after_drain"`
	// ScheduledTasks are the tasks waiting in Redis for a later time after
	// that drain: long-dated work the product left there (0 when every
	// later step waits as a row).
	ScheduledTasks int `json:"scheduled_tasks_after_drain"`
}

// scaleRun is what the seeded run shares with the empty-database one.
type scaleRun struct {
	o        Options
	pool     *pgxpool.Pool
	st       *store.Store
	rdb      redis.UniversalClient
	redisOpt asynq.RedisConnOpt
	env      map[string]string
	secret   string
	empty    Report
}

// runScale seeds o.Contacts contacts and measures at that size. The roles
// of the empty-database phases are stopped by then, so nothing but the
// measured job runs while it is timed.
func runScale(ctx context.Context, r scaleRun) (Scale, error) {
	o := r.o
	sc := Scale{Contacts: o.Contacts, ExplainDir: o.ExplainDir}
	var err error
	if sc.DatabaseBytesBefore, err = scalebench.DatabaseBytes(ctx, r.pool); err != nil {
		return sc, err
	}
	maxEnrollment, err := scalebench.MaxEnrollment(ctx, r.pool)
	if err != nil {
		return sc, err
	}
	memBefore := redisMemory(ctx, r.rdb)
	fmt.Fprintf(o.Progress, "scale: seeding %d contacts with a year of history by SQL …\n", o.Contacts)
	if sc.Seed, err = scalebench.Seed(ctx, r.pool, scalebench.SeedOptions{Contacts: o.Contacts, Now: time.Now(), Progress: o.Progress}); err != nil {
		return sc, err
	}
	memAfter := redisMemory(ctx, r.rdb)
	if sc.Nurtured, err = scalebench.EnrollmentsAbove(ctx, r.pool, maxEnrollment); err != nil {
		return sc, err
	}
	if sc.Nurtured > 0 {
		sc.RedisBytesPerNurtured = float64(max(memAfter-memBefore, 0)) / float64(sc.Nurtured)
	}
	fmt.Fprintln(o.Progress, "scale: measuring sizes …")
	if sc.Sizes, err = scalebench.Measure(ctx, r.pool); err != nil {
		return sc, err
	}
	sc.PGBytesPerContact = float64(sc.Sizes.DatabaseBytes-sc.DatabaseBytesBefore) / float64(o.Contacts)
	if sc.DeadLetterTasks, err = scalebench.ArchiveDeadLetters(ctx, r.pool, r.redisOpt); err != nil {
		return sc, err
	}

	fmt.Fprintf(o.Progress, "scale: timing the periodic jobs and reports (median of %d; plans in %s) …\n", scalebench.Runs, o.ExplainDir)
	env := scalebench.Env{Pool: r.pool, Store: r.st, Redis: r.redisOpt, ExplainDir: o.ExplainDir, Now: time.Now()}
	if sc.Jobs, err = scalebench.Jobs(ctx, env); err != nil {
		return sc, err
	}
	if sc.Reports, err = scalebench.Reports(ctx, env); err != nil {
		return sc, err
	}

	if err := seededPhases(ctx, r, &sc); err != nil {
		return sc, err
	}
	sc.IntakeVsEmpty = ratio(sc.Intake.PerSec, r.empty.Intake.PerSec)
	sc.DrainVsEmpty = ratio(sc.Drain.LeadsPerSec, r.empty.Drain.LeadsPerSec)
	return sc, nil
}

// seededPhases repeats the intake and end-to-end phases on the seeded
// database with fresh roles: intake with no worker, then the workers and
// the scheduler (whose relay now walks the dead letters) drain it.
func seededPhases(ctx context.Context, r scaleRun, sc *Scale) error {
	o := r.o
	procs := &roleProcs{bin: o.Binary, env: r.env, stderr: o.Stderr}
	defer procs.stopAll()
	serveURL, err := procs.start(ctx, "serve")
	if err != nil {
		return err
	}
	before, err := r.st.EventOutcomes(ctx)
	if err != nil {
		return err
	}
	pending, total, err := r.st.EventBacklog(ctx)
	if err != nil {
		return err
	}
	maxEnrollment, err := scalebench.MaxEnrollment(ctx, r.pool)
	if err != nil {
		return err
	}
	memBefore := redisMemory(ctx, r.rdb)
	fmt.Fprintf(o.Progress, "scale: intake at %d contacts: posting %d webhooks flat out …\n", o.Contacts, o.Leads)
	res, err := loadgen.Run(ctx, loadgen.Options{Count: o.Leads, Concurrency: o.Concurrency,
		Build: webhookBuilder(serveURL, r.secret, typeformSecret, "scale", true)})
	if err != nil {
		return fmt.Errorf("intake phase at size: %w", err)
	}
	memQueued := redisMemory(ctx, r.rdb)
	accepted := res.ByStatus[http.StatusAccepted]
	sc.Intake = Intake{Requests: res.Sent, Failed: res.Failed, ByStatus: res.ByStatus, PerSec: res.Throughput(),
		AckMillis: toMillis(loadgen.Summarize(res.Ack)), Errors: res.Errors}
	sc.Intake.VsPGSingle = ratio(sc.Intake.PerSec, r.empty.Ceilings.PGSingleRowPerSec)
	if accepted > 0 && memQueued > memBefore {
		sc.Intake.RedisBytesPerLead = float64(memQueued-memBefore) / float64(accepted)
	}

	fmt.Fprintf(o.Progress, "scale: end to end at %d contacts: %d worker process(es) drain %d leads …\n", o.Contacts, o.Workers, accepted)
	start := time.Now()
	for i := range o.Workers {
		if _, err := procs.start(ctx, fmt.Sprintf("worker#%d", i+1)); err != nil {
			return err
		}
	}
	if _, err := procs.start(ctx, "scheduler"); err != nil {
		return err
	}
	// Drained counts events no longer pending against the highest id: the
	// seeded ones already count.
	after, err := drain.Drained(ctx, r.st, int(total-pending)+accepted, 10*time.Minute)
	if err != nil {
		return err
	}
	done := int(after.Processed - before.Processed)
	sc.Drain = Drain{Leads: done, Workers: o.Workers, Failed: int(after.Failed - before.Failed)}
	if secs := after.LastProcessedAt.Sub(start).Seconds(); secs > 0 {
		sc.Drain.Seconds, sc.Drain.LeadsPerSec = secs, float64(done)/secs
	}
	sc.Drain.VsAsynqNoop = ratio(sc.Drain.LeadsPerSec, r.empty.Ceilings.AsynqNoopPerSec)
	if err := drain.QueueIdle(ctx, r.redisOpt, 5*time.Minute); err != nil {
		return err
	}
	if sc.NurturedLeads, err = scalebench.EnrollmentsAbove(ctx, r.pool, maxEnrollment); err != nil {
		return err
	}
	if sc.NurturedLeads > 0 {
		sc.RedisBytesPerNurturedLead = float64(max(redisMemory(ctx, r.rdb)-memBefore, 0)) / float64(sc.NurturedLeads)
	}
	sc.ScheduledTasks, err = scheduledTasks(r.redisOpt)
	return err
}

// scheduledTasks counts the tasks Redis holds for later, over every queue.
func scheduledTasks(opt asynq.RedisConnOpt) (int, error) {
	in := asynq.NewInspector(opt)
	defer in.Close()
	queues, err := in.Queues()
	if err != nil {
		return 0, fmt.Errorf("list queues: %w", err)
	}
	n := 0
	for _, q := range queues {
		info, err := in.GetQueueInfo(q)
		if err != nil {
			return 0, fmt.Errorf("read queue %s: %w", q, err)
		}
		n += info.Scheduled
	}
	return n, nil
}

// printScale writes the seeded run's figures beside the empty ones.
func printScale(w io.Writer, r Report) {
	s := r.Scale
	fmt.Fprintf(w, "at %d contacts (seeded by SQL in %.0f s, VACUUM ANALYZE %.0f s of it):\n", s.Contacts, s.Seed.Seconds, s.Seed.VacuumSeconds)
	fmt.Fprintf(w, "  PostgreSQL %.2f GB = %.0f bytes per contact; largest tables:\n", float64(s.Sizes.DatabaseBytes)/1e9, s.PGBytesPerContact)
	for i, t := range s.Sizes.Tables {
		if i == 8 {
			break
		}
		fmt.Fprintf(w, "    %-22s %11d rows %9.1f MB\n", t.Name, t.Rows, float64(t.Bytes)/1e6)
	}
	fmt.Fprintf(w, "  Redis %.1f bytes per nurtured contact seeded (%d, whole sequence as outbox rows)\n", s.RedisBytesPerNurtured, s.Nurtured)
	fmt.Fprintf(w, "  Redis %.0f bytes per lead nurtured at size after its drain (%d; tasks kept for their retention), %d tasks scheduled for later\n",
		s.RedisBytesPerNurturedLead, s.NurturedLeads, s.ScheduledTasks)
	fmt.Fprintf(w, "  periodic jobs and reports (median of %d, rows; plans in %s):\n", scalebench.Runs, s.ExplainDir)
	for _, t := range append(append([]scalebench.Timing{}, s.Jobs...), s.Reports...) {
		fmt.Fprintf(w, "    %-22s %9.1f ms %8d rows\n", t.Name, t.MedianMillis, t.Rows)
	}
	fmt.Fprintf(w, "  intake      %6.0f webhooks/s = %.2f× empty (%.0f)  ack %s\n", s.Intake.PerSec, s.IntakeVsEmpty, r.Intake.PerSec, s.Intake.AckMillis)
	fmt.Fprintf(w, "  end to end  %6.0f leads/s    = %.2f× empty (%.0f); %d leads, %d dead-lettered\n",
		s.Drain.LeadsPerSec, s.DrainVsEmpty, r.Drain.LeadsPerSec, s.Drain.Leads, s.Drain.Failed)
}
