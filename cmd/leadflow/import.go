package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"leadflow/internal/cmdline"
	"leadflow/lead"
	"leadflow/reporting"
	"leadflow/scoring"
	"leadflow/scoring/learn"
	"leadflow/scoring/training"
	"leadflow/spend"
)

// runImport loads historical leads with outcomes into the database, for
// training (leadflow score train) and backtesting, or past leads and won
// deals into the funnel reports (--history).
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cmdline.NewFlagSet("import", `Usage: leadflow import --csv FILE --label COL --positive VALUE [--exclude A,B] [--id COL] [--dataset NAME]
       leadflow import --history LEADS.csv --id COL --at-col COL [--source-col COL]
                       [--won WON.csv --won-at COL [--won-id COL] [--amount COL]]
       leadflow import --spend SPEND.csv
       leadflow import --campaign-map MAP.csv
       leadflow import --rates RATES.csv

The first form loads historical leads with outcomes for training and
backtesting (leadflow score train); the second loads past leads and won
deals into the funnel reports; the third loads ad spend per campaign and
day (columns: `+strings.Join(spend.CSVColumns, ",")+`); the fourth ties
platform campaigns to the utm_campaign of their leads (`+strings.Join(spend.CampaignMapColumns, ",")+`);
the fifth stores your currency rates (`+strings.Join(spend.RateColumns, ",")+`). See docs/spend.md.`, stdout)
	var c learn.CSVFlags
	c.Register(fs.FlagSet)
	dataset := fs.String("dataset", "", "name of the imported dataset (default: the file name); re-importing it updates rows by --id")
	var h reporting.HistoryFiles
	fs.StringVar(&h.Leads, "history", "", "import history into the funnel instead: CSV of past leads (with --id, --source-col, --at-col)")
	fs.StringVar(&h.Source, "source-col", "source", "with --history: column naming the lead's source/origin")
	fs.StringVar(&h.At, "at-col", "", "with --history: column with the first-contact date")
	fs.StringVar(&h.Won, "won", "", "with --history: CSV of won deals, joined on --won-id")
	fs.StringVar(&h.WonID, "won-id", "", "with --won: column with the lead id (default: --id)")
	fs.StringVar(&h.WonAt, "won-at", "", "with --won: column with the won date")
	fs.StringVar(&h.Amount, "amount", "", "with --won: column with the deal amount (optional)")
	var sf spendFiles
	fs.StringVar(&sf.spend, "spend", "", "import ad spend instead: CSV of daily campaign spend (see docs/spend.md)")
	fs.StringVar(&sf.campaignMap, "campaign-map", "", "import a campaign map instead: CSV of platform,campaign,utm_campaign")
	fs.StringVar(&sf.rates, "rates", "", "import currency rates instead: CSV of currency,quote,date,rate")
	if err := fs.ParseFlags(args); err != nil {
		return err
	}
	if flag, ok := sf.chosen(); ok {
		if c.File != "" || h.Leads != "" || sf.count() > 1 {
			return fs.Errorf("--%s: give it alone, not with --csv, --history or another of --spend, --campaign-map, --rates", flag)
		}
		return sf.run(ctx, stdout)
	}
	file := c.File
	if h.Leads != "" {
		file, h.ID = h.Leads, c.ID
		if err := h.Complete(); err != nil {
			return fs.Errorf("%v", err)
		}
	} else if err := fs.Required(c.Required()...); err != nil {
		return err
	}
	if *dataset == "" {
		*dataset = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	}
	if h.Leads != "" {
		return importHistory(ctx, h, *dataset, stdout, stderr)
	}
	d, err := c.Load()
	if err != nil {
		return err
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	bar := cmdline.NewProgress(stderr, d.Len())
	res, err := training.Import(ctx, st, *dataset, d, bar.Set)
	bar.Done()
	if err != nil {
		return err
	}
	return res.WriteText(stdout)
}

// importHistory loads history into the funnel (contacts, touchpoints, won
// deals, and each lead's score at arrival under the configured rules).
func importHistory(ctx context.Context, h reporting.HistoryFiles, dataset string, stdout, stderr io.Writer) error {
	leads, err := reporting.LoadHistory(h)
	if err != nil {
		return err
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	if err := reporting.ScoreHistory(leads, historyScore(cfg.File.Scoring)); err != nil {
		return err
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	bar := cmdline.NewProgress(stderr, len(leads))
	res, err := reporting.ImportHistory(ctx, st, dataset, leads, bar.Set)
	bar.Done()
	if err != nil {
		return err
	}
	return res.WriteText(stdout)
}

// historyScore scores a historic lead at its first contact with the rules
// the workers use (scoring.Score, as of that time) from what the file says
// about it: its source (Olist's origin). The file has no texts, answers or
// email activity, and the learned model is left out: it may have been
// trained on this very history, which would grade the score on its own
// answers.
func historyScore(rules scoring.Rules) reporting.ScoreFunc {
	return func(h reporting.HistoricLead) (reporting.ArrivalScore, error) {
		var l lead.Lead
		l.Source, l.Channel, l.OccurredAt = h.Source, "import", h.At
		res := scoring.Score(scoring.Input{Lead: l}, rules, h.At)
		breakdown, err := json.Marshal(res)
		if err != nil {
			return reporting.ArrivalScore{}, fmt.Errorf("encode score breakdown: %w", err)
		}
		return reporting.ArrivalScore{Total: res.Total, Band: string(res.Band), ModelVersion: res.ModelVersion, Breakdown: breakdown}, nil
	}
}
