package intake_test

import (
	"flag"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/intake"
)

func TestEventIDs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		want    intake.EventIDs
		wantErr string
	}{
		{name: "one", args: []string{"--event", "7"}, want: intake.EventIDs{7}},
		{name: "repeated and listed", args: []string{"--event", "7", "--event", "9, 11"}, want: intake.EventIDs{7, 9, 11}},
		{name: "not a number", args: []string{"--event", "seven"}, wantErr: `expected a positive inbound event row id, got "seven"`},
		{name: "not positive", args: []string{"--event", "7,0"}, wantErr: `expected a positive inbound event row id, got "0"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var ids intake.EventIDs
			fs := flag.NewFlagSet("replay", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			fs.Var(&ids, "event", "")
			err := fs.Parse(tt.args)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, ids)
		})
	}
	ids := intake.EventIDs{7, 9}
	require.Equal(t, "7,9", ids.String())
}

func TestConnect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, url string
		wantErr   bool
	}{
		{name: "a Redis URL", url: "redis://127.0.0.1:6379/0"},
		{name: "not a Redis URL", url: "http://127.0.0.1:6379", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dl, err := intake.Connect(nil, tt.url)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			defer dl.Close()
			require.NotNil(t, dl.Inspector)
			require.NotNil(t, dl.Client)
		})
	}
}
