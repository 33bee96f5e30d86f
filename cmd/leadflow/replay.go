package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/hibiken/asynq"

	"leadflow/config"
	"leadflow/intake"
	"leadflow/store"
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

// runReplay lists dead-lettered events (ls) or replays them; the work is
// intake.DeadLetters'.
func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "ls" {
		return runReplayLs(ctx, args[1:], stdout)
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
	client := asynq.NewClient(redisOpt)
	defer client.Close()
	dl := intake.DeadLetters{Store: st, Inspector: inspector, Client: client}
	return dl.Replay(ctx, store.FailedEventFilter{IDs: ids, Connector: *connector}, stdout, stderr)
}

// runReplayLs prints failed events and archived tasks by type.
func runReplayLs(ctx context.Context, args []string, stdout io.Writer) error {
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
	redisOpt, err := replayRedisOpt(cfg)
	if err != nil {
		return err
	}
	inspector := asynq.NewInspector(redisOpt)
	defer inspector.Close()
	dl := intake.DeadLetters{Store: st, Inspector: inspector}
	return dl.List(ctx, store.FailedEventFilter{Connector: *connector, Limit: *limit}, stdout)
}

// replayRedisOpt parses LEADFLOW_REDIS_URL the way the server roles do,
// with the patience of an operator's command rather than a webhook's.
func replayRedisOpt(cfg config.Config) (asynq.RedisConnOpt, error) {
	return redisConnOpt(cfg.RedisURL, 2*time.Second, 5*time.Second)
}
