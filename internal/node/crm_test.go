package node_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/crm"
	"leadflow/crm/odoo/odootest"
	"leadflow/crmsync"
	"leadflow/crmsync/crmsynctest"
	"leadflow/internal/node"
	"leadflow/internal/testenv"
	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/reporting"
	"leadflow/store"
)

// crmBundle is one test's CRM sync: a migrated database, a fake CRM (and a
// second one, to see a pulled change go on to the other target), the
// syncer over the real store, and a clock the test moves.
type crmBundle struct {
	store  *store.Store
	fake   *crmsynctest.Fake
	other  *crmsynctest.Fake
	sync   *crmsync.Syncer
	cstore *node.CRMStore
	mu     sync.Mutex
	now    time.Time
}

func (b *crmBundle) clock() time.Time {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.now
}

func (b *crmBundle) advance(d time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.now = b.now.Add(d)
}

// setupCRM builds the bundle; wrap, when given, wraps the store the syncer
// writes through (the chaos cases fail a commit with it).
func setupCRM(t *testing.T, wrap ...func(crmsync.Store) crmsync.Store) *crmBundle {
	t.Helper()
	t.Parallel()
	pool := testenv.Pool(t)
	b := &crmBundle{store: store.New(pool), fake: crmsynctest.New("fake"), other: crmsynctest.New("other"),
		now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	ctx := context.Background()
	require.NoError(t, b.store.SyncCRMTargets(ctx, []string{"fake", "other"}, b.now))
	b.cstore = &node.CRMStore{Store: b.store, Rules: pipeline.DealRules{LostReasons: []string{"price", "timing", "competitor"}}}
	var st crmsync.Store = b.cstore
	for _, w := range wrap {
		st = w(st)
	}
	var err error
	b.sync, err = crmsync.New(crmsync.Config{Targets: []crm.Target{crmsynctest.Poller{Fake: b.fake}, b.other}, Store: st,
		NowFunc: b.clock, RandFunc: func() float64 { return 0.5 }, BatchSize: 10})
	require.NoError(t, err)
	return b
}

// deal records a lead scored band and opens its deal in Sales /
// Qualification, as the lead path does after a webhook.
func (b *crmBundle) deal(t *testing.T, key, band string) lead.Deal {
	t.Helper()
	ctx := context.Background()
	ev, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "generic", Source: "website", EventID: key, ReceivedAt: b.clock(), Payload: []byte(`{}`)})
	require.NoError(t, err)
	l := lead.Lead{}
	l.Email, l.FirstName, l.Source, l.OccurredAt = key+"@example.com", "Ada", "website", b.clock()
	l.UTM.Campaign = "spring"
	tp, err := b.store.RecordLead(ctx, ev.ID, l, b.clock())
	require.NoError(t, err)
	_, _, err = b.store.InsertScore(ctx, lead.Score{ContactID: tp.ContactID, TouchpointID: tp.ID, Total: 80, Band: band, ModelVersion: "test",
		Breakdown: []byte(`{}`), ComputedAt: b.clock()})
	require.NoError(t, err)
	d, created, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: tp.ContactID, TouchpointID: tp.ID, Pipeline: "Sales",
		Stage: "Qualification", Now: b.clock()}, func([]lead.Rep, int64) int64 { return 0 })
	require.NoError(t, err)
	require.True(t, created)
	return d
}

// drain pushes until the log of target has nothing due.
func (b *crmBundle) drain(t *testing.T, target string) {
	t.Helper()
	for range 20 {
		rep, err := b.sync.Push(context.Background(), target)
		require.NoError(t, err)
		if rep.Claimed == 0 {
			return
		}
	}
	t.Fatal("the change log did not drain in 20 pushes")
}

func (b *crmBundle) status(t *testing.T, target string) store.CRMTargetStatus {
	t.Helper()
	rows, err := b.store.CRMStatus(context.Background(), b.clock())
	require.NoError(t, err)
	for _, r := range rows {
		if r.Name == target {
			return r
		}
	}
	t.Fatalf("no status of %s", target)
	return store.CRMTargetStatus{}
}

