package scoring

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Point and threshold bounds Validate enforces. A single rule worth more
// than the whole 0..100 scale could only be a typo (the do-not-contact
// rule's -100 is the one legitimate extreme), and catching it at start-up
// is cheaper than explaining odd bands later.
const (
	minPoints = -100
	maxPoints = 100
)

// Rules is the whole `scoring:` section of the YAML config: the fit rules
// as data, the engagement and learned-model weights, and the band
// thresholds. DefaultRules holds the built-in values, and Validate must
// pass before a Rules is used.
//
// The config loader decodes YAML over DefaultRules, so omitted settings
// keep their defaults and maps merge key by key, but a list given in YAML
// (fit, free_mail_domains, competitor_domains) replaces the default list
// entirely: to add one fit rule, copy the defaults (they are written out
// as YAML in scoring/testdata/default_rules.yaml) and append to them.
type Rules struct {
	// ModelVersion is recorded on every Result so a stored score can be
	// traced to the rules that produced it. Default "score-v2"; bump it
	// whenever the rules change.
	ModelVersion string `yaml:"model_version"`
	// HotThreshold is the lowest total that is BandHot. Default 70. Must
	// be within 0..100 and greater than WarmThreshold.
	HotThreshold int `yaml:"hot_threshold"`
	// WarmThreshold is the lowest total that is BandWarm; anything below
	// is BandCold. Default 40. Must be within 0..100.
	WarmThreshold int `yaml:"warm_threshold"`
	// Fit are the profile rules, applied in order; every rule whose
	// condition holds adds its points. Default: see DefaultRules (BANT
	// from answers or text, title seniority, company size, company and
	// phone given, source, free mail, student, competitor, do-not-contact).
	Fit []FitRule `yaml:"fit"`
	// FreeMailDomains are consumer mail domains: email.free_mail is true
	// when the lead's email domain, or a parent of it, is listed.
	// Matched case-insensitively. Default: gmail.com, googlemail.com,
	// yahoo.com, hotmail.com, outlook.com, live.com, msn.com, aol.com,
	// icloud.com, me.com, proton.me, protonmail.com, gmx.com, gmx.de,
	// web.de, mail.com, yandex.ru, qq.com, 163.com.
	FreeMailDomains []string `yaml:"free_mail_domains"`
	// CompetitorDomains are competitors' email domains, matched like
	// FreeMailDomains, for email.competitor. Default: none.
	CompetitorDomains []string `yaml:"competitor_domains"`
	// Engagement weighs what the contact did (opens, clicks, replies,
	// form fills, page visits), decaying with age.
	Engagement EngagementRules `yaml:"engagement"`
	// Learned weighs the learned model's win probability, when one is
	// active.
	Learned LearnedRules `yaml:"learned"`
	// StatementMaxAge is how long what a contact said (a form answer, a
	// title, their words in a message or reply) still counts: older
	// statements no longer qualify them. Default 8760h (a year); 0 also
	// means the default. Must not be negative.
	StatementMaxAge time.Duration `yaml:"statement_max_age"`
}

// FitRule is one declarative profile rule: when its condition holds for
// the lead, it adds Points, explained by Reason.
type FitRule struct {
	// Name identifies the rule in contributions, stored breakdowns and
	// dashboards. Required and unique (ignoring case); renaming a rule is
	// a model change.
	Name string `yaml:"name"`
	// When is the condition. Required.
	When Condition `yaml:"when"`
	// Points are added when the condition holds; negative for a negative
	// signal. Within -100..100.
	Points int `yaml:"points"`
	// CapTotal, when set, caps the total score while the rule holds,
	// whatever else adds up: a veto for signals that must never let a
	// lead be hot or warm (do-not-contact caps at 0). The difference is
	// recorded as an adjustment contribution. Within 0..100; default
	// unset (no cap).
	CapTotal *int `yaml:"cap_total,omitempty"`
	// Reason is the human-readable explanation. Optional: by default it
	// is generated from the condition and the lead's value
	// (`budget.amount_usd is 60000 (≥ 50000)`). Either way, where a
	// value was read from (a form answer, or the message's own words) is
	// appended, e.g. `(from the message: "we have about $60k")`.
	Reason string `yaml:"reason,omitempty"`
}

