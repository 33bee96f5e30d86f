package scoring_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/scoring"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the current output")

// now is a fixed evaluation time; no rule depends on it yet, but passing a
// constant keeps the tests honest if one ever does.
var now = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// mkLead builds a normalized lead the way lead.Normalize would leave it.
func mkLead(in lead.Inbound) lead.Lead {
	l := lead.Lead{Inbound: in}
	if at := strings.LastIndexByte(in.Email, '@'); at >= 0 {
		l.EmailDomain = in.Email[at+1:]
	}
	return l
}

func TestScore(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name     string
		lead     lead.Lead
		rules    func(*scoring.Rules) // optional tweak of DefaultRules
		total    int
		band     scoring.Band
		factors  []string // expected factor order
		contains []string // substrings expected in reasons
	}{
		{
			name: "strong BANT lead is hot",
			lead: mkLead(lead.Inbound{
				Source: "website-contact-form", Email: "ada@acme.test", Company: "Acme",
				Title: "Director of IT",
				Answers: lead.Answers{
					Budget: "10k_50k", Authority: "decision_maker", Need: "urgent", Timeline: "this_quarter",
				},
			}),
			// 10 base + 20 + 20 + 20 + 10 + 8 title + 0 domain + 5 company + 5 source
			total:   98,
			band:    scoring.BandHot,
			factors: []string{"base", "budget", "authority", "need", "timeline", "title", "email_domain", "company", "source"},
			contains: []string{
				`budget answer "10k_50k" (+20)`, `authority answer "decision_maker" (+20)`,
				`title "Director of IT" matches keyword "director" (+8)`,
				`email domain "acme.test" is not a free-mail provider (+0)`,
				`source "website-contact-form" (+5)`,
			},
		},
		{
			name: "partial answers are warm",
			lead: mkLead(lead.Inbound{
				Source: "webinar", Email: "bo@globex.test", Company: "Globex", Title: "Marketing Manager",
				Answers: lead.Answers{Budget: "under_10k", Authority: "influencer", Need: "important"},
			}),
			// 10 + 5 + 10 + 12 + 4 + 0 + 5 + 5
			total:   51,
			band:    scoring.BandWarm,
			factors: []string{"base", "budget", "authority", "need", "title", "email_domain", "company", "source"},
		},
		{
			name:     "anonymous free-mail lead is cold",
			lead:     mkLead(lead.Inbound{Source: "newsletter", Email: "someone@gmail.com"}),
			total:    0,
			band:     scoring.BandCold,
			factors:  []string{"base", "email_domain", "source"},
			contains: []string{`email domain "gmail.com" is a free-mail provider (-10)`, `source "newsletter" (+0)`},
		},
		{
			name: "total clamps at 100",
			lead: mkLead(lead.Inbound{
				Source: "referral", Email: "ceo@initech.test", Phone: "+12015550123", Company: "Initech",
				Title: "CEO & Founder",
				Answers: lead.Answers{
					Budget: "over_50k", Authority: "decision_maker", Need: "urgent", Timeline: "this_month",
				},
			}),
			total:    100,
			band:     scoring.BandHot,
			factors:  []string{"base", "budget", "authority", "need", "timeline", "title", "email_domain", "company", "phone", "source"},
			contains: []string{`title "CEO & Founder" matches keyword "ceo" (+10)`, "phone given (+5)", "company given (+5)"},
		},
		{
			name:    "total clamps at 0",
			lead:    mkLead(lead.Inbound{Email: "x@yahoo.com"}),
			rules:   func(r *scoring.Rules) { r.Base = 0; r.FreeMailPoints = -40 },
			total:   0,
			band:    scoring.BandCold,
			factors: []string{"base", "email_domain"},
		},
		{
			name: "matching ignores case and surrounding space",
			lead: mkLead(lead.Inbound{
				Source: " Webinar ", Email: "Someone@GMAIL.com", Title: "vp, SALES",
				Answers: lead.Answers{Budget: " OVER_50K ", Authority: "Decision_Maker", Need: "URGENT", Timeline: "This_Month"},
			}),
			// 10 + 30 + 20 + 20 + 15 + 8 - 10 + 5
			total: 98,
			band:  scoring.BandHot,
			contains: []string{
				`budget answer "OVER_50K" (+30)`, `timeline answer "This_Month" (+15)`,
				`title "vp, SALES" matches keyword "vp" (+8)`,
				`email domain "gmail.com" is a free-mail provider (-10)`, `source "Webinar" (+5)`,
			},
		},
		{
			name: "unknown values score zero with a reason",
			lead: mkLead(lead.Inbound{
				Source: "carrier-pigeon", Title: "Chief Wizard",
				Answers: lead.Answers{Budget: "xyz", Authority: "janitor", Need: "meh", Timeline: "someday"},
			}),
			total:   10,
			band:    scoring.BandCold,
			factors: []string{"base", "budget", "authority", "need", "timeline", "title", "source"},
			contains: []string{
				`budget answer "xyz" not recognised (+0)`, `authority answer "janitor" not recognised (+0)`,
				`need answer "meh" not recognised (+0)`, `timeline answer "someday" not recognised (+0)`,
				`title "Chief Wizard" matches no keyword (+0)`, `source "carrier-pigeon" not recognised (+0)`,
			},
		},
		{
			name:    "missing fields contribute nothing",
			lead:    lead.Lead{},
			total:   10,
			band:    scoring.BandCold,
			factors: []string{"base"},
		},
		{
			name:     "title keywords match whole words only",
			lead:     mkLead(lead.Inbound{Title: "MVP of Headcount"}),
			total:    10,
			band:     scoring.BandCold,
			contains: []string{`title "MVP of Headcount" matches no keyword (+0)`},
		},
		{
			name:     "highest title keyword counts once",
			lead:     mkLead(lead.Inbound{Title: "Owner / General Manager"}),
			total:    20,
			band:     scoring.BandCold,
			factors:  []string{"base", "title"},
			contains: []string{`matches keyword "owner" (+10)`},
		},
		{
			name:     "multi-word title keyword matches in sequence",
			lead:     mkLead(lead.Inbound{Title: "Chief Revenue Officer"}),
			rules:    func(r *scoring.Rules) { r.TitleKeywords["chief revenue"] = 9 },
			total:    19,
			contains: []string{`matches keyword "chief revenue" (+9)`},
			band:     scoring.BandCold,
		},
		{
			name:  "email domain derived when EmailDomain is empty",
			lead:  lead.Lead{Inbound: lead.Inbound{Email: "a@hotmail.com"}},
			total: 0,
			band:  scoring.BandCold,
		},
		{
			name:  "band boundaries are inclusive",
			lead:  mkLead(lead.Inbound{Answers: lead.Answers{Budget: "10k_50k"}}),
			rules: func(r *scoring.Rules) { r.WarmThreshold = 30; r.HotThreshold = 31 },
			total: 30,
			band:  scoring.BandWarm,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rules := scoring.DefaultRules()
			if tt.rules != nil {
				tt.rules(&rules)
			}
			require.NoError(t, rules.Validate())

			got := scoring.Score(tt.lead, rules, now)
			require.Equal(t, tt.total, got.Total)
			require.Equal(t, tt.band, got.Band)
			require.Equal(t, "rules-v1", got.ModelVersion)
			if tt.factors != nil {
				var factors []string
				for _, c := range got.Contributions {
					factors = append(factors, c.Factor)
				}
				require.Equal(t, tt.factors, factors)
			}
			var reasons []string
			for _, c := range got.Contributions {
				require.NotEmpty(t, c.Reason, "factor %s", c.Factor)
				reasons = append(reasons, c.Reason)
			}
			for _, want := range tt.contains {
				require.Contains(t, strings.Join(reasons, "\n"), want)
			}

			// Explain carries every reason and the headline.
			explained := got.Explain()
			require.Contains(t, explained, string(got.Band))
			for _, r := range reasons {
				require.Contains(t, explained, r)
			}

			// Determinism: a second run is identical.
			require.Equal(t, got, scoring.Score(tt.lead, rules, now))
		})
	}
}

