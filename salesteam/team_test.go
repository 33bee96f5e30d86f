package salesteam

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		name, from, to, zone string
		want                 lead.TimeRange
		wantErr              string
	}{
		{name: "whole days in the rep's zone", from: "2026-12-20", to: "2026-12-21", zone: "Asia/Tokyo",
			want: lead.TimeRange{From: time.Date(2026, 12, 19, 15, 0, 0, 0, time.UTC), To: time.Date(2026, 12, 21, 15, 0, 0, 0, time.UTC)}},
		{name: "unknown zone reads UTC", from: "2026-12-20", to: "2026-12-20", zone: "Mars/Base",
			want: lead.TimeRange{From: time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 12, 21, 0, 0, 0, 0, time.UTC)}},
		{name: "missing start", to: "2026-12-20", zone: "UTC", wantErr: "--from is required"},
		{name: "bad end", from: "2026-12-20", to: "soon", zone: "UTC", wantErr: `--to: expected YYYY-MM-DD or RFC 3339, got "soon"`},
		{name: "end before start", from: "2026-12-20T10:00:00Z", to: "2026-12-20T09:00:00Z", zone: "UTC", wantErr: "--to must be after --from"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePeriod(tt.from, tt.to, tt.zone)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.True(t, tt.want.From.Equal(got.From), "from %v, want %v", got.From, tt.want.From)
			require.True(t, tt.want.To.Equal(got.To), "to %v, want %v", got.To, tt.want.To)
		})
	}
}
