package learn

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Kind says how a column's raw text is turned into a feature.
type Kind string

// The column kinds LoadCSV detects.
const (
	// KindNumeric columns are parsed as float64 and quantile-binned.
	KindNumeric Kind = "numeric"
	// KindDate columns hold timestamps; they are turned into days since
	// the Unix epoch and then treated exactly like numeric columns.
	KindDate Kind = "date"
	// KindCategorical columns keep their text; every frequent value gets
	// its own level.
	KindCategorical Kind = "categorical"
)

// DefaultMissing are the raw values treated as "no value" when
// LoadOptions.Missing is nil. "Select" is what an untouched HTML <select>
// submits, so it means the lead skipped the field, not that they chose
// something. Matching is case-insensitive after trimming spaces.
var DefaultMissing = []string{"", "Select", "NA", "N/A", "null", "nan"}

// numericShare is the fraction of non-missing values that must parse for a
// column to be detected as numeric (or date). Below 100 % so a stray
// "unknown" in a count column does not demote it to a category; the
// non-parsing values are then treated as missing.
const numericShare = 0.95

// dateLayouts are the timestamp layouts recognised when detecting date
// columns, most specific first.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

// LoadOptions configures LoadCSV.
type LoadOptions struct {
	// Label is the header name of the outcome column. Required.
	Label string
	// Positive is the label value that means "won" (compared
	// case-insensitively after trimming). Required. Every other non-empty
	// value is a loss unless Negative is set.
	Positive string
	// Negative, when set, is the only label value that means "lost"; rows
	// whose label is neither Positive nor Negative (open deals) are
	// skipped. When empty, every non-missing label other than Positive is
	// a loss. Rows with a missing label are always skipped.
	Negative string
	// Exclude lists header names that must not become features: leaky
	// post-outcome fields and identifiers. Unknown names are an error so a
	// typo cannot silently leak the outcome into the model.
	Exclude []string
	// ID, when set, names a column copied to Dataset.IDs and never used as
	// a feature.
	ID string
	// Missing lists the raw values that mean "no value"; nil means
	// DefaultMissing.
	Missing []string
}

// Column is one feature column of a Dataset, stored column-major because
// training scans one feature at a time.
type Column struct {
	// Name is the header name (made unique if the header repeats a name).
	Name string
	// Kind is the detected kind.
	Kind Kind
	// Values holds the trimmed raw text per row; "" means missing (every
	// Missing token is normalised to "").
	Values []string
	// Numbers holds the parsed value per row for numeric and date
	// columns, NaN where missing or unparseable; nil for categorical ones.
	Numbers []float64
}

// Dataset is a labelled table of leads: feature columns, the won/lost
// outcome per row and optional row identifiers.
type Dataset struct {
	// Columns are the feature columns in header order.
	Columns []Column
	// Labels holds the outcome per row: true means won.
	Labels []bool
	// IDs holds the LoadOptions.ID column per row, nil when none was set.
	IDs []string
	// Label and Positive record how the outcome was defined.
	Label, Positive string
	// Missing records the tokens treated as missing; models trained on the
	// dataset apply the same tokens to live leads.
	Missing []string
	// Skipped counts rows dropped for a missing or open label.
	Skipped int
}

// Example is one lead's raw feature values keyed by column name, as a live
// lead provides them. Absent keys are missing values.
type Example map[string]string

// Len returns the number of rows.
func (d *Dataset) Len() int { return len(d.Labels) }

// Positives returns how many rows are labelled won.
func (d *Dataset) Positives() int {
	n := 0
	for _, y := range d.Labels {
		if y {
			n++
		}
	}
	return n
}

// Example returns row i as raw values, the form Model.Predict takes.
func (d *Dataset) Example(i int) Example {
	x := make(Example, len(d.Columns))
	for _, c := range d.Columns {
		if v := c.Values[i]; v != "" {
			x[c.Name] = v
		}
	}
	return x
}

// Column returns the column with the given name, or nil.
func (d *Dataset) Column(name string) *Column {
	for i := range d.Columns {
		if d.Columns[i].Name == name {
			return &d.Columns[i]
		}
	}
	return nil
}

