//go:build chaos

package chaos

import (
	"testing"
	"time"

	"github.com/hibiken/asynq"
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
	t.Parallel() // see TestWorkerKilledMidLoad
	c := newCluster(t, clusterOptions{reps: 3, team: true, rescoreEvery: sweepPeriod})
	ctx := testContext(t)
	serve := c.start("serve", nil)
	workers := []*proc{c.start("worker", nil), c.start("worker", nil), c.start("worker", nil)}
	c.start("scheduler", nil)

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

	// Periodic tasks: every sweep the scheduler enqueued (Asynq records
	// each enqueue) is processed by exactly one worker, so sweeps run once
	// per period, not once per process. Counted once at least one sweep
	// ran and the queue is idle, whatever the time.
	opt, err := asynq.ParseRedisURI(c.redisURL)
	require.NoError(t, err)
	inspector := asynq.NewInspector(opt)
	defer inspector.Close()
	enqueued := func() int {
		entries, err := inspector.SchedulerEntries()
		require.NoError(t, err)
		n := 0
		for _, e := range entries {
			if e.Task.Type() != "score:sweep" { // workers.TypeScoreSweep
				continue
			}
			events, err := inspector.ListSchedulerEnqueueEvents(e.ID, asynq.PageSize(1000))
			require.NoError(t, err)
			n += len(events)
		}
		return n
	}
	processed := func() float64 {
		var sweeps float64
		for _, w := range workers {
			n, err := scrapeCounter(w.url("/metrics"), "leadflow_tasks_processed_total", `type="score:sweep"`)
			require.NoError(t, err)
			sweeps += n
		}
		return sweeps
	}
	t.Logf("waiting for a rescoring sweep (one per %s)", sweepPeriod)
	var sweeps float64
	var want int
	require.Eventually(t, func() bool {
		// Processed is read before enqueued: a sweep enqueued in between
		// only makes this round wait, while a sweep processed twice
		// shows as more processed than enqueued.
		if !c.queueIdle(inspector) {
			return false
		}
		sweeps = processed()
		want = enqueued()
		return want > 0 && sweeps >= float64(want)
	}, 4*sweepPeriod, time.Second, "no rescoring sweep ran: %d enqueued, %.0f processed", want, sweeps)
	t.Logf("score:sweep runs over %d workers: %.0f processed, %d enqueued by the scheduler", len(workers), sweeps, want)
	require.Equal(t, float64(want), sweeps, "the sweep runs once per period, not once per process")
}
