package scoring_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"leadflow/lead"
	"leadflow/scoring"
)

func TestDefaultRulesAreValid(t *testing.T) {
	t.Parallel()
	require.NoError(t, scoring.DefaultRules().Validate())
}

func TestDefaultRulesAreFresh(t *testing.T) {
	t.Parallel()

	a := scoring.DefaultRules()
	a.Fit[0].Points = 1
	a.Fit[1].When.All[0].Value = 1
	a.FreeMailDomains[0] = "changed.test"
	a.Engagement.Points["replied"] = 0
	b := scoring.DefaultRules()
	require.Equal(t, 30, b.Fit[0].Points)
	require.Equal(t, 10000, b.Fit[1].When.All[0].Value)
	require.Equal(t, "gmail.com", b.FreeMailDomains[0])
	require.Equal(t, 15, b.Engagement.Points["replied"])
}

// validRules is a minimal valid rule set for Validate cases to break.
func validRules() scoring.Rules {
	return scoring.Rules{
		ModelVersion: "t", HotThreshold: 70, WarmThreshold: 40,
		Fit: []scoring.FitRule{
			{Name: "zero", Points: 1, When: scoring.Condition{Field: "company", Op: "exists"}},
			{Name: "one", Points: 1, When: scoring.Condition{Field: "company", Op: "exists"}},
			{Name: "two", Points: 1, When: scoring.Condition{Field: "company", Op: "exists"}},
			{Name: "big budget", Points: 30, When: scoring.Condition{Field: "budget.amount_usd", Op: "gte", Value: 50000}},
		},
		FreeMailDomains: []string{"gmail.com"},
		Engagement:      scoring.EngagementRules{HalfLife: time.Hour, MaxPoints: 30, Points: map[string]int{"opened": 2}},
		Learned:         scoring.LearnedRules{MaxPoints: 40},
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()

	cond := func(r *scoring.Rules, c scoring.Condition) { r.Fit[3].When = c }
	tests := []struct {
		name    string
		mutate  func(*scoring.Rules)
		wantErr []string // each must appear; empty means valid
	}{
		{name: "valid", mutate: func(*scoring.Rules) {}},
		{
			name:    "unknown field names the rule and lists the fields",
			mutate:  func(r *scoring.Rules) { r.Fit[3].When.Field = "answer.budget" },
			wantErr: []string{`scoring.fit[3] ("big budget").when.field: unknown field "answer.budget" (expected one of email, email.domain, `},
		},
		{
			name:    "attribute without a key",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{Field: "attributes.", Op: "exists"}) },
			wantErr: []string{`scoring.fit[3] ("big budget").when.field: unknown field "attributes."`},
		},
		{
			name:    "unknown operator",
			mutate:  func(r *scoring.Rules) { r.Fit[3].When.Op = "at_least" },
			wantErr: []string{`scoring.fit[3] ("big budget").when.op: unknown operator "at_least" (expected one of eq, ne, in`},
		},
		{
			name:    "missing operator",
			mutate:  func(r *scoring.Rules) { r.Fit[3].When.Op = "" },
			wantErr: []string{`scoring.fit[3] ("big budget").when.op: is required`},
		},
		{
			name:    "numeric operator on a string field",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{Field: "country", Op: "gte", Value: 3}) },
			wantErr: []string{`scoring.fit[3] ("big budget").when.op: op gte compares numbers, but country is a string`},
		},
		{
			name:    "text operator on a bool field",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{Field: "phone.present", Op: "contains", Value: "x"}) },
			wantErr: []string{`.when.op: op contains needs text, but phone.present is a true/false`},
		},
		{
			name: "in on a bool field",
			mutate: func(r *scoring.Rules) {
				cond(r, scoring.Condition{Field: "phone.present", Op: "in", Values: []any{true}})
			},
			wantErr: []string{`.when.op: op in does not apply to phone.present, a true/false: use eq`},
		},
		{
			name:    "number where a number is needed",
			mutate:  func(r *scoring.Rules) { r.Fit[3].When.Value = "50k" },
			wantErr: []string{`scoring.fit[3] ("big budget").when.value: op gte needs a number, got "50k"`},
		},
		{
			name:    "bool operand on a string field",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{Field: "country", Op: "eq", Value: true}) },
			wantErr: []string{`.when.value: country is a string field, got true (quote it)`},
		},
		{
			name:    "string operand on a bool field",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{Field: "email.free_mail", Op: "eq", Value: "yes"}) },
			wantErr: []string{`.when.value: email.free_mail is a true/false field, got "yes"`},
		},
		{
			name: "enum value",
			mutate: func(r *scoring.Rules) {
				cond(r, scoring.Condition{Field: "title.seniority", Op: "in", Values: []any{"vp", "ceo"}})
			},
			wantErr: []string{`scoring.fit[3] ("big budget").when.values[1]: title.seniority is never "ceo" (expected one of c_level, vp, director, manager, individual, student)`},
		},
		{
			name:    "authority enum",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{Field: "authority.level", Op: "eq", Value: "boss"}) },
			wantErr: []string{`.when.value: authority.level is never "boss"`},
		},
		{
			name:    "invalid regexp",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{Field: "title", Op: "matches", Value: "(cto"}) },
			wantErr: []string{`scoring.fit[3] ("big budget").when.value: invalid regular expression: error parsing regexp: missing closing ): ` + "`(cto`"},
		},
		{
			name:    "matches needs a string",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{Field: "title", Op: "matches", Value: 3}) },
			wantErr: []string{`.when.value: op matches needs a regular expression as a string, got 3`},
		},
		{
			name:    "contains needs text",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{Field: "title", Op: "contains", Value: ""}) },
			wantErr: []string{`.when.value: op contains needs non-empty text`},
		},
		{
			name:    "in needs values",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{Field: "country", Op: "in", Value: "US"}) },
			wantErr: []string{`.when.value: op in takes values (a list), not value`, `.when.values: op in needs a non-empty list`},
		},
		{
			name:    "eq takes value not values",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{Field: "country", Op: "eq", Values: []any{"US"}}) },
			wantErr: []string{`.when.values: op eq takes value, not values`, `.when.value: op eq needs a value`},
		},
		{
			name:    "exists takes no operand",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{Field: "country", Op: "exists", Value: "US"}) },
			wantErr: []string{`scoring.fit[3] ("big budget").when: op exists takes no value or values`},
		},
		{
			name:    "empty condition",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{}) },
			wantErr: []string{`scoring.fit[3] ("big budget").when: is empty: set field and op, or one of all, any, not`},
		},
		{
			name: "mixed forms",
			mutate: func(r *scoring.Rules) {
				cond(r, scoring.Condition{Field: "country", Op: "exists", Any: []scoring.Condition{{Field: "company", Op: "exists"}}})
			},
			wantErr: []string{`.when: mixes forms`},
		},
		{
			name:    "empty all",
			mutate:  func(r *scoring.Rules) { cond(r, scoring.Condition{All: []scoring.Condition{}}) },
			wantErr: []string{`.when.all: must list at least one condition`},
		},
		{
			name: "nested path",
			mutate: func(r *scoring.Rules) {
				cond(r, scoring.Condition{All: []scoring.Condition{
					{Field: "company", Op: "exists"},
					{Any: []scoring.Condition{{Field: "company", Op: "exists"}, {Not: &scoring.Condition{Field: "titel", Op: "exists"}}}},
				}})
			},
			wantErr: []string{`scoring.fit[3] ("big budget").when.all[1].any[1].not.field: unknown field "titel"`},
		},
		{
			name: "too deep",
			mutate: func(r *scoring.Rules) {
				c := scoring.Condition{Field: "company", Op: "exists"}
				for range 10 {
					c = scoring.Condition{Not: &c}
				}
				cond(r, c)
			},
			wantErr: []string{`conditions nest deeper than 8 levels`},
		},
		{
			name:    "empty name",
			mutate:  func(r *scoring.Rules) { r.Fit[1].Name = " " },
			wantErr: []string{`scoring.fit[1] (" ").name: is required`},
		},
		{
			name:    "duplicate name",
			mutate:  func(r *scoring.Rules) { r.Fit[2].Name = "ONE" },
			wantErr: []string{`scoring.fit[2] ("ONE").name: is also the name of fit[1]; names must be unique`},
		},
		{
			name:    "points out of range",
			mutate:  func(r *scoring.Rules) { r.Fit[3].Points = 300 },
			wantErr: []string{`scoring.fit[3] ("big budget").points: must be within -100..100, got 300`},
		},
		{
			name:    "cap out of range",
			mutate:  func(r *scoring.Rules) { c := -1; r.Fit[0].CapTotal = &c },
			wantErr: []string{`scoring.fit[0] ("zero").cap_total: must be within 0..100, got -1`},
		},
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
			name:    "warm threshold negative",
			mutate:  func(r *scoring.Rules) { r.WarmThreshold = -1 },
			wantErr: []string{"scoring.warm_threshold: must be within 0..100, got -1"},
		},
		{
			name:    "free mail domain with @",
			mutate:  func(r *scoring.Rules) { r.FreeMailDomains = append(r.FreeMailDomains, "@mail.test") },
			wantErr: []string{`scoring.free_mail_domains[1]: must be a bare domain like example.com, got "@mail.test"`},
		},
		{
			name:    "duplicate free mail domain",
			mutate:  func(r *scoring.Rules) { r.FreeMailDomains = append(r.FreeMailDomains, "GMAIL.com") },
			wantErr: []string{`scoring.free_mail_domains[1]: duplicate domain "GMAIL.com"`},
		},
		{
			name:    "empty competitor domain",
			mutate:  func(r *scoring.Rules) { r.CompetitorDomains = []string{""} },
			wantErr: []string{"scoring.competitor_domains[0]: must not be empty"},
		},
		{
			name:    "half-life",
			mutate:  func(r *scoring.Rules) { r.Engagement.HalfLife = 0 },
			wantErr: []string{"scoring.engagement.half_life: must be a positive duration such as 336h, got 0s"},
		},
		{
			name:    "engagement cap",
			mutate:  func(r *scoring.Rules) { r.Engagement.MaxPoints = 101 },
			wantErr: []string{"scoring.engagement.max_points: must be within 0..100, got 101"},
		},
		{
			name:    "unknown engagement kind",
			mutate:  func(r *scoring.Rules) { r.Engagement.Points["bounced"] = 1 },
			wantErr: []string{`scoring.engagement.points.bounced: unknown engagement kind "bounced" (expected one of opened, clicked, replied, form_fill, page_visit)`},
		},
		{
			name:    "negative engagement points",
			mutate:  func(r *scoring.Rules) { r.Engagement.Points["opened"] = -1 },
			wantErr: []string{"scoring.engagement.points.opened: must be within 0..100, got -1"},
		},
		{
			name:    "empty page visit attribute",
			mutate:  func(r *scoring.Rules) { r.Engagement.PageVisitAttributes = []string{""} },
			wantErr: []string{"scoring.engagement.page_visit_attributes[0]: must not be empty"},
		},
		{
			name:    "learned cap",
			mutate:  func(r *scoring.Rules) { r.Learned.MaxPoints = -5 },
			wantErr: []string{"scoring.learned.max_points: must be within 0..100, got -5"},
		},
		{
			name: "every problem is reported at once",
			mutate: func(r *scoring.Rules) {
				r.ModelVersion = ""
				r.HotThreshold = 10
				r.Fit[0].When.Field = "nope"
				r.Fit[3].Points = 1000
			},
			wantErr: []string{"scoring.model_version", "scoring.hot_threshold", `scoring.fit[0] ("zero").when.field`, `scoring.fit[3] ("big budget").points`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := validRules()
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
			// Every line names a setting in YAML path form.
			for _, line := range strings.Split(err.Error(), "\n") {
				require.True(t, strings.HasPrefix(line, "scoring."), "line %q names no setting", line)
			}
		})
	}
}

