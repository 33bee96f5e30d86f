package scoring_test

import (
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/scoring"
	"leadflow/scoring/learn"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the current output")

// now is the fixed evaluation time every test scores at: the fake clock.
var now = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// mkLead builds a normalized lead the way lead.Normalize would leave it.
func mkLead(in lead.Inbound) lead.Lead {
	l := lead.Lead{Inbound: in}
	if at := strings.LastIndexByte(in.Email, '@'); at >= 0 {
		l.EmailDomain = strings.ToLower(in.Email[at+1:])
	}
	return l
}

// rules lists the rule names of r's contributions, in order.
func rules(r scoring.Result) []string {
	var out []string
	for _, c := range r.Contributions {
		out = append(out, c.Rule)
	}
	return out
}

// requireInvariants checks what every Result promises, whatever the input.
func requireInvariants(t testing.TB, r scoring.Rules, res scoring.Result) {
	t.Helper()
	sum := 0
	for _, c := range res.Contributions {
		sum += c.Points
		require.NotEmpty(t, c.Rule)
		require.Contains(t, []string{scoring.GroupFit, scoring.GroupEngagement, scoring.GroupLearned, scoring.GroupAdjustment}, c.Group)
		require.NotEmpty(t, c.Reason)
	}
	require.Equal(t, res.Total, sum, "contributions must add up to the total")
	require.GreaterOrEqual(t, res.Total, 0)
	require.LessOrEqual(t, res.Total, 100)
	require.Equal(t, scoring.BandOf(res.Total, r), res.Band)
	// Groups come in their fixed order.
	order := map[string]int{scoring.GroupFit: 0, scoring.GroupEngagement: 1, scoring.GroupLearned: 2, scoring.GroupAdjustment: 3}
	for i := 1; i < len(res.Contributions); i++ {
		require.LessOrEqual(t, order[res.Contributions[i-1].Group], order[res.Contributions[i].Group])
	}
}

// TestDefaultRulesExamples pins the default rules on typical leads: each
// band, text standing in for answers, negatives and clamping.
func TestDefaultRulesExamples(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name     string
		in       scoring.Input
		total    int
		band     scoring.Band
		rules    []string // expected contribution rules, in order
		contains []string // substrings expected in the reasons
	}{
		{
			name: "strong BANT lead is hot",
			in: scoring.Input{Lead: mkLead(lead.Inbound{
				Source: "website-contact-form", Email: "ada@acme.test", Company: "Acme", Title: "Director of IT",
				Answers: lead.Answers{Budget: "10k_50k", Authority: "decision_maker", Need: "urgent", Timeline: "this_quarter"},
			})},
			// 20 + 20 + 20 + 10 + 8 + 5 + 5
			total: 87, band: scoring.BandHot, // 88 points, compressed above 80
			rules: []string{"budget 10k-50k", "decision maker", "urgent need", "timeline 3 months", "vp or director", "company given", "inbound form or webinar", "compress"},
			contains: []string{
				`budget of $10k to $50k (from a form answer) (+20)`,
				`VP or director title (from the title "Director of IT") (+8)`,
			},
		},
		{
			name: "partial answers are warm",
			in: scoring.Input{Lead: mkLead(lead.Inbound{
				Source: "webinar", Email: "bo@globex.test", Company: "Globex", Title: "Marketing Manager",
				Answers: lead.Answers{Budget: "under_10k", Authority: "influencer", Need: "important"},
			})},
			// 5 + 10 + 12 + 4 + 5 + 5
			total: 41, band: scoring.BandWarm,
		},
		{
			name:  "anonymous free-mail lead is cold",
			in:    scoring.Input{Lead: mkLead(lead.Inbound{Source: "newsletter", Email: "someone@gmail.com"})},
			total: 0, band: scoring.BandCold,
			rules:    []string{"free mail", "clamp"},
			contains: []string{`personal email address (from the email domain "gmail.com") (-10)`, "points add up to -10; the score is kept within 0..100 (+10)"},
		},
		{
			name: "the lead's own words stand in for answers",
			in: scoring.Input{Lead: mkLead(lead.Inbound{
				Source: "website-contact-form", Email: "ivo@stark.test", Company: "Stark",
				Message:    "Our budget is around €60k per year, need it ASAP. We are struggling with lead routing. I'm the CTO.",
				OccurredAt: now.Add(-time.Hour),
			})},
			// 30 + 20 + 20 + 15 + 10 (CTO) + 5 + 5
			total: 94, band: scoring.BandHot, // 105 points, compressed above 80
			contains: []string{
				`budget of $50k or more (from the message on 29 Nov, read as English: "€60k per year") (+30)`,
				`decision maker (from the message on 29 Nov, read as English: "I'm the CTO") (+20)`,
				`executive title (from the message on 29 Nov, read as English: "I'm the CTO") (+10)`,
				`buying within a month (from the message on 29 Nov, read as English: "ASAP") (+15)`,
			},
		},
		{
			name: "structured answers win over text",
			in: scoring.Input{Lead: mkLead(lead.Inbound{
				Email: "jo@hooli.test", Message: "We have about $60k and I'm the decision maker.",
				Answers: lead.Answers{Budget: "under_10k", Authority: "influencer"},
			})},
			total: 15, band: scoring.BandCold,
			rules: []string{"budget under 10k", "influencer"},
		},
		{
			name: "text fills only what answers leave empty",
			in: scoring.Input{
				Lead:  mkLead(lead.Inbound{Email: "kai@tyrell.test", Answers: lead.Answers{Authority: "user"}}),
				Texts: []scoring.Text{{Body: "I'm the decision maker and we have about $25k set aside."}},
			},
			total: 23, band: scoring.BandCold,
			rules:    []string{"budget 10k-50k", "user"},
			contains: []string{`(from an email, read as English: "$25k")`, `(from a form answer: would use it)`},
		},
		{
			name: "student is a negative signal",
			in: scoring.Input{Lead: mkLead(lead.Inbound{
				Source: "webinar", Email: "hal@proton.me", Title: "Student",
				Answers: lead.Answers{Budget: "none", Authority: "user", Need: "exploring", Timeline: "no_timeline"},
			})},
			total: 0, band: scoring.BandCold,
			rules: []string{"no budget", "user", "exploring", "inbound form or webinar", "free mail", "student", "clamp"},
		},
		{
			name: "do-not-contact overrides everything",
			in: scoring.Input{Lead: mkLead(lead.Inbound{
				Source: "referral", Email: "pia@acme.test", Company: "Acme", Title: "CEO",
				Answers:    lead.Answers{Budget: "over_50k", Authority: "decision_maker", Need: "urgent", Timeline: "this_month"},
				Attributes: map[string]any{"do_not_contact": true},
			})},
			total: 0, band: scoring.BandCold,
			contains: []string{"marked do-not-contact (-100)", `points add up to 10; rule "do not contact" caps the score at 0 (-10)`},
		},
		{
			name: "firmographics",
			in: scoring.Input{Lead: mkLead(lead.Inbound{
				Email: "q@soylent.test", Company: "Soylent", Title: "VP Sales", Phone: "+12015550123",
				Attributes: map[string]any{"company_size": "1000+"},
			})},
			// 8 + 10 + 5 + 5
			total: 28, band: scoring.BandCold,
			rules: []string{"vp or director", "company 500+", "company given", "phone given"},
		},
		{
			name:  "empty lead scores nothing",
			in:    scoring.Input{},
			total: 0, band: scoring.BandCold,
			rules: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := scoring.DefaultRules()
			require.NoError(t, r.Validate())

			got := scoring.Score(tt.in, r, now)
			requireInvariants(t, r, got)
			require.Equal(t, tt.total, got.Total, got.Explain())
			require.Equal(t, tt.band, got.Band)
			require.Equal(t, "score-v2", got.ModelVersion)
			if tt.rules != nil || tt.name == "empty lead scores nothing" {
				require.Equal(t, tt.rules, rules(got), got.Explain())
			}
			explained := got.Explain()
			for _, want := range tt.contains {
				require.Contains(t, explained, want)
			}
			for _, c := range got.Contributions {
				require.Contains(t, explained, c.Reason)
			}
			// Personal data never reaches a reason.
			if e := tt.in.Lead.Email; e != "" {
				require.NotContains(t, explained, e)
			}
			// Determinism: a second run is identical.
			require.Equal(t, got, scoring.Score(tt.in, r, now))
		})
	}
}

