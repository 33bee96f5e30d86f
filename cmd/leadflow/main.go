// Command leadflow is the one leadflow binary. Subcommands choose the role:
// serve (webhook intake), worker (queue processing), scheduler (relay and
// periodic tasks), run (all three in one process), migrate, demo, version.
// It only wires packages together; behaviour lives in them. Every command
// follows the command-line contract of package internal/cmdline, kept by
// cli_test.go over the whole command table.
package main

import (
	"context"
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
	"leadflow/internal/cmdline"
	"leadflow/internal/node"
	"leadflow/internal/preflight"
	"leadflow/migrations"
	"leadflow/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Verbs of the commands that have them, shared by the table and the
// commands' own dispatch and error messages.
var (
	scoreVerbs    = []string{"eval", "train", "calibrate", "bant-eval"}
	mailVerbs     = []string{"ls", "preview"}
	repsVerbs     = []string{"add", "ls", "disable", "ooo", "token"}
	contactsVerbs = []string{"export", "erase"}
	routeVerbs    = []string{"simulate"}
	replayVerbs   = []string{"ls"}
)

// commands is leadflow's command table; cli_test.go checks every command
// and every verb listed here.
func commands() []cmdline.Command {
	return []cmdline.Command{
		{Name: "serve", Summary: "run the HTTP server: webhook intake, /healthz, /readyz, /metrics", Run: runRole("serve", node.Roles{HTTP: true})},
		{Name: "worker", Summary: "run an Asynq worker that processes lead tasks (also serves /healthz, /readyz, /metrics)", Run: runRole("worker", node.Roles{HTTP: true, Worker: true})},
		{Name: "scheduler", Summary: "run the relay that enqueues stored events left without a task (also serves /healthz, /readyz, /metrics)", Run: runRole("scheduler", node.Roles{HTTP: true, Relay: true})},
		{Name: "run", Summary: "run serve, worker and scheduler in one process", Run: runRole("run", node.Roles{HTTP: true, Worker: true, Relay: true})},
		{Name: "migrate", Summary: "apply database migrations (up) or list them (status)", Verbs: migrations.Verbs, Run: runMigrate},
		{Name: "import", Summary: "load historical leads with outcomes from a CSV file, for training and backtesting; ad spend (--spend)", Run: runImport},
		{Name: "score", Summary: "evaluate, train and calibrate the learned model; measure the text reader (eval, train, calibrate, bant-eval)", Verbs: scoreVerbs, Run: runScore},
		{Name: "mail", Summary: "list the local mail sink or preview a template for a contact (ls, preview)", Verbs: mailVerbs, Run: runMail},
		{Name: "reps", Summary: "manage sales reps and their rep API tokens (add, ls, disable, ooo, token)", Verbs: repsVerbs, Run: runReps},
		{Name: "explain", Summary: "print why a contact has its score, and its score history", Run: runExplain},
		{Name: "contacts", Summary: "privacy requests: export everything held about a person, or erase it", Verbs: contactsVerbs, Run: runContacts},
		{Name: "route", Summary: "replay recent leads through the current or a proposed routing config (simulate)", Verbs: routeVerbs, Run: runRoute},
		{Name: "report", Summary: "marketing reports: funnel, stage conversion, attribution, rep leaderboard, pareto by score, ad spend (table, csv, json)", Verbs: reportVerbs, Run: runReport},
		{Name: "sync", Summary: "operate the CRM sync: per target lag, pending and failed (status), the change log and dead letters (ls), replay", Verbs: syncVerbs, Run: runSync},
		{Name: "replay", Summary: "list dead-lettered events and their archived tasks (ls), or re-run them after a fix", Verbs: replayVerbs, Run: runReplay},
		{Name: "bench", Summary: "load benchmark against the machine's own ceilings: intake, leads/s end to end, speed to lead, RSS", Run: runBench},
		{Name: "post", Summary: "send one signed lead to a running leadflow, as a web form would, and show what it became", Run: runPost},
		{Name: "demo", Summary: "start local PostgreSQL and Redis under ./.leadflow, run every role, replay synthetic leads and report", Run: runDemo},
		{Name: "version", Summary: "print the version (also leadflow --version, -v)", Run: runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// program is leadflow's command table with its usage and environment help.
func program() cmdline.Program {
	var env []cmdline.EnvVar
	for _, ev := range config.EnvVars() {
		env = append(env, cmdline.EnvVar(ev))
	}
	return cmdline.Program{Name: "leadflow", Intro: usageIntro, Outro: usageOutro, Commands: commands(),
		Env: cmdline.EnvHelp(env, "\nThe YAML file named by LEADFLOW_CONFIG may set scoring rules (scoring:) and\nrouting (routing: pipeline, hot_stage, nurture_program, reps). See README.md.\n")}
}

// run runs the command line args and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return program().Run(ctx, args, stdout, stderr)
}

const usageIntro = `leadflow: lead intake, qualification and routing.

Usage: leadflow <command> [flags]
       leadflow help <command> [subcommand]
       leadflow --version

Commands:
`

const usageOutro = `
Run 'leadflow <command> --help' (or 'leadflow <command> <subcommand> --help')
for its flags; help is printed on stdout.

Exit status:
  0  success, or help printed
  1  the command failed while running: PostgreSQL or Redis unreachable, a
     file that cannot be read, no such contact or rep, invalid configuration
  2  usage error: unknown command, subcommand or flag, a bad or missing flag
     value or argument; one line on stderr names it, nothing on stdout
`

// loadConfig reads the configuration from the process environment.
func loadConfig() (config.Config, error) {
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		return cfg, fmt.Errorf("invalid configuration:\n  %s", strings.ReplaceAll(err.Error(), "\n", "\n  "))
	}
	return cfg, nil
}

// openStore connects to the configured database, checked to answer, for a
// one-shot command.
func openStore(ctx context.Context) (*store.Store, func(), error) {
	cfg, err := loadConfig()
	if err != nil {
		return nil, nil, err
	}
	return preflight.OpenStore(ctx, cfg.DatabaseURL)
}

// runVersion prints the version.
func runVersion(_ context.Context, args []string, stdout, _ io.Writer) error {
	fs := cmdline.NewFlagSet("version", "Usage: leadflow version\n       leadflow --version\n       leadflow -v\n\nPrints the version: leadflow <version>.", stdout)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.NoArgs(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "leadflow", version)
	return nil
}
