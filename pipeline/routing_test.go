package pipeline

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

func intp(v int) *int { return &v }

// testRules exercises every condition kind; order matters (first match wins).
var testRules = RoutingRules{
	Rules: []RoutingRule{
		{Name: "enterprise", When: RouteCondition{MinCompanySize: intp(1000)}, Team: "enterprise"},
		{Name: "smb-hot", When: RouteCondition{Bands: []string{"hot"}, MaxCompanySize: intp(49)}, Team: "smb"},
		{Name: "high-score", When: RouteCondition{MinScore: intp(90)}, Team: "closers"},
		{Name: "partners", When: RouteCondition{Sources: []string{"partner-portal"}}, Team: "partners"},
		{Name: "paid", When: RouteCondition{Channels: []string{"CPC", "paid_social"}}, Team: "paid"},
		{Name: "dach", When: RouteCondition{Countries: []string{"de", "AT", "ch"}, Bands: []string{"hot", "warm"}}, Team: "dach"},
		{Name: "launch", When: RouteCondition{Campaigns: []string{"spring-launch"}}, Team: "launch"},
		{Name: "catch-all-warm", When: RouteCondition{Bands: []string{"warm"}}, Team: "nurture-desk"},
	},
	Fallback: "inbound",
}

func TestRoutingRulesMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		rules    RoutingRules
		facts    LeadFacts
		wantTeam string
		wantRule string
	}{
		{name: "min company size", rules: testRules, facts: LeadFacts{Band: "cold", CompanySize: 5000}, wantTeam: "enterprise", wantRule: "enterprise"},
		{name: "min company size boundary", rules: testRules, facts: LeadFacts{Band: "cold", CompanySize: 1000}, wantTeam: "enterprise", wantRule: "enterprise"},
		{name: "earlier rule wins over later match", rules: testRules, facts: LeadFacts{Band: "hot", Score: 95, CompanySize: 2000}, wantTeam: "enterprise", wantRule: "enterprise"},
		{name: "band and max company size", rules: testRules, facts: LeadFacts{Band: "hot", CompanySize: 10}, wantTeam: "smb", wantRule: "smb-hot"},
		{name: "max company size boundary", rules: testRules, facts: LeadFacts{Band: "hot", CompanySize: 49, Score: 95}, wantTeam: "smb", wantRule: "smb-hot"},
		{name: "above max size falls through", rules: testRules, facts: LeadFacts{Band: "hot", CompanySize: 50, Score: 95}, wantTeam: "closers", wantRule: "high-score"},
		{name: "unknown size never matches a size bound", rules: testRules, facts: LeadFacts{Band: "hot", Score: 95}, wantTeam: "closers", wantRule: "high-score"},
		{name: "min score boundary", rules: testRules, facts: LeadFacts{Band: "hot", Score: 90}, wantTeam: "closers", wantRule: "high-score"},
		{name: "below min score", rules: testRules, facts: LeadFacts{Band: "cold", Score: 89}, wantTeam: "inbound", wantRule: FallbackRule},
		{name: "source", rules: testRules, facts: LeadFacts{Band: "cold", Source: "partner-portal"}, wantTeam: "partners", wantRule: "partners"},
		{name: "source case-insensitive", rules: testRules, facts: LeadFacts{Band: "cold", Source: "Partner-Portal"}, wantTeam: "partners", wantRule: "partners"},
		{name: "channel case-insensitive config", rules: testRules, facts: LeadFacts{Band: "cold", Channel: "cpc"}, wantTeam: "paid", wantRule: "paid"},
		{name: "channel second entry", rules: testRules, facts: LeadFacts{Band: "cold", Channel: "PAID_SOCIAL"}, wantTeam: "paid", wantRule: "paid"},
		{name: "country and band both hold", rules: testRules, facts: LeadFacts{Band: "warm", Country: "DE"}, wantTeam: "dach", wantRule: "dach"},
		{name: "band upper case", rules: testRules, facts: LeadFacts{Band: "HOT", Country: "ch"}, wantTeam: "dach", wantRule: "dach"},
		{name: "country written as a name", rules: testRules, facts: LeadFacts{Band: "warm", Country: "Deutschland"}, wantTeam: "dach", wantRule: "dach"},
		{name: "country name with umlaut", rules: testRules, facts: LeadFacts{Band: "hot", Country: "Österreich"}, wantTeam: "dach", wantRule: "dach"},
		{name: "country alpha-3", rules: testRules, facts: LeadFacts{Band: "hot", Country: "CHE"}, wantTeam: "dach", wantRule: "dach"},
		{name: "rule written as a name", rules: RoutingRules{Rules: []RoutingRule{{Name: "uk", When: RouteCondition{Countries: []string{"United Kingdom"}}, Team: "uk"}}, Fallback: "b"}, facts: LeadFacts{Country: "GB"}, wantTeam: "uk", wantRule: "uk"},
		{name: "unknown country compared as written", rules: RoutingRules{Rules: []RoutingRule{{Name: "x", When: RouteCondition{Countries: []string{"Atlantis"}}, Team: "x"}}, Fallback: "b"}, facts: LeadFacts{Country: "atlantis"}, wantTeam: "x", wantRule: "x"},
		{name: "a different country does not match", rules: testRules, facts: LeadFacts{Band: "hot", Country: "Frankreich", Score: 10}, wantTeam: "inbound", wantRule: FallbackRule},
		{name: "country matches but band does not", rules: testRules, facts: LeadFacts{Band: "cold", Country: "DE"}, wantTeam: "inbound", wantRule: FallbackRule},
		{name: "campaign", rules: testRules, facts: LeadFacts{Band: "cold", Campaign: "Spring-Launch"}, wantTeam: "launch", wantRule: "launch"},
		{name: "empty value never matches a list", rules: testRules, facts: LeadFacts{Band: "cold", Campaign: ""}, wantTeam: "inbound", wantRule: FallbackRule},
		{name: "band only", rules: testRules, facts: LeadFacts{Band: "warm", Country: "FR"}, wantTeam: "nurture-desk", wantRule: "catch-all-warm"},
		{name: "fallback", rules: testRules, facts: LeadFacts{Band: "cold", Country: "FR"}, wantTeam: "inbound", wantRule: FallbackRule},
		{name: "empty condition matches everything", rules: RoutingRules{Rules: []RoutingRule{{Name: "all", Team: "a"}}, Fallback: "b"}, facts: LeadFacts{}, wantTeam: "a", wantRule: "all"},
		{name: "no rules goes to fallback", rules: RoutingRules{Fallback: "b"}, facts: LeadFacts{Band: "hot"}, wantTeam: "b", wantRule: FallbackRule},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			team, rule := tt.rules.Match(tt.facts)
			require.Equal(t, tt.wantTeam, team)
			require.Equal(t, tt.wantRule, rule)
		})
	}
}