func TestLearnedContribution(t *testing.T) {
	t.Parallel()

	pred := &learn.Prediction{
		Probability: 0.72, Logit: 0.944, Intercept: -0.5,
		Contributions: []learn.FeatureContribution{
			{Feature: "Lead Origin", Value: "Lead Add Form", Logit: 1.21},
			{Feature: "Total Time Spent on Website", Value: "1200", Logit: 0.55},
			{Feature: "Occupation", Value: "Working Professional", Logit: -0.31},
			{Feature: "Country", Value: "(missing)", Logit: 0.004},
		},
	}
	tests := []struct {
		name      string
		maxPoints int
		pred      *learn.Prediction
		version   string
		points    int  // expected learned points
		present   bool // whether a learned contribution exists
		model     string
	}{
		{name: "probability times max points", maxPoints: 40, pred: pred, version: "ebm-0123", points: 29, present: true, model: "score-v2+ebm-0123"},
		{name: "no model active", maxPoints: 40, pred: nil, model: "score-v2"},
		{name: "disabled by config", maxPoints: 0, pred: pred, version: "ebm-0123", model: "score-v2"},
		{name: "certain win", maxPoints: 25, pred: &learn.Prediction{Probability: 1}, version: "v", points: 25, present: true, model: "score-v2+v"},
		{name: "out-of-range probability is clamped", maxPoints: 40, pred: &learn.Prediction{Probability: 7}, points: 40, present: true, model: "score-v2+learned"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := scoring.DefaultRules()
			r.Learned.MaxPoints = tt.maxPoints
			in := scoring.Input{Lead: mkLead(lead.Inbound{Email: "a@b.test"}), Learned: tt.pred, LearnedVersion: tt.version}
			got := scoring.Score(in, r, now)
			requireInvariants(t, r, got)
			require.Equal(t, tt.model, got.ModelVersion)
			require.Equal(t, tt.points, got.Subtotal(scoring.GroupLearned))
			var learned []scoring.Contribution
			for _, c := range got.Contributions {
				if c.Group == scoring.GroupLearned {
					learned = append(learned, c)
				}
			}
			if !tt.present {
				require.Empty(t, learned)
				return
			}
			require.Len(t, learned, 1)
			require.Equal(t, scoring.RuleLearned, learned[0].Rule)
		})
	}

	r := scoring.DefaultRules()
	got := scoring.Score(scoring.Input{Learned: pred, LearnedVersion: "ebm-0123"}, r, now)
	require.Equal(t, []scoring.Contribution{{
		Rule: "learned", Group: "learned", Points: 29,
		Reason: `learned from past won and lost deals: 72 % chance to win; weighed most: Lead Origin: Lead Add Form (raises it), ` +
			`Total Time Spent on Website: 1200 (raises it), Occupation: Working Professional (lowers it) (+29)`,
	}}, got.Contributions)
}

