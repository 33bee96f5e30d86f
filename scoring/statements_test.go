package scoring_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/scoring"
)

// TestContactStatements: a contact's facts come from all its touchpoints
// and texts. Per dimension the newest one that says something wins; one
// that says nothing keeps the earlier statement; texts are read as of
// when they were written; old statements and passed timelines decay.
func TestContactStatements(t *testing.T) {
	t.Parallel()

	may := func(day int) time.Time { return time.Date(2026, 5, day, 9, 0, 0, 0, time.UTC) }
	form := func(at time.Time, a lead.Answers) lead.Lead {
		return mkLead(lead.Inbound{Email: "ada@example.com", Answers: a, OccurredAt: at})
	}
	tests := []struct {
		name    string
		in      scoring.Input
		now     time.Time
		maxAge  time.Duration
		want    []string // reasons that must be there
		notRule []string // rules that must not hold
	}{
		{
			name: "a later touchpoint that says nothing keeps the earlier statement",
			in: scoring.Input{
				Lead:    form(may(10), lead.Answers{}),
				Earlier: []lead.Lead{form(may(3), lead.Answers{Need: "important", Budget: "10k_50k"})},
			},
			now: may(20),
			want: []string{
				`stated a need (from a form answer on 3 May: important) (+12)`,
				`budget of $10k to $50k (from a form answer on 3 May) (+20)`,
			},
		},
		{
			name: "a later answer that says something wins",
			in: scoring.Input{
				Lead:    form(may(10), lead.Answers{Need: "just exploring"}),
				Earlier: []lead.Lead{form(may(3), lead.Answers{Need: "urgent"})},
			},
			now:     may(20),
			want:    []string{`exploring, no pressing need (from a form answer on 10 May: "just exploring") (+4)`},
			notRule: []string{"urgent need"},
		},
		{
			name: "a later reply overrides an earlier answer",
			in: scoring.Input{
				Lead:  form(may(3), lead.Answers{Budget: "under_10k"}),
				Texts: []scoring.Text{{Body: "Good news: we now have about $60k for this.", At: may(12), Kind: scoring.TextReply}},
			},
			now:     may(20),
			want:    []string{`budget of $50k or more (from a reply on 12 May, read as English: "$60k") (+30)`},
			notRule: []string{"budget under 10k"},
		},
		{
			name: "an earlier message does not override a later answer",
			in: scoring.Input{
				Lead:  form(may(12), lead.Answers{Budget: "under_10k"}),
				Texts: []scoring.Text{{Body: "We have about $60k for this.", At: may(3), Kind: scoring.TextMessage}},
			},
			now:     may(20),
			want:    []string{`budget under $10k (from a form answer on 12 May) (+5)`},
			notRule: []string{"budget 50k+"},
		},
		{
			name: "text is read as of when it was written",
			in: scoring.Input{
				Lead:  form(may(10), lead.Answers{}),
				Texts: []scoring.Text{{Body: "We want to go live this quarter.", At: may(3), Kind: scoring.TextMessage}},
			},
			// May's quarter ends with June: under two months from 3 May,
			// though the text is read in late July.
			now:  time.Date(2026, 7, 25, 9, 0, 0, 0, time.UTC),
			want: []string{`buying within a quarter (from a message on 3 May, read as English: "this quarter") (+10)`},
		},
		{
			name: "a timeline a month past its horizon no longer counts",
			in: scoring.Input{
				Lead:  form(may(10), lead.Answers{}),
				Texts: []scoring.Text{{Body: "We want to go live this quarter.", At: may(3), Kind: scoring.TextMessage}},
			},
			now:     time.Date(2026, 8, 5, 9, 0, 0, 0, time.UTC),
			notRule: []string{"timeline 1 month", "timeline 3 months", "timeline 12 months"},
		},
		{
			name: "a timeline answer decays from when it was given",
			in: scoring.Input{
				Lead:    form(may(10), lead.Answers{}),
				Earlier: []lead.Lead{form(may(3), lead.Answers{Timeline: "this_month", Need: "urgent"})},
			},
			now:     time.Date(2026, 7, 10, 9, 0, 0, 0, time.UTC),
			want:    []string{`urgent need (from a form answer on 3 May) (+20)`},
			notRule: []string{"timeline 1 month"},
		},
		{
			name: "a statement older than a year no longer counts",
			in: scoring.Input{
				Lead:    form(may(10), lead.Answers{}),
				Earlier: []lead.Lead{form(time.Date(2025, 5, 3, 9, 0, 0, 0, time.UTC), lead.Answers{Need: "important", Authority: "decision_maker"})},
			},
			now:     may(20),
			notRule: []string{"stated a need", "decision maker"},
		},
		{
			name: "the age limit is a setting",
			in: scoring.Input{
				Lead:    form(may(10), lead.Answers{}),
				Earlier: []lead.Lead{form(time.Date(2025, 5, 3, 9, 0, 0, 0, time.UTC), lead.Answers{Need: "important"})},
			},
			now:    may(20),
			maxAge: 2 * 365 * 24 * time.Hour,
			want:   []string{`stated a need (from a form answer on 3 May 2025: important) (+12)`},
		},
		{
			name: "a text's reason names the language it was read in",
			in: scoring.Input{Lead: mkLead(lead.Inbound{Email: "jo@example.de", OccurredAt: may(3),
				Message: "Wir haben ein Budget von 20.000 € für dieses Projekt."})},
			now:  may(20),
			want: []string{`budget of $10k to $50k (from the message on 3 May, read as German: "20.000 €") (+20)`},
		},
		{
			name: "defers: someone else decides",
			in:   scoring.Input{Lead: mkLead(lead.Inbound{Email: "jo@example.com", Answers: lead.Answers{Authority: "Someone else decides"}})},
			now:  may(20),
			want: []string{`defers to someone else (from a form answer: "Someone else decides") (+5)`},
		},
		{
			name: "defers: needs approval",
			in:   scoring.Input{Lead: mkLead(lead.Inbound{Email: "jo@example.com", Answers: lead.Answers{Authority: "needs-approval"}})},
			now:  may(20),
			want: []string{`defers to someone else (from a form answer: someone else decides) (+5)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := scoring.DefaultRules()
			if tt.maxAge != 0 {
				r.StatementMaxAge = tt.maxAge
			}
			require.NoError(t, r.Validate())
			res := scoring.Score(tt.in, r, tt.now)
			var reasons []string
			for _, c := range res.Contributions {
				reasons = append(reasons, c.Reason)
			}
			for _, w := range tt.want {
				require.Contains(t, reasons, w)
			}
			for _, n := range tt.notRule {
				require.NotContains(t, rules(res), n)
			}
		})
	}
}

// TestStatements: what reps are shown is what the score read.
func TestStatements(t *testing.T) {
	t.Parallel()
	may3 := time.Date(2026, 5, 3, 9, 0, 0, 0, time.UTC)
	in := scoring.Input{
		Lead: mkLead(lead.Inbound{Email: "ada@example.com", OccurredAt: may3.AddDate(0, 0, 7)}),
		Earlier: []lead.Lead{mkLead(lead.Inbound{Email: "ada@example.com", OccurredAt: may3,
			Message: "Our reporting is too slow and we keep missing numbers.",
			Answers: lead.Answers{Need: "important", Timeline: "this_quarter"}})},
		Texts: []scoring.Text{{Body: "Our reporting is too slow and we keep missing numbers.", At: may3, Kind: scoring.TextMessage}},
	}
	st := scoring.Statements(in, scoring.DefaultRules(), may3.AddDate(0, 0, 17))
	require.Equal(t, "important", st.Need.Answer)
	require.Equal(t, may3, st.Need.At)
	require.NotEmpty(t, st.Need.Words, "the form's own words about the need")
	require.Equal(t, "this_quarter", st.Timeline.Answer)
	require.Zero(t, st.Budget)
}

// TestStatementMaxAgeValidated: a negative age is refused by its YAML path.
func TestStatementMaxAgeValidated(t *testing.T) {
	t.Parallel()
	r := scoring.DefaultRules()
	require.Equal(t, scoring.DefaultStatementMaxAge, r.StatementMaxAge)
	r.StatementMaxAge = -time.Hour
	require.ErrorContains(t, r.Validate(), "scoring.statement_max_age: must be a positive duration")
}
