// Package cmdline is leadflow's command-line toolkit: flag sets that follow one
// contract for every command, flags interspersed with arguments, verbs (reps
// add, score eval), did-you-mean for a mistyped command, the program that
// dispatches its command table (Program), flag types and checks more than
// one command needs (Seeds, Fraction) and a progress bar for long imports.
//
// The contract: --help (or -h, or `leadflow help <command>`) prints usage on
// stdout and exits 0; a usage error (unknown command or flag, bad or missing
// flag value or argument) prints one line naming it on stderr, nothing on
// stdout, and exits 2; a failure at run time exits 1. Nothing is printed by
// the flag package itself. Flags are parsed and checked before any database
// or network connection is opened. cmd/leadflow/cli_test.go checks it over
// every command.
package cmdline

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"
)

// UsageError is a mistake in the command line, found before the command
// did anything: it is printed as one line naming the flag or argument, and
// the process exits 2.
type UsageError struct {
	// Cmd is the command the usage belongs to: "reps add", "explain".
	Cmd string
	// Msg says what is wrong, naming the flag or argument.
	Msg string
}

// Error returns the message.
func (e *UsageError) Error() string { return e.Msg }

// UsageErrorf returns a usage error of the command cmd ("reps add").
func UsageErrorf(cmd, format string, args ...any) error {
	return &UsageError{Cmd: cmd, Msg: fmt.Sprintf(format, args...)}
}

// VerbError is the usage error of a command whose verb is missing or unknown.
func VerbError(cmd string, args []string, verbs []string) error {
	if len(args) == 0 {
		return UsageErrorf(cmd, "missing subcommand: one of %s", strings.Join(verbs, ", "))
	}
	if strings.HasPrefix(args[0], "-") {
		return UsageErrorf(cmd, "expected a subcommand (%s) before the flags, got %s", strings.Join(verbs, ", "), args[0])
	}
	return UsageErrorf(cmd, "unknown subcommand %q: one of %s", args[0], strings.Join(verbs, ", "))
}

// SplitVerb splits the arguments of a command with verbs (reps add, score
// eval, …) into the verb and the rest. With --help first it prints the
// command's overview usage on stdout and returns flag.ErrHelp; a missing
// or unknown verb is a usage error.
func SplitVerb(cmd, usage string, verbs, args []string, stdout io.Writer) (string, []string, error) {
	if len(args) > 0 && IsHelp(args[0]) {
		return "", nil, NewFlagSet(cmd, usage, stdout).Parse(args[:1])
	}
	if len(args) == 0 || !slices.Contains(verbs, args[0]) {
		return "", nil, VerbError(cmd, args, verbs)
	}
	return args[0], args[1:], nil
}

// IsHelp reports whether arg asks for help.
func IsHelp(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help" || arg == "--h"
}

// FlagSet is a command's flag.FlagSet with leadflow's conventions: -h and
// --help print the usage text and the flags on stdout and Parse returns
// flag.ErrHelp (exit 0); any other parse error is returned as a one-line
// UsageError naming the flag (exit 2), and nothing is printed by the flag
// package itself.
type FlagSet struct {
	*flag.FlagSet
	usage  string
	stdout io.Writer
}

// NewFlagSet returns the flag set of `leadflow <name>`; usage is the help
// text printed above the flags, starting with "Usage:".
func NewFlagSet(name, usage string, stdout io.Writer) *FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &FlagSet{FlagSet: fs, usage: usage, stdout: stdout}
}

// Parse parses args (shadowing flag.FlagSet.Parse, so a command cannot
// bypass the conventions by accident).
func (f *FlagSet) Parse(args []string) error {
	err := f.FlagSet.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		f.printHelp()
		return flag.ErrHelp
	}
	return f.Errorf("%s", f.problem(err))
}

// ParseInterspersed parses flags placed before, between or after the
// positional arguments, which it returns.
func (f *FlagSet) ParseInterspersed(args []string) ([]string, error) {
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

// Errorf returns a usage error of this command.
func (f *FlagSet) Errorf(format string, args ...any) error {
	return UsageErrorf(f.Name(), format, args...)
}

// NoArgs refuses positional arguments left after the flags.
func (f *FlagSet) NoArgs() error {
	if f.NArg() > 0 {
		return f.Errorf("unexpected argument %q", f.Arg(0))
	}
	return nil
}

// Required returns a usage error naming the first of the named flags that
// is empty.
func (f *FlagSet) Required(names ...string) error {
	for _, n := range names {
		if fl := f.Lookup(n); fl != nil && strings.TrimSpace(fl.Value.String()) == "" {
			return f.Errorf("--%s is required", n)
		}
	}
	return nil
}

// printHelp prints the usage text and every flag with its default.
func (f *FlagSet) printHelp() {
	fmt.Fprintln(f.stdout, strings.TrimRight(f.usage, "\n"))
	first := true
	f.VisitAll(func(fl *flag.Flag) {
		if first {
			fmt.Fprintln(f.stdout, "\nFlags:")
			first = false
		}
		kind, usage := flag.UnquoteUsage(fl)
		if _, ok := fl.Value.(textValue); ok {
			kind = "string"
		}
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
func (f *FlagSet) problem(err error) string {
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
	if fl := f.Lookup(name); fl != nil {
		if _, ok := fl.Value.(textValue); ok {
			return fmt.Sprintf("--%s: %s, got %s", name, cause, value)
		}
	}
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

// OneLine keeps a usage error on one line.
func OneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

// DidYouMean suggests the candidate closest to a mistyped name, as
// " (did you mean serve?)", or "" when none is within two edits.
func DidYouMean(name string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestDist {
			best, bestDist = c, d
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
