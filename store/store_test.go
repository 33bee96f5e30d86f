package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/store"
)

func TestMain(m *testing.M) { testenv.Main(m) }

type testBundle struct {
	pool  *pgxpool.Pool
	store *store.Store
	now   time.Time
}

func setup(t *testing.T) *testBundle {
	t.Helper()
	t.Parallel()
	pool := testenv.Pool(t)
	return &testBundle{pool: pool, store: store.New(pool), now: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
}

// event stores a raw event and returns its row id.
func (b *testBundle) event(t *testing.T, id string) int64 {
	t.Helper()
	ev, inserted, err := b.store.InsertEvent(context.Background(), lead.Event{
		Connector: "generic", Source: "website", EventID: id, ReceivedAt: b.now, Payload: []byte(`{}`)})
	require.NoError(t, err)
	require.True(t, inserted)
	return ev.ID
}

func person(email, phone string) lead.Lead {
	l := lead.Lead{}
	l.Email, l.Phone, l.FirstName, l.Source = email, phone, "Ada", "website"
	l.OccurredAt = time.Date(2026, 1, 1, 11, 0, 0, 0, time.UTC)
	return l
}

func TestInsertEventDedupes(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	e := lead.Event{Connector: "generic", Source: "website", EventID: "msg_1", ReceivedAt: b.now, Payload: []byte(`{"a":1}`)}
	first, inserted, err := b.store.InsertEvent(ctx, e)
	require.NoError(t, err)
	require.True(t, inserted)
	again, inserted, err := b.store.InsertEvent(ctx, e)
	require.NoError(t, err)
	require.False(t, inserted)
	require.Equal(t, first.ID, again.ID)

	// A captured request replayed to another {source} (issue 14): the
	// signature does not cover the path, the event id is the same event.
	e.Source = "other-form"
	replayed, inserted, err := b.store.InsertEvent(ctx, e)
	require.NoError(t, err)
	require.False(t, inserted, "the same event id under another source is the same event")
	require.Equal(t, first.ID, replayed.ID)
	ids, err := b.store.InsertEvents(ctx, []lead.Event{
		{Connector: "generic", Source: "src-1", EventID: "msg_1", ReceivedAt: b.now, Payload: []byte(`{"a":1}`)},
		{Connector: "generic", Source: "src-2", EventID: "msg_2", ReceivedAt: b.now, Payload: []byte(`{"a":2}`)},
		{Connector: "generic", Source: "src-3", EventID: "msg_2", ReceivedAt: b.now, Payload: []byte(`{"a":2}`)},
	})
	require.NoError(t, err)
	require.Zero(t, ids[0], "msg_1 is stored already")
	require.NotZero(t, ids[1])
	require.Zero(t, ids[2], "msg_2 replayed to another source in the same group")

	// Another connector's id space is its own.
	e.Connector, e.Source = "typeform", "typeform"
	other, inserted, err := b.store.InsertEvent(ctx, e)
	require.NoError(t, err)
	require.True(t, inserted)
	require.NotEqual(t, first.ID, other.ID)
}

func TestPendingEvents(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	a, c := b.event(t, "a"), b.event(t, "c")
	require.NoError(t, b.store.MarkEventsProcessed(ctx, []int64{a}, b.now))
	require.NoError(t, b.store.SetEventsTask(ctx, []int64{c}, "ingest:relay:c", b.now))
	d := b.event(t, "d")
	evs, err := b.store.PendingEvents(ctx, b.now.Add(time.Second), lead.PendingEvent{}, 10)
	require.NoError(t, err)
	require.Len(t, evs, 2, "a processed event is no longer pending")
	require.Equal(t, []int64{c, d}, []int64{evs[0].ID, evs[1].ID}, "in (received_at, id) order")
	require.Equal(t, "ingest:relay:c", evs[0].TaskID)
	evs, err = b.store.PendingEvents(ctx, b.now.Add(time.Second), evs[0], 10)
	require.NoError(t, err)
	require.Len(t, evs, 1, "after the cursor")
	require.Equal(t, d, evs[0].ID)
	require.True(t, evs[0].ReceivedAt.Equal(b.now), "received at %v", evs[0].ReceivedAt)
	evs, err = b.store.PendingEvents(ctx, b.now, lead.PendingEvent{}, 10)
	require.NoError(t, err)
	require.Empty(t, evs, "events younger than the cut-off are left to intake")
}

func TestInsertEventsGroup(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ev := func(id string) lead.Event {
		return lead.Event{Connector: "generic", Source: "website", EventID: id, ReceivedAt: b.now, Payload: []byte(`{}`), TaskID: "ingest:g:1"}
	}
	first := b.event(t, "old")
	ids, err := b.store.InsertEvents(ctx, []lead.Event{ev("x"), ev("old"), ev("y"), ev("x")})
	require.NoError(t, err)
	require.Len(t, ids, 4)
	require.NotZero(t, ids[0])
	require.Zero(t, ids[1], "already stored before the group")
	require.NotZero(t, ids[2])
	require.Zero(t, ids[3], "the second copy within the group is the duplicate")
	got, err := b.store.GetEvents(ctx, []int64{first, ids[0], ids[2]})
	require.NoError(t, err)
	require.Len(t, got, 3)
	require.Equal(t, "", got[0].TaskID)
	require.Equal(t, "ingest:g:1", got[1].TaskID)
	require.Equal(t, lead.EventReceived, got[2].Status)
}

func TestRecordLeadResolvesIdentity(t *testing.T) {
	tests := []struct {
		name         string
		leads        []lead.Lead
		wantContacts []int // contact index per lead (same index = same contact)
	}{
		{"same email twice", []lead.Lead{person("ada@example.com", ""), person("ada@example.com", "")}, []int{0, 0}},
		{"email then phone of the same person", []lead.Lead{person("ada@example.com", "+15555550100"), person("", "+15555550100")}, []int{0, 0}},
		{"phone first, then email with that phone", []lead.Lead{person("", "+15555550100"), person("ada@example.com", "+15555550100"), person("ada@example.com", "")}, []int{0, 0, 0}},
		{"different people", []lead.Lead{person("ada@example.com", ""), person("bob@example.com", "")}, []int{0, 1}},
		{"email wins over a phone owned by someone else", []lead.Lead{person("ada@example.com", ""), person("bob@example.com", "+15555550100"), person("ada@example.com", "+15555550100")}, []int{0, 1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := setup(t)
			ids := map[int]int64{}
			for i, l := range tt.leads {
				tp, err := b.store.RecordLead(context.Background(), b.event(t, fmt.Sprint(i)), l, b.now)
				require.NoError(t, err)
				want := tt.wantContacts[i]
				if prev, ok := ids[want]; ok {
					require.Equal(t, prev, tp.ContactID, "lead %d", i)
					require.False(t, tp.NewContact)
				} else {
					for _, other := range ids {
						require.NotEqual(t, other, tp.ContactID, "lead %d", i)
					}
					ids[want] = tp.ContactID
					require.True(t, tp.NewContact)
				}
			}
		})
	}
}

func TestRecordLeadIsIdempotent(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ev := b.event(t, "x")
	l := person("ada@example.com", "")
	l.UTM = lead.UTM{Source: "google", Medium: "cpc", Campaign: "winter"}
	l.Answers.Budget = "over_50k"
	first, err := b.store.RecordLead(ctx, ev, l, b.now)
	require.NoError(t, err)
	again, err := b.store.RecordLead(ctx, ev, l, b.now)
	require.NoError(t, err)
	require.Equal(t, first.ID, again.ID)

	got, tp, err := b.store.TouchpointLead(ctx, first.ID)
	require.NoError(t, err)
	require.Equal(t, first.ID, tp.ID)
	require.Equal(t, "ada@example.com", got.Email)
	require.Equal(t, "example.com", got.EmailDomain)
	require.Equal(t, l.UTM, got.UTM)
	require.Equal(t, "over_50k", got.Answers.Budget)
	stored, err := b.store.GetEvent(ctx, ev)
	require.NoError(t, err)
	require.Equal(t, lead.EventReceived, stored.Status, "pending until the caller has routed the lead")
}

func TestRecordLeadConcurrentSamePerson(t *testing.T) {
	b := setup(t)
	const n = 8
	events := make([]int64, n)
	for i := range events {
		events[i] = b.event(t, fmt.Sprint("c", i))
	}
	var wg sync.WaitGroup
	contacts := make([]int64, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tp, err := b.store.RecordLead(context.Background(), events[i], person("ada@example.com", "+15555550100"), b.now)
			contacts[i], errs[i] = tp.ContactID, err
		}()
	}
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i])
		require.Equal(t, contacts[0], contacts[i], "one person, one contact")
	}
}

