package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5"

	"leadflow/config"
	"leadflow/internal/demo"
	"leadflow/internal/localsvc"
	"leadflow/lead"
	"leadflow/migrations"
	"leadflow/scoring"
	"leadflow/store"
	"leadflow/workers"
)

// demoReps are the reps the demo seeds, so round robin has someone to assign.
var demoReps = []lead.Rep{
	{Name: "Avery Rep", Email: "avery@reps.example.com", Territory: "US", Active: true},
	{Name: "Blake Rep", Email: "blake@reps.example.com", Territory: "GB", Active: true},
	{Name: "Casey Rep", Email: "casey@reps.example.com", Territory: "DE", Active: true},
}

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo", "Usage: leadflow demo [flags]\n\nStarts PostgreSQL and Redis on free loopback ports under --dir, migrates a fresh\n'leadflow' database, seeds three reps, runs serve+worker+scheduler in this process,\nposts signed synthetic leads to the generic webhook and prints what happened.\nLEADFLOW_HTTP_ADDR is used when free (default 127.0.0.1:8080), else a free port.", stdout)
	dir := fs.String("dir", ".leadflow", "directory for the demo's PostgreSQL and Redis data (created if missing)")
	n := fs.Int("leads", 300, "number of synthetic leads to post")
	seed := fs.Int64("seed", 1, "seed of the synthetic lead generator (same seed, same leads)")
	exit := fs.Bool("exit", false, "stop after printing the report instead of running until Ctrl-C")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	if *n < 1 {
		return fs.errorf("--leads: expected a positive number, got %d", *n)
	}
	say := func(format string, args ...any) { fmt.Fprintf(stdout, format+"\n", args...) }
	say("leadflow demo: starting PostgreSQL and Redis under %s ...", *dir)
	stack, err := startLocalStack(ctx, *dir)
	if err != nil {
		return err
	}
	defer stack.stop()
	absDir, dbURL, redisURL := stack.dir, stack.dbURL, stack.redisURL

	secret, err := newSecret()
	if err != nil {
		return err
	}
	env := map[string]string{
		config.EnvDatabaseURL:    dbURL,
		config.EnvRedisURL:       redisURL,
		config.EnvWebhookSecrets: secret,
		config.EnvLogLevel:       "warn",
	}
	cfg, err := config.Load(func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		return os.Getenv(k)
	})
	if err != nil {
		return fmt.Errorf("invalid configuration: %w", err)
	}
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return fmt.Errorf("listen: %w", err)
		}
	}
	baseURL := "http://" + ln.Addr().String()

	// Worker logs go to a file so the report stays readable.
	logFile, err := os.Create(filepath.Join(absDir, "leadflow.log"))
	if err != nil {
		return fmt.Errorf("create demo log: %w", err)
	}
	defer logFile.Close()
	a, err := newApp(ctx, cfg, logFile)
	if err != nil {
		return err
	}
	defer a.close()
	for _, r := range demoReps {
		if _, err := a.store.UpsertRep(ctx, r); err != nil {
			return err
		}
	}
	if err := a.rdb.FlushDB(ctx).Err(); err != nil {
		return fmt.Errorf("clear the demo's Redis database: %w", err)
	}

	runCtx, stopRoles := context.WithCancel(ctx)
	defer stopRoles()
	rolesDone := make(chan error, 1)
	go func() { rolesDone <- a.runRoles(runCtx, ln, roles{http: true, worker: true, relay: true}) }()

	say("  PostgreSQL  %s", dbURL)
	say("  Redis       %s", redisURL)
	say("  HTTP        %s  (metrics: %s/metrics, readiness: %s/readyz)", baseURL, baseURL, baseURL)
	say("  Logs        %s", logFile.Name())
	say("")

	hooks := demo.Generate(*seed, *n, time.Now())
	client := &http.Client{Timeout: 10 * time.Second}
	rep, err := demo.Post(ctx, client, baseURL, secret, hooks, 8)
	if err != nil {
		return fmt.Errorf("post demo leads: %w", err)
	}
	say("Posted %d signed webhooks in %s (%.0f/s): %s", rep.Sent, rep.Elapsed.Round(time.Millisecond),
		float64(rep.Sent)/rep.Elapsed.Seconds(), statusLine(rep.ByStatus))
	replay := hooks[:min(10, len(hooks))]
	again, err := demo.Post(ctx, client, baseURL, secret, replay, 4)
	if err != nil {
		return fmt.Errorf("replay demo leads: %w", err)
	}
	say("Replayed %d of them, as a provider retry would: %s (nothing new created)", again.Sent, statusLine(again.ByStatus))

	start := time.Now()
	if err := waitProcessed(ctx, a, rep.ByStatus[http.StatusAccepted]); err != nil {
		return err
	}
	say("All leads ingested, scored and routed in %s.", time.Since(start).Round(time.Millisecond))
	say("")
	sum, err := a.store.Summarize(ctx)
	if err != nil {
		return err
	}
	printSummary(stdout, sum)
	if err := printMail(ctx, a, stdout); err != nil {
		return err
	}
	if err := printExample(ctx, a, stdout); err != nil {
		return err
	}

	if *exit {
		stopRoles()
		return <-rolesDone
	}
	say("")
	say("leadflow is still running: try  curl %s/metrics | grep ^leadflow_", baseURL)
	say("Press Ctrl-C to stop everything the demo started.")
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