func ptr[T any](v T) *T { return &v }

// checkRules is the rep API's judgement of a deal change.
func checkRules(c store.DealCheck) (string, error) {
	return pipeline.DealRules{LostReasons: []string{"price", "timing", "competitor"}}.Check(pipeline.DealChange{FromStage: c.FromStage,
		FromKind: pipeline.StageKind(c.FromKind), Closed: c.Closed, ToStage: c.ToStage, ToKind: pipeline.StageKind(c.ToKind),
		AmountCents: c.AmountCents, CurrentAmountCents: c.CurrentAmountCents, LostReason: c.LostReason})
}

func TestCRMPushesAHotDealOnce(t *testing.T) {
	b := setupCRM(t)
	ctx := context.Background()
	hot := b.deal(t, "hot", "hot")
	b.deal(t, "warm", "warm")
	require.EqualValues(t, 2, b.status(t, "fake").Pending, "every new deal is logged for every enabled target")

	b.drain(t, "fake")
	contacts, deals := b.fake.Counts()
	require.Equal(t, 1, contacts, "only the hot lead's contact")
	require.Equal(t, 1, deals)
	d, ok := b.fake.Deal(crmsync.DealKey(hot.ID))
	require.True(t, ok)
	c, ok := b.fake.Contact(crmsync.ContactKey(hot.ContactID))
	require.True(t, ok)
	require.Equal(t, c.CRMID, d.ContactCRMID, "the deal is associated with its contact")
	require.Equal(t, "hot@example.com", c.Contact.Email)
	require.Equal(t, "Qualification", d.Deal.Stage)
	require.Equal(t, "hot", d.Deal.Band)
	require.Equal(t, "spring", d.Deal.Campaign)
	require.EqualValues(t, 0, b.status(t, "fake").Pending, "the filtered deal left the log too")

	// Nothing changed: nothing pushed again.
	calls := len(b.fake.Calls())
	b.drain(t, "fake")
	require.Len(t, b.fake.Calls(), calls)

	// Changes coalesce: two changes, one push, still one record.
	b.advance(time.Minute)
	for _, amount := range []int64{5000, 7000} {
		_, _, err := b.store.UpdateDeal(ctx, hot.ID, store.DealUpdate{AmountCents: ptr(amount), CheckFunc: checkRules}, "rep:1", b.clock())
		require.NoError(t, err)
	}
	_, _, err := b.store.UpdateDeal(ctx, hot.ID, store.DealUpdate{Stage: ptr("Negotiation"), CheckFunc: checkRules}, "rep:1", b.clock())
	require.NoError(t, err)
	b.drain(t, "fake")
	d, _ = b.fake.Deal(crmsync.DealKey(hot.ID))
	require.Equal(t, 2, d.Writes, "three changes of one deal are one push")
	require.EqualValues(t, 7000, d.Deal.AmountCents)
	require.Equal(t, "Negotiation", d.Deal.Stage)
	_, deals = b.fake.Counts()
	require.Equal(t, 1, deals)
}