// configFile is how the config loader holds the section.
type configFile struct {
	Scoring scoring.Rules `yaml:"scoring"`
}

// loadYAML decodes a config file the way config.ParseFile does: over the
// defaults, unknown keys rejected.
func loadYAML(t *testing.T, name string) (scoring.Rules, error) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	f := configFile{Scoring: scoring.DefaultRules()}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	require.NoError(t, dec.Decode(&f))
	return f.Scoring, f.Scoring.Validate()
}

// TestRulesYAML loads the documented example config and scores with it,
// which pins the yaml tags, duration parsing and operand decoding.
func TestRulesYAML(t *testing.T) {
	t.Parallel()

	r, err := loadYAML(t, "rules.yaml")
	require.NoError(t, err)
	require.Equal(t, "acme-2026-11", r.ModelVersion)
	require.Len(t, r.Fit, 11)
	require.Equal(t, 168*time.Hour, r.Engagement.HalfLife)
	require.Equal(t, []string{"rival.example.com"}, r.CompetitorDomains)
	require.NotNil(t, r.Fit[10].CapTotal)

	in := scoring.Input{
		Lead: mkLead(lead.Inbound{
			Email: "ceo@bigco.test", Title: "CEO", Country: "GB", Company: "BigCo",
			Message:    "We're struggling with lead routing and need it ASAP. We have about $80k.",
			Attributes: map[string]any{"employees": "1000+", "plan": "Enterprise annual", "total_visits": 3},
			OccurredAt: now,
		}),
		Engagements: []scoring.Engagement{{Kind: "opened", At: now.Add(-168 * time.Hour)}},
	}
	got := scoring.Score(in, r, now)
	require.Equal(t, []string{
		"big budget", "decision maker", "urgent need", "buying this quarter", "mid-size or larger",
		"home territory", "enterprise plan interest", "opened", "page_visit", "compress",
	}, rules(got), got.Explain())
	require.Equal(t, 95, got.Total)
	require.Equal(t, "acme-2026-11", got.ModelVersion)
	explained := got.Explain()
	require.Contains(t, explained, `big budget: budget of at least $50k (from the message on 29 Nov, read as English: "$80k") (+30)`)
	require.Contains(t, explained, `decision maker: title.seniority is "c_level" (from the title as of 29 Nov: "CEO") (+20)`)
	// One open a half-life ago: 1 point halved, rounded to 1 (0.5 rounds
	// up); three page visits from the attribute, fresh: 3.
	require.Contains(t, explained, "1 email open, last 7 days ago (+1)")
	require.Contains(t, explained, "3 page visits, last just now (+3)")
}