func TestRoutingRulesValidate(t *testing.T) {
	t.Parallel()
	teams := map[string]bool{"inbound": true, "emea": true}
	tests := []struct {
		name    string
		rules   RoutingRules
		wantErr []string // substrings; nil means valid
	}{
		{name: "valid", rules: RoutingRules{Rules: []RoutingRule{{Name: "emea", When: RouteCondition{Countries: []string{"DE"}}, Team: "emea"}}, Fallback: "inbound"}},
		{name: "no rules only fallback", rules: RoutingRules{Fallback: "inbound"}},
		{
			name: "unknown team names index rule and field",
			rules: RoutingRules{Rules: []RoutingRule{
				{Name: "a", Team: "emea"}, {Name: "b", Team: "emea"}, {Name: "emea", Team: "emea-sales"},
			}, Fallback: "inbound"},
			wantErr: []string{`routing.rules[2] ("emea").team: unknown team "emea-sales"`},
		},
		{name: "empty team", rules: RoutingRules{Rules: []RoutingRule{{Name: "a"}}, Fallback: "inbound"}, wantErr: []string{`routing.rules[0] ("a").team: is empty`}},
		{name: "empty name", rules: RoutingRules{Rules: []RoutingRule{{Team: "emea"}}, Fallback: "inbound"}, wantErr: []string{`routing.rules[0] ("").name: is empty`}},
		{name: "reserved name", rules: RoutingRules{Rules: []RoutingRule{{Name: "fallback", Team: "emea"}}, Fallback: "inbound"}, wantErr: []string{`routing.rules[0] ("fallback").name: "fallback" is reserved`}},
		{name: "duplicate name", rules: RoutingRules{Rules: []RoutingRule{{Name: "a", Team: "emea"}, {Name: "a", Team: "emea"}}, Fallback: "inbound"}, wantErr: []string{`routing.rules[1] ("a").name: duplicates routing.rules[0]`}},
		{name: "unknown band", rules: RoutingRules{Rules: []RoutingRule{{Name: "a", When: RouteCondition{Bands: []string{"hot", "hto"}}, Team: "emea"}}, Fallback: "inbound"}, wantErr: []string{`routing.rules[0] ("a").when.bands[1]: unknown band "hto"`}},
		{name: "score out of range", rules: RoutingRules{Rules: []RoutingRule{{Name: "a", When: RouteCondition{MinScore: intp(101)}, Team: "emea"}}, Fallback: "inbound"}, wantErr: []string{`routing.rules[0] ("a").when.min_score: 101 is outside 0..100`}},
		{name: "size bounds inverted", rules: RoutingRules{Rules: []RoutingRule{{Name: "a", When: RouteCondition{MinCompanySize: intp(500), MaxCompanySize: intp(50)}, Team: "emea"}}, Fallback: "inbound"}, wantErr: []string{`routing.rules[0] ("a").when.max_company_size: 50 is below min_company_size 500`}},
		{name: "size below one", rules: RoutingRules{Rules: []RoutingRule{{Name: "a", When: RouteCondition{MinCompanySize: intp(0)}, Team: "emea"}}, Fallback: "inbound"}, wantErr: []string{`routing.rules[0] ("a").when.min_company_size: 0 is below 1`}},
		{name: "empty list entry", rules: RoutingRules{Rules: []RoutingRule{{Name: "a", When: RouteCondition{Campaigns: []string{"x", " "}}, Team: "emea"}}, Fallback: "inbound"}, wantErr: []string{`routing.rules[0] ("a").when.campaigns[1]: is empty`}},
		{name: "unknown channel", rules: RoutingRules{Rules: []RoutingRule{{Name: "a", When: RouteCondition{Channels: []string{"CPC", "carrier-pigeon"}}, Team: "emea"}}, Fallback: "inbound"},
			wantErr: []string{`routing.rules[0] ("a").when.channels[1]: "carrier-pigeon" is not a channel leadflow knows; use one of`}},
		{name: "missing fallback", rules: RoutingRules{}, wantErr: []string{"routing.fallback_team: is empty"}},
		{name: "unknown fallback", rules: RoutingRules{Fallback: "apac"}, wantErr: []string{`routing.fallback_team: unknown team "apac"`}},
		{
			name:    "all errors reported at once",
			rules:   RoutingRules{Rules: []RoutingRule{{Name: "a", Team: "x"}, {Name: "b", Team: "y"}}},
			wantErr: []string{`rules[0] ("a").team: unknown team "x"`, `rules[1] ("b").team: unknown team "y"`, "fallback_team: is empty"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.rules.Validate(teams)
			if tt.wantErr == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, want := range tt.wantErr {
				require.Contains(t, err.Error(), want)
			}
		})
	}
}

