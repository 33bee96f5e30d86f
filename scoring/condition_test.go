package scoring_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/scoring"
)

// oneRule scores in with a single fit rule "r" holding c (and reason, when
// given) and returns whether it held and its reason without the points.
func oneRule(t *testing.T, in scoring.Input, c scoring.Condition, reason string) (bool, string) {
	t.Helper()
	r := scoring.Rules{
		ModelVersion: "test", HotThreshold: 70, WarmThreshold: 40,
		Fit:               []scoring.FitRule{{Name: "r", Points: 1, When: c, Reason: reason}},
		FreeMailDomains:   []string{"gmail.com", "yahoo.com"},
		CompetitorDomains: []string{"rival.test"},
		Engagement:        scoring.EngagementRules{HalfLife: time.Hour},
	}
	require.NoError(t, r.Validate())
	res := scoring.Score(in, r, now)
	for _, ct := range res.Contributions {
		if ct.Rule == "r" {
			require.Equal(t, 1, ct.Points)
			require.Regexp(t, `\(\+1\)$`, ct.Reason)
			return true, ct.Reason[:len(ct.Reason)-len(" (+1)")]
		}
	}
	return false, ""
}

func leafCond(field, op string, v any) scoring.Condition {
	return scoring.Condition{Field: field, Op: op, Value: v}
}

func inCond(field, op string, vs ...any) scoring.Condition {
	return scoring.Condition{Field: field, Op: op, Values: vs}
}

// refLead is the lead the operator table tests run on.
var refLead = scoring.Input{Lead: mkLead(lead.Inbound{
	Email: "ada@acme.test", Company: "Acme Corp", Country: "GB", Title: "VP of Sales", Source: "referral",
	Attributes: map[string]any{"employees": 120, "plan": "Pro", "score": "42", "vip": "yes", "Region": "EMEA"},
})}

