package config

import (
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/pipeline"
)

func TestRoutingTeams(t *testing.T) {
	t.Parallel()
	rules := []pipeline.RoutingRule{{Team: "enterprise"}}
	tests := []struct {
		name      string
		routing   Routing
		pipelines map[string]string
		rules     *pipeline.RoutingRules
	}{
		{name: "no teams", routing: Routing{Rules: rules, FallbackTeam: "smb"}, pipelines: map[string]string{}},
		{name: "teams, one with its own pipeline",
			routing:   Routing{Teams: []Team{{Name: "enterprise", Pipeline: "Enterprise"}, {Name: "smb"}}, Rules: rules, FallbackTeam: "smb"},
			pipelines: map[string]string{"enterprise": "Enterprise"},
			rules:     &pipeline.RoutingRules{Rules: rules, Fallback: "smb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.pipelines, tt.routing.TeamPipelines())
			require.Equal(t, tt.rules, tt.routing.TeamRules())
		})
	}
}
