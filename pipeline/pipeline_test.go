package pipeline

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
)

func TestRoute(t *testing.T) {
	tests := []struct {
		name string
		band string
		test bool
		want Destination
	}{
		{"hot becomes a deal", "hot", false, ToDeal},
		{"warm is nurtured", "warm", false, ToNurture},
		{"cold is nurtured", "cold", false, ToNurture},
		{"test lead is never routed", "hot", true, Skip},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, Route(tt.band, tt.test))
		})
	}
}

func TestRoundRobin(t *testing.T) {
	reps := []lead.Rep{{ID: 1}, {ID: 2, Capacity: 1}, {ID: 3}}
	full := []lead.Rep{{ID: 1}, {ID: 2, Capacity: 1, OpenDeals: 1}, {ID: 3}}
	tests := []struct {
		name   string
		reps   []lead.Rep
		cursor int64
		want   int64
	}{
		{"no reps", nil, 0, 0},
		{"first", reps, 0, 1},
		{"wraps around", reps, 4, 2},
		{"skips a rep at capacity", full, 1, 3},
		{"all full", []lead.Rep{{ID: 2, Capacity: 1, OpenDeals: 1}}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, RoundRobin(tt.reps, tt.cursor))
		})
	}
}

// TestDefaultStagesMatchMigration keeps the Go list and the seeded rows equal.
func TestDefaultStagesMatchMigration(t *testing.T) {
	sql, err := os.ReadFile("../migrations/00002_default_pipeline.sql")
	require.NoError(t, err)
	for _, st := range DefaultStages() {
		require.True(t, strings.Contains(string(sql), "('"+st.Name+"',"), "stage %q missing from migration", st.Name)
	}
}