func TestOperators(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name   string
		cond   scoring.Condition
		want   bool
		reason string // expected generated reason when want is true
	}{
		{name: "eq string ignores case", cond: leafCond("country", "eq", "gb"), want: true, reason: `country is "GB"`},
		{name: "eq string no match", cond: leafCond("country", "eq", "US")},
		{name: "eq number", cond: leafCond("company.size", "eq", 120), want: true, reason: "company.size is 120 (from the company size 120)"},
		{name: "eq bool", cond: leafCond("phone.present", "eq", false), want: true, reason: "phone.present is false"},
		{name: "ne", cond: leafCond("country", "ne", "US"), want: true, reason: `country is "GB" (not "US")`},
		{name: "ne equal", cond: leafCond("country", "ne", " gb ")},
		{name: "ne on a missing field is false", cond: leafCond("channel", "ne", "web")},
		{name: "in", cond: inCond("country", "in", "US", "GB"), want: true, reason: `country is "GB"`},
		{name: "in no match", cond: inCond("country", "in", "US", "CA")},
		{name: "not_in", cond: inCond("country", "not_in", "US", "CA"), want: true, reason: `country is "GB" (none of "US", "CA")`},
		{name: "not_in listed", cond: inCond("country", "not_in", "GB")},
		{name: "not_in on a missing field is false", cond: inCond("channel", "not_in", "web")},
		{name: "contains ignores case", cond: leafCond("company", "contains", "ACME"), want: true, reason: `company is "Acme Corp" (contains "ACME")`},
		{name: "contains no match", cond: leafCond("company", "contains", "globex")},
		{name: "matches", cond: leafCond("title", "matches", `^VP\b`), want: true, reason: `title is "VP of Sales" (matches /^VP\b/)`},
		{name: "matches is case-sensitive", cond: leafCond("title", "matches", `^vp`)},
		{name: "matches with (?i)", cond: leafCond("title", "matches", `(?i)^vp`), want: true},
		{name: "gte equal", cond: leafCond("company.size", "gte", 120), want: true, reason: "company.size is 120 (≥ 120) (from the company size 120)"},
		{name: "gt equal", cond: leafCond("company.size", "gt", 120)},
		{name: "gt below", cond: leafCond("company.size", "gt", 119.5), want: true, reason: "company.size is 120 (> 119.5) (from the company size 120)"},
		{name: "lte equal", cond: leafCond("company.size", "lte", 120), want: true, reason: "company.size is 120 (≤ 120) (from the company size 120)"},
		{name: "lt equal", cond: leafCond("company.size", "lt", 120)},
		{name: "lt above", cond: leafCond("company.size", "lt", 121), want: true, reason: "company.size is 120 (< 121) (from the company size 120)"},
		{name: "numeric op parses a string attribute", cond: leafCond("attributes.score", "gte", 40), want: true, reason: `attributes.score is "42" (≥ 40)`},
		{name: "numeric op on text is false", cond: leafCond("attributes.plan", "gte", 1)},
		{name: "exists", cond: leafCond("company", "exists", nil), want: true, reason: "company is given"},
		{name: "exists on a missing field", cond: leafCond("channel", "exists", nil)},
		{name: "missing", cond: leafCond("channel", "missing", nil), want: true, reason: "channel is missing"},
		{name: "missing on a present field", cond: leafCond("company", "missing", nil)},
		{name: "eq true matches yes in an attribute", cond: leafCond("attributes.vip", "eq", true), want: true, reason: `attributes.vip is "yes"`},
		{name: "eq string attribute ignores case", cond: leafCond("attributes.plan", "eq", "pro"), want: true},
		{name: "attribute keys match ignoring case", cond: leafCond("attributes.region", "eq", "emea"), want: true},
		{name: "eq number attribute", cond: leafCond("attributes.employees", "eq", 120), want: true},
		{name: "unknown attribute is missing", cond: leafCond("attributes.nope", "missing", nil), want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ok, reason := oneRule(t, refLead, tt.cond, "")
			require.Equal(t, tt.want, ok)
			if tt.reason != "" {
				require.Equal(t, tt.reason, reason)
			}
		})
	}
}

func TestCombinators(t *testing.T) {
	t.Parallel()

	yes := leafCond("country", "eq", "GB")
	yes2 := leafCond("source", "eq", "referral")
	no := leafCond("country", "eq", "US")
	tests := []struct {
		name   string
		cond   scoring.Condition
		want   bool
		reason string
	}{
		{name: "all true", cond: scoring.Condition{All: []scoring.Condition{yes, yes2}}, want: true, reason: `country is "GB" and source is "referral"`},
		{name: "all with one false", cond: scoring.Condition{All: []scoring.Condition{yes, no}}},
		{name: "any explains the first branch that holds", cond: scoring.Condition{Any: []scoring.Condition{no, yes2, yes}}, want: true, reason: `source is "referral"`},
		{name: "any none true", cond: scoring.Condition{Any: []scoring.Condition{no, no}}},
		{name: "not of false", cond: scoring.Condition{Not: &no}, want: true, reason: `not (country eq "US"): country is "GB"`},
		{name: "not of true", cond: scoring.Condition{Not: &yes}},
		{name: "not of a missing field", cond: scoring.Condition{Not: &scoring.Condition{Field: "channel", Op: "eq", Value: "web"}}, want: true, reason: `not (channel eq "web"): channel is missing`},
		{
			name: "not of a combinator",
			cond: scoring.Condition{Not: &scoring.Condition{Any: []scoring.Condition{no, inCond("title.seniority", "in", "c_level", "student")}}},
			want: true, reason: `not (any of (country eq "US", title.seniority in ["c_level", "student"]))`,
		},
		{
			name: "nested",
			cond: scoring.Condition{All: []scoring.Condition{
				{Any: []scoring.Condition{no, yes}},
				{Not: &scoring.Condition{Field: "email.free_mail", Op: "eq", Value: true}},
			}},
			want:   true,
			reason: `country is "GB" and not (email.free_mail eq true): email.free_mail is false (from the email domain "acme.test")`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ok, reason := oneRule(t, refLead, tt.cond, "")
			require.Equal(t, tt.want, ok)
			if tt.reason != "" {
				require.Equal(t, tt.reason, reason)
			}
		})
	}
}

