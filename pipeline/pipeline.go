// Package pipeline holds the sales-pipeline rules: the default stages, where
// a scored lead goes, and how a deal's owner is chosen. It is pure domain
// logic; the store records what these functions decide.
package pipeline

import "leadflow/lead"

// StageKind says whether a stage is still open or closes the deal.
type StageKind string

// Stage kinds.
const (
	KindOpen StageKind = "open"
	KindWon  StageKind = "won"
	KindLost StageKind = "lost"
)

// Stage is one step of a pipeline.
type Stage struct {
	Name string
	// Position orders stages from 1.
	Position int
	// WinProbability is the chance a deal in this stage closes won (0..1),
	// used to weight the forecast.
	WinProbability float64
	Kind           StageKind
}

// DefaultPipelineName is the pipeline the migrations create.
const DefaultPipelineName = "Sales"

// DefaultStages are the stages of the default pipeline: five open stages of
// a classic sales process, then Won and Lost. Migration 00002 creates exactly
// these; a test keeps the two in step.
func DefaultStages() []Stage {
	return []Stage{
		{"Prospecting", 1, 0.10, KindOpen},
		{"Qualification", 2, 0.20, KindOpen},
		{"Initial contact", 3, 0.40, KindOpen},
		{"Value proposition", 4, 0.60, KindOpen},
		{"Negotiation", 5, 0.80, KindOpen},
		{"Won", 6, 1.00, KindWon},
		{"Lost", 7, 0.00, KindLost},
	}
}

// Destination is where a scored lead is routed.
type Destination string

// Destinations.
const (
	// ToDeal opens a deal in the sales pipeline.
	ToDeal Destination = "deal"
	// ToNurture enrolls the contact in a nurture program.
	ToNurture Destination = "nurture"
	// Skip routes nowhere (provider test leads).
	Skip Destination = "skipped"
)

// Route decides the destination of a lead from its score band: hot leads
// become deals, warm and cold ones are nurtured until they heat up. Test
// leads are never routed, so they never reach a rep.
func Route(band string, test bool) Destination {
	switch {
	case test:
		return Skip
	case band == "hot":
		return ToDeal
	default:
		return ToNurture
	}
}

// RoundRobin picks the rep at cursor modulo the number of reps, skipping
// reps at capacity. It returns 0 when there are no reps or all are full.
func RoundRobin(reps []lead.Rep, cursor int64) int64 {
	n := int64(len(reps))
	if n == 0 {
		return 0
	}
	if cursor < 0 {
		cursor = -cursor
	}
	for i := int64(0); i < n; i++ {
		r := reps[(cursor+i)%n]
		if r.Capacity > 0 && r.OpenDeals >= r.Capacity {
			continue
		}
		return r.ID
	}
	return 0
}
