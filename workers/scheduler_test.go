package workers_test

import (
	"io"
	"log/slog"
	"sort"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/workers"
)

// TestSchedulerRegistersPeriodicTasks: what the running scheduler has in
// Redis is PeriodicTasks — the stalled-deal sweep included when neither
// rescoring nor retraining is on (it once ran only when one of them was).
func TestSchedulerRegistersPeriodicTasks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                       string
		rescoreEvery, retrainEvery time.Duration
		want                       []string
	}{
		{name: "rescoring and retraining off", want: []string{"deal:stall-sweep"}},
		{name: "rescoring on", rescoreEvery: time.Hour, want: []string{"deal:stall-sweep", "score:sweep"}},
		{name: "all three", rescoreEvery: time.Hour, retrainEvery: 24 * time.Hour, want: []string{"deal:stall-sweep", "model:train", "score:sweep"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opt, err := asynq.ParseRedisURI(testenv.RedisURL(t))
			require.NoError(t, err)
			s, err := workers.NewScheduler(workers.SchedulerConfig{Redis: opt, RescoreEvery: tt.rescoreEvery, RetrainEvery: tt.retrainEvery,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), LogLevel: asynq.ErrorLevel, HeartbeatInterval: 20 * time.Millisecond})
			require.NoError(t, err)
			require.NoError(t, s.Start())
			defer s.Shutdown()
			insp := asynq.NewInspector(opt)
			defer insp.Close()
			var got []string
			require.Eventually(t, func() bool {
				entries, err := insp.SchedulerEntries()
				require.NoError(t, err)
				got = got[:0]
				for _, e := range entries {
					got = append(got, e.Task.Type())
				}
				sort.Strings(got)
				return len(got) >= len(tt.want)
			}, 5*time.Second, 10*time.Millisecond, "scheduler entries: %v", got)
			require.Equal(t, tt.want, got)
		})
	}
}
