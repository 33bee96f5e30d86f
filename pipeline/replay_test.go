package pipeline

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
)

func TestParseWindow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    time.Duration
		wantErr bool
	}{
		{"30d", 30 * 24 * time.Hour, false},
		{"1d", 24 * time.Hour, false},
		{"72h", 72 * time.Hour, false},
		{"90m", 90 * time.Minute, false},
		{"0d", 0, true},
		{"-2d", 0, true},
		{"0s", 0, true},
		{"-1h", 0, true},
		{"yesterday", 0, true},
		{"d", 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseWindow(tt.in)
		if tt.wantErr {
			require.EqualError(t, err, `expected a duration like 72h or days like 30d, got "`+tt.in+`"`, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		require.Equal(t, tt.want, got, tt.in)
	}
}

// replayStore is a ReplayStore in memory that records the time asked for.
type replayStore struct {
	reps  []lead.Rep
	leads []lead.RoutedLead
	err   error
	since time.Time
}

func (f *replayStore) Reps(context.Context) ([]lead.Rep, error) { return f.reps, f.err }
func (f *replayStore) RecentLeads(_ context.Context, since time.Time) ([]lead.RoutedLead, error) {
	f.since = since
	return f.leads, f.err
}

func TestReplay(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	leads := []lead.RoutedLead{routed(at, "hot", "", "", "ann@x"), routed(at, "hot", "", "", ""), routed(at, "cold", "", "", "")}
	stored := []lead.Rep{
		{ID: 7, Name: "Ann", Email: "Ann@x", Active: true, TimeZone: "Pacific/Kiritimati", WorkingHours: "00:00-00:01"},
		{ID: 8, Name: "Bob", Email: "bob@x", Capacity: 1},
	}
	tests := []struct {
		name    string
		cfg     SimConfig
		st      replayStore
		want    Simulation
		wantErr string
	}{
		{
			name: "the file's reps",
			cfg:  SimConfig{Reps: []SimRep{{Email: "cat@x", Active: true}}},
			st:   replayStore{reps: stored, leads: leads},
			want: Simulation{Leads: 3, Hot: 2, Rows: []SimRow{{Rep: "ann@x", Actual: 1}, {Rep: "cat@x", Simulated: 2}}},
		},
		{
			name: "without them the stored reps, whatever their hours",
			cfg:  SimConfig{Teams: []SimTeam{{Name: "sales", Members: []SimMember{{Email: "ann@x"}, {Email: "bob@x"}}}}, Rules: RoutingRules{Fallback: "sales"}},
			st:   replayStore{reps: stored, leads: leads},
			want: Simulation{Leads: 3, Hot: 2, Rows: []SimRow{{Rep: "ann@x", Actual: 1}, {Team: "sales", Rep: "ann@x", Simulated: 2}}},
		},
		{
			name:    "store failure",
			st:      replayStore{err: errors.New("list reps: connection refused")},
			wantErr: "list reps: connection refused",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := tt.st
			got, err := Replay(context.Background(), &st, tt.cfg, at.Add(-time.Hour))
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
			require.Equal(t, at.Add(-time.Hour), st.since)
		})
	}
}

func TestSimulationWriteText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		sim  Simulation
		want string
	}{
		{
			name: "rows",
			sim: Simulation{Leads: 5, Hot: 3, Rows: []SimRow{
				{Team: "", Rep: "a@x", Actual: 1},
				{Team: "enterprise", Rep: "ent@reps.example.com", Simulated: 2, Actual: 1},
			}},
			want: "replayed 5 leads from the last 30d (3 hot) through the current configuration; nothing was written\n\n" +
				"team                 rep                               simulated     actual\n" +
				"                     a@x                                       0          1\n" +
				"enterprise           ent@reps.example.com                      2          1\n",
		},
		{
			name: "unassigned",
			sim:  Simulation{Leads: 2, Hot: 2, Unassigned: 2},
			want: "replayed 2 leads from the last 72h (2 hot) through new.yaml; nothing was written\n\n" +
				"team                 rep                               simulated     actual\n" +
				"\n2 hot leads would find no eligible rep (all full, away or inactive)\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			through, window := "the current configuration", "30d"
			if tt.sim.Unassigned > 0 {
				through, window = "new.yaml", "72h"
			}
			var out bytes.Buffer
			require.NoError(t, tt.sim.WriteText(&out, window, through))
			require.Equal(t, tt.want, out.String())
		})
	}
}
