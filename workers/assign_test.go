package workers_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/store"
	"leadflow/workers"
)

// fairPick is what the workers use: pipeline.Pick over the team's members.
func fairPick(now time.Time, exclude map[int64]bool) func([]lead.TeamMember) lead.Assignment {
	return func(ms []lead.TeamMember) lead.Assignment {
		pm := make([]pipeline.Member, len(ms))
		for i, m := range ms {
			pm[i] = pipeline.Member{RepID: m.RepID, Weight: m.Weight, VTime: m.VTime, Capacity: m.Capacity, OpenDeals: m.OpenDeals, Active: m.Active}
		}
		d := pipeline.Pick(pm, now, exclude)
		return lead.Assignment{RepID: d.RepID, NewVTime: d.NewVTime}
	}
}

func (b *testBundle) reps(t *testing.T, names ...string) []int64 {
	t.Helper()
	var ids []int64
	for _, n := range names {
		id, err := b.store.UpsertRep(context.Background(), lead.Rep{Name: n, Email: n + "@reps.example.com", Active: true})
		require.NoError(t, err)
		ids = append(ids, id)
	}
	return ids
}

func (b *testBundle) contacts(t *testing.T, n int) []int64 {
	t.Helper()
	rows, err := b.pool.Query(context.Background(), `INSERT INTO contacts (first_name) SELECT 'c' || g FROM generate_series(1, $1) g RETURNING id`, n)
	require.NoError(t, err)
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		require.NoError(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	return ids
}

// assignAll opens a team deal for every contact from 8 concurrent workers.
func (b *testBundle) assignAll(t *testing.T, contacts []int64) map[int64]int {
	t.Helper()
	var wg sync.WaitGroup
	work := make(chan int64)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				_, created, err := b.store.CreateDeal(context.Background(), lead.DealRequest{ContactID: c, Pipeline: "Sales", Stage: "Qualification",
					Now: b.now, Team: "sales", Rule: "test", PickFunc: fairPick(b.now, nil)}, pipeline.RoundRobin)
				require.NoError(t, err)
				require.True(t, created)
			}
		}()
	}
	for _, c := range contacts {
		work <- c
	}
	close(work)
	wg.Wait()
	got := map[int64]int{}
	rows, err := b.pool.Query(context.Background(), `SELECT owner_rep_id, count(*) FROM deals WHERE contact_id = ANY($1) GROUP BY 1`, contacts)
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var rep int64
		var n int
		require.NoError(t, rows.Scan(&rep, &n))
		got[rep] = n
	}
	return got
}

func within(t *testing.T, want, got int, what string) {
	t.Helper()
	require.InDelta(t, want, got, 1, what)
}

