package workers

import (
	"context"
	"errors"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/lead"
	"leadflow/metrics"
)

// Enqueue puts a task in the queue; a task with the same id already there
// means it is queued, which is not an error (task ids make enqueueing
// idempotent).
func Enqueue(ctx context.Context, q Enqueuer, task *asynq.Task) error {
	if _, err := q.EnqueueContext(ctx, task); err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
		return err
	}
	return nil
}

// DealFollowUps queues what follows a rep's change to a deal, made through
// the rep API or the web app alike: the stage email, the proposal
// follow-up, the callback reminder of a snoozed deal.
type DealFollowUps struct {
	// Enqueuer is the queue; required.
	Enqueuer Enqueuer
	// Metrics counts stage moves; nil counts nothing.
	Metrics *metrics.Metrics
}

// StageChanged is what follows a committed stage move: the metric and the
// stage's email task.
func (f DealFollowUps) StageChanged(ctx context.Context, ch lead.StageChange) error {
	f.Metrics.DealMoved(ch.Pipeline, ch.To, ch.Closed, ch.Won, ch.AmountCents)
	task, err := NewStageEmailTask(ch)
	if err != nil {
		return err
	}
	return Enqueue(ctx, f.Enqueuer, task)
}

// ActivityAdded queues the proposal follow-up when the activity is a
// proposal; other activities need nothing.
func (f DealFollowUps) ActivityAdded(ctx context.Context, dealID, activityID int64, kind string, at time.Time) error {
	if kind != lead.ActivityProposal {
		return nil
	}
	task, err := NewProposalEmailTask(dealID, activityID, at)
	if err != nil {
		return err
	}
	return Enqueue(ctx, f.Enqueuer, task)
}

// ScheduleCallback queues the reminder of a snoozed deal at its time when
// that is within Horizon; a later one is the deal's callback_at, which the
// relay finds when due.
func (f DealFollowUps) ScheduleCallback(ctx context.Context, dealID int64, at time.Time) error {
	if beyondHorizon(at, time.Now()) {
		return nil
	}
	task, err := NewCallbackTask(dealID, at)
	if err != nil {
		return err
	}
	return Enqueue(ctx, f.Enqueuer, task)
}
