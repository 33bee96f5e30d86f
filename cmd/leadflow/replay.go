package main

import (
	"context"
	"io"

	"leadflow/intake"
	"leadflow/internal/cmdline"
	"leadflow/internal/preflight"
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

// runReplay lists dead-lettered events (ls) or replays them; the work is
// intake.DeadLetters'.
func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "ls" {
		return runReplayLs(ctx, args[1:], stdout)
	}
	fs := cmdline.NewFlagSet("replay", replayUsage, stdout)
	var ids intake.EventIDs
	fs.Var(&ids, "event", "replay this failed event (inbound_events row id, as listed by ls); repeatable")
	all := fs.Bool("all", false, "replay every failed event (narrowed by --connector)")
	connector := fs.String("connector", "", "replay only failed events of this connector (e.g. generic, typeform)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fs.Errorf("unexpected argument %q (did you mean \"leadflow replay ls\"?)", fs.Arg(0))
	}
	switch {
	case len(ids) > 0 && *all:
		return fs.Errorf("--event and --all exclude each other: name events with --event, or replay every failed one with --all")
	case len(ids) == 0 && !*all && *connector == "":
		return fs.Errorf("choose what to replay: --event ID, --all or --connector NAME")
	}
	return withDeadLetters(ctx, func(dl intake.DeadLetters) error {
		return dl.Replay(ctx, store.FailedEventFilter{IDs: ids, Connector: *connector}, stdout, stderr)
	})
}

// runReplayLs prints failed events and archived tasks by type.
func runReplayLs(ctx context.Context, args []string, stdout io.Writer) error {
	fs := cmdline.NewFlagSet("replay ls", "Usage: leadflow replay ls [--connector NAME] [--limit N]\n\n"+
		"Lists the failed events (never their payloads: they hold personal data) and\nthe archived tasks of the queue, counted by task type.", stdout)
	connector := fs.String("connector", "", "list only failed events of this connector")
	limit := fs.Int("limit", 100, "most failed events listed (oldest first)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.NoArgs(); err != nil {
		return err
	}
	if *limit <= 0 {
		return fs.Errorf("--limit: expected a positive number, got %d", *limit)
	}
	return withDeadLetters(ctx, func(dl intake.DeadLetters) error {
		return dl.List(ctx, store.FailedEventFilter{Connector: *connector, Limit: *limit}, stdout)
	})
}

// withDeadLetters runs f over the configured store and Redis.
func withDeadLetters(ctx context.Context, f func(intake.DeadLetters) error) error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	st, closeStore, err := preflight.OpenStore(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer closeStore()
	dl, err := intake.Connect(st, cfg.RedisURL)
	if err != nil {
		return err
	}
	defer dl.Close()
	return f(dl)
}
