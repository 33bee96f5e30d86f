package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"leadflow/lead"
	"leadflow/scoring"
	"leadflow/scoring/learn"
	"leadflow/store"
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
	train, test := d.Split(*testFraction, *seed)
	m, err := learn.Train(train, learn.TrainOptions{Seed: *seed})
	if err != nil {
		return err
	}
	sug, err := learn.SuggestThreshold(m, test, goal)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sug)
	}
	fmt.Fprintf(stdout, "suggested hot threshold: probability ≥ %.3f (learned score ≥ %d)\n", sug.Threshold, int(sug.Threshold*100+0.5))
	fmt.Fprintf(stdout, "on %d held-out leads: %d hot (%.1f%%), precision %.1f%%, recall %.1f%%\n",
		sug.N, sug.Hot, 100*sug.HotFraction, 100*sug.Precision, 100*sug.Recall)
	if sug.HotPerWeek > 0 {
		fmt.Fprintf(stdout, "≈ %.0f hot leads per week\n", sug.HotPerWeek)
	}
	if !sug.Achieved {
		fmt.Fprintln(stdout, "note: the goal could not be met exactly on this data; this is the closest threshold")
	}
	return nil
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
	examples := make([]store.TrainingExample, d.Len())
	for i := range examples {
		id := strconv.Itoa(i + 1)
		if d.IDs != nil && d.IDs[i] != "" {
			id = d.IDs[i]
		}
		examples[i] = store.TrainingExample{ExternalID: id, Features: d.Example(i), Label: d.Labels[i]}
	}
	start := time.Now()
	bar := newProgress(stderr, len(examples))
	n, err := st.ImportExamples(ctx, name, examples, bar.set)
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
	var o trainOptions
	fs.StringVar(&o.dataset, "dataset", "", "train on this imported dataset only (default: all, plus won/lost deals)")
	fs.Float64Var(&o.testFraction, "test-fraction", 0.2, "share held out to compare the new model with the active one")
	fs.Int64Var(&o.seed, "seed", 1, "seed of the split and of training")
	fs.BoolVar(&o.force, "force", false, "activate the new model even if it does worse than the active one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	if o.testFraction <= 0 || o.testFraction >= 1 {
		return fs.errorf("--test-fraction: expected a number between 0 and 1, got %v", o.testFraction)
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	res, err := trainModel(ctx, st, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "trained %s on %d leads in %s; held-out AUC %.4f, log loss %.4f\n",
		res.version, res.trainRows, res.took.Round(time.Millisecond), res.report.AUC, res.report.LogLoss)
	if res.activated {
		fmt.Fprintf(stdout, "activated: %s\n", res.note)
	} else {
		fmt.Fprintf(stdout, "kept the active model: %s\n", res.note)
	}
	return nil
}

// minTrainingRows is the least history worth training on: below it a
// held-out comparison means nothing.
const minTrainingRows = 50

// errTooLittleHistory means there is not enough labelled history yet.
var errTooLittleHistory = errors.New("not enough history")

// trainOptions configure one training run.
type trainOptions struct {
	dataset      string
	testFraction float64
	seed         int64
	force        bool
}

// trainResult is what a training run did.
type trainResult struct {
	version   string
	trainRows int
	took      time.Duration
	report    learn.Report
	activated bool
	note      string
}

// trainModel trains a model on imported history (and, unless a dataset is
// named, won/lost deals), compares it with the active model on the same
// held-out leads and activates it only if it does at least as well. It
// serves both `leadflow score train` and the scheduled model:train task.
func trainModel(ctx context.Context, st *store.Store, o trainOptions) (trainResult, error) {
	if o.testFraction <= 0 || o.testFraction >= 1 {
		o.testFraction = 0.2
	}
	examples, err := st.TrainingExamples(ctx, o.dataset)
	if err != nil {
		return trainResult{}, err
	}
	if o.dataset == "" {
		deals, err := st.ClosedDeals(ctx)
		if err != nil {
			return trainResult{}, err
		}
		for _, d := range deals {
			l, _, err := st.TouchpointLead(ctx, d.TouchpointID)
			if err != nil {
				return trainResult{}, err
			}
			examples = append(examples, store.TrainingExample{
				ExternalID: fmt.Sprintf("touchpoint:%d", d.TouchpointID), Features: scoring.LearnedExample(l), Label: d.Won})
		}
	}
	if len(examples) < minTrainingRows {
		return trainResult{}, fmt.Errorf("%w: only %d labelled leads to train on; import history first (leadflow import --csv …)", errTooLittleHistory, len(examples))
	}
	d, err := datasetFromExamples(examples)
	if err != nil {
		return trainResult{}, err
	}
	train, test := d.Split(o.testFraction, o.seed)
	start := time.Now()
	candidate, err := learn.Train(train, learn.TrainOptions{Seed: o.seed})
	if err != nil {
		return trainResult{}, err
	}
	var current *learn.Model
	if active, err := st.ActiveModel(ctx); err == nil {
		current = &learn.Model{}
		if err := json.Unmarshal(active.Model, current); err != nil {
			return trainResult{}, fmt.Errorf("decode the active model %s: %w", active.Version, err)
		}
	} else if !errors.Is(err, lead.ErrNotFound) {
		return trainResult{}, err
	}
	promo := learn.ComparePromotion(current, candidate, test)
	res := trainResult{trainRows: train.Len(), took: time.Since(start), report: promo.Candidate,
		activated: promo.Promote || o.force, note: promo.Reason}
	if o.force && !promo.Promote {
		res.note = "forced: " + res.note
	}
	modelJSON, err := json.Marshal(candidate)
	if err != nil {
		return trainResult{}, fmt.Errorf("encode model: %w", err)
	}
	metrics, err := json.Marshal(promo.Candidate)
	if err != nil {
		return trainResult{}, fmt.Errorf("encode metrics: %w", err)
	}
	// The version is the trained content's hash (plus time), so two runs
	// on the same data are told apart but recognisable.
	res.version = candidate.Version + "-" + time.Now().UTC().Format("20060102T150405Z")
	err = st.SaveModel(ctx, store.Model{Version: res.version, Model: modelJSON, Metrics: metrics, TrainedAt: time.Now(), Note: res.note}, res.activated)
	return res, err
}

// datasetFromExamples turns stored examples into a learn.Dataset through the
// same CSV loader users' files go through, so column kinds are detected the
// same way.
func datasetFromExamples(examples []store.TrainingExample) (*learn.Dataset, error) {
	const labelCol = "__leadflow_label"
	cols := map[string]bool{}
	for _, ex := range examples {
		for k := range ex.Features {
			cols[k] = true
		}
	}
	header := make([]string, 0, len(cols)+1)
	for k := range cols {
		header = append(header, k)
	}
	sort.Strings(header)
	header = append(header, labelCol)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(header)
	row := make([]string, len(header))
	for _, ex := range examples {
		for i, k := range header[:len(header)-1] {
			row[i] = ex.Features[k]
		}
		row[len(row)-1] = "0"
		if ex.Label {
			row[len(row)-1] = "1"
		}
		_ = w.Write(row)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("stage training data: %w", err)
	}
	return learn.LoadCSV(&buf, learn.LoadOptions{Label: labelCol, Positive: "1"})
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
