package reporting

import (
	"fmt"
	"slices"
	"sort"
)

// ParetoCuts are the shares of leads, best scored first, the pareto report
// has a row for; the last is every scored lead.
var ParetoCuts = []struct {
	Label string
	Share float64
}{{"top 10%", 0.10}, {"top 20%", 0.20}, {"top 50%", 0.50}, {"all", 1}}

// ParetoUnscored labels the row of leads that arrived without a score.
const ParetoUnscored = "unscored"

// ParetoHelp says how the pareto report ranks leads and splits ties, for
// help texts and the docs.
const ParetoHelp = `Pareto ranks leads (contacts whose first touch is in the window) by their
score at arrival: the first score stored for them, before anything a rep did.
Leads tied at a cut-off score are split pro rata: the cut takes the same
fraction of the tied group's leads, won deals and revenue, so the figures
never depend on row order. Leads without a score at arrival are counted
in the "unscored" row and left out of the ranking.`

// ScoreGroup is the leads that arrived with one score: how many, how many
// of them were won (their first deal, as in the funnel) and the revenue of
// those wins by currency and UTC day of the win. Score is nil for leads
// that arrived without a score.
type ScoreGroup struct {
	Score      *int
	Leads, Won int64
	// Revenue is never summed across currencies: Pareto keeps each apart,
	// or Run converts each amount on its day (--currency).
	Revenue []Amount
}

// ParetoRow is one cut of the pareto report in one currency: the
// best-scored share of leads and the share of won deals and won revenue
// they brought. Counts are fractional where a cut splits a tied group pro
// rata. Leads and won deals are counted in every currency, so a cut whose
// revenue is in two currencies has two rows with the same counts (never add
// counts across rows), each with that currency's revenue and shares.
type ParetoRow struct {
	// Top is "top 10%", "top 20%", "top 50%", "all" or "unscored".
	Top string
	// Currency is the currency of RevenueCents; empty when no lead in the
	// rows' range won a deal (nothing to be in a currency).
	Currency string
	Leads    float64
	// LeadShare is Leads over all scored leads (nil in the unscored row).
	LeadShare *float64
	Won       float64
	// WonShare is Won over the scored leads' won deals; nil when none was
	// won (or in the unscored row).
	WonShare     *float64
	RevenueCents float64
	// RevenueShare is RevenueCents over the scored leads' won revenue in
	// Currency; nil when there is none (or in the unscored row).
	RevenueShare *float64
	// Lift is RevenueShare / LeadShare (1 is no better than chance) and
	// WonLift is WonShare / LeadShare; nil when the share is.
	Lift, WonLift *float64
	// MinScore is the lowest score at arrival inside the cut (nil for the
	// unscored row or no leads).
	MinScore *int
}

// Pareto turns score groups into the report's rows, each currency apart:
// for every currency of the scored leads' won revenue (alphabetically), one
// row per ParetoCuts entry over the scored leads, best first, ties at a
// cut split pro rata; then the unscored rows (one per currency of their
// revenue) when any lead arrived without a score. When nothing was won the
// rows have no currency. The groups may come in any order.
func Pareto(groups []ScoreGroup) []ParetoRow { return pareto(groups, "") }

