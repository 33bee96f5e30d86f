package cmdline_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/internal/cmdline"
)

func testProgram() cmdline.Program {
	run := func(ctx context.Context, args []string, stdout, _ io.Writer) error {
		fs := cmdline.NewFlagSet("greet", "Usage: tool greet", stdout)
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() > 0 && fs.Arg(0) == "fail" {
			return errors.New("it broke")
		}
		return fs.NoArgs()
	}
	version := func(context.Context, []string, io.Writer, io.Writer) error { return nil }
	return cmdline.Program{Name: "tool", Intro: "tool: does things\n\nCommands:\n", Outro: "\nBye.\n",
		Env:      cmdline.EnvHelp([]cmdline.EnvVar{{Name: "TOOL_A", Default: "1", Usage: "the a"}, {Name: "TOOL_B", Usage: "the b"}}, "\nMore.\n"),
		Commands: []cmdline.Command{{Name: "greet", Summary: "say hello", Run: run}, {Name: "version", Summary: "print it", Run: version}}}
}

func TestProgramRun(t *testing.T) {
	t.Parallel()
	const usage = "tool: does things\n\nCommands:\n  greet      say hello\n  version    print it\n\nBye.\n"
	const env = "Environment:\n  TOOL_A\n      the a (default: 1)\n  TOOL_B\n      the b (default: unset)\n\nMore.\n"
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"no command", nil, cmdline.ExitUsage, "", usage + "\nRun 'tool --help' for the environment variables.\n"},
		{"help", []string{"--help"}, cmdline.ExitOK, usage + "\n" + env, ""},
		{"help word", []string{"help"}, cmdline.ExitOK, usage + "\n" + env, ""},
		{"help command", []string{"help", "greet"}, cmdline.ExitOK, "Usage: tool greet\n", ""},
		{"version flag", []string{"--version"}, cmdline.ExitOK, "", ""},
		{"ok", []string{"greet"}, cmdline.ExitOK, "", ""},
		{"failure", []string{"greet", "fail"}, cmdline.ExitFailure, "", "tool greet: it broke\n"},
		{"usage error", []string{"greet", "x"}, cmdline.ExitUsage, "", "tool greet: unexpected argument \"x\" (see tool greet --help)\n"},
		{"unknown command", []string{"gret"}, cmdline.ExitUsage, "", "tool: unknown command \"gret\" (did you mean greet?) (see tool --help)\n"},
		{"flag before command", []string{"--x"}, cmdline.ExitUsage, "", "tool: unknown flag --x before the command (see tool --help)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			require.Equal(t, tt.code, testProgram().Run(context.Background(), tt.args, &stdout, &stderr))
			require.Equal(t, tt.stdout, stdout.String())
			require.Equal(t, tt.stderr, stderr.String())
		})
	}
}

func TestRoleUsage(t *testing.T) {
	t.Parallel()
	require.Equal(t, "Usage: tool greet\n\nSay hello.\nConfiguration comes from the environment.\n\n"+testProgram().Env,
		testProgram().RoleUsage("greet"))
}
