package scoring

import (
	"fmt"
	"math"
	"strings"
	"time"

	"leadflow/lead"
	"leadflow/scoring/learn"
)

// Band is the coarse priority a total falls into; routing and nurture
// decisions key off the band rather than the raw number.
type Band string

// The bands, from most to least sales-ready.
const (
	BandHot  Band = "hot"
	BandWarm Band = "warm"
	BandCold Band = "cold"
)

// Contribution groups, in the order they appear in a Result.
const (
	GroupFit        = "fit"
	GroupEngagement = "engagement"
	GroupLearned    = "learned"
	GroupAdjustment = "adjustment"
)

// Rule names of the contributions that do not come from a fit rule.
// Engagement contributions are named by their kind ("opened").
const (
	RuleLearned = "learned"
	// RuleClamp adjusts a raw sum below 0 up to 0.
	RuleClamp = "clamp"
	// RuleCompress adjusts a raw sum above the knee (see Knee) down onto
	// the curve that keeps the top of the range ordered.
	RuleCompress = "compress"
	// RuleCap adjusts the total down to a matching fit rule's cap_total.
	RuleCap = "cap"
)

// Contribution is one rule's share of a score.
type Contribution struct {
	// Rule is the fit rule's name, the engagement kind, "learned",
	// "clamp" or "cap". Stable: dashboards and stored results group by it.
	Rule string `json:"rule"`
	// Group is one of the Group* constants.
	Group string `json:"group"`
	// Points is what this rule added (negative when it subtracted).
	Points int `json:"points"`
	// Reason says in plain words why, ending in the signed points, e.g.
	// `budget of $50k or more (from the message: "about $60k") (+30)`.
	// It never contains the lead's name, email address or phone number,
	// so it is safe to log and display.
	Reason string `json:"reason"`
}

// Result is a scored lead. It is stored as JSON as the score breakdown.
type Result struct {
	// Total is within 0..100 and always equals the sum of the
	// contributions' points: when the raw sum falls outside 0..100, or
	// above a matching rule's cap_total, an "adjustment" contribution
	// makes up the difference.
	Total int `json:"total"`
	// Band is the band Total falls into under the rules' thresholds.
	Band Band `json:"band"`
	// ModelVersion is Rules.ModelVersion, followed by "+" and the learned
	// model's version when the learned model contributed
	// ("score-v2+ebm-1a2b3c4d5e6f").
	ModelVersion string `json:"model_version"`
	// Contributions come in a fixed order: fit rules that held (in rule
	// order), engagement by kind (opened, clicked, replied, form_fill,
	// page_visit), learned, adjustment. Empty for a lead no rule matched.
	Contributions []Contribution `json:"contributions"`
}

// Input is everything Score reads about one contact.
type Input struct {
	// Lead is the current profile with its structured answers; its
	// Message and Attributes are read too.
	Lead lead.Lead `json:"lead"`
	// Texts are the contact's free texts (touchpoint messages, email
	// replies), each read for BANT signals as of when it was written. Any
	// order: a contact's facts are taken from whatever said something
	// last (see Earlier). A TextMessage equal to Lead.Message is the
	// lead's own message and is read once.
	Texts []Text `json:"texts,omitempty"`
	// Earlier are the leads of the contact's earlier touchpoints, any
	// order. Their structured answers and titles count where Lead and the
	// texts say nothing later: a plain newsletter sign-up does not erase
	// the need a form stated in May. Statements older than
	// Rules.StatementMaxAge, and timelines whose horizon passed more than
	// a month ago, no longer count.
	Earlier []lead.Lead `json:"earlier,omitempty"`
	// Engagements are what the contact did. The submission being scored
	// is scored by the fit rules; pass earlier submissions as form_fill.
	Engagements []Engagement `json:"engagements,omitempty"`
	// Learned is the learned model's prediction for the lead; nil when
	// no learned model is active.
	Learned *learn.Prediction `json:"learned,omitempty"`
	// LearnedVersion is the learned model's version (learn.Model.Version).
	LearnedVersion string `json:"learned_version,omitempty"`
}

