package pipeline

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// utc builds a UTC instant; every `now` in these tests is fixed.
func utc(year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, time.UTC)
}

func TestAvailabilityAvailable(t *testing.T) {
	t.Parallel()
	berlin := Availability{TimeZone: "Europe/Berlin", WorkingHours: "09:00-17:30"}
	newYork := Availability{TimeZone: "America/New_York", WorkingHours: "09:00-17:00"}
	tests := []struct {
		name       string
		a          Availability
		now        time.Time
		want       bool
		wantReason string
	}{
		{name: "zero value always available", a: Availability{}, now: utc(2026, 3, 8, 3, 0), want: true},
		{name: "berlin monday inside hours", a: berlin, now: utc(2026, 3, 2, 8, 0), want: true}, // 09:00 CET
		{name: "berlin before start", a: berlin, now: utc(2026, 3, 2, 7, 59), wantReason: "outside working hours (09:00-17:30 Europe/Berlin)"},
		{name: "berlin end is exclusive", a: berlin, now: utc(2026, 3, 2, 16, 30), wantReason: "outside working hours (09:00-17:30 Europe/Berlin)"},
		{name: "berlin last minute", a: berlin, now: utc(2026, 3, 2, 16, 29), want: true},
		{name: "berlin saturday default days mon-fri", a: berlin, now: utc(2026, 3, 7, 10, 0), wantReason: "outside working hours (09:00-17:30 Europe/Berlin)"},
		// 07:30 UTC is 08:30 CET before the EU switch and 09:30 CEST after.
		{name: "berlin winter 07:30Z is before hours", a: berlin, now: utc(2026, 3, 23, 7, 30), wantReason: "outside working hours (09:00-17:30 Europe/Berlin)"},
		{name: "berlin summer 07:30Z is inside hours", a: berlin, now: utc(2026, 3, 30, 7, 30), want: true},
		// 13:30 UTC is 08:30 EST the week before the US switch, 09:30 EDT after.
		{name: "new york before DST 13:30Z is before hours", a: newYork, now: utc(2026, 3, 2, 13, 30), wantReason: "outside working hours (09:00-17:00 America/New_York)"},
		{name: "new york after DST 13:30Z is inside hours", a: newYork, now: utc(2026, 3, 9, 13, 30), want: true},
		{name: "same instant differs by zone", a: Availability{TimeZone: "Asia/Tokyo", WorkingHours: "09:00-18:00"}, now: utc(2026, 3, 9, 13, 30), wantReason: "outside working hours (09:00-18:00 Asia/Tokyo)"},
		{name: "zone decides the weekday", a: Availability{TimeZone: "America/Los_Angeles", WorkingHours: "16:00-23:00"}, now: utc(2026, 3, 7, 4, 0), want: true}, // Saturday in UTC, Friday 20:00 PST
		{name: "explicit working days include saturday", a: Availability{TimeZone: "Europe/Berlin", WorkingHours: "10:00-14:00", WorkingDays: []string{"Sat", "sunday"}}, now: utc(2026, 3, 7, 10, 0), want: true},
		{name: "explicit working days exclude monday", a: Availability{TimeZone: "Europe/Berlin", WorkingHours: "10:00-14:00", WorkingDays: []string{"sat", "sun"}}, now: utc(2026, 3, 9, 10, 0), wantReason: "outside working hours (10:00-14:00 Europe/Berlin)"},
		{name: "days without hours: all day on those days", a: Availability{WorkingDays: []string{"mon"}}, now: utc(2026, 3, 9, 23, 59), want: true},
		{name: "days without hours: other day", a: Availability{WorkingDays: []string{"mon"}}, now: utc(2026, 3, 10, 0, 0), wantReason: "not a working day (tue in UTC)"},
		{name: "overnight shift evening part", a: Availability{WorkingHours: "22:00-06:00", WorkingDays: []string{"fri"}}, now: utc(2026, 3, 6, 23, 0), want: true},
		{name: "overnight shift morning belongs to previous day", a: Availability{WorkingHours: "22:00-06:00", WorkingDays: []string{"fri"}}, now: utc(2026, 3, 7, 5, 59), want: true},
		{name: "overnight shift morning of a non-shift day", a: Availability{WorkingHours: "22:00-06:00", WorkingDays: []string{"fri"}}, now: utc(2026, 3, 6, 5, 0), wantReason: "outside working hours (22:00-06:00 UTC)"},
		{name: "until 24:00", a: Availability{WorkingHours: "12:00-24:00"}, now: utc(2026, 3, 9, 23, 59), want: true},
		{
			name:       "out of office overrides hours, shown in rep zone",
			a:          Availability{TimeZone: "Europe/Berlin", WorkingHours: "09:00-17:30", OutOfOffice: []Period{{From: utc(2026, 3, 1, 0, 0), To: utc(2026, 3, 16, 8, 0)}}},
			now:        utc(2026, 3, 9, 10, 0),
			wantReason: "out of office until 2026-03-16 09:00 CET",
		},
		{name: "out of office to is exclusive", a: Availability{OutOfOffice: []Period{{From: utc(2026, 3, 1, 0, 0), To: utc(2026, 3, 9, 10, 0)}}}, now: utc(2026, 3, 9, 10, 0), want: true},
		{name: "out of office from is inclusive", a: Availability{OutOfOffice: []Period{{From: utc(2026, 3, 9, 10, 0), To: utc(2026, 3, 10, 0, 0)}}}, now: utc(2026, 3, 9, 10, 0), wantReason: "out of office until 2026-03-10 00:00 UTC"},
		{name: "before out of office", a: Availability{OutOfOffice: []Period{{From: utc(2026, 3, 9, 10, 0), To: utc(2026, 3, 10, 0, 0)}}}, now: utc(2026, 3, 9, 9, 59), want: true},
		{
			name:       "overlapping periods report the latest end",
			a:          Availability{OutOfOffice: []Period{{From: utc(2026, 3, 1, 0, 0), To: utc(2026, 3, 10, 0, 0)}, {From: utc(2026, 3, 5, 0, 0), To: utc(2026, 3, 12, 0, 0)}}},
			now:        utc(2026, 3, 6, 0, 0),
			wantReason: "out of office until 2026-03-12 00:00 UTC",
		},
		{name: "open-ended out of office", a: Availability{OutOfOffice: []Period{{From: utc(2026, 3, 1, 0, 0)}}}, now: utc(2027, 1, 1, 0, 0), wantReason: "out of office until further notice"},
		{name: "unknown zone makes rep unavailable", a: Availability{TimeZone: "Mars/Olympus"}, now: utc(2026, 3, 9, 10, 0), wantReason: "invalid availability: time_zone"},
		{name: "bad hours make rep unavailable", a: Availability{WorkingHours: "9-17"}, now: utc(2026, 3, 9, 10, 0), wantReason: "invalid availability: working_hours"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ok, reason := tt.a.Available(tt.now)
			require.Equal(t, tt.want, ok, reason)
			if tt.want {
				require.Empty(t, reason)
				return
			}
			require.Contains(t, reason, tt.wantReason)
		})
	}
}

func TestAvailabilityValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		a       Availability
		wantErr string
	}{
		{name: "zero value", a: Availability{}},
		{name: "full", a: Availability{TimeZone: "Europe/Berlin", WorkingHours: "09:00-17:30", WorkingDays: []string{"mon", "Tuesday"}}},
		{name: "unknown zone", a: Availability{TimeZone: "Europe/Berlinn"}, wantErr: `time_zone: load "Europe/Berlinn"`},
		{name: "hours without dash", a: Availability{WorkingHours: "09:00"}, wantErr: `working_hours: "09:00" is not HH:MM-HH:MM`},
		{name: "hours out of range", a: Availability{WorkingHours: "09:00-25:00"}, wantErr: `working_hours: end of "09:00-25:00": "25:00" is out of range`},
		{name: "24:00 not a start", a: Availability{WorkingHours: "24:00-06:00"}, wantErr: `start of "24:00-06:00"`},
		{name: "bad minutes", a: Availability{WorkingHours: "09:60-17:00"}, wantErr: `"09:60" is not HH:MM`},
		{name: "empty window", a: Availability{WorkingHours: "09:00-09:00"}, wantErr: "start equals end"},
		{name: "unknown day", a: Availability{WorkingHours: "09:00-17:00", WorkingDays: []string{"mon", "funday"}}, wantErr: `working_days[1]: unknown day "funday"`},
		{name: "period backwards", a: Availability{OutOfOffice: []Period{{From: utc(2026, 3, 2, 0, 0), To: utc(2026, 3, 1, 0, 0)}}}, wantErr: "out_of_office[0]: to 2026-03-01T00:00:00Z is not after from"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.a.Validate()
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}
