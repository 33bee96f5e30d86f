package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/privacy"
	"leadflow/store"
)

// canary values: distinctive, so a plain substring search finds any copy.
const (
	canaryEmail   = "zed.canary4471@example.org"
	canaryPhone   = "+14155550123"
	canaryFirst   = "Zebadiah"
	canaryLast    = "Quuxworth"
	canaryMessage = "Zebadiah needs pricing for 40 seats"
)

// seedPerson gives a contact every kind of row an erasure must reach and
// returns its id.
func seedPerson(t *testing.T, b *testBundle) int64 {
	t.Helper()
	ctx := context.Background()
	payload := fmt.Sprintf(`{"type":"lead.created","data":{"email":%q,"phone":%q,"first_name":%q,"last_name":%q,"message":%q}}`,
		strings.ToUpper(canaryEmail), canaryPhone, canaryFirst, canaryLast, canaryMessage)
	ev, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "generic", Source: "website", EventID: "zed-1", ReceivedAt: b.now,
		Payload: []byte(payload)})
	require.NoError(t, err)
	l := person(canaryEmail, canaryPhone)
	l.FirstName, l.LastName, l.Company, l.Title, l.Message = canaryFirst, canaryLast, "Quux Ltd", "CEO", canaryMessage
	l.Answers.Budget, l.LandingURL = "over_50k", "https://example.com/?email="+canaryEmail
	l.ClickIDs = map[string]string{"gclid": "g-" + canaryLast}
	l.Consent = lead.Consent{Marketing: true, Text: "I, " + canaryFirst + ", agree"}
	l.UTM.Campaign = "spring"
	tp, err := b.store.RecordLead(ctx, ev.ID, l, b.now)
	require.NoError(t, err)

	breakdown := fmt.Sprintf(`{"total":80,"band":"hot","model_version":"v","contributions":[{"rule":"need","group":"fit","points":80,"reason":"need (from the message: \"%s\") (+80)"}]}`, canaryMessage)
	_, _, err = b.store.InsertScore(ctx, lead.Score{ContactID: tp.ContactID, TouchpointID: tp.ID, Total: 80, Band: "hot", ModelVersion: "v",
		Breakdown: json.RawMessage(breakdown), ComputedAt: b.now})
	require.NoError(t, err)

	repID, err := b.store.UpsertRep(ctx, lead.Rep{Name: "Rep", Email: "rep@reps.example.com", Active: true})
	require.NoError(t, err)
	d, _, err := b.store.CreateDeal(ctx, lead.DealRequest{ContactID: tp.ContactID, TouchpointID: tp.ID, Pipeline: "Sales", Stage: "Qualification",
		Title: "Quux Ltd — " + canaryFirst + " " + canaryLast, Now: b.now}, pipeline.RoundRobin)
	require.NoError(t, err)
	_, err = b.store.AddActivity(ctx, d.ID, repID, "call", "called "+canaryFirst, b.now)
	require.NoError(t, err)

	sent, _, err := b.store.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: "zed-n1", ContactID: tp.ContactID, Template: "nurture-1",
		Kind: lead.EmailMarketing, To: canaryEmail, SendAfter: b.now})
	require.NoError(t, err)
	require.NoError(t, b.store.MarkEmailSent(ctx, sent.ID, "zed-msg-1@sink", "Hi "+canaryFirst, b.now))
	require.NoError(t, b.store.StoreSinkMail(ctx, store.SinkMail{MessageID: "zed-msg-1@sink", To: canaryEmail, From: "sales@example.com",
		Subject: "Hi " + canaryFirst, Text: "Dear " + canaryFirst, HTML: "<p>Dear " + canaryFirst + "</p>"}))
	_, _, err = b.store.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: "zed-n2", ContactID: tp.ContactID, Template: "nurture-2",
		Kind: lead.EmailMarketing, To: canaryEmail, SendAfter: b.now})
	require.NoError(t, err)
	_, _, err = b.store.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: "zed-rep", ContactID: tp.ContactID, Template: "rep-new-lead",
		Kind: lead.EmailTransactional, To: "rep@reps.example.com", SendAfter: b.now})
	require.NoError(t, err)

	mg, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: "mailgun-events", Source: "mailgun", EventID: "zed-reply", ReceivedAt: b.now,
		Kind: lead.EventKindEngagement, Payload: []byte(`{"recipient":"` + canaryEmail + `"}`)})
	require.NoError(t, err)
	_, err = b.store.RecordEngagements(ctx, mg.ID, []lead.Engagement{
		{Kind: lead.EngagementReplied, MessageID: "zed-msg-1@sink", Email: canaryEmail, Text: canaryMessage, OccurredAt: b.now},
		{Kind: lead.EngagementUnsubscribed, Email: canaryEmail, OccurredAt: b.now},
	}, b.now)
	require.NoError(t, err)
	// A later submission still waiting in the queue (or dead-lettered):
	// no touchpoint links it to the contact, only the address it carries.
	_, _, err = b.store.InsertEvent(ctx, lead.Event{Connector: "generic", Source: "website", EventID: "zed-2", ReceivedAt: b.now,
		Payload: []byte(`{"data":{"email":"` + canaryEmail + `"}}`)})
	require.NoError(t, err)
	return tp.ContactID
}

