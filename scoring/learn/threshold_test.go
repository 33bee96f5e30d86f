package learn

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// rampScores returns 100 leads scored (i+0.5)/100 where lead i wins iff
// i >= 50 or i%5 == 0: precision rises with the threshold.
func rampScores() ([]float64, []bool) {
	var p []float64
	var y []bool
	for i := 0; i < 100; i++ {
		p = append(p, (float64(i)+0.5)/100)
		y = append(y, i >= 50 || i%5 == 0)
	}
	return p, y
}

func TestSuggestThresholdFromScores(t *testing.T) {
	t.Parallel()
	p, y := rampScores()
	tests := []struct {
		name      string
		goal      ThresholdGoal
		threshold float64
		hot       int
		precision float64
		achieved  bool
		perWeek   float64
	}{
		// Top 50 are all won; going lower adds 1 won in 5, so 100 % is
		// reachable down to 0.505 exactly.
		{name: "precision 1", goal: ThresholdGoal{Precision: 1}, threshold: 0.505, hot: 50, precision: 1, achieved: true},
		// 60 % is met by every cut (the overall rate is 60 %): all leads.
		{name: "precision at base rate", goal: ThresholdGoal{Precision: 0.6}, threshold: 0.005, hot: 100, precision: 0.6, achieved: true},
		{name: "capacity 10 of 100 per week", goal: ThresholdGoal{CapacityPerWeek: 10, LeadsPerWeek: 100}, threshold: 0.905, hot: 10, precision: 1, achieved: true, perWeek: 10},
		{name: "capacity beyond volume", goal: ThresholdGoal{CapacityPerWeek: 500, LeadsPerWeek: 100}, threshold: 0.005, hot: 100, precision: 0.6, achieved: true, perWeek: 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := SuggestThresholdFromScores(p, y, tt.goal)
			require.NoError(t, err)
			require.InDelta(t, tt.threshold, s.Threshold, 1e-12)
			require.Equal(t, tt.hot, s.Hot)
			require.InDelta(t, tt.precision, s.Precision, 1e-12)
			require.Equal(t, tt.achieved, s.Achieved)
			require.InDelta(t, tt.perWeek, s.HotPerWeek, 1e-9)
			require.Equal(t, 100, s.N)
		})
	}
}

func TestSuggestThresholdTiesAndUnreachable(t *testing.T) {
	t.Parallel()
	// Thirty leads share the top score; capacity for 10 cannot split a
	// tie, so the suggestion backs off to nobody rather than overpromise.
	p := make([]float64, 100)
	y := make([]bool, 100)
	for i := range p {
		p[i] = 0.1
		if i < 30 {
			p[i], y[i] = 0.9, i%2 == 0
		}
	}
	s, err := SuggestThresholdFromScores(p, y, ThresholdGoal{CapacityPerWeek: 10, LeadsPerWeek: 100})
	require.NoError(t, err)
	require.Equal(t, 0, s.Hot)
	require.Greater(t, s.Threshold, 0.9)

	// 90 % precision is never reached: the most precise cut is reported
	// with Achieved false.
	s, err = SuggestThresholdFromScores(p, y, ThresholdGoal{Precision: 0.9})
	require.NoError(t, err)
	require.False(t, s.Achieved)
	require.Equal(t, 30, s.Hot)
	require.InDelta(t, 0.5, s.Precision, 1e-12)
}

func TestSuggestThresholdErrors(t *testing.T) {
	t.Parallel()
	p, y := rampScores()
	tests := []struct {
		name string
		p    []float64
		goal ThresholdGoal
		want string
	}{
		{name: "no goal", p: p, goal: ThresholdGoal{}, want: "set exactly one"},
		{name: "both goals", p: p, goal: ThresholdGoal{Precision: 0.5, CapacityPerWeek: 1, LeadsPerWeek: 2}, want: "set exactly one"},
		{name: "precision above one", p: p, goal: ThresholdGoal{Precision: 1.5}, want: "not in (0, 1]"},
		{name: "capacity without volume", p: p, goal: ThresholdGoal{CapacityPerWeek: 5}, want: "must both be positive"},
		{name: "length mismatch", p: p[:3], goal: ThresholdGoal{Precision: 0.5}, want: "3 scores for 100 outcomes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := SuggestThresholdFromScores(tt.p, y, tt.goal)
			require.ErrorContains(t, err, tt.want)
		})
	}
}

func TestSuggestThresholdWithModel(t *testing.T) {
	t.Parallel()
	d, _ := loadSynthetic(t, 3000, 10)
	train, test := d.Split(0.3, 1)
	m, err := Train(train, fastOptions(1))
	require.NoError(t, err)
	s, err := SuggestThreshold(m, test, ThresholdGoal{Precision: 0.8})
	require.NoError(t, err)
	require.True(t, s.Achieved)
	require.GreaterOrEqual(t, s.Precision, 0.8)
	// Every test lead at or above the threshold is counted hot.
	hot := 0
	for _, q := range m.Probabilities(test) {
		if q >= s.Threshold {
			hot++
		}
	}
	require.Equal(t, s.Hot, hot)
}

func TestComparePromotion(t *testing.T) {
	t.Parallel()
	d, _ := loadSynthetic(t, 3000, 11)
	train, holdout := d.Split(0.3, 1)
	good, err := Train(train, fastOptions(1))
	require.NoError(t, err)
	// A model trained on a sliver of the data is the weaker candidate.
	small, _ := train.Split(0.97, 1)
	weak, err := Train(small, fastOptions(1))
	require.NoError(t, err)

	pr := ComparePromotion(nil, good, holdout)
	require.True(t, pr.Promote)

	pr = ComparePromotion(good, weak, holdout)
	require.False(t, pr.Promote, pr.Reason)
	require.Contains(t, pr.Reason, "below current")

	pr = ComparePromotion(weak, good, holdout)
	require.True(t, pr.Promote, pr.Reason)

	pr = ComparePromotion(good, good, holdout)
	require.True(t, pr.Promote, "an equally good model may replace the current one")
}
