package lead

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNormalizeChannel(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, in, want string }{
		{"empty", "", ""},
		{"blank", "  ", ""},
		{"known", "web", "web"},
		{"case", "Email", "email"},
		{"spaces", "Paid Social", "paid_social"},
		{"hyphens", "paid-search", "paid_search"},
		{"utm medium", "CPC", "cpc"},
		{"unknown", "carrier-pigeon", ChannelOther},
		{"personal data", "ada@example.com +1 555 0100 Ada Example", ChannelOther},
		{"huge", strings.Repeat("web", 300_000), ChannelOther},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := NormalizeChannel(tt.in)
			require.Equal(t, tt.want, got)
			require.True(t, got == "" || IsChannel(got))
		})
	}
	require.Contains(t, Channels(), ChannelOther)
}
