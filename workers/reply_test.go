package workers_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/email"
	"leadflow/lead"
	"leadflow/pipeline"
	"leadflow/workers"
)

const replyTestSigningKey = "reply-test-signing-key-0123456789"

// withReplies configures email with a reply-forwarding template and
// registers the Mailgun inbound connector next to the generic one.
func (b *testBundle) withReplies(t *testing.T, sender email.Sender) *connectors.MailgunInbound {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"rep-lead-replied.subject.tmpl": `{{or .Contact.FirstName "A lead"}} replied`,
		"rep-lead-replied.txt.tmpl":     "They wrote:\n{{.Message}}\n",
		"rep-lead-replied.html.tmpl":    `<p>They wrote:</p><blockquote>{{.Message}}</blockquote>`,
		"kinds.txt":                     "rep-lead-replied transactional\n",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600))
	}
	tmpl, err := email.LoadTemplates(dir)
	require.NoError(t, err)
	gen, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: []string{"whsec_c3RhbmRhcmQtd2ViaG9va3MtdGVzdC1rZXktMzJieXQ="}})
	require.NoError(t, err)
	in, err := connectors.NewMailgunInbound(connectors.MailgunConfig{SigningKey: replyTestSigningKey})
	require.NoError(t, err)
	b.reg, err = connectors.NewRegistry(gen, in)
	require.NoError(t, err)
	b.reconfigure(t, workers.EmailConfig{Templates: tmpl, Sender: sender, From: "Sales <sales@mg.example.test>",
		Nurture: map[string][]workers.NurtureStep{"default": {{Template: "nurture-1"}, {Template: "nurture-2", After: 72 * time.Hour}}},
	}, workers.Routing{})
	return in
}

// inboundEmail stores an email posted by the Mailgun route, as the HTTP
// layer would, and runs its ingest task.
func (b *testBundle) inboundEmail(t *testing.T, in *connectors.MailgunInbound, fields url.Values) lead.Event {
	t.Helper()
	ctx := context.Background()
	stamp := strconv.FormatInt(b.now.Unix(), 10)
	token := "tok-" + fields.Get("Message-Id")
	fields.Set("timestamp", stamp)
	fields.Set("token", token)
	fields.Set("signature", connectors.SignMailgun(replyTestSigningKey, stamp, token))
	h := http.Header{}
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	req := &connectors.Request{Method: http.MethodPost, Header: h, Body: []byte(fields.Encode())}
	require.NoError(t, in.Verify(req, b.now))
	ds, err := in.Parse(req)
	require.NoError(t, err)
	kind := lead.EventKindLead
	if ds[0].Type == connectors.DeliveryEngagement {
		kind = lead.EventKindEngagement
	}
	ev, _, err := b.store.InsertEvent(ctx, lead.Event{Connector: connectors.MailgunInboundName, Source: ds[0].Source,
		EventID: ds[0].EventID, ReceivedAt: b.now, Payload: ds[0].Payload, Kind: kind})
	require.NoError(t, err)
	require.NoError(t, b.handlers.Ingest(ctx, ingestTask(t, ev)))
	return ev
}

// TestRepliesComeBackFilteredAndRouted: lead-facing email carries the
// reply+<ref>@ Reply-To; an out-of-office answer to it is recorded as an
// auto-reply (no points, nurture goes on, nobody told); a real reply stops
// nurture and is forwarded to the deal's owner, once.
func TestRepliesComeBackFilteredAndRouted(t *testing.T) {
	b := setup(t)
	sender := &countingSender{}
	in := b.withReplies(t, sender)
	ctx := context.Background()
	b.ingestAda(t)
	b.drain(t)
	require.Equal(t, int64(1), sender.n.Load(), "nurture step 1")
	ref, err := b.store.ContactRef(ctx, 1)
	require.NoError(t, err)
	replyTo := "reply+" + ref + "@mg.example.test"
	require.Equal(t, replyTo, sender.msgs[0].Headers["Reply-To"], "answers come back through the inbound route")

	// Out of office: recorded, but it is not Ada talking.
	b.now = b.now.Add(time.Minute)
	b.inboundEmail(t, in, url.Values{"recipient": {replyTo}, "from": {"Ada <ada@example.com>"}, "Message-Id": {"<ooo@example.com>"},
		"subject": {"Automatic reply: Welcome"}, "stripped-text": {"I am out of the office until Monday."},
		"message-headers": {`[["Auto-Submitted","auto-replied"],["X-Autoreply","yes"]]`}})
	b.drain(t)
	var kind string
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT kind FROM engagement_events ORDER BY id DESC LIMIT 1`).Scan(&kind))
	require.Equal(t, lead.EngagementAutoReplied, kind)
	var nurture string
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT status FROM nurture_enrollments WHERE contact_id = 1`).Scan(&nurture))
	require.Equal(t, "active", nurture, "an auto-reply does not stop nurture")
	acts, err := b.store.ContactActivity(ctx, 1, b.now.Add(-time.Hour))
	require.NoError(t, err)
	for _, a := range acts {
		require.NotEqual(t, lead.EngagementAutoReplied, a.Kind, "an auto-reply scores nothing")
		require.NotEqual(t, lead.EngagementReplied, a.Kind, "an auto-reply scores nothing")
	}
	require.Equal(t, int64(1), sender.n.Load(), "nobody is told of an auto-reply")

	// Ada has a deal with a rep now; her real reply goes to that rep.
	_, err = b.store.UpsertRep(ctx, lead.Rep{Name: "Rita Rep", Email: "rita@reps.example.com", Active: true, Capacity: 5})
	require.NoError(t, err)
	_, _, err = b.store.CreateDeal(ctx, lead.DealRequest{ContactID: 1, Pipeline: "Sales", Stage: "Qualification", Now: b.now}, pipeline.RoundRobin)
	require.NoError(t, err)
	b.now = b.now.Add(time.Minute)
	reply := url.Values{"recipient": {replyTo}, "from": {"Ada <ada@example.com>"}, "Message-Id": {"<real@example.com>"},
		"subject": {"Re: Welcome"}, "stripped-text": {"Yes, can we talk on Thursday?"}}
	replyEv := b.inboundEmail(t, in, reply)
	require.NoError(t, b.handlers.Ingest(ctx, ingestTask(t, replyEv)), "a retried task forwards nothing twice")
	b.drain(t)
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT status FROM nurture_enrollments WHERE contact_id = 1`).Scan(&nurture))
	require.NotEqual(t, "active", nurture, "a reply stops nurture")
	var forwarded []email.Message
	sender.mu.Lock()
	for _, m := range sender.msgs {
		if m.To == "rita@reps.example.com" {
			forwarded = append(forwarded, m)
		}
	}
	sender.mu.Unlock()
	require.Len(t, forwarded, 1, "the owner is told once")
	require.Contains(t, forwarded[0].Text, "Yes, can we talk on Thursday?")
	require.Equal(t, "Ada replied", forwarded[0].Subject)
}
