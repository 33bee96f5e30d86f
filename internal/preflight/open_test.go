package preflight_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/internal/preflight"
	"leadflow/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

func TestOpenStore(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		url     func(t testing.TB) string
		wantErr string
	}{
		{name: "a database that answers", url: testenv.DatabaseURL},
		{name: "nothing listening", url: func(testing.TB) string { return "postgres://postgres@127.0.0.1:1/leadflow" },
			wantErr: "PostgreSQL at 127.0.0.1:1 is not reachable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st, closeStore, err := preflight.OpenStore(context.Background(), tt.url(t))
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			defer closeStore()
			_, err = st.RelayBacklog(context.Background())
			require.NoError(t, err, "the store reads")
		})
	}
}