// TestFields covers every canonical field: how it is read from the lead
// and how it shows in a reason. Personal fields never show their value.
func TestFields(t *testing.T) {
	t.Parallel()

	l := func(in lead.Inbound) scoring.Input { return scoring.Input{Lead: mkLead(in)} }
	withSize := func(v any) scoring.Input {
		return l(lead.Inbound{Attributes: map[string]any{"company_size": v}})
	}
	tests := []struct {
		name   string
		in     scoring.Input
		cond   scoring.Condition
		want   bool
		reason string
	}{
		{name: "email", in: l(lead.Inbound{Email: "ada@acme.test"}), cond: leafCond("email", "eq", "ADA@acme.test"), want: true, reason: "email is given"},
		{name: "email contains hides the address", in: l(lead.Inbound{Email: "ada@acme.test"}), cond: leafCond("email", "contains", "ada"), want: true, reason: `email is given (contains "ada")`},
		{name: "email missing", in: l(lead.Inbound{Phone: "+12015550123"}), cond: leafCond("email", "missing", nil), want: true},
		{name: "email.domain", in: l(lead.Inbound{Email: "ada@Acme.test"}), cond: leafCond("email.domain", "eq", "acme.test"), want: true, reason: `email.domain is "acme.test"`},
		{name: "email.domain derived without EmailDomain", in: scoring.Input{Lead: lead.Lead{Inbound: lead.Inbound{Email: "a@b.test"}}}, cond: leafCond("email.domain", "eq", "b.test"), want: true},
		{name: "email.free_mail true", in: l(lead.Inbound{Email: "a@gmail.com"}), cond: leafCond("email.free_mail", "eq", true), want: true, reason: `email.free_mail is true (from the email domain "gmail.com")`},
		{name: "email.free_mail false", in: l(lead.Inbound{Email: "a@acme.test"}), cond: leafCond("email.free_mail", "eq", false), want: true},
		{name: "email.free_mail missing without email", in: l(lead.Inbound{Phone: "+12015550123"}), cond: leafCond("email.free_mail", "missing", nil), want: true},
		{name: "email.competitor", in: l(lead.Inbound{Email: "a@rival.test"}), cond: leafCond("email.competitor", "eq", true), want: true},
		{name: "email.competitor subdomain", in: l(lead.Inbound{Email: "a@eu.rival.test"}), cond: leafCond("email.competitor", "eq", true), want: true},
		{name: "email.competitor lookalike", in: l(lead.Inbound{Email: "a@notrival.test"}), cond: leafCond("email.competitor", "eq", false), want: true},
		{name: "phone.present", in: l(lead.Inbound{Phone: "+12015550123"}), cond: leafCond("phone.present", "eq", true), want: true, reason: "phone.present is true"},
		{name: "name from first and last", in: l(lead.Inbound{FirstName: "Ada", LastName: "Lovelace"}), cond: leafCond("name", "eq", "ada lovelace"), want: true, reason: "name is given"},
		{name: "name", in: l(lead.Inbound{Name: "Ada L"}), cond: leafCond("name", "exists", nil), want: true},
		{name: "company", in: l(lead.Inbound{Company: " Acme "}), cond: leafCond("company", "eq", "acme"), want: true, reason: `company is "Acme"`},
		{name: "company.size range", in: withSize("51-200"), cond: leafCond("company.size", "eq", 51), want: true, reason: `company.size is 51 (from the company size "51-200")`},
		{name: "company.size open range", in: withSize("1000+"), cond: leafCond("company.size", "eq", 1000), want: true},
		{name: "company.size thousands", in: withSize("10,000+"), cond: leafCond("company.size", "eq", 10000), want: true},
		{name: "company.size k", in: withSize("1k-5k"), cond: leafCond("company.size", "eq", 1000), want: true},
		{name: "company.size below", in: withSize("<10"), cond: leafCond("company.size", "eq", 1), want: true},
		{name: "company.size number", in: withSize(750.0), cond: leafCond("company.size", "eq", 750), want: true},
		{name: "company.size unreadable", in: withSize("unknown"), cond: leafCond("company.size", "missing", nil), want: true},
		{name: "company.size from employees", in: l(lead.Inbound{Attributes: map[string]any{"employees": "300"}}), cond: leafCond("company.size", "gte", 300), want: true},
		{name: "title", in: l(lead.Inbound{Title: "Head of Growth"}), cond: leafCond("title", "contains", "growth"), want: true},
		{name: "title.seniority", in: l(lead.Inbound{Title: "Head of Growth"}), cond: leafCond("title.seniority", "eq", "director"), want: true, reason: `title.seniority is "director" (from the title "Head of Growth")`},
		{name: "title.seniority from text", in: l(lead.Inbound{Message: "Hi, I'm the CFO at a logistics firm."}), cond: leafCond("title.seniority", "eq", "c_level"), want: true},
		{name: "title.seniority missing", in: l(lead.Inbound{}), cond: leafCond("title.seniority", "missing", nil), want: true},
		{name: "country", in: l(lead.Inbound{Country: "DE"}), cond: inCond("country", "in", "de", "at", "ch"), want: true},
		{name: "source", in: l(lead.Inbound{Source: "webinar"}), cond: leafCond("source", "eq", "Webinar"), want: true},
		{name: "channel", in: l(lead.Inbound{Channel: "paid_social"}), cond: leafCond("channel", "eq", "paid_social"), want: true},
		{name: "utm.source", in: l(lead.Inbound{UTM: lead.UTM{Source: "google"}}), cond: leafCond("utm.source", "eq", "google"), want: true},
		{name: "utm.medium", in: l(lead.Inbound{UTM: lead.UTM{Medium: "cpc"}}), cond: leafCond("utm.medium", "eq", "cpc"), want: true},
		{name: "utm.campaign", in: l(lead.Inbound{UTM: lead.UTM{Campaign: "abm_q4"}}), cond: leafCond("utm.campaign", "matches", "^abm_"), want: true},
		{name: "consent.marketing", in: l(lead.Inbound{Consent: lead.Consent{Marketing: true}}), cond: leafCond("consent.marketing", "eq", true), want: true},
		{name: "message hides its text", in: l(lead.Inbound{Message: "Please book a demo for Ada"}), cond: leafCond("message", "contains", "demo"), want: true, reason: `message is given (contains "demo")`},
		{name: "answers.budget raw", in: l(lead.Inbound{Answers: lead.Answers{Budget: "Over_50k"}}), cond: leafCond("answers.budget", "eq", "over_50k"), want: true},
		{name: "answers.authority raw", in: l(lead.Inbound{Answers: lead.Answers{Authority: "janitor"}}), cond: leafCond("answers.authority", "eq", "janitor"), want: true},
		{name: "answers.need raw", in: l(lead.Inbound{Answers: lead.Answers{Need: "meh"}}), cond: leafCond("answers.need", "exists", nil), want: true},
		{name: "answers.timeline raw", in: l(lead.Inbound{Answers: lead.Answers{Timeline: "someday"}}), cond: leafCond("answers.timeline", "eq", "someday"), want: true},
		{name: "budget.amount_usd", in: l(lead.Inbound{Answers: lead.Answers{Budget: "over_50k"}}), cond: leafCond("budget.amount_usd", "gte", 50000), want: true, reason: `budget.amount_usd is 50000 (≥ 50000) (from a form answer: over $50k)`},
		{name: "budget.none", in: l(lead.Inbound{Answers: lead.Answers{Budget: "none"}}), cond: leafCond("budget.none", "eq", true), want: true},
		{name: "authority.level", in: l(lead.Inbound{Answers: lead.Answers{Authority: "Decision Maker"}}), cond: leafCond("authority.level", "eq", "decision_maker"), want: true},
		{name: "need.stated", in: l(lead.Inbound{Answers: lead.Answers{Need: "important"}}), cond: leafCond("need.stated", "eq", true), want: true},
		{name: "need.urgent", in: l(lead.Inbound{Answers: lead.Answers{Need: "urgent"}}), cond: leafCond("need.urgent", "eq", true), want: true},
		{name: "timeline.months", in: l(lead.Inbound{Answers: lead.Answers{Timeline: "this_quarter"}}), cond: leafCond("timeline.months", "eq", 3), want: true},
		{name: "timeline.researching", in: l(lead.Inbound{Answers: lead.Answers{Timeline: "researching"}}), cond: leafCond("timeline.researching", "eq", true), want: true},
		{name: "attributes string", in: l(lead.Inbound{Attributes: map[string]any{"industry": "Logistics"}}), cond: leafCond("attributes.industry", "eq", "logistics"), want: true, reason: `attributes.industry is "Logistics"`},
		{name: "attributes number", in: l(lead.Inbound{Attributes: map[string]any{"visits": 7.0}}), cond: leafCond("attributes.visits", "gt", 5), want: true, reason: "attributes.visits is 7 (> 5)"},
		{name: "attributes bool", in: l(lead.Inbound{Attributes: map[string]any{"do_not_contact": true}}), cond: leafCond("attributes.do_not_contact", "eq", true), want: true},
		{name: "attributes object is missing", in: l(lead.Inbound{Attributes: map[string]any{"x": map[string]any{"a": 1}}}), cond: leafCond("attributes.x", "missing", nil), want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ok, reason := oneRule(t, tt.in, tt.cond, "")
			require.Equal(t, tt.want, ok)
			if tt.reason != "" {
				require.Equal(t, tt.reason, reason)
			}
			for _, personal := range []string{"ada@", "Ada", "Lovelace"} {
				require.NotContains(t, reason, personal)
			}
		})
	}
}

