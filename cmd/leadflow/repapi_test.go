package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
	"leadflow/lead"
)

const serviceToken = "svc-token-0123456789abcdef0123456789abcdef"

// repsCLI runs `leadflow reps ...` and returns its stdout; it must succeed.
func repsCLI(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append([]string{"reps"}, args...), &out, &errOut)
	require.Zero(t, code, "reps %v: %s", args, errOut.String())
	return out.String()
}

// tokenIn extracts the token line of `reps add` / `reps token` output.
func tokenIn(t *testing.T, out string) string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "lfr_") {
			return line
		}
	}
	t.Fatalf("no token in output:\n%s", out)
	return ""
}

// call sends a rep API request and decodes the JSON answer.
func (b *testBundle) call(t *testing.T, method, path, token string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, b.baseURL+path, rd)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	out := map[string]any{}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	return res.StatusCode, out
}

func dealIDs(t *testing.T, body map[string]any) []int64 {
	t.Helper()
	ids := []int64{}
	deals, _ := body["deals"].([]any)
	for _, d := range deals {
		ids = append(ids, int64(d.(map[string]any)["id"].(float64)))
	}
	return ids
}

// TestRepAPI covers the rep API end to end: tokens issued by the CLI, the
// visibility of deals per role, and the rules of deal changes. It sets
// process environment for the CLI, so it does not run in parallel.
func TestRepAPI(t *testing.T) {
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	env := map[string]string{config.EnvDatabaseURL: dbURL, config.EnvRedisURL: redisURL,
		config.EnvWebhookSecrets: testSecret, config.EnvLogLevel: "error", config.EnvAPITokens: serviceToken}
	for k, v := range env {
		t.Setenv(k, v)
	}
	b := setupWith(t, dbURL, redisURL, options{env: env})
	ctx := context.Background()

	ann := tokenIn(t, repsCLI(t, "add", "--name", "Ann Rep", "--email", "ann@reps.example.com"))
	bob := tokenIn(t, repsCLI(t, "add", "--name", "Bob Rep", "--email", "bob@reps.example.com", "--time-zone", "Europe/Berlin", "--capacity", "5"))
	mia := tokenIn(t, repsCLI(t, "add", "--name", "Mia Manager", "--email", "mia@reps.example.com", "--role", "manager"))
	var out, errOut bytes.Buffer
	require.Equal(t, 1, run(ctx, []string{"reps", "add", "--name", "Ann", "--email", "ANN@reps.example.com"}, &out, &errOut))
	require.Contains(t, errOut.String(), "already exists")

	ls := repsCLI(t, "ls")
	for _, tok := range []string{ann, bob, mia} {
		require.NotContains(t, ls, tok, "tokens are never listed")
	}
	require.Contains(t, ls, "mia@reps.example.com")
	require.Contains(t, ls, "manager")

	annAcct, err := b.app.Store().RepByEmail(ctx, "ann@reps.example.com")
	require.NoError(t, err)
	bobAcct, err := b.app.Store().RepByEmail(ctx, "bob@reps.example.com")
	require.NoError(t, err)
	newDeal := func(key string, owner int64) int64 {
		ev, _, err := b.app.Store().InsertEvent(ctx, lead.Event{Connector: "generic", Source: "test", EventID: key, ReceivedAt: time.Now(), Payload: []byte(`{}`)})
		require.NoError(t, err)
		l := lead.Lead{}
		l.Email, l.FirstName, l.Source, l.OccurredAt = key+"@example.com", "Ada", "test", time.Now()
		tp, err := b.app.Store().RecordLead(ctx, ev.ID, l, time.Now())
		require.NoError(t, err)
		d, _, err := b.app.Store().CreateDeal(ctx, lead.DealRequest{ContactID: tp.ContactID, TouchpointID: tp.ID, Pipeline: "Sales",
			Stage: "Qualification", Now: time.Now()}, func([]lead.Rep, int64) int64 { return owner })
		require.NoError(t, err)
		return d.ID
	}
	annDeal, bobDeal := newDeal("ann-lead", annAcct.ID), newDeal("bob-lead", bobAcct.ID)

	t.Run("missing or wrong token is 401", func(t *testing.T) {
		for _, tok := range []string{"", "lfr_not-a-token", serviceToken + "x"} {
			status, body := b.call(t, http.MethodGet, "/v1/deals", tok, nil)
			require.Equal(t, http.StatusUnauthorized, status, body)
			require.Equal(t, "Authorization", body["field"])
		}
	})

	t.Run("a rep sees only their own deals", func(t *testing.T) {
		status, body := b.call(t, http.MethodGet, "/v1/deals", ann, nil)
		require.Equal(t, http.StatusOK, status, body)
		require.Equal(t, []int64{annDeal}, dealIDs(t, body))
		status, body = b.call(t, http.MethodGet, fmt.Sprintf("/v1/deals/%d", bobDeal), ann, nil)
		require.Equal(t, http.StatusNotFound, status, "another rep's deal is 404, not 403: %v", body)
		status, _ = b.call(t, http.MethodPatch, fmt.Sprintf("/v1/deals/%d", bobDeal), ann, map[string]any{"amount_cents": 1})
		require.Equal(t, http.StatusNotFound, status)
		status, _ = b.call(t, http.MethodPost, fmt.Sprintf("/v1/deals/%d/activities", bobDeal), ann, map[string]any{"kind": "call"})
		require.Equal(t, http.StatusNotFound, status)

		status, body = b.call(t, http.MethodGet, fmt.Sprintf("/v1/deals/%d", annDeal), ann, nil)
		require.Equal(t, http.StatusOK, status, body)
		contact := body["contact"].(map[string]any)
		require.NotEmpty(t, contact["touchpoints"])
		require.NotEmpty(t, contact["ledger"])
		contactID := int64(contact["id"].(float64))
		status, _ = b.call(t, http.MethodGet, fmt.Sprintf("/v1/contacts/%d", contactID), ann, nil)
		require.Equal(t, http.StatusOK, status)
		status, _ = b.call(t, http.MethodGet, fmt.Sprintf("/v1/contacts/%d", contactID), bob, nil)
		require.Equal(t, http.StatusNotFound, status, "a rep sees only contacts of their deals")
	})

	t.Run("managers and service tokens see every deal", func(t *testing.T) {
		for _, tok := range []string{mia, serviceToken} {
			status, body := b.call(t, http.MethodGet, "/v1/deals", tok, nil)
			require.Equal(t, http.StatusOK, status, body)
			require.ElementsMatch(t, []int64{annDeal, bobDeal}, dealIDs(t, body))
			status, _ = b.call(t, http.MethodGet, fmt.Sprintf("/v1/deals/%d", bobDeal), tok, nil)
			require.Equal(t, http.StatusOK, status)
		}
		status, body := b.call(t, http.MethodGet, "/v1/deals?mine=1", mia, nil)
		require.Equal(t, http.StatusOK, status)
		require.Empty(t, dealIDs(t, body), "mine narrows a manager to their own deals")
	})

	t.Run("activity is the caller's", func(t *testing.T) {
		status, body := b.call(t, http.MethodPost, fmt.Sprintf("/v1/deals/%d/activities", annDeal), ann, map[string]any{"kind": "call", "note": "left a voicemail"})
		require.Equal(t, http.StatusCreated, status, body)
		require.EqualValues(t, annAcct.ID, body["rep_id"])
		status, body = b.call(t, http.MethodPost, fmt.Sprintf("/v1/deals/%d/activities", annDeal), ann, map[string]any{"kind": "call", "rep_id": bobAcct.ID})
		require.Equal(t, http.StatusUnprocessableEntity, status, body)
		require.Equal(t, "rep_id", body["field"])
		// A proposal sent is an activity too (issue 16 item 12).
		status, body = b.call(t, http.MethodPost, fmt.Sprintf("/v1/deals/%d/activities", annDeal), ann, map[string]any{"kind": "proposal", "note": "v1, 25 seats"})
		require.Equal(t, http.StatusCreated, status, body)
		status, body = b.call(t, http.MethodPost, fmt.Sprintf("/v1/deals/%d/activities", annDeal), ann, map[string]any{"kind": "quote"})
		require.Equal(t, http.StatusUnprocessableEntity, status, body)
		require.Equal(t, "kind", body["field"])
	})

	t.Run("invalid changes are 422 naming the field", func(t *testing.T) {
		tests := []struct {
			name      string
			body      map[string]any
			wantField string
		}{
			{"unknown stage", map[string]any{"stage": "Signed"}, "stage"},
			{"lost without a reason", map[string]any{"stage": "Lost"}, "lost_reason"},
			{"lost for a reason not in the configured list", map[string]any{"stage": "Lost", "lost_reason": "bad vibes"}, "lost_reason"},
			{"won without an amount", map[string]any{"stage": "Won"}, "amount_cents"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, body := b.call(t, http.MethodPatch, fmt.Sprintf("/v1/deals/%d", annDeal), ann, tt.body)
				require.Equal(t, http.StatusUnprocessableEntity, status, body)
				require.Equal(t, tt.wantField, body["field"])
				require.NotEmpty(t, body["error"])
			})
		}
	})

	t.Run("a valid change records stage history", func(t *testing.T) {
		status, body := b.call(t, http.MethodPatch, fmt.Sprintf("/v1/deals/%d", annDeal), ann, map[string]any{"stage": "Negotiation", "amount_cents": 250000})
		require.Equal(t, http.StatusOK, status, body)
		deal := body["deal"].(map[string]any)
		require.Equal(t, "Negotiation", deal["stage"])
		require.EqualValues(t, 200000, deal["expected_cents"])
		history := body["stage_history"].([]any)
		require.Len(t, history, 2)
		last := history[1].(map[string]any)
		require.Equal(t, "Qualification", last["from"])
		require.Equal(t, "Negotiation", last["to"])
		require.Equal(t, fmt.Sprintf("rep:%d", annAcct.ID), last["changed_by"])

		status, body = b.call(t, http.MethodPatch, fmt.Sprintf("/v1/deals/%d", annDeal), ann, map[string]any{"stage": "Won"})
		require.Equal(t, http.StatusOK, status, body, "the amount set before satisfies Won")
		status, body = b.call(t, http.MethodPatch, fmt.Sprintf("/v1/deals/%d", annDeal), ann, map[string]any{"stage": "Negotiation"})
		require.Equal(t, http.StatusUnprocessableEntity, status, "a closed deal does not move: %v", body)
		require.Equal(t, "stage", body["field"])
	})

	t.Run("rotation invalidates the old token", func(t *testing.T) {
		rotated := tokenIn(t, repsCLI(t, "token", "--email", "bob@reps.example.com"))
		status, _ := b.call(t, http.MethodGet, "/v1/deals", bob, nil)
		require.Equal(t, http.StatusUnauthorized, status)
		status, body := b.call(t, http.MethodGet, "/v1/deals", rotated, nil)
		require.Equal(t, http.StatusOK, status)
		require.Equal(t, []int64{bobDeal}, dealIDs(t, body))

		repsCLI(t, "ooo", "--email", "bob@reps.example.com", "--from", "2026-12-20", "--to", "2027-01-03")
		acct, err := b.app.Store().RepByEmail(ctx, "bob@reps.example.com")
		require.NoError(t, err)
		require.Len(t, acct.OutOfOffice, 1)
		berlin, err := time.LoadLocation("Europe/Berlin")
		require.NoError(t, err)
		require.True(t, acct.OutOfOffice[0].To.Equal(time.Date(2027, 1, 4, 0, 0, 0, 0, berlin)), "the last day is included")

		repsCLI(t, "disable", "--email", "bob@reps.example.com")
		status, _ = b.call(t, http.MethodGet, "/v1/deals", rotated, nil)
		require.Equal(t, http.StatusUnauthorized, status, "a disabled rep's token is refused")
	})
}
