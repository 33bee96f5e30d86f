package lead

// Routing decision kinds, as routing_decisions.kind records them
// (migration 00006).
const (
	// RoutingAssign: a new deal got its owner.
	RoutingAssign = "assign"
	// RoutingReroute: a deal moved to another rep of its team.
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
// from fromRep: it is still fromRep's, untouched, open, and came through a
// team (without one there is nobody to move it to). A deal closed, touched
// or already reassigned since the breach was detected stays where it is.
func (d DealOwnership) Reroutable(fromRep int64) bool {
	return d.OwnerRepID == fromRep && !d.FirstContacted && !d.Closed && d.Team != ""
}
