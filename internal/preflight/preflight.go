// Package preflight checks, as a process starts, that PostgreSQL and Redis
// answer, and turns a failed first contact into one line saying what
// failed, which setting says where, and what to try — not the failure of
// whatever statement happened to run first.
package preflight

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
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

// Postgres makes sure PostgreSQL answers before anything else runs,
// so that a server that is down or a wrong URL is reported as such, in one
// line naming the setting, instead of as the failure of whatever statement
// happened to run first ("sync pipelines: begin transaction: ...").
func Postgres(ctx context.Context, pool *pgxpool.Pool, databaseURL string) error {
	ctx, cancel := context.WithTimeout(ctx, startupCheckTimeout)
	defer cancel()
	if err := pool.Ping(ctx); err != nil {
		return postgresProblem(err, databaseURL)
	}
	return nil
}

// RequirePostgres checks that PostgreSQL answers at databaseURL, for
// commands that reach it through another driver (goose's migrations).
func RequirePostgres(ctx context.Context, databaseURL string) error {
	pool, err := store.Open(ctx, databaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	return Postgres(ctx, pool, databaseURL)
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

// Redis pings Redis once at start-up. A Redis that is down does not
// stop a role: intake stores webhooks in PostgreSQL and the relay enqueues
// them later, and workers wait for Redis. So it is a warning, said once,
// with what still works.
func Redis(ctx context.Context, rdb redis.UniversalClient, redisURL string, logger *slog.Logger) {
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
