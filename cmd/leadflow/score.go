package main

import (
	"context"
	"fmt"
	"io"

	"leadflow/internal/cmdline"
	"leadflow/scoring/banteval"
	"leadflow/scoring/learn"
	"leadflow/scoring/training"
)

const scoreUsage = `Usage: leadflow score <eval|train|calibrate> [flags]

  eval       train on a seeded split of a labelled CSV and report AUC, Brier score,
             log loss, calibration and top-decile lift (no database needed)
  train      train the learned model on imported history (leadflow import) and won/lost
             deals; it replaces the active model only if it does at least as well on
             held-out leads
  calibrate  suggest the hot threshold for a target precision or a rep capacity
  bant-eval  measure how well budget, authority, need and timeline are read from
             inquiries, against a labelled corpus (per dimension and language)

Run 'leadflow score <command> --help' for its flags.`

func runScore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	verb, rest, err := cmdline.SplitVerb("score", scoreUsage, scoreVerbs, args, stdout)
	if err != nil {
		return err
	}
	switch verb {
	case "eval":
		return runScoreEval(rest, stdout, stderr)
	case "train":
		return runScoreTrain(ctx, rest, stdout)
	case "bant-eval":
		return runScoreBANTEval(rest, stdout)
	}
	return runScoreCalibrate(rest, stdout)
}

func runScoreEval(args []string, stdout, stderr io.Writer) error {
	fs := cmdline.NewFlagSet("score eval", `Usage: leadflow score eval --csv FILE --label COL --positive VALUE [flags]

Trains on a seeded split of a labelled CSV and reports AUC, Brier score, log
loss, calibration and top-decile lift. No database needed.`, stdout)
	var c learn.CSVFlags
	c.Register(fs.FlagSet)
	testFraction := fs.Float64("test-fraction", 0.2, "share of rows held out for testing, in (0, 1)")
	seed := fs.Int64("seed", 1, "seed of the train/test split and of training")
	var seeds cmdline.Seeds
	fs.Var(&seeds, "seeds", "several seeds (1,2,3 or 1-5): report each and the mean; overrides --seed")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.ParseFlags(args, c.Required()...); err != nil {
		return err
	}
	if err := fs.Fraction("test-fraction", *testFraction); err != nil {
		return err
	}
	if len(seeds) == 0 {
		seeds = cmdline.Seeds{*seed}
	}
	d, err := c.Load()
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%d rows (%d won, %d skipped), %d feature columns; training on %d seed(s)…\n",
		d.Len(), d.Positives(), d.Skipped, len(d.Columns), len(seeds))
	bt, err := learn.RunBacktest(d, *testFraction, seeds, learn.TrainOptions{})
	if err != nil {
		return err
	}
	if *asJSON {
		return bt.WriteJSON(stdout)
	}
	return bt.WriteText(stdout)
}

func runScoreCalibrate(args []string, stdout io.Writer) error {
	fs := cmdline.NewFlagSet("score calibrate", `Usage: leadflow score calibrate --csv FILE --label COL --positive VALUE
                                (--precision P | --capacity N --leads-per-week N) [flags]

Suggests the hot threshold for a target precision, or for what the reps can
work per week. No database needed.`, stdout)
	var c learn.CSVFlags
	c.Register(fs.FlagSet)
	var goal learn.ThresholdGoal
	fs.Float64Var(&goal.Precision, "precision", 0, "target share of hot leads that win, e.g. 0.7")
	fs.Float64Var(&goal.CapacityPerWeek, "capacity", 0, "hot leads the reps can work per week (with --leads-per-week)")
	fs.Float64Var(&goal.LeadsPerWeek, "leads-per-week", 0, "leads arriving per week")
	testFraction := fs.Float64("test-fraction", 0.2, "share of rows held out to calibrate on")
	seed := fs.Int64("seed", 1, "seed of the split and of training")
	asJSON := fs.Bool("json", false, "print the suggestion as JSON")
	if err := fs.ParseFlags(args, c.Required()...); err != nil {
		return err
	}
	if (goal.Precision > 0) == (goal.CapacityPerWeek > 0) {
		return fs.Errorf("give either --precision or --capacity with --leads-per-week")
	}
	if goal.CapacityPerWeek > 0 && goal.LeadsPerWeek <= 0 {
		return fs.Errorf("--leads-per-week is required with --capacity")
	}
	if err := fs.Fraction("test-fraction", *testFraction); err != nil {
		return err
	}
	d, err := c.Load()
	if err != nil {
		return err
	}
	sug, err := training.Calibrate(d, *testFraction, *seed, goal)
	if err != nil {
		return err
	}
	if *asJSON {
		return sug.WriteJSON(stdout)
	}
	return sug.WriteText(stdout)
}

func runScoreTrain(ctx context.Context, args []string, stdout io.Writer) error {
	fs := cmdline.NewFlagSet("score train", `Usage: leadflow score train [flags]

Trains the learned model on imported history (leadflow import) and won/lost
deals. It replaces the active model only if it does at least as well on
held-out leads, unless --force.`, stdout)
	var o training.Options
	fs.StringVar(&o.Dataset, "dataset", "", "train on this imported dataset only (default: all, plus won/lost deals)")
	fs.Float64Var(&o.TestFraction, "test-fraction", 0.2, "share held out to compare the new model with the active one")
	fs.Int64Var(&o.Seed, "seed", 1, "seed of the split and of training")
	fs.BoolVar(&o.Force, "force", false, "activate the new model even if it does worse than the active one")
	if err := fs.ParseFlags(args); err != nil {
		return err
	}
	if err := fs.Fraction("test-fraction", o.TestFraction); err != nil {
		return err
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	res, err := training.Train(ctx, st, o)
	if err != nil {
		return err
	}
	return res.WriteText(stdout)
}

func runScoreBANTEval(args []string, stdout io.Writer) error {
	fs := cmdline.NewFlagSet("score bant-eval", `Usage: leadflow score bant-eval --corpus FILE [flags]

Reads every inquiry of a labelled corpus (JSON lines: id, lang, received, text,
budget, authority, need, timeline) as the scorer does and prints the accuracy
per dimension and language, and the need's precision and recall. The held-out
corpus is scoring/bant/testdata/corpus/holdout.jsonl. No database needed.`, stdout)
	corpus := fs.String("corpus", "", "labelled corpus (JSON lines)")
	misses := fs.Bool("misses", false, "also list every wrong answer by id")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.ParseFlags(args, "corpus"); err != nil {
		return err
	}
	items, err := banteval.Load(*corpus)
	if err != nil {
		return fs.Errorf("--corpus: %v", err)
	}
	r := banteval.Evaluate(items)
	if *asJSON {
		return r.WriteJSON(stdout)
	}
	return r.WriteText(stdout, *misses)
}
