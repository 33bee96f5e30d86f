package cmdline_test

import (
	"bytes"
	"errors"
	"flag"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/internal/cmdline"
)

// newSet returns a flag set with one flag of each kind the problems name.
func newSet(out *bytes.Buffer) *cmdline.FlagSet {
	fs := cmdline.NewFlagSet("try", "Usage: leadflow try [flags]", out)
	fs.Int("n", 10, "how many")
	fs.Bool("full", false, "everything")
	fs.Duration("wait", time.Second, "how long")
	fs.Float64("share", 0, "a share")
	fs.Uint("max", 0, "a bound")
	fs.String("name", "", "a name")
	return fs
}

func TestParseProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"--nope"}, "unknown flag --nope"},
		{"needs a value", []string{"--n"}, "--n needs a value"},
		{"not an integer", []string{"--n", "many"}, `--n: expected an integer, got "many"`},
		{"not a boolean", []string{"--full=maybe"}, `--full: expected true or false, got "maybe"`},
		{"not a duration", []string{"--wait", "soon"}, `--wait: expected a duration such as 10s or 5m, got "soon"`},
		{"not a number", []string{"--share", "half"}, `--share: expected a number, got "half"`},
		{"not a whole number", []string{"--max", "-1"}, `--max: expected a whole number, got "-1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			err := newSet(&out).Parse(tt.args)
			var ue *cmdline.UsageError
			require.ErrorAs(t, err, &ue)
			require.Equal(t, "try", ue.Cmd)
			require.Equal(t, tt.want, ue.Msg)
			require.Empty(t, out.String(), "nothing printed on a usage error")
		})
	}
}

func TestHelpPrintsUsageAndFlags(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	err := newSet(&out).Parse([]string{"--help"})
	require.True(t, errors.Is(err, flag.ErrHelp))
	require.Contains(t, out.String(), "Usage: leadflow try [flags]\n\nFlags:\n")
	require.Contains(t, out.String(), "  --n int\n        how many (default 10)\n")
	require.Contains(t, out.String(), "  --full\n        everything\n", "zero defaults are left out")
}

func TestParseInterspersed(t *testing.T) {
	t.Parallel()
	fs := newSet(&bytes.Buffer{})
	pos, err := fs.ParseInterspersed([]string{"a", "--n", "3", "b", "--full"})
	require.NoError(t, err)
	require.Equal(t, []string{"a", "b"}, pos)
	require.Equal(t, "3", fs.Lookup("n").Value.String())
	require.Equal(t, "true", fs.Lookup("full").Value.String())
	require.NoError(t, fs.NoArgs(), "nothing left after ParseInterspersed")
}

func TestRequiredAndNoArgs(t *testing.T) {
	t.Parallel()
	fs := newSet(&bytes.Buffer{})
	require.NoError(t, fs.Parse([]string{"now"}))
	require.EqualError(t, fs.NoArgs(), `unexpected argument "now"`)
	require.EqualError(t, fs.Required("n", "name"), "--name is required")
}

func TestSplitVerb(t *testing.T) {
	t.Parallel()
	verbs := []string{"add", "ls"}
	verb, rest, err := cmdline.SplitVerb("reps", "Usage: leadflow reps <verb>", verbs, []string{"add", "--x"}, &bytes.Buffer{})
	require.NoError(t, err)
	require.Equal(t, "add", verb)
	require.Equal(t, []string{"--x"}, rest)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing", nil, "missing subcommand: one of add, ls"},
		{"flag first", []string{"--x"}, "expected a subcommand (add, ls) before the flags, got --x"},
		{"unknown", []string{"frob"}, `unknown subcommand "frob": one of add, ls`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := cmdline.SplitVerb("reps", "", verbs, tt.args, &bytes.Buffer{})
			require.EqualError(t, err, tt.want)
		})
	}
}

func TestDidYouMean(t *testing.T) {
	t.Parallel()
	names := []string{"serve", "worker", "report", "replay"}
	tests := []struct{ name, typed, want string }{
		{"one letter off", "serv", " (did you mean serve?)"},
		{"two edits", "repot", " (did you mean report?)"},
		{"too far", "frobnicate", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, cmdline.DidYouMean(tt.typed, names))
		})
	}
}

func TestOneLine(t *testing.T) {
	t.Parallel()
	require.Equal(t, "bad: a; b", cmdline.OneLine("bad: a\n  b"))
}
