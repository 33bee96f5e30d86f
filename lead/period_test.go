package lead

import (
	"testing"
	"time"
)

func TestParsePeriodEnd(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		v       string
		last    bool
		want    time.Time
		wantErr bool
	}{
		{name: "first day starts at local midnight", v: "2026-12-20", want: time.Date(2026, 12, 20, 0, 0, 0, 0, berlin)},
		{name: "last day is included", v: "2027-01-03", last: true, want: time.Date(2027, 1, 4, 0, 0, 0, 0, berlin)},
		{name: "instant kept as given", v: "2026-12-20T15:00:00Z", last: true, want: time.Date(2026, 12, 20, 15, 0, 0, 0, time.UTC)},
		{name: "word", v: "tomorrow", wantErr: true},
		{name: "empty", v: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePeriodEnd(tt.v, berlin, tt.last)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParsePeriodEnd(%q) = %v, want an error", tt.v, got)
				}
				return
			}
			if err != nil || !got.Equal(tt.want) {
				t.Fatalf("ParsePeriodEnd(%q) = %v, %v; want %v", tt.v, got, err, tt.want)
			}
		})
	}
}
