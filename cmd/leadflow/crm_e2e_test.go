package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/config"
	"leadflow/crm"
	"leadflow/crmsync"
	"leadflow/crmsync/crmsynctest"
	"leadflow/internal/testenv"
)

// TestHotLeadSyncsWithTheCRM is the CRM sync's journey through every role:
// a signed hot lead in, its contact and deal in the (fake) CRM once, pushed
// by the scheduler's crm:push; then the CRM's signed webhook marking the
// deal won with an amount, applied by crm:apply, closing the deal in
// leadflow, visible in `leadflow report funnel`.
func TestHotLeadSyncsWithTheCRM(t *testing.T) {
	dbURL, redisURL := testenv.DatabaseURL(t), testenv.RedisURL(t)
	yaml := filepath.Join(t.TempDir(), "leadflow.yaml")
	require.NoError(t, os.WriteFile(yaml, []byte("crm:\n  push_every: 1s\n"), 0o600))
	fake := crmsynctest.Receiver{Fake: crmsynctest.New("fake"), Secret: []byte("e2e-crm-secret")}
	b := setupWith(t, dbURL, redisURL, options{env: map[string]string{config.EnvConfigFile: yaml}, crmTargets: []crm.Target{fake}})

	require.Equal(t, http.StatusAccepted, b.post(t, testSecret, "msg_crm_1", time.Now(), leadBody("crm-hot@example.com", true)).Status)
	b.waitRouted(t, 1)
	var dealID, contactID int64
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT id, contact_id FROM deals").Scan(&dealID, &contactID))
	require.Eventually(t, func() bool {
		_, ok := fake.Deal(crmsync.DealKey(dealID))
		return ok
	}, 20*time.Second, 50*time.Millisecond, "the hot lead's deal did not reach the CRM")
	d, _ := fake.Deal(crmsync.DealKey(dealID))
	c, ok := fake.Contact(crmsync.ContactKey(contactID))
	require.True(t, ok)
	require.Equal(t, c.CRMID, d.ContactCRMID, "contact and deal associated")
	require.Equal(t, "crm-hot@example.com", c.Contact.Email)

	// The CRM user wins the deal; HubSpot-style, stage and amount arrive
	// as two changes of one signed delivery.
	won, amount := "Won", int64(4_200_000)
	at := time.Now().UTC()
	body, err := json.Marshal(crmsynctest.WebhookBody{Changes: []crm.Change{
		{CRMID: d.CRMID, Stage: &won, ChangedAt: at}, {CRMID: d.CRMID, AmountCents: &amount, Currency: "USD", ChangedAt: at}}})
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, b.baseURL+"/webhooks/crm/fake", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set(crmsynctest.SignatureHeader, fake.Sign(body))
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusNoContent, res.StatusCode)
	require.Eventually(t, func() bool {
		var closed bool
		var cents int64
		err := b.pool.QueryRow(context.Background(), "SELECT closed_at IS NOT NULL, amount_cents FROM deals WHERE id = $1", dealID).Scan(&closed, &cents)
		return err == nil && closed && cents == amount
	}, 20*time.Second, 50*time.Millisecond, "the CRM's win did not land")

	t.Setenv(config.EnvDatabaseURL, dbURL) // the CLI reads the process environment
	t.Setenv(config.EnvRedisURL, redisURL)
	t.Setenv(config.EnvConfigFile, "")
	code, out, errOut := runCLI("report", "funnel", "--by", "utm_campaign", "--format", "csv")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "winter-promo,1,1,1,1,0,", "one lead, MQL, deal and win: %s", out)
	require.Contains(t, out, "42000.00", "the CRM's amount is the revenue")
	_, deals := fake.Counts()
	require.Equal(t, 1, deals, "one deal in the CRM")
}
