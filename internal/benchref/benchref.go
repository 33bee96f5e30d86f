// Package benchref measures the machine's own ceilings for the work leadflow
// does — Asynq no-op task throughput and PostgreSQL insert rates — in the
// same run and against the same Redis and PostgreSQL as a benchmark, so a
// benchmark figure can be reported as a share of what the machine can do
// at that moment instead of against numbers measured elsewhere.
//
// Every measurement works in a namespace of its own (a queue
// "benchref-<random>", a table "benchref_<random>") and removes it
// afterwards, also on error, so running it against a live system's
// servers leaves nothing behind.
package benchref

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// Rate is how many operations happened in how long.
type Rate struct {
	// N is the number of operations (tasks, rows) completed.
	N int
	// Elapsed is the time they took.
	Elapsed time.Duration
	// PerSecond is N / Elapsed.
	PerSecond float64
}

// newRate computes PerSecond, zero when nothing was timed.
func newRate(n int, elapsed time.Duration) Rate {
	r := Rate{N: n, Elapsed: elapsed}
	if elapsed > 0 {
		r.PerSecond = float64(n) / elapsed.Seconds()
	}
	return r
}

// randomSuffix names a measurement's queue or table; 12 hex characters make
// a clash between concurrent runs unlikely enough.
func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