func TestContactRecords(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	id := seedPerson(t, b)
	r, err := b.store.ContactRecords(ctx, id)
	require.NoError(t, err)
	require.Equal(t, canaryFirst, r.Contact.FirstName)
	require.Nil(t, r.Contact.ErasedAt)
	require.ElementsMatch(t, []string{canaryEmail, canaryPhone}, []string{r.Identities[0].Value, r.Identities[1].Value})
	require.Len(t, r.Touchpoints, 1)
	require.Equal(t, canaryMessage, r.Touchpoints[0].Message)
	require.JSONEq(t, `{"budget":"over_50k"}`, string(r.Touchpoints[0].Answers))
	require.Contains(t, r.Touchpoints[0].ConsentText, canaryFirst)
	require.Len(t, r.InboundEvents, 2, "the lead and the engagement webhook")
	require.Contains(t, string(r.InboundEvents[0].Payload), canaryMessage)
	require.NotEmpty(t, r.IdentityLedger)
	require.Len(t, r.Scores, 1)
	require.Contains(t, string(r.Scores[0].Breakdown), "from the message")
	require.Len(t, r.Deals, 1)
	require.Contains(t, r.Deals[0].Title, canaryLast)
	require.NotEmpty(t, r.StageHistory)
	require.Equal(t, r.Deals[0].ID, r.StageHistory[0].DealID)
	require.Equal(t, "called "+canaryFirst, r.Activities[0].Note)
	require.Len(t, r.Emails, 3)
	require.Len(t, r.SinkMail, 1)
	require.Len(t, r.Engagements, 2)
	require.Equal(t, []store.PersonSuppression{{Email: canaryEmail, Reason: "unsubscribed", CreatedAt: r.Suppressions[0].CreatedAt}}, r.Suppressions)
	require.Empty(t, r.Erasures)

	_, err = b.store.ContactRecords(ctx, id+1000)
	require.ErrorIs(t, err, store.ErrNotFound)
}

