package cmdline

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Exit codes of the contract: see the package comment.
const (
	ExitOK      = 0 // success, or help printed
	ExitFailure = 1 // the command failed at run time
	ExitUsage   = 2 // the command line is wrong
)

// Command is one `<program> <name>` subcommand.
type Command struct {
	Name    string
	Summary string
	// Verbs are the subcommands of Name (reps add, score eval, …); each
	// answers --help on its own.
	Verbs []string
	Run   func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// Program is a binary made of subcommands that all follow the contract.
type Program struct {
	// Name is the binary's name, the first word of every message.
	Name string
	// Intro is printed above the command list of the top-level usage.
	Intro string
	// Outro is printed below the command list.
	Outro string
	// Env documents the environment: printed by --help, and by RoleUsage.
	Env      string
	Commands []Command
}

// Run runs the command line args and returns the process exit code:
// --help (or help [command]) prints usage on stdout, -v/--version runs the
// "version" command, an unknown command or flag exits ExitUsage.
func (p Program) Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		p.PrintUsage(stderr, false)
		return ExitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		p.PrintUsage(stdout, true)
		return ExitOK
	case "-v", "-version", "--version":
		args = append([]string{"version"}, args[1:]...)
	case "help":
		if len(args) == 1 || args[1] == "help" || IsHelp(args[1]) {
			p.PrintUsage(stdout, true)
			return ExitOK
		}
		// help <command> [verb] is <command> [verb] --help.
		args = append(append([]string{}, args[1:]...), "--help")
	}
	var names []string
	for _, c := range p.Commands {
		if c.Name == args[0] {
			return p.exitCode(c.Name, c.Run(ctx, args[1:], stdout, stderr), stderr)
		}
		names = append(names, c.Name)
	}
	if strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(stderr, "%s: unknown flag %s before the command (see %[1]s --help)\n", p.Name, args[0])
	} else {
		fmt.Fprintf(stderr, "%s: unknown command %q%s (see %[1]s --help)\n", p.Name, args[0], DidYouMean(args[0], names))
	}
	return ExitUsage
}

// exitCode reports a command's error on stderr and returns its exit code.
func (p Program) exitCode(name string, err error, stderr io.Writer) int {
	var ue *UsageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "%s %s: %s (see %[1]s %[2]s --help)\n", p.Name, ue.Cmd, OneLine(ue.Msg))
		return ExitUsage
	}
	fmt.Fprintf(stderr, "%s %s: %v\n", p.Name, name, err)
	return ExitFailure
}

// PrintUsage prints the top-level usage; withEnv adds the environment.
func (p Program) PrintUsage(w io.Writer, withEnv bool) {
	fmt.Fprint(w, p.Intro)
	for _, c := range p.Commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.Name, c.Summary)
	}
	fmt.Fprint(w, p.Outro)
	if !withEnv {
		fmt.Fprintf(w, "\nRun '%s --help' for the environment variables.\n", p.Name)
		return
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, p.Env)
}

// RoleUsage is the help of a command that takes no flags, only the
// environment: its summary as a sentence, then the environment.
func (p Program) RoleUsage(name string) string {
	summary := ""
	for _, c := range p.Commands {
		if c.Name == name {
			summary = c.Summary
		}
	}
	if summary != "" {
		summary = strings.ToUpper(summary[:1]) + summary[1:]
	}
	return fmt.Sprintf("Usage: %s %s\n\n%s.\nConfiguration comes from the environment.\n\n%s", p.Name, name, summary, p.Env)
}

// EnvVar is one documented environment variable.
type EnvVar struct {
	Name    string
	Default string // "" prints as "unset"
	Usage   string
}

// EnvHelp renders the environment variables, then note (a paragraph on
// other configuration, may be empty).
func EnvHelp(vars []EnvVar, note string) string {
	var b strings.Builder
	fmt.Fprintln(&b, "Environment:")
	for _, ev := range vars {
		def := ev.Default
		if def == "" {
			def = "unset"
		}
		fmt.Fprintf(&b, "  %s\n      %s (default: %s)\n", ev.Name, ev.Usage, def)
	}
	fmt.Fprint(&b, note)
	return b.String()
}
