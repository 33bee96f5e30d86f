package store_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/store"
)

// dealFor records a lead and opens a deal in Sales/Qualification owned by repID.
func (b *testBundle) dealFor(t *testing.T, key string, repID int64) lead.Deal {
	t.Helper()
	ctx := context.Background()
	tp, err := b.store.RecordLead(ctx, b.event(t, key), person(key+"@example.com", ""), b.now)
	require.NoError(t, err)
	d, created, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: tp.ContactID, TouchpointID: tp.ID, Pipeline: "Sales",
		Stage: "Qualification", Now: b.now}, func([]lead.Rep, int64) int64 { return repID })
	require.NoError(t, err)
	require.True(t, created)
	return d
}

func ptr[T any](v T) *T { return &v }

// checkWith is the store's CheckFunc for the domain's rules, wired as
// cmd/leadflow wires it.
func checkWith(rules pipeline.DealRules) func(store.DealCheck) (string, error) {
	return func(c store.DealCheck) (string, error) {
		return rules.Check(pipeline.DealChange{FromStage: c.FromStage, FromKind: pipeline.StageKind(c.FromKind), Closed: c.Closed,
			ToStage: c.ToStage, ToKind: pipeline.StageKind(c.ToKind), AmountCents: c.AmountCents,
			CurrentAmountCents: c.CurrentAmountCents, LostReason: c.LostReason})
	}
}

// defaultCheck judges by the default rules.
var defaultCheck = checkWith(pipeline.DealRules{})

func TestUpdateDealRules(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	rep, err := b.store.AddRep(ctx, lead.Rep{Name: "A", Email: "a@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	tests := []struct {
		name      string
		prepare   []store.DealUpdate
		update    store.DealUpdate
		wantField string
	}{
		{name: "unknown stage", update: store.DealUpdate{Stage: ptr("Signed")}, wantField: "stage"},
		{name: "lost without reason", update: store.DealUpdate{Stage: ptr("Lost")}, wantField: "lost_reason"},
		{name: "lost with blank reason", update: store.DealUpdate{Stage: ptr("Lost"), LostReason: ptr("  ")}, wantField: "lost_reason"},
		{name: "won without amount", update: store.DealUpdate{Stage: ptr("Won")}, wantField: "amount_cents"},
		{name: "negative amount", update: store.DealUpdate{AmountCents: ptr(int64(-1))}, wantField: "amount_cents"},
		{name: "reason without lost", update: store.DealUpdate{LostReason: ptr("price")}, wantField: "lost_reason"},
		{name: "moving a closed deal", prepare: []store.DealUpdate{{Stage: ptr("Lost"), LostReason: ptr("price")}},
			update: store.DealUpdate{Stage: ptr("Negotiation")}, wantField: "stage"},
		{name: "amount above the maximum", update: store.DealUpdate{AmountCents: ptr(pipeline.DefaultMaxAmountCents + 1)}, wantField: "amount_cents"},
		{name: "won at the int64 maximum", update: store.DealUpdate{Stage: ptr("Won"), AmountCents: ptr(int64(math.MaxInt64))}, wantField: "amount_cents"},
		{name: "reopening a won deal", prepare: []store.DealUpdate{{Stage: ptr("Won"), AmountCents: ptr(int64(500))}},
			update: store.DealUpdate{Stage: ptr("Negotiation")}, wantField: "stage"},
		{name: "winning a won deal again", prepare: []store.DealUpdate{{Stage: ptr("Won"), AmountCents: ptr(int64(500))}},
			update: store.DealUpdate{Stage: ptr("won")}, wantField: "stage"},
		{name: "changing a won deal's amount", prepare: []store.DealUpdate{{Stage: ptr("Won"), AmountCents: ptr(int64(500))}},
			update: store.DealUpdate{AmountCents: ptr(int64(600))}, wantField: "amount_cents"},
		{name: "won with amount given now", update: store.DealUpdate{Stage: ptr("won"), AmountCents: ptr(int64(9900))}},
		{name: "won with amount set before", prepare: []store.DealUpdate{{AmountCents: ptr(int64(500))}}, update: store.DealUpdate{Stage: ptr("Won")}},
		{name: "lost with reason", update: store.DealUpdate{Stage: ptr("Lost"), LostReason: ptr("went with a competitor")}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := b.dealFor(t, fmt.Sprint("rule", i), rep)
			for _, p := range tt.prepare {
				p.CheckFunc = defaultCheck
				_, _, err := b.store.UpdateDeal(ctx, d.ID, p, "test", b.now)
				require.NoError(t, err)
			}
			before, err := b.store.DealDetail(ctx, d.ID)
			require.NoError(t, err)
			tt.update.CheckFunc = defaultCheck
			ch, changed, err := b.store.UpdateDeal(ctx, d.ID, tt.update, "rep:1", b.now.Add(time.Hour))
			detail, derr := b.store.DealDetail(ctx, d.ID)
			require.NoError(t, derr)
			if tt.wantField != "" {
				var invalid interface{ InvalidField() string }
				require.True(t, errors.As(err, &invalid), "got %v", err)
				require.Equal(t, tt.wantField, invalid.InvalidField(), err.Error())
				require.Len(t, detail.StageHistory, 1+len(tt.prepare), "a refused change records nothing")
				require.Equal(t, before.Deal, detail.Deal, "a refused change changes nothing (stage, amount, closed_at)")
				return
			}
			require.NoError(t, err)
			require.True(t, changed)
			require.True(t, ch.Closed)
			require.Equal(t, "Qualification", ch.From)
			last := detail.StageHistory[len(detail.StageHistory)-1]
			require.Equal(t, store.StageHistoryEntry{From: "Qualification", To: ch.To, ChangedAt: b.now.Add(time.Hour), ChangedBy: "rep:1"},
				store.StageHistoryEntry{From: last.From, To: last.To, ChangedAt: last.ChangedAt.UTC(), ChangedBy: last.ChangedBy})
			require.NotNil(t, detail.Deal.ClosedAt)
		})
	}
}

