package migrations_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/pressly/goose/v3"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/migrations"
)

// TestEveryMigrationGoesDownAndUpAgain runs every Down, on a database
// holding every migration, to version 0, then every Up again: a Down that
// fails, or leaves something its Up then trips over, fails here rather
// than in an operator's rollback.
func TestEveryMigrationGoesDownAndUpAgain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := sql.Open("pgx", testenv.DatabaseURL(t))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS(), goose.WithDisableGlobalRegistry(true))
	require.NoError(t, err)
	top, err := p.GetDBVersion(ctx)
	require.NoError(t, err)
	require.Positive(t, top, "the test database holds every migration")

	_, err = p.DownTo(ctx, 0)
	require.NoError(t, err, "down to zero")
	v, err := p.GetDBVersion(ctx)
	require.NoError(t, err)
	require.Zero(t, v)
	var tables int
	require.NoError(t, db.QueryRowContext(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'goose_db_version'`).Scan(&tables))
	require.Zero(t, tables, "every table is gone at version 0")

	_, err = p.Up(ctx)
	require.NoError(t, err, "up again")
	v, err = p.GetDBVersion(ctx)
	require.NoError(t, err)
	require.Equal(t, top, v)
}