// Score rates one contact under r at time now: fit rules, then decayed
// engagement, then the learned model, clamped to 0..100. It is pure and
// deterministic (same input, rules and now, same Result) and never
// panics, even on rules that did not pass Validate; those should not be
// used, but a fuzzer or a hand-built Rules cannot crash a worker.
func Score(in Input, r Rules, now time.Time) Result {
	f := facts{in: &in, rules: &r, now: now}
	cs := make([]Contribution, 0, 12)

	ceiling, capRule := 100, ""
	for i := range r.Fit {
		fr := &r.Fit[i]
		m := fr.When.eval(&f, 0)
		if !m.ok {
			continue
		}
		if c := fr.CapTotal; c != nil && *c < ceiling {
			ceiling, capRule = max(*c, 0), fr.Name
		}
		reason := fr.Reason
		if strings.TrimSpace(reason) == "" {
			reason = strings.Join(m.why, " and ")
		}
		if len(m.from) > 0 {
			reason += " (from " + strings.Join(fromNotRepeating(m.from, reason), "; ") + ")"
		}
		cs = append(cs, Contribution{Rule: fr.Name, Group: GroupFit, Points: fr.Points, Reason: withPoints(reason, fr.Points)})
	}

	cs = append(cs, engagementContributions(&in, &r, now)...)

	version := r.ModelVersion
	if c, ok := learnedContribution(&in, &r); ok {
		cs = append(cs, c)
		v := in.LearnedVersion
		if v == "" {
			v = "learned"
		}
		version += "+" + v
	}

	raw := 0
	for _, c := range cs {
		raw += c.Points
	}
	knee := Knee(r)
	total := min(max(compress(raw, knee), 0), ceiling)
	switch {
	case total == raw:
	case total == ceiling && capRule != "":
		cs = append(cs, Contribution{
			Rule:   RuleCap,
			Group:  GroupAdjustment,
			Points: total - raw,
			Reason: withPoints(fmt.Sprintf("points add up to %d; rule %q caps the score at %d", raw, capRule, ceiling), total-raw),
		})
	case raw > knee:
		cs = append(cs, Contribution{
			Rule:   RuleCompress,
			Group:  GroupAdjustment,
			Points: total - raw,
			Reason: withPoints(fmt.Sprintf("points add up to %d; above %d each point counts for less, so the strongest leads stay ranked below 100", raw, knee), total-raw),
		})
	default:
		cs = append(cs, Contribution{
			Rule:   RuleClamp,
			Group:  GroupAdjustment,
			Points: total - raw,
			Reason: withPoints(fmt.Sprintf("points add up to %d; the score is kept within 0..100", raw), total-raw),
		})
	}
	return Result{Total: total, Band: BandOf(total, r), ModelVersion: version, Contributions: cs}
}

// DefaultKnee is where the score stops counting points one for one. The
// rules can add up to well over 100 (budget, authority, need, timeline,
// title, size, engagement and the learned model together); clamping the
// sum at 100 gave one in eight demo contacts exactly 100 and left the top
// unranked. Above the knee the score follows a curve that leaves the
// straight line with the same slope and approaches 100 without reaching
// it, so more points always mean a higher score and bands below the knee
// do not move.
const DefaultKnee = 80

// Knee is where r's scores start to be compressed: DefaultKnee, or the
// hot threshold when that is higher, so compression never moves a lead
// across a band boundary.
func Knee(r Rules) int {
	return max(DefaultKnee, r.HotThreshold)
}

// compress maps a raw sum of points onto the score: raw up to knee as is,
// above it knee + (100-knee)·(1 - e^(-(raw-knee)/(100-knee))), rounded.
// The curve has slope 1 at the knee and approaches 100 (a raw sum of 118
// scores 97 with the default knee; 100 needs about 154).
func compress(raw, knee int) int {
	if raw <= knee || knee >= 100 {
		return min(raw, 100)
	}
	span := float64(100 - knee)
	return knee + int(math.Round(span*(1-math.Exp(-float64(raw-knee)/span))))
}

// learnedTopFeatures is how many of the model's terms a reason names.
const learnedTopFeatures = 3

