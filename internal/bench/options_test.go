package bench

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestOptionsCheck(t *testing.T) {
	t.Parallel()
	ok := Options{Leads: 1, Concurrency: 1, Rate: 1, Duration: time.Second, Workers: 1, WorkerConcurrency: 1}
	tests := []struct {
		name   string
		change func(*Options)
		want   string // "" = valid
	}{
		{"valid", func(*Options) {}, ""},
		{"no leads", func(o *Options) { o.Leads = 0 }, "--leads: expected at least 1, got 0"},
		{"no rate", func(o *Options) { o.Rate = 0 }, "--rate: expected at least 1, got 0"},
		{"no duration", func(o *Options) { o.Duration = 0 }, "--duration: expected a positive duration such as 10s, got 0s"},
		{"too many workers", func(o *Options) { o.Workers = 17 }, "--workers: expected 1 to 16, got 17"},
		{"no connections", func(o *Options) { o.Concurrency = 0 }, "--concurrency: expected at least 1, got 0"},
		{"no worker concurrency", func(o *Options) { o.WorkerConcurrency = 0 }, "--worker-concurrency: expected at least 1, got 0"},
		{"negative statements", func(o *Options) { o.Statements = -1 }, "--pg-statements: expected 0 (off) or more, got -1"},
		{"negative contacts", func(o *Options) { o.Contacts = -1 }, "--contacts: expected 0 (no seeded run) or more, got -1"},
		{"seeded run", func(o *Options) { o.Contacts = 1000 }, ""},
		{"server settings", func(o *Options) { o.PGSettings = []string{"shared_buffers=4GB", "checkpoint_timeout=30min"} }, ""},
		{"setting without value", func(o *Options) { o.PGSettings = []string{"shared_buffers"} },
			`--pg-setting: expected name=value with no spaces, such as shared_buffers=4GB, got "shared_buffers"`},
		{"setting smuggling another option", func(o *Options) { o.PGSettings = []string{"work_mem=4MB -c fsync=off"} },
			`--pg-setting: expected name=value with no spaces, such as shared_buffers=4GB, got "work_mem=4MB -c fsync=off"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := ok
			tt.change(&o)
			err := o.Check()
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.EqualError(t, err, tt.want)
		})
	}
}