// TestWeightedAssignmentIsFairUnderConcurrency: 1,200 hot leads through
// reps weighted 1:1:2, assigned by 8 concurrent workers, split 300/300/600;
// a fourth rep then joins and the next 400 split 80/80/160/80 without any
// counter reset.
func TestWeightedAssignmentIsFairUnderConcurrency(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ids := b.reps(t, "a", "b", "c", "d")
	members := []store.TeamMemberSpec{{Email: "a@reps.example.com", Weight: 1}, {Email: "b@reps.example.com", Weight: 1}, {Email: "c@reps.example.com", Weight: 2}}
	require.NoError(t, b.store.SyncTeam(ctx, store.TeamSpec{Name: "sales", Members: members}))

	got := b.assignAll(t, b.contacts(t, 1200))
	within(t, 300, got[ids[0]], "rep a")
	within(t, 300, got[ids[1]], "rep b")
	within(t, 600, got[ids[2]], "rep c")

	members = append(members, store.TeamMemberSpec{Email: "d@reps.example.com", Weight: 1})
	require.NoError(t, b.store.SyncTeam(ctx, store.TeamSpec{Name: "sales", Members: members}))
	got = b.assignAll(t, b.contacts(t, 400))
	within(t, 80, got[ids[0]], "rep a after d joined")
	within(t, 80, got[ids[1]], "rep b after d joined")
	within(t, 160, got[ids[2]], "rep c after d joined")
	within(t, 80, got[ids[3]], "rep d, the newcomer, gets its share, not a catch-up")

	var decisions int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM routing_decisions WHERE kind = 'assign' AND team = 'sales'`).Scan(&decisions))
	require.Equal(t, 1600, decisions, "every decision is in the ledger")
}

// TestFullOrAwayRepGetsNone: a rep at capacity and a rep out of office get
// no leads; the decision ledger says why.
func TestFullOrAwayRepGetsNone(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	away, err := b.store.UpsertRep(ctx, lead.Rep{Name: "away", Email: "away@reps.example.com", Active: true,
		OutOfOffice: []lead.TimeRange{{From: b.now.Add(-time.Hour), To: b.now.Add(24 * time.Hour)}}})
	require.NoError(t, err)
	full, err := b.store.UpsertRep(ctx, lead.Rep{Name: "full", Email: "full@reps.example.com", Active: true, Capacity: 1})
	require.NoError(t, err)
	ok := b.reps(t, "ok")[0]
	require.NoError(t, b.store.SyncTeam(ctx, store.TeamSpec{Name: "sales", Members: []store.TeamMemberSpec{
		{Email: "away@reps.example.com"}, {Email: "full@reps.example.com"}, {Email: "ok@reps.example.com"}}}))
	pick := func(ms []lead.TeamMember) lead.Assignment {
		pm := make([]pipeline.Member, len(ms))
		for i, m := range ms {
			ooo := make([]pipeline.Period, len(m.OutOfOffice))
			for j, p := range m.OutOfOffice {
				ooo[j] = pipeline.Period{From: p.From, To: p.To}
			}
			pm[i] = pipeline.Member{RepID: m.RepID, Weight: m.Weight, VTime: m.VTime, Capacity: m.Capacity, OpenDeals: m.OpenDeals,
				Active: m.Active, Availability: pipeline.Availability{OutOfOffice: ooo}}
		}
		d := pipeline.Pick(pm, b.now, nil)
		a := lead.Assignment{RepID: d.RepID, NewVTime: d.NewVTime}
		for _, s := range d.Skipped {
			a.Skipped = append(a.Skipped, lead.SkippedRep{RepID: s.RepID, Reason: s.Reason})
		}
		return a
	}
	owners := map[int64]int{}
	for _, c := range b.contacts(t, 10) {
		d, _, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: c, Pipeline: "Sales", Stage: "Qualification", Now: b.now,
			Team: "sales", PickFunc: pick}, pipeline.RoundRobin)
		require.NoError(t, err)
		owners[d.OwnerRepID]++
	}
	require.Zero(t, owners[away], "out of office")
	require.Equal(t, 1, owners[full], "capacity 1")
	require.Equal(t, 9, owners[ok])
	var skipped string
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT skipped::text FROM routing_decisions ORDER BY id DESC LIMIT 1`).Scan(&skipped))
	require.Contains(t, skipped, "out of office")
	require.Contains(t, skipped, "capacity")
}

