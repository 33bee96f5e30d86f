package cmdline_test

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/internal/cmdline"
)

func TestVerbSynopses(t *testing.T) {
	t.Parallel()
	help := map[string]string{"add": "add --name NAME\n\nAdds one.", "ls": "ls\n\nLists them."}
	tests := []struct {
		name  string
		verbs []string
		want  string
	}{
		{"in the order of verbs", []string{"ls", "add"}, "  leadflow reps ls\n  leadflow reps add --name NAME\n"},
		{"none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, cmdline.VerbSynopses("reps", tt.verbs, help))
		})
	}
}

func TestIsTerminal(t *testing.T) {
	t.Parallel()
	devNull, err := os.Open(os.DevNull)
	require.NoError(t, err)
	t.Cleanup(func() { _ = devNull.Close() })
	file, err := os.CreateTemp(t.TempDir(), "stdin")
	require.NoError(t, err)
	t.Cleanup(func() { _ = file.Close() })
	tests := []struct {
		name string
		r    io.Reader
	}{
		{"not a file", strings.NewReader("erase\n")},
		{"/dev/null, what a detached process gets", devNull},
		{"a regular file", file},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.False(t, cmdline.IsTerminal(tt.r))
		})
	}
}
