// Package scoring rates a normalized lead on a 0..100 scale with a
// rule-based, explainable model: every point comes from a named factor with
// a human-readable reason, so a rep (or an auditor) can always answer "why
// is this lead hot?". Scoring is pure — no I/O, no clock, no randomness —
// so the same lead, rules and time always give the same Result, which is
// what lets a stored score be re-derived and golden-tested.
package scoring

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"leadflow/lead"
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

// Factor names used in Contribution.Factor. They are stable identifiers:
// dashboards and stored results group by them.
const (
	FactorBase        = "base"
	FactorBudget      = "budget"
	FactorAuthority   = "authority"
	FactorNeed        = "need"
	FactorTimeline    = "timeline"
	FactorTitle       = "title"
	FactorEmailDomain = "email_domain"
	FactorCompany     = "company"
	FactorPhone       = "phone"
	FactorSource      = "source"
)

// Contribution is one factor's share of a score.
type Contribution struct {
	// Factor is one of the Factor* names.
	Factor string `json:"factor"`
	// Points is what this factor added (negative when it subtracted).
	Points int `json:"points"`
	// Reason says in plain words why, ending in the signed points, e.g.
	// `budget answer "over_50k" (+30)`. It never contains the lead's name,
	// email address or phone number, so it is safe to log and display.
	Reason string `json:"reason"`
}

// Result is a scored lead.
type Result struct {
	// Total is the sum of Contributions clamped to 0..100.
	Total int `json:"total"`
	// Band is the band Total falls into under the rules' thresholds.
	Band Band `json:"band"`
	// ModelVersion is Rules.ModelVersion of the rules that produced it.
	ModelVersion string `json:"model_version"`
	// Contributions lists every factor that applied, in a fixed order
	// (base, budget, authority, need, timeline, title, email_domain,
	// company, phone, source). Always contains at least the base.
	Contributions []Contribution `json:"contributions"`
}

// Score rates l under r. It is deterministic: contributions come in a fixed
// order and map lookups never depend on iteration order. An answer, title
// or source that is present but not in the rules still gets a zero-point
// contribution with a reason, so "why" is always answerable; absent fields
// contribute nothing. r should have passed Validate; Score does not check.
//
// now is the evaluation time. No rule depends on it yet; it is part of the
// signature so time-dependent factors (lead age, a learned model's decay)
// can be added without changing callers, and so callers already pass an
// injected clock rather than letting scoring read the wall clock.
func Score(l lead.Lead, r Rules, now time.Time) Result {
	cs := make([]Contribution, 0, 10)
	add := func(factor string, points int, format string, args ...any) {
		cs = append(cs, Contribution{
			Factor: factor,
			Points: points,
			Reason: fmt.Sprintf(format+" (%+d)", append(args, points)...),
		})
	}

	add(FactorBase, r.Base, "base score")

	answers := []struct {
		factor string
		value  string
		points map[string]int
	}{
		{FactorBudget, l.Answers.Budget, r.Budget},
		{FactorAuthority, l.Answers.Authority, r.Authority},
		{FactorNeed, l.Answers.Need, r.Need},
		{FactorTimeline, l.Answers.Timeline, r.Timeline},
	}
	for _, a := range answers {
		v := strings.TrimSpace(a.value)
		if v == "" {
			continue
		}
		if p, ok := lookup(a.points, v); ok {
			add(a.factor, p, "%s answer %q", a.factor, v)
		} else {
			add(a.factor, 0, "%s answer %q not recognised", a.factor, v)
		}
	}

	if title := strings.TrimSpace(l.Title); title != "" {
		if kw, p, ok := matchTitle(r.TitleKeywords, title); ok {
			add(FactorTitle, p, "title %q matches keyword %q", title, kw)
		} else {
			add(FactorTitle, 0, "title %q matches no keyword", title)
		}
	}

	if domain := emailDomain(l); domain != "" {
		if isFreeMail(r.FreeMailDomains, domain) {
			add(FactorEmailDomain, r.FreeMailPoints, "email domain %q is a free-mail provider", domain)
		} else {
			add(FactorEmailDomain, 0, "email domain %q is not a free-mail provider", domain)
		}
	}

	if strings.TrimSpace(l.Company) != "" {
		add(FactorCompany, r.CompanyPoints, "company given")
	}
	if strings.TrimSpace(l.Phone) != "" {
		add(FactorPhone, r.PhonePoints, "phone given")
	}

	if src := strings.TrimSpace(l.Source); src != "" {
		if p, ok := lookup(r.Sources, src); ok {
			add(FactorSource, p, "source %q", src)
		} else {
			add(FactorSource, 0, "source %q not recognised", src)
		}
	}

	total := 0
	for _, c := range cs {
		total += c.Points
	}
	total = min(max(total, 0), 100)
	return Result{
		Total:         total,
		Band:          r.band(total),
		ModelVersion:  r.ModelVersion,
		Contributions: cs,
	}
}