func TestTitleSeniority(t *testing.T) {
	t.Parallel()

	tests := []struct{ title, want string }{
		{"CEO", "c_level"},
		{"Co-Founder & CEO", "c_level"},
		{"Owner / General Manager", "c_level"},
		{"President", "c_level"},
		{"Managing Director", "c_level"},
		{"Chief Revenue Officer", "c_level"},
		{"Vice President, Sales", "vp"},
		{"SVP Engineering", "vp"},
		{"VP of Sales", "vp"},
		{"Director of Operations", "director"},
		{"Head of Growth", "director"},
		{"Marketing Manager", "manager"},
		{"Team Lead, Support", "manager"},
		{"Product Owner", "manager"},
		{"Senior Account Owner", "manager"},
		{"Owner", "c_level"},
		{"Analyst", "individual"},
		{"Lead Generation Specialist", "individual"},
		{"MVP of Headcount", "individual"},
		{"Executive Assistant to the CEO", "individual"},
		{"Student", "student"},
		{"Marketing Intern", "student"},
		{"PhD Candidate", "student"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			t.Parallel()
			in := scoring.Input{Lead: mkLead(lead.Inbound{Title: tt.title})}
			ok, _ := oneRule(t, in, leafCond("title.seniority", "eq", tt.want), "")
			require.True(t, ok, "title %q should be %s", tt.title, tt.want)
		})
	}
}

