package workers

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestQuietUntil(t *testing.T) {
	utc := func(h, m int) time.Time { return time.Date(2026, 1, 5, h, m, 0, 0, time.UTC) }
	tests := []struct {
		name      string
		now       time.Time
		tz        string
		wantQuiet bool
		wantUntil time.Time
	}{
		{"unknown zone is never quiet", utc(23, 0), "", false, time.Time{}},
		{"bad zone is never quiet", utc(23, 0), "Mars/Olympus", false, time.Time{}},
		{"daytime", utc(12, 0), "UTC", false, time.Time{}},
		{"late evening waits for the morning", utc(22, 30), "UTC", true, time.Date(2026, 1, 6, 8, 0, 0, 0, time.UTC)},
		{"early morning waits until 08:00", utc(6, 0), "UTC", true, utc(8, 0)},
		{"in the contact's zone, not ours", utc(12, 0), "Asia/Tokyo", true, time.Date(2026, 1, 6, 8, 0, 0, 0, mustZone("Asia/Tokyo"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			until, quiet := quietUntil(tt.now, tt.tz, "21:00", "08:00")
			require.Equal(t, tt.wantQuiet, quiet)
			if quiet {
				require.True(t, tt.wantUntil.Equal(until), "until %s, want %s", until, tt.wantUntil)
			}
		})
	}
}

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}
