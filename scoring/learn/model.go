package learn

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

// Bin numbering shared by every feature: bin 0 holds missing values, and
// for categorical features bin 1 holds the pooled rare and unseen levels.
const (
	binMissing = 0
	binOther   = 1
)

// Feature is one learned shape function: how a column is binned and the
// logit each bin adds. Its exported fields are the stored form of the
// model, so they are kept plain (JSON-friendly) on purpose.
type Feature struct {
	// Name is the column name the feature reads from an Example.
	Name string `json:"name"`
	// Kind decides how raw text is binned.
	Kind Kind `json:"kind"`
	// Cuts are ascending thresholds for numeric and date features: a value
	// v falls in bin 1 + (number of cuts <= v).
	Cuts []float64 `json:"cuts,omitempty"`
	// Levels maps each frequent categorical value to its bin (>= 2).
	Levels map[string]int `json:"levels,omitempty"`
	// Scores holds the logit contribution per bin, centred so the
	// training-weighted mean is zero: a contribution therefore reads as
	// "how much this value moves the lead away from the average lead".
	Scores []float64 `json:"scores"`
	// Counts holds the number of training rows per bin; it is what the
	// centring and Importance weigh by, and shows how much evidence backs
	// each score.
	Counts []int `json:"counts"`
}

// Pair is a pairwise interaction term: a small table of logits over
// coarse bins of two features, for effects that are not additive (say,
// a source that only converts for working professionals).
type Pair struct {
	// Name is "A × B", the label used in explanations.
	Name string `json:"name"`
	// Features are indexes into Model.Features.
	Features [2]int `json:"features"`
	// Axes map each feature's bin to a coarse axis bin.
	Axes [2][]int `json:"axes"`
	// Sizes are the number of coarse bins per axis.
	Sizes [2]int `json:"sizes"`
	// Scores is the Sizes[0] x Sizes[1] table, row-major, centred like
	// Feature.Scores.
	Scores []float64 `json:"scores"`
}

// Calibration is the Platt scaling that was folded into the stored
// scores: calibrated logit = Scale*raw + Shift. It is kept for the record
// only; Predict must not apply it again.
type Calibration struct {
	// Scale multiplies the raw logit; Shift is then added.
	Scale float64 `json:"scale"`
	Shift float64 `json:"shift"`
	// N is the number of out-of-bag rows it was fitted on; 0 means no
	// calibration was applied.
	N int `json:"n"`
}

// TrainingInfo records what a model was trained on, for audit and for
// the promotion decision.
type TrainingInfo struct {
	// NTrain and NPositive count the training rows and won rows.
	NTrain    int `json:"n_train"`
	NPositive int `json:"n_positive"`
	// Rounds is the early-stopped number of boosting rounds per bag for
	// the main effects, and PairRounds for the interaction terms.
	Rounds     []int `json:"rounds"`
	PairRounds []int `json:"pair_rounds,omitempty"`
	// Options are the effective options after defaults.
	Options TrainOptions `json:"options"`
}

// Model is a trained explainable boosting machine: an intercept plus one
// shape function per feature and a few pairwise terms. A prediction's
// logit is exactly the sum of the parts, which is what makes the
// explanation honest. A Model is immutable after Train and safe for
// concurrent use; it round-trips through encoding/json unchanged, so it
// can be stored as a JSONB column.
type Model struct {
	// Version identifies the model content: "ebm-" plus a hash of
	// everything that affects predictions. Retraining on the same data
	// with the same seed gives the same version.
	Version string `json:"version"`
	// Label and Positive record the outcome definition.
	Label    string `json:"label"`
	Positive string `json:"positive"`
	// Missing are the raw values read as "no value".
	Missing []string `json:"missing"`
	// Intercept is the logit of the average lead.
	Intercept float64 `json:"intercept"`
	// Features are the main-effect shape functions.
	Features []Feature `json:"features"`
	// Pairs are the interaction terms.
	Pairs []Pair `json:"pairs,omitempty"`
	// Calibration records the folded-in Platt scaling.
	Calibration Calibration `json:"calibration"`
	// Training records the training data size and options.
	Training TrainingInfo `json:"training"`
}

// FeatureContribution is one term's share of a prediction, in logit
// units (positive pushes toward won).
type FeatureContribution struct {
	// Feature is the column name, or "A × B" for an interaction.
	Feature string `json:"feature"`
	// Value is the lead's raw value ("(missing)" when absent), or
	// "a × b" for an interaction.
	Value string `json:"value"`
	// Logit is what this term adds to the intercept.
	Logit float64 `json:"logit"`
}

