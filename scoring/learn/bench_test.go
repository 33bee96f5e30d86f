package learn

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The benchmarks run on the X Education leads (LEADFLOW_DATASETS or
// ../shared/datasets) and fail without them: go test -run '^$' -bench . .

// BenchmarkPredict measures live scoring of one lead from raw values,
// explanation included, on the X Education model.
func BenchmarkPredict(b *testing.B) {
	d := loadLeads(b)
	train, test := d.Split(0.2, 1)
	m, err := Train(train, TrainOptions{Seed: 1})
	require.NoError(b, err)
	xs := make([]Example, test.Len())
	for i := range xs {
		xs[i] = test.Example(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.Predict(xs[i%len(xs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "contacts/s")
}

// BenchmarkLogits measures batch scoring (no explanation), as used to
// rescore a whole table after retraining.
func BenchmarkLogits(b *testing.B) {
	d := loadLeads(b)
	train, test := d.Split(0.2, 1)
	m, err := Train(train, TrainOptions{Seed: 1})
	require.NoError(b, err)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.Logits(test)
	}
	b.ReportMetric(float64(b.N*test.Len())/b.Elapsed().Seconds(), "contacts/s")
}

// BenchmarkTrain measures one full training on the X Education leads.
func BenchmarkTrain(b *testing.B) {
	d := loadLeads(b)
	train, _ := d.Split(0.2, 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, err := Train(train, TrainOptions{Seed: 1})
		require.NoError(b, err)
	}
}
