package demo

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/spend"
)

// TestDemoSpendImports checks that the demo's spend file and campaign map
// pass the import's own parsers: every campaign on every day.
func TestDemoSpendImports(t *testing.T) {
	now := time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC)
	rows, err := spend.ParseCSV(strings.NewReader(DemoSpendCSV(now)))
	require.NoError(t, err)
	require.Len(t, rows, demoSpendDays*len(demoCampaignSpend))
	require.Equal(t, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), rows[0].Day)
	require.Equal(t, time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC), rows[len(rows)-1].Day)
	require.Equal(t, int64(40_000_000), rows[0].SpendMicros)
	maps, err := spend.ParseCampaignMap(strings.NewReader(demoCampaignMap))
	require.NoError(t, err)
	require.Len(t, maps, 2)
}
