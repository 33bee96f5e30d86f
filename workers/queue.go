package workers

import (
	"context"
	"errors"

	"github.com/hibiken/asynq"

	"leadflow/lead"
)

// EnqueueEvents returns what intake calls to put the ingest task of a group
// of stored events in the queue (httpapi.Config.EnqueueFunc); a task with
// the same id already there means it is queued.
func EnqueueEvents(e Enqueuer) func(ctx context.Context, taskID string, events []lead.Event) error {
	return func(ctx context.Context, taskID string, events []lead.Event) error {
		ids := make([]int64, len(events))
		for i, ev := range events {
			ids[i] = ev.ID
		}
		task, err := NewIngestGroupTask(taskID, ids)
		if err != nil {
			return err
		}
		if _, err := e.EnqueueContext(ctx, task); err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
			return err // intake says what it was enqueueing

		}
		return nil
	}
}

// TaskExists returns the relay's RelayConfig.TaskExists: it asks Redis,
// through in, whether a task of QueueDefault is still known.
func TaskExists(in *asynq.Inspector) func(ctx context.Context, taskID string) (bool, error) {
	return func(_ context.Context, taskID string) (bool, error) {
		_, err := in.GetTaskInfo(QueueDefault, taskID)
		if errors.Is(err, asynq.ErrTaskNotFound) || errors.Is(err, asynq.ErrQueueNotFound) {
			return false, nil
		}
		return err == nil, err
	}
}
