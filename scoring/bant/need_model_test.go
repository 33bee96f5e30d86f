package bant

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"leadflow/scoring/bant/internal/modeltrain"
)

var retrainNeedModel = flag.Bool("retrain-need-model", false, "retrain the need model from testdata/corpus/tune.jsonl and rewrite need_model_weights.json")

// needModelCorpus is the corpus the shipped need model is trained on.
const needModelCorpus = "testdata/corpus/tune.jsonl"

// needItem is one labelled corpus item as the need model's tests read it.
type needItem struct {
	id, lang, need string
	doc            *doc
	tl             *Timeline
	rules          *Need
	hashes         []uint32
}

func loadNeedItems(t testing.TB, path string) []needItem {
	t.Helper()
	var items []needItem
	readCorpus(t, path, func(raw corpusLine) {
		d := prepare(raw.Text)
		tl := extractTimeline(d, raw.Received)
		items = append(items, needItem{id: raw.ID, lang: raw.Lang, need: raw.Need, doc: d, tl: tl,
			rules: extractNeedRules(d, tl), hashes: modelFeatureHashes(d.lower)})
	})
	return items
}

// corpusLine is one labelled inquiry of a corpus file (see
// testdata/corpus/README.md), as the model tests read it.
type corpusLine struct {
	ID, Lang, Text, Need, Authority, Timeline string
	Received                                  time.Time
}

// readCorpus calls fn with every line of the corpus file at path.
func readCorpus(t testing.TB, path string, fn func(corpusLine)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open corpus: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var raw corpusLine
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			t.Fatalf("parse corpus line %d: %v", n, err)
		}
		fn(raw)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read corpus: %v", err)
	}
}

// needLabel maps a need reading onto the corpus labels, as Answers and
// banteval do.
func needLabel(n *Need, tl *Timeline) string {
	_, _, need, _ := Signals{Need: n, Timeline: tl}.Answers()
	if need == "urgent" || need == "important" {
		return "stated"
	}
	return need
}

// trainedNeedModel is a training run's result: the weights and the
// minimum text length (needModelMinWords).
type trainedNeedModel struct {
	modeltrain.Model
	minWords int
}

func trainNeedModel(items []needItem) trainedNeedModel {
	ex := make([]modeltrain.Example, len(items))
	for i, it := range items {
		ex[i] = modeltrain.Example{Buckets: it.hashes, Stated: it.need == "stated"}
	}
	return trainedNeedModel{Model: modeltrain.Train(ex, modeltrain.Defaults), minWords: needModelMinWords}
}

// roundedNeedWeight is the precision the weights file keeps.
func roundedNeedWeight(w float64) float64 { return math.Round(w*1e6) / 1e6 }

func toNeedModel(m trainedNeedModel) *needModel {
	nm := &needModel{bias: float32(roundedNeedWeight(m.Bias)), weights: make([]float32, len(m.Weights)), minWords: m.minWords}
	for i, w := range m.Weights {
		nm.weights[i] = float32(roundedNeedWeight(w))
	}
	return nm
}

func writeNeedModel(path string, m trainedNeedModel) error {
	var b strings.Builder
	fmt.Fprintf(&b, "{\"buckets\":%d,\"min_words\":%d,\"bias\":%s,\"weights\":[", len(m.Weights), m.minWords, strconv.FormatFloat(roundedNeedWeight(m.Bias), 'f', -1, 64))
	for i, w := range m.Weights {
		if i > 0 {
			b.WriteByte(',')
		}
		if i%32 == 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strconv.FormatFloat(roundedNeedWeight(w), 'f', -1, 64))
	}
	b.WriteString("\n]}\n")
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// needCounts accumulates accuracy and stated precision/recall.
type needCounts struct{ n, bin, tri, tp, fp, fn int }

func (c *needCounts) add(want, got string) {
	c.n++
	if want == got {
		c.tri++
	}
	ws, gs := want == "stated", got == "stated"
	if ws == gs {
		c.bin++
	}
	switch {
	case ws && gs:
		c.tp++
	case gs:
		c.fp++
	case ws:
		c.fn++
	}
}

func (c needCounts) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c needCounts) recall() float64    { return ratio(c.tp, c.tp+c.fn) }
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// needFolds assigns items to k folds stratified by language and label:
// within each (language, label) group, in id order, item i goes to fold
// i mod k.
func needFolds(items []needItem, k int) []int {
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := items[idx[a]], items[idx[b]]
		if x.lang != y.lang {
			return x.lang < y.lang
		}
		if x.need != y.need {
			return x.need < y.need
		}
		return x.id < y.id
	})
	fold := make([]int, len(items))
	group, n := "", 0
	for _, i := range idx {
		if g := items[i].lang + "/" + items[i].need; g != group {
			group, n = g, 0
		}
		fold[i] = n % k
		n++
	}
	return fold
}