// pareto is Pareto with empty as the currency of the rows when nothing
// was won: "" per currency, the target of a converted report.
func pareto(groups []ScoreGroup, empty string) []ParetoRow {
	// Groups of one score are merged first: a tie is one group, whatever
	// rows it came in.
	type merged struct {
		score      int
		leads, won float64
		revenue    map[string]float64
	}
	unscored := &merged{revenue: map[string]float64{}}
	byScore := map[int]*merged{}
	var scored []*merged
	var leads, won float64
	revenue := map[string]float64{} // the scored leads', per currency
	for _, g := range groups {
		into := unscored
		if g.Score != nil {
			if into = byScore[*g.Score]; into == nil {
				into = &merged{score: *g.Score, revenue: map[string]float64{}}
				byScore[*g.Score] = into
				scored = append(scored, into)
			}
			leads += float64(g.Leads)
			won += float64(g.Won)
			for _, a := range g.Revenue {
				revenue[a.Currency] += a.Cents
			}
		}
		into.leads += float64(g.Leads)
		into.won += float64(g.Won)
		for _, a := range g.Revenue {
			into.revenue[a.Currency] += a.Cents
		}
	}
	sort.Slice(scored, func(i, j int) bool { return scored[i].score > scored[j].score })

	currencies := currenciesOf(revenue, empty)
	out := make([]ParetoRow, 0, len(currencies)*len(ParetoCuts)+1)
	for _, cur := range currencies {
		for _, cut := range ParetoCuts {
			row := ParetoRow{Top: cut.Label, Currency: cur}
			want := cut.Share * leads
			for _, g := range scored {
				if g.leads == 0 {
					continue
				}
				// Take the whole group, or the fraction of it the cut still
				// needs: a tied group is split pro rata, never by row order.
				f := min(1, (want-row.Leads)/g.leads)
				if f <= 0 {
					break
				}
				row.Leads += f * g.leads
				row.Won += f * g.won
				row.RevenueCents += f * g.revenue[cur]
				row.MinScore = ptr(g.score)
				if f < 1 {
					break
				}
			}
			if leads > 0 {
				row.LeadShare = ptr(row.Leads / leads)
				if won > 0 {
					row.WonShare = ptr(row.Won / won)
					row.WonLift = ptr(*row.WonShare / *row.LeadShare)
				}
				if revenue[cur] > 0 {
					row.RevenueShare = ptr(row.RevenueCents / revenue[cur])
					row.Lift = ptr(*row.RevenueShare / *row.LeadShare)
				}
			}
			out = append(out, row)
		}
	}
	if unscored.leads > 0 {
		for _, cur := range currenciesOf(unscored.revenue, empty) {
			out = append(out, ParetoRow{Top: ParetoUnscored, Currency: cur, Leads: unscored.leads, Won: unscored.won,
				RevenueCents: unscored.revenue[cur]})
		}
	}
	return out
}

// currenciesOf lists the currencies of sums alphabetically; [empty] for
// none.
func currenciesOf(sums map[string]float64, empty string) []string {
	out := make([]string, 0, len(sums))
	for c := range sums {
		out = append(out, c)
	}
	slices.Sort(out)
	if len(out) == 0 {
		out = []string{empty}
	}
	return out
}

// convertScoreGroups returns groups with every won amount converted to
// conv's currency on the day of its win; a missing rate is a *RateError
// naming the pair and the day.
func convertScoreGroups(groups []ScoreGroup, conv *converter) ([]ScoreGroup, error) {
	out := make([]ScoreGroup, len(groups))
	for i, g := range groups {
		out[i] = g
		out[i].Revenue = make([]Amount, len(g.Revenue))
		for j, a := range g.Revenue {
			f := CampaignFact{Currency: a.Currency, Day: a.Day, FirstCents: a.Cents}
			if err := conv.convert(&f); err != nil {
				return nil, fmt.Errorf("pareto: %w", err)
			}
			out[i].Revenue[j] = Amount{Currency: f.Currency, Day: a.Day, Cents: f.FirstCents}
		}
	}
	return out, nil
}

// ParetoNotes are the lines the table format prints under the pareto rows:
// what the shares are of, and a clear word when nothing was won yet.
func ParetoNotes(rows []ParetoRow) []string {
	var all, unscored *ParetoRow
	revenue, currencies := false, map[string]bool{}
	for i := range rows {
		switch rows[i].Top {
		case "all":
			if all == nil {
				all = &rows[i]
			}
			revenue = revenue || rows[i].RevenueCents != 0
			currencies[rows[i].Currency] = true
		case ParetoUnscored:
			if unscored == nil {
				unscored = &rows[i]
			}
		}
	}
	var notes []string
	if all == nil || all.Leads == 0 {
		notes = append(notes, "No scored leads in this window: nothing to rank.")
	} else {
		notes = append(notes, fmt.Sprintf("Shares are of the %.0f leads scored at arrival; ties at a cut-off score are split pro rata.", all.Leads))
		switch {
		case all.Won == 0:
			notes = append(notes, "No won deals yet among these leads: the won and revenue shares stay empty until a deal is won.")
		case !revenue:
			notes = append(notes, "Won deals carry no amounts: the revenue share and lift stay empty; won_share and won_lift still rank the score.")
		}
		if len(currencies) > 1 {
			notes = append(notes, "Revenue is shown per currency, never added across currencies: each currency's rows repeat the leads and won deals, "+
				"and its revenue share is of the revenue in that currency (--currency converts through your exchange rates).")
		}
	}
	if unscored != nil {
		notes = append(notes, fmt.Sprintf("%.0f leads had no score at arrival (the unscored row) and are not ranked.", unscored.Leads))
	}
	return notes
}

func ptr[T any](v T) *T { return &v }
