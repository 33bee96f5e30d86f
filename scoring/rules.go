package scoring

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Point and threshold bounds Validate enforces. A single factor worth more
// than the whole 0..100 scale could only be a typo, and catching it at
// start-up is cheaper than explaining odd bands later.
const (
	minPoints = -100
	maxPoints = 100
)

// Rules is the rule set Score applies. It is plain data so it can be loaded
// from the `scoring:` section of the YAML config file; DefaultRules holds
// the built-in values, and Validate must pass before a Rules is used.
//
// Map keys (answer values, title keywords, sources) are matched
// case-insensitively after trimming, so YAML authors need not guess the case
// a form sends. Keys that differ only in case are rejected by Validate
// because only one of them could ever match.
type Rules struct {
	// ModelVersion is recorded on every Result so a stored score can be
	// traced to the rules that produced it. Default "rules-v1"; bump it
	// whenever the rules change.
	ModelVersion string `yaml:"model_version"`
	// Base is the starting points every lead gets. Default 10.
	Base int `yaml:"base"`
	// HotThreshold is the lowest total that is BandHot. Default 70.
	// Must be within 0..100 and greater than WarmThreshold.
	HotThreshold int `yaml:"hot_threshold"`
	// WarmThreshold is the lowest total that is BandWarm; anything below is
	// BandCold. Default 40. Must be within 0..100.
	WarmThreshold int `yaml:"warm_threshold"`
	// Budget maps the budget answer to points. Default: over_50k 30,
	// 10k_50k 20, under_10k 5, none 0.
	Budget map[string]int `yaml:"budget"`
	// Authority maps the authority answer to points. Default:
	// decision_maker 20, influencer 10, user 3.
	Authority map[string]int `yaml:"authority"`
	// Need maps the need answer to points. Default: urgent 20,
	// important 12, exploring 4.
	Need map[string]int `yaml:"need"`
	// Timeline maps the timeline answer to points. Default: this_month 15,
	// this_quarter 10, this_year 4, no_timeline 0.
	Timeline map[string]int `yaml:"timeline"`
	// TitleKeywords maps a job-title keyword to points. A keyword matches
	// whole words of the title, case-insensitively ("vp" matches "VP, Sales"
	// but not "MVP"); a keyword of several words matches them in sequence.
	// Only the highest-scoring matching keyword counts, once. Default:
	// ceo, founder, owner, president 10; vp, director, head 8; manager 4.
	TitleKeywords map[string]int `yaml:"title_keywords"`
	// FreeMailDomains lists consumer mail domains, matched
	// case-insensitively against the lead's email domain. Default:
	// gmail.com, yahoo.com, hotmail.com, outlook.com, aol.com, icloud.com,
	// proton.me, gmx.com.
	FreeMailDomains []string `yaml:"free_mail_domains"`
	// FreeMailPoints is added when the email domain is a free-mail domain:
	// a personal address says little about a buying company. Default -10.
	FreeMailPoints int `yaml:"free_mail_points"`
	// CompanyPoints is added when a company is given. Default 5.
	CompanyPoints int `yaml:"company_points"`
	// PhonePoints is added when a phone number is given. Default 5.
	PhonePoints int `yaml:"phone_points"`
	// Sources maps the lead source to points. Default: referral 10,
	// website-contact-form 5, webinar 5, newsletter 0.
	Sources map[string]int `yaml:"sources"`
}

