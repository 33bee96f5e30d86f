package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The rep API reads JSON bodies, a bearer token and report windows from
// callers that may be careless or hostile. These fuzzers check that the
// readers never panic, that every refusal is a 400/401 with the JSON error
// body, and that only the exact configured token is let through.

// FuzzDecodeJSON feeds arbitrary bodies to decodeJSON with each body shape
// the rep API decodes (stage move, activity, deal patch).
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		`{"stage":"Won","lost_reason":"","by":"rep@example.com"}`,
		`{"kind":"call","note":"left a voicemail","rep_id":3}`,
		`{"stage":null,"amount_cents":250000,"lost_reason":"price"}`,
		`{"amount_cents":1e400}`, `{"rep_id":"3"}`, `{"unknown":1}`, `{} {}`, `[]`, `null`, ``,
		"{\"note\":\"\xff\"}", `{"kind":"call","note":"a\u0000b","rep_id":-9223372036854775808}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		targets := []any{
			&struct {
				Stage      string `json:"stage"`
				LostReason string `json:"lost_reason"`
				By         string `json:"by"`
			}{},
			&struct {
				Kind  string `json:"kind"`
				Note  string `json:"note"`
				RepID int64  `json:"rep_id"`
			}{},
			&struct {
				Stage       *string `json:"stage"`
				AmountCents *int64  `json:"amount_cents"`
				LostReason  *string `json:"lost_reason"`
			}{},
		}
		for _, v := range targets {
			rec := httptest.NewRecorder()
			ok := decodeJSON(rec, httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body)), v)
			if ok {
				require.Equal(t, http.StatusOK, rec.Code, "nothing is written on success")
				require.Zero(t, rec.Body.Len())
				continue
			}
			require.Equal(t, http.StatusBadRequest, rec.Code)
			var e errorBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e), "the refusal is JSON: %s", rec.Body)
			require.True(t, strings.HasPrefix(e.Error, "malformed JSON: "), e.Error)
		}
	})
}

// FuzzBearerToken checks the token guard with service tokens only:
// "Bearer <token>" (surrounding blanks allowed) passes, anything else is
// 401 with a JSON body naming Authorization.
func FuzzBearerToken(f *testing.F) {
	const token = "service-token-0123456789abcdef0123456789"
	for _, seed := range []string{"Bearer " + token, "bearer " + token, "Bearer  " + token, "Bearer " + token + " ",
		"Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "", "Bearer " + token[:10], "Bearer " + token + "\x00"} {
		f.Add(seed)
	}
	s := &Server{cfg: Config{APITokens: []string{"another-token-that-is-long-enough-000", token}}}
	f.Fuzz(func(t *testing.T, header string) {
		req := httptest.NewRequest(http.MethodGet, "/v1/contacts/1/score", nil)
		req.Header["Authorization"] = []string{header}
		rec := httptest.NewRecorder()
		called := false
		s.requireRep(func(http.ResponseWriter, *http.Request) { called = true })(rec, req)
		got, isBearer := strings.CutPrefix(header, "Bearer ")
		got = strings.TrimSpace(got)
		want := isBearer && (got == token || got == "another-token-that-is-long-enough-000")
		require.Equal(t, want, called, "header %q", header)
		if !called {
			require.Equal(t, http.StatusUnauthorized, rec.Code)
			var e errorBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e))
			require.Equal(t, "Authorization", e.Field)
		}
	})
}

// FuzzParseReportRange checks the report window reader: an error always
// names from or to, and an accepted window is never empty or inverted.
func FuzzParseReportRange(f *testing.F) {
	for _, seed := range [][2]string{{"", ""}, {"2026-01-01", "2026-01-31"}, {"2026-01-31", "2026-01-01"},
		{"2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"}, {"2026-02-30", ""}, {"", "2026-13-01"},
		{"9999-12-31", ""}, {"0000-01-01T00:00:00+14:00", "0000-01-01"}, {"2026-01-01T00:00:00.999999999-23:59", ""}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, from, to string) {
		start, end, field, err := ParseReportRange(from, to, time.UTC)
		if err != nil {
			require.Contains(t, []string{"from", "to"}, field)
			require.NotEmpty(t, err.Error())
			return
		}
		require.Empty(t, field)
		if from == "" {
			require.True(t, start.IsZero(), "an empty bound is unbounded")
		}
		if to == "" {
			require.True(t, end.IsZero(), "an empty bound is unbounded")
		}
		if !start.IsZero() && !end.IsZero() {
			require.True(t, end.After(start), "window %s .. %s", start.Format(time.RFC3339Nano), end.Format(time.RFC3339Nano))
		}
	})
}
