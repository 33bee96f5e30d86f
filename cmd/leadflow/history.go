package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"leadflow/store"
)

// historyFlags describe a history import: one CSV of leads and, optionally,
// one of won deals joined on an id.
type historyFlags struct {
	leads, id, source, at   string
	won, wonID, wonAt, amnt string
}

// readCSV reads a CSV with a header (comma, semicolon or tab, sniffed from
// the header) into rows keyed by column name.
func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	header, _, _ := strings.Cut(text, "\n")
	r := csv.NewReader(strings.NewReader(text))
	r.LazyQuotes = true
	r.Comma = ','
	for _, d := range []rune{';', '\t'} {
		if strings.Count(header, string(d)) > strings.Count(header, string(r.Comma)) {
			r.Comma = d
		}
	}
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("read %s: no header row", path)
	}
	out := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		row := make(map[string]string, len(rec))
		for i, v := range rec {
			if i < len(recs[0]) {
				row[strings.TrimSpace(recs[0][i])] = strings.TrimSpace(v)
			}
		}
		out = append(out, row)
	}
	return out, nil
}

func parseWhen(v string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("expected a date like 2018-02-01 or 2018-02-26 19:58:54, got %q", v)
}

// loadHistory joins the leads and won-deals files into historic leads,
// naming the flag whose column is missing and the line of a bad value.
func loadHistory(h historyFlags) ([]store.HistoricLead, error) {
	rows, err := readCSV(h.leads)
	if err != nil {
		return nil, fmt.Errorf("--history: %w", err)
	}
	need := func(flag, col string, row map[string]string) error {
		if _, ok := row[col]; !ok {
			return fmt.Errorf("%s: no column %q in the file", flag, col)
		}
		return nil
	}
	leads := make([]store.HistoricLead, 0, len(rows))
	index := map[string]int{}
	for i, row := range rows {
		for _, f := range [][2]string{{"--id", h.id}, {"--source-col", h.source}, {"--at-col", h.at}} {
			if err := need(f[0], f[1], row); err != nil {
				return nil, err
			}
		}
		at, err := parseWhen(row[h.at])
		if err != nil {
			return nil, fmt.Errorf("--at-col %q, line %d: %w", h.at, i+2, err)
		}
		index[row[h.id]] = len(leads)
		leads = append(leads, store.HistoricLead{ExternalID: row[h.id], Source: row[h.source], At: at})
	}
	if h.won == "" {
		return leads, nil
	}
	won, err := readCSV(h.won)
	if err != nil {
		return nil, fmt.Errorf("--won: %w", err)
	}
	for i, row := range won {
		for _, f := range [][2]string{{"--won-id", h.wonID}, {"--won-at", h.wonAt}} {
			if err := need(f[0], f[1], row); err != nil {
				return nil, err
			}
		}
		j, ok := index[row[h.wonID]]
		if !ok {
			return nil, fmt.Errorf("--won line %d: id %q is not in the leads file", i+2, row[h.wonID])
		}
		at, err := parseWhen(row[h.wonAt])
		if err != nil {
			return nil, fmt.Errorf("--won-at %q, line %d: %w", h.wonAt, i+2, err)
		}
		leads[j].WonAt = at
		if h.amnt != "" && row[h.amnt] != "" {
			v, err := strconv.ParseFloat(row[h.amnt], 64)
			if err != nil {
				return nil, fmt.Errorf("--amount %q, line %d: expected a number, got %q", h.amnt, i+2, row[h.amnt])
			}
			leads[j].AmountCents = int64(math.Round(v * 100))
		}
	}
	return leads, nil
}

// importHistory loads history into the funnel (contacts, touchpoints, won deals).
func importHistory(ctx context.Context, h historyFlags, dataset string, stdout, stderr io.Writer) error {
	leads, err := loadHistory(h)
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
