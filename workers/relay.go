package workers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/lead"
	"leadflow/metrics"
)

// RelayStore is what the relay reads and marks (implemented by store.Store).
type RelayStore interface {
	UnenqueuedEvents(ctx context.Context, before time.Time, limit int) ([]lead.Event, error)
	MarkEventEnqueued(ctx context.Context, id int64, at time.Time) error
	DueEmails(ctx context.Context, before time.Time, limit int) ([]int64, error)
}

// RelayConfig configures a Relay.
type RelayConfig struct {
	Store    RelayStore
	Enqueuer Enqueuer
	// MinAge skips events younger than this, so the relay does not race the
	// webhook handler that is about to enqueue them itself; default 5s.
	MinAge time.Duration
	// BatchSize bounds the events handled per pass; default 500.
	BatchSize int
	// Interval is the pause between passes in Run; default 5s.
	Interval time.Duration
	// NowFunc is the clock; default time.Now.
	NowFunc func() time.Time
	Metrics *metrics.Metrics
	Logger  *slog.Logger
}

// Relay enqueues stored webhook events that have no task yet — accepted
// while Redis was down, or whose process died between the commit and the
// enqueue. It is the outbox half of "durable before acknowledged". Because
// the task id is derived from the event's natural key, a relay pass racing
// the webhook handler cannot create a second task.
type Relay struct {
	cfg RelayConfig
}

// NewRelay fills the config defaults.
func NewRelay(c RelayConfig) *Relay {
	if c.MinAge <= 0 {
		c.MinAge = 5 * time.Second
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 500
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

// RunOnce makes one pass and returns how many events it enqueued (events
// whose task already existed count as enqueued: they needed no help).
func (r *Relay) RunOnce(ctx context.Context) (int, error) {
	now := r.cfg.NowFunc()
	events, err := r.cfg.Store.UnenqueuedEvents(ctx, now.Add(-r.cfg.MinAge), r.cfg.BatchSize)
	if err != nil {
		return 0, fmt.Errorf("relay: %w", err)
	}
	n := 0
	for _, ev := range events {
		task, err := NewIngestTask(ev.ID, ev.Connector, ev.Source, ev.EventID)
		if err != nil {
			return n, fmt.Errorf("relay event %d: %w", ev.ID, err)
		}
		if _, err := r.cfg.Enqueuer.EnqueueContext(ctx, task); err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
			return n, fmt.Errorf("relay event %d: enqueue: %w", ev.ID, err)
		}
		if err := r.cfg.Store.MarkEventEnqueued(ctx, ev.ID, now); err != nil {
			return n, fmt.Errorf("relay: %w", err)
		}
		n++
	}
	r.cfg.Metrics.RelayEnqueued(n)
	// Emails queued while Redis was down have an outbox row but no task.
	// Overdue by a minute means nobody is going to send them otherwise.
	ids, err := r.cfg.Store.DueEmails(ctx, now.Add(-time.Minute), r.cfg.BatchSize)
	if err != nil {
		return n, fmt.Errorf("relay: %w", err)
	}
	for _, id := range ids {
		task, err := newEmailTask(id, now, fmt.Sprintf(":relay:%d", now.Unix()/3600))
		if err != nil {
			return n, fmt.Errorf("relay email %d: %w", id, err)
		}
		if _, err := r.cfg.Enqueuer.EnqueueContext(ctx, task); err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
			return n, fmt.Errorf("relay email %d: enqueue: %w", id, err)
		}
	}
	return n, nil
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
