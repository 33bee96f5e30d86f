package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/httpapi"
	"leadflow/lead"
)

// privacyFake is a contact store with one contact (id 7, ref lead_seven)
// that records erasures; down makes every call fail like a lost database.
type privacyFake struct {
	down   bool
	erased []string
}

func (f *privacyFake) ResolveContact(_ context.Context, idOrRef string) (int64, error) {
	if f.down {
		return 0, errors.New("connection refused")
	}
	if idOrRef == "7" || idOrRef == "lead_seven" {
		return 7, nil
	}
	return 0, fmt.Errorf("contact %q: %w", idOrRef, lead.ErrNotFound)
}

func (f *privacyFake) ContactScores(context.Context, int64, int) ([]lead.Score, error) {
	return nil, nil
}

func (f *privacyFake) ExportContactJSON(_ context.Context, id int64, now time.Time) (json.RawMessage, error) {
	return json.RawMessage(fmt.Sprintf(`{"format":"test","contact":{"id":%d},"exported_at":%q}`, id, now.Format(time.RFC3339))), nil
}

func (f *privacyFake) EraseContactJSON(_ context.Context, id int64, by string, _ time.Time) (json.RawMessage, error) {
	f.erased = append(f.erased, by)
	return json.RawMessage(`{"erasure_id":1,"contact_id":` + strconv.FormatInt(id, 10) + `,"erased_by":"` + by + `"}`), nil
}

// repTokens is a RepStore knowing two tokens: a rep's and a manager's.
type repTokens struct{ httpapi.RepStore }

func (repTokens) RepByToken(_ context.Context, token string) (httpapi.Caller, error) {
	switch token {
	case "rep-token":
		return httpapi.Caller{RepID: 3, Active: true}, nil
	case "manager-token":
		return httpapi.Caller{RepID: 4, Manager: true, Active: true}, nil
	}
	return httpapi.Caller{}, lead.ErrNotFound
}

type nopIntake struct{}

func (nopIntake) InsertEvents(context.Context, []lead.Event) ([]int64, error) { return nil, nil }
func (nopIntake) Ping(context.Context) error                                  { return nil }

func TestPrivacyRoutes(t *testing.T) {
	t.Parallel()
	reg, err := connectors.NewRegistry()
	require.NoError(t, err)
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	newHandler := func(f *privacyFake) http.Handler {
		h, err := httpapi.New(httpapi.Config{Connectors: reg, Store: nopIntake{},
			EnqueueFunc: func(context.Context, string, []lead.Event) error { return nil },
			Contacts:    f, Privacy: f, Reps: repTokens{}, APITokens: []string{"service-token"}, NowFunc: func() time.Time { return now },
			Logger: slog.New(slog.DiscardHandler)})
		require.NoError(t, err)
		return h
	}
	tests := []struct {
		name       string
		method     string
		path       string
		token      string
		down       bool
		wantStatus int
		wantField  string
		wantBody   string
		wantErased []string
	}{
		{"service token exports", "GET", "/v1/contacts/7/export", "service-token", false, 200, "", `"contact":{"id":7}`, nil},
		{"manager exports by ref", "GET", "/v1/contacts/lead_seven/export", "manager-token", false, 200, "", `"format":"test"`, nil},
		{"a rep may not export", "GET", "/v1/contacts/7/export", "rep-token", false, 403, "Authorization", "managers", nil},
		{"unknown contact", "GET", "/v1/contacts/8/export", "service-token", false, 404, "id", "no contact", nil},
		{"no token", "GET", "/v1/contacts/7/export", "", false, 401, "Authorization", "missing bearer token", nil},
		{"storage down", "GET", "/v1/contacts/7/export", "service-token", true, 503, "", "unavailable", nil},
		{"service token erases", "POST", "/v1/contacts/7/erase", "service-token", false, 200, "", `"erased_by":"api"`, []string{"api"}},
		{"a manager's erasure names the rep id", "POST", "/v1/contacts/lead_seven/erase", "manager-token", false, 200, "", `"erased_by":"rep:4"`, []string{"rep:4"}},
		{"a rep may not erase", "POST", "/v1/contacts/7/erase", "rep-token", false, 403, "Authorization", "managers", nil},
		{"erasing an unknown contact", "POST", "/v1/contacts/nope/erase", "service-token", false, 404, "id", "no contact", nil},
		{"erase is POST only", "GET", "/v1/contacts/7/erase", "service-token", false, 404, "", "no such endpoint", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &privacyFake{down: tt.down}
			req := httptest.NewRequest(tt.method, tt.path, nil)
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			rec := httptest.NewRecorder()
			newHandler(f).ServeHTTP(rec, req)
			require.Equal(t, tt.wantStatus, rec.Code, rec.Body.String())
			require.Contains(t, rec.Body.String(), tt.wantBody)
			if tt.wantStatus >= 400 {
				var body struct{ Error, Field string }
				require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
				require.NotEmpty(t, body.Error)
				require.Equal(t, tt.wantField, body.Field)
			}
			if tt.wantStatus == 200 && tt.method == "GET" {
				require.Contains(t, rec.Header().Get("Content-Disposition"), "attachment")
			}
			require.Equal(t, tt.wantErased, f.erased)
		})
	}
}
