package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"leadflow/scoring/learn"
	"leadflow/scoring/training"
)

// csvFlags are the flags every command reading a labelled CSV shares.
type csvFlags struct {
	file, label, positive, negative, exclude, id string
}

func (c *csvFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.file, "csv", "", "CSV file with a header row (comma, semicolon or tab separated)")
	fs.StringVar(&c.label, "label", "", "column holding the outcome")
	fs.StringVar(&c.positive, "positive", "", "outcome value that means won / converted")
	fs.StringVar(&c.negative, "negative", "", "outcome value that means lost; rows with any other value are skipped (default: every other value is lost)")
	fs.StringVar(&c.exclude, "exclude", "", "comma-separated columns that must not be features (identifiers, fields filled after the outcome)")
	fs.StringVar(&c.id, "id", "", "column identifying each row (kept, never a feature)")
}

// check names the first required CSV flag that is missing, as a usage
// error of the command.
func (c *csvFlags) check(fs *flagSet) error {
	return fs.required("csv", "label", "positive")
}

// load reads the CSV named by the flags (check them first).
func (c *csvFlags) load() (*learn.Dataset, error) {
	f, err := os.Open(c.file)
	if err != nil {
		return nil, fmt.Errorf("--csv: %w", err)
	}
	defer f.Close()
	var exclude []string
	for _, e := range strings.Split(c.exclude, ",") {
		if e = strings.TrimSpace(e); e != "" {
			exclude = append(exclude, e)
		}
	}
	d, err := learn.LoadCSV(f, learn.LoadOptions{Label: c.label, Positive: c.positive, Negative: c.negative, Exclude: exclude, ID: c.id})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", c.file, err)
	}
	return d, nil
}

const scoreUsage = `Usage: leadflow score <eval|train|calibrate> [flags]

  eval       train on a seeded split of a labelled CSV and report AUC, Brier score,
             log loss, calibration and top-decile lift (no database needed)
  train      train the learned model on imported history (leadflow import) and won/lost
             deals; it replaces the active model only if it does at least as well on
             held-out leads
  calibrate  suggest the hot threshold for a target precision or a rep capacity

Run 'leadflow score <command> --help' for its flags.`

func runScore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	verb, rest, err := splitVerb("score", scoreUsage, scoreVerbs, args, stdout)
	if err != nil {
		return err
	}
	switch verb {
	case "eval":
		return runScoreEval(rest, stdout, stderr)
	case "train":
		return runScoreTrain(ctx, rest, stdout, stderr)
	}
	return runScoreCalibrate(rest, stdout, stderr)
}

// parseSeeds reads "3", "1,2,5" or "1-5".
func parseSeeds(s string) ([]int64, error) {
	var out []int64
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if lo, hi, ok := strings.Cut(part, "-"); ok && lo != "" {
			a, err1 := strconv.ParseInt(lo, 10, 64)
			b, err2 := strconv.ParseInt(hi, 10, 64)
			if err1 != nil || err2 != nil || b < a || b-a > 100 {
				return nil, fmt.Errorf("--seeds: expected N, N,M,… or N-M, got %q", s)
			}
			for i := a; i <= b; i++ {
				out = append(out, i)
			}
			continue
		}
		n, err := strconv.ParseInt(part, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("--seeds: expected N, N,M,… or N-M, got %q", s)
		}
		out = append(out, n)
	}
	return out, nil
}

func runScoreEval(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("score eval", `Usage: leadflow score eval --csv FILE --label COL --positive VALUE [flags]

Trains on a seeded split of a labelled CSV and reports AUC, Brier score, log
loss, calibration and top-decile lift. No database needed.`, stdout)
	var c csvFlags
	c.register(fs.FlagSet)
	testFraction := fs.Float64("test-fraction", 0.2, "share of rows held out for testing, in (0, 1)")
	seed := fs.Int64("seed", 1, "seed of the train/test split and of training")
	seeds := fs.String("seeds", "", "several seeds (1,2,3 or 1-5): report each and the mean; overrides --seed")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	if err := c.check(fs); err != nil {
		return err
	}
	if *testFraction <= 0 || *testFraction >= 1 {
		return fs.errorf("--test-fraction: expected a number between 0 and 1, got %v", *testFraction)
	}
	list := []int64{*seed}
	if *seeds != "" {
		var err error
		if list, err = parseSeeds(*seeds); err != nil {
			return fs.errorf("%v", err)
		}
	}
	d, err := c.load()
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%d rows (%d won, %d skipped), %d feature columns; training on %d seed(s)…\n",
		d.Len(), d.Positives(), d.Skipped, len(d.Columns), len(list))
	bt, err := learn.RunBacktest(d, *testFraction, list, learn.TrainOptions{})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(bt)
	}
	return bt.WriteText(stdout)
}

