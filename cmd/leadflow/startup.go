package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"leadflow/config"
	"leadflow/store"
)

// startupCheckTimeout bounds the first contact with PostgreSQL and Redis:
// long enough for a server that is starting, short enough that a wrong
// address is reported before the operator gives up.
const startupCheckTimeout = 5 * time.Second

// checkPostgres makes sure PostgreSQL answers before anything else runs,
// so that a server that is down or a wrong URL is reported as such, in one
// line naming the setting, instead of as the failure of whatever statement
// happened to run first ("sync pipelines: begin transaction: ...").
func checkPostgres(ctx context.Context, pool *pgxpool.Pool, databaseURL string) error {
	ctx, cancel := context.WithTimeout(ctx, startupCheckTimeout)
	defer cancel()
	if err := pool.Ping(ctx); err != nil {
		return postgresProblem(err, databaseURL)
	}
	return nil
}

// requirePostgres checks that PostgreSQL answers at databaseURL, for
// commands that reach it through another driver (goose's migrations).
func requirePostgres(ctx context.Context, databaseURL string) error {
	pool, err := store.Open(ctx, databaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	return checkPostgres(ctx, pool, databaseURL)
}

// postgresProblem turns a failed first contact with PostgreSQL into what
// failed, which setting says where, and what to try.
func postgresProblem(err error, databaseURL string) error {
	where := hostOf(databaseURL)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "28P01", "28000":
			return fmt.Errorf("PostgreSQL at %s refused the login (%s): check the user and password in %s", where, pgErr.Code, config.EnvDatabaseURL)
		case "3D000":
			return fmt.Errorf("PostgreSQL at %s has no such database (%s): create it (createdb) or fix the database name in %s", where, pgErr.Code, config.EnvDatabaseURL)
		}
		return fmt.Errorf("PostgreSQL at %s refused the connection (%s %s): check %s", where, pgErr.Code, pgErr.Message, config.EnvDatabaseURL)
	}
	return fmt.Errorf("PostgreSQL at %s is not reachable (%s): start it, or point %s at it (make demo starts one under ./.leadflow)",
		where, netReason(err), config.EnvDatabaseURL)
}

// redisProblem describes a Redis that did not answer at start-up.
func redisProblem(err error, redisURL string) string {
	return fmt.Sprintf("Redis at %s is not reachable (%s): start it, or point %s at it", hostOf(redisURL), netReason(err), config.EnvRedisURL)
}

// checkRedis pings Redis once at start-up. A Redis that is down does not
// stop a role: intake stores webhooks in PostgreSQL and the relay enqueues
// them later, and workers wait for Redis. So it is a warning, said once,
// with what still works.
func checkRedis(ctx context.Context, rdb redis.UniversalClient, redisURL string, logger *slog.Logger) {
	ctx, cancel := context.WithTimeout(ctx, startupCheckTimeout)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		logger.Warn(redisProblem(err, redisURL) +
			"; meanwhile webhooks are still accepted and stored, and the relay enqueues them once Redis is back")
	}
}

// hostOf returns the host:port of a connection URL (never its password),
// or "the configured address" when it cannot be read.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "the configured address"
	}
	return u.Host
}

// netReason names a network failure in a few words rather than the
// driver's chain of wrapped errors.
func netReason(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("no answer within %s", startupCheckTimeout)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return "unknown host " + dnsErr.Name
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return "timed out"
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return msg
}

// asynqRepeatWindow is how long an identical Asynq log line is held back
// after it was written once: with Redis down Asynq reports the same
// failure twice a second, which buries everything else.
const asynqRepeatWindow = 30 * time.Second

// asynqLogger adapts slog to Asynq's logger interface, writing a message
// that repeats at most once per asynqRepeatWindow, with how often it
// repeated meanwhile.
type asynqLogger struct {
	l   *slog.Logger
	now func() time.Time

	mu   sync.Mutex
	seen map[string]*asynqRepeat
}

// asynqRepeat is when a message was last written and how often it was
// held back since.
type asynqRepeat struct {
	at      time.Time
	skipped int
}

func newAsynqLogger(l *slog.Logger) *asynqLogger {
	return &asynqLogger{l: l, now: time.Now, seen: map[string]*asynqRepeat{}}
}

func (l *asynqLogger) log(level slog.Level, args ...any) {
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

func (l *asynqLogger) Debug(args ...any) { l.log(slog.LevelDebug, args...) }
func (l *asynqLogger) Info(args ...any)  { l.log(slog.LevelInfo, args...) }
func (l *asynqLogger) Warn(args ...any)  { l.log(slog.LevelWarn, args...) }
func (l *asynqLogger) Error(args ...any) { l.log(slog.LevelError, args...) }

// Fatal logs and exits, as Asynq's interface requires.
func (l *asynqLogger) Fatal(args ...any) {
	l.log(slog.LevelError, args...)
	exitFunc(1)
}
