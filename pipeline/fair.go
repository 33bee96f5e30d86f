package pipeline

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"leadflow/lead"
)

// vtimeEpsilon absorbs float rounding when comparing virtual times, so
// weights like 3 (stride 1/3) still tie-break by rep id as documented.
const vtimeEpsilon = 1e-9

// Member is one rep of a team as the fair scheduler sees it. The caller
// loads it from storage and, after a pick, stores the winner's
// Decision.NewVTime and its incremented OpenDeals.
//
// Fairness rests on virtual time (stride scheduling): a member's VTime
// grows by 1/Weight per lead, and the eligible member with the smallest
// VTime is next. A weight-2 rep's clock runs half as fast, so it gets twice
// the leads. Nothing is ever reset: adding, removing or re-weighting
// members changes only future strides.
type Member struct {
	RepID int64
	// Weight is the member's share relative to the others; 0 or below
	// means 1.
	Weight float64
	// VTime is the member's virtual time, as stored by the caller.
	VTime float64
	// Capacity is the most open deals the rep may hold; 0 means unlimited.
	Capacity  int
	OpenDeals int
	// Active is false for reps who left the team or are disabled.
	Active       bool
	Availability Availability
}

// RepSkip records why a member could not take the lead, for the ledger.
// (Not named Skip: that is the Destination for test leads.)
type RepSkip struct {
	RepID int64
	// Reason is human-readable: "inactive", "excluded", "at capacity
	// (5/5)", "out of office until …", "outside working hours (…)".
	Reason string
}

// Decision is the outcome of Pick.
type Decision struct {
	// RepID is the chosen rep, 0 when nobody was eligible.
	RepID int64
	// Skipped lists every ineligible member with its reason, ordered by
	// rep id. Eligible members that simply were not next are not listed.
	Skipped []RepSkip
	// NewVTime is the winner's virtual time after this lead; the caller
	// stores it. Zero when RepID is 0.
	NewVTime float64
}

// Pick chooses the rep for one lead among members at now. Members that are
// inactive, in exclude (e.g. they breached the SLA on this lead before), at
// capacity, or unavailable are skipped with a reason. Among the rest, the
// smallest virtual time wins, ties going to the lowest rep id.
//
// A member returning after being skipped for a while (out of office, full)
// has fallen behind in virtual time and would otherwise take every lead
// until it caught up. Pick bounds that: no eligible member counts as further
// behind than one stride below the most advanced eligible member, which in
// steady operation never binds (all eligible clocks lie within one stride
// of each other) and after an absence puts the returner next to the current
// leaders, like a newcomer at JoinVTime. The stored VTime is never lowered.
func Pick(members []Member, now time.Time, exclude map[int64]bool) Decision {
	var d Decision
	eligible := make([]Member, 0, len(members))
	for _, m := range members {
		if reason := ineligible(m, now, exclude); reason != "" {
			d.Skipped = append(d.Skipped, RepSkip{RepID: m.RepID, Reason: reason})
			continue
		}
		eligible = append(eligible, m)
	}
	slices.SortFunc(d.Skipped, func(a, b RepSkip) int { return cmp.Compare(a.RepID, b.RepID) })
	if len(eligible) == 0 {
		return d
	}
	top, maxStride := eligible[0].VTime, 0.0
	for _, m := range eligible {
		top = max(top, m.VTime)
		maxStride = max(maxStride, stride(m))
	}
	floor := top - maxStride
	var best Member
	var bestV float64
	for i, m := range eligible {
		v := max(m.VTime, floor)
		if i == 0 || v < bestV-vtimeEpsilon || (v <= bestV+vtimeEpsilon && m.RepID < best.RepID) {
			best, bestV = m, v
		}
	}
	d.RepID = best.RepID
	d.NewVTime = bestV + stride(best)
	return d
}

// JoinVTime is the virtual time a newcomer starts at: the minimum among
// active members, 0 when there are none. Starting at the minimum means the
// newcomer neither takes over the next leads (as 0 would) nor waits behind
// everyone; it gets its share from now on and nobody's clock is reset.
func JoinVTime(existing []Member) float64 {
	var v float64
	found := false
	for _, m := range existing {
		if !m.Active {
			continue
		}
		if !found || m.VTime < v {
			v, found = m.VTime, true
		}
	}
	return v
}

// stride is how far one lead advances m's virtual time.
func stride(m Member) float64 { return 1 / lead.TeamWeight(m.Weight) }

// ineligible returns why m cannot take a lead at now, or "".
func ineligible(m Member, now time.Time, exclude map[int64]bool) string {
	switch {
	case !m.Active:
		return "inactive"
	case exclude[m.RepID]:
		return "excluded"
	case m.Capacity > 0 && m.OpenDeals >= m.Capacity:
		return fmt.Sprintf("at capacity (%d/%d)", m.OpenDeals, m.Capacity)
	}
	if ok, reason := m.Availability.Available(now); !ok {
		return reason
	}
	return ""
}
