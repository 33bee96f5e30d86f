package migrations

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWriteApplied(t *testing.T) {
	tests := []struct {
		name    string
		applied []string
		want    string
	}{
		{name: "nothing pending", want: "database is up to date\n"},
		{name: "in order", applied: []string{"00001_core.sql", "00002_x.sql"}, want: "applied 00001_core.sql\napplied 00002_x.sql\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			WriteApplied(&b, tt.applied)
			require.Equal(t, tt.want, b.String())
		})
	}
}

func TestWriteStatus(t *testing.T) {
	var b bytes.Buffer
	WriteStatus(&b, []Status{{Version: 1, Name: "00001_core.sql", Applied: true}, {Version: 2, Name: "00002_x.sql"}})
	require.Equal(t, "applied  00001_core.sql\npending  00002_x.sql\n", b.String())
}