func TestClampAdjustment(t *testing.T) {
	t.Parallel()

	r := scoring.Rules{
		ModelVersion: "t", HotThreshold: 70, WarmThreshold: 40,
		Fit: []scoring.FitRule{
			{Name: "a", Points: 80, When: scoring.Condition{Field: "company", Op: "exists"}},
			{Name: "b", Points: 60, When: scoring.Condition{Field: "title", Op: "exists"}},
		},
		Engagement: scoring.EngagementRules{HalfLife: time.Hour},
	}
	require.NoError(t, r.Validate())

	got := scoring.Score(scoring.Input{Lead: mkLead(lead.Inbound{Company: "Acme", Title: "CEO"})}, r, now)
	// 140 points: 80 + 20·(1 - e^(-60/20)) = 99.0.
	require.Equal(t, 99, got.Total)
	require.Equal(t, scoring.Contribution{
		Rule: "compress", Group: "adjustment", Points: -41,
		Reason: "points add up to 140; above 80 each point counts for less, so the strongest leads stay ranked below 100 (-41)",
	}, got.Contributions[2])
	requireInvariants(t, r, got)

	// Exactly in range: no adjustment.
	got = scoring.Score(scoring.Input{Lead: mkLead(lead.Inbound{Company: "Acme"})}, r, now)
	require.Equal(t, []string{"a"}, rules(got))
}

func TestBandOf(t *testing.T) {
	t.Parallel()

	r := scoring.DefaultRules()
	for _, tt := range []struct {
		total int
		band  scoring.Band
	}{{0, scoring.BandCold}, {39, scoring.BandCold}, {40, scoring.BandWarm}, {69, scoring.BandWarm}, {70, scoring.BandHot}, {100, scoring.BandHot}} {
		require.Equal(t, tt.band, scoring.BandOf(tt.total, r), "total %d", tt.total)
	}
}