// LoadCSV reads a CSV table with a header row into a Dataset. The
// delimiter (',' ';' or tab) is sniffed from the header, a UTF-8 BOM is
// dropped, quotes are parsed leniently, and each column is detected as
// numeric, date or categorical from its values. Errors name the line and
// column at fault.
func LoadCSV(r io.Reader, o LoadOptions) (*Dataset, error) {
	if o.Label == "" || o.Positive == "" {
		return nil, errors.New("load csv: label column and positive value are required")
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("load csv: read input: %w", err)
	}
	raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.Comma = sniffDelimiter(raw)
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1 // checked below with a clearer message
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("load csv: read header: %w", err)
	}
	header = uniqueNames(header)

	missing := o.Missing
	if missing == nil {
		missing = DefaultMissing
	}
	labelIdx, idIdx := -1, -1
	excluded := make(map[int]bool)
	for i, h := range header {
		if h == o.Label {
			labelIdx = i
		}
		if o.ID != "" && h == o.ID {
			idIdx = i
		}
	}
	if labelIdx < 0 {
		return nil, fmt.Errorf("load csv: label column %q not in header", o.Label)
	}
	if o.ID != "" && idIdx < 0 {
		return nil, fmt.Errorf("load csv: id column %q not in header", o.ID)
	}
	for _, ex := range o.Exclude {
		found := false
		for i, h := range header {
			if h == ex {
				excluded[i] = true
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("load csv: excluded column %q not in header", ex)
		}
	}

	var featIdx []int
	for i := range header {
		if i != labelIdx && i != idIdx && !excluded[i] {
			featIdx = append(featIdx, i)
		}
	}
	d := &Dataset{Label: o.Label, Positive: o.Positive, Missing: append([]string(nil), missing...)}
	d.Columns = make([]Column, len(featIdx))
	for j, i := range featIdx {
		d.Columns[j].Name = header[i]
	}
	if idIdx >= 0 {
		d.IDs = []string{}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("load csv: read row: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		if len(rec) != len(header) {
			return nil, fmt.Errorf("load csv: line %d: %d fields, header has %d", line, len(rec), len(header))
		}
		lv := normalise(rec[labelIdx], missing)
		var y bool
		switch {
		case lv == "":
			d.Skipped++
			continue
		case strings.EqualFold(lv, strings.TrimSpace(o.Positive)):
			y = true
		case o.Negative != "" && !strings.EqualFold(lv, strings.TrimSpace(o.Negative)):
			d.Skipped++
			continue
		}
		d.Labels = append(d.Labels, y)
		if idIdx >= 0 {
			d.IDs = append(d.IDs, strings.TrimSpace(rec[idIdx]))
		}
		for j, i := range featIdx {
			d.Columns[j].Values = append(d.Columns[j].Values, normalise(rec[i], missing))
		}
	}
	if d.Len() == 0 {
		return nil, fmt.Errorf("load csv: no labelled rows in column %q", o.Label)
	}
	for j := range d.Columns {
		detectKind(&d.Columns[j])
	}
	return d, nil
}

