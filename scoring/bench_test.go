package scoring_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/scoring"
	"leadflow/scoring/learn"
)

// BenchmarkScore measures scoring throughput in contacts per second over
// the golden inputs (a mix of form answers, messages for BANT text
// extraction, engagements and firmographics), with the default rules:
//
//   - rules: fit + engagement, the path with no learned model active;
//   - rules+learned: the same plus a learned.Model prediction per contact
//     (Predict included, as the worker would run it), from a tiny model
//     trained on synthetic data in the setup.
//
// Run: go test ./scoring -run '^$' -bench BenchmarkScore -benchmem
func BenchmarkScore(b *testing.B) {
	cases := loadGoldenInputs(b)
	inputs := make([]scoring.Input, len(cases))
	for i, c := range cases {
		inputs[i] = c.Input
		inputs[i].Learned = nil
	}
	rules := scoring.DefaultRules()
	require.NoError(b, rules.Validate())
	model := trainTinyModel(b)

	run := func(b *testing.B, learned bool) {
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			in := inputs[n%len(inputs)]
			if learned {
				p := model.Predict(exampleOf(in))
				in.Learned, in.LearnedVersion = &p, model.Version
			}
			_ = scoring.Score(in, rules, now)
			n++
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "contacts/s")
	}
	b.Run("rules", func(b *testing.B) { run(b, false) })
	b.Run("rules+learned", func(b *testing.B) { run(b, true) })
}

// exampleOf is the learned model's view of a contact: the columns the
// tiny model was trained on.
func exampleOf(in scoring.Input) learn.Example {
	size := ""
	if v, ok := in.Lead.Attributes["company_size"].(string); ok {
		size = v
	}
	return learn.Example{
		"source":       in.Lead.Source,
		"title":        in.Lead.Title,
		"company_size": size,
		"visits":       fmt.Sprint(len(in.Engagements)),
	}
}

// trainTinyModel trains a small model on 2,000 synthetic leads whose
// win odds depend on source, title and visits.
func trainTinyModel(tb testing.TB) *learn.Model {
	tb.Helper()
	rng := rand.New(rand.NewPCG(7, 7))
	sources := []string{"referral", "webinar", "website-contact-form", "newsletter", "linkedin-form"}
	titles := []string{"CEO", "VP Sales", "Marketing Manager", "Analyst", ""}
	sizes := []string{"1-10", "11-50", "51-200", "201-1000", "1000+"}
	var b strings.Builder
	b.WriteString("source,title,company_size,visits,won\n")
	for range 2000 {
		si, ti, vi := rng.IntN(len(sources)), rng.IntN(len(titles)), rng.IntN(10)
		z := -1.5 + 0.6*float64(len(sources)-si)/2 - 0.4*float64(ti) + 0.2*float64(vi)
		won := 0
		if rng.Float64() < 1/(1+math.Exp(-z)) {
			won = 1
		}
		fmt.Fprintf(&b, "%s,%s,%s,%d,%d\n", sources[si], titles[ti], sizes[rng.IntN(len(sizes))], vi, won)
	}
	d, err := learn.LoadCSV(strings.NewReader(b.String()), learn.LoadOptions{Label: "won", Positive: "1"})
	require.NoError(tb, err)
	m, err := learn.Train(d, learn.TrainOptions{Seed: 1, Bags: 2, MaxRounds: 300, Interactions: 2})
	require.NoError(tb, err)
	return m
}
