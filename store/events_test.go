package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/store"
)

// replayEvent stores one inbound event with the given status and error and
// returns its row id. It writes SQL directly so the test does not depend on
// how intake stores events.
func replayEvent(t *testing.T, pool *pgxpool.Pool, connector, id, status, lastError string, at time.Time) int64 {
	t.Helper()
	var rowID int64
	require.NoError(t, pool.QueryRow(context.Background(), `
		INSERT INTO inbound_events (connector, source, event_id, received_at, payload, status, last_error)
		VALUES ($1, 'website', $2, $3, '{"email":"ada@example.com"}', $4, $5) RETURNING id`,
		connector, id, at, status, lastError).Scan(&rowID))
	return rowID
}

func TestFailedEventsAndReset(t *testing.T) {
	t.Parallel()
	pool := testenv.Pool(t)
	st := store.New(pool)
	ctx := context.Background()
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	genA := replayEvent(t, pool, "generic", "msg_a", "failed", "normalize lead: no email", t0)
	tf := replayEvent(t, pool, "typeform", "msg_b", "failed", `no connector named "typeform" is configured`, t0.Add(time.Second))
	genC := replayEvent(t, pool, "generic", "msg_c", "failed", "decode generic payload: bad", t0.Add(2*time.Second))
	replayEvent(t, pool, "generic", "msg_ok", "processed", "", t0)
	replayEvent(t, pool, "generic", "msg_new", "received", "", t0)

	ids := func(evs []store.FailedEvent) []int64 {
		out := []int64{}
		for _, e := range evs {
			out = append(out, e.ID)
		}
		return out
	}
	tests := []struct {
		name   string
		filter store.FailedEventFilter
		want   []int64
	}{
		{"all failed, oldest first", store.FailedEventFilter{}, []int64{genA, tf, genC}},
		{"by connector", store.FailedEventFilter{Connector: "generic"}, []int64{genA, genC}},
		{"by id", store.FailedEventFilter{IDs: []int64{tf}}, []int64{tf}},
		{"id and connector must both match", store.FailedEventFilter{IDs: []int64{tf}, Connector: "generic"}, []int64{}},
		{"limit", store.FailedEventFilter{Limit: 1}, []int64{genA}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := st.FailedEvents(ctx, tt.filter)
			require.NoError(t, err)
			require.Equal(t, tt.want, ids(evs))
		})
	}

	evs, err := st.FailedEvents(ctx, store.FailedEventFilter{IDs: []int64{tf}})
	require.NoError(t, err)
	require.Equal(t, store.FailedEvent{ID: tf, Connector: "typeform", Source: "website", EventID: "msg_b",
		ReceivedAt: t0.Add(time.Second), LastError: `no connector named "typeform" is configured`}, normalizeTime(evs[0]))

	// Reset by connector: only the generic failures move, and the old
	// errors come back for the report.
	reset, err := st.ResetFailedEvents(ctx, store.FailedEventFilter{Connector: "generic"})
	require.NoError(t, err)
	require.Equal(t, []int64{genA, genC}, ids(reset))
	require.Equal(t, "normalize lead: no email", reset[0].LastError)
	var status, lastError string
	require.NoError(t, pool.QueryRow(ctx, `SELECT status, last_error FROM inbound_events WHERE id = $1`, genA).Scan(&status, &lastError))
	require.Equal(t, []string{"received", ""}, []string{status, lastError})

	// A second reset finds nothing: a replayed event is no longer failed.
	reset, err = st.ResetFailedEvents(ctx, store.FailedEventFilter{Connector: "generic"})
	require.NoError(t, err)
	require.Empty(t, reset)

	// Processed and received events are never reset, even when named.
	reset, err = st.ResetFailedEvents(ctx, store.FailedEventFilter{})
	require.NoError(t, err)
	require.Equal(t, []int64{tf}, ids(reset))
	left, err := st.FailedEvents(ctx, store.FailedEventFilter{})
	require.NoError(t, err)
	require.Empty(t, left)
	var processed int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM inbound_events WHERE status = 'processed'`).Scan(&processed))
	require.Equal(t, 1, processed)
}

func normalizeTime(e store.FailedEvent) store.FailedEvent {
	e.ReceivedAt = e.ReceivedAt.UTC()
	return e
}