// EngagementRules weighs engagement events. Each event is worth its
// kind's points × 0.5^(age / HalfLife); the sum over all kinds is capped
// at MaxPoints.
type EngagementRules struct {
	// HalfLife is the age at which an event is worth half its points.
	// Default 336h (two weeks). Must be positive.
	HalfLife time.Duration `yaml:"half_life"`
	// MaxPoints caps the engagement total, so a contact who opens every
	// newsletter cannot out-score a qualified buyer. Default 30; 0
	// disables engagement scoring. Within 0..100.
	MaxPoints int `yaml:"max_points"`
	// Points are the fresh points per event by kind: opened, clicked,
	// replied, form_fill, page_visit. Default opened 2, clicked 5,
	// replied 15, form_fill 8, page_visit 1. A kind not listed scores 0.
	// Each within 0..100.
	Points map[string]int `yaml:"points"`
	// PageVisitAttributes are lead attributes holding a page-visit count
	// (as analytics or form tools send it); each adds a page_visit
	// engagement of that count, dated when the lead was submitted.
	// Default [page_visits].
	PageVisitAttributes []string `yaml:"page_visit_attributes"`
}

// LearnedRules weighs the learned model's prediction.
type LearnedRules struct {
	// MaxPoints is what a certain win would add: the learned
	// contribution is round(MaxPoints × calibrated win probability).
	// Default 40; 0 disables the learned contribution even when a model
	// is active. Within 0..100.
	MaxPoints int `yaml:"max_points"`
}

func intPtr(n int) *int { return &n }

// leaf builds a leaf condition; for DefaultRules' readability.
func leaf(field, op string, v any) Condition { return Condition{Field: field, Op: op, Value: v} }

