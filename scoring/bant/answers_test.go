package bant

import (
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
)

func TestSignalsAnswers(t *testing.T) {
	t.Parallel()
	budget := func(b Budget) Signals {
		if b.Confidence == 0 {
			b.Confidence = 0.8
		}
		return Signals{Budget: &b}
	}
	tests := []struct {
		name string
		in   Signals
		want answers
	}{
		{name: "nothing", in: Signals{}, want: answers{}},
		{name: "budget none", in: budget(Budget{None: true}), want: answers{"none", "", "", ""}},
		{name: "budget just under low", in: budget(Budget{Amount: 9999, Currency: "USD", Bound: BoundExact}), want: answers{"under_10k", "", "", ""}},
		{name: "budget exactly low", in: budget(Budget{Amount: 10000, Currency: "USD", Bound: BoundExact}), want: answers{"10k_50k", "", "", ""}},
		{name: "budget max at low is under", in: budget(Budget{Amount: 10000, Bound: BoundMax}), want: answers{"under_10k", "", "", ""}},
		{name: "budget max at high is middle", in: budget(Budget{Amount: 50000, Bound: BoundMax}), want: answers{"10k_50k", "", "", ""}},
		{name: "budget exactly high", in: budget(Budget{Amount: 50000, Bound: BoundExact}), want: answers{"over_50k", "", "", ""}},
		{name: "budget min over high", in: budget(Budget{Amount: 50000, Bound: BoundMin}), want: answers{"over_50k", "", "", ""}},
		{name: "budget range midpoint", in: budget(Budget{Amount: 40000, Max: 70000, Bound: BoundRange}), want: answers{"over_50k", "", "", ""}},
		{name: "budget monthly annualised", in: budget(Budget{Amount: 1000, Period: PeriodMonth, Bound: BoundExact}), want: answers{"10k_50k", "", "", ""}},
		{name: "budget one-off as is", in: budget(Budget{Amount: 9000, Period: PeriodOneOff, Bound: BoundExact}), want: answers{"under_10k", "", "", ""}},
		{name: "budget per seat times seats", in: budget(Budget{Amount: 50, Period: PeriodMonth, PerSeat: true, Seats: 100, Bound: BoundExact}), want: answers{"over_50k", "", "", ""}},
		{name: "budget per seat without seats", in: budget(Budget{Amount: 50, PerSeat: true, Bound: BoundExact}), want: answers{}},
		{name: "budget seats only", in: budget(Budget{Seats: 25}), want: answers{}},
		{name: "budget rupees converted", in: budget(Budget{Amount: 2_000_000, Currency: "INR", Bound: BoundExact}), want: answers{"10k_50k", "", "", ""}},
		{name: "budget yen converted", in: budget(Budget{Amount: 1_000_000, Currency: "JPY", Bound: BoundExact}), want: answers{"under_10k", "", "", ""}},
		{name: "budget euros at par", in: budget(Budget{Amount: 55000, Currency: "EUR", Bound: BoundExact}), want: answers{"over_50k", "", "", ""}},
		{name: "budget below threshold ignored", in: budget(Budget{Amount: 90000, Bound: BoundExact, Confidence: AnswerThreshold - 0.01}), want: answers{}},
		{name: "authority level", in: Signals{Authority: &Authority{Level: LevelInfluencer, Confidence: 0.85}}, want: answers{"", "influencer", "", ""}},
		{name: "authority weak ignored", in: Signals{Authority: &Authority{Level: LevelDecisionMaker, Confidence: 0.4}}, want: answers{}},
		{name: "need urgent", in: Signals{Need: &Need{Stated: true, Urgent: true, Confidence: 0.8}}, want: answers{"", "", "urgent", ""}},
		{name: "need important", in: Signals{Need: &Need{Stated: true, Confidence: 0.8}}, want: answers{"", "", "important", ""}},
		{name: "need exploring", in: Signals{Need: &Need{Confidence: 0.6}}, want: answers{"", "", "exploring", ""}},
		{name: "need from researching timeline", in: Signals{Timeline: &Timeline{Label: LabelResearching, Researching: true, Confidence: 0.75}},
			want: answers{"", "", "exploring", "no_timeline"}},
		{name: "timeline asap", in: Signals{Timeline: &Timeline{Label: LabelASAP, Confidence: 0.7}}, want: answers{"", "", "", "this_month"}},
		{name: "timeline this month", in: Signals{Timeline: &Timeline{Label: LabelThisMonth, Confidence: 0.7}}, want: answers{"", "", "", "this_month"}},
		{name: "timeline this quarter", in: Signals{Timeline: &Timeline{Label: LabelThisQuarter, Confidence: 0.7}}, want: answers{"", "", "", "this_quarter"}},
		{name: "timeline this year", in: Signals{Timeline: &Timeline{Label: LabelThisYear, Confidence: 0.7}}, want: answers{"", "", "", "this_year"}},
		{name: "timeline later", in: Signals{Timeline: &Timeline{Label: LabelLater, Confidence: 0.7}}, want: answers{"", "", "", "no_timeline"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, a, n, tl := tc.in.Answers()
			require.Equal(t, tc.want, answers{b, a, n, tl})
		})
	}
}

// TestAnswersVocabulary pins the answer values to the keys of
// scoring.DefaultRules, which this package must not import (scoring will
// import it). If a key changes there, change it here and in Answers.
func TestAnswersVocabulary(t *testing.T) {
	t.Parallel()
	vocab := map[string][]string{
		"budget":    {"over_50k", "10k_50k", "under_10k", "none"},
		"authority": {"decision_maker", "defers", "influencer", "user"},
		"need":      {"urgent", "important", "exploring"},
		"timeline":  {"this_month", "this_quarter", "this_year", "no_timeline"},
	}
	for _, tc := range extractCases {
		s := Extract(tc.text, testNow)
		b, a, n, tl := s.Answers()
		for kind, v := range map[string]string{"budget": b, "authority": a, "need": n, "timeline": tl} {
			if v != "" {
				require.Contains(t, vocab[kind], v, "%s answer for %q", kind, tc.name)
			}
		}
	}
}

func TestSignalsFill(t *testing.T) {
	t.Parallel()
	s := Extract("I'm the CTO. Budget is $80k a year and we need it this quarter.", testNow)
	tests := []struct {
		name  string
		given lead.Answers
		want  lead.Answers
	}{
		{name: "empty form takes extracted", given: lead.Answers{},
			want: lead.Answers{Budget: "over_50k", Authority: "decision_maker", Timeline: "this_quarter"}},
		{name: "structured answers win", given: lead.Answers{Budget: "under_10k", Timeline: "this_year"},
			want: lead.Answers{Budget: "under_10k", Authority: "decision_maker", Timeline: "this_year"}},
		{name: "blank counts as empty", given: lead.Answers{Authority: "  "},
			want: lead.Answers{Budget: "over_50k", Authority: "decision_maker", Timeline: "this_quarter"}},
		{name: "nothing extracted keeps form", given: lead.Answers{Need: "urgent"},
			want: lead.Answers{Budget: "over_50k", Authority: "decision_maker", Need: "urgent", Timeline: "this_quarter"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.want, s.Fill(tc.given))
		})
	}
}
