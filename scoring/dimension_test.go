package scoring_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/scoring"
)

func TestContributionBANT(t *testing.T) {
	fit := func(rule, reason string) scoring.Contribution {
		return scoring.Contribution{Rule: rule, Group: scoring.GroupFit, Reason: reason}
	}
	tests := []struct {
		name string
		c    scoring.Contribution
		want scoring.BANTDimension
	}{
		// Every fit rule of DefaultRules.
		{"budget 50k+", fit("budget 50k+", ""), scoring.BANTBudget},
		{"budget 10k-50k", fit("budget 10k-50k", ""), scoring.BANTBudget},
		{"budget under 10k", fit("budget under 10k", ""), scoring.BANTBudget},
		{"no budget", fit("no budget", ""), scoring.BANTBudget},
		{"decision maker", fit("decision maker", ""), scoring.BANTAuthority},
		{"influencer", fit("influencer", ""), scoring.BANTAuthority},
		{"defers", fit("defers", "defers to someone else (+5)"), scoring.BANTAuthority},
		{"custom defers rule", fit("approver elsewhere", "defers to someone else (+5)"), scoring.BANTAuthority},
		{"user", fit("user", "would use the product (+3)"), scoring.BANTAuthority},
		{"urgent need", fit("urgent need", ""), scoring.BANTNeed},
		{"stated need", fit("stated need", ""), scoring.BANTNeed},
		{"exploring", fit("exploring", ""), scoring.BANTNeed},
		{"timeline 1 month", fit("timeline 1 month", ""), scoring.BANTTimeline},
		{"timeline 3 months", fit("timeline 3 months", ""), scoring.BANTTimeline},
		{"timeline 12 months", fit("timeline 12 months", ""), scoring.BANTTimeline},
		{"researching", fit("researching", ""), scoring.BANTTimeline},
		{"executive", fit("executive", ""), scoring.BANTNone},
		{"vp or director", fit("vp or director", ""), scoring.BANTNone},
		{"manager", fit("manager", ""), scoring.BANTNone},
		{"company 500+", fit("company 500+", ""), scoring.BANTNone},
		{"company 50-499", fit("company 50-499", ""), scoring.BANTNone},
		{"company given", fit("company given", ""), scoring.BANTNone},
		{"phone given", fit("phone given", ""), scoring.BANTNone},
		{"referral", fit("referral", ""), scoring.BANTNone},
		{"inbound form or webinar", fit("inbound form or webinar", ""), scoring.BANTNone},
		{"free mail", fit("free mail", ""), scoring.BANTNone},
		{"student", fit("student", ""), scoring.BANTNone},
		{"competitor", fit("competitor", ""), scoring.BANTNone},
		{"do not contact", fit("do not contact", ""), scoring.BANTNone},
		// A default rule is placed by name, whatever its reason quotes.
		{"executive quoting a budget", fit("executive", `executive title (from title: "Budget Director") (+10)`), scoring.BANTNone},
		// Contributions outside the fit group never speak to BANT.
		{"engagement opened", scoring.Contribution{Rule: scoring.EngagementOpened, Group: scoring.GroupEngagement}, scoring.BANTNone},
		{"engagement clicked", scoring.Contribution{Rule: scoring.EngagementClicked, Group: scoring.GroupEngagement}, scoring.BANTNone},
		{"engagement replied", scoring.Contribution{Rule: scoring.EngagementReplied, Group: scoring.GroupEngagement}, scoring.BANTNone},
		{"engagement form fill", scoring.Contribution{Rule: scoring.EngagementFormFill, Group: scoring.GroupEngagement}, scoring.BANTNone},
		{"engagement page visit", scoring.Contribution{Rule: scoring.EngagementPageVisit, Group: scoring.GroupEngagement}, scoring.BANTNone},
		{"learned", scoring.Contribution{Rule: scoring.RuleLearned, Group: scoring.GroupLearned, Reason: "need"}, scoring.BANTNone},
		{"clamp", scoring.Contribution{Rule: scoring.RuleClamp, Group: scoring.GroupAdjustment}, scoring.BANTNone},
		{"cap", scoring.Contribution{Rule: scoring.RuleCap, Group: scoring.GroupAdjustment}, scoring.BANTNone},
		// A rule configured under another name is placed by its words.
		{"custom budget rule", fit("big budget", ""), scoring.BANTBudget},
		{"custom authority rule", fit("economic buyer", "has authority to sign (+10)"), scoring.BANTAuthority},
		{"custom timeline rule", fit("this quarter", "timeline this quarter (+5)"), scoring.BANTTimeline},
		{"custom need rule", fit("pain", "a need for reporting (+5)"), scoring.BANTNeed},
		{"custom other rule", fit("enterprise domain", "enterprise domain (+5)"), scoring.BANTNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, tt.c.BANT())
		})
	}

	// The table covers every fit rule DefaultRules has, and the
	// engagement kinds, so a new rule is placed on purpose.
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.c.Group+"/"+tt.c.Rule] = true
	}
	for _, r := range scoring.DefaultRules().Fit {
		require.True(t, covered[scoring.GroupFit+"/"+r.Name], "default rule %q has no case", r.Name)
	}
	for _, k := range scoring.EngagementKinds() {
		require.True(t, covered[scoring.GroupEngagement+"/"+k], "engagement kind %q has no case", k)
	}
}
