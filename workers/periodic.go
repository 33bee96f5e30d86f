package workers

import (
	"time"

	"github.com/hibiken/asynq"
)

// stallSweepEvery is how often the scheduler looks for stalled deals; it
// is not configurable.
const stallSweepEvery = time.Hour

// PeriodicTask is a task the scheduler role enqueues on a fixed interval.
type PeriodicTask struct {
	// Cronspec is asynq's "@every <duration>" spec.
	Cronspec string
	// Task is enqueued at every tick.
	Task *asynq.Task
	// What names the job in errors and logs ("the rescoring sweep").
	What string
}

// PeriodicTasks returns what the scheduler enqueues, in this order: the
// rescoring sweep every rescoreEvery, the stalled-deal sweep every hour,
// and retraining every retrainEvery; a zero interval leaves its job out.
func PeriodicTasks(rescoreEvery, retrainEvery time.Duration) []PeriodicTask {
	var out []PeriodicTask
	if rescoreEvery > 0 {
		out = append(out, PeriodicTask{Cronspec: every(rescoreEvery), Task: NewSweepTask(""), What: "the rescoring sweep"})
	}
	out = append(out, PeriodicTask{Cronspec: every(stallSweepEvery), Task: NewStallSweepTask(), What: "the stalled-deal sweep"})
	if retrainEvery > 0 {
		out = append(out, PeriodicTask{Cronspec: every(retrainEvery), Task: NewTrainTask(), What: "retraining"})
	}
	return out
}

// every is asynq's spec for a fixed interval.
func every(d time.Duration) string { return "@every " + d.String() }
