package privacy_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/privacy"
)

func TestWriteExport(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	svc := privacy.Service{Store: &fakeStore{records: records()}}
	doc, err := svc.ExportIndented(context.Background(), 7, now)
	require.NoError(t, err)
	dir := t.TempDir()
	tests := []struct {
		name       string
		contactID  int64
		path       string
		wantStdout string
		wantErr    string
	}{
		{name: "to stdout", contactID: 7, wantStdout: string(doc)},
		{name: "to a file", contactID: 7, path: filepath.Join(dir, "ada.json"),
			wantStdout: "wrote the export of contact 7 to " + filepath.Join(dir, "ada.json") + " (" + strconv.Itoa(len(doc)) + " bytes)\n"},
		{name: "to a file that cannot be written", contactID: 7, path: filepath.Join(dir, "none", "ada.json"),
			wantErr: "write export to --out " + filepath.Join(dir, "none", "ada.json") + ": "},
		{name: "an unknown contact", contactID: 8, wantErr: "contact 8: not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			err := svc.WriteExport(context.Background(), tt.contactID, now, tt.path, &out)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.wantStdout, out.String())
			if tt.path != "" {
				b, err := os.ReadFile(tt.path)
				require.NoError(t, err)
				require.Equal(t, doc, b)
				fi, err := os.Stat(tt.path)
				require.NoError(t, err)
				require.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "personal data: readable by its owner only")
			}
		})
	}
}
