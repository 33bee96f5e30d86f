package archtest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// markdownLink finds the target of a relative Markdown link: [text](target#anchor).
var markdownLink = regexp.MustCompile(`\]\(([^)#\s]+)(#[^)\s]*)?\)`)

// TestDocsHold keeps the documentation honest: the README stays a front
// page, every relative link in it and in docs/ points at a file that
// exists, and nothing sends a reader to files outside the repository.
func TestDocsHold(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	require.LessOrEqual(t, strings.Count(string(readme), "\n"), 220, "README.md is the front page; details belong in docs/")

	files, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	files = append(files, filepath.Join(root, "README.md"))
	for _, f := range files {
		text, err := os.ReadFile(f)
		require.NoError(t, err)
		rel, _ := filepath.Rel(root, f)
		for _, outside := range []string{"../shared", "/work/"} {
			require.NotContains(t, string(text), outside, "%s cites files outside the repository", rel)
		}
		for _, m := range markdownLink.FindAllStringSubmatch(string(text), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			_, err := os.Stat(filepath.Join(filepath.Dir(f), target))
			require.NoError(t, err, "%s links to %s, which does not exist", rel, target)
		}
	}
}
