package training

import (
	"fmt"
	"io"
	"time"
)

// WriteText prints the run for the person who started it (leadflow score
// train): what was trained, how it did on held-out leads, and whether it
// now serves and why.
func (r Result) WriteText(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "trained %s on %d leads in %s; held-out AUC %.4f, log loss %.4f\n",
		r.Version, r.TrainRows, r.Took.Round(time.Millisecond), r.Report.AUC, r.Report.LogLoss); err != nil {
		return fmt.Errorf("write training result: %w", err)
	}
	verdict := "kept the active model"
	if r.Activated {
		verdict = "activated"
	}
	if _, err := fmt.Fprintf(w, "%s: %s\n", verdict, r.Note); err != nil {
		return fmt.Errorf("write training result: %w", err)
	}
	return nil
}

// WriteText prints the import for the person who ran it (leadflow import).
func (i Imported) WriteText(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "imported %d leads (%d won) into dataset %q in %s; %d rows skipped for a missing or open outcome\n",
		i.Rows, i.Won, i.Dataset, i.Took.Round(time.Millisecond), i.Skipped); err != nil {
		return fmt.Errorf("write import result: %w", err)
	}
	return nil
}
