package workers_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/lead"
	"leadflow/workers"
)

// TestIngestChunkSamePersonTwice: a chunk is recorded set-based, yet two
// events of one person in it make one contact with both touchpoints, each
// scored with its reasons; a poison event in the chunk is dead-lettered
// without blocking the rest; a redelivered task changes nothing.
func TestIngestChunkSamePersonTwice(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	payloads := []struct {
		name    string
		payload string
		status  string
	}{
		{name: "first form", payload: `{"type":"lead.created","data":{"email":"ada@example.com","name":"Ada Example"}}`, status: lead.EventProcessed},
		{name: "poison", payload: `{"type":"lead.created","data":{"phone":"12"}}`, status: lead.EventFailed},
		{name: "same person, with a phone", payload: `{"type":"lead.created","data":{"email":"ADA@example.com","phone":"+14155550100","company":"Engines"}}`, status: lead.EventProcessed},
		{name: "someone else", payload: `{"type":"lead.created","data":{"email":"alan@example.com"}}`, status: lead.EventProcessed},
	}
	var ids []int64
	for i, p := range payloads {
		ev, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: connectors.GenericName, Source: "website",
			EventID: fmt.Sprintf("msg_chunk_%d", i), ReceivedAt: b.now, Payload: []byte(p.payload)})
		require.NoError(t, err)
		ids = append(ids, ev.ID)
	}
	task, err := workers.NewIngestGroupTask("group:chunk", ids)
	require.NoError(t, err)
	require.NoError(t, b.handlers.Ingest(ctx, task), "the poison event does not fail its group")
	require.NoError(t, b.handlers.Ingest(ctx, task), "a redelivered task is harmless")
	for i, p := range payloads {
		t.Run(p.name, func(t *testing.T) {
			ev, err := b.store.GetEvent(ctx, ids[i])
			require.NoError(t, err)
			require.Equal(t, p.status, ev.Status)
		})
	}
	var contacts, touchpoints, scores, withReasons, adaTouchpoints int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM touchpoints),
		(SELECT count(*) FROM scores), (SELECT count(*) FROM scores WHERE jsonb_typeof(breakdown->'contributions') = 'array'),
		(SELECT count(*) FROM touchpoints t JOIN contact_identities i ON i.contact_id = t.contact_id
		 WHERE i.kind = 'email' AND i.value = 'ada@example.com')`).Scan(&contacts, &touchpoints, &scores, &withReasons, &adaTouchpoints))
	require.Equal(t, 2, contacts, "one contact for Ada, one for Alan")
	require.Equal(t, 3, touchpoints)
	require.Equal(t, 2, adaTouchpoints, "both of Ada's touchpoints are hers")
	require.Equal(t, 3, scores, "each touchpoint scored once")
	require.Equal(t, 3, withReasons, "scores keep their reasons")
	var enrollments int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM nurture_enrollments WHERE status = 'active'`).Scan(&enrollments))
	require.Equal(t, 2, enrollments, "one enrollment per person, however many of their leads the chunk had")
}
