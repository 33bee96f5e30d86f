package scalebench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"leadflow/reporting"
	"leadflow/scoring"
	"leadflow/store"
	"leadflow/workers"
)

// Runs is how often each job is timed; the median is reported.
const Runs = 3

// Timing is one periodic job or report timed Runs times.
type Timing struct {
	Name string `json:"name"`
	// Rows is what the last run returned (contacts of the sweep's page, deals
	// stalled, report rows, events the relay enqueued).
	Rows         int       `json:"rows"`
	RunsMillis   []float64 `json:"runs_ms"`
	MedianMillis float64   `json:"median_ms"`
	// Explain is the file holding EXPLAIN (ANALYZE, BUFFERS) of the query.
	Explain string `json:"explain_file,omitempty"`
}

// job is one thing to time: run it, and explain its query (a file under
// sql/explain, the copy of the generated query) with args.
type job struct {
	name    string
	run     func(ctx context.Context) (int, error)
	explain string
	args    []any
	// noJIT explains with JIT compilation off, as the store runs reports.
	noJIT bool
}

// Env is what the jobs run against.
type Env struct {
	Pool  *pgxpool.Pool
	Store *store.Store
	// Redis is where the relay looks tasks up (the dead letters).
	Redis asynq.RedisConnOpt
	// ExplainDir receives one <name>.txt per explained query.
	ExplainDir string
	// Now is the jobs' clock.
	Now time.Time
}

// discard takes the relay's tasks without putting them in Redis, so every
// timed pass finds the same database and Redis as the first.
type discard struct{}

func (discard) EnqueueContext(context.Context, *asynq.Task, ...asynq.Option) (*asynq.TaskInfo, error) {
	return &asynq.TaskInfo{}, nil
}

// Jobs times one run of each periodic job the relay and the scheduler make,
// with the arguments they use: due emails, callbacks and first-touch checks
// (the relay's batch of 500, due a minute ago), a whole relay pass
// (workers.Relay.RunOnce: its walk over the pending events, each task
// looked up in Redis, then the three due reads; the tasks it would
// enqueue are discarded), one page of the rescoring sweep's read (the
// first workers.SweepPageSize contacts of its work list: the unit one
// score:sweep task reads; what the page would forget is not deleted, so
// the three runs read the same rows) and the stall sweep's (1,000 rows).
func Jobs(ctx context.Context, e Env) ([]Timing, error) {
	before := e.Now.Add(-time.Minute)
	in := asynq.NewInspector(e.Redis)
	defer in.Close()
	horizon := 8 * scoring.DefaultRules().Engagement.HalfLife
	count := func(n int, err error) (int, error) { return n, err }
	jobs := []job{
		{"due_emails", func(ctx context.Context) (int, error) {
			r, err := e.Store.DueEmails(ctx, before, 500)
			return count(len(r), err)
		}, "due_emails", []any{before, int32(500)}, false},
		{"relay_pass", func(ctx context.Context) (int, error) {
			relay := workers.NewRelay(workers.RelayConfig{Store: e.Store, Enqueuer: discard{},
				TaskExists: workers.TaskExists(in), NowFunc: func() time.Time { return e.Now }})
			return relay.RunOnce(ctx)
		}, "relay_pending_events", []any{e.Now.Add(-30 * time.Second), time.Time{}, int64(0), int32(500)}, false},
		{"due_callbacks", func(ctx context.Context) (int, error) {
			r, err := e.Store.DueCallbacks(ctx, before, 500)
			return count(len(r), err)
		}, "due_callbacks", []any{before, int32(500)}, false},
		{"due_slas", func(ctx context.Context) (int, error) {
			r, err := e.Store.DueSLAs(ctx, before, 500)
			return count(len(r), err)
		}, "due_slas", []any{before, int32(500)}, false},
		{"rescoring_sweep_page", func(ctx context.Context) (int, error) {
			active, expired, err := e.Store.ContactsToRescore(ctx, 0, e.Now.Add(-horizon), workers.SweepPageSize)
			return count(len(active)+len(expired), err)
		}, "contacts_to_rescore", []any{int64(0), int32(workers.SweepPageSize)}, false},
		{"stall_sweep", func(ctx context.Context) (int, error) {
			r, err := e.Store.StalledDeals(ctx, e.Now, 1000)
			return count(len(r), err)
		}, "stalled_deals", []any{e.Now, int32(1000)}, false},
	}
	return timeAll(ctx, e, jobs)
}