func TestEraseContact(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	id := seedPerson(t, b)
	// A next step a rep typed may name the person (migration 00042).
	_, err := b.pool.Exec(ctx, `UPDATE deals SET next_step = 'call ' || $2::text, next_step_on = '2026-01-05' WHERE contact_id = $1`, id, canaryFirst)
	require.NoError(t, err)
	before, err := b.store.Funnel(ctx, "utm_campaign", b.now.AddDate(-1, 0, 0), b.now.AddDate(1, 0, 0))
	require.NoError(t, err)

	beforeDump := dumpTables(t, b)
	er, err := b.store.EraseContact(ctx, id, "cli", b.now, erasurePolicy(t))
	require.NoError(t, err)
	require.NotZero(t, er.ID)
	require.Equal(t, int64(2), er.Rows["contact_identities"])
	require.Equal(t, int64(3), er.Rows["inbound_events"], "the linked lead and engagement, and the pending one found by address")
	tables := make([]string, 0, len(er.Rows))
	for table := range er.Rows {
		tables = append(tables, table)
	}
	require.ElementsMatch(t, privacy.PersonalTables, tables, "every table with personal data is reached")

	// Nothing personal is left in any column of any table (before the
	// erasure, every value is found somewhere: the search works).
	needles := []string{canaryEmail, canaryPhone, "4155550123", canaryFirst, canaryLast, canaryMessage}
	for _, n := range needles {
		require.Contains(t, beforeDump, strings.ToLower(n))
	}
	afterDump := dumpTables(t, b)
	for _, n := range needles {
		require.NotContains(t, afterDump, strings.ToLower(n))
	}

	tests := []struct {
		name  string
		query string
		want  string
	}{
		{"the contact row stays, marked erased", `SELECT (erased_at IS NOT NULL)::text || '/' || first_name FROM contacts WHERE id = $1`, "true/"},
		{"touchpoints stay with their campaign", `SELECT utm_campaign || '/' || consent_marketing FROM touchpoints WHERE contact_id = $1`, "spring/true"},
		{"deals stay with their stage", `SELECT d.title || '/' || s.name FROM deals d JOIN stages s ON s.id = d.stage_id WHERE d.contact_id = $1`, privacy.ErasedTitle + "/Qualification"},
		{"score points stay", `SELECT breakdown->'contributions'->0->>'points' FROM scores WHERE contact_id = $1`, "80"},
		{"the sent email's address is a hash", `SELECT left(to_address, 7) || status FROM email_outbox WHERE contact_id = $1 AND dedupe_key = 'zed-n1'`, "sha256:sent"},
		{"the pending marketing email is cancelled", `SELECT status FROM email_outbox WHERE contact_id = $1 AND dedupe_key = 'zed-n2'`, "cancelled"},
		{"the rep notification keeps the rep's address", `SELECT to_address FROM email_outbox WHERE contact_id = $1 AND dedupe_key = 'zed-rep'`, "rep@reps.example.com"},
		{"the unsubscribe moved to a hash with its reason", `SELECT reason FROM suppression_hashes`, "unsubscribed"},
		{"no plain suppression is left", `SELECT count(*)::text FROM suppressions`, "0"},
		{"the pending event is dead-lettered", `SELECT status || '/' || last_error FROM inbound_events WHERE event_id = 'zed-2'`, "failed/payload erased"},
		{"the erasure is recorded without personal data", `SELECT erased_by || '/' || contact_id FROM erasures`, fmt.Sprintf("cli/%d", id)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			q := tt.query
			args := []any{}
			if strings.Contains(q, "$1") {
				args = append(args, id)
			}
			require.NoError(t, b.pool.QueryRow(ctx, q, args...).Scan(&got))
			require.Equal(t, tt.want, got)
		})
	}

	after, err := b.store.Funnel(ctx, "utm_campaign", b.now.AddDate(-1, 0, 0), b.now.AddDate(1, 0, 0))
	require.NoError(t, err)
	require.Equal(t, before, after, "the funnel does not move")

	// The same person comes back: a new contact, and no marketing email.
	ev := b.event(t, "zed-3")
	tp, err := b.store.RecordLead(ctx, ev, person(canaryEmail, ""), b.now)
	require.NoError(t, err)
	require.NotEqual(t, id, tp.ContactID)
	e, _, err := b.store.QueueEmail(ctx, lead.OutboxEmail{DedupeKey: "zed-again", ContactID: tp.ContactID, Template: "nurture-1",
		Kind: lead.EmailMarketing, To: strings.ToUpper(canaryEmail), SendAfter: b.now})
	require.NoError(t, err)
	c, err := b.store.ClaimEmail(ctx, e.ID, lead.ClaimPolicy{Now: b.now})
	require.NoError(t, err)
	require.False(t, c.Send)
	require.Equal(t, lead.EmailSuppressed, c.Email.Status)
	require.Contains(t, c.Reason, "unsubscribed")

	// Erasing again is harmless and recorded again; an unknown id is not found.
	again, err := b.store.EraseContact(ctx, id, "api", b.now, erasurePolicy(t))
	require.NoError(t, err)
	require.NotEqual(t, er.ID, again.ID)
	_, err = b.store.EraseContact(ctx, id+1000, "cli", b.now, erasurePolicy(t))
	require.ErrorIs(t, err, store.ErrNotFound)

	x, err := b.store.ContactRecords(ctx, id)
	require.NoError(t, err)
	require.NotNil(t, x.Contact.ErasedAt)
	require.Empty(t, x.Identities)
	require.Len(t, x.Erasures, 2)
	require.Equal(t, "unsubscribed", x.Suppressions[0].Reason, "the hashed suppression is found through the outbox's hash")
	require.True(t, strings.HasPrefix(x.Suppressions[0].Email, "sha256:"))
}

