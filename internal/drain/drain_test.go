package drain_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/internal/drain"
	"leadflow/lead"
	"leadflow/store"
)

// events answers EventStatus with one status per call, the last repeated.
type events struct {
	statuses []string
	calls    int
}

func (e *events) EventStatus(context.Context, string, string, string) (string, string, error) {
	s := e.statuses[min(e.calls, len(e.statuses)-1)]
	e.calls++
	if s == "" {
		return "", "", fmt.Errorf("event: %w", store.ErrNotFound)
	}
	return s, "bad payload", nil
}

func TestEvent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		statuses []string
		wantErr  string
	}{
		{"processed", []string{lead.EventProcessed}, ""},
		{"stored late, then processed", []string{"", lead.EventProcessed}, ""},
		{"failed, with its reason", []string{lead.EventFailed}, "the lead failed processing: bad payload"},
		{"never processed", []string{lead.EventReceived}, "not processed within 0s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wait := time.Duration(0) // a status that never changes times out at once
			if tt.wantErr == "" {
				wait = time.Hour // only the answers end the wait
			}
			err := drain.Event(context.Background(), &events{statuses: tt.statuses}, "generic", "website", "msg_1", wait)
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}
