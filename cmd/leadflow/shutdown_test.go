package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/internal/testenv"
)

// shutdownBound only guards the test against a process that never exits:
// what bounds shutdown is the process's own drains (HTTP 10 s and Asynq's
// ShutdownTimeout 10 s, at the same time), and a role that outlived them
// would not exit 0. It is Kubernetes' default grace period, three times
// those drains, so a loaded machine never reaches it.
const shutdownBound = 30 * time.Second

// buildLeadflow compiles this command into a temporary directory, so tests
// can run it the way an operator does: a process receiving signals.
func buildLeadflow(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = "/usr/local/go/bin/go"
	}
	bin := filepath.Join(t.TempDir(), "leadflow")
	out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

// lockedBuffer collects a process's stderr while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// leadflowProcess is one running leadflow binary.
type leadflowProcess struct {
	cmd     *exec.Cmd
	addr    string
	baseURL string
	stderr  *lockedBuffer
	// exited is closed when the process has exited; err is then its
	// exit status (nil for 0).
	exited chan struct{}
	err    error
}

// listeningRE finds the address in the "http listening" line every role
// logs once its listener is open (text or JSON log format).
var listeningRE = regexp.MustCompile(`"?msg"?[=:]"http listening"[ ,]"?addr"?[=:]"?([0-9.:\[\]]+)`)