// TestSpeedToLeadBreach: with a fake clock, an untouched deal moves once to
// the other rep and both reps are notified; a first touch in time cancels it.
func TestSpeedToLeadBreach(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	b.withEmail(t, sender)
	ctx := context.Background()
	ids := b.reps(t, "first", "second")
	require.NoError(t, b.store.SyncTeam(ctx, store.TeamSpec{Name: "sales", Members: []store.TeamMemberSpec{
		{Email: "first@reps.example.com"}, {Email: "second@reps.example.com"}}}))
	cs := b.contacts(t, 2)
	var deals []lead.Deal
	for _, c := range cs {
		d, _, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: c, Pipeline: "Sales", Stage: "Qualification", Now: b.now,
			Team: "sales", PickFunc: fairPick(b.now, nil)}, pipeline.RoundRobin)
		require.NoError(t, err)
		deals = append(deals, d)
	}
	require.Equal(t, ids[0], deals[0].OwnerRepID)
	// Deal 1 gets its first touch in time; deal 0 does not.
	_, err := b.store.AddActivity(ctx, deals[1].ID, deals[1].OwnerRepID, "call", "left a voicemail", b.now.Add(10*time.Minute))
	require.NoError(t, err)

	b.now = b.now.Add(time.Hour)
	for _, d := range deals {
		task, err := workers.NewSLATask(d.ID, d.OwnerRepID)
		require.NoError(t, err)
		require.NoError(t, b.handlers.SLA(ctx, task))
		require.NoError(t, b.handlers.SLA(ctx, task), "a second firing changes nothing")
	}
	var owner0, owner1, breaches int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT owner_rep_id, sla_breaches FROM deals WHERE id = $1`, deals[0].ID).Scan(&owner0, &breaches))
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT owner_rep_id FROM deals WHERE id = $1`, deals[1].ID).Scan(&owner1))
	require.Equal(t, ids[1], owner0, "re-routed to the other rep")
	require.Equal(t, int64(1), breaches)
	require.Equal(t, deals[1].OwnerRepID, owner1, "touched in time: kept")
	var to []string
	rows, err := b.pool.Query(ctx, `SELECT template || ' ' || to_address FROM email_outbox WHERE deal_id = $1 ORDER BY id`, deals[0].ID)
	require.NoError(t, err)
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		to = append(to, s)
	}
	require.Equal(t, []string{"rep-new-lead second@reps.example.com", "rep-sla-breach first@reps.example.com"}, to)

	// Issue 16 item 14: the deal goes round the team and comes back to the
	// first rep, who was told about it when it was first theirs; they are
	// told again, since it is theirs again.
	_, _, err = b.store.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: fmt.Sprintf("rep-new-lead:%d:%d", deals[0].ID, ids[0]),
		ContactID: deals[0].ContactID, Template: "rep-new-lead", Kind: lead.EmailTransactional, To: "first@reps.example.com",
		DealID: deals[0].ID, RepID: ids[0], SendAfter: b.now, Trigger: "rep assignment"})
	require.NoError(t, err)
	b.now = b.now.Add(time.Hour)
	task, err := workers.NewSLATask(deals[0].ID, ids[1])
	require.NoError(t, err)
	require.NoError(t, b.handlers.SLA(ctx, task))
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT owner_rep_id, sla_breaches FROM deals WHERE id = $1`, deals[0].ID).Scan(&owner0, &breaches))
	require.Equal(t, ids[0], owner0, "back to the first rep")
	require.Equal(t, int64(2), breaches)
	var toFirst int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM email_outbox WHERE deal_id = $1 AND template = 'rep-new-lead' AND to_address = 'first@reps.example.com'`,
		deals[0].ID).Scan(&toFirst))
	require.Equal(t, 2, toFirst, "the first rep is told the deal is theirs again")
}

