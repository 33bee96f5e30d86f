package spend

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// CSVColumns are the columns of a spend file (leadflow import --spend), in
// documented order. Every one must be in the header, in any order; clicks
// and impressions may be left empty (0), campaign_name too.
var CSVColumns = []string{"platform", "account", "campaign_id", "campaign_name", "date", "currency", "spend", "clicks", "impressions"}

// MaxCSVRows bounds one spend file: ten years of 2,700 campaigns a day.
// Larger histories are imported in several files.
const MaxCSVRows = 10_000_000

// maxCSVProblems bounds the problems listed in a CSVError; the count says
// how many more there were.
const maxCSVProblems = 100

// CSVProblem is one bad value of a spend file.
type CSVProblem struct {
	// Line is the file's line number (1 is the header); Field the column.
	Line  int
	Field string
	// Problem says what is wrong, with the value.
	Problem string
}

// CSVError lists every bad row of a spend file, by line and field, so one
// run shows all there is to fix. Nothing of a file with problems is
// imported.
type CSVError struct {
	// What names the file ("spend file", "campaign map", "rates file").
	What     string
	Problems []CSVProblem
	// More counts problems left out of Problems.
	More int
}

func (e *CSVError) Error() string {
	var b strings.Builder
	n := len(e.Problems) + e.More
	fmt.Fprintf(&b, "%s: %d problem", e.What, n)
	if n != 1 {
		b.WriteString("s")
	}
	b.WriteString(", nothing imported:")
	for _, p := range e.Problems {
		if p.Field == "" {
			fmt.Fprintf(&b, "\n  line %d: %s", p.Line, p.Problem)
		} else {
			fmt.Fprintf(&b, "\n  line %d, %s: %s", p.Line, p.Field, p.Problem)
		}
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n  ... and %d more", e.More)
	}
	return b.String()
}

// ParseCSV reads a spend file: a header naming CSVColumns, then one row
// per campaign and day. It returns every row, or a *CSVError naming each
// bad value by line and field (and any key repeated within the file, which
// would otherwise make the last line silently win). A file that cannot be
// read at all returns the reader's error.
func ParseCSV(r io.Reader) ([]Row, error) {
	var rows []Row
	seen := map[Key]int{}
	err := readTable(r, "spend file", CSVColumns, func(line int, get func(string) string, bad func(field, format string, args ...any)) {
		row, ok := Row{}, true
		fail := func(field, format string, args ...any) { bad(field, format, args...); ok = false }
		var err error
		if row.Platform, err = ParsePlatform(get("platform")); err != nil {
			fail("platform", "%v", err)
		}
		row.Account = get("account")
		if row.Account == "" || len(row.Account) > 200 {
			fail("account", "expected the ad account id (1 to 200 characters), got %q", clip(row.Account))
		}
		row.CampaignID = get("campaign_id")
		if row.CampaignID == "" || len(row.CampaignID) > 200 {
			fail("campaign_id", "expected the campaign id (1 to 200 characters), got %q", clip(row.CampaignID))
		}
		row.CampaignName = get("campaign_name")
		if len(row.CampaignName) > 1000 {
			fail("campaign_name", "longer than 1000 characters")
		}
		if row.Day, err = ParseDay(get("date")); err != nil {
			fail("date", "%v", err)
		}
		if row.Currency, err = ParseCurrency(get("currency")); err != nil {
			fail("currency", "%v", err)
		}
		if row.SpendMicros, err = ParseAmount(get("spend")); err != nil {
			fail("spend", "%v", err)
		}
		for _, f := range []struct {
			name string
			dst  *int64
		}{{"clicks", &row.Clicks}, {"impressions", &row.Impressions}} {
			v := get(f.name)
			if v == "" {
				continue
			}
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				fail(f.name, "expected a whole number of at least 0, got %q", clip(v))
			}
			*f.dst = n
		}
		if !ok {
			return
		}
		if first, dup := seen[row.Key()]; dup {
			bad("", "repeats line %d (same platform, account, campaign_id and date)", first)
			return
		}
		seen[row.Key()] = line
		rows = append(rows, row)
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// readTable reads a CSV file whose header must name exactly columns (in
// any order), calling row for each line with its values (trimmed) and a
// way to report a bad field. Problems are collected into one *CSVError,
// returned when there are any; what is named the file in messages.
func readTable(r io.Reader, what string, columns []string,
	row func(line int, get func(string) string, bad func(field, format string, args ...any))) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	perr := &CSVError{What: what}
	add := func(line int, field, format string, args ...any) {
		if len(perr.Problems) < maxCSVProblems {
			perr.Problems = append(perr.Problems, CSVProblem{Line: line, Field: field, Problem: fmt.Sprintf(format, args...)})
		} else {
			perr.More++
		}
	}
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		add(1, "", "empty file: expected a header with %s", strings.Join(columns, ","))
		return perr
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		add(1, "", "not valid CSV: %v", pe.Err)
		return perr
	}
	if err != nil {
		return fmt.Errorf("read %s header: %w", what, err)
	}
	header = slices.Clone(header)
	col := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch {
		case !slices.Contains(columns, name):
			add(1, "", "unknown column %q (the columns are %s)", h, strings.Join(columns, ", "))
		case col[name] != 0:
			add(1, "", "column %q appears twice", name)
		default:
			col[name] = i + 1 // 0 means absent
		}
	}
	for _, c := range columns {
		if col[c] == 0 {
			add(1, "", "missing column %q", c)
		}
	}
	if len(perr.Problems) > 0 {
		return perr
	}
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.As(err, &pe) {
			add(pe.StartLine, "", "not valid CSV: %v", pe.Err)
			if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
				break // the rest of the file cannot be told apart
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", what, err)
		}
		line, _ := cr.FieldPos(0) // only valid after a successful Read
		if n >= MaxCSVRows {
			add(line, "", "more than %d rows: split the file", MaxCSVRows)
			break
		}
		if len(rec) != len(header) {
			add(line, "", "%d fields, the header has %d", len(rec), len(header))
			continue
		}
		get := func(c string) string { return strings.TrimSpace(rec[col[c]-1]) }
		row(line, get, func(field, format string, args ...any) { add(line, field, format, args...) })
	}
	if len(perr.Problems) > 0 {
		return perr
	}
	return nil
}

// clip shortens a value quoted in an error.
func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}
