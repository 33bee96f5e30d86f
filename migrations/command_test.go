package migrations_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/migrations"
)

// TestRun runs each verb on a database that holds every migration.
func TestRun(t *testing.T) {
	t.Parallel()
	url := testenv.DatabaseURL(t)
	files, err := migrations.List(context.Background(), url)
	require.NoError(t, err)
	tests := []struct {
		verb    string
		want    func(out string)
		wantErr string
	}{
		{verb: "up", want: func(out string) { require.Equal(t, "database is up to date\n", out) }},
		{verb: "status", want: func(out string) {
			require.Equal(t, len(files), strings.Count(out, "applied  "), out)
			require.NotContains(t, out, "pending")
		}},
		{verb: "down", wantErr: `migrate: no verb "down"`},
	}
	for _, tt := range tests {
		t.Run(tt.verb, func(t *testing.T) {
			var out bytes.Buffer
			err := migrations.Run(context.Background(), tt.verb, url, &out)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			tt.want(out.String())
		})
	}
}

func TestVerbUsage(t *testing.T) {
	t.Parallel()
	for _, v := range migrations.Verbs {
		require.True(t, strings.HasPrefix(migrations.VerbUsage(v), "Usage: leadflow migrate "+v+"\n\n"), v)
		require.Greater(t, len(migrations.VerbUsage(v)), len("Usage: leadflow migrate "+v+"\n\n"), "each verb says what it does")
	}
}
