package workers_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/lead"
	"leadflow/workers"
)

// fetchingConnector is the generic connector as a provider whose webhook
// is only a notification (as Meta's leadgen): the lead is fetched from the
// provider's API, here answers queued per event id.
type fetchingConnector struct {
	connectors.Connector
	mu      sync.Mutex
	answers map[string][]fetchAnswer
	calls   map[string]int
}

type fetchAnswer struct {
	lead string // the generic payload the API answers with
	err  error
}

func (c *fetchingConnector) Name() string { return "fetchtest" }

func (c *fetchingConnector) Fetch(_ context.Context, d connectors.Delivery) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[d.EventID]++
	a := c.answers[d.EventID][0]
	if len(c.answers[d.EventID]) > 1 {
		c.answers[d.EventID] = c.answers[d.EventID][1:]
	}
	if a.err != nil {
		return nil, a.err
	}
	return []byte(a.lead), nil
}

func (c *fetchingConnector) Decode(d connectors.Delivery) ([]lead.Inbound, error) {
	if d.Fetched == nil {
		return nil, errors.New("decode before fetch")
	}
	d.Payload = d.Fetched
	return c.Connector.Decode(d)
}

// TestFetchedLeadTakesTheChunkPath: a lead fetched from the provider's
// API is stored before it is used, then recorded, scored and routed by
// lead:ingest's chunked path, once however often the task runs; a rate
// limit retries with the provider's wait, a refusal or a lead that cannot
// be read is dead-lettered, and neither holds up another notification.
func TestFetchedLeadTakesTheChunkPath(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	gen, ok := b.reg.Get(connectors.GenericName)
	require.True(t, ok)
	fc := &fetchingConnector{Connector: gen, calls: map[string]int{}, answers: map[string][]fetchAnswer{
		"ok":      {{lead: `{"type":"lead.created","data":{"email":"ada@example.com","name":"Ada Example"}}`}},
		"limited": {{err: &connectors.FetchError{Status: 429, RetryAfter: 42 * time.Second, Msg: "rate limited"}}, {lead: `{"type":"lead.created","data":{"email":"alan@example.com"}}`}},
		"refused": {{err: &connectors.FetchError{Status: 403, Permanent: true, Msg: "permission denied"}}},
		"poison":  {{lead: `{"type":"lead.created","data":{"phone":"12"}}`}},
	}}
	reg, err := connectors.NewRegistry(gen, fc)
	require.NoError(t, err)
	h, err := workers.NewHandlers(workers.Config{Store: b.store, Connectors: reg, Enqueuer: b.client, NowFunc: func() time.Time { return b.now },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	require.NoError(t, err)

	tests := []struct {
		name      string
		attempts  []string // "ok", "retry" (wait 42s), "dead" (archived)
		status    string
		contacts  int
		fetchCall int
	}{
		{name: "ok", attempts: []string{"ok", "ok"}, status: lead.EventProcessed, contacts: 1, fetchCall: 1},
		{name: "limited", attempts: []string{"retry", "ok", "ok"}, status: lead.EventProcessed, contacts: 2, fetchCall: 2},
		{name: "refused", attempts: []string{"dead"}, status: lead.EventFailed, contacts: 2, fetchCall: 1},
		{name: "poison", attempts: []string{"dead", "dead"}, status: lead.EventFailed, contacts: 2, fetchCall: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: fc.Name(), Source: "meta", EventID: tt.name,
				ReceivedAt: b.now, Payload: []byte(`{"leadgen_id":"` + tt.name + `"}`)})
			require.NoError(t, err)
			task, err := workers.NewFetchTask(ev.ID)
			require.NoError(t, err)
			for i, want := range tt.attempts {
				err := h.Fetch(ctx, task)
				switch want {
				case "ok":
					require.NoError(t, err, "attempt %d", i)
				case "retry":
					require.Error(t, err)
					require.False(t, errors.Is(err, asynq.SkipRetry), "a rate limit is retried")
					require.Equal(t, 42*time.Second, workers.RetryDelay(1, err, task), "after the provider's wait")
				case "dead":
					require.ErrorIs(t, err, asynq.SkipRetry, "attempt %d", i)
				}
			}
			stored, err := b.store.GetEvent(ctx, ev.ID)
			require.NoError(t, err)
			require.Equal(t, tt.status, stored.Status)
			require.Equal(t, tt.fetchCall, fc.calls[tt.name], "the API is called until a lead is stored, never after")
			var contacts, scores, touchpoints int
			require.NoError(t, b.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM scores),
				(SELECT count(*) FROM touchpoints)`).Scan(&contacts, &scores, &touchpoints))
			require.Equal(t, []int{tt.contacts, tt.contacts, tt.contacts}, []int{contacts, scores, touchpoints},
				fmt.Sprintf("contacts, scores, touchpoints after %s", tt.name))
		})
	}
	var enrolled int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM nurture_enrollments`).Scan(&enrolled))
	require.Equal(t, 2, enrolled, "each fetched lead routed once")
}
