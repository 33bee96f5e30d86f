package connectors_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
)

// Mailgun test facts from /work/shared/fixtures/webhooks (README.md,
// "mailgun/"). All fake.
const (
	mailgunKey = "mgtest-signing-key-7f3c9a2e5b1d4086"

	mgReplyFile      = "testdata/mailgun/route-forward-reply.urlencoded.txt"
	mgAttachmentFile = "testdata/mailgun/route-forward-attachment.multipart.txt"
	mgDeliveredFile  = "testdata/mailgun/event-delivered.json"

	mgURLEncoded = "application/x-www-form-urlencoded"
	mgMultipart  = "multipart/form-data; boundary=----MailgunFixtureBoundary7f3c9a"

	mgReplyTimestamp      = 1767229200
	mgReplyToken          = "rt019a8b7c6d5e4f30211203f4e5d6c7b8a90a1b2c3d4e5f6a"
	mgReplySignature      = "ad180b7fda9f6ef70456379dd86394a0b0c813d886d9cb5141b865bd7ed39d06"
	mgAttachmentTimestamp = 1767232800
	mgAttachmentToken     = "rt021122334455667788990011223344556677889900aabbcc"
	mgDeliveredTimestamp  = 1767225660
	mgDeliveredToken      = "tok01f0e1d2c3b4a59687f0e1d2c3b4a59687f0e1d2c3b4a59"
	mgDeliveredSignature  = "a58baa0509c6da8c3f1a57360807c65994753eccf0c8ad92ce2af04da7b8b041"
)

// mgFresh is the README's "fresh" clock for a fixture signed at ts.
func mgFresh(ts int64) time.Time { return time.Unix(ts+60, 0) }

// mgStale is the README's "stale" clock for a fixture signed at ts.
func mgStale(ts int64) time.Time { return time.Unix(ts+3600, 0) }

func newMailgunInbound(tb testing.TB) *connectors.MailgunInbound {
	tb.Helper()
	c, err := connectors.NewMailgunInbound(connectors.MailgunConfig{SigningKey: mailgunKey})
	require.NoError(tb, err)
	return c
}

func newMailgunEvents(tb testing.TB) *connectors.MailgunEvents {
	tb.Helper()
	c, err := connectors.NewMailgunEvents(connectors.MailgunConfig{SigningKey: mailgunKey})
	require.NoError(tb, err)
	return c
}

// mgRequest is a fixture file as the HTTP layer hands it over.
func mgRequest(tb testing.TB, file, contentType string) *connectors.Request {
	tb.Helper()
	body, err := os.ReadFile(file)
	require.NoError(tb, err)
	h := http.Header{}
	h.Set("Content-Type", contentType)
	return &connectors.Request{Method: http.MethodPost, Header: h, Body: body}
}

func TestMailgunFixturesAreByteExact(t *testing.T) {
	t.Parallel()
	// Multipart fixtures use CRLF and no file has a trailing newline; an
	// editor "fixing" either would break the cases confusingly.
	for _, tt := range []struct {
		name, file, sha256 string
	}{
		{name: "delivered", file: "testdata/mailgun/event-delivered.json", sha256: "da4d34067d6fa45b563e4aa3075c040918b5b05747c973038e945a58013b4bb9"},
		{name: "opened", file: "testdata/mailgun/event-opened.json", sha256: "e470e3a4d7dc59fd6f7b5f94c2fedf2425c1cdf6f3333f8ce1ef3f5e75961962"},
		{name: "clicked", file: "testdata/mailgun/event-clicked.json", sha256: "2fd60b98dd96cc1cd1ebc7a93f48c695f2cc2682b7d5b8bd9b15f0c307a952df"},
		{name: "unsubscribed", file: "testdata/mailgun/event-unsubscribed.json", sha256: "57a858846fe2ec84013e410d9fc961f2d09e7649b8a77c215bff30e897de6007"},
		{name: "complained", file: "testdata/mailgun/event-complained.json", sha256: "804b18df8c82cf56180b247ffc4d46187d142124d04a962d8c75a2307f0b835c"},
		{name: "failed-permanent", file: "testdata/mailgun/event-failed-permanent.json", sha256: "acb157e4795b6f6a5638be48fba11e3354c4d59f7806345217b9264923bce54c"},
		{name: "failed-temporary", file: "testdata/mailgun/event-failed-temporary.json", sha256: "e1b9dfd5ee484a3b0b793edbe055b6d214913d6457159f66f0d0dfc849ddbd52"},
		{name: "delivered-bad-signature", file: "testdata/mailgun/event-delivered-bad-signature.json", sha256: "029d8f5ef630ad45d4343fb15f6f99b8a21a9d31759083b50de6d125e7d29656"},
		{name: "reply", file: mgReplyFile, sha256: "30d02f31cc909befff83f91d8f951d7923fbd4b18f0cb19a30d6974bfcd4ef91"},
		{name: "attachment", file: mgAttachmentFile, sha256: "d3175af05bb56e12d112fd4797049d1a5e28b2559a7852b6dd3106a27d0382de"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := os.ReadFile(tt.file)
			require.NoError(t, err)
			sum := sha256.Sum256(b)
			require.Equal(t, tt.sha256, hex.EncodeToString(sum[:]))
		})
	}
}

