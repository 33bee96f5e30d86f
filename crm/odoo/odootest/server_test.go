package odootest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// rpc posts one JSON-RPC call the way Odoo's documentation shows and
// returns the decoded answer.
func rpc(t *testing.T, s *Server, service, method string, args ...any) map[string]any {
	t.Helper()
	body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "call", "id": 7,
		"params": map[string]any{"service": service, "method": method, "args": args}})
	require.NoError(t, err)
	resp, err := http.Post(s.URL+"/jsonrpc", "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	require.Equal(t, "2.0", out["jsonrpc"])
	require.Equal(t, 7.0, out["id"])
	return out
}

func kw(t *testing.T, s *Server, model, method string, args []any, kwargs map[string]any) map[string]any {
	t.Helper()
	return rpc(t, s, "object", "execute_kw", s.Database(), APIUserID, s.APIKey(), model, method, args, kwargs)
}

func errorName(t *testing.T, out map[string]any) string {
	t.Helper()
	e, ok := out["error"].(map[string]any)
	require.True(t, ok, "want an error, got %v", out)
	require.Equal(t, "Odoo Server Error", e["message"])
	return e["data"].(map[string]any)["name"].(string)
}

func TestAuthenticate(t *testing.T) {
	t.Parallel()
	s := New(t, Config{})
	require.Equal(t, float64(APIUserID), rpc(t, s, "common", "authenticate", s.Database(), s.Login(), s.APIKey(), map[string]any{})["result"])
	require.Equal(t, false, rpc(t, s, "common", "authenticate", s.Database(), s.Login(), "wrong", map[string]any{})["result"])
	require.Equal(t, "psycopg2.OperationalError", errorName(t, rpc(t, s, "common", "authenticate", "nope", s.Login(), s.APIKey(), map[string]any{})))
	s.ExpireKey()
	require.Equal(t, false, rpc(t, s, "common", "authenticate", s.Database(), s.Login(), s.APIKey(), map[string]any{})["result"])
	require.Equal(t, "odoo.exceptions.AccessDenied", errorName(t, kw(t, s, "crm.lead", "search", []any{[]any{}}, nil)))
}

func TestSearchDomains(t *testing.T) {
	t.Parallel()
	s := New(t, Config{})
	s.SetNow(time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC))
	created := kw(t, s, "crm.lead", "create", []any{[]any{
		map[string]any{"name": "a", "x_leadflow_key": "k1", "expected_revenue": 10.0},
		map[string]any{"name": "b", "x_leadflow_key": "k2", "expected_revenue": 20.0},
		map[string]any{"name": "c", "expected_revenue": 30.0},
	}}, nil)
	require.Equal(t, []any{1.0, 2.0, 3.0}, created["result"])
	require.NoError(t, s.MarkLost(2, "Too expensive", time.Date(2026, 12, 7, 11, 0, 0, 0, time.UTC)))

	tests := []struct {
		name   string
		domain []any
		kwargs map[string]any
		want   []any
	}{
		{"archived hidden by default", []any{}, nil, []any{1.0, 3.0}},
		{"active_test false", []any{}, map[string]any{"context": map[string]any{"active_test": false}}, []any{1.0, 2.0, 3.0}},
		{"domain on active", []any{[]any{"active", "=", false}}, nil, []any{2.0}},
		{"or", []any{"|", []any{"name", "=", "a"}, []any{"name", "=", "c"}}, nil, []any{1.0, 3.0}},
		{"not", []any{"!", []any{"name", "=", "a"}}, nil, []any{3.0}},
		{"implicit and", []any{[]any{"expected_revenue", ">", 5.0}, []any{"expected_revenue", "<=", 10.0}}, nil, []any{1.0}},
		{"in", []any{[]any{"x_leadflow_key", "in", []any{"k1", "k9"}}}, nil, []any{1.0}},
		{"set", []any{[]any{"x_leadflow_key", "!=", false}}, map[string]any{"context": map[string]any{"active_test": false}}, []any{1.0, 2.0}},
		{"many2one by id", []any{[]any{"stage_id", "=", 1.0}}, nil, []any{1.0, 3.0}},
		{"order desc, limit, offset", []any{}, map[string]any{"order": "write_date desc, id desc", "limit": 2.0, "offset": 1.0,
			"context": map[string]any{"active_test": false}}, []any{3.0, 1.0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := kw(t, s, "crm.lead", "search", []any{tt.domain}, tt.kwargs)
			require.Nil(t, out["error"], "%v", out["error"])
			require.Equal(t, tt.want, out["result"])
		})
	}

	row := kw(t, s, "crm.lead", "search_read", []any{[]any{[]any{"id", "=", 2.0}}},
		map[string]any{"fields": []any{"stage_id", "lost_reason_id", "write_uid", "partner_id", "active"}, "context": map[string]any{"active_test": false}})
	require.Equal(t, []any{map[string]any{"id": 2.0, "stage_id": []any{1.0, "New"}, "lost_reason_id": []any{1.0, "Too expensive"},
		"write_uid": []any{float64(RepUserID), "Ana Rep"}, "partner_id": false, "active": false}}, row["result"])

	for name, call := range map[string]map[string]any{
		"unknown field in domain": kw(t, s, "crm.lead", "search", []any{[]any{[]any{"nope", "=", 1.0}}}, nil),
		"unknown operator":        kw(t, s, "crm.lead", "search", []any{[]any{[]any{"name", "~", "a"}}}, nil),
		"unknown field written":   kw(t, s, "crm.lead", "write", []any{[]any{1.0}, map[string]any{"nope": 1.0}}, nil),
		"unknown method":          kw(t, s, "crm.lead", "unlink", []any{[]any{1.0}}, nil),
	} {
		require.Contains(t, []string{"builtins.ValueError", "builtins.AttributeError"}, errorName(t, call), name)
	}
}

