// Command leadflow is the one leadflow binary. Subcommands choose the role:
// serve (webhook intake), worker (queue processing), scheduler (relay and
// periodic tasks), run (all three in one process), migrate, demo, version.
// It only wires packages together; behaviour lives in them.
//
// Every command follows the same command-line contract, kept by
// cli_test.go over the whole command table: --help (or -h, or
// `leadflow help <command>`) prints usage on stdout and exits 0; a usage
// error (unknown command or flag, bad or missing flag value or argument)
// prints one line naming it on stderr, nothing on stdout, and exits 2; a
// failure at run time exits 1. Flags are parsed and checked before any
// database or network connection is opened.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"
	// Rep availability and quiet hours need time zones even in a minimal
	// container image without /usr/share/zoneinfo.
	_ "time/tzdata"

	"leadflow/config"
	"leadflow/reporting"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes, documented in the top-level usage.
const (
	exitOK      = 0 // success, or help printed
	exitFailure = 1 // the command failed at run time
	exitUsage   = 2 // the command line is wrong
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
	migrateVerbs  = []string{"up", "status"}
	scoreVerbs    = []string{"eval", "train", "calibrate"}
	mailVerbs     = []string{"ls", "preview"}
	repsVerbs     = []string{"add", "ls", "disable", "ooo", "token"}
	contactsVerbs = []string{"export", "erase"}
	routeVerbs    = []string{"simulate"}
	replayVerbs   = []string{"ls"}
)

func commands() []command {
	return []command{
		{"serve", "run the HTTP server: webhook intake, /healthz, /readyz, /metrics", nil, runServe},
		{"worker", "run an Asynq worker that processes lead tasks (also serves /healthz, /readyz, /metrics)", nil, runWorker},
		{"scheduler", "run the relay that enqueues stored events left without a task (also serves /healthz, /readyz, /metrics)", nil, runScheduler},
		{"run", "run serve, worker and scheduler in one process", nil, runAll},
		{"migrate", "apply database migrations (up) or list them (status)", migrateVerbs, runMigrate},
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

// run runs the command line args and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stderr, false)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		printUsage(stdout, true)
		return exitOK
	case "-v", "-version", "--version":
		args = append([]string{"version"}, args[1:]...)
	case "help":
		if len(args) == 1 || args[1] == "help" || isHelp(args[1]) {
			printUsage(stdout, true)
			return exitOK
		}
		// help <command> [verb] is <command> [verb] --help.
		args = append(append([]string{}, args[1:]...), "--help")
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return exitCode(c.name, c.run(ctx, args[1:], stdout, stderr), stderr)
		}
	}
	if strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(stderr, "leadflow: unknown flag %s before the command (see leadflow --help)\n", args[0])
	} else {
		fmt.Fprintf(stderr, "leadflow: unknown command %q%s (see leadflow --help)\n", args[0], didYouMean(args[0]))
	}
	return exitUsage
}

// exitCode reports a command's error on stderr and returns its exit code.
func exitCode(name string, err error, stderr io.Writer) int {
	var ue *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "leadflow %s: %s (see leadflow %s --help)\n", ue.cmd, oneLine(ue.msg), ue.cmd)
		return exitUsage
	}
	fmt.Fprintf(stderr, "leadflow %s: %v\n", name, err)
	return exitFailure
}

// usageError is a mistake in the command line, found before the command
// did anything: it is printed as one line naming the flag or argument, and
// the process exits 2.
type usageError struct {
	// cmd is the command the usage belongs to: "reps add", "explain".
	cmd string
	msg string
}

func (e *usageError) Error() string { return e.msg }

// usageErrorf returns a usage error of the command cmd ("reps add").
func usageErrorf(cmd, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...)}
}