// recreateDatabase gives every demo run a fresh database: the generator is
// seeded, so a second run would otherwise be all duplicates.
func recreateDatabase(ctx context.Context, adminURL, name string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("connect to the demo PostgreSQL: %w", err)
	}
	defer conn.Close(ctx)
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop demo database: %w", err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		return fmt.Errorf("create demo database: %w", err)
	}
	return nil
}

func newSecret() (string, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return "", fmt.Errorf("generate webhook secret: %w", err)
	}
	return "whsec_" + base64.StdEncoding.EncodeToString(key), nil
}

// waitProcessed waits until every accepted event is processed (or failed)
// and the queue is empty.
func waitProcessed(ctx context.Context, a *app, accepted int) error {
	inspector := asynq.NewInspector(a.redisOpt)
	defer inspector.Close()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var done int
		err := a.pool.QueryRow(ctx, `SELECT count(*) FROM inbound_events WHERE status <> 'received'`).Scan(&done)
		if err != nil {
			return fmt.Errorf("check progress: %w", err)
		}
		busy := busyTasks(inspector)
		if done >= accepted && busy == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out: %d of %d events processed, %d tasks still queued (see the log)", done, accepted, busy)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func statusLine(by map[int]int) string {
	codes := make([]int, 0, len(by))
	for c := range by {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	parts := make([]string, 0, len(codes))
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%d %s ×%d", c, http.StatusText(c), by[c]))
	}
	return strings.Join(parts, ", ")
}

func printSummary(w io.Writer, s store.Summary) {
	total := int64(0)
	for _, c := range s.TouchpointsBySource {
		total += c.N
	}
	fmt.Fprintf(w, "Leads ingested: %d, resolved to %d contacts (%d repeat touchpoints merged)\n", total, s.Contacts, total-s.Contacts)
	for _, c := range s.TouchpointsBySource {
		fmt.Fprintf(w, "  %-22s %4d\n", c.Label, c.N)
	}
	fmt.Fprintln(w, "Qualification (latest score per contact):")
	for _, c := range s.LatestBands {
		fmt.Fprintf(w, "  %-22s %4d\n", c.Label, c.N)
	}
	fmt.Fprintln(w, "Open deals per rep (pipeline Sales, stage Qualification):")
	for _, c := range s.OpenDealsByRep {
		fmt.Fprintf(w, "  %-22s %4d\n", c.Label, c.N)
	}
	fmt.Fprintf(w, "Nurture enrollments (warm and cold): %d\n", s.ActiveNurture)
	for _, c := range s.EventsByStatus {
		if c.Label == lead.EventFailed {
			fmt.Fprintf(w, "Events that failed processing: %d (see inbound_events.last_error)\n", c.N)
		}
	}
}