// learnedContribution turns the prediction into points: round(MaxPoints ×
// probability), explained by the terms that moved it most.
func learnedContribution(in *Input, r *Rules) (Contribution, bool) {
	p := in.Learned
	if p == nil || r.Learned.MaxPoints <= 0 {
		return Contribution{}, false
	}
	prob := p.Probability
	if math.IsNaN(prob) {
		prob = 0
	}
	prob = min(max(prob, 0), 1)
	points := int(math.Round(float64(r.Learned.MaxPoints) * prob))
	// The reason is read by reps: no model version (Result.ModelVersion
	// keeps it), no logits, each term said as "budget over $50k" and
	// whether it raised or lowered the chance.
	var b strings.Builder
	fmt.Fprintf(&b, "learned from past won and lost deals: %.0f %% chance to win", prob*100)
	for i, fc := range p.Top(learnedTopFeatures) {
		if i == 0 {
			b.WriteString("; weighed most: ")
		} else {
			b.WriteString(", ")
		}
		way := "raises it"
		if fc.Logit < 0 {
			way = "lowers it"
		}
		fmt.Fprintf(&b, "%s (%s)", learnedTermWords(fc.Feature, fc.Value), way)
	}
	return Contribution{Rule: RuleLearned, Group: GroupLearned, Points: points, Reason: withPoints(b.String(), points)}, true
}

// fromNotRepeating drops from each source what the reason already says: a
// form answer of "10k_50k" behind "budget of $10k to $50k" reads "(from a
// form answer)", not the same words twice. A source is "<where>: <what>";
// where never contains ": ".
func fromNotRepeating(from []string, reason string) []string {
	out := make([]string, len(from))
	lower := strings.ToLower(reason)
	for i, f := range from {
		out[i] = f
		where, what, ok := strings.Cut(f, ": ")
		what = strings.ToLower(strings.Trim(what, `"`))
		if ok && containsWords(lower, what) {
			out[i] = where
		}
	}
	return out
}

// containsWords reports whether s contains w as whole words: not inside a
// longer word ("no" is not in "now"; "$10k" is in "of $10k to").
func containsWords(s, w string) bool {
	if w == "" {
		return false
	}
	wordByte := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 }
	for i := 0; i+len(w) <= len(s); i++ {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		if (start == 0 || !wordByte(s[start-1])) && (end == len(s) || !wordByte(s[end])) {
			return true
		}
		i = start
	}
	return false
}

// Why is the reason without its points: what a page or report shows beside
// a points column of its own, so "+5" is not read twice. A reason that
// does not end in its points (one stored by another version) is returned
// as it is.
func (c Contribution) Why() string {
	return strings.TrimSuffix(c.Reason, fmt.Sprintf(" (%+d)", c.Points))
}

// withPoints ends a reason in its signed points, "(+30)" or "(-10)".
func withPoints(reason string, points int) string {
	return fmt.Sprintf("%s (%+d)", reason, points)
}

// BandOf maps a total to its band under r's thresholds; both thresholds
// are inclusive lower bounds.
func BandOf(total int, r Rules) Band {
	switch {
	case total >= r.HotThreshold:
		return BandHot
	case total >= r.WarmThreshold:
		return BandWarm
	default:
		return BandCold
	}
}

// bandRank orders bands from cold (0) to hot (2); unknown is -1.
func bandRank(b Band) int {
	switch b {
	case BandCold:
		return 0
	case BandWarm:
		return 1
	case BandHot:
		return 2
	}
	return -1
}

// Crossed compares a contact's previous band with its new one: changed
// when they differ, heatedUp when the new band is warmer. A first score
// (prev "") or an unknown band is no crossing: a crossing event needs two
// known bands, so a brand-new lead does not also raise "heated up".
func Crossed(prev, next Band) (changed bool, heatedUp bool) {
	p, n := bandRank(prev), bandRank(next)
	if p < 0 || n < 0 || p == n {
		return false, false
	}
	return true, n > p
}

// Subtotal returns the points of one group's contributions.
func (r Result) Subtotal(group string) int {
	sum := 0
	for _, c := range r.Contributions {
		if c.Group == group {
			sum += c.Points
		}
	}
	return sum
}

// Explain renders r for a human: the headline, then each group with its
// subtotal and one line per contribution, in scoring order. Results
// stored by the v1 scorer (no groups) print as a flat list.
func (r Result) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "score %d/100: %s (model %s)\n", r.Total, r.Band, r.ModelVersion)
	group := "\x00"
	for _, c := range r.Contributions {
		if c.Group != group {
			group = c.Group
			if group != "" {
				fmt.Fprintf(&b, "%s %+d\n", group, r.Subtotal(group))
			}
		}
		indent := "- "
		if group != "" {
			indent = "  - "
		}
		if c.Rule != "" && c.Group == GroupFit {
			fmt.Fprintf(&b, "%s%s: %s\n", indent, c.Rule, c.Reason)
		} else {
			fmt.Fprintf(&b, "%s%s\n", indent, c.Reason)
		}
	}
	return b.String()
}