// TestRoutingRulesYAML checks the yaml tags the config package relies on.
func TestRoutingRulesYAML(t *testing.T) {
	t.Parallel()
	const doc = `
rules:
  - name: emea-enterprise
    when:
      bands: [hot]
      min_score: 80
      countries: [DE, fr]
      min_company_size: 200
      max_company_size: 5000
      sources: [webform]
      channels: [cpc]
      campaigns: [launch]
    team: emea
fallback_team: inbound
availability:
  time_zone: Europe/Berlin
  working_hours: "09:00-17:30"
  working_days: [mon, tue]
  out_of_office:
    - from: 2026-03-01T00:00:00Z
      to: 2026-03-08T00:00:00Z
`
	var cfg struct {
		RoutingRules `yaml:",inline"`
		Availability Availability `yaml:"availability"`
	}
	require.NoError(t, yaml.Unmarshal([]byte(doc), &cfg))
	require.NoError(t, cfg.Validate(map[string]bool{"emea": true, "inbound": true}))
	require.NoError(t, cfg.Availability.Validate())
	team, rule := cfg.Match(LeadFacts{Band: "hot", Score: 85, Country: "FR", CompanySize: 300, Source: "webform", Channel: "CPC", Campaign: "launch"})
	require.Equal(t, "emea", team)
	require.Equal(t, "emea-enterprise", rule)
	require.Equal(t, []Period{{From: utc(2026, 3, 1, 0, 0), To: utc(2026, 3, 8, 0, 0)}}, cfg.Availability.OutOfOffice)
	require.Equal(t, 5000, *cfg.RoutingRules.Rules[0].When.MaxCompanySize)
}
