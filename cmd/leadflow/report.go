package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"leadflow/httpapi"
	"leadflow/reporting"
)

// runReport prints a marketing report as a table, CSV or JSON (the API's
// rows). The report name comes first; flags follow it.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var usage strings.Builder
	fmt.Fprintf(&usage, "Usage: leadflow report <%s> [flags]\n\n", strings.Join(reporting.Names, "|"))
	for _, n := range reporting.Names {
		fmt.Fprintf(&usage, "  %-12s %s\n", n, reporting.Descriptions[n])
	}
	fmt.Fprintf(&usage, "\n%s\n\nRun 'leadflow report <name> --help' for its flags.", reporting.WindowHelp)
	name, rest, err := splitVerb("report", usage.String(), reporting.Names, args, stdout)
	if err != nil {
		return err
	}
	fs := newFlagSet("report "+name, fmt.Sprintf("Usage: leadflow report %s [flags]\n\n%s.\n\n%s",
		name, upperFirst(reporting.Descriptions[name]), reporting.WindowHelp), stdout)
	by := fs.String("by", reporting.DefaultBy, "group funnel and attribution by: "+strings.Join(reporting.FunnelKeys, "|"))
	model := fs.String("model", reporting.DefaultModel, "attribution model: "+strings.Join(reporting.AttributionModels, "|"))
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
	if !slices.Contains(reporting.FunnelKeys, *by) {
		return fs.errorf("--by: unknown dimension %q (one of: %s)", *by, strings.Join(reporting.FunnelKeys, ", "))
	}
	if !slices.Contains(reporting.AttributionModels, *model) {
		return fs.errorf("--model: unknown model %q (one of: %s)", *model, strings.Join(reporting.AttributionModels, ", "))
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
	res, err := reporting.Run(ctx, st, name, reporting.Query{By: *by, Model: *model, Pipeline: *pipeline, From: start, To: end})
	var re *reporting.Error
	if errors.As(err, &re) {
		// Only --pipeline is checked against the database.
		return fmt.Errorf("--%s: %w", re.Field, re)
	}
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(httpapi.NewReportRows(res)); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		return nil
	}
	return reporting.Write(stdout, *format, res)
}
