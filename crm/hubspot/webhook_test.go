package hubspot

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/crm"
	"leadflow/crm/hubspot/hubspottest"
)

// webhookURL is where the tests' HubSpot app delivers.
const webhookURL = "https://leadflow.example.com/webhooks/crm/hubspot"

// TestSignV3Vectors checks the signature against the published vector:
// hubspot-api-python's test_get_signature__v3 (the secret and URL of
// HubSpot's own request-validation examples, timestamp 15000000).
func TestSignV3Vectors(t *testing.T) {
	t.Parallel()
	got := SignV3("yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy", "POST", "https://www.example.com/webhook_uri",
		[]byte("{'example_field':'example_value'}"), "15000000")
	require.Equal(t, "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=", got)

	// The same vector through Webhook: the signature passes (at the
	// vector's own time), then the body, which is no event array, is
	// refused as a payload, not as a signature.
	c, err := New(Config{Token: "t", ClientSecret: "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy", Pipeline: "default", Stages: testStages})
	require.NoError(t, err)
	_, err = c.Webhook(context.Background(), crm.Delivery{
		Method: "POST", URL: "https://www.example.com/webhook_uri", Body: []byte("{'example_field':'example_value'}"),
		Header:     map[string][]string{"X-Hubspot-Signature-V3": {got}, "X-Hubspot-Request-Timestamp": {"15000000"}},
		ReceivedAt: time.UnixMilli(15000000),
	})
	require.ErrorIs(t, err, crm.ErrBadPayload)
	require.NotErrorIs(t, err, crm.ErrBadSignature)

	// hubspot-api-nodejs's "is valid v3" test signs with its own code and
	// validates: the stand-in's independent signer must agree with ours.
	at := time.UnixMilli(1796688000000)
	d := hubspottest.SignedDelivery("yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy", "https://www.example.com/webhook_uri", at, []byte(`{"example_field":"example_value"}`))
	require.Equal(t, SignV3("yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy", "POST", "https://www.example.com/webhook_uri",
		[]byte(`{"example_field":"example_value"}`), "1796688000000"), d.Header["X-Hubspot-Signature-V3"][0])
}

func signedAt(c *Client, url string, body []byte, sent, received time.Time) crm.Delivery {
	ts := strconv.FormatInt(sent.UnixMilli(), 10)
	return crm.Delivery{
		Method: "POST", URL: url, Body: body, ReceivedAt: received,
		Header: map[string][]string{"X-Hubspot-Signature-V3": {SignV3(c.cfg.ClientSecret, "POST", url, body, ts)}, "X-Hubspot-Request-Timestamp": {ts}},
	}
}

func TestWebhookReplayWindow(t *testing.T) {
	t.Parallel()
	b := setup(t)
	body := []byte(`[]`)
	w := DefaultReplayWindow
	for _, tc := range []struct {
		name string
		skew time.Duration // arrival minus timestamp
		ok   bool
	}{
		{"on time", 0, true},
		{"exactly the window late", w, true},
		{"a millisecond past the window", w + time.Millisecond, false},
		{"exactly the window early (clock skew)", -w, true},
		{"a millisecond too early", -w - time.Millisecond, false},
		{"a day late (replay)", 24 * time.Hour, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sent := testNow
			_, err := b.client.Webhook(context.Background(), signedAt(b.client, webhookURL, body, sent, sent.Add(tc.skew)))
			if tc.ok {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, crm.ErrBadSignature)
			require.Contains(t, err.Error(), "window")
		})
	}

	t.Run("no arrival time: the clock", func(t *testing.T) {
		t.Parallel()
		d := signedAt(b.client, webhookURL, body, testNow.Add(-w-time.Millisecond), time.Time{})
		_, err := b.client.Webhook(context.Background(), d)
		require.ErrorIs(t, err, crm.ErrBadSignature)
	})
}

