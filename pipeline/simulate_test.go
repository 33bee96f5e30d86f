package pipeline

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
)

// routed is a replayed lead: band, company size, and who actually got it.
func routed(at time.Time, band, size, actualTeam, actualRep string) lead.RoutedLead {
	l := lead.RoutedLead{At: at, Score: lead.Score{Band: band, Total: 80}, ActualTeam: actualTeam, ActualRep: actualRep}
	l.Lead.Source = "webform"
	if size != "" {
		l.Lead.Attributes = map[string]any{"company_size": size}
	}
	return l
}

func TestSimulate(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	twoTeams := SimConfig{
		Reps: []SimRep{{Email: "Ent@reps.example.com", Active: true}, {Email: "smb@reps.example.com", Active: true}},
		Teams: []SimTeam{{Name: "enterprise", Members: []SimMember{{Email: "ent@reps.example.com"}}},
			{Name: "smb", Members: []SimMember{{Email: "SMB@reps.example.com"}}}},
		Rules: RoutingRules{Rules: []RoutingRule{{Name: "big", When: RouteCondition{MinCompanySize: intp(500)}, Team: "enterprise"}}, Fallback: "smb"},
	}
	tests := []struct {
		name  string
		cfg   SimConfig
		leads []lead.RoutedLead
		want  Simulation
	}{
		{
			name: "rules read company size as production does",
			cfg:  twoTeams,
			leads: []lead.RoutedLead{
				routed(at, "hot", "10,000+", "enterprise", "ent@reps.example.com"),
				routed(at, "hot", "51-200", "smb", "smb@reps.example.com"),
				routed(at, "hot", "1k-5k", "enterprise", "ent@reps.example.com"),
				routed(at, "warm", "10,000+", "", ""),
			},
			want: Simulation{Leads: 4, Hot: 3, Rows: []SimRow{
				{Team: "enterprise", Rep: "ent@reps.example.com", Simulated: 2, Actual: 2},
				{Team: "smb", Rep: "smb@reps.example.com", Simulated: 1, Actual: 1},
			}},
		},
		{
			name: "weights share a team's leads",
			cfg: SimConfig{
				Reps:  []SimRep{{Email: "a@x", Active: true}, {Email: "b@x", Active: true}},
				Teams: []SimTeam{{Name: "sales", Members: []SimMember{{Email: "a@x", Weight: 1}, {Email: "b@x", Weight: 2}}}},
				Rules: RoutingRules{Fallback: "sales"},
			},
			leads: []lead.RoutedLead{routed(at, "hot", "", "", "a@x"), routed(at, "hot", "", "", "a@x"), routed(at, "hot", "", "", "a@x")},
			want: Simulation{Leads: 3, Hot: 3, Rows: []SimRow{
				{Team: "", Rep: "a@x", Actual: 3},
				{Team: "sales", Rep: "a@x", Simulated: 1},
				{Team: "sales", Rep: "b@x", Simulated: 2},
			}},
		},
		{
			name:  "without teams hot leads go round robin",
			cfg:   SimConfig{Reps: []SimRep{{Email: "A@x"}, {Email: "b@x"}}},
			leads: []lead.RoutedLead{routed(at, "hot", "", "", ""), routed(at, "hot", "", "", ""), routed(at, "hot", "", "", "")},
			want:  Simulation{Leads: 3, Hot: 3, Rows: []SimRow{{Rep: "a@x", Simulated: 2}, {Rep: "b@x", Simulated: 1}}},
		},
		{
			name:  "nobody to route to",
			cfg:   SimConfig{},
			leads: []lead.RoutedLead{routed(at, "hot", "", "", "")},
			want:  Simulation{Leads: 1, Hot: 1, Unassigned: 1},
		},
		{
			name: "a full or inactive team leaves leads unassigned",
			cfg: SimConfig{
				Reps:  []SimRep{{Email: "a@x", Active: true, Capacity: 1}, {Email: "b@x"}},
				Teams: []SimTeam{{Name: "sales", Members: []SimMember{{Email: "a@x"}, {Email: "b@x"}}}},
				Rules: RoutingRules{Fallback: "sales"},
			},
			leads: []lead.RoutedLead{routed(at, "hot", "", "", ""), routed(at, "hot", "", "", "")},
			want:  Simulation{Leads: 2, Hot: 2, Unassigned: 1, Rows: []SimRow{{Team: "sales", Rep: "a@x", Simulated: 1}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, Simulate(tt.cfg, tt.leads))
		})
	}
}

func TestFactsOf(t *testing.T) {
	t.Parallel()
	var l lead.Lead
	l.Source, l.Channel, l.Country, l.UTM.Campaign = "meta", "paid_social", "DE", "spring"
	l.Attributes = map[string]any{"Company_Size": "2,500 employees"}
	got := FactsOf(l, lead.Score{Band: "hot", Total: 91})
	require.Equal(t, LeadFacts{Band: "hot", Score: 91, Source: "meta", Channel: "paid_social", Country: "DE", Campaign: "spring", CompanySize: 2500}, got)
}
