package bant

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testNow is Thursday 15 January 2026, 10:00 UTC: in Q1, 16.6 days before
// the end of the month and 75.6 days before the end of the quarter.
var testNow = time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC)

// answers is the expected result of Signals.Answers, in its order.
type answers [4]string

// extractCase is one phrase of the table. A nil want field means that
// signal must not be found at all; a non-nil one is compared on its
// structured fields (Confidence and Evidence only when set in want).
// ans, when set, is compared with Answers().
type extractCase struct {
	name string
	text string
	want Signals
	ans  *answers
}

func ans(budget, authority, need, timeline string) *answers {
	return &answers{budget, authority, need, timeline}
}

var extractCases = []extractCase{
	// Budget: amounts, currencies, units.
	{name: "budget dollars k", text: "Our budget is $25k.",
		want: Signals{Budget: &Budget{Amount: 25000, Currency: "USD", Bound: BoundExact, Evidence: "$25k"}},
		ans:  ans("10k_50k", "", "", "")},
	{name: "budget K USD suffix", text: "We've set aside 25K USD for tooling.",
		want: Signals{Budget: &Budget{Amount: 25000, Currency: "USD", Bound: BoundExact}}},
	{name: "budget comma thousands with code", text: "We have 25,000 EUR for this project.",
		want: Signals{Budget: &Budget{Amount: 25000, Currency: "EUR", Bound: BoundExact}}},
	{name: "budget euro sign European thousands", text: "Budget: €25.000 per year",
		want: Signals{Budget: &Budget{Amount: 25000, Currency: "EUR", Period: PeriodYear, Bound: BoundExact}},
		ans:  ans("10k_50k", "", "", "")},
	{name: "budget European thousands code suffix", text: "Wir haben 25.000 EUR budget.",
		want: Signals{Budget: &Budget{Amount: 25000, Currency: "EUR", Bound: BoundExact}}},
	{name: "budget European decimals", text: "Budget is 1.250.000,50 EUR in total.",
		want: Signals{Budget: &Budget{Amount: 1250000.5, Currency: "EUR", Period: PeriodOneOff, Bound: BoundExact}}},
	{name: "budget plain comma thousands with keyword", text: "our budget is 25,000",
		want: Signals{Budget: &Budget{Amount: 25000, Bound: BoundExact}}},
	{name: "budget millions decimal", text: "The budget for the rollout is around 1.5m.",
		want: Signals{Budget: &Budget{Amount: 1500000, Bound: BoundExact}},
		ans:  ans("over_50k", "", "", "")},
	{name: "budget thousand word", text: "We could spend about 25 thousand dollars.",
		want: Signals{Budget: &Budget{Amount: 25000, Currency: "USD", Bound: BoundExact}}},
	{name: "budget grand", text: "budget's maybe 15 grand",
		want: Signals{Budget: &Budget{Amount: 15000, Bound: BoundExact}}},
	{name: "budget range between and", text: "We're thinking between 10k and 20k for the year.",
		want: Signals{Budget: &Budget{Amount: 10000, Max: 20000, Bound: BoundRange}},
		ans:  ans("10k_50k", "", "", "")},
	{name: "budget range dash carries k and currency", text: "We can spend $10-20k on this.",
		want: Signals{Budget: &Budget{Amount: 10000, Max: 20000, Currency: "USD", Bound: BoundRange, Evidence: "$10-20k"}}},
	{name: "budget range to", text: "Budget is £40k to £60k",
		want: Signals{Budget: &Budget{Amount: 40000, Max: 60000, Currency: "GBP", Bound: BoundRange}},
		ans:  ans("over_50k", "", "", "")},
	{name: "budget en dash range", text: "budget 5\u201310k",
		want: Signals{Budget: &Budget{Amount: 5000, Max: 10000, Bound: BoundRange}}},
	{name: "budget up to per month", text: "We can pay up to $5k/month.",
		want: Signals{Budget: &Budget{Amount: 5000, Currency: "USD", Period: PeriodMonth, Bound: BoundMax, Evidence: "up to $5k/month"}},
		ans:  ans("over_50k", "", "", "")},
	{name: "budget under k a year without currency", text: "under 10k a year",
		want: Signals{Budget: &Budget{Amount: 10000, Period: PeriodYear, Bound: BoundMax, Evidence: "under 10k a year"}},
		ans:  ans("under_10k", "", "", "")},
	{name: "budget over is min", text: "Our budget is over $50,000.",
		want: Signals{Budget: &Budget{Amount: 50000, Currency: "USD", Bound: BoundMin}},
		ans:  ans("over_50k", "", "", "")},
	{name: "budget plus suffix is min", text: "Budget: 50k+",
		want: Signals{Budget: &Budget{Amount: 50000, Bound: BoundMin}}},
	{name: "budget cannot spend more than is max", text: "We can't spend more than $8,000 annually.",
		want: Signals{Budget: &Budget{Amount: 8000, Currency: "USD", Period: PeriodYear, Bound: BoundMax}},
		ans:  ans("under_10k", "", "", "")},
	{name: "budget lakh rupees", text: "Our budget is \u20b95 lakh.",
		want: Signals{Budget: &Budget{Amount: 500000, Currency: "INR", Bound: BoundExact}},
		ans:  ans("under_10k", "", "", "")},
	{name: "budget rs crore", text: "budget of Rs. 1.2 crore for the year",
		want: Signals{Budget: &Budget{Amount: 12000000, Currency: "INR", Bound: BoundExact}},
		ans:  ans("over_50k", "", "", "")},
	{name: "budget French spaces", text: "Notre budget: 25\u00a0000 \u20ac par an, budget 25 000 EUR",
		want: Signals{Budget: &Budget{Amount: 25000, Currency: "EUR", Period: PeriodYear, Bound: BoundExact}}},
	{name: "budget Swiss apostrophe", text: "Budget CHF 120'000",
		want: Signals{Budget: &Budget{Amount: 120000, Currency: "CHF", Bound: BoundExact}}},
	{name: "budget monthly before amount", text: "Our monthly budget is around $2,000.",
		want: Signals{Budget: &Budget{Amount: 2000, Currency: "USD", Period: PeriodMonth, Bound: BoundExact}},
		ans:  ans("10k_50k", "", "", "")},
	{name: "budget quarterly converted to year", text: "We budget $3k per quarter for software",
		want: Signals{Budget: &Budget{Amount: 12000, Currency: "USD", Period: PeriodYear, Bound: BoundExact}}},
	{name: "budget per seat with seats", text: "We'd pay $30 per user per month for 40 users.",
		want: Signals{Budget: &Budget{Amount: 30, Currency: "USD", Period: PeriodMonth, Bound: BoundExact, PerSeat: true, Seats: 40}},
		ans:  ans("10k_50k", "", "", "")},
	{name: "budget seats only", text: "We need 25 seats.",
		want: Signals{Budget: &Budget{Seats: 25}},
		ans:  ans("", "", "", "")},
	{name: "budget licenses", text: "Looking at 120 user licenses to start.",
		want: Signals{Budget: &Budget{Seats: 120}}},
	{name: "budget current spend on another tool is not a budget", text: "Our current tool costs us $900/month",
		want: Signals{}},
	{name: "budget typographic label", text: "Budget:\u00a0$25k \u2013 approved",
		want: Signals{Budget: &Budget{Amount: 25000, Currency: "USD", Bound: BoundExact}}},

	// Budget negatives.
	{name: "budget none yet", text: "No budget yet, we're just exploring.",
		want: Signals{Budget: &Budget{None: true}, Timeline: &Timeline{Label: LabelResearching, Researching: true},
			Need: &Need{Stated: false}},
		ans: ans("none", "", "exploring", "no_timeline")},
	{name: "budget dont have", text: "We don't have a budget for this.",
		want: Signals{Budget: &Budget{None: true}}, ans: ans("none", "", "", "")},
	{name: "budget havent set", text: "We haven't set a budget.",
		want: Signals{Budget: &Budget{None: true}}},
	{name: "budget tbd field", text: "Budget: TBD",
		want: Signals{Budget: &Budget{None: true}}},
	{name: "budget not approved", text: "The budget is not yet approved.",
		want: Signals{Budget: &Budget{None: true}}},
	{name: "budget cant afford", text: "Honestly we can't afford anything fancy.",
		want: Signals{Budget: &Budget{None: true}}},
	{name: "budget no constraints is not none", text: "There are no budget constraints on our side.",
		want: Signals{}},
	{name: "budget amount beats weak none", text: "Budget isn't finalised but we can spend up to $20k.",
		want: Signals{Budget: &Budget{Amount: 20000, Currency: "USD", Bound: BoundMax}}},

	// Numbers that are not budgets.
	{name: "not budget phone", text: "Call me at 555-123-4567 or (555) 987 6543.", want: Signals{}},
	{name: "not budget intl phone", text: "My number is +44 20 7946 0958.", want: Signals{}},
	{name: "not budget zip", text: "We're located in Beverly Hills, CA 90210.", want: Signals{}},
	{name: "not budget date", text: "Let's meet on 03/15/2026 at 10:30.", want: Signals{}},
	{name: "not budget ago", text: "We switched CRMs 2 weeks ago.", want: Signals{}},
	{name: "not budget version", text: "We're on version 3.0 of the API, v2.1 before that.", want: Signals{}},
	{name: "not budget headcount", text: "We have 250 employees and 10k leads per month.", want: Signals{}},
	{name: "not budget revenue", text: "We make $5m in revenue and raised $2m last year.", want: Signals{}},
	{name: "not budget percent", text: "Open rates dropped 15% to 20 percent.", want: Signals{Need: &Need{Stated: true}}}, // a falling figure is a pain, the percentages no budget
	{name: "not budget year", text: "Founded 2019, 40 people.", want: Signals{}},
	{name: "not budget order number", text: "Re: order #123456 and invoice 98765", want: Signals{}},
	{name: "not budget customer base users", text: "The app has 250000 users worldwide.", want: Signals{}},

	// Timeline.
	{name: "timeline asap", text: "We need this ASAP.",
		want: Signals{Timeline: &Timeline{Months: 0.25, Label: LabelASAP}}, ans: ans("", "", "", "this_month")},
	{name: "timeline as soon as possible", text: "as soon as possible please",
		want: Signals{Timeline: &Timeline{Months: 0.25, Label: LabelASAP}}},
	{name: "timeline this quarter", text: "We want to buy this quarter.",
		want: Signals{Timeline: &Timeline{Months: 2.48, Label: LabelThisQuarter, Evidence: "this quarter"}},
		ans:  ans("", "", "", "this_quarter")},
	{name: "timeline end of quarter", text: "Need it live by the end of the quarter.",
		want: Signals{Timeline: &Timeline{Months: 2.48, Label: LabelThisQuarter}}},
	{name: "timeline this month", text: "We'd like to sign this month.",
		want: Signals{Timeline: &Timeline{Months: 0.54, Label: LabelThisMonth}}, ans: ans("", "", "", "this_month")},
	{name: "timeline next month", text: "Hoping to start next month.",
		want: Signals{Timeline: &Timeline{Months: 1.46, Label: LabelThisQuarter}}},
	{name: "timeline in two weeks", text: "We plan to decide in 2 weeks.",
		want: Signals{Timeline: &Timeline{Months: 0.5, Label: LabelThisMonth}}},
	{name: "timeline within words", text: "We want to roll out within a couple of months",
		want: Signals{Timeline: &Timeline{Months: 2, Label: LabelThisQuarter}}},
	{name: "timeline in 6 months", text: "Looking to implement in 6 months",
		want: Signals{Timeline: &Timeline{Months: 6, Label: LabelThisYear}}, ans: ans("", "", "", "this_year")},
	{name: "timeline by March", text: "We need to be live by March.",
		want: Signals{Timeline: &Timeline{Months: 1.46, Label: LabelThisQuarter, Evidence: "by March"}}},
	{name: "timeline in March", text: "Go-live in March",
		want: Signals{Timeline: &Timeline{Months: 2.48, Label: LabelThisQuarter}}},
	{name: "timeline by past month rolls to next year", text: "Ideally up and running by January 2027",
		want: Signals{Timeline: &Timeline{Months: 11.52, Label: LabelThisYear}}},
	{name: "timeline quarter with year", text: "We're planning to purchase in Q3 2026.",
		want: Signals{Timeline: &Timeline{Months: 8.5, Label: LabelThisYear}}},
	{name: "timeline next quarter", text: "We will decide next quarter.",
		want: Signals{Timeline: &Timeline{Months: 5.47, Label: LabelThisYear}}},
	{name: "timeline end of year", text: "Must have a solution in place by end of year.",
		want: Signals{Timeline: &Timeline{Months: 11.52, Label: LabelThisYear}}},
	{name: "timeline field duration range", text: "Timeline: 1-3 months",
		want: Signals{Timeline: &Timeline{Months: 3, Label: LabelThisQuarter}}},
	{name: "timeline by friday", text: "Can we get this signed by Friday?",
		want: Signals{Timeline: &Timeline{Months: 0.03, Label: LabelASAP}}},
	{name: "timeline not until Q3", text: "We won't buy anything until Q3.",
		want: Signals{Timeline: &Timeline{Months: 5.47, Label: LabelThisYear}}},

	// Timeline negatives and hedges.
	{name: "timeline just researching", text: "Just researching at this point.",
		want: Signals{Timeline: &Timeline{Label: LabelResearching, Researching: true}, Need: &Need{Stated: false}},
		ans:  ans("", "", "exploring", "no_timeline")},
	{name: "timeline no rush", text: "No rush on our side.",
		want: Signals{Timeline: &Timeline{Label: LabelLater}}, ans: ans("", "", "", "no_timeline")},
	{name: "timeline not urgent", text: "It's not urgent.",
		want: Signals{Timeline: &Timeline{Label: LabelLater}}},
	{name: "timeline maybe next year", text: "Maybe next year.",
		want: Signals{Timeline: &Timeline{Months: 17.51, Label: LabelLater}}, ans: ans("", "", "", "no_timeline")},
	{name: "timeline not this quarter", text: "Probably not this quarter.",
		want: Signals{Timeline: &Timeline{Label: LabelLater}}},
	{name: "timeline earlier this year is past", text: "We tried a demo earlier this year.", want: Signals{}},
	{name: "timeline for the next months is a duration", text: "We're locked in for the next 6 months.",
		want: Signals{}},

	// Authority.
	{name: "authority CTO", text: "I'm the CTO.",
		want: Signals{Authority: &Authority{Level: LevelDecisionMaker, Role: "CTO"}}, ans: ans("", "decision_maker", "", "")},
	{name: "authority curly apostrophe CEO", text: "I\u2019m the CEO of a 40-person agency.",
		want: Signals{Authority: &Authority{Level: LevelDecisionMaker, Role: "CEO"}}},
	{name: "authority as head of", text: "As head of marketing, I own this decision.",
		want: Signals{Authority: &Authority{Level: LevelDecisionMaker, Role: "head of marketing"}}},
	{name: "authority name comma title", text: "Hi, I'm Jane Doe, VP of Sales at Acme.",
		want: Signals{Authority: &Authority{Level: LevelDecisionMaker, Role: "VP of Sales"}}},
	{name: "authority founder", text: "I am the co-founder",
		want: Signals{Authority: &Authority{Level: LevelDecisionMaker, Role: "co-founder"}}},
	{name: "authority I run the team", text: "I run the sales team here.",
		want: Signals{Authority: &Authority{Level: LevelInfluencer}}},
	{name: "authority I run the company", text: "I run the company with my brother.",
		want: Signals{Authority: &Authority{Level: LevelDecisionMaker}}},
	{name: "authority own business", text: "I own a small bakery business.",
		want: Signals{Authority: &Authority{Level: LevelDecisionMaker, Role: "Owner"}}},
	{name: "authority final say", text: "I have the final say on tooling.",
		want: Signals{Authority: &Authority{Level: LevelDecisionMaker}}},
	{name: "authority title field", text: "Name: Sam\nTitle: Director of Operations",
		want: Signals{Authority: &Authority{Level: LevelInfluencer, Role: "Director of Operations"}}},
	{name: "authority check with boss", text: "I need to check with my boss first.",
		want: Signals{Authority: &Authority{Level: LevelDefers}}, ans: ans("", "defers", "", "")},
	{name: "authority not the decision maker", text: "I'm not the decision maker here.",
		want: Signals{Authority: &Authority{Level: LevelDefers}}},
	{name: "authority recommend to", text: "I'll recommend it to our CTO.",
		want: Signals{Authority: &Authority{Level: LevelInfluencer}}},
	{name: "authority evaluation team", text: "I'm part of the evaluation team.",
		want: Signals{Authority: &Authority{Level: LevelInfluencer}}},
	{name: "authority manager title", text: "I'm the marketing manager.",
		want: Signals{Authority: &Authority{Level: LevelInfluencer, Role: "marketing manager"}}},
	{name: "authority CTO deferring to CEO", text: "I'm the CTO but need sign-off from our CEO.",
		want: Signals{Authority: &Authority{Level: LevelDefers, Role: "CTO"}}},
	{name: "authority no approval needed", text: "I don't need approval from anyone.",
		want: Signals{Authority: &Authority{Level: LevelDecisionMaker}}},
	{name: "authority user", text: "I'll be using it day to day.",
		want: Signals{Authority: &Authority{Level: LevelUser}}, ans: ans("", "user", "", "")},
	{name: "authority developer", text: "I'm a developer on the platform team.",
		want: Signals{Authority: &Authority{Level: LevelUser, Role: "developer"}}},
	{name: "authority as the CTO mentioned is someone else", text: "As the CTO mentioned, we need a better way to report.",
		want: Signals{Need: &Need{Stated: true}}},
	{name: "authority not a title", text: "I'm a big fan of your product and I'm happy to chat.", want: Signals{}},
	{name: "authority on behalf", text: "Reaching out on behalf of my manager.",
		want: Signals{Authority: &Authority{Level: LevelInfluencer}}},

	// Need.
	{name: "need struggling", text: "We're struggling with lead routing.",
		want: Signals{Need: &Need{Stated: true, Pain: "struggling with lead routing"}}, ans: ans("", "", "important", "")},
	{name: "need losing leads", text: "We keep losing leads between forms and the CRM",
		want: Signals{Need: &Need{Stated: true}}},
	{name: "need current tool too slow", text: "Our current tool is too slow and crashes.",
		want: Signals{Need: &Need{Stated: true, Pain: "current tool is too slow and crashes"}}},
	{name: "need better way", text: "We need a better way to track follow-ups.",
		want: Signals{Need: &Need{Stated: true}}},
	{name: "need looking for a solution", text: "Looking for a solution for inbound routing",
		want: Signals{Need: &Need{Stated: true}}},
	{name: "need urgent", text: "This is urgent: we're losing deals every week.",
		want: Signals{Need: &Need{Stated: true, Urgent: true}, Timeline: &Timeline{Months: 0.25, Label: LabelASAP}},
		ans:  ans("", "", "urgent", "this_month")},
	{name: "need urgency from timeline", text: "Our spreadsheets are a nightmare, need a fix ASAP.",
		want: Signals{Need: &Need{Stated: true, Urgent: true}, Timeline: &Timeline{Months: 0.25, Label: LabelASAP}}},
	{name: "need not urgent", text: "We're wasting hours on manual entry but it's not urgent.",
		want: Signals{Need: &Need{Stated: true, Urgent: false}, Timeline: &Timeline{Label: LabelLater}},
		ans:  ans("", "", "important", "no_timeline")},
	{name: "need negated pain", text: "We don't have any problems with our CRM.",
		want: Signals{Need: &Need{Stated: false}}},
	{name: "need happy with current", text: "We're happy with our current vendor, just curious.",
		// Curiosity says nothing on when to buy (corpus-spec: timeline ""
		// unless the writer says they are not buying); the need stays exploring.
		want: Signals{Need: &Need{Stated: false}},
		ans:  ans("", "", "exploring", "")},

	// Text handling.
	{name: "quoted reply ignored", text: "Thanks!\n\n> Our budget is $50k\n> I'm the CEO",
		want: Signals{}},
	{name: "on wrote header cuts history", text: "Sounds good.\n\nOn Mon, Jan 12, 2026 at 9:00 AM Bob Smith <bob@example.com> wrote:\nWe need this ASAP, budget $40k.",
		want: Signals{}},
	{name: "wrapped on wrote header", text: "Sounds good.\nOn Mon, Jan 12, 2026 at 9:00 AM Bob Smith <\nbob@example.com> wrote:\nI'm the CTO.",
		want: Signals{}},
	{name: "outlook header cuts history", text: "See below.\n\nFrom: Sales <sales@example.com>\nSent: Monday\nSubject: hi\n\nI'm the CTO.",
		want: Signals{}},
	{name: "hard wrapped line joined", text: "We are currently struggling with routing leads from our\nwebsite forms and would like a budget of $3,000 per month.",
		want: Signals{Budget: &Budget{Amount: 3000, Currency: "USD", Period: PeriodMonth, Bound: BoundExact},
			Need: &Need{Stated: true}}},
	{name: "empty", text: "", want: Signals{}},
	{name: "only whitespace and invisible", text: " \u200b\t\r\n\ufeff ", want: Signals{}},
	{name: "full form message", text: "Budget: $60,000/year\nTimeline: this quarter\nRole: Head of RevOps\nMessage: Our current CRM is too clunky and we're losing leads.",
		want: Signals{
			Budget:    &Budget{Amount: 60000, Currency: "USD", Period: PeriodYear, Bound: BoundExact},
			Timeline:  &Timeline{Months: 2.48, Label: LabelThisQuarter},
			Authority: &Authority{Level: LevelInfluencer, Role: "Head of RevOps"},
			Need:      &Need{Stated: true},
		},
		ans: ans("over_50k", "influencer", "important", "this_quarter")},
}