// Prediction is a model's answer for one lead.
type Prediction struct {
	// Probability is the calibrated probability of winning.
	Probability float64 `json:"probability"`
	// Logit is Intercept plus every Contributions[i].Logit, summed in
	// slice order, so the decomposition is exact to the last bit.
	Logit float64 `json:"logit"`
	// Intercept is the logit of the average lead.
	Intercept float64 `json:"intercept"`
	// Contributions are all terms, largest |Logit| first.
	Contributions []FeatureContribution `json:"contributions"`
}

// Top returns at most n contributions, the ones that moved the score most.
func (p Prediction) Top(n int) []FeatureContribution {
	if n > len(p.Contributions) {
		n = len(p.Contributions)
	}
	return p.Contributions[:n]
}

// missingValue is how a missing value is shown in explanations.
const missingValue = "(missing)"

// binRaw returns the bin of an already normalised raw value ("" is
// missing).
func (f *Feature) binRaw(v string) int {
	if v == "" {
		return binMissing
	}
	if f.Kind == KindCategorical {
		if b, ok := f.Levels[v]; ok {
			return b
		}
		return binOther
	}
	return f.binNumber(parseValue(f.Kind, v))
}

// binNumber returns the bin of a parsed numeric value; NaN is missing.
func (f *Feature) binNumber(x float64) int {
	if math.IsNaN(x) {
		return binMissing
	}
	return 1 + sort.Search(len(f.Cuts), func(j int) bool { return x < f.Cuts[j] })
}

// cell returns the table index of a pair for the given feature bins.
func (p *Pair) cell(b0, b1 int) int {
	return p.Axes[0][b0]*p.Sizes[1] + p.Axes[1][b1]
}

// normalise applies the model's missing tokens to a raw value.
func (m *Model) normalise(v string) string { return normalise(v, m.Missing) }

// Predict scores one lead from its raw values. Columns the model does not
// know are ignored; absent or missing-token values use the learned
// "missing" bin; categories never seen in training use the pooled
// "other" bin.
func (m *Model) Predict(x Example) Prediction {
	bins := make([]int, len(m.Features))
	contrib := make([]FeatureContribution, 0, len(m.Features)+len(m.Pairs))
	values := make([]string, len(m.Features))
	for i := range m.Features {
		f := &m.Features[i]
		v := m.normalise(x[f.Name])
		bins[i] = f.binRaw(v)
		if v == "" {
			v = missingValue
		}
		values[i] = v
		contrib = append(contrib, FeatureContribution{Feature: f.Name, Value: v, Logit: f.Scores[bins[i]]})
	}
	for i := range m.Pairs {
		p := &m.Pairs[i]
		a, b := p.Features[0], p.Features[1]
		contrib = append(contrib, FeatureContribution{
			Feature: p.Name,
			Value:   values[a] + " × " + values[b],
			Logit:   p.Scores[p.cell(bins[a], bins[b])],
		})
	}
	// Typed stable sort: the reflection-based sort.SliceStable was a
	// third of Predict's time. Stable keeps model order among equal sizes.
	slices.SortStableFunc(contrib, func(x, y FeatureContribution) int {
		return cmp.Compare(math.Abs(y.Logit), math.Abs(x.Logit))
	})
	logit := m.Intercept
	for _, c := range contrib {
		logit += c.Logit
	}
	return Prediction{Probability: sigmoid(logit), Logit: logit, Intercept: m.Intercept, Contributions: contrib}
}

// datasetBins bins every row of d for every model feature, matching
// columns by name; a column the dataset lacks is all-missing. This is the
// fast path for evaluation: no maps, no sorting of contributions.
func (m *Model) datasetBins(d *Dataset) [][]uint16 {
	out := make([][]uint16, len(m.Features))
	for i := range m.Features {
		f := &m.Features[i]
		bins := make([]uint16, d.Len())
		if c := d.Column(f.Name); c != nil {
			for r := range bins {
				if f.Kind != KindCategorical && c.Kind == f.Kind && c.Numbers != nil {
					bins[r] = uint16(f.binNumber(c.Numbers[r]))
				} else {
					bins[r] = uint16(f.binRaw(m.normalise(c.Values[r])))
				}
			}
		}
		out[i] = bins
	}
	return out
}

