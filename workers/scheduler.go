package workers

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
)

// SchedulerConfig configures the periodic tasks of the scheduler role.
type SchedulerConfig struct {
	Redis asynq.RedisConnOpt
	// RescoreEvery and RetrainEvery are the intervals of PeriodicTasks;
	// zero leaves the job out.
	RescoreEvery, RetrainEvery time.Duration
	// Extra are further periodic tasks (SpendSyncTasks), scheduled after
	// PeriodicTasks.
	Extra []PeriodicTask
	// Logger logs the start; AsynqLogger and LogLevel route Asynq's own
	// logging (see internal/slogadapt).
	Logger      *slog.Logger
	AsynqLogger asynq.Logger
	LogLevel    asynq.LogLevel
	// HeartbeatInterval is how often the scheduler writes its entries to
	// Redis (asynq.Inspector.SchedulerEntries); zero takes Asynq's 10 s.
	HeartbeatInterval time.Duration
}

// Scheduler enqueues the PeriodicTasks on their intervals.
type Scheduler struct {
	sched *asynq.Scheduler
	c     SchedulerConfig
}

// NewScheduler registers the PeriodicTasks of c with an Asynq scheduler.
// The stalled-deal sweep is always among them, so the scheduler runs even
// when rescoring and retraining are both off.
func NewScheduler(c SchedulerConfig) (*Scheduler, error) {
	sched := asynq.NewScheduler(c.Redis, &asynq.SchedulerOpts{Logger: c.AsynqLogger, LogLevel: c.LogLevel, HeartbeatInterval: c.HeartbeatInterval})
	for _, p := range append(PeriodicTasks(c.RescoreEvery, c.RetrainEvery), c.Extra...) {
		if _, err := sched.Register(p.Cronspec, p.Task); err != nil {
			return nil, fmt.Errorf("schedule %s: %w", p.What, err)
		}
	}
	return &Scheduler{sched: sched, c: c}, nil
}

// Start starts enqueueing.
func (s *Scheduler) Start() error {
	if err := s.sched.Start(); err != nil {
		return fmt.Errorf("start scheduler: %w", err)
	}
	s.c.Logger.Info("scheduler started", "rescore_every", s.c.RescoreEvery.String(), "retrain_every", s.c.RetrainEvery.String())
	return nil
}

// Shutdown stops the scheduler started by Start.
func (s *Scheduler) Shutdown() {
	s.sched.Shutdown()
}

// Run starts the scheduler and shuts it down when ctx ends.
func (s *Scheduler) Run(ctx context.Context) error {
	if err := s.Start(); err != nil {
		return err
	}
	<-ctx.Done()
	s.Shutdown()
	return nil
}
