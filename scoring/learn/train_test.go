package learn

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTrainLearnsKnownSignal(t *testing.T) {
	t.Parallel()
	d, s := loadSynthetic(t, 6000, 1)
	train, test := d.Split(0.25, 1)
	m, err := Train(train, fastOptions(1))
	require.NoError(t, err)
	r := Evaluate(m, test)

	// The best any model can do is the generating logit itself.
	idx := map[string]int{}
	for i, id := range d.IDs {
		idx[id] = i
	}
	oracle := make([]float64, test.Len())
	for i, id := range test.IDs {
		oracle[i] = sigmoid(s.logit[idx[id]])
	}
	best := EvaluateScores(oracle, test.Labels)
	t.Logf("model AUC %.4f, oracle AUC %.4f, log loss %.4f vs %.4f", r.AUC, best.AUC, r.LogLoss, best.LogLoss)
	require.Greater(t, r.AUC, best.AUC-0.02)
	require.Less(t, r.LogLoss, best.LogLoss+0.03)

	// The shapes recover the generating effects: older leads convert
	// more, and ads convert less than partners.
	p := func(x Example) float64 { return m.Predict(x).Logit }
	base := Example{"visits": "2", "lead source": "search", "plan": "pro", "noise": "0"}
	older := Example{"age": "60", "visits": "2", "lead source": "search", "plan": "pro", "noise": "0"}
	younger := Example{"age": "25", "visits": "2", "lead source": "search", "plan": "pro", "noise": "0"}
	require.Greater(t, p(older)-p(younger), 0.6)
	withSource := func(src string) Example {
		x := Example{}
		for k, v := range base {
			x[k] = v
		}
		x["lead source"] = src
		return x
	}
	require.Greater(t, p(withSource("partner"))-p(withSource("ads")), 1.0)
	// The planted interaction (enterprise only converts via partners) is
	// among the selected pairs.
	found := false
	for _, pr := range m.Pairs {
		a, b := m.Features[pr.Features[0]].Name, m.Features[pr.Features[1]].Name
		if (a == "plan" && b == "lead source") || (a == "lead source" && b == "plan") {
			found = true
		}
	}
	require.True(t, found, "plan × lead source interaction not selected: %s", m)
}

func TestPredictDecomposesExactly(t *testing.T) {
	t.Parallel()
	d, _ := loadSynthetic(t, 1500, 2)
	m, err := Train(d, fastOptions(2))
	require.NoError(t, err)
	require.NotEmpty(t, m.Pairs)
	fast := m.Logits(d)
	for i := 0; i < d.Len(); i++ {
		p := m.Predict(d.Example(i))
		sum := p.Intercept
		for k, c := range p.Contributions {
			sum += c.Logit
			if k > 0 {
				require.GreaterOrEqual(t, math.Abs(p.Contributions[k-1].Logit), math.Abs(c.Logit), "sorted by |logit|")
			}
		}
		require.Equal(t, p.Logit, sum, "row %d: intercept + contributions must equal the logit exactly", i)
		require.Equal(t, sigmoid(p.Logit), p.Probability)
		require.InDelta(t, fast[i], p.Logit, 1e-9, "batch and single predictions agree")
		require.Len(t, p.Contributions, len(m.Features)+len(m.Pairs))
	}
}

func TestTermsAreCentredAndPurified(t *testing.T) {
	t.Parallel()
	d, _ := loadSynthetic(t, 2000, 3)
	m, err := Train(d, fastOptions(3))
	require.NoError(t, err)
	for _, f := range m.Features {
		var sum float64
		n := 0
		for b, c := range f.Counts {
			sum += float64(c) * f.Scores[b]
			n += c
		}
		require.InDelta(t, 0, sum/float64(n), 1e-9, "feature %s not centred", f.Name)
	}
	// A purified pair has zero training-weighted mean along every row.
	bins := m.datasetBins(d)
	for _, p := range m.Pairs {
		rowSum := make([]float64, p.Sizes[0])
		for r := 0; r < d.Len(); r++ {
			b0, b1 := int(bins[p.Features[0]][r]), int(bins[p.Features[1]][r])
			rowSum[p.Axes[0][b0]] += p.Scores[p.cell(b0, b1)]
		}
		for a, s := range rowSum {
			require.InDelta(t, 0, s/float64(d.Len()), 1e-6, "pair row %d not purified", a)
		}
	}
}

func TestTrainIsDeterministic(t *testing.T) {
	t.Parallel()
	d, _ := loadSynthetic(t, 1500, 4)
	o := fastOptions(42)
	o.Parallelism = 1
	a, err := Train(d, o)
	require.NoError(t, err)
	o.Parallelism = 3
	b, err := Train(d, o)
	require.NoError(t, err)
	ja, err := json.Marshal(a)
	require.NoError(t, err)
	jb, err := json.Marshal(b)
	require.NoError(t, err)
	require.Equal(t, a.Version, b.Version)
	require.JSONEq(t, string(ja), string(jb))

	o.Seed = 43
	c, err := Train(d, o)
	require.NoError(t, err)
	require.NotEqual(t, a.Version, c.Version)
}

