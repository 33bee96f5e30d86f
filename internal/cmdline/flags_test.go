package cmdline_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/internal/cmdline"
)

func TestSeeds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		arg     string
		want    []int64
		wantErr string
	}{
		{"one", "3", []int64{3}, ""},
		{"list", "1, 2,5", []int64{1, 2, 5}, ""},
		{"range", "1-4", []int64{1, 2, 3, 4}, ""},
		{"range and list", "7,1-2", []int64{7, 1, 2}, ""},
		{"negative", "-2", []int64{-2}, ""},
		{"not a number", "a-b", nil, `--seeds: expected N, N,M,… or N-M, got "a-b"`},
		{"backwards range", "5-1", nil, `--seeds: expected N, N,M,… or N-M, got "5-1"`},
		{"range too long", "1-200", nil, `--seeds: expected N, N,M,… or N-M, got "1-200"`},
		{"empty part", "1,,2", nil, `--seeds: expected N, N,M,… or N-M, got "1,,2"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var seeds cmdline.Seeds
			fs := cmdline.NewFlagSet("score eval", "Usage: leadflow score eval", &bytes.Buffer{})
			fs.Var(&seeds, "seeds", "several seeds")
			err := fs.Parse([]string{"--seeds", tt.arg})
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, []int64(seeds))
		})
	}
}

func TestSeedsHelp(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	var seeds cmdline.Seeds
	fs := cmdline.NewFlagSet("score eval", "Usage: leadflow score eval", &out)
	fs.Var(&seeds, "seeds", "several seeds")
	require.Error(t, fs.Parse([]string{"--help"}))
	require.Equal(t, "Usage: leadflow score eval\n\nFlags:\n  --seeds string\n        several seeds\n", out.String(),
		"typed in as text, with no default shown")
}

func TestFraction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v       float64
		wantErr string
	}{
		{0.2, ""},
		{0.999, ""},
		{0, "--test-fraction: expected a number between 0 and 1, got 0"},
		{1, "--test-fraction: expected a number between 0 and 1, got 1"},
		{-0.5, "--test-fraction: expected a number between 0 and 1, got -0.5"},
	}
	for _, tt := range tests {
		err := cmdline.NewFlagSet("score train", "Usage:", &bytes.Buffer{}).Fraction("test-fraction", tt.v)
		if tt.wantErr == "" {
			require.NoError(t, err, tt.v)
			continue
		}
		require.EqualError(t, err, tt.wantErr)
		var ue *cmdline.UsageError
		require.ErrorAs(t, err, &ue)
		require.Equal(t, "score train", ue.Cmd)
	}
}

func TestProgress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		total int
		steps []int
		want  string
	}{
		{"half way and done", 4, []int{2, 4}, "\r[###############...............] 2/4\r[##############################] 4/4\n"},
		{"nothing to do", 0, []int{0}, "\r[..............................] 0/1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			p := cmdline.NewProgress(&out, tt.total)
			for _, s := range tt.steps {
				p.Set(s)
			}
			p.Done()
			require.Equal(t, tt.want, out.String())
		})
	}
}

func TestParseFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		required []string
		wantErr  string
	}{
		{"all given", []string{"--csv", "a.csv", "--label", "won"}, []string{"csv", "label"}, ""},
		{"nothing required", nil, nil, ""},
		{"first missing named", []string{"--label", "won"}, []string{"csv", "label"}, "--csv is required"},
		{"blank is missing", []string{"--csv", " ", "--label", "won"}, []string{"csv", "label"}, "--csv is required"},
		{"positional argument", []string{"--csv", "a.csv", "extra"}, nil, `unexpected argument "extra"`},
		{"bad flag first", []string{"--nope"}, []string{"csv"}, "unknown flag --nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs := cmdline.NewFlagSet("import", "Usage: leadflow import", &bytes.Buffer{})
			fs.String("csv", "", "file")
			fs.String("label", "", "column")
			err := fs.ParseFlags(tt.args, tt.required...)
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.EqualError(t, err, tt.wantErr)
		})
	}
}
