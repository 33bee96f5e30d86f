package workers_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/workers"
)

func TestPeriodicTasks(t *testing.T) {
	tests := []struct {
		name                       string
		rescoreEvery, retrainEvery time.Duration
		want                       []string // "spec type"
	}{
		{name: "only the stall sweep", want: []string{"@every 1h0m0s deal:stall-sweep"}},
		{name: "rescoring first", rescoreEvery: 6 * time.Hour,
			want: []string{"@every 6h0m0s score:sweep", "@every 1h0m0s deal:stall-sweep"}},
		{name: "all three in order", rescoreEvery: 30 * time.Minute, retrainEvery: 24 * time.Hour,
			want: []string{"@every 30m0s score:sweep", "@every 1h0m0s deal:stall-sweep", "@every 24h0m0s model:train"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range workers.PeriodicTasks(tt.rescoreEvery, tt.retrainEvery) {
				require.NotEmpty(t, p.What)
				got = append(got, p.Cronspec+" "+p.Task.Type())
			}
			require.Equal(t, tt.want, got)
		})
	}
}
