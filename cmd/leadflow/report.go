package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"leadflow/httpapi"
	"leadflow/store"
)

// Report defaults, shared by the CLI and GET /v1/reports/{name}.
const (
	defaultReportBy    = "source"
	defaultReportModel = "linear"
)

// reportAPI runs the reports for the CLI and the HTTP API, so both apply
// the same defaults and refuse the same parameters.
type reportAPI struct{ st *store.Store }

var _ httpapi.ReportStore = reportAPI{}

// Report runs the named report; an unknown name is a *store.ReportError on
// "name".
func (a reportAPI) Report(ctx context.Context, name string, q httpapi.ReportQuery) (any, error) {
	by, model := q.By, q.Model
	if by == "" {
		by = defaultReportBy
	}
	if model == "" {
		model = defaultReportModel
	}
	switch name {
	case "funnel":
		return a.st.Funnel(ctx, by, q.From, q.To)
	case "stages":
		return a.st.StageConversion(ctx, q.Pipeline, q.From, q.To)
	case "attribution":
		return a.st.Attribution(ctx, model, by, q.From, q.To)
	case "reps":
		return a.st.RepLeaderboard(ctx, q.From, q.To)
	}
	return nil, &store.ReportError{Field: "name", Value: name, Allowed: httpapi.ReportNames}
}

// reportDescriptions say what each report shows, for --help.
var reportDescriptions = map[string]string{
	"funnel":      "leads by first touch: MQLs, deals, won, lost, revenue, days to close",
	"stages":      "per stage of a pipeline: deals that reached it and moved on, hours in stage",
	"attribution": "won revenue credited to first, last or every (linear) touch",
	"reps":        "per rep: deals assigned, first-touch minutes, won, revenue, SLA breaches",
}

// reportWindowHelp says what the --from/--to window applies to.
const reportWindowHelp = `The window applies to the first touch (funnel), deal creation (stages, reps)
or the win (attribution).`

// runReport prints a marketing report as a table, CSV or JSON. The report
// name comes first; flags follow it.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var usage strings.Builder
	fmt.Fprintf(&usage, "Usage: leadflow report <%s> [flags]\n\n", strings.Join(httpapi.ReportNames, "|"))
	for _, n := range httpapi.ReportNames {
		fmt.Fprintf(&usage, "  %-12s %s\n", n, reportDescriptions[n])
	}
	fmt.Fprintf(&usage, "\n%s\n\nRun 'leadflow report <name> --help' for its flags.", reportWindowHelp)
	name, rest, err := splitVerb("report", usage.String(), httpapi.ReportNames, args, stdout)
	if err != nil {
		return err
	}
	fs := newFlagSet("report "+name, fmt.Sprintf("Usage: leadflow report %s [flags]\n\n%s.\n\n%s",
		name, upperFirst(reportDescriptions[name]), reportWindowHelp), stdout)
	by := fs.String("by", defaultReportBy, "group funnel and attribution by: "+strings.Join(store.FunnelKeys, "|"))
	model := fs.String("model", defaultReportModel, "attribution model: "+strings.Join(store.AttributionModels, "|"))
	pipeline := fs.String("pipeline", "", "pipeline of the stages report (default: the default pipeline)")
	from := fs.String("from", "", "window start, a date (2026-01-01) or RFC 3339 time; default unbounded")
	to := fs.String("to", "", "window end, a date (inclusive) or RFC 3339 time (exclusive); default unbounded")
	format := fs.String("format", "table", "output format: table|csv|json")
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	if !slices.Contains(store.FunnelKeys, *by) {
		return fs.errorf("--by: unknown dimension %q (one of: %s)", *by, strings.Join(store.FunnelKeys, ", "))
	}
	if !slices.Contains(store.AttributionModels, *model) {
		return fs.errorf("--model: unknown model %q (one of: %s)", *model, strings.Join(store.AttributionModels, ", "))
	}
	if !slices.Contains([]string{"table", "csv", "json"}, *format) {
		return fs.errorf("--format: unknown format %q (one of: table, csv, json)", *format)
	}
	start, end, field, err := httpapi.ParseReportRange(*from, *to)
	if err != nil {
		return fs.errorf("--%s: %v", field, err)
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	res, err := reportAPI{st: st}.Report(ctx, name, httpapi.ReportQuery{By: *by, Model: *model, Pipeline: *pipeline, From: start, To: end})
	var re *store.ReportError
	if errors.As(err, &re) {
		// Only --pipeline is checked against the database.
		return fmt.Errorf("--%s: %w", re.Field, re)
	}
	if err != nil {
		return err
	}
	return writeReport(stdout, *format, res)
}

// writeReport prints report rows in the chosen format.
func writeReport(w io.Writer, format string, res any) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		return nil
	}
	header, rows := reportCells(res)
	if format == "csv" {
		cw := csv.NewWriter(w)
		_ = cw.Write(header)
		_ = cw.WriteAll(rows)
		if err := cw.Error(); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join(header, "\t")+"\t")
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// reportCells turns report rows into a header and text cells. Money is in
// currency units with two decimals; missing medians are empty.
func reportCells(res any) ([]string, [][]string) {
	var out [][]string
	switch rows := res.(type) {
	case []store.FunnelRow:
		for _, r := range rows {
			out = append(out, []string{r.Key, itoa(r.Leads), itoa(r.MQLs), itoa(r.Deals), itoa(r.Won), itoa(r.Lost),
				ftoa(r.WonRate, 3), money(float64(r.RevenueCents)), optional(r.MedianDaysToClose, 1), optional(r.P90DaysToClose, 1)})
		}
		return []string{"key", "leads", "mqls", "deals", "won", "lost", "won_rate", "revenue", "median_days_to_close", "p90_days_to_close"}, out
	case []store.StageRow:
		for _, r := range rows {
			out = append(out, []string{r.Stage, r.Kind, itoa(r.Reached), itoa(r.ReachedNext), ftoa(r.Conversion, 3), optional(r.MedianHoursInStage, 1)})
		}
		return []string{"stage", "kind", "reached", "reached_next", "conversion", "median_hours_in_stage"}, out
	case []store.AttributionRow:
		for _, r := range rows {
			out = append(out, []string{r.Key, ftoa(r.Deals, 2), money(r.RevenueCents)})
		}
		return []string{"key", "deals", "revenue"}, out
	case []store.RepRow:
		for _, r := range rows {
			out = append(out, []string{r.Name, itoa(r.Assigned), optional(r.MedianFirstTouchMinutes, 1), itoa(r.Won),
				money(float64(r.WonRevenueCents)), itoa(r.SLABreaches)})
		}
		return []string{"rep", "assigned", "median_first_touch_minutes", "won", "won_revenue", "sla_breaches"}, out
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