// TestCRMRescoringPushesTheNewScore: a rescoring changes no deal, but the
// CRM shows the score, so the change log logs the contact's open deals
// when their latest score moves (migrations/00043_crm_log_score_changes.sql).
func TestCRMRescoringPushesTheNewScore(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// rescore inserts the rescoring run(s) after the hot and the warm
		// lead's deals were pushed (or filtered) and returns the deal whose
		// push is expected.
		rescore func(t *testing.T, b *crmBundle, hot, warm lead.Deal) int64
		pending int64 // changes logged for "fake"
		score   int
		band    string
		writes  int // writes of the expected deal in the CRM
	}{
		{name: "a new total and band are pushed", pending: 1, score: 55, band: "warm", writes: 2,
			rescore: func(t *testing.T, b *crmBundle, hot, _ lead.Deal) int64 {
				b.rescore(t, hot.ContactID, 55, "warm", b.clock(), "r1")
				return hot.ID
			}},
		{name: "the same total and band log nothing", pending: 0, score: 80, band: "hot", writes: 1,
			rescore: func(t *testing.T, b *crmBundle, hot, _ lead.Deal) int64 {
				b.rescore(t, hot.ContactID, 80, "hot", b.clock(), "r1")
				return hot.ID
			}},
		{name: "a lead rescored hot is pushed for the first time", pending: 1, score: 91, band: "hot", writes: 1,
			rescore: func(t *testing.T, b *crmBundle, _, warm lead.Deal) int64 {
				b.rescore(t, warm.ContactID, 91, "hot", b.clock(), "r1")
				return warm.ID
			}},
		{name: "a score older than the latest changes nothing", pending: 0, score: 80, band: "hot", writes: 1,
			rescore: func(t *testing.T, b *crmBundle, hot, _ lead.Deal) int64 {
				b.rescore(t, hot.ContactID, 12, "cold", b.clock().Add(-time.Hour), "r1")
				return hot.ID
			}},
		{name: "two runs before a push: the latest is pushed", pending: 1, score: 30, band: "cold", writes: 2,
			rescore: func(t *testing.T, b *crmBundle, hot, _ lead.Deal) int64 {
				b.rescore(t, hot.ContactID, 60, "warm", b.clock(), "r1")
				b.rescore(t, hot.ContactID, 30, "cold", b.clock().Add(time.Second), "r2")
				return hot.ID
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := setupCRM(t)
			hot, warm := b.deal(t, "hot", "hot"), b.deal(t, "warm", "warm")
			b.drain(t, "fake")
			b.advance(time.Minute)
			id := tt.rescore(t, b, hot, warm)
			require.Equal(t, tt.pending, b.status(t, "fake").Pending)
			b.drain(t, "fake")
			d, ok := b.fake.Deal(crmsync.DealKey(id))
			require.True(t, ok)
			require.Equal(t, tt.score, d.Deal.Score)
			require.Equal(t, tt.band, d.Deal.Band)
			require.Equal(t, tt.writes, d.Writes)
		})
	}

	t.Run("a closed deal is not pushed again", func(t *testing.T) {
		b := setupCRM(t)
		ctx := context.Background()
		hot := b.deal(t, "hot", "hot")
		_, _, err := b.store.UpdateDeal(ctx, hot.ID, store.DealUpdate{Stage: ptr("Lost"), LostReason: ptr("price"), CheckFunc: checkRules}, "rep:1", b.clock())
		require.NoError(t, err)
		b.drain(t, "fake")
		b.advance(time.Minute)
		b.rescore(t, hot.ContactID, 20, "cold", b.clock(), "r1")
		require.Zero(t, b.status(t, "fake").Pending)
	})
}

// rescore stores a rescoring run of a contact, as the decay sweep does.
func (b *crmBundle) rescore(t *testing.T, contactID int64, total int, band string, at time.Time, runKey string) {
	t.Helper()
	_, inserted, err := b.store.InsertRunScore(context.Background(), lead.Score{ContactID: contactID, Total: total, Band: band,
		ModelVersion: "test", Breakdown: []byte(`{}`), ComputedAt: at}, runKey)
	require.NoError(t, err)
	require.True(t, inserted)
}

