package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/email"
	"leadflow/internal/testenv"
)

// The unsubscribe key without LEADFLOW_UNSUBSCRIBE_SECRET (issue 14 item 3).
// It used to be sha256 of the database URL, whose docker-compose default is
// public: anyone could mint a /u/{token} that suppresses any address. It is
// now random, generated once per deployment and kept in PostgreSQL; that
// every process of a deployment shares it, across restarts, is tested in
// package internal/node.

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

// TestHelpDescribesUnsubscribeKey: --help no longer promises a key "random
// per process" (which would break every link at each restart, and was not
// true: it was derived from the database URL).
func TestHelpDescribesUnsubscribeKey(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"--help"}, &out, &errOut), errOut.String())
	require.False(t, strings.Contains(out.String(), "random per process"), "--help still says the key is random per process")
	require.True(t, strings.Contains(out.String(), "stored in PostgreSQL"), "--help does not say where the key is kept")
}