// TestRulesYAMLInvalid checks that a broken config fails with one message
// per problem, each naming the rule (by index and name) and the field.
func TestRulesYAMLInvalid(t *testing.T) {
	t.Parallel()

	_, err := loadYAML(t, "rules_invalid.yaml")
	require.Error(t, err)
	lines := strings.Split(err.Error(), "\n")
	want := []string{
		`scoring.hot_threshold: must be greater than warm_threshold (40), got 30`,
		`scoring.fit[1] ("typo in the field").when.field: unknown field "answer.budget" (expected one of email, `,
		`scoring.fit[2] ("bad op").when.op: unknown operator "equals" (expected one of eq, ne, in, not_in, contains, matches, gte, gt, lte, lt, exists, missing)`,
		`scoring.fit[3] ("big budget").when.value: op gte needs a number, got "50k"`,
		`scoring.fit[4] ("bad regexp").when.any[0].value: invalid regular expression: `,
		`scoring.fit[5] ("ok").name: is also the name of fit[0]; names must be unique`,
		`scoring.fit[5] ("ok").points: must be within -100..100, got 500`,
		`scoring.fit[5] ("ok").when.value: title.seniority is never "ceo" (expected one of c_level, vp, director, manager, individual, student)`,
		`scoring.engagement.half_life: must be a positive duration such as 336h, got 0s`,
		`scoring.engagement.points.bounced: unknown engagement kind "bounced"`,
	}
	require.Len(t, lines, len(want), err.Error())
	for i, w := range want {
		require.True(t, strings.HasPrefix(lines[i], w), "line %d:\n got %s\nwant %s…", i, lines[i], w)
	}
}

// TestFieldNames keeps the documented field table and the registry in
// step: every name FieldNames returns appears in the package doc.
func TestFieldNames(t *testing.T) {
	t.Parallel()

	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	for _, f := range scoring.FieldNames() {
		require.Contains(t, string(doc), "//\t"+f, "field %s is not in the doc table", f)
	}
}

// TestDefaultRulesYAML writes the default rules out as YAML (the
// reference operators copy from when they customise the fit list) and
// checks they read back unchanged. Regenerate with -update.
func TestDefaultRulesYAML(t *testing.T) {
	t.Parallel()

	var buf bytes.Buffer
	buf.WriteString("# The built-in scoring rules (scoring.DefaultRules) as a config section.\n" +
		"# Generated by: go test ./scoring -run TestDefaultRulesYAML -update\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	require.NoError(t, enc.Encode(configFile{Scoring: scoring.DefaultRules()}))
	require.NoError(t, enc.Close())

	path := filepath.Join("testdata", "default_rules.yaml")
	if *update {
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with -update to create it")
	require.Equal(t, string(want), buf.String())

	r, err := loadYAML(t, "default_rules.yaml")
	require.NoError(t, err)
	require.Equal(t, scoring.DefaultRules(), r)
}
