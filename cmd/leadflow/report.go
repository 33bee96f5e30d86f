package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"leadflow/httpapi"
	"leadflow/internal/cmdline"
	"leadflow/internal/preflight"
	"leadflow/reporting"
)

// runReport prints a marketing report as a table, CSV or JSON (the API's
// rows). The report name comes first; flags follow it.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "spend" {
		return runSpendReport(ctx, args[1:], stdout)
	}
	var usage strings.Builder
	fmt.Fprintf(&usage, "Usage: leadflow report <%s> [flags]\n\n", strings.Join(reportVerbs, "|"))
	for _, n := range reporting.Names {
		fmt.Fprintf(&usage, "  %-12s %s\n", n, reporting.Descriptions[n])
	}
	fmt.Fprintf(&usage, "  %-12s %s\n", "spend", "ad spend per campaign and currency over a range of days")
	fmt.Fprintf(&usage, "\n%s\n\nRun 'leadflow report <name> --help' for its flags.", reporting.WindowHelp)
	name, rest, err := cmdline.SplitVerb("report", usage.String(), reporting.Names, args, stdout)
	if err != nil {
		return err
	}
	desc := reporting.Descriptions[name] // every report has one
	help := fmt.Sprintf("Usage: leadflow report %s [flags]\n\n%s.\n\n%s", name, strings.ToUpper(desc[:1])+desc[1:], reporting.WindowHelp)
	if name == "pareto" {
		help += "\n\n" + reporting.ParetoHelp
	}
	fs := cmdline.NewFlagSet("report "+name, help, stdout)
	by := fs.String("by", reporting.DefaultBy, "group funnel and attribution by: "+strings.Join(reporting.FunnelKeys, "|")+
		" (attribution also: kind); roas and cut by: "+strings.Join(reporting.CampaignKeys, "|")+" (default "+reporting.DefaultCampaignBy+")")
	model := fs.String("model", reporting.DefaultModel, "attribution model: "+strings.Join(reporting.AttributionModels, "|"))
	touches := fs.String("touches", reporting.DefaultTouches, "attribution: the touches credited: all (lead webhooks, email clicks and replies, rep calls, meetings and emails) or leads (lead webhooks only)")
	halfLife := fs.String("half-life", "7d", "attribution time_decay: the half-life before the win, days (7, 3.5d) or a duration (36h)")
	pipeline := fs.String("pipeline", "", "pipeline of the stages report (default: the default pipeline)")
	from := fs.String("from", "", "window start, a date (2026-01-01) or RFC 3339 time; default unbounded")
	to := fs.String("to", "", "window end, a date (inclusive) or RFC 3339 time (exclusive); default unbounded")
	tz := fs.String("tz", "", "IANA time zone the --from/--to dates are days in (default: LEADFLOW_BUSINESS_TZ, itself UTC by default)")
	format := fs.String("format", "table", "output format: table|csv|json")
	currency := fs.String("currency", "", "funnel, attribution, reps, pareto, roas and cut: convert every amount to this currency through the rates of leadflow import --rates (default: one row per currency)")
	days := fs.Int("days", reporting.DefaultCutDays, "cut: the days to look back, today included")
	if err := fs.ParseFlags(rest); err != nil {
		return err
	}
	byKeys := reporting.FunnelKeys
	if name == "attribution" {
		byKeys = reporting.AttributionKeys
	}
	if name == "roas" || name == "cut" {
		// roas and cut group by campaign unless --by says otherwise; the
		// flag's default is the funnel's.
		byKeys = reporting.CampaignKeys
		if !flagSet(fs, "by") {
			*by = reporting.DefaultCampaignBy
		}
	}
	for _, f := range []struct {
		flag, what, got string
		in              []string
	}{
		{"by", "dimension", *by, byKeys},
		{"model", "model", *model, reporting.AttributionModels},
		{"touches", "touch set", *touches, reporting.TouchSets},
		{"format", "format", *format, []string{"table", "csv", "json"}},
	} {
		if !slices.Contains(f.in, f.got) {
			return fs.Errorf("--%s: unknown %s %q (one of: %s)", f.flag, f.what, f.got, strings.Join(f.in, ", "))
		}
	}
	target, err := reporting.ParseReportCurrency(*currency)
	if err != nil {
		return fs.Errorf("--currency: %v", err)
	}
	hl, err := reporting.ParseHalfLife(*halfLife)
	if err != nil {
		return fs.Errorf("--half-life: %v", err)
	}
	if *days < 1 {
		return fs.Errorf("--days: expected a whole number of days, at least 1")
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	loc, err := httpapi.ParseReportZone(*tz, cfg.BusinessTimeZone)
	if err != nil {
		return fs.Errorf("--tz: %v", err)
	}
	start, end, field, err := httpapi.ParseReportRange(*from, *to, loc)
	if err != nil {
		return fs.Errorf("--%s: %v", field, err)
	}
	st, closeStore, err := preflight.OpenStore(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer closeStore()
	res, err := reporting.Run(ctx, st, name, reporting.Query{By: *by, Model: *model, Pipeline: *pipeline, From: start, To: end,
		Location: loc, Currency: target, Touches: *touches, HalfLife: hl, Days: *days, Now: time.Now()})
	var re *reporting.Error
	if errors.As(err, &re) {
		// Only --pipeline is checked against the database (and --by kind
		// outside attribution).
		return fmt.Errorf("--%s: %w", strings.ReplaceAll(re.Field, "_", "-"), re)
	}
	var rateErr *reporting.RateError
	if errors.As(err, &rateErr) {
		return fmt.Errorf("--currency: %w", err)
	}
	if err != nil {
		return err
	}
	if *format == "json" {
		return httpapi.NewReportRows(res).WriteJSON(stdout)
	}
	return reporting.Write(stdout, *format, res)
}

// flagSet reports whether name was given on the command line.
func flagSet(fs *cmdline.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
