package store_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/store"
)

// TestProgressReads follows three events: one processed, one failed, one
// still waiting, and the one lead scored.
func TestProgressReads(t *testing.T) {
	b := setup(t)
	ctx := context.Background()

	pending, total, err := b.store.EventBacklog(ctx)
	require.NoError(t, err)
	require.Zero(t, pending)
	require.Zero(t, total)
	out, err := b.store.EventOutcomes(ctx)
	require.NoError(t, err)
	require.Equal(t, store.EventOutcomes{}, out, "no event yet: no processing time")
	_, err = b.store.TopScore(ctx)
	require.ErrorIs(t, err, store.ErrNotFound)
	_, _, err = b.store.EventStatus(ctx, "generic", "website", "p1")
	require.ErrorIs(t, err, store.ErrNotFound)

	done, failed := b.event(t, "p1"), b.event(t, "p2")
	b.event(t, "p3")
	require.NoError(t, b.store.MarkEventsProcessed(ctx, []int64{done}, b.now))
	require.NoError(t, b.store.MarkEventFailed(ctx, failed, "bad payload"))

	pending, total, err = b.store.EventBacklog(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(1), pending)
	require.Equal(t, int64(failed+1), total, "the highest id")
	out, err = b.store.EventOutcomes(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(1), out.Processed)
	require.Equal(t, int64(1), out.Failed)
	require.True(t, out.LastProcessedAt.Equal(b.now))
	settled, err := b.store.SettledEvents(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(2), settled)
	status, lastErr, err := b.store.EventStatus(ctx, "generic", "website", "p2")
	require.NoError(t, err)
	require.Equal(t, lead.EventFailed, status)
	require.Equal(t, "bad payload", lastErr)

	l := person("ada@example.com", "")
	l.ExternalID = "stl-7"
	tp, err := b.store.RecordLead(ctx, done, l, b.now)
	require.NoError(t, err)
	times, err := b.store.RoutingTimes(ctx, "stl-")
	require.NoError(t, err)
	require.Equal(t, []store.RoutingTime{{ExternalID: "stl-7"}}, times, "not routed yet")

	_, _, err = b.store.InsertScore(ctx, lead.Score{ContactID: tp.ContactID, TouchpointID: tp.ID, Total: 81, Band: "hot",
		ModelVersion: "rules-v1", Breakdown: json.RawMessage(`{"total": 81}`), ComputedAt: b.now})
	require.NoError(t, err)
	top, err := b.store.TopScore(ctx)
	require.NoError(t, err)
	require.Equal(t, 81, top.Total)
	require.Equal(t, "hot", top.Band)
	require.JSONEq(t, `{"total": 81}`, string(top.Breakdown))
}