// startLeadflow runs bin with the given role and LEADFLOW_* environment
// (nothing of the test's own LEADFLOW_* leaks in) and waits until it
// answers /healthz.
//
// The process binds 127.0.0.1:0 itself and the test reads the port from its
// "http listening" log line: a port picked by the test and closed before the
// process binds it could be taken meanwhile by anything on a busy machine.
// env must therefore log at info or debug.
func startLeadflow(t *testing.T, bin, role string, env map[string]string) *leadflowProcess {
	t.Helper()
	if lvl := env[config.EnvLogLevel]; lvl == "warn" || lvl == "error" {
		t.Fatalf("startLeadflow reads the listening address from the info log; %s=%s hides it", config.EnvLogLevel, lvl)
	}
	p := &leadflowProcess{stderr: &lockedBuffer{}, exited: make(chan struct{})}
	p.cmd = exec.Command(bin, role)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LEADFLOW_") {
			p.cmd.Env = append(p.cmd.Env, kv)
		}
	}
	p.cmd.Env = append(p.cmd.Env, config.EnvHTTPAddr+"=127.0.0.1:0")
	for k, v := range env {
		p.cmd.Env = append(p.cmd.Env, k+"="+v)
	}
	p.cmd.Stdout, p.cmd.Stderr = p.stderr, p.stderr
	require.NoError(t, p.cmd.Start())
	go func() {
		p.err = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = p.cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			t.Logf("leadflow %s output:\n%s", role, p.stderr.String())
		}
	})
	require.Eventually(t, func() bool {
		select {
		case <-p.exited:
			return true // reported below
		default:
		}
		if p.addr == "" {
			m := listeningRE.FindStringSubmatch(p.stderr.String())
			if m == nil {
				return false
			}
			p.addr, p.baseURL = m[1], "http://"+m[1]
		}
		res, err := http.Get(p.baseURL + "/healthz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	}, 30*time.Second, 20*time.Millisecond, "leadflow %s did not start", role)
	select {
	case <-p.exited:
		t.Fatalf("leadflow %s exited at start-up: %v\n%s", role, p.err, p.stderr.String())
	default:
	}
	return p
}

// terminate sends SIGTERM and returns how long the process took to exit;
// it fails the test past shutdownBound or on a non-zero exit.
func (p *leadflowProcess) terminate(t *testing.T) time.Duration {
	t.Helper()
	start := time.Now()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	select {
	case <-p.exited:
	case <-time.After(shutdownBound):
		t.Fatalf("still running %s after SIGTERM", shutdownBound)
	}
	took := time.Since(start)
	require.NoError(t, p.err, "exit status after SIGTERM\n%s", p.stderr.String())
	return took
}

// baseEnv is the LEADFLOW_* environment of a test process.
func baseEnv(t *testing.T, dbURL, redisURL string) map[string]string {
	t.Helper()
	cfgFile := filepath.Join(t.TempDir(), "leadflow.yaml")
	require.NoError(t, os.WriteFile(cfgFile, []byte(`routing:
  reps:
    - {name: Rep One, email: one@reps.example.com}
`), 0o600))
	return map[string]string{
		config.EnvDatabaseURL: dbURL, config.EnvRedisURL: redisURL,
		config.EnvWebhookSecrets: testSecret, config.EnvConfigFile: cfgFile,
		config.EnvLogLevel: "info",
	}
}

// postSigned posts a signed generic lead and returns the status, or 0 when
// no answer arrived (connection refused or reset).
func postSigned(client *http.Client, baseURL, source, id string, body []byte) int {
	ts := time.Now()
	sig, err := connectors.SignStandardWebhook(testSecret, id, ts, body)
	if err != nil {
		return -1
	}
	req, err := http.NewRequest(http.MethodPost, baseURL+"/v1/webhooks/generic/"+source, bytes.NewReader(body))
	if err != nil {
		return -1
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("webhook-id", id)
	req.Header.Set("webhook-timestamp", fmt.Sprint(ts.Unix()))
	req.Header.Set("webhook-signature", sig)
	res, err := client.Do(req)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

// TestShutdownEveryRoleExitsOnSIGTERM: each long-running role stops within
// the bound and exits 0, so an orchestrator's SIGTERM is never escalated to
// SIGKILL in normal operation.
func TestShutdownEveryRoleExitsOnSIGTERM(t *testing.T) {
	t.Parallel()
	bin := buildLeadflow(t)
	for _, role := range []string{"serve", "worker", "scheduler", "run"} {
		t.Run(role, func(t *testing.T) {
			t.Parallel()
			p := startLeadflow(t, bin, role, baseEnv(t, testenv.DatabaseURL(t), testenv.RedisURL(t)))
			// Exit status 0 is the outcome: the role drained within its
			// own timeouts and was not killed. (Dialling its old port
			// afterwards would prove nothing: once freed, any process may
			// take it.)
			took := p.terminate(t)
			t.Logf("leadflow %s exited %s after SIGTERM", role, took.Round(time.Millisecond))
		})
	}
}

// TestShutdownDrainsAcceptedWebhooks: webhooks keep arriving while
// `leadflow run` receives SIGTERM. Every request answered 2xx was stored
// (the answer is the durability promise), new connections are refused
// once shutdown starts, the process exits 0 within the bound, and a
// restarted process finishes every accepted lead.
func TestShutdownDrainsAcceptedWebhooks(t *testing.T) {
	t.Parallel()
	bin := buildLeadflow(t)
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	env := baseEnv(t, dbURL, redisURL)
	p := startLeadflow(t, bin, "run", env)
	pool, err := pgxpool.New(context.Background(), dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)

	var (
		mu       sync.Mutex
		accepted []string
		refused  int
		wg       sync.WaitGroup
		stop     = make(chan struct{})
	)
	const senders = 4
	for s := range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One connection per request, like many independent senders.
			client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id := fmt.Sprintf("msg_shutdown_%d_%d", s, i)
				switch code := postSigned(client, p.baseURL, "website", id, leadBody(fmt.Sprintf("lead-%d-%d@example.com", s, i), i%2 == 0)); {
				case code == http.StatusAccepted:
					mu.Lock()
					accepted = append(accepted, id)
					mu.Unlock()
				case code == 0:
					mu.Lock()
					refused++
					mu.Unlock()
					return
				default:
					t.Errorf("webhook %s answered %d", id, code)
					return
				}
			}
		}()
	}
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(accepted) >= 40
	}, 20*time.Second, 5*time.Millisecond, "webhooks were not accepted")

	start := time.Now()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	// The listener closes as shutdown starts: a new connection is refused
	// while in-flight requests and tasks are still draining.
	var refusedAfter time.Duration
	require.Eventually(t, func() bool {
		c, err := net.DialTimeout("tcp", p.addr, 200*time.Millisecond)
		if err != nil {
			var op *net.OpError
			if errors.As(err, &op) {
				refusedAfter = time.Since(start)
				return true
			}
			return false
		}
		c.Close()
		return false
	}, shutdownBound, time.Millisecond, "new connections were still accepted after SIGTERM")
	select {
	case <-p.exited:
	case <-time.After(shutdownBound):
		t.Fatalf("leadflow run still running %s after SIGTERM", shutdownBound)
	}
	took := time.Since(start)
	close(stop)
	wg.Wait()
	require.NoError(t, p.err, "exit status after SIGTERM\n%s", p.stderr.String())

	var ids []string
	rows, err := pool.Query(context.Background(), `SELECT event_id FROM inbound_events`)
	require.NoError(t, err)
	for rows.Next() {
		var id string
		require.NoError(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	require.NoError(t, rows.Err())
	require.Subset(t, ids, accepted, "every webhook answered 202 is stored")
	var done int
	require.NoError(t, pool.QueryRow(context.Background(),
		`SELECT count(*) FROM inbound_events WHERE status <> 'received'`).Scan(&done))
	t.Logf("accepted %d webhooks, %d senders refused after SIGTERM; new connections refused %s after SIGTERM, exit 0 after %s; %d of %d events processed before exit",
		len(accepted), refused, refusedAfter.Round(time.Millisecond), took.Round(time.Millisecond), done, len(ids))

	// Whatever the drain left queued is finished by the next process.
	p2 := startLeadflow(t, bin, "run", env)
	require.Eventually(t, func() bool {
		var left int
		require.NoError(t, pool.QueryRow(context.Background(),
			`SELECT count(*) FROM inbound_events WHERE status = 'received'`).Scan(&left))
		return left == 0
	}, 60*time.Second, 100*time.Millisecond, "accepted webhooks were not all processed after a restart")
	var failed int
	require.NoError(t, pool.QueryRow(context.Background(),
		`SELECT count(*) FROM inbound_events WHERE status <> 'processed'`).Scan(&failed))
	require.Zero(t, failed, "no accepted webhook failed")
	p2.terminate(t)
}
