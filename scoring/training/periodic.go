package training

import (
	"context"
	"errors"
)

// Periodic is the retraining the scheduler asks for (the model:train
// task): a run over every dataset and the won/lost deals with seed 1,
// returning its one-line summary. Too little history is not a failure but
// a skipped run: there is nothing to learn from yet.
func Periodic(st Store) func(ctx context.Context) (string, error) {
	return func(ctx context.Context) (string, error) {
		res, err := Train(ctx, st, Options{Seed: 1})
		if errors.Is(err, ErrTooLittleHistory) {
			return "skipped: " + err.Error(), nil
		}
		if err != nil {
			return "", err
		}
		return res.Summary(), nil
	}
}
