package httpapi

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDecodeJSON(t *testing.T) {
	tests := []struct {
		name, body string
		ok         bool
	}{
		{"one object", `{"stage":"Won"}`, true},
		{"trailing whitespace", "{\"stage\":\"Won\"}\n", true},
		{"trailing junk", `{"stage":"Won"} junk`, false},
		{"two objects", `{"stage":"Won"} {"stage":"Lost"}`, false},
		{"unknown field", `{"stage":"Won","stgae":"x"}`, false},
		{"empty", ``, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v struct {
				Stage string `json:"stage"`
			}
			rec := httptest.NewRecorder()
			ok := decodeJSON(rec, httptest.NewRequest(http.MethodPost, "/", bytes.NewBufferString(tt.body)), &v)
			require.Equal(t, tt.ok, ok, rec.Body.String())
			if !ok {
				require.Equal(t, http.StatusBadRequest, rec.Code)
				require.Contains(t, rec.Body.String(), "malformed JSON")
			}
		})
	}
}
