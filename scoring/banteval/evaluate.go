package banteval

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"leadflow/scoring/bant"
)

// Predict reads an inquiry as the scorer does (bant.Extract as of the
// time it was received, then Signals.Answers) and maps the answers onto
// the corpus labels: an urgent or important need is "stated".
func Predict(it Item) (Labels, string) {
	s := bant.Extract(it.Text, it.Received)
	budget, authority, need, timeline := s.Answers()
	switch need {
	case "urgent", "important":
		need = "stated"
	}
	return Labels{Budget: budget, Authority: authority, Need: need, Timeline: timeline}, s.Language
}

// Cell is one accuracy figure.
type Cell struct {
	N       int `json:"n"`
	Correct int `json:"correct"`
}

// Accuracy is Correct/N, 0 for an empty cell.
func (c Cell) Accuracy() float64 {
	if c.N == 0 {
		return 0
	}
	return float64(c.Correct) / float64(c.N)
}

// Miss is one wrong answer.
type Miss struct {
	ID        string `json:"id"`
	Lang      string `json:"lang"`
	Dimension string `json:"dimension"`
	Want      string `json:"want"`
	Got       string `json:"got"`
}

// Report is the evaluation of a corpus.
type Report struct {
	// Items is the corpus size.
	Items int `json:"items"`
	// Accuracy[dimension][language] with language "all" for the whole
	// corpus.
	Accuracy map[string]map[string]Cell `json:"accuracy"`
	// Language is how often DetectLanguage agreed with the item's lang.
	Language map[string]Cell `json:"language"`
	// NeedPrecision and NeedRecall treat "stated" as the positive class.
	NeedPrecision float64 `json:"need_precision"`
	NeedRecall    float64 `json:"need_recall"`
	// Misses lists every wrong answer, by id.
	Misses []Miss `json:"misses"`
}

// Evaluate reads every item and compares the answers with its labels.
func Evaluate(items []Item) Report {
	r := Report{Items: len(items), Accuracy: map[string]map[string]Cell{}, Language: map[string]Cell{}}
	for _, dim := range Dimensions {
		r.Accuracy[dim] = map[string]Cell{}
	}
	var tp, fp, fn int
	add := func(m map[string]Cell, key string, ok bool) {
		c := m[key]
		c.N++
		if ok {
			c.Correct++
		}
		m[key] = c
	}
	for _, it := range items {
		got, lang := Predict(it)
		add(r.Language, it.Lang, lang == it.Lang)
		add(r.Language, "all", lang == it.Lang)
		for _, dim := range Dimensions {
			want, have := it.Get(dim), got.Get(dim)
			ok := want == have
			add(r.Accuracy[dim], it.Lang, ok)
			add(r.Accuracy[dim], "all", ok)
			if !ok {
				r.Misses = append(r.Misses, Miss{ID: it.ID, Lang: it.Lang, Dimension: dim, Want: want, Got: have})
			}
		}
		switch {
		case it.Need == "stated" && got.Need == "stated":
			tp++
		case got.Need == "stated":
			fp++
		case it.Need == "stated":
			fn++
		}
	}
	if tp+fp > 0 {
		r.NeedPrecision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r.NeedRecall = float64(tp) / float64(tp+fn)
	}
	sort.SliceStable(r.Misses, func(i, j int) bool {
		if r.Misses[i].Dimension != r.Misses[j].Dimension {
			return dimIndex(r.Misses[i].Dimension) < dimIndex(r.Misses[j].Dimension)
		}
		return r.Misses[i].ID < r.Misses[j].ID
	})
	return r
}

func dimIndex(dim string) int {
	for i, d := range Dimensions {
		if d == dim {
			return i
		}
	}
	return len(Dimensions)
}

// columns are the report's language columns, "all" first; languages
// absent from the corpus are left out.
func (r Report) columns() []string {
	cols := []string{"all"}
	for _, l := range Languages {
		if r.Language[l].N > 0 {
			cols = append(cols, l)
		}
	}
	return cols
}

// WriteText prints the accuracy table, the need's precision and recall,
// and with misses every wrong answer.
func (r Report) WriteText(w io.Writer, misses bool) error {
	cols := r.columns()
	var b strings.Builder
	fmt.Fprintf(&b, "%d inquiries\n\n", r.Items)
	fmt.Fprintf(&b, "%-10s", "accuracy")
	for _, c := range cols {
		fmt.Fprintf(&b, " %12s", fmt.Sprintf("%s (n=%d)", c, r.Language[c].N))
	}
	b.WriteString("\n")
	row := func(name string, cells map[string]Cell) {
		fmt.Fprintf(&b, "%-10s", name)
		for _, c := range cols {
			fmt.Fprintf(&b, " %12.2f", cells[c].Accuracy())
		}
		b.WriteString("\n")
	}
	for _, dim := range Dimensions {
		row(dim, r.Accuracy[dim])
	}
	row("language", r.Language)
	fmt.Fprintf(&b, "\nneed (stated): precision %.2f, recall %.2f\n", r.NeedPrecision, r.NeedRecall)
	if misses && len(r.Misses) > 0 {
		b.WriteString("\nmisses (id dimension: want -> got):\n")
		for _, m := range r.Misses {
			fmt.Fprintf(&b, "  %s %s: %s -> %s\n", m.ID, m.Dimension, orNone(m.Want), orNone(m.Got))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orNone(s string) string {
	if s == "" {
		return `""`
	}
	return s
}

// WriteJSON prints the report as indented JSON.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
