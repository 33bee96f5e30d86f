package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/store"
)

func TestWebSessions(t *testing.T) {
	t.Parallel()
	st := store.New(testenv.Pool(t))
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	repID, err := st.AddRep(ctx, lead.Rep{Name: "Ann", Email: "ann@reps.example.com"}, store.RoleManager)
	require.NoError(t, err)
	require.NoError(t, st.CreateWebSession(ctx, "old", repID, "c0", now.Add(-2*time.Hour), now.Add(-time.Hour)))
	require.NoError(t, st.CreateWebSession(ctx, "sess", repID, "c1", now, now.Add(time.Hour)))

	ws, err := st.WebSessionByID(ctx, "sess", now)
	require.NoError(t, err)
	require.Equal(t, store.WebSession{RepID: repID, RepName: "Ann", Role: store.RoleManager, Active: true, CSRFToken: "c1",
		ExpiresAt: now.Add(time.Hour)}, store.WebSession{RepID: ws.RepID, RepName: ws.RepName, Role: ws.Role, Active: ws.Active,
		CSRFToken: ws.CSRFToken, ExpiresAt: ws.ExpiresAt.UTC()})

	tests := []struct {
		name string
		id   string
		at   time.Time
	}{
		{"expired and swept", "old", now.Add(-90 * time.Minute)},
		{"past its expiry", "sess", now.Add(2 * time.Hour)},
		{"unknown", "nope", now},
	}
	for _, tt := range tests {
		_, err := st.WebSessionByID(ctx, tt.id, tt.at)
		require.True(t, errors.Is(err, lead.ErrNotFound), tt.name)
	}
	require.NoError(t, st.DeleteWebSession(ctx, "sess"))
	_, err = st.WebSessionByID(ctx, "sess", now)
	require.ErrorIs(t, err, lead.ErrNotFound)
}