func TestCrossed(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name            string
		prev, next      scoring.Band
		changed, heated bool
	}{
		{name: "cold to warm heats up", prev: scoring.BandCold, next: scoring.BandWarm, changed: true, heated: true},
		{name: "warm to hot heats up", prev: scoring.BandWarm, next: scoring.BandHot, changed: true, heated: true},
		{name: "cold to hot heats up", prev: scoring.BandCold, next: scoring.BandHot, changed: true, heated: true},
		{name: "hot to warm cools down", prev: scoring.BandHot, next: scoring.BandWarm, changed: true},
		{name: "warm to cold cools down", prev: scoring.BandWarm, next: scoring.BandCold, changed: true},
		{name: "same band", prev: scoring.BandWarm, next: scoring.BandWarm},
		{name: "first score is no crossing", prev: "", next: scoring.BandHot},
		{name: "unknown band is no crossing", prev: "lukewarm", next: scoring.BandHot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			changed, heated := scoring.Crossed(tt.prev, tt.next)
			require.Equal(t, tt.changed, changed)
			require.Equal(t, tt.heated, heated)
		})
	}
}

// TestBandCrossingOverTime replays one contact on a fake clock: a reply
// lifts a warm lead to hot, and as the reply ages the lead cools back to
// warm, at the moment the decay predicts.
func TestBandCrossingOverTime(t *testing.T) {
	t.Parallel()

	r := scoring.DefaultRules()
	base := mkLead(lead.Inbound{
		Source: "webinar", Email: "rosa@initech.test", Company: "Initech", Title: "Marketing Manager",
		Answers: lead.Answers{Budget: "10k_50k", Authority: "influencer", Need: "important"},
	})
	t0 := now
	in := scoring.Input{Lead: base}
	// 20 + 10 + 12 + 4 + 5 + 5 = 56: warm.
	before := scoring.Score(in, r, t0)
	require.Equal(t, 56, before.Total)
	require.Equal(t, scoring.BandWarm, before.Band)

	// Two fresh replies are worth 30 (capped at 30): 86 points, 85 once
	// compressed above 80; hot.
	in.Engagements = []scoring.Engagement{{Kind: "replied", At: t0}, {Kind: "replied", At: t0}}
	after := scoring.Score(in, r, t0)
	require.Equal(t, 85, after.Total)
	changed, heated := scoring.Crossed(before.Band, after.Band)
	require.True(t, changed)
	require.True(t, heated)

	// The replies need to fall below 13.5 points (round to 13 → 69) to
	// cool the lead: 30 × 0.5^(age/14d) < 13.5 ⇒ age > 14d × log2(30/13.5)
	// ≈ 16.13 days. One day either side of that is each band.
	warmAgain := scoring.Score(in, r, t0.Add(17*24*time.Hour))
	stillHot := scoring.Score(in, r, t0.Add(15*24*time.Hour))
	require.Equal(t, scoring.BandHot, stillHot.Band, stillHot.Explain())
	require.Equal(t, scoring.BandWarm, warmAgain.Band, warmAgain.Explain())
	changed, heated = scoring.Crossed(stillHot.Band, warmAgain.Band)
	require.True(t, changed)
	require.False(t, heated)
}

func TestResultExplain(t *testing.T) {
	t.Parallel()

	r := scoring.Result{
		Total: 100, Band: scoring.BandHot, ModelVersion: "score-v2+ebm-1",
		Contributions: []scoring.Contribution{
			{Rule: "budget 50k+", Group: "fit", Points: 30, Reason: "budget of $50k or more (+30)"},
			{Rule: "referral", Group: "fit", Points: 10, Reason: `source is "referral" (+10)`},
			{Rule: "replied", Group: "engagement", Points: 15, Reason: "1 reply, last just now (+15)"},
			{Rule: "learned", Group: "learned", Points: 60, Reason: "learned model ebm-1: 100 % win probability (+60)"},
			{Rule: "clamp", Group: "adjustment", Points: -15, Reason: "points add up to 115; the score is kept within 0..100 (-15)"},
		},
	}
	require.Equal(t, "score 100/100: hot (model score-v2+ebm-1)\n"+
		"fit +40\n"+
		"  - budget 50k+: budget of $50k or more (+30)\n"+
		"  - referral: source is \"referral\" (+10)\n"+
		"engagement +15\n"+
		"  - 1 reply, last just now (+15)\n"+
		"learned +60\n"+
		"  - learned model ebm-1: 100 % win probability (+60)\n"+
		"adjustment -15\n"+
		"  - points add up to 115; the score is kept within 0..100 (-15)\n", r.Explain())

	// A v1 breakdown (no rule or group) still explains as a flat list.
	var v1 scoring.Result
	require.NoError(t, json.Unmarshal([]byte(`{"total":20,"band":"cold","model_version":"rules-v1",
		"contributions":[{"factor":"base","points":10,"reason":"base score (+10)"},{"factor":"phone","points":10,"reason":"phone given (+10)"}]}`), &v1))
	require.Equal(t, "score 20/100: cold (model rules-v1)\n- base score (+10)\n- phone given (+10)\n", v1.Explain())
}

