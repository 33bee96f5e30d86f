//go:build chaos

package chaos

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/crm/hubspot/hubspottest"
	"leadflow/crm/odoo/odootest"
)

// holdingProxy stands between leadflow and a CRM stand-in. The first
// request hold matches is forwarded and answered by the stand-in (the CRM
// has written the record), but the answer is kept from leadflow: held is
// closed, and the answer waits until release is closed. A process killed
// meanwhile never learns that its write happened.
type holdingProxy struct {
	upstream string
	hold     func(path string, body []byte) bool
	held     chan struct{}
	release  chan struct{}
	once     sync.Once
	srv      *httptest.Server
	// releaseFunc closes release (once).
	releaseFunc func()
}

func newHoldingProxy(t *testing.T, upstream string, hold func(path string, body []byte) bool) *holdingProxy {
	p := &holdingProxy{upstream: upstream, hold: hold, held: make(chan struct{}), release: make(chan struct{})}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	var released sync.Once
	p.releaseFunc = func() { released.Do(func() { close(p.release) }) }
	// Let a held handler go before the server's Close waits for it.
	t.Cleanup(p.srv.Close)
	t.Cleanup(p.releaseFunc)
	return p
}

func (p *holdingProxy) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req, err := http.NewRequestWithContext(context.WithoutCancel(r.Context()), r.Method, p.upstream+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	req.Header = r.Header.Clone()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	answer, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	holding := false
	if p.hold(r.URL.Path, body) {
		p.once.Do(func() { holding = true })
	}
	if holding {
		close(p.held)
		<-p.release
	}
	for k, v := range res.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(res.StatusCode)
	_, _ = w.Write(answer)
}

// odooLeadCreate matches an execute_kw of crm.lead's create: the
// opportunity itself, after its partner.
func odooLeadCreate(_ string, body []byte) bool {
	var rpc struct {
		Params struct {
			Service string `json:"service"`
			Args    []any  `json:"args"`
		} `json:"params"`
	}
	if json.Unmarshal(body, &rpc) != nil || rpc.Params.Service != "object" || len(rpc.Params.Args) < 5 {
		return false
	}
	return rpc.Params.Args[3] == "crm.lead" && rpc.Params.Args[4] == "create"
}

// hubspotDealUpsert matches the deals' batch upsert: the deal itself,
// after its contact and before the association.
func hubspotDealUpsert(path string, _ []byte) bool {
	return path == "/crm/v3/objects/deals/batch/upsert"
}

// crmYAML is the crm section of the cluster's configuration, pointed at
// the proxies in front of the stand-ins.
func crmYAML(odooURL, hubspotURL string) string {
	return fmt.Sprintf(`crm:
  push_every: 1s
  pull_every: 10s
  odoo:
    enabled: true
    url: %s
    database: leadflow
    username: leadflow-api@example.com
    stages: {Prospecting: New, Qualification: Qualified, Initial contact: Qualified, Value proposition: Proposition, Negotiation: Proposition, Won: Won}
    owners: {%s: ana@example.com}
  hubspot:
    enabled: true
    base_url: %s
    app_id: %q
    stages: {Prospecting: appointmentscheduled, Qualification: qualifiedtobuy, Initial contact: presentationscheduled,
      Value proposition: decisionmakerboughtin, Negotiation: contractsent, Won: closedwon, Lost: closedlost}
    owners: {%s: alice@example.com}
`, odooURL, repEmail(1), hubspotURL, hubspottest.DefaultAppID, repEmail(1))
}

// crmPushLease is the cluster's CRM push lease: short, so the killed
// push's deals are taken over in seconds, and still longer than a push to
// the local stand-ins.
const crmPushLease = 5 * time.Second

// crmAPIToken is the rep API's manager token the test changes a deal with.
const crmAPIToken = "chaos-crm-manager-token-0123456789abcdef"

