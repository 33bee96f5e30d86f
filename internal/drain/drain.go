// Package drain waits for leadflow's work to settle: the stored webhooks
// handled by the workers, the queues empty, one posted lead processed. The
// demo, the benchmark and `leadflow post` wait on it before they read what
// the leads became.
package drain

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/lead"
	"leadflow/store"
	"leadflow/workers"
)

// BusyTasks counts the tasks pending, running or waiting to retry in every
// queue; scheduled ones (future nurture steps, SLA timers) are not work left
// now. A queue Redis does not know yet holds none.
func BusyTasks(inspector *asynq.Inspector) int {
	busy := 0
	for _, q := range workers.Queues() {
		if info, err := inspector.GetQueueInfo(q); err == nil {
			busy += info.Pending + info.Active + info.Retry
		}
	}
	return busy
}

// QueueIdle waits until no task is pending, active or retrying (tasks
// scheduled for later — SLA timers, nurture steps — do not count), at most
// limit.
func QueueIdle(ctx context.Context, opt asynq.RedisConnOpt, limit time.Duration) error {
	insp := asynq.NewInspector(opt)
	defer insp.Close()
	deadline := time.Now().Add(limit)
	for {
		if BusyTasks(insp) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the queue did not empty within %s", limit)
		}
		if err := pause(ctx, 100*time.Millisecond); err != nil {
			return err
		}
	}
}

// SettledCounter counts the events the workers are done with.
type SettledCounter interface {
	SettledEvents(ctx context.Context) (int64, error)
}

// Settled waits until accepted events are processed (or failed) and the
// queues are empty, at most two minutes.
func Settled(ctx context.Context, st SettledCounter, inspector *asynq.Inspector, accepted int) error {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		done, err := st.SettledEvents(ctx)
		if err != nil {
			return fmt.Errorf("check progress: %w", err)
		}
		busy := BusyTasks(inspector)
		if done >= int64(accepted) && busy == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out: %d of %d events processed, %d tasks still queued (see the log)", done, accepted, busy)
		}
		if err := pause(ctx, 200*time.Millisecond); err != nil {
			return err
		}
	}
}

// OutcomeReader reads how far the stored events got.
type OutcomeReader interface {
	EventBacklog(ctx context.Context) (pending, total int64, err error)
	EventOutcomes(ctx context.Context) (store.EventOutcomes, error)
}

// Drained waits until want events are processed or failed, at most limit,
// and returns how they ended. It polls the backlog, which is cheap, so the
// wait does not load the database being measured.
func Drained(ctx context.Context, st OutcomeReader, want int, limit time.Duration) (store.EventOutcomes, error) {
	deadline := time.Now().Add(limit)
	for {
		pending, total, err := st.EventBacklog(ctx)
		if err != nil {
			return store.EventOutcomes{}, err
		}
		if total-pending >= int64(want) {
			return st.EventOutcomes(ctx)
		}
		if time.Now().After(deadline) {
			return store.EventOutcomes{}, fmt.Errorf("only %d of %d leads processed after %s", total-pending, want, limit)
		}
		if err := pause(ctx, 100*time.Millisecond); err != nil {
			return store.EventOutcomes{}, err
		}
	}
}

// EventReader reads where one stored event is.
type EventReader interface {
	EventStatus(ctx context.Context, connector, source, eventID string) (status, lastError string, err error)
}

// Event waits, at most wait, until the event stored for a connector's
// source under eventID is processed, and returns nil; a failed event is an
// error with its reason. An event not stored yet is waited for.
func Event(ctx context.Context, st EventReader, connector, source, eventID string, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for {
		status, lastErr, err := st.EventStatus(ctx, connector, source, eventID)
		if err != nil && !errors.Is(err, lead.ErrNotFound) {
			return fmt.Errorf("read the posted event: %w", err)
		}
		switch status {
		case lead.EventFailed:
			return fmt.Errorf("the lead failed processing: %s (see leadflow replay ls)", lastErr)
		case "", lead.EventReceived:
		default:
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the lead was accepted but not processed within %s (is a worker running? see leadflow replay ls)", wait)
		}
		if err := pause(ctx, 200*time.Millisecond); err != nil {
			return err
		}
	}
}

// pause waits d, or returns ctx's error when it ends first.
func pause(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}