func TestWebhookSignatureRefused(t *testing.T) {
	t.Parallel()
	b := setup(t)
	body := []byte(`[{"eventId":1,"subscriptionType":"deal.propertyChange","objectId":1001,"propertyName":"dealstage","propertyValue":"closedwon","occurredAt":1796688000000}]`)
	good := func() crm.Delivery { return signedAt(b.client, webhookURL, body, testNow, testNow) }
	for _, tc := range []struct {
		name string
		edit func(*crm.Delivery)
	}{
		{"no signature", func(d *crm.Delivery) { delete(d.Header, "X-Hubspot-Signature-V3") }},
		{"no timestamp", func(d *crm.Delivery) { delete(d.Header, "X-Hubspot-Request-Timestamp") }},
		{"timestamp not a number", func(d *crm.Delivery) { d.Header["X-Hubspot-Request-Timestamp"] = []string{"soon"} }},
		{"timestamp changed", func(d *crm.Delivery) {
			d.Header["X-Hubspot-Request-Timestamp"] = []string{strconv.FormatInt(testNow.UnixMilli()+1, 10)}
		}},
		{"body changed", func(d *crm.Delivery) { d.Body = []byte(string(d.Body[:len(d.Body)-1]) + " ]") }},
		{"another URL", func(d *crm.Delivery) { d.URL = "https://leadflow.example.com/webhooks/crm/odoo" }},
		{"another method", func(d *crm.Delivery) { d.Method = "PUT" }},
		{"another app's secret", func(d *crm.Delivery) {
			*d = hubspottest.SignedDelivery("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", webhookURL, testNow, body)
		}},
		{"v1 signature only", func(d *crm.Delivery) {
			delete(d.Header, "X-Hubspot-Signature-V3")
			d.Header["X-Hubspot-Signature"] = []string{"232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := good()
			tc.edit(&d)
			changes, err := b.client.Webhook(context.Background(), d)
			require.ErrorIs(t, err, crm.ErrBadSignature)
			require.Nil(t, changes)
		})
	}

	t.Run("header spelling does not matter", func(t *testing.T) {
		t.Parallel()
		d := good()
		d.Header = map[string][]string{
			"x-hubspot-signature-v3":      d.Header["X-Hubspot-Signature-V3"],
			"X-HubSpot-Request-Timestamp": d.Header["X-Hubspot-Request-Timestamp"],
		}
		changes, err := b.client.Webhook(context.Background(), d)
		require.NoError(t, err)
		require.Len(t, changes, 1)
	})

	t.Run("URL signed with HubSpot's decoded characters", func(t *testing.T) {
		t.Parallel()
		ts := strconv.FormatInt(testNow.UnixMilli(), 10)
		received := "https://leadflow.example.com/webhooks/crm/hubspot?account=eu%3A1"
		d := crm.Delivery{Method: "POST", URL: received, Body: body, ReceivedAt: testNow, Header: map[string][]string{
			"X-Hubspot-Signature-V3":      {SignV3(b.client.cfg.ClientSecret, "POST", "https://leadflow.example.com/webhooks/crm/hubspot?account=eu:1", body, ts)},
			"X-Hubspot-Request-Timestamp": {ts},
		}}
		_, err := b.client.Webhook(context.Background(), d)
		require.NoError(t, err)
	})
}

func ptr[T any](v T) *T { return &v }

// TestWebhookCases runs the bodies under testdata/webhooks (published
// payloads and hand-made ones; SOURCES.md says which) through Webhook.
func TestWebhookCases(t *testing.T) {
	t.Parallel()
	b := setup(t, func(c *Config) { c.Currency = "EUR" })
	for _, tc := range []struct {
		file string
		want []crm.Change
	}{
		{"doc-contact-creation.json", nil},
		{"prismatic-contact-creation.json", nil},
		{"captured-dealstage-closedwon.json", []crm.Change{{CRMID: "697680835", Stage: ptr("Won"), ChangedAt: time.UnixMilli(1556105815815).UTC()}}},
		{"won-with-amount.json", []crm.Change{
			{CRMID: "1001", AmountCents: ptr(int64(1250050)), Currency: "EUR", ChangedAt: time.UnixMilli(1796688000000).UTC()},
			{CRMID: "1001", Stage: ptr("Won"), ChangedAt: time.UnixMilli(1796688000000).UTC()},
		}},
		{"lost-with-reason.json", []crm.Change{
			{CRMID: "1002", LostReason: ptr("Went with a competitor"), ChangedAt: time.UnixMilli(1796688060000).UTC()},
			{CRMID: "1002", Stage: ptr("Lost"), ChangedAt: time.UnixMilli(1796688060000).UTC()},
		}},
		{"echo-of-our-write.json", []crm.Change{{CRMID: "1003", Stage: ptr("Qualification"), ChangedAt: time.UnixMilli(1796688120000).UTC(), ByIntegration: true}}},
		{"mixed-ignored.json", []crm.Change{{CRMID: "1004", Stage: ptr("Negotiation"), ChangedAt: time.UnixMilli(1796688180000).UTC()}}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			body, err := os.ReadFile(filepath.Join("testdata", "webhooks", tc.file))
			require.NoError(t, err)
			changes, err := b.client.Webhook(context.Background(), signedAt(b.client, webhookURL, body, testNow, testNow))
			require.NoError(t, err)
			require.Equal(t, tc.want, changes)
		})
	}

	t.Run("an echo needs our app as the source", func(t *testing.T) {
		t.Parallel()
		for _, tc := range []struct {
			source, id string
			echo       bool
		}{
			{"INTEGRATION", "1234567", true},
			{"API", "app:1234567", true},
			{"INTEGRATION", "7654321", false},
			{"CRM_UI", "1234567", false},
			{"INTEGRATION", "", false},
		} {
			require.Equal(t, tc.echo, b.client.byIntegration(event{ChangeSource: tc.source, SourceID: tc.id}), "%+v", tc)
		}
		noApp := setup(t, func(c *Config) { c.AppID = "" })
		require.False(t, noApp.client.byIntegration(event{ChangeSource: "INTEGRATION", SourceID: ""}))
	})
}

