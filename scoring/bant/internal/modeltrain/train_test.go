package modeltrain

import (
	"math"
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

// toy3 is a separable three-class set: bucket c+1 marks class c; bucket
// 9 is noise in all.
func toy3() []ClassExample {
	var ex []ClassExample
	for i := range 30 {
		c := i % 3
		ex = append(ex, ClassExample{Buckets: []uint32{uint32(c + 1), 9, uint32(10 + i%4)}, Class: c})
	}
	return ex
}

func TestTrainSoftmaxLearnsAndIsDeterministic(t *testing.T) {
	cfg := Config{Buckets: 64, Lambda: 1e-3, Iterations: 200, Rate: 2, NormPower: 0.5, MinDocFreq: 2}
	m := TrainSoftmax(toy3(), 3, cfg)
	for c := range 3 {
		p := m.Probs([]uint32{uint32(c + 1), 9})
		sum := 0.0
		for _, v := range p {
			sum += v
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("class %d: probabilities sum to %v", c, sum)
		}
		if p[c] < 0.7 {
			t.Errorf("P(class %d | its bucket) = %.2f, want >= 0.7", c, p[c])
		}
	}
	if !reflect.DeepEqual(m, TrainSoftmax(toy3(), 3, cfg)) {
		t.Error("two training runs on the same data differ")
	}
	ex := append(toy3(), ClassExample{Buckets: []uint32{40}, Class: 2})
	if m := TrainSoftmax(ex, 3, cfg); m.Weights[2][40] != 0 {
		t.Errorf("a bucket seen in one text got weight %v, want 0", m.Weights[2][40])
	}
}
