package config

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzParseFile feeds arbitrary YAML to the configuration file reader,
// seeded with the docs' examples: it must never panic, every refusal
// must say something, and whatever it accepts must pass Validate (the
// roles start on exactly what ParseFile returns).
func FuzzParseFile(f *testing.F) {
	if doc, err := os.ReadFile("../docs/configuration.md"); err == nil {
		for _, m := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(doc, -1) {
			f.Add(m[1])
		}
	}
	for _, seed := range []string{"", "routing: {pipeline: Sales}", "routing:\n  reps:\n    - {name: A, email: a@example.com, capacity: -1}",
		"email: {quiet_hours: {start: '25:00', end: x}}", "schedule: {rescore_every: 1s}", "pipelines: []",
		"pipelines:\n  - {name: P, default: true, stages: [{name: A}, {name: W, kind: won}, {name: L, kind: lost}]}",
		"unknown_key: 1", "&a [*a]", "a: &a\n  b: *a", "routing: {teams: [{name: T, members: [{email: x, weight: -1}]}], fallback_team: T}",
		"scoring: {bands: {hot: 2, warm: 1}}", "email:\n  nurture:\n    default: [{template: '', after: -1h}]"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := ParseFile(data)
		if err != nil {
			require.NotEmpty(t, err.Error())
			return
		}
		require.NoError(t, file.Validate(), "an accepted file is valid")
	})
}
