package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/store"
)

func TestSyncPipeline(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	stages := []store.StageSpec{
		{Name: "Qualification", WinProbability: 0.3, Kind: "open", RotAfter: 48 * time.Hour},
		{Name: "Demo", WinProbability: 0.5, Kind: "open"},
		{Name: "Won", WinProbability: 1, Kind: "won"},
		{Name: "Lost", Kind: "lost"},
	}
	require.NoError(t, b.store.SyncPipeline(ctx, "Partners", true, stages))
	require.NoError(t, b.store.SyncPipeline(ctx, "Partners", true, stages), "idempotent")

	pool := b.pool
	var names []string
	rows, err := pool.Query(ctx, `SELECT st.name || ':' || st.position || ':' || COALESCE(extract(epoch FROM st.rot_after)::bigint::text, '-')
		FROM stages st JOIN pipelines p ON p.id = st.pipeline_id WHERE p.name = 'Partners' ORDER BY st.position`)
	require.NoError(t, err)
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		names = append(names, s)
	}
	require.Equal(t, []string{"Qualification:1:172800", "Demo:2:-", "Won:3:-", "Lost:4:-"}, names)
	var defaults []string
	rows, err = pool.Query(ctx, `SELECT name FROM pipelines WHERE is_default`)
	require.NoError(t, err)
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		defaults = append(defaults, s)
	}
	require.Equal(t, []string{"Partners"}, defaults, "one default pipeline")
}
