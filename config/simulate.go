package config

import "leadflow/pipeline"

// Simulation is the routing section as `leadflow route simulate` replays
// leads through it; an unset "active" means active, as at start-up.
func (r Routing) Simulation() pipeline.SimConfig {
	c := pipeline.SimConfig{Rules: pipeline.RoutingRules{Rules: r.Rules, Fallback: r.FallbackTeam}}
	for _, rep := range r.Reps {
		c.Reps = append(c.Reps, pipeline.SimRep{Email: rep.Email, Capacity: rep.Capacity, Active: rep.Active == nil || *rep.Active,
			Availability: rep.Availability})
	}
	for _, t := range r.Teams {
		st := pipeline.SimTeam{Name: t.Name}
		for _, m := range t.Members {
			st.Members = append(st.Members, pipeline.SimMember{Email: m.Email, Weight: m.Weight})
		}
		c.Teams = append(c.Teams, st)
	}
	return c
}
