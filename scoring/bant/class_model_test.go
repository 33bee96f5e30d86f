package bant

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"leadflow/scoring/bant/internal/modeltrain"
)

var retrainClassModels = flag.Bool("retrain-class-models", false, "retrain the shipped class models (authority, timeline) from testdata/corpus/tune.jsonl and rewrite their *_model_weights.json")

// classModelConfig is the training configuration of the authority and
// timeline models: need's, with half the buckets (five classes make the
// weights five times as many; 2^14 gained about one point of CV accuracy)
// and a tenth of the L2 penalty (CV accuracy alone: authority 0.59 →
// 0.64, timing 0.68 → 0.71; 3e-5 and 800 iterations gained nothing more).
var classModelConfig = func() modeltrain.Config {
	c := modeltrain.Defaults
	c.Buckets = 1 << 13
	c.Lambda = 1e-4
	return c
}()

// classItem is one labelled corpus item as the class models' tests read
// it: the labels, the rules' readings and the feature hashes.
type classItem struct {
	id, lang            string
	authority, timeline string
	need                string
	doc                 *doc
	rulesAuth           *Authority
	rulesTl             *Timeline
	hashes              []uint32
	// roleHashes are hashes plus modelRoleFeatures.
	roleHashes []uint32
}

func loadClassItems(t testing.TB, path string) []classItem {
	t.Helper()
	var items []classItem
	readCorpus(t, path, func(raw corpusLine) {
		d := prepare(raw.Text)
		items = append(items, classItem{id: raw.ID, lang: raw.Lang, authority: raw.Authority, timeline: raw.Timeline, need: raw.Need, doc: d,
			rulesAuth: extractAuthority(d), rulesTl: extractTimelineRules(d, raw.Received), hashes: modelFeatureHashes(d.lower),
			roleHashes: modelRoleFeatureHashes(d.lower)})
	})
	return items
}

// classDim is one learned model: what it predicts and how its answer is
// combined with the rules.
type classDim struct {
	name    string
	file    string // weights file; "" for a variant that is only measured
	classes []string
	// label is the item's class for this model (a corpus label, or
	// timing for any horizon in the timing model).
	label func(classItem) string
	// answer is the corpus label the rules, or the rules with model m
	// under policy p, give the item.
	rules  func(classItem) string
	answer func(classItem, *classModel, classPolicy) string
	// gold is the corpus label the combination is judged against.
	gold func(classItem) string
	// role trains on modelRoleFeatures too.
	role bool
}

func authorityAnswer(a *Authority) string {
	_, l, _, _ := Signals{Authority: a}.Answers()
	return l
}

func timelineAnswer(t *Timeline) string {
	_, _, _, l := Signals{Timeline: t}.Answers()
	return l
}