func TestCRMRetriesLeaveOneRecord(t *testing.T) {
	b := setupCRM(t)
	ctx := context.Background()
	first, second := b.deal(t, "a", "hot"), b.deal(t, "b", "hot")
	// A 429 storm on the contacts call, then a 5xx on the deals call, then
	// one deal failing inside an otherwise good batch.
	b.fake.FailCalls(crmsynctest.Fault{Kind: "contacts", Err: crmsynctest.RateLimited}, crmsynctest.Fault{Kind: "contacts", Err: crmsynctest.RateLimited},
		crmsynctest.Fault{Kind: "deals", Err: crmsynctest.Unavailable})
	b.fake.FailRecord(crmsync.DealKey(second.ID), crmsynctest.Unavailable)

	rep, err := b.sync.Push(ctx, "fake")
	require.NoError(t, err)
	require.Equal(t, []crmsync.Failure{{Kind: "contact", Class: crmsync.ClassRateLimited}, {Kind: "contact", Class: crmsync.ClassRateLimited}}, rep.Failed)
	st := b.status(t, "fake")
	require.EqualValues(t, 2, st.Pending)
	require.EqualValues(t, 2, st.Failing)

	// Held back: Retry-After (7s) is honoured over the shorter backoff.
	rep, err = b.sync.Push(ctx, "fake")
	require.NoError(t, err)
	require.Zero(t, rep.Claimed, "a rate-limited batch waits")
	for range 12 {
		b.advance(time.Minute)
		_, err := b.sync.Push(ctx, "fake")
		require.NoError(t, err)
	}
	for _, d := range []lead.Deal{first, second} {
		r, ok := b.fake.Deal(crmsync.DealKey(d.ID))
		require.True(t, ok)
		require.Equal(t, 1, r.Writes, "deal %d written once", d.ID)
	}
	contacts, deals := b.fake.Counts()
	require.Equal(t, []int{2, 2}, []int{contacts, deals})
	st = b.status(t, "fake")
	require.EqualValues(t, 0, st.Pending)
	require.EqualValues(t, 0, st.Dead)
}

func TestCRMPermanentFailureDeadLettersAndReplays(t *testing.T) {
	b := setupCRM(t)
	ctx := context.Background()
	good, bad := b.deal(t, "good", "hot"), b.deal(t, "bad", "hot")
	b.fake.FailRecord(crmsync.DealKey(bad.ID), crmsynctest.Refused("INVALID_OPTION: stage not in pipeline"))
	rep, err := b.sync.Push(ctx, "fake")
	require.NoError(t, err)
	require.Equal(t, 1, rep.Dead["deal"])
	_, ok := b.fake.Deal(crmsync.DealKey(good.ID))
	require.True(t, ok, "the rest of the batch went through")
	st := b.status(t, "fake")
	require.EqualValues(t, 0, st.Pending, "the log moved on")
	require.EqualValues(t, 1, st.Dead)
	require.Contains(t, st.LastDead, "INVALID_OPTION")
	dead, err := b.store.CRMDeadLetters(ctx, "fake", 10)
	require.NoError(t, err)
	require.Len(t, dead, 1)
	require.Equal(t, bad.ID, *dead[0].DealID)

	pushes, _, err := b.store.ReplayCRMDead(ctx, "fake", b.clock())
	require.NoError(t, err)
	require.Equal(t, 1, pushes)
	b.drain(t, "fake")
	r, ok := b.fake.Deal(crmsync.DealKey(bad.ID))
	require.True(t, ok, "replay re-sent the refused deal")
	require.Equal(t, 1, r.Writes)
	require.EqualValues(t, 0, b.status(t, "fake").Dead)
}

func TestCRMExpiredCredentialPausesTheTarget(t *testing.T) {
	b := setupCRM(t)
	ctx := context.Background()
	d := b.deal(t, "x", "hot")
	b.fake.FailCalls(crmsynctest.Fault{Err: crmsynctest.ErrExpired})
	rep, err := b.sync.Push(ctx, "fake")
	require.ErrorIs(t, err, crmsync.ErrPaused)
	require.True(t, rep.Paused)
	st := b.status(t, "fake")
	require.NotNil(t, st.PausedAt)
	require.Contains(t, st.PausedReason, "credentials")
	require.EqualValues(t, 1, st.Pending, "nothing dead-lettered: the change waits")
	require.EqualValues(t, 0, st.Dead)

	calls := len(b.fake.Calls())
	_, err = b.sync.Push(ctx, "fake")
	require.ErrorIs(t, err, crmsync.ErrPaused)
	require.Len(t, b.fake.Calls(), calls, "a paused target is not called")

	require.NoError(t, b.store.ResumeCRMTarget(ctx, "fake", b.clock()))
	b.drain(t, "fake")
	_, ok := b.fake.Deal(crmsync.DealKey(d.ID))
	require.True(t, ok)

	// A poll refused the same way pauses the target too, cursor kept.
	_, err = b.fake.EditDeal(crmsync.DealKey(d.ID), crmsynctest.Edit{Stage: ptr("Negotiation"), At: b.clock().Add(time.Minute)})
	require.NoError(t, err)
	b.fake.FailCalls(crmsynctest.Fault{Kind: "changes", Err: crmsynctest.ErrExpired})
	_, err = b.sync.Pull(ctx, "fake")
	require.ErrorIs(t, err, crmsync.ErrPaused)
	require.NotNil(t, b.status(t, "fake").PausedAt)
	cursor, err := b.store.CRMPullCursor(ctx, "fake")
	require.NoError(t, err)
	require.Empty(t, cursor, "nothing read, the cursor did not move")
	require.NoError(t, b.store.ResumeCRMTarget(ctx, "fake", b.clock()))
	require.Equal(t, crmsync.ApplyReport{crmsync.OutcomeApplied: 1}, b.pull(t), "the edit made during the pause arrives after it")
}