// Reports times the funnel and the (linear) attribution report by source,
// as `leadflow report funnel|attribution` reads them (reporting.Run), for
// the last full calendar month before Now and for all time.
func Reports(ctx context.Context, e Env) ([]Timing, error) {
	y, m, _ := e.Now.UTC().Date()
	to := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	from := to.AddDate(0, -1, 0)
	report := func(name string, from, to time.Time) func(context.Context) (int, error) {
		return func(ctx context.Context) (int, error) {
			res, err := reporting.Run(ctx, e.Store, name, reporting.Query{From: from, To: to})
			return len(res.Funnel) + len(res.Attribution), err
		}
	}
	// All time is explained with the bounds the store passes for it.
	allFrom, allTo := store.ReportBounds(time.Time{}, time.Time{})
	jobs := []job{
		{"funnel_month", report("funnel", from, to), "funnel", []any{from, to, reporting.DefaultBy}, true},
		{"funnel_all_time", report("funnel", time.Time{}, time.Time{}), "funnel", []any{allFrom, allTo, reporting.DefaultBy}, true},
		{"attribution_month", report("attribution", from, to), "attribution", attributionArgs(from, to), true},
		{"attribution_all_time", report("attribution", time.Time{}, time.Time{}), "attribution", attributionArgs(allFrom, allTo), true},
	}
	return timeAll(ctx, e, jobs)
}

// attributionArgs are the attribution query's parameters as reporting.Run
// passes them by default: from, to, by, touches, model, half-life seconds.
func attributionArgs(from, to time.Time) []any {
	return []any{from, to, reporting.DefaultBy, reporting.DefaultTouches, reporting.DefaultModel, reporting.DefaultHalfLife.Seconds()}
}

// timeAll runs every job Runs times, then saves its query's plan.
func timeAll(ctx context.Context, e Env, jobs []job) ([]Timing, error) {
	if err := os.MkdirAll(e.ExplainDir, 0o755); err != nil {
		return nil, fmt.Errorf("--explain-dir: %w", err)
	}
	out := make([]Timing, 0, len(jobs))
	for _, j := range jobs {
		t := Timing{Name: j.name}
		for range Runs {
			start := time.Now()
			n, err := j.run(ctx)
			if err != nil {
				return out, fmt.Errorf("time %s: %w", j.name, err)
			}
			t.RunsMillis = append(t.RunsMillis, float64(time.Since(start).Microseconds())/1000)
			t.Rows = n
		}
		t.MedianMillis = median(t.RunsMillis)
		path := filepath.Join(e.ExplainDir, j.name+".txt")
		if err := explain(ctx, e.Pool, j, path); err != nil {
			return out, fmt.Errorf("explain %s: %w", j.name, err)
		}
		t.Explain = path
		out = append(out, t)
	}
	return out, nil
}

// explain runs EXPLAIN (ANALYZE, BUFFERS) of the job's query with its
// arguments (in a read-only transaction, without JIT for a noJIT job) and
// writes the query, its arguments and the plan to path.
func explain(ctx context.Context, pool *pgxpool.Pool, j job, path string) error {
	file, args := j.explain, j.args
	q := sqlText("explain/" + file + ".sql")
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if j.noJIT {
		if _, err := tx.Exec(ctx, "SET LOCAL jit = off"); err != nil {
			return err
		}
	}
	rows, err := tx.Query(ctx, "EXPLAIN (ANALYZE, BUFFERS) "+q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n-- arguments: %s\n\n", strings.TrimSpace(q), formatArgs(args))
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		b.WriteString(line + "\n")
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func formatArgs(args []any) string {
	parts := make([]string, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case *time.Time:
			if v == nil {
				parts[i] = fmt.Sprintf("$%d = NULL", i+1)
				continue
			}
			a = v.Format(time.RFC3339)
		case time.Time:
			a = v.Format(time.RFC3339)
		}
		parts[i] = fmt.Sprintf("$%d = %v", i+1, a)
	}
	return strings.Join(parts, ", ")
}

// median of a non-empty sample.
func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