// Scenario: the worker is killed (SIGKILL) in the middle of a CRM push,
// after Odoo and HubSpot wrote the hot lead's opportunity and deal but
// before leadflow heard back, then a new worker starts. The claim's lease
// runs out and the deal is pushed again: the upserts by leadflow's key
// find the records the killed push made, so each CRM holds one record per
// deal; a change made to the deal meanwhile, and a lead that came in
// while no worker ran, still arrive.
func TestWorkerKilledMidCRMPush(t *testing.T) {
	// Parallel with the two waiting scenarios. The killed push's claim
	// lease is 5s here (LEADFLOW_CRM_PUSH_LEASE) instead of the default
	// 2m, which used to be most of this test's two minutes.
	t.Parallel()
	c := newCluster(t, clusterOptions{reps: 1})
	ctx := testContext(t)
	odoo := odootest.New(t, odootest.Config{Currency: "USD"})
	hs := hubspottest.New(hubspottest.Config{})
	t.Cleanup(hs.Close)
	odooProxy := newHoldingProxy(t, odoo.URL, odooLeadCreate)
	hsProxy := newHoldingProxy(t, hs.URL, hubspotDealUpsert)

	cfgPath := c.env[config.EnvConfigFile]
	cfg, err := os.ReadFile(cfgPath)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(cfgPath, append(cfg, crmYAML(odooProxy.srv.URL, hsProxy.srv.URL)...), 0o644))
	c.env[config.EnvOdooAPIKey] = odoo.APIKey()
	c.env[config.EnvHubSpotToken] = hs.Token()
	c.env[config.EnvHubSpotClientSecret] = hs.ClientSecret()
	c.env[config.EnvAPITokens] = crmAPIToken
	c.env[config.EnvCRMPushLease] = crmPushLease.String()
	serve, worker := c.standardRoles()

	client := &http.Client{Timeout: 10 * time.Second}
	send := func(l testLead) {
		t.Helper()
		status, _, err := post(ctx, client, serve.url(""), l.ID, leadBody(l))
		require.NoError(t, err)
		require.Equal(t, http.StatusAccepted, status)
	}
	first := testLead{ID: "crm-first", Email: "crm.first@example.com", Hot: true}
	send(first)
	for name, p := range map[string]*holdingProxy{"odoo": odooProxy, "hubspot": hsProxy} {
		select {
		case <-p.held:
		case <-time.After(60 * time.Second):
			t.Fatalf("no push to %s was held within 60s\n%s", name, tail(worker.logPath, 20))
		}
	}
	worker.kill9()
	t.Logf("worker killed with SIGKILL at %s, both CRMs' answers held", time.Now().Format(time.StampMilli))
	odooProxy.releaseFunc()
	hsProxy.releaseFunc()

	var dealID int64
	require.NoError(t, c.pool.QueryRow(ctx, `SELECT id FROM deals`).Scan(&dealID))
	key := "lf-deal-" + strconv.FormatInt(dealID, 10)
	_, inOdoo := odoo.LeadByKey(key)
	_, inHubSpot := hs.Get("deals", key)
	require.True(t, inOdoo && inHubSpot, "the CRMs wrote the deal before the kill")
	require.Zero(t, c.count(`SELECT count(*) FROM crm_links WHERE kind = 'deal'`), "leadflow never recorded the killed push")

	// While no worker runs: a rep changes the deal, and another hot lead
	// arrives.
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, serve.url(fmt.Sprintf("/v1/deals/%d", dealID)), strings.NewReader(`{"amount_cents": 7654321}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+crmAPIToken)
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	second := testLead{ID: "crm-second", Email: "crm.second@example.com", Hot: true}
	send(second)

	restarted := time.Now()
	c.start("worker", nil)
	require.Eventually(t, func() bool {
		l, _ := odoo.LeadByKey(key)
		d, _ := hs.Get("deals", key)
		return l.ExpectedRevenue == 76543.21 && d.Properties["amount"] == "76543.21" &&
			len(odoo.Leads()) == 2 && hs.Count("deals") == 2 && hs.Count("contacts") == 2
	}, 90*time.Second, 100*time.Millisecond, "the deal's later change or the second lead did not reach both CRMs")
	t.Logf("both CRMs up to date %s after the restart (the killed push's lease is %s)", time.Since(restarted).Round(time.Second), crmPushLease)

	require.Len(t, odoo.Leads(), 2, "one opportunity per deal in Odoo")
	require.Len(t, odoo.Partners(), 2, "one partner per contact in Odoo")
	require.Equal(t, 2, hs.Count("deals"), "one deal per deal in HubSpot")
	require.Equal(t, 2, hs.Count("contacts"), "one contact per contact in HubSpot")
	rows, err := c.pool.Query(ctx, `SELECT id FROM deals ORDER BY id`)
	require.NoError(t, err)
	var ids []int64
	for rows.Next() {
		var id int64
		require.NoError(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	require.NoError(t, rows.Err())
	require.Len(t, ids, 2)
	for _, id := range ids {
		k := "lf-deal-" + strconv.FormatInt(id, 10)
		l, ok := odoo.LeadByKey(k)
		require.True(t, ok, "deal %d in Odoo", id)
		require.NotZero(t, l.PartnerID, "deal %d linked to its partner", id)
		require.Len(t, hs.AssociatedContacts(k), 1, "deal %d associated with its contact once", id)
	}

	var status []struct {
		Target  string `json:"target"`
		State   string `json:"state"`
		Pending int64  `json:"pending"`
		Failing int64  `json:"failing"`
		Dead    int64  `json:"dead"`
	}
	// The push records its outcome just after the CRM answered.
	require.Eventually(t, func() bool {
		status = nil
		if json.Unmarshal([]byte(c.cli(ctx, "sync", "status", "--format", "json")), &status) != nil || len(status) != 2 {
			return false
		}
		for _, s := range status {
			if s.State != "enabled" || s.Pending+s.Failing+s.Dead != 0 {
				return false
			}
		}
		return true
	}, 30*time.Second, 200*time.Millisecond, "sync status never showed both targets with nothing left")
}
