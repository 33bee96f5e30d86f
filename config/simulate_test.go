package config

import (
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/pipeline"
)

func TestRoutingSimulation(t *testing.T) {
	t.Parallel()
	no := false
	berlin := pipeline.Availability{TimeZone: "Europe/Berlin"}
	rule := pipeline.RoutingRule{Name: "big", Team: "enterprise"}
	tests := []struct {
		name string
		in   Routing
		want pipeline.SimConfig
	}{
		{"empty", Routing{}, pipeline.SimConfig{}},
		{
			name: "reps, teams and rules",
			in: Routing{
				Reps: []Rep{{Name: "Ann", Email: "ann@x", Capacity: 2, Availability: berlin}, {Name: "Bob", Email: "bob@x", Active: &no}},
				Teams: []Team{{Name: "enterprise", Pipeline: "Big", Members: []TeamMember{{Email: "ann@x", Weight: 2}}},
					{Name: "smb", Members: []TeamMember{{Email: "bob@x"}}}},
				Rules:        []pipeline.RoutingRule{rule},
				FallbackTeam: "smb",
			},
			want: pipeline.SimConfig{
				Reps: []pipeline.SimRep{{Email: "ann@x", Capacity: 2, Active: true, Availability: berlin}, {Email: "bob@x"}},
				Teams: []pipeline.SimTeam{{Name: "enterprise", Members: []pipeline.SimMember{{Email: "ann@x", Weight: 2}}},
					{Name: "smb", Members: []pipeline.SimMember{{Email: "bob@x"}}}},
				Rules: pipeline.RoutingRules{Rules: []pipeline.RoutingRule{rule}, Fallback: "smb"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, tt.in.Simulation())
		})
	}
}
