// Command leadflow is the one leadflow binary. Subcommands choose the role:
// serve (webhook intake), worker (queue processing), scheduler (relay and
// periodic tasks), run (all three in one process), migrate, demo, version.
// It only wires packages together; behaviour lives in them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	// Rep availability and quiet hours need time zones even in a minimal
	// container image without /usr/share/zoneinfo.
	_ "time/tzdata"

	"leadflow/config"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

type command struct {
	name    string
	summary string
	usage   string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"serve", "run the HTTP server: webhook intake, /healthz, /readyz, /metrics", "leadflow serve", runServe},
		{"worker", "run an Asynq worker that processes lead tasks (also serves /healthz, /readyz, /metrics)", "leadflow worker", runWorker},
		{"scheduler", "run the relay that enqueues stored events left without a task (also serves /healthz, /readyz, /metrics)", "leadflow scheduler", runScheduler},
		{"run", "run serve, worker and scheduler in one process", "leadflow run", runAll},
		{"migrate", "apply database migrations (up) or list them (status)", "leadflow migrate up|status", runMigrate},
		{"import", "load historical leads with outcomes from a CSV file, for training and backtesting", "leadflow import --csv FILE --label COL --positive VALUE [--exclude A,B] [--id COL]", runImport},
		{"score", "evaluate, train and calibrate the learned model (eval, train, calibrate)", "leadflow score eval|train|calibrate [flags]", runScore},
		{"mail", "list the local mail sink or preview a template for a contact (ls, preview)", "leadflow mail ls|preview", runMail},
		{"reps", "manage sales reps and their rep API tokens (add, ls, disable, ooo, token)", "leadflow reps add|ls|disable|ooo|token [flags]", runReps},
		{"explain", "print why a contact has its score, and its score history", "leadflow explain <contact id or ref>", runExplain},
		{"contacts", "privacy requests: export everything held about a person, or erase it", "leadflow contacts export|erase <email|phone|contact id|ref> [--out FILE] [--yes]", runContacts},
		{"route", "replay recent leads through the current or a proposed routing config (simulate)", "leadflow route simulate [--since 30d] [--config new.yaml]", runRoute},
		{"report", "marketing reports: funnel, stage conversion, attribution, rep leaderboard (table, csv, json)", "leadflow report funnel|stages|attribution|reps [--by utm_campaign] [--model first|last|linear] [--pipeline Sales] [--from 2026-01-01 --to 2026-12-31] [--format table|csv|json]", runReport},
		{"replay", "list dead-lettered events and their archived tasks (ls), or re-run them after a fix", "leadflow replay ls | leadflow replay --event ID ... | --all [--connector NAME]", runReplay},
		{"bench", "load benchmark against the machine's own ceilings: intake, leads/s end to end, speed to lead, RSS", "leadflow bench [--leads 20000] [--rate 1000] [--duration 10s] [--workers 1] [--pg-statements 10] [--json]", runBench},
		{"demo", "start local PostgreSQL and Redis under ./.leadflow, run every role, replay synthetic leads and report", "leadflow demo [flags]", runDemo},
		{"version", "print the version", "leadflow version", func(_ context.Context, _ []string, stdout, _ io.Writer) error {
			fmt.Fprintln(stdout, "leadflow", version)
			return nil
		}},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// ownsFlags lists the commands that parse their own flags (and print their
// own --help).
var ownsFlags = map[string]bool{"demo": true, "explain": true, "import": true, "score": true, "mail": true, "bench": true, "route": true, "reps": true, "replay": true, "report": true, "contacts": true}

// errUsage marks an error already explained by a usage message.
var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		rest := args[1:]
		if len(rest) > 0 && (rest[0] == "-h" || rest[0] == "--help") && !ownsFlags[c.name] {
			printCommandUsage(stdout, c)
			return 0
		}
		if err := c.run(ctx, rest, stdout, stderr); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			if !errors.Is(err, errUsage) {
				fmt.Fprintf(stderr, "leadflow %s: %v\n", c.name, err)
			}
			return 1
		}
		return 0
	}
	fmt.Fprintf(stderr, "leadflow: unknown command %q\n\n", args[0])
	printUsage(stderr)
	return 2
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `leadflow: lead intake, qualification and routing.

Usage: leadflow <command> [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'leadflow <command> --help' for details.")
	fmt.Fprintln(w)
	printEnv(w)
}

func printCommandUsage(w io.Writer, c command) {
	fmt.Fprintf(w, "Usage: %s\n\n%s.\n\n", c.usage, upperFirst(c.summary))
	printEnv(w)
}

func printEnv(w io.Writer) {
	fmt.Fprintln(w, "Environment:")
	for _, ev := range config.EnvVars() {
		def := ev.Default
		if def == "" {
			def = "unset"
		}
		fmt.Fprintf(w, "  %s\n      %s (default: %s)\n", ev.Name, ev.Usage, def)
	}
	fmt.Fprintln(w, `
The YAML file named by LEADFLOW_CONFIG may set scoring rules (scoring:) and
routing (routing: pipeline, hot_stage, nurture_program, reps). See README.md.`)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
