package bant

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/emails/*.golden.json from the current output")

// goldenResult is what a golden file records for one email: the signals
// and the answers they map to.
type goldenResult struct {
	Signals Signals           `json:"signals"`
	Answers map[string]string `json:"answers"`
}

// TestExtractGolden runs Extract over whole emails and form messages in
// testdata/emails (quoted replies, signatures, CRLF, European formats) and
// compares the result with the .golden.json next to each. Run with
// -update to rewrite them, then review the diff.
func TestExtractGolden(t *testing.T) {
	t.Parallel()
	paths, err := filepath.Glob(filepath.Join("testdata", "emails", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			text, err := os.ReadFile(path)
			require.NoError(t, err)
			s := Extract(string(text), testNow)
			b, a, n, tl := s.Answers()
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			require.NoError(t, enc.Encode(goldenResult{
				Signals: s,
				Answers: map[string]string{"budget": b, "authority": a, "need": n, "timeline": tl},
			}))
			got := buf.Bytes()
			golden := strings.TrimSuffix(path, ".txt") + ".golden.json"
			if *update {
				require.NoError(t, os.WriteFile(golden, got, 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "missing golden file; run go test -run TestExtractGolden -update")
			require.JSONEq(t, string(want), string(got))
		})
	}
}
