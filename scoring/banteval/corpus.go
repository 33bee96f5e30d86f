package banteval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// Dimensions, in the order reports print them.
const (
	Budget    = "budget"
	Authority = "authority"
	Need      = "need"
	Timeline  = "timeline"
)

// Dimensions lists the four BANT dimensions in report order.
var Dimensions = []string{Budget, Authority, Need, Timeline}

// Labels are the answers for one inquiry, one per dimension; "" means the
// text says nothing about that dimension.
type Labels struct {
	// Budget is "none", "under_10k", "10k_50k", "over_50k" or "".
	Budget string `json:"budget"`
	// Authority is "decision_maker", "defers", "influencer", "user" or "".
	Authority string `json:"authority"`
	// Need is "stated", "exploring" or "".
	Need string `json:"need"`
	// Timeline is "this_month", "this_quarter", "this_year",
	// "no_timeline" or "".
	Timeline string `json:"timeline"`
}

// Get returns the label of dimension dim.
func (l Labels) Get(dim string) string {
	switch dim {
	case Budget:
		return l.Budget
	case Authority:
		return l.Authority
	case Need:
		return l.Need
	case Timeline:
		return l.Timeline
	}
	return ""
}

// allowed are the label values of each dimension ("" included).
var allowed = map[string][]string{
	Budget:    {"", "none", "under_10k", "10k_50k", "over_50k"},
	Authority: {"", "decision_maker", "defers", "influencer", "user"},
	Need:      {"", "stated", "exploring"},
	Timeline:  {"", "this_month", "this_quarter", "this_year", "no_timeline"},
}

// Languages the corpus is written in.
var Languages = []string{"en", "de", "fr", "es"}

// Item is one labelled inquiry.
type Item struct {
	ID string `json:"id"`
	// Lang is the language it is written in (en, de, fr, es).
	Lang string `json:"lang"`
	// Received anchors relative timelines ("this quarter").
	Received time.Time `json:"received"`
	Text     string    `json:"text"`
	Labels
	// Why explains non-obvious labels; not read by the evaluation.
	Why string `json:"why,omitempty"`
}

// Load reads a corpus file; see Read.
func Load(path string) ([]Item, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	defer f.Close()
	items, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", path, err)
	}
	return items, nil
}

// Read parses JSON lines of Items, rejecting unknown keys, unknown label
// values and duplicate ids with the line number, so a typo in a label
// cannot silently count as a miss. Blank lines are skipped.
func Read(r io.Reader) ([]Item, error) {
	var items []Item
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		var it Item
		if err := dec.Decode(&it); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if err := it.check(); err != nil {
			return nil, fmt.Errorf("line %d (%s): %w", n, it.ID, err)
		}
		if prev, dup := seen[it.ID]; dup {
			return nil, fmt.Errorf("line %d: id %q already used on line %d", n, it.ID, prev)
		}
		seen[it.ID] = n
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if len(items) == 0 {
		return nil, errors.New("no items")
	}
	return items, nil
}

func (it Item) check() error {
	switch {
	case it.ID == "":
		return errors.New("id is empty")
	case !slices.Contains(Languages, it.Lang):
		return fmt.Errorf("lang %q is not one of %s", it.Lang, strings.Join(Languages, ", "))
	case it.Received.IsZero():
		return errors.New("received is missing")
	case strings.TrimSpace(it.Text) == "":
		return errors.New("text is empty")
	}
	for _, dim := range Dimensions {
		if v := it.Get(dim); !slices.Contains(allowed[dim], v) {
			return fmt.Errorf("%s label %q is not one of %q", dim, v, allowed[dim])
		}
	}
	return nil
}
