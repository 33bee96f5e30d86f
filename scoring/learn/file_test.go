package learn

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCSVFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "leads.csv")
	require.NoError(t, os.WriteFile(good, []byte("id;size;note;outcome\n1;10;a;won\n2;20;b;lost\n3;30;c;open\n"), 0o600))
	tests := []struct {
		name        string
		args        []string
		wantErr     string
		wantLen     int
		wantSkipped int
		wantCols    []string
	}{
		{"every other value is lost", []string{"--csv", good, "--label", "outcome", "--positive", "WON", "--id", "id"}, "", 3, 0, []string{"size", "note"}},
		{"only the negative is lost", []string{"--csv", good, "--label", "outcome", "--positive", "won", "--negative", "lost", "--id", "id"}, "", 2, 1, []string{"size", "note"}},
		{"exclude drops blanks", []string{"--csv", good, "--label", "outcome", "--positive", "won", "--exclude", " note, ,id"}, "", 3, 0, []string{"size"}},
		{"missing file names the flag", []string{"--csv", filepath.Join(dir, "none.csv"), "--label", "outcome", "--positive", "won"}, "--csv: open " + filepath.Join(dir, "none.csv") + ": no such file or directory", 0, 0, nil},
		{"bad file names the path", []string{"--csv", good, "--label", "result", "--positive", "won"}, "read " + good + ": ", 0, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var c CSVFlags
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			c.Register(fs)
			require.NoError(t, fs.Parse(tt.args))
			for _, name := range c.Required() {
				require.NotEmpty(t, fs.Lookup(name).Value.String(), name)
			}
			d, err := c.Load()
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.wantLen, d.Len())
			require.Equal(t, tt.wantSkipped, d.Skipped)
			var cols []string
			for _, c := range d.Columns {
				cols = append(cols, c.Name)
			}
			require.Equal(t, tt.wantCols, cols)
		})
	}
}

func TestThresholdSuggestionWriteText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		sug  ThresholdSuggestion
		want string
	}{
		{
			name: "precision met",
			sug:  ThresholdSuggestion{Threshold: 0.6234, Precision: 0.7, Recall: 0.5, HotFraction: 0.25, Hot: 25, N: 100, Achieved: true},
			want: "suggested hot threshold: probability ≥ 0.623 (learned score ≥ 62)\n" +
				"on 100 held-out leads: 25 hot (25.0%), precision 70.0%, recall 50.0%\n",
		},
		{
			name: "capacity not met",
			sug:  ThresholdSuggestion{Threshold: 0.5, Precision: 0.4, Recall: 0.9, HotFraction: 0.1, HotPerWeek: 12.4, Hot: 10, N: 100},
			want: "suggested hot threshold: probability ≥ 0.500 (learned score ≥ 50)\n" +
				"on 100 held-out leads: 10 hot (10.0%), precision 40.0%, recall 90.0%\n" +
				"≈ 12 hot leads per week\n" +
				"note: the goal could not be met exactly on this data; this is the closest threshold\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			require.NoError(t, tt.sug.WriteText(&out))
			require.Equal(t, tt.want, out.String())
		})
	}
}

func TestWriteJSON(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	require.NoError(t, ThresholdSuggestion{Threshold: 0.5, Hot: 1, N: 2}.WriteJSON(&out))
	require.Equal(t, "{\n  \"threshold\": 0.5,\n  \"precision\": 0,\n  \"recall\": 0,\n  \"hot_fraction\": 0,\n  \"hot\": 1,\n  \"n\": 2,\n  \"achieved\": false\n}\n", out.String())
	out.Reset()
	require.NoError(t, (&Backtest{TestFraction: 0.2}).WriteJSON(&out))
	require.Contains(t, out.String(), "\n  \"test_fraction\": 0.2,\n")
}
