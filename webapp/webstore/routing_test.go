package webstore_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/pipeline"
	"leadflow/webapp"
	"leadflow/webapp/webstore"
)

func TestRoutingView(t *testing.T) {
	t.Parallel()
	hot := pipeline.RouteCondition{Bands: []string{"hot"}}
	when, err := json.Marshal(hot)
	require.NoError(t, err)
	tests := []struct {
		name string
		r    config.Routing
		want webapp.RoutingView
	}{
		{name: "no teams: round robin", r: config.Routing{Pipeline: "Sales", HotStage: "Qualification", SLA: time.Hour},
			want: webapp.RoutingView{Pipeline: "Sales", HotStage: "Qualification", SLA: time.Hour, RoundRobinWithoutTeam: true}},
		{name: "teams with weights and rules", r: config.Routing{Pipeline: "Sales", FallbackTeam: "smb",
			Teams: []config.Team{{Name: "smb", Members: []config.TeamMember{{Email: "ann@example.com", Weight: 2}, {Email: "bob@example.com"}}}},
			Rules: []pipeline.RoutingRule{{Name: "hot", When: hot, Team: "smb"}}},
			want: webapp.RoutingView{Pipeline: "Sales", FallbackTeam: "smb",
				Teams: []string{"smb: ann@example.com ×2, bob@example.com ×1"},
				Rules: []webapp.RoutingRuleView{{Name: "hot", When: string(when), Team: "smb"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, webstore.RoutingView(tt.r))
		})
	}
}
