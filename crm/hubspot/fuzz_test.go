package hubspot

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/crm"
)

// seeds returns the files of testdata/<dir>.
func seeds(f *testing.F, dir string) [][]byte {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
	require.NoError(f, err)
	require.NotEmpty(f, paths)
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(f, err)
		out = append(out, b)
	}
	return out
}

// FuzzWebhook feeds Webhook whatever body a sender could sign: it never
// panics, refuses only with ErrBadPayload (the signature is right), and
// every change it returns names a deal and changes something.
func FuzzWebhook(f *testing.F) {
	for _, s := range seeds(f, "webhooks") {
		f.Add(s, int64(0))
	}
	for _, s := range []string{``, `[]`, `null`, `[null]`, `[{}]`, `{"a":1}`, `[{"objectId":-1}]`, `[{"objectId":"x"}]`,
		`[{"subscriptionType":"deal.propertyChange","objectId":1,"propertyName":"amount","propertyValue":"-0.005","occurredAt":1}]`,
		`[{"subscriptionType":"object.propertyChange","objectTypeId":"0-3","objectId":"1","propertyName":"dealstage","propertyValue":"closedwon","occurredAt":9007199254740993}]`} {
		f.Add([]byte(s), int64(0))
	}
	srv := setupF(f)
	f.Fuzz(func(t *testing.T, body []byte, skewMillis int64) {
		received := testNow.Add(time.Duration(skewMillis%600_000) * time.Millisecond)
		d := signedAt(srv, webhookURL, body, testNow, received)
		changes, err := srv.Webhook(context.Background(), d)
		if err != nil {
			require.Nil(t, changes)
			if errors.Is(err, crm.ErrBadSignature) {
				require.Greater(t, abs(received.Sub(testNow)), DefaultReplayWindow)
				return
			}
			require.ErrorIs(t, err, crm.ErrBadPayload)
			return
		}
		for _, ch := range changes {
			require.NotEmpty(t, ch.CRMID)
			require.False(t, ch.ChangedAt.IsZero())
			require.True(t, ch.Stage != nil || ch.AmountCents != nil || ch.LostReason != nil)
		}
	})
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// setupF is a client for fuzzing (no server: Webhook makes no call).
func setupF(f *testing.F) *Client {
	c, err := New(Config{Token: "t", ClientSecret: "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy", AppID: "1234567",
		Pipeline: "default", Stages: testStages, NowFunc: func() time.Time { return testNow }})
	require.NoError(f, err)
	return c
}

// FuzzDecodeBatchAnswer feeds the batch answer decoder and its matching to
// inputs whatever HubSpot (or a proxy) could answer: no panic, and every
// input ends with an id or an error, never both missing.
func FuzzDecodeBatchAnswer(f *testing.F) {
	for _, s := range seeds(f, "batch") {
		f.Add(s)
	}
	for _, s := range []string{``, `null`, `{}`, `{"results":null,"errors":[{}]}`, `{"results":[{"id":"1","properties":{"leadflow_id":"lf-contact-2"}}]}`,
		`{"errors":[{"context":{"ids":["lf-contact-1","lf-contact-1","nope"]}}]}`, `{"results":[{"properties":{"leadflow_id":null}}]}`} {
		f.Add([]byte(s))
	}
	c := setupF(f)
	inputs := []upsertInput{c.input("lf-contact-1", nil), c.input("lf-contact-2", nil), c.input("lf-contact-3", nil)}
	f.Fuzz(func(t *testing.T, raw []byte) {
		ans, err := decodeBatchAnswer(raw)
		if err != nil {
			return
		}
		results := make([]crm.Result, len(inputs))
		c.applyBatch(ans, inputs, results, nil, "upsert contacts")
		for i, r := range results {
			require.True(t, r.CRMID != "" || r.Err != nil, "input %d has neither id nor error", i)
			if r.Err != nil {
				_, retryable := crm.RetryAfter(r.Err)
				require.True(t, retryable || crm.IsPermanent(r.Err), "unclassified error %v", r.Err)
			}
		}
	})
}
