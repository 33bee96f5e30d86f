package reporting

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"leadflow/spend"
)

// Formats are the text formats Write prints; JSON is the API's shape and
// lives with it.
var Formats = []string{"table", "csv"}

// Write prints a report as an aligned table or as CSV.
func Write(w io.Writer, format string, res Result) error {
	header, rows := Cells(res)
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		_ = cw.Write(header)
		_ = cw.WriteAll(rows)
		if err := cw.Error(); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		return nil
	case "table":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, strings.Join(header, "\t")+"\t")
		for _, r := range rows {
			fmt.Fprintln(tw, strings.Join(r, "\t")+"\t")
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		if res.Name == "pareto" {
			for _, n := range ParetoNotes(res.Pareto) {
				if _, err := fmt.Fprintln(w, n); err != nil {
					return fmt.Errorf("write report: %w", err)
				}
			}
		}
		return nil
	}
	return fmt.Errorf("write report: unknown format %q (one of: %s)", format, strings.Join(Formats, ", "))
}

// Cells turns report rows into a header and text cells. Money is in
// currency units with two decimals; missing medians are empty.
func Cells(res Result) ([]string, [][]string) {
	var out [][]string
	switch res.Name {
	case "funnel":
		for _, r := range res.Funnel {
			out = append(out, []string{r.Key, itoa(r.Leads), itoa(r.MQLs), itoa(r.Deals), itoa(r.Won), itoa(r.Lost),
				ftoa(r.WonRate, 3), r.Currency, money(float64(r.RevenueCents)), optional(r.MedianDaysToClose, 1), optional(r.P90DaysToClose, 1)})
		}
		return []string{"key", "leads", "mqls", "deals", "won", "lost", "won_rate", "currency", "revenue", "median_days_to_close", "p90_days_to_close"}, out
	case "stages":
		for _, r := range res.Stages {
			out = append(out, []string{r.Stage, r.Kind, itoa(r.Reached), itoa(r.ReachedNext), ftoa(r.Conversion, 3), optional(r.MedianHoursInStage, 1)})
		}
		return []string{"stage", "kind", "reached", "reached_next", "conversion", "median_hours_in_stage"}, out
	case "attribution":
		for _, r := range res.Attribution {
			out = append(out, []string{r.Key, r.Currency, ftoa(r.Deals, 2), money(r.RevenueCents)})
		}
		return []string{"key", "currency", "deals", "revenue"}, out
	case "reps":
		for _, r := range res.Reps {
			out = append(out, []string{r.Name, itoa(r.Assigned), optional(r.MedianFirstTouchMinutes, 1), itoa(r.Won),
				r.Currency, money(float64(r.WonRevenueCents)), itoa(r.SLABreaches)})
		}
		return []string{"rep", "assigned", "median_first_touch_minutes", "won", "currency", "won_revenue", "sla_breaches"}, out
	case "pareto":
		for _, r := range res.Pareto {
			minScore := ""
			if r.MinScore != nil {
				minScore = strconv.Itoa(*r.MinScore)
			}
			out = append(out, []string{r.Top, ftoa(r.Leads, 1), optional(r.LeadShare, 3), ftoa(r.Won, 1), optional(r.WonShare, 3),
				r.Currency, money(r.RevenueCents), optional(r.RevenueShare, 3), optional(r.Lift, 2), optional(r.WonLift, 2), minScore})
		}
		return []string{"top", "leads", "lead_share", "won", "won_share", "currency", "revenue", "revenue_share", "lift", "won_lift", "min_score"}, out
	case "roas", "cut":
		for _, r := range res.Campaigns {
			spent, pipeline := "", ""
			if r.Currency != "" {
				spent, pipeline = spend.FormatMicros(r.SpendMicros), money(float64(r.PipelineCents))
			}
			out = append(out, []string{r.Campaign, r.Currency, spent, itoa(r.Leads), itoa(r.MQLs), itoa(r.Deals), itoa(r.Won),
				optional(r.CostPerLead, 2), optional(r.CostPerMQL, 2), optional(r.CostPerDeal, 2), optional(r.CostPerWon, 2),
				money(r.RevenueFirstCents), money(r.RevenueLastCents), money(r.RevenueLinearCents),
				optional(r.ROASFirst, 2), optional(r.ROASLast, 2), optional(r.ROASLinear, 2),
				pipeline, optional(r.PipelinePerSpend, 2), PaybackCell(r), r.Status})
		}
		return []string{cmp.Or(res.CampaignsBy, DefaultCampaignBy), "currency", "spend", "leads", "mqls", "deals", "won", "cost_per_lead", "cost_per_mql", "cost_per_deal",
			"cost_per_won", "revenue_first", "revenue_last", "revenue_linear", "roas_first", "roas_last", "roas_linear",
			"pipeline", "pipeline_per_spend", "payback_days", "status"}, out
	}
	return []string{"unsupported report"}, nil
}

func itoa(n int64) string             { return strconv.FormatInt(n, 10) }
func ftoa(f float64, prec int) string { return strconv.FormatFloat(f, 'f', prec, 64) }
func money(cents float64) string      { return ftoa(cents/100, 2) }
func optional(f *float64, prec int) string {
	if f == nil {
		return ""
	}
	return ftoa(*f, prec)
}
