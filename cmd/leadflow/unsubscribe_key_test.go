package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/email"
	"leadflow/internal/node"
	"leadflow/internal/testenv"
)

// The unsubscribe key without LEADFLOW_UNSUBSCRIBE_SECRET (issue 14 item 3).
// It used to be sha256 of the database URL, whose docker-compose default is
// public: anyone could mint a /u/{token} that suppresses any address. It is
// now random, generated once per deployment and kept in PostgreSQL.

// startUnsubApp builds an app (no roles running) on dbURL, by default
// without an unsubscribe secret as docker-compose runs it, and closes it
// after the test.
func startUnsubApp(t *testing.T, dbURL, redisURL string, unsubscribeSecret ...string) *node.Node {
	t.Helper()
	env := map[string]string{config.EnvDatabaseURL: dbURL, config.EnvRedisURL: redisURL, config.EnvLogLevel: "error"}
	if len(unsubscribeSecret) > 0 {
		env[config.EnvUnsubscribeSecret] = unsubscribeSecret[0]
	}
	cfg, err := config.Load(func(k string) string { return env[k] })
	require.NoError(t, err)
	a, err := node.Open(context.Background(), cfg, node.Options{Version: version, Logs: io.Discard})
	require.NoError(t, err)
	t.Cleanup(a.Close)
	return a
}

// TestUnsubscribeKeyNotDerivedFromDatabaseURL: a token minted with the key
// the old code derived from the (public) database URL unsubscribes nobody.
func TestUnsubscribeKeyNotDerivedFromDatabaseURL(t *testing.T) {
	t.Parallel()
	dbURL := testenv.DatabaseURL(t)
	b := setup(t, dbURL, testenv.RedisURL(t))

	// What an outsider could compute from docker-compose.yml's defaults.
	derived := sha256.Sum256([]byte("leadflow-unsubscribe-sink:" + b.app.Config().DatabaseURL))
	forger, err := email.NewUnsubscriber(derived[:], b.app.Config().PublicURL, "")
	require.NoError(t, err)
	victim := "lead_00000000000000000000000000000042"
	token, err := forger.Token(victim)
	require.NoError(t, err)

	code, body := b.send(t, "POST", "/u/"+token, []byte("List-Unsubscribe=One-Click"),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	require.Equal(t, http.StatusNotFound, code, body)
	require.Contains(t, body, "Link not valid")
	require.Empty(t, b.query(t, `SELECT 1 FROM consent_events WHERE source = 'unsubscribe'`), "nobody was unsubscribed")

	// The server's own links still work.
	own, err := b.app.Unsubscriber().Token(victim)
	require.NoError(t, err)
	code, body = b.send(t, "POST", "/u/"+own, []byte("List-Unsubscribe=One-Click"),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	require.Equal(t, http.StatusOK, code, body)
}

// TestUnsubscribeKeySharedByInstances: two processes of one deployment
// (here a serve and a worker whose database URLs are spelled differently,
// as when one tunes its pool) verify each other's links.
func TestUnsubscribeKeySharedByInstances(t *testing.T) {
	t.Parallel()
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	serve := startUnsubApp(t, dbURL, redisURL)
	worker := startUnsubApp(t, dbURL+"&application_name=leadflow-worker", redisURL)

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
	before := startUnsubApp(t, dbURL, redisURL)
	token := mustToken(t, before.Unsubscriber(), "lead_00000000000000000000000000000009")
	before.Close()

	after := startUnsubApp(t, dbURL+"&pool_max_conns=4", redisURL)
	claim, err := after.Unsubscriber().Verify(token)
	require.NoError(t, err, "a link mailed before the restart is refused after it")
	require.Equal(t, "lead_00000000000000000000000000000009", claim.Ref)

	// A configured secret wins over the stored key.
	configured := startUnsubApp(t, dbURL, redisURL, string(bytes.Repeat([]byte("s"), 40)))
	_, err = configured.Unsubscriber().Verify(token)
	require.ErrorIs(t, err, email.ErrTokenSignature)
}

// TestHelpDescribesUnsubscribeKey: --help no longer promises a key "random
// per process" (which would break every link at each restart, and was not
// true: it was derived from the database URL).
func TestHelpDescribesUnsubscribeKey(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"--help"}, &out, &errOut), errOut.String())
	require.False(t, strings.Contains(out.String(), "random per process"), "--help still says the key is random per process")
	require.True(t, strings.Contains(out.String(), "stored in PostgreSQL"), "--help does not say where the key is kept")
}

// mustToken mints u's unsubscribe token for a contact ref.
func mustToken(t *testing.T, u *email.Unsubscriber, ref string) string {
	t.Helper()
	token, err := u.Token(ref)
	require.NoError(t, err)
	return token
}
