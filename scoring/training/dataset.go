package training

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"
	"time"

	"leadflow/lead"
	"leadflow/scoring/learn"
)

// DatasetFromExamples turns stored examples into a learn.Dataset through the
// same CSV loader users' files go through, so column kinds are detected the
// same way.
func DatasetFromExamples(examples []lead.TrainingExample) (*learn.Dataset, error) {
	const labelCol = "__leadflow_label"
	cols := map[string]bool{}
	for _, ex := range examples {
		for k := range ex.Features {
			cols[k] = true
		}
	}
	header := make([]string, 0, len(cols)+1)
	for k := range cols {
		header = append(header, k)
	}
	sort.Strings(header)
	header = append(header, labelCol)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(header)
	row := make([]string, len(header))
	for _, ex := range examples {
		for i, k := range header[:len(header)-1] {
			row[i] = ex.Features[k]
		}
		row[len(row)-1] = "0"
		if ex.Label {
			row[len(row)-1] = "1"
		}
		_ = w.Write(row)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("stage training data: %w", err)
	}
	return learn.LoadCSV(&buf, learn.LoadOptions{Label: labelCol, Positive: "1"})
}

// Examples turns a labelled file's rows into training examples, each
// identified by its id column or else its row number (from 1), so
// re-importing the same file updates rows instead of duplicating them.
func Examples(d *learn.Dataset) []lead.TrainingExample {
	out := make([]lead.TrainingExample, d.Len())
	for i := range out {
		id := strconv.Itoa(i + 1)
		if d.IDs != nil && d.IDs[i] != "" {
			id = d.IDs[i]
		}
		out[i] = lead.TrainingExample{ExternalID: id, Features: d.Example(i), Label: d.Labels[i]}
	}
	return out
}

// Importer stores training examples.
type Importer interface {
	// ImportExamples upserts examples into a dataset, calling progress (if
	// set) with the running count, and returns how many it wrote.
	ImportExamples(ctx context.Context, dataset string, examples []lead.TrainingExample, progress func(done int)) (int, error)
}

// Imported is what an import of a labelled file did.
type Imported struct {
	// Dataset names the imported dataset.
	Dataset string
	// Rows is how many rows were written, Won how many of the file's rows
	// were won, and Skipped how many had a missing or open outcome.
	Rows, Won, Skipped int
	// Took is how long writing took.
	Took time.Duration
}

// Import stores a labelled file's rows as the named dataset (see
// Examples); progress, when set, follows the running count.
func Import(ctx context.Context, st Importer, dataset string, d *learn.Dataset, progress func(done int)) (Imported, error) {
	start := time.Now()
	n, err := st.ImportExamples(ctx, dataset, Examples(d), progress)
	if err != nil {
		return Imported{}, err
	}
	return Imported{Dataset: dataset, Rows: n, Won: d.Positives(), Skipped: d.Skipped, Took: time.Since(start)}, nil
}
