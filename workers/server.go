package workers

import (
	"time"

	"github.com/hibiken/asynq"
)

// ServerConfig is what a worker process sets about its Asynq server; the
// queues, their weights, retry delays and polling are the workers' own.
type ServerConfig struct {
	Redis       asynq.RedisConnOpt
	Concurrency int
	// Logger and LogLevel route Asynq's own logging (see internal/slogadapt).
	Logger   asynq.Logger
	LogLevel asynq.LogLevel
}

// NewServer returns the Asynq server that runs the mux of NewHandlers.
func NewServer(c ServerConfig) *asynq.Server {
	return asynq.NewServer(c.Redis, asynq.Config{
		Concurrency: c.Concurrency,
		Queues:      QueueWeights(),
		// An idle server polls Redis every TaskCheckInterval; Asynq's 1 s
		// default adds up to 1.5 s to speed to lead. 25 ms costs one Redis
		// call per 25 ms per idle worker process.
		TaskCheckInterval: 25 * time.Millisecond,
		ShutdownTimeout:   10 * time.Second,
		Logger:            c.Logger,
		RetryDelayFunc:    RetryDelay,
		LogLevel:          c.LogLevel,
	})
}
