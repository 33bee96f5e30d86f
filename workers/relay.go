package workers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/lead"
	"leadflow/metrics"
)

// RelayStore is what the relay reads and marks (implemented by store.Store).
type RelayStore interface {
	PendingEvents(ctx context.Context, before time.Time, after lead.PendingEvent, limit int) ([]lead.PendingEvent, error)
	SetEventsTask(ctx context.Context, ids []int64, taskID string, at time.Time) error
	DueEmails(ctx context.Context, before time.Time, limit int) ([]lead.DueEmail, error)
	DueCallbacks(ctx context.Context, before time.Time, limit int) ([]lead.DueTimer, error)
	DueSLAs(ctx context.Context, before time.Time, limit int) ([]lead.DueTimer, error)
}

// RelayConfig configures a Relay.
type RelayConfig struct {
	Store    RelayStore
	Enqueuer Enqueuer
	// TaskExists says whether a task is still in Redis (pending, active,
	// scheduled, retrying, archived or completed within its retention);
	// required.
	TaskExists func(ctx context.Context, taskID string) (bool, error)
	// MinAge skips events younger than this, so the relay does not race the
	// intake that is about to enqueue them itself; default 30s.
	MinAge time.Duration
	// BatchSize is the events read per page and bounds the events
	// re-enqueued per pass; default 500.
	BatchSize int
	// ScanLimit bounds the pending events looked at per pass; default
	// 20 × BatchSize. The walk goes on from there in the next pass.
	ScanLimit int
	// GroupSize bounds the events per re-enqueued task; default 50.
	GroupSize int
	// Interval is the pause between passes in Run; default 5s.
	Interval time.Duration
	// NowFunc is the clock; default time.Now.
	NowFunc func() time.Time
	Metrics *metrics.Metrics
	Logger  *slog.Logger
}

// Relay re-enqueues stored webhook events that are still pending and whose
// task is gone from Redis — accepted while Redis was down, lost when Redis
// restarted without persistence, or stored by a process that died before
// its enqueue. It is the outbox half of "durable before acknowledged":
// PostgreSQL holds every accepted event until it is routed, and Redis is
// only a fast way to get it there. A task that still exists (even one
// archived after its retries: that is a dead letter for `leadflow replay`)
// is left alone, so a live task is never doubled.
//
// It walks the pending events in (received_at, id) order with a cursor
// kept between passes, wrapping to the oldest at the end: dead letters
// stay pending until replayed, and reading only the oldest page each pass
// let 500 of them hide every newer orphan for good.
type Relay struct {
	cfg RelayConfig
	// mu serializes passes: the cursor belongs to one walk.
	mu     sync.Mutex
	cursor lead.PendingEvent
}

// NewRelay fills the config defaults.
func NewRelay(c RelayConfig) *Relay {
	if c.MinAge <= 0 {
		c.MinAge = 30 * time.Second
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 500
	}
	if c.ScanLimit <= 0 {
		c.ScanLimit = 20 * c.BatchSize
	}
	if c.GroupSize <= 0 {
		c.GroupSize = 50
	}
	if c.Interval <= 0 {
		c.Interval = 5 * time.Second
	}
	if c.NowFunc == nil {
		c.NowFunc = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return &Relay{cfg: c}
}

// RunOnce makes one pass and returns how many events it enqueued.
func (r *Relay) RunOnce(ctx context.Context) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.cfg.NowFunc()
	orphans, err := r.orphans(ctx, now)
	if err != nil {
		return 0, err
	}
	n := 0
	for len(orphans) > 0 {
		group := orphans[:min(len(orphans), r.cfg.GroupSize)]
		orphans = orphans[len(group):]
		taskID := fmt.Sprintf("ingest:relay:%d:%d", group[0], now.UnixNano())
		// The rows name the new task before it exists: a crash between the
		// two leaves a name Redis does not know, which the next pass fixes.
		if err := r.cfg.Store.SetEventsTask(ctx, group, taskID, now); err != nil {
			return n, fmt.Errorf("relay: %w", err)
		}
		task, err := NewIngestGroupTask(taskID, group)
		if err != nil {
			return n, fmt.Errorf("relay: %w", err)
		}
		if _, err := r.cfg.Enqueuer.EnqueueContext(ctx, task); err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
			return n, fmt.Errorf("relay %d events: enqueue: %w", len(group), err)
		}
		n += len(group)
	}
	r.cfg.Metrics.RelayEnqueued(n)
	if err := r.relayDue(ctx, now); err != nil {
		return n, fmt.Errorf("relay: %w", err)
	}
	return n, nil
}

