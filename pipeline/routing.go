package pipeline

import (
	"errors"
	"fmt"
	"strings"

	"leadflow/lead"
)

// FallbackRule is the rule name Match reports when no rule matched and the
// lead went to RoutingRules.Fallback. Stored in the ledger, so it is stable.
const FallbackRule = "fallback"

// knownBands are the score bands the scoring package produces. A rule naming
// another band could never match, so Validate rejects it rather than letting
// a typo ("hto") silently send every hot lead to the fallback team.
var knownBands = map[string]bool{"hot": true, "warm": true, "cold": true}

// RoutingRule sends the leads matching When to Team. Rules are evaluated in
// order and the first match wins, so specific rules go before broad ones.
type RoutingRule struct {
	// Name identifies the rule in the lead's ledger and in config errors.
	Name string `yaml:"name"`
	// When is the condition; an empty condition matches every lead.
	When RouteCondition `yaml:"when"`
	// Team receives the matching leads; it must be a configured team.
	Team string `yaml:"team"`
}

// RouteCondition is a conjunction: every field that is set must match, and
// an empty condition matches everything. String lists match
// case-insensitively and a list matches when any of its entries does.
type RouteCondition struct {
	// Bands are score bands ("hot", "warm", "cold").
	Bands []string `yaml:"bands"`
	// MinScore is the lowest total score (0..100) that matches.
	MinScore *int `yaml:"min_score"`
	// Sources are lead sources (connector names such as "meta", "webform").
	Sources []string `yaml:"sources"`
	// Channels are marketing channels, from lead.Channels (e.g. "cpc",
	// "email", "paid_social").
	Channels []string `yaml:"channels"`
	// Countries are ISO 3166-1 alpha-2 codes ("DE") or territory names the
	// caller puts in LeadFacts.Country.
	Countries []string `yaml:"countries"`
	// MinCompanySize is the smallest head count that matches. A lead with
	// an unknown company size (0) never matches a size bound.
	MinCompanySize *int `yaml:"min_company_size"`
	// MaxCompanySize is the largest head count that matches.
	MaxCompanySize *int `yaml:"max_company_size"`
	// Campaigns are campaign names (UTM campaign).
	Campaigns []string `yaml:"campaigns"`
}

// RoutingRules is the routing configuration: ordered rules plus the team
// that gets every lead no rule matched, so no lead is ever left unrouted.
type RoutingRules struct {
	Rules []RoutingRule `yaml:"rules"`
	// Fallback is the team for leads no rule matched; required.
	Fallback string `yaml:"fallback_team"`
}

// LeadFacts are the lead attributes rules can test. The caller fills them
// from the lead and its score; empty strings and a zero CompanySize mean
// unknown, and an unknown value never matches a condition on that field.
type LeadFacts struct {
	Band     string
	Score    int
	Source   string
	Channel  string
	Country  string
	Campaign string
	// CompanySize is the head count; 0 means unknown.
	CompanySize int
}