func TestSignMailgun(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, timestamp, token, want string
	}{
		{name: "delivered event", timestamp: "1767225660", token: mgDeliveredToken, want: mgDeliveredSignature},
		{name: "reply route", timestamp: "1767229200", token: mgReplyToken, want: mgReplySignature},
		{name: "attachment route", timestamp: "1767232800", token: mgAttachmentToken, want: "707167159cd744a3eca7746f9d71e4ee3ccadea824be84a68291b30411938deb"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, connectors.SignMailgun(mailgunKey, tt.timestamp, tt.token))
		})
	}
}

func TestNewMailgun(t *testing.T) {
	t.Parallel()
	type constructor func(connectors.MailgunConfig) (connectors.Connector, error)
	ctors := map[string]constructor{
		"mailgun-inbound": func(c connectors.MailgunConfig) (connectors.Connector, error) { return connectors.NewMailgunInbound(c) },
		"mailgun-events":  func(c connectors.MailgunConfig) (connectors.Connector, error) { return connectors.NewMailgunEvents(c) },
	}
	for _, tt := range []struct {
		name    string
		cfg     connectors.MailgunConfig
		wantErr string
	}{
		{name: "key only", cfg: connectors.MailgunConfig{SigningKey: mailgunKey}},
		{name: "key and tolerance", cfg: connectors.MailgunConfig{SigningKey: mailgunKey, Tolerance: time.Minute}},
		{name: "no key", cfg: connectors.MailgunConfig{}, wantErr: "LEADFLOW_MAILGUN_SIGNING_KEY: the webhook signing key is required"},
		{name: "blank key", cfg: connectors.MailgunConfig{SigningKey: " \n"}, wantErr: "LEADFLOW_MAILGUN_SIGNING_KEY"},
		{name: "negative tolerance", cfg: connectors.MailgunConfig{SigningKey: mailgunKey, Tolerance: -time.Second}, wantErr: "tolerance -1s is negative"},
	} {
		for name, ctor := range ctors {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				c, err := ctor(tt.cfg)
				if tt.wantErr != "" {
					require.ErrorContains(t, err, tt.wantErr)
					require.ErrorContains(t, err, "configure "+name+" connector")
					require.NotContains(t, err.Error(), mailgunKey)
					return
				}
				require.NoError(t, err)
				require.Equal(t, name, c.Name())
			})
		}
	}
}