// TestSpeedToLeadWithoutTeams: with the default routing (no teams: round
// robin over every active rep, sla 1h), a hot lead's deal gets its owner's
// first-touch deadline — a row, not a Redis task, since it is more than
// workers.Horizon away. An hour later without a touch the relay hands the
// check to a worker, and the deal goes to the next rep of the rotation,
// whose own clock starts.
func TestSpeedToLeadWithoutTeams(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	ids := b.reps(t, "first", "second", "third")
	// A clock ahead of the machine's, so that Asynq keeps a check due then
	// scheduled rather than pending.
	b.now = time.Date(2099, 3, 2, 9, 0, 0, 0, time.UTC)
	b.reconfigure(t, workers.EmailConfig{}, workers.Routing{SLA: time.Hour})
	ev := b.storeEvent(t, `{"type":"lead.created","data":{"email":"ceo@example.com","title":"CEO","company":"Example",
		"answers":{"budget":"over_50k","authority":"decision_maker","need":"urgent","timeline":"this_month"}}}`)
	require.NoError(t, b.handlers.Ingest(ctx, ingestTask(t, ev)))
	insp := asynq.NewInspector(b.redisOpt)
	t.Cleanup(func() { insp.Close() })
	relay := b.relay(insp, workers.RelayConfig{})

	var dealID, owner int64
	var due time.Time
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT id, owner_rep_id, sla_due_at FROM deals`).Scan(&dealID, &owner, &due))
	require.Contains(t, ids, owner)
	require.True(t, due.Equal(b.now.Add(time.Hour)), "deadline %v", due)
	require.Empty(t, slaChecks(t, insp, dealID, owner), "an hour away: no task in Redis")
	_, err := relay.RunOnce(ctx)
	require.NoError(t, err)
	require.Empty(t, slaChecks(t, insp, dealID, owner), "not due yet")

	b.now = b.now.Add(time.Hour + time.Minute + time.Second)
	for range 2 {
		_, err = relay.RunOnce(ctx)
		require.NoError(t, err)
	}
	checks := slaChecks(t, insp, dealID, owner)
	require.Len(t, checks, 1, "due: one check, however many passes")
	require.NoError(t, b.handlers.SLA(ctx, asynq.NewTask(checks[0].Type, checks[0].Payload)))
	require.NoError(t, b.handlers.SLA(ctx, asynq.NewTask(checks[0].Type, checks[0].Payload)), "a second firing changes nothing")
	var next, breaches int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT owner_rep_id, sla_breaches, sla_due_at FROM deals WHERE id = $1`, dealID).Scan(&next, &breaches, &due))
	require.NotEqual(t, owner, next, "moved away from the rep who missed it")
	require.Contains(t, ids, next)
	require.Equal(t, int64(1), breaches)
	require.True(t, due.Equal(b.now.Add(time.Hour)), "the new owner's clock started: %v", due)
	var kind, rule string
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT kind, rule FROM routing_decisions WHERE deal_id = $1 ORDER BY id DESC LIMIT 1`, dealID).Scan(&kind, &rule))
	require.Equal(t, []string{lead.RoutingReroute, lead.RerouteRule}, []string{kind, rule})

	// Alone in the room, nobody can take it: the deal stays with its owner
	// and its deadline ends (the relay does not find it again).
	_, err = b.pool.Exec(ctx, `UPDATE reps SET active = false WHERE id <> $1`, next)
	require.NoError(t, err)
	b.now = b.now.Add(time.Hour + time.Minute + time.Second)
	_, err = relay.RunOnce(ctx)
	require.NoError(t, err)
	last := slaChecks(t, insp, dealID, next)
	require.Len(t, last, 1)
	require.NoError(t, b.handlers.SLA(ctx, asynq.NewTask(last[0].Type, last[0].Payload)))
	var open *time.Time
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT owner_rep_id, sla_breaches, sla_due_at FROM deals WHERE id = $1`, dealID).Scan(&owner, &breaches, &open))
	require.Equal(t, []int64{next, 1}, []int64{owner, breaches})
	require.Nil(t, open)
}

// slaChecks lists the pending and scheduled deal:sla checks of a deal's
// owner in Redis.
func slaChecks(t *testing.T, insp *asynq.Inspector, dealID, owner int64) []*asynq.TaskInfo {
	t.Helper()
	want := fmt.Sprintf("sla:%d:%d:", dealID, owner)
	var found []*asynq.TaskInfo
	for _, q := range workers.Queues() {
		for _, list := range []func(string, ...asynq.ListOption) ([]*asynq.TaskInfo, error){insp.ListPendingTasks, insp.ListScheduledTasks} {
			tasks, err := list(q)
			if err != nil {
				continue
			}
			for _, ti := range tasks {
				if strings.HasPrefix(ti.ID, want) {
					require.Equal(t, workers.TypeDealSLA, ti.Type)
					found = append(found, ti)
				}
			}
		}
	}
	return found
}
