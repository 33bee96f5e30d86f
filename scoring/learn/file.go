package learn

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// CSVFlags are the command-line flags naming a labelled CSV file and how
// to read it, shared by every command that reads one (leadflow import,
// score eval, score calibrate), so they read the file the same way.
type CSVFlags struct {
	// File is the CSV file (--csv).
	File string
	// Label, Positive, Negative and ID are LoadOptions' fields.
	Label, Positive, Negative, ID string
	// Exclude is a comma-separated list of column names.
	Exclude string
}

// Register defines the flags on fs.
func (c *CSVFlags) Register(fs *flag.FlagSet) {
	fs.StringVar(&c.File, "csv", "", "CSV file with a header row (comma, semicolon or tab separated)")
	fs.StringVar(&c.Label, "label", "", "column holding the outcome")
	fs.StringVar(&c.Positive, "positive", "", "outcome value that means won / converted")
	fs.StringVar(&c.Negative, "negative", "", "outcome value that means lost; rows with any other value are skipped (default: every other value is lost)")
	fs.StringVar(&c.Exclude, "exclude", "", "comma-separated columns that must not be features (identifiers, fields filled after the outcome)")
	fs.StringVar(&c.ID, "id", "", "column identifying each row (kept, never a feature)")
}

// Required names the flags a command reading the file must be given.
func (c *CSVFlags) Required() []string { return []string{"csv", "label", "positive"} }

// Options are the load options the flags describe; blank names in
// Exclude are dropped.
func (c *CSVFlags) Options() LoadOptions {
	var exclude []string
	for _, e := range strings.Split(c.Exclude, ",") {
		if e = strings.TrimSpace(e); e != "" {
			exclude = append(exclude, e)
		}
	}
	return LoadOptions{Label: c.Label, Positive: c.Positive, Negative: c.Negative, Exclude: exclude, ID: c.ID}
}

// Load reads the file the flags name (check Required first). A file that
// cannot be opened is named by its flag, a bad one by its path.
func (c *CSVFlags) Load() (*Dataset, error) {
	f, err := os.Open(c.File)
	if err != nil {
		return nil, fmt.Errorf("--csv: %w", err)
	}
	defer f.Close()
	d, err := LoadCSV(f, c.Options())
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", c.File, err)
	}
	return d, nil
}

// WriteJSON prints the backtest as indented JSON.
func (b *Backtest) WriteJSON(w io.Writer) error { return writeJSON(w, b) }

// WriteJSON prints the suggestion as indented JSON.
func (s ThresholdSuggestion) WriteJSON(w io.Writer) error { return writeJSON(w, s) }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteText prints the suggestion for people: the threshold as a
// probability and as a learned score, what it does on the held-out leads,
// and whether the goal was met.
func (s ThresholdSuggestion) WriteText(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "suggested hot threshold: probability ≥ %.3f (learned score ≥ %d)\n", s.Threshold, int(s.Threshold*100+0.5)); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "on %d held-out leads: %d hot (%.1f%%), precision %.1f%%, recall %.1f%%\n",
		s.N, s.Hot, 100*s.HotFraction, 100*s.Precision, 100*s.Recall); err != nil {
		return err
	}
	if s.HotPerWeek > 0 {
		if _, err := fmt.Fprintf(w, "≈ %.0f hot leads per week\n", s.HotPerWeek); err != nil {
			return err
		}
	}
	if !s.Achieved {
		if _, err := fmt.Fprintln(w, "note: the goal could not be met exactly on this data; this is the closest threshold"); err != nil {
			return err
		}
	}
	return nil
}
