package pipeline

import (
	"bytes"
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

func TestSimReps(t *testing.T) {
	t.Parallel()
	got := SimReps([]lead.Rep{
		{ID: 7, Name: "Ann", Email: "ann@x", Capacity: 3, Active: true, TimeZone: "Europe/Berlin", WorkingHours: "09:00-17:00"},
		{ID: 8, Name: "Bob", Email: "bob@x"},
	})
	require.Equal(t, []SimRep{{Email: "ann@x", Capacity: 3, Active: true}, {Email: "bob@x"}}, got,
		"stored reps replay without availability")
	require.Empty(t, SimReps(nil))
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
			sim: Simulation{Hot: 3, Rows: []SimRow{
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
			sim:  Simulation{Hot: 2, Unassigned: 2},
			want: "replayed 2 leads from the last 72h (2 hot) through new.yaml; nothing was written\n\n" +
				"team                 rep                               simulated     actual\n" +
				"\n2 hot leads would find no eligible rep (all full, away or inactive)\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			through, window, replayed := "the current configuration", "30d", 5
			if tt.sim.Unassigned > 0 {
				through, window, replayed = "new.yaml", "72h", 2
			}
			var out bytes.Buffer
			require.NoError(t, tt.sim.WriteText(&out, replayed, window, through))
			require.Equal(t, tt.want, out.String())
		})
	}
}