// relayDue enqueues the timed work that is due a minute ago and waits as
// rows: sends, reminders and first-touch checks due later than Horizon when
// set, and any whose task was lost with Redis. Each task is named by its
// row and due time, so a pass enqueues it once (the id conflicts while the
// task is kept) and a new due time (a send held again, a snoozed reminder)
// gets a new one. Work within Horizon has its own task, which the minute
// leaves to run first.
func (r *Relay) relayDue(ctx context.Context, now time.Time) error {
	before := now.Add(-dueGrace)
	emails, err := r.cfg.Store.DueEmails(ctx, before, r.cfg.BatchSize)
	if err != nil {
		return err
	}
	if err := enqueueDue(ctx, r, emails, func(e lead.DueEmail) (*asynq.Task, error) {
		return newEmailTask(e.ID, e.Kind, now, fmt.Sprintf(":due:%d", e.SendAfter.Unix()))
	}, func(e lead.DueEmail) string { return fmt.Sprintf("email %d", e.ID) }); err != nil {
		return err
	}
	callbacks, err := r.cfg.Store.DueCallbacks(ctx, before, r.cfg.BatchSize)
	if err != nil {
		return err
	}
	if err := enqueueDue(ctx, r, callbacks, func(c lead.DueTimer) (*asynq.Task, error) {
		return NewCallbackTask(c.DealID, c.At)
	}, func(c lead.DueTimer) string { return fmt.Sprintf("callback of deal %d", c.DealID) }); err != nil {
		return err
	}
	slas, err := r.cfg.Store.DueSLAs(ctx, before, r.cfg.BatchSize)
	if err != nil {
		return err
	}
	return enqueueDue(ctx, r, slas, func(c lead.DueTimer) (*asynq.Task, error) {
		return newSLATask(c.DealID, c.OwnerRepID, c.At)
	}, func(c lead.DueTimer) string { return fmt.Sprintf("speed-to-lead check of deal %d", c.DealID) })
}

// enqueueDue enqueues the task of each due row; what names a row in an
// error.
func enqueueDue[T any](ctx context.Context, r *Relay, due []T, task func(T) (*asynq.Task, error), what func(T) string) error {
	for _, d := range due {
		t, err := task(d)
		if err == nil {
			err = Enqueue(ctx, r.cfg.Enqueuer, t)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", what(d), err)
		}
	}
	return nil
}

// orphans walks on from the cursor and returns the pending events whose
// task is gone, page by page until a page brings the count to BatchSize or
// more, ScanLimit events were looked at, or the walk reached the end. Each distinct task is looked up once per pass (a group's events
// share one).
func (r *Relay) orphans(ctx context.Context, now time.Time) ([]int64, error) {
	exists := map[string]bool{}
	var orphans []int64
	for scanned := 0; scanned < r.cfg.ScanLimit && len(orphans) < r.cfg.BatchSize; {
		page, err := r.cfg.Store.PendingEvents(ctx, now.Add(-r.cfg.MinAge), r.cursor, r.cfg.BatchSize)
		if err != nil {
			return nil, fmt.Errorf("relay: %w", err)
		}
		for _, ev := range page {
			r.cursor = ev
			if ev.TaskID != "" {
				live, seen := exists[ev.TaskID]
				if !seen {
					if live, err = r.cfg.TaskExists(ctx, ev.TaskID); err != nil {
						return nil, fmt.Errorf("relay: look up task of event %d: %w", ev.ID, err)
					}
					exists[ev.TaskID] = live
				}
				if live {
					continue
				}
			}
			orphans = append(orphans, ev.ID)
		}
		scanned += len(page)
		if len(page) < r.cfg.BatchSize {
			// The end: the next pass starts again from the oldest.
			r.cursor = lead.PendingEvent{}
			break
		}
	}
	return orphans, nil
}

// Run makes a pass every Interval until ctx ends. Failures are logged and
// retried on the next pass: an outage of either store must not stop it.
func (r *Relay) Run(ctx context.Context) error {
	t := time.NewTicker(r.cfg.Interval)
	defer t.Stop()
	for {
		n, err := r.RunOnce(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			r.cfg.Logger.Warn("relay pass failed", "error", err)
		case n > 0:
			r.cfg.Logger.Info("relay enqueued stored events", "count", n)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
