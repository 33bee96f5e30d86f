package store_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/store"
)

// estimatedDeal opens a deal for a new contact the way routing does: with
// an estimated amount (0: none).
func (b *testBundle) estimatedDeal(t *testing.T, key string, repID, cents int64) lead.Deal {
	t.Helper()
	ctx := context.Background()
	tp, err := b.store.RecordLead(ctx, b.event(t, key), person(key+"@example.com", ""), b.now)
	require.NoError(t, err)
	d, created, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: tp.ContactID, TouchpointID: tp.ID, Pipeline: "Sales",
		Stage: "Qualification", Now: b.now, EstimatedAmountCents: cents}, func([]lead.Rep, int64) int64 { return repID })
	require.NoError(t, err)
	require.True(t, created)
	return d
}

func TestDealValueEstimateUntilARepSetsIt(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	rep, err := b.store.AddRep(ctx, lead.Rep{Name: "Ann", Email: "ann@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	tests := []struct {
		name          string
		estimate      int64
		set           *int64
		wantAmount    int64
		wantEstimated bool
	}{
		{name: "an estimate is marked", estimate: 3_000_000, wantAmount: 3_000_000, wantEstimated: true},
		{name: "no estimate is no amount, not an estimate", estimate: 0, wantAmount: 0, wantEstimated: false},
		{name: "a rep's amount replaces the estimate", estimate: 3_000_000, set: ptr(int64(1_250_000)), wantAmount: 1_250_000},
		{name: "a rep confirming the estimate ends it", estimate: 3_000_000, set: ptr(int64(3_000_000)), wantAmount: 3_000_000},
		{name: "a rep's zero is an amount, not an estimate", estimate: 3_000_000, set: ptr(int64(0)), wantAmount: 0},
	}
	for i, tt := range tests {
		d := b.estimatedDeal(t, "est"+string(rune('a'+i)), rep, tt.estimate)
		if tt.set != nil {
			_, _, err := b.store.UpdateDeal(ctx, d.ID, store.DealUpdate{AmountCents: tt.set, CheckFunc: defaultCheck}, "test", b.now)
			require.NoError(t, err, tt.name)
		}
		got, err := b.store.DealDetail(ctx, d.ID)
		require.NoError(t, err, tt.name)
		require.Equal(t, tt.wantAmount, got.Deal.AmountCents, tt.name)
		require.Equal(t, tt.wantEstimated, got.Deal.AmountEstimated, tt.name)
		// Qualification's win probability is 0.2 in the default pipeline.
		require.Equal(t, tt.wantAmount/5, got.Deal.ExpectedCents, tt.name)
	}
}

func TestDealValueOrdersListsInboxAndManagerPage(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ann, err := b.store.AddRep(ctx, lead.Rep{Name: "Ann", Email: "ann@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	bob, err := b.store.AddRep(ctx, lead.Rep{Name: "Bob", Email: "bob@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	// Opened oldest to newest; the inbox used to list newest first.
	small := b.estimatedDeal(t, "small", ann, 100_000)
	big := b.estimatedDeal(t, "big", ann, 5_000_000)
	none := b.estimatedDeal(t, "none", ann, 0)
	later := b.estimatedDeal(t, "later", ann, 1_000_000)
	bobs := b.estimatedDeal(t, "bobs", bob, 2_000_000)
	// A rep moves "later" on: Negotiation's 0.8 × $10,000 = $8,000 beats
	// Bob's 0.2 × $20,000 but not 0.2 × $50,000 = $10,000.
	_, _, err = b.store.UpdateDeal(ctx, later.ID, store.DealUpdate{Stage: ptr("Negotiation"), CheckFunc: defaultCheck}, "test", b.now)
	require.NoError(t, err)

	inbox, err := b.store.InboxDeals(ctx, ann, store.DealSearch{}, 10)
	require.NoError(t, err)
	var got []int64
	for _, r := range inbox {
		got = append(got, r.DealID)
	}
	require.Equal(t, []int64{big.ID, later.ID, small.ID, none.ID}, got, "most expected value first; no amount last")
	require.True(t, inbox[0].AmountEstimated)
	require.Equal(t, int64(1_000_000), inbox[0].ExpectedCents)

	rows, err := b.store.ListDeals(ctx, store.DealFilter{})
	require.NoError(t, err)
	got = nil
	for _, r := range rows {
		got = append(got, r.ID)
	}
	require.Equal(t, []int64{big.ID, later.ID, bobs.ID, small.ID, none.ID}, got)

	values, err := b.store.PipelineValues(ctx)
	require.NoError(t, err)
	var qualAnn, negAnn, qualBob store.PipelineValue
	for _, v := range values {
		switch {
		case v.Stage == "Qualification" && v.OwnerRepID == ann:
			qualAnn = v
		case v.Stage == "Negotiation" && v.OwnerRepID == ann:
			negAnn = v
		case v.Stage == "Qualification" && v.OwnerRepID == bob:
			qualBob = v
		}
	}
	require.Equal(t, store.PipelineValue{Pipeline: "Sales", Stage: "Qualification", OwnerRepID: ann, OwnerName: "Ann", Currency: "USD", Deals: 3,
		AmountCents: 5_100_000, EstimatedCents: 5_100_000, ExpectedCents: 1_020_000}, qualAnn)
	require.Equal(t, int64(1), negAnn.Deals)
	require.Equal(t, int64(1_000_000), negAnn.AmountCents)
	require.Equal(t, int64(400_000), qualBob.ExpectedCents)
}
