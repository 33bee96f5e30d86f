package bant

import (
	"math"
	"strings"
	"time"

	"leadflow/lead"
)

// Signals is everything Extract found in one text. A nil field means the
// text said nothing recognisable about that signal; a non-nil field may
// still be a negative ("no budget yet", "just researching").
type Signals struct {
	Budget    *Budget    `json:"budget,omitempty"`
	Timeline  *Timeline  `json:"timeline,omitempty"`
	Authority *Authority `json:"authority,omitempty"`
	Need      *Need      `json:"need,omitempty"`
	// Language is the language the text was read as (LangEnglish, ...;
	// see DetectLanguage), "" when it could not tell.
	Language string `json:"language,omitempty"`
}

// Budget bounds.
const (
	BoundExact = "exact" // "$25k", "around 25k"
	BoundMax   = "max"   // "under 10k", "up to $5k"
	BoundMin   = "min"   // "over 50k", "50k+"
	BoundRange = "range" // "between 10k and 20k", "10-20k"
)

// Budget periods.
const (
	PeriodMonth  = "month"
	PeriodYear   = "year"
	PeriodOneOff = "one-off"
)

// Budget is what the lead said they can spend.
type Budget struct {
	// Amount is the stated figure in Currency units per Period: the
	// ceiling for BoundMax, the floor for BoundMin and the low end for
	// BoundRange. Weekly figures are converted to per month and quarterly
	// ones to per year, so Period stays within the constants above. Zero
	// when only seats or None were stated.
	Amount float64 `json:"amount,omitempty"`
	// Max is the high end of a BoundRange; zero otherwise.
	Max float64 `json:"max,omitempty"`
	// Currency is an ISO 4217 code ("USD", "EUR", "GBP", "INR", ...) or
	// "" when the text gave none ("under 10k a year"). A bare "$" is USD.
	Currency string `json:"currency,omitempty"`
	// Period is "" (not stated), PeriodMonth, PeriodYear or PeriodOneOff.
	Period string `json:"period,omitempty"`
	// Bound is one of the Bound* constants; "" when only seats or None
	// were stated.
	Bound string `json:"bound,omitempty"`
	// PerSeat reports that Amount is a price per seat/user ("$30 per user
	// per month"); multiply by Seats for the total.
	PerSeat bool `json:"per_seat,omitempty"`
	// Seats is the number of seats, users or licenses asked for
	// ("25 seats"); zero when not stated.
	Seats int `json:"seats,omitempty"`
	// None reports an explicit lack of budget ("no budget yet", "we don't
	// have a budget", "budget: TBD").
	None bool `json:"none,omitempty"`
	// Confidence is in [0, 1]; see AnswerThreshold.
	Confidence float64 `json:"confidence"`
	// Evidence is the phrase the budget was read from, as written (after
	// whitespace and punctuation folding).
	Evidence string `json:"evidence"`
}

// Timeline labels, from most to least urgent.
const (
	LabelASAP        = "asap"
	LabelThisMonth   = "this_month"
	LabelThisQuarter = "this_quarter"
	LabelThisYear    = "this_year"
	LabelLater       = "later"
	LabelResearching = "researching"
)

// Timeline is when the lead means to buy or start.
type Timeline struct {
	// Months is the horizon from `now` in months of 30.44 days: ASAP and
	// "this week" ≈ 0.25, "in 2 weeks" = 0.5, "next month" = 1, "this
	// quarter" = time to the end of now's quarter, "by March" = time to
	// the next 1 March, "in March" = to the end of the next March. Zero
	// when the text gives no horizon (researching, "no rush").
	Months float64 `json:"months"`
	// Label is one of the Label* constants. Phrases that name a window
	// ("this quarter") keep that label; dated and relative phrases get
	// the label of their horizon (≤0.25 asap, ≤1 this_month, ≤3
	// this_quarter, ≤12 this_year, else later).
	Label string `json:"label"`
	// Researching reports "just researching"-style statements.
	Researching bool `json:"researching,omitempty"`
	// Confidence is in [0, 1]; see AnswerThreshold.
	Confidence float64 `json:"confidence"`
	// Evidence is the phrase the timeline was read from.
	Evidence string `json:"evidence"`
}