// failingPolicy is the real policy with a score breakdown the database
// refuses (not JSON): the erasure fails after it has rewritten the ledger.
type failingPolicy struct{ privacy.ErasurePolicy }

func (failingPolicy) RedactBreakdown([]byte) []byte { return []byte("not json") }

func TestEraseContactIsOneTransaction(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	id := seedPerson(t, b)
	before := dumpTables(t, b)
	_, err := b.store.EraseContact(ctx, id, "cli", b.now, failingPolicy{erasurePolicy(t)})
	require.Error(t, err)
	require.Equal(t, before, dumpTables(t, b), "a failed erasure changes nothing")
	var ledger int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM identity_ledger WHERE identity_value LIKE 'erased:%'`).Scan(&ledger))
	require.Zero(t, ledger)
}

// lockProbe is the real policy that, when the erasure asks for its
// tombstone (inside its transaction, after it has taken its locks), tries
// each of keys from another connection and records which it got.
type lockProbe struct {
	privacy.ErasurePolicy
	t    *testing.T
	b    *testBundle
	keys []string
	got  map[string]bool
}

func (p lockProbe) Tombstone() []byte {
	ctx := context.Background()
	for _, key := range p.keys {
		tx, err := p.b.pool.Begin(ctx)
		require.NoError(p.t, err)
		var got bool
		// The same lock statement as identitydb's LockIdentities, tried.
		require.NoError(p.t, tx.QueryRow(ctx, `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))`, key).Scan(&got))
		require.NoError(p.t, tx.Rollback(ctx))
		p.got[key] = got
	}
	return p.ErasurePolicy.Tombstone()
}

// TestEraseContactLocksWhatRecordLeadLocks: while an erasure runs it holds
// the advisory lock on every key a lead of the same person locks
// (lead.LockKeys of its identities, as RecordLead takes them), so a lead
// arriving meanwhile waits for it rather than attaching to a half-erased
// contact.
func TestEraseContactLocksWhatRecordLeadLocks(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	l := person("ada@example.com", "+14155550100")
	tp, err := b.store.RecordLead(ctx, b.event(t, "lock-1"), l, b.now)
	require.NoError(t, err)
	keys := lead.LockKeys(lead.Identities(l))
	require.Equal(t, []string{"email:ada@example.com", "phone:+14155550100"}, keys)

	probe := lockProbe{ErasurePolicy: erasurePolicy(t), t: t, b: b, keys: keys, got: map[string]bool{}}
	_, err = b.store.EraseContact(ctx, tp.ContactID, "cli", b.now, probe)
	require.NoError(t, err)
	require.Equal(t, map[string]bool{"email:ada@example.com": false, "phone:+14155550100": false}, probe.got,
		"the erasure holds every lock RecordLead takes for this person")

	// Once it has committed, the locks are free again.
	for _, key := range keys {
		var got bool
		require.NoError(t, b.pool.QueryRow(ctx, `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))`, key).Scan(&got))
		require.True(t, got, key)
	}
}

// erasurePolicy is the policy the application erases with.
func erasurePolicy(t *testing.T) privacy.ErasurePolicy {
	t.Helper()
	p, err := privacy.NewErasurePolicy()
	require.NoError(t, err)
	return p
}

func TestContactByIdentity(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	tp, err := b.store.RecordLead(ctx, b.event(t, "cbi"), person("ada@example.com", "+14155550100"), b.now)
	require.NoError(t, err)
	tests := []struct {
		kind, value string
		found       bool
	}{
		{"email", "ada@example.com", true},
		{"phone", "+14155550100", true},
		{"email", "nobody@example.com", false},
		{"phone", "ada@example.com", false},
	}
	for _, tt := range tests {
		t.Run(tt.kind+" "+tt.value, func(t *testing.T) {
			id, err := b.store.ContactByIdentity(ctx, tt.kind, tt.value)
			if !tt.found {
				require.ErrorIs(t, err, store.ErrNotFound)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tp.ContactID, id)
		})
	}
}

// dumpTables returns every row of every table as text, lower-cased, with
// the raw inbound payloads (bytea prints as hex in a row's text) decoded.
func dumpTables(t *testing.T, b *testBundle) string {
	t.Helper()
	ctx := context.Background()
	rows, err := b.pool.Query(ctx, `
		SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
	require.NoError(t, err)
	var tables []string
	for rows.Next() {
		var name string
		require.NoError(t, rows.Scan(&name))
		tables = append(tables, name)
	}
	require.NoError(t, rows.Err())
	var all strings.Builder
	for _, table := range tables {
		var dump string
		require.NoError(t, b.pool.QueryRow(ctx, fmt.Sprintf(`SELECT COALESCE(string_agg(t::text, E'\n'), '') FROM %q t`, table)).Scan(&dump))
		all.WriteString(dump + "\n")
	}
	var payloads []byte
	require.NoError(t, b.pool.QueryRow(ctx, `
		SELECT COALESCE(string_agg(payload || COALESCE(fetched_payload, ''::bytea), '\x0a'::bytea), ''::bytea) FROM inbound_events`).Scan(&payloads))
	all.Write(payloads)
	return strings.ToLower(all.String())
}