// pull reads the fake's changes and applies them.
func (b *crmBundle) pull(t *testing.T) crmsync.ApplyReport {
	t.Helper()
	_, err := b.sync.Pull(context.Background(), "fake")
	require.NoError(t, err)
	rep, err := b.sync.Apply(context.Background(), "fake")
	require.NoError(t, err)
	return rep
}

func TestCRMWonInTheCRMLandsInTheDeal(t *testing.T) {
	b := setupCRM(t)
	ctx := context.Background()
	d := b.deal(t, "won", "hot")
	b.drain(t, "fake")
	b.drain(t, "other")
	b.advance(time.Hour)
	_, err := b.fake.EditDeal(crmsync.DealKey(d.ID), crmsynctest.Edit{Stage: ptr("Won"), At: b.clock().Add(-time.Minute)})
	require.NoError(t, err)
	_, err = b.fake.EditDeal(crmsync.DealKey(d.ID), crmsynctest.Edit{AmountCents: ptr(int64(1_250_000)), At: b.clock().Add(-time.Minute)})
	require.NoError(t, err)
	rep := b.pull(t)
	require.Equal(t, crmsync.ApplyReport{crmsync.OutcomeApplied: 2}, rep, "stage and amount arrive apart and land as one move")

	dc, err := b.store.DealClock(ctx, d.ID)
	require.NoError(t, err)
	require.Equal(t, "Won", dc.Stage)
	require.EqualValues(t, 1_250_000, dc.AmountCents)
	require.NotNil(t, dc.ClosedAt)
	require.Equal(t, b.clock().Add(-time.Minute), dc.StageEnteredAt.UTC(), "dated when the CRM user made it")
	detail, err := b.store.DealDetail(ctx, d.ID)
	require.NoError(t, err)
	hist := detail.StageHistory
	require.Equal(t, "crm:fake", hist[len(hist)-1].ChangedBy)

	// Not pushed back to where it came from, but on to the other CRM.
	require.EqualValues(t, 0, b.status(t, "fake").Pending, "no echo back to the CRM it came from")
	require.EqualValues(t, 1, b.status(t, "other").Pending)
	b.drain(t, "other")
	o, _ := b.other.Deal(crmsync.DealKey(d.ID))
	require.Equal(t, "Won", o.Deal.Stage)

	// The funnel and attribution count the win with its amount.
	from, to := b.clock().AddDate(0, 0, -1), b.clock().AddDate(0, 0, 1)
	funnel, err := b.store.Funnel(ctx, reporting.FunnelKeys[0], from, to)
	require.NoError(t, err)
	var won, revenue int64
	for _, r := range funnel {
		won, revenue = won+r.Won, revenue+r.RevenueCents
	}
	require.EqualValues(t, 1, won)
	require.EqualValues(t, 1_250_000, revenue)
	attr, err := b.store.Attribution(ctx, "first", reporting.FunnelKeys[0], from, to)
	require.NoError(t, err)
	var credited float64
	for _, r := range attr {
		credited += r.RevenueCents
	}
	require.InDelta(t, 1_250_000, credited, 0.5)
}