// Authority levels, matching scoring.DefaultRules' authority answers.
const (
	LevelDecisionMaker = "decision_maker"
	LevelInfluencer    = "influencer"
	// LevelDefers is a writer who says someone else decides, approves or
	// signs ("my boss has the final say", "I can't sign contracts").
	LevelDefers = "defers"
	LevelUser   = "user"
)

// Authority is the writer's role in the buying decision.
type Authority struct {
	// Level is one of the Level* constants.
	Level string `json:"level"`
	// Role is the job title the writer gave ("CTO", "Head of Marketing"),
	// "" when the level came from a statement such as "I run the team".
	Role string `json:"role,omitempty"`
	// Confidence is in [0, 1]; see AnswerThreshold.
	Confidence float64 `json:"confidence"`
	// Evidence is the phrase the authority was read from.
	Evidence string `json:"evidence"`
}

// Need is the problem the lead wants solved.
type Need struct {
	// Stated reports a pain statement ("we're struggling with", "our
	// current tool is too slow"). A Need with Stated false records an
	// exploratory or no-need statement ("just curious", "we're happy with
	// our current tool").
	Stated bool `json:"stated"`
	// Pain is the short statement the need was read from, cut at the end
	// of its clause and at maxPainRunes.
	Pain string `json:"pain,omitempty"`
	// Urgent reports an urgency cue anywhere in the text ("urgent",
	// "ASAP", "top priority", "losing deals") or an ASAP timeline.
	Urgent bool `json:"urgent,omitempty"`
	// Confidence is in [0, 1]; see AnswerThreshold.
	Confidence float64 `json:"confidence"`
	// Evidence is the cue phrase that matched.
	Evidence string `json:"evidence"`
}

// AnswerThreshold is the lowest Confidence Answers turns into an answer.
// Weaker signals stay visible in Signals (with their Evidence) but do not
// score, because a wrong answer costs more than a missing one.
const AnswerThreshold = 0.5

// Budget answer thresholds, in USD-ish per year (see usdPerUnit).
const (
	budgetLow  = 10_000
	budgetHigh = 50_000
)

// Extract reads BANT signals from text. now anchors relative timelines
// ("this quarter", "by March"); pass the time the text was received, in
// the lead's time zone when known. Extract never fails and is safe for
// concurrent use; the same text and now always give the same Signals.
func Extract(text string, now time.Time) Signals {
	d := prepare(text)
	if d.lower == "" {
		return Signals{}
	}
	var s Signals
	s.Language = detectLanguage(d.lower)
	s.Budget = extractBudget(d)
	s.Timeline = extractTimeline(d, now)
	s.Authority = extractAuthorityWithModel(d)
	s.Need = extractNeed(d, s.Timeline)
	return s
}

// Answers maps the signals onto the answer vocabulary of
// scoring.DefaultRules; each result is "" when that signal is missing or
// below AnswerThreshold. Callers merge them under the lead's structured
// answers, which always win.
//
//   - budget: "none" for Budget.None; otherwise the amount is annualised
//     (monthly ×12; one-off and unstated periods taken as is), converted
//     to roughly USD with fixed coarse rates (USD, EUR, GBP and CHF at
//     par, a currency-less amount taken as USD; see usdPerUnit) and
//     bucketed: under_10k below 10,000, 10k_50k below 50,000, over_50k
//     from 50,000. "under 10k" is under_10k and "up to 50k" is 10k_50k (a
//     ceiling counts as just below itself); a range is bucketed by its
//     midpoint. Seats alone, or a per-seat price without a seat count,
//     give "".
//   - authority: the Level as is.
//   - need: "urgent" for a stated, urgent need; "important" for a stated
//     need; "exploring" for an exploratory statement, or for no need
//     statement when the timeline is Researching.
//   - timeline: asap and this_month → "this_month"; this_quarter and
//     this_year as is; later and researching → "no_timeline".
func (s Signals) Answers() (budget, authority, need, timeline string) {
	if b := s.Budget; b != nil && b.Confidence >= AnswerThreshold {
		budget = b.answer()
	}
	if a := s.Authority; a != nil && a.Confidence >= AnswerThreshold {
		authority = a.Level
	}
	switch n := s.Need; {
	case n != nil && n.Confidence >= AnswerThreshold:
		switch {
		case n.Stated && n.Urgent:
			need = "urgent"
		case n.Stated:
			need = "important"
		default:
			need = "exploring"
		}
	case n == nil && s.Timeline != nil && s.Timeline.Researching && s.Timeline.Confidence >= AnswerThreshold:
		need = "exploring"
	}
	if t := s.Timeline; t != nil && t.Confidence >= AnswerThreshold {
		switch t.Label {
		case LabelASAP, LabelThisMonth:
			timeline = "this_month"
		case LabelThisQuarter, LabelThisYear:
			timeline = t.Label
		case LabelLater, LabelResearching:
			timeline = "no_timeline"
		}
	}
	return budget, authority, need, timeline
}

