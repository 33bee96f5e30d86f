package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/internal/localsvc"
	"leadflow/internal/testenv"
)

// privacyPerson is the person of TestPrivacyExportAndErase: every value
// distinctive, so a substring search of a database dump finds any copy.
var privacyPerson = struct {
	first, last, email, phone, e164, digits, message string
}{
	first: "Octavia", last: "Brindlewood",
	email: "Octavia.Brindle7319@Example-Privacy.test",
	phone: "(415) 555-0187", e164: "+14155550187", digits: "4155550187",
	message: "Octavia Brindlewood here: we need a routing tool for our 40 reps this month",
}

// privacyLead is a generic lead.created body for the person: the first
// touch gives the email only (cold, nurtured), the second adds phone,
// company, strong answers and a message (hot).
func privacyLead(hot bool, email string) []byte {
	p := privacyPerson
	data := map[string]any{
		"source": "website-contact-form", "first_name": p.first, "last_name": p.last, "email": email,
		"utm":     map[string]string{"source": "google", "medium": "cpc", "campaign": "privacy-spring"},
		"consent": map[string]any{"marketing": true, "text": "I agree to receive email"},
	}
	if hot {
		data["phone"], data["company"], data["title"], data["message"] = p.phone, "Brindlewood Logistics", "CEO", p.message
		data["answers"] = map[string]string{"budget": "over_50k", "authority": "decision_maker", "need": "urgent", "timeline": "this_month"}
	}
	b, _ := json.Marshal(map[string]any{"type": "lead.created", "timestamp": time.Now().UTC().Format(time.RFC3339), "data": data})
	return b
}

