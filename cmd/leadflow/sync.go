package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"text/tabwriter"
	"time"

	"leadflow/internal/cmdline"
	"leadflow/store"
)

// syncVerbs are the subcommands of `leadflow sync`.
var syncVerbs = []string{"status", "ls", "replay"}

const syncUsage = `Usage:
  leadflow sync status [--format table|json]
  leadflow sync ls [--target NAME] [--failed] [--limit N] [--format table|json]
  leadflow sync replay --target NAME (--dead | --deal ID)

Operates the two-way CRM sync (docs/crm-sync.md).

"status" shows each CRM target: enabled or paused (and why), lag (age of the
oldest change not yet pushed), pending deals, failing and dead-lettered
records with the last reason, changes received and not yet applied, and the
last push and pull.

"ls" lists the change log (deals waiting to be pushed), or with --failed the
failing changes and the open dead letters.

"replay" sends a target's dead letters again (--dead: refused pushes go
back on the change log, refused pulled changes back to be applied) or one
deal (--deal), and resumes a paused target: fix the cause first (the CRM's
message, the credentials, the mapping).`

// runSync is `leadflow sync status|ls|replay`.
func runSync(ctx context.Context, args []string, stdout, _ io.Writer) error {
	verb, rest, err := cmdline.SplitVerb("sync", syncUsage, syncVerbs, args, stdout)
	if err != nil {
		return err
	}
	switch verb {
	case "status":
		return runSyncStatus(ctx, rest, stdout)
	case "ls":
		return runSyncLs(ctx, rest, stdout)
	default:
		return runSyncReplay(ctx, rest, stdout)
	}
}

// syncStatusRow is one target of `leadflow sync status --format json`.
type syncStatusRow struct {
	Target         string     `json:"target"`
	State          string     `json:"state"`
	PausedReason   string     `json:"paused_reason,omitempty"`
	LagSeconds     float64    `json:"lag_seconds"`
	Pending        int64      `json:"pending"`
	Failing        int64      `json:"failing"`
	Dead           int64      `json:"dead"`
	LastDead       string     `json:"last_dead,omitempty"`
	LastError      string     `json:"last_error,omitempty"`
	InboundPending int64      `json:"inbound_pending"`
	LastPushAt     *time.Time `json:"last_push_at"`
	LastPullAt     *time.Time `json:"last_pull_at"`
}

func formatFlag(fs *cmdline.FlagSet) *string {
	return fs.String("format", "table", "output format: table|json")
}

func checkFormat(fs *cmdline.FlagSet, format string) error {
	if !slices.Contains([]string{"table", "json"}, format) {
		return fs.Errorf("--format: unknown format %q (one of: table, json)", format)
	}
	return nil
}

