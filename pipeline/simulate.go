package pipeline

import (
	"cmp"
	"slices"
	"strings"

	"leadflow/lead"
)

// SimConfig is the routing configuration a simulation replays leads
// through: the reps, the teams and the rules.
type SimConfig struct {
	// Reps are every configured rep, in order; without teams hot leads go
	// round robin over them.
	Reps []SimRep
	// Teams are the routing teams; the rules pick one per hot lead.
	Teams []SimTeam
	// Rules are the ordered rules and the fallback team.
	Rules RoutingRules
}

// SimRep is a rep as the simulation sees it, identified by email.
type SimRep struct {
	Email string
	// Capacity is the most open deals; 0 means unlimited.
	Capacity     int
	Active       bool
	Availability Availability
}

// SimTeam is a routing team of a simulation.
type SimTeam struct {
	Name    string
	Members []SimMember
}

// SimMember is a rep (by email) in a team with its weight.
type SimMember struct {
	Email  string
	Weight float64
}

// SimRow counts, for one team and rep, the hot leads the simulation gave
// them and the leads they actually got.
type SimRow struct {
	// Team is "" for round robin.
	Team string
	// Rep is the rep's lower-cased email.
	Rep       string
	Simulated int
	Actual    int
}

// Simulation is the outcome of Simulate.
type Simulation struct {
	// Rows are ordered by team, then rep.
	Rows []SimRow
	// Leads is how many leads were replayed, hot or not.
	Leads int
	// Hot is how many hot leads were replayed.
	Hot int
	// Unassigned is how many hot leads found no eligible rep.
	Unassigned int
}

// Simulate assigns the hot leads in order with the configured rules,
// teams, weights, capacities and availability (at each lead's time), from a
// clean slate of virtual times and open deals, and tallies the actual
// owners beside it. It reads each lead with FactsOf and matches and picks
// with RoutingRules.Match and Pick, as production assignment does, so it
// shows what production would do with the configuration.
func Simulate(c SimConfig, leads []lead.RoutedLead) Simulation {
	sim := Simulation{Leads: len(leads)}
	rows := map[[2]string]*SimRow{}
	row := func(team, rep string) *SimRow {
		k := [2]string{team, rep}
		if rows[k] == nil {
			rows[k] = &SimRow{Team: team, Rep: rep}
		}
		return rows[k]
	}
	reps := map[string]SimRep{}
	ids := map[string]int64{}
	emails := map[int64]string{}
	for i, rep := range c.Reps {
		e := strings.ToLower(rep.Email)
		reps[e], ids[e], emails[int64(i+1)] = rep, int64(i+1), e
	}
	members := map[string][]Member{}
	for _, t := range c.Teams {
		for _, m := range t.Members {
			e := strings.ToLower(m.Email)
			// A member missing from Reps counts as active, as an unset
			// "active" does in the configuration.
			rep, known := reps[e]
			members[t.Name] = append(members[t.Name], Member{RepID: ids[e], Weight: m.Weight, Capacity: rep.Capacity,
				Active: !known || rep.Active, Availability: rep.Availability})
		}
	}
	rr := 0
	for _, l := range leads {
		if l.ActualRep != "" {
			row(l.ActualTeam, l.ActualRep).Actual++
		}
		if l.Score.Band != "hot" {
			continue
		}
		sim.Hot++
		if len(c.Teams) == 0 {
			if len(c.Reps) == 0 {
				sim.Unassigned++
				continue
			}
			row("", strings.ToLower(c.Reps[rr%len(c.Reps)].Email)).Simulated++
			rr++
			continue
		}
		team, _ := c.Rules.Match(FactsOf(l.Lead, l.Score))
		ms := members[team]
		d := Pick(ms, l.At, nil)
		if d.RepID == 0 {
			sim.Unassigned++
			continue
		}
		for i := range ms {
			if ms[i].RepID == d.RepID {
				ms[i].VTime, ms[i].OpenDeals = d.NewVTime, ms[i].OpenDeals+1
			}
		}
		row(team, emails[d.RepID]).Simulated++
	}
	for _, r := range rows {
		sim.Rows = append(sim.Rows, *r)
	}
	slices.SortFunc(sim.Rows, func(a, b SimRow) int {
		return cmp.Or(cmp.Compare(a.Team, b.Team), cmp.Compare(a.Rep, b.Rep))
	})
	return sim
}