// TestMailgunVerifyClock covers the tolerance window and the token rules,
// which both connectors share, through the event connector (its signature
// block is easiest to build).
func TestMailgunVerifyClock(t *testing.T) {
	t.Parallel()
	const ts = 1767225660
	for _, tt := range []struct {
		name      string
		tolerance time.Duration
		timestamp string
		token     string
		now       time.Time
		wantErr   string
	}{
		{name: "fresh", now: time.Unix(ts+60, 0)},
		{name: "at the tolerance", now: time.Unix(ts+300, 0)},
		{name: "one second past", now: time.Unix(ts+301, 0), wantErr: "outside the 5m0s tolerance"},
		{name: "one second too early", now: time.Unix(ts-301, 0), wantErr: "outside the 5m0s tolerance"},
		{name: "custom tolerance", tolerance: time.Minute, now: time.Unix(ts+61, 0), wantErr: "outside the 1m0s tolerance"},
		{name: "signed timestamp with a sign", timestamp: "+1767225660", now: time.Unix(ts, 0), wantErr: "signature.timestamp is not unix seconds"},
		{name: "signed timestamp in millis", timestamp: "1767225660000", now: time.Unix(ts, 0), wantErr: "outside the 5m0s tolerance"},
		{name: "far-future timestamp does not overflow", timestamp: "9223372036854775807", now: time.Unix(ts, 0), wantErr: "outside"},
		{name: "token with a space", token: "tok en", now: time.Unix(ts, 0), wantErr: "signature.token must be printable ASCII"},
		{name: "token too long", token: strings.Repeat("t", 257), now: time.Unix(ts, 0), wantErr: "signature.token is longer than 256 bytes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := connectors.NewMailgunEvents(connectors.MailgunConfig{SigningKey: mailgunKey, Tolerance: tt.tolerance})
			require.NoError(t, err)
			timestamp, token := tt.timestamp, tt.token
			if timestamp == "" {
				timestamp = "1767225660"
			}
			if token == "" {
				token = mgDeliveredToken
			}
			// Signed properly, so that only the rule under test can fail.
			body := `{"signature":{"timestamp":"` + timestamp + `","token":"` + token + `","signature":"` +
				connectors.SignMailgun(mailgunKey, timestamp, token) + `"},"event-data":{}}`
			h := http.Header{}
			h.Set("Content-Type", "application/json")
			err = c.Verify(&connectors.Request{Method: http.MethodPost, Header: h, Body: []byte(body)}, tt.now)
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tt.wantErr)
			require.True(t, connectors.IsKind(err, connectors.KindUnauthorized))
		})
	}
}

func TestMailgunReplayAndStatus(t *testing.T) {
	t.Parallel()
	tenMinutes := 10 * time.Minute
	for _, tt := range []struct {
		name    string
		c       connectors.Connector
		req     *connectors.Request
		wantKey string
		wantTTL time.Duration
	}{
		{name: "inbound urlencoded", c: newMailgunInbound(t), req: mgRequest(t, mgReplyFile, mgURLEncoded), wantKey: "mailgun:" + mgReplyToken, wantTTL: tenMinutes},
		{name: "inbound multipart", c: newMailgunInbound(t), req: mgRequest(t, mgAttachmentFile, mgMultipart), wantKey: "mailgun:" + mgAttachmentToken, wantTTL: tenMinutes},
		{name: "events", c: newMailgunEvents(t), req: mgRequest(t, mgDeliveredFile, "application/json"), wantKey: "mailgun:" + mgDeliveredToken, wantTTL: tenMinutes},
		{name: "inbound unreadable", c: newMailgunInbound(t), req: mgRequest(t, mgReplyFile, "text/plain")},
		{name: "events unreadable", c: newMailgunEvents(t), req: &connectors.Request{Body: []byte("{")}},
		{name: "events token with a space", c: newMailgunEvents(t), req: &connectors.Request{Body: []byte(`{"signature":{"token":"a b"}}`)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g, ok := tt.c.(connectors.ReplayGuard)
			require.True(t, ok)
			key, ttl := g.ReplayKey(tt.req)
			require.Equal(t, tt.wantKey, key)
			require.Equal(t, tt.wantTTL, ttl)

			p, ok := tt.c.(connectors.StatusPolicy)
			require.True(t, ok)
			require.Equal(t, http.StatusNotAcceptable, p.RejectStatus(connectors.KindUnauthorized))
			require.Equal(t, http.StatusNotAcceptable, p.RejectStatus(connectors.KindInvalid))
		})
	}
	c, err := connectors.NewMailgunInbound(connectors.MailgunConfig{SigningKey: mailgunKey, Tolerance: time.Minute})
	require.NoError(t, err)
	_, ttl := c.ReplayKey(mgRequest(t, mgReplyFile, mgURLEncoded))
	require.Equal(t, 2*time.Minute, ttl, "the replay window is twice the tolerance")
}
