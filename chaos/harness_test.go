//go:build chaos

package chaos

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/localsvc"
)

// envChaosBin names a prebuilt binary to test instead of building one.
const envChaosBin = "LEADFLOW_CHAOS_BIN"

// webhookSecret signs every generic webhook the load sends.
const webhookSecret = "whsec_Y2hhb3MtdGVzdHMtc3RhbmRhcmQtd2ViaG9va3Mta2V5IQ=="

// unsubscribeSecret is required with a Mailgun API key.
const unsubscribeSecret = "chaos-unsubscribe-secret-0123456789abcdef"

// leadflowBin is the binary under test, set by TestMain.
var leadflowBin string

func TestMain(m *testing.M) {
	code, err := buildAndRun(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "chaos:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func buildAndRun(m *testing.M) (int, error) {
	if bin := os.Getenv(envChaosBin); bin != "" {
		leadflowBin = bin
		return m.Run(), nil
	}
	dir, err := os.MkdirTemp("", "leadflow-chaos-bin-")
	if err != nil {
		return 0, fmt.Errorf("make a directory for the binary: %w", err)
	}
	defer os.RemoveAll(dir)
	leadflowBin = filepath.Join(dir, "leadflow")
	// make passes its $(GO); CI images may not have go on PATH.
	goBin := os.Getenv("GO")
	if goBin == "" {
		if goBin, err = exec.LookPath("go"); err != nil {
			goBin = "/usr/local/go/bin/go"
		}
	}
	build := exec.Command(goBin, "build", "-o", leadflowBin, "./cmd/leadflow")
	build.Dir = ".." // the module root
	if out, err := build.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("build ./cmd/leadflow: %w\n%s", err, out)
	}
	return m.Run(), nil
}

// clusterOptions shapes one cluster's configuration.
type clusterOptions struct {
	// reps is how many sales reps get hot leads; default 3.
	reps int
	// team puts the reps in one team with equal weights, so hot leads are
	// assigned by the fair scheduler rather than round robin.
	team bool
	// rescoreEvery sets schedule.rescore_every; 0 turns the sweep off.
	rescoreEvery time.Duration
}

// cluster is one PostgreSQL, one Redis, a fake Mailgun and the leadflow
// processes started against them, all under one temporary directory.
type cluster struct {
	t        *testing.T
	dir      string
	pg       *localsvc.Postgres
	redis    *localsvc.Redis
	dbURL    string
	redisURL string
	mail     *fakeMailgun
	pool     *pgxpool.Pool
	env      map[string]string

	// claimsInDoubt is set when a worker was killed or PostgreSQL stopped
	// mid-load: an email claimed then may or may not have left, and the outbox deliberately waits
	// for the stale-claim timeout (10 min) before trying again rather than
	// risk a duplicate. Such rows are then tolerated as still "claimed".
	claimsInDoubt bool

	mu    sync.Mutex
	procs []*proc
	seq   int
}

