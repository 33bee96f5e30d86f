package migrations

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEveryFileEmbedded fails when a .sql file sits in the folder but the
// binary would not carry it (a pattern change, a misnamed file).
func TestEveryFileEmbedded(t *testing.T) {
	onDisk, err := filepath.Glob("*.sql")
	require.NoError(t, err)
	require.NotEmpty(t, onDisk)
	embedded, err := fs.Glob(FS(), "*.sql")
	require.NoError(t, err)
	require.ElementsMatch(t, onDisk, embedded)
	for _, name := range onDisk {
		want, err := os.ReadFile(name)
		require.NoError(t, err)
		got, err := fs.ReadFile(FS(), name)
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), name)
	}
}
