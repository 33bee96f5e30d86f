package config

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var updateReference = flag.Bool("update", false, "rewrite the generated part of docs/configuration.md")

// TestConfigReference fails when docs/configuration.md's settings table
// drifts from EnvVars, the list the binary reads and --help prints.
func TestConfigReference(t *testing.T) {
	const path = "../docs/configuration.md"
	doc, err := os.ReadFile(path)
	require.NoError(t, err)
	text := string(doc)
	begin := strings.Index(text, ReferenceBegin)
	end := strings.Index(text, ReferenceEnd)
	require.True(t, begin >= 0 && end > begin, "%s must hold the generated block between %q and %q", path, ReferenceBegin, ReferenceEnd)
	want := ReferenceBegin + "\n" + ReferenceMarkdown() + ReferenceEnd
	got := text[begin : end+len(ReferenceEnd)]
	if *updateReference {
		require.NoError(t, os.WriteFile(path, []byte(text[:begin]+want+text[end+len(ReferenceEnd):]), 0o644))
		return
	}
	require.Equal(t, want, got, "docs/configuration.md is out of date: run go test ./config -run TestConfigReference -update")
}
