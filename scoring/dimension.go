package scoring

import "strings"

// BANTDimension is the part of BANT (budget, authority, need, timeline) a
// contribution speaks to; "" for contributions outside BANT (firmographics,
// sources, engagement, the learned model, adjustments).
type BANTDimension string

// The BANT dimensions, named as pages show them.
const (
	BANTNone      BANTDimension = ""
	BANTBudget    BANTDimension = "Budget"
	BANTAuthority BANTDimension = "Authority"
	BANTNeed      BANTDimension = "Need"
	BANTTimeline  BANTDimension = "Timeline"
)

// defaultRuleDimensions is the BANT dimension of every fit rule of
// DefaultRules, by name. Every default rule is listed, those outside BANT
// with BANTNone, so a new default rule must be placed on purpose (the test
// fails otherwise).
var defaultRuleDimensions = map[string]BANTDimension{
	"budget 50k+":             BANTBudget,
	"budget 10k-50k":          BANTBudget,
	"budget under 10k":        BANTBudget,
	"no budget":               BANTBudget,
	"decision maker":          BANTAuthority,
	"influencer":              BANTAuthority,
	"defers":                  BANTAuthority,
	"user":                    BANTAuthority,
	"urgent need":             BANTNeed,
	"stated need":             BANTNeed,
	"exploring":               BANTNeed,
	"timeline 1 month":        BANTTimeline,
	"timeline 3 months":       BANTTimeline,
	"timeline 12 months":      BANTTimeline,
	"researching":             BANTTimeline,
	"executive":               BANTNone,
	"vp or director":          BANTNone,
	"manager":                 BANTNone,
	"company 500+":            BANTNone,
	"company 50-499":          BANTNone,
	"company given":           BANTNone,
	"phone given":             BANTNone,
	"referral":                BANTNone,
	"inbound form or webinar": BANTNone,
	"free mail":               BANTNone,
	"student":                 BANTNone,
	"competitor":              BANTNone,
	"do not contact":          BANTNone,
}

// BANT names the BANT dimension of the contribution. Only fit rules speak
// to BANT. A default rule is placed by its name; a rule configured under
// another name is placed by the words its name and reason use (the words of
// the default rules and the text extractor), which is the best a rule
// written as data allows.
func (c Contribution) BANT() BANTDimension {
	if c.Group != GroupFit {
		return BANTNone
	}
	if d, ok := defaultRuleDimensions[c.Rule]; ok {
		return d
	}
	s := strings.ToLower(c.Rule + " " + c.Reason)
	switch {
	case strings.Contains(s, "budget"):
		return BANTBudget
	case strings.Contains(s, "authority") || strings.Contains(s, "decision maker") || strings.Contains(s, "influencer") ||
		strings.Contains(s, "defers"):
		return BANTAuthority
	case strings.Contains(s, "timeline") || strings.Contains(s, "researching"):
		return BANTTimeline
	case strings.Contains(s, "need") || strings.Contains(s, "exploring"):
		return BANTNeed
	}
	return BANTNone
}