// cli runs leadflow with args and returns its exit code, stdout and stderr.
func cli(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestPrivacyExportAndErase: one person across two webhooks (email, then
// email + phone with a message naming them) becomes a deal, gets email
// through the local sink and clicks; the export holds all of it; after
// the erasure a pg_dump of the whole database holds none of their email,
// phone, name or message, the funnel has not moved, and a new nurture
// email to the same address is suppressed. It sets the process
// environment for the CLI, so it does not run in parallel.
func TestPrivacyExportAndErase(t *testing.T) {
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	p := privacyPerson
	env := map[string]string{config.EnvAPITokens: serviceToken, config.EnvMailgunSigningKey: mailgunKey}
	b := setupWith(t, dbURL, redisURL, options{env: env})
	t.Setenv(config.EnvDatabaseURL, dbURL)
	t.Setenv(config.EnvRedisURL, redisURL)

	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_priv_1", time.Now(), privacyLead(false, p.email)).Status)
	b.waitRouted(t, 1)
	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_priv_2", time.Now(), privacyLead(true, strings.ToLower(p.email))).Status)
	b.waitRouted(t, 2)
	require.Equal(t, []string{"1"}, b.query(t, `SELECT count(*) FROM contacts`), "both webhooks are one person")
	require.Equal(t, []string{"1"}, b.query(t, `SELECT count(*) FROM deals`))
	contactID, ref := b.query(t, `SELECT id FROM contacts`)[0], b.query(t, `SELECT ref FROM contacts`)[0]
	dealID := b.query(t, `SELECT id FROM deals`)[0]

	code, body := b.send(t, "POST", "/v1/webhooks/mailgun/events", mailgunClicked(t, time.Now(), "evt-priv-1", p.email, ref),
		map[string]string{"Content-Type": "application/json"})
	require.Equal(t, http.StatusOK, code, body)
	status, _ := b.call(t, "POST", "/v1/deals/"+dealID+"/activities", serviceToken,
		map[string]any{"kind": "call", "note": "Spoke with " + p.first + " " + p.last})
	require.Equal(t, http.StatusCreated, status)
	b.waitEvents(t, 3)
	require.Eventually(t, func() bool {
		return len(b.query(t, `SELECT 1 FROM engagement_events WHERE contact_id = $1`, contactID)) == 1 &&
			len(b.query(t, `SELECT 1 FROM mail_sink WHERE lower(to_address) = lower($1)`, p.email)) >= 1
	}, 20*time.Second, 50*time.Millisecond, "the click is recorded and an email reached the sink")
	b.waitRouted(t, 2)

	// Export over the API: every section holds what it should.
	status, doc := b.call(t, "GET", "/v1/contacts/"+contactID+"/export", serviceToken, nil)
	require.Equal(t, http.StatusOK, status, doc)
	raw, err := json.Marshal(doc)
	require.NoError(t, err)
	var x struct {
		Format  string `json:"format"`
		Contact struct {
			FirstName string `json:"first_name"`
			LastName  string `json:"last_name"`
		} `json:"contact"`
		Identities  []struct{ Kind, Value string } `json:"identities"`
		Touchpoints []struct {
			Message     string                   `json:"message"`
			UTMCampaign string                   `json:"utm_campaign"`
			Answers     json.RawMessage          `json:"answers"`
			Consent     struct{ Marketing bool } `json:"consent"`
		} `json:"touchpoints"`
		InboundEvents []struct {
			Connector string          `json:"connector"`
			Payload   json.RawMessage `json:"payload"`
		} `json:"inbound_events"`
		IdentityLedger []struct{ Decision string } `json:"identity_ledger"`
		Scores         []struct {
			Band      string          `json:"band"`
			Breakdown json.RawMessage `json:"breakdown"`
		} `json:"scores"`
		Deals []struct {
			Title        string                  `json:"title"`
			StageHistory []json.RawMessage       `json:"stage_history"`
			Activities   []struct{ Note string } `json:"activities"`
		} `json:"deals"`
		NurtureEnrollments []struct{ Program string }      `json:"nurture_enrollments"`
		Emails             []struct{ Template, To string } `json:"emails"`
		SinkMail           []struct{ To, Text string }     `json:"sink_mail"`
		Engagements        []struct{ Kind, URL string }    `json:"engagements"`
		Suppressions       []json.RawMessage               `json:"suppressions"`
		Erasures           []json.RawMessage               `json:"erasures"`
	}
	require.NoError(t, json.Unmarshal(raw, &x))
	require.Equal(t, "leadflow.contact-export.v1", x.Format)
	require.Equal(t, p.first, x.Contact.FirstName)
	require.Equal(t, p.last, x.Contact.LastName)
	require.ElementsMatch(t, []string{"email " + strings.ToLower(p.email), "phone " + p.e164},
		[]string{x.Identities[0].Kind + " " + x.Identities[0].Value, x.Identities[1].Kind + " " + x.Identities[1].Value})
	require.Len(t, x.Touchpoints, 2)
	require.Equal(t, p.message, x.Touchpoints[1].Message)
	require.Equal(t, "privacy-spring", x.Touchpoints[0].UTMCampaign)
	require.Contains(t, string(x.Touchpoints[1].Answers), "over_50k")
	require.True(t, x.Touchpoints[0].Consent.Marketing)
	require.Len(t, x.InboundEvents, 3, "two leads and the click")
	require.Contains(t, string(x.InboundEvents[1].Payload), p.message, "the raw webhook, as received")
	require.NotEmpty(t, x.IdentityLedger)
	require.GreaterOrEqual(t, len(x.Scores), 2)
	require.Contains(t, string(x.Scores[len(x.Scores)-1].Breakdown), "contributions")
	require.Len(t, x.Deals, 1)
	require.Contains(t, x.Deals[0].Title, p.last)
	require.NotEmpty(t, x.Deals[0].StageHistory)
	require.Contains(t, x.Deals[0].Activities[0].Note, p.first)
	require.NotEmpty(t, x.NurtureEnrollments)
	require.NotEmpty(t, x.Emails)
	require.NotEmpty(t, x.SinkMail)
	require.Equal(t, "clicked", x.Engagements[0].Kind)
	require.Empty(t, x.Suppressions)
	require.Empty(t, x.Erasures)

	// The CLI finds the same person by phone, as typed, and prints the
	// same document; an unknown person is named in the error.
	code, out, errOut := cli("contacts", "export", p.phone)
	require.Zero(t, code, errOut)
	require.Contains(t, out, `"first_name": "`+p.first+`"`)
	require.Contains(t, out, `"id": `+contactID+`,`)
	code, _, errOut = cli("contacts", "export", "nobody@example.com")
	require.Equal(t, 1, code)
	require.Contains(t, errOut, `no contact with email address "nobody@example.com"`)

	// Erasure: refused without --yes when nobody can confirm; a rep may
	// not ask for it.
	stdin = strings.NewReader("erase\n")
	t.Cleanup(func() { stdin = os.Stdin })
	code, _, errOut = cli("contacts", "erase", contactID)
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "pass --yes")
	funnel := func() string {
		code, out, errOut := cli("report", "funnel", "--by", "utm_campaign", "--format", "json")
		require.Zero(t, code, errOut)
		return out
	}
	before := funnel()
	require.Contains(t, before, "privacy-spring")

	// Nothing of theirs may be left anywhere in the database afterwards:
	// first prove that a dump finds every value while it is there (bytea,
	// the raw payloads, is dumped as hex).
	needles := []string{p.email, p.phone, p.e164, p.digits, p.first, p.last, p.message}
	found := func(dump, n string) bool {
		return strings.Contains(dump, strings.ToLower(n)) || strings.Contains(dump, hex.EncodeToString([]byte(n))) ||
			strings.Contains(dump, hex.EncodeToString([]byte(strings.ToLower(n))))
	}
	dump := pgDump(t, dbURL)
	for _, n := range needles {
		require.True(t, found(dump, n), "the dump holds %q before the erasure", n)
	}

	code, out, errOut = cli("contacts", "erase", strings.ToUpper(p.email), "--yes")
	require.Zero(t, code, errOut)
	require.Contains(t, out, "erased contact "+contactID)
	require.Equal(t, before, funnel(), "the funnel's numbers do not move")

	dump = pgDump(t, dbURL)
	for _, n := range needles {
		require.False(t, found(dump, n), "the dump still holds %q after the erasure", n)
	}
	require.Equal(t, []string{"cli"}, b.query(t, `SELECT erased_by FROM erasures WHERE contact_id = $1`, contactID))
	status, doc = b.call(t, "GET", "/v1/contacts/"+contactID+"/export", serviceToken, nil)
	require.Equal(t, http.StatusOK, status)
	require.NotNil(t, doc["contact"].(map[string]any)["erased_at"])

	// They come back: a new contact, whose nurture email is suppressed.
	sinkBefore := b.query(t, `SELECT count(*) FROM mail_sink`)
	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_priv_3", time.Now(), privacyLead(false, p.email)).Status)
	require.Eventually(t, func() bool {
		return len(b.query(t, `
			SELECT 1 FROM email_outbox o JOIN contacts c ON c.id = o.contact_id
			WHERE c.erased_at IS NULL AND o.template = 'nurture-1' AND o.status = 'suppressed' AND o.last_error LIKE 'address suppressed%'`)) == 1
	}, 20*time.Second, 50*time.Millisecond, "the new nurture email is suppressed at claim time")
	require.Equal(t, sinkBefore, b.query(t, `SELECT count(*) FROM mail_sink`), "nothing was sent")
}

// pgDump returns a data-only plain SQL dump of the database, lower-cased.
func pgDump(t *testing.T, dbURL string) string {
	t.Helper()
	bin, err := localsvc.FindPostgresBin()
	require.NoError(t, err)
	cmd := exec.Command(filepath.Join(bin, "pg_dump"), "--data-only", "--no-owner", "--no-privileges", "--dbname="+dbURL)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Run(), errOut.String())
	require.Contains(t, out.String(), "COPY ", "a real dump")
	return strings.ToLower(out.String())
}