// newCluster starts the servers, writes the configuration and migrates.
// Everything is stopped and removed when the test ends.
func newCluster(t *testing.T, o clusterOptions) *cluster {
	t.Helper()
	if o.reps == 0 {
		o.reps = 3
	}
	dir, err := os.MkdirTemp("", "leadflow-chaos-")
	require.NoError(t, err)
	// The postgres user must traverse it (MkdirTemp makes 0700).
	require.NoError(t, os.Chmod(dir, 0o755))
	c := &cluster{t: t, dir: dir}
	t.Cleanup(c.shutdown)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	c.pg, err = localsvc.StartPostgres(ctx, filepath.Join(dir, "postgres"), localsvc.PostgresOptions{Logf: t.Logf})
	require.NoError(t, err)
	require.NoError(t, c.pg.CreateDatabase(ctx, "leadflow"))
	c.dbURL = c.pg.URL("leadflow")
	c.redis, err = localsvc.StartRedis(ctx, filepath.Join(dir, "redis"), localsvc.RedisOptions{Logf: t.Logf})
	require.NoError(t, err)
	c.redisURL = c.redis.URL(0)
	c.mail = newFakeMailgun(t)

	cfgPath := filepath.Join(dir, "leadflow.yaml")
	require.NoError(t, os.WriteFile(cfgPath, []byte(configYAML(o)), 0o644))
	c.env = map[string]string{
		config.EnvDatabaseURL:       c.dbURL,
		config.EnvRedisURL:          c.redisURL,
		config.EnvConfigFile:        cfgPath,
		config.EnvWebhookSecrets:    webhookSecret,
		config.EnvLogLevel:          "warn",
		config.EnvMailgunAPIKey:     "key-chaos",
		config.EnvMailgunDomain:     mailDomain,
		config.EnvMailgunAPIBase:    c.mail.URL(),
		config.EnvPublicURL:         "https://leads.chaos.example.com",
		config.EnvUnsubscribeSecret: unsubscribeSecret,
	}
	c.cli(ctx, "migrate", "up")
	c.pool, err = pgxpool.New(context.Background(), c.dbURL)
	require.NoError(t, err)
	return c
}

// configYAML renders the LEADFLOW_CONFIG file: reps, an unthrottled email
// rate (the fake Mailgun is local), and the schedule.
func configYAML(o clusterOptions) string {
	var b strings.Builder
	b.WriteString("routing:\n  reps:\n")
	for i := 1; i <= o.reps; i++ {
		fmt.Fprintf(&b, "    - name: Rep %d\n      email: %s\n", i, repEmail(i))
	}
	if o.team {
		b.WriteString("  teams:\n    - name: sales\n      members:\n")
		for i := 1; i <= o.reps; i++ {
			fmt.Fprintf(&b, "        - email: %s\n          weight: 1\n", repEmail(i))
		}
		b.WriteString("  fallback_team: sales\n")
	}
	fmt.Fprintf(&b, "email:\n  from: sales@%s\n  footer: {company: Chaos Inc., postal_address: 1 Main St}\n  rate_per_second: 100000\n  weekly_cap: 0\nschedule:\n  rescore_every: %s\n  retrain_every: 0s\n", mailDomain, o.rescoreEvery)
	return b.String()
}

func repEmail(i int) string { return fmt.Sprintf("rep%d@reps.example.com", i) }

// environ returns the process environment for a child: ours (PATH, HOME)
// without any LEADFLOW_ variable, then the cluster's, then extra.
func (c *cluster) environ(extra map[string]string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LEADFLOW_") {
			out = append(out, kv)
		}
	}
	merged := map[string]string{}
	for k, v := range c.env {
		merged[k] = v
	}
	for k, v := range extra {
		merged[k] = v
	}
	for k, v := range merged {
		if v != "" {
			out = append(out, k+"="+v)
		}
	}
	return out
}

// cli runs a one-shot leadflow command and returns its stdout; it fails
// the test when the command fails.
func (c *cluster) cli(ctx context.Context, args ...string) string {
	c.t.Helper()
	out, err := c.tryCLI(ctx, nil, args...)
	require.NoError(c.t, err)
	return out
}

// tryCLI runs a one-shot command with extra environment.
func (c *cluster) tryCLI(ctx context.Context, extra map[string]string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, leadflowBin, args...)
	cmd.Env = c.environ(extra)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("leadflow %s: %w\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String(), nil
}

// proc is one running leadflow process.
type proc struct {
	name    string
	addr    string
	logPath string
	cmd     *exec.Cmd
	done    chan struct{}
	err     error
}

// listeningRE finds the address in the "http listening" line a role logs
// once its listener is open.
var listeningRE = regexp.MustCompile(`msg="http listening" addr=([0-9.:]+)`)

