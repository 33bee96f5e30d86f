package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestParseFileNamesYAMLPaths: a key or value the file cannot hold is
// reported on its YAML path, in words, never as a Go type.
func TestParseFileNamesYAMLPaths(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"unknown key in a section", "scoring:\n  bogus: 1\n",
			[]string{"scoring.bogus: unknown key; known keys: model_version, hot_threshold, warm_threshold,"}},
		{"unknown top-level key", "scorng:\n  hot_threshold: 80\n",
			[]string{"scorng: unknown key; known keys: scoring, routing, connectors, schedule, email, pipelines"}},
		{"unknown key in a list item", "routing:\n  reps:\n    - {name: A, email: a@example.com, tz: Europe/Berlin}\n",
			[]string{"routing.reps[0].tz: unknown key; known keys: name, email,", "time_zone"}},
		{"not a duration", "schedule:\n  rescore_every: soon\n",
			[]string{`schedule.rescore_every: expected a duration such as 30m or 24h, got "soon"`}},
		{"not an integer", "routing:\n  reps:\n    - {name: A, email: a@example.com, capacity: lots}\n",
			[]string{`routing.reps[0].capacity: expected an integer, got "lots"`}},
		{"not a boolean", "email:\n  require_consent: perhaps\n",
			[]string{`email.require_consent: expected true or false, got "perhaps"`}},
		{"list instead of a mapping", "scoring: [1, 2]\n",
			[]string{"scoring: expected a mapping (key: value), got a list"}},
		{"every problem at once", "bogus: 1\nschedule:\n  rescore_every: soon\n",
			[]string{"bogus: unknown key", "schedule.rescore_every: expected a duration"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFile([]byte(tt.yaml))
			require.Error(t, err)
			for _, w := range tt.want {
				require.Contains(t, err.Error(), w)
			}
			var fe *FieldError
			require.True(t, errors.As(err, &fe), "a *FieldError: %v", err)
			for _, goWords := range []string{"not found in type", "cannot unmarshal", "scoring.Rules", "config.", "time.Duration", "!!"} {
				require.NotContains(t, err.Error(), goWords)
			}
		})
	}
}

// TestParseFileSyntaxError: a file that is not YAML keeps the parser's
// message, which has the line.
func TestParseFileSyntaxError(t *testing.T) {
	_, err := ParseFile([]byte("scoring:\n  hot_threshold: [\n"))
	require.Error(t, err)
	require.True(t, strings.HasPrefix(err.Error(), "parse YAML: "), err.Error())
	require.Contains(t, err.Error(), "line")
}

// TestParseFileYAMLErrorsBounded: a huge bad file gets a bounded report.
func TestParseFileYAMLErrorsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("scoring:\n")
	for i := range 500 {
		b.WriteString("  bogus")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(string(rune('a'+i%26)) + strings.Repeat("y", i/26) + ": 1\n")
	}
	_, err := ParseFile([]byte(b.String()))
	require.Error(t, err)
	require.LessOrEqual(t, strings.Count(err.Error(), "\n")+1, maxYAMLErrors)
}
