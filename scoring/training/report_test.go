package training

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/scoring/learn"
)

func TestResultWriteText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		res  Result
		want string
	}{
		{
			name: "activated",
			res: Result{Version: "ebm-1", TrainRows: 80, Took: 1234567 * time.Microsecond,
				Report: learn.Report{AUC: 0.81234, LogLoss: 0.45678}, Activated: true, Note: "no active model"},
			want: "trained ebm-1 on 80 leads in 1.235s; held-out AUC 0.8123, log loss 0.4568\nactivated: no active model\n",
		},
		{
			name: "kept",
			res:  Result{Version: "ebm-2", TrainRows: 40, Took: 20 * time.Millisecond, Note: "AUC 0.70 < 0.75"},
			want: "trained ebm-2 on 40 leads in 20ms; held-out AUC 0.0000, log loss 0.0000\nkept the active model: AUC 0.70 < 0.75\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			require.NoError(t, tt.res.WriteText(&out))
			require.Equal(t, tt.want, out.String())
		})
	}
}