// start runs `leadflow <role>` with its own HTTP port and log file and
// waits until /healthz answers. The process binds 127.0.0.1:0 and the port
// is read from its log: a port picked here and closed before the process
// binds it could be taken meanwhile on a busy machine.
func (c *cluster) start(role string, extra map[string]string) *proc {
	c.t.Helper()
	c.mu.Lock()
	c.seq++
	p := &proc{name: fmt.Sprintf("%s-%d", role, c.seq), done: make(chan struct{})}
	c.mu.Unlock()
	p.logPath = filepath.Join(c.dir, p.name+".log")
	logFile, err := os.Create(p.logPath)
	require.NoError(c.t, err)
	// info, so the "http listening" line is logged.
	env := map[string]string{config.EnvHTTPAddr: "127.0.0.1:0", config.EnvLogLevel: "info"}
	for k, v := range extra {
		env[k] = v
	}
	p.cmd = exec.Command(leadflowBin, role)
	p.cmd.Env = c.environ(env)
	p.cmd.Stdout, p.cmd.Stderr = logFile, logFile
	require.NoError(c.t, p.cmd.Start())
	go func() {
		p.err = p.cmd.Wait()
		logFile.Close()
		close(p.done)
	}()
	c.mu.Lock()
	c.procs = append(c.procs, p)
	c.mu.Unlock()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if p.addr == "" {
			raw, _ := os.ReadFile(p.logPath)
			if m := listeningRE.FindSubmatch(raw); m != nil {
				p.addr = string(m[1])
			}
		}
		if p.addr != "" {
			res, err := http.Get(p.url("/healthz"))
			if err == nil {
				res.Body.Close()
				if res.StatusCode == http.StatusOK {
					return p
				}
			}
		}
		select {
		case <-p.done:
			c.t.Fatalf("%s exited at start: %v\n%s", p.name, p.err, tail(p.logPath, 30))
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%s did not answer /healthz within 30s\n%s", p.name, tail(p.logPath, 30))
		}
	}
}

func (p *proc) url(path string) string { return "http://" + p.addr + path }

// kill9 kills the process with SIGKILL (no shutdown code runs) and reaps it.
func (p *proc) kill9() {
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// stop asks the process to shut down (SIGTERM) and kills it if it has not
// exited after 20 s.
func (p *proc) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		p.kill9()
	}
}

