package store_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/store"
)

// overflowingWonDeals is how many won deals of 10^15 cents (the largest
// amount the database accepts, migration 00022) add up past the int64
// maximum: ⌈9,223,372,036,854,775,807 / 10^15⌉ + 1.
const overflowingWonDeals = 9225

// TestAmountSumsSaturate is issue 14 item 4: amounts whose sum passes the
// bigint range no longer fail every report and the board with 22003
// ("bigint out of range"); the sums stop at the int64 maximum. The deals
// are written in one statement, each within every per-deal bound, as a
// history import or thousands of ordinary wins would.
func TestAmountSumsSaturate(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	rep, err := b.store.AddRep(ctx, lead.Rep{Name: "Whale", Email: "whale@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	_, err = b.pool.Exec(ctx, `
		WITH e AS (
			INSERT INTO inbound_events (connector, source, event_id, payload)
			SELECT 'generic', 'bulk', 'bulk-' || g, '\x7b7d'::bytea FROM generate_series(1, $1::int) g
			RETURNING id
		), c AS (
			INSERT INTO contacts (first_name) SELECT 'Bulk' FROM generate_series(1, $1::int) RETURNING id
		), pairs AS (
			SELECT e.id AS event_id, c.id AS contact_id
			FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM e) e
			JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM c) c USING (n)
		), t AS (
			INSERT INTO touchpoints (contact_id, inbound_event_id, source, utm_source, occurred_at)
			SELECT contact_id, event_id, 'bulk', 'bulk', $2 FROM pairs
			RETURNING contact_id
		)
		INSERT INTO deals (contact_id, pipeline_id, stage_id, owner_rep_id, amount_cents, created_at, updated_at, stage_entered_at, closed_at)
		SELECT t.contact_id, p.id, st.id, $3, 1000000000000000, $2, $2, $2, $2
		FROM t, pipelines p JOIN stages st ON st.pipeline_id = p.id AND st.kind = 'won'
		WHERE p.is_default`, overflowingWonDeals, b.now, rep)
	require.NoError(t, err)

	t.Run("funnel", func(t *testing.T) {
		rows, err := b.store.Funnel(ctx, "source", b.now.AddDate(0, 0, -1), b.now.AddDate(0, 0, 1))
		require.NoError(t, err)
		require.Len(t, rows, 1)
		require.Equal(t, int64(overflowingWonDeals), rows[0].Won)
		require.Equal(t, int64(math.MaxInt64), rows[0].RevenueCents)
	})
	t.Run("rep leaderboard", func(t *testing.T) {
		rows, err := b.store.RepLeaderboard(ctx, b.now.AddDate(0, 0, -1), b.now.AddDate(0, 0, 1))
		require.NoError(t, err)
		require.Len(t, rows, 1)
		require.Equal(t, int64(math.MaxInt64), rows[0].WonRevenueCents)
	})
	t.Run("attribution", func(t *testing.T) {
		rows, err := b.store.Attribution(ctx, "first", "utm_source", b.now.AddDate(0, 0, -1), b.now.AddDate(0, 0, 1))
		require.NoError(t, err)
		require.Len(t, rows, 1)
		require.Greater(t, rows[0].RevenueCents, float64(math.MaxInt64), "credited revenue is a float: it does not overflow")
	})
	t.Run("board", func(t *testing.T) {
		board, err := b.store.PipelineBoard(ctx, store.BoardFilter{ClosedSince: b.now.AddDate(0, 0, -1), PerStage: 5})
		require.NoError(t, err)
		var won *store.BoardStage
		for i := range board.Stages {
			if board.Stages[i].Kind == "won" {
				won = &board.Stages[i]
			}
		}
		require.NotNil(t, won)
		require.Equal(t, int64(overflowingWonDeals), won.Count)
		require.Equal(t, int64(math.MaxInt64), won.ExpectedCents)
		require.Len(t, won.Deals, 5)
	})
}
