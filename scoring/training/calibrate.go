package training

import "leadflow/scoring/learn"

// Calibrate trains on a seeded split of a labelled file and suggests the
// hot threshold that meets goal on the held-out rows.
func Calibrate(d *learn.Dataset, testFraction float64, seed int64, goal learn.ThresholdGoal) (learn.ThresholdSuggestion, error) {
	train, test := d.Split(testFraction, seed)
	m, err := learn.Train(train, learn.TrainOptions{Seed: seed})
	if err != nil {
		return learn.ThresholdSuggestion{}, err
	}
	return learn.SuggestThreshold(m, test, goal)
}
