package connectors_test

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/lead"
)

// TestMailgunInboundAutoReplies: automatic answers to our email (RFC 3834
// headers, the de-facto X- headers, Precedence, the subjects of common
// mail systems in several languages) become auto_replied engagements, and
// a person's reply, including one that merely mentions an office, stays a
// reply.
func TestMailgunInboundAutoReplies(t *testing.T) {
	t.Parallel()
	c := newMailgunInbound(t)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	headers := func(kv ...string) string {
		var pairs [][]string
		for i := 0; i+1 < len(kv); i += 2 {
			pairs = append(pairs, []string{kv[i], kv[i+1]})
		}
		b, err := json.Marshal(pairs)
		require.NoError(t, err)
		return string(b)
	}
	for _, tt := range []struct {
		name    string
		subject string
		headers string
		auto    bool
	}{
		{name: "Auto-Submitted auto-replied", subject: "Re: Your demo", headers: headers("Auto-Submitted", "auto-replied"), auto: true},
		{name: "Auto-Submitted auto-generated with comment", subject: "Hello", headers: headers("auto-submitted", "auto-generated (vacation)"), auto: true},
		{name: "Auto-Submitted no is a person", subject: "Re: Your demo", headers: headers("Auto-Submitted", "no"), auto: false},
		{name: "X-Autoreply", subject: "Re: Your demo", headers: headers("X-Autoreply", "yes"), auto: true},
		{name: "X-Autorespond", subject: "Re: Your demo", headers: headers("X-Autorespond", "Vacation"), auto: true},
		{name: "Precedence auto_reply", subject: "Re: Your demo", headers: headers("Precedence", "auto_reply"), auto: true},
		{name: "Precedence bulk", subject: "Re: Your demo", headers: headers("Precedence", "bulk"), auto: true},
		{name: "Precedence junk", subject: "Re: Your demo", headers: headers("Precedence", "junk"), auto: true},
		{name: "Out of office subject", subject: "Out of Office: Your demo", auto: true},
		{name: "Outlook automatic reply", subject: "Automatic reply: Your demo", auto: true},
		{name: "German", subject: "Abwesenheitsnotiz: Ihre Demo", auto: true},
		{name: "French", subject: "Réponse automatique : Votre démo", auto: true},
		{name: "Spanish", subject: "Respuesta automática: Su demo", auto: true},
		{name: "Spanish without accent", subject: "RE: Respuesta automatica", auto: true},
		{name: "Notes", subject: "Auto: Your demo", auto: true},
		{name: "a person's reply", subject: "Re: Your demo", auto: false},
		{name: "a person mentions the office", subject: "Re: Back in the office on Monday", auto: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fields := url.Values{
				"recipient": {"reply+lead_42@mg.example.test"}, "from": {"Bob <bob@example.com>"},
				"Message-Id": {"<" + url.QueryEscape(tt.name) + "@example.com>"}, "In-Reply-To": {"<ours@mg.example.test>"},
				"subject": {tt.subject}, "stripped-text": {"I am away until Monday."},
			}
			if tt.headers != "" {
				fields.Set("message-headers", tt.headers)
			}
			_, _, es := mgRunInbound(t, c, mgSignedForm(now, fields), now.Add(time.Second))
			require.Len(t, es, 1)
			want := lead.EngagementReplied
			if tt.auto {
				want = lead.EngagementAutoReplied
			}
			require.Equal(t, want, es[0].Kind)
			require.Equal(t, "lead_42", es[0].ContactRef, "an auto-reply is still recorded against its contact")

			// The same email to another address is a lead carrying the mark,
			// for the worker's In-Reply-To path.
			fields.Set("recipient", "sales@mg.example.test")
			fields.Set("Message-Id", "<lead-"+url.QueryEscape(tt.name)+"@example.com>")
			_, leads, _ := mgRunInbound(t, c, mgSignedForm(now, fields), now.Add(time.Second))
			require.Len(t, leads, 1)
			if tt.auto {
				require.Equal(t, true, leads[0].Attributes[connectors.MailgunAutoReplyAttribute])
			} else {
				require.NotContains(t, leads[0].Attributes, connectors.MailgunAutoReplyAttribute)
			}
		})
	}
}