// TestBudgetAmount covers how budget.amount_usd reads answers and text,
// including the currency table and the "structured answer wins" rule.
func TestBudgetAmount(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name    string
		answer  string
		message string
		want    float64 // -1: missing
		none    bool
		from    string
	}{
		{name: "bucket over", answer: "over_50k", want: 50000, from: `a form answer on 29 Nov: over $50k`},
		{name: "bucket range lower bound", answer: "10k_50k", want: 10000},
		{name: "bucket ceiling just below", answer: "under_10k", want: 9990},
		{name: "bucket case and spacing", answer: " OVER 50K ", want: 50000},
		{name: "plus bucket", answer: "100k+", want: 100000},
		{name: "plain number", answer: "25000", want: 25000},
		{name: "dollars", answer: "$25k", want: 25000},
		{name: "thousands separator", answer: "$25,000", want: 25000},
		{name: "euros", answer: "€40k", want: 43200},
		{name: "pounds code after", answer: "40k GBP", want: 50800},
		{name: "rupees", answer: "₹1,000,000", want: 12000},
		{name: "range with currency", answer: "$10k-$50k", want: 10000},
		{name: "none", answer: "none", none: true, want: -1},
		{name: "unreadable answer leaves text to fill", answer: "lots", message: "We have about $25k set aside.", want: 25000, from: `the message on 29 Nov, read as English: "$25k"`},
		{name: "answer wins over text", answer: "under_10k", message: "We have about $60k.", want: 9990},
		{name: "text only", message: "Our budget is €60k per year.", want: 64800},
		{name: "text monthly is annualised", message: "We can spend $2k per month on this.", want: 24000},
		{name: "text per seat times seats", message: "Our budget is $30 per user per month for 25 users.", want: 9000},
		{name: "text ceiling", message: "Our budget is under 10k.", want: 9990},
		{name: "text no budget", message: "We have no budget yet.", none: true, want: -1},
		{name: "seats alone are no amount", message: "Please call me about pricing for 25 seats.", want: -1},
		{name: "nothing", want: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := scoring.Input{Lead: mkLead(lead.Inbound{Message: tt.message, Answers: lead.Answers{Budget: tt.answer}, OccurredAt: now})}
			if tt.want < 0 {
				ok, _ := oneRule(t, in, leafCond("budget.amount_usd", "missing", nil), "")
				require.True(t, ok, "budget.amount_usd should be missing")
			} else {
				ok, reason := oneRule(t, in, leafCond("budget.amount_usd", "eq", tt.want), "")
				require.True(t, ok, "budget.amount_usd should be %v", tt.want)
				if tt.from != "" {
					require.Contains(t, reason, "(from "+tt.from+")")
				}
			}
			ok, _ := oneRule(t, in, leafCond("budget.none", "eq", true), "")
			require.Equal(t, tt.none, ok, "budget.none")
		})
	}
}

