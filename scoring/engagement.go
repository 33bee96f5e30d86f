package scoring

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"leadflow/lead"
)

// Engagement kinds Score weighs, in the order their contributions appear.
// The first three are lead.Engagement kinds of the same name.
const (
	EngagementOpened    = lead.EngagementOpened
	EngagementClicked   = lead.EngagementClicked
	EngagementReplied   = lead.EngagementReplied
	EngagementFormFill  = "form_fill"
	EngagementPageVisit = "page_visit"
)

var engagementKinds = []string{EngagementOpened, EngagementClicked, EngagementReplied, EngagementFormFill, EngagementPageVisit}

// EngagementKinds returns the kinds Score weighs, in contribution order.
func EngagementKinds() []string { return append([]string(nil), engagementKinds...) }

func knownEngagementKind(k string) bool {
	for _, x := range engagementKinds {
		if x == k {
			return true
		}
	}
	return false
}

// engagementNouns name each kind in reasons, singular and plural.
var engagementNouns = map[string][2]string{
	EngagementOpened:    {"email open", "email opens"},
	EngagementClicked:   {"email click", "email clicks"},
	EngagementReplied:   {"reply", "replies"},
	EngagementFormFill:  {"form fill", "form fills"},
	EngagementPageVisit: {"page visit", "page visits"},
}

// Engagement is one thing the contact did, for engagement scoring.
type Engagement struct {
	// Kind is one of the Engagement* kinds; others are ignored.
	Kind string `json:"kind"`
	// At is when it happened. An event dated after the scoring time
	// (clock skew) counts as fresh.
	At time.Time `json:"at"`
	// Count is how many events this one stands for, for aggregated page
	// visits; 0 means 1.
	Count int `json:"count,omitempty"`
}

// FromLeadEngagements converts recorded email engagements to scoring
// engagements, keeping opens, clicks and replies and dropping delivery
// results, unsubscribes, complaints and provider test events, which say
// nothing about buying interest (suppressions handle the first ones).
func FromLeadEngagements(es []lead.Engagement) []Engagement {
	out := make([]Engagement, 0, len(es))
	for _, e := range es {
		if e.Test {
			continue
		}
		switch e.Kind {
		case lead.EngagementOpened, lead.EngagementClicked, lead.EngagementReplied:
			out = append(out, Engagement{Kind: e.Kind, At: e.OccurredAt})
		}
	}
	return out
}

// kindTotal accumulates one kind's events.
type kindTotal struct {
	kind   string
	count  int
	points float64
	last   time.Time
}

// decayFactor is 0.5^(age/halfLife), 1 for events not in the past.
func decayFactor(age, halfLife time.Duration) float64 {
	if age <= 0 || halfLife <= 0 {
		return 1
	}
	return math.Exp2(-float64(age) / float64(halfLife))
}

// engagementContributions scores the engagements: per kind, the sum of
// each event's decayed points; over all kinds, capped at MaxPoints by
// scaling every kind down by the same factor. Points are rounded with the
// largest-remainder method, so the per-kind contributions add up to
// exactly the rounded (capped) total rather than drifting by rounding.
func engagementContributions(in *Input, r *Rules, now time.Time) []Contribution {
	e := &r.Engagement
	if e.MaxPoints <= 0 {
		return nil
	}
	events := in.Engagements
	for _, key := range e.PageVisitAttributes {
		v := attributeValue(in.Lead.Attributes, key)
		n, ok := v.number()
		if !ok || n < 1 || n > math.MaxInt32 {
			continue
		}
		at := in.Lead.OccurredAt
		if at.IsZero() {
			at = now
		}
		if len(events) == len(in.Engagements) {
			// Copy before appending: the caller's slice is not ours.
			events = append(make([]Engagement, 0, len(events)+len(e.PageVisitAttributes)), events...)
		}
		events = append(events, Engagement{Kind: EngagementPageVisit, At: at, Count: int(n)})
	}

	totals := make([]kindTotal, len(engagementKinds))
	for i, k := range engagementKinds {
		totals[i].kind = k
	}
	seen := false
	for _, ev := range events {
		idx := -1
		for j, k := range engagementKinds {
			if k == ev.Kind {
				idx = j
				break
			}
		}
		if idx < 0 {
			continue
		}
		n := max(ev.Count, 1)
		t := &totals[idx]
		t.count += n
		t.points += float64(e.Points[ev.Kind]) * float64(n) * decayFactor(now.Sub(ev.At), e.HalfLife)
		if ev.At.After(t.last) {
			t.last = ev.At
		}
		seen = true
	}
	if !seen {
		return nil
	}

	sum := 0.0
	for _, t := range totals {
		sum += t.points
	}
	scale, capped := 1.0, false
	if sum > float64(e.MaxPoints) {
		scale, capped = float64(e.MaxPoints)/sum, true
	}
	exact := make([]float64, len(totals))
	for i, t := range totals {
		exact[i] = t.points * scale
	}
	points := largestRemainder(exact, int(math.Round(sum*scale)))

	var out []Contribution
	for i, t := range totals {
		if t.count == 0 {
			continue
		}
		noun := engagementNouns[t.kind][1]
		if t.count == 1 {
			noun = engagementNouns[t.kind][0]
		}
		reason := fmt.Sprintf("%d %s, last %s", t.count, noun, ago(now.Sub(t.last)))
		if capped {
			reason += fmt.Sprintf(", scaled to the %d-point engagement cap", e.MaxPoints)
		}
		out = append(out, Contribution{
			Rule:   t.kind,
			Group:  GroupEngagement,
			Points: points[i],
			Reason: withPoints(reason, points[i]),
		})
	}
	return out
}

// largestRemainder rounds xs to integers summing to total: each gets its
// floor, and the units left go to the largest fractional parts (ties to
// the earlier index, for determinism).
func largestRemainder(xs []float64, total int) []int {
	out := make([]int, len(xs))
	order := make([]int, len(xs))
	floorSum := 0
	for i, x := range xs {
		out[i] = int(math.Floor(x))
		floorSum += out[i]
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		fa, fb := xs[order[a]]-math.Floor(xs[order[a]]), xs[order[b]]-math.Floor(xs[order[b]])
		return fa > fb
	})
	for k := 0; k < total-floorSum && k < len(order); k++ {
		out[order[k]]++
	}
	return out
}

// ago renders an age coarsely, as a rep would say it.
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	default:
		return plural(int(d/(24*time.Hour)), "day") + " ago"
	}
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, strings.TrimSuffix(unit, "s"))
}
