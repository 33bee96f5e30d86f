package needtrain

import (
	"reflect"
	"testing"
)

// toy is a separable set: bucket 1 marks a stated need, bucket 2 not;
// bucket 3 is noise in both.
func toy() []Example {
	var ex []Example
	for i := range 20 {
		ex = append(ex, Example{Buckets: []uint32{1, 3, uint32(10 + i%3)}, Stated: true})
		ex = append(ex, Example{Buckets: []uint32{2, 3, uint32(10 + i%3)}, Stated: false})
	}
	return ex
}

func TestTrainLearnsAndIsDeterministic(t *testing.T) {
	cfg := Config{Buckets: 64, Lambda: 1e-3, Iterations: 200, Rate: 2, NormPower: 0.5, MinDocFreq: 2}
	m := Train(toy(), cfg)
	if p := m.Prob([]uint32{1, 3}); p < 0.8 {
		t.Errorf("P(stated | stated bucket) = %.2f, want >= 0.8", p)
	}
	if p := m.Prob([]uint32{2, 3}); p > 0.2 {
		t.Errorf("P(stated | other bucket) = %.2f, want <= 0.2", p)
	}
	if !reflect.DeepEqual(m, Train(toy(), cfg)) {
		t.Error("two training runs on the same data differ")
	}
}

func TestTrainDropsRareBuckets(t *testing.T) {
	ex := append(toy(), Example{Buckets: []uint32{40}, Stated: true})
	m := Train(ex, Config{Buckets: 64, Lambda: 1e-3, Iterations: 50, Rate: 2, NormPower: 0.5, MinDocFreq: 2})
	if m.Weights[40] != 0 {
		t.Errorf("a bucket seen in one text got weight %v, want 0", m.Weights[40])
	}
}
