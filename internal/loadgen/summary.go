package loadgen

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Summary is the distribution of a set of latencies.
type Summary struct {
	// N is the number of samples.
	N int
	// P50, P95 and P99 are nearest-rank percentiles: the smallest sample
	// at least that share of the samples are less than or equal to.
	P50, P95, P99 time.Duration
	// Max is the largest sample.
	Max time.Duration
}

// Summarize returns the percentiles of ds, which the caller filters to
// valid samples (a zero duration counts as a sample). ds is not modified.
func Summarize(ds []time.Duration) Summary {
	if len(ds) == 0 {
		return Summary{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(q float64) time.Duration {
		// Nearest rank: ceil(q·n), counted from 1.
		return s[max(0, int(math.Ceil(q*float64(len(s))))-1)]
	}
	return Summary{N: len(s), P50: at(0.50), P95: at(0.95), P99: at(0.99), Max: s[len(s)-1]}
}

// String formats the summary as "p50 3ms  p95 9ms  p99 14ms  max 40ms",
// keeping two or three significant digits so sub-millisecond figures stay
// readable.
func (s Summary) String() string {
	if s.N == 0 {
		return "no samples"
	}
	return fmt.Sprintf("p50 %s  p95 %s  p99 %s  max %s", round(s.P50), round(s.P95), round(s.P99), round(s.Max))
}

// round drops digits nobody reads: 3.2ms, not 3.214567ms.
func round(d time.Duration) time.Duration {
	switch {
	case d >= 10*time.Second:
		return d.Round(100 * time.Millisecond)
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= 10*time.Millisecond:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond)
	case d >= 10*time.Microsecond:
		return d.Round(time.Microsecond)
	default:
		return d
	}
}
