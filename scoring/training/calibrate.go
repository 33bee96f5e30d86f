package training

import (
	"fmt"
	"io"

	"leadflow/scoring/learn"
)

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

// WriteSuggestion prints a threshold suggestion for people: the threshold
// as a probability and as a learned score, what it does on the held-out
// leads, and whether the goal was met.
func WriteSuggestion(w io.Writer, sug learn.ThresholdSuggestion) error {
	if _, err := fmt.Fprintf(w, "suggested hot threshold: probability ≥ %.3f (learned score ≥ %d)\n", sug.Threshold, int(sug.Threshold*100+0.5)); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "on %d held-out leads: %d hot (%.1f%%), precision %.1f%%, recall %.1f%%\n",
		sug.N, sug.Hot, 100*sug.HotFraction, 100*sug.Precision, 100*sug.Recall); err != nil {
		return err
	}
	if sug.HotPerWeek > 0 {
		if _, err := fmt.Fprintf(w, "≈ %.0f hot leads per week\n", sug.HotPerWeek); err != nil {
			return err
		}
	}
	if !sug.Achieved {
		if _, err := fmt.Fprintln(w, "note: the goal could not be met exactly on this data; this is the closest threshold"); err != nil {
			return err
		}
	}
	return nil
}
