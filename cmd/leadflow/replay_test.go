package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/connectors"
	"leadflow/internal/cmdline"
	"leadflow/internal/node"
	"leadflow/internal/testenv"
)

// startRolesFor runs the given roles in-process with env and returns the
// HTTP base URL and a function that stops them (also run at cleanup). Unlike
// setupWith it can be stopped mid-test, which a "fix the config, restart the
// worker" story needs.
func startRolesFor(t *testing.T, env map[string]string, r node.Roles) (string, func()) {
	t.Helper()
	cfg, err := config.Load(func(k string) string { return env[k] })
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	a, err := node.Open(ctx, cfg, node.Options{Version: version, Logs: io.Discard})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, ln, r) }()
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		<-done
		a.Close()
	}
	t.Cleanup(stop)
	base := "http://" + ln.Addr().String()
	require.Eventually(t, func() bool {
		res, err := http.Get(base + "/healthz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	}, 20*time.Second, 20*time.Millisecond, "leadflow did not start")
	return base, stop
}

// runCLI runs one leadflow command and returns its exit code and output.
func runCLI(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestReplayRecoversDeadLetter(t *testing.T) {
	// Not parallel: the replay command reads the process environment.
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	base := map[string]string{
		config.EnvDatabaseURL: dbURL, config.EnvRedisURL: redisURL,
		config.EnvWebhookSecrets: testSecret, config.EnvLogLevel: "error",
	}
	with := func(extra map[string]string) map[string]string {
		env := map[string]string{}
		for k, v := range base {
			env[k] = v
		}
		for k, v := range extra {
			env[k] = v
		}
		return env
	}
	t.Setenv(config.EnvDatabaseURL, dbURL)
	t.Setenv(config.EnvRedisURL, redisURL)

	// The intake knows the Typeform secret; the worker was deployed
	// without it, so it cannot decode what intake accepted.
	intakeURL, _ := startRolesFor(t, with(map[string]string{config.EnvTypeformSecret: typeformSecret}), node.Roles{HTTP: true})
	_, stopWorker := startRolesFor(t, base, node.Roles{HTTP: true, Worker: true})

	form := readFixture(t, "typeform/bodies/form-response.json")
	req, err := http.NewRequest(http.MethodPost, intakeURL+"/v1/webhooks/typeform", bytes.NewReader(form))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(connectors.HeaderTypeformSignature, connectors.SignTypeform(typeformSecret, form))
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusAccepted, res.StatusCode)

	// The same worker still processes generic leads: the poison event
	// blocks nothing.
	gen := &testBundle{baseURL: intakeURL}
	require.Equal(t, http.StatusAccepted, gen.post(t, testSecret, "msg_replay_ok", time.Now(), leadBody("grace@example.org", false)).Status)

	var rowID int64
	var lastError string
	require.Eventually(t, func() bool {
		err := pool.QueryRow(ctx, `SELECT id, last_error FROM inbound_events WHERE connector = 'typeform' AND status = 'failed'`).Scan(&rowID, &lastError)
		return err == nil
	}, 20*time.Second, 50*time.Millisecond, "the typeform event was not dead-lettered")
	require.Contains(t, lastError, "typeform")
	require.Eventually(t, func() bool {
		var n int
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM inbound_events WHERE connector = 'generic' AND status = 'processed'`).Scan(&n))
		return n == 1
	}, 20*time.Second, 50*time.Millisecond, "the generic lead was not processed")

	code, out, errOut := runCLI("replay", "ls")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "Failed events: 1")
	require.Contains(t, out, "typeform")
	require.Contains(t, out, `no connector named "typeform"`)
	require.NotContains(t, out, "ada@example.com", "ls never prints payloads")
	require.Contains(t, out, "Archived tasks (queues default, marketing): ")

	// Fix: restart the worker with the secret, then replay.
	stopWorker()
	startRolesFor(t, with(map[string]string{config.EnvTypeformSecret: typeformSecret}), node.Roles{HTTP: true, Worker: true})
	code, out, errOut = runCLI("replay", "--all", "--connector", "typeform")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "replayed event ")
	require.Contains(t, out, "1 event(s) replayed")

	require.Eventually(t, func() bool {
		var status string
		require.NoError(t, pool.QueryRow(ctx, `SELECT status FROM inbound_events WHERE id = $1`, rowID).Scan(&status))
		return status == "processed"
	}, 20*time.Second, 50*time.Millisecond, "the replayed event was not processed")
	var touchpoints int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM touchpoints WHERE inbound_event_id = $1`, rowID).Scan(&touchpoints))
	require.Equal(t, 1, touchpoints)

	code, out, errOut = runCLI("replay", "ls")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "Failed events: 0")

	// Replaying it again names the event that is no longer failed.
	code, _, errOut = runCLI("replay", "--event", "999999,"+strconv.FormatInt(rowID, 10))
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "--event 999999,"+strconv.FormatInt(rowID, 10)+": not a failed event")
}

func TestReplayFlagErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"nothing chosen", []string{"replay"}, "choose what to replay: --event ID, --all or --connector NAME"},
		{"event and all", []string{"replay", "--event", "3", "--all"}, "--event and --all exclude each other"},
		{"bad event id", []string{"replay", "--event", "x"}, `--event "x": expected a positive inbound event row id`},
		{"negative event id", []string{"replay", "--event", "-4"}, "expected a positive inbound event row id"},
		{"stray argument", []string{"replay", "--all", "now"}, `unexpected argument "now"`},
		{"ls bad limit", []string{"replay", "ls", "--limit", "0"}, "--limit: expected a positive number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(tt.args...)
			require.Equal(t, cmdline.ExitUsage, code, "usage errors exit 2")
			require.Contains(t, errOut, tt.wantErr)
		})
	}
}
