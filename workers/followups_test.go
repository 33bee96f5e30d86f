package workers_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/metrics"
	"leadflow/workers"
)

// queue records the types of the tasks enqueued and answers err.
type queue struct {
	types []string
	err   error
}

func (q *queue) EnqueueContext(_ context.Context, task *asynq.Task, _ ...asynq.Option) (*asynq.TaskInfo, error) {
	q.types = append(q.types, task.Type())
	return &asynq.TaskInfo{}, q.err
}

func TestDealFollowUps(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	failed := errors.New("redis down")
	tests := []struct {
		name      string
		queueErr  error
		follow    func(context.Context, workers.DealFollowUps) error
		wantTypes []string
		wantErr   error
	}{
		{name: "a stage move queues the stage email", follow: func(ctx context.Context, f workers.DealFollowUps) error {
			return f.StageChanged(ctx, lead.StageChange{DealID: 1, HistoryID: 9, Pipeline: "Sales", To: "Won", Closed: true, Won: true})
		}, wantTypes: []string{workers.TypeStageEmail}},
		{name: "a proposal queues its follow-up", follow: func(ctx context.Context, f workers.DealFollowUps) error {
			return f.ActivityAdded(ctx, 1, 2, lead.ActivityProposal, at)
		}, wantTypes: []string{workers.TypeProposalEmail}},
		{name: "another activity needs nothing", follow: func(ctx context.Context, f workers.DealFollowUps) error {
			return f.ActivityAdded(ctx, 1, 2, "call", at)
		}},
		{name: "a snooze queues the callback", follow: func(ctx context.Context, f workers.DealFollowUps) error {
			return f.ScheduleCallback(ctx, 1, at)
		}, wantTypes: []string{workers.TypeDealCallback}},
		{name: "a task already queued is not an error", queueErr: asynq.ErrTaskIDConflict, follow: func(ctx context.Context, f workers.DealFollowUps) error {
			return f.ScheduleCallback(ctx, 1, at)
		}, wantTypes: []string{workers.TypeDealCallback}},
		{name: "a queue failure is", queueErr: failed, follow: func(ctx context.Context, f workers.DealFollowUps) error {
			return f.StageChanged(ctx, lead.StageChange{DealID: 1, HistoryID: 9, Pipeline: "Sales", To: "Proposal"})
		}, wantTypes: []string{workers.TypeStageEmail}, wantErr: failed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			q := &queue{err: tt.queueErr}
			err := tt.follow(context.Background(), workers.DealFollowUps{Enqueuer: q, Metrics: metrics.New()})
			require.ErrorIs(t, err, tt.wantErr)
			if tt.wantErr == nil {
				require.NoError(t, err)
			}
			require.Equal(t, tt.wantTypes, q.types)
		})
	}
}