// DefaultRules returns the built-in rule set. It is tuned so that a lead
// answering strongly on budget, authority, need and timeline is hot, one
// answering partially is warm, and an anonymous free-mail lead is cold.
// Each call returns fresh maps, so callers may modify the result.
func DefaultRules() Rules {
	return Rules{
		ModelVersion:  "rules-v1",
		Base:          10,
		HotThreshold:  70,
		WarmThreshold: 40,
		Budget: map[string]int{
			"over_50k":  30,
			"10k_50k":   20,
			"under_10k": 5,
			"none":      0,
		},
		Authority: map[string]int{
			"decision_maker": 20,
			"influencer":     10,
			"user":           3,
		},
		Need: map[string]int{
			"urgent":    20,
			"important": 12,
			"exploring": 4,
		},
		Timeline: map[string]int{
			"this_month":   15,
			"this_quarter": 10,
			"this_year":    4,
			"no_timeline":  0,
		},
		TitleKeywords: map[string]int{
			"ceo":       10,
			"founder":   10,
			"owner":     10,
			"president": 10,
			"vp":        8,
			"director":  8,
			"head":      8,
			"manager":   4,
		},
		FreeMailDomains: []string{
			"gmail.com", "yahoo.com", "hotmail.com", "outlook.com",
			"aol.com", "icloud.com", "proton.me", "gmx.com",
		},
		FreeMailPoints: -10,
		CompanyPoints:  5,
		PhonePoints:    5,
		Sources: map[string]int{
			"referral":             10,
			"website-contact-form": 5,
			"webinar":              5,
			"newsletter":           0,
		},
	}
}

// Validate reports every problem in r at once, joined, each naming its field
// by YAML path (e.g. "scoring.hot_threshold: ...") so the config loader can
// pass the message straight to the operator.
func (r Rules) Validate() error {
	var errs []error
	fail := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("scoring.%s: %s", field, fmt.Sprintf(format, args...)))
	}

	if strings.TrimSpace(r.ModelVersion) == "" {
		fail("model_version", "must not be empty")
	}
	checkPoints := func(field string, v int) {
		if v < minPoints || v > maxPoints {
			fail(field, "must be within %d..%d, got %d", minPoints, maxPoints, v)
		}
	}
	checkPoints("base", r.Base)
	checkPoints("free_mail_points", r.FreeMailPoints)
	checkPoints("company_points", r.CompanyPoints)
	checkPoints("phone_points", r.PhonePoints)

	if r.HotThreshold < 0 || r.HotThreshold > 100 {
		fail("hot_threshold", "must be within 0..100, got %d", r.HotThreshold)
	}
	if r.WarmThreshold < 0 || r.WarmThreshold > 100 {
		fail("warm_threshold", "must be within 0..100, got %d", r.WarmThreshold)
	}
	if r.HotThreshold <= r.WarmThreshold {
		fail("hot_threshold", "must be greater than warm_threshold (%d), got %d", r.WarmThreshold, r.HotThreshold)
	}

	checkMap := func(field string, m map[string]int) {
		seen := make(map[string]string, len(m))
		for _, k := range sortedKeys(m) {
			norm := normalizeKey(k)
			if norm == "" {
				fail(field, "keys must not be empty")
				continue
			}
			if prev, ok := seen[norm]; ok {
				fail(field, "keys %q and %q differ only in case or spacing; keep one", prev, k)
				continue
			}
			seen[norm] = k
			checkPoints(field+"."+k, m[k])
		}
	}
	checkMap("budget", r.Budget)
	checkMap("authority", r.Authority)
	checkMap("need", r.Need)
	checkMap("timeline", r.Timeline)
	checkMap("sources", r.Sources)
	checkMap("title_keywords", r.TitleKeywords)
	for _, k := range sortedKeys(r.TitleKeywords) {
		if normalizeKey(k) != "" && len(titleWords(k)) == 0 {
			fail("title_keywords."+k, "must contain a letter or digit")
		}
	}

	seenDomains := make(map[string]bool, len(r.FreeMailDomains))
	for i, d := range r.FreeMailDomains {
		field := fmt.Sprintf("free_mail_domains[%d]", i)
		norm := normalizeKey(d)
		switch {
		case norm == "":
			fail(field, "must not be empty")
		case strings.ContainsAny(norm, "@ "):
			fail(field, "must be a bare domain like gmail.com, got %q", d)
		case seenDomains[norm]:
			fail(field, "duplicate domain %q", d)
		}
		seenDomains[norm] = true
	}
	return errors.Join(errs...)
}

// normalizeKey is the form map keys and values are compared in.
func normalizeKey(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// sortedKeys returns m's keys in order, so validation messages and score
// lookups never depend on map iteration order.
func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
