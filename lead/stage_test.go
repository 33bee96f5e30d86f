package lead

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestStageCloses(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		kind        string
		closed, won bool
	}{
		{"open", false, false},
		{"won", true, true},
		{"lost", true, false},
		{"", false, false},
		{"Won", false, false}, // kinds are stored in lower case (CHECK)
	} {
		t.Run(tt.kind, func(t *testing.T) {
			closed, won := StageCloses(tt.kind)
			require.Equal(t, tt.closed, closed)
			require.Equal(t, tt.won, won)
		})
	}
}
