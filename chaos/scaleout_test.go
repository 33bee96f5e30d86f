package chaos

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// sweepPeriod is schedule.rescore_every in the scale-out test: the
// smallest the configuration allows.
const sweepPeriod = time.Minute

// Scenario 6: scale-out. One serve, three workers and one scheduler share
// one Redis and one PostgreSQL. The books balance as with one worker; hot
// leads are spread fairly over a team of equal-weight reps; the periodic
// rescoring sweep runs once per period, not once per process.
func TestScaleOut(t *testing.T) {
	needChaos(t)
	t.Parallel() // see TestWorkerKilledMidLoad
	c := newCluster(t, clusterOptions{reps: 3, team: true, rescoreEvery: sweepPeriod})
	ctx := testContext(t)
	serve := c.start("serve", nil)
	workers := []*proc{c.start("worker", nil), c.start("worker", nil), c.start("worker", nil)}
	c.start("scheduler", nil)
	schedStart := time.Now()

	res := runLoad(ctx, t, serve.url(""), loadOptions{prefix: "scale", n: 1500, rate: 250})
	c.waitSettled(len(res.ackedLeads()), settleTimeout)
	c.checkBooks(t, res)

	// Fair assignment: equal weights and no capacity limits, so the fair
	// scheduler's virtual clocks keep every rep within one deal of the
	// others however the three workers interleave.
	rows, err := c.pool.Query(ctx, `SELECT r.email, count(d.id)::int FROM reps r LEFT JOIN deals d ON d.owner_rep_id = r.id GROUP BY r.email ORDER BY r.email`)
	require.NoError(t, err)
	perRep := map[string]int{}
	for rows.Next() {
		var email string
		var n int
		require.NoError(t, rows.Scan(&email, &n))
		perRep[email] = n
	}
	require.NoError(t, rows.Err())
	lo, hi := -1, 0
	for i := 1; i <= 3; i++ {
		n := perRep[repEmail(i)]
		if lo < 0 || n < lo {
			lo = n
		}
		hi = max(hi, n)
	}
	t.Logf("deals per rep: %v", perRep)
	require.LessOrEqual(t, hi-lo, 1, "deal counts per rep differ by more than one: %v", perRep)

	// Each worker handled a share of the work.
	for _, w := range workers {
		n, err := scrapeCounter(w.url("/metrics"), "leadflow_tasks_processed_total", `type="lead:ingest"`)
		require.NoError(t, err)
		t.Logf("%s processed %.0f lead:ingest tasks", w.name, n)
	}

	// Periodic tasks: wait past one period (plus slack for the sweep to
	// run), then count sweeps over every worker.
	wait := time.Until(schedStart.Add(sweepPeriod + 8*time.Second))
	if wait > 0 {
		t.Logf("waiting %s for the rescoring sweep period", wait.Round(time.Second))
		time.Sleep(wait)
	}
	elapsed := time.Since(schedStart)
	var sweeps float64
	for _, w := range workers {
		n, err := scrapeCounter(w.url("/metrics"), "leadflow_tasks_processed_total", `type="score:sweep"`)
		require.NoError(t, err)
		sweeps += n
	}
	want := int(elapsed / sweepPeriod)
	t.Logf("score:sweep runs over %d workers in %s: %.0f (one per %s period: want %d)", len(workers), elapsed.Round(time.Second), sweeps, sweepPeriod, want)
	require.Equal(t, float64(want), sweeps, "the sweep runs once per period, not once per process")
}