// band maps a clamped total to its band.
func (r Rules) band(total int) Band {
	switch {
	case total >= r.HotThreshold:
		return BandHot
	case total >= r.WarmThreshold:
		return BandWarm
	default:
		return BandCold
	}
}

// Explain renders r for a human: the headline, a note when the total was
// clamped, then one line per contribution in scoring order.
func (r Result) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "score %d/100: %s (model %s)\n", r.Total, r.Band, r.ModelVersion)
	raw := 0
	for _, c := range r.Contributions {
		raw += c.Points
	}
	if raw != r.Total {
		fmt.Fprintf(&b, "points add up to %d, clamped to %d\n", raw, r.Total)
	}
	for _, c := range r.Contributions {
		fmt.Fprintf(&b, "- %s\n", c.Reason)
	}
	return b.String()
}

// lookup finds v among m's keys, ignoring case and surrounding space. Should
// several keys match (Validate rejects that), the lexically smallest wins so
// the result stays deterministic.
func lookup(m map[string]int, v string) (int, bool) {
	var (
		bestKey string
		best    int
		found   bool
	)
	for k, p := range m {
		if !strings.EqualFold(strings.TrimSpace(k), v) {
			continue
		}
		if !found || k < bestKey {
			bestKey, best, found = k, p, true
		}
	}
	return best, found
}

// matchTitle returns the highest-scoring keyword that matches title as a
// whole-word sequence; ties go to the lexically smallest keyword.
func matchTitle(keywords map[string]int, title string) (string, int, bool) {
	words := titleWords(title)
	var (
		bestKW string
		best   int
		found  bool
	)
	for kw, p := range keywords {
		kws := titleWords(kw)
		if len(kws) == 0 || !containsSeq(words, kws) {
			continue
		}
		if !found || p > best || (p == best && kw < bestKW) {
			bestKW, best, found = kw, p, true
		}
	}
	return bestKW, best, found
}

// titleWords splits s into lower-cased runs of letters and digits, so
// "VP, Sales & Ops" is [vp sales ops] and punctuation never hides a match.
func titleWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// containsSeq reports whether needle occurs in haystack as consecutive words.
func containsSeq(haystack, needle []string) bool {
	for i := 0; i+len(needle) <= len(haystack); i++ {
		match := true
		for j, w := range needle {
			if haystack[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// emailDomain returns l's lower-cased email domain, deriving it from Email
// when EmailDomain was not filled in, so a lead built by hand scores the
// same as a normalized one.
func emailDomain(l lead.Lead) string {
	d := l.EmailDomain
	if d == "" {
		if at := strings.LastIndexByte(l.Email, '@'); at >= 0 {
			d = l.Email[at+1:]
		}
	}
	return strings.ToLower(strings.TrimSpace(d))
}

// isFreeMail reports whether domain is in the free-mail list.
func isFreeMail(domains []string, domain string) bool {
	for _, d := range domains {
		if strings.EqualFold(strings.TrimSpace(d), domain) {
			return true
		}
	}
	return false
}