// Fill returns a with every empty answer filled in from s.Answers().
// Answers the lead gave (a form's budget dropdown, say) always win over
// what was read from their text, however confident; an answer that is
// only whitespace counts as empty.
func (s Signals) Fill(a lead.Answers) lead.Answers {
	budget, authority, need, timeline := s.Answers()
	fill := func(given *string, extracted string) {
		if strings.TrimSpace(*given) == "" && extracted != "" {
			*given = extracted
		}
	}
	fill(&a.Budget, budget)
	fill(&a.Authority, authority)
	fill(&a.Need, need)
	fill(&a.Timeline, timeline)
	return a
}

// answer buckets b for Answers.
func (b *Budget) answer() string {
	if b.None {
		return "none"
	}
	v := b.Amount
	switch {
	case v <= 0:
		return ""
	case b.Bound == BoundRange && b.Max > v:
		v = (v + b.Max) / 2
	case b.Bound == BoundMax:
		// "under 10k" must land below the 10k boundary.
		v *= 0.999
	}
	if b.PerSeat {
		if b.Seats <= 0 {
			return ""
		}
		v *= float64(b.Seats)
	}
	if b.Period == PeriodMonth {
		v *= 12
	}
	v *= usdPerUnit(b.Currency)
	switch {
	case v < budgetLow:
		return "under_10k"
	case v < budgetHigh:
		return "10k_50k"
	default:
		return "over_50k"
	}
}

// usdPerUnit is a deliberately coarse, fixed conversion used only to put
// an amount in a budget bucket. Currencies within a factor of about 1.5 of
// the dollar are taken at par or a round rate (the buckets are a factor of
// five apart, and live rates would make scores drift from day to day);
// only currencies whose unit is far from a dollar (INR, JPY, ...) need a
// real factor. An unknown or missing currency is taken as USD.
func usdPerUnit(currency string) float64 {
	switch currency {
	case "CAD", "SGD":
		return 0.75
	case "AUD", "NZD":
		return 0.65
	case "HKD":
		return 0.13
	case "CNY":
		return 0.14
	case "INR":
		return 0.012
	case "JPY":
		return 0.0067
	case "SEK", "NOK":
		return 0.095
	case "DKK":
		return 0.15
	case "PLN":
		return 0.25
	case "BRL":
		return 0.18
	case "MXN", "ZAR":
		return 0.055
	case "NGN":
		return 0.00065
	case "COP":
		return 0.00025
	case "CLP", "ARS":
		return 0.001
	case "XOF":
		return 0.0017
	case "MAD":
		return 0.1
	case "AED":
		return 0.27
	default: // USD, EUR, GBP, CHF and unknown
		return 1
	}
}

// clamp01 keeps a confidence within [0, 0.95] (no pattern match is
// certain, so none claims 1) and rounds it to two decimals, so sums of
// adjustments compare and print cleanly.
func clamp01(c float64) float64 {
	switch {
	case c < 0:
		return 0
	case c > 0.95:
		return 0.95
	}
	return math.Round(c*100) / 100
}
