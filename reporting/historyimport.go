package reporting

import (
	"context"
	"fmt"
	"io"
	"time"
)

// HistoryImporter stores historic leads in the funnel (package store
// implements it).
type HistoryImporter interface {
	// ImportHistoricLeads writes the leads not already there as the named
	// dataset, and the arrival score of every lead whose contact has no
	// score yet, calling progress (if set) with the running count.
	ImportHistoricLeads(ctx context.Context, dataset string, leads []HistoricLead, progress func(int)) (HistoryWritten, error)
}

// HistoryWritten is what a history import wrote: Leads new leads (contact,
// touchpoint, won deal) and Scores arrival scores (new leads' and, once,
// those of leads imported before they were scored).
type HistoryWritten struct {
	Leads, Scores int
}

// HistoryImported is what a history import did.
type HistoryImported struct {
	// Dataset names the import.
	Dataset string
	// Leads were in the files, Won of them won; Imported were written,
	// the rest were already there; Scored got their score at arrival.
	Leads, Won, Imported, Scored int
	// Took is how long writing took.
	Took time.Duration
}

// ImportHistory stores history loaded by LoadHistory in the funnel as the
// named dataset; progress, when set, follows the running count.
func ImportHistory(ctx context.Context, st HistoryImporter, dataset string, leads []HistoricLead, progress func(int)) (HistoryImported, error) {
	start := time.Now()
	n, err := st.ImportHistoricLeads(ctx, dataset, leads, progress)
	if err != nil {
		// The store names what it was writing.
		return HistoryImported{}, err
	}
	res := HistoryImported{Dataset: dataset, Leads: len(leads), Imported: n.Leads, Scored: n.Scores, Took: time.Since(start)}
	for _, l := range leads {
		if !l.WonAt.IsZero() {
			res.Won++
		}
	}
	return res, nil
}

// WriteText prints the import for the person who ran it (leadflow import
// --history).
func (h HistoryImported) WriteText(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "imported %d historical leads (%d won in the files) into the funnel as %q in %s; %d were already there\n",
		h.Imported, h.Won, h.Dataset, h.Took.Round(time.Millisecond), h.Leads-h.Imported); err != nil {
		return fmt.Errorf("write import result: %w", err)
	}
	if h.Scored > 0 {
		if _, err := fmt.Fprintf(w, "scored %d of them at arrival (leadflow report pareto ranks them)\n", h.Scored); err != nil {
			return fmt.Errorf("write import result: %w", err)
		}
	}
	return nil
}