func TestExtract(t *testing.T) {
	t.Parallel()
	require.GreaterOrEqual(t, len(extractCases), 80)
	seen := map[string]bool{}
	for _, tc := range extractCases {
		require.False(t, seen[tc.name], "duplicate case name %q", tc.name)
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Extract(tc.text, testNow)
			requireSignals(t, tc.want, got)
			if tc.ans != nil {
				b, a, n, tl := got.Answers()
				require.Equal(t, *tc.ans, answers{b, a, n, tl}, "Answers()")
			}
		})
	}
}

// requireSignals compares got with want as described on extractCase.
func requireSignals(t *testing.T, want, got Signals) {
	t.Helper()
	if want.Budget == nil {
		require.Nil(t, got.Budget, "budget")
	} else {
		require.NotNil(t, got.Budget, "budget")
		w, g := *want.Budget, *got.Budget
		if w.Evidence != "" {
			require.Equal(t, w.Evidence, g.Evidence, "budget evidence")
		}
		require.GreaterOrEqual(t, g.Confidence, minBudgetConfidence, "budget confidence")
		w.Confidence, w.Evidence = g.Confidence, g.Evidence
		require.Equal(t, w, g, "budget")
	}
	if want.Timeline == nil {
		require.Nil(t, got.Timeline, "timeline")
	} else {
		require.NotNil(t, got.Timeline, "timeline")
		w, g := *want.Timeline, *got.Timeline
		require.InDelta(t, w.Months, g.Months, 0.011, "timeline months (%+v)", g)
		if w.Evidence != "" {
			require.Equal(t, w.Evidence, g.Evidence, "timeline evidence")
		}
		w.Months, w.Confidence, w.Evidence = g.Months, g.Confidence, g.Evidence
		require.Equal(t, w, g, "timeline")
	}
	if want.Authority == nil {
		require.Nil(t, got.Authority, "authority")
	} else {
		require.NotNil(t, got.Authority, "authority")
		w, g := *want.Authority, *got.Authority
		require.Equal(t, w.Level, g.Level, "authority level (%+v)", g)
		require.Equal(t, w.Role, g.Role, "authority role (%+v)", g)
		require.GreaterOrEqual(t, g.Confidence, AnswerThreshold, "authority confidence")
	}
	if want.Need == nil {
		require.Nil(t, got.Need, "need")
	} else {
		require.NotNil(t, got.Need, "need")
		w, g := *want.Need, *got.Need
		require.Equal(t, w.Stated, g.Stated, "need stated (%+v)", g)
		require.Equal(t, w.Urgent, g.Urgent, "need urgent (%+v)", g)
		if w.Pain != "" {
			require.Equal(t, w.Pain, g.Pain, "need pain")
		}
		require.GreaterOrEqual(t, g.Confidence, AnswerThreshold, "need confidence")
	}
}