func TestCreateIsOneTransaction(t *testing.T) {
	t.Parallel()
	s := New(t, Config{})
	s.Reject("k2", "No.")
	out := kw(t, s, "crm.lead", "create", []any{[]any{
		map[string]any{"name": "a", "x_leadflow_key": "k1"},
		map[string]any{"name": "b", "x_leadflow_key": "k2"},
	}}, nil)
	require.Equal(t, "odoo.exceptions.ValidationError", errorName(t, out))
	require.Empty(t, s.Leads(), "nothing of a failed batch is kept")

	require.Equal(t, "odoo.exceptions.ValidationError", errorName(t, kw(t, s, "crm.lead", "create", []any{map[string]any{"x_leadflow_key": "k3"}}, nil)),
		"name is required")
	require.Equal(t, "odoo.exceptions.ValidationError", errorName(t, kw(t, s, "crm.lead", "create", []any{map[string]any{"name": "x", "stage_id": 99.0}}, nil)),
		"a relation must exist")
	require.Equal(t, 1.0, kw(t, s, "crm.lead", "create", []any{map[string]any{"name": "a", "stage_id": float64(WonStageID)}}, nil)["result"])
	l, ok := s.LeadByKey("")
	require.True(t, ok)
	require.Equal(t, 100.0, l.Probability, "a won stage means probability 100")
}

func TestFailNext(t *testing.T) {
	t.Parallel()
	s := New(t, Config{})
	s.FailNext(2, http.StatusTooManyRequests, "3")
	for range 2 {
		resp, err := http.Post(s.URL+"/jsonrpc", "application/json", bytes.NewReader([]byte(`{}`)))
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
		require.Equal(t, "3", resp.Header.Get("Retry-After"))
	}
	require.NotNil(t, rpc(t, s, "common", "version")["result"])
}

// TestUTMNamesAreUnique: creating a utm.source or utm.campaign under a
// taken name gets Odoo's " [n]" suffix instead of failing, as
// utm.mixin._get_unique_names does.
func TestUTMNamesAreUnique(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		model string
		names []any // created in one call
		want  []string
	}{
		{name: "a seeded source", model: "utm.source", names: []any{"Facebook"}, want: []string{"Facebook [2]"}},
		{name: "a new campaign twice in one call", model: "utm.campaign", names: []any{"spring", "spring"}, want: []string{"spring", "spring [2]"}},
		{name: "case differs: not taken", model: "utm.source", names: []any{"facebook"}, want: []string{"facebook"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := New(t, Config{})
			var vals []any
			for _, n := range tt.names {
				vals = append(vals, map[string]any{"name": n})
			}
			created := kw(t, s, tt.model, "create", []any{vals}, nil)
			ids, ok := created["result"].([]any)
			require.True(t, ok, "%v", created)
			read := kw(t, s, tt.model, "read", []any{ids}, map[string]any{"fields": []string{"name"}})
			var got []string
			for _, r := range read["result"].([]any) {
				got = append(got, r.(map[string]any)["name"].(string))
			}
			require.Equal(t, tt.want, got)
		})
	}
}
