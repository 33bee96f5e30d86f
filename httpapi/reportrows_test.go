package httpapi_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/httpapi"
	"leadflow/reporting"
)

func TestReportRowsWriteJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		res  reporting.Result
		want string
	}{
		{"no rows is an empty array", reporting.Result{Name: "reps"}, "[]\n"},
		{"unknown report is an empty array", reporting.Result{Name: "nope"}, "[]\n"},
		{
			name: "stages",
			res:  reporting.Result{Name: "stages", Stages: []reporting.StageRow{{}}},
			want: "[\n  {\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			require.NoError(t, httpapi.NewReportRows(tt.res).WriteJSON(&out))
			require.True(t, bytes.HasPrefix(out.Bytes(), []byte(tt.want)), out.String())
			require.True(t, bytes.HasSuffix(out.Bytes(), []byte("\n")))
		})
	}
}
