//go:build chaos

package chaos

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// books is the end-of-scenario count check.
type books struct {
	Acked          int // distinct webhook ids answered 2xx
	Touchpoints    int // touchpoints of generic events
	Processed      int // generic inbound events with status processed
	Failed         int // generic inbound events with status failed
	DupTouchpoints int // external ids with more than one touchpoint
	DupContacts    int // emails held by more than one contact
	HotLeads       int // acknowledged hot leads
	HotOneDeal     int // of those, with exactly one deal
	Mails          int // messages the fake Mailgun accepted
	DupMails       int // recipient+template+trigger accepted more than once
	OutboxSent     int // email_outbox rows marked sent
	// Claimed counts outbox rows left claimed by a killed worker, and
	// ClaimedMailed those of them that had reached Mailgun.
	Claimed, ClaimedMailed int
}

// checkBooks reads the books, logs them and asserts that nothing was lost
// or doubled: acknowledged = touchpoints = processed, every acknowledged
// lead has its touchpoint, one contact per email, one deal per hot lead,
// one email per intent.
func (c *cluster) checkBooks(t *testing.T, res *loadResult) books {
	t.Helper()
	ctx := context.Background()
	acked := res.ackedLeads()
	b := books{Acked: len(acked)}
	b.Touchpoints = c.count(`SELECT count(*) FROM touchpoints t JOIN inbound_events e ON e.id = t.inbound_event_id WHERE e.connector = 'generic'`)
	b.Processed = c.count(`SELECT count(*) FROM inbound_events WHERE connector = 'generic' AND status = 'processed'`)
	b.Failed = c.count(`SELECT count(*) FROM inbound_events WHERE connector = 'generic' AND status = 'failed'`)
	b.DupTouchpoints = c.count(`SELECT count(*) FROM (SELECT external_id FROM touchpoints GROUP BY external_id HAVING count(*) > 1) d`)
	b.DupContacts = c.count(`SELECT count(*) FROM (SELECT value FROM contact_identities WHERE kind = 'email' GROUP BY value HAVING count(DISTINCT contact_id) > 1) d`)

	rows, err := c.pool.Query(ctx, `SELECT external_id FROM touchpoints t JOIN inbound_events e ON e.id = t.inbound_event_id WHERE e.connector = 'generic'`)
	require.NoError(t, err)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	have := make(map[string]bool, len(ids))
	for _, id := range ids {
		have[id] = true
	}
	var missing []string
	for id := range acked {
		if !have[id] {
			missing = append(missing, id)
		}
	}

	deals := map[string]int{}
	rows, err = c.pool.Query(ctx, `
		SELECT i.value, count(d.id)::int FROM contact_identities i
		LEFT JOIN deals d ON d.contact_id = i.contact_id
		WHERE i.kind = 'email' GROUP BY i.value`)
	require.NoError(t, err)
	for rows.Next() {
		var email string
		var n int
		require.NoError(t, rows.Scan(&email, &n))
		deals[email] = n
	}
	require.NoError(t, rows.Err())
	var hotWrong []string
	for _, l := range acked {
		if !l.Hot {
			continue
		}
		b.HotLeads++
		if deals[l.Email] == 1 {
			b.HotOneDeal++
		} else if len(hotWrong) < 5 {
			hotWrong = append(hotWrong, l.ID)
		}
	}

	sent, refused := c.mail.snapshot()
	b.Mails = len(sent)
	seen := map[string]int{}
	for _, m := range sent {
		seen[m.key()]++
		if seen[m.key()] == 2 {
			b.DupMails++
		}
	}
	b.OutboxSent = c.count(`SELECT count(*) FROM email_outbox WHERE status = 'sent'`)
	rows, err = c.pool.Query(ctx, `SELECT id::text FROM email_outbox WHERE status = 'claimed'`)
	require.NoError(t, err)
	claimed, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	b.Claimed = len(claimed)
	for _, id := range claimed {
		for _, m := range sent {
			if m.OutboxID == id {
				b.ClaimedMailed++
				break
			}
		}
	}

	t.Logf("load: %s", res)
	t.Logf("books: acked=%d touchpoints=%d processed=%d failed=%d dup_touchpoints=%d dup_contacts=%d hot=%d hot_with_one_deal=%d mails=%d dup_mails=%d outbox_sent=%d claimed_in_doubt=%d (mailed %d) mailgun_refused=%v",
		b.Acked, b.Touchpoints, b.Processed, b.Failed, b.DupTouchpoints, b.DupContacts, b.HotLeads, b.HotOneDeal, b.Mails, b.DupMails, b.OutboxSent, b.Claimed, b.ClaimedMailed, refused)

	require.Empty(t, res.rejected, "webhooks refused with a 4xx")
	require.Empty(t, res.lost, "webhooks never acknowledged")
	require.Empty(t, missing, "acknowledged leads without a touchpoint")
	require.Equal(t, b.Acked, b.Touchpoints, "acknowledged = touchpoints")
	require.Equal(t, b.Acked, b.Processed, "acknowledged = processed events")
	require.Zero(t, b.DupTouchpoints, "duplicate touchpoints")
	require.Zero(t, b.DupContacts, "emails with more than one contact")
	require.Equal(t, b.HotLeads, b.HotOneDeal, "hot leads without exactly one deal, e.g. %v", hotWrong)
	require.Zero(t, b.DupMails, "duplicate emails at Mailgun")
	require.Equal(t, b.OutboxSent+b.ClaimedMailed, b.Mails, "every sent outbox row reached Mailgun exactly once")
	if c.claimsInDoubt {
		// At most what the killed worker was running at once.
		require.LessOrEqual(t, b.Claimed, 10, "emails left claimed by the killed worker")
	} else {
		require.Zero(t, b.Claimed, "emails left claimed")
	}
	return b
}