// sniffDelimiter picks the candidate separator that occurs most often
// outside quotes on the header line; ',' wins ties and empty headers.
func sniffDelimiter(raw []byte) rune {
	counts := map[rune]int{}
	inQuote := false
	for _, b := range raw {
		if b == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if b == '\n' || b == '\r' {
			break
		}
		switch b {
		case ',', ';', '\t':
			counts[rune(b)]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// uniqueNames trims header names, names empty ones after their position
// and suffixes repeats, so every column can be addressed by name.
func uniqueNames(header []string) []string {
	out := make([]string, len(header))
	seen := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			h = fmt.Sprintf("column %d", i+1)
		}
		seen[h]++
		if n := seen[h]; n > 1 {
			h = fmt.Sprintf("%s (%d)", h, n)
		}
		out[i] = h
	}
	return out
}

// normalise trims v and maps every missing token to "".
func normalise(v string, missing []string) string {
	v = strings.TrimSpace(v)
	for _, m := range missing {
		if strings.EqualFold(v, strings.TrimSpace(m)) {
			return ""
		}
	}
	return v
}

// detectKind sets c.Kind and, for numeric and date columns, c.Numbers.
func detectKind(c *Column) {
	present, nums, dates := 0, 0, 0
	for _, v := range c.Values {
		if v == "" {
			continue
		}
		present++
		if _, ok := parseNumber(v); ok {
			nums++
		} else if _, ok := parseDate(v); ok {
			dates++
		}
	}
	c.Kind = KindCategorical
	switch {
	case present == 0:
		return
	case float64(nums) >= numericShare*float64(present):
		c.Kind = KindNumeric
	case float64(dates) >= numericShare*float64(present):
		c.Kind = KindDate
	default:
		return
	}
	c.Numbers = make([]float64, len(c.Values))
	for i, v := range c.Values {
		c.Numbers[i] = parseValue(c.Kind, v)
	}
}

// parseValue turns raw text into the number a numeric or date feature
// bins; NaN means missing.
func parseValue(k Kind, v string) float64 {
	if v == "" {
		return math.NaN()
	}
	switch k {
	case KindNumeric:
		if f, ok := parseNumber(v); ok {
			return f
		}
	case KindDate:
		if f, ok := parseDate(v); ok {
			return f
		}
	}
	return math.NaN()
}

// parseNumber parses a finite float.
func parseNumber(v string) (float64, bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// parseDate parses a timestamp into days since the Unix epoch.
func parseDate(v string) (float64, bool) {
	if len(v) < 10 || v[4] != '-' {
		return 0, false // cheap reject: every layout starts with YYYY-
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return float64(t.Unix()) / 86400, true
		}
	}
	return 0, false
}

// Split divides d into a training and a test set, stratified by label so
// both keep the base rate, with testFraction of each class in test. The
// same seed always gives the same split.
func (d *Dataset) Split(testFraction float64, seed int64) (train, test *Dataset) {
	if testFraction < 0 {
		testFraction = 0
	}
	if testFraction > 1 {
		testFraction = 1
	}
	trainIdx, testIdx := stratifiedSplit(d.Labels, testFraction, rand.New(rand.NewPCG(uint64(seed), 0x6c656164666c6f77)))
	return d.Subset(trainIdx), d.Subset(testIdx)
}

// stratifiedSplit shuffles each class and sends frac of it to the second
// index list. Both lists come back in ascending row order so downstream
// work is independent of shuffle order.
func stratifiedSplit(labels []bool, frac float64, rng *rand.Rand) (a, b []int) {
	var pos, neg []int
	for i, y := range labels {
		if y {
			pos = append(pos, i)
		} else {
			neg = append(neg, i)
		}
	}
	inB := make([]bool, len(labels))
	for _, cls := range [][]int{pos, neg} {
		rng.Shuffle(len(cls), func(i, j int) { cls[i], cls[j] = cls[j], cls[i] })
		k := int(math.Round(frac * float64(len(cls))))
		for _, i := range cls[:k] {
			inB[i] = true
		}
	}
	for i := range labels {
		if inB[i] {
			b = append(b, i)
		} else {
			a = append(a, i)
		}
	}
	return a, b
}

// Subset returns a new Dataset holding rows idx of d, in that order.
// Column kinds are kept, not re-detected, so a subset always lines up with
// its parent.
func (d *Dataset) Subset(idx []int) *Dataset {
	s := &Dataset{Label: d.Label, Positive: d.Positive, Missing: d.Missing}
	s.Labels = make([]bool, len(idx))
	for k, i := range idx {
		s.Labels[k] = d.Labels[i]
	}
	if d.IDs != nil {
		s.IDs = make([]string, len(idx))
		for k, i := range idx {
			s.IDs[k] = d.IDs[i]
		}
	}
	s.Columns = make([]Column, len(d.Columns))
	for j, c := range d.Columns {
		nc := Column{Name: c.Name, Kind: c.Kind, Values: make([]string, len(idx))}
		for k, i := range idx {
			nc.Values[k] = c.Values[i]
		}
		if c.Numbers != nil {
			nc.Numbers = make([]float64, len(idx))
			for k, i := range idx {
				nc.Numbers[k] = c.Numbers[i]
			}
		}
		s.Columns[j] = nc
	}
	return s
}
