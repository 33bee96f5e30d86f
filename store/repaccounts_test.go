package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/store"
)

func TestRepTokens(t *testing.T) {
	t.Parallel()
	pool := testenv.Pool(t)
	b := &testBundle{store: store.New(pool), now: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	ctx := context.Background()
	id, err := b.store.AddRep(ctx, lead.Rep{Name: "Ann", Email: "Ann@Reps.example.com"}, store.RoleManager)
	require.NoError(t, err)
	_, err = b.store.AddRep(ctx, lead.Rep{Name: "Ann again", Email: "ann@reps.example.com"}, store.RoleRep)
	require.ErrorIs(t, err, store.ErrRepExists)

	tok, err := b.store.CreateRepToken(ctx, id)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(tok, store.RepTokenPrefix))
	acct, err := b.store.RepByToken(ctx, tok)
	require.NoError(t, err)
	require.Equal(t, id, acct.ID)
	require.Equal(t, store.RoleManager, acct.Role)
	require.True(t, acct.Active)

	var stored []byte
	require.NoError(t, pool.QueryRow(ctx, `SELECT token_hash FROM reps WHERE id = $1`, id).Scan(&stored))
	require.NotContains(t, string(stored), tok, "only the hash is stored")

	// A web session signed in with the old token (issue 14 item 5).
	require.NoError(t, b.store.CreateWebSession(ctx, "session-before-rotation", id, "csrf", b.now, b.now.Add(12*time.Hour)))
	_, err = b.store.WebSessionByID(ctx, "session-before-rotation", b.now)
	require.NoError(t, err)
	rotated, err := b.store.CreateRepToken(ctx, id)
	require.NoError(t, err)
	require.NotEqual(t, tok, rotated)
	_, err = b.store.WebSessionByID(ctx, "session-before-rotation", b.now)
	require.ErrorIs(t, err, store.ErrNotFound, "rotating the token ends the rep's web sessions")
	_, err = b.store.RepByToken(ctx, tok)
	require.ErrorIs(t, err, store.ErrNotFound, "the old token stops working")
	_, err = b.store.RepByToken(ctx, rotated)
	require.NoError(t, err)

	require.NoError(t, b.store.DisableRep(ctx, id))
	acct, err = b.store.RepByToken(ctx, rotated)
	require.NoError(t, err)
	require.False(t, acct.Active)

	period := lead.TimeRange{From: b.now, To: b.now.Add(48 * time.Hour)}
	require.NoError(t, b.store.AddRepOutOfOffice(ctx, id, period))
	require.NoError(t, b.store.AddRepOutOfOffice(ctx, id, period))
	acct, err = b.store.RepByEmail(ctx, "ANN@reps.example.com")
	require.NoError(t, err)
	require.Len(t, acct.OutOfOffice, 2, "periods are appended")
	require.True(t, acct.OutOfOffice[0].From.Equal(b.now))
}