func runScoreCalibrate(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("score calibrate", `Usage: leadflow score calibrate --csv FILE --label COL --positive VALUE
                                (--precision P | --capacity N --leads-per-week N) [flags]

Suggests the hot threshold for a target precision, or for what the reps can
work per week. No database needed.`, stdout)
	var c csvFlags
	c.register(fs.FlagSet)
	precision := fs.Float64("precision", 0, "target share of hot leads that win, e.g. 0.7")
	capacity := fs.Float64("capacity", 0, "hot leads the reps can work per week (with --leads-per-week)")
	perWeek := fs.Float64("leads-per-week", 0, "leads arriving per week")
	testFraction := fs.Float64("test-fraction", 0.2, "share of rows held out to calibrate on")
	seed := fs.Int64("seed", 1, "seed of the split and of training")
	asJSON := fs.Bool("json", false, "print the suggestion as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	if err := c.check(fs); err != nil {
		return err
	}
	goal := learn.ThresholdGoal{Precision: *precision, CapacityPerWeek: *capacity, LeadsPerWeek: *perWeek}
	if (*precision > 0) == (*capacity > 0) {
		return fs.errorf("give either --precision or --capacity with --leads-per-week")
	}
	if *capacity > 0 && *perWeek <= 0 {
		return fs.errorf("--leads-per-week is required with --capacity")
	}
	if *testFraction <= 0 || *testFraction >= 1 {
		return fs.errorf("--test-fraction: expected a number between 0 and 1, got %v", *testFraction)
	}
	d, err := c.load()
	if err != nil {
		return err
	}
	sug, err := training.Calibrate(d, *testFraction, *seed, goal)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sug)
	}
	return training.WriteSuggestion(stdout, sug)
}

// runImport loads historical leads with outcomes into the database, for
// training (leadflow score train) and backtesting.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import", `Usage: leadflow import --csv FILE --label COL --positive VALUE [--exclude A,B] [--id COL] [--dataset NAME]
       leadflow import --history LEADS.csv --id COL --at-col COL [--source-col COL]
                       [--won WON.csv --won-at COL [--won-id COL] [--amount COL]]

The first form loads historical leads with outcomes for training and
backtesting (leadflow score train); the second loads past leads and won
deals into the funnel reports.`, stdout)
	var c csvFlags
	c.register(fs.FlagSet)
	dataset := fs.String("dataset", "", "name of the imported dataset (default: the file name); re-importing it updates rows by --id")
	var h historyFlags
	fs.StringVar(&h.leads, "history", "", "import history into the funnel instead: CSV of past leads (with --id, --source-col, --at-col)")
	fs.StringVar(&h.source, "source-col", "source", "with --history: column naming the lead's source/origin")
	fs.StringVar(&h.at, "at-col", "", "with --history: column with the first-contact date")
	fs.StringVar(&h.won, "won", "", "with --history: CSV of won deals, joined on --won-id")
	fs.StringVar(&h.wonID, "won-id", "", "with --won: column with the lead id (default: --id)")
	fs.StringVar(&h.wonAt, "won-at", "", "with --won: column with the won date")
	fs.StringVar(&h.amnt, "amount", "", "with --won: column with the deal amount (optional)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	if h.leads != "" {
		h.id = c.id
		if h.wonID == "" {
			h.wonID = h.id
		}
		switch {
		case h.id == "":
			return fs.errorf("--id is required with --history")
		case h.at == "":
			return fs.errorf("--at-col is required with --history")
		case h.won != "" && h.wonAt == "":
			return fs.errorf("--won-at is required with --won")
		}
		name := *dataset
		if name == "" {
			name = strings.TrimSuffix(filepath.Base(h.leads), filepath.Ext(h.leads))
		}
		return importHistory(ctx, h, name, stdout, stderr)
	}
	if err := c.check(fs); err != nil {
		return err
	}
	d, err := c.load()
	if err != nil {
		return err
	}
	name := *dataset
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(c.file), filepath.Ext(c.file))
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	start := time.Now()
	bar := newProgress(stderr, d.Len())
	n, err := training.Import(ctx, st, name, d, bar.set)
	bar.done()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %d leads (%d won) into dataset %q in %s; %d rows skipped for a missing or open outcome\n",
		n, d.Positives(), name, time.Since(start).Round(time.Millisecond), d.Skipped)
	return nil
}

func runScoreTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("score train", `Usage: leadflow score train [flags]

Trains the learned model on imported history (leadflow import) and won/lost
deals. It replaces the active model only if it does at least as well on
held-out leads, unless --force.`, stdout)
	var o training.Options
	fs.StringVar(&o.Dataset, "dataset", "", "train on this imported dataset only (default: all, plus won/lost deals)")
	fs.Float64Var(&o.TestFraction, "test-fraction", 0.2, "share held out to compare the new model with the active one")
	fs.Int64Var(&o.Seed, "seed", 1, "seed of the split and of training")
	fs.BoolVar(&o.Force, "force", false, "activate the new model even if it does worse than the active one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	if o.TestFraction <= 0 || o.TestFraction >= 1 {
		return fs.errorf("--test-fraction: expected a number between 0 and 1, got %v", o.TestFraction)
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
	fmt.Fprintf(stdout, "trained %s on %d leads in %s; held-out AUC %.4f, log loss %.4f\n",
		res.Version, res.TrainRows, res.Took.Round(time.Millisecond), res.Report.AUC, res.Report.LogLoss)
	if res.Activated {
		fmt.Fprintf(stdout, "activated: %s\n", res.Note)
	} else {
		fmt.Fprintf(stdout, "kept the active model: %s\n", res.Note)
	}
	return nil
}

// progress draws a one-line progress bar on a terminal-ish writer.
type progress struct {
	w     io.Writer
	total int
}

func newProgress(w io.Writer, total int) *progress { return &progress{w: w, total: max(total, 1)} }

func (p *progress) set(done int) {
	const width = 30
	filled := width * done / p.total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, p.total)
}

func (p *progress) done() { fmt.Fprintln(p.w) }
