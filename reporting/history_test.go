package reporting

import (
	"bytes"
	"context"
	"errors"
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

// historyStore is a HistoryImporter in memory that already holds one lead.
type historyStore struct{ err error }

func (h historyStore) ImportHistoricLeads(_ context.Context, _ string, leads []HistoricLead, progress func(int)) (HistoryWritten, error) {
	if progress != nil {
		progress(len(leads))
	}
	return HistoryWritten{Leads: len(leads) - 1, Scores: len(leads) - 1}, h.err
}

func TestImportHistory(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	leads := []HistoricLead{{ExternalID: "1", WonAt: at}, {ExternalID: "2"}, {ExternalID: "3", WonAt: at, AmountCents: 100}}
	done := 0
	got, err := ImportHistory(context.Background(), historyStore{}, "crm", leads, func(n int) { done = n })
	require.NoError(t, err)
	require.Equal(t, 3, done)
	got.Took = 0
	require.Equal(t, HistoryImported{Dataset: "crm", Leads: 3, Won: 2, Imported: 2, Scored: 2}, got)

	_, err = ImportHistory(context.Background(), historyStore{err: errors.New("import history: refused")}, "crm", leads, nil)
	require.EqualError(t, err, "import history: refused")
}

func TestHistoryImportedWriteText(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	require.NoError(t, HistoryImported{Dataset: "crm", Leads: 5, Won: 2, Imported: 3, Took: 12 * time.Millisecond}.WriteText(&out))
	require.Equal(t, "imported 3 historical leads (2 won in the files) into the funnel as \"crm\" in 12ms; 2 were already there\n", out.String())
	out.Reset()
	require.NoError(t, HistoryImported{Dataset: "crm", Leads: 5, Imported: 5, Scored: 5}.WriteText(&out))
	require.Contains(t, out.String(), "scored 5 of them at arrival")
}

func TestScoreHistory(t *testing.T) {
	t.Parallel()
	leads := []HistoricLead{{ExternalID: "a", Source: "referral"}, {ExternalID: "b", Source: "web"}}
	require.NoError(t, ScoreHistory(leads, func(l HistoricLead) (ArrivalScore, error) {
		return ArrivalScore{Total: len(l.Source), Band: "cold", ModelVersion: "v"}, nil
	}))
	require.Equal(t, 8, leads[0].ArrivalScore.Total)
	require.Equal(t, 3, leads[1].ArrivalScore.Total)
	err := ScoreHistory(leads, func(HistoricLead) (ArrivalScore, error) { return ArrivalScore{}, errors.New("boom") })
	require.EqualError(t, err, `score historic lead "a": boom`)
}
