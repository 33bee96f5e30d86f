package learn

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// Bin is one row of a calibration table: the test leads whose predicted
// probability fell in [Lo, Hi], their mean prediction and the share that
// actually won. A calibrated model has Predicted ≈ Observed in every bin.
type Bin struct {
	// Lo and Hi are the lowest and highest prediction in the bin.
	Lo float64 `json:"lo"`
	Hi float64 `json:"hi"`
	// Predicted is the mean prediction, Observed the won share.
	Predicted float64 `json:"predicted"`
	Observed  float64 `json:"observed"`
	// N is the number of test leads in the bin.
	N int `json:"n"`
}

// Report is how well a model ranks and calibrates on held-out leads.
type Report struct {
	// AUC is the probability that a random won lead scores above a random
	// lost one (ties count half): ranking quality, 0.5 = chance. When the
	// test rows hold only one class it is undefined and reported as 0.5,
	// so the report always encodes as JSON (which has no NaN).
	AUC float64 `json:"auc"`
	// Brier is the mean squared error of the probabilities (lower is
	// better; the base rate alone scores BaseRate*(1-BaseRate)).
	Brier float64 `json:"brier"`
	// LogLoss is the mean negative log-likelihood in nats (lower is
	// better), with probabilities clipped to [1e-15, 1-1e-15].
	LogLoss float64 `json:"log_loss"`
	// Calibration has up to ten bins at the deciles of the predictions.
	Calibration []Bin `json:"calibration"`
	// TopDecileLift is the won rate among the top-scored 10 % divided by
	// the base rate: how much richer the leads a rep works first are.
	TopDecileLift float64 `json:"top_decile_lift"`
	// BaseRate is the won share of the test leads.
	BaseRate float64 `json:"base_rate"`
	// NTrain and NTest are the training and test row counts.
	NTrain int `json:"n_train"`
	NTest  int `json:"n_test"`
	// ModelVersion is the evaluated model's version.
	ModelVersion string `json:"model_version"`
}

// Evaluate scores every test row and measures the model against the
// outcomes.
func Evaluate(m *Model, test *Dataset) Report {
	r := EvaluateScores(m.Probabilities(test), test.Labels)
	r.NTrain = m.Training.NTrain
	r.ModelVersion = m.Version
	return r
}

// EvaluateScores measures probabilities p against outcomes y; it is
// Evaluate without a model, for scores computed elsewhere.
func EvaluateScores(p []float64, y []bool) Report {
	n := len(p)
	r := Report{NTest: n}
	if n == 0 {
		return r
	}
	pos := 0
	for i := range p {
		yi := 0.0
		if y[i] {
			yi = 1
			pos++
		}
		r.Brier += (p[i] - yi) * (p[i] - yi)
		q := math.Min(math.Max(p[i], 1e-15), 1-1e-15)
		r.LogLoss -= yi*math.Log(q) + (1-yi)*math.Log(1-q)
	}
	r.Brier /= float64(n)
	r.LogLoss /= float64(n)
	r.BaseRate = float64(pos) / float64(n)
	r.AUC = auc(p, y)

	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	// Descending by score; ties broken by row so the report is stable.
	sort.SliceStable(order, func(a, b int) bool { return p[order[a]] > p[order[b]] })
	top := max(1, int(math.Round(float64(n)/10)))
	topPos := 0
	for _, i := range order[:top] {
		if y[i] {
			topPos++
		}
	}
	if r.BaseRate > 0 {
		r.TopDecileLift = float64(topPos) / float64(top) / r.BaseRate
	}
	r.Calibration = calibrationTable(p, y, order)
	return r
}

// calibrationTable groups rows (given in descending score order) into ten
// equal-count bins, reported lowest first.
func calibrationTable(p []float64, y []bool, order []int) []Bin {
	n := len(order)
	const bins = 10
	var out []Bin
	for k := bins - 1; k >= 0; k-- {
		lo, hi := k*n/bins, (k+1)*n/bins
		if hi <= lo {
			continue
		}
		b := Bin{Lo: math.Inf(1), Hi: math.Inf(-1), N: hi - lo}
		won := 0
		for _, i := range order[lo:hi] {
			b.Lo = math.Min(b.Lo, p[i])
			b.Hi = math.Max(b.Hi, p[i])
			b.Predicted += p[i]
			if y[i] {
				won++
			}
		}
		b.Predicted /= float64(b.N)
		b.Observed = float64(won) / float64(b.N)
		out = append(out, b)
	}
	return out
}

// auc computes the area under the ROC curve by ranking (Mann–Whitney U),
// counting ties as half.
func auc(p []float64, y []bool) float64 {
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return p[idx[a]] < p[idx[b]] })
	var rankSumPos float64
	npos, nneg := 0, 0
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && p[idx[j]] == p[idx[i]] {
			j++
		}
		avgRank := float64(i+j+1) / 2 // ranks are 1-based
		for k := i; k < j; k++ {
			if y[idx[k]] {
				rankSumPos += avgRank
				npos++
			} else {
				nneg++
			}
		}
		i = j
	}
	if npos == 0 || nneg == 0 {
		return 0.5
	}
	return (rankSumPos - float64(npos)*float64(npos+1)/2) / (float64(npos) * float64(nneg))
}