// TestContactDetailAndRecordsShareRows: the rep API's contact and the
// privacy export read a person's identities and touchpoints with the same
// queries into the same rows; only the identities' order differs — by
// kind for the rep API, oldest first for the export.
func TestContactDetailAndRecordsShareRows(t *testing.T) {
	b := setup(t)
	ctx := context.Background()
	// The phone comes first; the email joins with a later lead.
	first, err := b.store.RecordLead(ctx, b.event(t, "share-1"), person("", "+14155550100"), b.now)
	require.NoError(t, err)
	second, err := b.store.RecordLead(ctx, b.event(t, "share-2"), person("ada@example.com", "+14155550100"), b.now.Add(time.Minute))
	require.NoError(t, err)
	require.Equal(t, first.ContactID, second.ContactID)

	detail, err := b.store.ContactDetail(ctx, first.ContactID)
	require.NoError(t, err)
	records, err := b.store.ContactRecords(ctx, first.ContactID)
	require.NoError(t, err)

	require.Equal(t, records.Touchpoints, detail.Touchpoints)
	require.Len(t, records.Touchpoints, 2)
	require.Equal(t, []string{"phone", "email"}, kinds(records.Identities), "the export lists them oldest first")
	require.Equal(t, []string{"email", "phone"}, kinds(detail.Identities), "the rep API lists them by kind")
	require.ElementsMatch(t, records.Identities, detail.Identities)
}

func kinds(ids []store.Identity) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.Kind
	}
	return out
}
