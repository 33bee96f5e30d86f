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

func TestWebAppViews(t *testing.T) {
	t.Parallel()
	pool := testenv.Pool(t)
	b := &testBundle{store: store.New(pool), now: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	ctx := context.Background()
	ann, err := b.store.AddRep(ctx, lead.Rep{Name: "Ann", Email: "ann@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	bob, err := b.store.AddRep(ctx, lead.Rep{Name: "Bob", Email: "bob@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	d1 := b.dealFor(t, "w1", ann)
	d2 := b.dealFor(t, "w2", ann)
	d3 := b.dealFor(t, "w3", bob)
	_, _, err = b.store.UpdateDeal(ctx, d2.ID, store.DealUpdate{AmountCents: ptr(int64(500000)), CheckFunc: defaultCheck}, "test", b.now)
	require.NoError(t, err)

	inbox, err := b.store.InboxDeals(ctx, ann, 10)
	require.NoError(t, err)
	require.Len(t, inbox, 2)
	require.Equal(t, []int64{d2.ID, d1.ID}, []int64{inbox[0].DealID, inbox[1].DealID}, "newest first")

	board, err := b.store.PipelineBoard(ctx, store.BoardFilter{PerStage: 1})
	require.NoError(t, err)
	require.Equal(t, "Sales", board.Pipeline)
	var qual store.BoardStage
	for _, s := range board.Stages {
		if s.Name == "Qualification" {
			qual = s
		}
	}
	require.Equal(t, int64(3), qual.Count, "the count covers cards beyond PerStage")
	require.Len(t, qual.Deals, 1)
	require.Equal(t, d2.ID, qual.Deals[0].ID, "most valuable first")

	mine, err := b.store.PipelineBoard(ctx, store.BoardFilter{OwnerRepID: bob})
	require.NoError(t, err)
	for _, s := range mine.Stages {
		for _, d := range s.Deals {
			require.Equal(t, d3.ID, d.ID)
		}
	}

	parked, err := b.store.ParkDeal(ctx, d1.ID, b.now.Add(time.Hour), b.now)
	require.NoError(t, err)
	require.True(t, parked)
	cbs, err := b.store.CallbackDeals(ctx, ann, 10)
	require.NoError(t, err)
	require.Len(t, cbs, 1)
	require.Equal(t, d1.ID, cbs[0].DealID)

	trail, err := b.store.LeadTrail(ctx, d1.ContactID)
	require.NoError(t, err)
	steps := map[string]bool{}
	for _, s := range trail {
		steps[s.Step] = true
	}
	require.True(t, steps["webhook received"] && steps["touchpoint"] && steps["deal opened"], "%v", steps)
	stages, err := b.store.PipelineStages(ctx, "")
	require.NoError(t, err)
	require.Equal(t, store.StageName{Name: "Won", Kind: "won"}, stages[len(stages)-2])
	_, err = b.store.ContactEmails(ctx, d1.ContactID)
	require.NoError(t, err)
}
