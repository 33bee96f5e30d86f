package intake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/config"
	"leadflow/store"
	"leadflow/workers"
)

// maxShownError bounds an error message in a table row or a replay line;
// the full text is in inbound_events.last_error.
const maxShownError = 100

// archivedPageSize is how many archived tasks one inspector call reads.
const archivedPageSize = 500

// Store is what listing and replaying dead letters read and write.
type Store interface {
	// FailedEvents lists failed events, oldest first.
	FailedEvents(ctx context.Context, f store.FailedEventFilter) ([]store.FailedEvent, error)
	// ResetFailedEvents puts failed events back to received.
	ResetFailedEvents(ctx context.Context, f store.FailedEventFilter) ([]store.FailedEvent, error)
	// SetEventsTask points events at the task that processes them.
	SetEventsTask(ctx context.Context, ids []int64, taskID string, at time.Time) error
}

// DeadLetters lists and replays dead-lettered inbound events. The caller
// opens (and checks) Redis and the store; DeadLetters only uses them.
type DeadLetters struct {
	// Store holds the failed events.
	Store Store
	// Inspector reads and deletes archived tasks.
	Inspector *asynq.Inspector
	// Client enqueues replays; List does not use it.
	Client *asynq.Client
	// NowFunc is the clock for task ids and enqueue times; nil means
	// time.Now.
	NowFunc func() time.Time
}

func (d DeadLetters) now() time.Time {
	if d.NowFunc != nil {
		return d.NowFunc()
	}
	return time.Now()
}

// Replay checks that Redis answers, then puts the failed events matching f
// back to status received, deletes their archived tasks and enqueues a
// fresh lead:ingest for each, printing one line per event to stdout and
// non-fatal problems to stderr.
// Event ids named in f that were not failed are reported in the error
// after the others are replayed.
func (d DeadLetters) Replay(ctx context.Context, f store.FailedEventFilter, stdout, stderr io.Writer) error {
	// Check Redis before touching the database: a reset event with no task
	// would wait for the relay instead of running now.
	if _, err := d.Inspector.Queues(); err != nil {
		return fmt.Errorf("reach Redis at %s before replaying: %w", config.EnvRedisURL, err)
	}
	events, err := d.Store.ResetFailedEvents(ctx, f)
	if err != nil {
		return err
	}
	var missing []string
	for _, id := range f.IDs {
		if !slices.ContainsFunc(events, func(e store.FailedEvent) bool { return e.ID == id }) {
			missing = append(missing, strconv.FormatInt(id, 10))
		}
	}
	if len(events) == 0 {
		fmt.Fprintln(stdout, "no failed events matched; nothing replayed")
	}

	deleted, err := d.deleteArchivedTasks(ctx, events)
	if err != nil {
		// Not fatal: a leftover archived task never runs again by itself.
		fmt.Fprintf(stderr, "leadflow replay: warning: %v\n", err)
	}
	var enqueueErrs []error
	for _, ev := range events {
		taskID, err := d.enqueue(ctx, ev)
		if err != nil {
			enqueueErrs = append(enqueueErrs, fmt.Errorf("event %d: %w", ev.ID, err))
			continue
		}
		// Point the row at its new task, or the relay would find the old
		// (deleted) one missing and enqueue the event a second time.
		// Harmless if it fails: processing is idempotent.
		if err := d.Store.SetEventsTask(ctx, []int64{ev.ID}, taskID, d.now()); err != nil {
			fmt.Fprintf(stderr, "leadflow replay: warning: %v\n", err)
		}
		fmt.Fprintf(stdout, "replayed event %d (%s/%s) as task %s; it had failed with: %s\n",
			ev.ID, ev.Connector, ev.Source, taskID, shorten(ev.LastError, maxShownError))
	}
	fmt.Fprintf(stdout, "%d event(s) replayed, %d archived task(s) deleted\n", len(events)-len(enqueueErrs), deleted)
	if len(enqueueErrs) > 0 {
		return fmt.Errorf("reset %d event(s) to received but could not enqueue %d (the scheduler's relay enqueues them later): %w",
			len(events), len(enqueueErrs), errors.Join(enqueueErrs...))
	}
	if len(missing) > 0 {
		return fmt.Errorf("--event %s: not a failed event (already processed, being processed, or no such row)", strings.Join(missing, ","))
	}
	return nil
}