// Logits returns the model's logit for every row of d, equal (up to
// summation order) to Predict(d.Example(i)).Logit but much faster.
func (m *Model) Logits(d *Dataset) []float64 {
	bins := m.datasetBins(d)
	out := make([]float64, d.Len())
	for r := range out {
		s := m.Intercept
		for i := range m.Features {
			s += m.Features[i].Scores[bins[i][r]]
		}
		for i := range m.Pairs {
			p := &m.Pairs[i]
			s += p.Scores[p.cell(int(bins[p.Features[0]][r]), int(bins[p.Features[1]][r]))]
		}
		out[r] = s
	}
	return out
}

// Probabilities returns the predicted win probability for every row of d.
func (m *Model) Probabilities(d *Dataset) []float64 {
	out := m.Logits(d)
	for i, z := range out {
		out[i] = sigmoid(z)
	}
	return out
}

// FeatureImportance is a term's average absolute contribution over the
// training data: how much it typically moves a lead's logit.
type FeatureImportance struct {
	// Feature is the column name.
	Feature string `json:"feature"`
	// Importance is the mean |logit contribution| over training rows.
	Importance float64 `json:"importance"`
}

// Importance ranks the main-effect features by mean |contribution| over
// the training rows, largest first.
func (m *Model) Importance() []FeatureImportance {
	out := make([]FeatureImportance, 0, len(m.Features))
	for _, f := range m.Features {
		var sum, n float64
		for b, c := range f.Counts {
			sum += float64(c) * math.Abs(f.Scores[b])
			n += float64(c)
		}
		imp := 0.0
		if n > 0 {
			imp = sum / n
		}
		out = append(out, FeatureImportance{Feature: f.Name, Importance: imp})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Importance > out[j].Importance })
	return out
}

// computeVersion hashes everything that affects predictions.
func (m *Model) computeVersion() (string, error) {
	c := *m
	c.Version = ""
	c.Training = TrainingInfo{}
	b, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("hash model: %w", err)
	}
	sum := sha256.Sum256(b)
	return "ebm-" + hex.EncodeToString(sum[:6]), nil
}

// Validate checks the structural invariants Predict relies on, so a model
// loaded from storage fails loudly instead of panicking on a bad index.
func (m *Model) Validate() error {
	for i, f := range m.Features {
		switch f.Kind {
		case KindNumeric, KindDate:
			if len(f.Scores) != len(f.Cuts)+2 {
				return fmt.Errorf("validate model: feature %q has %d scores for %d cuts", f.Name, len(f.Scores), len(f.Cuts))
			}
		case KindCategorical:
			for lv, b := range f.Levels {
				if b < 2 || b >= len(f.Scores) {
					return fmt.Errorf("validate model: feature %q level %q has bin %d of %d", f.Name, lv, b, len(f.Scores))
				}
			}
			if len(f.Scores) < 2 {
				return fmt.Errorf("validate model: feature %q has %d scores", f.Name, len(f.Scores))
			}
		default:
			return fmt.Errorf("validate model: feature %d %q has unknown kind %q", i, f.Name, f.Kind)
		}
	}
	for i, p := range m.Pairs {
		if len(p.Scores) != p.Sizes[0]*p.Sizes[1] {
			return fmt.Errorf("validate model: pair %d has %d scores for %dx%d", i, len(p.Scores), p.Sizes[0], p.Sizes[1])
		}
		for k := 0; k < 2; k++ {
			fi := p.Features[k]
			if fi < 0 || fi >= len(m.Features) {
				return fmt.Errorf("validate model: pair %d names feature %d of %d", i, fi, len(m.Features))
			}
			if len(p.Axes[k]) != len(m.Features[fi].Scores) {
				return fmt.Errorf("validate model: pair %d axis %d maps %d bins, feature has %d", i, k, len(p.Axes[k]), len(m.Features[fi].Scores))
			}
			for _, a := range p.Axes[k] {
				if a < 0 || a >= p.Sizes[k] {
					return fmt.Errorf("validate model: pair %d axis %d bin %d out of %d", i, k, a, p.Sizes[k])
				}
			}
		}
	}
	return nil
}

// UnmarshalJSON decodes a stored model and validates it.
func (m *Model) UnmarshalJSON(b []byte) error {
	type plain Model // no methods: avoids recursing into UnmarshalJSON
	if err := json.Unmarshal(b, (*plain)(m)); err != nil {
		return fmt.Errorf("decode model: %w", err)
	}
	return m.Validate()
}

// sigmoid is the logistic function, written to stay finite for large |z|.
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// String describes the model for logs: structure only, never row data.
func (m *Model) String() string {
	var names []string
	for _, f := range m.Features {
		names = append(names, f.Name)
	}
	return fmt.Sprintf("%s (%d features, %d pairs: %s)", m.Version, len(m.Features), len(m.Pairs), strings.Join(names, ", "))
}
