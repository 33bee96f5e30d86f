package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/cmdline"
)

// noServers points the CLI at a PostgreSQL and a Redis that refuse every
// connection, so a command that opens either before checking its command
// line fails with exit 1 instead of the 0 or 2 the tests expect. It sets
// the process environment: tests using it do not run in parallel.
func noServers(t *testing.T) {
	t.Helper()
	t.Setenv(config.EnvDatabaseURL, "postgres://leadflow@127.0.0.1:1/leadflow?sslmode=disable&connect_timeout=2")
	t.Setenv(config.EnvRedisURL, "redis://127.0.0.1:1/0")
	t.Setenv(config.EnvConfigFile, "")
}

// cliInvocation is a command line of one command or verb: "reps add".
type cliInvocation []string

func (c cliInvocation) String() string { return strings.Join(c, " ") }

// everyInvocation lists every command of commands() and every verb of it,
// so a command or verb added to the table is covered by the tests below.
func everyInvocation(t *testing.T) []cliInvocation {
	t.Helper()
	var out []cliInvocation
	for _, c := range commands() {
		out = append(out, cliInvocation{c.Name})
		for _, v := range c.Verbs {
			out = append(out, cliInvocation{c.Name, v})
		}
	}
	require.Greater(t, len(out), 30, "the table lists the commands and their verbs")
	return out
}

// requireUsageError checks the usage error contract: exit 2, nothing on
// stdout, one line on stderr naming what is wrong and pointing at --help.
func requireUsageError(t *testing.T, code int, stdout, stderr string, want ...string) {
	t.Helper()
	require.Equal(t, cmdline.ExitUsage, code, "stderr: %s", stderr)
	require.Empty(t, stdout)
	require.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %q", stderr)
	require.True(t, strings.HasPrefix(stderr, "leadflow"), stderr)
	require.Contains(t, stderr, "--help)", "points at the help")
	for _, w := range want {
		require.Contains(t, stderr, w)
	}
}

func TestCLIHelp(t *testing.T) {
	noServers(t)
	roles := map[string]bool{"serve": true, "worker": true, "scheduler": true, "run": true}
	for _, inv := range everyInvocation(t) {
		for _, help := range [][]string{
			append(append([]string{}, inv...), "--help"),
			append(append([]string{}, inv...), "-h"),
			append([]string{"help"}, inv...),
		} {
			t.Run(strings.Join(help, " "), func(t *testing.T) {
				code, stdout, stderr := runCLI(help...)
				require.Equal(t, cmdline.ExitOK, code, stderr)
				require.Empty(t, stderr)
				require.True(t, strings.HasPrefix(stdout, "Usage:"), stdout)
				require.Contains(t, stdout, "leadflow "+inv.String(), "the usage names the command")
				// The environment belongs to the top level and the roles.
				require.Equal(t, roles[inv[0]], strings.Contains(stdout, "Environment:"), stdout)
				if roles[inv[0]] {
					for _, ev := range config.EnvVars() {
						require.Contains(t, stdout, ev.Name)
					}
				}
			})
		}
	}
}

func TestCLIUnknownFlag(t *testing.T) {
	noServers(t)
	for _, inv := range everyInvocation(t) {
		t.Run(inv.String(), func(t *testing.T) {
			code, stdout, stderr := runCLI(append(append([]string{}, inv...), "--no-such-flag")...)
			requireUsageError(t, code, stdout, stderr, "--no-such-flag", "leadflow "+inv[0])
		})
	}
}

// TestCLIMissingVerb: a command with verbs needs one of them.
func TestCLIMissingVerb(t *testing.T) {
	noServers(t)
	for _, c := range commands() {
		if len(c.Verbs) == 0 || c.Name == "replay" { // replay alone takes flags
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			code, stdout, stderr := runCLI(c.Name)
			requireUsageError(t, code, stdout, stderr, "missing subcommand", c.Verbs[0])
			code, stdout, stderr = runCLI(c.Name, "frobnicate")
			requireUsageError(t, code, stdout, stderr, `unknown subcommand "frobnicate"`)
		})
	}
}

func TestCLIVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-v"}, {"version"}} {
		t.Run(args[0], func(t *testing.T) {
			code, stdout, stderr := runCLI(args...)
			require.Equal(t, cmdline.ExitOK, code, stderr)
			require.Equal(t, "leadflow "+version+"\n", stdout)
			require.Empty(t, stderr)
		})
	}
	code, stdout, _ := runCLI("version", "--help")
	require.Equal(t, cmdline.ExitOK, code)
	require.NotContains(t, stdout, "LEADFLOW_", "no environment list")
	require.Less(t, strings.Count(stdout, "\n"), 10, "short: %s", stdout)
}

func TestCLITopLevel(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		code, stdout, stderr := runCLI(args...)
		require.Equal(t, cmdline.ExitOK, code)
		require.Empty(t, stderr)
		for _, c := range commands() {
			require.Contains(t, stdout, "  "+c.Name+" ")
		}
		require.Contains(t, stdout, "Exit status:", "exit codes are documented")
		require.Contains(t, stdout, "Environment:")
	}

	code, stdout, stderr := runCLI()
	require.Equal(t, cmdline.ExitUsage, code)
	require.Empty(t, stdout)
	require.Contains(t, stderr, "Commands:")

	code, stdout, stderr = runCLI("serv")
	requireUsageError(t, code, stdout, stderr, `unknown command "serv"`, "did you mean serve?")
	code, stdout, stderr = runCLI("help", "serv")
	requireUsageError(t, code, stdout, stderr, `unknown command "serv"`)
	code, stdout, stderr = runCLI("--bogus")
	requireUsageError(t, code, stdout, stderr, "--bogus")
}