var classDims = []classDim{
	{
		name: "authority", file: "authority_model_weights.json", classes: authorityClasses, role: true,
		label: func(it classItem) string { return it.authority },
		rules: func(it classItem) string { return authorityAnswer(it.rulesAuth) },
		answer: func(it classItem, m *classModel, p classPolicy) string {
			return authorityAnswer(authorityWithModel(it.doc, it.rulesAuth, m, p))
		},
		gold: func(it classItem) string { return it.authority },
	},
	{
		// Measured beside the shipped model: the shared word features
		// alone, without modelRoleFeatures (CV 0.687 against 0.705).
		name: "authority-words", classes: authorityClasses,
		label: func(it classItem) string { return it.authority },
		rules: func(it classItem) string { return authorityAnswer(it.rulesAuth) },
		answer: func(it classItem, m *classModel, p classPolicy) string {
			return authorityAnswer(authorityWithModel(it.doc, it.rulesAuth, m, p))
		},
		gold: func(it classItem) string { return it.authority },
	},
	{
		name: "timeline", file: "timeline_model_weights.json", classes: timelineClasses,
		label: func(it classItem) string {
			if it.timeline == "" || it.timeline == "no_timeline" {
				return it.timeline
			}
			return timelineTiming
		},
		rules: func(it classItem) string { return timelineAnswer(it.rulesTl) },
		answer: func(it classItem, m *classModel, p classPolicy) string {
			return timelineAnswer(timelineWithModel(it.doc, it.rulesTl, m, p))
		},
		gold: func(it classItem) string { return it.timeline },
	},
	{
		// The need model's exploring reading (needExploringWithModel):
		// where the rules and the stated-need model give no answer.
		name: "need", file: "need_class_model_weights.json", classes: needClasses,
		label: func(it classItem) string { return it.need },
		rules: func(it classItem) string {
			return needLabel(needWithModel(it.doc, it.rulesTl, extractNeedRules(it.doc, it.rulesTl), shippedNeedModel), it.rulesTl)
		},
		answer: func(it classItem, m *classModel, p classPolicy) string {
			n := needWithModel(it.doc, it.rulesTl, extractNeedRules(it.doc, it.rulesTl), shippedNeedModel)
			return needLabel(needExploringWithModel(it.doc, n, m, p), it.rulesTl)
		},
		gold: func(it classItem) string { return it.need },
	},
	{
		// The direct idea, measured beside the timing model: the five
		// corpus labels from words alone.
		name: "timeline5", classes: []string{"", "this_month", "this_quarter", "this_year", "no_timeline"},
		label: func(it classItem) string { return it.timeline },
		rules: func(it classItem) string { return timelineAnswer(it.rulesTl) },
		answer: func(it classItem, m *classModel, p classPolicy) string {
			return timelineAnswer(timelineWithModel(it.doc, it.rulesTl, m, p))
		},
		gold: func(it classItem) string { return it.timeline },
	},
}

func (dim classDim) train(items []classItem) modeltrain.SoftmaxModel {
	index := map[string]int{}
	for c, l := range dim.classes {
		index[l] = c
	}
	ex := make([]modeltrain.ClassExample, len(items))
	for i, it := range items {
		c, ok := index[dim.label(it)]
		if !ok {
			panic("class model " + dim.name + ": unknown label " + dim.label(it))
		}
		ex[i] = modeltrain.ClassExample{Buckets: it.hashes, Class: c}
		if dim.role {
			ex[i].Buckets = it.roleHashes
		}
	}
	return modeltrain.TrainSoftmax(ex, len(dim.classes), classModelConfig)
}

// roundedClassWeight is the precision the weights files keep.
func roundedClassWeight(w float64) float64 { return math.Round(w*1e6) / 1e6 }

func toClassModel(m modeltrain.SoftmaxModel, classes []string, role bool) *classModel {
	nb := len(m.Weights[0])
	cm := &classModel{role: role, classes: classes, buckets: nb, bias: make([]float32, len(classes)), weights: make([]float32, len(classes)*nb)}
	for c := range classes {
		cm.bias[c] = float32(roundedClassWeight(m.Bias[c]))
		for h, w := range m.Weights[c] {
			cm.weights[c*nb+h] = float32(roundedClassWeight(w))
		}
	}
	return cm
}

