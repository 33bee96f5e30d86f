package scalebench

import (
	"context"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5/pgxpool"

	"leadflow/workers"
)

// ArchiveDeadLetters puts the seeded dead letters' tasks into Redis as
// archived tasks, as asynq leaves a task whose retries ran out: the relay
// must find them there and leave their events alone, walking past them to
// newer ones. It returns how many tasks it archived.
func ArchiveDeadLetters(ctx context.Context, pool *pgxpool.Pool, opt asynq.RedisConnOpt) (int, error) {
	rows, err := pool.Query(ctx, sqlText("deadletter_tasks.sql"))
	if err != nil {
		return 0, fmt.Errorf("list dead-letter tasks: %w", err)
	}
	type group struct {
		id  string
		ids []int64
	}
	var groups []group
	for rows.Next() {
		var g group
		if err := rows.Scan(&g.id, &g.ids); err != nil {
			rows.Close()
			return 0, fmt.Errorf("list dead-letter tasks: %w", err)
		}
		groups = append(groups, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("list dead-letter tasks: %w", err)
	}
	client := asynq.NewClient(opt)
	defer client.Close()
	in := asynq.NewInspector(opt)
	defer in.Close()
	for _, g := range groups {
		task, err := workers.NewIngestGroupTask(g.id, g.ids)
		if err != nil {
			return 0, err
		}
		// Scheduled far ahead first, so no worker can take it before it is
		// archived.
		info, err := client.EnqueueContext(ctx, task, asynq.ProcessIn(30*24*time.Hour))
		if err != nil {
			return 0, fmt.Errorf("enqueue dead-letter task %s: %w", g.id, err)
		}
		if err := in.ArchiveTask(info.Queue, g.id); err != nil {
			return 0, fmt.Errorf("archive dead-letter task %s: %w", g.id, err)
		}
	}
	return len(groups), nil
}
