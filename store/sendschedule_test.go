package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/pipeline"
)

// raceTrials is how often each concurrency test below runs its race; each
// trial starts raceWorkers goroutines released together.
const (
	raceTrials  = 20
	raceWorkers = 8
)

// race runs fn in n goroutines released at once and returns their results.
func race[T any](t *testing.T, n int, fn func(i int) (T, error)) []T {
	t.Helper()
	var wg sync.WaitGroup
	start := make(chan struct{})
	out := make([]T, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[i], errs[i] = fn(i)
		}()
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	return out
}

// TestBandCrossingOncePerContact: concurrent scorings of one contact that
// all see warm → hot record one crossing, and exactly one of them owns it
// (sends the heating-up email, counts in the metric); a later real
// crossing (hot → warm → hot) is recorded again.
func TestBandCrossingOncePerContact(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	for trial := range raceTrials {
		tp, err := b.store.RecordLead(ctx, b.event(t, fmt.Sprint("bc", trial)), person(fmt.Sprintf("bc%d@example.com", trial), ""), b.now)
		require.NoError(t, err)
		scores := make([]lead.Score, raceWorkers)
		for i := range scores {
			scores[i], _, err = b.store.InsertRunScore(ctx, lead.Score{ContactID: tp.ContactID, Total: 80, Band: "hot", ModelVersion: "v",
				Breakdown: json.RawMessage(`{}`), ComputedAt: b.now}, fmt.Sprint("run", i))
			require.NoError(t, err)
		}
		owned := race(t, raceWorkers, func(i int) (bool, error) {
			return b.store.RecordBandChange(ctx, tp.ContactID, scores[i].ID, "warm", "hot", b.now)
		})
		n := 0
		for _, o := range owned {
			if o {
				n++
			}
		}
		require.Equal(t, 1, n, "trial %d: one scoring owns the crossing", trial)
		var rows int
		require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM score_band_changes WHERE contact_id = $1`, tp.ContactID).Scan(&rows))
		require.Equal(t, 1, rows, "trial %d", trial)
	}

	tp, err := b.store.RecordLead(ctx, b.event(t, "bc-again"), person("again@example.com", ""), b.now)
	require.NoError(t, err)
	for i, step := range [][2]string{{"warm", "hot"}, {"hot", "warm"}, {"warm", "hot"}} {
		sc, _, err := b.store.InsertRunScore(ctx, lead.Score{ContactID: tp.ContactID, Total: 50, Band: step[1], ModelVersion: "v",
			Breakdown: json.RawMessage(`{}`), ComputedAt: b.now}, fmt.Sprint("seq", i))
		require.NoError(t, err)
		owned, err := b.store.RecordBandChange(ctx, tp.ContactID, sc.ID, step[0], step[1], b.now)
		require.NoError(t, err)
		require.True(t, owned, "crossing %d %s → %s is new", i, step[0], step[1])
	}
}

// sendBundle is a contact with marketing emails to claim.
type sendBundle struct {
	*testBundle
	contactID int64
}

func (b *testBundle) sendContact(t *testing.T, key string) *sendBundle {
	t.Helper()
	tp, err := b.store.RecordLead(context.Background(), b.event(t, key), person(key+"@example.com", ""), b.now)
	require.NoError(t, err)
	return &sendBundle{testBundle: b, contactID: tp.ContactID}
}

func (s *sendBundle) queue(t *testing.T, key string, at time.Time, dealID int64) lead.OutboxEmail {
	t.Helper()
	e, created, err := s.store.QueueEmail(context.Background(), lead.OutboxEmail{DedupeKey: key, ContactID: s.contactID,
		Template: "nurture-1", Kind: lead.EmailMarketing, To: "x@example.com", SendAfter: at, DealID: dealID})
	require.NoError(t, err)
	require.True(t, created)
	return e
}

// TestWeeklyCapAndGapUnderConcurrentClaims: with weekly_cap 1, any number
// of a contact's emails claimed at once let exactly one leave, every
// trial; the others are held to distinct slots.
func TestWeeklyCapAndGapUnderConcurrentClaims(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	for _, policy := range []lead.ClaimPolicy{{WeeklyCap: 1, Now: b.now}, {MinGap: time.Hour, Now: b.now}} {
		for trial := range raceTrials {
			s := b.sendContact(t, fmt.Sprintf("cap%d-%d", policy.WeeklyCap, trial))
			ids := make([]int64, raceWorkers)
			for i := range ids {
				ids[i] = s.queue(t, fmt.Sprintf("cap%d-%d-%d", policy.WeeklyCap, trial, i), b.now, 0).ID
			}
			claims := race(t, raceWorkers, func(i int) (lead.Claim, error) { return b.store.ClaimEmail(ctx, ids[i], policy) })
			sent := 0
			slots := map[time.Time]bool{}
			for _, c := range claims {
				if c.Send {
					sent++
					continue
				}
				require.True(t, c.RetryAt.After(b.now), c.Reason)
				require.False(t, slots[c.RetryAt], "trial %d: two held emails share the slot %s", trial, c.RetryAt)
				slots[c.RetryAt] = true
			}
			require.Equal(t, 1, sent, "trial %d, policy %+v: one email leaves", trial, policy)
		}
	}
}

// TestHeldEmailsAreSpread: past the cap, held emails are rescheduled one
// minimum gap apart after the slot frees, not all to the same second; a
// claim within the gap after a send waits for the gap.
func TestHeldEmailsAreSpread(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	s := b.sendContact(t, "spread")
	policy := lead.ClaimPolicy{WeeklyCap: 1, MinGap: time.Hour, Now: b.now}
	first := s.queue(t, "s0", b.now, 0)
	c, err := b.store.ClaimEmail(ctx, first.ID, policy)
	require.NoError(t, err)
	require.True(t, c.Send)
	require.NoError(t, b.store.MarkEmailSent(ctx, first.ID, "id", "subject", b.now))

	free := b.now.Add(7 * 24 * time.Hour)
	for i := range 3 {
		e := s.queue(t, fmt.Sprint("s", i+1), b.now, 0)
		c, err := b.store.ClaimEmail(ctx, e.ID, policy)
		require.NoError(t, err)
		require.False(t, c.Send)
		require.Contains(t, c.Reason, "weekly cap")
		require.Equal(t, free.Add(time.Duration(i)*time.Hour), c.RetryAt.UTC(), "held email %d", i)
		got, err := b.store.GetEmail(ctx, e.ID)
		require.NoError(t, err)
		require.Equal(t, lead.EmailPending, got.Status)
		require.Equal(t, c.RetryAt.UTC(), got.SendAfter.UTC(), "the hold is stored with the claim")
	}

	// Minimum gap alone: a second email 4 s after a send waits an hour.
	g := b.sendContact(t, "gap")
	gap := lead.ClaimPolicy{MinGap: time.Hour, Now: b.now}
	e := g.queue(t, "g0", b.now, 0)
	c, err = b.store.ClaimEmail(ctx, e.ID, gap)
	require.NoError(t, err)
	require.True(t, c.Send)
	require.NoError(t, b.store.MarkEmailSent(ctx, e.ID, "id", "subject", b.now))
	gap.Now = b.now.Add(4 * time.Second)
	next := g.queue(t, "g1", gap.Now, 0)
	c, err = b.store.ClaimEmail(ctx, next.ID, gap)
	require.NoError(t, err)
	require.False(t, c.Send)
	require.Contains(t, c.Reason, "minimum gap")
	require.Equal(t, b.now.Add(time.Hour), c.RetryAt.UTC())
	gap.Now = c.RetryAt
	c, err = b.store.ClaimEmail(ctx, next.ID, gap)
	require.NoError(t, err)
	require.True(t, c.Send, c.Reason)
}

// TestStageMoveCancelsPendingDealEmails: moving a deal cancels its pending
// lead-facing emails in the move's transaction; an email a late stage task
// queues for a stage the deal left, or for a closed deal, is cancelled at
// claim; rep notifications are left alone.
func TestStageMoveCancelsPendingDealEmails(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	_, err := b.store.UpsertRep(ctx, lead.Rep{Name: "R", Email: "r@reps.example.com", Active: true, Capacity: 5})
	require.NoError(t, err)
	s := b.sendContact(t, "deal")
	d, _, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: s.contactID, Pipeline: "Sales", Stage: "Qualification", Now: b.now}, pipeline.RoundRobin)
	require.NoError(t, err)
	_, changed, err := b.store.MoveDealStage(ctx, d.ID, "initial contact", "test", "", b.now)
	require.NoError(t, err)
	require.True(t, changed)
	agenda := s.queue(t, lead.StageEmailKey(d.ID, "Initial contact"), b.now.Add(24*time.Hour), d.ID)
	repNote, _, err := b.store.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: "rep", ContactID: s.contactID, Template: "rep-new-lead",
		Kind: lead.EmailTransactional, To: "r@reps.example.com", SendAfter: b.now.Add(time.Hour), DealID: d.ID})
	require.NoError(t, err)

	_, changed, err = b.store.MoveDealStage(ctx, d.ID, "value proposition", "test", "", b.now.Add(time.Minute))
	require.NoError(t, err)
	require.True(t, changed)
	got, err := b.store.GetEmail(ctx, agenda.ID)
	require.NoError(t, err)
	require.Equal(t, lead.EmailCancelled, got.Status, "the old stage's email is cancelled with the move")
	got, err = b.store.GetEmail(ctx, repNote.ID)
	require.NoError(t, err)
	require.Equal(t, lead.EmailPending, got.Status, "rep notifications are not the lead's emails")

	// A stage task that ran late queues the old stage's email after the move.
	late := s.queue(t, lead.StageEmailKey(d.ID, "Negotiation"), b.now, d.ID)
	c, err := b.store.ClaimEmail(ctx, late.ID, lead.ClaimPolicy{Now: b.now.Add(time.Hour)})
	require.NoError(t, err)
	require.False(t, c.Send)
	require.Equal(t, lead.EmailCancelled, c.Email.Status)
	require.Contains(t, c.Reason, "left stage")

	// The current stage's email may leave, until the deal closes.
	current := s.queue(t, lead.StageEmailKey(d.ID, "Value proposition"), b.now, d.ID)
	followUp := s.queue(t, "follow-up", b.now, d.ID)
	c, err = b.store.ClaimEmail(ctx, current.ID, lead.ClaimPolicy{Now: b.now.Add(time.Hour)})
	require.NoError(t, err)
	require.True(t, c.Send, c.Reason)
	_, _, err = b.store.MoveDealStage(ctx, d.ID, "lost", "test", "no budget", b.now.Add(2*time.Hour))
	require.NoError(t, err)
	got, err = b.store.GetEmail(ctx, followUp.ID)
	require.NoError(t, err)
	require.Equal(t, lead.EmailCancelled, got.Status, "closing cancels")
	closedLate := s.queue(t, "after-close", b.now, d.ID)
	c, err = b.store.ClaimEmail(ctx, closedLate.ID, lead.ClaimPolicy{Now: b.now.Add(3 * time.Hour)})
	require.NoError(t, err)
	require.False(t, c.Send)
	require.Equal(t, "deal closed", c.Reason)
}

// TestStageEmailKey: one key per deal and stage, case-insensitive, and
// older keys are not mistaken for it.
func TestStageEmailKey(t *testing.T) {
	require.Equal(t, "stage:7:initial contact", lead.StageEmailKey(7, " Initial Contact"))
	stage, ok := lead.StageEmailKeyStage(lead.StageEmailKey(7, "Proposal: v2"))
	require.True(t, ok)
	require.Equal(t, "proposal: v2", stage)
	for _, key := range []string{"stage:42", "heating-up:3", "stage::x", "stage:x:y"} {
		_, ok := lead.StageEmailKeyStage(key)
		require.False(t, ok, key)
	}
}
