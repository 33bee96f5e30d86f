package config

import "leadflow/pipeline"

// TeamPipelines maps each team that names its own pipeline to it; the
// other teams' deals go to Pipeline.
func (r Routing) TeamPipelines() map[string]string {
	out := map[string]string{}
	for _, t := range r.Teams {
		if t.Pipeline != "" {
			out[t.Name] = t.Pipeline
		}
	}
	return out
}

// TeamRules are the rules that pick a team for a hot lead; nil without
// teams, when leads go to reps directly.
func (r Routing) TeamRules() *pipeline.RoutingRules {
	if len(r.Teams) == 0 {
		return nil
	}
	return &pipeline.RoutingRules{Rules: r.Rules, Fallback: r.FallbackTeam}
}