// WriteText prints the report as an aligned table for a terminal.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	lines := []string{
		fmt.Sprintf("model\t%s", r.ModelVersion),
		fmt.Sprintf("rows\ttrain %d, test %d (base rate %.1f%%)", r.NTrain, r.NTest, 100*r.BaseRate),
		fmt.Sprintf("AUC\t%.4f", r.AUC),
		fmt.Sprintf("Brier\t%.4f", r.Brier),
		fmt.Sprintf("log loss\t%.4f", r.LogLoss),
		fmt.Sprintf("top-decile lift\t%.2fx", r.TopDecileLift),
		"",
		"calibration\tpredicted range\tmean predicted\tobserved\tn",
	}
	for _, b := range r.Calibration {
		lines = append(lines, fmt.Sprintf("\t%.3f–%.3f\t%.3f\t%.3f\t%d", b.Lo, b.Hi, b.Predicted, b.Observed, b.N))
	}
	if _, err := io.WriteString(tw, strings.Join(lines, "\n")+"\n"); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// SeedResult is one seed's run in a backtest.
type SeedResult struct {
	// Seed drove both the split and the training.
	Seed int64 `json:"seed"`
	// Report is the evaluation on that seed's test rows.
	Report Report `json:"report"`
	// TrainSeconds is the wall-clock training time, for capacity
	// planning; it varies with machine load, unlike everything else here.
	TrainSeconds float64 `json:"train_seconds"`
}

// Backtest is the outcome of training and evaluating on several seeded
// splits of the same data.
type Backtest struct {
	// TestFraction is the share of rows held out per seed.
	TestFraction float64 `json:"test_fraction"`
	// Seeds holds one result per seed, in the order given.
	Seeds []SeedResult `json:"seeds"`
	// Mean holds the per-metric means over the seeds (calibration bins
	// are not averaged and left empty).
	Mean Report `json:"mean"`
}

// RunBacktest splits d with each seed, trains with that seed and
// evaluates on the held-out part. It is what `leadflow score eval` runs.
func RunBacktest(d *Dataset, testFraction float64, seeds []int64, o TrainOptions) (*Backtest, error) {
	bt := &Backtest{TestFraction: testFraction}
	for _, seed := range seeds {
		train, test := d.Split(testFraction, seed)
		if test.Len() == 0 {
			return nil, fmt.Errorf("backtest seed %d: test fraction %.3f leaves no test rows", seed, testFraction)
		}
		so := o
		so.Seed = seed
		start := time.Now()
		m, err := Train(train, so)
		if err != nil {
			return nil, fmt.Errorf("backtest seed %d: %w", seed, err)
		}
		took := time.Since(start)
		bt.Seeds = append(bt.Seeds, SeedResult{Seed: seed, Report: Evaluate(m, test), TrainSeconds: took.Seconds()})
	}
	k := float64(len(bt.Seeds))
	for _, s := range bt.Seeds {
		r := s.Report
		bt.Mean.AUC += r.AUC / k
		bt.Mean.Brier += r.Brier / k
		bt.Mean.LogLoss += r.LogLoss / k
		bt.Mean.TopDecileLift += r.TopDecileLift / k
		bt.Mean.BaseRate += r.BaseRate / k
		bt.Mean.NTrain = r.NTrain
		bt.Mean.NTest = r.NTest
	}
	return bt, nil
}

// WriteText prints one line per seed and the mean, then the last seed's
// calibration table.
func (b *Backtest) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	var sb strings.Builder
	sb.WriteString("seed\tAUC\tBrier\tlog loss\tlift@10%\ttrain s\t\n")
	for _, s := range b.Seeds {
		r := s.Report
		fmt.Fprintf(&sb, "%d\t%.4f\t%.4f\t%.4f\t%.2f\t%.1f\t\n", s.Seed, r.AUC, r.Brier, r.LogLoss, r.TopDecileLift, s.TrainSeconds)
	}
	r := b.Mean
	fmt.Fprintf(&sb, "mean\t%.4f\t%.4f\t%.4f\t%.2f\t\t\n", r.AUC, r.Brier, r.LogLoss, r.TopDecileLift)
	if _, err := io.WriteString(tw, sb.String()); err != nil {
		return fmt.Errorf("write backtest: %w", err)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write backtest: %w", err)
	}
	if len(b.Seeds) > 0 {
		last := b.Seeds[len(b.Seeds)-1]
		if _, err := fmt.Fprintf(w, "\nseed %d:\n", last.Seed); err != nil {
			return fmt.Errorf("write backtest: %w", err)
		}
		return last.Report.WriteText(w)
	}
	return nil
}
