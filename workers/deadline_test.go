package workers_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/lead"
	"leadflow/store"
	"leadflow/workers"
)

// failAfterDeals is the store, except that the first CreateDeals commits
// its deals and then reports a failure, as a worker killed (or a database
// gone) between the deals' commit and what follows them would leave it.
type failAfterDeals struct {
	*store.Store
	failed bool
}

func (s *failAfterDeals) CreateDeals(ctx context.Context, reqs []lead.DealRequest, pick func([]lead.Rep, int64) int64) ([]lead.Deal, []bool, error) {
	deals, created, err := s.Store.CreateDeals(ctx, reqs, pick)
	if err == nil && !s.failed {
		s.failed = true
		return nil, nil, errors.New("connection lost after the deals committed")
	}
	return deals, created, err
}

// TestDeadlineSetAfterRetry: a chunk's hot leads open their deals, and the
// task fails right after they committed; the retry finds the deals open
// and still gives every one its owner's first-touch deadline (opened time
// + the SLA), which the relay then checks.
func TestDeadlineSetAfterRetry(t *testing.T) {
	tests := []struct {
		name  string
		leads int
	}{
		{name: "one hot lead", leads: 1},
		{name: "a chunk of hot leads", leads: 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := setup(t)
			ctx := context.Background()
			b.reps(t, "first", "second", "third")
			// A clock ahead of the machine's: the checks stay scheduled.
			b.now = time.Date(2099, 3, 2, 9, 0, 0, 0, time.UTC)
			st := &failAfterDeals{Store: b.store}
			h, err := workers.NewHandlers(workers.Config{Store: st, Connectors: b.reg, Enqueuer: b.client,
				Routing: workers.Routing{SLA: time.Hour}, NowFunc: func() time.Time { return b.now },
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			require.NoError(t, err)
			var ids []int64
			for i := range tt.leads {
				ev, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: connectors.GenericName, Source: "website",
					EventID: fmt.Sprintf("msg_deadline_%d", i), ReceivedAt: b.now, Payload: []byte(fmt.Sprintf(
						`{"type":"lead.created","data":{"email":"ceo%d@example.com","title":"CEO","company":"Example %d",
						"answers":{"budget":"over_50k","authority":"decision_maker","need":"urgent","timeline":"this_month"}}}`, i, i))})
				require.NoError(t, err)
				ids = append(ids, ev.ID)
			}
			task, err := workers.NewIngestGroupTask("group:deadline", ids)
			require.NoError(t, err)
			require.Error(t, h.Ingest(ctx, task), "the first attempt fails after the deals committed")
			b.now = b.now.Add(time.Minute) // the retry runs later
			require.NoError(t, h.Ingest(ctx, task), "the retry")

			rows, err := b.pool.Query(ctx, `SELECT id, owner_rep_id, created_at, sla_due_at FROM deals ORDER BY id`)
			require.NoError(t, err)
			type deal struct {
				id, owner int64
				created   time.Time
				due       *time.Time
			}
			var deals []deal
			for rows.Next() {
				var d deal
				require.NoError(t, rows.Scan(&d.id, &d.owner, &d.created, &d.due))
				deals = append(deals, d)
			}
			require.NoError(t, rows.Err())
			require.Len(t, deals, tt.leads, "one deal per hot lead, not two")
			for _, d := range deals {
				require.NotNil(t, d.due, "deal %d has its owner's first-touch deadline", d.id)
				require.True(t, d.due.Equal(d.created.Add(time.Hour)), "deal %d: due %v, opened %v", d.id, *d.due, d.created)
			}
			for _, id := range ids {
				ev, err := b.store.GetEvent(ctx, id)
				require.NoError(t, err)
				require.Equal(t, lead.EventProcessed, ev.Status)
			}
		})
	}
}