// verbError is the usage error of a command whose verb is missing or unknown.
func verbError(cmd string, args []string, verbs []string) error {
	if len(args) == 0 {
		return usageErrorf(cmd, "missing subcommand: one of %s", strings.Join(verbs, ", "))
	}
	if strings.HasPrefix(args[0], "-") {
		return usageErrorf(cmd, "expected a subcommand (%s) before the flags, got %s", strings.Join(verbs, ", "), args[0])
	}
	return usageErrorf(cmd, "unknown subcommand %q: one of %s", args[0], strings.Join(verbs, ", "))
}

// splitVerb splits the arguments of a command with verbs (reps add, score
// eval, …) into the verb and the rest. With --help first it prints the
// command's overview usage on stdout and returns flag.ErrHelp; a missing
// or unknown verb is a usage error.
func splitVerb(cmd, usage string, verbs, args []string, stdout io.Writer) (string, []string, error) {
	if len(args) > 0 && isHelp(args[0]) {
		return "", nil, newFlagSet(cmd, usage, stdout).Parse(args[:1])
	}
	if len(args) == 0 || !slices.Contains(verbs, args[0]) {
		return "", nil, verbError(cmd, args, verbs)
	}
	return args[0], args[1:], nil
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help" || arg == "--h"
}

// flagSet is a command's flag.FlagSet with leadflow's conventions: -h and
// --help print the usage text and the flags on stdout and Parse returns
// flag.ErrHelp (exit 0); any other parse error is returned as a one-line
// usageError naming the flag (exit 2), and nothing is printed by the flag
// package itself.
type flagSet struct {
	*flag.FlagSet
	usage  string
	stdout io.Writer
}

// newFlagSet returns the flag set of `leadflow <name>`; usage is the help
// text printed above the flags, starting with "Usage:".
func newFlagSet(name, usage string, stdout io.Writer) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, usage: usage, stdout: stdout}
}

// Parse parses args (shadowing flag.FlagSet.Parse, so a command cannot
// bypass the conventions by accident).
func (f *flagSet) Parse(args []string) error {
	err := f.FlagSet.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		f.printHelp()
		return flag.ErrHelp
	}
	return f.errorf("%s", f.problem(err))
}

// parseInterspersed parses flags placed before, between or after the
// positional arguments, which it returns.
func (f *flagSet) parseInterspersed(args []string) ([]string, error) {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			return nil, err
		}
		if f.NArg() == 0 {
			return pos, nil
		}
		pos, args = append(pos, f.Arg(0)), f.Args()[1:]
	}
}

// errorf returns a usage error of this command.
func (f *flagSet) errorf(format string, args ...any) error {
	return usageErrorf(f.Name(), format, args...)
}

// noArgs refuses positional arguments left after the flags.
func (f *flagSet) noArgs() error {
	if f.NArg() > 0 {
		return f.errorf("unexpected argument %q", f.Arg(0))
	}
	return nil
}

// required returns a usage error naming the first of the named flags that
// is empty.
func (f *flagSet) required(names ...string) error {
	for _, n := range names {
		if fl := f.Lookup(n); fl != nil && strings.TrimSpace(fl.Value.String()) == "" {
			return f.errorf("--%s is required", n)
		}
	}
	return nil
}

func (f *flagSet) printHelp() {
	fmt.Fprintln(f.stdout, strings.TrimRight(f.usage, "\n"))
	first := true
	f.VisitAll(func(fl *flag.Flag) {
		if first {
			fmt.Fprintln(f.stdout, "\nFlags:")
			first = false
		}
		kind, usage := flag.UnquoteUsage(fl)
		line := "  --" + fl.Name
		if kind != "" {
			line += " " + kind
		}
		line += "\n        " + strings.ReplaceAll(usage, "\n", "\n        ")
		if !isZeroDefault(fl) {
			if kind == "string" {
				line += fmt.Sprintf(" (default %q)", fl.DefValue)
			} else {
				line += fmt.Sprintf(" (default %s)", fl.DefValue)
			}
		}
		fmt.Fprintln(f.stdout, line)
	})
}

// isZeroDefault reports whether a flag's default is its type's zero value,
// which the help leaves out.
func isZeroDefault(fl *flag.Flag) bool {
	switch fl.DefValue {
	case "", "0", "0s", "false":
		return true
	}
	return false
}