// printMail summarises what the demo would have emailed (the local sink).
func printMail(ctx context.Context, a *app, w io.Writer) error {
	rows, err := a.pool.Query(ctx, `SELECT tags[1], count(*) FROM mail_sink GROUP BY 1 ORDER BY 2 DESC`)
	if err != nil {
		return fmt.Errorf("summarize mail: %w", err)
	}
	defer rows.Close()
	fmt.Fprintln(w, "Emails sent now (local mail sink; later nurture steps are scheduled):")
	for rows.Next() {
		var tmpl string
		var n int
		if err := rows.Scan(&tmpl, &n); err != nil {
			return fmt.Errorf("summarize mail: %w", err)
		}
		fmt.Fprintf(w, "  %-22s %4d\n", tmpl, n)
	}
	fmt.Fprintln(w, "  (see them: ./bin/leadflow mail ls --full, with LEADFLOW_DATABASE_URL set as above)")
	return rows.Err()
}

// printExample shows why the best-scored lead is hot: every score can
// explain itself.
func printExample(ctx context.Context, a *app, w io.Writer) error {
	var (
		total     int
		band      string
		breakdown []byte
	)
	err := a.pool.QueryRow(ctx, `SELECT total, band, breakdown FROM scores ORDER BY total DESC, id LIMIT 1`).Scan(&total, &band, &breakdown)
	if err != nil {
		return fmt.Errorf("read an example score: %w", err)
	}
	var res scoring.Result
	if err := json.Unmarshal(breakdown, &res); err != nil {
		return fmt.Errorf("decode an example score: %w", err)
	}
	fmt.Fprintf(w, "\nWhy the top lead is %s (score %d):\n%s\n", band, total, indent(strings.TrimRight(res.Explain(), "\n")))
	return nil
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }

// localStack is PostgreSQL and Redis started under a directory on free
// loopback ports, with a fresh migrated "leadflow" database: what the demo
// and the benchmark run against.
type localStack struct {
	dir             string
	dbURL, redisURL string
	stop            func()
}

func startLocalStack(ctx context.Context, dir string) (*localStack, error) {
	return startLocalStackWith(ctx, dir, localsvc.PostgresOptions{})
}

// startLocalStackWith is startLocalStack with PostgreSQL options (the
// benchmark keeps fsync on).
func startLocalStackWith(ctx context.Context, dir string, pgOpts localsvc.PostgresOptions) (*localStack, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("--dir: %w", err)
	}
	if err := os.MkdirAll(absDir, 0o755); err != nil {
		return nil, fmt.Errorf("--dir: %w", err)
	}
	// The postgres user must traverse into the directory.
	_ = os.Chmod(absDir, 0o755)
	pg, err := localsvc.StartPostgres(ctx, absDir, pgOpts)
	if err != nil {
		return nil, err
	}
	rd, err := localsvc.StartRedis(ctx, absDir, localsvc.RedisOptions{})
	if err != nil {
		_ = pg.Stop(context.WithoutCancel(ctx))
		return nil, err
	}
	stop := func() {
		_ = rd.Stop(context.WithoutCancel(ctx))
		_ = pg.Stop(context.WithoutCancel(ctx))
	}
	dbURL := pg.URL("leadflow")
	if err := recreateDatabase(ctx, pg.URL("postgres"), "leadflow"); err != nil {
		stop()
		return nil, err
	}
	if _, err := migrations.Up(ctx, dbURL); err != nil {
		stop()
		return nil, err
	}
	return &localStack{dir: absDir, dbURL: dbURL, redisURL: rd.URL(0), stop: stop}, nil
}

// busyTasks counts the tasks pending, running or waiting to retry in every
// queue; scheduled ones (future nurture steps, SLA timers) are not work left
// now. A queue Redis does not know yet holds none.
func busyTasks(inspector *asynq.Inspector) int {
	busy := 0
	for _, q := range workers.Queues() {
		if info, err := inspector.GetQueueInfo(q); err == nil {
			busy += info.Pending + info.Active + info.Retry
		}
	}
	return busy
}
