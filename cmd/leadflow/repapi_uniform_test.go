package main

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRepTokensWorkOnEveryEndpoint is issue 15 item 8: a rep's own token
// is taken by every authenticated endpoint (one guard), and each endpoint
// then decides what that rep may see.
func TestRepTokensWorkOnEveryEndpoint(t *testing.T) {
	t.Parallel()
	b := setupDealRules(t)
	annDeal, bobDeal := b.deal(t, "uniform-ann", b.ann), b.deal(t, "uniform-bob", b.bob)
	contactOf := func(dealID int64) string {
		return b.query(t, `SELECT contact_id FROM deals WHERE id = $1`, dealID)[0]
	}

	// Score: the rep's own contact is found (not scored yet in this test),
	// another rep's contact does not exist for them; a service token sees both.
	code, body := b.call(t, "GET", "/v1/contacts/"+contactOf(annDeal)+"/score", b.annTok, nil)
	require.Equal(t, http.StatusNotFound, code, body)
	require.Equal(t, "the contact has not been scored yet", body["error"])
	code, body = b.call(t, "GET", "/v1/contacts/"+contactOf(bobDeal)+"/score", b.annTok, nil)
	require.Equal(t, http.StatusNotFound, code, body)
	require.Equal(t, "no contact with this id or reference", body["error"])
	code, body = b.call(t, "GET", "/v1/contacts/"+contactOf(bobDeal)+"/score", serviceToken, nil)
	require.Equal(t, http.StatusNotFound, code, body)
	require.Equal(t, "the contact has not been scored yet", body["error"])

	// The mail sink holds every rep's contacts: managers and services only.
	code, body = b.call(t, "GET", "/v1/dev/mail", b.annTok, nil)
	require.Equal(t, http.StatusForbidden, code, body)
	code, _ = b.call(t, "GET", "/v1/dev/mail", serviceToken, nil)
	require.Equal(t, http.StatusOK, code)

	// The service stage move tells a rep which endpoint is theirs.
	code, body = b.call(t, "POST", "/v1/deals/"+strconv.FormatInt(annDeal, 10)+"/stage", b.annTok, map[string]any{"stage": "Initial contact"})
	require.Equal(t, http.StatusForbidden, code, body)
	require.Contains(t, body["error"], "PATCH /v1/deals/{id}")
	code, body = b.call(t, "PATCH", "/v1/deals/"+strconv.FormatInt(annDeal, 10), b.annTok, map[string]any{"stage": "Initial contact"})
	require.Equal(t, http.StatusOK, code, body)
}
