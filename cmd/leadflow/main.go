// Command leadflow is the one leadflow binary. Subcommands choose the role:
// serve (webhook intake), worker (queue processing), scheduler (relay and
// periodic tasks), run (all three in one process), migrate, demo, version.
// It only wires packages together; behaviour lives in them. Every command
// follows the command-line contract of package internal/cmdline, kept by
// cli_test.go over the whole command table.
package main

import (
	"context"
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
	"leadflow/internal/cmdline"
	"leadflow/migrations"
	"leadflow/reporting"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes, documented in the top-level usage.
const (
	exitOK      = cmdline.ExitOK
	exitFailure = cmdline.ExitFailure
	exitUsage   = cmdline.ExitUsage
)

// command is one `leadflow <name>` subcommand.
type command struct {
	name    string
	summary string
	// verbs are the subcommands of name (reps add, score eval, …); each
	// answers --help on its own. cli_test.go checks every one listed here.
	verbs []string
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// Verbs of the commands that have them, shared by the table and the
// commands' own dispatch and error messages.
var (
	scoreVerbs    = []string{"eval", "train", "calibrate"}
	mailVerbs     = []string{"ls", "preview"}
	repsVerbs     = []string{"add", "ls", "disable", "ooo", "token"}
	contactsVerbs = []string{"export", "erase"}
	routeVerbs    = []string{"simulate"}
	replayVerbs   = []string{"ls"}
)

func commands() []command {
	return []command{
		{"serve", "run the HTTP server: webhook intake, /healthz, /readyz, /metrics", nil, runRole("serve", roles{http: true})},
		{"worker", "run an Asynq worker that processes lead tasks (also serves /healthz, /readyz, /metrics)", nil, runRole("worker", roles{http: true, worker: true})},
		{"scheduler", "run the relay that enqueues stored events left without a task (also serves /healthz, /readyz, /metrics)", nil, runRole("scheduler", roles{http: true, relay: true})},
		{"run", "run serve, worker and scheduler in one process", nil, runRole("run", roles{http: true, worker: true, relay: true})},
		{"migrate", "apply database migrations (up) or list them (status)", migrations.Verbs, runMigrate},
		{"import", "load historical leads with outcomes from a CSV file, for training and backtesting", nil, runImport},
		{"score", "evaluate, train and calibrate the learned model (eval, train, calibrate)", scoreVerbs, runScore},
		{"mail", "list the local mail sink or preview a template for a contact (ls, preview)", mailVerbs, runMail},
		{"reps", "manage sales reps and their rep API tokens (add, ls, disable, ooo, token)", repsVerbs, runReps},
		{"explain", "print why a contact has its score, and its score history", nil, runExplain},
		{"contacts", "privacy requests: export everything held about a person, or erase it", contactsVerbs, runContacts},
		{"route", "replay recent leads through the current or a proposed routing config (simulate)", routeVerbs, runRoute},
		{"report", "marketing reports: funnel, stage conversion, attribution, rep leaderboard (table, csv, json)", reporting.Names, runReport},
		{"replay", "list dead-lettered events and their archived tasks (ls), or re-run them after a fix", replayVerbs, runReplay},
		{"bench", "load benchmark against the machine's own ceilings: intake, leads/s end to end, speed to lead, RSS", nil, runBench},
		{"post", "send one signed lead to a running leadflow, as a web form would, and show what it became", nil, runPost},
		{"demo", "start local PostgreSQL and Redis under ./.leadflow, run every role, replay synthetic leads and report", nil, runDemo},
		{"version", "print the version (also leadflow --version, -v)", nil, runVersion},
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
	var cmds []cmdline.Command
	for _, c := range commands() {
		cmds = append(cmds, cmdline.Command{Name: c.name, Summary: c.summary, Verbs: c.verbs, Run: c.run})
	}
	return cmdline.Program{Name: "leadflow", Intro: usageIntro, Outro: usageOutro, Commands: cmds,
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

// The commands reach the toolkit of package internal/cmdline through these
// names.

// flagSet is a command's flag set with leadflow's conventions (see
// package internal/cmdline), kept by a cmdline.FlagSet. The embedded
// *flag.FlagSet defines the flags; Parse and the helpers below go through
// the cmdline.FlagSet.
type flagSet struct {
	*flag.FlagSet
	line *cmdline.FlagSet
}

// newFlagSet returns the flag set of `leadflow <name>`; usage is the help
// text printed above the flags, starting with "Usage:".
func newFlagSet(name, usage string, stdout io.Writer) *flagSet {
	c := cmdline.NewFlagSet(name, usage, stdout)
	return &flagSet{FlagSet: c.FlagSet, line: c}
}

// Parse parses args the cmdline.FlagSet way (shadowing flag.FlagSet.Parse).
func (f *flagSet) Parse(args []string) error { return f.line.Parse(args) }
func (f *flagSet) parseInterspersed(args []string) ([]string, error) {
	return f.line.ParseInterspersed(args)
}
func (f *flagSet) errorf(format string, args ...any) error { return f.line.Errorf(format, args...) }
func (f *flagSet) noArgs() error                           { return f.line.NoArgs() }
func (f *flagSet) required(names ...string) error          { return f.line.Required(names...) }

// splitVerb splits the arguments of a command with verbs; see cmdline.SplitVerb.
func splitVerb(cmd, usage string, verbs, args []string, stdout io.Writer) (string, []string, error) {
	return cmdline.SplitVerb(cmd, usage, verbs, args, stdout)
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

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