func TestCRMLostWithReason(t *testing.T) {
	b := setupCRM(t)
	ctx := context.Background()
	d := b.deal(t, "lost", "hot")
	b.drain(t, "fake")
	b.advance(time.Hour)
	_, err := b.fake.EditDeal(crmsync.DealKey(d.ID), crmsynctest.Edit{Stage: ptr("Lost"), LostReason: ptr("competitor"), At: b.clock()})
	require.NoError(t, err)
	require.Equal(t, crmsync.ApplyReport{crmsync.OutcomeApplied: 1}, b.pull(t))
	dc, err := b.store.DealClock(ctx, d.ID)
	require.NoError(t, err)
	require.Equal(t, "Lost", dc.Stage)
	require.Equal(t, "competitor", dc.LostReason)

	// A reason routing.lost_reasons does not list is the CRM's fact: kept
	// as written, the outcome is not dropped.
	d2 := b.deal(t, "lost2", "hot")
	b.drain(t, "fake")
	_, err = b.fake.EditDeal(crmsync.DealKey(d2.ID), crmsynctest.Edit{Stage: ptr("Lost"), LostReason: ptr("went dark"), At: b.clock().Add(time.Minute)})
	require.NoError(t, err)
	require.Equal(t, crmsync.ApplyReport{crmsync.OutcomeApplied: 1}, b.pull(t))
	dc, err = b.store.DealClock(ctx, d2.ID)
	require.NoError(t, err)
	require.Equal(t, "Lost", dc.Stage)
	require.Equal(t, "went dark", dc.LostReason)

	// A win without an amount is refused: dead-lettered, not retried.
	d3 := b.deal(t, "won3", "hot")
	b.drain(t, "fake")
	_, err = b.fake.EditDeal(crmsync.DealKey(d3.ID), crmsynctest.Edit{Stage: ptr("Won"), AmountCents: ptr(int64(0)), At: b.clock().Add(2 * time.Minute)})
	require.NoError(t, err)
	require.Equal(t, crmsync.ApplyReport{crmsync.OutcomeDead: 1}, b.pull(t))
	dead, err := b.store.CRMDeadLetters(ctx, "fake", 10)
	require.NoError(t, err)
	require.Len(t, dead, 1)
	require.Equal(t, "pull", dead[0].Direction)
	require.Contains(t, dead[0].Message, "requires an amount")
	require.Empty(t, b.pull(t), "a refused change is not retried")
}

func TestCRMEchoIsDropped(t *testing.T) {
	b := setupCRM(t)
	ctx := context.Background()
	b.fake.EchoPushes = true
	d := b.deal(t, "echo", "hot")
	b.drain(t, "fake")
	// The CRM reports leadflow's own write, flagged by the integration;
	// and an unflagged change equal to what was pushed.
	_, err := b.fake.EditDeal(crmsync.DealKey(d.ID), crmsynctest.Edit{Stage: ptr("Qualification"), At: b.clock().Add(time.Minute)})
	require.NoError(t, err)
	require.Equal(t, crmsync.ApplyReport{crmsync.OutcomeEcho: 2}, b.pull(t))
	detail, err := b.store.DealDetail(ctx, d.ID)
	require.NoError(t, err)
	require.Len(t, detail.StageHistory, 1, "nothing moved")
	require.EqualValues(t, 0, b.status(t, "fake").Pending)
}

