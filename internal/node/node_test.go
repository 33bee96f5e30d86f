package node_test

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/email"
	"leadflow/internal/node"
	"leadflow/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// openNode opens a node (no roles running) with env as its whole
// environment, and closes it after the test.
func openNode(t *testing.T, env map[string]string, logs *bytes.Buffer) *node.Node {
	t.Helper()
	cfg, err := config.Load(func(k string) string { return env[k] })
	require.NoError(t, err)
	o := node.Options{}
	if logs != nil {
		o.Logs = logs
	}
	n, err := node.Open(context.Background(), cfg, o)
	require.NoError(t, err)
	t.Cleanup(n.Close)
	return n
}

// TestRedisDownIsOneWarning: a role starts without Redis (webhooks are
// stored and relayed later), and says so once, naming the setting.
func TestRedisDownIsOneWarning(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	openNode(t, map[string]string{config.EnvDatabaseURL: testenv.DatabaseURL(t), config.EnvRedisURL: "redis://127.0.0.1:1/0"}, &logs)
	require.Equal(t, 1, strings.Count(logs.String(), "Redis at 127.0.0.1:1 is not reachable"), logs.String())
	require.Contains(t, logs.String(), "LEADFLOW_REDIS_URL")
	require.Contains(t, logs.String(), "webhooks are still accepted and stored")
}

// TestListenAndRunNamesTheAddress: an address already taken fails the
// process with the setting to change.
func TestListenAndRunNamesTheAddress(t *testing.T) {
	t.Parallel()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer taken.Close()
	env := map[string]string{config.EnvDatabaseURL: testenv.DatabaseURL(t), config.EnvRedisURL: testenv.RedisURL(t),
		config.EnvHTTPAddr: taken.Addr().String()}
	cfg, err := config.Load(func(k string) string { return env[k] })
	require.NoError(t, err)
	err = node.ListenAndRun(context.Background(), cfg, node.Options{}, node.Roles{HTTP: true})
	require.ErrorContains(t, err, "listen on "+taken.Addr().String()+" (LEADFLOW_HTTP_ADDR)")
}

// The unsubscribe key without LEADFLOW_UNSUBSCRIBE_SECRET (issue 14 item
// 3) is random, generated once per deployment and kept in PostgreSQL, so
// every process of a deployment shares it (cmd/leadflow's
// unsubscribe_key_test.go checks that a key derived from the public
// database URL is refused).

// unsubNode opens a node on dbURL, by default without an unsubscribe
// secret as docker-compose runs it.
func unsubNode(t *testing.T, dbURL, redisURL string, unsubscribeSecret ...string) *node.Node {
	t.Helper()
	env := map[string]string{config.EnvDatabaseURL: dbURL, config.EnvRedisURL: redisURL, config.EnvLogLevel: "error"}
	if len(unsubscribeSecret) > 0 {
		env[config.EnvUnsubscribeSecret] = unsubscribeSecret[0]
	}
	return openNode(t, env, nil)
}

// TestUnsubscribeKeySharedByInstances: two processes of one deployment
// (here a serve and a worker whose database URLs are spelled differently,
// as when one tunes its pool) verify each other's links.
func TestUnsubscribeKeySharedByInstances(t *testing.T) {
	t.Parallel()
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	serve := unsubNode(t, dbURL, redisURL)
	worker := unsubNode(t, dbURL+"&application_name=leadflow-worker", redisURL)

	const ada, bob = "lead_00000000000000000000000000000007", "lead_00000000000000000000000000000008"
	claim, err := serve.Unsubscriber().Verify(mustToken(t, worker.Unsubscriber(), ada))
	require.NoError(t, err, "a link the worker mailed is refused by the server")
	require.Equal(t, email.Claim{Ref: ada}, claim)
	_, err = worker.Unsubscriber().Verify(mustToken(t, serve.Unsubscriber(), bob))
	require.NoError(t, err)
}

// TestUnsubscribeKeySurvivesRestart: links mailed before a restart still
// work after it, even when the restarted process reaches the database
// through another URL (a rotated password, a changed pool size).
func TestUnsubscribeKeySurvivesRestart(t *testing.T) {
	t.Parallel()
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	before := unsubNode(t, dbURL, redisURL)
	token := mustToken(t, before.Unsubscriber(), "lead_00000000000000000000000000000009")
	before.Close()

	after := unsubNode(t, dbURL+"&pool_max_conns=4", redisURL)
	claim, err := after.Unsubscriber().Verify(token)
	require.NoError(t, err, "a link mailed before the restart is refused after it")
	require.Equal(t, "lead_00000000000000000000000000000009", claim.Ref)

	// A configured secret wins over the stored key.
	configured := unsubNode(t, dbURL, redisURL, string(bytes.Repeat([]byte("s"), 40)))
	_, err = configured.Unsubscriber().Verify(token)
	require.ErrorIs(t, err, email.ErrTokenSignature)
}

// mustToken mints u's unsubscribe token for a contact ref.
func mustToken(t *testing.T, u *email.Unsubscriber, ref string) string {
	t.Helper()
	token, err := u.Token(ref)
	require.NoError(t, err)
	return token
}
