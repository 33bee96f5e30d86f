package main

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/store"
)

// dealRulesBundle is a running app with a service token, two reps with
// their tokens and a way to open deals for them.
type dealRulesBundle struct {
	*testBundle
	ann, bob       int64
	annTok, bobTok string
}

func setupDealRules(t *testing.T) *dealRulesBundle {
	t.Helper()
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	b := &dealRulesBundle{testBundle: setupWith(t, dbURL, redisURL, options{env: map[string]string{config.EnvAPITokens: serviceToken}})}
	ctx := context.Background()
	rep := func(name string) (int64, string) {
		id, err := b.app.Store().AddRep(ctx, lead.Rep{Name: name, Email: name + "@reps.example.com"}, store.RoleRep)
		require.NoError(t, err)
		tok, err := b.app.Store().CreateRepToken(ctx, id)
		require.NoError(t, err)
		return id, tok
	}
	b.ann, b.annTok = rep("ann")
	b.bob, b.bobTok = rep("bob")
	return b
}

// deal opens a deal in Sales/Qualification owned by owner.
func (b *dealRulesBundle) deal(t *testing.T, key string, owner int64) int64 {
	t.Helper()
	ctx := context.Background()
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

// closedAt reads a deal's closed_at as text ("" while open), so a test can
// tell whether it moved without comparing clocks.
func (b *dealRulesBundle) closedAt(t *testing.T, dealID int64) string {
	t.Helper()
	return b.query(t, `SELECT COALESCE(closed_at::text, '') FROM deals WHERE id = $1`, dealID)[0]
}

// TestDealAmountBounded is issue 14 item 4: an amount past the configured
// maximum is refused naming amount_cents, so one PATCH cannot make every
// report fail with "bigint out of range".
func TestDealAmountBounded(t *testing.T) {
	b := setupDealRules(t)
	max := pipeline.DefaultMaxAmountCents

	t.Run("amounts past the maximum are 422 naming amount_cents", func(t *testing.T) {
		tests := []struct {
			name       string
			body       map[string]any
			wantStatus int
		}{
			{"won at the int64 maximum", map[string]any{"stage": "Won", "amount_cents": int64(math.MaxInt64)}, http.StatusUnprocessableEntity},
			{"one cent past the maximum", map[string]any{"amount_cents": max + 1}, http.StatusUnprocessableEntity},
			{"negative", map[string]any{"amount_cents": -1}, http.StatusUnprocessableEntity},
			{"exactly the maximum", map[string]any{"amount_cents": max}, http.StatusOK},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				id := b.deal(t, fmt.Sprint("amount-", i), b.ann)
				status, body := b.call(t, http.MethodPatch, fmt.Sprintf("/v1/deals/%d", id), b.annTok, tt.body)
				require.Equal(t, tt.wantStatus, status, body)
				if tt.wantStatus == http.StatusOK {
					require.EqualValues(t, max, body["deal"].(map[string]any)["amount_cents"])
					return
				}
				require.Equal(t, "amount_cents", body["field"], body)
				require.Equal(t, []string{"0"}, b.query(t, `SELECT amount_cents FROM deals WHERE id = $1`, id), "a refused change stores nothing")
			})
		}
	})

	t.Run("reports answer with several deals won at the maximum", func(t *testing.T) {
		for i := range 3 {
			id := b.deal(t, fmt.Sprint("won-at-max-", i), b.ann)
			status, body := b.call(t, http.MethodPatch, fmt.Sprintf("/v1/deals/%d", id), b.annTok, map[string]any{"stage": "Won", "amount_cents": max})
			require.Equal(t, http.StatusOK, status, body)
		}
		for _, report := range []string{"funnel", "stages", "attribution", "reps"} {
			status, body := b.call(t, http.MethodGet, "/v1/reports/"+report, serviceToken, nil)
			require.Equal(t, http.StatusOK, status, "%s: %v", report, body)
		}
		status, body := b.call(t, http.MethodGet, "/v1/reports/reps", serviceToken, nil)
		require.Equal(t, http.StatusOK, status, body)
		rows := body["rows"].([]any)
		require.NotEmpty(t, rows)
		require.EqualValues(t, 3*max, rows[0].(map[string]any)["won_revenue_cents"])
	})
}

