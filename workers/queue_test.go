package workers_test

import (
	"context"
	"errors"
	"testing"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/workers"
)

// enqueuerFunc is a workers.Enqueuer answering with err.
type enqueuerFunc func(task *asynq.Task) error

func (f enqueuerFunc) EnqueueContext(_ context.Context, task *asynq.Task, _ ...asynq.Option) (*asynq.TaskInfo, error) {
	return nil, f(task)
}

func TestEnqueueEvents(t *testing.T) {
	t.Parallel()
	broken := errors.New("redis down")
	tests := []struct {
		name    string
		answer  error
		wantErr error
	}{
		{name: "queued"},
		{name: "already queued is queued", answer: asynq.ErrTaskIDConflict},
		{name: "a failure is returned", answer: broken, wantErr: broken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *asynq.Task
			enqueue := workers.EnqueueEvents(enqueuerFunc(func(task *asynq.Task) error { got = task; return tt.answer }))
			err := enqueue(context.Background(), "grp-1", []lead.Event{{ID: 7}, {ID: 9}})
			require.ErrorIs(t, err, tt.wantErr)
			require.Equal(t, workers.TypeLeadIngest, got.Type())
			require.JSONEq(t, `{"event_ids":[7,9]}`, string(got.Payload()))
		})
	}
}

func TestTaskExists(t *testing.T) {
	t.Parallel()
	opt, err := asynq.ParseRedisURI(testenv.RedisURL(t))
	require.NoError(t, err)
	client := asynq.NewClient(opt)
	defer client.Close()
	insp := asynq.NewInspector(opt)
	defer insp.Close()
	exists := workers.TaskExists(insp)
	ctx := context.Background()

	got, err := exists(ctx, "grp-1")
	require.NoError(t, err)
	require.False(t, got, "no queue yet")
	require.NoError(t, workers.EnqueueEvents(client)(ctx, "grp-1", []lead.Event{{ID: 1}}))
	for id, want := range map[string]bool{"grp-1": true, "grp-2": false} {
		got, err := exists(ctx, id)
		require.NoError(t, err)
		require.Equal(t, want, got, id)
	}
}