// TestBANTFromText covers authority, need and timeline from answers and
// from text, and that text fills only the gaps.
func TestBANTFromText(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name     string
		answers  lead.Answers
		message  string
		texts    []scoring.Text
		cond     scoring.Condition
		want     bool
		fromText string // expected provenance; "" to skip
	}{
		{name: "authority answer", answers: lead.Answers{Authority: "influencer"}, cond: leafCond("authority.level", "eq", "influencer"), want: true},
		{name: "authority answer synonym", answers: lead.Answers{Authority: "End User"}, cond: leafCond("authority.level", "eq", "user"), want: true},
		{name: "authority from text", message: "I'm the decision maker here.", cond: leafCond("authority.level", "eq", "decision_maker"), want: true, fromText: `the message on 29 Nov, read as English: "I'm the decision maker"`},
		{name: "authority answer wins", answers: lead.Answers{Authority: "user"}, message: "I'm the decision maker here.", cond: leafCond("authority.level", "eq", "user"), want: true},
		{name: "unknown authority answer leaves text to fill", answers: lead.Answers{Authority: "janitor"}, message: "I'm the CEO.", cond: leafCond("authority.level", "eq", "decision_maker"), want: true},
		{name: "need exploring answer", answers: lead.Answers{Need: "exploring"}, cond: leafCond("need.stated", "eq", false), want: true},
		{name: "need urgent answer", answers: lead.Answers{Need: "urgent"}, cond: scoring.Condition{All: []scoring.Condition{leafCond("need.stated", "eq", true), leafCond("need.urgent", "eq", true)}}, want: true},
		{name: "need in the lead's words", answers: lead.Answers{Need: "Our current tool is too slow and we keep losing deals"}, cond: leafCond("need.urgent", "eq", true), want: true, fromText: `a form answer on 29 Nov: "Our current tool is too slow`},
		{name: "need from text", message: "We're struggling with lead routing.", cond: leafCond("need.stated", "eq", true), want: true, fromText: `the message on 29 Nov, read as English: "struggling with"`},
		{name: "need exploring from text", message: "Just curious how this works.", cond: leafCond("need.stated", "eq", false), want: true},
		{name: "timeline answer", answers: lead.Answers{Timeline: "this_month"}, cond: leafCond("timeline.months", "lte", 1), want: true},
		{name: "timeline answer in weeks", answers: lead.Answers{Timeline: "6 weeks"}, cond: scoring.Condition{All: []scoring.Condition{leafCond("timeline.months", "gt", 1), leafCond("timeline.months", "lt", 1.5)}}, want: true},
		{name: "timeline range answer uses the far end", answers: lead.Answers{Timeline: "1-3 months"}, cond: leafCond("timeline.months", "eq", 3), want: true},
		{name: "no_timeline has no months", answers: lead.Answers{Timeline: "no_timeline"}, message: "We need this ASAP.", cond: leafCond("timeline.months", "missing", nil), want: true},
		{name: "timeline from text", message: "We want to go live next month.", cond: leafCond("timeline.months", "lte", 2), want: true, fromText: `the message on 29 Nov, read as English: "next month"`},
		{name: "researching from text", message: "Just researching options for now.", cond: leafCond("timeline.researching", "eq", true), want: true},
		{name: "latest text wins", message: "We want to start next month.", texts: []scoring.Text{{Body: "Update: no rush, we are just researching options."}}, cond: leafCond("timeline.researching", "eq", true), want: true, fromText: "an email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := scoring.Input{Lead: mkLead(lead.Inbound{Message: tt.message, Answers: tt.answers, OccurredAt: now}), Texts: tt.texts}
			ok, reason := oneRule(t, in, tt.cond, "custom reason")
			require.Equal(t, tt.want, ok)
			if tt.fromText != "" {
				require.Contains(t, reason, "custom reason (from "+tt.fromText)
			}
		})
	}
}