// needModelTable logs rules alone, the model alone (at 0.5) and the
// combination (through needWithModel, item i read by models[i]) per
// language, and returns the counts.
func needModelTable(t *testing.T, items []needItem, prob []float64, models []*needModel, title string) map[string]map[string]*needCounts {
	langs := []string{"all", "en", "de", "fr", "es"}
	rows := map[string]map[string]*needCounts{}
	for _, name := range []string{"rules", "model", "combined"} {
		rows[name] = map[string]*needCounts{}
		for _, l := range langs {
			rows[name][l] = &needCounts{}
		}
	}
	for i, it := range items {
		rules := needLabel(it.rules, it.tl)
		model := ""
		if prob[i] >= 0.5 {
			model = "stated"
		}
		// The combination through the code the binary runs.
		comb := needLabel(needWithModel(it.doc, it.tl, it.rules, models[i]), it.tl)
		for _, l := range []string{"all", it.lang} {
			rows["rules"][l].add(it.need, rules)
			rows["model"][l].add(it.need, model)
			rows["combined"][l].add(it.need, comb)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s; acc3 = need accuracy over stated/exploring/\"\", acc2 = stated vs not\n", title)
	for _, name := range []string{"rules", "model", "combined"} {
		for _, l := range langs {
			c := rows[name][l]
			if c.n == 0 {
				continue
			}
			fmt.Fprintf(&b, "%-8s %-3s n=%3d acc3 %.3f acc2 %.3f P %.3f R %.3f\n", name, l, c.n, ratio(c.tri, c.n), ratio(c.bin, c.n), c.precision(), c.recall())
		}
	}
	t.Log(b.String())
	return rows
}

// TestNeedModelOnCorpus prints the same table for the shipped model on
// the corpus named by LEADFLOW_NEED_CORPUS (skipped without it): a
// measurement on data the model was not trained on. Only figures are
// printed, never items.
func TestNeedModelOnCorpus(t *testing.T) {
	path := os.Getenv("LEADFLOW_NEED_CORPUS")
	if path == "" {
		t.Skip("set LEADFLOW_NEED_CORPUS to a labelled JSONL corpus")
	}
	items := loadNeedItems(t, path)
	prob := make([]float64, len(items))
	models := make([]*needModel, len(items))
	for i, it := range items {
		r := shippedNeedModel.read(it.doc)
		prob[i] = r.prob
		if len(r.words) < shippedNeedModel.minWords {
			prob[i] = 0 // the model abstains
		}
		models[i] = shippedNeedModel
	}
	needModelTable(t, items, prob, models, fmt.Sprintf("shipped model on %s (%d items)", path, len(items)))
}

// BenchmarkNeedModel measures the model's reading of one corpus-sized
// text (what the combination adds when the rules find no stated need).
func BenchmarkNeedModel(b *testing.B) {
	d := prepare("Hello,\n\nWe are a regional chain of 14 bakeries. Every evening each shop manager counts what is left on the shelves and emails the numbers to the central office, where someone types them into a spreadsheet the next morning. Orders for the following day are then guessed from that sheet, so some shops throw away trays of bread while others are empty by noon. We would like to see how your planning tool handles this.\n\nBest regards,\nMarta")
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			shippedNeedModel.read(d)
		}
	})
	b.Run("combine", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			needWithModel(d, nil, nil, shippedNeedModel)
		}
	})
}

// needLangs4 are the corpus languages the need measurements report on.
var needLangs4 = []string{"all", "en", "de", "fr", "es"}

// needMadeCounts counts, per language, the texts where the model made the
// answer (the rules gave no stated need, the model one): gold stated
// (right) or not (wrong), and wrong ones the rules had read as exploring.
type needMadeCounts map[string]*[3]int

func (c needMadeCounts) add(lang string, right, overExploring bool) {
	for _, l := range []string{"all", lang} {
		if c[l] == nil {
			c[l] = &[3]int{}
		}
		switch {
		case right:
			c[l][0]++
		default:
			c[l][1]++
		}
		if overExploring {
			c[l][2]++
		}
	}
}

func (c needMadeCounts) String() string {
	var b strings.Builder
	for _, l := range needLangs4 {
		v := c[l]
		if v == nil {
			v = &[3]int{}
		}
		fmt.Fprintf(&b, " %s %d right/%d wrong", l, v[0], v[1])
	}
	return b.String()
}

