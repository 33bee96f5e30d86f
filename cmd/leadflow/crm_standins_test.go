package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/crm"
	"leadflow/crm/hubspot/hubspottest"
	"leadflow/crm/odoo/odootest"
	"leadflow/crmsync"
	"leadflow/internal/testenv"
)

// standinsYAML is the binary's own crm section pointed at the two
// stand-ins, as an operator would write it for Odoo and HubSpot
// (docs/odoo.md, docs/hubspot.md); the credentials come from the
// environment. The lost reasons are the ones the stand-ins' reps give.
func standinsYAML(odooURL, hubspotURL string) string {
	return fmt.Sprintf(`routing:
  lost_reasons: [price, timing, competitor, Too expensive, Went with a competitor]
crm:
  push_every: 1s
  pull_every: 10s
  odoo:
    enabled: true
    url: %s
    database: leadflow
    username: leadflow-api@example.com
    stages:
      Prospecting: New
      Qualification: Qualified
      Initial contact: Qualified
      Value proposition: Proposition
      Negotiation: Proposition
      Won: Won
    owners:
      one@reps.example.com: ana@example.com
  hubspot:
    enabled: true
    base_url: %s
    app_id: %q
    pipeline: default
    stages:
      Prospecting: appointmentscheduled
      Qualification: qualifiedtobuy
      Initial contact: presentationscheduled
      Value proposition: decisionmakerboughtin
      Negotiation: contractsent
      Won: closedwon
      Lost: closedlost
    owners:
      one@reps.example.com: alice@example.com
    currency: USD
`, odooURL, hubspotURL, hubspottest.DefaultAppID)
}

// hotLeadBody is leadBody's hot lead as person n (its own name and
// phone: leadBody's shared phone would merge them into one contact) under
// its own campaign, so each lead is one row of the reports.
func hotLeadBody(n int, email, campaign string) []byte {
	var body map[string]any
	_ = json.Unmarshal(leadBody(email, true), &body) // leadBody always encodes
	data := body["data"].(map[string]any)
	data["utm"].(map[string]any)["campaign"] = campaign
	data["phone"] = fmt.Sprintf("+1 555 555 02%02d", n)
	data["name"] = fmt.Sprintf("Ada Example%d", n)
	b, _ := json.Marshal(body)
	return b
}

// sumMetric sums the samples of name whose labels contain every pair.
func (b *testBundle) sumMetric(t *testing.T, name string, labels ...string) float64 {
	t.Helper()
	_, body := b.get(t, "/metrics")
	var sum float64
	for _, m := range regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(name)+`\{([^}]*)\} (\S+)$`).FindAllStringSubmatch(body, -1) {
		ok := true
		for _, l := range labels {
			ok = ok && strings.Contains(m[1], l)
		}
		if ok {
			v, err := strconv.ParseFloat(m[2], 64)
			require.NoError(t, err)
			sum += v
		}
	}
	return sum
}

