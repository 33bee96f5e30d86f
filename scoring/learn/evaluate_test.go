package learn

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestEvaluateScores(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		p       []float64
		y       []bool
		auc     float64
		brier   float64
		logLoss float64
	}{
		{name: "perfect ranking", p: []float64{0.9, 0.8, 0.2, 0.1}, y: []bool{true, true, false, false}, auc: 1,
			brier: (0.01 + 0.04 + 0.04 + 0.01) / 4, logLoss: -(math.Log(0.9) + math.Log(0.8) + math.Log(0.8) + math.Log(0.9)) / 4},
		{name: "reversed ranking", p: []float64{0.1, 0.2, 0.8, 0.9}, y: []bool{true, true, false, false}, auc: 0,
			brier: (0.81 + 0.64 + 0.64 + 0.81) / 4, logLoss: -(math.Log(0.1) + math.Log(0.2) + math.Log(0.2) + math.Log(0.1)) / 4},
		{name: "all tied", p: []float64{0.5, 0.5, 0.5, 0.5}, y: []bool{true, false, true, false}, auc: 0.5,
			brier: 0.25, logLoss: math.Ln2},
		{name: "one inversion of four pairs", p: []float64{0.9, 0.3, 0.4, 0.1}, y: []bool{true, true, false, false}, auc: 0.75},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := EvaluateScores(tt.p, tt.y)
			require.InDelta(t, tt.auc, r.AUC, 1e-12)
			if tt.brier != 0 {
				require.InDelta(t, tt.brier, r.Brier, 1e-12)
				require.InDelta(t, tt.logLoss, r.LogLoss, 1e-12)
			}
			require.Equal(t, len(tt.p), r.NTest)
			require.InDelta(t, 0.5, r.BaseRate, 1e-12)
		})
	}
}

func TestEvaluateLiftAndCalibration(t *testing.T) {
	t.Parallel()
	// 100 leads scored i/100: the top 10 all won and 9 more won lower
	// down, so the base rate is 19 % and the top decile's is 100 %.
	var p []float64
	var y []bool
	for i := 0; i < 100; i++ {
		p = append(p, float64(i)/100)
		y = append(y, i >= 90 || i%10 == 5)
	}
	pos := 0
	for _, v := range y {
		if v {
			pos++
		}
	}
	r := EvaluateScores(p, y)
	require.InDelta(t, 1/(float64(pos)/100), r.TopDecileLift, 1e-12)
	require.Len(t, r.Calibration, 10)
	n := 0
	for k, b := range r.Calibration {
		n += b.N
		require.LessOrEqual(t, b.Lo, b.Hi)
		if k > 0 {
			require.GreaterOrEqual(t, b.Lo, r.Calibration[k-1].Hi, "bins ascend")
		}
	}
	require.Equal(t, 100, n)
	require.Equal(t, 1.0, r.Calibration[9].Observed)
}

func TestReportWriteText(t *testing.T) {
	t.Parallel()
	d, _ := loadSynthetic(t, 1500, 8)
	train, test := d.Split(0.3, 1)
	m, err := Train(train, fastOptions(1))
	require.NoError(t, err)
	r := Evaluate(m, test)
	require.Equal(t, train.Len(), r.NTrain)
	var buf bytes.Buffer
	require.NoError(t, r.WriteText(&buf))
	for _, want := range []string{"AUC", "Brier", "log loss", "top-decile lift", "calibration", m.Version} {
		require.Contains(t, buf.String(), want)
	}
	raw, err := json.Marshal(r)
	require.NoError(t, err)
	require.Contains(t, string(raw), `"top_decile_lift"`)
}

func TestRunBacktest(t *testing.T) {
	t.Parallel()
	d, _ := loadSynthetic(t, 1500, 9)
	bt, err := RunBacktest(d, 0.2, []int64{1, 2}, fastOptions(0))
	require.NoError(t, err)
	require.Len(t, bt.Seeds, 2)
	require.InDelta(t, (bt.Seeds[0].Report.AUC+bt.Seeds[1].Report.AUC)/2, bt.Mean.AUC, 1e-12)
	require.NotEqual(t, bt.Seeds[0].Report.ModelVersion, bt.Seeds[1].Report.ModelVersion)
	var buf bytes.Buffer
	require.NoError(t, bt.WriteText(&buf))
	require.Contains(t, buf.String(), "mean")

	_, err = RunBacktest(d, 0, []int64{1}, fastOptions(0))
	require.ErrorContains(t, err, "leaves no test rows")
}

func TestEvaluateOneClassStillEncodes(t *testing.T) {
	t.Parallel()
	r := EvaluateScores([]float64{0.2, 0.7}, []bool{false, false})
	require.Equal(t, 0.5, r.AUC)
	require.Equal(t, 0.0, r.TopDecileLift)
	_, err := json.Marshal(r)
	require.NoError(t, err)
}