// enqueue enqueues a fresh lead:ingest for a reset event. Its TaskID
// extends the event's usual one so it never collides with the archived (or
// retained completed) task of the first attempt; the natural-key writes in
// PostgreSQL keep a replay idempotent all the same.
func (d DeadLetters) enqueue(ctx context.Context, ev store.FailedEvent) (string, error) {
	task, err := workers.NewIngestTask(ev.ID, ev.Connector, ev.Source, ev.EventID)
	if err != nil {
		return "", err
	}
	taskID := workers.IngestTaskID(ev.Connector, ev.Source, ev.EventID) + ":replay:" + strconv.FormatInt(d.now().UnixNano(), 10)
	// Options given at enqueue time override the task's own TaskID.
	info, err := d.Client.EnqueueContext(ctx, task, asynq.TaskID(taskID))
	if err != nil {
		return "", fmt.Errorf("enqueue %s: %w", workers.TypeLeadIngest, err)
	}
	return info.ID, nil
}

// taskEvents is the part of lead:ingest and lead:fetch payloads that names
// events: one (event_id) or a batch (event_ids).
type taskEvents struct {
	EventID  int64   `json:"event_id"`
	EventIDs []int64 `json:"event_ids"`
}

func (p taskEvents) ids() []int64 {
	if p.EventID != 0 {
		return append([]int64{p.EventID}, p.EventIDs...)
	}
	return p.EventIDs
}

// deleteArchivedTasks deletes the archived tasks of the replayed events. A
// task is matched by the event ids in its payload, not by TaskID, so it
// works for single-event and batch tasks alike. A batch task that also
// names an event still failed (not chosen for this replay) is kept: it is
// that event's dead letter too.
func (d DeadLetters) deleteArchivedTasks(ctx context.Context, replayed []store.FailedEvent) (int, error) {
	if len(replayed) == 0 {
		return 0, nil
	}
	want := make(map[int64]bool, len(replayed))
	for _, ev := range replayed {
		want[ev.ID] = true
	}
	tasks, err := d.archivedTasks()
	if err != nil {
		return 0, err
	}
	deleted := 0
	var errs []error
	for _, ti := range tasks {
		if ti.Type != workers.TypeLeadIngest && ti.Type != workers.TypeLeadFetch {
			continue
		}
		var p taskEvents
		if json.Unmarshal(ti.Payload, &p) != nil {
			continue
		}
		ids := p.ids()
		if !slices.ContainsFunc(ids, func(id int64) bool { return want[id] }) {
			continue
		}
		var others []int64
		for _, id := range ids {
			if !want[id] {
				others = append(others, id)
			}
		}
		if len(others) > 0 {
			stillFailed, err := d.Store.FailedEvents(ctx, store.FailedEventFilter{IDs: others, Limit: 1})
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if len(stillFailed) > 0 {
				continue
			}
		}
		if err := d.Inspector.DeleteTask(ti.Queue, ti.ID); err != nil && !errors.Is(err, asynq.ErrTaskNotFound) {
			errs = append(errs, fmt.Errorf("delete archived task %s: %w", ti.ID, err))
			continue
		}
		deleted++
	}
	return deleted, errors.Join(errs...)
}

// archivedTasks reads every archived task of every queue; a queue that
// does not exist yet has none.
func (d DeadLetters) archivedTasks() ([]*asynq.TaskInfo, error) {
	var out []*asynq.TaskInfo
	for _, q := range workers.Queues() {
		for page := 1; ; page++ {
			tasks, err := d.Inspector.ListArchivedTasks(q, asynq.PageSize(archivedPageSize), asynq.Page(page))
			if errors.Is(err, asynq.ErrQueueNotFound) {
				break
			}
			if err != nil {
				return out, fmt.Errorf("list archived tasks of queue %s: %w", q, err)
			}
			out = append(out, tasks...)
			if len(tasks) < archivedPageSize {
				break
			}
		}
	}
	return out, nil
}

// shorten keeps a table cell on one line and bounded to n runes; an empty
// text shows as "-".
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "-"
	}
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