var (
	reInvalidValue = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?-([^:\s]+): (.*)$`)
	reNoFlag       = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	reNeedsValue   = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
)

// problem rewrites the flag package's parse error in leadflow's words,
// with the flag spelled as in the help (--name).
func (f *flagSet) problem(err error) string {
	msg := err.Error()
	if m := reNoFlag.FindStringSubmatch(msg); m != nil {
		return "unknown flag --" + m[1]
	}
	if m := reNeedsValue.FindStringSubmatch(msg); m != nil {
		return "--" + m[1] + " needs a value"
	}
	m := reInvalidValue.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	name, value, cause := m[2], m[1], m[3]
	if cause == "parse error" || cause == "value out of range" {
		if fl := f.Lookup(name); fl != nil {
			if g, ok := fl.Value.(flag.Getter); ok {
				switch g.Get().(type) {
				case bool:
					return fmt.Sprintf("--%s: expected true or false, got %s", name, value)
				case int, int64:
					return fmt.Sprintf("--%s: expected an integer, got %s", name, value)
				case uint, uint64:
					return fmt.Sprintf("--%s: expected a whole number, got %s", name, value)
				case float64:
					return fmt.Sprintf("--%s: expected a number, got %s", name, value)
				case time.Duration:
					return fmt.Sprintf("--%s: expected a duration such as 10s or 5m, got %s", name, value)
				}
			}
		}
	}
	return fmt.Sprintf("--%s %s: %s", name, value, cause)
}

// oneLine keeps a usage error on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

// didYouMean suggests the command closest to a mistyped one.
func didYouMean(name string) string {
	best, bestDist := "", 3
	for _, c := range commands() {
		if d := editDistance(name, c.name); d < bestDist {
			best, bestDist = c.name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// runVersion prints the version.
func runVersion(_ context.Context, args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("version", "Usage: leadflow version\n       leadflow --version\n       leadflow -v\n\nPrints the version: leadflow <version>.", stdout)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := fs.noArgs(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "leadflow", version)
	return nil
}

// printUsage prints the top-level usage; withEnv adds the environment.
func printUsage(w io.Writer, withEnv bool) {
	fmt.Fprint(w, `leadflow: lead intake, qualification and routing.

Usage: leadflow <command> [flags]
       leadflow help <command> [subcommand]
       leadflow --version

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run 'leadflow <command> --help' (or 'leadflow <command> <subcommand> --help')
for its flags; help is printed on stdout.

Exit status:
  0  success, or help printed
  1  the command failed while running: PostgreSQL or Redis unreachable, a
     file that cannot be read, no such contact or rep, invalid configuration
  2  usage error: unknown command, subcommand or flag, a bad or missing flag
     value or argument; one line on stderr names it, nothing on stdout
`)
	if !withEnv {
		fmt.Fprintln(w, "\nRun 'leadflow --help' for the environment variables.")
		return
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, envHelp())
}

// roleUsage is the help of serve, worker, scheduler and run: they take no
// flags, only the environment.
func roleUsage(name string) string {
	summary := ""
	for _, c := range commands() {
		if c.name == name {
			summary = c.summary
		}
	}
	return fmt.Sprintf("Usage: leadflow %s\n\n%s.\nConfiguration comes from the environment.\n\n%s", name, upperFirst(summary), envHelp())
}

// envHelp lists the environment variables and the YAML file.
func envHelp() string {
	var b strings.Builder
	fmt.Fprintln(&b, "Environment:")
	for _, ev := range config.EnvVars() {
		def := ev.Default
		if def == "" {
			def = "unset"
		}
		fmt.Fprintf(&b, "  %s\n      %s (default: %s)\n", ev.Name, ev.Usage, def)
	}
	fmt.Fprintln(&b, `
The YAML file named by LEADFLOW_CONFIG may set scoring rules (scoring:) and
routing (routing: pipeline, hot_stage, nurture_program, reps). See README.md.`)
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
