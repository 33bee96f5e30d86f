package lead

// Routing decision kinds, as routing_decisions.kind records them
// (migration 00006).
const (
	// RoutingAssign: a new deal got its owner.
	RoutingAssign = "assign"
	// RoutingReroute: a deal moved to another rep (of its team, or in its
	// pipeline's rotation when it has none).
	RoutingReroute = "reroute"
)

// RerouteRule is the rule a speed-to-lead reassignment records.
const RerouteRule = "speed-to-lead breach"

// DealOwnership is what decides whether a deal may be rerouted: who owns
// it, its routing team, whether the owner touched it and whether it is
// closed.
type DealOwnership struct {
	OwnerRepID     int64
	Team           string
	FirstContacted bool
	Closed         bool
}

// Reroutable reports whether a speed-to-lead breach may move the deal away
// from fromRep: it is still fromRep's, untouched and open. A deal closed,
// touched or already reassigned since the breach was detected stays where
// it is. Whether anyone can take it (a team's other members, or the other
// active reps for a round-robin deal) is the pick's answer, not this one.
func (d DealOwnership) Reroutable(fromRep int64) bool {
	return d.OwnerRepID == fromRep && !d.FirstContacted && !d.Closed
}

// Repick chooses a deal's next owner after a speed-to-lead breach. Team
// picks among the deal's team (fair share); RoundRobin among the active
// reps in id order at the deal's place in its pipeline's rotation, as
// round-robin deals are assigned. Both must leave out the owner who missed
// the deadline, and answer 0 when nobody can take it.
type Repick struct {
	Team       func(members []TeamMember) Assignment
	RoundRobin func(reps []Rep, cursor int64) int64
}
