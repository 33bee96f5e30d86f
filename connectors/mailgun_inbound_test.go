package connectors_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"leadflow/connectors"
	"leadflow/connectors/connectortest"
	"leadflow/lead"
)

func TestMailgunInboundGolden(t *testing.T) {
	t.Parallel()
	connectortest.RunGolden(t, newMailgunInbound(t), "testdata/mailgun-inbound")
}

func TestMailgunInboundConformance(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name        string
		file        string
		contentType string
		timestamp   int64
		// marker precedes each signed value in the body.
		markers []string
	}{
		{
			name: "reply, urlencoded", file: mgReplyFile, contentType: mgURLEncoded, timestamp: mgReplyTimestamp,
			markers: []string{"&timestamp=", "&token=", "&signature="},
		},
		{
			name: "new email with attachment, multipart", file: mgAttachmentFile, contentType: mgMultipart, timestamp: mgAttachmentTimestamp,
			markers: []string{"name=\"timestamp\"\r\n\r\n", "name=\"token\"\r\n\r\n", "name=\"signature\"\r\n\r\n"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := mgRequest(t, tt.file, tt.contentType)
			connectortest.RunConformance(t, newMailgunInbound(t), connectortest.Fixture{
				Request:       *req,
				Now:           mgFresh(tt.timestamp),
				StaleNow:      mgStale(tt.timestamp),
				TamperOffsets: mgSignedOffsets(t, req.Body, tt.markers...),
			})
		})
	}
}

// mgSignedOffsets returns the offsets of the first, middle and last byte of
// the value after each marker: the bytes Mailgun's signature covers.
func mgSignedOffsets(tb testing.TB, body []byte, markers ...string) []int {
	tb.Helper()
	var offs []int
	for _, m := range markers {
		i := bytes.Index(body, []byte(m))
		require.GreaterOrEqual(tb, i, 0, "marker %q", m)
		start := i + len(m)
		end := start
		for end < len(body) && body[end] != '&' && body[end] != '\r' && body[end] != '"' {
			end++
		}
		require.Greater(tb, end, start, "empty value after %q", m)
		offs = append(offs, start, (start+end)/2, end-1)
	}
	return offs
}

// mgSignedForm builds a urlencoded Routes post signed at ts, as Mailgun
// would send it.
func mgSignedForm(ts time.Time, fields url.Values) *connectors.Request {
	v := url.Values{}
	for k, vs := range fields {
		v[k] = vs
	}
	stamp := strconv.FormatInt(ts.Unix(), 10)
	token := fmt.Sprintf("tok%047d", ts.UnixNano())
	v.Set("timestamp", stamp)
	v.Set("token", token)
	v.Set("signature", connectors.SignMailgun(mailgunKey, stamp, token))
	h := http.Header{}
	h.Set("Content-Type", mgURLEncoded)
	return &connectors.Request{Method: http.MethodPost, Header: h, Body: []byte(v.Encode())}
}

// mgRunInbound plays the HTTP layer and the worker on one request.
func mgRunInbound(t *testing.T, c *connectors.MailgunInbound, req *connectors.Request, now time.Time) (connectors.Delivery, []lead.Inbound, []lead.Engagement) {
	t.Helper()
	require.NoError(t, c.Verify(req, now))
	ds, err := c.Parse(req)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	if ds[0].Type == connectors.DeliveryEngagement {
		es, err := c.DecodeEngagement(ds[0])
		require.NoError(t, err)
		return ds[0], nil, es
	}
	leads, err := c.Decode(ds[0])
	require.NoError(t, err)
	return ds[0], leads, nil
}

func TestMailgunInboundFreshlySigned(t *testing.T) {
	t.Parallel()
	c := newMailgunInbound(t)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	long := strings.Repeat("é", connectors.MaxMailgunMessageBytes) // two bytes each: twice the cap
	for _, tt := range []struct {
		name   string
		fields url.Values
		check  func(t *testing.T, d connectors.Delivery, leads []lead.Inbound, es []lead.Engagement)
	}{
		{
			name: "long message is cut at a rune boundary and flagged",
			fields: url.Values{
				"from": {"Bob <bob@example.com>"}, "Message-Id": {"<m1@example.com>"}, "body-plain": {long},
			},
			check: func(t *testing.T, d connectors.Delivery, leads []lead.Inbound, _ []lead.Engagement) {
				require.Len(t, leads, 1)
				require.Len(t, leads[0].Message, connectors.MaxMailgunMessageBytes)
				require.True(t, strings.HasPrefix(long, leads[0].Message))
				require.Equal(t, true, leads[0].Attributes["message_truncated"])
				require.Less(t, len(d.Payload), connectors.MaxMailgunMessageBytes+1024, "the payload keeps only the cut text")
			},
		},
		{
			name: "NUL bytes and broken UTF-8 are cleaned for storage",
			fields: url.Values{
				"from": {"Bob\x00 <bob@example.com>"}, "Message-Id": {"<m2@example.com>"}, "stripped-text": {"hi\x00 \xff there"},
				"subject": {"\xfe"},
			},
			check: func(t *testing.T, _ connectors.Delivery, leads []lead.Inbound, _ []lead.Engagement) {
				require.Equal(t, "hi \uFFFD there", leads[0].Message)
				require.Equal(t, "\uFFFD", leads[0].Attributes["subject"])
				require.Equal(t, "bob@example.com", leads[0].Email)
			},
		},
		{
			name: "reply address in upper case, display name and sender in mixed case",
			fields: url.Values{
				"recipient": {"Acme <REPLY+lead_42@mg.example.test>"}, "from": {"Bob <Bob@Example.COM>"},
				"Message-Id": {"<m3@example.com>"}, "In-Reply-To": {"<ours@mg.example.test> (sent by us)"}, "stripped-text": {"Yes"},
			},
			check: func(t *testing.T, d connectors.Delivery, _ []lead.Inbound, es []lead.Engagement) {
				require.Equal(t, connectors.DeliveryEngagement, d.Type)
				require.Equal(t, []lead.Engagement{{
					Kind: lead.EngagementReplied, ProviderEventID: "m3@example.com", Email: "bob@example.com",
					ContactRef: "lead_42", MessageID: "ours@mg.example.test", Text: "Yes", OccurredAt: now,
				}}, es)
			},
		},
		{
			name: "a new email keeps the sender's address as written and In-Reply-To for the worker",
			fields: url.Values{
				"recipient": {"sales@mg.example.test"}, "from": {"=?UTF-8?Q?Jos=C3=A9?= <Jose@Example.com>"},
				"Message-Id": {"m4@example.com"}, "In-Reply-To": {"<ours@mg.example.test>"},
			},
			check: func(t *testing.T, d connectors.Delivery, leads []lead.Inbound, _ []lead.Engagement) {
				require.Equal(t, connectors.DeliveryLead, d.Type)
				require.Equal(t, "m4@example.com", d.EventID)
				require.Equal(t, "José", leads[0].Name)
				require.Equal(t, "Jose@Example.com", leads[0].Email)
				require.Equal(t, "ours@mg.example.test", leads[0].InReplyTo)
				require.Equal(t, "email", leads[0].Channel)
				require.Equal(t, "mailgun-inbound", leads[0].Source)
				require.Equal(t, now, leads[0].OccurredAt)
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, leads, es := mgRunInbound(t, c, mgSignedForm(now, tt.fields), now.Add(time.Second))
			tt.check(t, d, leads, es)
		})
	}
}