func runSyncStatus(ctx context.Context, args []string, stdout io.Writer) error {
	fs := cmdline.NewFlagSet("sync status", "Usage: leadflow sync status [--format table|json]\n\nEach CRM target's sync state.", stdout)
	format := formatFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.NoArgs(); err != nil {
		return err
	}
	if err := checkFormat(fs, *format); err != nil {
		return err
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	now := time.Now()
	rows, err := st.CRMStatus(ctx, now)
	if err != nil {
		return err
	}
	out := make([]syncStatusRow, 0, len(rows))
	for _, r := range rows {
		state := "enabled"
		switch {
		case !r.Enabled:
			state = "disabled"
		case r.PausedAt != nil:
			state = "paused"
		}
		out = append(out, syncStatusRow{Target: r.Name, State: state, PausedReason: r.PausedReason, LagSeconds: max(0, now.Sub(r.OldestChange).Seconds()),
			Pending: r.Pending, Failing: r.Failing, Dead: r.Dead, LastDead: r.LastDead, LastError: r.LastError, InboundPending: r.InboundPending,
			LastPushAt: r.LastPushAt, LastPullAt: r.LastPullAt})
	}
	if *format == "json" {
		return writeJSONOut(stdout, out)
	}
	if len(out) == 0 {
		_, err := fmt.Fprintln(stdout, "no CRM targets: enable crm.odoo or crm.hubspot in the YAML file (docs/crm-sync.md)")
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TARGET\tSTATE\tLAG\tPENDING\tFAILING\tDEAD\tINBOUND\tLAST PUSH\tLAST PULL\tLAST REASON")
	for _, r := range out {
		reason := r.LastDead
		if r.PausedReason != "" {
			reason = r.PausedReason
		} else if reason == "" {
			reason = r.LastError
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\t%s\n", r.Target, r.State, (time.Duration(r.LagSeconds) * time.Second).String(),
			r.Pending, r.Failing, r.Dead, r.InboundPending, when(r.LastPushAt), when(r.LastPullAt), cmdline.OneLine(reason))
	}
	return tw.Flush()
}

func when(t *time.Time) string {
	if t == nil {
		return "never"
	}
	return t.UTC().Format(time.RFC3339)
}

func writeJSONOut(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// syncLsRow is one line of `leadflow sync ls --format json`: a change
// waiting to be pushed, or a dead letter.
type syncLsRow struct {
	Target string `json:"target"`
	// Kind is "change" or "dead".
	Kind     string    `json:"kind"`
	DealID   int64     `json:"deal_id,omitempty"`
	ID       int64     `json:"id,omitempty"`
	Since    time.Time `json:"since"`
	Attempts int32     `json:"attempts"`
	Reason   string    `json:"reason,omitempty"`
	// Direction is a dead letter's: push or pull.
	Direction string `json:"direction,omitempty"`
}

func runSyncLs(ctx context.Context, args []string, stdout io.Writer) error {
	fs := cmdline.NewFlagSet("sync ls", "Usage: leadflow sync ls [--target NAME] [--failed] [--limit N] [--format table|json]\n\n"+
		"The change log (deals waiting to be pushed), or the failing changes and open\ndead letters with --failed, oldest first.", stdout)
	target := fs.String("target", "", "only this CRM target (odoo, hubspot)")
	failed := fs.Bool("failed", false, "only failing changes and dead letters")
	limit := fs.Int("limit", 100, "most rows of each kind listed")
	format := formatFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.NoArgs(); err != nil {
		return err
	}
	if *limit <= 0 {
		return fs.Errorf("--limit: expected a positive number, got %d", *limit)
	}
	if err := checkFormat(fs, *format); err != nil {
		return err
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	if err := knownTarget(ctx, fs, st, *target); err != nil {
		return err
	}
	changes, err := st.CRMChanges(ctx, *target, *failed, *limit)
	if err != nil {
		return err
	}
	out := []syncLsRow{}
	for _, c := range changes {
		out = append(out, syncLsRow{Target: c.Target, Kind: "change", DealID: c.DealID, Since: c.FirstChangedAt, Attempts: c.Attempts, Reason: c.LastError})
	}
	if *failed {
		dead, err := st.CRMDeadLetters(ctx, *target, *limit)
		if err != nil {
			return err
		}
		for _, d := range dead {
			r := syncLsRow{Target: d.Target, Kind: "dead", ID: d.ID, Since: d.CreatedAt, Attempts: d.Attempts, Reason: d.Message, Direction: d.Direction}
			if d.DealID != nil {
				r.DealID = *d.DealID
			}
			out = append(out, r)
		}
	}
	if *format == "json" {
		return writeJSONOut(stdout, out)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TARGET\tKIND\tDEAL\tSINCE\tATTEMPTS\tREASON")
	for _, r := range out {
		kind := r.Kind
		if r.Direction != "" {
			kind += " (" + r.Direction + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", r.Target, kind, strconv.FormatInt(r.DealID, 10), r.Since.UTC().Format(time.RFC3339),
			r.Attempts, cmdline.OneLine(r.Reason))
	}
	return tw.Flush()
}

// knownTarget refuses a --target no deployment process ever configured.
func knownTarget(ctx context.Context, fs *cmdline.FlagSet, st *store.Store, target string) error {
	if target == "" {
		return nil
	}
	rows, err := st.CRMStatus(ctx, time.Now())
	if err != nil {
		return err
	}
	var names []string
	for _, r := range rows {
		if r.Name == target {
			return nil
		}
		names = append(names, r.Name)
	}
	return fs.Errorf("--target: unknown CRM target %q (known: %v)", target, names)
}

func runSyncReplay(ctx context.Context, args []string, stdout io.Writer) error {
	fs := cmdline.NewFlagSet("sync replay", "Usage: leadflow sync replay --target NAME (--dead | --deal ID)\n\n"+
		"Sends a target's dead letters (--dead) or one deal (--deal) again, and resumes\nthe target if it was paused.", stdout)
	target := fs.String("target", "", "the CRM target (odoo, hubspot); required")
	dead := fs.Bool("dead", false, "replay every open dead letter of the target")
	deal := fs.Int64("deal", 0, "push this deal (id) again")
	if err := fs.ParseFlags(args, "target"); err != nil {
		return err
	}
	if err := fs.NoArgs(); err != nil {
		return err
	}
	switch {
	case *dead && *deal != 0:
		return fs.Errorf("--dead and --deal exclude each other")
	case !*dead && *deal == 0:
		return fs.Errorf("choose what to replay: --dead or --deal ID")
	case *deal < 0:
		return fs.Errorf("--deal: expected a deal id, got %d", *deal)
	}
	st, closeStore, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	if err := knownTarget(ctx, fs, st, *target); err != nil {
		return err
	}
	now := time.Now()
	if err := st.ResumeCRMTarget(ctx, *target, now); err != nil {
		return err
	}
	if *deal != 0 {
		if err := st.ReplayCRMDeal(ctx, *target, *deal, now); err != nil {
			return fmt.Errorf("replay deal %d to %s: %w", *deal, *target, err)
		}
		_, err := fmt.Fprintf(stdout, "deal %d queued for the next push to %s\n", *deal, *target)
		return err
	}
	pushes, pulls, err := st.ReplayCRMDead(ctx, *target, now)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s: %d refused deals queued for the next push, %d refused changes for the next apply\n", *target, pushes, pulls)
	return err
}
