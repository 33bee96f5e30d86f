package preflight

import (
	"context"
	"errors"
	"fmt"
	"net"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"
)

func TestPostgresProblem(t *testing.T) {
	t.Parallel()
	const dbURL = "postgres://leadflow:secret@db.internal:5432/leadflow"
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"login refused", &pgconn.PgError{Code: "28P01"}, "PostgreSQL at db.internal:5432 refused the login (28P01): check the user and password in LEADFLOW_DATABASE_URL"},
		{"no database", &pgconn.PgError{Code: "3D000"}, "PostgreSQL at db.internal:5432 has no such database (3D000): create it (createdb) or fix the database name in LEADFLOW_DATABASE_URL"},
		{"other refusal", &pgconn.PgError{Code: "53300", Message: "too many clients"}, "PostgreSQL at db.internal:5432 refused the connection (53300 too many clients): check LEADFLOW_DATABASE_URL"},
		{"down", fmt.Errorf("dial: %w", syscall.ECONNREFUSED), "PostgreSQL at db.internal:5432 is not reachable (connection refused): start it, or point LEADFLOW_DATABASE_URL at it (make demo starts one under ./.leadflow)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := postgresProblem(tt.err, dbURL)
			require.EqualError(t, err, tt.want)
			require.NotContains(t, err.Error(), "secret", "never the password")
		})
	}
}

func TestNetReason(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"refused", fmt.Errorf("x: %w", syscall.ECONNREFUSED), "connection refused"},
		{"deadline", fmt.Errorf("x: %w", context.DeadlineExceeded), "no answer within 5s"},
		{"unknown host", &net.DNSError{Name: "db.nowhere"}, "unknown host db.nowhere"},
		{"last cause", errors.New("failed to connect: server said: hello"), "hello"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, netReason(tt.err))
		})
	}
}

func TestHostOf(t *testing.T) {
	t.Parallel()
	require.Equal(t, "127.0.0.1:6379", hostOf("redis://:pw@127.0.0.1:6379/0"))
	require.Equal(t, "the configured address", hostOf("not a url"))
	require.Equal(t, "the configured address", hostOf("::"))
}