// DefaultRules returns the built-in rules. The fit rules carry the v1
// point scale (budget, authority, need and timeline answers, title,
// free mail, company, phone, source) over canonical fields, so the same
// points now also come from the lead's own words, plus firmographics and
// negative signals. They are tuned so that a lead answering strongly on
// budget, authority, need and timeline is hot, one answering partially is
// warm, and an anonymous free-mail lead is cold; the demo generator's mix
// lands at roughly 25 % hot and 35 % warm. Each call returns fresh
// slices and maps, so callers may modify the result.
func DefaultRules() Rules {
	return Rules{
		ModelVersion:  "score-v2",
		HotThreshold:  70,
		WarmThreshold: 40,
		Fit: []FitRule{
			// Budget: the least the lead can spend, in approximate USD.
			{Name: "budget 50k+", Points: 30, Reason: "budget of $50k or more",
				When: leaf(FieldBudgetAmountUSD, OpGte, 50000)},
			{Name: "budget 10k-50k", Points: 20, Reason: "budget of $10k to $50k",
				When: Condition{All: []Condition{leaf(FieldBudgetAmountUSD, OpGte, 10000), leaf(FieldBudgetAmountUSD, OpLt, 50000)}}},
			{Name: "budget under 10k", Points: 5, Reason: "budget under $10k",
				When: leaf(FieldBudgetAmountUSD, OpLt, 10000)},
			{Name: "no budget", Points: 0, Reason: "no budget yet",
				When: leaf(FieldBudgetNone, OpEq, true)},
			// Authority.
			{Name: "decision maker", Points: 20, Reason: "decision maker",
				When: leaf(FieldAuthorityLevel, OpEq, AuthorityDecisionMaker)},
			{Name: "influencer", Points: 10, Reason: "influences the decision",
				When: leaf(FieldAuthorityLevel, OpEq, AuthorityInfluencer)},
			{Name: "defers", Points: 5, Reason: "defers to someone else",
				When: leaf(FieldAuthorityLevel, OpEq, AuthorityDefers)},
			{Name: "user", Points: 3, Reason: "would use the product",
				When: leaf(FieldAuthorityLevel, OpEq, AuthorityUser)},
			// Need.
			{Name: "urgent need", Points: 20, Reason: "urgent need",
				When: Condition{All: []Condition{leaf(FieldNeedStated, OpEq, true), leaf(FieldNeedUrgent, OpEq, true)}}},
			{Name: "stated need", Points: 12, Reason: "stated a need",
				When: Condition{All: []Condition{leaf(FieldNeedStated, OpEq, true), leaf(FieldNeedUrgent, OpEq, false)}}},
			{Name: "exploring", Points: 4, Reason: "exploring, no pressing need",
				When: leaf(FieldNeedStated, OpEq, false)},
			// Timeline, in months from when it was stated.
			{Name: "timeline 1 month", Points: 15, Reason: "buying within a month",
				When: leaf(FieldTimelineMonths, OpLte, 1)},
			{Name: "timeline 3 months", Points: 10, Reason: "buying within a quarter",
				When: Condition{All: []Condition{leaf(FieldTimelineMonths, OpGt, 1), leaf(FieldTimelineMonths, OpLte, 3)}}},
			{Name: "timeline 12 months", Points: 4, Reason: "buying within a year",
				When: Condition{All: []Condition{leaf(FieldTimelineMonths, OpGt, 3), leaf(FieldTimelineMonths, OpLte, 12)}}},
			{Name: "researching", Points: 0, Reason: "just researching",
				When: leaf(FieldTimelineResearching, OpEq, true)},
			// Firmographics.
			{Name: "executive", Points: 10, Reason: "executive title",
				When: leaf(FieldTitleSeniority, OpEq, SeniorityCLevel)},
			{Name: "vp or director", Points: 8, Reason: "VP or director title",
				When: Condition{Field: FieldTitleSeniority, Op: OpIn, Values: []any{SeniorityVP, SeniorityDirector}}},
			{Name: "manager", Points: 4, Reason: "manager title",
				When: leaf(FieldTitleSeniority, OpEq, SeniorityManager)},
			{Name: "company 500+", Points: 10, Reason: "company of 500 or more employees",
				When: leaf(FieldCompanySize, OpGte, 500)},
			{Name: "company 50-499", Points: 5, Reason: "company of 50 to 499 employees",
				When: Condition{All: []Condition{leaf(FieldCompanySize, OpGte, 50), leaf(FieldCompanySize, OpLt, 500)}}},
			{Name: "company given", Points: 5, Reason: "company given",
				When: leaf(FieldCompany, OpExists, nil)},
			{Name: "phone given", Points: 5, Reason: "phone given",
				When: leaf(FieldPhonePresent, OpEq, true)},
			// Sources.
			{Name: "referral", Points: 10,
				When: leaf(FieldSource, OpEq, "referral")},
			{Name: "inbound form or webinar", Points: 5,
				When: Condition{Field: FieldSource, Op: OpIn, Values: []any{"website-contact-form", "webinar"}}},
			// Negative signals.
			{Name: "free mail", Points: -10, Reason: "personal email address",
				When: leaf(FieldEmailFreeMail, OpEq, true)},
			{Name: "student", Points: -15, Reason: "student",
				When: leaf(FieldTitleSeniority, OpEq, SeniorityStudent)},
			{Name: "competitor", Points: -30, Reason: "works for a competitor",
				When: leaf(FieldEmailCompetitor, OpEq, true)},
			{Name: "do not contact", Points: -100, Reason: "marked do-not-contact", CapTotal: intPtr(0),
				When: leaf(FieldAttributesPrefix+"do_not_contact", OpEq, true)},
		},
		FreeMailDomains: []string{
			"gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "msn.com",
			"aol.com", "icloud.com", "me.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "web.de",
			"mail.com", "yandex.ru", "qq.com", "163.com",
		},
		CompetitorDomains: []string{},
		Engagement: EngagementRules{
			HalfLife:  14 * 24 * time.Hour,
			MaxPoints: 30,
			Points: map[string]int{
				EngagementOpened:    2,
				EngagementClicked:   5,
				EngagementReplied:   15,
				EngagementFormFill:  8,
				EngagementPageVisit: 1,
			},
			PageVisitAttributes: []string{"page_visits"},
		},
		Learned:         LearnedRules{MaxPoints: 40},
		StatementMaxAge: DefaultStatementMaxAge,
	}
}

