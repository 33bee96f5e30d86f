package slogadapt

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"
)

// TestAsynqLoggerHoldsBackRepeats: with Redis down Asynq reports the same
// failure twice a second; one line per 30 s says it, with the count.
func TestAsynqLoggerHoldsBackRepeats(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	l := NewAsynqLogger(slog.New(slog.NewTextHandler(&out, nil)))
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	l.now = func() time.Time { return now }
	for range 60 { // 30 s of a failure every half second
		l.Error("Failed to write server state data: dial tcp: connection refused")
		now = now.Add(500 * time.Millisecond)
	}
	l.Error("Failed to write server state data: dial tcp: connection refused")
	l.Warn("another message")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 3, out.String())
	require.NotContains(t, lines[0], "repeated")
	require.Contains(t, lines[1], "repeated=59")
	require.Contains(t, lines[2], "another message")
}

func TestAsynqLoggerFatalExits(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	l := NewAsynqLogger(slog.New(slog.NewTextHandler(&out, nil)))
	code := -1
	l.exit = func(c int) { code = c }
	l.Fatal("cannot go on")
	require.Equal(t, 1, code)
	require.Contains(t, out.String(), "level=ERROR msg=\"cannot go on\" component=asynq")
}

func TestAsynqLevel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   slog.Level
		want asynq.LogLevel
	}{
		{"debug", slog.LevelDebug, asynq.DebugLevel},
		{"info", slog.LevelInfo, asynq.InfoLevel},
		{"warn", slog.LevelWarn, asynq.WarnLevel},
		{"error", slog.LevelError, asynq.ErrorLevel},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, AsynqLevel(tt.in))
		})
	}
}

func TestNewLogger(t *testing.T) {
	tests := []struct {
		format string
		want   string
	}{
		{format: "json", want: `"msg":"shown"`},
		{format: "text", want: "msg=shown"},
		{format: "", want: "msg=shown"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var b bytes.Buffer
			l := NewLogger(&b, slog.LevelWarn, tt.format)
			l.Info("hidden")
			l.Warn("shown")
			require.Contains(t, b.String(), tt.want)
			require.NotContains(t, b.String(), "hidden")
		})
	}
}