// TestServiceStageMoveFollowsPatchRules is issue 14 item 8 for POST
// /v1/deals/{id}/stage: the same transition rules as PATCH, and the acting
// identity from the token, never from the body.
func TestServiceStageMoveFollowsPatchRules(t *testing.T) {
	b := setupDealRules(t)
	stage := func(id int64, body map[string]any) (int, map[string]any) {
		return b.call(t, http.MethodPost, fmt.Sprintf("/v1/deals/%d/stage", id), serviceToken, body)
	}

	t.Run("refused moves are 422 naming the field", func(t *testing.T) {
		tests := []struct {
			name      string
			body      map[string]any
			wantField string
		}{
			{"won without an amount", map[string]any{"stage": "Won"}, "amount_cents"},
			{"lost without a reason", map[string]any{"stage": "Lost"}, "lost_reason"},
			{"lost for a reason not in the configured list", map[string]any{"stage": "Lost", "lost_reason": "bad vibes"}, "lost_reason"},
			{"unknown stage", map[string]any{"stage": "Signed"}, "stage"},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				id := b.deal(t, fmt.Sprint("refused-", i), b.ann)
				status, body := stage(id, tt.body)
				require.Equal(t, http.StatusUnprocessableEntity, status, body)
				require.Equal(t, tt.wantField, body["field"], body)
				require.Equal(t, "", b.closedAt(t, id), "a refused move leaves the deal open")
			})
		}
	})

	t.Run("a won deal stays won and keeps its close time", func(t *testing.T) {
		id := b.deal(t, "won-once", b.ann)
		status, body := b.call(t, http.MethodPatch, fmt.Sprintf("/v1/deals/%d", id), serviceToken, map[string]any{"amount_cents": 120000})
		require.Equal(t, http.StatusOK, status, body)
		status, body = stage(id, map[string]any{"stage": "Won"})
		require.Equal(t, http.StatusOK, status, body, "the amount set before satisfies Won")
		closed := b.closedAt(t, id)
		require.NotEmpty(t, closed)
		for _, again := range []map[string]any{{"stage": "Negotiation"}, {"stage": "Won"}, {"stage": "Lost", "lost_reason": "price"}} {
			status, body := stage(id, again)
			require.Equal(t, http.StatusUnprocessableEntity, status, "%v: %v", again, body)
			require.Equal(t, "stage", body["field"], body)
		}
		require.Equal(t, closed, b.closedAt(t, id), "closed_at does not move")
		require.Equal(t, []string{"Won"}, b.query(t, `SELECT st.name FROM deals d JOIN stages st ON st.id = d.stage_id WHERE d.id = $1`, id))
	})

	t.Run("by in the body is refused; the history names the token", func(t *testing.T) {
		id := b.deal(t, "by-field", b.ann)
		status, body := stage(id, map[string]any{"stage": "Negotiation", "by": fmt.Sprintf("rep:%d", b.ann)})
		require.Equal(t, http.StatusBadRequest, status, body)
		require.Equal(t, "by", body["field"], body)
		status, body = stage(id, map[string]any{"stage": "Negotiation"})
		require.Equal(t, http.StatusOK, status, body)
		require.Equal(t, []string{"router", "api"}, b.query(t, `SELECT changed_by FROM deal_stage_history WHERE deal_id = $1 ORDER BY id`, id))
	})
}

// TestActivityIdentityFromToken is issue 14 item 8 for POST
// /v1/deals/{id}/activities: one handler for every token, and the activity
// (the deal's first touch, which stops the owner's SLA timer) is recorded as
// the token's holder, never as a rep named in the body.
func TestActivityIdentityFromToken(t *testing.T) {
	b := setupDealRules(t)
	tests := []struct {
		name       string
		token      func() string
		owner      func() int64
		body       func() map[string]any
		wantStatus int
		wantField  string
		// wantRep is the rep the recorded activity names (0: none);
		// unused when the request is refused.
		wantRep func() int64
	}{
		{name: "service token naming the owner", token: func() string { return serviceToken }, owner: func() int64 { return b.ann },
			body:       func() map[string]any { return map[string]any{"kind": "call", "rep_id": b.ann} },
			wantStatus: http.StatusUnprocessableEntity, wantField: "rep_id"},
		{name: "rep naming another rep on their own deal", token: func() string { return b.bobTok }, owner: func() int64 { return b.bob },
			body:       func() map[string]any { return map[string]any{"kind": "call", "rep_id": b.ann} },
			wantStatus: http.StatusUnprocessableEntity, wantField: "rep_id"},
		{name: "rep on another rep's deal", token: func() string { return b.bobTok }, owner: func() int64 { return b.ann },
			body:       func() map[string]any { return map[string]any{"kind": "call", "rep_id": b.ann} },
			wantStatus: http.StatusNotFound, wantField: "id"},
		{name: "rep's own activity", token: func() string { return b.annTok }, owner: func() int64 { return b.ann },
			body:       func() map[string]any { return map[string]any{"kind": "call", "note": "left a voicemail"} },
			wantStatus: http.StatusCreated, wantRep: func() int64 { return b.ann }},
		{name: "rep naming themselves", token: func() string { return b.annTok }, owner: func() int64 { return b.ann },
			body:       func() map[string]any { return map[string]any{"kind": "call", "rep_id": b.ann} },
			wantStatus: http.StatusCreated, wantRep: func() int64 { return b.ann }},
		{name: "service token as itself", token: func() string { return serviceToken }, owner: func() int64 { return b.ann },
			body:       func() map[string]any { return map[string]any{"kind": "note", "note": "imported from the dialer"} },
			wantStatus: http.StatusCreated, wantRep: func() int64 { return 0 }},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := b.deal(t, fmt.Sprint("activity-", i), tt.owner())
			status, body := b.call(t, http.MethodPost, fmt.Sprintf("/v1/deals/%d/activities", id), tt.token(), tt.body())
			require.Equal(t, tt.wantStatus, status, body)
			if tt.wantStatus != http.StatusCreated {
				require.Equal(t, tt.wantField, body["field"], body)
				require.Equal(t, []string{"0"}, b.query(t, `SELECT count(*) FROM deal_activities WHERE deal_id = $1`, id), "nothing is recorded")
				require.Equal(t, []string{"false"}, b.query(t, `SELECT first_contacted_at IS NOT NULL FROM deals WHERE id = $1`, id),
					"no first touch: the owner's SLA timer still runs")
				return
			}
			require.Equal(t, []string{fmt.Sprint(tt.wantRep())}, b.query(t, `SELECT COALESCE(rep_id, 0) FROM deal_activities WHERE deal_id = $1`, id))
		})
	}
}