// TestCRMSyncWithTheStandIns is issue 21's acceptance through the binary's
// configuration, against the Odoo and HubSpot stand-ins (which follow the
// providers' documented shapes): a hot lead becomes an opportunity in Odoo
// (partner linked, stage mapped, expected revenue, owner) and a contact
// with an associated deal in HubSpot, once each, within seconds; a 429
// burst from each CRM during a push still leaves one record each; a deal
// won in Odoo (found by crm:pull's polling) and one won in HubSpot (its
// signed webhook), and one lost in each with its reason, show in
// `leadflow report funnel` and `attribution`; `leadflow sync status`
// ends with nothing pending for either target.
func TestCRMSyncWithTheStandIns(t *testing.T) {
	// Not parallel: the CLI reads the process environment.
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	ctx := context.Background()
	odoo := odootest.New(t, odootest.Config{Currency: "USD"})
	hs := hubspottest.New(hubspottest.Config{})
	t.Cleanup(hs.Close)
	yaml := filepath.Join(t.TempDir(), "leadflow.yaml")
	require.NoError(t, os.WriteFile(yaml, []byte(standinsYAML(odoo.URL, hs.URL)), 0o600))
	// HubSpot calls (and signs) the address the operator registered, the
	// public one; a proxy forwards it to the server.
	const publicURL = "https://leads.example.com"
	b := setupWith(t, dbURL, redisURL, options{env: map[string]string{
		config.EnvConfigFile:          yaml,
		config.EnvOdooAPIKey:          odoo.APIKey(),
		config.EnvHubSpotToken:        hs.Token(),
		config.EnvHubSpotClientSecret: hs.ClientSecret(),
		config.EnvPublicURL:           publicURL,
	}})

	type pushed struct {
		dealID, contactID, amountCents int64
		odoo                           odootest.Lead
		hubspot                        hubspottest.Record
	}
	// inBoth waits for the lead's deal in both CRMs and checks what each
	// holds: the mapped stage, the owner, the amount, the link to the
	// contact.
	inBoth := func(t *testing.T, email string) pushed {
		t.Helper()
		var p pushed
		require.Eventually(t, func() bool {
			err := b.pool.QueryRow(ctx, `SELECT d.id, d.contact_id, d.amount_cents FROM deals d
				JOIN contact_identities i ON i.contact_id = d.contact_id AND i.kind = 'email' WHERE i.value = $1`, email).Scan(&p.dealID, &p.contactID, &p.amountCents)
			return err == nil
		}, 20*time.Second, 20*time.Millisecond, "no deal for %s", email)
		dealKey, contactKey := crmsync.DealKey(p.dealID), crmsync.ContactKey(p.contactID)
		require.Eventually(t, func() bool {
			_, inOdoo := odoo.LeadByKey(dealKey)
			_, inHubSpot := hs.Get("deals", dealKey)
			return inOdoo && inHubSpot && len(hs.AssociatedContacts(dealKey)) == 1
		}, 60*time.Second, 20*time.Millisecond, "the deal of %s did not reach both CRMs", email)

		p.odoo, _ = odoo.LeadByKey(dealKey)
		partner, ok := odoo.PartnerByRef(contactKey)
		require.True(t, ok, "the contact is a res.partner keyed by ref")
		require.Equal(t, email, partner.Email)
		require.Equal(t, "opportunity", p.odoo.Type)
		require.Equal(t, partner.ID, p.odoo.PartnerID, "the opportunity is linked to its partner")
		require.Equal(t, "Qualified", p.odoo.Stage, "leadflow's Qualification mapped to Odoo's Qualified")
		require.Equal(t, odootest.RepUserID, p.odoo.UserID, "the rep mapped to the Odoo user")
		require.InDelta(t, float64(p.amountCents)/100, p.odoo.ExpectedRevenue, 0.001, "expected revenue is the deal's amount")
		require.Positive(t, p.odoo.ExpectedRevenue)

		p.hubspot, _ = hs.Get("deals", dealKey)
		contact, ok := hs.Get("contacts", contactKey)
		require.True(t, ok, "the contact is upserted by its key")
		require.Equal(t, email, contact.Properties["email"])
		require.Equal(t, []string{contact.ID}, hs.AssociatedContacts(dealKey), "the deal is associated with its contact")
		require.Equal(t, "qualifiedtobuy", p.hubspot.Properties["dealstage"])
		require.Equal(t, "default", p.hubspot.Properties["pipeline"])
		require.Equal(t, "101", p.hubspot.Properties["hubspot_owner_id"], "the rep mapped to alice's owner id")
		amount, err := strconv.ParseFloat(p.hubspot.Properties["amount"], 64)
		require.NoError(t, err)
		require.InDelta(t, float64(p.amountCents)/100, amount, 0.001)
		return p
	}
	counts := func() (odooLeads, odooPartners, hsContacts, hsDeals int) {
		return len(odoo.Leads()), len(odoo.Partners()), hs.Count("contacts"), hs.Count("deals")
	}

	// 1. A hot lead reaches both CRMs within seconds, once each.
	start := time.Now()
	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_standins_a", time.Now(), hotLeadBody(0, "odoo-won@example.com", "odoo-won")).Status)
	wonInOdoo := inBoth(t, "odoo-won@example.com")
	t.Logf("hot lead in both CRMs %s after its webhook", time.Since(start).Round(time.Millisecond))

	// 2. A 429 burst from each CRM while the next leads are pushed: the
	// batch is retried after the wait each asks for, and the upserts by
	// key leave one record each. HubSpot's burst lets the contacts call
	// through and refuses the deals call, so the contacts are sent twice.
	odoo.FailNext(2, http.StatusTooManyRequests, "1")
	hs.FailNext(1, hubspottest.Pass)
	hs.FailNext(2, hubspottest.TenSecondly)
	start = time.Now()
	for i, email := range []string{"hubspot-won@example.com", "odoo-lost@example.com", "hubspot-lost@example.com"} {
		body := hotLeadBody(i+1, email, strings.TrimSuffix(email, "@example.com"))
		require.Equal(t, http.StatusAccepted, b.post(t, testSecret, fmt.Sprintf("msg_standins_%d", i), time.Now(), body).Status)
	}
	wonInHubSpot := inBoth(t, "hubspot-won@example.com")
	lostInOdoo := inBoth(t, "odoo-lost@example.com")
	lostInHubSpot := inBoth(t, "hubspot-lost@example.com")
	t.Logf("three hot leads in both CRMs through a 429 burst %s after their webhooks", time.Since(start).Round(time.Millisecond))
	for _, target := range []string{"odoo", "hubspot"} {
		require.Positive(t, b.sumMetric(t, "leadflow_crm_sync_failed_total", `class="rate_limited"`, `target="`+target+`"`),
			"the burst reached %s's push", target)
	}
	ol, op, hc, hd := counts()
	require.Equal(t, []int{4, 4, 4, 4}, []int{ol, op, hc, hd}, "one opportunity, partner, contact and deal per hot lead")

	// 3. Reps close deals in the CRMs. Odoo's edits are found by polling
	// from the cursor of its first poll: wait for it, so the edits are
	// after it. The edits are a second ahead of leadflow's deals, as a
	// rep's click comes after the deal reached the CRM.
	require.Eventually(t, func() bool {
		var cursor string
		err := b.pool.QueryRow(ctx, `SELECT pull_cursor FROM crm_targets WHERE name = 'odoo'`).Scan(&cursor)
		return err == nil && cursor != ""
	}, 30*time.Second, 50*time.Millisecond, "odoo was never polled")
	edited := time.Now()
	at := edited.Add(time.Second)
	require.NoError(t, odoo.MarkWon(wonInOdoo.odoo.ID, 12500, at))
	require.NoError(t, odoo.MarkLost(lostInOdoo.odoo.ID, "Too expensive", at))
	webhookURL := publicURL + "/webhooks/crm/hubspot"
	won, err := hs.WonDelivery(webhookURL, crmsync.DealKey(wonInHubSpot.dealID), "8800.50", at)
	require.NoError(t, err)
	lost, err := hs.LostDelivery(webhookURL, crmsync.DealKey(lostInHubSpot.dealID), "Went with a competitor", at)
	require.NoError(t, err)
	for _, d := range []crm.Delivery{won, lost} {
		req, err := http.NewRequest(d.Method, b.baseURL+"/webhooks/crm/hubspot", bytes.NewReader(d.Body))
		require.NoError(t, err)
		req.Header = d.Header
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusNoContent, res.StatusCode, "the signed delivery is accepted")
	}
	type outcome struct {
		stage      string
		closed     bool
		cents      int64
		lostReason string
		changedBy  string
	}
	dealOutcome := func(id int64) outcome {
		var o outcome
		_ = b.pool.QueryRow(ctx, `SELECT s.name, d.closed_at IS NOT NULL, d.amount_cents, COALESCE(d.lost_reason, ''),
				COALESCE((SELECT changed_by FROM deal_stage_history h WHERE h.deal_id = d.id ORDER BY h.id DESC LIMIT 1), '')
			FROM deals d JOIN stages s ON s.id = d.stage_id WHERE d.id = $1`, id).Scan(&o.stage, &o.closed, &o.cents, &o.lostReason, &o.changedBy)
		return o
	}
	for _, w := range []struct {
		name string
		deal int64
		want outcome
	}{
		{"won in odoo", wonInOdoo.dealID, outcome{"Won", true, 1_250_000, "", "crm:odoo"}},
		{"won in hubspot", wonInHubSpot.dealID, outcome{"Won", true, 880_050, "", "crm:hubspot"}},
		{"lost in odoo", lostInOdoo.dealID, outcome{"Lost", true, lostInOdoo.amountCents, "Too expensive", "crm:odoo"}},
		{"lost in hubspot", lostInHubSpot.dealID, outcome{"Lost", true, lostInHubSpot.amountCents, "Went with a competitor", "crm:hubspot"}},
	} {
		var got outcome
		require.Eventually(t, func() bool {
			got = dealOutcome(w.deal)
			return got == w.want
		}, 45*time.Second, 50*time.Millisecond, "%s: the CRM's outcome did not land in leadflow", w.name)
	}
	t.Logf("CRM outcomes applied %s after the edits", time.Since(edited).Round(time.Millisecond))

	// 4. Nothing pending on either side; each outcome went on to the other
	// CRM; still one record per deal.
	t.Setenv(config.EnvDatabaseURL, dbURL)
	t.Setenv(config.EnvRedisURL, redisURL)
	t.Setenv(config.EnvConfigFile, "")
	var status []syncStatusRow
	require.Eventually(t, func() bool {
		code, out, _ := runCLI("sync", "status", "--format", "json")
		status = nil
		if code != 0 || json.Unmarshal([]byte(out), &status) != nil || len(status) != 2 {
			return false
		}
		for _, s := range status {
			if s.State != "enabled" || s.Pending != 0 || s.Failing != 0 || s.Dead != 0 || s.InboundPending != 0 {
				return false
			}
		}
		return true
	}, 30*time.Second, 100*time.Millisecond, "sync status never showed both targets idle: %+v", status)
	require.ElementsMatch(t, []string{"odoo", "hubspot"}, []string{status[0].Target, status[1].Target})
	code, out, errOut := runCLI("sync", "status")
	require.Equal(t, 0, code, errOut)
	t.Logf("leadflow sync status:\n%s", out)

	var l odootest.Lead
	var d hubspottest.Record
	assert.Eventually(t, func() bool {
		l, _ = odoo.LeadByKey(crmsync.DealKey(wonInHubSpot.dealID))
		d, _ = hs.Get("deals", crmsync.DealKey(wonInOdoo.dealID))
		return l.Stage == "Won" && l.ExpectedRevenue == 8800.50 && d.Properties["dealstage"] == "closedwon" && d.Properties["amount"] == "12500.00"
	}, 20*time.Second, 50*time.Millisecond, "a win in one CRM did not reach the other")
	require.Equal(t, []any{"Won", 8800.50}, []any{l.Stage, l.ExpectedRevenue}, "HubSpot's win in Odoo")
	require.Equal(t, []string{"closedwon", "12500.00"}, []string{d.Properties["dealstage"], d.Properties["amount"]}, "Odoo's win in HubSpot")
	ol, op, hc, hd = counts()
	require.Equal(t, []int{4, 4, 4, 4}, []int{ol, op, hc, hd}, "still one record per lead after the pulls and the pushes back")

	// 5. The reports count the CRM's outcomes with their amounts.
	code, out, errOut = runCLI("report", "funnel", "--by", "utm_campaign", "--format", "csv")
	require.Equal(t, 0, code, errOut)
	t.Logf("leadflow report funnel:\n%s", out)
	for _, row := range []string{
		"odoo-won,1,1,1,1,0,1.000,USD,12500.00,",
		"hubspot-won,1,1,1,1,0,1.000,USD,8800.50,",
		"odoo-lost,1,1,1,0,1,0.000,,0.00,",
		"hubspot-lost,1,1,1,0,1,0.000,,0.00,",
	} {
		require.Contains(t, out, "\n"+row, "a lead, an MQL, a deal, won or lost, the CRM's amount as revenue")
	}

	code, out, errOut = runCLI("report", "attribution", "--by", "utm_campaign", "--format", "csv")
	require.Equal(t, 0, code, errOut)
	t.Logf("leadflow report attribution:\n%s", out)
	require.Regexp(t, `(?m)^odoo-won,USD,1(\.0+)?,12500\.00$`, out)
	require.Regexp(t, `(?m)^hubspot-won,USD,1(\.0+)?,8800\.50$`, out)
	require.NotContains(t, out, "odoo-lost", "a lost deal earns no credit")
}
