package training

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
)

func TestPeriodic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		datasets map[string][]lead.TrainingExample
		want     string // part of the summary
	}{
		{name: "too little history is skipped", datasets: map[string][]lead.TrainingExample{"a": history(MinRows - 2)}, want: "skipped: "},
		{name: "enough history trains", datasets: map[string][]lead.TrainingExample{"a": history(300)}, want: "activated=true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Periodic(newStore(t, tt.datasets, nil))(context.Background())
			require.NoError(t, err)
			require.Contains(t, got, tt.want)
		})
	}
}