// TestUpdateDealNeedsRules: a change nobody judged is never written, and
// an amount past the database's own bound (migration 00022) is refused
// naming amount_cents, classified by SQLSTATE, even when the rules let it by.
func TestUpdateDealNeedsRules(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	d := b.dealFor(t, "unjudged", 0)
	_, _, err := b.store.UpdateDeal(ctx, d.ID, store.DealUpdate{Stage: ptr("Won"), AmountCents: ptr(int64(1))}, "test", b.now)
	require.ErrorIs(t, err, store.ErrNoDealRules)

	allowAll := func(store.DealCheck) (string, error) { return "", nil }
	_, _, err = b.store.UpdateDeal(ctx, d.ID, store.DealUpdate{AmountCents: ptr(pipeline.HardMaxAmountCents + 1), CheckFunc: allowAll}, "test", b.now)
	var de *store.DealError
	require.ErrorAs(t, err, &de)
	require.Equal(t, "amount_cents", de.Field)
	detail, err := b.store.DealDetail(ctx, d.ID)
	require.NoError(t, err)
	require.Zero(t, detail.Deal.AmountCents)
	require.Nil(t, detail.Deal.ClosedAt)
}

func TestUpdateDealOwnerScope(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	a, err := b.store.AddRep(ctx, lead.Rep{Name: "A", Email: "a@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	other, err := b.store.AddRep(ctx, lead.Rep{Name: "B", Email: "b@reps.example.com"}, store.RoleRep)
	require.NoError(t, err)
	d := b.dealFor(t, "scoped", a)
	_, _, err = b.store.UpdateDeal(ctx, d.ID, store.DealUpdate{Stage: ptr("Negotiation"), OwnerRepID: other, CheckFunc: defaultCheck}, "rep", b.now)
	require.ErrorIs(t, err, store.ErrNotFound, "another rep's deal looks missing")
	_, changed, err := b.store.UpdateDeal(ctx, d.ID, store.DealUpdate{Stage: ptr("Negotiation"), OwnerRepID: a, CheckFunc: defaultCheck}, "rep", b.now)
	require.NoError(t, err)
	require.True(t, changed)

	owns, err := b.store.RepOwnsContact(ctx, a, d.ContactID)
	require.NoError(t, err)
	require.True(t, owns)
	owns, err = b.store.RepOwnsContact(ctx, other, d.ContactID)
	require.NoError(t, err)
	require.False(t, owns)

	c, err := b.store.ContactDetail(ctx, d.ContactID)
	require.NoError(t, err)
	require.Len(t, c.Identities, 1)
	require.Equal(t, store.Identity{Kind: "email", Value: "scoped@example.com", CreatedAt: c.Identities[0].CreatedAt}, c.Identities[0])
	require.Len(t, c.Touchpoints, 1)
	require.NotEmpty(t, c.Ledger, "identity decisions are in the ledger")
	require.Equal(t, "identity", c.Ledger[0].Kind)
}