func TestResultExplain(t *testing.T) {
	t.Parallel()

	r := scoring.Result{
		Total: 100, Band: scoring.BandHot, ModelVersion: "rules-v1",
		Contributions: []scoring.Contribution{
			{Factor: "base", Points: 10, Reason: "base score (+10)"},
			{Factor: "budget", Points: 95, Reason: `budget answer "over_50k" (+95)`},
		},
	}
	require.Equal(t, "score 100/100: hot (model rules-v1)\n"+
		"points add up to 105, clamped to 100\n"+
		"- base score (+10)\n"+
		"- budget answer \"over_50k\" (+95)\n", r.Explain())
}

func TestDefaultRulesAreFresh(t *testing.T) {
	t.Parallel()

	a := scoring.DefaultRules()
	a.Budget["over_50k"] = 1
	a.FreeMailDomains[0] = "changed.test"
	b := scoring.DefaultRules()
	require.Equal(t, 30, b.Budget["over_50k"])
	require.Equal(t, "gmail.com", b.FreeMailDomains[0])
}

func TestValidate(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name    string
		mutate  func(*scoring.Rules)
		wantErr []string // each must appear; empty means valid
	}{
		{name: "defaults are valid", mutate: func(*scoring.Rules) {}},
		{
			name:    "empty model version",
			mutate:  func(r *scoring.Rules) { r.ModelVersion = " " },
			wantErr: []string{"scoring.model_version: must not be empty"},
		},
		{
			name:    "hot not above warm",
			mutate:  func(r *scoring.Rules) { r.HotThreshold = 30 },
			wantErr: []string{"scoring.hot_threshold: must be greater than warm_threshold (40), got 30"},
		},
		{
			name:    "hot threshold above 100",
			mutate:  func(r *scoring.Rules) { r.HotThreshold = 101 },
			wantErr: []string{"scoring.hot_threshold: must be within 0..100, got 101"},
		},
		{
			name:   "warm threshold negative",
			mutate: func(r *scoring.Rules) { r.WarmThreshold = -1 },
			wantErr: []string{
				"scoring.warm_threshold: must be within 0..100, got -1",
			},
		},
		{
			name:    "base out of range",
			mutate:  func(r *scoring.Rules) { r.Base = 500 },
			wantErr: []string{"scoring.base: must be within -100..100, got 500"},
		},
		{
			name:    "free mail points out of range",
			mutate:  func(r *scoring.Rules) { r.FreeMailPoints = -101 },
			wantErr: []string{"scoring.free_mail_points: must be within -100..100, got -101"},
		},
		{
			name:    "company points out of range",
			mutate:  func(r *scoring.Rules) { r.CompanyPoints = 101 },
			wantErr: []string{"scoring.company_points:"},
		},
		{
			name:    "phone points out of range",
			mutate:  func(r *scoring.Rules) { r.PhonePoints = 101 },
			wantErr: []string{"scoring.phone_points:"},
		},
		{
			name:    "answer points out of range",
			mutate:  func(r *scoring.Rules) { r.Budget["over_50k"] = 300 },
			wantErr: []string{"scoring.budget.over_50k: must be within -100..100, got 300"},
		},
		{
			name:    "answer keys differing only in case",
			mutate:  func(r *scoring.Rules) { r.Authority["Decision_Maker"] = 5 },
			wantErr: []string{`scoring.authority: keys "Decision_Maker" and "decision_maker" differ only in case`},
		},
		{
			name:    "empty need key",
			mutate:  func(r *scoring.Rules) { r.Need[" "] = 1 },
			wantErr: []string{"scoring.need: keys must not be empty"},
		},
		{
			name:    "timeline points out of range",
			mutate:  func(r *scoring.Rules) { r.Timeline["this_month"] = -200 },
			wantErr: []string{"scoring.timeline.this_month:"},
		},
		{
			name:    "source points out of range",
			mutate:  func(r *scoring.Rules) { r.Sources["referral"] = 1000 },
			wantErr: []string{"scoring.sources.referral:"},
		},
		{
			name:    "title keyword of punctuation only",
			mutate:  func(r *scoring.Rules) { r.TitleKeywords["&&"] = 3 },
			wantErr: []string{"scoring.title_keywords.&&: must contain a letter or digit"},
		},
		{
			name:    "free mail domain with @",
			mutate:  func(r *scoring.Rules) { r.FreeMailDomains = append(r.FreeMailDomains, "@mail.test") },
			wantErr: []string{`scoring.free_mail_domains[8]: must be a bare domain like gmail.com, got "@mail.test"`},
		},
		{
			name:    "duplicate free mail domain",
			mutate:  func(r *scoring.Rules) { r.FreeMailDomains = append(r.FreeMailDomains, "GMAIL.com") },
			wantErr: []string{`scoring.free_mail_domains[8]: duplicate domain "GMAIL.com"`},
		},
		{
			name:    "empty free mail domain",
			mutate:  func(r *scoring.Rules) { r.FreeMailDomains = []string{""} },
			wantErr: []string{"scoring.free_mail_domains[0]: must not be empty"},
		},
		{
			name: "every problem is reported at once",
			mutate: func(r *scoring.Rules) {
				r.ModelVersion = ""
				r.HotThreshold = 10
				r.Base = -1000
			},
			wantErr: []string{"scoring.model_version", "scoring.hot_threshold", "scoring.base"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := scoring.DefaultRules()
			tt.mutate(&r)
			err := r.Validate()
			if len(tt.wantErr) == 0 {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, want := range tt.wantErr {
				require.Contains(t, err.Error(), want)
			}
			// Every line names a field in YAML path form.
			for _, line := range strings.Split(err.Error(), "\n") {
				require.True(t, strings.HasPrefix(line, "scoring."), "line %q names no field", line)
			}
		})
	}
}

