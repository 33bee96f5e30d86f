package lead

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestHeadcount(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		in   any
		want float64
		ok   bool
	}{
		{"number", 500.0, 500, true},
		{"int", 42, 42, true},
		{"json number", json.Number("1200"), 1200, true},
		{"plain", "500", 500, true},
		{"range", "51-200", 51, true},
		{"plus", "1000+", 1000, true},
		{"thousands separator", "10,000+", 10000, true},
		{"k range", "1k-5k", 1000, true},
		{"decimal k", "2.5k", 2500, true},
		{"words", "2,500 employees", 2500, true},
		{"less than", "<10", 1, true},
		{"under", "under 10", 1, true},
		{"text", "unknown", 0, false},
		{"negative", -3.0, -3, false},
		{"bool", true, 0, false},
		{"empty", "", 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Headcount(tt.in)
			require.Equal(t, tt.ok, ok)
			if tt.ok {
				require.Equal(t, tt.want, got)
			}
		})
	}
}

func TestCompanySize(t *testing.T) {
	t.Parallel()
	n, key, _, ok := CompanySize(map[string]any{"Company_Size": "10,000+", "employees": "5"})
	require.True(t, ok)
	require.Equal(t, 10000.0, n, "company_size comes first, in any case")
	require.Equal(t, "Company_Size", key)
	n, key, _, ok = CompanySize(map[string]any{"company_size": "n/a", "employees": 80.0})
	require.True(t, ok)
	require.Equal(t, 80.0, n, "an unreadable value falls through to the next key")
	require.Equal(t, "employees", key)
	_, _, _, ok = CompanySize(map[string]any{"industry": "retail"})
	require.False(t, ok)
}