func TestCRMConflictingEditsLastWriterPerField(t *testing.T) {
	b := setupCRM(t)
	ctx := context.Background()
	d := b.deal(t, "conflict", "hot")
	b.drain(t, "fake")
	t1 := b.clock().Add(10 * time.Minute)
	t2 := b.clock().Add(20 * time.Minute)
	t3 := b.clock().Add(30 * time.Minute)
	// In the CRM at t1: stage Value proposition. In leadflow at t2: stage
	// Negotiation. In the CRM at t3: amount 9900. The CRM's stage is older
	// than leadflow's: dropped; its amount is newer: applied.
	_, err := b.fake.EditDeal(crmsync.DealKey(d.ID), crmsynctest.Edit{Stage: ptr("Value proposition"), At: t1})
	require.NoError(t, err)
	_, _, err = b.store.UpdateDeal(ctx, d.ID, store.DealUpdate{Stage: ptr("Negotiation"), CheckFunc: checkRules}, "rep:1", t2)
	require.NoError(t, err)
	_, err = b.fake.EditDeal(crmsync.DealKey(d.ID), crmsynctest.Edit{AmountCents: ptr(int64(9900)), At: t3})
	require.NoError(t, err)
	b.advance(time.Hour)
	require.Equal(t, crmsync.ApplyReport{crmsync.OutcomeApplied: 2}, b.pull(t), "the group applied (amount), its stale stage dropped")
	dc, err := b.store.DealClock(ctx, d.ID)
	require.NoError(t, err)
	require.Equal(t, "Negotiation", dc.Stage, "leadflow's later stage stays")
	require.EqualValues(t, 9900, dc.AmountCents, "the CRM's later amount lands")
	// leadflow's stage goes to the CRM; the CRM's amount is not echoed.
	b.drain(t, "fake")
	r, _ := b.fake.Deal(crmsync.DealKey(d.ID))
	require.Equal(t, "Negotiation", r.Deal.Stage)

	// Only a stale change: nothing applied.
	_, err = b.fake.EditDeal(crmsync.DealKey(d.ID), crmsynctest.Edit{Stage: ptr("Prospecting"), At: t1})
	require.NoError(t, err)
	require.Equal(t, crmsync.ApplyReport{crmsync.OutcomeStale: 1}, b.pull(t))
}

