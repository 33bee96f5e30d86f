package banteval_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/scoring/banteval"
)

func TestReadRejectsWhatWouldCountAsAMiss(t *testing.T) {
	t.Parallel()
	ok := `{"id":"en-1","lang":"en","received":"2026-07-01T09:00:00Z","text":"We have $30k.","budget":"10k_50k","authority":"","need":"","timeline":"","why":""}`
	tests := []struct {
		name, input, wantErr string
	}{
		{"unknown key", strings.Replace(ok, `"why"`, `"whyy"`, 1), `unknown field "whyy"`},
		{"unknown label", strings.Replace(ok, `"10k_50k"`, `"10-50k"`, 1), `budget label "10-50k"`},
		{"unknown language", strings.Replace(ok, `"lang":"en"`, `"lang":"it"`, 1), `lang "it"`},
		{"no time", strings.Replace(ok, `"2026-07-01T09:00:00Z"`, `"0001-01-01T00:00:00Z"`, 1), "received is missing"},
		{"empty text", strings.Replace(ok, `"We have $30k."`, `" "`, 1), "text is empty"},
		{"duplicate id", ok + "\n" + ok, `line 2: id "en-1" already used on line 1`},
		{"nothing", "\n\n", "no items"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := banteval.Read(strings.NewReader(tt.input))
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
	items, err := banteval.Read(strings.NewReader("\n" + ok + "\n"))
	require.NoError(t, err)
	require.Len(t, items, 1)
	require.Equal(t, "10k_50k", items[0].Budget)
}

func TestEvaluateCountsPerDimensionAndLanguage(t *testing.T) {
	t.Parallel()
	corpus := `{"id":"en-1","lang":"en","received":"2026-07-01T09:00:00Z","text":"Our budget is $30,000 a year.","budget":"10k_50k","authority":"","need":"","timeline":""}
{"id":"en-2","lang":"en","received":"2026-07-01T09:00:00Z","text":"Hello, please send the brochure.","budget":"over_50k","authority":"","need":"","timeline":""}`
	items, err := banteval.Read(strings.NewReader(corpus))
	require.NoError(t, err)
	r := banteval.Evaluate(items)
	require.Equal(t, 2, r.Items)
	require.Equal(t, banteval.Cell{N: 2, Correct: 1}, r.Accuracy["budget"]["all"])
	require.Equal(t, banteval.Cell{N: 2, Correct: 2}, r.Accuracy["need"]["en"])
	require.Equal(t, []banteval.Miss{{ID: "en-2", Lang: "en", Dimension: "budget", Want: "over_50k", Got: ""}}, r.Misses)

	var out bytes.Buffer
	require.NoError(t, r.WriteText(&out, true))
	require.Contains(t, out.String(), "budget             0.50         0.50")
	require.Contains(t, out.String(), "en-2 budget: over_50k -> \"\"")
}

// TestCorpusFilesParse keeps the committed corpus loadable: a label typo
// would otherwise count as a miss forever.
func TestCorpusFilesParse(t *testing.T) {
	t.Parallel()
	for _, name := range append([]string{"tune.jsonl", "round9.jsonl"}, heldOut...) {
		germanOnly := name == "round9.jsonl" // round nine's batches were written in German only
		path := filepath.Join("..", "bant", "testdata", "corpus", name)
		_, err := os.Stat(path)
		require.NoError(t, err)
		items, err := banteval.Load(path)
		require.NoError(t, err)
		perLang := map[string]int{}
		for _, it := range items {
			perLang[it.Lang]++
		}
		for _, l := range banteval.Languages {
			if germanOnly && l != "de" {
				continue
			}
			require.Positive(t, perLang[l], "%s has %s items", name, l)
		}
	}
}

// heldOut are the corpus's held-out sets (see its README): the hash third
// of the first batch and seven later batches, none of which any rule or
// model is tuned on.
var heldOut = []string{"holdout.jsonl", "holdout2.jsonl", "holdout3.jsonl", "holdout4.jsonl", "holdout5.jsonl", "holdout6.jsonl", "holdout7.jsonl", "holdout8.jsonl"}

// TestHoldoutAccuracy measures the text reader on each held-out set and
// fails if any dimension falls below the floor all eight reached on
// 2026-12-08 (see docs/scoring.md): a regression guard that also holds
// issue 17's target on every set alone — at least 0.85 in every language
// for every dimension. Only the aggregate
// figures are printed: reading the held-out misses would make them tuning
// data.
func TestHoldoutAccuracy(t *testing.T) {
	t.Parallel()
	for _, name := range heldOut {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			items, err := banteval.Load(filepath.Join("..", "bant", "testdata", "corpus", name))
			require.NoError(t, err)
			requireAccuracy(t, items, map[string]floor{
				banteval.Budget:    {0.92, 0.87},
				banteval.Authority: {0.87, 0.85},
				banteval.Need:      {0.88, 0.85},
				banteval.Timeline:  {0.88, 0.85},
			}, 0.90, 0.93)
		})
	}
}

// TestHoldoutTarget holds issue 17's target on all held-out inquiries
// together (1,280, 320 per language, where one set's 40 per language move
// by 2.5 points per item): accuracy of at least 0.85 for every dimension,
// overall and per language, and stated-need recall of at least 0.8 at
// precision of at least 0.85.
func TestHoldoutTarget(t *testing.T) {
	t.Parallel()
	var all []banteval.Item
	for _, name := range heldOut {
		items, err := banteval.Load(filepath.Join("..", "bant", "testdata", "corpus", name))
		require.NoError(t, err)
		all = append(all, items...)
	}
	target := floor{0.85, 0.85}
	requireAccuracy(t, all, map[string]floor{
		banteval.Budget: target, banteval.Authority: target, banteval.Need: target, banteval.Timeline: target,
	}, 0.80, 0.85)
}

// floor is the lowest accuracy accepted overall and in each language.
type floor struct{ all, perLang float64 }

// requireAccuracy evaluates items against floors per dimension and the
// stated need's recall and precision.
func requireAccuracy(t *testing.T, items []banteval.Item, floors map[string]floor, recall, precision float64) {
	t.Helper()
	r := banteval.Evaluate(items)
	var out bytes.Buffer
	require.NoError(t, r.WriteText(&out, false))
	t.Log("\n" + out.String())
	for dim, f := range floors {
		require.GreaterOrEqual(t, r.Accuracy[dim]["all"].Accuracy(), f.all, "%s accuracy on held-out inquiries", dim)
		for _, l := range banteval.Languages {
			require.GreaterOrEqual(t, r.Accuracy[dim][l].Accuracy(), f.perLang, "%s accuracy in %s on held-out inquiries", dim, l)
		}
	}
	require.GreaterOrEqual(t, r.NeedRecall, recall, "recall of stated needs")
	require.GreaterOrEqual(t, r.NeedPrecision, precision, "precision of stated needs")
}