func TestCreateDealRoundRobinAndIdempotent(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	var reps []int64
	for _, name := range []string{"A", "B", "C"} {
		// A capacity, so the open-deal counter is kept (uncapped reps are
		// not counted: migration 00019).
		id, err := b.store.UpsertRep(ctx, lead.Rep{Name: name, Email: name + "@reps.example.com", Active: true, Capacity: 100})
		require.NoError(t, err)
		reps = append(reps, id)
	}
	var owners []int64
	for i := range 4 {
		tp, err := b.store.RecordLead(ctx, b.event(t, fmt.Sprint("d", i)), person(fmt.Sprintf("p%d@example.com", i), ""), b.now)
		require.NoError(t, err)
		req := lead.DealRequest{ContactID: tp.ContactID, TouchpointID: tp.ID, Pipeline: "Sales", Stage: "Qualification", Now: b.now}
		d, created, err := b.store.CreateDeal(ctx, req, pipeline.RoundRobin)
		require.NoError(t, err)
		require.True(t, created)
		require.Equal(t, "Qualification", d.Stage)
		again, created, err := b.store.CreateDeal(ctx, req, pipeline.RoundRobin)
		require.NoError(t, err)
		require.False(t, created, "a retry finds the open deal")
		require.Equal(t, d.ID, again.ID)
		owners = append(owners, d.OwnerRepID)
	}
	require.Equal(t, []int64{reps[0], reps[1], reps[2], reps[0]}, owners, "retries do not skip a rep")

	// Each rep's open-deal count (what capacity is checked against) follows
	// every writer: the router, a reassignment, a close, a deletion.
	openDeals := func() []int {
		var n []int
		for _, id := range reps {
			var c int
			require.NoError(t, b.pool.QueryRow(ctx, `SELECT open_deals FROM reps WHERE id = $1`, id).Scan(&c))
			n = append(n, c)
		}
		return n
	}
	require.Equal(t, []int{2, 1, 1}, openDeals())
	_, err := b.pool.Exec(ctx, `UPDATE deals SET owner_rep_id = $1 WHERE owner_rep_id = $2`, reps[2], reps[1])
	require.NoError(t, err)
	require.Equal(t, []int{2, 0, 2}, openDeals())
	_, err = b.pool.Exec(ctx, `UPDATE deals SET closed_at = now() WHERE owner_rep_id = $1`, reps[0])
	require.NoError(t, err)
	require.Equal(t, []int{0, 0, 2}, openDeals())
	_, err = b.pool.Exec(ctx, `DELETE FROM deal_stage_history`)
	require.NoError(t, err)
	_, err = b.pool.Exec(ctx, `DELETE FROM deals WHERE owner_rep_id = $1`, reps[2])
	require.NoError(t, err)
	require.Equal(t, []int{0, 0, 0}, openDeals())
	// Uncapping a rep stops counting; capping it again recounts.
	_, err = b.pool.Exec(ctx, `UPDATE deals SET closed_at = NULL WHERE owner_rep_id = $1`, reps[0])
	require.NoError(t, err)
	require.Equal(t, []int{2, 0, 0}, openDeals())
	_, err = b.pool.Exec(ctx, `UPDATE reps SET capacity = 0 WHERE id = $1`, reps[0])
	require.NoError(t, err)
	require.Equal(t, []int{0, 0, 0}, openDeals())
	_, err = b.pool.Exec(ctx, `UPDATE reps SET capacity = 5 WHERE id = $1`, reps[0])
	require.NoError(t, err)
	require.Equal(t, []int{2, 0, 0}, openDeals())

	_, _, err = b.store.CreateDeal(ctx, lead.DealRequest{ContactID: 999999, Pipeline: "Sales", Stage: "Nope", Now: b.now}, pipeline.RoundRobin)
	require.True(t, errors.Is(err, store.ErrNotFound), err)
}

