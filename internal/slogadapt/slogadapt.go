// Package slogadapt routes the logs of Asynq and go-redis through log/slog,
// so every line leadflow writes is structured and levelled the same way,
// and a dependency that repeats itself while Redis is away does not bury
// everything else.
package slogadapt

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// asynqRepeatWindow is how long an identical Asynq log line is held back
// after it was written once: with Redis down Asynq reports the same
// failure twice a second, which buries everything else.
const asynqRepeatWindow = 30 * time.Second

// AsynqLogger adapts slog to Asynq's logger interface, writing a message
// that repeats at most once per 30 s, with how often it repeated meanwhile.
type AsynqLogger struct {
	l   *slog.Logger
	now func() time.Time
	// exit ends the process; Fatal calls it.
	exit func(code int)

	mu   sync.Mutex
	seen map[string]*asynqRepeat
}

// asynqRepeat is when a message was last written and how often it was
// held back since.
type asynqRepeat struct {
	at      time.Time
	skipped int
}

// NewAsynqLogger returns an Asynq logger writing to l.
func NewAsynqLogger(l *slog.Logger) *AsynqLogger {
	return &AsynqLogger{l: l, now: time.Now, exit: os.Exit, seen: map[string]*asynqRepeat{}}
}

func (l *AsynqLogger) log(level slog.Level, args ...any) {
	msg := fmt.Sprint(args...)
	now := l.now()
	l.mu.Lock()
	r := l.seen[msg]
	if r != nil && now.Sub(r.at) < asynqRepeatWindow {
		r.skipped++
		l.mu.Unlock()
		return
	}
	skipped := 0
	if r != nil {
		skipped = r.skipped
	}
	if len(l.seen) > 1000 {
		// Messages with ids in them never repeat exactly; start over.
		clear(l.seen)
	}
	l.seen[msg] = &asynqRepeat{at: now}
	l.mu.Unlock()
	attrs := []any{"component", "asynq"}
	if skipped > 0 {
		attrs = append(attrs, "repeated", skipped)
	}
	l.l.Log(context.Background(), level, msg, attrs...)
}

// Debug logs at debug level.
func (l *AsynqLogger) Debug(args ...any) { l.log(slog.LevelDebug, args...) }

// Info logs at info level.
func (l *AsynqLogger) Info(args ...any) { l.log(slog.LevelInfo, args...) }

// Warn logs at warn level.
func (l *AsynqLogger) Warn(args ...any) { l.log(slog.LevelWarn, args...) }

// Error logs at error level.
func (l *AsynqLogger) Error(args ...any) { l.log(slog.LevelError, args...) }

// Fatal logs and exits, as Asynq's interface requires.
func (l *AsynqLogger) Fatal(args ...any) {
	l.log(slog.LevelError, args...)
	l.exit(1)
}

// AsynqLevel is Asynq's log level for an slog level.
func AsynqLevel(l slog.Level) asynq.LogLevel {
	switch {
	case l <= slog.LevelDebug:
		return asynq.DebugLevel
	case l <= slog.LevelInfo:
		return asynq.InfoLevel
	case l <= slog.LevelWarn:
		return asynq.WarnLevel
	default:
		return asynq.ErrorLevel
	}
}

// redisLoggerOnce guards go-redis's process-wide logger: one process runs
// one app, and setting it again would race with clients reading it.
var redisLoggerOnce sync.Once

// SetRedisLogger routes go-redis's process-wide logger (reconnect attempts)
// to l; only the first call in a process takes effect.
func SetRedisLogger(l *slog.Logger) {
	redisLoggerOnce.Do(func() { redis.SetLogger(redisLogger{l}) })
}

// redisLogger adapts slog to go-redis's internal logger. Its messages are
// connection diagnostics (dial failures while Redis restarts), hence debug:
// the readiness endpoint and task failures report the outage already.
type redisLogger struct{ l *slog.Logger }

func (l redisLogger) Printf(ctx context.Context, format string, v ...any) {
	l.l.DebugContext(ctx, fmt.Sprintf(format, v...), "component", "redis")
}

// NewLogger returns leadflow's logger writing to w at level, as JSON when
// format is "json", else as text (LEADFLOW_LOG_FORMAT).
func NewLogger(w io.Writer, level slog.Level, format string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
