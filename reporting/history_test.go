package reporting

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestHistoryFilesComplete(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        HistoryFiles
		wantErr   string
		wantWonID string
	}{
		{"leads only", HistoryFiles{Leads: "l.csv", ID: "id", At: "at"}, "", "id"},
		{"won id defaults to the leads id", HistoryFiles{Leads: "l.csv", ID: "id", At: "at", Won: "w.csv", WonAt: "won_at"}, "", "id"},
		{"won id kept", HistoryFiles{Leads: "l.csv", ID: "id", At: "at", Won: "w.csv", WonAt: "won_at", WonID: "lead"}, "", "lead"},
		{"no id", HistoryFiles{Leads: "l.csv", At: "at"}, "--id is required with --history", ""},
		{"no at", HistoryFiles{Leads: "l.csv", ID: "id"}, "--at-col is required with --history", "id"},
		{"won without won-at", HistoryFiles{Leads: "l.csv", ID: "id", At: "at", Won: "w.csv"}, "--won-at is required with --won", "id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := tt.in
			err := h.Complete()
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
			require.Equal(t, tt.wantWonID, h.WonID)
		})
	}
}

func TestWon(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	require.Equal(t, 0, Won(nil))
	require.Equal(t, 2, Won([]HistoricLead{{WonAt: at}, {}, {WonAt: at, AmountCents: 100}}))
}
