package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
)

// TestClosedDealLeadsAsTouchpointLead: the one query training reads closed
// deals with rebuilds each deal's lead exactly as TouchpointLead does, so
// live outcomes train on what scoring saw; open deals and deals without a
// touchpoint are left out.
func TestClosedDealLeadsAsTouchpointLead(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	noPick := func([]lead.Rep, int64) int64 { return 0 }
	record := func(key, email, phone string) lead.Touchpoint {
		l := person(email, phone)
		l.Channel, l.Country, l.Title, l.Message = "cpc", "DE", "CTO", "call me"
		l.UTM = lead.UTM{Source: "google", Medium: "cpc", Campaign: "spring", Term: "crm", Content: "a"}
		l.ClickIDs = map[string]string{"gclid": "g1"}
		l.Answers = lead.Answers{Budget: "$25k", Timeline: "this quarter"}
		l.Attributes = map[string]any{"company_size": "10,000+", "visits": float64(3)}
		tp, err := b.store.RecordLead(ctx, b.event(t, key), l, b.now)
		require.NoError(t, err)
		return tp
	}
	won := record("won", "ada@example.com", "+15555550100")
	lost := record("lost", "bob@example.com", "")
	open := record("open", "cy@example.com", "")
	for _, c := range []struct {
		tp    lead.Touchpoint
		stage string
	}{{won, "won"}, {lost, "lost"}, {open, ""}} {
		d, _, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: c.tp.ContactID, TouchpointID: c.tp.ID, Pipeline: "Sales", Stage: "Qualification", Now: b.now}, noPick)
		require.NoError(t, err)
		if c.stage != "" {
			_, _, err = b.store.MoveDealStage(ctx, d.ID, c.stage, "test", map[string]string{"lost": "price"}[c.stage], b.now)
			require.NoError(t, err)
		}
	}

	got, err := b.store.ClosedDealLeads(ctx)
	require.NoError(t, err)
	require.Len(t, got, 2, "the open deal is not an outcome")
	for i, want := range []struct {
		tp  lead.Touchpoint
		won bool
	}{{won, true}, {lost, false}} {
		l, _, err := b.store.TouchpointLead(ctx, want.tp.ID)
		require.NoError(t, err)
		require.Equal(t, want.tp.ID, got[i].TouchpointID)
		require.Equal(t, want.won, got[i].Won)
		require.Equal(t, l, got[i].Lead)
	}
}

// TestRecentLeadsForSimulation: each contact with a touchpoint in the
// window comes back once, with its latest touchpoint's facts and its
// latest score.
func TestRecentLeadsForSimulation(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	l := person("ada@example.com", "")
	l.Channel, l.Country = "cpc", "DE"
	l.UTM.Campaign = "spring"
	l.Attributes = map[string]any{"company_size": "1k-5k"}
	tp, err := b.store.RecordLead(ctx, b.event(t, "recent"), l, b.now)
	require.NoError(t, err)
	_, _, err = b.store.InsertScore(ctx, lead.Score{ContactID: tp.ContactID, TouchpointID: tp.ID, Total: 81, Band: "hot",
		ModelVersion: "v", Breakdown: []byte(`{}`), ComputedAt: b.now})
	require.NoError(t, err)

	got, err := b.store.RecentLeads(ctx, l.OccurredAt.Add(-time.Second))
	require.NoError(t, err)
	require.Len(t, got, 1)
	r := got[0]
	require.Equal(t, tp.ContactID, r.ContactID)
	require.Equal(t, "hot", r.Score.Band)
	require.Equal(t, 81, r.Score.Total)
	require.Equal(t, "website", r.Lead.Source)
	require.Equal(t, "cpc", r.Lead.Channel)
	require.Equal(t, "DE", r.Lead.Country)
	require.Equal(t, "spring", r.Lead.UTM.Campaign)
	require.Equal(t, map[string]any{"company_size": "1k-5k"}, r.Lead.Attributes)
	require.Empty(t, r.ActualRep, "no deal yet")

	later, err := b.store.RecentLeads(ctx, l.OccurredAt.Add(time.Second))
	require.NoError(t, err)
	require.Empty(t, later)
}