// Validate checks the rules against the configured teams (team name → true)
// and reports every problem at once, each naming the rule index, rule name
// and field, e.g. `routing.rules[2] ("emea").team: unknown team "emea-sales"`.
func (r RoutingRules) Validate(teams map[string]bool) error {
	var errs []error
	names := make(map[string]int, len(r.Rules))
	for i, rule := range r.Rules {
		at := fmt.Sprintf("routing.rules[%d] (%q)", i, rule.Name)
		bad := func(field, format string, args ...any) {
			errs = append(errs, fmt.Errorf("%s.%s: %s", at, field, fmt.Sprintf(format, args...)))
		}
		switch {
		case strings.TrimSpace(rule.Name) == "":
			bad("name", "is empty")
		case rule.Name == FallbackRule:
			bad("name", "%q is reserved for the fallback team", FallbackRule)
		default:
			if j, dup := names[rule.Name]; dup {
				bad("name", "duplicates routing.rules[%d]", j)
			} else {
				names[rule.Name] = i
			}
		}
		switch {
		case rule.Team == "":
			bad("team", "is empty")
		case !teams[rule.Team]:
			bad("team", "unknown team %q", rule.Team)
		}
		w := rule.When
		for j, b := range w.Bands {
			if !knownBands[strings.ToLower(strings.TrimSpace(b))] {
				bad(fmt.Sprintf("when.bands[%d]", j), "unknown band %q (want hot, warm or cold)", b)
			}
		}
		if w.MinScore != nil && (*w.MinScore < 0 || *w.MinScore > 100) {
			bad("when.min_score", "%d is outside 0..100", *w.MinScore)
		}
		if w.MinCompanySize != nil && *w.MinCompanySize < 1 {
			bad("when.min_company_size", "%d is below 1", *w.MinCompanySize)
		}
		if w.MaxCompanySize != nil && *w.MaxCompanySize < 1 {
			bad("when.max_company_size", "%d is below 1", *w.MaxCompanySize)
		}
		if w.MinCompanySize != nil && w.MaxCompanySize != nil && *w.MinCompanySize > *w.MaxCompanySize {
			bad("when.max_company_size", "%d is below min_company_size %d", *w.MaxCompanySize, *w.MinCompanySize)
		}
		// A slice, not a map, so errors come out in a stable order.
		for _, l := range []struct {
			field string
			list  []string
		}{{"sources", w.Sources}, {"channels", w.Channels}, {"countries", w.Countries}, {"campaigns", w.Campaigns}} {
			for j, s := range l.list {
				if strings.TrimSpace(s) == "" {
					bad(fmt.Sprintf("when.%s[%d]", l.field, j), "is empty")
				}
				// A channel outside the known set can never match: intake
				// files unknown channels under "other".
				if l.field == "channels" && s != "" && lead.NormalizeChannel(s) != strings.ToLower(strings.TrimSpace(s)) {
					bad(fmt.Sprintf("when.%s[%d]", l.field, j), "%q is not a channel leadflow knows; use one of %s", s, strings.Join(lead.Channels(), ", "))
				}
			}
		}
	}
	switch {
	case r.Fallback == "":
		errs = append(errs, errors.New("routing.fallback_team: is empty"))
	case !teams[r.Fallback]:
		errs = append(errs, fmt.Errorf("routing.fallback_team: unknown team %q", r.Fallback))
	}
	return errors.Join(errs...)
}

// Match returns the team of the first rule whose condition holds for f and
// that rule's name, or the fallback team with rule FallbackRule.
func (r RoutingRules) Match(f LeadFacts) (team, rule string) {
	for _, rr := range r.Rules {
		if rr.When.Matches(f) {
			return rr.Team, rr.Name
		}
	}
	return r.Fallback, FallbackRule
}

// Matches reports whether every set field of c holds for f.
func (c RouteCondition) Matches(f LeadFacts) bool {
	if !matchAny(c.Bands, f.Band) || !matchAny(c.Sources, f.Source) ||
		!matchAny(c.Channels, f.Channel) || !matchCountry(c.Countries, f.Country) ||
		!matchAny(c.Campaigns, f.Campaign) {
		return false
	}
	if c.MinScore != nil && f.Score < *c.MinScore {
		return false
	}
	// An unknown size fails any size bound: "companies under 50" must not
	// catch every lead that did not state its size.
	if (c.MinCompanySize != nil || c.MaxCompanySize != nil) && f.CompanySize <= 0 {
		return false
	}
	if c.MinCompanySize != nil && f.CompanySize < *c.MinCompanySize {
		return false
	}
	if c.MaxCompanySize != nil && f.CompanySize > *c.MaxCompanySize {
		return false
	}
	return true
}

// matchCountry is matchAny for countries, compared as lead.CountryCode
// reads them, so a rule for "DE" matches a lead who wrote "Germany" or
// "Deutschland"; an entry or value that names no known country is
// compared as written.
func matchCountry(list []string, v string) bool {
	if matchAny(list, v) {
		return true
	}
	code := lead.CountryCode(v)
	if code == "" {
		return false
	}
	for _, s := range list {
		if lead.CountryCode(s) == code {
			return true
		}
	}
	return false
}

// matchAny reports whether v equals (case-insensitively, ignoring
// surrounding space) an entry of list; an empty list matches anything and an
// empty v matches no non-empty list.
func matchAny(list []string, v string) bool {
	if len(list) == 0 {
		return true
	}
	v = strings.TrimSpace(v)
	if v == "" {
		return false
	}
	for _, s := range list {
		if strings.EqualFold(strings.TrimSpace(s), v) {
			return true
		}
	}
	return false
}
