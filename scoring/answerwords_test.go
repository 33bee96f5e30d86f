package scoring

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAnswerShown: a reason shows a form's code in words and the lead's
// own words quoted, never a code with underscores.
func TestAnswerShown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		raw   string
		words func(string) string
		want  string
	}{
		{name: "budget bucket", raw: "over_50k", words: budgetAnswerWords, want: "over $50k"},
		{name: "budget bucket upper case", raw: "OVER_50K", words: budgetAnswerWords, want: "over $50k"},
		{name: "budget range", raw: "10k_50k", words: budgetAnswerWords, want: "$10k to $50k"},
		{name: "budget other range", raw: "25k-75k", words: budgetAnswerWords, want: "$25k to $75k"},
		{name: "budget plus", raw: "50k+", words: budgetAnswerWords, want: "$50k+"},
		{name: "budget with its currency", raw: "40k_eur", words: budgetAnswerWords, want: "40k eur"},
		{name: "no budget", raw: "no_budget", words: budgetAnswerWords, want: "no budget"},
		{name: "budget typed", raw: "$25k", words: budgetAnswerWords, want: `"$25k"`},
		{name: "decision maker", raw: "decision_maker", words: authorityAnswerWords, want: "decision maker"},
		{name: "budget holder", raw: "budget-holder", words: authorityAnswerWords, want: "decision maker"},
		{name: "needs approval", raw: "needs_approval", words: authorityAnswerWords, want: "someone else decides"},
		{name: "authority typed", raw: "Someone else decides", words: authorityAnswerWords, want: `"Someone else decides"`},
		{name: "unknown code", raw: "head_of_things", words: authorityAnswerWords, want: "head of things"},
		{name: "timeline code", raw: "this_month", words: timelineAnswerWords, want: "this month"},
		{name: "asap", raw: "asap", words: timelineAnswerWords, want: "as soon as possible"},
		{name: "timeline count", raw: "within_6_months", words: timelineAnswerWords, want: "within 6 months"},
		{name: "need code", raw: "nice_to_have", words: needAnswerWords, want: "nice to have"},
		{name: "need yes", raw: "yes", words: needAnswerWords, want: "has a need"},
		{name: "need in words", raw: "Our current tool is too slow and we keep losing deals", words: needAnswerWords, want: `"Our current tool is too slow…"`},
		{name: "very long code", raw: "a_very_long_answer_code_that_goes_on_and_on", words: needAnswerWords, want: "a very long answer code that…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := answerShown(tt.raw, tt.words)
			require.Equal(t, tt.want, got)
			require.NotContains(t, got, "_", "a code's underscores never reach a reason")
		})
	}
}

// TestFromNotRepeating: a source's words already in the reason are not
// said twice, and only whole words count.
func TestFromNotRepeating(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, reason, from, want string
	}{
		{name: "same words", reason: "budget of $10k to $50k", from: "a form answer: $10k to $50k", want: "a form answer"},
		{name: "other words", reason: "decision maker", from: "a form answer: decides", want: "a form answer: decides"},
		{name: "quoted words", reason: "urgent need", from: `the message: "urgent"`, want: "the message"},
		{name: "inside a longer word", reason: "buying now", from: "a form answer: no", want: "a form answer: no"},
		{name: "no words", reason: "company given", from: "a form answer", want: "a form answer"},
		{name: "empty words", reason: "company given", from: `a form answer: ""`, want: `a form answer: ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, []string{tt.want}, fromNotRepeating([]string{tt.from}, tt.reason))
		})
	}
}

// TestContributionWhy: the reason without its points, for a page with a
// points column; any other ending stays.
func TestContributionWhy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		c    Contribution
		want string
	}{
		{name: "plus", c: Contribution{Points: 5, Reason: "company given (+5)"}, want: "company given"},
		{name: "minus", c: Contribution{Points: -10, Reason: "personal email address (-10)"}, want: "personal email address"},
		{name: "zero", c: Contribution{Points: 0, Reason: "no budget yet (from a form answer) (+0)"}, want: "no budget yet (from a form answer)"},
		{name: "other points", c: Contribution{Points: 3, Reason: "company given (+5)"}, want: "company given (+5)"},
		{name: "no points", c: Contribution{Points: 3, Reason: "company given"}, want: "company given"},
		{name: "empty", c: Contribution{}, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, tt.c.Why())
		})
	}
}

// TestLearnedTermWords: a learned model's term in words, no code.
func TestLearnedTermWords(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, feature, value, want string }{
		{name: "budget code", feature: "budget", value: "over_50k", want: "budget over $50k"},
		{name: "authority code", feature: "authority", value: "decision_maker", want: "authority decision maker"},
		{name: "canonical field", feature: "email_domain", value: "gmail.com", want: "email domain: gmail.com"},
		{name: "imported column", feature: "Lead Origin", value: "Lead Add Form", want: "Lead Origin: Lead Add Form"},
		{name: "attribute code", feature: "company_size", value: "51-200", want: "company size: 51-200"},
		{name: "empty value", feature: "country", value: "", want: "country: none given"},
		{name: "interaction", feature: "source × visits", value: "referral × 15", want: "source: referral with visits: 15"},
		{name: "interaction of answers", feature: "budget × timeline", value: "over_50k × this_month", want: "budget over $50k with timeline this month"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, learnedTermWords(tt.feature, tt.value))
		})
	}
}