// goldenCase is one entry of testdata/leads.json.
type goldenCase struct {
	Name string    `json:"name"`
	Lead lead.Lead `json:"lead"`
}

// goldenResult is one entry of testdata/scores.golden.json.
type goldenResult struct {
	Name   string         `json:"name"`
	Result scoring.Result `json:"result"`
}

// TestScoreGolden pins the default rules' output for a spread of leads, so
// any change to rules or reasons shows up as a reviewable diff. Regenerate
// with: go test ./scoring -run TestScoreGolden -update
func TestScoreGolden(t *testing.T) {
	t.Parallel()

	cases := loadGoldenLeads(t)
	got := make([]goldenResult, 0, len(cases))
	for _, c := range cases {
		got = append(got, goldenResult{Name: c.Name, Result: scoring.Score(c.Lead, scoring.DefaultRules(), now)})
	}
	out, err := json.MarshalIndent(got, "", "  ")
	require.NoError(t, err)
	out = append(out, '\n')

	path := filepath.Join("testdata", "scores.golden.json")
	if *update {
		require.NoError(t, os.WriteFile(path, out, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with -update to create it")
	require.Equal(t, string(want), string(out))
}

func loadGoldenLeads(tb testing.TB) []goldenCase {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "leads.json"))
	require.NoError(tb, err)
	var cases []goldenCase
	require.NoError(tb, json.Unmarshal(raw, &cases))
	require.NotEmpty(tb, cases)
	return cases
}

// FuzzScore checks the invariants that must hold for any lead a sender can
// produce: no panic, total within 0..100, band consistent with the total,
// a reason on every contribution, and determinism.
func FuzzScore(f *testing.F) {
	for _, c := range loadGoldenLeads(f) {
		l := c.Lead
		f.Add(l.Email, l.Title, l.Source, l.Company, l.Answers.Budget, l.Answers.Authority, l.Answers.Need, l.Answers.Timeline)
	}
	rules := scoring.DefaultRules()
	f.Fuzz(func(t *testing.T, email, title, source, company, budget, authority, need, timeline string) {
		l := mkLead(lead.Inbound{
			Email: email, Title: title, Source: source, Company: company,
			Answers: lead.Answers{Budget: budget, Authority: authority, Need: need, Timeline: timeline},
		})
		got := scoring.Score(l, rules, now)
		require.GreaterOrEqual(t, got.Total, 0)
		require.LessOrEqual(t, got.Total, 100)
		switch {
		case got.Total >= rules.HotThreshold:
			require.Equal(t, scoring.BandHot, got.Band)
		case got.Total >= rules.WarmThreshold:
			require.Equal(t, scoring.BandWarm, got.Band)
		default:
			require.Equal(t, scoring.BandCold, got.Band)
		}
		for _, c := range got.Contributions {
			require.NotEmpty(t, c.Reason)
		}
		require.Equal(t, got, scoring.Score(l, rules, now))
	})
}

func BenchmarkScore(b *testing.B) {
	l := mkLead(lead.Inbound{
		Source: "referral", Email: "ceo@initech.test", Phone: "+12015550123", Company: "Initech",
		Title: "VP of Sales & Marketing",
		Answers: lead.Answers{
			Budget: "over_50k", Authority: "decision_maker", Need: "urgent", Timeline: "this_month",
		},
	})
	rules := scoring.DefaultRules()
	b.ReportAllocs()
	for b.Loop() {
		_ = scoring.Score(l, rules, now)
	}
}