func TestWebhookBadPayload(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for _, tc := range []struct {
		name, body, want string
	}{
		{"empty", ``, "JSON array"},
		{"an object, not an array", `{"eventId":1}`, "JSON array"},
		{"truncated", `[{"eventId":1,`, "body"},
		{"objectId fractional", `[{"subscriptionType":"deal.propertyChange","objectId":1.5}]`, "event 0"},
		{"amount not a number", `[{"subscriptionType":"deal.propertyChange","objectId":7,"propertyName":"amount","propertyValue":"12,50","occurredAt":1}]`, "amount"},
		{"amount too large", `[{"subscriptionType":"deal.propertyChange","objectId":7,"propertyName":"amount","propertyValue":"99999999999999999999","occurredAt":1}]`, "amount"},
		{"occurredAt missing", `[{"subscriptionType":"deal.propertyChange","objectId":7,"propertyName":"dealstage","propertyValue":"closedwon"}]`, "occurredAt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := b.client.Webhook(context.Background(), signedAt(b.client, webhookURL, []byte(tc.body), testNow, testNow))
			require.ErrorIs(t, err, crm.ErrBadPayload)
			require.False(t, errors.Is(err, crm.ErrBadSignature))
			require.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestParseAmount(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1500", 150000, true}, {"1500.5", 150050, true}, {"1500.55", 150055, true}, {"0.005", 1, true},
		{"0.004", 0, true}, {"-20.25", -2025, true}, {".5", 50, true}, {"12.", 1200, true},
		{"", 0, false}, {"-", 0, false}, {"1e3", 0, false}, {"1,5", 0, false}, {"NaN", 0, false},
	} {
		got, err := parseAmount(tc.in)
		if !tc.ok {
			require.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, got, tc.in)
	}
	for _, cents := range []int64{0, 1, 99, 100, 1234550, -2025, -1} {
		back, err := parseAmount(formatAmount(cents))
		require.NoError(t, err)
		require.Equal(t, cents, back)
	}
}

// TestWebhookFromStandIn is the pull journey against the stand-in: a deal
// leadflow pushed is won (with an amount) and another lost (with a
// reason) in HubSpot, and the signed deliveries come back as changes keyed
// by the ids the push returned.
func TestWebhookFromStandIn(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	contacts := pushContacts(t, b.client, 2)
	res, err := b.client.PushDeals(ctx, []crm.Deal{deal(1), deal(2)}, contacts)
	require.NoError(t, err)

	at := testNow.Add(2 * time.Minute)
	won, err := b.server.WonDelivery(webhookURL, "lf-deal-1", "48000", at)
	require.NoError(t, err)
	changes, err := b.client.Webhook(ctx, won)
	require.NoError(t, err)
	require.Equal(t, []crm.Change{
		{CRMID: res[0].CRMID, AmountCents: ptr(int64(4800000)), ChangedAt: at.Truncate(time.Millisecond).UTC()},
		{CRMID: res[0].CRMID, Stage: ptr("Won"), ChangedAt: at.Truncate(time.Millisecond).UTC()},
	}, changes)

	lost, err := b.server.LostDelivery(webhookURL, "lf-deal-2", "Budget cut", at)
	require.NoError(t, err)
	changes, err = b.client.Webhook(ctx, lost)
	require.NoError(t, err)
	require.Equal(t, []crm.Change{
		{CRMID: res[1].CRMID, LostReason: ptr("Budget cut"), ChangedAt: at.Truncate(time.Millisecond).UTC()},
		{CRMID: res[1].CRMID, Stage: ptr("Lost"), ChangedAt: at.Truncate(time.Millisecond).UTC()},
	}, changes)

	// The same delivery replayed an hour later is refused.
	lost.ReceivedAt = at.Add(time.Hour)
	_, err = b.client.Webhook(ctx, lost)
	require.ErrorIs(t, err, crm.ErrBadSignature)

	// Our own write coming back is marked as an echo.
	events, err := b.server.EditDeal("lf-deal-1", hubspottest.Edit{Stage: "contractsent", At: at, ChangeSource: "INTEGRATION", SourceID: b.server.AppID()})
	require.NoError(t, err)
	changes, err = b.client.Webhook(ctx, b.server.Delivery(webhookURL, at, events))
	require.NoError(t, err)
	require.Len(t, changes, 1)
	require.True(t, changes[0].ByIntegration)

	// The delivery as an HTTP request carries the same bytes and headers.
	r := hubspottest.Request(won)
	require.Equal(t, won.Header["X-Hubspot-Signature-V3"][0], r.Header.Get(HeaderSignatureV3))
	require.Equal(t, webhookURL, r.URL.String())
}
