package reporting

import (
	"fmt"
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
// those wins. Score is nil for leads that arrived without a score.
type ScoreGroup struct {
	Score        *int
	Leads, Won   int64
	RevenueCents int64
}

// ParetoRow is one cut of the pareto report: the best-scored share of
// leads and the share of won deals and won revenue they brought. Counts
// are fractional where a cut splits a tied group pro rata.
type ParetoRow struct {
	// Top is "top 10%", "top 20%", "top 50%", "all" or "unscored".
	Top   string
	Leads float64
	// LeadShare is Leads over all scored leads (nil in the unscored row).
	LeadShare *float64
	Won       float64
	// WonShare is Won over the scored leads' won deals; nil when none was
	// won (or in the unscored row).
	WonShare     *float64
	RevenueCents float64
	// RevenueShare is RevenueCents over the scored leads' won revenue; nil
	// when there is none (or in the unscored row).
	RevenueShare *float64
	// Lift is RevenueShare / LeadShare (1 is no better than chance) and
	// WonLift is WonShare / LeadShare; nil when the share is.
	Lift, WonLift *float64
	// MinScore is the lowest score at arrival inside the cut (nil for the
	// unscored row or no leads).
	MinScore *int
}

// Pareto turns score groups into the report's rows: one per ParetoCuts
// entry over the scored leads, best first, ties at a cut split pro rata,
// then the unscored row when any lead arrived without a score. The groups
// may come in any order.
func Pareto(groups []ScoreGroup) []ParetoRow {
	// Groups of one score are merged first: a tie is one group, whatever
	// rows it came in.
	var unscored ScoreGroup
	byScore := map[int]*ScoreGroup{}
	var scored []*ScoreGroup
	var leads, won, revenue float64
	for _, g := range groups {
		into := &unscored
		if g.Score != nil {
			if into = byScore[*g.Score]; into == nil {
				into = &ScoreGroup{Score: ptr(*g.Score)}
				byScore[*g.Score] = into
				scored = append(scored, into)
			}
			leads += float64(g.Leads)
			won += float64(g.Won)
			revenue += float64(g.RevenueCents)
		}
		into.Leads += g.Leads
		into.Won += g.Won
		into.RevenueCents += g.RevenueCents
	}
	sort.Slice(scored, func(i, j int) bool { return *scored[i].Score > *scored[j].Score })

	out := make([]ParetoRow, 0, len(ParetoCuts)+1)
	for _, cut := range ParetoCuts {
		row := ParetoRow{Top: cut.Label}
		want := cut.Share * leads
		for _, g := range scored {
			if g.Leads == 0 {
				continue
			}
			// Take the whole group, or the fraction of it the cut still
			// needs: a tied group is split pro rata, never by row order.
			f := min(1, (want-row.Leads)/float64(g.Leads))
			if f <= 0 {
				break
			}
			row.Leads += f * float64(g.Leads)
			row.Won += f * float64(g.Won)
			row.RevenueCents += f * float64(g.RevenueCents)
			row.MinScore = ptr(*g.Score)
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
			if revenue > 0 {
				row.RevenueShare = ptr(row.RevenueCents / revenue)
				row.Lift = ptr(*row.RevenueShare / *row.LeadShare)
			}
		}
		out = append(out, row)
	}
	if unscored.Leads > 0 {
		out = append(out, ParetoRow{Top: ParetoUnscored, Leads: float64(unscored.Leads), Won: float64(unscored.Won),
			RevenueCents: float64(unscored.RevenueCents)})
	}
	return out
}

// ParetoNotes are the lines the table format prints under the pareto rows:
// what the shares are of, and a clear word when nothing was won yet.
func ParetoNotes(rows []ParetoRow) []string {
	var all, unscored *ParetoRow
	for i := range rows {
		switch rows[i].Top {
		case "all":
			all = &rows[i]
		case ParetoUnscored:
			unscored = &rows[i]
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
		case all.RevenueCents == 0:
			notes = append(notes, "Won deals carry no amounts: the revenue share and lift stay empty; won_share and won_lift still rank the score.")
		}
	}
	if unscored != nil {
		notes = append(notes, fmt.Sprintf("%.0f leads had no score at arrival (the unscored row) and are not ranked.", unscored.Leads))
	}
	return notes
}

func ptr[T any](v T) *T { return &v }
