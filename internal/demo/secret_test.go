package demo_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/internal/demo"
)

// TestSecretIsKept: the demo's webhook secret is generated once per
// directory, so a printed post line keeps working on the next run.
func TestSecretIsKept(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first, path, err := demo.Secret(dir)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(first, "whsec_"))
	again, _, err := demo.Secret(dir)
	require.NoError(t, err)
	require.Equal(t, first, again)
	st, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), st.Mode().Perm())

	require.NoError(t, os.WriteFile(path, []byte("not a secret\n"), 0o600))
	_, _, err = demo.Secret(dir)
	require.ErrorContains(t, err, "delete the file")
	require.NotContains(t, err.Error(), "not a secret", "the file's content is not echoed")
}