// Validate reports every problem in r at once, joined, each naming its
// setting by YAML path, and a fit rule by index and name, e.g.
//
//	scoring.fit[3] ("big budget").when.field: unknown field "answer.budget" (expected one of …)
//
// so the config loader can pass the message straight to the operator. It
// also compiles every `matches` pattern, so a bad one fails start-up.
func (r Rules) Validate() error {
	var errs []error
	fail := func(path, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
	}

	if strings.TrimSpace(r.ModelVersion) == "" {
		fail("scoring.model_version", "must not be empty")
	}
	if r.HotThreshold < 0 || r.HotThreshold > 100 {
		fail("scoring.hot_threshold", "must be within 0..100, got %d", r.HotThreshold)
	}
	if r.WarmThreshold < 0 || r.WarmThreshold > 100 {
		fail("scoring.warm_threshold", "must be within 0..100, got %d", r.WarmThreshold)
	}
	if r.HotThreshold <= r.WarmThreshold {
		fail("scoring.hot_threshold", "must be greater than warm_threshold (%d), got %d", r.WarmThreshold, r.HotThreshold)
	}

	names := make(map[string]int, len(r.Fit))
	for i := range r.Fit {
		fr := &r.Fit[i]
		path := fmt.Sprintf("scoring.fit[%d] (%q)", i, fr.Name)
		name := strings.ToLower(strings.TrimSpace(fr.Name))
		switch prev, dup := names[name]; {
		case name == "":
			fail(path+".name", "is required")
		case dup:
			fail(path+".name", "is also the name of fit[%d]; names must be unique", prev)
		default:
			names[name] = i
		}
		if fr.Points < minPoints || fr.Points > maxPoints {
			fail(path+".points", "must be within %d..%d, got %d", minPoints, maxPoints, fr.Points)
		}
		if c := fr.CapTotal; c != nil && (*c < 0 || *c > 100) {
			fail(path+".cap_total", "must be within 0..100, got %d", *c)
		}
		fr.When.validate(path+".when", 0, fail)
	}

	checkDomains := func(field string, domains []string) {
		seen := make(map[string]bool, len(domains))
		for i, d := range domains {
			p := fmt.Sprintf("scoring.%s[%d]", field, i)
			norm := strings.ToLower(strings.TrimSpace(d))
			switch {
			case norm == "":
				fail(p, "must not be empty")
			case strings.ContainsAny(norm, "@ /") || !strings.Contains(norm, "."):
				fail(p, "must be a bare domain like example.com, got %q", d)
			case seen[norm]:
				fail(p, "duplicate domain %q", d)
			}
			seen[norm] = true
		}
	}
	checkDomains("free_mail_domains", r.FreeMailDomains)
	checkDomains("competitor_domains", r.CompetitorDomains)

	e := r.Engagement
	if e.HalfLife <= 0 {
		fail("scoring.engagement.half_life", "must be a positive duration such as 336h, got %s", e.HalfLife)
	}
	if e.MaxPoints < 0 || e.MaxPoints > maxPoints {
		fail("scoring.engagement.max_points", "must be within 0..%d, got %d", maxPoints, e.MaxPoints)
	}
	for _, k := range sortedKeys(e.Points) {
		p := "scoring.engagement.points." + k
		if !knownEngagementKind(k) {
			fail(p, "unknown engagement kind %q (expected one of %s)", k, strings.Join(EngagementKinds(), ", "))
			continue
		}
		if v := e.Points[k]; v < 0 || v > maxPoints {
			fail(p, "must be within 0..%d, got %d", maxPoints, v)
		}
	}
	for i, a := range e.PageVisitAttributes {
		if strings.TrimSpace(a) == "" {
			fail(fmt.Sprintf("scoring.engagement.page_visit_attributes[%d]", i), "must not be empty")
		}
	}
	if r.Learned.MaxPoints < 0 || r.Learned.MaxPoints > maxPoints {
		fail("scoring.learned.max_points", "must be within 0..%d, got %d", maxPoints, r.Learned.MaxPoints)
	}
	if r.StatementMaxAge < 0 {
		fail("scoring.statement_max_age", "must be a positive duration such as 8760h, got %s", r.StatementMaxAge)
	}
	return errors.Join(errs...)
}