// TestContributionsSumToTotal is the property test: for random leads,
// texts, engagements, predictions and point weights (large enough to
// force clamping both ways), the contributions add up to the total.
func TestContributionsSumToTotal(t *testing.T) {
	t.Parallel()

	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	for i := range 3000 {
		r := scoring.DefaultRules()
		for j := range r.Fit {
			if rng.IntN(3) == 0 {
				r.Fit[j].Points = rng.IntN(201) - 100
			}
		}
		r.Engagement.MaxPoints = rng.IntN(101)
		r.Engagement.HalfLife = time.Duration(1+rng.IntN(500)) * time.Hour
		for _, k := range scoring.EngagementKinds() {
			r.Engagement.Points[k] = rng.IntN(30)
		}
		r.Learned.MaxPoints = rng.IntN(101)
		require.NoError(t, r.Validate())

		in := scoring.Input{Lead: mkLead(lead.Inbound{
			Source:  pick("", "referral", "webinar", "website-contact-form", "newsletter", "x"),
			Email:   pick("", "a@acme.test", "b@gmail.com", "c@x.example.org"),
			Phone:   pick("", "+12015550123"),
			Company: pick("", "Acme"),
			Title:   pick("", "CEO", "VP Sales", "Director", "Manager", "Student", "Engineer"),
			Message: pick("", "we have about $25k", "no budget yet, just researching", "need this ASAP, I'm the CFO", "€80k per year"),
			Answers: lead.Answers{
				Budget:    pick("", "over_50k", "10k_50k", "under_10k", "none", "$30k", "lots"),
				Authority: pick("", "decision_maker", "influencer", "user", "janitor"),
				Need:      pick("", "urgent", "important", "exploring", "meh"),
				Timeline:  pick("", "this_month", "this_quarter", "this_year", "no_timeline", "3 months"),
			},
			Attributes: map[string]any{
				"company_size":   pick("", "1-10", "51-200", "1000+"),
				"do_not_contact": rng.IntN(10) == 0,
				"page_visits":    rng.IntN(20),
			},
		})}
		for range rng.IntN(6) {
			in.Engagements = append(in.Engagements, scoring.Engagement{
				Kind:  pick(scoring.EngagementKinds()...),
				At:    now.Add(-time.Duration(rng.IntN(60*24)) * time.Hour),
				Count: rng.IntN(3),
			})
		}
		if rng.IntN(2) == 0 {
			in.Learned = &learn.Prediction{Probability: rng.Float64()}
			in.LearnedVersion = "ebm-x"
		}
		got := scoring.Score(in, r, now)
		requireInvariants(t, r, got)
		if t.Failed() {
			t.Fatalf("case %d: %s", i, got.Explain())
		}
	}
}

// goldenCase is one entry of testdata/inputs.json.
type goldenCase struct {
	Name  string        `json:"name"`
	Input scoring.Input `json:"input"`
}

// goldenResult is one entry of testdata/scores.golden.json.
type goldenResult struct {
	Name   string         `json:"name"`
	Result scoring.Result `json:"result"`
}

// TestScoreGolden pins the default rules' output for a spread of inputs,
// so any change to rules or reasons shows up as a reviewable diff.
// Regenerate with: go test ./scoring -run TestScoreGolden -update
func TestScoreGolden(t *testing.T) {
	t.Parallel()

	r := scoring.DefaultRules()
	cases := loadGoldenInputs(t)
	got := make([]goldenResult, 0, len(cases))
	for _, c := range cases {
		res := scoring.Score(c.Input, r, now)
		requireInvariants(t, r, res)
		got = append(got, goldenResult{Name: c.Name, Result: res})
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
	// Compare case by case first, so a failure shows one readable diff.
	var wantResults []goldenResult
	require.NoError(t, json.Unmarshal(want, &wantResults))
	for i := range min(len(wantResults), len(got)) {
		require.Equal(t, wantResults[i], got[i], "case %q differs; run with -update if intended", got[i].Name)
	}
	require.Equal(t, string(want), string(out))
}

func loadGoldenInputs(tb testing.TB) []goldenCase {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "inputs.json"))
	require.NoError(tb, err)
	var cases []goldenCase
	require.NoError(tb, json.Unmarshal(raw, &cases))
	require.NotEmpty(tb, cases)
	return cases
}

