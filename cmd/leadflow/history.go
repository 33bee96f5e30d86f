package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"leadflow/reporting"
)

// historyFlags describe a history import: one CSV of leads and, optionally,
// one of won deals joined on an id.
type historyFlags struct {
	leads, id, source, at   string
	won, wonID, wonAt, amnt string
}

// importHistory loads history into the funnel (contacts, touchpoints, won deals).
func importHistory(ctx context.Context, h historyFlags, dataset string, stdout, stderr io.Writer) error {
	leads, err := reporting.LoadHistory(reporting.HistoryFiles{Leads: h.leads, ID: h.id, Source: h.source, At: h.at,
		Won: h.won, WonID: h.wonID, WonAt: h.wonAt, Amount: h.amnt})
	if err != nil {
		return err
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	won := 0
	for _, l := range leads {
		if !l.WonAt.IsZero() {
			won++
		}
	}
	start := time.Now()
	bar := newProgress(stderr, len(leads))
	n, err := st.ImportHistoricLeads(ctx, dataset, leads, bar.set)
	bar.done()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %d historical leads (%d won in the files) into the funnel as %q in %s; %d were already there\n",
		n, won, dataset, time.Since(start).Round(time.Millisecond), len(leads)-n)
	return nil
}
