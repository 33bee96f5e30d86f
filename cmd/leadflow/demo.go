package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
	"leadflow/connectors"
	"leadflow/internal/demo"
	"leadflow/internal/localsvc"
	"leadflow/lead"
	"leadflow/migrations"
	"leadflow/scoring"
	"leadflow/store"
	"leadflow/workers"
)

// demoReps are the reps the demo seeds, so round robin has someone to assign.
// The first is the one the report signs in as.
var demoReps = []lead.Rep{
	{Name: "Avery Rep", Email: "avery@reps.example.com", Territory: "US", Active: true},
	{Name: "Blake Rep", Email: "blake@reps.example.com", Territory: "GB", Active: true},
	{Name: "Casey Rep", Email: "casey@reps.example.com", Territory: "DE", Active: true},
}

// demoManager is the manager account the demo adds once its leads are
// routed, so the web app's team views have someone to sign in as. Managers
// take part in round robin like any active rep (store.AddRep), so adding
// it after the synthetic leads keeps their routing to the three reps.
var demoManager = lead.Rep{Name: "Morgan Manager", Email: "morgan@reps.example.com", Active: true}

// demoSecretFile holds the demo's webhook secret under --dir: generated on
// the first run and kept, so a `leadflow post` line printed once keeps
// working on later runs.
const demoSecretFile = "demo/webhook-secret"

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo", "Usage: leadflow demo [flags]\n\nStarts PostgreSQL and Redis on free loopback ports under --dir, migrates a fresh\n'leadflow' database, seeds three reps, runs serve+worker+scheduler in this process,\nposts signed synthetic leads to the generic webhook and prints what happened:\nthe figures, sample emails, web app sign-in tokens for a rep and a manager (new\nevery run), and a `leadflow post` line to send a lead of your own. The webhook\nsecret is generated once and kept in <dir>/"+demoSecretFile+".\nLEADFLOW_HTTP_ADDR is used when free (default 127.0.0.1:8080), else a free port.\nIt runs until Ctrl-C (or --exit).", stdout)
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

	secret, secretPath, err := demoSecret(absDir)
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
	repIDs := make([]int64, len(demoReps))
	for i, r := range demoReps {
		if repIDs[i], err = a.store.UpsertRep(ctx, r); err != nil {
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
	accounts, err := demoAccounts(ctx, a, repIDs[0])
	if err != nil {
		return err
	}
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
	printTryIt(stdout, tryIt{baseURL: baseURL, defaultURL: defaultPostURL(cfg.HTTPAddr), dbURL: dbURL,
		secret: secret, secretPath: secretPath, accounts: accounts, running: !*exit})

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

// demoSecret returns the webhook secret of the demo directory dir and the
// file holding it, generating it on the first run (0600: it is a secret,
// if only a local demo's).
func demoSecret(dir string) (secret, path string, err error) {
	path = filepath.Join(dir, demoSecretFile)
	raw, err := os.ReadFile(path)
	switch {
	case err == nil:
		secret = strings.TrimSpace(string(raw))
		if _, err := connectors.ParseStandardSecret(secret); err != nil {
			return "", path, fmt.Errorf("demo webhook secret %s: %w (delete the file to get a new one)", path, err)
		}
		return secret, path, nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", path, fmt.Errorf("read the demo webhook secret: %w", err)
	}
	if secret, err = newSecret(); err != nil {
		return "", path, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", path, fmt.Errorf("store the demo webhook secret: %w", err)
	}
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		return "", path, fmt.Errorf("store the demo webhook secret: %w", err)
	}
	return secret, path, nil
}

// demoAccount is a web app sign-in the demo prints.
type demoAccount struct {
	role  string // store.RoleRep or store.RoleManager
	name  string
	token string
}

// demoAccounts issues fresh API tokens (every run: the previous ones stop
// working) to the rep repID and to the demo manager, whom it adds when
// missing.
func demoAccounts(ctx context.Context, a *app, repID int64) ([]demoAccount, error) {
	mgrID, err := a.store.AddRep(ctx, demoManager, store.RoleManager)
	if errors.Is(err, store.ErrRepExists) {
		mgrID, err = repIDByEmail(ctx, a.store, demoManager.Email)
	}
	if err != nil {
		return nil, err
	}
	var out []demoAccount
	for _, acc := range []struct {
		id   int64
		role string
	}{{repID, store.RoleRep}, {mgrID, store.RoleManager}} {
		r, err := a.store.Rep(ctx, acc.id)
		if err != nil {
			return nil, err
		}
		token, err := a.store.CreateRepToken(ctx, acc.id)
		if err != nil {
			return nil, err
		}
		out = append(out, demoAccount{role: acc.role, name: r.Name, token: token})
	}
	return out, nil
}

// repIDByEmail finds a rep's id by their (lower-case) email.
func repIDByEmail(ctx context.Context, st *store.Store, email string) (int64, error) {
	reps, err := st.Reps(ctx)
	if err != nil {
		return 0, err
	}
	for _, r := range reps {
		if strings.EqualFold(r.Email, email) {
			return r.ID, nil
		}
	}
	return 0, fmt.Errorf("rep %s: %w", email, store.ErrNotFound)
}

// tryIt is what the end of the demo report needs to show the product.
type tryIt struct {
	baseURL string
	// defaultURL is where `leadflow post` sends without --url.
	defaultURL         string
	dbURL              string
	secret, secretPath string
	accounts           []demoAccount
	// running is false with --exit: the server is gone after the report.
	running bool
}

// printTryIt ends the report with the ways in: the web app, the metrics,
// the dashboards, and a lead of the reader's own.
func printTryIt(w io.Writer, t tryIt) {
	fmt.Fprintf(w, "\nThe web app: %s/app/  (sign in by pasting a token)\n", t.baseURL)
	for _, acc := range t.accounts {
		what := "sees the deals assigned to them: inbox, board, callbacks"
		if acc.role == store.RoleManager {
			what = "sees every deal, the team board, /app/manager and the queues"
		}
		fmt.Fprintf(w, "  as a %-8s %-15s %s\n               %s\n", acc.role, acc.name, acc.token, what)
	}
	fmt.Fprintln(w, "  These tokens are this local demo's: new ones every run, printed here because")
	fmt.Fprintln(w, "  nothing outside this machine can reach it. Real reps get theirs from `leadflow reps token`.")
	fmt.Fprintf(w, "\nMetrics: %s/metrics (Prometheus text), e.g.  curl -s %s/metrics | grep ^leadflow_leads\n", t.baseURL, t.baseURL)
	fmt.Fprintln(w, "Dashboards: the demo runs no Prometheus or Grafana. The Grafana dashboards in")
	fmt.Fprintln(w, "  deploy/grafana/dashboards come with the docker compose stack (its own leadflow and")
	fmt.Fprintln(w, "  database): cp .env.example .env, fill in its secrets, docker compose up --build,")
	fmt.Fprintln(w, "  then Grafana on http://localhost:3000 and Prometheus on http://localhost:9090.")

	fmt.Fprintf(w, "\nSend a lead of your own (the demo's webhook secret, kept in %s):\n", t.secretPath)
	urlFlag := ""
	if t.baseURL != t.defaultURL {
		urlFlag = " --url " + t.baseURL
	}
	fmt.Fprintf(w, "  %s=%s %s=%s \\\n"+
		"    ./bin/leadflow post%s --email you@example.com --name 'Your Name' --company 'Your Co' --title 'VP Sales' \\\n"+
		"    --budget 30k --authority decision_maker --need urgent --timeline this_quarter \\\n"+
		"    --message 'We need a CRM for 40 reps this quarter, budget $30k'\n",
		config.EnvDatabaseURL, shellQuote(t.dbURL), config.EnvWebhookSecrets, t.secret, urlFlag)
	fmt.Fprintln(w, "It prints the answer (202 Accepted), waits for the lead to be processed and prints its")
	fmt.Fprintln(w, "score and its deal and rep (without the four answers it scores lower and is nurtured")
	fmt.Fprintln(w, "by email instead). Then watch it arrive:")
	fmt.Fprintf(w, "  - in the web app: the inbox of the rep it went to, or every deal as the manager (%s/app/board)\n", t.baseURL)
	fmt.Fprintf(w, "  - %s=%s ./bin/leadflow explain you@example.com\n", config.EnvDatabaseURL, shellQuote(t.dbURL))
	fmt.Fprintf(w, "  - %s/metrics: leadflow_intake_requests_total and leadflow_leads_routed_total go up by one\n", t.baseURL)
	if !t.running {
		fmt.Fprintln(w, "(With --exit the demo has stopped: run it without --exit to try these.)")
	}
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

// printMail summarises what the demo would have emailed (the local sink)
// and shows one message of each kind a person gets first: the lead's
// first nurture email and the new-lead notice to a rep.
func printMail(ctx context.Context, a *app, w io.Writer) error {
	rows, err := a.pool.Query(ctx, `SELECT tags[1], count(*) FROM mail_sink GROUP BY 1 ORDER BY 2 DESC, 1`)
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
	if err := rows.Err(); err != nil {
		return fmt.Errorf("summarize mail: %w", err)
	}
	var samples []string
	if steps := a.cfg.File.Email.Nurture[a.cfg.File.Routing.NurtureProgram]; len(steps) > 0 {
		samples = append(samples, steps[0].Template)
	}
	if t := a.cfg.File.Email.RepNotification; t != "" {
		samples = append(samples, t)
	}
	for _, tmpl := range samples {
		var from, to, subject, text string
		err := a.pool.QueryRow(ctx, `SELECT from_address, to_address, subject, text_body FROM mail_sink
			WHERE tags[1] = $1 ORDER BY id LIMIT 1`, tmpl).Scan(&from, &to, &subject, &text)
		if errors.Is(err, pgx.ErrNoRows) {
			continue
		}
		if err != nil {
			return fmt.Errorf("read a sample %s email: %w", tmpl, err)
		}
		fmt.Fprintf(w, "\nSample %s email, as its recipient reads it:\n", tmpl)
		fmt.Fprintf(w, "  From:    %s\n  To:      %s\n  Subject: %s\n\n", from, to, subject)
		fmt.Fprintln(w, indent(firstLines(text, sampleLines)))
	}
	fmt.Fprintln(w, "\n  (every one: ./bin/leadflow mail ls --full, with LEADFLOW_DATABASE_URL set as above)")
	return nil
}

// sampleLines is how much of a sample email's text the report shows.
const sampleLines = 24

// firstLines returns the first n lines of s, without trailing blank lines,
// marking a cut with "[…]".
func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n "), "\n")
	if len(lines) <= n {
		return strings.Join(lines, "\n")
	}
	return strings.TrimRight(strings.Join(lines[:n], "\n"), "\n ") + "\n[…]"
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

// indent indents every line of s but the empty ones by two spaces.
func indent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n")
}

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