func TestMailgunInboundLimits(t *testing.T) {
	t.Parallel()
	c := newMailgunInbound(t)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

	t.Run("too many urlencoded fields", func(t *testing.T) {
		req := mgSignedForm(now, url.Values{"from": {"a@example.com"}, "Message-Id": {"x@y"}})
		req.Body = append(req.Body, []byte(strings.Repeat("&a=b", 500))...)
		err := c.Verify(req, now)
		require.ErrorContains(t, err, "more than 500 form fields")
		_, err = c.Parse(req)
		require.True(t, connectors.IsKind(err, connectors.KindInvalid))
	})

	multipartReq := func(t *testing.T, attachments int) *connectors.Request {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		stamp := strconv.FormatInt(now.Unix(), 10)
		token := "tok-multipart-limits"
		for k, v := range map[string]string{
			"from": "Ada <ada@example.com>", "Message-Id": "<mp@example.com>", "timestamp": stamp, "token": token,
			"signature": connectors.SignMailgun(mailgunKey, stamp, token),
		} {
			require.NoError(t, w.WriteField(k, v))
		}
		for i := range attachments {
			fw, err := w.CreateFormFile(fmt.Sprintf("attachment-%d", i+1), fmt.Sprintf("file-%03d.txt", i+1))
			require.NoError(t, err)
			_, err = fw.Write([]byte("content"))
			require.NoError(t, err)
		}
		require.NoError(t, w.Close())
		h := http.Header{}
		h.Set("Content-Type", w.FormDataContentType())
		return &connectors.Request{Method: http.MethodPost, Header: h, Body: buf.Bytes()}
	}

	t.Run("attachment names are capped, the count is not", func(t *testing.T) {
		_, leads, _ := mgRunInbound(t, c, multipartReq(t, 60), now)
		require.Equal(t, 60, leads[0].Attributes["attachment_count"])
		names, ok := leads[0].Attributes["attachment_names"].([]string)
		require.True(t, ok)
		require.Len(t, names, 50)
		require.Equal(t, "file-001.txt", names[0])
	})

	t.Run("too many parts", func(t *testing.T) {
		req := multipartReq(t, 500)
		require.ErrorContains(t, c.Verify(req, now), "more than 500 form parts")
		_, err := c.Parse(req)
		require.ErrorContains(t, err, "more than 500 form parts")
	})
}

func TestMailgunInboundDecodeChecksType(t *testing.T) {
	t.Parallel()
	c := newMailgunInbound(t)
	now := time.Unix(mgReplyTimestamp+60, 0)
	ds, err := c.Parse(mgRequest(t, mgReplyFile, mgURLEncoded))
	require.NoError(t, err)
	require.Equal(t, connectors.DeliveryEngagement, ds[0].Type)

	_, err = c.Decode(ds[0])
	require.ErrorContains(t, err, `delivery type "engagement" carries no lead`)
	require.True(t, connectors.IsKind(err, connectors.KindInvalid))

	asLead := ds[0]
	asLead.Type = connectors.DeliveryLead
	leads, err := c.Decode(asLead)
	require.NoError(t, err, "a reply's payload is still a readable email")
	require.Equal(t, "ada@example.com", leads[0].Email)

	newEmail := mgSignedForm(now, url.Values{"from": {"a@example.com"}, "Message-Id": {"x@y"}, "recipient": {"leads@mg.example.test"}})
	ds, err = c.Parse(newEmail)
	require.NoError(t, err)
	ds[0].Type = connectors.DeliveryEngagement
	_, err = c.DecodeEngagement(ds[0])
	require.ErrorContains(t, err, "recipient: is not a reply+<ref>@ address")
}
