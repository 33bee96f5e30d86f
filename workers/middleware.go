package workers

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/metrics"
)

// observe counts every task run by type and outcome, times it, and logs
// failures with the task type and id (never the payload: it may hold
// personal data).
func observe(m *metrics.Metrics, logger *slog.Logger) asynq.MiddlewareFunc {
	return func(next asynq.Handler) asynq.Handler {
		return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) error {
			start := time.Now()
			err := next.ProcessTask(ctx, t)
			outcome := metrics.TaskSuccess
			if err != nil {
				outcome = metrics.TaskRetry
				retried, _ := asynq.GetRetryCount(ctx)
				maxRetry, _ := asynq.GetMaxRetry(ctx)
				if errors.Is(err, asynq.SkipRetry) || retried >= maxRetry {
					outcome = metrics.TaskFailed
				}
				id, _ := asynq.GetTaskID(ctx)
				logger.WarnContext(ctx, "task failed", "task_type", t.Type(), "task_id", id,
					"retried", retried, "outcome", outcome, "error", err)
			}
			m.TaskProcessed(t.Type(), outcome, time.Since(start))
			return err
		})
	}
}
