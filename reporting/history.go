package reporting

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

// HistoricLead is a lead from another system's history, imported into the
// funnel: when it came and from where, and (optionally) when it was won.
type HistoricLead struct {
	ExternalID string
	Source     string
	At         time.Time
	// WonAt is zero for a lead that was not won.
	WonAt       time.Time
	AmountCents int64
	// ArrivalScore, when set (ScoreHistory), is stored as the lead's
	// first score, computed at At, so the pareto report can rank it.
	ArrivalScore *ArrivalScore
}

// ArrivalScore is a historic lead's score at its first contact, as the
// workers store a new lead's: total, band, the scoring model's version and
// the breakdown (the scoring result as JSON).
type ArrivalScore struct {
	Total        int
	Band         string
	ModelVersion string
	Breakdown    []byte
}

// ScoreFunc scores a historic lead at its first contact from what the
// file says about it (package cmd/leadflow wires the configured rules in).
type ScoreFunc func(HistoricLead) (ArrivalScore, error)

// ScoreHistory sets every lead's ArrivalScore with score.
func ScoreHistory(leads []HistoricLead, score ScoreFunc) error {
	for i := range leads {
		sc, err := score(leads[i])
		if err != nil {
			return fmt.Errorf("score historic lead %q: %w", leads[i].ExternalID, err)
		}
		leads[i].ArrivalScore = &sc
	}
	return nil
}

// HistoryFiles describe a history import: one CSV of leads and, optionally,
// one of won deals joined on an id. Each field after a file names a column
// of it. Errors name a column by the `leadflow import --history` flag that
// sets it (--id, --at-col, …), the name the user gave it under.
type HistoryFiles struct {
	// Leads is the leads file; ID, Source and At are its columns.
	Leads, ID, Source, At string
	// Won is the won-deals file ("" for none); WonID, WonAt and Amount
	// (optional) are its columns.
	Won, WonID, WonAt, Amount string
}

// Complete fills in the won file's id column (by default the leads
// file's) and checks that every column a given file needs is named, naming
// the missing flag as LoadHistory does.
func (h *HistoryFiles) Complete() error {
	if h.WonID == "" {
		h.WonID = h.ID
	}
	switch {
	case h.ID == "":
		return errors.New("--id is required with --history")
	case h.At == "":
		return errors.New("--at-col is required with --history")
	case h.Won != "" && h.WonAt == "":
		return errors.New("--won-at is required with --won")
	}
	return nil
}

// LoadHistory joins the leads and won-deals files into historic leads,
// naming the flag whose column is missing and the line of a bad value.
func LoadHistory(h HistoryFiles) ([]HistoricLead, error) {
	rows, err := readCSV(h.Leads)
	if err != nil {
		return nil, fmt.Errorf("--history: %w", err)
	}
	need := func(flag, col string, row map[string]string) error {
		if _, ok := row[col]; !ok {
			return fmt.Errorf("%s: no column %q in the file", flag, col)
		}
		return nil
	}
	leads := make([]HistoricLead, 0, len(rows))
	index := map[string]int{}
	for i, row := range rows {
		for _, f := range [][2]string{{"--id", h.ID}, {"--source-col", h.Source}, {"--at-col", h.At}} {
			if err := need(f[0], f[1], row); err != nil {
				return nil, err
			}
		}
		at, err := parseWhen(row[h.At])
		if err != nil {
			return nil, fmt.Errorf("--at-col %q, line %d: %w", h.At, i+2, err)
		}
		index[row[h.ID]] = len(leads)
		leads = append(leads, HistoricLead{ExternalID: row[h.ID], Source: row[h.Source], At: at})
	}
	if h.Won == "" {
		return leads, nil
	}
	won, err := readCSV(h.Won)
	if err != nil {
		return nil, fmt.Errorf("--won: %w", err)
	}
	for i, row := range won {
		for _, f := range [][2]string{{"--won-id", h.WonID}, {"--won-at", h.WonAt}} {
			if err := need(f[0], f[1], row); err != nil {
				return nil, err
			}
		}
		j, ok := index[row[h.WonID]]
		if !ok {
			return nil, fmt.Errorf("--won line %d: id %q is not in the leads file", i+2, row[h.WonID])
		}
		at, err := parseWhen(row[h.WonAt])
		if err != nil {
			return nil, fmt.Errorf("--won-at %q, line %d: %w", h.WonAt, i+2, err)
		}
		leads[j].WonAt = at
		if h.Amount != "" && row[h.Amount] != "" {
			v, err := strconv.ParseFloat(row[h.Amount], 64)
			if err != nil {
				return nil, fmt.Errorf("--amount %q, line %d: expected a number, got %q", h.Amount, i+2, row[h.Amount])
			}
			leads[j].AmountCents = int64(math.Round(v * 100))
		}
	}
	return leads, nil
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

// parseWhen reads the dates and times history exports use, as UTC.
func parseWhen(v string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("expected a date like 2018-02-01 or 2018-02-26 19:58:54, got %q", v)
}
