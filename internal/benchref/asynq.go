package benchref

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// Settings of the Asynq measurement, chosen to match the worker role so the
// ceiling is the one the benchmark runs against.
const (
	asynqTaskType       = "benchref:noop"
	asynqEnqueuers      = 16
	asynqConcurrency    = 50
	asynqCheckInterval  = 50 * time.Millisecond
	asynqPayloadBytes   = 200
	asynqCleanupTimeout = 30 * time.Second
)

// AsynqResult is the Asynq ceiling: how fast tasks go into Redis and how fast
// one server takes them out again.
type AsynqResult struct {
	// Enqueue is n tasks enqueued by 16 goroutines.
	Enqueue Rate
	// Process is n no-op tasks processed by one asynq.Server (Concurrency
	// 50, TaskCheckInterval 50 ms), timed from the server's start to the
	// n-th completion.
	Process Rate
}

// AsynqNoop enqueues n no-op tasks with a 200-byte payload into a fresh
// queue, then processes them with one asynq.Server and a handler that does
// nothing, and reports both rates. The queue and its statistics keys are
// deleted before it returns, also on error.
func AsynqNoop(ctx context.Context, redisOpt asynq.RedisConnOpt, n int) (res AsynqResult, err error) {
	if n <= 0 {
		return AsynqResult{}, fmt.Errorf("measure asynq: task count must be positive, got %d", n)
	}
	queue := "benchref-" + randomSuffix()
	rc, ok := redisOpt.MakeRedisClient().(redis.UniversalClient)
	if !ok {
		return AsynqResult{}, errors.New("measure asynq: redis option did not make a go-redis client")
	}
	defer rc.Close()
	defer func() {
		if cerr := removeQueue(rc, queue); cerr != nil {
			err = errors.Join(err, cerr)
		}
	}()

	res.Enqueue, err = enqueueNoops(ctx, rc, queue, n)
	if err != nil {
		return res, err
	}
	res.Process, err = processNoops(ctx, rc, queue, n)
	return res, err
}

// enqueueNoops puts n tasks into queue from asynqEnqueuers goroutines.
func enqueueNoops(ctx context.Context, rc redis.UniversalClient, queue string, n int) (Rate, error) {
	client := asynq.NewClientFromRedisClient(rc)
	payload := make([]byte, asynqPayloadBytes)
	copy(payload, `{"event_id":1,"note":"benchref no-op task, padded to a typical payload size"}`)
	for i := range payload {
		if payload[i] == 0 {
			payload[i] = ' ' // JSON-valid padding
		}
	}
	var next atomic.Int64
	errs := make([]error, asynqEnqueuers)
	var wg sync.WaitGroup
	start := time.Now()
	for g := range asynqEnqueuers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && next.Add(1) <= int64(n) {
				task := asynq.NewTask(asynqTaskType, payload, asynq.Queue(queue), asynq.MaxRetry(0))
				if _, err := client.EnqueueContext(ctx, task); err != nil {
					errs[g] = fmt.Errorf("enqueue no-op task: %w", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	// The client shares rc, which the caller closes; Client.Close would
	// close it too early.
	if err := errors.Join(append(errs, ctx.Err())...); err != nil {
		return Rate{}, fmt.Errorf("measure asynq enqueue: %w", err)
	}
	return newRate(n, elapsed), nil
}

// processNoops runs one server on queue until n tasks completed.
func processNoops(ctx context.Context, rc redis.UniversalClient, queue string, n int) (Rate, error) {
	var done atomic.Int64
	var finished time.Time
	all := make(chan struct{})
	mux := asynq.NewServeMux()
	mux.HandleFunc(asynqTaskType, func(context.Context, *asynq.Task) error {
		if done.Add(1) == int64(n) {
			finished = time.Now()
			close(all)
		}
		return nil
	})
	srv := asynq.NewServerFromRedisClient(rc, asynq.Config{
		Concurrency:       asynqConcurrency,
		Queues:            map[string]int{queue: 1},
		TaskCheckInterval: asynqCheckInterval,
		LogLevel:          asynq.FatalLevel,
		Logger:            quietLogger{},
		ShutdownTimeout:   5 * time.Second,
	})
	start := time.Now()
	if err := srv.Start(mux); err != nil {
		return Rate{}, fmt.Errorf("measure asynq processing: start server: %w", err)
	}
	select {
	case <-all:
	case <-ctx.Done():
	}
	srv.Shutdown()
	select {
	case <-all: // finished is set before all is closed
		return newRate(n, finished.Sub(start)), nil
	default:
		return Rate{}, fmt.Errorf("measure asynq processing: %d of %d tasks done: %w", done.Load(), n, ctx.Err())
	}
}

// removeQueue deletes queue with whatever tasks are left, then the
// statistics keys Asynq keeps per queue (processed and failed counters),
// which DeleteQueue leaves behind.
func removeQueue(rc redis.UniversalClient, queue string) error {
	// A cancelled benchmark must still clean up.
	ctx, cancel := context.WithTimeout(context.Background(), asynqCleanupTimeout)
	defer cancel()
	err := asynq.NewInspectorFromRedisClient(rc).DeleteQueue(queue, true)
	if err != nil && !errors.Is(err, asynq.ErrQueueNotFound) {
		return fmt.Errorf("delete benchmark queue %s: %w", queue, err)
	}
	// Asynq's keys for a queue all start with "asynq:{<queue>}"; the
	// braces make it a Redis Cluster hash tag.
	iter := rc.Scan(ctx, 0, "asynq:{"+queue+"}*", 1000).Iterator()
	var keys []string
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return fmt.Errorf("list keys of benchmark queue %s: %w", queue, err)
	}
	for _, k := range keys {
		if err := rc.Del(ctx, k).Err(); err != nil {
			return fmt.Errorf("delete key of benchmark queue %s: %w", queue, err)
		}
	}
	return nil
}

// quietLogger drops Asynq's log lines: a measurement prints only its result.
type quietLogger struct{}

func (quietLogger) Debug(...any) {}
func (quietLogger) Info(...any)  {}
func (quietLogger) Warn(...any)  {}
func (quietLogger) Error(...any) {}
func (quietLogger) Fatal(...any) {}
