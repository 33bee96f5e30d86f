package migrations_test

import (
	"context"
	"database/sql"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx" for goose
	"github.com/pressly/goose/v3"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/migrations"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// appSecretsVersion is migrations/00021_app_secrets.sql.
const appSecretsVersion = 21

// TestAppSecretsMigrationDown: 00021's Down removes the table its Up
// created, and Up applies again after it.
func TestAppSecretsMigrationDown(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := sql.Open("pgx", testenv.DatabaseURL(t))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS(), goose.WithDisableGlobalRegistry(true))
	require.NoError(t, err)
	exists := func() bool {
		var ok bool
		require.NoError(t, db.QueryRowContext(ctx, `SELECT to_regclass('app_secrets') IS NOT NULL`).Scan(&ok))
		return ok
	}

	require.True(t, exists(), "the test database holds every migration")
	_, err = p.DownTo(ctx, appSecretsVersion-1)
	require.NoError(t, err)
	require.False(t, exists(), "Down left app_secrets behind")
	_, err = p.Up(ctx)
	require.NoError(t, err)
	require.True(t, exists())
}
