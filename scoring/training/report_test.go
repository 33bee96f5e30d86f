package training

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
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

// countingImporter is an Importer in memory.
type countingImporter struct {
	got []lead.TrainingExample
	err error
}

func (c *countingImporter) ImportExamples(_ context.Context, _ string, examples []lead.TrainingExample, progress func(int)) (int, error) {
	c.got = examples
	if progress != nil {
		progress(len(examples))
	}
	return len(examples) - 1, c.err
}

func TestImport(t *testing.T) {
	t.Parallel()
	d, err := learn.LoadCSV(strings.NewReader("id,size,outcome\na,1,won\nb,2,lost\nc,3,\nd,4,won\n"), learn.LoadOptions{Label: "outcome", Positive: "won", ID: "id"})
	require.NoError(t, err)
	var st countingImporter
	done := 0
	got, err := Import(context.Background(), &st, "q1", d, func(n int) { done = n })
	require.NoError(t, err)
	require.Len(t, st.got, 3)
	require.Equal(t, 3, done)
	got.Took = 0
	require.Equal(t, Imported{Dataset: "q1", Rows: 2, Won: 2, Skipped: 1}, got)

	_, err = Import(context.Background(), &countingImporter{err: errors.New("import examples: refused")}, "q1", d, nil)
	require.EqualError(t, err, "import examples: refused")
}

func TestImportedWriteText(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	require.NoError(t, Imported{Dataset: "q1", Rows: 40, Won: 12, Skipped: 3, Took: 1500 * time.Microsecond}.WriteText(&out))
	require.Equal(t, "imported 40 leads (12 won) into dataset \"q1\" in 2ms; 3 rows skipped for a missing or open outcome\n", out.String())
}
