package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/store"
)

func TestListDealsClosestToClosingFirst(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	a, err := b.store.AddRep(ctx, lead.Rep{Name: "A", Email: "a@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	other, err := b.store.AddRep(ctx, lead.Rep{Name: "B", Email: "b@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	small, big, negotiating := b.dealFor(t, "small", a), b.dealFor(t, "big", a), b.dealFor(t, "nego", other)
	for _, u := range []struct {
		id     int64
		amount int64
		stage  *string
	}{{small.ID, 1000, nil}, {big.ID, 50000, nil}, {negotiating.ID, 40000, ptr("Negotiation")}} {
		_, _, err := b.store.UpdateDeal(ctx, u.id, store.DealUpdate{AmountCents: &u.amount, Stage: u.stage, CheckFunc: defaultCheck}, "test", b.now)
		require.NoError(t, err)
	}
	ids := func(f store.DealFilter) []int64 {
		rows, err := b.store.ListDeals(ctx, f)
		require.NoError(t, err)
		out := []int64{}
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	// 0.8 × 40000 = 32000 > 0.2 × 50000 = 10000 > 0.2 × 1000.
	require.Equal(t, []int64{negotiating.ID, big.ID, small.ID}, ids(store.DealFilter{}))
	require.Equal(t, []int64{big.ID, small.ID}, ids(store.DealFilter{OwnerRepID: a}))
	require.Equal(t, []int64{negotiating.ID}, ids(store.DealFilter{Stage: "negotiation"}))
	require.Empty(t, ids(store.DealFilter{Pipeline: "Other"}))
}

func TestInboxBoardCallbacksAndTrail(t *testing.T) {
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

	inbox, err := b.store.InboxDeals(ctx, ann, store.DealSearch{}, 10)
	require.NoError(t, err)
	require.Len(t, inbox, 2)
	require.Equal(t, []int64{d2.ID, d1.ID}, []int64{inbox[0].DealID, inbox[1].DealID}, "most valuable first")

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