// TestNeedModelLimits measures, by the same 5-fold cross-validation as
// TestNeedModelCV, per language, the combination's need accuracy over a
// grid of thresholds and minimum lengths, and how often the answers the
// model makes (a stated need the rules did not read) are right; with
// LEADFLOW_NEED_CORPUS set it also counts, for the shipped model and
// limits on that corpus, the model's answers right and wrong per
// language (LEADFLOW_NEED_LIMITS=1 go test -v -run TestNeedModelLimits).
// Only figures are printed, never items.
func TestNeedModelLimits(t *testing.T) {
	if os.Getenv("LEADFLOW_NEED_LIMITS") == "" {
		t.Skip("set LEADFLOW_NEED_LIMITS=1 to measure the need model's threshold and minimum length per language")
	}
	items := loadNeedItems(t, needModelCorpus)
	const k = 5
	fold := needFolds(items, k)
	prob := make([]float64, len(items))
	nwords := make([]int, len(items))
	for f := range k {
		var train []needItem
		for i, it := range items {
			if fold[i] != f {
				train = append(train, it)
			}
		}
		m := toNeedModel(trainNeedModel(train))
		for i, it := range items {
			if fold[i] == f {
				r := m.read(it.doc)
				prob[i], nwords[i] = r.prob, len(r.words)
			}
		}
	}
	// The combination as needWithModel makes it, from the CV
	// probabilities: the rules' answer unless they read no answer and
	// the model speaks.
	answer := func(i int, th float64, minWords int) (label string, made bool) {
		it := items[i]
		if it.rules != nil && it.rules.Confidence >= AnswerThreshold {
			return needLabel(it.rules, it.tl), false
		}
		if prob[i] >= th && nwords[i] >= minWords {
			return "stated", true
		}
		return needLabel(it.rules, it.tl), false
	}
	var b strings.Builder
	b.WriteString("5-fold CV on tune, combination accuracy per language (threshold x minimum words):\n")
	fmt.Fprintf(&b, "%-12s", "th/min")
	for _, l := range needLangs4 {
		fmt.Fprintf(&b, " %6s", l)
	}
	b.WriteString("\n")
	for _, minWords := range []int{0, 12, 18, 23, 28, 35} {
		for step := 55; step <= 85; step += 2 {
			th := float64(step) / 100
			acc := accRow{}
			for i, it := range items {
				l, _ := answer(i, th, minWords)
				acc.add(it.lang, l == it.need)
			}
			mark := ""
			if minWords == needModelMinWords && math.Abs(th-needModelThreshold) < 1e-9 {
				mark = "  <- shipped"
			}
			fmt.Fprintf(&b, "%.2f/%-7d", th, minWords)
			for _, l := range needLangs4 {
				c := acc[l]
				fmt.Fprintf(&b, " %6.3f", ratio(c[0], c[1]))
			}
			b.WriteString(mark + "\n")
		}
	}
	made := needMadeCounts{}
	for i, it := range items {
		if l, ok := answer(i, needModelThreshold, needModelMinWords); ok {
			made.add(it.lang, l == it.need, false)
		}
	}
	fmt.Fprintf(&b, "model-made stated answers at the shipped limits, CV:%s\n", made)
	t.Log(b.String())

	path := os.Getenv("LEADFLOW_NEED_CORPUS")
	if path == "" {
		return
	}
	made = needMadeCounts{}
	// Where the rules read exploring, what the model would say if it were
	// let overrule them (it is not: needWithModel keeps exploring).
	overExpl := needMadeCounts{}
	for _, it := range loadNeedItems(t, path) {
		comb := needWithModel(it.doc, it.tl, it.rules, shippedNeedModel)
		if comb != it.rules {
			made.add(it.lang, needLabel(comb, it.tl) == it.need, false)
		}
		if needLabel(it.rules, it.tl) == "exploring" {
			r := shippedNeedModel.read(it.doc)
			if r.prob >= needModelThreshold && len(r.words) >= shippedNeedModel.minWords {
				overExpl.add(it.lang, it.need == "stated", false)
			}
		}
	}
	t.Logf("shipped model on %s: its stated answers:%s\n  had it overruled exploring:%s", path, made, overExpl)

	// The same count at other limits: which of the model's answers a
	// higher threshold or a longer minimum would have kept.
	var sw strings.Builder
	corpus := loadNeedItems(t, path)
	for _, minWords := range []int{0, needModelMinWords, 35} {
		for _, th := range []float64{0.6, 0.65, needModelThreshold, 0.75, 0.8, 0.85} {
			made := needMadeCounts{}
			for _, it := range corpus {
				if it.rules != nil && it.rules.Confidence >= AnswerThreshold {
					continue
				}
				r := shippedNeedModel.read(it.doc)
				if r.prob >= th && len(r.words) >= minWords {
					made.add(it.lang, it.need == "stated", false)
				}
			}
			fmt.Fprintf(&sw, "  th %.2f min %2d:%s\n", th, minWords, made)
		}
	}
	t.Logf("model-made answers on %s at other limits:\n%s", path, sw.String())
}