func TestMissingRareAndUnseenValues(t *testing.T) {
	t.Parallel()
	d, _ := loadSynthetic(t, 3000, 5)
	m, err := Train(d, fastOptions(5))
	require.NoError(t, err)

	var src, plan *Feature
	for i := range m.Features {
		switch m.Features[i].Name {
		case "lead source":
			src = &m.Features[i]
		case "plan":
			plan = &m.Features[i]
		}
	}
	require.NotNil(t, src)
	require.NotNil(t, plan)
	for lv := range src.Levels {
		require.False(t, strings.HasPrefix(lv, "odd-"), "rare level %q got its own bin", lv)
	}
	require.Greater(t, src.Counts[binOther], 0, "rare values pooled into other")
	// The generator penalises a skipped plan by 0.7 logits.
	require.Less(t, plan.Scores[binMissing], plan.Scores[plan.Levels["pro"]]-0.3)

	row := Example{"age": "50", "visits": "3", "lead source": "search", "noise": "0.1"}
	absent := m.Predict(row)
	for _, tok := range []string{"", "Select", "  select ", "N/A", "null"} {
		x := Example{"plan": tok}
		for k, v := range row {
			x[k] = v
		}
		require.Equal(t, absent.Logit, m.Predict(x).Logit, "token %q must read as missing", tok)
	}
	contrib := func(p Prediction, name string) FeatureContribution {
		for _, c := range p.Contributions {
			if c.Feature == name {
				return c
			}
		}
		t.Fatalf("no contribution for %s", name)
		return FeatureContribution{}
	}
	require.Equal(t, missingValue, contrib(absent, "plan").Value)
	require.Equal(t, plan.Scores[binMissing], contrib(absent, "plan").Logit)

	// A never-seen source scores like the pooled rare sources.
	unseen := Example{"lead source": "tiktok"}
	for k, v := range row {
		if k != "lead source" {
			unseen[k] = v
		}
	}
	require.Equal(t, src.Scores[binOther], contrib(m.Predict(unseen), "lead source").Logit)
	// Non-numeric text in a numeric field is treated as missing, not an
	// error: live leads are messy.
	bad := Example{"age": "fifty"}
	require.Equal(t, m.Predict(Example{}).Logit, m.Predict(bad).Logit)
}

func TestModelJSONRoundTrip(t *testing.T) {
	t.Parallel()
	d, _ := loadSynthetic(t, 1500, 6)
	m, err := Train(d, fastOptions(6))
	require.NoError(t, err)
	raw, err := json.Marshal(m)
	require.NoError(t, err)
	var back Model
	require.NoError(t, json.Unmarshal(raw, &back))
	require.Equal(t, m.Version, back.Version)
	v, err := back.computeVersion()
	require.NoError(t, err)
	require.Equal(t, m.Version, v, "version is a content hash that survives storage")
	for i := 0; i < d.Len(); i += 7 {
		x := d.Example(i)
		require.Equal(t, m.Predict(x), back.Predict(x))
	}
	require.Equal(t, m.Importance(), back.Importance())
}

func TestModelJSONRejectsCorruption(t *testing.T) {
	t.Parallel()
	d, _ := loadSynthetic(t, 800, 7)
	m, err := Train(d, fastOptions(7))
	require.NoError(t, err)
	tests := []struct {
		name   string
		mutate func(m *Model)
		want   string
	}{
		{name: "scores shorter than cuts", mutate: func(m *Model) {
			for i := range m.Features {
				if m.Features[i].Kind == KindNumeric {
					m.Features[i].Scores = m.Features[i].Scores[:1]
					return
				}
			}
		}, want: "scores for"},
		{name: "level beyond scores", mutate: func(m *Model) {
			for i := range m.Features {
				if m.Features[i].Kind == KindCategorical {
					m.Features[i].Levels["x"] = 999
					return
				}
			}
		}, want: "has bin 999"},
		{name: "pair names unknown feature", mutate: func(m *Model) { m.Pairs[0].Features[1] = 99 }, want: "names feature 99"},
		{name: "unknown kind", mutate: func(m *Model) { m.Features[0].Kind = "colour" }, want: `unknown kind "colour"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := json.Marshal(m)
			require.NoError(t, err)
			var c Model
			require.NoError(t, json.Unmarshal(raw, &c))
			tt.mutate(&c)
			raw, err = json.Marshal(&c)
			require.NoError(t, err)
			var back Model
			require.ErrorContains(t, json.Unmarshal(raw, &back), tt.want)
		})
	}
}

func TestTrainErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		csv  string
		want error
		msg  string
	}{
		{name: "only won rows", csv: "x,won\n1,1\n2,1\n", want: ErrOneClass},
		{name: "only constant columns", csv: "x,won\na,1\na,0\n", msg: "no usable feature columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := LoadCSV(strings.NewReader(tt.csv), LoadOptions{Label: "won", Positive: "1"})
			require.NoError(t, err)
			_, err = Train(d, TrainOptions{})
			if tt.want != nil {
				require.True(t, errors.Is(err, tt.want), "got %v", err)
			} else {
				require.ErrorContains(t, err, tt.msg)
			}
		})
	}
}

func TestTrainTinyData(t *testing.T) {
	t.Parallel()
	// A handful of rows must still give a usable (if humble) model.
	d, err := LoadCSV(strings.NewReader("src,n,won\na,1,1\nb,2,0\na,3,1\nb,4,0\nc,,1\n"), LoadOptions{Label: "won", Positive: "1"})
	require.NoError(t, err)
	m, err := Train(d, TrainOptions{Seed: 1})
	require.NoError(t, err)
	p := m.Predict(Example{"src": "a", "n": "2"})
	require.Greater(t, p.Probability, 0.0)
	require.Less(t, p.Probability, 1.0)
}