func TestNurtureThenPromotion(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	tp, err := b.store.RecordLead(ctx, b.event(t, "n"), person("ada@example.com", ""), b.now)
	require.NoError(t, err)
	e := lead.Enrollment{ContactID: tp.ContactID, TouchpointID: tp.ID, Program: "default", Band: "cold", EnrolledAt: b.now}
	first, created, err := b.store.EnrollNurture(ctx, e)
	require.NoError(t, err)
	require.True(t, created)
	again, created, err := b.store.EnrollNurture(ctx, e)
	require.NoError(t, err)
	require.False(t, created)
	require.Equal(t, first.ID, again.ID)

	_, created, err = b.store.CreateDeal(ctx, lead.DealRequest{ContactID: tp.ContactID, Pipeline: "Sales", Stage: "Qualification", Now: b.now}, pipeline.RoundRobin)
	require.NoError(t, err)
	require.True(t, created)
	sum, err := b.store.Summarize(ctx)
	require.NoError(t, err)
	require.Zero(t, sum.ActiveNurture, "a promoted contact leaves nurture")
	require.Equal(t, []store.Count{{Label: "unassigned", N: 1}}, sum.OpenDealsByRep)
}

func TestInsertScoreKeepsHistory(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	tp, err := b.store.RecordLead(ctx, b.event(t, "s"), person("ada@example.com", ""), b.now)
	require.NoError(t, err)
	sc := lead.Score{ContactID: tp.ContactID, TouchpointID: tp.ID, Total: 55, Band: "warm", ModelVersion: "rules-v1",
		Breakdown: json.RawMessage(`{"total":55}`), ComputedAt: b.now}
	first, inserted, err := b.store.InsertScore(ctx, sc)
	require.NoError(t, err)
	require.True(t, inserted)
	sc.Total = 99
	again, inserted, err := b.store.InsertScore(ctx, sc)
	require.NoError(t, err)
	require.False(t, inserted, "a retry does not rewrite history")
	require.Equal(t, 55, again.Total)
	sc.ModelVersion, sc.ComputedAt = "rules-v2", b.now.Add(time.Hour)
	_, inserted, err = b.store.InsertScore(ctx, sc)
	require.NoError(t, err)
	require.True(t, inserted, "a new model version adds to the history")
	latest, err := b.store.LatestScore(ctx, tp.ID)
	require.NoError(t, err)
	require.Equal(t, "rules-v2", latest.ModelVersion)
	require.Equal(t, first.ContactID, latest.ContactID)
}

