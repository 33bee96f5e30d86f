package lead

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTeamWeight(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		in     float64
		expect float64
	}{
		{"unset", 0, 1},
		{"negative", -2, 1},
		{"fraction", 0.5, 0.5},
		{"one", 1, 1},
		{"double", 2, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.expect, TeamWeight(tt.in))
		})
	}
}