func TestCustomReasonKeepsProvenance(t *testing.T) {
	t.Parallel()

	in := scoring.Input{Lead: mkLead(lead.Inbound{Message: "We have about $60k for this.", OccurredAt: now})}
	ok, reason := oneRule(t, in, leafCond("budget.amount_usd", "gte", 50000), "budget of at least $50k")
	require.True(t, ok)
	require.Equal(t, `budget of at least $50k (from the message on 29 Nov, read as English: "$60k")`, reason)
}

// TestCyclicConditionTerminates: Validate rejects a hand-built cycle,
// and Score, which never panics, stops at the nesting limit instead of
// recursing forever.
func TestCyclicConditionTerminates(t *testing.T) {
	t.Parallel()

	c := scoring.Condition{Any: []scoring.Condition{{Field: "country", Op: "eq", Value: "US"}}}
	c.Any = append(c.Any, scoring.Condition{Not: &c})
	r := scoring.Rules{ModelVersion: "t", HotThreshold: 70, WarmThreshold: 40,
		Fit:        []scoring.FitRule{{Name: "cycle", Points: 5, When: c}},
		Engagement: scoring.EngagementRules{HalfLife: time.Hour}}
	require.ErrorContains(t, r.Validate(), "conditions nest deeper than 8 levels")
	got := scoring.Score(refLead, r, now)
	requireInvariants(t, r, got)
}
