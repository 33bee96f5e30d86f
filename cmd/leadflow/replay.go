package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/config"
	"leadflow/store"
	"leadflow/workers"
)

const replayUsage = `Usage:
  leadflow replay ls [--connector NAME] [--limit N]
  leadflow replay --event ID [--event ID ...]
  leadflow replay --all [--connector NAME]
  leadflow replay --connector NAME

Recovers dead letters: inbound events whose processing failed permanently
(status failed, see "ls" for why) and whose queue task was archived.

"ls" lists the failed events (never their payloads: they hold personal
data) and the archived tasks of the queue, counted by task type.

Without "ls", the chosen failed events are put back to status received,
their archived tasks are deleted, and a fresh lead:ingest task is enqueued
for each. Fix the cause first (a missing connector secret, a field mapping):
an event that fails again is dead-lettered again.`

// maxShownError bounds an error message in a table row; the full text is
// in inbound_events.last_error.
const maxShownError = 100

// archivedPageSize is how many archived tasks one inspector call reads.
const archivedPageSize = 500

// eventIDList collects repeated --event flags (each may also be a
// comma-separated list).
type eventIDList []int64

func (l *eventIDList) String() string {
	parts := make([]string, len(*l))
	for i, id := range *l {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

func (l *eventIDList) Set(s string) error {
	for part := range strings.SplitSeq(s, ",") {
		id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
		if err != nil || id <= 0 {
			return fmt.Errorf("expected a positive inbound event row id, got %q", part)
		}
		*l = append(*l, id)
	}
	return nil
}

// runReplay lists dead-lettered events (ls) or replays them.
func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "ls" {
		return runReplayLs(ctx, args[1:], stdout, stderr)
	}
	fs := newFlagSet("replay", replayUsage, stdout)
	var ids eventIDList
	fs.Var(&ids, "event", "replay this failed event (inbound_events row id, as listed by ls); repeatable")
	all := fs.Bool("all", false, "replay every failed event (narrowed by --connector)")
	connector := fs.String("connector", "", "replay only failed events of this connector (e.g. generic, typeform)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fs.errorf("unexpected argument %q (did you mean \"leadflow replay ls\"?)", fs.Arg(0))
	}
	switch {
	case len(ids) > 0 && *all:
		return fs.errorf("--event and --all exclude each other: name events with --event, or replay every failed one with --all")
	case len(ids) == 0 && !*all && *connector == "":
		return fs.errorf("choose what to replay: --event ID, --all or --connector NAME")
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	redisOpt, err := replayRedisOpt(cfg)
	if err != nil {
		return err
	}
	// Check Redis before touching the database: a reset event with no task
	// would wait for the relay instead of running now.
	inspector := asynq.NewInspector(redisOpt)
	defer inspector.Close()
	if _, err := inspector.Queues(); err != nil {
		return fmt.Errorf("reach Redis at %s before replaying: %w", config.EnvRedisURL, err)
	}

	filter := store.FailedEventFilter{IDs: ids, Connector: *connector}
	events, err := st.ResetFailedEvents(ctx, filter)
	if err != nil {
		return err
	}
	var missing []string
	for _, id := range ids {
		if !slices.ContainsFunc(events, func(e store.FailedEvent) bool { return e.ID == id }) {
			missing = append(missing, strconv.FormatInt(id, 10))
		}
	}
	if len(events) == 0 {
		fmt.Fprintln(stdout, "no failed events matched; nothing replayed")
	}

	deleted, err := deleteArchivedTasks(ctx, inspector, st, events)
	if err != nil {
		// Not fatal: a leftover archived task never runs again by itself.
		fmt.Fprintf(stderr, "leadflow replay: warning: %v\n", err)
	}
	client := asynq.NewClient(redisOpt)
	defer client.Close()
	var enqueueErrs []error
	for _, ev := range events {
		taskID, err := enqueueReplay(ctx, client, ev)
		if err != nil {
			enqueueErrs = append(enqueueErrs, fmt.Errorf("event %d: %w", ev.ID, err))
			continue
		}
		// Point the row at its new task, or the relay would find the old
		// (deleted) one missing and enqueue the event a second time.
		// Harmless if it fails: processing is idempotent.
		if err := st.SetEventsTask(ctx, []int64{ev.ID}, taskID, time.Now()); err != nil {
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

// enqueueReplay enqueues a fresh lead:ingest for a reset event. Its TaskID
// extends the event's usual one so it never collides with the archived (or
// retained completed) task of the first attempt; the natural-key writes in
// PostgreSQL keep a replay idempotent all the same.
func enqueueReplay(ctx context.Context, client *asynq.Client, ev store.FailedEvent) (string, error) {
	task, err := workers.NewIngestTask(ev.ID, ev.Connector, ev.Source, ev.EventID)
	if err != nil {
		return "", err
	}
	taskID := workers.IngestTaskID(ev.Connector, ev.Source, ev.EventID) + ":replay:" + strconv.FormatInt(time.Now().UnixNano(), 10)
	// Options given at enqueue time override the task's own TaskID.
	info, err := client.EnqueueContext(ctx, task, asynq.TaskID(taskID))
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
func deleteArchivedTasks(ctx context.Context, inspector *asynq.Inspector, st *store.Store, replayed []store.FailedEvent) (int, error) {
	if len(replayed) == 0 {
		return 0, nil
	}
	want := make(map[int64]bool, len(replayed))
	for _, ev := range replayed {
		want[ev.ID] = true
	}
	tasks, err := archivedTasks(inspector)
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
			stillFailed, err := st.FailedEvents(ctx, store.FailedEventFilter{IDs: others, Limit: 1})
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if len(stillFailed) > 0 {
				continue
			}
		}
		if err := inspector.DeleteTask(ti.Queue, ti.ID); err != nil && !errors.Is(err, asynq.ErrTaskNotFound) {
			errs = append(errs, fmt.Errorf("delete archived task %s: %w", ti.ID, err))
			continue
		}
		deleted++
	}
	return deleted, errors.Join(errs...)
}

// archivedTasks reads every archived task of every queue; a queue that
// does not exist yet has none.
func archivedTasks(inspector *asynq.Inspector) ([]*asynq.TaskInfo, error) {
	var out []*asynq.TaskInfo
	for _, q := range workers.Queues() {
		for page := 1; ; page++ {
			tasks, err := inspector.ListArchivedTasks(q, asynq.PageSize(archivedPageSize), asynq.Page(page))
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

// runReplayLs prints failed events and archived tasks by type.
func runReplayLs(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("replay ls", `Usage: leadflow replay ls [--connector NAME] [--limit N]

Lists the failed events (never their payloads: they hold personal data) and
the archived tasks of the queue, counted by task type.`, stdout)
	connector := fs.String("connector", "", "list only failed events of this connector")
	limit := fs.Int("limit", 100, "most failed events listed (oldest first)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	if *limit <= 0 {
		return fs.errorf("--limit: expected a positive number, got %d", *limit)
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	events, err := st.FailedEvents(ctx, store.FailedEventFilter{Connector: *connector, Limit: *limit})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Failed events: %d", len(events))
	if len(events) == *limit {
		fmt.Fprintf(stdout, " (first %d; raise --limit for more)", *limit)
	}
	fmt.Fprintln(stdout)
	if len(events) > 0 {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tCONNECTOR\tSOURCE\tRECEIVED\tATTEMPTS\tLAST ERROR")
		for _, e := range events {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\n", e.ID, e.Connector, e.Source,
				e.ReceivedAt.UTC().Format(time.RFC3339), e.Attempts, shorten(e.LastError, maxShownError))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		printUnmapped(stdout, events)
	}

	redisOpt, err := replayRedisOpt(cfg)
	if err != nil {
		return err
	}
	inspector := asynq.NewInspector(redisOpt)
	defer inspector.Close()
	tasks, err := archivedTasks(inspector)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nArchived tasks (queues %s): %d\n", strings.Join(workers.Queues(), ", "), len(tasks))
	if len(tasks) == 0 {
		return nil
	}
	type group struct {
		count   int
		last    time.Time
		lastErr string
	}
	groups := map[string]*group{}
	for _, ti := range tasks {
		g := groups[ti.Type]
		if g == nil {
			g = &group{}
			groups[ti.Type] = g
		}
		g.count++
		if !ti.LastFailedAt.Before(g.last) {
			g.last, g.lastErr = ti.LastFailedAt, ti.LastErr
		}
	}
	types := make([]string, 0, len(groups))
	for typ := range groups {
		types = append(types, typ)
	}
	slices.Sort(types)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tCOUNT\tLAST FAILED\tLAST ERROR")
	for _, typ := range types {
		g := groups[typ]
		last := "-"
		if !g.last.IsZero() {
			last = g.last.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", typ, g.count, last, shorten(g.lastErr, maxShownError))
	}
	return tw.Flush()
}

// unmappedReason finds the form and question keys in the error of a
// delivery dead-lettered as unmapped (connectors.UnmappedError).
var unmappedReason = regexp.MustCompile(`email or phone is required: (?:form (.+?), )?(?:unmapped questions: (.+)|no unmapped questions)$`)

// printUnmapped lists, below the table, the forms whose deliveries failed
// only because nobody mapped them — the one failure an operator fixes with
// configuration — with every question key in full (the table cuts errors
// short) and what to do.
func printUnmapped(w io.Writer, events []store.FailedEvent) {
	type form struct {
		connector, form, keys string
		count                 int
	}
	var forms []*form
	byKey := map[string]*form{}
	for _, e := range events {
		m := unmappedReason.FindStringSubmatch(e.LastError)
		if m == nil {
			continue
		}
		k := e.Connector + "\x00" + m[1] + "\x00" + m[2]
		f := byKey[k]
		if f == nil {
			f = &form{connector: e.Connector, form: m[1], keys: m[2]}
			byKey[k] = f
			forms = append(forms, f)
		}
		f.count++
	}
	if len(forms) == 0 {
		return
	}
	fmt.Fprintln(w, "\nUnmapped forms: no answer maps to an email or phone. Map the question that asks for one under")
	fmt.Fprintln(w, "connectors.<connector>.fields in LEADFLOW_CONFIG, restart the workers, then run: leadflow replay --connector <connector>")
	for _, f := range forms {
		name := f.form
		if name == "" {
			name = "(no form id)"
		}
		keys := f.keys
		if keys == "" {
			keys = "none (every answered question is mapped, and none held an email or phone)"
		}
		fmt.Fprintf(w, "  %s form %s: %d event(s); unmapped questions: %s\n", f.connector, name, f.count, keys)
	}
}

// replayRedisOpt parses LEADFLOW_REDIS_URL the way the server roles do,
// with the patience of an operator's command rather than a webhook's.
func replayRedisOpt(cfg config.Config) (asynq.RedisConnOpt, error) {
	return redisConnOpt(cfg.RedisURL, 2*time.Second, 5*time.Second)
}

// shorten keeps a table cell on one line and bounded.
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