// TestCLIUsageErrors: bad values and missing arguments are found before
// any connection is opened (the servers of noServers refuse them) and are
// reported as one line naming the flag or argument.
func TestCLIUsageErrors(t *testing.T) {
	noServers(t)
	csvPath := filepath.Join(t.TempDir(), "history.csv")
	require.NoError(t, os.WriteFile(csvPath, []byte("a,outcome\n1,won\n"), 0o600))
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"flag needs a value", []string{"mail", "ls", "--n"}, []string{"--n needs a value"}},
		{"not an integer", []string{"mail", "ls", "--n", "many"}, []string{`--n: expected an integer, got "many"`}},
		{"not a boolean", []string{"mail", "ls", "--full=maybe"}, []string{"--full: expected true or false"}},
		{"not a duration", []string{"bench", "--duration", "soon"}, []string{"--duration: expected a duration"}},
		{"stray argument", []string{"serve", "now"}, []string{`unexpected argument "now"`}},
		{"version takes nothing", []string{"version", "now"}, []string{`unexpected argument "now"`}},
		{"migrate verb", []string{"migrate", "sideways"}, []string{`unknown subcommand "sideways"`, "up, status"}},
		{"migrate stray", []string{"migrate", "up", "now"}, []string{`unexpected argument "now"`}},
		{"reps add bad email", []string{"reps", "add", "--name", "Ann", "--email", "notanemail"}, []string{"leadflow reps add:", "--email", `"notanemail"`}},
		{"reps add without name", []string{"reps", "add", "--email", "ann@example.com"}, []string{"--name is required"}},
		{"reps add bad role", []string{"reps", "add", "--name", "Ann", "--email", "ann@example.com", "--role", "boss"}, []string{"--role"}},
		{"reps add bad zone", []string{"reps", "add", "--name", "Ann", "--email", "ann@example.com", "--time-zone", "Mars/Base"}, []string{"--time-zone"}},
		{"reps add negative capacity", []string{"reps", "add", "--name", "Ann", "--email", "ann@example.com", "--capacity", "-1"}, []string{"--capacity"}},
		{"reps token without email", []string{"reps", "token"}, []string{"--email is required"}},
		{"reps disable bad email", []string{"reps", "disable", "--email", "ann"}, []string{"--email"}},
		{"reps ooo bad date", []string{"reps", "ooo", "--email", "ann@example.com", "--from", "tomorrow", "--to", "2027-01-03"}, []string{"--from"}},
		{"reps ooo without end", []string{"reps", "ooo", "--email", "ann@example.com", "--from", "2026-12-20"}, []string{"--to is required"}},
		{"reps ls stray", []string{"reps", "ls", "all"}, []string{`unexpected argument "all"`}},
		{"import without positive", []string{"import", "--csv", csvPath, "--label", "outcome"}, []string{"--positive is required"}},
		{"import history without at-col", []string{"import", "--history", csvPath, "--id", "a"}, []string{"--at-col is required"}},
		{"score eval fraction", []string{"score", "eval", "--csv", csvPath, "--label", "outcome", "--positive", "won", "--test-fraction", "2"}, []string{"--test-fraction"}},
		{"score eval seeds", []string{"score", "eval", "--csv", csvPath, "--label", "outcome", "--positive", "won", "--seeds", "a-b"}, []string{"--seeds"}},
		{"score calibrate goal", []string{"score", "calibrate", "--csv", csvPath, "--label", "outcome", "--positive", "won"}, []string{"--precision"}},
		{"score train fraction", []string{"score", "train", "--test-fraction", "0"}, []string{"--test-fraction"}},
		{"explain without contact", []string{"explain"}, []string{"expected one <email|phone|contact id|ref>"}},
		{"explain two contacts", []string{"explain", "1", "2"}, []string{"got 2 arguments"}},
		{"explain not a person", []string{"explain", "somebody"}, []string{`"somebody" is not an email address, contact id, ref`}},
		{"explain bad email", []string{"explain", "ann@"}, []string{"not a valid email address"}},
		{"explain history", []string{"explain", "--history", "0", "lead_x"}, []string{"--history"}},
		{"contacts export nobody", []string{"contacts", "export"}, []string{"leadflow contacts export:", "got 0 arguments"}},
		{"contacts export --yes", []string{"contacts", "export", "lead_x", "--yes"}, []string{"unknown flag --yes"}},
		{"contacts erase --out", []string{"contacts", "erase", "lead_x", "--out", "x.json"}, []string{"unknown flag --out"}},
		{"mail preview one argument", []string{"mail", "preview", "welcome"}, []string{"expected <template> <email|phone|contact id|ref>"}},
		{"mail preview not a person", []string{"mail", "preview", "welcome", "somebody"}, []string{`"somebody" is not an email address`}},
		{"mail ls count", []string{"mail", "ls", "--n", "0"}, []string{"--n"}},
		{"route simulate since", []string{"route", "simulate", "--since", "yesterday"}, []string{"--since"}},
		{"report format", []string{"report", "funnel", "--format", "xml"}, []string{"--format"}},
		{"report by", []string{"report", "funnel", "--by", "utm_nope"}, []string{"--by"}},
		{"report model", []string{"report", "attribution", "--model", "u-shaped"}, []string{"--model"}},
		{"report from", []string{"report", "funnel", "--from", "March"}, []string{"--from"}},
		{"report flags before name", []string{"report", "--format", "json", "funnel"}, []string{"--format"}},
		{"replay nothing chosen", []string{"replay"}, []string{"choose what to replay"}},
		{"replay event and all", []string{"replay", "--event", "3", "--all"}, []string{"--event and --all exclude each other"}},
		{"replay bad event id", []string{"replay", "--event", "x"}, []string{`--event "x": expected a positive inbound event row id`}},
		{"replay stray", []string{"replay", "--all", "now"}, []string{`unexpected argument "now"`}},
		{"replay ls limit", []string{"replay", "ls", "--limit", "0"}, []string{"--limit"}},
		{"bench workers", []string{"bench", "--workers", "0"}, []string{"--workers"}},
		{"demo leads", []string{"demo", "--leads", "0"}, []string{"--leads"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.args...)
			requireUsageError(t, code, stdout, stderr, tt.want...)
		})
	}
}

// TestCLIRuntimeFailure: a command line that is right but a database that
// cannot be reached is a failure (exit 1), not a usage error.
func TestCLIRuntimeFailure(t *testing.T) {
	noServers(t)
	for _, args := range [][]string{{"migrate", "status"}, {"reps", "ls"}, {"explain", "lead_x"}, {"report", "funnel"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, stdout, stderr := runCLI(args...)
			require.Equal(t, cmdline.ExitFailure, code, stderr)
			require.Empty(t, stdout)
			require.True(t, strings.HasPrefix(stderr, "leadflow "+args[0]+": "), stderr)
		})
	}
}
