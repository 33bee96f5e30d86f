package bench

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/internal/demo"
)

// TestWebhooksPassTheirConnectors plays the receiving side of the
// benchmark's load with the real connectors: every request verifies,
// parses and decodes to one lead, tagged so the latency read finds it.
func TestWebhooksPassTheirConnectors(t *testing.T) {
	t.Parallel()
	secret, err := demo.NewSecret()
	require.NoError(t, err)
	generic, err := connectors.NewGeneric(connectors.GenericConfig{Secrets: []string{secret}})
	require.NoError(t, err)
	typeform, err := connectors.NewTypeform(connectors.TypeformConfig{Secret: typeformSecret})
	require.NoError(t, err)
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	build := webhookBuilder("http://bench.test", secret, typeformSecret, speedTag, true)
	for i := range 8 {
		req, err := build(i, now)
		require.NoError(t, err)
		body, err := io.ReadAll(req.Body)
		require.NoError(t, err)
		in := &connectors.Request{Method: req.Method, Header: req.Header, Body: body, PathValues: map[string]string{"source": "bench"}}
		var c connectors.Connector = generic
		if strings.HasSuffix(req.URL.Path, "/typeform") {
			c = typeform
			require.Equal(t, 1, i%2, "odd requests are Typeform's when mixed")
		} else {
			require.Equal(t, "/v1/webhooks/generic/bench", req.URL.Path)
		}
		require.NoError(t, c.Verify(in, now), "request %d", i)
		ds, err := c.Parse(in)
		require.NoError(t, err, "request %d", i)
		require.Len(t, ds, 1)
		leads, err := c.Decode(ds[0])
		require.NoError(t, err, "request %d", i)
		require.Len(t, leads, 1)
		require.Equal(t, "stl-"+strconv.Itoa(i), leads[0].ExternalID, "request %d", i)
	}
	req, err := webhookBuilder("http://bench.test", secret, typeformSecret, "in", false)(1, now)
	require.NoError(t, err)
	require.Equal(t, http.MethodPost, req.Method)
	require.Equal(t, "/v1/webhooks/generic/bench", req.URL.Path, "unmixed: every request is a Standard Webhook")
}
