package webstore

import (
	"encoding/json"
	"fmt"
	"strings"

	"leadflow/config"
	"leadflow/webapp"
)

// RoutingView describes the configured routing for the managers' page:
// each rule's condition as its JSON, each team as its members with their
// weights (a weight under 1 counts as 1, as routing does).
func RoutingView(r config.Routing) webapp.RoutingView {
	rv := webapp.RoutingView{Pipeline: r.Pipeline, HotStage: r.HotStage, SLA: r.SLA, CallbackAfter: r.CallbackAfter,
		FallbackTeam: r.FallbackTeam, RoundRobinWithoutTeam: len(r.Teams) == 0}
	for _, rule := range r.Rules {
		when, _ := json.Marshal(rule.When)
		rv.Rules = append(rv.Rules, webapp.RoutingRuleView{Name: rule.Name, When: string(when), Team: rule.Team})
	}
	for _, t := range r.Teams {
		members := make([]string, len(t.Members))
		for i, m := range t.Members {
			members[i] = fmt.Sprintf("%s ×%g", m.Email, max(m.Weight, 1))
		}
		rv.Teams = append(rv.Teams, t.Name+": "+strings.Join(members, ", "))
	}
	return rv
}
