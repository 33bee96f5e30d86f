package learn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// datasetsDir returns the shared datasets folder (LEADFLOW_DATASETS, or
// shared/datasets beside the repository); the data is never copied into
// the repository. Only the tests built with -tags datasets (`make eval`)
// and the benchmarks use it, so when it is absent the test fails: it was
// asked for by name.
func datasetsDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("LEADFLOW_DATASETS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "datasets")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("datasets not available at %s (set LEADFLOW_DATASETS): %v", dir, err)
	}
	return dir
}

// leadsExclusions are the X Education columns that leak the outcome
// (written by sales after contact) or identify the row.
var leadsExclusions = []string{"Tags", "Lead Quality", "Lead Profile", "Last Activity", "Last Notable Activity", "Prospect ID", "Lead Number"}

func loadLeads(t testing.TB) *Dataset {
	t.Helper()
	f, err := os.Open(filepath.Join(datasetsDir(t), "x_education_leads", "Leads.csv"))
	require.NoError(t, err)
	defer f.Close()
	d, err := LoadCSV(f, LoadOptions{Label: "Converted", Positive: "1", Exclude: leadsExclusions})
	require.NoError(t, err)
	return d
}

// synthetic is a generated lead table with a known true logit per row.
type synthetic struct {
	csv   string
	logit []float64
}

// trueLogit is the generating model: a step in age, a linear effect of
// visits, per-source effects, a penalty for a skipped plan field and an
// interaction (enterprise plan only converts from the "partner" source).
func trueLogit(age, visits float64, source, plan string) float64 {
	z := -1.0 + 0.25*math.Min(visits, 10)
	if age > 40 {
		z += 1.2
	}
	z += map[string]float64{"ads": -0.8, "search": 0.2, "partner": 1.0, "event": 0.5}[source]
	switch plan {
	case "":
		z -= 0.7
	case "enterprise":
		if source == "partner" {
			z += 2
		} else {
			z -= 1
		}
	}
	return z
}

// makeSynthetic generates n rows; sep is the CSV separator. About 1 % of
// sources are rare one-off values and 15 % of plans are "Select"/empty.
func makeSynthetic(n int, seed uint64, sep string) synthetic {
	rng := rand.New(rand.NewPCG(seed, 99))
	var b strings.Builder
	s := synthetic{}
	fmt.Fprintf(&b, "id%[1]sage%[1]svisits%[1]s\"lead source\"%[1]splan%[1]snoise%[1]swon\n", sep)
	sources := []string{"ads", "search", "partner", "event"}
	plans := []string{"basic", "pro", "enterprise"}
	for i := 0; i < n; i++ {
		age := 18 + rng.Float64()*50
		visits := math.Floor(rng.ExpFloat64() * 3)
		src := sources[rng.IntN(len(sources))]
		if rng.Float64() < 0.01 {
			src = fmt.Sprintf("odd-%d", i)
		}
		plan := plans[rng.IntN(len(plans))]
		rawPlan := plan
		if r := rng.Float64(); r < 0.08 {
			plan, rawPlan = "", "Select"
		} else if r < 0.15 {
			plan, rawPlan = "", ""
		}
		z := trueLogit(age, visits, src, plan)
		won := "lost"
		if rng.Float64() < sigmoid(z) {
			won = "won"
		}
		fmt.Fprintf(&b, "L%d%s%.1f%s%.0f%s\"%s\"%s%s%s%.3f%s%s\n", i, sep, age, sep, visits, sep, src, sep, rawPlan, sep, rng.NormFloat64(), sep, won)
		s.logit = append(s.logit, z)
	}
	s.csv = b.String()
	return s
}

func loadSynthetic(t testing.TB, n int, seed uint64) (*Dataset, synthetic) {
	t.Helper()
	s := makeSynthetic(n, seed, ",")
	d, err := LoadCSV(strings.NewReader(s.csv), LoadOptions{Label: "won", Positive: "won", ID: "id"})
	require.NoError(t, err)
	return d, s
}

// fastOptions keeps unit-test training quick; the defaults are exercised
// by the acceptance test.
func fastOptions(seed int64) TrainOptions {
	return TrainOptions{Seed: seed, Bags: 3, LearningRate: 0.05, Interactions: 3}
}
