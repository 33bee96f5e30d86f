package workers

import (
	"context"
	"time"

	"github.com/hibiken/asynq"
)

// Horizon is how far ahead timed work is put in Redis. Work due later — a
// nurture step days away, a send held for the weekly cap or quiet hours, a
// parked deal's reminder in two weeks, an owner's first-touch deadline in
// an hour — waits as the PostgreSQL row that holds its time (send_after,
// callback_at, sla_due_at), and the relay hands it to a worker once due
// (within a minute and a pass). At millions of nurtured contacts Redis
// would otherwise hold every step of every sequence for weeks, and lose
// them all if it restarted empty.
const Horizon = 10 * time.Minute

// dueGrace is how overdue a row must be before the relay enqueues it: work
// within Horizon has its own task, which normally runs first.
const dueGrace = time.Minute

// beyondHorizon says whether work due at `at` is left to the relay rather
// than put in Redis now.
func beyondHorizon(at, now time.Time) bool { return at.After(now.Add(Horizon)) }

// schedule enqueues task, due at `at`, when that is within Horizon; a later
// one is left to the relay. The row that holds `at` is the schedule.
func (h *Handlers) schedule(ctx context.Context, task *asynq.Task, err error, at time.Time) error {
	if err == nil && beyondHorizon(at, h.cfg.NowFunc()) {
		return nil
	}
	return h.enqueue(ctx, task, err)
}
