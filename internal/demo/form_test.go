package demo_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/internal/demo"
)

// TestNewWebhookPassesGenericConnector: a hand-written form is signed,
// verified and decoded by the real generic connector, every field intact,
// and each call is a new event.
func TestNewWebhookPassesGenericConnector(t *testing.T) {
	t.Parallel()
	f := demo.Form{Source: "website", Name: "Your Name", Email: "you@example.com", Phone: "+1 415 555 0100",
		Company: "Your Co", Title: "VP Sales", Country: "US", Message: "We need a CRM for 40 reps, budget $30k",
		Budget: "30k", Authority: "decision_maker", Need: "urgent", Timeline: "this_quarter", Consent: true}
	w, err := demo.NewWebhook(f, now)
	require.NoError(t, err)
	require.Regexp(t, `^msg_[0-9a-f]{32}$`, w.ID)
	require.Equal(t, "website", w.Source)
	require.Equal(t, now, w.Timestamp)
	again, err := demo.NewWebhook(f, now)
	require.NoError(t, err)
	require.NotEqual(t, w.ID, again.ID, "a new event every call")

	g, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: []string{testSecret}})
	require.NoError(t, err)
	sig, err := connectors.SignStandardWebhook(testSecret, w.ID, w.Timestamp, w.Body)
	require.NoError(t, err)
	req := &connectors.Request{Method: http.MethodPost, Header: http.Header{}, Body: w.Body,
		PathValues: map[string]string{"source": w.Source}}
	req.Header.Set(connectors.HeaderWebhookID, w.ID)
	req.Header.Set(connectors.HeaderWebhookTimestamp, strconv.FormatInt(w.Timestamp.Unix(), 10))
	req.Header.Set(connectors.HeaderWebhookSignature, sig)
	require.NoError(t, g.Verify(req, now))
	ds, err := g.Parse(req)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	ins, err := g.Decode(ds[0])
	require.NoError(t, err)
	require.Len(t, ins, 1)
	in := ins[0]
	require.Equal(t, "website", in.Source)
	require.Equal(t, []string{"Your Name", "you@example.com", "+1 415 555 0100", "Your Co", "VP Sales", "US", f.Message},
		[]string{in.Name, in.Email, in.Phone, in.Company, in.Title, in.Country, in.Message})
	require.Equal(t, []string{"30k", "decision_maker", "urgent", "this_quarter"},
		[]string{in.Answers.Budget, in.Answers.Authority, in.Answers.Need, in.Answers.Timeline})
	require.True(t, in.Consent.Marketing)
	require.NotEmpty(t, in.Consent.Text)
}

// TestSend returns the receiver's status and answer, for a signature the
// receiver checks itself.
func TestSend(t *testing.T) {
	t.Parallel()
	rc, srv := newReceiver(t, nil)
	w, err := demo.NewWebhook(demo.Form{Source: "webinar", Email: "you@example.com"}, now)
	require.NoError(t, err)
	status, _, err := demo.Send(context.Background(), nil, srv.URL+"/", testSecret, w)
	require.NoError(t, err)
	require.Equal(t, http.StatusAccepted, status)
	require.Equal(t, 1, rc.paths["webinar"])

	status, body, err := demo.Send(context.Background(), nil, srv.URL, "whsec_"+base64.StdEncoding.EncodeToString([]byte("another-32-byte-key-for-the-test")), w)
	require.NoError(t, err, "a refusal is an answer, not an error")
	require.Equal(t, http.StatusUnauthorized, status)
	require.Contains(t, string(body), "bad signature")

	srv.Close()
	status, _, err = demo.Send(context.Background(), nil, srv.URL, testSecret, w)
	require.Error(t, err)
	require.Zero(t, status)
}
