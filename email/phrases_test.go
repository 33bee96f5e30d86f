package email

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The answer vocabulary is scoring's (scoring/facts.go, scoring/bant): the
// email package may not import it, so these tables name its codes.

func TestNeedLevel(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{name: "urgent", in: "urgent", want: NeedUrgent},
		{name: "important", in: "important", want: NeedImportant},
		{name: "exploring", in: "exploring", want: NeedExploring},
		{name: "humanised", in: "just exploring", want: NeedExploring},
		{name: "shouted", in: "URGENT", want: NeedUrgent},
		{name: "free text", in: "our CRM is too slow", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := NeedLevel(tt.in)
			require.Equal(t, tt.want, got)
			require.Equal(t, tt.want != "", ok)
		})
	}
}

func TestTimelinePhrase(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{name: "this_month", in: "this_month", want: "this month", ok: true},
		{name: "this_quarter", in: "this_quarter", want: "this quarter", ok: true},
		{name: "this_year shouted", in: "THIS YEAR", want: "this year", ok: true},
		{name: "asap", in: "asap", want: "as soon as possible", ok: true},
		{name: "no_timeline", in: "no_timeline", want: "", ok: true},
		{name: "researching", in: "researching", want: "", ok: true},
		{name: "count", in: "3 months", want: "within 3 months", ok: true},
		{name: "range", in: "1-3 months", want: "within 3 months", ok: true},
		{name: "one week", in: "1w", want: "within 1 week", ok: true},
		{name: "free text", in: "end of Q3", ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := TimelinePhrase(tt.in)
			require.Equal(t, tt.want, got)
			require.Equal(t, tt.ok, ok)
		})
	}
}

func TestAnswerPhraseCoversVocabulary(t *testing.T) {
	t.Parallel()
	for _, code := range []string{"over_50k", "10k_50k", "under_10k", "none", "decision_maker", "influencer", "user",
		"urgent", "important", "exploring", "this_month", "this_quarter", "this_year", "no_timeline"} {
		p, ok := AnswerPhrase(code)
		require.True(t, ok, code)
		require.NotEmpty(t, p, code)
		require.NotContains(t, p, "_", code)
	}
}

func TestNameCase(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{name: "shouted", in: "JOHN", want: "John"},
		{name: "lower with diaeresis", in: "zoë", want: "Zoë"},
		{name: "particles", in: "van der berg", want: "van der Berg"},
		{name: "apostrophe", in: "o'brien", want: "O'Brien"},
		{name: "mc", in: "MCDONALD", want: "McDonald"},
		{name: "hyphen", in: "anne-marie", want: "Anne-Marie"},
		{name: "mixed kept", in: "McDonald", want: "McDonald"},
		{name: "mixed particle kept", in: "de Vries", want: "de Vries"},
		{name: "one letter", in: "a", want: "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, PersonName(tt.in))
		})
	}
}

func TestCompanyName(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{name: "shouted", in: "BIGCORP INC", want: "Bigcorp Inc"},
		{name: "lower gmbh", in: "acme gmbh", want: "Acme GmbH"},
		{name: "short acronym kept", in: "IBM", want: "IBM"},
		{name: "acronym with suffix kept", in: "SAP AG", want: "SAP AG"},
		{name: "mixed kept", in: "Hooli Inc", want: "Hooli Inc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, CompanyName(tt.in))
		})
	}
}

func TestReasonPointsOnce(t *testing.T) {
	t.Parallel()
	require.Equal(t, "decision maker (+20)", Reason("decision maker (+20) (+20)"))
	require.Equal(t, "budget $50k or more (+30)", Reason("budget over_50k (+30)"))
}
