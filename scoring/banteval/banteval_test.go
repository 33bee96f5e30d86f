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
	for _, name := range []string{"tune.jsonl", "holdout.jsonl", "holdout2.jsonl", "holdout3.jsonl"} {
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
			require.Positive(t, perLang[l], "%s has %s items", name, l)
		}
	}
}

// TestHoldoutAccuracy measures the text reader on the three held-out sets
// (the corpus's held-out third and two later batches, see the corpus
// README), which no rule or model is tuned on, and fails if any dimension
// falls below the floor all three reached on 2026-12-07 (see
// docs/scoring.md). The floors guard against regressions; the target of
// issue 17 is 0.85 for every dimension and language, which authority,
// need and timeline do not reach in every language yet. Only the
// aggregate figures are printed: reading the held-out misses would make
// them tuning data.
func TestHoldoutAccuracy(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"holdout.jsonl", "holdout2.jsonl", "holdout3.jsonl"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			requireHoldoutFloors(t, filepath.Join("..", "bant", "testdata", "corpus", name))
		})
	}
}

// requireHoldoutFloors evaluates one held-out file against the floors.
func requireHoldoutFloors(t *testing.T, path string) {
	items, err := banteval.Load(path)
	require.NoError(t, err)
	r := banteval.Evaluate(items)
	var out bytes.Buffer
	require.NoError(t, r.WriteText(&out, false))
	t.Log("\n" + out.String())

	floors := map[string]struct{ all, perLang float64 }{
		banteval.Budget:    {0.92, 0.90},
		banteval.Authority: {0.82, 0.78},
		banteval.Need:      {0.82, 0.80},
		banteval.Timeline:  {0.82, 0.75},
	}
	for dim, f := range floors {
		require.GreaterOrEqual(t, r.Accuracy[dim]["all"].Accuracy(), f.all, "%s accuracy on the held-out set", dim)
		for _, l := range banteval.Languages {
			require.GreaterOrEqual(t, r.Accuracy[dim][l].Accuracy(), f.perLang, "%s accuracy in %s on the held-out set", dim, l)
		}
	}
	require.GreaterOrEqual(t, r.NeedRecall, 0.85, "recall of stated needs")
	require.GreaterOrEqual(t, r.NeedPrecision, 0.90, "precision of stated needs")
}