// shutdown stops every process and server and removes the directory. On
// failure it first prints the tail of each process log.
func (c *cluster) shutdown() {
	c.mu.Lock()
	procs := append([]*proc(nil), c.procs...)
	c.mu.Unlock()
	for _, p := range procs {
		p.stop()
		if c.t.Failed() {
			c.t.Logf("--- tail of %s ---\n%s", p.name, tail(p.logPath, 15))
		}
	}
	if c.pool != nil {
		c.pool.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if c.redis != nil {
		_ = c.redis.Stop(ctx)
	}
	if c.pg != nil {
		_ = c.pg.Stop(ctx)
	}
	_ = os.RemoveAll(c.dir)
}

// killRedis9 kills redis-server with SIGKILL, found by its pid file, and
// waits until its port is closed. With persistence off, everything queued
// is gone.
func (c *cluster) killRedis9() {
	c.t.Helper()
	b, err := os.ReadFile(filepath.Join(c.redis.Dir(), "redis.pid"))
	require.NoError(c.t, err)
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	require.NoError(c.t, err)
	require.NoError(c.t, syscall.Kill(pid, syscall.SIGKILL))
	require.Eventually(c.t, func() bool { return syscall.Kill(pid, 0) != nil }, 10*time.Second, 10*time.Millisecond, "redis did not die")
}

// queueIdle reports whether no task is pending, running or waiting to be
// retried. Scheduled tasks are future nurture emails, not work left now.
func (c *cluster) queueIdle(inspector *asynq.Inspector) bool {
	info, err := inspector.GetQueueInfo("default")
	if errors.Is(err, asynq.ErrQueueNotFound) {
		return true
	}
	return err == nil && info.Pending+info.Active+info.Retry == 0
}

// count runs a count query.
func (c *cluster) count(sql string, args ...any) int {
	c.t.Helper()
	var n int
	require.NoError(c.t, c.pool.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

// waitSettled waits until want generic events are processed, every one
// routed, the queue idle and every due email sent, twice in a row (so a
// straggling duplicate would have shown).
func (c *cluster) waitSettled(want int, timeout time.Duration) {
	c.t.Helper()
	opt, err := asynq.ParseRedisURI(c.redisURL)
	require.NoError(c.t, err)
	inspector := asynq.NewInspector(opt)
	defer inspector.Close()
	deadline := time.Now().Add(timeout)
	stable := 0
	var processed, routed, unsent int
	for time.Now().Before(deadline) {
		processed = c.count(`SELECT count(*) FROM inbound_events WHERE connector = 'generic' AND status = 'processed'`)
		routed = c.count(`SELECT count(DISTINCT contact_id) FROM (SELECT contact_id FROM deals UNION ALL SELECT contact_id FROM nurture_enrollments) r`)
		// nurture-2 and nurture-3 are due days from now (the default
		// program): they stay pending, scheduled in Asynq.
		unsent = c.count(`SELECT count(*) FROM email_outbox WHERE (status = 'pending' OR (status = 'claimed' AND NOT $1))
			AND template NOT IN ('nurture-2', 'nurture-3')`, c.claimsInDoubt)
		if processed >= want && routed >= want && unsent == 0 && c.queueIdle(inspector) {
			stable++
			if stable == 2 {
				c.t.Logf("settled: %d events processed, %d contacts routed, %s before the deadline", processed, routed, time.Until(deadline).Round(time.Second))
				return
			}
		} else {
			stable = 0
		}
		time.Sleep(500 * time.Millisecond)
	}
	c.t.Fatalf("not settled after %s: processed %d/%d, routed %d, unsent emails %d\n%s", timeout, processed, want, routed, unsent, c.diagnose(inspector))
}

// diagnose summarizes where work is stuck, for a failure message: events
// and outbox rows by status with a sample error, routing, and the queue.
func (c *cluster) diagnose(inspector *asynq.Inspector) string {
	var b strings.Builder
	for _, q := range []string{
		`SELECT connector || '/' || status, count(*), max(last_error) FROM inbound_events GROUP BY 1 ORDER BY 1`,
		`SELECT template || '/' || status, count(*), max(last_error) FROM email_outbox GROUP BY 1 ORDER BY 1`,
		`SELECT 'deals', count(*), '' FROM deals UNION ALL SELECT 'nurture_enrollments', count(*), '' FROM nurture_enrollments`,
	} {
		rows, err := c.pool.Query(context.Background(), q)
		if err != nil {
			fmt.Fprintf(&b, "  %v\n", err)
			continue
		}
		for rows.Next() {
			var k, e string
			var n int
			if rows.Scan(&k, &n, &e) == nil {
				fmt.Fprintf(&b, "  %s: %d %s\n", k, n, e)
			}
		}
		rows.Close()
	}
	if info, err := inspector.GetQueueInfo("default"); err == nil {
		fmt.Fprintf(&b, "  queue: pending=%d active=%d scheduled=%d retry=%d archived=%d\n", info.Pending, info.Active, info.Scheduled, info.Retry, info.Archived)
	}
	return b.String()
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if len(lines) > n {
			lines = lines[1:]
		}
	}
	return strings.Join(lines, "\n")
}

// scrapeCounter sums a Prometheus counter over the samples whose labels
// contain every given label pair, from a /metrics endpoint.
func scrapeCounter(url, name string, labels ...string) (float64, error) {
	res, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, err
	}
	var sum float64
	for line := range strings.SplitSeq(string(body), "\n") {
		if !strings.HasPrefix(line, name+"{") && !strings.HasPrefix(line, name+" ") {
			continue
		}
		ok := true
		for _, l := range labels {
			if !strings.Contains(line, l) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		f := strings.Fields(line)
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			return 0, fmt.Errorf("parse %q: %w", line, err)
		}
		sum += v
	}
	return sum, nil
}