func TestCRMTwoWorkersNeverPushTheSameDeal(t *testing.T) {
	b := setupCRM(t)
	const n = 30
	for i := range n {
		b.deal(t, fmt.Sprint("p", i), "hot")
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				rep, err := b.sync.Push(context.Background(), "fake")
				if err != nil {
					errs <- err
					return
				}
				if rep.Claimed == 0 {
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	seen := map[string]int{}
	for _, c := range b.fake.Calls() {
		if c.Kind == "deals" {
			for _, k := range c.Keys {
				seen[k]++
			}
		}
	}
	require.Len(t, seen, n)
	for k, times := range seen {
		require.Equal(t, 1, times, "deal %s pushed by both workers", k)
	}
}

// killOnce is a store whose first RecordPush fails as a process killed
// between the CRM's answer and the commit would: nothing recorded.
type killOnce struct {
	crmsync.Store
	mu     sync.Mutex
	killed bool
}

func (k *killOnce) RecordPush(ctx context.Context, target string, o crmsync.PushOutcome, now time.Time) error {
	k.mu.Lock()
	first := !k.killed
	k.killed = true
	k.mu.Unlock()
	if first {
		return errors.New("killed before commit")
	}
	return k.Store.RecordPush(ctx, target, o, now)
}

// TestCRMKilledMidPushLosesNothing is the chaos case in process: a pusher
// killed between the CRM's writes and its commit, and one killed between
// the contacts and the deals call, leave exactly one CRM record per deal
// and no lost change once the next pusher runs after the leases.
func TestCRMKilledMidPushLosesNothing(t *testing.T) {
	kill := &killOnce{}
	b := setupCRM(t, func(s crmsync.Store) crmsync.Store { kill.Store = s; return kill })
	ctx := context.Background()
	var deals []lead.Deal
	for i := range 5 {
		deals = append(deals, b.deal(t, fmt.Sprint("k", i), "hot"))
	}
	_, err := b.sync.Push(ctx, "fake")
	require.ErrorContains(t, err, "killed before commit")
	_, n := b.fake.Counts()
	require.Equal(t, 5, n, "the CRM got the writes")

	// A change made while the dead pusher's lease runs is not lost.
	_, _, err = b.store.UpdateDeal(ctx, deals[0].ID, store.DealUpdate{AmountCents: ptr(int64(4200)), CheckFunc: checkRules}, "rep:1", b.clock())
	require.NoError(t, err)
	rep, err := b.sync.Push(ctx, "fake")
	require.NoError(t, err)
	require.Zero(t, rep.Claimed, "the dead pusher's lease still holds")

	// Second kill: between the contacts and the deals call.
	cctx, cancel := context.WithCancel(ctx)
	b.fake.BeforePushDealsFunc = func(context.Context) { cancel() }
	b.advance(crmsync.DefaultLease + time.Second)
	_, err = b.sync.Push(cctx, "fake")
	require.Error(t, err)
	b.fake.BeforePushDealsFunc = nil

	b.advance(crmsync.DefaultLease + time.Second)
	b.drain(t, "fake")
	contacts, n := b.fake.Counts()
	require.Equal(t, []int{5, 5}, []int{contacts, n}, "one record per deal and contact")
	r, _ := b.fake.Deal(crmsync.DealKey(deals[0].ID))
	require.EqualValues(t, 4200, r.Deal.AmountCents, "the change made meanwhile reached the CRM")
	require.EqualValues(t, 0, b.status(t, "fake").Pending)
}

// TestCRMStartUpChecks: an enabled target without a client, and a mapping
// the CRM refuses, stop the start with an error naming them.
func TestCRMStartUpChecks(t *testing.T) {
	t.Parallel()
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	// The real Odoo client, built from the configuration, checks its
	// mapping against the CRM (the stand-in) before anything runs.
	odooCRM := odootest.New(t, odootest.Config{})
	yaml := filepath.Join(t.TempDir(), "leadflow.yaml")
	require.NoError(t, os.WriteFile(yaml, []byte(fmt.Sprintf("crm:\n  odoo: {enabled: true, url: %q, database: %s, username: %q, stages: {Qualification: Qualified-typo}}\n",
		odooCRM.URL, odooCRM.Database(), odooCRM.Login())), 0o600))
	env := map[string]string{config.EnvDatabaseURL: dbURL, config.EnvRedisURL: redisURL, config.EnvConfigFile: yaml, config.EnvOdooAPIKey: odooCRM.APIKey()}
	cfg, err := config.Load(func(k string) string { return env[k] })
	require.NoError(t, err)
	n, err := node.Open(context.Background(), cfg, node.Options{})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	err = n.Run(context.Background(), ln, node.Roles{})
	ln.Close()
	n.Close()
	require.ErrorContains(t, err, "crm target odoo")
	require.ErrorContains(t, err, "Qualified-typo")

	env[config.EnvConfigFile] = ""
	cfg, err = config.Load(func(k string) string { return env[k] })
	require.NoError(t, err)
	fake := crmsynctest.New("fake")
	fake.SetValidateError(errors.New(`stage "Qualification" maps to "Qualified", which the pipeline does not have`))
	n, err = node.Open(context.Background(), cfg, node.Options{CRMTargets: []crm.Target{fake}})
	require.NoError(t, err)
	defer n.Close()
	ln, err = net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	err = n.Run(context.Background(), ln, node.Roles{})
	require.ErrorContains(t, err, `crm target fake: stage "Qualification" maps to "Qualified"`)
}

// TestCRMPushLeaseFromTheEnvironment: LEADFLOW_CRM_PUSH_LEASE reaches the
// syncer every role builds; unset, it is the documented 2m.
func TestCRMPushLeaseFromTheEnvironment(t *testing.T) {
	t.Parallel()
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	tests := []struct {
		name  string
		lease string
		want  time.Duration
	}{
		{name: "default", want: 2 * time.Minute},
		{name: "short, as the chaos test sets it", lease: "5s", want: 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{config.EnvDatabaseURL: dbURL, config.EnvRedisURL: redisURL, config.EnvCRMPushLease: tt.lease}
			cfg, err := config.Load(func(k string) string { return env[k] })
			require.NoError(t, err)
			n, err := node.Open(context.Background(), cfg, node.Options{})
			require.NoError(t, err)
			defer n.Close()
			s, err := n.NewCRMSync([]crm.Target{crmsynctest.New("fake")})
			require.NoError(t, err)
			require.Equal(t, tt.want, s.Lease())
		})
	}
}
