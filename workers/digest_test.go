package workers_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/email"
	"leadflow/lead"
	"leadflow/store"
	"leadflow/workers"
)

// digestBundle is a rep and n leads, with email configured to notify the
// rep (rep-new-lead) and gather bursts into rep-digest.
type digestBundle struct {
	*testBundle
	sender   *countingSender
	rep      lead.Rep
	contacts []int64
}

func setupDigest(t *testing.T, n int) *digestBundle {
	t.Helper()
	b := &digestBundle{testBundle: setup(t), sender: &countingSender{}}
	ctx := context.Background()
	// The leads come in before email and the rep exist: nothing is queued
	// for them but what the test queues.
	for i := range n {
		b.contacts = append(b.contacts, b.newLead(t, fmt.Sprint("burst", i)))
	}
	b.rep = lead.Rep{Name: "Grace Hopper", Email: "grace@leads.example.test", Active: true}
	var err error
	b.rep.ID, err = b.store.AddRep(ctx, b.rep, store.RoleRep)
	require.NoError(t, err)
	tmpl, err := email.LoadTemplates("")
	require.NoError(t, err)
	b.reconfigure(t, workers.EmailConfig{Templates: tmpl, Sender: b.sender, From: "Sales <sales@mg.example.test>",
		RepNotification: "rep-new-lead", PublicURL: "https://leads.example.test"}, workers.Routing{})
	return b
}

// queueNotifications queues one rep-new-lead per contact, all due now.
func (b *digestBundle) queueNotifications(t *testing.T, prefix string, contacts []int64) []int64 {
	t.Helper()
	es := make([]lead.OutboxEmail, len(contacts))
	for i, c := range contacts {
		es[i] = lead.OutboxEmail{DedupeKey: fmt.Sprintf("%s:%d", prefix, i), ContactID: c, Template: "rep-new-lead",
			Kind: lead.EmailTransactional, To: b.rep.Email, RepID: b.rep.ID, SendAfter: b.now, Trigger: "rep assignment"}
	}
	queued, err := b.store.QueueEmails(context.Background(), es)
	require.NoError(t, err)
	ids := make([]int64, len(queued))
	for i, e := range queued {
		ids[i] = e.ID
	}
	return ids
}

// sendAll runs SendEmail for every id from workers goroutines at once,
// each going through all ids from its own starting point.
func (b *digestBundle) sendAll(t *testing.T, ids []int64, workerCount int) {
	t.Helper()
	var wg sync.WaitGroup
	for w := range workerCount {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range ids {
				task, err := workers.NewEmailTask(ids[(i+w*len(ids)/workerCount)%len(ids)])
				require.NoError(t, err)
				require.NoError(t, b.handlers.SendEmail(context.Background(), task))
			}
		}()
	}
	wg.Wait()
}

// sent returns the messages sent so far with the template tag.
func (b *digestBundle) sent(template string) []email.Message {
	b.sender.mu.Lock()
	defer b.sender.mu.Unlock()
	var out []email.Message
	for _, m := range b.sender.msgs {
		if m.Tags[0] == template {
			out = append(out, m)
		}
	}
	return out
}

// TestRepBurstGoesAsOneDigest (issue 16 item 14): 26 new-lead
// notifications to one rep due at once reach the rep as one digest listing
// the 26 leads, however many workers send them concurrently: never two
// digests, never a notification both alone and in a digest, every trial.
func TestRepBurstGoesAsOneDigest(t *testing.T) {
	const leads, workerCount = 26, 8
	b := setupDigest(t, leads)
	ctx := context.Background()
	for trial := range raceTrials {
		digestsBefore, aloneBefore := len(b.sent("rep-digest")), len(b.sent("rep-new-lead"))
		ids := b.queueNotifications(t, fmt.Sprint("burst-trial", trial), b.contacts)
		b.sendAll(t, ids, workerCount)

		var digestIDs []int64
		rows, err := b.pool.Query(ctx, `SELECT DISTINCT digest_id FROM email_outbox WHERE id = ANY($1) AND digest_id IS NOT NULL`, ids)
		require.NoError(t, err)
		for rows.Next() {
			var id int64
			require.NoError(t, rows.Scan(&id))
			digestIDs = append(digestIDs, id)
		}
		require.NoError(t, rows.Err())
		require.Len(t, digestIDs, 1, "trial %d: one digest", trial)
		var digested int
		require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM email_outbox WHERE id = ANY($1) AND status = 'digested' AND digest_id = $2`,
			ids, digestIDs[0]).Scan(&digested))
		require.Equal(t, leads, digested, "trial %d: every notification is in the digest", trial)

		// The digest's own send task, run by every worker at once (a
		// redelivered task): one email.
		b.sendAll(t, digestIDs, workerCount)
		digests := b.sent("rep-digest")[digestsBefore:]
		require.Len(t, digests, 1, "trial %d: one digest sent", trial)
		require.Len(t, b.sent("rep-new-lead"), aloneBefore, "trial %d: no notification alone", trial)
		d := digests[0]
		require.Equal(t, b.rep.Email, d.To)
		require.Equal(t, "26 new leads assigned to you", d.Subject)
		for i := range leads {
			require.Contains(t, d.Text, fmt.Sprintf("burst%d@example.com", i), "trial %d: lead %d listed", trial, i)
		}
		require.Equal(t, leads, strings.Count(d.Text, "\n- "), "trial %d: 26 leads, each once", trial)
		require.Equal(t, leads, strings.Count(d.HTML, "<tr><td>"), "trial %d: a row per lead", trial)
		var status string
		require.NoError(t, b.pool.QueryRow(ctx, `SELECT status FROM email_outbox WHERE id = $1`, digestIDs[0]).Scan(&status))
		require.Equal(t, lead.EmailSent, status)
	}
}

// TestFewRepNotificationsGoAlone: three notifications at once (two others
// due, fewer than RepDigestMin) go one by one, as before.
func TestFewRepNotificationsGoAlone(t *testing.T) {
	b := setupDigest(t, 3)
	ids := b.queueNotifications(t, "few", b.contacts)
	b.sendAll(t, ids, 4)
	require.Len(t, b.sent("rep-new-lead"), 3)
	require.Empty(t, b.sent("rep-digest"))
}