// FuzzScore checks the invariants that must hold for anything a sender or
// a reply can contain: no panic, contributions adding up to a total
// within 0..100, a band consistent with it, and determinism.
func FuzzScore(f *testing.F) {
	for _, c := range loadGoldenInputs(f) {
		l := c.Input.Lead
		f.Add(l.Email, l.Title, l.Source, l.Message, l.Answers.Budget, l.Answers.Authority, l.Answers.Need, l.Answers.Timeline, "51-200", "opened", int64(3600))
	}
	r := scoring.DefaultRules()
	r.Fit = append(r.Fit,
		scoring.FitRule{Name: "fuzz matches", Points: 1, When: scoring.Condition{Field: "message", Op: "matches", Value: `(?i)demo`}},
		scoring.FitRule{Name: "fuzz attr", Points: 1, When: scoring.Condition{Field: "attributes.x", Op: "gte", Value: 3}},
		scoring.FitRule{Name: "fuzz contains", Points: 1, When: scoring.Condition{Not: &scoring.Condition{Field: "title", Op: "contains", Value: "chief"}}},
	)
	require.NoError(f, r.Validate())
	f.Fuzz(func(t *testing.T, email, title, source, message, budget, authority, need, timeline, size, kind string, ageSeconds int64) {
		in := scoring.Input{
			Lead: mkLead(lead.Inbound{
				Email: email, Title: title, Source: source, Message: message,
				Answers:    lead.Answers{Budget: budget, Authority: authority, Need: need, Timeline: timeline},
				Attributes: map[string]any{"company_size": size, "x": size, "page_visits": size},
			}),
			Texts:       []scoring.Text{{Body: message + " " + budget}},
			Engagements: []scoring.Engagement{{Kind: kind, At: now.Add(-time.Duration(ageSeconds) * time.Second)}},
		}
		got := scoring.Score(in, r, now)
		requireInvariants(t, r, got)
		require.Equal(t, got, scoring.Score(in, r, now))
	})
}

// TestCompressKeepsTheTopOrdered: above the knee more points always score
// higher (until the curve meets 99 and then 100), nothing below the knee
// moves, and a hot threshold above the default knee becomes the knee.
func TestCompressKeepsTheTopOrdered(t *testing.T) {
	t.Parallel()
	scoreOf := func(points, hot int) int {
		r := scoring.Rules{
			ModelVersion: "t", HotThreshold: hot, WarmThreshold: 40,
			Fit: []scoring.FitRule{
				{Name: "a", Points: min(points, 100), When: scoring.Condition{Field: "company", Op: "exists"}},
				{Name: "b", Points: max(points-100, 0), When: scoring.Condition{Field: "company", Op: "exists"}},
			},
			Engagement: scoring.EngagementRules{HalfLife: time.Hour},
		}
		require.NoError(t, r.Validate())
		got := scoring.Score(scoring.Input{Lead: mkLead(lead.Inbound{Company: "Acme"})}, r, now)
		requireInvariants(t, r, got)
		return got.Total
	}
	for p := 0; p <= scoring.DefaultKnee; p++ {
		require.Equal(t, p, scoreOf(p, 70), "below the knee points count one for one")
	}
	distinct := map[int]bool{}
	prev := scoring.DefaultKnee
	for p := scoring.DefaultKnee + 1; p <= 120; p++ {
		got := scoreOf(p, 70)
		require.GreaterOrEqual(t, got, prev, "more points never score lower (%d points)", p)
		require.Less(t, got, 100, "%d points stay below 100", p)
		distinct[got] = true
		prev = got
	}
	// 40 raw values above the knee keep 17 distinct scores: the top is
	// ordered, not clamped into one value.
	require.GreaterOrEqual(t, len(distinct), 17)
	require.Equal(t, 100, scoreOf(200, 70), "only far beyond every rule does the curve round to 100")
	require.Equal(t, 85, scoreOf(85, 85), "with a hot threshold of 85 the knee is 85")
	require.Equal(t, 90, scoreOf(90, 100), "a hot threshold of 100 leaves no room to compress")
}
