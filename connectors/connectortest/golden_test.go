package connectortest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCaseRequestBuild(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "body.bin"), []byte("exact\r\nbytes"), 0o644))
	for _, tt := range []struct {
		name     string
		req      CaseRequest
		wantBody string
		wantErr  string
	}{
		{name: "inline body", req: CaseRequest{Body: "hello"}, wantBody: "hello"},
		{name: "body file", req: CaseRequest{BodyFile: "body.bin"}, wantBody: "exact\r\nbytes"},
		{name: "both", req: CaseRequest{Body: "x", BodyFile: "body.bin"}, wantErr: "set body or body_file, not both"},
		{name: "missing file", req: CaseRequest{BodyFile: "nope.bin"}, wantErr: "build golden request"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Headers = map[string]string{"webhook-id": "msg_1"}
			req, err := tt.req.Build(dir)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, "POST", req.Method)
			require.Equal(t, "msg_1", req.Header.Get("Webhook-Id"))
			require.Equal(t, tt.wantBody, string(req.Body))
		})
	}
}

func TestReadCaseRejectsUnknownKeys(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "case.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"name":"x","now":"2026-01-01T00:00:00Z","want":{"error_knid":"invalid"}}`), 0o644))
	_, err := ReadCase(file)
	require.ErrorContains(t, err, `unknown field "error_knid"`)
}

func TestUpdateFlagIsRegistered(t *testing.T) {
	t.Parallel()
	require.False(t, Update(), "tests run without -update")
}