func TestCreateDealsForAGroup(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	var reps []int64
	for _, name := range []string{"A", "B"} {
		id, err := b.store.UpsertRep(ctx, lead.Rep{Name: name, Email: name + "@reps.example.com", Active: true, Capacity: 2})
		require.NoError(t, err)
		reps = append(reps, id)
	}
	var reqs []lead.DealRequest
	for i := range 5 {
		tp, err := b.store.RecordLead(ctx, b.event(t, fmt.Sprint("g", i)), person(fmt.Sprintf("g%d@example.com", i), ""), b.now)
		require.NoError(t, err)
		reqs = append(reqs, lead.DealRequest{ContactID: tp.ContactID, TouchpointID: tp.ID, Pipeline: "Sales", Stage: "Qualification", Now: b.now})
	}
	// An open deal from before (a retried task) and the same person twice.
	single, _, err := b.store.CreateDeal(ctx, reqs[0], pipeline.RoundRobin)
	require.NoError(t, err)
	reqs = append(reqs, reqs[1])

	deals, created, err := b.store.CreateDeals(ctx, reqs, pipeline.RoundRobin)
	require.NoError(t, err)
	require.Equal(t, []bool{false, true, true, true, true, false}, created)
	require.Equal(t, single.ID, deals[0].ID)
	require.Equal(t, deals[1].ID, deals[5].ID, "one deal per person")
	owners := []int64{deals[0].OwnerRepID, deals[1].OwnerRepID, deals[2].OwnerRepID, deals[3].OwnerRepID, deals[4].OwnerRepID}
	require.Equal(t, []int64{reps[0], reps[1], reps[0], reps[1], 0}, owners, "round robin continues; capacity 2 each leaves the fifth unassigned")
	for _, d := range deals {
		require.NotZero(t, d.ID)
		require.Equal(t, "Qualification", d.Stage)
	}
	var history int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM deal_stage_history`).Scan(&history))
	require.Equal(t, 5, history)

	again, created, err := b.store.CreateDeals(ctx, reqs, pipeline.RoundRobin)
	require.NoError(t, err)
	require.Equal(t, []bool{false, false, false, false, false, false}, created, "a retried group creates nothing")
	require.Equal(t, deals[3].ID, again[3].ID)
}

// TestRoundRobinCapacityUnderConcurrency: groups assigned at once by eight
// transactions never give a rep more open deals than its capacity, and
// everyone below it is used.
func TestRoundRobinCapacityUnderConcurrency(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	for _, name := range []string{"A", "B", "C"} {
		_, err := b.store.UpsertRep(ctx, lead.Rep{Name: name, Email: name + "@reps.example.com", Active: true, Capacity: 20})
		require.NoError(t, err)
	}
	var groups [8][]lead.DealRequest
	for g := range groups {
		for i := range 10 {
			tp, err := b.store.RecordLead(ctx, b.event(t, fmt.Sprintf("c%d-%d", g, i)), person(fmt.Sprintf("c%d-%d@example.com", g, i), ""), b.now)
			require.NoError(t, err)
			groups[g] = append(groups[g], lead.DealRequest{ContactID: tp.ContactID, TouchpointID: tp.ID, Pipeline: "Sales", Stage: "Qualification", Now: b.now})
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(groups))
	for _, reqs := range groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, err := b.store.CreateDeals(ctx, reqs, pipeline.RoundRobin)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	rows, err := b.pool.Query(ctx, `SELECT COALESCE(owner_rep_id, 0), count(*) FROM deals GROUP BY 1 ORDER BY 1`)
	require.NoError(t, err)
	got := map[int64]int{}
	for rows.Next() {
		var owner int64
		var n int
		require.NoError(t, rows.Scan(&owner, &n))
		got[owner] = n
	}
	require.NoError(t, rows.Err())
	require.Equal(t, 20, got[0], "80 deals, 60 places: 20 wait unassigned")
	delete(got, 0)
	require.Len(t, got, 3)
	for rep, n := range got {
		require.Equal(t, 20, n, "rep %d filled to capacity, never beyond", rep)
	}
	var counted int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT sum(open_deals) FROM reps`).Scan(&counted))
	require.Equal(t, 60, counted)
}