func writeClassModel(path string, m modeltrain.SoftmaxModel, classes []string, role bool) error {
	var b strings.Builder
	cl, err := json.Marshal(classes)
	if err != nil {
		return fmt.Errorf("class names: %w", err)
	}
	fmt.Fprintf(&b, "{\"classes\":%s,\"buckets\":%d,\"bias\":[", cl, len(m.Weights[0]))
	for c, v := range m.Bias {
		if c > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatFloat(roundedClassWeight(v), 'f', -1, 64))
	}
	b.WriteString("],\"weights\":[")
	for c, ws := range m.Weights {
		if c > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n[")
		for i, w := range ws {
			if i > 0 {
				b.WriteByte(',')
			}
			if i%32 == 0 {
				b.WriteByte('\n')
			}
			b.WriteString(strconv.FormatFloat(roundedClassWeight(w), 'f', -1, 64))
		}
		b.WriteString("\n]")
	}
	b.WriteString("\n]")
	if role {
		fmt.Fprintf(&b, ",\"features\":%q", classFeaturesRole)
	}
	b.WriteString("}\n")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// classFolds assigns items to k folds stratified by language and label:
// within each (language, label) group, in id order, item i goes to fold
// i mod k.
func classFolds(items []classItem, label func(classItem) string, k int) []int {
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	key := func(i int) string { return items[i].lang + "/" + label(items[i]) }
	sort.SliceStable(idx, func(a, b int) bool {
		if ka, kb := key(idx[a]), key(idx[b]); ka != kb {
			return ka < kb
		}
		return items[idx[a]].id < items[idx[b]].id
	})
	fold := make([]int, len(items))
	group, n := "", 0
	for _, i := range idx {
		if g := key(i); g != group {
			group, n = g, 0
		}
		fold[i] = n % k
		n++
	}
	return fold
}

var classLangs = []string{"all", "en", "de", "fr", "es"}

// accRow counts correct answers per language.
type accRow map[string][2]int

func (r accRow) add(lang string, ok bool) {
	for _, l := range []string{"all", lang} {
		c := r[l]
		c[1]++
		if ok {
			c[0]++
		}
		r[l] = c
	}
}

func (r accRow) String() string {
	var b strings.Builder
	for _, l := range classLangs {
		c := r[l]
		fmt.Fprintf(&b, " %s %.3f (%3d/%3d)", l, ratio(c[0], c[1]), c[0], c[1])
	}
	return b.String()
}

// classPolicies are the combinations measured: policy a (model only
// where the rules give nothing) and b (a, plus overriding a rules answer
// below a confidence), each at a range of thresholds.
func classPolicies() (names []string, ps []classPolicy) {
	for _, mw := range []int{12, 18, 23, 30} {
		for th := 40; th <= 80; th += 5 {
			names = append(names, fmt.Sprintf("a min%d th%.2f", mw, float64(th)/100))
			ps = append(ps, classPolicy{threshold: float64(th) / 100, minWords: mw})
		}
	}
	for _, o := range []float64{0, 0.6, 0.7, 0.8} {
		for th := 40; th <= 95; th += 5 {
			name := fmt.Sprintf("a th%.2f", float64(th)/100)
			if o > 0 {
				name = fmt.Sprintf("b<%.1f th%.2f", o, float64(th)/100)
			}
			names = append(names, name)
			ps = append(ps, classPolicy{threshold: float64(th) / 100, override: o})
		}
	}
	return names, ps
}

// TestClassModelOnCorpus trains each class model on tune and measures,
// on the corpus named by LEADFLOW_CLASS_CORPUS (skipped without it), the
// rules alone, the model alone and every policy, per language. Only
// figures are printed, never items.
func TestClassModelOnCorpus(t *testing.T) {
	path := os.Getenv("LEADFLOW_CLASS_CORPUS")
	if path == "" {
		t.Skip("set LEADFLOW_CLASS_CORPUS to a labelled JSONL corpus")
	}
	tune := loadClassItems(t, needModelCorpus)
	items := loadClassItems(t, path)
	names, ps := classPolicies()
	for _, dim := range classDims {
		if !classDimWanted(dim) {
			continue
		}
		m := toClassModel(dim.train(tune), dim.classes, dim.role)
		rules, model := accRow{}, accRow{}
		combos := make([]accRow, len(ps))
		for i := range combos {
			combos[i] = accRow{}
		}
		for _, it := range items {
			rules.add(it.lang, dim.rules(it) == dim.gold(it))
			r := m.read(it.doc)
			model.add(it.lang, m.classes[r.best] == dim.label(it))
			for i, p := range ps {
				combos[i].add(it.lang, dim.answer(it, m, p) == dim.gold(it))
			}
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s on %s (%d items)\n  %-14s%s\n  %-14s%s\n", dim.name, path, len(items), "rules", rules, "model alone", model)
		for i, name := range names {
			fmt.Fprintf(&b, "  %-14s%s\n", name, combos[i])
		}
		t.Log(b.String())
	}
}

// classDimWanted reports whether a measurement runs dim: all of them, or
// those LEADFLOW_CLASS_DIMS names (comma-separated).
func classDimWanted(dim classDim) bool {
	want := os.Getenv("LEADFLOW_CLASS_DIMS")
	return want == "" || strings.Contains(","+want+",", ","+dim.name+",")
}
