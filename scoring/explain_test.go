package scoring_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/scoring"
)

func TestWriteHistory(t *testing.T) {
	res := scoring.Result{Total: 72, Band: "hot", ModelVersion: "score-v2", Contributions: []scoring.Contribution{
		{Rule: "budget", Group: scoring.GroupFit, Points: 40, Reason: `budget answer "over_50k"`},
		{Rule: "opened", Points: 32, Reason: "opened 2 emails"},
	}}
	breakdown, err := json.Marshal(res)
	require.NoError(t, err)
	at := time.Date(2026, 12, 7, 10, 30, 0, 0, time.UTC)
	latest := lead.Score{Total: 72, Band: "hot", ModelVersion: "score-v2", Breakdown: breakdown, ComputedAt: at}
	older := lead.Score{Total: 20, Band: "cold", ModelVersion: "score-v1", Breakdown: []byte(`{}`), ComputedAt: at.Add(-time.Hour)}
	tests := []struct {
		name    string
		scores  []lead.Score
		want    string
		wantErr string
	}{
		{name: "never scored", wantErr: "contact 7 has not been scored yet"},
		{name: "bad breakdown", scores: []lead.Score{{Breakdown: []byte("{")}}, wantErr: "decode the score breakdown of contact 7"},
		{name: "one run, no history", scores: []lead.Score{latest},
			want: "contact 7, scored 2026-12-07 10:30:00 UTC\n" + res.Explain()},
		{name: "history newest first", scores: []lead.Score{latest, older},
			want: "contact 7, scored 2026-12-07 10:30:00 UTC\n" + res.Explain() +
				"\nhistory (newest first):\n  2026-12-07 10:30   72  hot   score-v2\n  2026-12-07 09:30   20  cold  score-v1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := scoring.WriteHistory(&b, 7, tt.scores)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, b.String())
		})
	}
}
